"""One database and one login role per city, and the library's, on a PostgreSQL server; then the deployment file.

    .venv/bin/python deploy/setup_postgres.py \\
        --admin-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        --city varnholm=Varnholm --city ostervik=Östervik \\
        --public-url https://workshops.example.org --state /var/lib/nsc-hub \\
        --out /etc/nsc-hub/deployment.toml

For each city ``<slug>`` it makes the role ``nsc_city_<slug>`` (a login with a new random password) and the
database ``nsc_city_<slug>`` owned by it, and takes ``CONNECT`` on that database away from ``PUBLIC``: a city's
role reaches its own database only, and no other role but the server's superusers reaches it. The library
(``nsc_library``, shared: cities publish into it, the secretariat reads it) gets a role of its own the same way.
Run again, it keeps what exists and gives every role a new password (and writes them in the new file).

The deployment file (TOML, ``0600``: it holds the passwords) is what ``deploy/jupyterhub_config.py`` reads.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path

import sqlalchemy as sa

from nsc_workshop.access import check_city
from nsc_workshop.errors import NotPermitted

LIBRARY = "nsc_library"
PG_NAME_MAX = 63
"""PostgreSQL's longest identifier (bytes): a database's and a role's name."""


def database_name(slug: str) -> str:
    """``varnholm`` → ``nsc_city_varnholm`` (a PostgreSQL identifier: hyphens become underscores).

    The slug is the one the hub's ``city:<slug>`` group and the store use (:func:`nsc_workshop.access.check_city`).
    """
    try:
        check_city(slug)
    except NotPermitted:
        raise ValueError(f"a city's slug is lower-case letters, digits and hyphens: {slug!r}") from None
    name = "nsc_city_" + slug.replace("-", "_")
    if len(name) > PG_NAME_MAX:
        raise ValueError(f"a city's slug is at most {PG_NAME_MAX - len('nsc_city_')} characters here: {slug!r}")
    return name


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = 4096) -> str:
    """What PostgreSQL keeps of a password (``SCRAM-SHA-256$...``, RFC 5802/7677), computed here.

    Given to ``CREATE/ALTER ROLE ... PASSWORD``, the password itself never reaches the server, so no
    statement log (``log_statement = ddl``) or ``pg_stat_statements`` can show it.
    """
    salt = salt or secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def make_database(admin: sa.Engine, name: str) -> str:
    """Role and database ``name`` (the role owns it, only it may connect); returns the role's new password.

    The password is random (ASCII, so SCRAM's SASLprep leaves it as it is) and is sent as its SCRAM
    verifier (:func:`scram_verifier`), never in clear.
    """
    password = secrets.token_urlsafe(24)
    with admin.connect() as conn:
        exists = conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
        verb = "ALTER" if exists else "CREATE"
        conn.exec_driver_sql(
            f"{verb} ROLE {_quote(name)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
            f"PASSWORD {_literal(scram_verifier(password))}"
        )
        if not conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
            conn.exec_driver_sql(f"CREATE DATABASE {_quote(name)} OWNER {_quote(name)} ENCODING 'UTF8'")
        conn.exec_driver_sql(f"REVOKE CONNECT, TEMPORARY ON DATABASE {_quote(name)} FROM PUBLIC")
        conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {_quote(name)} TO {_quote(name)}")
    return password


def role_url(admin_url: str, name: str, password: str, host: str | None = None) -> str:
    """The URL a city's server uses: its own role and database on the same server (``host`` if given)."""
    url = sa.make_url(admin_url).set(username=name, password=password, database=name)
    if host:
        url = url.set(host=host)
    return url.render_as_string(hide_password=False)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    # a TOML basic string: JSON's escapes are TOML's (newlines and quotes in a name cannot add keys)
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def write_deployment(path: Path, settings: dict[str, object], cities: dict[str, dict[str, str]],
                     users: Iterable[tuple[str, str, list[str]]] = (),
                     tables: dict[str, dict[str, object]] | None = None) -> None:  # fmt: skip
    """The deployment file: top-level settings, ``[cities.<slug>]``, the trial's ``[trial.users.<name>]`` and
    other ``tables`` (``{"oidc": {...}}``: the sign-in's ``[oidc]``)."""
    lines = [
        "# The nsc-workshop hub's deployment: read by deploy/jupyterhub_config.py. Holds passwords: keep it 0600.",
        "",
    ]
    lines += [f"{key} = {_toml(value)}" for key, value in settings.items()]
    for slug, city in cities.items():
        lines += ["", f"[cities.{slug}]", *(f"{key} = {_toml(value)}" for key, value in city.items())]
    for name, password, groups in users:
        lines += ["", f"[trial.users.{_toml(name)}]", f"password = {_toml(password)}", f"groups = {_toml(groups)}"]
    for table, values in (tables or {}).items():
        lines += ["", f"[{table}]", *(f"{key} = {_toml(value)}" for key, value in values.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    os.chmod(path, 0o600)


def setup(admin_url: str, cities: dict[str, str], *, host: str | None = None) -> tuple[dict[str, dict[str, str]], str]:
    """Make every city's database and role and the library's; returns the cities' entries and the library's URL."""
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        entries = {}
        for slug, name in cities.items():
            db = database_name(slug)
            entries[slug] = {"name": name, "db_url": role_url(admin_url, db, make_database(admin, db), host)}
        library_url = role_url(admin_url, LIBRARY, make_database(admin, LIBRARY), host)
    finally:
        admin.dispose()
    return entries, library_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin-url", required=True, help="a superuser's URL on the PostgreSQL server")
    parser.add_argument("--city", action="append", default=[], metavar="SLUG=NAME", help="a city (repeat)")
    parser.add_argument("--host", help="the host the cities' servers reach PostgreSQL at (default: the admin URL's)")
    parser.add_argument("--public-url", default="http://127.0.0.1:8000", help="where people open the hub")
    parser.add_argument("--state", default="/var/lib/nsc-hub", help="the hub's own folder (its database, secrets)")
    parser.add_argument("--authenticator", choices=["trial", "oidc"], default="oidc")
    parser.add_argument("--out", required=True, type=Path, help="the deployment file to write")
    args = parser.parse_args(argv)
    cities = {}
    for given in args.city:
        slug, _, name = given.partition("=")
        database_name(slug)  # checks the slug
        cities[slug] = name or slug.capitalize()
    entries, library_url = setup(args.admin_url, cities, host=args.host)
    settings = {"public_url": args.public_url, "state_dir": args.state, "authenticator": args.authenticator,
                "library_url": library_url}  # fmt: skip
    write_deployment(args.out, settings, entries)
    print(f"{len(entries)} cities and the library set up; wrote {args.out} (0600)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
