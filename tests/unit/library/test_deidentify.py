"""De-identification on a labelled corpus (tests/data/deidentify, five languages), through the whole publication:
the record, the library database and its WAL, and every file of the open-data ZIP.

The corpus's personal strings must all be gone (recall 1.000); its non-personal cases must come through as they
were, and every replacement must fall on something personal (precision, printed with the cases it got wrong).
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest

from nsc_workshop.errors import PrivacyError
from nsc_workshop.library import build_record, open_library, preview_publication
from nsc_workshop.library.deidentify import Deidentifier, fold
from nsc_workshop.library.opendata import export_open_data
from nsc_workshop.library.publish import _guard
from nsc_workshop.library.record import LibraryRecord
from nsc_workshop.model import Workshop

CORPUS = Path(__file__).resolve().parents[2] / "data" / "deidentify" / "corpus.jsonl"


def corpus() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


def found(needle: str, haystack: str) -> bool:
    """Whether ``needle`` stands in ``haystack`` as a word of its own, both composed and case-folded ("Li" is not
    found in "library": a personal string is searched where it could be read as itself)."""
    return re.search(rf"(?<!\w){re.escape(fold(needle))}(?!\w)", fold(haystack)) is not None


# Where a case's text is written in its workshop: every kind of field a record carries, free and enum-like.
FIELDS = [
    ("idea", lambda w, x: w["sprint"]["ideas"].append({"id": "i1", "text": x})),
    ("finding", lambda w, x: w["sprint"]["findings"].append({"id": "f1", "text": x})),
    ("hmw", lambda w, x: w["framing"]["hmw_notes"].append({"id": "h1", "text": x})),
    ("summary", lambda w, x: w["meta"].update(summary=x)),
    ("problem", lambda w, x: w["framing"].update(problem_statement=x)),
    ("action lead", lambda w, x: w["sprint"]["actions"].append({"id": "a1", "action": "Follow up", "lead": x})),
    ("actor sector", lambda w, x: w["actors"].append({"id": "x1", "name": "Nordbyen youth club", "sector": x})),
    ("tie type", lambda w, x: w["ties"].append({"id": "t1", "source": "o1", "target": "o2", "type": x})),
    ("participant sector", lambda w, x: w["participants"].append({"id": "p9", "handle": "table-9", "sector": x})),
    ("tag", lambda w, x: w["meta"]["tags"].append(x)),
    ("rationale", lambda w, x: w["sprint"].update(decision_rationale=x)),
    (
        "indicator source",
        lambda w, x: w["sprint"]["indicators"].append({"id": "n1", "name": "Reports", "data_source": x}),
    ),
    ("idea theme", lambda w, x: w["sprint"]["ideas"].append({"id": "i2", "text": "Open late", "theme": x})),
    ("contact role", lambda w, x: w["publication"].update(contact_role=x)),
    ("recruitment", lambda w, x: w["publication"].update(recruitment=x)),
    ("outcomes", lambda w, x: w["publication"].update(outcomes=x)),
]


def workshop_of(case: dict[str, Any], n: int) -> tuple[Workshop, str]:
    """A public workshop holding the case's text in one field, its names as handles, person actors or hidden names."""
    data: dict[str, Any] = {
        "id": f"corpus-{n:03d}",
        "meta": {
            "title": "Hate online",
            "city": "Kettilsby",
            "country": "Sweden",
            "sensitivity": "public",
            "tags": [],
            "language": case["lang"],
        },
        "participants": [],
        "framing": {"hmw_notes": []},
        "actors": [{"id": "o1", "name": "Kettilsby library"}, {"id": "o2", "name": "Kettilsby police district"}],
        "ties": [],
        "sprint": {"ideas": [], "findings": [], "actions": [], "indicators": []},
        "publication": {"hidden_names": []},
    }
    for k, name in enumerate(case["names"]):
        source = (n + k) % 3
        if source == 0:
            data["participants"].append({"id": f"p{k}", "handle": name})
        elif source == 1:
            data["actors"].append({"id": f"person{k}", "name": name, "kind": "person"})
        else:
            data["publication"]["hidden_names"].append(name)
    text = unicodedata.normalize("NFC", case["text"]) if "\n" in case["text"] else case["text"]
    label, put = FIELDS[n % len(FIELDS)]
    put(data, text)
    return Workshop.model_validate(data), label


def test_the_corpus_is_what_the_readme_says():
    cases = corpus()
    assert len(cases) >= 300 and len({c["id"] for c in cases}) == len(cases)
    for language in ("en", "sv", "da", "nb", "fi"):
        assert sum(c["lang"] == language for c in cases) >= 50, language
    for case in cases:
        for part in (*case["personal"], *case.get("keep", [])):
            assert part in case["text"], case["id"]


def test_every_personal_string_is_gone_from_the_record_the_database_and_the_open_data(tmp_path: Path, capsys):
    cases = corpus()
    library = open_library(tmp_path / "library.db")
    left: list[str] = []
    changed: list[str] = []
    wrong: list[str] = []
    replacements = 0
    for n, case in enumerate(cases):
        workshop, label = workshop_of(case, n)
        preview = preview_publication(workshop)
        assert preview.record is not None, case["id"]
        text = preview.record_json()
        left += [f"{case['id']} ({label}): {p!r}" for p in case["personal"] if found(p, text)]
        if not case["personal"] and not found(case["text"], text):
            changed.append(f"{case['id']} ({label})")
        for r in preview.replaced:
            replacements += 1
            if not any(found(p, r.original) or found(r.original, p) for p in case["personal"]):
                wrong.append(f"{case['id']} ({label}): {r.original!r} taken for {r.kind}")
        library.publish(preview.record)
    zip_path = export_open_data(library, tmp_path / "open-data.zip")
    library.close()
    stored = "".join(p.read_bytes().decode("utf-8", "replace") for p in tmp_path.glob("library.db*"))
    with zipfile.ZipFile(zip_path) as archive:  # every data file and the licence list (README.md: the kit's own text)
        files = {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name != "README.md"}
    assert len(files) >= 11
    personal = [p for c in cases for p in c["personal"]]
    # One file holds every case: a personal string that another case uses as an ordinary word (the town of Lund,
    # a surname in one case) cannot be told apart in it; those are checked in their own record above only.
    elsewhere = (
        " ".join(c["text"] for c in cases if not c["personal"])
        + " "
        + " ".join(k for c in cases for k in c.get("keep", []))
    )
    personal = [p for p in personal if not found(p, elsewhere)]
    in_db = [p for p in personal if found(p, stored)]
    in_zip = [f"{p!r} in {name}" for p in personal for name, body in files.items() if found(p, body)]
    negatives = sum(1 for c in cases if not c["personal"])
    with capsys.disabled():
        print(
            f"\nde-identification on {len(cases)} cases ({len(personal)} personal strings, {negatives} negative cases):"
            f" recall {1 - len(left) / len(personal):.3f} in the records ({len(left)} left), {len(in_db)} in the"
            f" library's database and WAL, {len(in_zip)} in the open data; precision: {len(changed)} of {negatives}"
            f" negative cases changed, {len(wrong)} of {replacements} replacements not personal"
        )
        for line in [*changed, *wrong]:
            print("  got wrong:", line)
    assert left == [] and in_db == [] and in_zip == []
    assert "Kettilsby library" in stored and any("Kettilsby library" in body for body in files.values())


def test_ids_made_from_names_never_leave():
    workshop = Workshop.model_validate(
        {
            "id": "astrid-solberg-map",
            "meta": {"title": "Map", "city": "Kettilsby", "country": "Sweden", "sensitivity": "public"},
            "participants": [{"id": "p1", "handle": "Astrid Solberg"}],
            "actors": [
                {"id": "AstridSolberg", "name": "Astrid Solberg", "kind": "person"},
                {"id": "yusuf_ahmed", "name": "Youth club"},
            ],
            "ties": [{"id": "AstridSolberg-yusuf_ahmed", "source": "AstridSolberg", "target": "yusuf_ahmed"}],
        }
    )
    record = build_record(workshop)
    text = record.model_dump_json()
    assert not found("astrid", text) and not found("solberg", text) and not found("yusuf", text)
    assert [a.id for a in record.actors] == ["actor-1", "actor-2"] and record.ties[0].id == "tie-1"
    assert record.id.startswith("rec-") and record.id == build_record(workshop).id  # the same when published again


def test_a_name_the_team_keeps_is_kept_and_shown_in_the_preview():
    data = {
        "id": "kept",
        "meta": {
            "title": "Map",
            "city": "Kettilsby",
            "country": "Sweden",
            "sensitivity": "public",
            "summary": "Astrid Solberg met Solberg Street Youth Club; Solbergs idé var bäst.",
        },
        "participants": [{"id": "p1", "handle": "Astrid Solberg"}],
    }
    replaced = preview_publication(Workshop.model_validate(data))
    assert replaced.record is not None and "Solberg Street" not in replaced.record.summary
    data["publication"] = {"kept_terms": ["Solberg Street Youth Club"]}
    kept = preview_publication(Workshop.model_validate(data))
    assert kept.record is not None
    assert kept.record.summary == "Participant 1 met Solberg Street Youth Club; Participant 1:s idé var bäst."
    assert [(r.field, r.kind, r.replacement) for r in kept.replaced] == [
        ("summary", "name", "Participant 1"),
        ("summary", "name", "Participant 1:s"),
    ]
    assert kept.rows()[0][2] == "a person's name"


def test_the_last_guard_names_the_field_and_the_kind_never_the_value():
    record = build_record(
        Workshop.model_validate(
            {"id": "g", "meta": {"title": "T", "city": "Kettilsby", "country": "Sweden", "sensitivity": "public"}}
        )
    )
    leaking = record.model_copy(update={"summary": "Ring Astrids mamma på 070-123 45 67", "tags": ["astrid_solberg"]})
    with pytest.raises(PrivacyError) as refused:
        _guard(LibraryRecord.model_validate(leaking.model_dump()), Deidentifier({"Astrid Solberg": "Person 1"}))
    message = refused.value.message
    assert "summary" in message and "tags[0]" in message and "telephone number" in message
    assert "Astrid" not in message and "070" not in message and "solberg" not in message.casefold()


def test_the_open_data_is_searched_again_before_it_is_written(tmp_path: Path):
    """A record stored before the pass existed (or written by hand) with a telephone number: no export."""
    from nsc_workshop.testing import make_record

    library = open_library(tmp_path / "library.db")
    record = make_record(1, record_id="rec-0000000000000001").model_copy(
        update={"sensitivity": "public", "outcomes": "Call the coordinator on +47 412 34 567 for more."}
    )
    library.publish(record)
    with pytest.raises(PrivacyError) as refused:
        export_open_data(library, tmp_path / "open-data.zip")
    library.close()
    assert "records.csv" in refused.value.message and "telephone number" in refused.value.message
    assert "412" not in refused.value.message
    assert not (tmp_path / "open-data.zip").exists()
