"""A real JupyterHub for the tests: the trial of ``deploy/trial.py`` on the tests' throwaway PostgreSQL.

One hub for the session (loopback, free ports, a temporary folder for its database and secrets), with its
proxy (npm's configurable-http-proxy, from ``scripts/install-proxy.sh``) and the trial's users: the
facilitators of Varnholm and Östervik and the secretariat. Chromium (Playwright) signs in as them. Without
Chromium or PostgreSQL the tests are skipped, unless ``NSC_REQUIRE_BROWSER=1`` / ``NSC_REQUIRE_POSTGRES=1``,
where that is a failure.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

DEPLOY = Path(__file__).parents[2] / "deploy"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.hub)


def _load(name: str) -> Any:
    if str(DEPLOY) not in sys.path:
        sys.path.insert(0, str(DEPLOY))
    spec = importlib.util.spec_from_file_location(name, DEPLOY / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def hub(nsc_postgres_server: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The trial hub, running: ``hub.url``, ``hub.passwords``, ``hub.cities`` (each city's ``db_url``)."""
    if nsc_postgres_server is None:
        pytest.skip("no PostgreSQL server for the hub (install PostgreSQL or set NSC_TEST_POSTGRES_URL)")
    trial = _load("trial")
    state = tmp_path_factory.mktemp("hub")
    with trial.trial(nsc_postgres_server, state, timeout=120) as running:
        yield running


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Any, str], Path]:
    """``shots(page, "name")``: a screenshot in the session's folder (``NSC_SCREENSHOTS``/hub if set)."""
    given = os.environ.get("NSC_SCREENSHOTS")
    folder = Path(given) / "hub" if given else tmp_path_factory.mktemp("hub-screenshots")
    folder.mkdir(parents=True, exist_ok=True)

    def take(page: Any, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take


def assert_connection_refused(role_url: str, database: str) -> None:
    """The login of ``role_url`` is refused on ``database`` (PostgreSQL: permission denied)."""
    import sqlalchemy as sa

    engine = sa.create_engine(sa.make_url(role_url).set(database=database))
    try:
        with pytest.raises(sa.exc.OperationalError, match="permission denied"), engine.connect():
            pass
    finally:
        engine.dispose()
