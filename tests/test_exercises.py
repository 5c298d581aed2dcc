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
    "da": ["Formål", "Resultat", "Varighed", "Deltagere", "Forberedelse", "Program", "Opfølgning"],
    "en": ["Purpose", "Output", "Duration", "Participants", "Preparation", "Programme", "Follow-up"],
}
WORKSHOP = {"da": "workshop-halv-dag.md", "en": "half-day-workshop.md"}
FULL_DAY = {"da": "workshop-hel-dag.md", "en": "full-day-workshop.md"}
PROGRAMMES = [(lang, name, minutes) for lang in ("da", "en") for name, minutes in ((WORKSHOP[lang], 210),
                                                                                   (FULL_DAY[lang], 315))]
# A guide's optional part for the full day only, as a level-2 section: "## Anden del i heldagsworkshoppen: ..."
SECOND_PART = {"da": r"^## Anden del i heldagsworkshoppen.*\((\d+) minutter\)",
               "en": r"^## Second part in the full-day workshop.*\((\d+) minutes\)"}
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


def programme_rows(text: str, lang: str) -> list[list[str]]:
    """The programme table's rows that start with a time (9.00, 11.40, ...), as lists of cells."""
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in sections(text)[GUIDE_HEADINGS[lang][5]].splitlines()
            if re.match(r"^\|\s*\d+\.\d\d", ln)]


def second_part(guide: Path, lang: str) -> tuple[int, list[int]] | None:
    """A guide's full-day-only part: the minutes its heading states and its table's minutes (None if it has none)."""
    text = guide.read_text(encoding="utf-8")
    m = re.search(SECOND_PART[lang], text, re.M)
    if not m:
        return None
    body = text[m.end():].split("\n## ", 1)[0]
    return int(m.group(1)), programme_minutes(body)


@pytest.mark.parametrize(("lang", "name", "total"), PROGRAMMES, ids=lambda v: str(v))
def test_the_workshop_programme_is_consistent(lang: str, name: str, total: int):
    """Each programme's times follow from its minutes, add up to the duration it states, and give every exercise the
    minutes its guide gives it; an exercise's full-day part appears, with its own minutes, in the full day only."""
    text = (EXERCISES / lang / name).read_text(encoding="utf-8")
    found = sections(text)
    for heading in GUIDE_HEADINGS[lang]:
        assert heading in found, f"{name} lacks '## {heading}'"
    rows = programme_rows(text, lang)
    times = [int(h) * 60 + int(m) for h, m in (r[0].split(".") for r in rows)]
    for (start, row), nxt in zip(zip(times, rows, strict=True), times[1:], strict=False):
        assert start + int(row[1]) == nxt, f"{name}: {row[0]} + {row[1]} minutes does not reach the next start"
    assert times[-1] - times[0] == total, f"{name}: the day should last {total} minutes"
    assert str(total) in found[GUIDE_HEADINGS[lang][2]], f"{name}: say the duration ({total} minutes)"
    for guide in guides(lang):
        linked = [r for r in rows if f"]({guide.name})" in r[3]]
        assert linked, f"{guide.name} is not in {name}"
        duration = re.search(MINUTES[lang], sections(guide.read_text(encoding="utf-8"))[GUIDE_HEADINGS[lang][2]])
        assert int(linked[0][1]) == int(duration.group(1)), f"{guide.name}: {name} and the guide disagree"
        extra = second_part(guide, lang)
        if name == FULL_DAY[lang] and extra:
            assert [int(r[1]) for r in linked[1:]] == [extra[0]], f"{guide.name}: the full day's second part"
        else:
            assert len(linked) == 1, f"{guide.name}: only the full day has a second part in {name}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_guides_full_day_part_adds_up_and_the_half_day_leaves_it_out_on_purpose(lang: str):
    """Exercise 4 has a full-day part (the timeline): its steps add up to the minutes its heading states, and the
    half-day programme says the timeline is skipped on the day and done afterwards (its follow-up says how)."""
    parts = {g.name[:1]: second_part(g, lang) for g in guides(lang)}
    assert parts["4"], "exercise 4's timeline is a full-day part of its own"
    for number, part in parts.items():
        if part:
            minutes, steps = part
            assert len(steps) >= 3 and all(steps) and sum(steps) == minutes, f"exercise {number}: {steps} != {minutes}"
    half = sections((EXERCISES / lang / WORKSHOP[lang]).read_text(encoding="utf-8"))
    word = {"da": "tidsplan", "en": "timeline"}[lang]
    assert word in half[GUIDE_HEADINGS[lang][6]], "the half day's follow-up says when the timeline is made"


NOTEBOOK_MINUTES = {"da": r"notebook\s+(\d\d)\s+\([^)]*?(\d+)\s+minutter",
                    "en": r"notebooks?\s+(\d\d)\s+\([^)]*?(\d+)\s+minutes"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_notebook_minutes_a_guide_names_are_the_course_files(lang: str):
    """Where a guide or programme says how long a notebook takes, it says what 00's course map and the notebook's own
    "time to complete" say (both come from the course file's modules)."""
    minutes = {m.number: m.minutes for m in load_course(lang).modules}
    named = 0
    for md in sorted((EXERCISES / lang).glob("*.md")):
        for number, stated in re.findall(NOTEBOOK_MINUTES[lang], md.read_text(encoding="utf-8")):
            assert int(stated) == minutes[number], f"{md.name}: notebook {number} takes {minutes[number]} minutes"
            named += 1
    assert named >= 5, "the guides name the notebooks' minutes where they point to the full version"


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


@pytest.mark.parametrize(("lang", "name", "total"), PROGRAMMES, ids=lambda v: str(v))
def test_the_participants_preparation_agrees_with_the_notebooks_minutes(lang: str, name: str, total: int):
    """The programme's homework (notebooks 00 and 01) uses the minutes the course file gives those notebooks."""
    minutes = {m.number: m.minutes for m in load_course(lang).modules}
    text = (EXERCISES / lang / name).read_text(encoding="utf-8")
    word = {"da": "minutter", "en": "minutes"}[lang]
    prep = minutes["00"] + minutes["01"]
    if name == WORKSHOP[lang]:
        assert re.search(rf"\({prep} {word}\)\*\*", text), f"the participants' preparation should be {prep} {word}"
    flowing = " ".join(text.split())
    assert {"da": f"{prep} minutters forberedelse", "en": f"{prep} minutes of preparation"}[lang] in flowing
    assert re.search(rf"00 \([^)]*{minutes['00']} {word}\)", text) and re.search(rf"01 \([^)]*{minutes['01']} {word}\)",
                                                                                 text)
