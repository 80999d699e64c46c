"""Factories and fixtures for tests, used by the project's own tests and open to yours.

Factories build valid domain objects with synthetic content (invented
organisations, never real people), deterministic for a given ``seed``::

    ws = make_workshop(actors=40, ties=90, ideas=10, seed=1)

A temporary store, as a context manager or as the pytest fixture
``nsc_store`` (add ``pytest_plugins = ["nsc_workshop.testing"]`` to a conftest)::

    with temporary_store() as store:
        wid = store.import_workshop(ws)

The fixtures the project's tests share are built from plain functions here
(:func:`sample_workshop`, :func:`new_workshop`, :func:`sample_session`,
:func:`cli_runner`, :func:`cli_invoker`), so a test suite of yours can build them the same way.

Waiting in tests is waiting *for something*: :func:`wait_until` polls a
condition until a deadline; :func:`widgets_synced` and :func:`page_settled`
wait for a Voilà page (a Playwright page) to have sent its changes to the
kernel, or to have stopped changing::

    wait_until(lambda: proc.poll() is not None, timeout=30, message="the server never stopped")
"""

from __future__ import annotations

import contextlib
import os
import random
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from nsc_workshop.model import Actor, Idea, Tie, Workshop, new_id
from nsc_workshop.session import open_session
from nsc_workshop.store import Store, open_store

__all__ = [
    "CHROMIUM_ARGS",
    "chromium_path",
    "cli_invoker",
    "cli_runner",
    "make_actor",
    "make_idea",
    "make_record",
    "make_tie",
    "make_workshop",
    "new_workshop",
    "nsc_command",
    "nsc_store",
    "nsc_store_url",
    "only_loopback",
    "page_settled",
    "postgres_server",
    "sample_session",
    "sample_workshop",
    "synthetic_records",
    "temporary_postgres_database",
    "temporary_store",
    "wait_until",
    "widgets_synced",
]

T = TypeVar("T")

_SECTORS = [
    "police", "schools", "youth_work", "social_services", "civil_society", "faith_communities",
    "municipal_departments", "housing", "health", "sports_culture", "local_media", "online_platforms",
]  # fmt: skip
_PLACES = ["Varnholm", "Kettilsby", "Norrhamra", "Ystrevik", "Saltmo", "Brekkeby"]
_KINDS = ["Association", "Centre", "Unit", "Network", "Club", "Office", "Team", "Forum"]
_TIE_TYPES = [("collaborates", 1, False), ("shares_information", 1, True), ("funds", 1, True),
              ("reports_to", 0, True), ("conflicts", -1, False), ("distrusts", -1, True)]  # fmt: skip


def make_actor(rng: random.Random | None = None, **fields: Any) -> Actor:
    """An actor with invented but plausible values; ``fields`` override them."""
    rng = rng or random.Random(0)
    sector = rng.choice(_SECTORS)
    data: dict[str, Any] = {
        "id": new_id("act"),
        "name": f"{rng.choice(_PLACES)} {sector.replace('_', ' ')} {rng.choice(_KINDS).lower()} {rng.randint(1, 999)}",
        "sector": sector,
        "level": rng.choice(["neighbourhood", "local", "regional", "national"]),
        "influence": rng.randint(0, 10),
        "interest": rng.randint(0, 10),
        "power": rng.random() < 0.4,
        "legitimacy": rng.random() < 0.6,
        "urgency": rng.random() < 0.3,
    }
    data.update(fields)
    return Actor.model_validate(data)


def make_tie(source: str, target: str, rng: random.Random | None = None, **fields: Any) -> Tie:
    """A tie between two actor ids, of a random type with that type's sign."""
    rng = rng or random.Random(0)
    kind, sign, directed = rng.choice(_TIE_TYPES)
    data: dict[str, Any] = {
        "id": new_id("tie"),
        "source": source,
        "target": target,
        "type": kind,
        "sign": sign,
        "directed": directed,
        "weight": float(rng.randint(1, 5)),
    }
    data.update(fields)
    return Tie.model_validate(data)


def make_idea(rng: random.Random | None = None, **fields: Any) -> Idea:
    rng = rng or random.Random(0)
    topics = ["a youth-led podcast", "joint street patrols", "a school debate league", "a counter-speech crew",
              "an open sports night", "a neighbourhood dialogue café"]  # fmt: skip
    data: dict[str, Any] = {"id": new_id("idea"), "text": f"Start {rng.choice(topics)} ({rng.randint(1, 99)})"}
    data.update(fields)
    return Idea.model_validate(data)


def make_workshop(
    actors: int = 10,
    ties: int = 15,
    ideas: int = 0,
    *,
    seed: int = 0,
    workshop_id: str | None = None,
    **meta: Any,
) -> Workshop:
    """A workshop with ``actors`` actors, ``ties`` ties between distinct actors and ``ideas`` ideas."""
    rng = random.Random(seed)
    made = [make_actor(rng, id=f"act_{i:05d}") for i in range(actors)]
    tie_list = []
    if actors >= 2:
        for i in range(ties):
            a, b = rng.sample(range(actors), 2)
            tie_list.append(make_tie(made[a].id, made[b].id, rng, id=f"tie_{i:05d}"))
    idea_list = [make_idea(rng, id=f"idea_{i:05d}") for i in range(ideas)]
    metadata = {"title": f"Test workshop {seed}", "city": rng.choice(_PLACES), "country": "Norway", **meta}
    return Workshop.model_validate(
        {
            "id": workshop_id or f"test-{seed}",
            "meta": metadata,
            "actors": made,
            "ties": tie_list,
            "sprint": {"ideas": idea_list},
        }
    )


# -- library records ---------------------------------------------------------------

_CITIES = [
    ("Varnholm", "Norway"), ("Kettilsby", "Sweden"), ("Norrhamra", "Sweden"), ("Ystrevik", "Norway"),
    ("Saltmo", "Sweden"), ("Brekkeby", "Norway"), ("Lindholt", "Denmark"), ("Østerhavn", "Denmark"),
    ("Kivilahti", "Finland"), ("Järvelä", "Finland"), ("Fjordby", "Norway"), ("Hagaberg", "Sweden"),
    ("Ravnsted", "Denmark"), ("Sølvik", "Norway"), ("Tallmo", "Sweden"), ("Koskela", "Finland"),
    ("Skærbæk Strand", "Denmark"), ("Vesterøy", "Norway"), ("Ängsby", "Sweden"), ("Rautavesi", "Finland"),
]  # fmt: skip
_PROBLEMS = [
    ("Online hate among young people", ["digital", "youth"], "hate speech in group chats and gaming platforms"),
    ("Polarisation in the neighbourhood", ["neighbourhoods", "diversity"], "tension between groups after an incident"),
    ("Conspiracy theories after the pandemic", ["democracy", "digital"], "distrust of institutions spread online"),
    ("Threats against local politicians", ["democracy", "governance"], "harassment of elected representatives"),
    ("Recruitment to violent extremism", ["youth", "governance"], "young people approached by extremist groups"),
    ("Hate crimes that go unreported", ["diversity", "governance"], "victims of hate crime do not report it"),
    ("Conflicts in schools after world events", ["youth", "diversity"], "pupils taking sides in distant conflicts"),
    ("Disinformation before the local election", ["democracy", "digital"], "false stories about voting"),
    ("Loneliness and radicalisation online", ["digital", "youth"], "isolated young men in extremist forums"),
    ("Safe public spaces at night", ["neighbourhoods", "governance"], "harassment in the town centre"),
]  # fmt: skip
_ORGS = [
    (("Police, {city}", "{city} police district", "{city} Police"), "police"),
    (("{city} Municipality, Youth Services", "Youth Services, {city} municipality"), "municipal_departments"),
    (("{city} Upper Secondary School", "{city} upper secondary"), "schools"),
    (("Red Cross Youth {city}", "{city} Red Cross Youth"), "civil_society"),
    (("{city} Youth Council", "Youth council of {city}"), "youth_work"),
    (("{city} Public Library", "{city} Library"), "sports_culture"),
    (("Interfaith Council of {city}", "{city} Interfaith Council"), "faith_communities"),
    (("{city} Housing Company",), "housing"),
    (("Social Services, {city}", "{city} social services"), "social_services"),
    (("{city} Football Club", "{city} FC"), "sports_culture"),
    (("{city} Local Radio",), "local_media"),
    (("Mothers' Network {city}", "{city} Mothers Network"), "civil_society"),
    (("{city} Health Centre",), "health"),
    (("Exit Programme North",), "civil_society"),
    (("National Prevention Centre (synthetic)",), "municipal_departments"),
    (("Gaming Platform Moderators",), "online_platforms"),
    (("{city} Municipality, Culture Services",), "municipal_departments"),
    (("Street Mediators {city}", "{city} street mediators"), "youth_work"),
]  # fmt: skip
_IDEAS = [
    ("peer support", "Young digital first-aiders who answer hate in group chats"),
    ("peer support", "A buddy scheme pairing new pupils with older pupils"),
    ("reporting", "An anonymous reporting button in the school app"),
    ("reporting", "Police office hours at the youth club to make reporting easier"),
    ("dialogue", "Dialogue cafés between neighbours after an incident"),
    ("dialogue", "A monthly town-hall meeting with young people and politicians"),
    ("media literacy", "A media literacy game played in class"),
    ("media literacy", "Fact-checking workshops at the library"),
    ("training", "Training for teachers to recognise radicalisation"),
    ("training", "Training for football coaches on hate and inclusion"),
    ("exit support", "A mentor programme for young people leaving extremist milieus"),
    ("safe spaces", "Night walkers in the town centre on weekends"),
    ("safe spaces", "A youth-led safe space open every evening"),
    ("campaign", "A counter-narrative campaign made by young people"),
]  # fmt: skip


def make_record(seed: int, *, record_id: str | None = None, city: str | None = None, **fields: Any) -> Any:
    """A synthetic published record (invented city and organisations), deterministic for ``seed``.

    Cities, problems, organisations and ideas come from small fixed lists, so
    that records share problems, actors spelled per city and idea themes, as
    real ones would.
    """
    import datetime as dt

    from nsc_workshop.library.record import LibraryRecord, RecordAction, RecordActor, RecordIdea, RecordTie, RecordToc

    rng = random.Random(seed)
    place, country = next(((c, k) for c, k in _CITIES if c == city), None) or rng.choice(_CITIES)
    title, areas, problem = rng.choice(_PROBLEMS)
    orgs = rng.sample(_ORGS, rng.randint(6, len(_ORGS)))
    actors = [
        RecordActor(
            id=f"act_{i:03d}",
            name=(spellings[0] if rng.random() < 0.7 else rng.choice(spellings)).format(city=place),
            sector=sector,
            influence=rng.randint(0, 10),
        )
        for i, (spellings, sector) in enumerate(orgs)
    ]
    ties = []
    for i in range(rng.randint(len(actors), 2 * len(actors))):
        a, b = rng.sample(actors, 2)
        kind, sign, directed = rng.choice(_TIE_TYPES)
        ties.append(RecordTie(id=f"tie_{i:03d}", source=a.id, target=b.id, type=kind, sign=sign, directed=directed))
    picked = rng.sample(_IDEAS, rng.randint(3, 8))
    ideas = [
        RecordIdea(id=f"idea_{i:03d}", text=text, theme=theme, votes=rng.randint(0, 6), chosen=i == 0)
        for i, (theme, text) in enumerate(picked)
    ]
    start = dt.date(2022, 1, 10) + dt.timedelta(days=rng.randint(0, 4 * 365))
    data: dict[str, Any] = {
        "id": record_id or f"rec-{seed:05d}",
        "published_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=seed),
        "sensitivity": rng.choice(["public", "public", "network"]),
        "title": f"{title} in {place}",
        "summary": f"A city team in {place} worked on {problem}.",
        "city": place,
        "country": country,
        "start_date": start,
        "end_date": start + dt.timedelta(days=rng.randint(0, 2)),
        "blueprint_areas": areas + rng.sample(["democracy", "digital", "youth", "diversity", "neighbourhoods"], 1),
        "prevention_levels": rng.sample(["primary", "secondary", "tertiary"], rng.randint(1, 2)),
        "tags": [theme for theme, _ in picked[:2]],
        "status": rng.choice(["idea", "tested", "piloted", "evaluated"]),
        "evidence": rng.choice(["none", "inspiring", "evaluated", "peer_reviewed"]),
        "contact_role": "prevention coordinator",
        "participants_by_role": {"facilitator": 1, "participant": rng.randint(6, 20)},
        "problem_statement": f"In {place}, {problem} harms trust between residents and institutions.",
        "how_might_we": [f"How might we reduce {problem}?"],
        "long_term_goal": f"In two years, fewer people in {place} experience {problem}.",
        "actors": actors,
        "ties": ties,
        "ideas": ideas,
        "chosen_concept": ideas[0].text,
        "theory_of_change": [RecordToc(level="outcome_short", text=f"More people act on {problem}")],
        "actions": [RecordAction(action=ideas[0].text, lead=actors[0].name, timescale="6 months")],
    }
    data.update(fields)
    data["blueprint_areas"] = list(dict.fromkeys(data["blueprint_areas"]))
    return LibraryRecord(**data)


def synthetic_records(count: int, *, seed: int = 0) -> list[Any]:
    """``count`` synthetic records (``rec-00000``...), as :func:`make_record` makes them."""
    return [make_record(seed * 1_000_003 + i, record_id=f"rec-{i:05d}") for i in range(count)]


def nsc_command(*args: str) -> list[str]:
    """The ``nsc-workshop`` command installed beside this Python, with ``args`` (for tests that run it)."""
    import sys

    exe = shutil.which("nsc-workshop", path=os.path.dirname(sys.executable))
    if exe is None:
        raise RuntimeError("the nsc-workshop command is not installed beside this Python")
    return [exe, *args]


# -- shared fixtures, as plain functions ----------------------------------------------


def sample_workshop() -> Workshop:
    """The kit's sample workshop (Varnholm), a fresh copy."""
    from nsc_workshop.datasets import load_sample

    return load_sample()


def new_workshop(
    store: Store, title: str = "Hate online", city: str = "Varnholm", country: str = "Norway", **metadata: Any
) -> str:
    """An empty English workshop created in ``store``; returns its id."""
    metadata.setdefault("language", "en")
    return store.create_workshop(title, city, country, **metadata)


def sample_session(store: Store, participant: str = "table-1", **options: Any) -> Any:
    """The sample workshop imported into ``store`` and a session on it for ``participant``."""
    from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID

    store.import_workshop(sample_workshop())
    return open_session(store, SAMPLE_WORKSHOP_ID, participant=participant, **options)


def cli_runner() -> Any:
    """click's runner for the ``nsc-workshop`` command (``cli_runner().invoke(main, args)``)."""
    from click.testing import CliRunner

    return CliRunner()


def cli_invoker(
    main: Any, db: str | None = None, *, command: tuple[str, ...] = (), options: tuple[str, ...] = ()
) -> Callable[..., Any]:
    """``invoke(*args, db=db, answer=None)``: runs ``main *command *args *options --db db`` in click's runner.

    ``main`` is the click command (``nsc_workshop.cli.main``, passed in: this
    module sits below the CLI). Returns click's result; an exception in the
    command is raised, not caught. ``db=None`` leaves ``--db`` out (the command
    then reads the environment); ``answer`` is what is typed at a prompt.
    """
    runner = cli_runner()

    def invoke(*args: str, db: str | None = db, answer: str | None = None) -> Any:
        store = ["--db", db] if db else []
        return runner.invoke(main, [*command, *args, *options, *store], input=answer, catch_exceptions=False)

    return invoke


# -- a browser that talks to this machine only ----------------------------------------

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
"""Playwright's launch flags for Debian's Chromium: headless, and nothing of its own sent off the machine."""


def chromium_path() -> str:
    """The Chromium the tests and benchmarks drive: ``$NSC_CHROMIUM``, else Debian's ``/usr/bin/chromium``."""
    return os.environ.get("NSC_CHROMIUM", "/usr/bin/chromium")


def only_loopback(route: Any) -> None:
    """A Playwright route handler (``context.route("**/*", only_loopback)``): this machine only, nothing else.

    A page that asks anything off the machine (a CDN's font, a tracker) is refused, as a venue without
    internet would, so a test or a benchmark sees the page as a room sees it.
    """
    if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "http://localhost", "ws://localhost")):
        route.continue_()
    else:
        route.abort()


# -- waiting for a condition -----------------------------------------------------------


def wait_until(
    condition: Callable[[], T],
    *,
    timeout: float = 10.0,
    interval: float = 0.05,
    message: str | Callable[[], str] = "the condition never held",
) -> T:
    """Call ``condition`` until it returns something true, and return that; fail after ``timeout`` seconds.

    ``message`` (or a function making it, called only on failure, e.g. to show
    a log) says what never happened. Raises ``AssertionError``, so pytest shows
    it as a failed check::

        >>> wait_until(lambda: 42)
        42
        >>> wait_until(lambda: [], timeout=0.1, message="no rows")
        Traceback (most recent call last):
        ...
        AssertionError: no rows (waited 0.1 s)
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            said = message() if callable(message) else message
            raise AssertionError(f"{said} (waited {timeout:g} s)")
        time.sleep(interval)


_WIDGETS_SYNCED = """() => {
  const manager = window.jupyterapp && window.jupyterapp._widgetManager;
  if (!manager) return false;
  const known = window.__nscModels || (window.__nscModels = new Map());
  const entries = manager._models instanceof Map ? [...manager._models.entries()] : Object.entries(manager._models);
  let synced = true;
  for (const [id, promise] of entries) {
    if (!known.has(id)) {
      known.set(id, null);  // the model, once its promise settles (on a later poll)
      promise.then((model) => known.set(id, model), () => known.set(id, undefined));
    }
    const model = known.get(id);
    if (model === null || (model && (model._pending_msgs || model._msg_buffer))) synced = false;
  }
  return synced;
}"""
"""Synchronous on purpose: ``wait_for_function`` takes a returned promise as a true value and would not wait."""


def widgets_synced(page: Any, timeout_ms: float | None = None) -> None:
    """Wait until the kernel has handled every widget change a Voilà page sent (a Playwright page).

    ipywidgets counts, per model, the changes sent and not yet answered by the
    kernel, and holds back a newer change while one is pending; a click (a
    custom message, never held back) can then reach the kernel before the text
    typed just before it. After this wait, it cannot.
    """
    options: dict[str, Any] = {"polling": 50}
    if timeout_ms is not None:
        options["timeout"] = timeout_ms
    page.wait_for_function(_WIDGETS_SYNCED, **options)


_WATCH_CHANGES = """(ignore) => {
  window.__nscChanged = performance.now();
  window.__nscIgnore = ignore;
  if (!window.__nscWatcher) {
    const counts = (record) => {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      return !(window.__nscIgnore && node && node.closest(window.__nscIgnore));
    };
    window.__nscWatcher = new MutationObserver((records) => {
      if (records.some(counts)) window.__nscChanged = performance.now();
    });
    window.__nscWatcher.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  }
}"""
_SETTLED = "(quiet) => performance.now() - window.__nscChanged >= quiet"


def page_settled(page: Any, quiet_ms: float = 300, *, ignore: str = "", timeout_ms: float | None = None) -> None:
    """Wait until a page's document has not changed for ``quiet_ms`` (its layout has settled).

    A condition, not a fixed pause: on a loaded machine it waits as long as the
    page keeps changing (up to the page's default timeout, or ``timeout_ms``).
    Changes inside elements matching the CSS selector ``ignore`` do not count
    (a running clock repaints itself four times a second).
    """
    page.evaluate(_WATCH_CHANGES, ignore)
    options: dict[str, Any] = {"arg": quiet_ms, "polling": 50}
    if timeout_ms is not None:
        options["timeout"] = timeout_ms
    page.wait_for_function(_SETTLED, **options)


@contextlib.contextmanager
def temporary_store(directory: str | Path | None = None) -> Iterator[Store]:
    """A store in a fresh SQLite file, removed afterwards."""
    with tempfile.TemporaryDirectory(dir=directory, prefix="nsc-store-") as tmp:
        store = open_store(Path(tmp) / "workshops.db")
        try:
            yield store
        finally:
            store.close()


POSTGRES_ENV = "NSC_TEST_POSTGRES_URL"
"""A PostgreSQL server for the tests (a URL to a database they may use to create others)."""

REQUIRE_POSTGRES_ENV = "NSC_REQUIRE_POSTGRES"
"""``1``: a test that needs PostgreSQL fails (instead of being skipped) when none can be started."""


def postgres_bindir() -> Path | None:
    """The folder of PostgreSQL's ``initdb`` and ``pg_ctl``: on the PATH, else Debian's newest."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL server: a new cluster in a temporary folder, on a free loopback port.

    Yields the URL of its ``postgres`` database (trust authentication, loopback
    only); the server is stopped and its folder removed afterwards. Uses the
    installed binaries (Debian: ``apt-get install postgresql``); PostgreSQL
    refuses to run as root, so as root it runs as the ``postgres`` user.
    Raises ``FileNotFoundError`` when PostgreSQL is not installed.
    """
    import socket
    import subprocess

    bindir = postgres_bindir()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL is not installed (initdb and pg_ctl not found)")
    folder = Path(tempfile.mkdtemp(prefix="nsc-postgres-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        import pwd

        owner = pwd.getpwnam("postgres")  # created by Debian's package
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data, log = folder / "data", folder / "server.log"
    pg_ctl = [*prefix, str(bindir / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run(
            [*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            check=True, capture_output=True,
        )  # fmt: skip
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        subprocess.run([*pg_ctl, "-o", options, "-l", str(log), "-w", "-t", "60", "start"],
                       check=True, capture_output=True)  # fmt: skip
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], check=False, capture_output=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def temporary_postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty database on a PostgreSQL server, dropped afterwards; yields its URL."""
    import sqlalchemy as sa

    name = f"nsc_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
        try:
            yield url
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


try:
    import pytest
except ImportError:  # pragma: no cover - pytest is only needed for the fixtures
    pass
else:

    def pytest_configure(config: pytest.Config) -> None:
        config.addinivalue_line(
            "markers", "both_backends: run the test's store on SQLite and on PostgreSQL (a real server)"
        )

    def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
        if "nsc_store_url" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_backends"):
            metafunc.parametrize("nsc_store_url", ["sqlite", "postgresql"], indirect=True)

    @pytest.fixture(scope="session")
    def nsc_postgres_server() -> Iterator[str | None]:
        """A PostgreSQL server for the session: ``NSC_TEST_POSTGRES_URL``, else one started here, else None."""
        given = os.environ.get(POSTGRES_ENV)
        if given:
            yield given
            return
        try:
            server = postgres_server()
            url = server.__enter__()
        except (FileNotFoundError, KeyError) as exc:
            if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
                pytest.fail(f"PostgreSQL is required ({REQUIRE_POSTGRES_ENV}=1) but could not be started: {exc}")
            yield None
            return
        try:
            yield url
        finally:
            server.__exit__(None, None, None)

    @pytest.fixture
    def nsc_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
        """The URL of a fresh, empty store.

        A SQLite file in the test's temporary folder; or a new database on a
        PostgreSQL server, dropped after the test: for tests marked
        ``both_backends`` (run once on each), or for every test when
        ``NSC_TEST_POSTGRES_URL`` names a server. Without a server the
        PostgreSQL runs are skipped (they fail with ``NSC_REQUIRE_POSTGRES=1``).
        """
        default = "postgresql" if os.environ.get(POSTGRES_ENV) else "sqlite"
        backend = getattr(request, "param", default)
        if backend == "sqlite":
            yield f"sqlite:///{tmp_path / 'workshops.db'}"
            return
        server = request.getfixturevalue("nsc_postgres_server")
        if server is None:
            pytest.skip("no PostgreSQL server: install PostgreSQL (Debian: postgresql) or set NSC_TEST_POSTGRES_URL")
        with temporary_postgres_database(server) as url:
            yield url

    @pytest.fixture
    def nsc_store(nsc_store_url: str) -> Iterator[Store]:
        """A fresh store, closed after the test."""
        store = open_store(nsc_store_url)
        try:
            yield store
        finally:
            store.close()
