"""How soon the first widget appears: kernel CPU per notebook, and time to the first widget in Voilà.

For every notebook (notebooks/<lang>/NN-*.ipynb) and workbook (exercises/<lang>/N-*.ipynb) of one or more
checkouts of this repository, in one run:

kernel   A fresh kernel (that checkout's .venv/bin/python -m ipykernel_launcher, started in the notebook's own
         folder, as JupyterLab and Voilà do) executes the notebook's code cells one by one, displaying what
         they display: widgets are built and their first figures rendered to PNG. Measured inside the kernel
         with time.process_time() (user + system CPU of the whole kernel process, all threads, since it
         started): the CPU from a fresh kernel to the last widget built, and each cell's share. CPU time is the
         robust measure on a shared machine; the wall time is printed beside it.
voila    One Voilà server per checkout (its own .venv, serving the checkout's root, so notebooks and workbooks
         are both reachable) and Debian's Chromium (by executable_path; Playwright never downloads a browser).
         Each page load is a fresh browser context (no cache). Timed inside the page from navigation start:
         the first widget view visible, the first slider visible, the first course figure loaded.

Both are compared against a blank-notebook floor: a notebook that imports ipywidgets and matplotlib's pyplot
(what a blank notebook that draws with matplotlib imports) and shows one slider; the floor is what Jupyter,
Voilà, the kernel and the browser cost before the course does anything. "+floor" columns are the course's share.

    .venv/bin/python benchmarks/startup.py                               # this checkout, both measures
    .venv/bin/python benchmarks/startup.py --repo /work/wt/baseline --repo .   # before and after, side by side
    .venv/bin/python benchmarks/startup.py --kernel-only --repeat 5 02 06 ex4 --cells
    .venv/bin/python benchmarks/startup.py --voila-only --preheat 02     # Voilà with a pool of preheated kernels
    .venv/bin/python benchmarks/startup.py --kernel-only --profile build/profiles 02   # cProfile per notebook

Items: NN is notebook NN (00-08), exN is workbook N (ex1-ex4), floor is the blank notebook (always measured).
Runs are interleaved (repetition by repetition, checkout by checkout) so that a change in the machine's load
hits every column alike; the tables show the median of --repeat runs (default 3).
Nothing is written inside a measured checkout: the course's SAMSKABELSE_EXPORTS and SAMSKABELSE_ANSWERS point
at a temporary folder during the run, and the other SAMSKABELSE_* variables are unset.

Goal (issue 16): at most 0.5 s of kernel CPU per notebook above the floor, and the first slider in Voilà
within 0.5 s of the floor. This is a benchmark, not a test: the numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
GOAL_S = 0.5
CHROMIUM = Path(os.environ.get("SAMSKABELSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

# The floor: a blank notebook that imports ipywidgets and matplotlib, ready to draw, and shows one slider.
# "bare" imports only the matplotlib package (no figure machinery): shown for reference, not the goal's floor.
FLOORS = {
    "floor": ["import ipywidgets as widgets\nimport matplotlib.pyplot as plt",
              'widgets.IntSlider(value=3, min=1, max=5, description="Blank")'],
    "bare": ["import ipywidgets as widgets\nimport matplotlib",
             'widgets.IntSlider(value=3, min=1, max=5, description="Blank")'],
}


# ---------------------------------------------------------------------------------------------------------------
# What is measured

@dataclass
class Item:
    key: str           # "02", "ex1", "floor"
    relpath: str       # inside the checkout (or, for the floor, inside the temporary folder)
    cells: list[str] = field(default_factory=list)


def find_items(repo: Path, lang: str, wanted: list[str]) -> list[Item]:
    import nbformat

    items = []
    for path in sorted((repo / "notebooks" / lang).glob("[0-9][0-9]-*.ipynb")):
        items.append(Item(path.name[:2], path.relative_to(repo).as_posix()))
    for path in sorted((repo / "exercises" / lang).glob("[0-9]-*.ipynb")):
        items.append(Item(f"ex{path.name[0]}", path.relative_to(repo).as_posix()))
    if wanted:
        items = [i for i in items if i.key in wanted]
    for item in items:
        nb = nbformat.read(repo / item.relpath, as_version=4)
        item.cells = [c.source for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    return items


def write_floors(folder: Path) -> dict[str, Item]:
    import nbformat

    floors = {}
    for key, cells in FLOORS.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell("# Blank notebook")] + [nbformat.v4.new_code_cell(c) for c in cells]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{key}.ipynb")
        floors[key] = Item(key, f"{key}.ipynb", list(cells))
    return floors


@dataclass
class Checkout:
    label: str
    root: Path
    python: Path
    items: dict[str, Item] = field(default_factory=dict)


def checkout(path: str, lang: str, wanted: list[str]) -> Checkout:
    root = Path(path).resolve()
    python = root / ".venv" / "bin" / "python"
    if not python.exists():
        raise SystemExit(f"{root}: no .venv/bin/python (run make install there first)")
    co = Checkout(root.name, root, python)
    co.items = {i.key: i for i in find_items(root, lang, wanted)}
    return co


def course_env(scratch: Path) -> dict[str, str]:
    """The environment for kernels and servers: nothing written in a checkout, no course settings inherited."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMSKABELSE_")}
    (scratch / "out").mkdir(exist_ok=True)
    env["SAMSKABELSE_EXPORTS"] = env["SAMSKABELSE_ANSWERS"] = str(scratch / "out")
    env.pop("JUPYTER_TOKEN", None)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


# ---------------------------------------------------------------------------------------------------------------
# Kernel CPU

CLOCK = "__import__('time').process_time()"


def kernel_run(co: Checkout, item: Item, cwd: Path, env: dict[str, str], scratch: Path,
               profile: Path | None = None) -> dict:
    """Start a fresh kernel with the checkout's Python in `cwd`, run the cells, return CPU and wall times."""
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    specs = scratch / f"kernels-{abs(hash(str(co.python)))}"
    spec_dir = specs / "bench"
    if not spec_dir.exists():
        spec_dir.mkdir(parents=True)
        (spec_dir / "kernel.json").write_text(json.dumps({
            "argv": [str(co.python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "bench", "language": "python"}))
    km = KernelManager(kernel_name="bench", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)]))
    wall0 = time.perf_counter()
    km.start_kernel(cwd=str(cwd), env=env, stderr=subprocess.DEVNULL)
    client = km.client()
    client.start_channels()
    errors: list[str] = []
    displays = [0]

    def hook(msg):
        kind = msg["msg_type"]
        if kind == "error":
            errors.append(msg["content"]["ename"] + ": " + msg["content"]["evalue"])
        elif kind in ("display_data", "execute_result"):
            displays[0] += 1

    def run(code: str, silent: bool = False) -> float:
        reply = client.execute_interactive(code, silent=silent, store_history=not silent, timeout=300,
                                           user_expressions={"t": CLOCK}, output_hook=hook)
        content = reply["content"]
        if content["status"] != "ok":
            errors.append(f"{content.get('ename')}: {content.get('evalue')}")
            return float("nan")
        return float(content["user_expressions"]["t"]["data"]["text/plain"])

    try:
        client.wait_for_ready(timeout=120)
        ready_wall = time.perf_counter() - wall0
        start_cpu = run("", silent=True)
        if profile is not None:
            run("import cProfile as _cp; _prof = _cp.Profile(); _prof.enable()", silent=True)
        marks = [start_cpu]
        for code in item.cells:
            marks.append(run(code))
            if errors:
                break
        wall = time.perf_counter() - wall0
        if profile is not None:
            target = profile / f"{co.root.name}-{item.key}.prof"
            run(f"_prof.disable(); _prof.dump_stats({str(target)!r})", silent=True)
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)
    return {"cpu": marks[-1], "start_cpu": start_cpu, "cells": [b - a for a, b in zip(marks, marks[1:], strict=False)],
            "wall": wall, "ready_wall": ready_wall, "errors": errors, "displays": displays[0]}


# ---------------------------------------------------------------------------------------------------------------
# Voilà in Chromium

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Voila:
    """`python -m voila ROOT` (tree mode) with the checkout's Python; its Jupyter folders in the scratch folder."""

    def __init__(self, python: Path, root: Path, scratch: Path, env: dict[str, str], preheat: list[str] | None,
                 extra: list[str] = ()):
        self.port, self.token = free_port(), secrets.token_hex(16)
        env = dict(env)
        for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime")):
            env[var] = str(scratch / f"voila-{self.port}" / sub)
        env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
        argv = [str(python), "-m", "voila", str(root), "--no-browser", f"--port={self.port}",
                "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", f"--Voila.token={self.token}",
                "--show_tracebacks=True", *extra]
        if preheat is not None:
            # One preheated kernel for each notebook measured (Voilà keys its pools by the notebook's path under
            # the root) and none for the other notebooks it finds under the root; refilled at once.
            pools = {"default": {"pool_size": 0}, **{p: {"pool_size": 1} for p in preheat}}
            argv += ["--preheat_kernel=True", f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
                     "--VoilaKernelManager.fill_delay=0"]
        self.log = scratch / f"voila-{self.port}.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(argv, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"Voilà exited:\n{self.log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(self.url("/voila/static/voila.js"), timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Voilà did not answer:\n{self.log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}?token={self.token}"

    def stop(self) -> None:
        for sig, wait_s in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            if self.process.poll() is not None:
                return
            try:
                os.killpg(self.process.pid, sig)
                self.process.wait(timeout=wait_s)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue


# Installed before the page's own scripts: marks, in ms from navigation start, when each thing first shows.
_MARKS = r"""
(() => {
  const m = window.__startup = {};
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const tick = () => {
    const now = performance.now();
    if (m.widget === undefined) {
      for (const el of document.querySelectorAll('.jupyter-widgets')) {
        if (!el.classList.contains('jupyter-widgets-error-widget') && visible(el)) { m.widget = now; break; }
      }
    }
    if (m.slider === undefined) {
      for (const el of document.querySelectorAll('.widget-slider .noUi-handle, .widget-slider input[type=range]')) {
        if (visible(el)) { m.slider = now; break; }
      }
    }
    if (m.figure === undefined) {
      for (const el of document.querySelectorAll('img.samskabelse-figure, .samskabelse-figure img')) {
        if (el.complete && el.naturalWidth > 0 && visible(el)) { m.figure = now; break; }
      }
    }
    const text = document.body ? document.body.innerText : '';
    if (m.error === undefined && /There was an error when executing cell|Traceback/.test(text)) m.error = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def browser_run(browser, server: Voila, item: Item, timeout_s: float) -> dict:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(_MARKS)
    page = context.new_page()
    try:
        page.goto(server.url(f"/voila/render/{item.relpath}"), wait_until="commit", timeout=timeout_s * 1000)
        # the first widget, an error, or (a notebook without widgets) the whole page and 3 s without a widget
        page.wait_for_function(
            "() => { const m = window.__startup; if (!m) return false;"
            "  if (m.widget !== undefined || m.error !== undefined) return true;"
            "  const nav = performance.getEntriesByType('navigation')[0];"
            "  return document.readyState === 'complete' && nav && nav.responseEnd > 0"
            "    && performance.now() > nav.responseEnd + 3000; }", timeout=timeout_s * 1000, polling=50)
        # a slider and a figure, when the notebook has them, follow within a moment of the first widget
        try:
            page.wait_for_function("() => window.__startup.widget === undefined || "
                                   "(window.__startup.slider !== undefined && "
                                   "(window.__startup.figure !== undefined || "
                                   "!document.querySelector('.samskabelse-figure')))", timeout=8000, polling=50)
        except Exception as error:  # notebooks without a slider or figure: leave those marks empty
            if type(error).__name__ != "TimeoutError":
                raise
        marks = page.evaluate("() => window.__startup")
        marks["html"] = page.evaluate("() => performance.getEntriesByType('navigation')[0].responseEnd")
    finally:
        context.close()
    # html: the page has arrived (Voilà sends the last of it once every cell has run)
    return {k: marks.get(k, float("nan")) / 1000 if k != "error" else marks.get(k) for k in
            ("html", "widget", "slider", "figure", "error")}


# ---------------------------------------------------------------------------------------------------------------
# Tables

def med(values: list[float]) -> float:
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def fmt(v: float, sign: bool = False) -> str:
    if v != v:
        return "–"
    return f"{v:+.2f}" if sign else f"{v:.2f}"


def print_table(title: str, checkouts: list[Checkout], keys: list[str], results: dict, measure: str,
                note: str) -> None:
    print(f"\n{title}\n")
    print("| item |" + "".join(f" {co.label} | +floor |" for co in checkouts))
    print("| --- |" + " ---: | ---: |" * len(checkouts))
    for key in [*FLOORS, *keys]:
        row = f"| {key} |"
        for co in checkouts:
            runs = [r for r in results.get((co.label, key), []) if r is not None]
            value = med([r[measure] for r in runs])
            floor = med([r[measure] for r in results.get((co.label, "floor"), []) if r is not None])
            failed = " (error)" if any(r.get("errors") or r.get("error") for r in runs) else ""
            if key == "floor":
                row += f" {fmt(value)}{failed} | |"
                continue
            over = value - floor
            verdict = "" if key in FLOORS or over != over else (" ✓" if over <= GOAL_S else " ✗")
            row += f" {fmt(value)}{failed} | {fmt(over, True)}{verdict} |"
        print(row)
    print(f"\n{note}")


def label_checkouts(checkouts: list[Checkout]) -> None:
    """Column names: the folder names, told apart when two are alike."""
    names = [co.root.name for co in checkouts]
    for co in checkouts:
        co.label = co.root.name if names.count(co.root.name) == 1 else str(co.root)


def _stop_on_signal(signum, _frame):
    raise SystemExit(f"stopped by signal {signum}")  # unwinds through the finally blocks: servers are stopped


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _stop_on_signal)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("items", nargs="*", help="NN (notebook), exN (workbook); default: all")
    parser.add_argument("--repo", action="append",
                        help="checkout to measure, with its own .venv (repeatable; default: this one)")
    parser.add_argument("--lang", default="da", choices=["da", "en"])
    parser.add_argument("--repeat", type=int, default=3, help="runs per item and checkout (default 3)")
    parser.add_argument("--kernel-only", action="store_true")
    parser.add_argument("--voila-only", action="store_true")
    parser.add_argument("--preheat", action="store_true",
                        help="Voilà with a pool of one preheated kernel per notebook measured")
    parser.add_argument("--voila-arg", action="append", default=[],
                        help="extra option for Voilà, e.g. --voila-arg=--progressive_rendering=True")
    parser.add_argument("--cells", action="store_true", help="print each cell's kernel CPU")
    parser.add_argument("--profile", type=Path, help="write a cProfile of each notebook's cells to this folder")
    parser.add_argument("--json", type=Path, help="also write every run's numbers to this file")
    args = parser.parse_args(argv)

    checkouts = [checkout(r, args.lang, args.items) for r in (args.repo or [str(HERE)])]
    label_checkouts(checkouts)
    keys = sorted({k for co in checkouts for k in co.items}, key=lambda k: (k.startswith("ex"), k))
    if not keys:
        print("nothing to measure", file=sys.stderr)
        return 2
    if args.profile:
        args.profile = args.profile.resolve()
        args.profile.mkdir(parents=True, exist_ok=True)

    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        scratch = Path(tmp)
        floor_dir = scratch / "floor"
        floor_dir.mkdir()
        floors = write_floors(floor_dir)
        env = course_env(scratch)
        print(f"measuring {', '.join(keys)} ({args.lang}) and the floors in "
              f"{', '.join(co.label for co in checkouts)}; {args.repeat} runs each; "
              f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
        if not args.voila_only:
            kernel_table(args, checkouts, keys, floors, floor_dir, env, scratch, results)
        if not args.kernel_only:
            if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
                print(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set SAMSKABELSE_CHROMIUM): "
                      "the Voilà tables are left out", file=sys.stderr)
            else:
                voila_table(args, checkouts, keys, floors, floor_dir, env, scratch, results)
        if args.json:
            args.json.write_text(json.dumps({"|".join(k): v for k, v in results.items()}, indent=1))
    return 0


def order(checkouts, keys, floors, repeat):
    """Every run, interleaved: repetition by repetition, item by item, checkout by checkout."""
    for rep in range(repeat):
        for key in [*floors, *keys]:
            for co in checkouts:
                item = floors.get(key) or co.items.get(key)
                if item is not None:
                    yield rep, key, co, item


def kernel_table(args, checkouts, keys, floors, floor_dir, env, scratch, results) -> None:
    def cwd(co, item):
        return floor_dir if item.key in floors else co.root / Path(item.relpath).parent

    for co in checkouts:  # warm the file cache and the .pyc files of each checkout: not measured
        kernel_run(co, floors["floor"], floor_dir, env, scratch)
        first = co.items[keys[0]] if keys[0] in co.items else None
        if first is not None:
            kernel_run(co, first, cwd(co, first), env, scratch)
    for rep, key, co, item in order(checkouts, keys, floors, args.repeat):
        prof = args.profile if (args.profile and rep == 0 and key not in floors) else None
        try:
            r = kernel_run(co, item, cwd(co, item), env, scratch, prof)
        except Exception as error:  # a kernel that died or hung: say so in the table, go on with the rest
            r = {"cpu": float("nan"), "wall": float("nan"), "start_cpu": float("nan"), "cells": [],
                 "errors": [f"{type(error).__name__}: {str(error)[:200]}"]}
        results.setdefault(("kernel", co.label, key), []).append(r)
        print(f"  kernel {co.label} {key}: {fmt(r['cpu'])} s CPU, {fmt(r['wall'])} s wall"
              + (f"  ERRORS {r['errors']}" if r["errors"] else ""), file=sys.stderr)
    kernel = {(lab, key): runs for (kind, lab, key), runs in results.items() if kind == "kernel"}
    print_table(f"Kernel CPU from a fresh kernel to the last widget built (s, median of {args.repeat}; "
                f"load average {os.getloadavg()[0]:.1f} at the end)", checkouts, keys, kernel, "cpu",
                "+floor: above the blank notebook (ipywidgets, matplotlib.pyplot, one slider); goal ≤ +0.50 s. "
                "bare: ipywidgets and only the matplotlib package, for reference.")
    print_table("Kernel wall time, the same runs (s)", checkouts, keys, kernel, "wall", "")
    if args.cells:
        print("\nKernel CPU per cell (s, median): the kernel's start, then each code cell")
        for co in checkouts:
            for key in [*floors, *keys]:
                runs = kernel.get((co.label, key))
                if not runs:
                    continue
                item = floors.get(key) or co.items[key]
                n = max(len(r["cells"]) for r in runs)
                cells = [med([r["cells"][i] for r in runs if i < len(r["cells"])]) for i in range(n)]
                print(f"  {co.label} {key}: start {med([r['start_cpu'] for r in runs]):.2f} | "
                      + " | ".join(f"{c:.2f} {item.cells[i].splitlines()[-1][:32]}" for i, c in enumerate(cells)))


def voila_table(args, checkouts, keys, floors, floor_dir, env, scratch, results) -> None:
    from playwright.sync_api import sync_playwright

    servers: dict[tuple[str, str], Voila] = {}
    try:
        for co in checkouts:
            preheat = [co.items[k].relpath for k in keys if k in co.items] if args.preheat else None
            servers[(co.label, "course")] = Voila(co.python, co.root, scratch, env, preheat, args.voila_arg)
            servers[(co.label, "floor")] = Voila(co.python, floor_dir, scratch, env,
                                                 [f.relpath for f in floors.values()] if args.preheat else None,
                                                 args.voila_arg)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            for co in checkouts:  # warm-up: Voilà compiles its templates on the first page
                for kind in ("floor", "course"):
                    if args.preheat:
                        wait_for_pool(servers[(co.label, kind)])
                    browser_run(browser, servers[(co.label, kind)], floors["floor"] if kind == "floor"
                                else co.items[keys[0]], 120)
            for _rep, key, co, item in order(checkouts, keys, floors, args.repeat):
                server = servers[(co.label, "floor" if key in floors else "course")]
                if args.preheat:
                    wait_for_pool(server)
                try:
                    before = _cpu_by_pid(server.process.pid)
                    r = browser_run(browser, server, item, 120)
                    r["server_cpu"] = _cpu_since(server.process.pid, before)
                except Exception as error:
                    r = {"widget": float("nan"), "slider": float("nan"), "figure": float("nan"), "html": float("nan"),
                         "server_cpu": float("nan"), "error": f"{type(error).__name__}: {str(error)[:200]}"}
                results.setdefault(("voila", co.label, key), []).append(r)
                print(f"  voila {co.label} {key}: widget {fmt(r['widget'])} s, slider {fmt(r['slider'])} s, "
                      f"page {fmt(r['html'])} s; CPU of Voilà and the page's kernel {fmt(r['server_cpu'])} s"
                      + (f"  ERROR {r['error']}" if r.get("error") else ""),
                      file=sys.stderr)
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    voila = {(lab, key): runs for (kind, lab, key), runs in results.items() if kind == "voila"}
    mode = "a pool of preheated kernels" if args.preheat else "a fresh kernel per page"
    extra = f" {' '.join(args.voila_arg)}" if args.voila_arg else ""
    for measure, what in (("slider", "first slider visible"), ("widget", "first widget visible"),
                          ("html", "whole page received (every cell has run; widgets not yet drawn)")):
        print_table(f"Voilà{extra}, {mode}: from the URL to the {what} (s, median of {args.repeat}; load "
                    f"average {os.getloadavg()[0]:.1f} at the end)", checkouts, keys, voila, measure,
                    "+floor: above the blank notebook; goal for the first slider ≤ +0.50 s. – : none shown "
                    "within 8 s of the first widget.")
    if not args.preheat:  # with preheated kernels the pools' refills land in other pages' counts
        print_table(f"Voilà, {mode}: CPU of the Voilà server and the page's kernel, from the request to the first "
                    f"widget (s, median of {args.repeat})", checkouts, keys, voila, "server_cpu",
                    "The robust measure of the server's side on a busy machine: the kernel's start, the notebook's "
                    "cells, Voilà rendering the page and serving the widgets' state (not the browser's own work).")


def wait_for_pool(server: Voila, timeout_s: float = 180) -> None:
    """With preheated kernels: wait until the server and its kernels are idle (the pools are refilled: each
    new kernel has run its notebook). Voilà does not publish the state of its pools."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        cpu = _tree_cpu(server.process.pid)
        if last is not None and cpu - last < 0.03:
            return
        last = cpu
        time.sleep(1.0)


def _cpu_by_pid(pid: int) -> dict[int, float]:
    """User + system CPU seconds of a process and of each of its direct children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            out[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    return out


def _tree_cpu(pid: int) -> float:
    return sum(_cpu_by_pid(pid).values())


def _cpu_since(pid: int, before: dict[int, float]) -> float:
    """CPU used since `before` by the process and its children alive now (a kernel that ended is not counted)."""
    return sum(cpu - before.get(p, 0.0) for p, cpu in _cpu_by_pid(pid).items())


if __name__ == "__main__":
    raise SystemExit(main())
