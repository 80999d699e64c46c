"""The installed package carries its datasets, notebooks, catalogs and schema."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
    )
    (found,) = out.glob("nsc_workshop-*.whl")
    return found


def test_wheel_holds_data_files(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in [
        "nsc_workshop/datasets/sample_workshop.json",
        "nsc_workshop/datasets/blueprint_areas.json",
        "nsc_workshop/datasets/sectors.json",
        "nsc_workshop/datasets/tie_types.json",
        "nsc_workshop/datasets/wickedness.json",
        "nsc_workshop/notebooks/00_home.ipynb",
        "nsc_workshop/locales/en/core.json",
        "nsc_workshop/schema/bundle.schema.json",
        "nsc_workshop/room/static/page.html",
        "nsc_workshop/room/static/common.js",
        "nsc_workshop/room/static/room.js",
        "nsc_workshop/room/static/room.css",
        "nsc_workshop/room/static/host.js",
        "nsc_workshop/share/voila/templates/nsc/index.html.j2",
        "nsc_workshop/share/voila/templates/nsc/static/fontawesome/css/all.min.css",
        "nsc_workshop/share/voila/templates/nsc/static/fontawesome/webfonts/fa-solid-900.woff2",
        "nsc_workshop/share/voila/templates/nsc/static/fontawesome/LICENSE.txt",
    ]:
        assert expected in names


def test_installed_package_finds_its_data_outside_a_checkout(wheel: Path, tmp_path: Path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = f"""
import sys, json
sys.path.insert(0, {str(site)!r})
import nsc_workshop
from nsc_workshop import datasets
from nsc_workshop.i18n import t
ws = datasets.load_sample()
print(json.dumps({{
    "module": nsc_workshop.__file__,
    "data": str(datasets.data_dir()),
    "notebooks": str(datasets.notebooks_dir()),
    "actors": len(ws.actors),
    "areas": len(datasets.blueprint_areas()),
    "message": t("app.name"),
}}))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    found = json.loads(result.stdout)
    for key in ("module", "data", "notebooks"):
        assert found[key].startswith(str(site)), (key, found[key])
    assert found["actors"] >= 40
    assert found["areas"] == 6
    assert found["message"] == "NSC Workshop"
