"""Publishing: what leaves a city, and what never does (the issue's must-show on privacy)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from nsc_workshop.datasets import load_sample
from nsc_workshop.errors import PublishRefused
from nsc_workshop.library import build_record, open_library, preview_publication
from nsc_workshop.model import Workshop

PERSONAL = [
    "Astrid Solberg",
    "Astrid",
    "Solberg",
    "Jonas Berg-Nilsen",
    "Berg-Nilsen",
    "guest-48213",
    "Maren Kvalvik",
    "Kvalvik",
    "Pelle Jansson",
    "Jansson",
    "astrid.solberg@example.org",
    "912 34 567",
    "his son was threatened",
    "lives above the kiosk",
    "private hunch about the imam",
    "phone tree kept by Ola",
]


def personal_workshop(sensitivity: str = "public") -> Workshop:
    """A workshop full of names and notes that must never leave the city."""
    return Workshop.model_validate(
        {
            "id": "privacy-test",
            "meta": {
                "title": "Hate at the youth club",
                "city": "Kettilsby",
                "country": "Sweden",
                "sensitivity": sensitivity,
                "summary": "Led by Astrid Solberg with the youth club.",
                "blueprint_areas": ["youth"],
            },
            "participants": [
                {"id": "p1", "handle": "Astrid Solberg", "role": "facilitator"},
                {"id": "p2", "handle": "Jonas Berg-Nilsen", "role": "participant", "sector": "police"},
                {"id": "p3", "handle": "guest-48213", "role": "participant"},
            ],
            "framing": {
                "problem_statement": "Young people at the club meet hate online; Jonas saw it first.",
                "hmw_notes": [
                    {"id": "hmw_1", "text": "How might we make reporting easy?", "author": "Jonas Berg-Nilsen"},
                    {"id": "hmw_2", "text": "HMW help the boy who lives above the kiosk", "author": "guest-48213"},
                ],
                "iceberg_notes": [
                    {
                        "id": "ice_1",
                        "layer": "events",
                        "text": "A private hunch about the imam",
                        "author": "Astrid Solberg",
                    }
                ],
            },
            "actors": [
                {
                    "id": "a1",
                    "name": "Kettilsby Youth Club",
                    "sector": "youth_work",
                    "notes": "Call Astrid at astrid.solberg@example.org or +46 912 34 567",
                },
                {"id": "a2", "name": "Maren Kvalvik", "kind": "person", "sector": "schools"},
                {"id": "a3", "name": "Police, Kettilsby", "sector": "police", "attributes": {"contact": "Pelle"}},
            ],
            "ties": [
                {"id": "t1", "source": "a1", "target": "a2", "notes": "Maren trusts Astrid"},
                {"id": "t2", "source": "a1", "target": "a3"},
            ],
            "sprint": {
                "ideas": [
                    {"id": "i1", "text": "Astrid's idea: a reporting button", "author": "Astrid Solberg"},
                    {"id": "i2", "text": "A phone tree kept by Ola", "author": "guest-48213"},
                    {"id": "i3", "text": "Secret plan", "author": "Jonas Berg-Nilsen", "private": True},
                ],
                "chosen_concept": "i1",
                "prototype_roles": [{"id": "r1", "role": "maker", "who": "Maren Kvalvik"}],
                "findings": [
                    {"id": "f1", "text": "Interviewee Pelle Jansson said his son was threatened"},
                    {"id": "f2", "text": "Pupils liked the button; ring 912 34 567 for more"},
                ],
                "actions": [{"id": "ap1", "action": "Build the button", "lead": "Jonas Berg-Nilsen"}],
            },
            "publication": {
                "status": "tested",
                "contact_role": "youth club coordinator",
                "personal_items": ["f1", "hmw_2", "ice_1", "i2"],
                "hidden_names": ["Pelle Jansson", "Ola"],
            },
        }
    )


def _leaks(text: str) -> list[str]:
    folded = text.casefold()
    return [s for s in PERSONAL if s.casefold() in folded]


def test_the_record_holds_no_personal_name_or_note():
    preview = preview_publication(personal_workshop())
    assert preview.refused is None
    text = preview.record_json()
    assert _leaks(text) == []
    record = preview.record
    # What the team made is there, with people replaced by roles and pseudonyms.
    assert "Facilitator 1's idea: a reporting button" in [i.text for i in record.ideas]
    assert record.chosen_concept == "Facilitator 1's idea: a reporting button"
    assert [a.name for a in record.actors] == ["Kettilsby Youth Club", "Person 1", "Police, Kettilsby"]
    assert [a.id for a in record.actors] == ["actor-1", "actor-2", "actor-3"]  # new ids: never the workshop's
    assert [(t.id, t.source, t.target) for t in record.ties] == [("tie-1", "actor-1", "actor-2"),
                                                                 ("tie-2", "actor-1", "actor-3")]  # fmt: skip
    assert record.id.startswith("rec-") and "privacy" not in record.id
    assert record.actions[0].lead == "Participant 1"
    assert [f.text for f in record.findings] == ["Pupils liked the button; ring [phone removed] for more"]
    assert record.participants_by_role == {"facilitator": 1, "participant": 2}
    assert record.participants_by_sector == {"police": 1}
    assert record.how_might_we == ["How might we make reporting easy?"]
    assert "Secret plan" not in text  # a private idea never revealed
    # The preview says what was replaced (field, kind, pseudonym) and what was kept back.
    assert ("Astrid Solberg", "Facilitator 1") in preview.names
    assert any(r.field == "summary" and r.kind == "name" and r.replacement == "Facilitator 1" for r in preview.replaced)
    assert any(r.field == "findings[0].text" and r.kind == "phone" for r in preview.replaced)
    assert any("marked personal" in why for _what, why in preview.left_out)


def test_nothing_personal_reaches_the_library_database_or_the_open_data(tmp_path: Path):
    from nsc_workshop.library.opendata import export_open_data

    path = tmp_path / "library.db"
    library = open_library(path)
    library.publish(build_record(personal_workshop()))
    library.publish(build_record(personal_workshop()))  # a second version replaces the first
    assert library.search("reporting button")[0].id == build_record(personal_workshop()).id
    zip_path = export_open_data(library, tmp_path / "open-data.zip")
    library.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("library.db*"))
    assert b"Kettilsby Youth Club" in raw  # the published part is there...
    assert _leaks(raw.decode("utf-8", "replace")) == []  # ...and nothing personal, in any table or page
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        contents = "".join(archive.read(n).decode("utf-8") for n in names)
    assert "Kettilsby Youth Club" in contents
    assert _leaks(contents) == []


def test_a_restricted_workshop_cannot_be_published(tmp_path: Path):
    workshop = personal_workshop("restricted")
    preview = preview_publication(workshop)
    assert preview.record is None and "restricted" in (preview.refused or "")
    with pytest.raises(PublishRefused):
        build_record(workshop)
    with pytest.raises(PublishRefused):
        build_record(workshop, sensitivity="public")  # no override lifts it
    network = personal_workshop("network")
    with pytest.raises(PublishRefused):
        build_record(network, sensitivity="public")  # never wider than its own level
    assert build_record(network).sensitivity == "network"


def test_the_sample_workshop_publishes_without_any_participant_handle():
    sample = load_sample()
    record = build_record(sample)
    text = record.model_dump_json()
    handles = [p.handle for p in sample.participants.values() if p.handle not in record.participants_by_role]
    assert len(handles) > 10 and not [h for h in handles if h in text]
    assert len(record.actors) == len(sample.actors)
    assert json.loads(text)["sensitivity"] == "network"
