"""`nsc-workshop library ...`: publish from a bundle or the store, search, show, aggregate, export, withdraw."""

from __future__ import annotations

import json
import zipfile

import networkx as nx
import pytest

from nsc_workshop.bundle import bundle_bytes, write_bundle
from nsc_workshop.cli import main
from nsc_workshop.datasets import load_sample
from nsc_workshop.library import open_library, record_id_of
from nsc_workshop.testing import cli_invoker, make_record, synthetic_records

SAMPLE_RECORD = record_id_of(load_sample())
"""The sample workshop's record id: opaque, never the workshop's own."""


@pytest.fixture
def library_path(tmp_path):
    return tmp_path / "library.db"


@pytest.fixture
def run(library_path):
    """``run(*args, answer=None, db=None)``: ``nsc-workshop library *args --library <the test's library>``."""
    return cli_invoker(main, None, command=("library",), options=("--library", str(library_path)))


@pytest.fixture
def sample_bundle(tmp_path):
    return write_bundle(load_sample(), tmp_path / "varnholm.json")


def _count(library_path) -> int:
    with open_library(library_path) as lib:
        return lib.count()


def _versions(library_path) -> list[int]:
    with open_library(library_path) as lib:
        return [record.version for record in lib.records(audience="network")]


def test_publish_a_bundle_then_search_show_similar(run, sample_bundle, library_path):
    published = run("publish", str(sample_bundle), "--yes")
    assert published.exit_code == 0, published.output
    assert "Varnholm" in published.output
    assert "59 actors, 132 ties, 29 ideas" in published.output
    assert "youth-worker-1 → Participant 1" in published.output
    assert "Left out:" in published.output
    assert f"Published record '{SAMPLE_RECORD}', version 1." in published.output
    found = run("search", "hate", "--area", "digital")
    assert found.exit_code == 0, found.output
    assert SAMPLE_RECORD in found.output and "SCORE" in found.output
    hits = json.loads(run("search", "hate", "--json", "--city", "Varnholm").output)
    assert [h["id"] for h in hits] == [SAMPLE_RECORD]
    assert json.loads(run("search", "--public", "--json").output) == []  # the sample is network-only
    shown = run("show", SAMPLE_RECORD)
    assert "Varnholm, Norway" in shown.output
    assert json.loads(run("show", SAMPLE_RECORD, "--json").output)["city"] == "Varnholm"
    assert json.loads(run("similar", SAMPLE_RECORD, "--json").output) == []
    again = run("publish", str(sample_bundle), "--yes")
    assert "version 2" in again.output and "already holds version 1" in again.output


def test_publish_from_the_store_with_confirmation(runner, run, nsc_store_url, library_path):
    created = runner.invoke(
        main,
        [
            "new",
            "Hate online",
            "--city",
            "Saltmo",
            "--country",
            "Sweden",
            "--sensitivity",
            "public",
            "--db",
            nsc_store_url,
        ],
    )
    wid = created.output.strip()
    declined = run("publish", wid, "--as", "saltmo-hate", answer="n\n", db=nsc_store_url)
    assert declined.exit_code == 1
    assert "Nothing was published" in declined.output
    assert _count(library_path) == 0
    accepted = run("publish", wid, "--as", "saltmo-hate", answer="y\n", db=nsc_store_url)
    assert accepted.exit_code == 0, accepted.output
    assert "Published record 'saltmo-hate', version 1." in accepted.output
    bad_id = run("publish", wid, "--as", "Not An Id", "--yes", db=nsc_store_url)
    assert bad_id.exit_code == 1 and "cannot be a record id" in bad_id.output


def test_preview_only_stores_nothing(run, sample_bundle, library_path):
    previewed = run("publish", str(sample_bundle), "--preview-only")
    assert previewed.exit_code == 0, previewed.output
    assert "nothing was published" in previewed.output
    assert f'"id": "{SAMPLE_RECORD}"' in previewed.output
    assert '"actors": [' in previewed.output
    assert "youth-worker-1" not in previewed.output.split("{", 1)[1]  # the JSON holds the pseudonyms only
    assert _count(library_path) == 0


def test_restricted_workshop_is_refused(run, tmp_path, library_path, sample_bundle):
    sample = load_sample()
    restricted = sample.model_copy(update={"meta": sample.meta.model_copy(update={"sensitivity": "restricted"})})
    path = write_bundle(restricted, tmp_path / "restricted.json")
    refused = run("publish", str(path), "--yes")
    assert refused.exit_code == 1
    assert "is restricted: a restricted workshop never leaves the city" in refused.output
    assert "Traceback" not in refused.output
    assert not library_path.exists() or _count(library_path) == 0
    wider = run("publish", str(sample_bundle), "--sensitivity", "public", "--yes")
    assert wider.exit_code == 1 and "cannot be published more widely" in wider.output


@pytest.mark.parametrize(
    ("broken", "named"),
    [
        ("truncated", "not valid JSON (line"),
        ("unknown actor", "workshop.ties[3].target: refers to actor 'nobody'"),
    ],
)
def test_broken_bundle_names_the_field_and_stores_nothing(run, tmp_path, library_path, broken, named):
    with open_library(library_path) as lib:
        lib.publish(make_record(1, record_id="already-here"))
    data = bundle_bytes(load_sample())
    if broken == "truncated":
        data = data[: len(data) // 2]
    else:
        raw = json.loads(data)
        raw["workshop"]["ties"][3]["target"] = "nobody"
        data = json.dumps(raw).encode()
    path = tmp_path / "broken.json"
    path.write_bytes(data)
    result = run("publish", str(path), "--yes")
    assert result.exit_code == 1
    assert named in result.output
    assert "Traceback" not in result.output
    assert _count(library_path) == 1


def test_aggregate_map_gexf_and_graphml_keep_provenance(run, library_path, tmp_path):
    with open_library(library_path) as lib:
        for record in synthetic_records(8):
            lib.publish(record)
    out = tmp_path / "alliance.gexf"
    made = run("aggregate", "map", "--out", str(out))
    assert made.exit_code == 0, made.output
    graph = nx.read_gexf(out)
    assert graph.number_of_edges() > 0
    assert f"{graph.number_of_nodes()} organisations, {graph.number_of_edges()} ties" in made.output
    _u, _v, data = next(iter(graph.edges(data=True)))
    provenance = json.loads(data["provenance"])
    assert provenance and {"record_id", "city", "tie_id"} <= set(provenance[0])
    assert data["tie_type"]
    cities = json.loads(next(iter(graph.nodes(data=True)))[1]["cities"])
    assert isinstance(cities, list)
    graphml = tmp_path / "alliance.graphml"
    assert run("aggregate", "map", "--out", str(graphml)).exit_code == 0
    assert nx.read_graphml(graphml).number_of_nodes() == graph.number_of_nodes()
    no_out = run("aggregate", "map")
    assert no_out.exit_code == 2 and ".gexf or .graphml" in no_out.output


def test_aggregate_tables_and_json(run, library_path, tmp_path):
    with open_library(library_path) as lib:
        for record in synthetic_records(12):
            lib.publish(record)
    coverage = run("aggregate", "coverage", "--by", "country")
    assert coverage.exit_code == 0 and "COUNTRY" in coverage.output and "democracy" in coverage.output
    as_json = json.loads(run("aggregate", "coverage", "--json").output)
    assert all(set(row) >= {"youth", "digital"} for row in as_json.values())
    actors = json.loads(run("aggregate", "actors", "--json").output)
    assert actors and "label" in actors[0]
    assert "ACTOR" in run("aggregate", "actors").output
    themes = run("aggregate", "themes", "--out", str(tmp_path / "themes.json"))
    assert themes.exit_code == 0
    assert json.loads((tmp_path / "themes.json").read_text())[0]["theme"]


def test_export_and_withdraw(run, library_path, tmp_path):
    with open_library(library_path) as lib:
        lib.publish(make_record(1, record_id="open-one", sensitivity="public"))
        lib.publish(make_record(2, record_id="net-one", sensitivity="network"))
    out = tmp_path / "open.zip"
    exported = run("export", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    assert "Wrote 1 public record to" in exported.output
    with zipfile.ZipFile(out) as archive:
        assert b"net-one" not in archive.read("records.csv")
        assert b"open-one" in archive.read("records.csv")
    kept = run("withdraw", "net-one", answer="n\n")
    assert kept.exit_code == 1 and _count(library_path) == 2
    gone = run("withdraw", "net-one", "--yes")
    assert gone.exit_code == 0 and "Removed record 'net-one'" in gone.output
    missing = run("withdraw", "net-one", "--yes")
    assert missing.exit_code == 1 and "There is no record 'net-one'" in missing.output
    assert run("show", "nope").exit_code == 1


def test_bad_filters_are_messages(run, library_path):
    bad_area = run("search", "--area", "nope")
    assert bad_area.exit_code == 1
    assert "'nope' is not a known area. Choose one of: democracy" in bad_area.output
    assert "Traceback" not in bad_area.output
    bad_date = run("search", "--since", "last year")
    assert bad_date.exit_code == 1 and "not a date written YYYY-MM-DD (since)" in bad_date.output
    assert run("search", "--status", "done").exit_code == 1
    assert "No records found" in run("search", "anything").output


def test_library_env_is_used(runner, tmp_path, monkeypatch):
    path = tmp_path / "env-library.db"
    with open_library(path) as lib:
        lib.publish(make_record(5, record_id="from-env"))
    monkeypatch.setenv("NSC_LIBRARY_DB", str(path))
    result = runner.invoke(main, ["library", "search", "--json"])
    assert [h["id"] for h in json.loads(result.output)] == ["from-env"]


@pytest.fixture
def no_library_env(tmp_path, monkeypatch):
    """No library or store named by the environment, and the user's data folder inside ``tmp_path``."""
    monkeypatch.delenv("NSC_LIBRARY_DB", raising=False)
    monkeypatch.delenv("NSC_WORKSHOP_DB", raising=False)
    data = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    from nsc_workshop.library.db import default_library_path

    default = default_library_path()
    assert default.is_relative_to(data)  # never the user's real folder
    return default


def test_publish_with_db_uses_the_library_beside_that_store(runner, tmp_path, sample_bundle, no_library_env):
    city = tmp_path / "some" / "city.db"
    new = ["new", "Hate online", "--city", "Saltmo", "--country", "Sweden", "--sensitivity", "network"]
    wid = runner.invoke(main, [*new, "--db", str(city)])
    assert wid.exit_code == 0, wid.output
    for source in (wid.output.strip(), str(sample_bundle)):  # a workshop of the store, a bundle
        args = ["library", "publish", source, "--yes", "--db", str(city)]
        published = runner.invoke(main, args, catch_exceptions=False)
        assert published.exit_code == 0, published.output
    assert _count(city.parent / "library.db") == 2
    assert not no_library_env.exists()  # not the default library
    # the other library commands find it beside the store NSC_WORKSHOP_DB names
    found = runner.invoke(main, ["library", "search", "--json"], env={"NSC_WORKSHOP_DB": f"sqlite:///{city}"})
    assert found.exit_code == 0, found.output
    assert len(json.loads(found.output)) == 2
    assert not no_library_env.exists()


def test_library_or_its_env_wins_over_the_store(runner, tmp_path, sample_bundle, no_library_env, monkeypatch):
    city = tmp_path / "city.db"
    named = tmp_path / "named" / "lib.db"
    args = ["library", "publish", str(sample_bundle), "--yes", "--db", str(city)]
    assert runner.invoke(main, [*args, "--library", str(named)]).exit_code == 0
    assert _versions(named) == [1]
    monkeypatch.setenv("NSC_LIBRARY_DB", f"sqlite:///{named}")
    assert runner.invoke(main, args).exit_code == 0
    assert _versions(named) == [2]  # published again, to the same library
    assert not (tmp_path / "library.db").exists() and not no_library_env.exists()


def test_a_store_on_a_server_keeps_the_default_library(runner, tmp_path, sample_bundle, no_library_env):
    server = "postgresql+psycopg://nsc:s3cret@127.0.0.1:1/workshops"
    args = ["library", "publish", str(sample_bundle), "--yes", "--db", server]  # a bundle: the store is not opened
    published = runner.invoke(main, args, catch_exceptions=False)
    assert published.exit_code == 0, published.output
    assert _count(no_library_env) == 1
    assert "s3cret" not in published.output
