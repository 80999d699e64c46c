"""A trial of the hub on this one computer: ``.venv/bin/python deploy/trial.py`` (or ``make hub``).

It starts a throwaway PostgreSQL (or uses ``--postgres URL``, a superuser's), makes the databases and roles
of two cities (Varnholm and Östervik) and the library with ``deploy/setup_postgres.py``, writes the
deployment file with three trial users and their passwords, and runs JupyterHub with
``deploy/jupyterhub_config.py`` behind its proxy on ``http://127.0.0.1:8000`` until Ctrl+C. It prints the
users and passwords. Everything is kept in a temporary folder, removed at the end (``--state DIR`` keeps it).

The tests (``tests/hub``) start the same trial through :func:`trial`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from setup_postgres import setup, write_deployment  # noqa: E402

CITIES = {"varnholm": "Varnholm", "ostervik": "Östervik"}
USERS = {
    "varnholm-facilitator": ["city:varnholm", "facilitator"],
    "ostervik-facilitator": ["city:ostervik", "facilitator"],
    "secretariat": ["secretariat"],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Trial:
    """A running trial: where it answers, its users' passwords, its deployment file and folders."""

    url: str
    passwords: dict[str, str]
    deployment: Path
    state: Path
    cities: dict[str, dict[str, str]]
    library_url: str
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(default_factory=lambda: Path(os.devnull))


def _wait_for_hub(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub stopped ({process.returncode}): see {log}")
        try:
            with urllib.request.urlopen(f"{url}/hub/api/", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"JupyterHub did not answer in {timeout:.0f} s: see {log}")


@contextlib.contextmanager
def trial(
    postgres_url: str,
    state: Path,
    *,
    port: int | None = None,
    users: dict[str, list[str]] | None = None,
    cities: dict[str, str] | None = None,
    timeout: float = 120.0,
    quiet: bool = True,
    oidc: dict[str, object] | None = None,
) -> Iterator[Trial]:
    """Set up the cities on ``postgres_url`` (a superuser's), write the deployment in ``state`` and run the hub.

    With ``oidc`` (the deployment file's ``[oidc]`` table) the hub signs in through that OpenID Connect
    provider instead of the trial's passwords (``users`` is then not used).
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    entries, library_url = setup(postgres_url, cities or CITIES)
    passwords = {name: secrets.token_urlsafe(12) for name in (users or USERS)}
    deployment = state / "deployment.toml"
    settings = {
        "public_url": url,
        "hub_bind_url": f"http://127.0.0.1:{free_port()}",
        "proxy_api_url": f"http://127.0.0.1:{free_port()}",
        "state_dir": str(state / "hub"),
        "authenticator": "oidc" if oidc else "trial",
        "library_url": library_url,
    }
    trial_users = [] if oidc else [(name, passwords[name], groups) for name, groups in (users or USERS).items()]
    write_deployment(deployment, settings, entries, trial_users, {"oidc": oidc} if oidc else None)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NSC_", "JUPYTERHUB_", "JPY_"))}
    env["NSC_DEPLOYMENT"] = str(deployment)
    bindir = Path(sys.executable).parent
    env["PATH"] = os.pathsep.join([str(bindir), env.get("PATH", "")])
    log = state / "hub.log"
    command = [str(bindir / "jupyterhub"), "-f", str(HERE / "jupyterhub_config.py")]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, env=env, cwd=state, stdout=out if quiet else None,
                                   stderr=subprocess.STDOUT if quiet else None, start_new_session=True)  # fmt: skip
    found = Trial(url, passwords, deployment, state, entries, library_url, process, log)
    try:
        _wait_for_hub(url, process, log, timeout)
        yield found
    finally:
        if process.poll() is None:
            process.terminate()  # the hub stops its proxy and every user's server (cleanup_servers)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--postgres", help="a PostgreSQL superuser's URL (default: a throwaway server)")
    parser.add_argument("--state", type=Path, help="keep the trial's files here (default: a temporary folder)")
    args = parser.parse_args(argv)

    def stop(_signum: int, _frame: object) -> None:  # a service manager's stop: as Ctrl+C, everything cleaned up
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    state = args.state or Path(tempfile.mkdtemp(prefix="nsc-hub-trial-"))
    state.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if not args.state:
            stack.callback(shutil.rmtree, state, True)
        server = args.postgres
        if not server:
            from nsc_workshop.testing import postgres_server

            server = stack.enter_context(postgres_server())
        running = stack.enter_context(trial(server, state, port=args.port, quiet=False))
        print(f"\nThe hub: {running.url}  (Ctrl+C stops it)\nDeployment file: {running.deployment}")
        for name, password in running.passwords.items():
            print(f"  {name:24} {password}   groups: {', '.join(USERS[name])}")
        with contextlib.suppress(KeyboardInterrupt):
            assert running.process is not None
            running.process.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
