"""exercises/: facilitator guides in the Lederweb tool format, the workshop programme, the team course files."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from samskabelse.course import check_parity, default_course_path, load_course, read_course

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
LANGS = ("da", "en")
GUIDE_HEADINGS = {
    "da": ["Formål", "Output", "Varighed", "Deltagere", "Forberedelse", "Program", "Opfølgning"],
    "en": ["Purpose", "Output", "Duration", "Participants", "Preparation", "Programme", "Follow-up"],
}
WORKSHOP = {"da": "workshop-halv-dag.md", "en": "half-day-workshop.md"}
TEMPLATE = {"da": "hold-skabelon.yaml", "en": "team-template.yaml"}
EXAMPLE = EXERCISES / "da" / "eksempel-hold-havneby.yaml"
MINUTES = {"da": r"(\d+)\s*minutter", "en": r"(\d+)\s*minutes"}


def guides(lang: str) -> list[Path]:
    return sorted((EXERCISES / lang).glob("[0-9]-*.md"))


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def programme_minutes(section: str) -> list[int]:
    """The minutes column of the programme table (the first numeric column)."""
    rows = [ln for ln in section.splitlines() if ln.startswith("|") and not re.match(r"^\|\s*-", ln)][1:]
    out = []
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        numbers = [c for c in cells if c.isdigit()]
        out.append(int(numbers[0]) if numbers else 0)
    return out


def test_both_languages_have_the_same_exercises():
    da, en = guides("da"), guides("en")
    assert len(da) == len(en) >= 5
    assert [p.name[:2] for p in da] == [p.name[:2] for p in en]


@pytest.mark.parametrize("path", [p for lang in LANGS for p in guides(lang)], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_guide_has_the_facilitator_format_and_its_minutes_add_up(path: Path):
    lang = path.parent.name
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), "start with the exercise's title"
    found = sections(text)
    headings = [h for h in found if h in GUIDE_HEADINGS[lang]]
    assert headings == GUIDE_HEADINGS[lang], f"{path.name}: needs {GUIDE_HEADINGS[lang]} in that order, has {headings}"
    duration = re.search(MINUTES[lang], found[GUIDE_HEADINGS[lang][2]])
    assert duration, f"{path.name}: say the duration in minutes"
    steps = programme_minutes(found[GUIDE_HEADINGS[lang][5]])
    assert len(steps) >= 3 and all(steps), f"{path.name}: every programme step needs its minutes"
    assert sum(steps) == int(duration.group(1)), f"{path.name}: the steps add up to {sum(steps)} minutes"


@pytest.mark.parametrize("lang", LANGS)
def test_the_workshop_programme_is_consistent(lang: str):
    text = (EXERCISES / lang / WORKSHOP[lang]).read_text(encoding="utf-8")
    found = sections(text)
    for heading in GUIDE_HEADINGS[lang]:
        assert heading in found, f"the workshop programme lacks '## {heading}'"
    rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in found[GUIDE_HEADINGS[lang][5]].splitlines()
            if re.match(r"^\|\s*\d+\.\d\d", ln)]
    times = [int(h) * 60 + int(m) for h, m in (r[0].split(".") for r in rows)]
    for (start, row), nxt in zip(zip(times, rows, strict=True), times[1:], strict=False):
        assert start + int(row[1]) == nxt, f"{row[0]} + {row[1]} minutes does not reach the next start"
    assert times[-1] - times[0] == 210, "a half day: 3 hours 30 minutes"
    assert "210" in found[GUIDE_HEADINGS[lang][2]]
    # every exercise appears in the programme, with its guide
    for guide in guides(lang):
        assert f"]({guide.name})" in found[GUIDE_HEADINGS[lang][5]], f"{guide.name} is not in the programme"
    # the exercise durations in the programme match the guides
    for guide in guides(lang):
        row = next(r for r in rows if f"]({guide.name})" in r[3])
        duration = re.search(MINUTES[lang], sections(guide.read_text(encoding="utf-8"))[GUIDE_HEADINGS[lang][2]])
        assert int(row[1]) == int(duration.group(1)), f"{guide.name}: the programme and the guide disagree"


def test_every_link_in_the_exercises_points_at_a_file():
    for md in EXERCISES.rglob("*.md"):
        for target in re.findall(r"\]\(([^)#]+)\)", md.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (md.parent / target).exists(), f"{md.relative_to(ROOT)} links to a missing {target}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_team_template_validates_and_matches_the_course(lang: str):
    template = read_course(EXERCISES / lang / TEMPLATE[lang], lang)
    shipped = load_course(lang, default_course_path(lang))
    check_parity(template, shipped)  # the same ids: answers saved with either file match
    text = (EXERCISES / lang / TEMPLATE[lang]).read_text(encoding="utf-8")
    marker = {"da": "# TILPAS", "en": "# ADAPT"}[lang]
    assert text.count(marker) >= 5, "mark what a team adapts"


def test_the_worked_example_validates_and_is_labelled_invented():
    course = read_course(EXAMPLE, "da")
    assert "opdigtet" in course.title.lower() and "opdigtet" in course.subtitle.lower()
    head = EXAMPLE.read_text(encoding="utf-8").split("schema:")[0]
    assert "OPDIGTET EKSEMPEL" in head
    shipped = load_course("da")
    # adapted as the guides say: phase names, stakeholders, frame elements, deadlines, a gain of its own
    assert [p.id for p in course.phases] == [p.id for p in shipped.phases]
    assert [p.name for p in course.phases] != [p.name for p in shipped.phases]
    assert all(a.who != b.who for a, b in zip(course.directions, shipped.directions, strict=True))
    assert len(course.framing.frame_elements) > len(shipped.framing.frame_elements)
    assert [d.name for d in course.timeline.deadlines] != [d.name for d in shipped.timeline.deadlines]
    own = {g.id for g in course.gains} - {g.id for g in shipped.gains}
    assert own and all(course.by_id("gains", g).basis == "invented" for g in own)


def test_the_course_setting_finds_a_relative_file_from_a_notebook_folder(monkeypatch):
    """`SAMSKABELSE_COURSE=exercises/da/... make lab` runs kernels in notebooks/<lang>/, not at the root."""
    monkeypatch.setenv("SAMSKABELSE_COURSE", "exercises/da/eksempel-hold-havneby.yaml")
    monkeypatch.chdir(ROOT / "notebooks" / "da")
    assert load_course("da").path.resolve() == EXAMPLE.resolve()
    assert load_course("en").is_default


def workbooks(lang: str) -> list[Path]:
    return sorted((EXERCISES / lang).glob("[0-9]-*.ipynb"))


def test_every_exercise_with_a_workbook_has_it_in_both_languages():
    da, en = workbooks("da"), workbooks("en")
    assert [p.name[:2] for p in da] == [p.name[:2] for p in en]
    for nb in da + en:
        assert nb.with_suffix(".md").exists(), f"{nb.name} has no facilitator guide beside it"


@pytest.mark.parametrize("number", [p.name[:2] for p in workbooks("da")])
def test_workbook_code_is_the_same_in_both_languages_and_clean(number: str):
    da = nbformat.read(next(p for p in workbooks("da") if p.name.startswith(number)), as_version=4)
    en = nbformat.read(next(p for p in workbooks("en") if p.name.startswith(number)), as_version=4)
    code_da = [c.source.replace('"da"', '"en"') for c in da.cells if c.cell_type == "code"]
    assert code_da == [c.source for c in en.cells if c.cell_type == "code"]
    for nb in (da, en):
        assert nb.metadata["kernelspec"]["name"] == "python3"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None
                lines = [ln for ln in cell.source.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
                assert len(lines) <= 4
        assert "save_box" in "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("lang", LANGS)
def test_the_participants_preparation_agrees_with_the_notebooks_minutes(lang: str):
    """The programme's homework (notebooks 00 and 01) uses the minutes the course file gives those notebooks."""
    minutes = {m.number: m.minutes for m in load_course(lang).modules}
    text = (EXERCISES / lang / WORKSHOP[lang]).read_text(encoding="utf-8")
    word = {"da": "minutter", "en": "minutes"}[lang]
    total = minutes["00"] + minutes["01"]
    assert re.search(rf"\({total} {word}\)\*\*", text), f"the participants' preparation should be {total} {word}"
    assert {"da": f"{total} minutters forberedelse", "en": f"{total} minutes of preparation"}[lang] in text
    assert re.search(rf"00 \([^)]*{minutes['00']} {word}\)", text) and re.search(rf"01 \([^)]*{minutes['01']} {word}\)",
                                                                                 text)
