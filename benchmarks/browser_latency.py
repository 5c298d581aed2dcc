"""How fast a widget answers a person: from a key press on a slider to the changed figure, in JupyterLab.

Starts JupyterLab on 127.0.0.1 (as the browser tests do), opens each notebook in Debian's Chromium, runs all
cells, focuses the first slider of the first course widget (.samskabelse-widget with a slider, a figure and a
result) and presses an arrow key N times. Each press is timed inside the page with performance.now():
    key   the keydown event
    src   the figure's <img> gets its new source (the kernel has redrawn the figure and sent the PNG)
    load  the new image has loaded, ready to paint
The presses are sequential: the next key is pressed only after the previous figure has loaded.

    .venv/bin/python benchmarks/browser_latency.py              # gains (02) and timeline (06), 20 presses each
    .venv/bin/python benchmarks/browser_latency.py 01 03 --presses 50 --lang en

This is a benchmark, not a test: the numbers depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import harness as h  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(page, lab, relpath: str, presses: int, widget_index: int | None, slider: int) -> dict:
    h.open_in_lab(page, lab, relpath)
    h.run_all_cells(page)
    widgets = h.wait_for_widgets(page)
    problems = h.problems(page)
    if problems:
        raise RuntimeError(f"{relpath}: {problems}")
    complete = [w for w in widgets if w.complete]
    if not complete:
        raise RuntimeError(f"{relpath}: no widget with a slider, a figure and a result")
    widget = complete[0] if widget_index is None else next(w for w in widgets if w.index == widget_index)
    handle = page.locator(f'[data-e2e-widget="{widget.index}"]').locator(h.HANDLE).nth(slider)
    label = handle.locator("xpath=ancestor::*[contains(@class, 'widget-slider')][1]").locator(".widget-label")
    slider_label = label.first.inner_text().strip() if label.count() else ""
    h.timed_press(page, widget, slider)  # warm-up: the first change may load code in the kernel
    times, missed = [], 0
    for _ in range(presses):
        try:
            times.append(h.timed_press(page, widget, slider))
        except Exception as error:
            if type(error).__name__ != "TimeoutError":
                raise
            missed += 1
    src = [t["src_ms"] for t in times]
    load = [t["load_ms"] for t in times]
    return {
        "notebook": relpath, "widget": widget.classes.split()[-1], "slider": slider_label,
        "presses": len(times), "missed": missed,
        "src_median_ms": round(statistics.median(src), 1), "load_median_ms": round(statistics.median(load), 1),
        "load_p90_ms": round(percentile(load, 0.9), 1), "load_min_ms": round(min(load), 1),
        "load_max_ms": round(max(load), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("numbers", nargs="*", default=["02", "06"], help="notebook numbers (default: 02 06)")
    parser.add_argument("--lang", default="da", choices=["da", "en"])
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--widget", type=int, default=None, help="index of the course widget (default: first)")
    parser.add_argument("--slider", type=int, default=0, help="which slider of the widget (default: first)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    reason = h.missing_browser_reason()
    if reason:
        print(f"cannot measure: {reason}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory(prefix="browser-latency-") as tmp, h.lab_server(Path(tmp)) as lab, \
            sync_playwright() as playwright:
        browser = h.launch_chromium(playwright)
        for number in args.numbers:
            path = h.notebook_path(args.lang, number)
            if path is None:
                results.append({"notebook": f"{args.lang}/{number}", "error": "no such notebook yet"})
                continue
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(h.STEP_MS)
            start = time.monotonic()
            try:
                result = measure(page, lab, path.relative_to(h.ROOT).as_posix(), args.presses, args.widget,
                                 args.slider)
                result["wall_s"] = round(time.monotonic() - start, 1)
                results.append(result)
            finally:
                page.close()
                h.shut_down_kernels(lab)
        browser.close()

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for r in results:
        if "error" in r:
            print(f"{r['notebook']}: {r['error']}")
            continue
        print(f"{r['notebook']} ({r['widget']}, slider {r['slider']!r}): key press -> new figure loaded: "
              f"median {r['load_median_ms']} ms "
              f"(p90 {r['load_p90_ms']}, min {r['load_min_ms']}, max {r['load_max_ms']}) over {r['presses']} "
              f"presses; -> new image source: median {r['src_median_ms']} ms"
              + (f"; {r['missed']} presses changed nothing" if r["missed"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
