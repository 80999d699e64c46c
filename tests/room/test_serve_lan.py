"""``nsc-workshop serve --lan``, for real: the links it prints, who they let in, its logs, and how it stops.

Each test starts the command as a facilitator would (a child process on a free
port, reached here on loopback) and talks to it over HTTP.
"""

from __future__ import annotations

import json
import re
import signal
import stat
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.serve import free_port, port_in_use
from nsc_workshop.testing import nsc_command, wait_until

pytestmark = pytest.mark.slow


def _get(url: str, cookie: str | None = None) -> tuple[int, str, dict[str, str]]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def _join(base: str, code: str, name: str) -> str:
    request = urllib.request.Request(
        f"{base}/room/api/join",
        data=json.dumps({"code": code, "name": name}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.loads(response.read())["handle"] == name
        return response.headers["Set-Cookie"].split(";")[0]


class Served:
    """``nsc-workshop serve --lan`` running in a child process, its output kept in files."""

    def __init__(self, tmp: Path, port: int, *extra: str) -> None:
        self.tmp, self.port = tmp, port
        self.links_file = tmp / "links.json"
        self.out = (tmp / f"out-{time.monotonic_ns()}.txt").open("w+")
        self.err = (tmp / f"err-{time.monotonic_ns()}.txt").open("w+")
        args = ["serve", "--lan", "--no-browser", "--no-preheat", "--port", str(port), "--db", str(tmp / "city.db"),
                "--workshop", SAMPLE_WORKSHOP_ID, "--address", "127.0.0.1", "--links-json", str(self.links_file),
                *extra]  # fmt: skip
        self.proc = subprocess.Popen(
            nsc_command(*args), stdout=self.out, stderr=self.err, text=True, preexec_fn=_ctrl_c_stops
        )

    def output(self) -> str:
        self.out.flush()
        return Path(self.out.name).read_text()

    def log(self) -> str:
        self.err.flush()
        return Path(self.err.name).read_text()

    def wait_ready(self, timeout: float = 120.0) -> str:
        def ready() -> str | None:
            text = self.output()
            if "Ready." in text:
                return text
            if self.proc.poll() is not None:
                raise AssertionError(f"serve stopped ({self.proc.returncode}):\n{text}\n{self.log()}")
            return None

        return wait_until(
            ready, timeout=timeout, interval=0.1, message=lambda: "serve never said Ready:\n" + self.output()
        )

    def links(self) -> dict[str, str]:
        return json.loads(self.links_file.read_text())

    def server_pids(self) -> set[int]:
        return {p.pid for p in psutil.Process(self.proc.pid).children(recursive=True)}


def _ctrl_c_stops() -> None:
    """Ctrl+C (SIGINT) stops the server as at a terminal, even when the test process ignores SIGINT.

    An ignored signal is inherited across exec, and Python then never turns
    SIGINT into KeyboardInterrupt. The test process may ignore it because of
    what started it (a shell's background job) or what ran in it before
    (an IPython kernel initialised in-process sets SIGINT to ignored).
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def city(tmp_path: Path) -> Path:
    store = open_store(f"sqlite:///{tmp_path / 'city.db'}")
    store.import_workshop(load_sample())
    store.create_workshop("Another city's restricted work", "Kettilsby", "Sweden", workshop_id="kettilsby-secret")
    store.close()
    return tmp_path


def test_the_links_admit_each_only_what_it_is_for(city: Path) -> None:
    served = Served(city, free_port())
    try:
        output = served.wait_ready()
        links = served.links()
        assert set(links) == {"participant", "facilitator", "projector"}
        assert stat.S_IMODE(served.links_file.stat().st_mode) == 0o600
        base = f"http://127.0.0.1:{served.port}"
        code = links["participant"].rsplit("/", 1)[1]
        key = re.search(r"key=([\w-]+)", links["facilitator"]).group(1)  # type: ignore[union-attr]
        projector_key = re.search(r"key=([\w-]+)", links["projector"]).group(1)  # type: ignore[union-attr]
        assert key not in links["participant"] and key not in links["projector"]
        assert "█" in output and code[:4] in output  # the QR code and the code, for the room
        assert (city / "nsc-rooms" / f"{SAMPLE_WORKSHOP_ID}-room-qr.png").is_file()
        for private in (city / "city.db", city / "city.db-wal", *(city / "nsc-rooms").iterdir()):
            assert stat.S_IMODE(private.stat().st_mode) == 0o600, private

        status, page, _ = _get(links["participant"])  # the room's page: no kernel, no notebook
        assert status == 200 and "nsc_workshop" not in page and "voila" not in page.lower()
        participant = _join(base, code, "Ana")
        sprint = f"{base}/voila/render/03_innovation_sprint.ipynb"
        for query in (f"?workshop={SAMPLE_WORKSHOP_ID}&role=participant", "?workshop=kettilsby-secret&role=facilitator",
                      f"?workshop={SAMPLE_WORKSHOP_ID}&role=facilitator&key={key[:-1]}", ""):  # fmt: skip
            for cookie in (None, participant):
                status, body, headers = _get(sprint + query, cookie)
                assert status in (302, 403) and "innovation_sprint_app" not in body, (query, cookie)
                assert "/room/staff-only" in headers.get("Location", "/room/staff-only")
        for path in ("/voila/tree", "/voila/render/00_home.ipynb", "/voila/render/04_secretariat_library.ipynb",
                     "/voila/api/contents/03_innovation_sprint.ipynb?content=1", "/api/kernels", "/api/sessions",
                     "/api/contents", "/lab", "/tree", "/voila/files/03_innovation_sprint.ipynb"):  # fmt: skip
            status, body, _ = _get(base + path, participant)
            assert status in (302, 403, 404) and "nsc_workshop" not in body, path
        status, body, _ = _get(base + "/", participant)
        assert status == 302  # the root sends a participant to the room

        status, body, _ = _get(links["projector"])
        assert status == 200 and "innovation_sprint_app" not in body  # the projector page, without its source
        for path in (f"/voila/render/03_innovation_sprint.ipynb?workshop={SAMPLE_WORKSHOP_ID}",
                     "/voila/render/00_home.ipynb", "/voila/tree"):  # fmt: skip
            status, _, _ = _get(f"{base}{path}{'&' if '?' in path else '?'}key={projector_key}")
            assert status in (302, 403), path  # the projector's key opens the projector page only
        status, body, _ = _get(links["facilitator"])
        assert status == 200 and "innovation_sprint_app" not in body
        status, _, _ = _get(f"{base}/room/api/host/people", participant)
        assert status == 403  # who is in the room is the facilitator's to see

        cmdline = " ".join(" ".join(psutil.Process(pid).cmdline()) for pid in served.server_pids())
        secrets = (key, projector_key, code)
        assert not any(s in cmdline for s in secrets)
    finally:
        served.proc.send_signal(signal.SIGINT)
        served.proc.wait(timeout=60)
    log = served.log()
    for secret in secrets:
        assert secret not in log, "a secret in the server's log"
    assert "Traceback" not in log and "Traceback" not in served.output()


def test_a_port_in_use_fails_before_any_link_is_printed(city: Path) -> None:
    first = Served(city, free_port())
    try:
        first.wait_ready()
        second = Served(city, first.port)
        assert second.proc.wait(timeout=60) != 0
        text = second.output() + second.log()
        assert f"Port {first.port} is already in use" in text
        assert "/room/" not in second.output() and "key=" not in second.output()
    finally:
        first.proc.send_signal(signal.SIGTERM)
        first.proc.wait(timeout=60)


def test_killed_serve_leaves_nothing_behind_and_a_restart_gives_the_same_links(city: Path) -> None:
    port = free_port()
    served = Served(city, port)
    served.wait_ready()
    links = served.links()
    children = served.server_pids()
    assert children, "the server runs as a child of serve"
    served.proc.send_signal(signal.SIGKILL)  # the terminal closed, the laptop's session killed...
    served.proc.wait(timeout=10)

    def alive() -> list[int]:
        return [p for p in children if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]

    wait_until(
        lambda: not (port_in_use(port, "0.0.0.0") or alive()),
        timeout=30,
        message=lambda: f"processes left behind: {alive()}, port {port} in use: {port_in_use(port, '0.0.0.0')}",
    )
    again = Served(city, port)
    try:
        again.wait_ready()
        assert again.links() == links  # the same links, the same QR code: the phones reconnect by themselves
    finally:
        again.proc.send_signal(signal.SIGTERM)
        assert again.proc.wait(timeout=60) in (0, 1, -signal.SIGTERM, 128 + signal.SIGTERM)
    assert "Traceback" not in again.output() + again.log()
