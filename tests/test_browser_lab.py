"""The course in a real browser: JupyterLab in Debian's Chromium, driven through Playwright.

Widget front-end and kernel versions that disagree show "Error displaying widget" only in a browser; nbval cannot
see it. For every widget notebook in Danish (and at least one in English) this opens the notebook in JupyterLab,
runs all cells, checks that every widget displayed and no cell raised, then moves each course widget's slider with
the keyboard (focus the handle, press an arrow key) and checks that its figure (the <img> in
.samskabelse-figure) and its result text (.samskabelse-result) both changed, and runs axe-core on the output area
(no serious or critical violation).

Skipped with the reason when /usr/bin/chromium is missing; in CI (CI=true) a missing Chromium fails instead.
On failure a screenshot is saved to build/browser-screenshots/<test>.png.
"""

from __future__ import annotations

import nbformat
import pytest
from browser import accessibility as a11y
from browser import harness as h

pytestmark = pytest.mark.browser

# Notebook 00's practice slider and every widget notebook (test_every_widget_notebook_is_driven requires all six).
DANISH = h.notebooks_present("da", ("00", *h.WIDGET_NOTEBOOKS))
# One English notebook at least: the gains widget when it exists.
ENGLISH = next(n for n in ("02", "06", "00") if h.notebook_path("en", n) is not None)
CASES = [("da", n) for n in DANISH] + [("en", ENGLISH)]



@pytest.fixture(scope="module")
def chromium():
    """One browser and one context for the module."""
    h.require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = h.launch_chromium(playwright)
        # a laptop's screen: JupyterLab's output area (with the file browser open) is then at its narrowest
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        yield context
        context.close()
        browser.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    h.require_browser()
    server = h.lab_server(tmp_path_factory.mktemp("jupyterlab"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab_page(chromium):
    """One JupyterLab page for the module: each notebook opens in the Lab already loaded."""
    page = chromium.new_page()
    page.set_default_timeout(h.STEP_MS)
    yield page
    page.close()


@pytest.fixture
def page(lab_page, lab):
    yield lab_page
    try:
        h.close_notebooks(lab_page)
    finally:
        h.shut_down_kernels(lab)


def test_every_widget_notebook_is_driven():
    missing = [n for n in h.WIDGET_NOTEBOOKS if n not in DANISH]
    assert not missing, f"widget notebooks missing in notebooks/da/: {', '.join(missing)}"


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("lang", "number"), CASES, ids=[f"{lang}-{n}" for lang, n in CASES])
def test_widgets_display_and_follow_the_keyboard_in_jupyterlab(lang, number, lab, page):
    relpath = h.notebook_path(lang, number).relative_to(h.ROOT).as_posix()
    console = h.collect_console_errors(page)
    with h.screenshot_on_failure(page, f"lab-{lang}-{number}"):
        h.open_in_lab(page, lab, relpath)
        collapsed, code_cells = h.collapsed_inputs(page)
        assert code_cells and collapsed == code_cells, f"{relpath}: {collapsed} of {code_cells} code cells collapsed"
        h.run_all_cells(page)
        widgets = h.wait_for_widgets(page)
        assert not h.problems(page), f"{relpath}: {h.problems(page)}\nconsole: {console}"
        complete = [w for w in widgets if w.complete]
        assert complete, (f"{relpath}: no widget with a slider, a figure ({h.FIGURE}) and a result ({h.RESULT}): "
                          f"{widgets}")
        for widget in complete:
            h.check_widget_follows_keyboard(page, widget)
        assert not h.problems(page), f"{relpath} after moving the sliders: {h.problems(page)}\nconsole: {console}"
        # axe-core on the output area (the course's own elements; JupyterLab's chrome is recorded in the README)
        findings = a11y.run_axe(page, include=[".jp-OutputArea"], own=".jp-OutputArea")
        serious = a11y.serious_own(findings)
        assert not serious, f"{relpath}: axe-core finds in the output area:\n{a11y.describe(serious)}"
        # every figure at its own size: none shrunk to fit the output area (its text would shrink below what a
        # projector needs)
        shrunk = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea img')].filter(
          i => i.naturalWidth && i.getBoundingClientRect().width < i.naturalWidth - 1).map(
          i => [i.naturalWidth, Math.round(i.getBoundingClientRect().width), (i.alt || '').slice(0, 40)])""")
        assert not shrunk, f"{relpath}: figures shrunk to the output area (own width, shown width): {shrunk}"


BROKEN = [
    "import ipywidgets as w\nfrom traitlets import Unicode",
    "class Broken(w.DOMWidget):\n    _view_module = Unicode('no-such-module').tag(sync=True)\n"
    "    _view_name = Unicode('NoSuchView').tag(sync=True)\n\nBroken()",
    "1 / 0",
]


@pytest.mark.timeout(60)
def test_the_checks_catch_a_failed_widget_view_and_an_error(lab, page):
    """A widget whose front-end code cannot be found, and a cell that raises, are both reported."""
    folder = lab.cwd / "broken"
    folder.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in BROKEN])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, folder / "broken.ipynb")
    with h.screenshot_on_failure(page, "lab-broken"):
        h.open_in_lab(page, lab, "broken/broken.ipynb")
        h.run_all_cells(page)
        page.wait_for_selector(".jupyter-widgets-error-widget")
        found = h.problems(page)
    assert any(p.startswith("widget view: failed to display") for p in found), found
    assert any(p.startswith("error output:") and "ZeroDivisionError" in p for p in found), found
