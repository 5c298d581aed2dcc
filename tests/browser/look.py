"""Look at the course as its users see it: every widget notebook in Voilà and in JupyterLab, in Chromium at a
laptop's 1366×768 and a projector's 1920×1080, as full-page PNGs, with what can be measured on the page:

- each live figure's own width and the width it is shown at (a figure shown narrower is shrunk, and its text
  with it), and the output area's width;
- the smallest text in the course's widgets (px), controls whose label is cut off, tables that are not
  left-aligned.

    .venv/bin/python tests/browser/look.py                      # 00-08, both languages, both modes and sizes
    .venv/bin/python tests/browser/look.py 02 06 --lang da --mode voila --size 1366x768

PNGs and a JSON summary go to build/look/. Nothing is written in the repository's notebooks (JupyterLab runs a
copy).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from browser import harness as h  # noqa: E402

OUT = h.ROOT / "build" / "look"
NOTEBOOKS = ("00", "01", "02", "03", "04", "05", "06", "07", "08", "09")
SIZES = ("1366x768", "1920x1080")

MEASURE = r"""() => {
  const px = v => Math.round(parseFloat(v) * 10) / 10;
  const figures = [...document.querySelectorAll('img.samskabelse-figure')].map(img => {
    const area = img.closest('.jp-OutputArea-output, .jp-OutputArea') || document.body;
    return {natural: img.naturalWidth, shown: Math.round(img.getBoundingClientRect().width),
            area: Math.round(area.getBoundingClientRect().width), alt: (img.alt || '').slice(0, 60)};
  });
  const texts = [];
  document.querySelectorAll('.samskabelse-widget *, [class*="samskabelse-"] *, .jp-RenderedHTMLCommon table *')
    .forEach(el => {
    if (!el.childNodes || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) return;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) return;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.samskabelse-sr-only, [hidden]')) return;
    if (r.width <= 1 && r.height <= 1) return;
    texts.push({size: px(style.fontSize), text: el.textContent.trim().slice(0, 50), tag: el.tagName});
  });
  texts.sort((a, b) => a.size - b.size);
  const cut = [...document.querySelectorAll('.samskabelse-widget .widget-label, .samskabelse-widget button, '
                                            + '.samskabelse-widget label, .samskabelse-widget .widget-html-content')]
    .filter(el => el.getBoundingClientRect().width > 1 && el.scrollWidth > el.clientWidth + 1
                  && !el.closest('.samskabelse-label-hidden'))
    .map(el => el.textContent.trim().slice(0, 60));
  const right = [...document.querySelectorAll('.jp-OutputArea td, .jp-OutputArea th, .jp-RenderedMarkdown td, '
                                              + '.jp-RenderedMarkdown th')]
    .filter(el => ['right', 'end'].includes(getComputedStyle(el).textAlign) && el.textContent.trim())
    .map(el => el.textContent.trim().slice(0, 40));
  const wide = [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(el => el.scrollWidth > el.clientWidth + 2).map(el => el.textContent.trim().slice(0, 60));
  return {figures, smallest: texts.slice(0, 5), cut, right: right.slice(0, 8), sideways: wide};
}"""


def settle(page) -> None:
    for selector in (".samskabelse-gains-team button", ".samskabelse-team button"):
        buttons = page.locator(selector)
        if buttons.count():
            buttons.first.click()
            page.wait_for_timeout(2500)
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=h.STEP_MS)
    page.wait_for_timeout(800)


def shoot(page, name: str, rows: list) -> None:
    settle(page)
    data = page.evaluate(MEASURE)
    # JupyterLab scrolls inside its notebook panel: a full-page shot would show one screen; grow the page instead
    # (JupyterLab: its notebook panel; Voilà: whichever element scrolls)
    height = page.evaluate("() => Math.max(document.documentElement.scrollHeight, document.body.scrollHeight, "
                           "...[...document.querySelectorAll(document.querySelector('.jp-NotebookPanel') ? "
                           "'.jp-WindowedPanel-outer, .jp-Notebook' : 'body *')].map(e => e.scrollHeight))")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(height + 200, 16000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)
    data["name"] = name
    rows.append(data)
    shrunk = [f for f in data["figures"] if f["shown"] < f["natural"] - 1]
    print(f"{name}: figures {[(f['natural'], f['shown'], f['area']) for f in data['figures']]} "
          f"{'SHRUNK ' + str(len(shrunk)) if shrunk else ''} smallest text "
          f"{[(t['size'], t['text'][:20]) for t in data['smallest'][:2]]} cut {data['cut'][:3]} "
          f"right {data['right'][:3]} sideways {len(data['sideways'])}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("numbers", nargs="*", default=list(NOTEBOOKS))
    parser.add_argument("--lang", choices=["da", "en"], action="append")
    parser.add_argument("--mode", choices=["voila", "lab"], action="append")
    parser.add_argument("--size", choices=SIZES, action="append")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    rows: list = []
    tmp = Path(tempfile.mkdtemp(prefix="look-"))
    with sync_playwright() as playwright:
        browser = h.launch_chromium(playwright)
        for mode in args.mode or ["voila", "lab"]:
            server = (h.voila_server("notebooks", tmp / "voila") if mode == "voila" else h.lab_server(tmp / "lab"))
            try:
                for size in args.size or SIZES:
                    width, height = (int(v) for v in size.split("x"))
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.set_default_timeout(h.STEP_MS)
                    for lang in args.lang or ["da", "en"]:
                        for number in args.numbers:
                            path = h.notebook_path(lang, number)
                            if path is None:
                                continue
                            name = f"{mode}-{size}-{lang}-{number}"
                            try:
                                if mode == "voila":
                                    page.goto(server.url(f"/voila/render/{lang}/{path.name}"),
                                              wait_until="domcontentloaded", timeout=90_000)
                                    # every page opens the course first (its page script); 09 has no widget
                                    page.wait_for_selector("#rendered_cells .jp-Cell", state="visible",
                                                           timeout=90_000)
                                    page.wait_for_function("() => !document.querySelector('.jp-OutputArea-output')"
                                                           " || ![...document.querySelectorAll('.jp-OutputArea-"
                                                           "output')].some(o => /^\\s*Loading widget/.test("
                                                           "o.textContent))", timeout=90_000)
                                else:
                                    h.open_in_lab(page, server, f"notebooks/{lang}/{path.name}")
                                    h.run_all_cells(page)
                                    page.wait_for_timeout(1500)
                                shoot(page, name, rows)
                            except Exception as error:  # note it and go on: this is for looking
                                print(f"{name}: FAILED {type(error).__name__}: {str(error)[:300]}", flush=True)
                            finally:
                                if mode == "lab":
                                    h.shut_down_kernels(server)
                    page.close()
            finally:
                server.stop()
        browser.close()
    (OUT / "look.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
