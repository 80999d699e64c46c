"""A city's backup restores: the guide's exact commands (pg_dump, dropdb, createdb, REVOKE, pg_restore), run.

A city made by ``deploy/setup_postgres.py`` on the tests' throwaway PostgreSQL holds a workshop written through
the city's own role; it is dumped, dropped, made again and restored as the guide says; the city's role opens
the workshop as it was, and the restored database is again closed to every other role.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from nsc_workshop import open_session, open_store
from nsc_workshop.access import Scope
from nsc_workshop.errors import StoreError

from .conftest import DEPLOY, assert_connection_refused


def _tool(name: str) -> str:
    """A PostgreSQL client program: Debian's newest server folder first (its version matches the server's)."""
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: p.parent.parent.name)
    found = str(versions[-1]) if versions else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed beside PostgreSQL")
    return found


def test_a_city_s_backup_restores_with_the_guide_s_commands(nsc_postgres_server, tmp_path):
    if nsc_postgres_server is None:
        pytest.skip("no PostgreSQL server")
    sys.path.insert(0, str(DEPLOY))
    from setup_postgres import setup

    entries, _library = setup(nsc_postgres_server, {"saltmo": "Saltmo", "tallvik": "Tallvik"})
    city_url = entries["saltmo"]["db_url"]
    store = open_store(city_url, scope=Scope.of_city("saltmo"))
    wid = store.create_workshop("Backups that restore", "Saltmo", "Sweden", language="en")
    session = open_session(store, wid, participant="kari")
    session.add_actor("Saltmo youth club", sector="youth_work")
    session.framing.add_hmw("How might we keep what the city wrote?")
    before = store.load(wid)
    store.close()

    admin = sa.make_url(nsc_postgres_server)
    server = ["-h", str(admin.host), "-p", str(admin.port), "-U", str(admin.username)]
    db = "nsc_city_saltmo"
    dump = tmp_path / f"{db}.dump"

    def run(*command: str) -> None:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"{command[0]}: {done.stderr}"

    run(_tool("pg_dump"), *server, "--format=custom", "--file", str(dump), db)
    run(_tool("dropdb"), *server, "--force", db)
    with pytest.raises(StoreError, match="does not exist"):  # the database is gone: a clear message, not a trace
        open_store(city_url, scope=Scope.of_city("saltmo"))
    run(_tool("createdb"), *server, "--owner", db, db)
    run(_tool("psql"), *server, "-c", f"REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC", "postgres")
    run(_tool("pg_restore"), *server, "--dbname", db, "--no-owner", "--role", db, "--exit-on-error", str(dump))

    restored = open_store(city_url, scope=Scope.of_city("saltmo"))
    try:
        assert restored.load(wid) == before
        assert [w.id for w in restored.list_workshops()] == [wid]
        open_session(restored, wid, participant="kari").framing.add_hmw("How might we test it every month?")
    finally:
        restored.close()
    assert_connection_refused(entries["tallvik"]["db_url"], db)  # another city's role, on the restored database


def test_a_city_s_database_is_named_from_the_slug_its_group_uses():
    sys.path.insert(0, str(DEPLOY))
    from setup_postgres import PG_NAME_MAX, database_name

    assert database_name("varnholm") == "nsc_city_varnholm"
    assert database_name("nordby-east") == "nsc_city_nordby_east"
    for bad in ("Varnholm", "../x", "a b", "x;drop", "", "-x", "x" * (PG_NAME_MAX - len("nsc_city_") + 1)):
        with pytest.raises(ValueError, match="slug"):
            database_name(bad)


def test_the_deployment_file_reads_back_what_was_written_whatever_a_name_holds(tmp_path):
    import tomllib

    sys.path.insert(0, str(DEPLOY))
    from setup_postgres import write_deployment

    name = 'Östervik"\nadmin_access = true\n[cities.x]\\\x7f'  # a name typed with a newline, a quote, a table
    path = tmp_path / "deployment.toml"
    cities = {"ostervik": {"name": name, "db_url": "x"}}
    users = [("kari", 'pa"ss\n', ["city:ostervik", "facilitator"])]
    write_deployment(path, {"public_url": "https://hub.example.org"}, cities, users, {"oidc": {"client_id": "nsc"}})
    read = tomllib.loads(path.read_text("utf-8"))
    assert read["cities"] == {"ostervik": {"name": name, "db_url": "x"}}  # the same name, and nothing added
    assert "admin_access" not in read and read["trial"]["users"]["kari"]["password"] == 'pa"ss\n'
    assert read["oidc"] == {"client_id": "nsc"} and oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_city_s_password_works_under_scram_and_is_never_sent_in_clear(nsc_postgres_server):
    """On the tests' server (trust), password authentication is switched on for one city, as `pg_hba.conf` is
    set in production (step 2 of the guide): its role's password signs in, a wrong one does not."""
    if nsc_postgres_server is None:
        pytest.skip("no PostgreSQL server")
    sys.path.insert(0, str(DEPLOY))
    from setup_postgres import setup

    admin = sa.create_engine(nsc_postgres_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            hba = Path(conn.execute(sa.text("SHOW hba_file")).scalar_one())
        before = hba.read_text("utf-8")
        line = "host nsc_city_brekkeby nsc_city_brekkeby 127.0.0.1/32 scram-sha-256\n"
        hba.write_text(line + before, "utf-8")  # first match wins: this city signs in with its password
        try:
            with admin.connect() as conn:
                conn.execute(sa.text("SELECT pg_reload_conf()"))
            entries, _library = setup(nsc_postgres_server, {"brekkeby": "Brekkeby"})
            url = sa.make_url(entries["brekkeby"]["db_url"])
            with admin.connect() as conn:
                stored = conn.execute(
                    sa.text("SELECT rolpassword FROM pg_authid WHERE rolname = 'nsc_city_brekkeby'")
                ).scalar_one()
            assert stored.startswith("SCRAM-SHA-256$4096:") and url.password not in stored
            engine = sa.create_engine(url)
            with engine.connect() as conn:  # the role's own password, checked by the server
                assert conn.execute(sa.text("SELECT current_user")).scalar_one() == "nsc_city_brekkeby"
            engine.dispose()
            wrong = sa.create_engine(url.set(password=url.password + "x"))
            with pytest.raises(sa.exc.OperationalError, match="password authentication failed"), wrong.connect():
                pass
            wrong.dispose()
        finally:
            hba.write_text(before, "utf-8")
            with admin.connect() as conn:
                conn.execute(sa.text("SELECT pg_reload_conf()"))
    finally:
        admin.dispose()
