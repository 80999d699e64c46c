"""Every language has every message, with the same placeholders and its own plural forms."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from babel import Locale

import nsc_workshop.locales as locales
from nsc_workshop.datasets import data_dir
from nsc_workshop.i18n import catalog

LANGUAGES = ("sv", "da", "nb", "fi")
"""The Nordic languages the kit speaks besides English (issue 8)."""

FOLDER = Path(locales.__file__).parent


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def _forms(value: str | dict[str, str]) -> dict[str, str]:
    return value if isinstance(value, dict) else {"other": value}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_file_and_key_is_translated(language):
    english_files = sorted(p.name for p in (FOLDER / "en").glob("*.json"))
    assert sorted(p.name for p in (FOLDER / language).glob("*.json")) == english_files
    for name in english_files:
        english = json.loads((FOLDER / "en" / name).read_text("utf-8"))
        theirs = json.loads((FOLDER / language / name).read_text("utf-8"))
        assert sorted(set(english) - set(theirs)) == [], f"{language}/{name} misses these keys"
        assert sorted(set(theirs) - set(english)) == [], f"{language}/{name} has keys English has not"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_plural_forms_match_english(language):
    english, theirs = catalog("en"), catalog(language)
    plural_forms = set(Locale.parse(language).plural_form.tags) | {"other"}
    for key, value in english.items():
        if key not in theirs:
            continue
        wanted = set().union(*(_fields(v) for v in _forms(value).values()))
        for form, text in _forms(theirs[key]).items():
            assert _fields(text) <= wanted | {"count"}, f"{language}: {key} [{form}] has unknown placeholders"
            assert form in plural_forms, f"{language}: {key} has the plural form {form!r}"
        if isinstance(value, dict):
            assert isinstance(theirs[key], dict) and "other" in theirs[key], f"{language}: {key} needs plural forms"
        for name in wanted - {"count"}:
            assert any(name in _fields(v) for v in _forms(theirs[key]).values()), f"{language}: {key} lost {{{name}}}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_are_not_english_left_in_place(language):
    english, theirs = catalog("en"), catalog(language)
    same = [k for k, v in english.items() if isinstance(v, str) and len(v.split()) >= 4 and theirs.get(k) == v]
    assert len(same) <= 0.02 * len(english), f"{language}: {len(same)} long messages left in English, e.g. {same[:5]}"


def test_the_english_dataset_catalog_is_the_datasets_text():
    english = json.loads((FOLDER / "en" / "datasets.json").read_text("utf-8"))
    found: dict[str, str] = {}
    for name in ("blueprint_areas", "sectors", "tie_types", "wickedness", "sprint_templates"):
        for row in json.loads((data_dir() / f"{name}.json").read_text("utf-8")):
            for field in ("label", "description", "prompt"):
                if isinstance(row.get(field), str):
                    found[f"dataset.{name}.{row['id']}.{field}"] = row[field]
            for index, item in enumerate(row.get("items", [])):
                found[f"dataset.sprint_templates.{row['id']}.{index}.title"] = item["title"]
                if item.get("note"):
                    found[f"dataset.sprint_templates.{row['id']}.{index}.note"] = item["note"]
    assert english == found
