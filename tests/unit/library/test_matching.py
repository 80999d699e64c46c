"""Matching the actors of many workshops: normalising, scoring, finding pairs, clustering with decisions."""

from __future__ import annotations

import csv
import itertools
import random
from collections import Counter

import pytest

from nsc_workshop.datasets import data_dir
from nsc_workshop.library import matching
from nsc_workshop.library.matching import (
    ACRONYM_SCORE,
    DEFAULT_THRESHOLD,
    SUBSTITUTION_CAP,
    ActorName,
    MatchPair,
    candidate_pairs,
    cluster_actors,
    name_key,
    normalise,
    pairwise_scores,
    similarity,
)


@pytest.fixture(scope="module")
def labelled() -> tuple[list[ActorName], dict[str, str]]:
    """``datasets/actor_variants.csv``: its mentions (keys ``row000``...) and each key's true organisation."""
    text = (data_dir() / "actor_variants.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    names = [ActorName(f"row{i:03d}", r["name"], r["place"], r["sector"]) for i, r in enumerate(rows)]
    return names, {n.key: r["entity"] for n, r in zip(names, rows, strict=True)}


def sim(a: str, place_a: str, b: str, place_b: str) -> float:
    return similarity(ActorName("a", a, place_a), ActorName("b", b, place_b))


def clusters_of(clusters: list[matching.ActorCluster]) -> set[tuple[str, ...]]:
    return {c.keys for c in clusters}


# -- normalise ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Police, Malmö", "police malmo"),
        ("Police, Malmo", "police malmo"),
        ("Politiet i Stavanger", "politiet stavanger"),
        ("  Bøgelund   Skole (Odense) ", "bogelund skole odense"),
        ("Ærø Youth-Club", "aero youth club"),
        ("The Children's House of Århus", "childrens house arhus"),
        ("Jyväskylä & Åbo: Dept. for Culture", "jyvaskyla abo dept culture"),
        ("Café Straße 3", "cafe strasse 3"),
        ("The", "the"),  # only filler words: kept
        ("--", ""),
    ],
)
def test_normalise(name, expected):
    assert normalise(name) == expected


def test_name_key_is_spelling_and_place():
    assert name_key(ActorName("k", "Police, Malmö", "Malmö")) == "police malmo|malmo"
    assert name_key(ActorName("x", "POLICE  malmo", "Malmo")) == "police malmo|malmo"
    assert name_key(ActorName("y", "Police", "")) == "police|"


# -- similarity -----------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    ["Stavanger police district", "Stavanger Police", "Politiet i Stavanger", "Stavanger police dept.",
     "Stavanger politistasjon", "Stavnager Police"],
)  # fmt: skip
def test_police_stavanger_variants_match(variant):
    assert sim("Police, Stavanger", "Stavanger", variant, "Stavanger") >= DEFAULT_THRESHOLD


def test_police_of_two_cities_never_match():
    assert sim("Police, Bergen", "Bergen", "Police, Stavanger", "Stavanger") == 0.0
    # The place in the name counts, not the workshop's city.
    assert sim("Police, Bergen", "Stavanger", "Police, Stavanger", "Stavanger") == 0.0
    assert sim("Bergen police district", "Bergen", "Police", "Stavanger") == 0.0


def test_a_name_without_a_place_takes_its_workshops_place():
    assert sim("Youth council", "Bergen", "Youth council", "Tampere") == 0.0
    assert sim("Bergen youth council", "Bergen", "Youth Council", "Bergen") >= DEFAULT_THRESHOLD
    # A name that says its place keeps it wherever it is mentioned.
    assert sim("Bergen youth council", "Tampere", "Youth Council", "Bergen") >= DEFAULT_THRESHOLD
    assert sim("Bergen youth council", "Bergen", "Youth Council", "Tampere") == 0.0
    # No place at all: compatible with any place.
    assert sim("Youth council", "", "Youth council", "Tampere") == 100.0


def test_other_forms_of_a_city_are_that_city():
    assert sim("Göteborg police", "Gothenburg", "Police, Gothenburg", "Gothenburg") >= DEFAULT_THRESHOLD
    assert sim("Tampereen poliisi", "Tampere", "Police, Tampere", "Tampere") >= DEFAULT_THRESHOLD
    assert sim("Göteborgs ungdomsråd", "Gothenburg", "Gothenburg Youth Council", "") >= DEFAULT_THRESHOLD
    assert sim("Göteborgs ungdomsråd", "Gothenburg", "Malmö Youth Council", "") == 0.0


def test_units_of_one_municipality_stay_apart():
    youth = "Bergen municipality, youth services"
    assert sim(youth, "Bergen", "Bergen municipality, culture services", "Bergen") < DEFAULT_THRESHOLD
    assert sim(youth, "Bergen", "Bergen municipality", "Bergen") < DEFAULT_THRESHOLD
    assert sim(youth, "Bergen", "Youth services (Bergen)", "Bergen") >= DEFAULT_THRESHOLD


def test_a_substituted_word_is_not_a_typo():
    upper, lower = "Kvitsand upper secondary school", "Kvitsand lower secondary school"
    assert sim(upper, "Stavanger", lower, "Stavanger") <= SUBSTITUTION_CAP
    assert sim("Police district 3", "Oslo", "Police district 4", "Oslo") <= SUBSTITUTION_CAP
    # ...while a typo is.
    assert sim("Tampere Street Mediators", "Tampere", "Tampere Street Mediatiors", "Tampere") >= DEFAULT_THRESHOLD


def test_word_order_punctuation_and_acronyms():
    assert sim("Stavanger Red Cross Youth", "Stavanger", "Red Cross Youth Stavanger", "Stavanger") == 100.0
    assert sim("Sörhage Bridge-Builders", "Malmö", "Sorhage Bridgebuilders", "Malmö") >= DEFAULT_THRESHOLD
    assert sim("SHM", "Stavanger", "Stavanger Harbour Mentors", "Bergen") >= ACRONYM_SCORE
    assert sim("SHM", "Bergen", "Stavanger Harbour Mentors", "Bergen") == 0.0  # the acronym is a Bergen one


def test_similarity_is_symmetric_and_bounded(labelled):
    names, _ = labelled
    places = [n.place for n in names]
    for a, b in itertools.islice(itertools.combinations(names, 2), 0, None, 37):
        ab = similarity(a, b, places=places)
        assert ab == similarity(b, a, places=places)
        assert 0.0 <= ab <= 100.0


# -- candidate pairs --------------------------------------------------------------


def brute_force(names, threshold):
    """Every pair scored with the public similarity()."""
    places = [n.place for n in names]
    found = set()
    for a, b in itertools.combinations(names, 2):
        score = similarity(a, b, places=places)
        if score >= threshold:
            found.add((*sorted((a.key, b.key)), score))
    return found


@pytest.mark.parametrize("threshold", [DEFAULT_THRESHOLD, 60.0])
def test_candidate_pairs_lose_nothing_on_the_labelled_set(labelled, threshold):
    names, _ = labelled
    found = candidate_pairs(names, threshold=threshold)
    assert {(m.a, m.b, m.score) for m in found} == brute_force(names, threshold)
    assert len(found) == len({(m.a, m.b) for m in found})


def test_candidate_pairs_lose_nothing_on_random_mentions(labelled, monkeypatch):
    """Random cities, typos and mentions with no place; a small bulk size so the chunks are exercised."""
    names, _ = labelled
    rng = random.Random(7)
    cities = ["Oslo", "Bergen", "Malmö", "Aarhus", "Turku", "Lund", ""]
    mentions = []
    for i in range(400):
        base = rng.choice(names)
        city = rng.choice(cities)
        name = base.name.replace(base.place, city) if city else base.name
        if rng.random() < 0.3:
            cut = rng.randrange(1, max(2, len(name) - 1))
            name = name[:cut] + name[cut + 1 :]
        mentions.append(ActorName(f"m{i}", name, city))
    monkeypatch.setattr(matching, "_CELLS", 500)
    found = {(m.a, m.b, m.score) for m in candidate_pairs(mentions)}
    assert found == {(m.a, m.b, m.score) for m in matching._all_pairs(mentions)}
    assert found


def test_candidate_pairs_order_and_checks():
    names = [
        ActorName("b", "Harbour Mentors Stavanger", "Stavanger"),
        ActorName("a", "Stavanger Harbour Mentors", "Bergen"),
        ActorName("c", "Harbor Mentors", "Stavanger"),
        ActorName("d", "Harbour Mentors", "Bergen"),
    ]
    pairs = candidate_pairs(names)
    assert pairs[0] == MatchPair("a", "b", 100.0)
    assert all(p.a < p.b for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert not any("d" in (p.a, p.b) for p in pairs)  # the Bergen one is another organisation
    with pytest.raises(ValueError, match="unique"):
        candidate_pairs([*names, ActorName("a", "Other", "Oslo")])
    for bad in (0, -1, 101):
        with pytest.raises(ValueError, match="threshold"):
            candidate_pairs(names, threshold=bad)
    assert candidate_pairs([]) == []


# -- clusters ----------------------------------------------------------------------


def test_every_key_in_exactly_one_cluster(labelled):
    names, _ = labelled
    clusters = cluster_actors(names)
    keys = [k for c in clusters for k in c.keys]
    assert sorted(keys) == sorted(n.key for n in names)
    assert all(list(c.keys) == sorted(c.keys) for c in clusters)
    order = [(-len(c.keys), c.label) for c in clusters]
    assert order == sorted(order)
    assert all(c.min_score >= DEFAULT_THRESHOLD for c in clusters)


def test_cluster_label_names_places_and_weakest_link():
    names = [
        ActorName("1", "Stavanger Police", "Stavanger"),
        ActorName("2", "Police, Stavanger", "Stavanger"),
        ActorName("3", "Police, Stavanger", "Stavanger"),
        ActorName("4", "Stavanger police district", "Bergen"),
        ActorName("5", "Stavanger police district", "Stavanger"),
        ActorName("6", "Stavnager Police", "Stavanger"),
        ActorName("7", "Youth council", "Bergen"),
    ]
    police, youth = cluster_actors(names)
    assert police.keys == ("1", "2", "3", "4", "5", "6")
    # Two spellings twice each: the shorter is the label.
    assert police.label == "Police, Stavanger"
    assert police.names == ("Police, Stavanger", "Stavanger police district", "Stavanger Police", "Stavnager Police")
    assert police.places == ("Bergen", "Stavanger")
    assert police.min_score == 100.0  # the typo is a place typo: every name compares as "police"
    assert youth == matching.ActorCluster(("7",), "Youth council", ("Youth council",), ("Bergen",), 100.0)

    typo = cluster_actors([ActorName("1", "Tampere Street Mediators", "Tampere"),
                           ActorName("2", "Tampere Street Mediatiors", "Tampere")])  # fmt: skip
    assert len(typo) == 1
    assert DEFAULT_THRESHOLD <= typo[0].min_score < 100.0
    assert typo[0].min_score == similarity(ActorName("1", "Tampere Street Mediators", "Tampere"),
                                           ActorName("2", "Tampere Street Mediatiors", "Tampere"))  # fmt: skip


def test_same_decisions_join_by_key_and_by_name_key():
    names = [
        ActorName("r1/a1", "Sörhage Bridge Builders", "Malmö"),
        ActorName("r2/a1", "Brobyggarna Sörhage", "Malmö"),
        ActorName("r3/a1", "Brobyggarna Sörhage", "Malmö"),
        ActorName("r4/a1", "Brobyggarna Sörhage", "Lund"),
    ]
    assert clusters_of(cluster_actors(names)) == {("r1/a1",), ("r2/a1", "r3/a1"), ("r4/a1",)}
    by_key = cluster_actors(names, same=[("r1/a1", "r2/a1")])
    assert clusters_of(by_key) == {("r1/a1", "r2/a1", "r3/a1"), ("r4/a1",)}
    assert by_key[0].min_score == 100.0  # a reviewer's link is certain
    # By name key: every mention of that spelling in Malmö, and not the one in Lund.
    by_name = cluster_actors(names, same=[("sorhage bridge builders|malmo", "brobyggarna sorhage|malmo")])
    assert clusters_of(by_name) == {("r1/a1", "r2/a1", "r3/a1"), ("r4/a1",)}
    # A decision about mentions not loaded is ignored.
    assert clusters_of(cluster_actors(names, same=[("r1/a1", "gone/a9")])) == clusters_of(cluster_actors(names))


def test_different_decisions_split_and_the_strongest_links_win():
    names = [
        ActorName("a", "Tampere Street Mediators", "Tampere"),
        ActorName("b", "Street Mediators Tampere", "Tampere"),
        ActorName("c", "Tampere Street Mediatiors", "Tampere"),
        ActorName("d", "Tampere Youth Council", "Tampere"),
    ]
    assert clusters_of(cluster_actors(names)) == {("a", "b", "c"), ("d",)}
    assert similarity(names[0], names[1]) == 100.0
    assert DEFAULT_THRESHOLD <= similarity(names[0], names[2]) < 100.0
    # "c" may not join "b": the link a-b (100) is made first, so c stays alone, though close to "a".
    split = cluster_actors(names, different=[("b", "c")])
    assert clusters_of(split) == {("a", "b"), ("c",), ("d",)}
    assert [c.keys for c in split] == [("a", "b"), ("c",), ("d",)]  # by size, then label


def test_different_decisions_by_name_key_apply_to_every_such_mention():
    names = [
        ActorName("r1", "Youth council", "Bergen"),
        ActorName("r2", "Youth council", "Bergen"),
        ActorName("r3", "Bergen youth council", "Bergen"),
        ActorName("r4", "Bergen Youth Council", "Bergen"),
        ActorName("r5", "Ungdomsrådet Bergen", "Bergen"),
    ]
    assert clusters_of(cluster_actors(names)) == {("r1", "r2", "r3", "r4", "r5")}
    decision = ("youth council|bergen", "bergen youth council|bergen")
    decided = clusters_of(cluster_actors(names, different=[decision]))
    # "Ungdomsrådet Bergen" scores 100 with both sides: it joins one of them.
    assert decided in ({("r1", "r2"), ("r3", "r4", "r5")}, {("r1", "r2", "r5"), ("r3", "r4")})
    # `different` wins over `same`.
    assert clusters_of(cluster_actors(names, same=[("r1", "r3")], different=[decision])) == decided


def test_a_mention_without_place_never_bridges_two_places():
    names = [
        ActorName("bergen", "Police, Bergen", "Bergen"),
        ActorName("nowhere", "Police", ""),
        ActorName("stavanger", "Police, Stavanger", "Stavanger"),
    ]
    assert {(p.a, p.b) for p in candidate_pairs(names)} == {("bergen", "nowhere"), ("nowhere", "stavanger")}
    clusters = cluster_actors(names)
    assert len(clusters) == 2
    assert not any({"bergen", "stavanger"} <= set(c.keys) for c in clusters)
    # A reviewer may still join them (a regional organisation, say).
    assert len(cluster_actors(names, same=[("bergen", "stavanger")])) == 1


def test_decisions_keep_every_key_once_on_random_input(labelled):
    names, _ = labelled
    rng = random.Random(3)
    keys = [n.key for n in names] + [name_key(n) for n in names]
    same = [tuple(rng.sample(keys, 2)) for _ in range(15)]
    different = [tuple(rng.sample(keys, 2)) for _ in range(40)]
    clusters = cluster_actors(names, same=same, different=different)
    assert sorted(k for c in clusters for k in c.keys) == sorted(n.key for n in names)
    where = {k: i for i, c in enumerate(clusters) for k in c.keys}
    members = {}
    for n in names:
        members.setdefault(n.key, []).append(n.key)
        members.setdefault(name_key(n), []).append(n.key)
    for x, y in different:
        assert not {where[k] for k in members[x]} & {where[k] for k in members[y]}, (x, y)


def test_blank_names_match_nothing():
    names = [ActorName("a", "", "Oslo"), ActorName("b", "--", "Oslo"), ActorName("c", "", "Oslo")]
    assert similarity(names[0], names[2]) == 0.0
    assert candidate_pairs(names, threshold=1) == []
    assert clusters_of(cluster_actors(names)) == {("a",), ("b",), ("c",)}


def test_cluster_checks_its_input():
    with pytest.raises(ValueError, match="unique"):
        cluster_actors([ActorName("a", "X", "Oslo"), ActorName("a", "Y", "Oslo")])
    assert cluster_actors([]) == []


# -- scores --------------------------------------------------------------------------


def test_pairwise_scores_by_hand():
    truth = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}  # true pairs: ab ac bc de
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "3"}  # predicted pairs: ab cd
    precision, recall, f1 = pairwise_scores(truth, predicted)
    assert precision == pytest.approx(1 / 2)  # ab right, cd wrong
    assert recall == pytest.approx(1 / 4)  # ab found, ac bc de missed
    assert f1 == pytest.approx(2 * (1 / 2) * (1 / 4) / (1 / 2 + 1 / 4))
    assert pairwise_scores(truth, truth) == (1.0, 1.0, 1.0)
    singletons = {k: k for k in truth}
    assert pairwise_scores(truth, singletons) == (1.0, 0.0, 0.0)
    with pytest.raises(ValueError, match="same items"):
        pairwise_scores(truth, {"a": "1"})


def test_labelled_set_precision_and_recall(labelled, capsys):
    names, truth = labelled
    counts = Counter(truth.values())
    assert len(names) >= 120
    assert sum(n for n in counts.values() if n > 1) >= 60  # variants of organisations named more than once
    clusters = cluster_actors(names)
    predicted = {key: c.keys[0] for c in clusters for key in c.keys}
    precision, recall, f1 = pairwise_scores(truth, predicted)
    with capsys.disabled():
        print(
            f"\nactor matching on {len(names)} names of {len(set(truth.values()))} organisations"
            f" (threshold {DEFAULT_THRESHOLD:g}): precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}"
        )
    assert precision >= 0.95
    assert recall >= 0.85
