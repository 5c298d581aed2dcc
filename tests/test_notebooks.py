"""The notebooks' shape: numbering, skeleton, kernel, no stored outputs, the same code in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LANGS = ("da", "en")
NAME = re.compile(r"^(\d\d)-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")

# The skeleton every notebook follows, as level-2 headings in this order (other sections go between
# prerequisites and summary).
SKELETON = {
    "da": ["Læringsmål", "Tidsforbrug", "Forudsætninger", "Opsummering", "Næste skridt"],
    "en": ["Learning objectives", "Time to complete", "Prerequisites", "Summary", "What next"],
}
WORKING_MODEL = {"da": "Kursets arbejdsmodel", "en": "The course's working model"}
REFLECTION = {"da": "Refleksion med en kollega", "en": "Reflect with a colleague"}
WIDGET_NOTEBOOKS = ("01", "02", "03", "04", "05", "06")


def notebooks(lang: str) -> dict[str, Path]:
    return {p.name[:2]: p for p in sorted((NOTEBOOKS / lang).glob("*.ipynb"))}


ALL = [p for lang in LANGS for p in notebooks(lang).values()]


def headings(nb, level: int) -> list[str]:
    out = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#" * level + " "):
                    out.append(line[level + 1:].strip())
    return out


def test_both_languages_have_the_same_numbered_notebooks():
    da, en = notebooks("da"), notebooks("en")
    assert da, "no notebooks found"
    assert sorted(da) == sorted(en), f"only in da: {set(da) - set(en)}, only in en: {set(en) - set(da)}"
    for p in ALL:
        assert NAME.match(p.name), f"{p.name}: name it NN-slug.ipynb (lowercase, digits and hyphens)"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_follows_the_skeleton(path: Path):
    lang = path.parent.name
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "the first cell must be the title (# ...)"
    assert len(headings(nb, 1)) == 1, "exactly one title (# ...) per notebook"
    found = headings(nb, 2)
    required = SKELETON[lang]
    positions = []
    for heading in required:
        assert found.count(heading) == 1, f"{path.name}: needs exactly one '## {heading}' (has {found})"
        positions.append(found.index(heading))
    assert positions == sorted(positions), f"{path.name}: skeleton headings out of order: {required}"
    between = found[positions[2] + 1: positions[3]]
    assert between, f"{path.name}: put at least one section between '{required[2]}' and '{required[3]}'"
    time_cell = next(c.source for c in nb.cells if c.cell_type == "markdown" and f"## {required[1]}" in c.source)
    assert re.search(r"\d+\s*min", time_cell), f"{path.name}: say the time to complete in minutes"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_committed_clean_with_the_python3_kernel(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", "kernelspec name must be python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} has stored outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {i} has an execution count: clear outputs"


@pytest.mark.parametrize("number", sorted(notebooks("da")))
def test_code_cells_are_the_same_in_both_languages(number: str):
    """Only the language of the course differs ("da" / "en"); everything else in the code is shared."""
    da = nbformat.read(notebooks("da")[number], as_version=4)
    en = nbformat.read(notebooks("en")[number], as_version=4)
    code_da = [c.source.replace('"da"', '"en"') for c in da.cells if c.cell_type == "code"]
    code_en = [c.source for c in en.cells if c.cell_type == "code"]
    assert code_da == code_en


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_opens_the_course_in_its_own_language(path: Path):
    nb = nbformat.read(path, as_version=4)
    first_code = next(c.source for c in nb.cells if c.cell_type == "code")
    assert f'open_course("{path.parent.name}")' in first_code


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_code_cells_are_short(path: Path):
    """Notebooks are for reading and deciding: logic lives in the package, a cell calls a function or two."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            lines = [ln for ln in cell.source.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
            assert len(lines) <= 4, f"cell {i} has {len(lines)} lines of code: move the logic into the package"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_working_model_is_labelled(path: Path):
    """Every notebook that presents course content says which part is the course's own model."""
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    if path.name[:2] in ("00", "01", "03", "04", "05", "06"):  # 02 and 07-08 present verified content or answers
        assert WORKING_MODEL[path.parent.name] in text, f"label the course's working model in {path.name}"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_widget_notebooks_close_with_reflection_questions(path: Path):
    if path.name[:2] not in WIDGET_NOTEBOOKS:
        pytest.skip("not a widget notebook")
    nb = nbformat.read(path, as_version=4)
    found = headings(nb, 2)
    heading = REFLECTION[path.parent.name]
    assert heading in found, f"{path.name}: end the sections with '## {heading}'"
    summary = SKELETON[path.parent.name][3]
    assert found.index(heading) == found.index(summary) - 1, "reflection comes just before the summary"
    cell = next(c.source for c in nb.cells if c.cell_type == "markdown" and f"## {heading}" in c.source)
    assert cell.count("?") >= 2, "ask at least two questions to discuss"


WORKING_MODEL_INLINE = re.compile(r"\*\*(Kursets arbejdsmodel|The course's working model)[^*\n]*\*\*[ \t]*\n>[ \t]*\S")


WITH_EXERCISES = ALL + sorted(ROOT.glob("exercises/*/*.ipynb"))


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_working_model_title_stands_on_its_own_line(path: Path):
    """In Markdown, "> **Title**" followed directly by "> text" runs together into one line of text."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            assert not WORKING_MODEL_INLINE.search(cell.source), f"cell {i}: put a '>' line after the box's title"
