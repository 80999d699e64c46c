"""Serving the apps and the room: one server (Voilà's, with the room beside it) on the notebooks folder.

:class:`VoilaServer` starts :mod:`nsc_workshop.room.server` as a child process
with the store's URL in ``NSC_WORKSHOP_DB`` (so every app kernel and the room
open the same store), waits until *this run's* server answers, and stops it
(and its kernels) on exit. The CLI's ``serve`` and ``demo``, the browser tests
and the benchmarks all use it.

Two ways to serve:

- **On this computer** (the default): the server listens on 127.0.0.1 only.
  The machine is the facilitator's, so the apps' links need no key; the room of
  the chosen workshop is there too, to try it.
- **To the room** (:meth:`VoilaServer.for_room`, ``serve --lan``): the server
  listens on every interface. Participants join **the room** of one workshop
  with its link or code (``/room/<code>``), from a page that needs no kernel.
  The apps, their kernels and every Jupyter endpoint answer only to the
  facilitator's key (its links) and, for the projector page only, to the
  projector's key (see :mod:`nsc_workshop.room.server`).

**Secrets** live in the room's folder beside the store (``0600``, see
:mod:`nsc_workshop.room.files`): the same links and QR code after a restart,
so the phones reconnect by themselves (``renew`` makes new ones). They reach
the server and its kernels through the environment, never on a command line
that other users of the machine could list, and never in a log line.

**Stopping.** The server is a child that dies with its parent: Ctrl+C, SIGTERM
or the parent killed with SIGKILL all stop it, and it shuts its kernels down.
A port already in use is refused before anything is printed.

**Kernels.** Every app page has its own kernel, started ahead of time when
``preheat`` is on. A closed page's kernel is shut down by Voilà's request on
``beforeunload`` (made acceptable by :mod:`nsc_workshop.widgets.presence`); a
page that vanished without it (a browser killed, a phone asleep) stops pulling
changes after a few minutes and, with no page connected, is shut down after
:data:`nsc_workshop.room.server.CULL_IDLE_SECONDS`.

In both modes notebook sources stay on the server: Voilà strips the code
cells (``strip_sources``), its file handler serves no file at all
(``file_denylist`` matches everything), and its contents API never returns a file's
content.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import ipaddress
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from urllib.parse import urlencode

from nsc_workshop.datasets import notebooks_dir
from nsc_workshop.errors import ServeError
from nsc_workshop.registry import (
    FACILITATOR_KEY_ENV,
    HOME_NOTEBOOK,
    PROJECTOR_KEY_ENV,
    PROJECTOR_NOTEBOOK,
    ROOM_WORKSHOP_ENV,
    WORKSHOP_APPS,
)
from nsc_workshop.store import DB_ENV

__all__ = [
    "APP_NOTEBOOKS",
    "FACILITATOR_KEY_ENV",
    "HOME_NOTEBOOK",
    "PROJECTOR_KEY_ENV",
    "PROJECTOR_NOTEBOOK",
    "VoilaServer",
    "free_port",
    "lan_address",
    "new_secret",
    "port_in_use",
]

APP_NOTEBOOKS: dict[str, tuple[str, str]] = {app.name: (app.label_key, app.notebook) for app in WORKSHOP_APPS}
"""The workshop apps by short name: (label key, notebook), from :mod:`nsc_workshop.registry`."""


_INHERITED = ("JUPYTER_TOKEN", "JUPYTER_TOKEN_FILE", FACILITATOR_KEY_ENV, PROJECTOR_KEY_ENV, ROOM_WORKSHOP_ENV,
              "NSC_LAN", "NSC_ROOM_DIR", "NSC_SERVER_NONCE", "NSC_ROOM_LINKS", "NSC_ROOM_URL")  # fmt: skip
"""Variables a server never inherits from whoever started it (each run sets its own)."""

_PR_SET_PDEATHSIG = 1

_PROBES = ("10.255.255.255", "192.168.255.255", "172.31.255.255")
"""Private addresses a UDP socket is "connected" to, to learn which interface faces the room (nothing is sent)."""


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def new_secret() -> str:
    """A fresh random secret for a link: 128 bits, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


def _usable(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and not (ip.is_loopback or ip.is_unspecified or ip.is_multicast)


def _route_address(probe: str) -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect((probe, 9))  # UDP: picks the outgoing interface, sends nothing
        address: str = sock.getsockname()[0]
        return address


def _host_addresses() -> list[str]:
    infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    return [str(info[4][0]) for info in infos]


def lan_address(
    probes: Iterable[str] = _PROBES,
    route: Callable[[str], str] = _route_address,
    host_addresses: Callable[[], list[str]] = _host_addresses,
) -> str:
    """This computer's address on the local network, found without the internet.

    First the address the system would send from towards a private network (a
    UDP socket "connected" to a private address: no packet leaves), then the
    addresses the host name resolves to, then 127.0.0.1.

    >>> lan_address(route=lambda probe: "192.168.1.23")
    '192.168.1.23'
    >>> def offline(probe): raise OSError("network is unreachable")
    >>> lan_address(route=offline, host_addresses=lambda: ["127.0.1.1", "10.0.0.5"])
    '10.0.0.5'
    >>> lan_address(route=offline, host_addresses=lambda: [])
    '127.0.0.1'
    """
    for probe in probes:
        try:
            address = route(probe)
        except OSError:
            continue
        if _usable(address):
            return address
    try:
        for address in host_addresses():
            if _usable(address):
                return address
    except OSError:
        pass
    return "127.0.0.1"


def port_in_use(port: int, ip: str = "127.0.0.1") -> bool:
    """Whether something already listens on ``port`` (tried as the server will bind it)."""
    host = "" if ip in ("0.0.0.0", "") else ip
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Linux: the server gets SIGTERM when the process that started it dies, even by SIGKILL."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class VoilaServer:
    """The kit's server on the apps' notebooks, with the room of ``workshop`` when one is given.

    >>> import tempfile
    >>> db = f"sqlite:///{tempfile.mkdtemp()}/x.db"
    >>> server = VoilaServer(db, port=8866)
    >>> server.url_for("00_home.ipynb", workshop="demo")
    'http://127.0.0.1:8866/voila/render/00_home.ipynb?workshop=demo'
    >>> room = VoilaServer.for_room(db, port=8866, workshop="demo")
    >>> room.participant_url(host="192.168.1.23") == f"http://192.168.1.23:8866/room/{room.code}"
    True
    >>> "key=" in room.facilitator_url("03_innovation_sprint.ipynb", "demo")
    True
    >>> room.facilitator_key in room.projector_url(), room.projector_key in room.projector_url()
    (False, True)
    """

    def __init__(
        self,
        db_url: str,
        *,
        port: int | None = None,
        notebooks: Path | None = None,
        ip: str = "127.0.0.1",
        preheat: bool = False,
        pool_size: int = 1,
        workshop: str | None = None,
        room_dir: Path | None = None,
        renew: bool = False,
        extra_args: tuple[str, ...] = (),
        quiet: bool = False,
    ) -> None:
        from nsc_workshop.room.files import RoomKeys, room_folder

        self.db_url = db_url
        self.port = port or free_port()
        self.notebooks = notebooks or notebooks_dir()
        self.ip = ip
        self.preheat = preheat
        self.pool_size = max(1, pool_size)
        self.workshop = workshop
        self.room_dir = room_dir or room_folder(db_url)
        self.keys = RoomKeys.load(self.room_dir, renew=renew)
        self.code = self.keys.code_for(workshop) if workshop else None
        self.nonce = secrets.token_hex(8)
        self.extra_args = extra_args
        self.quiet = quiet
        self.process: subprocess.Popen[bytes] | None = None
        self.lan_host: str | None = None

    @classmethod
    def for_room(cls, db_url: str, **options: object) -> VoilaServer:
        """A server on every interface: the room for the participants, the apps behind the facilitator's key."""
        return cls(db_url, ip="0.0.0.0", **options)  # type: ignore[arg-type]

    @property
    def lan(self) -> bool:
        """Whether other machines can reach the server (the apps behind the keys)."""
        return self.ip not in ("127.0.0.1", "localhost")

    @property
    def facilitator_key(self) -> str | None:
        return self.keys.facilitator_key if self.lan else None

    @property
    def projector_key(self) -> str | None:
        return self.keys.projector_key if self.lan else None

    @property
    def base_url(self) -> str:
        """The address this machine reaches the server at (loopback works in both modes)."""
        return f"http://127.0.0.1:{self.port}"

    def _base(self, host: str | None) -> str:
        return f"http://{host}:{self.port}" if host else self.base_url

    def url_for(self, notebook: str, *, host: str | None = None, **query: str) -> str:
        """The address of an app, with its query string (``workshop``, ``role``...)."""
        url = f"{self._base(host)}/voila/render/{notebook}"
        return f"{url}?{urlencode(query)}" if query else url

    def participant_url(self, *, host: str | None = None) -> str:
        """The participants' link: the room of the server's workshop (its code, nothing else)."""
        if self.code is None:
            raise ServeError("error.serve.no_room")
        return f"{self._base(host)}/room/{self.code}"

    def join_url(self, *, host: str | None = None) -> str:
        """Where someone types the room's code when the QR code cannot be read."""
        return f"{self._base(host)}/room"

    def facilitator_url(self, notebook: str, workshop: str | None = None, *, host: str | None = None) -> str:
        """The facilitator's link to an app, with the facilitator's key when served to the room."""
        query = {"workshop": workshop} if workshop else {}
        query["role"] = "facilitator"
        if self.facilitator_key:
            query["key"] = self.facilitator_key
        return self.url_for(notebook, host=host, **query)

    def projector_url(self, *, host: str | None = None) -> str:
        """The projector's link: the room's workshop, read only, with the projector's key (never the facilitator's)."""
        query = {"workshop": self.workshop or "", "role": "projector"}
        if self.projector_key:
            query["key"] = self.projector_key
        return self.url_for(PROJECTOR_NOTEBOOK, host=host, **query)

    def host_url(self, *, host: str | None = None) -> str:
        """The facilitator's page of the room: who is in it, the links and the QR code."""
        query = f"?{urlencode({'key': self.facilitator_key})}" if self.facilitator_key else ""
        return f"{self._base(host)}/room/host{query}"

    @property
    def home_url(self) -> str:
        if self.facilitator_key:
            return self.url_for(HOME_NOTEBOOK, role="facilitator", key=self.facilitator_key)
        return self.url_for(HOME_NOTEBOOK)

    def links(self, host: str | None = None) -> dict[str, str]:
        """The three links a script needs: ``participant``, ``facilitator`` and ``projector``."""
        out = {"facilitator": self.facilitator_url(APP_NOTEBOOKS["sprint"][1], self.workshop, host=host)}
        if self.code is not None:
            out["participant"] = self.participant_url(host=host)
            out["projector"] = self.projector_url(host=host)
        return out

    def command(self) -> list[str]:
        """The server's command line (no secret is on it: they go through :meth:`environment`)."""
        from nsc_workshop.room.server import voila_options  # Voilà's imports only when a server starts

        args = [sys.executable, "-m", "nsc_workshop.room.server", str(self.notebooks), f"--port={self.port}",
                f"--Voila.ip={self.ip}"]  # fmt: skip
        args += voila_options(preheat=self.preheat, pool_size=self.pool_size)
        return [*args, *self.extra_args]

    def environment(self) -> dict[str, str]:
        """The server's environment, which its kernels inherit: the store, the room, and the keys of a LAN run."""
        env = {k: v for k, v in os.environ.items() if k not in _INHERITED}
        env[DB_ENV] = self.db_url
        share = str(Path(__file__).parent / "share")  # the kit's Voilà template (see share/voila/templates/nsc)
        env["JUPYTER_PATH"] = os.pathsep.join([share, *filter(None, [os.environ.get("JUPYTER_PATH")])])
        env["NSC_ROOM_DIR"] = str(self.room_dir)
        env["NSC_SERVER_NONCE"] = self.nonce
        env["NSC_ROOM_URL"] = self.base_url  # the facilitator's app asks who is in the room (loopback)
        if self.workshop:
            env[ROOM_WORKSHOP_ENV] = self.workshop
        if self.lan:
            env["NSC_LAN"] = "1"
            env[FACILITATOR_KEY_ENV] = self.keys.facilitator_key
            env[PROJECTOR_KEY_ENV] = self.keys.projector_key
        if self.code is not None:
            env["NSC_ROOM_LINKS"] = json.dumps(
                {
                    "participant": self.participant_url(host=self.lan_host),
                    "join": self.join_url(host=self.lan_host),
                    "projector": self.projector_url(host=self.lan_host),
                }
            )
        return env

    def start(self, timeout: float = 60.0) -> VoilaServer:
        """Start the server and wait until it answers as this run's (a port in use is refused first)."""
        if not self.notebooks.is_dir():
            raise ServeError("error.serve.no_notebooks", path=str(self.notebooks))
        if port_in_use(self.port, self.ip):
            raise ServeError("error.serve.port_in_use", port=self.port)
        output = subprocess.DEVNULL if self.quiet else None
        self.process = subprocess.Popen(
            self.command(),
            env=self.environment(),
            stdout=output,
            stderr=output,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        try:
            self._wait_until_up(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_up(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        probe = f"{self.base_url}/room/api/ping"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServeError("error.serve.failed", code=self.process.returncode)
            try:
                with urllib.request.urlopen(probe, timeout=2) as answer:
                    if json.loads(answer.read()).get("server") == self.nonce:
                        return
            except urllib.error.HTTPError:
                pass
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.1)
        raise ServeError("error.serve.timeout", seconds=int(timeout))

    def wait(self) -> int:
        """Wait until the server stops (Ctrl+C stops it cleanly)."""
        assert self.process is not None
        try:
            return self.process.wait()
        except KeyboardInterrupt:
            self.stop()
            return 0

    def stop(self, timeout: float = 20.0) -> None:
        """Stop the server; SIGTERM lets it shut its kernels down."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)

    def __enter__(self) -> VoilaServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
