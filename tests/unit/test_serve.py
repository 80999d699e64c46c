"""Serving a workshop: the links, the token and the facilitator key, the QR code, what the server never sends."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from nsc_workshop import open_store
from nsc_workshop.apps.context import AppContext, key_matches
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.qr import qr_code, qr_text, save_qr_png
from nsc_workshop.serve import (
    FACILITATOR_KEY_ENV,
    TOKEN_ENV,
    VoilaServer,
    free_port,
    lan_address,
    new_secret,
)

# -- roles from the link --------------------------------------------------------


def test_on_loopback_the_link_says_the_role():
    assert AppContext.from_query("workshop=w-1").role == "facilitator"
    assert AppContext.from_query("workshop=w-1&role=participant&name=ana").role == "participant"
    assert AppContext.from_query("workshop=w-1&role=projector").role == "projector"
    assert AppContext.from_query("workshop=w-1&role=admin").role == "facilitator"


def test_in_the_room_only_the_key_gives_the_facilitator_controls():
    key = new_secret()
    for query in (
        "workshop=w-1&role=facilitator",
        "workshop=w-1&role=facilitator&key=",
        f"workshop=w-1&role=facilitator&key={key[:-1]}",
        f"workshop=w-1&role=facilitator&key={key}x",
        f"workshop=w-1&role=facilitator&key={key.upper() if key != key.upper() else key.lower()}",
        f"workshop=w-1&role=projector&key={'x' * 10_000}",
        "workshop=w-1",
    ):
        context = AppContext.from_query(query, facilitator_key=key)
        assert context.role == "participant", query
    asked = AppContext.from_query("workshop=w-1&role=facilitator&name=bo", facilitator_key=key)
    assert asked.refused_role == "facilitator" and asked.participant == "bo"
    assert AppContext.from_query(f"workshop=w-1&role=facilitator&key={key}", facilitator_key=key).role == "facilitator"
    assert AppContext.from_query(f"workshop=w-1&role=projector&key={key}", facilitator_key=key).role == "projector"
    assert AppContext.from_query(f"workshop=w-1&key={key}", facilitator_key=key).role == "facilitator"
    # the first key= counts: a second one appended to a participant's link does not help
    assert AppContext.from_query(f"role=facilitator&key=wrong&key={key}", facilitator_key=key).role == "participant"


def test_key_comparison_refuses_empty_and_odd_keys():
    assert key_matches("abc", "abc")
    assert not key_matches("", "")
    assert not key_matches(None, "abc")
    assert not key_matches("abc", None)
    assert not key_matches("\udcff", "abc")  # a lone surrogate from a hand-made link is just wrong, not a crash


def test_the_environment_gives_the_role(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "workshop=w-1&role=facilitator&key=k3y")
    monkeypatch.setenv(FACILITATOR_KEY_ENV, "other")
    assert AppContext.from_environment().role == "participant"
    monkeypatch.setenv(FACILITATOR_KEY_ENV, "k3y")
    assert AppContext.from_environment().role == "facilitator"
    monkeypatch.setenv(FACILITATOR_KEY_ENV, "")  # empty: served on loopback, no key needed
    monkeypatch.setenv("QUERY_STRING", "workshop=w-1")
    assert AppContext.from_environment().role == "facilitator"


def test_participants_without_a_name_get_their_own_guest_handle():
    context = AppContext.from_query("workshop=w-1&role=participant")
    handles = {context.handle() for _ in range(50)}
    assert all(re.fullmatch(r"guest-\d{5}", h) for h in handles)
    assert len(handles) > 45  # new for every page
    assert AppContext.from_query("role=participant&name=ana").handle() == "ana"
    assert AppContext.from_query("role=facilitator").handle() == "facilitator"


def test_names_in_links_are_cleaned():
    context = AppContext.from_query("workshop=../../etc&role=participant&name=%3Cb%3Eana%3C/b%3E%0A%00" + "x" * 100)
    assert context.workshop_id is None
    assert context.participant is not None and len(context.participant) <= 60
    assert "\n" not in context.participant and "\x00" not in context.participant


# -- the server's links and secrets ---------------------------------------------


def test_a_room_server_has_new_secrets_that_never_reach_the_command_line():
    one = VoilaServer.for_room("sqlite:///x.db", port=9000)
    two = VoilaServer.for_room("sqlite:///x.db", port=9000)
    assert one.token and one.facilitator_key and one.token != one.facilitator_key
    assert len({one.token, two.token, one.facilitator_key, two.facilitator_key}) == 4
    assert len(one.token) >= 22 and len(one.facilitator_key) >= 22  # 128 random bits each
    command = " ".join(one.command())
    assert one.token not in command and one.facilitator_key not in command
    assert "--Voila.ip=0.0.0.0" in command and "--Voila.auto_token=True" in command
    assert "--strip_sources=True" in command and "--VoilaConfiguration.file_denylist .*" in command
    env = one.environment()
    assert env[TOKEN_ENV] == one.token and env[FACILITATOR_KEY_ENV] == one.facilitator_key
    assert env["NSC_WORKSHOP_DB"] == "sqlite:///x.db"


def test_links_carry_the_token_and_only_the_facilitators_carry_the_key():
    room = VoilaServer.for_room("sqlite:///x.db", port=9000, token="TOK", facilitator_key="KEY")
    participant = urlsplit(room.participant_url("03_innovation_sprint.ipynb", "w-1", host="10.0.0.5", name="ana"))
    assert participant.netloc == "10.0.0.5:9000"
    assert parse_qs(participant.query) == {
        "workshop": ["w-1"], "role": ["participant"], "name": ["ana"], "token": ["TOK"]
    }  # fmt: skip
    facilitator = parse_qs(urlsplit(room.facilitator_url("03_innovation_sprint.ipynb", "w-1")).query)
    assert facilitator["key"] == ["KEY"] and facilitator["role"] == ["facilitator"]
    assert parse_qs(urlsplit(room.home_url).query)["key"] == ["KEY"]


def test_a_loopback_server_has_no_secrets_and_drops_inherited_ones(monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, "leaked")
    monkeypatch.setenv(FACILITATOR_KEY_ENV, "leaked")
    local = VoilaServer("sqlite:///x.db", port=9000)
    assert local.token is None and local.facilitator_key is None
    env = local.environment()
    assert TOKEN_ENV not in env and FACILITATOR_KEY_ENV not in env
    assert "--Voila.ip=127.0.0.1" in local.command()
    assert local.url_for("00_home.ipynb") == "http://127.0.0.1:9000/voila/render/00_home.ipynb"


def test_a_server_reachable_from_the_room_needs_a_token():
    with pytest.raises(ValueError, match="token"):
        VoilaServer("sqlite:///x.db", ip="0.0.0.0")


def test_lan_address_is_a_usable_ipv4_address():
    address = lan_address()
    parts = address.split(".")
    assert len(parts) == 4 and all(0 <= int(p) <= 255 for p in parts)
    assert lan_address(route=lambda _probe: "127.0.0.1", host_addresses=lambda: ["0.0.0.0", "169.254.1.2"]) in (
        "169.254.1.2",
    )
    assert lan_address(route=lambda _probe: "not an address", host_addresses=lambda: []) == "127.0.0.1"


# -- the QR code ----------------------------------------------------------------

LINK = "http://192.168.1.23:8866/voila/render/03_innovation_sprint.ipynb?workshop=w-1&role=participant&token=T"


def test_the_qr_png_is_the_code_black_on_white_and_private(tmp_path):
    path = save_qr_png(LINK, tmp_path / "qr" / "room.png", scale=4)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the link carries the token
    code = qr_code(LINK)
    matrix = [list(row) for row in code.matrix]
    size = len(matrix)
    with Image.open(path) as image:
        assert image.size == ((size + 8) * 4, (size + 8) * 4)
        pixels = image.convert("L")
        for y in range(size):
            for x in range(size):
                dark = pixels.getpixel(((x + 4) * 4 + 1, (y + 4) * 4 + 1)) < 128
                assert dark == bool(matrix[y][x]), (x, y)
    assert not code.is_micro and code.error in ("M", "Q", "H")


def test_the_terminal_qr_code_has_two_modules_a_line():
    text = qr_text(LINK)
    lines = text.splitlines()
    size = len(list(qr_code(LINK).matrix))
    assert len(lines) == (size + 8 + 1) // 2  # the code and its quiet zone, half as many lines
    assert {len(line) for line in lines} == {size + 8}


# -- serve --lan, for real ------------------------------------------------------


def _read_until(proc: subprocess.Popen[str], marker: str, timeout: float) -> str:
    lines = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        lines.append(line)
        if marker in line:
            return "".join(lines)
    raise AssertionError("no '" + marker + "' in:\n" + "".join(lines))


def _get(url: str) -> tuple[int, str, dict[str, str]]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


@pytest.mark.slow
def test_serve_lan_prints_links_and_a_qr_code_and_refuses_requests_without_the_token(tmp_path):
    exe = shutil.which("nsc-workshop", path=os.path.dirname(sys.executable))
    assert exe, "the nsc-workshop command is installed with the package"
    db = tmp_path / "room.db"
    url = f"sqlite:///{db}"
    open_store(url).import_workshop(load_sample())
    port = free_port()
    args = ["serve", "--lan", "--no-browser", "--no-preheat", "--port", str(port), "--db", url]
    proc = subprocess.Popen(
        [exe, *args, "--address", "127.0.0.1"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        output = _read_until(proc, "Ready", timeout=120)
        links = [u for u in re.findall(r"http://\S+", output) if "/voila/render/" in u]
        participant = [u for u in links if "role=participant" in u]
        facilitator = [u for u in links if "role=facilitator" in u]
        assert len(participant) == 3 and len(facilitator) >= 4
        token = parse_qs(urlsplit(participant[0]).query)["token"][0]
        key = parse_qs(urlsplit(facilitator[0]).query)["key"][0]
        assert all("key=" not in u for u in participant)  # a participant's link cannot open the controls
        assert all(parse_qs(urlsplit(u).query)["token"] == [token] for u in links)
        assert f"workshop={SAMPLE_WORKSHOP_ID}" in participant[2]
        assert "█" in output  # the QR code, in the terminal
        png = tmp_path / f"{SAMPLE_WORKSHOP_ID}-sprint-qr.png"
        assert png.is_file() and stat.S_IMODE(png.stat().st_mode) == 0o600
        assert str(png) in output

        sprint = participant[2]
        status, body, _ = _get(sprint)
        assert status == 200 and "nsc_workshop" not in body  # the app, without its source
        status, _, headers = _get(sprint.replace(f"&token={token}", ""))
        assert status in (302, 401, 403)  # no token: a login page at most, never the app
        assert "/login" in headers.get("Location", "/login")
        status, _, _ = _get(sprint.replace(token, new_secret()))
        assert status in (302, 401, 403)
        base = f"http://127.0.0.1:{port}"
        for path in ("/voila/files/03_innovation_sprint.ipynb", "/voila/files/00_home.ipynb"):
            status, body, _ = _get(f"{base}{path}?token={token}")
            assert status in (403, 404) and "nsc_workshop" not in body, path
        status, body, _ = _get(f"{base}/voila/api/contents/03_innovation_sprint.ipynb?token={token}&content=1")
        assert "nsc_workshop" not in body and "innovation_sprint_app" not in body
        for path in ("/api/contents/03_innovation_sprint.ipynb", "/api/kernels", "/api/sessions", "/lab", "/tree"):
            status, body, _ = _get(f"{base}{path}?token={token}")
            assert status in (302, 403, 404) and "innovation_sprint_app" not in body, path
        assert key not in " ".join(Path(f"/proc/{proc.pid}/cmdline").read_text().split("\0"))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)


@pytest.mark.slow
def test_without_lan_the_server_listens_on_loopback_only(tmp_path):
    address = lan_address()
    if address == "127.0.0.1":
        pytest.skip("this machine has no network address besides loopback")
    with VoilaServer(f"sqlite:///{tmp_path / 'local.db'}", quiet=True) as server:
        status, _, _ = _get(server.url_for("00_home.ipynb"))
        assert status == 200
        with pytest.raises(ConnectionRefusedError), socket.create_connection((address, server.port), timeout=3):
            pass
