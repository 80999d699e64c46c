"""The library's database: publishing, search, filters, similar cases and aggregation, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from nsc_workshop.errors import InvalidInput, PublishRefused, RecordNotFound
from nsc_workshop.library import Library, open_library
from nsc_workshop.library import aggregate as agg
from nsc_workshop.library.record import RecordActor, RecordIdea, RecordTie
from nsc_workshop.testing import make_record, synthetic_records

pytestmark = pytest.mark.both_backends


@pytest.fixture
def library(nsc_store_url: str) -> Iterator[Library]:
    lib = open_library(nsc_store_url)
    try:
        yield lib
    finally:
        lib.close()


EMPTY = {
    "summary": "", "problem_statement": "", "how_might_we": [], "long_term_goal": "", "actors": [], "ties": [],
    "ideas": [], "tags": [], "chosen_concept": "", "theory_of_change": [], "actions": [],
}  # fmt: skip


def plain(seed: int, **fields: object):
    """A record with only the texts given (the factory's own texts left out)."""
    return make_record(seed, **{**EMPTY, **fields})


def _actors(*names: str) -> list[RecordActor]:
    return [RecordActor(id=f"a{i}", name=n, sector="police" if "olice" in n else "") for i, n in enumerate(names)]


def test_publishing_again_makes_a_new_version_and_replaces_every_row(library: Library):
    first = library.publish(make_record(1, record_id="hate-online", city="Saltmo", title="Online hate in Saltmo"))
    assert first.version == 1
    second = library.publish(make_record(2, record_id="hate-online", city="Saltmo", title="Hate online, revisited"))
    assert second.version == 2 and library.count() == 1
    assert library.get("hate-online").title == "Hate online, revisited"
    assert [h.id for h in library.search("revisited")] == ["hate-online"]
    assert [h.id for h in library.search("saltmo revisited")] == ["hate-online"]  # the city is searchable too
    assert library.search("revisited hate")[0].version == 2


def test_a_record_of_another_city_under_the_same_id_is_refused(library: Library):
    library.publish(make_record(1, record_id="youth", city="Saltmo"))
    with pytest.raises(PublishRefused) as caught:
        library.publish(make_record(1, record_id="youth", city="Tallmo"))
    assert "Saltmo" in caught.value.message
    assert library.get("youth").city == "Saltmo"


def test_search_matches_every_word_as_a_word_or_its_beginning_and_ranks_the_title_first(library: Library):
    library.publish(plain(1, record_id="r-title", title="Police and youth in dialogue", summary="x"))
    library.publish(plain(2, record_id="r-body", title="Safe evenings", summary="The police met youth workers."))
    library.publish(plain(3, record_id="r-none", title="Library hours", summary="Books for youth."))
    hits = library.search("polic youth")
    ids = [h.id for h in hits]
    assert ids[:2] == ["r-title", "r-body"] and "r-none" not in ids
    assert hits[0].score > hits[1].score
    assert set(hits[0].matched) >= {"police", "youth"}
    assert library.search("zzzz") == []
    assert library.search("POLICE")[0].id in {"r-title", "r-body"}  # case does not matter


def test_filters_narrow_the_results(library: Library):
    library.publish(
        make_record(
            1,
            record_id="a",
            city="Saltmo",
            blueprint_areas=["digital"],
            status="piloted",
            evidence="evaluated",
            start_date=dt.date(2024, 3, 1),
            end_date=None,
            prevention_levels=["primary"],
        )
    )
    library.publish(
        make_record(
            2,
            record_id="b",
            city="Tallmo",
            blueprint_areas=["youth"],
            status="idea",
            evidence="none",
            start_date=dt.date(2025, 6, 1),
            end_date=None,
            prevention_levels=["secondary"],
        )
    )
    assert [h.id for h in library.search(city="Saltmo")] == ["a"]
    assert [h.id for h in library.search(area="youth")] == ["b"]
    assert [h.id for h in library.search(area=["youth", "digital"])] == ["b", "a"]  # newest first
    assert [h.id for h in library.search(status="piloted")] == ["a"]
    assert [h.id for h in library.search(evidence=["none"])] == ["b"]
    assert [h.id for h in library.search(prevention="secondary")] == ["b"]
    assert [h.id for h in library.search(since="2025-01-01")] == ["b"]
    assert [h.id for h in library.search(until=dt.date(2024, 12, 31))] == ["a"]
    assert library.search("", country="Nowhere") == []
    with pytest.raises(InvalidInput) as caught:
        library.search(area="moon")
    assert "moon" in caught.value.message and "digital" in caught.value.message
    with pytest.raises(InvalidInput):
        library.search(since="last spring")


def test_the_public_audience_sees_public_records_only(library: Library):
    library.publish(make_record(1, record_id="pub", sensitivity="public"))
    library.publish(make_record(2, record_id="net", sensitivity="network"))
    assert {h.id for h in library.search()} == {"pub", "net"}
    assert [h.id for h in library.search(audience="public")] == ["pub"]
    assert [r.id for r in library.records(audience="public")] == ["pub"]


def test_similar_cases_rank_the_same_problem_actors_and_ideas_first(library: Library):
    library.publish_many(synthetic_records(40))
    shared = {
        "problem_statement": "Gamers in Saltmo spread antisemitic memes in voice chat lobbies.",
        "summary": "Antisemitic memes in gaming voice chats.",
        "actors": _actors("Gaming Guild Saltmo", "Police, Saltmo", "Esport Academy"),
        "ideas": [RecordIdea(id="i1", text="Moderator training for esport captains", theme="training")],
        "ties": [],
    }
    library.publish(plain(100, record_id="twin-a", city="Saltmo", **shared))
    library.publish(plain(101, record_id="twin-b", city="Tallmo", **shared))
    similar = library.similar("twin-a")
    assert similar[0].record.id == "twin-b"
    assert similar[0].score > similar[1].score
    assert similar[0].facets["problem"] > 0.9 and similar[0].facets["ideas"] > 0.5
    assert "antisemitic" in similar[0].shared["problem"]
    assert all(s.record.id != "twin-a" for s in similar)
    with pytest.raises(RecordNotFound):
        library.similar("nope")


def test_withdraw_removes_a_record_and_its_rows(library: Library):
    library.publish(make_record(1, record_id="gone", title="Hate at the harbour"))
    library.withdraw("gone")
    assert library.count() == 0 and library.search("harbour") == []
    assert agg.coverage(library) == {}
    with pytest.raises(RecordNotFound):
        library.get("gone")


def test_coverage_counts_each_area_by_city_and_year(library: Library):
    library.publish(make_record(1, record_id="a", city="Saltmo", blueprint_areas=["youth", "digital"],
                                start_date=dt.date(2024, 1, 1), end_date=None))  # fmt: skip
    library.publish(make_record(2, record_id="b", city="Saltmo", blueprint_areas=["youth"],
                                start_date=dt.date(2025, 1, 1), end_date=None))  # fmt: skip
    by_city = agg.coverage(library)
    assert by_city["Saltmo"]["youth"] == 2 and by_city["Saltmo"]["digital"] == 1 and by_city["Saltmo"]["democracy"] == 0
    assert agg.coverage(library, "year") == {
        "2024": {"democracy": 0, "digital": 1, "youth": 1, "diversity": 0, "neighbourhoods": 0, "governance": 0},
        "2025": {"democracy": 0, "digital": 0, "youth": 1, "diversity": 0, "neighbourhoods": 0, "governance": 0},
    }


def test_recurring_actors_merge_spellings_within_a_city_and_reviewers_decide(library: Library):
    library.publish(make_record(1, record_id="r1", city="Saltmo", actors=_actors("Police, Saltmo", "Saltmo FC"),
                                ties=[RecordTie(id="t", source="a0", target="a1")]))  # fmt: skip
    library.publish(make_record(2, record_id="r2", city="Saltmo", actors=_actors("Saltmo police district", "Saltmo FC"),
                                ties=[RecordTie(id="t", source="a0", target="a1")]))  # fmt: skip
    library.publish(make_record(3, record_id="r3", city="Tallmo", actors=_actors("Police, Tallmo"), ties=[]))
    recurring = agg.recurring_actors(library)
    police = next(a for a in recurring if "Police, Saltmo" in a.names)
    assert set(police.names) == {"Police, Saltmo", "Saltmo police district"} and police.records == ("r1", "r2")
    assert all("Police, Tallmo" not in a.names for a in recurring)  # another city's police is another actor
    suggestion = next(s for s in agg.merge_suggestions(library) if {s.a_name, s.b_name} >= {"Police, Saltmo"})
    library.decide(suggestion.a, suggestion.b, same=False)
    assert all(
        "Saltmo police district" not in a.names or len(a.names) == 1
        for a in agg.recurring_actors(library, min_records=1)
    )
    assert all({s.a, s.b} != {suggestion.a, suggestion.b} for s in agg.merge_suggestions(library))
    library.decide(suggestion.a, suggestion.b, same=True)
    assert any(set(a.names) == {"Police, Saltmo", "Saltmo police district"} for a in agg.recurring_actors(library))


def test_the_alliance_map_joins_the_maps_and_keeps_each_ties_provenance(library: Library):
    tie = [RecordTie(id="t1", source="a0", target="a1", type="collaborates", sign=1)]
    library.publish(
        make_record(1, record_id="r1", city="Saltmo", actors=_actors("Police, Saltmo", "Saltmo FC"), ties=tie)
    )
    library.publish(
        make_record(2, record_id="r2", city="Saltmo", actors=_actors("Saltmo Police", "Saltmo FC"), ties=tie)
    )
    library.publish(
        make_record(3, record_id="r3", city="Tallmo", actors=_actors("Police, Tallmo", "Tallmo FC"), ties=tie)
    )
    alliance = agg.alliance_map(library)
    graph = alliance.graph
    assert graph.number_of_nodes() == 4
    names = {spelling: node for node, data in graph.nodes(data=True) for spelling in data["names"]}
    police, club = names["Police, Saltmo"], names["Saltmo FC"]
    assert names["Saltmo Police"] == police
    edges = graph.get_edge_data(police, club)
    (edge,) = edges.values()
    assert edge["weight"] == 2.0 and edge["sign"] == 1
    assert sorted((p["record_id"], p["tie_id"]) for p in alliance.provenance(club, police)) == [
        ("r1", "t1"),
        ("r2", "t1"),
    ]
    assert graph.nodes[police]["cities"] == ["Saltmo"] and graph.nodes[police]["records"] == 2
    assert agg.alliance_map(library, min_records=2).graph.number_of_nodes() == 2


def test_idea_themes_recur_across_cities(library: Library):
    ideas = [RecordIdea(id="i1", text="Peer mentors in class", theme="Peer support"),
             RecordIdea(id="i2", text="An anonymous reporting button in the app")]  # fmt: skip
    library.publish(make_record(1, record_id="r1", city="Saltmo", ideas=ideas))
    library.publish(make_record(2, record_id="r2", city="Tallmo", ideas=[
        RecordIdea(id="i1", text="Older pupils as mentors", theme="peer support!"),
        RecordIdea(id="i2", text="Anonymous reporting for victims")]))  # fmt: skip
    library.publish(
        make_record(
            3, record_id="r3", city="Tallmo", ideas=[RecordIdea(id="i1", text="Night walkers", theme="safe spaces")]
        )
    )
    themes = agg.idea_themes(library)
    by_name = {t.theme: t for t in themes}
    assert by_name["Peer support"].cities == ("Saltmo", "Tallmo") and by_name["Peer support"].ideas == 2
    assert by_name["anonymous reporting"].source == "words" and by_name["anonymous reporting"].records == 2
    assert "safe spaces" not in by_name  # one city only


def test_on_a_hub_a_city_replaces_and_withdraws_only_what_it_published(nsc_store_url: str):
    from nsc_workshop.access import Scope
    from nsc_workshop.errors import NotPermitted

    opened = {name: open_library(nsc_store_url, scope=scope) for name, scope in [
        ("varnholm", Scope.of_city("varnholm")), ("ostervik", Scope.of_city("ostervik")),
        ("secretariat", Scope.nothing()),
    ]}  # fmt: skip
    try:
        varnholm, ostervik, secretariat = opened["varnholm"], opened["ostervik"], opened["secretariat"]
        varnholm.publish(make_record(1, record_id="youth", city="Varnholm", title="Youth voices"))
        varnholm.publish(make_record(2, record_id="youth", city="Varnholm", title="Youth voices, again"))
        assert [h.id for h in ostervik.search("youth")] == ["youth"]  # every city reads the library
        with pytest.raises(NotPermitted) as caught:
            ostervik.withdraw("youth")
        assert "another city" in caught.value.message
        with pytest.raises(NotPermitted):  # the same city name typed by another account changes nothing
            ostervik.publish(make_record(3, record_id="youth", city="Varnholm", title="Taken over"))
        assert ostervik.get("youth").title == "Youth voices, again" and ostervik.get("youth").version == 2
        secretariat.publish(make_record(4, record_id="youth", city="Varnholm", title="Youth voices (edited)"))
        varnholm.withdraw("youth")  # the secretariat's edit leaves the record Varnholm's to withdraw
        assert varnholm.count() == 0
        secretariat.publish(make_record(5, record_id="night", city="Varnholm", title="Night walkers"))
        secretariat.withdraw("night")  # the secretariat curates
        assert varnholm.count() == 0
        with pytest.raises(NotPermitted):  # the bulk loader skips the publisher's check: the admin's only
            ostervik.publish_many([make_record(6, record_id="bulk", city="Östervik")])
        assert ostervik.count() == 0
    finally:
        for library in opened.values():
            library.close()


def test_a_library_written_before_publishers_opens_with_its_records(nsc_store_url: str):
    import sqlalchemy as sa

    library = open_library(nsc_store_url)
    library.publish(make_record(1, record_id="old", city="Saltmo"))
    library.close()
    engine = sa.create_engine(nsc_store_url)
    with engine.begin() as conn:  # the database as library schema 1 left it
        conn.execute(sa.text("ALTER TABLE nsc_lib_records DROP COLUMN publisher"))
        conn.execute(sa.text("UPDATE nsc_lib_info SET value = '1' WHERE key = 'schema'"))
    engine.dispose()
    library = open_library(nsc_store_url)
    try:
        assert library.get("old").city == "Saltmo"
        library.withdraw("old")  # a record of before the hub: nobody's; a laptop curates every record
        assert library.count() == 0
    finally:
        library.close()
