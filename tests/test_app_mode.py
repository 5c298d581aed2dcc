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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_notebook_names_the_app_template_and_its_language(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("voila", {}).get("template") == "samskabelse", 'metadata "voila": {"template": ...}'
    assert nb.metadata.get("samskabelse", {}).get("lang") == path.parent.name, 'metadata "samskabelse": {"lang"}'


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00-")],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_advice_about_running_cells_is_left_out_of_the_app(path):
    """00 teaches JupyterLab itself and is no app; in the others such advice sits in cells tagged lab-only."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and LAB_ADVICE.search(cell.source):
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

