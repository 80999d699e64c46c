"""The ``nsc-workshop`` command.

Every command takes ``--db URL`` (or ``$NSC_WORKSHOP_DB``); without either the
store is a SQLite file in the user's data folder (see ``nsc-workshop where``).
Errors are printed as one plain message, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import signal
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from nsc_workshop._version import __version__
from nsc_workshop.errors import NscWorkshopError, Problem, WorkshopNotFound
from nsc_workshop.i18n import available_languages, t
from nsc_workshop.io import FORMATS
from nsc_workshop.store import DB_ENV, Store, _to_url, open_store

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """Add ``--db URL`` to a command and pass it on as ``db``."""
    return click.option(
        "--db",
        "db",
        envvar=DB_ENV,
        metavar="URL",
        help="Database: a SQLAlchemy URL or a SQLite file path (default: $NSC_WORKSHOP_DB, "
        "else the file shown by `nsc-workshop where`).",
    )(func)


def friendly_errors(func: F) -> F:
    """Show library errors as a message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NscWorkshopError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def _store(db: str | None) -> Store:
    return open_store(db)


@click.group(help=t("cli.help"))
@click.version_option(__version__, prog_name="nsc-workshop")
def main() -> None:
    pass


@main.command(help=t("cli.where.help"))
@db_option
def where(db: str | None) -> None:
    from nsc_workshop._db import display_url

    click.echo(display_url(_to_url(db)))  # never the password of a database server's URL


@main.command(help=t("cli.new.help"))
@click.argument("title")
@click.option("--city", required=True)
@click.option("--country", required=True)
@click.option("--language", default="en", show_default=True)
@click.option("--start", "start_date", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option("--end", "end_date", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD).")
@click.option("--area", "areas", multiple=True, help="A Blueprint area id (repeatable).")
@click.option(
    "--sensitivity", type=click.Choice(["public", "network", "restricted"]), default="restricted", show_default=True
)
@db_option
@friendly_errors
def new(
    title: str,
    city: str,
    country: str,
    language: str,
    start_date: dt.datetime | None,
    end_date: dt.datetime | None,
    areas: tuple[str, ...],
    sensitivity: str,
    db: str | None,
) -> None:
    store = _store(db)
    wid = store.create_workshop(
        title,
        city,
        country,
        language=language,
        start_date=start_date.date() if start_date else None,
        end_date=end_date.date() if end_date else None,
        blueprint_areas=list(areas),
        sensitivity=sensitivity,
    )
    click.echo(wid)


@main.command("list", help=t("cli.list.help"))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
@friendly_errors
def list_(as_json: bool, db: str | None) -> None:
    workshops = _store(db).list_workshops()
    if as_json:
        rows = [
            {
                "id": w.id,
                "title": w.title,
                "city": w.city,
                "country": w.country,
                "language": w.language,
                "sensitivity": w.sensitivity,
                "start_date": w.start_date,
                "end_date": w.end_date,
                "updated_at": w.updated_at.isoformat(),
                "events": w.events,
                "owner": w.owner,
            }
            for w in workshops
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not workshops:
        click.echo(t("cli.list.empty"))
        return
    for w in workshops:
        when = w.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        owner = f"\t{w.owner or '-'}" if any(x.owner for x in workshops) else ""
        click.echo(f"{w.id}\t{w.title}\t{w.city}, {w.country}\t{when}{owner}")


@main.command(help=t("cli.owner.help"))
@click.argument("workshop")
@click.argument("city", required=False)
@click.option("--nobody", is_flag=True, help=t("cli.owner.nobody"))
@db_option
@friendly_errors
def owner(workshop: str, city: str | None, nobody: bool, db: str | None) -> None:
    store = _store(db)
    if city is None and not nobody:
        found = next((w for w in store.list_workshops() if w.id == workshop), None)
        if found is None:
            raise WorkshopNotFound(workshop=workshop)
        click.echo(found.owner or "-")
        return
    store.set_owner(workshop, None if nobody else city)
    click.echo(
        t("cli.owner.set", workshop=workshop, city=city or "-")
        if not nobody
        else t("cli.owner.unset", workshop=workshop)
    )


@main.command("import", help=t("io.cli.import.help"))
@click.argument("file", type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help=t("io.cli.import.format"),
)
@click.option("--into", "into", metavar="WORKSHOP", help=t("io.cli.import.into"))
@click.option("--replace", is_flag=True, help=t("io.cli.import.replace"))
@click.option("--strict", is_flag=True, help=t("io.cli.import.strict"))
@db_option
@friendly_errors
def import_(file: Path, fmt: str | None, into: str | None, replace: bool, strict: bool, db: str | None) -> None:
    from nsc_workshop.io import import_map
    from nsc_workshop.io.report import import_summary

    if into and replace:
        raise click.UsageError(t("io.cli.import.into_and_replace"))
    store = _store(db)
    before = store.load(into) if into else None
    warnings: list[Problem] = []
    wid = import_map(store, file, fmt, into=into, replace=replace, strict=strict, warnings=warnings)
    click.echo(wid)
    for line in import_summary(before, store.load(wid), warnings):
        click.echo(line, err=True)


@main.command(help=t("io.cli.export.help"))
@click.argument("workshop")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="bundle",
    show_default=True,
    help=t("io.cli.export.format"),
)
@click.option("--out", "out", type=click.Path(path_type=Path), required=True)
@db_option
@friendly_errors
def export(workshop: str, fmt: str, out: Path, db: str | None) -> None:
    from nsc_workshop.bundle import export_bundle
    from nsc_workshop.io import write_map
    from nsc_workshop.io.report import export_notes

    store = _store(db)
    state = store.load(workshop)
    path = export_bundle(store, workshop, out) if fmt == "bundle" else write_map(state, out, fmt)
    click.echo(str(path))
    for note in export_notes(state, fmt):  # what a networkx or PRSM user must know about this file
        click.echo(note, err=True)


@main.command("report", help=t("report.cli.help"))
@click.argument("workshop")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help=t("report.cli.out"))
@click.option("--lang", "language", type=click.Choice(available_languages()), help=t("report.cli.lang"))
@db_option
@friendly_errors
def report(workshop: str, out: Path, language: str | None, db: str | None) -> None:
    from nsc_workshop.report import report_format, write_report
    from nsc_workshop.report._html import default_workers

    report_format(out)  # a wrong suffix is refused before any work
    # the command line may fork: the figures are drawn in two processes on a two-core machine
    path = write_report(_store(db).load(workshop), out, language=language, workers=default_workers())
    click.echo(t("report.cli.done", path=str(path)))


@main.command(help=t("cli.analyse.help"))
@click.argument("workshop")
@click.option("--json", "as_json", is_flag=True, help=t("cli.analyse.json"))
@click.option("--seed", type=int, default=0, show_default=True, help=t("cli.analyse.seed"))
@db_option
@friendly_errors
def analyse(workshop: str, as_json: bool, seed: int, db: str | None) -> None:
    from nsc_workshop.analysis import insights

    loaded = _store(db).load(workshop)
    report = insights(loaded, seed=seed)
    if as_json:
        click.echo(json.dumps({"workshop": loaded.id, **report.to_dict()}, ensure_ascii=False, indent=2))
        return
    click.echo(t("cli.analyse.heading", title=loaded.meta.title, actors=len(loaded.actors), ties=len(loaded.ties)))
    for finding in report.findings:
        mark = "!" if finding.severity == "attention" else "-"
        click.echo(f"\n{mark} {finding.title}\n  {finding.text}")
        for key, value in finding.figures.items():
            click.echo(f"    {t(f'figure.{key}', default=key.replace('_', ' '))}: {value}")


@main.command(help=t("cli.history.help"))
@click.argument("workshop")
@click.option("--limit", type=int, default=50, show_default=True)
@db_option
@friendly_errors
def history(workshop: str, limit: int, db: str | None) -> None:
    from nsc_workshop.summaries.history import describe

    for event in _store(db).history(workshop, limit=limit):
        when = event.time.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        who = event.participant or "-"
        click.echo(f"{event.version}\t{when}\t{who}\t{describe(event)}")


@main.command(help=t("cli.repair.help"))
@click.argument("workshop")
@db_option
@friendly_errors
def repair(workshop: str, db: str | None) -> None:
    skipped = _store(db).repair(workshop)
    for item in skipped:
        event = item.event
        click.echo(t("cli.repair.skipped", version=event.version, type=event.type, detail=item.reason), err=True)
    if skipped:
        click.echo(t("cli.repair.done", workshop=workshop, count=len(skipped)))
    else:
        click.echo(t("cli.repair.nothing", workshop=workshop))


def _choose_workshop(store: Store, workshop: str | None) -> tuple[str, str] | None:
    """``(id, title)`` of the workshop to open the room of: the one named, else the most recently changed."""
    if workshop is not None:
        if not store.exists(workshop):
            raise click.ClickException(t("serve.cli.no_workshop", workshop=workshop))
        return workshop, store.load(workshop).meta.title
    found = store.list_workshops()
    return (found[0].id, found[0].title) if found else None


def _print_links(rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows) + 2
    for label, url in rows:
        click.echo(f"  {label + ':':<{width}}{url}")


def _write_links(path: Path, links: dict[str, str]) -> None:
    """``--links-json``: the three links as JSON, readable by the owner only (they carry the keys)."""
    from nsc_workshop.room.files import write_private

    write_private(path, (json.dumps(links, indent=2) + "\n").encode())


def _serve(
    db: str | None,
    port: int,
    open_browser: bool,
    *,
    workshop: str | None = None,
    lan: bool = False,
    preheat: bool = True,
    address: str | None = None,
    links_json: Path | None = None,
    new_links: bool = False,
) -> None:
    from nsc_workshop.errors import ServeError
    from nsc_workshop.registry import WORKSHOP_APPS
    from nsc_workshop.room.files import format_code
    from nsc_workshop.serve import VoilaServer, lan_address, port_in_use

    url = _to_url(db)
    store = open_store(url)
    chosen = _choose_workshop(store, workshop)
    wid = chosen[0] if chosen else None
    if port_in_use(port, "0.0.0.0" if lan else "127.0.0.1"):  # before a link is printed
        raise ServeError("error.serve.port_in_use", port=port)
    options: dict[str, Any] = {"port": port, "preheat": preheat, "workshop": wid, "renew": new_links}
    server = VoilaServer.for_room(url, **options) if lan else VoilaServer(url, **options)
    host = (address or lan_address()) if lan else None
    server.lan_host = host

    def _interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _interrupt)  # stop the server and its kernels too
    click.echo(t("cli.serve.starting", db=store.display_url))
    try:
        server.start()
    except KeyboardInterrupt:
        server.stop()
        return
    apps = [(t(app.label_key), app.notebook) for app in WORKSHOP_APPS]
    if chosen:
        click.echo(t("serve.workshop", title=chosen[1], workshop=chosen[0]))
    if lan:
        click.echo(t("serve.lan_started", address=host, port=server.port))
    if wid and server.code is not None:
        from nsc_workshop.qr import qr_text, save_qr_png

        link = server.participant_url(host=host)
        click.echo("\n" + (t("serve.participants") if lan else t("serve.participants_local")))
        click.echo("  " + t("serve.participants_how", join=server.join_url(host=host), code=format_code(server.code)))
        click.echo("  " + t("serve.participants_link", link=link))
        if lan:
            click.echo(qr_text(link), nl=False)
            png = save_qr_png(link, server.room_dir / f"{wid}-room-qr.png")
            click.echo(t("serve.qr_saved", path=str(png)))
    elif not wid:
        click.echo(t("serve.no_workshops"))
    click.echo("\n" + (t("serve.facilitator_links") if lan else t("serve.local_links")))
    home = server.home_url.replace("127.0.0.1", host) if host else server.home_url
    rows = [(t("serve.home"), home)]
    if wid:
        rows += [(label, server.facilitator_url(notebook, wid, host=host)) for label, notebook in apps]
        rows.append((t("serve.room_page"), server.host_url(host=host)))
    _print_links(rows)
    if wid:
        click.echo("\n" + t("serve.projector_heading"))
        _print_links([(t("serve.projector"), server.projector_url(host=host))])
    if not lan:
        click.echo("\n" + t("serve.local_only"))
    if links_json is not None:
        _write_links(links_json, server.links(host))
    click.echo("\n" + t("serve.ready"))
    if open_browser:
        webbrowser.open(server.home_url)  # on loopback, which the facilitator's own browser reaches
    sys.exit(server.wait())


def serve_options(func: F) -> F:
    """The options ``serve`` and ``demo`` share."""
    options = [
        click.option("--port", default=8866, show_default=True),
        click.option("--lan", is_flag=True, help=t("serve.cli.lan")),
        click.option("--workshop", metavar="WORKSHOP", help=t("serve.cli.workshop")),
        click.option("--preheat/--no-preheat", default=True, show_default=True, help=t("serve.cli.preheat")),
        click.option("--address", metavar="HOST", help=t("serve.cli.address")),
        click.option("--links-json", type=click.Path(dir_okay=False, path_type=Path), help=t("serve.cli.links_json")),
        click.option("--new-links", is_flag=True, help=t("serve.cli.new_links")),
        click.option("--browser/--no-browser", "open_browser", default=True, help=t("serve.cli.browser")),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command(help=t("serve.cli.help"))
@serve_options
@db_option
@friendly_errors
def serve(db: str | None, **options: Any) -> None:
    _serve(db, **options)


@main.command(help=t("cli.demo.help"))
@serve_options
@db_option
@friendly_errors
def demo(db: str | None, **options: Any) -> None:
    from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample

    store = _store(db)
    if not store.exists(SAMPLE_WORKSHOP_ID):
        store.import_workshop(load_sample())
        click.echo(t("cli.demo.loaded", workshop=SAMPLE_WORKSHOP_ID))
    _demo_library(store)
    _serve(db, **{**options, "workshop": options["workshop"] or SAMPLE_WORKSHOP_ID})


def _demo_library(store: Store) -> None:
    """A library to show (unless ``NSC_LIBRARY_DB`` names one): ``demo-library.db`` beside a SQLite store,
    holding the sample workshop's record and synthetic records of invented cities. The real library
    is never touched by the demo."""
    from nsc_workshop._db import sqlite_file
    from nsc_workshop.datasets import load_sample
    from nsc_workshop.library import build_record, open_library
    from nsc_workshop.library.db import LIBRARY_ENV, default_library_path
    from nsc_workshop.testing import synthetic_records

    if os.environ.get(LIBRARY_ENV):
        return
    database = sqlite_file(store.url)
    path = (database.parent if database else default_library_path().parent) / "demo-library.db"
    os.environ[LIBRARY_ENV] = f"sqlite:///{path}"
    with open_library(path) as library:
        if library.count() == 0:
            library.publish(build_record(load_sample()))
            library.publish_many(synthetic_records(DEMO_RECORDS, seed=7))
            click.echo(t("cli.demo.library", count=library.count(), path=str(path)))


DEMO_RECORDS = 60
"""How many synthetic records the demo library holds, beside the sample's."""


# -- the secretariat library ---------------------------------------------------------


def library_option(func: F) -> F:
    """Add ``--library URL_OR_PATH`` to a command and pass it on as ``library_url``."""
    from nsc_workshop.library.db import LIBRARY_ENV

    return click.option(
        "--library",
        "library_url",
        envvar=LIBRARY_ENV,
        metavar="URL_OR_PATH",
        help=t("library.cli.option.library"),
    )(func)


def _open_library(library_url: str | None, db: str | None = None) -> Any:
    """The library ``--library`` (or ``$NSC_LIBRARY_DB``) names, else ``library.db`` beside the store.

    The store is ``db`` (a command's ``--db``), else ``$NSC_WORKSHOP_DB``, else
    the default store; a store on a database server keeps the library in the
    user's data folder (see :func:`nsc_workshop.library.db.default_library_path`).
    """
    from nsc_workshop.library import open_library

    return open_library(library_url, store_url=_to_url(db))


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _table(header: list[str], rows: list[list[str]], widths: dict[int, int] | None = None) -> None:
    """Print rows as aligned columns; ``widths`` caps some columns (their texts are cut with an ellipsis)."""
    caps = widths or {}

    def cut(i: int, text: str) -> str:
        cap = caps.get(i)
        return text if cap is None or len(text) <= cap else text[: cap - 1] + "…"

    cells = [[cut(i, c) for i, c in enumerate(row)] for row in [header, *rows]]
    sizes = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        click.echo("  ".join(c.ljust(sizes[i]) for i, c in enumerate(row)).rstrip())


def _load_source(source: str, db: str | None) -> Any:
    """The workshop to publish: a bundle file a city sent in, else a workshop of the store."""
    from nsc_workshop.bundle import read_bundle

    path = Path(source)
    if path.is_file() or path.suffix or "/" in source or "\\" in source:
        return read_bundle(path)
    return _store(db).load(source)


@main.group("library", help=t("library.cli.help"))
def library_group() -> None:
    pass


@library_group.command("publish", help=t("library.cli.publish.help"))
@click.argument("source")
@click.option("--sensitivity", type=click.Choice(["public", "network"]), help=t("library.cli.publish.sensitivity"))
@click.option("--as", "record_id", metavar="RECORD_ID", help=t("library.cli.publish.as"))
@click.option("--yes", is_flag=True, help=t("library.cli.option.yes"))
@click.option("--preview-only", is_flag=True, help=t("library.cli.publish.preview_only"))
@library_option
@db_option
@friendly_errors
def library_publish(
    source: str,
    sensitivity: str | None,
    record_id: str | None,
    yes: bool,
    preview_only: bool,
    library_url: str | None,
    db: str | None,
) -> None:
    from nsc_workshop.errors import RecordNotFound
    from nsc_workshop.library import preview_publication
    from nsc_workshop.library.record import RECORD_ID_RE

    if record_id is not None and not RECORD_ID_RE.match(record_id):
        raise click.ClickException(t("library.cli.publish.bad_id", id=record_id))
    workshop = _load_source(source, db)
    preview = preview_publication(workshop, record_id=record_id, sensitivity=sensitivity)
    if preview.record is None:
        raise click.ClickException(preview.refused or t("library.refused.restricted", title=workshop.meta.title))
    record = preview.record
    click.echo(
        t(
            "library.cli.publish.heading",
            title=record.title,
            city=record.city,
            country=record.country,
            id=record.id,
            level=t(f"sensitivity.{record.sensitivity}"),
        )
    )
    click.echo(
        t("library.cli.publish.counts", actors=len(record.actors), ties=len(record.ties), ideas=len(record.ideas))
    )
    if preview.names:
        click.echo(t("library.cli.publish.names"))
        for name, pseudonym in preview.names:
            click.echo(f"  {name} → {pseudonym}")
    if preview.replaced:
        click.echo(t("library.cli.publish.replaced"))
        for where, item, kind, original, replacement in preview.rows():
            place = f"{where} · {item}" if item else where
            click.echo(f"  {place} · {kind}: {original} → {replacement}")
    if preview.left_out:
        click.echo(t("library.cli.publish.left_out"))
        for what, why in preview.left_out:
            click.echo(f"  {what} ({why})")
    if preview_only:
        click.echo(preview.record_json())
        click.echo(t("library.cli.publish.preview_done"))
        return
    with _open_library(library_url, db) as library:
        try:
            earlier = library.get(record.id)
        except RecordNotFound:
            earlier = None
        if earlier is not None:
            click.echo(t("library.cli.publish.replaces", id=record.id, version=earlier.version, city=earlier.city))
        if not yes and not click.confirm(t("library.cli.publish.confirm"), default=False):
            click.echo(t("library.cli.publish.cancelled"))
            sys.exit(1)
        stored = library.publish(record)
    click.echo(t("library.cli.publish.done", id=stored.id, version=stored.version))


@library_group.command("search", help=t("library.cli.search.help"))
@click.argument("query", required=False, default="")
@click.option("--city", multiple=True, help=t("library.cli.option.repeatable"))
@click.option("--country", multiple=True, help=t("library.cli.option.repeatable"))
@click.option("--area", multiple=True, help=t("library.cli.option.area"))
@click.option("--prevention", multiple=True, help=t("library.cli.option.repeatable"))
@click.option("--status", multiple=True, help=t("library.cli.option.repeatable"))
@click.option("--evidence", multiple=True, help=t("library.cli.option.repeatable"))
@click.option("--since", metavar="YYYY-MM-DD", help=t("library.cli.search.since"))
@click.option("--until", metavar="YYYY-MM-DD", help=t("library.cli.search.until"))
@click.option("--public", is_flag=True, help=t("library.cli.option.public"))
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help=t("library.cli.option.json"))
@library_option
@friendly_errors
def library_search(
    query: str,
    city: tuple[str, ...],
    country: tuple[str, ...],
    area: tuple[str, ...],
    prevention: tuple[str, ...],
    status: tuple[str, ...],
    evidence: tuple[str, ...],
    since: str | None,
    until: str | None,
    public: bool,
    limit: int,
    as_json: bool,
    library_url: str | None,
) -> None:
    import dataclasses

    with _open_library(library_url) as library:
        hits = library.search(
            query,
            limit=limit,
            city=list(city),
            country=list(country),
            area=list(area),
            prevention=list(prevention),
            status=list(status),
            evidence=list(evidence),
            since=since,
            until=until,
            audience="public" if public else "network",
        )
    if as_json:
        _echo_json([dataclasses.asdict(hit) for hit in hits])
        return
    if not hits:
        click.echo(t("library.cli.search.none"))
        return
    header = [t(f"library.cli.column.{c}") for c in ("id", "title", "city", "year", "status", "score")]
    rows = [
        [h.id, h.title, h.city, str(h.year or ""), h.status, f"{h.score:.2f}" if query.strip() else ""] for h in hits
    ]
    _table(header, rows, {1: 60})


@library_group.command("show", help=t("library.cli.show.help"))
@click.argument("record_id")
@click.option("--json", "as_json", is_flag=True, help=t("library.cli.option.json"))
@library_option
@friendly_errors
def library_show(record_id: str, as_json: bool, library_url: str | None) -> None:
    with _open_library(library_url) as library:
        record = library.get(record_id)
    if as_json:
        click.echo(record.model_dump_json(indent=2))
        return
    dates = " – ".join(str(d) for d in (record.start_date, record.end_date) if d)
    click.echo(f"{record.title}  [{record.id} v{record.version}]")
    rows = [
        (t("library.field.place"), f"{record.city}, {record.country}"),
        (t("library.field.dates"), dates or "-"),
        (t("library.field.status"), t(f"library.status.{record.status}")),
        (t("library.field.evidence"), t(f"library.evidence.{record.evidence}")),
        (t("library.cli.show.areas"), ", ".join(record.blueprint_areas) or "-"),
        (t("library.cli.show.sensitivity"), t(f"sensitivity.{record.sensitivity}")),
        (t("library.cli.show.licence"), record.licence),
        (t("library.cli.show.published"), record.published_at.isoformat()),
        (
            t("library.cli.show.counts"),
            t("library.cli.publish.counts", actors=len(record.actors), ties=len(record.ties), ideas=len(record.ideas)),
        ),
    ]
    width = max(len(label) for label, _ in rows) + 2
    for label, value in rows:
        click.echo(f"  {label + ':':<{width}}{value}")
    for label, text in (
        (t("library.cli.show.summary"), record.summary),
        (t("library.cli.show.problem"), record.problem_statement),
        (t("library.cli.show.concept"), record.chosen_concept),
    ):
        if text:
            click.echo(f"\n{label}:\n  {text}")


@library_group.command("similar", help=t("library.cli.similar.help"))
@click.argument("record_id")
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--public", is_flag=True, help=t("library.cli.option.public"))
@click.option("--json", "as_json", is_flag=True, help=t("library.cli.option.json"))
@library_option
@friendly_errors
def library_similar(record_id: str, limit: int, public: bool, as_json: bool, library_url: str | None) -> None:
    import dataclasses

    with _open_library(library_url) as library:
        cases = library.similar(record_id, limit=limit, audience="public" if public else "network")
    if as_json:
        _echo_json([dataclasses.asdict(case) for case in cases])
        return
    if not cases:
        click.echo(t("library.cli.similar.none"))
        return
    header = [t(f"library.cli.column.{c}") for c in ("id", "title", "city", "score", "shared")]
    rows = [
        [
            c.record.id,
            c.record.title,
            c.record.city,
            f"{c.score:.2f}",
            ", ".join(word for words in c.shared.values() for word in words[:3]),
        ]
        for c in cases
    ]
    _table(header, rows, {1: 50, 4: 60})


_MAP_FORMATS = (".gexf", ".graphml")


def _scalar_graph(graph: Any) -> Any:
    """A copy of the alliance map that GEXF and GraphML can hold: lists as JSON text, ``type`` as ``tie_type``.

    (GEXF reads an edge's ``type`` as directed/undirected, so the kind of tie is renamed.)
    """

    def scalar(value: Any) -> Any:
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, list | dict | set) else value

    out = graph.__class__()
    out.graph.update({k: scalar(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        out.add_node(node, label=data.get("name", node), **{k: scalar(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {("tie_type" if k == "type" else k): scalar(v) for k, v in data.items()}
        out.add_edge(u, v, key=key, **attrs)
    return out


@library_group.command("aggregate", help=t("library.cli.aggregate.help"))
@click.argument("what", type=click.Choice(["coverage", "actors", "themes", "map"]))
@click.option(
    "--by",
    type=click.Choice(["city", "country", "year"]),
    default="city",
    show_default=True,
    help=t("library.cli.aggregate.by"),
)
@click.option("--public", is_flag=True, help=t("library.cli.option.public"))
@click.option("--json", "as_json", is_flag=True, help=t("library.cli.option.json"))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help=t("library.cli.aggregate.out"))
@library_option
@friendly_errors
def library_aggregate(
    what: str, by: str, public: bool, as_json: bool, out: Path | None, library_url: str | None
) -> None:
    import dataclasses

    from nsc_workshop.library.aggregate import alliance_map, coverage, idea_themes, recurring_actors

    audience = "public" if public else "network"
    if what == "map" and (out is None or out.suffix.lower() not in _MAP_FORMATS):
        raise click.UsageError(t("library.cli.aggregate.map_out"))
    with _open_library(library_url) as library:
        if what == "coverage":
            data: Any = coverage(library, by, audience=audience)
        elif what == "actors":
            data = recurring_actors(library, audience=audience)
        elif what == "themes":
            data = idea_themes(library, audience=audience)
        else:
            data = alliance_map(library, audience=audience)
    if what == "map":
        import networkx as nx

        from nsc_workshop._files import atomic_path

        assert out is not None
        graph = _scalar_graph(data.graph)
        try:
            with atomic_path(out) as tmp:
                if out.suffix.lower() == ".gexf":
                    nx.write_gexf(graph, tmp)
                else:
                    nx.write_graphml(graph, tmp)
        except OSError as exc:
            raise click.ClickException(
                t("library.cli.unwritable", path=str(out), detail=exc.strerror or str(exc))
            ) from None
        click.echo(
            t(
                "library.cli.aggregate.map_done",
                path=str(out),
                nodes=graph.number_of_nodes(),
                edges=graph.number_of_edges(),
            )
        )
        return
    if what == "coverage":
        rows_data: Any = data
    else:
        rows_data = [dataclasses.asdict(item) for item in data]
        for item in rows_data:
            item.pop("keys", None)
    if as_json or out is not None:
        text = json.dumps(rows_data, ensure_ascii=False, indent=2, default=str)
        if out is not None:
            out.write_text(text + "\n", encoding="utf-8")
            click.echo(t("library.cli.aggregate.written", path=str(out)))
        else:
            click.echo(text)
        return
    if not data:
        click.echo(t("library.cli.aggregate.none"))
        return
    if what == "coverage":
        from nsc_workshop.model.vocab import BLUEPRINT_AREAS

        header = [t(f"library.cli.column.{by}"), *BLUEPRINT_AREAS]
        _table(header, [[row, *(str(counts[a]) for a in BLUEPRINT_AREAS)] for row, counts in data.items()])
    elif what == "actors":
        header = [t(f"library.cli.column.{c}") for c in ("actor", "records", "mentions", "cities", "names")]
        rows = [[a.label, str(len(a.records)), str(a.mentions), ", ".join(a.cities), " / ".join(a.names)] for a in data]
        _table(header, rows, {0: 50, 3: 50, 4: 60})
    else:
        header = [t(f"library.cli.column.{c}") for c in ("theme", "cities", "records", "ideas", "votes")]
        rows = [[x.theme, ", ".join(x.cities), str(x.records), str(x.ideas), str(x.votes)] for x in data]
        _table(header, rows, {0: 50, 1: 60})


@library_group.command("export", help=t("library.cli.export.help"))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@library_option
@friendly_errors
def library_export(out: Path, library_url: str | None) -> None:
    from nsc_workshop.library.opendata import export_open_data

    with _open_library(library_url) as library:
        path = export_open_data(library, out)
        count = len(library.records(audience="public"))
    click.echo(t("library.cli.export.done", path=str(path), count=count))


@library_group.command("withdraw", help=t("library.cli.withdraw.help"))
@click.argument("record_id")
@click.option("--yes", is_flag=True, help=t("library.cli.option.yes"))
@library_option
@friendly_errors
def library_withdraw(record_id: str, yes: bool, library_url: str | None) -> None:
    with _open_library(library_url) as library:
        record = library.get(record_id)
        if not yes and not click.confirm(
            t("library.cli.withdraw.confirm", id=record.id, title=record.title), default=False
        ):
            click.echo(t("library.cli.withdraw.cancelled"))
            sys.exit(1)
        library.withdraw(record_id)
    click.echo(t("library.cli.withdraw.done", id=record_id))


if __name__ == "__main__":
    main()
