"""The plan and 08's outputs as the docs promise them (issue 21, item 5; issue 24's "1 deltagere"):
plans named after the person (mette-plan.pdf, never mette-holdet-c17391-plan.pdf) and never two alike; no local
path on a printed page; a missing section points to its notebook and its workbook; counts in the right number."""

from __future__ import annotations

import json
import shutil

import pytest
from kit_readers import docx_text, pdf_text

from samskabelse import answers as A
from samskabelse.course import load_course


@pytest.fixture(scope="module")
def courses():
    return {lang: load_course(lang) for lang in ("da", "en")}


def _member(folder, name: str, owner: str, source: str = "anna.json"):
    data = json.loads((A.EXAMPLE_TEAM / source).read_text(encoding="utf-8"))
    data.pop("invented")
    data.update(name=name, owner=owner)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{A.file_stem(name)}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_teams_plans_are_named_after_each_person_never_two_alike(tmp_path, courses):
    """As `make kit ... TEAM=holdet` writes them: the team's folder is not the answers folder here."""
    from samskabelse.answers.plan import TEXT, build_plan, write_handout
    from samskabelse.answers.plan_word import write_plan_docx

    course, team = courses["da"], tmp_path / "holdet"
    _member(team, "Mette", "id:" + "1" * 32)
    _member(team, "Mette J.", "id:" + "2" * 32, "bo.json")
    _member(team / "sub", "Mette-J", "id:" + "3" * 32, "camilla.json")  # the same file name as "Mette J."
    written = []
    for member in A.load_team(team, course).team:
        plan = build_plan(member, course)
        written += [p.name for p in (*write_handout(plan, tmp_path / "out"),
                                     write_plan_docx(plan, tmp_path / "out", TEXT["da"]))]
    assert sorted(written) == sorted(f"{stem}-plan.{ext}" for stem in ("mette", "mette-j", "mette-j-2")
                                     for ext in ("pdf", "md", "docx"))


def test_no_local_path_on_a_printed_page(tmp_path, courses):
    """Every plan's header printed the facilitator's local path to the course file; a note from loading did too."""
    from samskabelse.answers.plan import TEXT, build_plan, plan_markdown, write_handout
    from samskabelse.answers.plan_word import write_plan_docx
    from samskabelse.course import read_course

    adapted = tmp_path / "fortrolig-mappe" / "mit-hold.yaml"
    adapted.parent.mkdir()
    shutil.copy(courses["da"].path, adapted)
    course = read_course(adapted)
    path = _member(tmp_path / "answers", "Mette", "id:" + "1" * 32)
    plan = build_plan(A.load_answers(path, course), course)
    pdf, md = write_handout(plan, tmp_path / "out")
    word = write_plan_docx(plan, tmp_path / "out", TEXT["da"])
    for text in (plan.meta, plan_markdown(plan), pdf_text(pdf), docx_text(word), " ".join(plan.notes)):
        assert "fortrolig-mappe" not in text and str(tmp_path) not in text, text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_missing_section_points_to_its_notebook_and_its_workbook(tmp_path, courses, lang):
    from samskabelse.answers.plan import build_plan
    from samskabelse.sections import section

    course = courses[lang]
    path = A.save_answers(tmp_path / "bo.json", "Bo", course, {}).path
    plan = build_plan(A.load_answers(path, course), course)
    framing = next(s for s in plan.sections if s.key == "framing")
    workbook = {"da": "arbejdsark", "en": "workbook"}[lang]
    assert framing.missing and f"notebook 05 {'eller' if lang == 'da' else 'or'} {workbook} 4" in framing.lines[0].text
    assert section("framing").workbook == 4


def test_one_participant_is_one_deltager(tmp_path, courses):
    from samskabelse.answers.team import team_answers

    _member(tmp_path / "team", "Mette", "id:" + "1" * 32)
    view = team_answers(courses["da"], tmp_path / "team")
    assert "1 deltager fra" in view.status.value and "1 deltagere" not in view.status.value
    assert "holdets 1 deltager (" in view.alt_html
    _member(tmp_path / "team", "Bo", "id:" + "2" * 32)
    view = team_answers(courses["da"], tmp_path / "team")
    assert "2 deltagere fra" in view.status.value
