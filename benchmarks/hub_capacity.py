"""Capacity of the workshop hub: N participants, simulated as their browsers talk to the hub, through its proxy.

    sudo make hub-bench                                             # N = 1, 10, 20, 30 (about 15 minutes)
    sudo .venv/bin/python benchmarks/hub_capacity.py -n 30 --seconds 120

For each N, a fresh hub (hub/jupyterhub_config.py, started by hub/launch.py with its own ports, accounts and
state, all removed afterwards). The N participants arrive together; each, in its own thread, as a browser would:
logs in through the login page and gets an API token, starts a server (REST), pulls the course (nbgitpuller),
opens notebook 02 (a session: a kernel in the notebook's folder) and runs 02's and then 06's code cells over the
kernel websocket. When everyone is ready, each participant changes a slider once per second (at its own random
moment within the second), alternating the first gain's importance in 02 and the co-creation phase's weeks in 06,
by sending the widget protocol's update message, and times the change until the new figure image comes back.

Reported per N: server start time (request to answering through the proxy), kernel ready time (02's and 06's
cells), change-to-image latency (p50, p95, max; per widget), where that time goes (from the kernel's own message
time stamps: waiting before the kernel starts, computing in the kernel, and the way back), CPU and memory (PSS)
per participant, the hub's and proxy's share, the load from other processes on the machine, and every failure.
Results go to build/hub-capacity/<time>.json and a Markdown table on stdout. Needs root (as `make hub`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import random
import shutil
import statistics
import sys
import threading
import time
import traceback
from datetime import datetime
from pathlib import Path

import nbformat
import psutil
import websocket

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hub"))

from hubclient import Hub, Participant  # noqa: E402
from launch import LocalHub, missing  # noqa: E402

COURSE = "samskabelse"
SLIDERS = {  # widget: (slider, image, values to cycle through), named as in benchmarks/cases/
    "gains": ("gains.importance[course.gains[0].id]", "gains.live.image", [1, 4, 2, 5, 3]),
    "timeline": ('timeline.weeks["cocreate"]', "timeline.live.image", [16, 20, 24, 28, 22]),
}
CHANGE_TIMEOUT = 10.0  # a change without its image after this long counts as failed


def code_cells(number: str) -> list[str]:
    path = next((ROOT / "notebooks" / "da").glob(f"{number}-*.ipynb"))
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def stamp(header: dict) -> float:
    return datetime.fromisoformat(header["date"].replace("Z", "+00:00")).timestamp()


class Simulated:
    """One participant's browser, in its own thread."""

    def __init__(self, hub: LocalHub, person: str):
        self.hub, self.person = hub, person
        self.participant: Participant | None = None
        self.kernel = None
        self.ids: dict[str, str] = {}
        self.times: dict[str, float] = {}
        self.changes: list[dict] = []
        self.failure: str | None = None

    def arrive(self) -> None:
        client = Hub(self.hub.url, timeout=120)
        t = time.perf_counter()
        self.participant = p = client.participant(self.hub.name(self.person), self.hub.password)
        self.times["login"] = time.perf_counter() - t
        self.times["server_start"] = p.start_server(timeout=300)
        t = time.perf_counter()
        p.pull(self.hub.course_repo, self.hub.branch, COURSE, timeout=300)
        self.times["pull"] = time.perf_counter() - t
        t = time.perf_counter()
        self.kernel = p.open_notebook(f"{COURSE}/notebooks/da/02-gevinster.ipynb", timeout=300)
        for number in ("02", "06"):
            for source in code_cells(number):
                self.kernel.execute(source, timeout=600)
        self.times["kernel_ready"] = time.perf_counter() - t
        code = "import json as _j; print(_j.dumps({" + ", ".join(
            f"{w!r}: [({s}).model_id, ({i}).model_id]" for w, (s, i, _v) in SLIDERS.items()) + "}))"
        self.ids = json.loads(self.kernel.execute(code).text.strip().splitlines()[-1])

    def change(self, widget: str, value: int) -> dict:
        """One slider change: send the update, wait for the figure's new image; time stamps on the way."""
        slider, image = self.ids[widget]
        k = self.kernel
        while k.receive(0.001) is not None:  # what is left from the last change (echoes, other widgets)
            pass
        sent = time.time()
        msg_id = k.update_widget(slider, {"value": value})
        busy = None
        deadline = time.perf_counter() + CHANGE_TIMEOUT
        while (left := deadline - time.perf_counter()) > 0:
            msg = k.receive(left)
            if msg is None:
                continue
            header, content = msg["header"], msg.get("content", {})
            if msg.get("parent_header", {}).get("msg_id") == msg_id and header["msg_type"] == "status" \
                    and content.get("execution_state") == "busy":
                busy = stamp(header)
            elif header["msg_type"] == "comm_msg" and content.get("comm_id") == image \
                    and content.get("data", {}).get("method") == "update":
                received = time.time()
                return {"widget": widget, "ms": (received - sent) * 1000, "sent": sent,
                        "to_kernel_ms": ((busy or stamp(header)) - sent) * 1000,
                        "in_kernel_ms": (stamp(header) - (busy or stamp(header))) * 1000,
                        "back_ms": (received - stamp(header)) * 1000}
        return {"widget": widget, "ms": None, "sent": sent, "failed": f"no image within {CHANGE_TIMEOUT:.0f} s"}

    def change_every_second(self, start: float, seconds: float) -> None:
        phase = random.random()
        cycles = {w: iter(v * 1000) for w, (_s, _i, v) in SLIDERS.items()}
        widgets = list(SLIDERS)
        for n in range(int(seconds)):
            wait = start + n + phase - time.time()
            if wait > 0:
                time.sleep(wait)
            widget = widgets[n % len(widgets)]
            value = next(cycles[widget])
            if value == self.kernel.comms.get(self.ids[widget][0], {}).get("value"):
                value = next(cycles[widget])  # a change must change something
            try:
                self.changes.append(self.change(widget, value))
            except (ConnectionError, OSError, websocket.WebSocketException) as exc:  # counted as failed, not lost
                self.changes.append({"widget": widget, "ms": None, "sent": time.time(), "failed": str(exc)})
                return


def processes_of(uid: int) -> list[psutil.Process]:
    return [p for p in psutil.process_iter(["uids", "cmdline"]) if p.info["uids"] and p.info["uids"].real == uid]


def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def memory_of(procs: list[psutil.Process]) -> dict[str, float]:
    """PSS in MB (shared pages divided among the processes that share them), server and kernels apart."""
    out = {"server": 0.0, "kernels": 0.0}
    for p in procs:
        try:
            pss = p.memory_full_info().pss / 2**20
            kind = "kernels" if "ipykernel" in " ".join(p.info["cmdline"] or []) else "server"
            out[kind] += pss
        except psutil.Error:
            pass
    return out


def run(n: int, seconds: float, verbose: bool, out: Path) -> dict:
    hub = LocalHub(tag="b" + os.urandom(2).hex())
    started = time.perf_counter()
    hub.start()
    people = [Simulated(hub, f"p{i:02d}") for i in range(n)]
    try:
        def arrive(s: Simulated):
            try:
                s.arrive()
            except Exception as exc:  # noqa: BLE001 (a failed participant is a result, not a crash)
                s.failure = f"{type(exc).__name__}: {exc}"
                if verbose:
                    traceback.print_exc()

        threads = [threading.Thread(target=arrive, args=(s,)) for s in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join(1200)
        ready = [s for s in people if s.failure is None and s.ids]
        setup_s = time.perf_counter() - started
        if verbose:
            print(f"N={n}: {len(ready)} ready after {setup_s:.0f} s", file=sys.stderr)

        accounts = {s: pwd.getpwnam(f"jupyter-{s.participant.name}").pw_uid for s in ready}
        # the hub and its proxy run as root; the participants' servers (the hub's children too) are counted apart
        hub_procs = [p for p in [psutil.Process(hub.process.pid), *psutil.Process(hub.process.pid).children(True)]
                     if p.uids().real == 0]
        ours = psutil.Process()
        time.sleep(2)  # let the start settle before measuring
        before = {s: cpu_seconds(processes_of(uid)) for s, uid in accounts.items()}
        hub_before, client_before = cpu_seconds(hub_procs), cpu_seconds([ours])
        system_before, wall_before = psutil.cpu_times(), time.time()
        start = time.time() + 1
        threads = [threading.Thread(target=s.change_every_second, args=(start, seconds)) for s in ready]
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 60)
        wall = time.time() - wall_before
        system_after = psutil.cpu_times()
        busy = (sum(system_after) - system_after.idle - system_after.iowait) - (
            sum(system_before) - system_before.idle - system_before.iowait)
        cpu = {s: cpu_seconds(processes_of(uid)) - before[s] for s, uid in accounts.items()}
        hub_cpu, client_cpu = cpu_seconds(hub_procs) - hub_before, cpu_seconds([ours]) - client_before
        memory = {s: memory_of(processes_of(uid)) for s, uid in accounts.items()}
        load = os.getloadavg()
    finally:
        out.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # the hub's and the servers' log, for a failure's story
            shutil.copyfile(hub.log_path, out / f"hub-n{n}.log")
        hub.stop()

    changes = [c for s in ready for c in s.changes]
    ok = [c for c in changes if c.get("ms") is not None]
    lat = [c["ms"] for c in ok]
    by_widget = {w: [c["ms"] for c in ok if c["widget"] == w] for w in SLIDERS}
    participants_cpu = sum(cpu.values())
    result = {
        "n": n, "ready": len(ready), "setup_s": setup_s, "seconds": seconds, "wall_s": wall,
        "failures": [f"{s.person}: {s.failure}" for s in people if s.failure]
                    + [f"change: {c['failed']}" for c in changes if c.get("failed")],
        "changes": len(changes), "changes_ok": len(ok),
        "server_start_s": {"p50": percentile([s.times["server_start"] for s in ready], 0.5),
                           "max": max((s.times["server_start"] for s in ready), default=float("nan"))},
        "kernel_ready_s": {"p50": percentile([s.times["kernel_ready"] for s in ready], 0.5),
                           "max": max((s.times["kernel_ready"] for s in ready), default=float("nan"))},
        "latency_ms": {"p50": percentile(lat, 0.5), "p95": percentile(lat, 0.95), "max": max(lat, default=0)},
        "latency_by_widget_ms": {w: {"p50": percentile(v, 0.5), "p95": percentile(v, 0.95)}
                                 for w, v in by_widget.items()},
        "in_kernel_by_widget_ms": {w: {q: percentile([c["in_kernel_ms"] for c in ok if c["widget"] == w], x)
                                       for q, x in (("p50", 0.5), ("p95", 0.95))} for w in SLIDERS},
        "where_ms_p50": {k: percentile([c[k] for c in ok], 0.5) for k in ("to_kernel_ms", "in_kernel_ms", "back_ms")},
        "where_ms_p95": {k: percentile([c[k] for c in ok], 0.95) for k in ("to_kernel_ms", "in_kernel_ms",
                                                                             "back_ms")},
        "setup_cpu_s_per_participant": statistics.mean(before.values()) if before else float("nan"),
        "cpu_cores_per_participant": participants_cpu / wall / max(len(ready), 1),
        "cpu_cores_participants": participants_cpu / wall,
        "cpu_cores_hub_and_proxy": hub_cpu / wall,
        "cpu_cores_this_client": client_cpu / wall,
        "cpu_cores_other_processes": max(0.0, busy - participants_cpu - hub_cpu - client_cpu) / wall,
        "memory_mb_per_participant": {
            "server": statistics.mean(m["server"] for m in memory.values()) if memory else float("nan"),
            "kernel": statistics.mean(m["kernels"] for m in memory.values()) if memory else float("nan"),
            "max_total": max((m["server"] + m["kernels"] for m in memory.values()), default=float("nan"))},
        "loadavg_1_5_15": load,
        "cpus": psutil.cpu_count(),
    }
    return result


def table(results: list[dict]) -> str:
    head = ("| N | ready | server start p50 / max | kernel ready p50 / max | changes (failed) | latency p50 | p95 "
            "| max | p95 gains / timeline | p95 to kernel / in kernel / back | CPU per participant "
            "| memory per participant (server + kernel) | hub + proxy CPU | other load |")
    rows = [head, "|" + " --- |" * 14]
    for r in results:
        m = r["memory_mb_per_participant"]
        w, where = r["latency_by_widget_ms"], r["where_ms_p95"]
        rows.append(
            f"| {r['n']} | {r['ready']} | {r['server_start_s']['p50']:.1f} / {r['server_start_s']['max']:.1f} s "
            f"| {r['kernel_ready_s']['p50']:.1f} / {r['kernel_ready_s']['max']:.1f} s "
            f"| {r['changes']} ({r['changes'] - r['changes_ok']}) | {r['latency_ms']['p50']:.0f} ms "
            f"| {r['latency_ms']['p95']:.0f} ms | {r['latency_ms']['max']:.0f} ms "
            f"| {w['gains']['p95']:.0f} / {w['timeline']['p95']:.0f} ms "
            f"| {where['to_kernel_ms']:.0f} / {where['in_kernel_ms']:.0f} / {where['back_ms']:.0f} ms "
            f"| {r['cpu_cores_per_participant']:.3f} cores | {m['server']:.0f} + {m['kernel']:.0f} MB "
            f"| {r['cpu_cores_hub_and_proxy']:.2f} cores | {r['cpu_cores_other_processes']:.2f} cores |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--participants", type=int, nargs="+", default=[1, 10, 20, 30])
    parser.add_argument("--seconds", type=float, default=60, help="seconds of slider changes per N (default 60)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "hub-capacity")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if reason := missing():
        print(f"Cannot run the hub here: {reason}", file=sys.stderr)
        return 2
    results = []
    for n in args.participants:
        results.append(run(n, args.seconds, args.verbose, args.out))
        print(table(results[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
        for f in results[-1]["failures"][:10]:
            print(f"  failure: {f}", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"machine": {"cpus": psutil.cpu_count(),
                                           "memory_gb": psutil.virtual_memory().total / 2**30},
                               "results": results}, indent=2, default=str))
    print(table(results))
    print(f"\n{out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
