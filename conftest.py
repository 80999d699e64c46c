"""The whole run's hooks: nbval's kernels start on a temporary store.

``make test`` passes ``--nbval-lax``, so the run also executes every cell of the notebooks the kit ships
(``notebooks/``), each notebook in a kernel of its own, and fails a cell that raises (lax mode compares no
outputs: a widget's view is not a stable output). Each kernel starts with ``NSC_WORKSHOP_DB`` on a store in a
temporary folder holding the sample workshop, opened through ``QUERY_STRING`` as Voilà passes a link's query,
and ``NSC_LIBRARY_DB`` on a library there: nothing is read from or written to the user's data folder. The folders
are removed at the end of the run.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Generator
from pathlib import Path

import pytest

pytest_plugins = ["nsc_workshop.testing"]
"""The store fixtures (``nsc_store``, ``nsc_store_url``), registered here, at the root, before any test module
imports :mod:`nsc_workshop.testing` (so pytest rewrites its assertions)."""

try:
    from nbval.plugin import IPyNbFile
except ImportError:  # installed without the test extra: there is no notebook to run
    IPyNbFile = None


def _sample_folder(config: pytest.Config) -> tuple[str, str]:
    """A new temporary store holding the sample workshop and a library beside it: their URLs."""
    from nsc_workshop import open_store
    from nsc_workshop.datasets import load_sample

    folder = Path(tempfile.mkdtemp(prefix="nsc-nbval-"))
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    db_url = f"sqlite:///{folder / 'workshops.db'}"
    store = open_store(db_url)
    store.import_workshop(load_sample())
    store.close()
    return db_url, f"sqlite:///{folder / 'library.db'}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    """Around the first cell of a notebook, where nbval starts its kernel: the kernel's environment."""
    notebook = item.parent
    if IPyNbFile is None or not isinstance(notebook, IPyNbFile) or notebook.kernel is not None:
        return (yield)
    # what a served run's kernel reads is never inherited from whoever started the tests
    from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID
    from nsc_workshop.library.db import LIBRARY_ENV
    from nsc_workshop.registry import FACILITATOR_KEY_ENV, PROJECTOR_KEY_ENV, ROOM_WORKSHOP_ENV
    from nsc_workshop.store import DB_ENV

    db_url, library_url = _sample_folder(item.config)
    with pytest.MonkeyPatch.context() as patch:
        for name in (FACILITATOR_KEY_ENV, PROJECTOR_KEY_ENV, ROOM_WORKSHOP_ENV, "NSC_LAN", "VOILA_PREHEAT"):
            patch.delenv(name, raising=False)
        patch.setenv(DB_ENV, db_url)
        patch.setenv(LIBRARY_ENV, library_url)
        patch.setenv("QUERY_STRING", f"workshop={SAMPLE_WORKSHOP_ID}")
        return (yield)
