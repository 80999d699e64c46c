"""Every message goes through the catalog, and every key the code uses is in it."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import nsc_workshop.errors as errors
from nsc_workshop.i18n import available_languages, catalog, t, use_language

PACKAGE = Path(errors.__file__).resolve().parent


def _literal_keys() -> set[str]:
    """Message keys written literally in the code: t("..."), SomeError("..."), error keys."""
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                first = node.args[0]
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if (
                    isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                    and (name == "t" or name.endswith(("Error", "Input", "Command", "NotFound", "Exists")))
                    and "." in first.value
                    and " " not in first.value
                ):
                    keys.add(first.value)
            if (
                isinstance(node, ast.Assign)
                and any(getattr(target, "id", "") == "key" for target in node.targets)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                keys.add(node.value.value)
    return keys


def test_every_literal_key_is_in_the_english_catalog():
    keys = _literal_keys()
    assert len(keys) > 60  # the scan finds the keys (a broken scan would pass vacuously)
    missing = sorted(k for k in keys if k not in catalog("en"))
    assert missing == []


def test_every_error_class_has_a_message():
    for name in errors.__all__:
        cls = getattr(errors, name)
        if isinstance(cls, type) and issubclass(cls, errors.NscWorkshopError):
            assert cls.key in catalog("en"), name


def test_collection_kinds_and_sections_have_labels():
    from nsc_workshop.model import COLLECTIONS, SECTIONS

    for kind in COLLECTIONS:
        assert f"kind.{kind}" in catalog("en")
    for section in SECTIONS:
        assert f"section.{section}" in catalog("en")


def test_placeholders_and_plurals():
    assert t("error.vote.budget", budget=3, used=3, round="ideas").startswith("You have used 3 of your 3 votes")
    assert t("error.more_problems", count=1) == "...and 1 more problem"
    assert t("error.more_problems", count=4) == "...and 4 more problems"
    assert t("error.workshop.exists") == "A workshop with the id '{workshop}' already exists. " + (
        "Import it as a new workshop, or replace the existing one."
    )  # a missing parameter is shown, never a crash
    assert t("no.such.key") == "no.such.key"


def test_a_new_language_needs_only_a_catalog_file():
    import nsc_workshop.locales as locales

    folder = Path(locales.__file__).parent / "xx"
    folder.mkdir()
    added = folder / "core.json"
    added.write_text(json.dumps({"app.name": "NSC Työpaja (xx)"}), "utf-8")
    try:
        available_languages.cache_clear()
        catalog.cache_clear()
        assert "xx" in available_languages()
        with use_language("xx"):
            assert t("app.name") == "NSC Työpaja (xx)"
            assert t("home.refresh") == "Refresh"  # missing keys fall back to English
    finally:
        added.unlink()
        folder.rmdir()
        available_languages.cache_clear()
        catalog.cache_clear()


@pytest.mark.parametrize("language", available_languages())
def test_catalogs_are_flat_string_maps(language):
    for key, value in catalog(language).items():
        assert isinstance(key, str)
        assert isinstance(value, str) or (isinstance(value, dict) and "other" in value)


def test_a_how_might_we_note_counts_its_dots_with_plural_forms():
    with use_language("en"):
        assert t("summary.hmw_row", text="Be there at night?", count=1) == "Be there at night? (1 dot)"
        assert t("summary.hmw_row", text="Be there at night?", count=3) == "Be there at night? (3 dots)"
    with use_language("fi"):
        assert t("summary.hmw_row", text="x", count=1) == "x (1 piste)"
        assert t("summary.hmw_row", text="x", count=2) == "x (2 pistettä)"
