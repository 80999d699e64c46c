"""Serving the Voilà apps: one Voilà server on the notebooks folder.

:class:`VoilaServer` starts Voilà as a child process with the store's URL in
``NSC_WORKSHOP_DB`` (so every app kernel opens the same store), waits until it
answers, and stops it (and its kernels) on exit. The CLI's ``serve`` and
``demo``, the browser tests and the benchmarks all use it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from nsc_workshop.datasets import notebooks_dir
from nsc_workshop.errors import ServeError
from nsc_workshop.store import DB_ENV

__all__ = ["HOME_NOTEBOOK", "VoilaServer", "free_port"]

HOME_NOTEBOOK = "00_home.ipynb"


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class VoilaServer:
    """A Voilà server on the apps' notebooks, bound to loopback.

    >>> server = VoilaServer("sqlite:///tmp/x.db", port=8866)
    >>> server.url_for("00_home.ipynb", workshop="demo")
    'http://127.0.0.1:8866/voila/render/00_home.ipynb?workshop=demo'
    """

    def __init__(
        self,
        db_url: str,
        *,
        port: int | None = None,
        notebooks: Path | None = None,
        ip: str = "127.0.0.1",
        preheat: bool = False,
        extra_args: tuple[str, ...] = (),
        quiet: bool = False,
    ) -> None:
        self.db_url = db_url
        self.port = port or free_port()
        self.notebooks = notebooks or notebooks_dir()
        self.ip = ip
        self.preheat = preheat
        self.extra_args = extra_args
        self.quiet = quiet
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        host = "127.0.0.1" if self.ip in ("127.0.0.1", "0.0.0.0") else self.ip
        return f"http://{host}:{self.port}"

    def url_for(self, notebook: str, **query: str) -> str:
        """The address of an app, with its query string (``workshop``, ``role``...)."""
        from urllib.parse import urlencode

        url = f"{self.base_url}/voila/render/{notebook}"
        return f"{url}?{urlencode(query)}" if query else url

    @property
    def home_url(self) -> str:
        return self.url_for(HOME_NOTEBOOK)

    def command(self) -> list[str]:
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
        ]
        if self.preheat:
            args += ["--preheat_kernel=True", "--pool_size=1"]
        return [*args, *self.extra_args]

    def start(self, timeout: float = 60.0) -> VoilaServer:
        """Start Voilà and wait until it answers (any HTTP status counts as up)."""
        if not self.notebooks.is_dir():
            raise ServeError("error.serve.no_notebooks", path=str(self.notebooks))
        env = {**os.environ, DB_ENV: self.db_url}
        output = subprocess.DEVNULL if self.quiet else None
        self.process = subprocess.Popen(self.command(), env=env, stdout=output, stderr=output, start_new_session=True)
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
