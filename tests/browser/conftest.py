"""Browser tests: Voilà serves the apps on a free loopback port; Debian's Chromium,
driven by Playwright, opens them.

Without Chromium these tests are skipped, unless ``NSC_REQUIRE_BROWSER=1`` (set
by ``make test`` and CI), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nsc_workshop import open_store
from nsc_workshop.datasets import load_sample
from nsc_workshop.serve import VoilaServer

SCREENSHOTS = Path(os.environ.get("NSC_SCREENSHOTS") or Path(__file__).parents[2] / ".ci" / "out" / "screenshots")
"""Where browser tests save what they saw, one folder per area (``.ci/out/screenshots``, kept by the CI run)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """Voilà on a fresh store holding the sample workshop."""
    db = tmp_path_factory.mktemp("served") / "workshops.db"
    url = f"sqlite:///{db}"
    store = open_store(url)
    store.import_workshop(load_sample())
    store.close()
    with VoilaServer(url, quiet=os.environ.get("NSC_VOILA_LOGS") != "1") as server:
        yield server


@contextlib.contextmanager
def serve_with_library(folder: Path, records: int, *, preheat: bool = False) -> Iterator[tuple[VoilaServer, str]]:
    """Voilà on a store holding the sample workshop, with ``NSC_LIBRARY_DB`` on a library of ``records``
    synthetic records and the sample's own; yields the server and the library's URL."""
    from nsc_workshop.library import build_record, open_library
    from nsc_workshop.library.db import LIBRARY_ENV
    from nsc_workshop.testing import synthetic_records

    url = f"sqlite:///{folder / 'workshops.db'}"
    store = open_store(url)
    store.import_workshop(load_sample())
    store.close()
    library_url = f"sqlite:///{folder / 'library.db'}"
    library = open_library(library_url)
    library.publish_many(synthetic_records(records))
    library.publish(build_record(load_sample()))
    library.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(LIBRARY_ENV, library_url)  # Voilà's kernels inherit it
        with VoilaServer(url, preheat=preheat, quiet=os.environ.get("NSC_VOILA_LOGS") != "1") as server:
            yield server, library_url


@pytest.fixture(scope="session")
def library_server() -> Callable[..., Any]:
    """``with library_server(folder, records, preheat=False) as (server, library_url)``: see
    :func:`serve_with_library`."""
    return serve_with_library


@pytest.fixture
def page(new_context: Callable[..., Any]) -> object:
    """A fresh page that may only talk to loopback."""
    return new_context().new_page()


def _assert_no_traceback(page: object) -> None:
    text = page.inner_text("body")  # type: ignore[attr-defined]
    for marker in ("Traceback", "Error executing", "There was an error when executing cell"):
        assert marker not in text, text[:2000]


@pytest.fixture(scope="session")
def screenshots() -> Callable[[str], Path]:
    """``screenshots("projector")``: the folder for one area's screenshots (made when asked for).

    Every screenshot a browser test takes goes here, so that a person can look at each one after a run.
    """

    def folder(area: str) -> Path:
        path = SCREENSHOTS / area
        path.mkdir(parents=True, exist_ok=True)
        return path

    return folder


@pytest.fixture
def no_traceback() -> object:
    """``no_traceback(page)`` checks that the rendered app shows no Python error."""
    return _assert_no_traceback
