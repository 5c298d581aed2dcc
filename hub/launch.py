"""Start and stop a throw-away workshop hub (hub/jupyterhub_config.py) for the tests and the capacity benchmark.

    with LocalHub(tag="t1a2b") as hub:        # its own ports, state folder, upstream clone and user names
        hub.url, hub.password, hub.admin, hub.admin_password, hub.course_repo, hub.answers

Everything it makes is removed when it stops: the hub and every participant's server, the state folder and
the system accounts it created (jupyter-<tag>-...). Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reach import unreachable  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
HUB = REPO / "hub"
CONFIG = HUB / "jupyterhub_config.py"
USER_ENV = Path(os.environ.get("SAMSKABELSE_HUB_USER_ENV") or REPO / ".venv-hub")
PROXY = HUB / "node_modules" / ".bin" / "configurable-http-proxy"


def missing() -> str | None:
    """Why a local hub cannot start here (None when it can)."""
    if os.geteuid() != 0:
        return "the workshop hub runs as root (it starts servers as the participants' own accounts)"
    if not shutil.which("useradd"):
        return "useradd is missing (the hub creates an account per participant)"
    if not PROXY.exists():
        return f"{PROXY.relative_to(REPO)} is missing: run `make hub-install` (npm ci in hub/)"
    if not (USER_ENV / "bin" / "jupyterhub-singleuser").exists():
        return f"{USER_ENV.name}/ has no jupyterhub-singleuser: run `make hub-install`"
    return unreachable({"the participants' environment": USER_ENV})


def free_port_block(n: int = 3, tries: int = 50) -> int:
    """A port P such that P .. P+n-1 are all free on 127.0.0.1."""
    for _ in range(tries):
        base = 20000 + secrets.randbelow(20000)
        socks = []
        try:
            for i in range(n):
                s = socket.socket()
                s.bind(("127.0.0.1", base + i))
                socks.append(s)
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no block of free ports found")


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", "-c", "user.name=Course upstream", "-c", "user.email=upstream@example.invalid",
                           *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=60).stdout


class LocalHub:
    def __init__(self, tag: str | None = None, *, upstream: bool = True, env: dict[str, str] | None = None,
                 quiet: bool = True):
        self.tag = tag or "t" + secrets.token_hex(2)
        self.port = free_port_block()
        self.url = f"http://127.0.0.1:{self.port}"
        self.state = Path(tempfile.mkdtemp(prefix=f"samskabelse-hub-{self.tag}-"))
        os.chmod(self.state, 0o755)  # the participants' servers must reach answers/ and the upstream clone
        self.answers = self.state / "answers"
        self.password = "workshop-" + secrets.token_hex(4)
        self.admin = f"{self.tag}-facilitator"
        self.upstream = self.state / "upstream" if upstream else None
        self.course_repo = self.upstream.as_uri() if upstream else REPO.as_uri()
        self.branch = "main"
        self.extra_env = env or {}
        self.quiet = quiet
        self.log_path = self.state / "hub.log"
        self.process: subprocess.Popen | None = None

    # ------------------------------------------------------------------------------------------------------
    def name(self, person: str) -> str:
        """The hub user name of a test participant: unique to this hub, so that its accounts can be removed."""
        return f"{self.tag}-{person}"

    @property
    def admin_password(self) -> str:
        return (self.state / "state" / "admin-password").read_text().strip()

    def start(self, timeout: float = 90) -> LocalHub:
        if self.upstream is not None:  # a clone of this repository's last commit, which tests may change
            subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(self.upstream)], check=True,
                           timeout=120, capture_output=True)
            self.branch = git("rev-parse", "--abbrev-ref", "HEAD", cwd=self.upstream).strip()
            for root, dirs, _files in os.walk(self.upstream):
                for d in dirs:
                    os.chmod(os.path.join(root, d), 0o755)
        env = {**os.environ, "SAMSKABELSE_HUB_PORT": str(self.port), "SAMSKABELSE_HUB_STATE": str(self.state),
               "SAMSKABELSE_HUB_PASSWORD": self.password, "SAMSKABELSE_HUB_ADMIN": self.admin,
               "SAMSKABELSE_HUB_COURSE_REPO": self.course_repo, "SAMSKABELSE_HUB_BRANCH": self.branch,
               **self.extra_env}
        env.pop("SAMSKABELSE_ANSWERS", None)
        env.pop("JUPYTERHUB_API_TOKEN", None)
        log = open(self.log_path, "w")  # noqa: SIM115 (kept open for the hub's lifetime)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG),
             *(["--log-level=WARN"] if self.quiet else [])],
            cwd=self.state, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub stopped at start:\n{self.log_tail()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/hub/api/", timeout=5).status_code == 200:
                    return self
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the hub did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 60) -> None:
        """Stop the hub (which stops every server it started), then remove its accounts and its folder."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        for account in pwd.getpwall():
            if account.pw_name.startswith(f"jupyter-{self.tag}-"):
                # a server that outlived the hub would keep the account busy: end its processes first
                for process in psutil.process_iter(["uids"]):
                    if process.info["uids"] and process.info["uids"].real == account.pw_uid:
                        with contextlib.suppress(psutil.Error):
                            process.kill()
                subprocess.run(["userdel", "--remove", account.pw_name], capture_output=True, timeout=30)
        shutil.rmtree(self.state, ignore_errors=True)

    def __enter__(self) -> LocalHub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
