"""The nsc-workshop command: every command takes --db; errors are messages, not tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from nsc_workshop import open_store
from nsc_workshop.bundle import bundle_bytes
from nsc_workshop.cli import main
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.library import open_library
from nsc_workshop.library.publish import record_id_of
from nsc_workshop.serve import free_port
from nsc_workshop.testing import make_workshop, wait_until


def test_new_list_export_import(run, nsc_store_url, tmp_path):
    created = run("new", "Hate online", "--city", "Varnholm", "--country", "Norway", "--area", "digital")
    assert created.exit_code == 0, created.output
    wid = created.output.strip()
    listed = run("list")
    assert wid in listed.output
    assert "Hate online" in listed.output
    assert json.loads(run("list", "--json").output)[0]["id"] == wid
    out = tmp_path / "w.json"
    exported = run("export", wid, "--format", "bundle", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    other_db = f"sqlite:///{tmp_path / 'other.db'}"
    imported = run("import", str(out), db=other_db)
    assert imported.stdout.strip() == wid
    assert open_store(other_db).load(wid) == open_store(nsc_store_url).load(wid)
    again = run("import", str(out), db=other_db)
    assert again.exit_code == 1
    assert "already exists" in again.output
    replaced = run("import", str(out), "--replace", db=other_db)
    assert replaced.exit_code == 0


def test_bad_input_gives_a_message_naming_the_field(run, nsc_store_url, tmp_path):
    bad = run("new", "<b>Hate</b>", "--city", "Varnholm", "--country", "Norway")
    assert bad.exit_code == 1
    assert "meta.title" in bad.output
    assert "Traceback" not in bad.output
    raw = json.loads(bundle_bytes(make_workshop(actors=3, ties=2)))
    raw["workshop"]["actors"][1]["colour"] = "red"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "workshop.actors[1].colour" in result.output
    assert open_store(nsc_store_url).list_workshops() == []
    missing = run("export", "no-such-workshop", "--out", str(tmp_path / "x.json"))
    assert missing.exit_code == 1
    assert "no-such-workshop" in missing.output
    traversal = run("export", "../../etc", "--out", str(tmp_path / "x.json"))
    assert traversal.exit_code == 1
    assert not (tmp_path / "x.json").exists()


def test_db_comes_from_the_environment(runner, tmp_path):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    result = runner.invoke(main, ["where"], env={"NSC_WORKSHOP_DB": url})
    assert result.output.strip() == url
    result = runner.invoke(main, ["where"], env={"NSC_WORKSHOP_DB": str(tmp_path / "plain.db")})
    assert result.output.strip() == f"sqlite:///{tmp_path / 'plain.db'}"


SERVER_URL = "postgresql+psycopg://nsc:s3cret-pw@127.0.0.1:1/workshops"
"""A database server's URL with a password (nothing listens on port 1: opening it fails at once)."""


def test_where_hides_the_password(runner, tmp_path):
    for result in (
        runner.invoke(main, ["where", "--db", SERVER_URL]),
        runner.invoke(main, ["where"], env={"NSC_WORKSHOP_DB": SERVER_URL}),
    ):
        assert result.exit_code == 0, result.output
        assert result.output.strip() == "postgresql+psycopg://nsc:***@127.0.0.1:1/workshops"
    bad_port = runner.invoke(main, ["where", "--db", "postgresql://nsc:s3cret-pw@host:port/db"])
    assert "s3cret-pw" not in bad_port.output and "nsc:***@host" in bad_port.output


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--db", SERVER_URL],
        ["list", "--db", "postgresql://nsc:s3cret-pw@host:port/db"],  # not a URL SQLAlchemy reads
        ["list", "--db", "mysql://nsc:s3cret-pw@127.0.0.1:1/db"],  # a driver that is not installed
        ["library", "search", "--library", SERVER_URL],
        ["library", "show", "some-record", "--library", SERVER_URL],
    ],
)
def test_errors_never_print_a_password(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert "s3cret-pw" not in result.output
    assert "nsc:***@" in result.output
    assert "Traceback" not in result.output


def test_errors_from_the_environment_never_print_a_password(runner):
    env = {"NSC_WORKSHOP_DB": SERVER_URL, "NSC_LIBRARY_DB": SERVER_URL.replace("workshops", "library")}
    for args in (["list"], ["library", "search"]):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 1 and "s3cret-pw" not in result.output and "nsc:***@" in result.output


def test_display_url_and_hide_password():
    from nsc_workshop._db import display_url, hide_password

    assert display_url(SERVER_URL) == "postgresql+psycopg://nsc:***@127.0.0.1:1/workshops"
    assert display_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert display_url("/tmp/x.db") == "/tmp/x.db"
    assert display_url("postgresql://nsc@host/db") == "postgresql://nsc@host/db"
    assert hide_password(f"failed for {SERVER_URL} (s3cret-pw)", SERVER_URL) == (
        "failed for postgresql+psycopg://nsc:***@127.0.0.1:1/workshops (***)"
    )
    assert hide_password("no url here", None) == "no url here"


def test_history_shows_who_changed_what(run, nsc_store_url):
    wid = run("new", "Hate online", "--city", "Varnholm", "--country", "Norway").output.strip()
    open_store(nsc_store_url).session(wid, participant="table-2").add_actor("Varnholm youth club")
    result = run("history", wid)
    assert "table-2" in result.output
    assert "Added actor: Varnholm youth club" in result.output


@pytest.mark.slow
def test_demo_loads_the_sample_and_serves_until_stopped(tmp_path):
    exe = shutil.which("nsc-workshop", path=os.path.dirname(sys.executable))
    assert exe, "the nsc-workshop command is installed with the package"
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NSC_LIBRARY_DB"}
    proc = subprocess.Popen(
        [exe, "demo", "--no-browser", "--port", str(port), "--db", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        home = f"http://127.0.0.1:{port}/voila/render/00_home.ipynb"

        def answered() -> tuple[int, str] | None:
            try:
                with urllib.request.urlopen(home, timeout=30) as response:
                    return response.status, response.read().decode()
            except (urllib.error.URLError, OSError):
                return None  # not up yet

        status, body = wait_until(answered, timeout=90, interval=0.3, message="demo never served the home page")
        assert status == 200
        assert "Traceback" not in body
        assert open_store(url).exists(SAMPLE_WORKSHOP_ID)
        # The library app opens on a demo library beside the store, never on the real one.
        library_page = f"http://127.0.0.1:{port}/voila/render/04_secretariat_library.ipynb"
        with urllib.request.urlopen(library_page, timeout=60) as response:
            assert response.status == 200 and "Traceback" not in response.read().decode()
        with open_library(tmp_path / "demo-library.db") as library:
            assert library.count() > 50 and library.get(record_id_of(load_sample())).city == "Varnholm"
    finally:
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=60)
    assert "Loaded the sample workshop" in output and "demo library" in output
    assert f"http://127.0.0.1:{port}/voila/render/00_home.ipynb" in output
    with pytest.raises((urllib.error.URLError, OSError)):  # Voilà stopped with it
        urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/__probe__", timeout=2)


def test_analyse_prints_findings_and_json(run, nsc_store_url):
    from nsc_workshop.datasets import load_sample

    open_store(nsc_store_url).import_workshop(load_sample())
    text = run("analyse", SAMPLE_WORKSHOP_ID)
    assert text.exit_code == 0, text.output
    assert "Pixelhavn gaming café" in text.output  # an isolated actor, named
    assert "Police" in text.output and "Youth work" in text.output  # the sector gap
    data = json.loads(run("analyse", SAMPLE_WORKSHOP_ID, "--json").output)
    assert data["workshop"] == SAMPLE_WORKSHOP_ID
    assert set(data["actors"]) == set(load_sample().actors)
    assert {"betweenness", "closeness", "pagerank"} <= set(data["actors"]["act_police_district"])
    assert any(f["key"] == "insight.isolated" for f in data["findings"])
    assert run("analyse", "no-such-workshop").exit_code == 1
