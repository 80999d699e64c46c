"""Every app notebook executes without error on a store holding the sample workshop."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample, notebooks_dir

NOTEBOOKS = sorted(notebooks_dir().glob("*.ipynb"))

pytestmark = pytest.mark.notebooks


def test_there_are_notebooks():
    assert "00_home.ipynb" in {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path: Path, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'workshops.db'}"
    open_store(url).import_workshop(load_sample())
    monkeypatch.setenv("NSC_WORKSHOP_DB", url)
    monkeypatch.setenv("NSC_LIBRARY_DB", f"sqlite:///{tmp_path / 'library.db'}")
    monkeypatch.setenv("QUERY_STRING", f"workshop={SAMPLE_WORKSHOP_ID}")
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error" or output.get("name") == "stderr"
    ]
    assert errors == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs_and_holds_no_logic(path: Path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        assert not cell.get("outputs")
        assert cell.get("execution_count") is None
        # imports and calls only: no definitions, loops or branches
        for line in cell.source.splitlines():
            stripped = line.strip()
            assert not stripped.startswith(("def ", "class ", "for ", "while ", "if ", "with ", "try")), line
    assert os.path.getsize(path) < 20_000
