"""Opening a notebook or a workbook writes no file (issue 16): nothing is exported or saved until the user asks.

Each notebook's code cells run, top to bottom as at load, in a fresh empty working directory, with the course's
SAMSKABELSE_* settings unset and then with SAMSKABELSE_EXPORTS and SAMSKABELSE_ANSWERS set to folders of their
own. Afterwards the working directory and those folders must be empty, and nothing in the repository's
notebooks/, exercises/ or data/ may have appeared or changed. (A write costs time at load, too: notebook 06's
export took a second of every load, and 07 wrote its PDF before anyone had chosen the answers to print.)
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
PATHS = sorted(ROOT.glob("notebooks/*/[0-9][0-9]-*.ipynb")) + sorted(ROOT.glob("exercises/*/[0-9]-*.ipynb"))
WATCHED = ("notebooks", "exercises", "data")
WRITE_TARGETS = ("SAMSKABELSE_EXPORTS", "SAMSKABELSE_ANSWERS")


def repository_files() -> dict[str, tuple[int, int]]:
    """Every file under the folders a notebook could write to, with its size and modification time."""
    out = {}
    for top in WATCHED:
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts:
                stat = path.stat()
                out[path.relative_to(ROOT).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return out


def run_like_a_notebook(path: Path) -> None:
    """Execute the code cells in one namespace; a cell's last expression is rendered as Jupyter would show it."""
    namespace: dict = {"__name__": "__main__"}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        tree = ast.parse(cell.source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, f"<{path.name}>", "exec"), namespace)  # noqa: S102 - the course's own notebooks
        if last is not None:
            value = eval(compile(ast.Expression(last.value), f"<{path.name}>", "eval"), namespace)  # noqa: S307
            for method in ("_repr_mimebundle_", "_repr_html_", "_repr_markdown_", "_repr_png_"):
                if callable(getattr(value, method, None)):
                    getattr(value, method)()
            box = getattr(value, "box", None)  # a course widget shows its box
            if box is not None and hasattr(box, "get_state"):
                box.get_state()


@pytest.mark.parametrize("settings", ["unset", "set"], ids=["settings-unset", "exports-and-answers-set"])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_opening_writes_no_file(path, settings, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for var in [v for v in os.environ if v.startswith("SAMSKABELSE_")]:
        monkeypatch.delenv(var)
    folders = [work]
    if settings == "set":
        for var in WRITE_TARGETS:
            folder = tmp_path / var.lower()
            folder.mkdir()
            monkeypatch.setenv(var, str(folder))
            folders.append(folder)
    before = repository_files()

    run_like_a_notebook(path)

    written = sorted(p.relative_to(tmp_path).as_posix() for folder in folders for p in folder.rglob("*"))
    assert not written, f"{path.relative_to(ROOT)} wrote at load: {written}"
    after = repository_files()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"{path.relative_to(ROOT)} wrote into the repository at load: {changed}"


def test_every_notebook_and_workbook_is_covered():
    assert len([p for p in PATHS if p.parts[-3] == "notebooks"]) >= 18, "the notebooks were not found"
    assert len([p for p in PATHS if p.parts[-3] == "exercises"]) >= 8, "the workbooks were not found"
