"""The ``nsc-workshop`` command.

Every command takes ``--db URL`` (or ``$NSC_WORKSHOP_DB``); without either the
store is a SQLite file in the user's data folder (see ``nsc-workshop where``).
Errors are printed as one plain message, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import signal
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from nsc_workshop._version import __version__
from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
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
    click.echo(_to_url(db))


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
        click.echo(f"{w.id}\t{w.title}\t{w.city}, {w.country}\t{when}")


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
@db_option
@friendly_errors
def import_(file: Path, fmt: str | None, into: str | None, replace: bool, db: str | None) -> None:
    from nsc_workshop.io import import_map

    if into and replace:
        raise click.UsageError(t("io.cli.import.into_and_replace"))
    wid = import_map(_store(db), file, fmt, into=into, replace=replace)
    click.echo(wid)


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

    store = _store(db)
    path = export_bundle(store, workshop, out) if fmt == "bundle" else write_map(store.load(workshop), out, fmt)
    click.echo(str(path))


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
    from nsc_workshop.events import describe

    for event in _store(db).history(workshop, limit=limit):
        when = event.time.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        who = event.participant or "-"
        click.echo(f"{event.version}\t{when}\t{who}\t{describe(event)}")


def _qr_folder(url: str) -> Path:
    """Where the QR code's PNG goes: beside a SQLite store's file, else in a private temporary folder."""
    import tempfile

    from sqlalchemy import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(str(parsed.database)).expanduser().resolve().parent
    return Path(tempfile.mkdtemp(prefix="nsc-workshop-qr-"))


def _choose_workshop(store: Store, workshop: str | None) -> tuple[str, str] | None:
    """``(id, title)`` of the workshop to print links for: the one named, else the most recently changed."""
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


def _serve(
    db: str | None,
    port: int,
    open_browser: bool,
    *,
    workshop: str | None = None,
    lan: bool = False,
    preheat: bool = True,
    qr_app: str = "sprint",
    address: str | None = None,
) -> None:
    from nsc_workshop.serve import APP_NOTEBOOKS, HOME_NOTEBOOK, PROJECTOR_NOTEBOOK, VoilaServer, lan_address

    url = _to_url(db)
    store = open_store(url)
    chosen = _choose_workshop(store, workshop)
    server = (
        VoilaServer.for_room(url, port=port, preheat=preheat) if lan else VoilaServer(url, port=port, preheat=preheat)
    )

    def _interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _interrupt)  # stop Voilà and its kernels too
    click.echo(t("cli.serve.starting", db=store.display_url))
    server.start()
    apps = [(t(label), notebook) for label, notebook in APP_NOTEBOOKS.values()]
    projector = (server.notebooks / PROJECTOR_NOTEBOOK).is_file()
    wid = chosen[0] if chosen else None
    if chosen:
        click.echo(t("serve.workshop", title=chosen[1], workshop=chosen[0]))
    if not lan:
        home = server.url_for(HOME_NOTEBOOK, **({"workshop": wid} if wid else {}))
        click.echo(t("cli.serve.ready", url=home))
        if wid:
            click.echo(t("serve.local_links"))
            rows = [(label, server.url_for(notebook, workshop=wid)) for label, notebook in apps]
            rows += [
                (t("serve.participant_view", app=label), server.participant_url(notebook, wid))
                for label, notebook in apps
            ]
            _print_links(rows)
        click.echo(t("serve.local_only"))
        browser_url = home
    else:
        host = address or lan_address()
        click.echo(t("serve.lan_started", address=host, port=server.port))
        click.echo("\n" + t("serve.facilitator_links"))
        rows = [(t("serve.home"), server.facilitator_url(HOME_NOTEBOOK, host=host))]
        if wid:
            rows += [(label, server.facilitator_url(notebook, wid, host=host)) for label, notebook in apps]
            if projector:
                rows.append(
                    (t("serve.projector"), server.facilitator_url(PROJECTOR_NOTEBOOK, wid, host=host, role="projector"))
                )
        _print_links(rows)
        if wid:
            from nsc_workshop.qr import qr_text, save_qr_png

            click.echo("\n" + t("serve.participant_links"))
            _print_links([(label, server.participant_url(notebook, wid, host=host)) for label, notebook in apps])
            label_key, notebook = APP_NOTEBOOKS[qr_app]
            link = server.participant_url(notebook, wid, host=host)
            click.echo("\n" + t("serve.qr_heading", app=t(label_key)))
            click.echo(qr_text(link), nl=False)
            png = save_qr_png(link, _qr_folder(url) / f"{wid}-{qr_app}-qr.png")
            click.echo(t("serve.qr_saved", path=str(png)))
        else:
            click.echo(t("serve.no_workshops"))
        click.echo("\n" + t("serve.lan_ready"))
        browser_url = server.home_url  # on loopback, which the facilitator's own browser reaches
    if open_browser:
        webbrowser.open(browser_url)
    sys.exit(server.wait())


APP_CHOICES = ("framing", "mapping", "sprint")
"""``--qr-app`` values (the keys of :data:`nsc_workshop.serve.APP_NOTEBOOKS`)."""


def serve_options(func: F) -> F:
    """The options ``serve`` and ``demo`` share."""
    options = [
        click.option("--port", default=8866, show_default=True),
        click.option("--lan", is_flag=True, help=t("serve.cli.lan")),
        click.option("--workshop", metavar="WORKSHOP", help=t("serve.cli.workshop")),
        click.option(
            "--qr-app",
            type=click.Choice(list(APP_CHOICES)),
            default="sprint",
            show_default=True,
            help=t("serve.cli.qr_app"),
        ),
        click.option("--preheat/--no-preheat", default=True, show_default=True, help=t("serve.cli.preheat")),
        click.option("--address", metavar="HOST", help=t("serve.cli.address")),
        click.option("--browser/--no-browser", "open_browser", default=True, help="Open the home page in a browser."),
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
    _serve(db, **{**options, "workshop": options["workshop"] or SAMPLE_WORKSHOP_ID})


if __name__ == "__main__":
    main()
