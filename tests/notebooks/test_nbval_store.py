"""``pytest --nbval-lax`` (``make test``) runs the notebooks' kernels on a temporary store, never the user's.

The run's ``conftest.py`` is copied beside a notebook whose cell checks its own kernel's environment; nbval runs
that notebook in a pytest of its own, started with a facilitator's key in its environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID
from nsc_workshop.registry import FACILITATOR_KEY_ENV

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).parents[2]

CELL = f"""\
import os
from pathlib import Path
from nsc_workshop import open_store

url = os.environ["NSC_WORKSHOP_DB"]
Path("seen.txt").write_text(url)
assert os.environ["QUERY_STRING"] == "workshop={SAMPLE_WORKSHOP_ID}"
assert "{FACILITATOR_KEY_ENV}" not in os.environ
assert os.environ["NSC_LIBRARY_DB"].startswith(url.rsplit("/", 1)[0])
assert open_store().exists("{SAMPLE_WORKSHOP_ID}")
"""


def test_nbval_kernels_start_on_a_temporary_store_holding_the_sample(tmp_path: Path) -> None:
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "check.ipynb")
    home = tmp_path / "home"  # the user's data folder, as platformdirs finds it
    env = {**os.environ, FACILITATOR_KEY_ENV: "k3y", "XDG_DATA_HOME": str(home)}
    env.pop("NSC_WORKSHOP_DB", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", str(tmp_path / "check.ipynb")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    url = (tmp_path / "seen.txt").read_text()
    assert url.startswith("sqlite:///") and "nsc-nbval-" in url
    assert not Path(url.removeprefix("sqlite:///")).parent.exists()  # removed at the end of the run
    assert not (home / "nsc-workshop").exists()
