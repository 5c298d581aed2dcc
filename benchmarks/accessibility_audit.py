"""axe-core's violations per widget notebook, in Voilà (the app) and in JupyterLab's output area.

For each notebook it starts the page in Debian's Chromium, waits until the course widgets have rendered, runs
axe-core (tests/browser/accessibility.py) and counts the violating elements: serious or critical ("S+C") and all,
in the course's own elements ("own": inside a notebook cell, plus the page language/title/main landmark in Voilà)
and in Jupyter's or Voilà's own page furniture ("chrome").

    .venv/bin/python benchmarks/accessibility_audit.py                   # 01-06 in Danish, Voilà and JupyterLab
    .venv/bin/python benchmarks/accessibility_audit.py 02 06 --lang en --only voila --details
    .venv/bin/python benchmarks/accessibility_audit.py --repo ../baseline   # another checkout, with its .venv
    .venv/bin/python benchmarks/accessibility_audit.py 02 --only lab --lab-chrome --details   # JupyterLab's own

With --repo, the servers run from that checkout with its own .venv (this script's Python only drives the
browser and injects axe-core, so the other checkout needs neither Playwright nor axe).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import accessibility as a11y  # noqa: E402
from browser import harness as h  # noqa: E402

VIEWPORT = {"width": 1366, "height": 768}


def notebook(repo: Path, lang: str, number: str) -> Path | None:
    found = sorted((repo / "notebooks" / lang).glob(f"{number}-*.ipynb"))
    return found[0] if found else None


def settle(page) -> None:
    """Every figure loaded and no widget still loading."""
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=h.STEP_MS)
    page.wait_for_timeout(300)


def summarise(findings: list[a11y.Finding]) -> dict:
    return {
        "own_serious": a11y.count(findings, own=True, serious_only=True),
        "own_all": a11y.count(findings, own=True, serious_only=False),
        "chrome_serious": a11y.count(findings, own=False, serious_only=True),
        "chrome_all": a11y.count(findings, own=False, serious_only=False),
        "rules_own": {f.rule: [f.impact, len(f.own)] for f in findings if f.own},
        "rules_chrome": {f.rule: [f.impact, len(f.chrome)] for f in findings if f.chrome},
    }


def audit_voila(browser, repo: Path, python: str, lang: str, numbers: list[str], tmp: Path, details: bool):
    rows = []
    with h.voila_server("notebooks", tmp / "voila", repo=repo, python=python) as server:
        for number in numbers:
            path = notebook(repo, lang, number)
            if path is None:
                continue
            page = browser.new_page(viewport=VIEWPORT)
            page.set_default_timeout(h.STEP_MS)
            try:
                start = time.monotonic()
                page.goto(server.url(f"/voila/render/{lang}/{path.name}"), wait_until="domcontentloaded",
                          timeout=90_000)
                h.wait_for_widgets(page, timeout_ms=90_000)
                settle(page)
                loaded = time.monotonic() - start
                t0 = time.monotonic()
                findings = a11y.run_axe(page)
                row = {"where": "voila", "notebook": f"{lang}/{path.name}", **summarise(findings),
                       "load_s": round(loaded, 1), "axe_s": round(time.monotonic() - t0, 1),
                       "lang": page.evaluate("() => document.documentElement.lang"), "title": page.title()}
                if details:
                    row["details"] = a11y.describe(findings) + "\n  chrome:\n" + a11y.describe(findings, own=False)
                rows.append(row)
            finally:
                page.close()
    return rows


def audit_lab(browser, repo: Path, python: str, lang: str, numbers: list[str], tmp: Path, details: bool,
              chrome: bool = False):
    rows = []
    with h.lab_server(tmp / "lab", repo=repo, python=python) as lab:
        page = browser.new_page(viewport=VIEWPORT)
        page.set_default_timeout(h.STEP_MS)
        for number in numbers:
            path = notebook(repo, lang, number)
            if path is None:
                continue
            relpath = f"notebooks/{lang}/{path.name}"
            try:
                h.open_in_lab(page, lab, relpath)
                h.run_all_cells(page)
                h.wait_for_widgets(page)
                settle(page)
                t0 = time.monotonic()
                # the output area only, unless --lab-chrome: then the whole page (Lab's own chrome counted apart)
                findings = a11y.run_axe(page, include=None if chrome else [".jp-OutputArea"], own=".jp-OutputArea")
                row = {"where": "lab", "notebook": relpath, **summarise(findings),
                       "axe_s": round(time.monotonic() - t0, 1)}
                if details:
                    row["details"] = a11y.describe(findings) + "\n  chrome:\n" + a11y.describe(findings, own=False)
                rows.append(row)
            finally:
                h.close_notebooks(page)
                h.shut_down_kernels(lab)
        page.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("numbers", nargs="*", default=list(h.WIDGET_NOTEBOOKS))
    parser.add_argument("--lang", default="da", choices=["da", "en"])
    parser.add_argument("--repo", type=Path, default=h.ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("--only", choices=["voila", "lab"], default=None)
    parser.add_argument("--details", action="store_true", help="list the violating elements")
    parser.add_argument("--lab-chrome", action="store_true",
                        help="in JupyterLab, audit the whole page and count Lab's own chrome apart")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    repo = args.repo.resolve()
    python = str(repo / ".venv" / "bin" / "python") if repo != h.ROOT else sys.executable
    reason = h.missing_browser_reason()
    if reason:
        print(f"cannot audit: {reason}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory(prefix="axe-audit-") as tmp, sync_playwright() as playwright:
        browser = h.launch_chromium(playwright)
        if args.only in (None, "voila"):
            rows += audit_voila(browser, repo, python, args.lang, args.numbers, Path(tmp), args.details)
        if args.only in (None, "lab"):
            rows += audit_lab(browser, repo, python, args.lang, args.numbers, Path(tmp), args.details,
                              args.lab_chrome)
        browser.close()
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    print(f"axe-core {a11y.axe_script()[:200].split('axe v')[-1].split()[0]} on {repo}")
    print(f"{'where':6} {'notebook':34} {'own S+C':>7} {'own all':>7} {'chrome S+C':>10} {'chrome all':>10}")
    for r in rows:
        print(f"{r['where']:6} {r['notebook'][-34:]:34} {r['own_serious']:7} {r['own_all']:7} "
              f"{r['chrome_serious']:10} {r['chrome_all']:10}")
        print(f"       own: {r['rules_own']}")
        if r["rules_chrome"]:
            print(f"       chrome: {r['rules_chrome']}")
        if "lang" in r:
            print(f"       lang={r['lang']!r} title={r['title']!r} load {r['load_s']} s, axe {r['axe_s']} s")
        if r.get("details"):
            print("  " + r["details"].replace("\n", "\n  "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
