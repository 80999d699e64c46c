"""Serving the Voilà apps: one Voilà server on the notebooks folder.

:class:`VoilaServer` starts Voilà as a child process with the store's URL in
``NSC_WORKSHOP_DB`` (so every app kernel opens the same store), waits until it
answers, and stops it (and its kernels) on exit. The CLI's ``serve`` and
``demo``, the browser tests and the benchmarks all use it.

Two ways to serve:

- **On this computer** (the default): Voilà listens on 127.0.0.1 only. The
  machine is the facilitator's, so links need no token and no key.
- **To the room** (:meth:`VoilaServer.for_room`, ``serve --lan``): Voilà
  listens on every interface, behind an access token that jupyter_server's own
  identity provider checks on every page, API call and kernel websocket (the
  token is in the links and QR code handed to the room; the first page sets a
  signed cookie, valid for this run only). A second secret, the facilitator
  key, reaches the kernels in ``NSC_FACILITATOR_KEY``; a link opens as
  facilitator or projector only with it (see :mod:`nsc_workshop.apps.context`).
  Both are new random values each run and go to Voilà and its kernels through
  the environment, never on a command line that other users of the machine
  could list.

**Kernels.** Every page has its own kernel, started ahead of time when
``preheat`` is on. A closed page's kernel is shut down by Voilà's request on
``beforeunload`` (made acceptable by :mod:`nsc_workshop.widgets.presence`); a
page that vanished without it (a browser killed, a phone asleep) stops pulling
changes after a few minutes and, with no page connected, is shut down after
:data:`CULL_IDLE_SECONDS`.

In both modes notebook sources stay on the server: Voilà strips the code
cells (``strip_sources``), its file handler serves no file at all
(``file_denylist`` matches everything), and its contents API never returns a file's
content.
"""

from __future__ import annotations

import contextlib
import ipaddress
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
from nsc_workshop.store import DB_ENV

__all__ = [
    "APP_NOTEBOOKS",
    "FACILITATOR_KEY_ENV",
    "HOME_NOTEBOOK",
    "PROJECTOR_NOTEBOOK",
    "TOKEN_ENV",
    "VoilaServer",
    "free_port",
    "lan_address",
    "new_secret",
]

HOME_NOTEBOOK = "00_home.ipynb"
PROJECTOR_NOTEBOOK = "10_projector.ipynb"
"""The room's screen, when installed: opened with ``role=projector`` (and the key)."""

APP_NOTEBOOKS: dict[str, tuple[str, str]] = {
    "framing": ("app.problem_framing", "01_problem_framing.ipynb"),
    "mapping": ("app.actor_mapping", "02_actor_mapping.ipynb"),
    "sprint": ("app.innovation_sprint", "03_innovation_sprint.ipynb"),
}
"""The workshop apps by short name: (label key, notebook)."""

CULL_IDLE_SECONDS = 1800
"""A kernel no page is connected to, quiet this long, is shut down (its page reloads from the store)."""

TOKEN_ENV = "JUPYTER_TOKEN"
"""Where jupyter_server's identity provider reads the access token (with ``Voila.auto_token``)."""

FACILITATOR_KEY_ENV = "NSC_FACILITATOR_KEY"
"""Where the kernels read the run's facilitator key; unset or empty: no key (see :mod:`nsc_workshop.apps.context`)."""

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


class VoilaServer:
    """A Voilà server on the apps' notebooks.

    >>> server = VoilaServer("sqlite:///tmp/x.db", port=8866)
    >>> server.url_for("00_home.ipynb", workshop="demo")
    'http://127.0.0.1:8866/voila/render/00_home.ipynb?workshop=demo'
    >>> room = VoilaServer.for_room("sqlite:///tmp/x.db", port=8866, token="T", facilitator_key="K")
    >>> room.participant_url("03_innovation_sprint.ipynb", "demo", host="192.168.1.23")
    'http://192.168.1.23:8866/voila/render/03_innovation_sprint.ipynb?workshop=demo&role=participant&token=T'
    >>> room.facilitator_url("03_innovation_sprint.ipynb", "demo")
    'http://127.0.0.1:8866/voila/render/03_innovation_sprint.ipynb?workshop=demo&role=facilitator&key=K&token=T'
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
        token: str | None = None,
        facilitator_key: str | None = None,
        extra_args: tuple[str, ...] = (),
        quiet: bool = False,
    ) -> None:
        if ip not in ("127.0.0.1", "localhost") and not token:
            raise ValueError("a server reachable from other machines needs an access token")
        self.db_url = db_url
        self.port = port or free_port()
        self.notebooks = notebooks or notebooks_dir()
        self.ip = ip
        self.preheat = preheat
        self.pool_size = max(1, pool_size)
        self.token = token or None
        self.facilitator_key = facilitator_key or None
        self.extra_args = extra_args
        self.quiet = quiet
        self.process: subprocess.Popen[bytes] | None = None

    @classmethod
    def for_room(
        cls,
        db_url: str,
        *,
        token: str | None = None,
        facilitator_key: str | None = None,
        **options: object,
    ) -> VoilaServer:
        """A server on every interface, behind a new access token, with a new facilitator key."""
        return cls(
            db_url,
            ip="0.0.0.0",
            token=token or new_secret(),
            facilitator_key=facilitator_key or new_secret(),
            **options,  # type: ignore[arg-type]
        )

    @property
    def lan(self) -> bool:
        """Whether other machines can reach the server (behind the token)."""
        return self.ip not in ("127.0.0.1", "localhost")

    @property
    def base_url(self) -> str:
        """The address this machine reaches the server at (loopback works in both modes)."""
        return f"http://127.0.0.1:{self.port}"

    def url_for(self, notebook: str, *, host: str | None = None, **query: str) -> str:
        """The address of an app, with its query string (``workshop``, ``role``...) and the token if any."""
        base = f"http://{host}:{self.port}" if host else self.base_url
        url = f"{base}/voila/render/{notebook}"
        if self.token:
            query = {**query, "token": self.token}
        return f"{url}?{urlencode(query)}" if query else url

    def participant_url(self, notebook: str, workshop: str, *, host: str | None = None, **query: str) -> str:
        """A participant's link: the workshop, ``role=participant`` (``name=`` may follow) and the token."""
        return self.url_for(notebook, host=host, workshop=workshop, role="participant", **query)

    def facilitator_url(
        self, notebook: str, workshop: str | None = None, *, host: str | None = None, role: str = "facilitator"
    ) -> str:
        """The facilitator's (or projector's) link, with the key when the run has one."""
        query = {"workshop": workshop} if workshop else {}
        query["role"] = role
        if self.facilitator_key:
            query["key"] = self.facilitator_key
        return self.url_for(notebook, host=host, **query)

    @property
    def home_url(self) -> str:
        if self.facilitator_key:
            return self.facilitator_url(HOME_NOTEBOOK)
        return self.url_for(HOME_NOTEBOOK)

    def command(self) -> list[str]:
        """Voilà's command line (no secret is on it: they go through :meth:`environment`)."""
        args = [
            sys.executable,
            "-m",
            "voila",
            str(self.notebooks),
            "--no-browser",
            f"--port={self.port}",
            f"--Voila.ip={self.ip}",
            "--Voila.port_retries=0",
            "--show_tracebacks=False",
            "--strip_sources=True",
            "--VoilaConfiguration.file_denylist",  # /voila/files/ serves nothing at all
            ".*",
        ]
        args += [  # a kernel whose page is gone without a word (see widgets/presence.py) is shut down
            f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
            "--MappingKernelManager.cull_interval=120",
            "--MappingKernelManager.cull_connected=False",
        ]
        if self.token:
            args.append("--Voila.auto_token=True")  # the identity provider reads JUPYTER_TOKEN
        if self.preheat:
            args += ["--preheat_kernel=True", f"--pool_size={self.pool_size}"]
        return [*args, *self.extra_args]

    def environment(self) -> dict[str, str]:
        """Voilà's environment, which its kernels inherit: the store, and the token and key of a LAN run."""
        env = {k: v for k, v in os.environ.items() if k not in (TOKEN_ENV, "JUPYTER_TOKEN_FILE", FACILITATOR_KEY_ENV)}
        env[DB_ENV] = self.db_url
        if self.token:
            env[TOKEN_ENV] = self.token
        if self.facilitator_key:
            env[FACILITATOR_KEY_ENV] = self.facilitator_key
        return env

    def start(self, timeout: float = 60.0) -> VoilaServer:
        """Start Voilà and wait until it answers (any HTTP status counts as up)."""
        if not self.notebooks.is_dir():
            raise ServeError("error.serve.no_notebooks", path=str(self.notebooks))
        output = subprocess.DEVNULL if self.quiet else None
        self.process = subprocess.Popen(
            self.command(), env=self.environment(), stdout=output, stderr=output, start_new_session=True
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
        probe = f"{self.base_url}/voila/static/__probe__"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServeError("error.serve.failed", code=self.process.returncode)
            try:
                urllib.request.urlopen(probe, timeout=1).close()
                return
            except urllib.error.HTTPError:
                return  # any HTTP status: the server answered
            except (urllib.error.URLError, OSError):
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
        """Stop Voilà; SIGTERM lets it shut its kernels down."""
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
