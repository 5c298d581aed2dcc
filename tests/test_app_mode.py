"""App mode (Voilà): every notebook names the course's page template and its language; the template is installed
where Voilà looks for it; advice that only applies in JupyterLab is tagged so that the app leaves it out.

The pages Voilà renders with it are checked in tests/test_browser_voila.py (lang, title, no lab-only text)."""

from __future__ import annotations

import filecmp
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "share" / "jupyter" / "voila" / "templates" / "samskabelse"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/[0-9][0-9]-*.ipynb"))
# Advice about running cells: true in JupyterLab, wrong in an app, where Voilà has run every cell.
LAB_ADVICE = re.compile(r"(?i)shift\s*\+\s*enter|kør (cellen|den igen)|run (the cell|it again)")
# ... and, in the participants' notebooks 00-09, JupyterLab's vocabulary, which means nothing in an app (issue 24)
LAB_WORDS = re.compile(r"(?i)\bkernel\b|højreklik|right-click|filoversigt|file browser|jupyterlab")
PARTICIPANTS = re.compile(r"^0\d-")
APP_ONLY_OPEN = '<div class="samskabelse-app-only" hidden>'



@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_notebook_names_the_app_template_and_its_language(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("voila", {}).get("template") == "samskabelse", 'metadata "voila": {"template": ...}'
    assert nb.metadata.get("samskabelse", {}).get("lang") == path.parent.name, 'metadata "samskabelse": {"lang"}'


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_advice_about_running_cells_is_left_out_of_the_app(path):
    """Advice about JupyterLab (Shift + Enter, the Kernel menu, the file browser) sits in cells tagged lab-only, 00's
    included: it is an app too (Binder's and the hub's app links open it)."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and (LAB_ADVICE.search(cell.source) or (
                PARTICIPANTS.match(path.name) and LAB_WORDS.search(cell.source))):
            assert "lab-only" in cell.metadata.get("tags", []), (
                f"cell {i} tells the reader to run cells; put that advice in a markdown cell of its own tagged "
                f"lab-only (Voilà's app leaves it out): {cell.source[:120]!r}")
            assert not cell.source.lstrip().startswith("#"), f"cell {i}: a lab-only cell must not hold a heading"


def test_the_template_is_installed_where_voila_looks_for_it():
    """make install (and Binder's postBuild) copy it into the environment; a stale copy would render old pages."""
    installed = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "samskabelse"
    assert installed.is_dir(), f"{installed} is missing: run make install"
    files = sorted(p.name for p in TEMPLATE.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(TEMPLATE, installed, files, shallow=False)
    assert not mismatch and not errors, f"{installed} differs from the repository's template: run make install"


def test_postbuild_installs_the_template(tmp_path):
    from test_binder_config import run_postbuild

    result, _ = run_postbuild(tmp_path, pip_exit=0)
    assert result.returncode == 0, result.stderr
    copied = tmp_path / "prefix" / "share" / "jupyter" / "voila" / "templates" / "samskabelse"
    assert sorted(p.name for p in copied.iterdir()) == sorted(p.name for p in TEMPLATE.iterdir())



@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_text_for_the_app_only_is_hidden_in_jupyterlab(path):
    """What only the app needs (reload the page, the save box brings answers back) sits in a markdown cell tagged
    app-only, wrapped in <div class="samskabelse-app-only" hidden>: JupyterLab keeps the hidden attribute, the
    app's template shows it."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        tagged = "app-only" in cell.metadata.get("tags", [])
        wrapped = cell.source.startswith(APP_ONLY_OPEN + "\n\n") and cell.source.endswith("\n\n</div>")
        assert tagged == wrapped, f"cell {i}: tag it app-only and wrap it in {APP_ONLY_OPEN}...</div>, or neither"
        assert not (tagged and "lab-only" in cell.metadata.get("tags", [])), f"cell {i}: app-only or lab-only"
        if cell.cell_type == "markdown" and not tagged:
            assert "samskabelse-app-only" not in cell.source, f"cell {i}: app-only text in a cell not tagged so"


def test_the_template_shows_what_is_for_the_app_and_hides_what_is_for_jupyterlab():
    template = (TEMPLATE / "index.html.j2").read_text(encoding="utf-8")
    assert ".samskabelse-app-only[hidden] { display: block !important; }" in template
    assert "'lab-only' not in cell.metadata.get('tags', [])" in template
