"""The kit's notebooks opened in JupyterLab, as a facilitator adapting a workshop would open them.

One ``jupyter lab`` (loopback, a free port, a token, a temporary root folder holding a copy of the notebooks,
``NSC_WORKSHOP_DB`` and ``NSC_LIBRARY_DB`` on temporary stores holding the sample workshop) serves every notebook.
Chromium opens each one, runs all its cells from the Run menu, and checks that the app's widgets are drawn in
the output with no error; in the problem-framing app a note typed on the iceberg reaches the store.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample, notebooks_dir
from nsc_workshop.i18n import t
from nsc_workshop.registry import ALL_NOTEBOOKS, HOME_NOTEBOOK, LIBRARY_NOTEBOOK, PROJECTOR_NOTEBOOK, app_named
from nsc_workshop.serve import free_port, new_secret
from nsc_workshop.store import DB_ENV
from nsc_workshop.testing import only_loopback

NOTE = "Rumours spread in the evening group chats"

APPS: dict[str, tuple[str, str]] = {
    HOME_NOTEBOOK: (".nsc-home", load_sample().meta.title),
    app_named("framing").notebook: (".nsc-problem-framing", t("app.problem_framing.title", lang="en")),
    app_named("mapping").notebook: (".nsc-actor-mapping", t("app.actor_mapping", lang="en")),
    app_named("sprint").notebook: (".nsc-innovation-sprint", t("app.innovation_sprint", lang="en")),
    LIBRARY_NOTEBOOK: (".nsc-library-app", t("library.app.title", lang="en")),
    PROJECTOR_NOTEBOOK: (".nsc-screen", load_sample().meta.title),  # the stage fills the window
}
"""Each notebook: an element its app draws, and a text it shows."""

NO_NEWS = {"fetchNews": "false", "checkForUpdates": False}
"""JupyterLab's settings for a lab that never asks the internet for news or updates."""


@dataclass
class Lab:
    url: str
    token: str
    db_url: str

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")


def _wait_until_up(process: subprocess.Popen[bytes], lab: Lab, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab stopped with code {process.returncode}")
        with contextlib.suppress(urllib.error.URLError, OSError, ValueError):
            lab.api("/api/status")
            return
        time.sleep(0.1)  # polling the server, not waiting a fixed time
    raise TimeoutError(f"jupyter lab did not answer in {timeout:.0f} s")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    folder = tmp_path_factory.mktemp("jupyterlab")
    root = folder / "root"
    root.mkdir()
    for name in ALL_NOTEBOOKS:
        shutil.copy(notebooks_dir() / name, root / name)
    db_url = f"sqlite:///{folder / 'workshops.db'}"
    store = open_store(db_url)
    store.import_workshop(load_sample())
    store.close()
    from nsc_workshop.library import build_record, open_library
    from nsc_workshop.library.db import LIBRARY_ENV

    library_url = f"sqlite:///{folder / 'library.db'}"
    library = open_library(library_url)
    library.publish(build_record(load_sample()))
    library.close()
    settings = folder / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps(NO_NEWS))

    port, token = free_port(), new_secret()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NSC_", "JUPYTER", "VOILA"))}
    env.update(
        {
            DB_ENV: db_url,
            LIBRARY_ENV: library_url,
            "QUERY_STRING": f"workshop={SAMPLE_WORKSHOP_ID}",  # as Voilà passes a link's query to its kernels
            "JUPYTER_TOKEN": token,
            "JUPYTER_CONFIG_DIR": str(folder / "config"),
            "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(folder / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces"),
        }
    )
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no extension search on PyPI
        *(["--allow-root"] if os.geteuid() == 0 else []),  # CI's container runs as root
    ]
    quiet = os.environ.get("NSC_VOILA_LOGS") != "1"
    output = subprocess.DEVNULL if quiet else None
    process = subprocess.Popen(command, env=env, stdout=output, stderr=output, start_new_session=True)
    lab = Lab(f"http://127.0.0.1:{port}", token, db_url)
    try:
        _wait_until_up(process, lab)
        yield lab
    finally:
        process.terminate()  # SIGTERM: the server shuts its kernels down
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def lab_page(browser: Any, lab: Lab) -> Iterator[Any]:
    """JupyterLab in Chromium at 1366×768, loaded once for every notebook (nothing off this machine)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.route("**/*", only_loopback)
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(f"{lab.url}/lab?reset&token={lab.token}")
    yield page
    context.close()


def _run_all_cells(page: Any) -> None:
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-content .lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()


def _open(page: Any, notebook: str) -> Any:
    """Open ``notebook`` from the file browser, run all its cells, and wait until the app is drawn."""
    page.locator(".jp-DirListing-item", has_text=notebook).dblclick()
    panel = page.locator(".jp-NotebookPanel:visible")
    panel.locator(".jp-InputArea-prompt", has_text="[ ]:").wait_for()  # this notebook is shown, not yet run
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()  # its kernel is up
    _run_all_cells(page)
    selector, _text = APPS[notebook]
    panel.locator(f".jp-OutputArea-output {selector}").first.wait_for()
    panel.locator(".jp-InputArea-prompt", has_text="[1]:").wait_for()  # the cell has finished
    return panel


def _assert_no_error(panel: Any) -> None:
    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.all_inner_texts()
    text = panel.locator(".jp-OutputArea").first.inner_text()
    for marker in ("Traceback", "Error displaying widget", "Error:"):
        assert marker not in text, text[:2000]


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS)
def test_app_notebook_shows_its_widgets_in_jupyterlab(
    notebook: str, lab_page: Any, lab: Lab, screenshots: Callable[[str], Path]
) -> None:
    folder = screenshots("jupyterlab")
    try:
        panel = _open(lab_page, notebook)
        selector, text = APPS[notebook]
        app = panel.locator(f".jp-OutputArea-output {selector}").first
        app.get_by_text(text).first.wait_for()
        _assert_no_error(panel)
        lab_page.screenshot(path=folder / f"{Path(notebook).stem}.png")
        if notebook == app_named("framing").notebook:
            _add_iceberg_note(app, lab)
            lab_page.screenshot(path=folder / f"{Path(notebook).stem}-iceberg.png")
            _assert_no_error(panel)
    finally:
        lab.shut_down_kernels()  # one kernel at a time on the machine


def _add_iceberg_note(app: Any, lab: Lab) -> None:
    """Open the iceberg's tab, type an event and add it: the note is shown and is in the store."""
    app.get_by_role("tab", name="2 Iceberg").click()
    events = app.locator(".nsc-step-iceberg .nsc-iceberg-events")
    events.get_by_role("textbox").fill(NOTE)
    events.get_by_role("textbox").press("Tab")  # the text reaches the kernel before the click
    events.get_by_role("button", name="Add").click()
    events.get_by_text(NOTE).wait_for()
    store = open_store(lab.db_url)
    try:
        texts = [note.text for note in store.load(SAMPLE_WORKSHOP_ID).framing.iceberg_notes.values()]
    finally:
        store.close()
    assert NOTE in texts
