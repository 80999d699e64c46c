"""nsc-workshop import/export in every map format."""

from __future__ import annotations

import click
import pytest

from nsc_workshop import open_store
from nsc_workshop.cli import export, import_, main
from nsc_workshop.io import FORMATS


def test_the_commands_offer_every_format():
    for command in (import_, export):
        option = next(p for p in command.params if p.name == "fmt")
        assert isinstance(option.type, click.Choice)
        assert list(option.type.choices) == list(FORMATS)


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"bundle"}))
def test_export_then_import_in_each_format(fmt, run, nsc_store, sample, tmp_path, file_names, same_map):
    nsc_store.import_workshop(sample)
    out = tmp_path / file_names[fmt]
    exported = run("export", sample.id, "--format", fmt, "--out", str(out))
    assert exported.exit_code == 0, exported.output
    assert exported.stdout.strip() == str(out)
    other = f"sqlite:///{tmp_path / 'other.db'}"
    imported = run("import", str(out), db=other)
    assert imported.exit_code == 0, imported.output
    wid = imported.stdout.strip()
    same_map(sample, open_store(other).load(wid))
    merged = run("import", str(out), "--format", fmt, "--into", wid, db=other)
    assert merged.exit_code == 0 and merged.stdout.strip() == wid
    same_map(sample, open_store(other).load(wid))  # nothing added twice


def test_a_csv_pair_folder(run, nsc_store, sample, tmp_path):
    nsc_store.import_workshop(sample)
    folder = tmp_path / "pair"
    assert run("export", sample.id, "--format", "csv", "--out", str(folder)).exit_code == 0
    assert (folder / "edges.csv").is_file()
    result = run("import", str(folder), db=f"sqlite:///{tmp_path / 'other.db'}")
    assert result.exit_code == 0, result.output


def test_import_errors_are_messages_naming_the_cell(run, nsc_store_url, tmp_path, xlsx):
    path = xlsx(
        tmp_path / "k.xlsx",
        {"Elements": [["Label"], ["A"], ["B"]], "Connections": [["From", "To", "Strength"], ["A", "B", "strong"]]},
    )
    result = run("import", str(path), "--strict")  # leniently, the Strength column is kept as an attribute
    assert result.exit_code == 1
    assert "Connections row 2, column Strength: the column Strength" in result.output
    assert "must be a number, not 'strong'" in result.output
    assert "Traceback" not in result.output
    assert open_store(nsc_store_url).list_workshops() == []
    unknown = tmp_path / "notes.txt"
    unknown.write_text("nothing to see\n", "utf-8")
    result = run("import", str(unknown))
    assert result.exit_code == 1 and "Cannot tell what kind of map file" in result.output
    assert run("import", str(path), "--into", "x", "--replace").exit_code == 2


def test_export_errors(run, nsc_store, sample, tmp_path):
    nsc_store.import_workshop(sample)
    result = run("export", sample.id, "--format", "gexf", "--out", str(tmp_path / "missing" / "map.gexf"))
    assert result.exit_code == 1 and "Cannot write" in result.output
    assert run("export", "no-such-workshop", "--format", "gexf", "--out", str(tmp_path / "x.gexf")).exit_code == 1


def test_import_says_what_it_adapted_and_strict_refuses(runner, run, nsc_store_url, tmp_path, xlsx):
    path = xlsx(
        tmp_path / "kumu.xlsx",
        {
            "Elements": [["Label"], ["Varnholm police"], ["Kaia youth house"], ["varnholm police"]],
            "Connections": [
                ["From", "To"],
                ["Varnholm police", "Sørhavn tenants"],
                ["Kaia youth house", "Varnholm police"],
            ],
        },
    )
    refused = runner.invoke(main, ["import", str(path), "--strict", "--db", nsc_store_url])
    assert refused.exit_code == 1
    assert "strict import" in refused.output and "Elements row 4, column Label" in refused.output
    assert open_store(nsc_store_url).list_workshops() == []  # nothing stored
    done = runner.invoke(main, ["import", str(path), "--db", nsc_store_url])
    assert done.exit_code == 0, done.output
    wid = done.stdout.strip()  # stdout is the id alone, for scripts
    assert sorted(a.name for a in open_store(nsc_store_url).load(wid).actors.values()) == [
        "Kaia youth house",
        "Sørhavn tenants",
        "Varnholm police",
    ]
    said = done.stderr
    assert "Imported 3 actors and 2 ties" in said
    assert "2 things were adapted" in said
    assert "Elements row 4, column Label" in said and "Connections row 2, column To" in said


def test_export_of_a_mixed_map_says_how_networkx_users_read_it(runner, run, nsc_store, tmp_path):
    import networkx as nx

    from nsc_workshop.testing import make_workshop

    ws = make_workshop(actors=5, ties=6, seed=1)
    assert {t.directed for t in ws.ties.values()} == {True, False}
    nsc_store.import_workshop(ws)
    out = tmp_path / "map.gexf"
    result = runner.invoke(main, ["export", ws.id, "--format", "gexf", "--out", str(out), "--db", nsc_store.url])
    assert result.exit_code == 0 and result.stdout.strip() == str(out)
    assert "networkx" in result.stderr and "CSV pair" in result.stderr
    with pytest.raises(nx.NetworkXError):  # what the note warns of is true
        nx.read_gexf(out)
    one_way = ws.model_copy(
        update={"id": "one-way", "ties": {k: t.model_copy(update={"directed": True}) for k, t in ws.ties.items()}}
    )
    nsc_store.import_workshop(one_way)
    quiet = runner.invoke(main, ["export", "one-way", "--format", "gexf", "--out", str(out), "--db", nsc_store.url])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert nx.read_gexf(out).number_of_edges() == 6
