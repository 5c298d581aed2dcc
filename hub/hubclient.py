"""A participant's browser, reduced to what it sends: log in to the hub, start a server, pull the course, open a
notebook's kernel and talk to it over the kernel websocket as JupyterLab does (including the widget protocol).

Used by the hub's integration tests (tests/test_hub*.py) and the capacity benchmark (benchmarks/hub_capacity.py).
Every wait has a deadline; nothing here retries forever.

    hub = Hub("http://127.0.0.1:8000")
    anna = hub.participant("anna", "workshop-password")       # logs in through the login page, gets a token
    anna.start_server(timeout=60)
    anna.pull(repo_url, branch="main", targetpath="samskabelse")
    kernel = anna.open_notebook("samskabelse/notebooks/da/02-gevinster.ipynb")
    kernel.execute("1 + 1").text                               # '2'
"""

from __future__ import annotations

import json
import struct
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests
import websocket


class HubError(RuntimeError):
    """The hub or a server answered something unexpected (the message says what, and the status)."""


def _check(response: requests.Response, what: str) -> requests.Response:
    if response.status_code >= 400:
        raise HubError(f"{what}: HTTP {response.status_code} {response.text[:300]}")
    return response


class Hub:
    def __init__(self, url: str, timeout: float = 30):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def login(self, name: str, password: str) -> requests.Session:
        """Log in through the hub's login page, as a browser does. Returns the session with its cookies."""
        session = requests.Session()
        _check(session.get(f"{self.url}/hub/login", timeout=self.timeout), "login page")
        xsrf = session.cookies.get("_xsrf", "")
        r = session.post(f"{self.url}/hub/login", data={"username": name, "password": password, "_xsrf": xsrf},
                         allow_redirects=False, timeout=self.timeout)
        if r.status_code != 302 or "login" in r.headers.get("Location", "/hub/login").split("?")[0]:
            raise HubError(f"login as {name!r} refused (HTTP {r.status_code})")
        return session

    def token(self, name: str, password: str, note: str = "hubclient") -> str:
        """An API token for `name`, asked for with the user's name and password (the hub's token API)."""
        body = {"auth": {"username": name, "password": password}, "note": note, "expires_in": 3600}
        r = requests.post(f"{self.url}/hub/api/users/{quote(name)}/tokens", json=body, timeout=self.timeout)
        return _check(r, f"token for {name}").json()["token"]

    def participant(self, typed_name: str, password: str) -> Participant:
        """Log in as a person would (the hub may normalise the name), then get a token for the API."""
        session = self.login(typed_name, password)
        r = _check(session.get(f"{self.url}/hub/api/user", timeout=self.timeout,
                               headers={"X-XSRFToken": session.cookies.get("_xsrf", "")}), "who am I")
        name = r.json()["name"]
        return Participant(self, name, self.token(name, password), session)


@dataclass
class Participant:
    hub: Hub
    name: str
    token: str
    session: requests.Session | None = None

    @property
    def server_url(self) -> str:
        return f"{self.hub.url}/user/{quote(self.name)}"

    def api(self, method: str, path: str, *, timeout: float | None = None, **kwargs) -> requests.Response:
        """A request with this participant's token; `path` starts with /hub/ or is relative to their server."""
        url = f"{self.hub.url}{path}" if path.startswith("/hub/") else f"{self.server_url}/{path.lstrip('/')}"
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, url, headers=headers, timeout=timeout or self.hub.timeout, **kwargs)

    def model(self) -> dict:
        return _check(self.api("GET", f"/hub/api/users/{quote(self.name)}"), f"user {self.name}").json()

    def start_server(self, timeout: float = 120) -> float:
        """Ask the hub for this participant's server and wait until it answers. Returns the seconds it took."""
        start = time.perf_counter()
        r = self.api("POST", f"/hub/api/users/{quote(self.name)}/server", timeout=timeout)
        if r.status_code not in (201, 202, 400):  # 400: already running
            _check(r, f"start {self.name}'s server")
        deadline = start + timeout
        while time.perf_counter() < deadline:
            server = self.model().get("servers", {}).get("", {})
            if server.get("ready"):
                break
            if not server.get("pending") and not server:
                raise HubError(f"{self.name}'s server stopped while starting")
            time.sleep(0.2)
        else:
            raise HubError(f"{self.name}'s server was not ready within {timeout:.0f} s")
        while time.perf_counter() < deadline:  # ready in the hub; now through the proxy
            if self.api("GET", "api/status", timeout=10).status_code == 200:
                return time.perf_counter() - start
            time.sleep(0.2)
        raise HubError(f"{self.name}'s server did not answer through the proxy within {timeout:.0f} s")

    def stop_server(self, timeout: float = 60) -> None:
        r = self.api("DELETE", f"/hub/api/users/{quote(self.name)}/server", timeout=timeout)
        if r.status_code not in (202, 204, 400):
            _check(r, f"stop {self.name}'s server")
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self.model().get("servers"):
                return
            time.sleep(0.2)
        raise HubError(f"{self.name}'s server did not stop within {timeout:.0f} s")

    def pull(self, repo: str, branch: str, targetpath: str, timeout: float = 120) -> list[dict]:
        """What the nbgitpuller link's page does: the pull itself (git-pull/api), as a stream of events."""
        params = {"repo": repo, "branch": branch, "targetpath": targetpath}
        r = self.api("GET", "git-pull/api", params=params, stream=True, timeout=timeout)
        _check(r, f"git pull for {self.name}")
        events, deadline = [], time.perf_counter() + timeout
        for line in r.iter_lines(decode_unicode=True):
            if line and line.startswith("data:"):
                event = json.loads(line[5:])
                events.append(event)
                if event.get("phase") == "error":
                    raise HubError(f"git pull for {self.name} failed: {event.get('message')}\n"
                                   f"{event.get('output', '')}")
                if event.get("phase") == "finished":
                    return events
            if time.perf_counter() > deadline:
                break
        raise HubError(f"git pull for {self.name} did not finish within {timeout:.0f} s: {events[-3:]}")

    def contents(self, path: str, content: bool = False) -> dict:
        r = self.api("GET", f"api/contents/{quote(path)}", params={"content": int(content)})
        return _check(r, f"{self.name}: contents of {path}").json()

    def save_contents(self, path: str, model: dict) -> dict:
        return _check(self.api("PUT", f"api/contents/{quote(path)}", json=model), f"save {path}").json()

    def open_notebook(self, path: str, timeout: float = 60) -> Kernel:
        """Open a notebook as JupyterLab does: a session for its path (kernel in the notebook's folder)."""
        body = {"path": path, "type": "notebook", "name": path.rsplit("/", 1)[-1], "kernel": {"name": "python3"}}
        r = _check(self.api("POST", "api/sessions", json=body, timeout=timeout), f"open {path}")
        return Kernel(self, r.json()["kernel"]["id"], timeout=timeout)

    def shutdown_kernels(self) -> None:
        for k in _check(self.api("GET", "api/kernels"), "kernels").json():
            self.api("DELETE", f"api/kernels/{k['id']}")


# ----------------------------------------------------------------------------------------------------------
# The kernel websocket (Jupyter messaging over jupyter_server's default websocket protocol)
def decode_binary(data: bytes) -> dict:
    """jupyter_server's binary websocket frame: [n][offsets...][json][buffer]..."""
    n = struct.unpack("!I", data[:4])[0]
    offsets = list(struct.unpack(f"!{n}I", data[4: 4 * (n + 1)]))
    offsets.append(len(data))
    msg = json.loads(data[offsets[0]: offsets[1]].decode("utf-8"))
    msg["buffers"] = [data[offsets[i]: offsets[i + 1]] for i in range(1, n)]
    return msg


@dataclass
class Execution:
    msg_id: str
    status: str = ""
    text: str = ""  # stdout and text/plain results, joined
    errors: list[str] = field(default_factory=list)
    outputs: list[dict] = field(default_factory=list)


class Kernel:
    def __init__(self, participant: Participant, kernel_id: str, timeout: float = 60):
        self.participant = participant
        self.kernel_id = kernel_id
        self.session = uuid.uuid4().hex
        url = participant.server_url.replace("http", "ws", 1)
        self.ws = websocket.create_connection(
            f"{url}/api/kernels/{kernel_id}/channels?session_id={self.session}",
            header=[f"Authorization: token {participant.token}"], timeout=timeout)
        self.comms: dict[str, dict] = {}  # comm id -> the widget's state as the front end knows it
        self.pending: list[dict] = []  # messages read while waiting for something else

    def close(self) -> None:
        self.ws.close()

    def _message(self, msg_type: str, content: dict, channel: str = "shell", buffers=None) -> dict:
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": self.participant.name,
                  "session": self.session, "date": "", "version": "5.3"}
        return {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": channel,
                "buffers": buffers or []}

    def send(self, msg: dict) -> str:
        self.ws.send(json.dumps({k: v for k, v in msg.items() if k != "buffers"}))
        return msg["header"]["msg_id"]

    def receive(self, timeout: float) -> dict | None:
        """The next message (None after `timeout` seconds); widget state is tracked on the way."""
        self.ws.settimeout(max(timeout, 0.001))
        try:
            opcode, data = self.ws.recv_data()
        except websocket.WebSocketTimeoutException:
            return None
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            raise ConnectionError(f"the server closed the kernel's connection ({data[:2].hex() or 'no code'})")
        msg = decode_binary(data) if opcode == websocket.ABNF.OPCODE_BINARY else json.loads(data)
        self._track(msg)
        return msg

    def _track(self, msg: dict) -> None:
        kind, content = msg.get("msg_type") or msg["header"]["msg_type"], msg.get("content", {})
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.comms[content["comm_id"]] = dict(content["data"].get("state", {}))
        elif kind == "comm_msg" and content.get("comm_id") in self.comms:
            data = content.get("data", {})
            if data.get("method") in ("update", "echo_update"):
                self.comms[content["comm_id"]].update(data.get("state", {}))
        elif kind == "comm_close":
            self.comms.pop(content.get("comm_id"), None)

    def execute(self, code: str, timeout: float = 120, raise_on_error: bool = True) -> Execution:
        msg_id = self.send(self._message("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}))
        result, deadline, idle, replied = Execution(msg_id), time.perf_counter() + timeout, False, False
        while not (idle and replied):
            left = deadline - time.perf_counter()
            if left <= 0:
                raise HubError(f"{self.participant.name}: no answer within {timeout:.0f} s to {code[:80]!r}")
            msg = self.receive(left)
            if msg is None or msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "execute_reply":
                replied, result.status = True, content.get("status", "")
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "stream":
                result.text += content.get("text", "")
            elif kind in ("execute_result", "display_data"):
                result.outputs.append(content.get("data", {}))
                if kind == "execute_result":
                    result.text += content.get("data", {}).get("text/plain", "")
            elif kind == "error":
                result.errors.append(f"{content.get('ename')}: {content.get('evalue')}")
        if raise_on_error and (result.errors or result.status != "ok"):
            raise HubError(f"{self.participant.name}: {code[:80]!r} failed: {result.errors}")
        return result

    def update_widget(self, comm_id: str, state: dict) -> str:
        """The widget protocol's update message, as the front end sends when a slider moves."""
        return self.send(self._message("comm_msg", {
            "comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}}))

    def wait_for_update(self, comm_id: str, key: str, timeout: float) -> dict:
        """Wait for the kernel to update `key` of the widget `comm_id` (e.g. an Image's new value)."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise HubError(f"{self.participant.name}: no update of {key} within {timeout:.1f} s")
            msg = self.receive(left)
            if msg is None:
                continue
            content = msg.get("content", {})
            data = content.get("data", {}) if isinstance(content, dict) else {}
            if (msg["header"]["msg_type"] == "comm_msg" and content.get("comm_id") == comm_id
                    and data.get("method") == "update"
                    and (key in data.get("state", {}) or [key] in data.get("buffer_paths", []))):
                return msg

    def drain(self, seconds: float = 0.2) -> int:
        """Read whatever arrives within `seconds` (e.g. echoes of an update). Returns how many messages."""
        n, deadline = 0, time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            if self.receive(left) is None:
                break
            n += 1
        return n


def widget_ids(kernel: Kernel, expressions: dict[str, str]) -> dict[str, Any]:
    """The comm ids of widgets named by Python expressions in the kernel (e.g. {'image': 'gains.live.image'})."""
    code = "import json as _j; print(_j.dumps({" + ", ".join(
        f"{k!r}: ({v}).model_id" for k, v in expressions.items()) + "}))"
    return json.loads(kernel.execute(code).text.strip().splitlines()[-1])
