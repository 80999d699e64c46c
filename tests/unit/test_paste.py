"""Pasting actors from a spreadsheet: headers and sector names in any language the kit speaks."""

from nsc_workshop.i18n import t, use_language
from nsc_workshop.paste import parse_actor_rows


def test_headers_in_english_or_in_any_nordic_language_with_or_without_the_scale():
    swedish = parse_actor_rows("Namn\tSektor\tInflytande\tIntresse\nPolisen i Saltmo\tpolice\t8\t5\n")
    assert swedish.actors == [{"name": "Polisen i Saltmo", "sector": "police", "influence": 8, "interest": 5}]
    finnish_label = t("actor.field.influence", lang="fi")
    finnish = parse_actor_rows(f"{t('actor.field.name', lang='fi')};{finnish_label}\nPoliisi;7\n")
    assert finnish.actors == [{"name": "Poliisi", "influence": 7}] and finnish.problems == []
    english = parse_actor_rows("Name,Influence (0-10)\nYouth club,3\n")
    assert english.actors == [{"name": "Youth club", "influence": 3}]


def test_sector_labels_in_any_language_become_the_sector_id():
    danish_youth = t("dataset.sectors.youth_work.label", lang="da")
    with use_language("en"):
        pasted = parse_actor_rows(f"Name\tSector\nUngdomsklubben\t{danish_youth}\nOther\tnot a sector\n")
    assert [a["sector"] for a in pasted.actors] == ["youth_work", "not a sector"]
