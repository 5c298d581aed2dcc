"""Text pasted from another program (control characters, a lone surrogate from a JSON escape) reaches every output
without an error: the Word, PDF and Markdown plan, the team overview's PDF and slides, the timeline's CSV and
calendar file. Each writer passes its text through base.files.safe_text (issue 21, item 5)."""

from __future__ import annotations

import re

import pytest
from kit_readers import docx_text, pdf_text, pptx_slides

from samskabelse.answers import load_answers, load_team, save_answers
from samskabelse.base.files import csv_cell, ics_escape, safe_text, safe_texts
from samskabelse.course import load_course

# a name and own words as they arrive when pasted from a word processor or a web page
PASTED_NAME = "Mette\x08 H\x00ansen\x1b"
PASTED_WORDS = "Vi vil have\x0bborgerne med\x0c fordi\x7f de kender\x85 hverdagen bedst."
PASTED_STEP = "Ring til\x01 formanden\x1f"
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@pytest.fixture(scope="module")
def course():
    return load_course("da")


def pasted_answers(folder, course, name=PASTED_NAME, file="mette.json"):
    """A file whose name and own words hold control characters, and a lone surrogate (as a JSON escape can)."""
    import json

    from samskabelse.sections.gains import GainsModel
    from samskabelse.sections.phases import PhaseReadiness

    gains = GainsModel.for_course(course)
    gains.rate(course.gains[0].id, importance=5, likelihood=4)
    gains.set_motivation(PASTED_WORDS)
    phases = PhaseReadiness.new(course)
    first = course.phases[0]
    phases.set(first.id, first.focus_points[0].id, "not_started", course)
    phases.set_own_steps(PASTED_STEP)
    path = save_answers(folder / file, name, course, {"gains": gains, "phases": phases}).path
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["gains"]["motivation"] += " \ud800"
    path.write_text(json.dumps(data), encoding="utf-8")  # "\ud800" as an escape: valid JSON, not valid text
    return path


def test_safe_text_replaces_what_xml_cannot_hold_and_keeps_the_rest():
    assert safe_text("Mette\x08 Hansen") == "Mette  Hansen"
    assert safe_text("tab\tline\nreturn\r æøå €") == "tab\tline\nreturn\r æøå €"
    assert not UNSAFE.search(safe_text(PASTED_WORDS)) and "borgerne med" in safe_text(PASTED_WORDS)
    assert safe_texts({"a\x00": ["b\x01", ("c\x02",)]}) == {"a ": ["b ", ("c ",)]}
    assert csv_cell("=1+2\x00") == "'=1+2 " and ics_escape("a\x00;b") == "a \\;b"


def test_a_pasted_name_and_own_words_reach_the_word_pdf_and_markdown_plan(tmp_path, course):
    from samskabelse.answers.plan import TEXT, build_plan, pdf_page_count, write_handout
    from samskabelse.answers.plan_word import write_plan_docx

    loaded = load_answers(pasted_answers(tmp_path, course), course)
    plan = build_plan(loaded, course)
    pdf, md = write_handout(plan, tmp_path / "out")
    word = write_plan_docx(plan, tmp_path / "out", TEXT["da"])  # python-docx: "All strings must be XML compatible"
    for text in (docx_text(word), md.read_text(encoding="utf-8"), pdf_text(pdf)):
        assert not UNSAFE.search(text)
        assert "ansen" in text and "borgerne med" in text and "formanden" in text
    assert pdf_page_count(pdf) == 1


def test_a_pasted_name_reaches_the_team_view_and_the_overview(tmp_path, course):
    from samskabelse.answers.team import draw_team_figures, side_by_side_html
    from samskabelse.kit.team_export import team_overview, write_team_overview

    pasted_answers(tmp_path / "team", course)
    pasted_answers(tmp_path / "team", course, name="Bo\ud800", file="bo.json")  # matplotlib cannot draw it
    team, problems = load_team(tmp_path / "team", course)
    assert len(team) == 2 and not problems
    draw_team_figures(team, course)
    assert "ansen" in side_by_side_html(team, course)
    pdf, pptx = write_team_overview(team_overview(team, course), tmp_path / "out")
    for text in (pdf_text(pdf), " ".join(pptx_slides(pptx))):
        assert not UNSAFE.search(text) and "ansen" in text


def test_a_pasted_project_name_reaches_the_timelines_csv_and_calendar(course):
    from datetime import date

    from samskabelse.sections.timeline import TimelinePlan, forecast
    from samskabelse.sections.timeline.export import csv_text, ics_text

    plan = TimelinePlan.from_course(course, date(2027, 1, 4))
    plan.project = "Sundhedshus\x08 Ærø\x00"
    result = forecast(plan, course.language)
    for text in (csv_text(result, course), ics_text(result, course)):
        assert not UNSAFE.search(text.replace("\r", "").replace("\n", "")) and "Ærø" in text
