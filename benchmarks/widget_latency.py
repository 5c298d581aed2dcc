"""How fast a widget answers: time from a slider change to the updated figure image, in a real kernel.

For each case in benchmarks/cases/ (or those named on the command line) this starts an ipykernel through
jupyter_client, runs the case's SETUP there, and then sets the course widget's slider, and after that a naive
baseline's slider (ipywidgets.interactive rebuilding the same figure with pyplot per change), to the next value,
N times each, in two blocks (garbage collected before each, so one does not pay for the other's garbage).
Each assignment is timed inside the kernel: the widgets' observers run synchronously, so the time covers the
model update, the figure update, the PNG encoding and the widget message to the front end. The course widget's
image must change on every step, or the run fails.

    make bench                      # every case
    .venv/bin/python benchmarks/widget_latency.py gains --changes 200
    .venv/bin/python benchmarks/widget_latency.py --clock cpu --python /path/to/other/checkout/.venv/bin/python

--clock cpu times each change in CPU time of the kernel's main thread (where the observers, the drawing and the
PNG encoding run) instead of wall time: a measure that holds on a busy machine, for comparing two checkouts
(--python: the kernel runs in that interpreter, so it imports that checkout's package).

Goal (issues 4 and 5): p95 <= 30 ms for the course widget and at least 3x faster than the baseline at p95.
This is a benchmark, not a test: the numbers depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
from pathlib import Path

from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

CASES = Path(__file__).resolve().parent / "cases"
GOAL_P95_MS = 30.0
GOAL_RATIO = 3.0

MEASURE = r"""
import gc as _gc, json as _json, time as _time
_clock = _time.{clock}

def _run(slider, image=None):
    # one block per widget, so that one widget's garbage is not collected during the other's timings
    _gc.collect()
    times, before = [], bytes(image.value) if image is not None else None
    for _i in range({warmup} + {changes}):
        _v = values[_i % len(values)]
        if slider.value == _v:
            _v = values[(_i + 1) % len(values)]
        _t = _clock(); slider.value = _v; _dt = (_clock() - _t) * 1000
        if image is not None:
            _after = bytes(image.value)
            if _after == before:
                raise AssertionError(f"the figure did not change when the slider went to {{_v!r}}")
            before = _after
        if _i >= {warmup}:
            times.append(_dt)
    return times

_fast = _run(fast_slider, fast_image)
_naive = _run(naive_slider)
print("RESULT" + _json.dumps({{"fast": _fast, "naive": _naive}}))
"""


def load_case(path: Path):
    spec = importlib.util.spec_from_file_location(f"case_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_in_kernel(client, code: str, timeout: float = 600) -> str:
    """Execute code; return what it printed; raise with the kernel's traceback on error."""
    out: list[str] = []

    def collect(msg):
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "error":
            raise RuntimeError("\n".join(content["traceback"]))

    reply = client.execute_interactive(code, timeout=timeout, output_hook=collect)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")
    return "".join(out)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def start_kernel(python: str | None):
    """A kernel in this environment, or in the interpreter `python` (another checkout's .venv/bin/python)."""
    # the kernel's own start-up warnings would interleave with the table
    if python is None:
        return start_new_kernel(kernel_name="python3", stderr=subprocess.DEVNULL)
    import tempfile

    specs = Path(tempfile.mkdtemp(prefix="widget-latency-kernels-"))
    (specs / "other").mkdir()
    (specs / "other" / "kernel.json").write_text(json.dumps({
        "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "other",
        "language": "python"}))
    manager = KernelManager(kernel_name="other", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)]))
    manager.start_kernel(stderr=subprocess.DEVNULL)
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    return manager, client


def measure(path: Path, changes: int, warmup: int, clock: str = "wall", python: str | None = None) -> dict:
    case = load_case(path)
    manager, client = start_kernel(python)
    try:
        run_in_kernel(client, "%matplotlib inline")
        run_in_kernel(client, case.SETUP)
        printed = run_in_kernel(client, MEASURE.format(warmup=warmup, changes=changes,
                                                       clock="thread_time" if clock == "cpu" else "perf_counter"))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    data = json.loads(printed.split("RESULT", 1)[1])
    fast, naive = data["fast"], data["naive"]
    return {
        "case": getattr(case, "NAME", path.stem),
        "has_goal": getattr(case, "GOAL", True),
        "changes": changes,
        "fast_median": statistics.median(fast), "fast_p95": percentile(fast, 95),
        "naive_median": statistics.median(naive), "naive_p95": percentile(naive, 95),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="case names (files in benchmarks/cases/); default: all")
    parser.add_argument("--changes", type=int, default=100, help="timed slider changes per widget (default 100)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed changes first (default 5)")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="wall time (default), or CPU time of the kernel's main thread")
    parser.add_argument("--python", help="run the kernel in this interpreter (another checkout's .venv/bin/python)")
    args = parser.parse_args(argv)
    paths = sorted(CASES.glob("[!_]*.py"))
    if args.cases:
        paths = [p for p in paths if p.stem in args.cases]
    if not paths:
        print("no benchmark cases found", file=sys.stderr)
        return 2
    print(f"{'widget':32} {'median':>8} {'p95':>8}   {'naive median':>12} {'naive p95':>10}   {'p95 ratio':>9}  goal")
    met = True
    for path in paths:
        r = measure(path, args.changes, args.warmup, args.clock, args.python)
        ratio = r["naive_p95"] / r["fast_p95"]
        ok = r["fast_p95"] <= GOAL_P95_MS and ratio >= GOAL_RATIO
        verdict = ("met" if ok else "NOT met") if r["has_goal"] else "(reference)"
        met &= ok or not r["has_goal"]
        print(f"{r['case']:32} {r['fast_median']:6.1f}ms {r['fast_p95']:6.1f}ms   {r['naive_median']:10.1f}ms "
              f"{r['naive_p95']:8.1f}ms   {ratio:8.1f}x  {verdict}")
    clock = "CPU time of the kernel's main thread" if args.clock == "cpu" else "wall time"
    print(f"\nGoal: p95 <= {GOAL_P95_MS:.0f} ms and >= {GOAL_RATIO:.0f}x faster than the naive rebuild at p95. "
          f"{'All met.' if met else 'Not all met.'} ({args.changes} changes each, after {args.warmup} untimed; "
          f"{clock}{', kernel in ' + args.python if args.python else ''}.)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
