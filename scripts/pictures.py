"""The README's pictures of the widgets (make pictures): each widget as a participant first sees it in app mode.

    .venv/bin/python scripts/pictures.py            re-make docs/images/widgets/*.png and pictures.json
    .venv/bin/python scripts/pictures.py --check    is every picture current? (exit 1 and the difference if not)

Each picture is one widget of a notebook, rendered by Voilà and photographed by Debian's Chromium (Playwright with
executable_path; nothing downloads a browser), 1366 pixels wide, as a participant on a laptop sees it before
touching anything.

What "current" means: pixels differ from machine to machine (fonts, Chromium's and FreeType's versions), so a
picture cannot be compared with a new screenshot; and hashing the files a picture comes from (the notebook, the
course file, the package) would call every picture stale at each refactoring. What a reader takes from a picture
is what the widget says: its controls' names and starting values, its texts and its figure's description (the
text alternative the course writes for every figure). pictures.json keeps that text for each picture, taken from
a kernel run of the notebook (scripts/static_widgets.widget_text); the check runs the notebooks again and compares.
So a renamed control, a changed default, a new course item or a changed figure description makes the picture stale,
on any machine; a change of colour or layout alone does not (look at the pictures after such a change).
tests/test_site_build.py makes the check with the notebooks the site build has just run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images" / "widgets"
MANIFEST = OUT / "pictures.json"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))
import static_widgets  # noqa: E402

# (file name, notebook, which of the notebook's course widgets (0 = the first), what it shows, for the README)
PICTURES = [
    ("gains-da.png", "notebooks/da/02-gevinster.ipynb", 0, "02 Gevinster: weigh the expected gains"),
    ("phases-da.png", "notebooks/da/03-fasemodellen.ipynb", 0, "03 Fasemodellen: where the project is"),
    ("framing-en.png", "notebooks/en/05-framing-and-control.ipynb", 0, "05 Framing and control: fixed or elastic"),
]
WIDTH = 1366


def course_widgets(nb) -> list[str]:
    """The model ids of the notebook's course widgets (outputs whose root carries `samskabelse-widget`), in order."""
    state = nb.metadata.get("widgets", {}).get(static_widgets.WIDGET_STATE, {}).get("state", {})
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(static_widgets.WIDGET_VIEW)
            classes = state.get(view["model_id"], {}).get("state", {}).get("_dom_classes", []) if view else []
            if "samskabelse-widget" in classes:
                found.append(view["model_id"])
    return found


def texts_of_run(nb) -> list[str]:
    """What each course widget of a run notebook (widget state stored) says, in order."""
    state = nb.metadata.get("widgets", {}).get(static_widgets.WIDGET_STATE, {}).get("state", {})
    return [static_widgets.widget_text(state, model_id) for model_id in course_widgets(nb)]


def run(notebook: Path, scratch: Path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    os.environ.update(SAMSKABELSE_CONFIG_DIR=str(scratch / "config"), SAMSKABELSE_ANSWERS=str(scratch / "answers"))
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                   extra_arguments=["--IPKernelApp.log_level=ERROR"],
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return nb


def expected() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}


def stale(texts_by_notebook: dict[str, list[str]]) -> list[str]:
    """The pictures whose widget no longer says what it said when the picture was taken: one message each."""
    manifest, problems = expected(), []
    for name, notebook, index, _ in PICTURES:
        entry = manifest.get(name)
        if entry is None or not (OUT / name).exists():
            problems.append(f"{name}: no picture yet (make pictures)")
            continue
        now = texts_by_notebook[notebook][index] if index < len(texts_by_notebook[notebook]) else ""
        if now != entry["text"]:
            import difflib
            diff = "\n".join(difflib.unified_diff(entry["text"].splitlines(), now.splitlines(), "picture", "now",
                                                  lineterm="", n=1))
            problems.append(f"{name} ({notebook}) is not current: make pictures\n{diff}")
    return problems


def photograph(scratch: Path) -> None:
    from browser import harness as h
    from PIL import Image
    from playwright.sync_api import sync_playwright

    reason = h.missing_browser_reason()
    if reason:
        sys.exit(f"make pictures needs Chromium: {reason}")
    os.environ.update(SAMSKABELSE_CONFIG_DIR=str(scratch / "config"), SAMSKABELSE_ANSWERS=str(scratch / "answers"))
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = h.launch_chromium(pw)
        for name, notebook, index, _ in PICTURES:
            with h.voila_server(notebook, scratch / name) as voila:
                page = browser.new_page(viewport={"width": WIDTH, "height": 3000}, device_scale_factor=1)
                page.goto(voila.url("/"), timeout=120_000)
                widget = page.locator(".samskabelse-widget:not(.samskabelse-widget .samskabelse-widget)").nth(index)
                widget.wait_for(timeout=120_000)
                page.wait_for_timeout(500)  # the page script names the controls; the figure's image loads
                png = widget.screenshot(animations="disabled")
                page.close()
            image = Image.open(io.BytesIO(png)).convert("RGB")
            # 256 colours: the figures use a handful (Okabe–Ito), and the file is a third of the size
            image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(OUT / name, optimize=True)
            print(f"[pictures] {name}: {image.width}×{image.height}, {(OUT / name).stat().st_size // 1024} kB")
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check that every picture is current")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        texts = {nb: texts_of_run(run(ROOT / nb, scratch)) for nb in sorted({p[1] for p in PICTURES})}
        if args.check:
            problems = stale(texts)
            print("\n".join(problems) or "[pictures] every picture is current")
            return 1 if problems else 0
        photograph(scratch)
    manifest = {name: {"notebook": notebook, "widget": index, "shows": shows, "text": texts[notebook][index]}
                for name, notebook, index, shows in PICTURES}
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"[pictures] {MANIFEST.relative_to(ROOT)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
