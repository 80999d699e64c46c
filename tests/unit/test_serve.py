"""Serving a workshop: the links, the token and the facilitator key, the QR code, what the server never sends."""

from __future__ import annotations

import re
import socket
import stat
import subprocess
import time
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from nsc_workshop.apps.context import AppContext, key_matches
from nsc_workshop.errors import ServeError
from nsc_workshop.qr import qr_code, qr_text, save_qr_png
from nsc_workshop.serve import (
    FACILITATOR_KEY_ENV,
    PROJECTOR_KEY_ENV,
    VoilaServer,
    lan_address,
    new_secret,
    port_in_use,
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


def test_the_projector_key_opens_the_projector_view_of_the_room_only():
    keys = {"facilitator_key": "F" * 22, "projector_key": "P" * 22, "room_workshop": "w-1"}
    for query in (
        f"workshop=w-2&role=facilitator&key={'P' * 22}",
        f"role=participant&key={'P' * 22}",
        f"key={'P' * 22}",
    ):
        context = AppContext.from_query(query, **keys)
        assert (context.role, context.workshop_id) == ("projector", "w-1"), query
    assert AppContext.from_query(f"role=projector&key={'P' * 22}", facilitator_key="F" * 22).role == "participant"
    assert AppContext.from_query(f"workshop=w-2&key={'F' * 22}", **keys).workshop_id == "w-2"


def test_a_room_keeps_its_secrets_beside_the_store_and_off_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'city.db'}"
    one = VoilaServer.for_room(url, port=9000, workshop="w-1")
    two = VoilaServer.for_room(url, port=9000, workshop="w-1")  # a restart: the same links
    assert (one.code, one.facilitator_key, one.projector_key) == (two.code, two.facilitator_key, two.projector_key)
    assert one.code and len(one.code) == 12 and one.code.isdigit()
    assert len({one.facilitator_key, one.projector_key}) == 2 and min(map(len, (one.facilitator_key,
                                                                               one.projector_key))) >= 22  # fmt: skip
    folder = tmp_path / "nsc-rooms"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in folder.iterdir())
    renewed = VoilaServer.for_room(url, port=9000, workshop="w-1", renew=True)
    assert renewed.code != one.code and renewed.facilitator_key != one.facilitator_key
    command = " ".join(renewed.command())
    for secret in (renewed.code, renewed.facilitator_key, renewed.projector_key):
        assert secret not in command
    assert "--Voila.ip=0.0.0.0" in command and "--template=nsc" in command
    assert "--strip_sources=True" in command and "--VoilaConfiguration.file_denylist .*" in command
    env = renewed.environment()
    assert env[FACILITATOR_KEY_ENV] == renewed.facilitator_key and env[PROJECTOR_KEY_ENV] == renewed.projector_key
    assert env["NSC_WORKSHOP_DB"] == url and env["NSC_ROOM_WORKSHOP"] == "w-1" and env["NSC_LAN"] == "1"


def test_each_link_carries_only_its_own_secret(tmp_path):
    room = VoilaServer.for_room(f"sqlite:///{tmp_path / 'x.db'}", port=9000, workshop="w-1")
    participant = room.participant_url(host="10.0.0.5")
    assert participant == f"http://10.0.0.5:9000/room/{room.code}"  # the room's code, nothing else
    facilitator = parse_qs(urlsplit(room.facilitator_url("03_innovation_sprint.ipynb", "w-1")).query)
    assert facilitator["key"] == [room.facilitator_key] and facilitator["role"] == ["facilitator"]
    projector = room.projector_url(host="10.0.0.5")
    assert room.projector_key in projector and room.facilitator_key not in projector
    assert parse_qs(urlsplit(room.home_url).query)["key"] == [room.facilitator_key]
    assert set(room.links()) == {"participant", "facilitator", "projector"}


def test_a_loopback_server_has_no_keys_and_drops_inherited_ones(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTER_TOKEN", "leaked")
    monkeypatch.setenv(FACILITATOR_KEY_ENV, "leaked")
    monkeypatch.setenv("NSC_LAN", "1")
    local = VoilaServer(f"sqlite:///{tmp_path / 'x.db'}", port=9000)
    assert local.facilitator_key is None and local.projector_key is None
    env = local.environment()
    assert "JUPYTER_TOKEN" not in env and FACILITATOR_KEY_ENV not in env and "NSC_LAN" not in env
    assert "--Voila.ip=127.0.0.1" in local.command()
    assert local.url_for("00_home.ipynb") == "http://127.0.0.1:9000/voila/render/00_home.ipynb"


def test_a_port_in_use_is_refused_before_the_server_starts(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert port_in_use(port)
        server = VoilaServer(f"sqlite:///{tmp_path / 'x.db'}", port=port, quiet=True)
        with pytest.raises(ServeError, match=str(port)):
            server.start()
        assert server.process is None  # nothing was started
    assert not port_in_use(port)


def test_lan_address_is_a_usable_ipv4_address():
    address = lan_address()
    parts = address.split(".")
    assert len(parts) == 4 and all(0 <= int(p) <= 255 for p in parts)
    assert lan_address(route=lambda _probe: "127.0.0.1", host_addresses=lambda: ["0.0.0.0", "169.254.1.2"]) in (
        "169.254.1.2",
    )
    assert lan_address(route=lambda _probe: "not an address", host_addresses=lambda: []) == "127.0.0.1"


# -- the QR code ----------------------------------------------------------------

LINK = "http://192.168.1.23:8866/room/481722905531"


def test_the_qr_png_is_the_code_black_on_white_and_private(tmp_path):
    path = save_qr_png(LINK, tmp_path / "qr" / "room.png", scale=4)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the link carries the room's code
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
def test_without_lan_the_server_listens_on_loopback_only(tmp_path):
    address = lan_address()
    if address == "127.0.0.1":
        pytest.skip("this machine has no network address besides loopback")
    with VoilaServer(f"sqlite:///{tmp_path / 'local.db'}", quiet=True) as server:
        status, _, _ = _get(server.url_for("00_home.ipynb"))
        assert status == 200
        with pytest.raises(ConnectionRefusedError), socket.create_connection((address, server.port), timeout=3):
            pass
