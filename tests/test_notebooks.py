"""The notebooks' shape: numbering, skeleton, kernel, no stored outputs, the same code in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from samskabelse.kit.links import FACILITATOR_NOTEBOOKS

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


# -- references: cited in a notebook only when listed, with its year, on the further-reading page ------------------
FURTHER_READING = "09"
REFERENCES = {  # the surname the notebooks cite by -> its year, as page 09 gives it with the address it was checked on
    "Brandsen": "2018", "Honingh": "2018", "Torfing": "2019", "Røiseland": "2019", "Agger": "2015", "Tortzen": "2015",
    "Loeffler": "2021", "Arnstein": "1969",
}


def markdown_text(path: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")


@pytest.mark.parametrize("lang", LANGS)
def test_every_cited_reference_is_on_the_further_reading_page(lang: str):
    """Nothing is cited from memory: each author a notebook cites is listed, with the same year, on page 09."""
    page = markdown_text(notebooks(lang)[FURTHER_READING])
    for surname, year in REFERENCES.items():
        assert re.search(rf"\*\*[^*]*{surname}[^*]*\({year}\)", page), f"09 lacks {surname} ({year})"
    cited = set()
    for path in notebooks(lang).values():
        text = markdown_text(path)
        for surname in REFERENCES:
            for year in re.findall(rf"{surname}[^()\n]{{0,60}}\((\d{{4}})", text):
                assert year == REFERENCES[surname], f"{path.name}: {surname} ({year}), verified {REFERENCES[surname]}"
                cited.add(surname)
    assert {"Brandsen", "Torfing", "Agger"} <= cited, "the notebooks no longer cite what the course builds on"


@pytest.mark.parametrize("lang", LANGS)
def test_the_course_map_lists_every_notebook(lang: str):
    from samskabelse import load_course

    numbers = [m.number for m in load_course(lang).modules]
    participants = sorted(n for n in notebooks(lang) if n not in FACILITATOR_NOTEBOOKS)
    assert numbers == participants, "course.yaml's modules: and notebooks/ disagree"
    assert set(notebooks(lang)) - set(participants) == set(FACILITATOR_NOTEBOOKS), "notebook 10 is the facilitator's"


# -- the one thing known from Lederweb's coverage, said the same way everywhere ----------------------------------
ODENSE = {
    "da": "I Lederwebs omtale af publikationen siger chefen for Fritid og Kultur i Odense Kommune – her gengivet med "
          "kursets ord – at mange aktører giver uforudsigelighed, at topledelsen i en politisk styret organisation "
          "gerne vil vide, hvad en bevilling fører til, og at chefen må kunne stå inde for, at projektet giver "
          "værdifuld læring, uden at vide på forhånd præcis hvilken.",
    "en": "In Lederweb's coverage of the publication, the head of Fritid og Kultur (leisure and culture) in Odense "
          "Kommune says – here in the course's words – that many actors bring unpredictability, that in a "
          "politically governed organisation top management wants to know what a grant will lead to, and that the "
          "manager must be able to vouch that the project will yield valuable learning without knowing in advance "
          "what that learning will be.",
}
BEYOND_THE_SOURCE = ("afdelingschef", "har talt med", "interviewed", "head of department", "kommunal chef",
                     "municipal head", "fodboldbanen", "football pitch")


@pytest.mark.parametrize("lang", LANGS)
def test_the_lederweb_example_has_one_wording_and_claims_nothing_beyond_the_source(lang: str):
    """The head of Fritid og Kultur in Odense Kommune: the role, not the name, and only the known substance."""
    mentioned = []
    for path in [*notebooks(lang).values(), *sorted(ROOT.glob(f"exercises/{lang}/*.ipynb"))]:
        text = " ".join(markdown_text(path).split())
        for phrase in BEYOND_THE_SOURCE:
            assert phrase not in text.lower(), f"{path.name}: '{phrase}' says more than the source brief knows"
        if "Odense" in text and path.name[:2] != FURTHER_READING:  # 09 names the page the example comes from
            assert ODENSE[lang] in text, f"{path.name}: use the one wording of the Odense example"
            mentioned.append(path.name[:2])
    assert {"03", "04", "06"} <= set(mentioned)


# -- what a manager sees: no code unless asked for, realistic times, the calculations one click away -------------
@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_code_is_collapsed_in_jupyterlab(path: Path):
    """JupyterLab shows a code cell whose metadata says jupyter.source_hidden as a collapsed "…" (nbformat's
    ICodeCellJupyterMetadata); a click shows the code. Voilà shows no code at all."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, f"cell {i}: hide its code"


MINUTES = re.compile(r"(\d+)\s*min")


@pytest.mark.parametrize("lang", LANGS)
def test_stated_times_agree_with_the_course_file_and_add_up_in_00_and_the_readme(lang: str):
    from samskabelse import load_course

    modules = {m.number: m.minutes for m in load_course(lang).modules}
    for number, path in notebooks(lang).items():
        if number in FACILITATOR_NOTEBOOKS:  # not part of the participants' course: its own minutes, not counted
            continue
        nb = nbformat.read(path, as_version=4)
        cell = next(c.source for c in nb.cells if c.cell_type == "markdown" and f"## {SKELETON[lang][1]}" in c.source)
        assert int(MINUTES.search(cell).group(1)) == modules[number], f"{path.name}: the course file says " \
            f"{modules[number]} minutes"
    total = sum(modules.values())
    assert {m: modules[m] for m in ("01", "02", "05", "06")} == {"01": 35, "02": 45, "05": 45, "06": 50}, \
        "the times read aloud and tried (issue 13)"
    assert f"{total} " in markdown_text(notebooks(lang)["00"]), "00 gives the course's total in minutes"
    assert f"{total} minutes" in (ROOT / "README.md").read_text(encoding="utf-8"), "the README gives the total"


WORKSHOP = {"da": ("workshop-halv-dag.md", "workshop-hel-dag.md", "5-holdets-svar.md"),
            "en": ("half-day-workshop.md", "full-day-workshop.md", "5-team-answers.md")}


@pytest.mark.parametrize("programme", [0, 1], ids=["half-day", "full-day"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_workshop_programme_agrees_with_the_notebooks_minutes(lang: str, programme: int):
    """The facilitator's programmes (exercises/*.md, kit's) and the notebooks' stated minutes tell the same story:
    notebook 08 is the slot for collecting the files plus the parts of exercise 5 spent in it (within five minutes),
    and the plan (07) fits in its own minutes. (The preparation, 00 and 01: tests/test_exercises.py.)"""
    from samskabelse import load_course

    modules = {m.number: m.minutes for m in load_course(lang).modules}
    programme_text, guide = ((ROOT / "exercises" / lang / name).read_text(encoding="utf-8")
                             for name in (WORKSHOP[lang][programme], WORKSHOP[lang][2]))
    collect = next(int(m.group(1)) for m in re.finditer(r"^\| [\d.]+ \| (\d+) \| (.*)$", programme_text, re.M)
                   if "08" in m.group(2) and "5" not in m.group(2).split(":")[0])
    rows = [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^\| (\d+) \| (.*)$", guide, re.M)]
    in_07 = sum(n for n, what in rows if "07" in what)
    in_08 = sum(n for n, what in rows[:-1] if "07" not in what)  # the last row closes the workshop
    assert abs(modules["08"] - (collect + in_08)) <= 5, (modules["08"], collect, in_08)
    assert 0 < in_07 <= modules["07"]


CALCULATES = {"da": "Sådan regner kurset", "en": "How the course calculates"}
DETAILS = re.compile(r"<details>\s*<summary>(.*?)</summary>\s*\n\n(.+?)\n\n</details>", re.S)


@pytest.mark.parametrize("path", [p for p in ALL if p.name[:2] in ("01", "02", "03", "04", "05", "06", "07", "08")],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_working_models_calculations_are_one_click_away(path: Path):
    """Each notebook that computes something keeps its rules and formulas in one collapsed <details> part, which
    JupyterLab, Voilà and GitHub all render (Markdown inside it needs the blank lines the regex asks for)."""
    lang = path.parent.name
    found = [m for m in DETAILS.finditer(markdown_text(path)) if CALCULATES[lang] in m.group(1)]
    assert len(found) == 1, f"{path.name}: one <details> part whose summary says '{CALCULATES[lang]}'"
    assert len(found[0].group(2).split()) >= 20, "say how the course calculates"


def test_the_raw_value_check_catches_what_a_participant_must_not_see():
    """notebook_checks.check_no_raw_values runs at the end of every executed notebook and workbook; here it is shown
    to fail on the outputs notebook 07 used to show, and to pass the readable display that replaced them."""
    import sys
    from pathlib import PurePosixPath

    sys.path.insert(0, str(ROOT / "tests"))
    from notebook_checks import Shown, check_no_raw_values

    from samskabelse.widgets.display import SavedFiles

    plans = repr((PurePosixPath("exports/anna-plan.pdf"), PurePosixPath("exports/anna-plan.md")))
    for raw in (plans.replace("PurePosixPath", "PosixPath"), "<samskabelse.answers.plan.PlanWidget object at 0x7f>",
                "('a', 'b')", "42"):
        shown = Shown()
        shown.bundles.append({"text/plain": raw})
        with pytest.raises(AssertionError):
            check_no_raw_values(shown)
    files = SavedFiles(["exports/anna-plan.pdf", "exports/anna-plan.md"], "da")
    shown = Shown()
    shown.bundles.append({"text/html": files._repr_html_(), "text/plain": repr(files)})
    check_no_raw_values(shown)
    assert "anna-plan.pdf" in files._repr_html_() and "PosixPath" not in repr(files)
    pdf, md = files
    assert pdf.suffix == ".pdf" and md.suffix == ".md"
