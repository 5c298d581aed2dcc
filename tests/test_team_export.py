"""The team's overview leaves notebook 08: a PDF and slides with its figure, questions and tables."""

from __future__ import annotations

import json

import pytest
from kit_readers import is_a4, loose, pdf_pages, pptx_slides

from samskabelse.answers import EXAMPLE_TEAM, load_team
from samskabelse.answers.team import discussion_questions
from samskabelse.kit.team_export import team_overview, team_slides, write_team_overview


@pytest.fixture(scope="module")
def exported(tmp_path_factory, da):
    team, _ = load_team(EXAMPLE_TEAM, da)
    overview = team_overview(team, da)
    pdf, pptx = write_team_overview(overview, tmp_path_factory.mktemp("team"))
    return team, overview, pdf, pptx


def test_the_pdf_holds_what_08_shows(exported, da):
    team, overview, pdf, _ = exported
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    assert is_a4(pdf) and pdf.name == "holdets-svar.pdf"
    assert all(m.name in pages[0] for m in team)
    assert "Opdigtet eksempel" in pages[0]  # the invented team is labelled as such
    for q in overview.questions:
        assert q in text
    assert len(overview.questions) == len(discussion_questions(team, da, 5))
    for table in overview.tables:
        assert table.title in text
        assert all(loose(cell) in loose(text) for row in table.rows for cell in row if cell)
    assert "arbejdsmodel" in text


def test_each_panel_is_its_own_slide_and_page_at_the_size_it_was_drawn(exported):
    """One picture per panel on a slide of its own (its text alternative on the picture), placed at exactly the
    size it was drawn, so that its 20-pt text is 20 pt on the slide; and one page per panel in the PDF."""
    from pptx import Presentation
    from pptx.util import Inches
    from pypdf import PdfReader

    from samskabelse.answers.team import team_panels

    team, overview, pdf, pptx = exported
    panels = [p.title for p in team_panels(team, overview.course)]
    assert len(panels) == 4  # gains, phases, directions, timelines (the frames have no panel yet)
    assert [p.title for p in overview.slides] == [p.title for p in overview.pages] == panels
    prs = Presentation(str(pptx))
    for slide, picture in zip(prs.slides, overview.slides, strict=False):
        assert slide.shapes.title.text == picture.title
        shown = [s for s in slide.shapes if s.shape_type == 13]
        assert len(shown) == 1 and shown[0]._element.nvPicPr.cNvPr.get("descr") == picture.alt
        assert abs(shown[0].width - Inches(picture.size[0])) < Inches(0.01)
        assert abs(shown[0].height - Inches(picture.size[1])) < Inches(0.01)
    reader = PdfReader(str(pdf))
    pages = pdf_pages(pdf)
    for picture in overview.pages:
        page = next(i for i, text in enumerate(pages) if text.startswith(picture.title))
        assert reader.pages[page]["/Resources"]["/XObject"], picture.title  # the panel's picture is on its page
    assert all(m.label in overview.slides[0].alt for m in team)


def test_the_slides_show_every_row_of_every_table(exported):
    from kit_readers import slide_layout_problems

    _, overview, _, pptx = exported
    slides = pptx_slides(pptx)
    assert len(slides) >= len(team_slides(overview)) >= len(overview.slides) + 1 + len(overview.tables)
    text = loose(" ".join(slides))
    for table in overview.tables:
        for row in table.rows:
            assert all(loose(cell) in text for cell in row)
    assert overview.questions[0] in slides[len(overview.slides)]
    assert slide_layout_problems(pptx, min_size=20) == []  # 20 pt or more, every word whole, nothing cut


def test_a_section_nobody_answered_is_left_out(tmp_path, da):
    """Answers with gains only: no empty tables for the type, phases, directions, frames or timeline."""
    for name in ("anna", "bo"):
        data = json.loads((EXAMPLE_TEAM / f"{name}.json").read_text(encoding="utf-8"))
        data["answers"] = {"gains": data["answers"]["gains"]}
        data.pop("invented", None)
        (tmp_path / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    team, problems = load_team(tmp_path, da)
    assert not problems and len(team) == 2
    overview = team_overview(team, da)
    titles = [t.title for t in overview.tables]
    assert titles == ["Gevinster: vigtighed · sandsynlighed (0–5; – = ikke vurderet)", "Hvad det kræver"]
    from samskabelse.answers.team import side_by_side_html

    shown = side_by_side_html(team, da)  # notebook 08 itself hides them too, and says which
    assert "<h4>Hvilken type samskabelse?</h4>" not in shown and "<h4>Tidsplaner</h4>" not in shown
    assert "<h4>Gevinster: vigtighed · sandsynlighed (0–5; – = ikke vurderet)</h4>" in shown
    assert "notebook 01, 03, 04, 05 og 06" in shown
    pdf, _ = write_team_overview(overview, tmp_path / "out")
    assert "Opdigtet" not in pdf_pages(pdf)[0]


def test_the_notebook_button_saves_what_the_view_shows(tmp_path, da):
    from samskabelse.answers.team import team_answers
    from samskabelse.kit.team_export import export_team

    view = team_answers(da)
    box = export_team(view, tmp_path)
    assert not list(tmp_path.iterdir())  # nothing written until asked
    view.slider.value = 2
    assert "2 spørgsmål" in box.help.value
    pdf, pptx = box.save()
    assert pdf.exists() and pptx.exists() and "Download holdets-svar.pdf" in box.status.value
    text = " ".join(pdf_pages(pdf))
    questions = [q for q in view.questions_shown()]
    assert len(questions) == 2 and all(loose(q.question.split("«")[0]) in loose(text) for q in questions)


def test_uploads_reach_the_team_view(tmp_path, da, monkeypatch):
    from samskabelse.answers.team import team_answers
    from samskabelse.answers.upload import upload_answers

    monkeypatch.chdir(tmp_path)
    view = team_answers(da)
    box = upload_answers(view)
    assert "holdet" in box.help.value  # the example team is never written into
    box.receive([(name, (EXAMPLE_TEAM / name).read_bytes()) for name in ("anna.json", "bo.json")])
    assert view.folder.value == "holdet" and [m.name for m in view.team] == ["Anna", "Bo"]
    box.receive([("ødelagt.json", b"{")])
    assert any("oedelagt.json" in p for p in view.problems)  # the loader's own note (the stored name: base.files.slug)
    assert [m.name for m in view.team] == ["Anna", "Bo"]


def test_a_team_of_one_is_one_participant(tmp_path, da):
    """Danish number agreement: "1 deltager: Anna.", not "1 deltagere", on the slides' notes (and the PDF)."""
    data = json.loads((EXAMPLE_TEAM / "anna.json").read_text(encoding="utf-8"))
    data["answers"] = {"gains": data["answers"]["gains"]}
    (tmp_path / "anna.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    team, problems = load_team(tmp_path, da)
    assert not problems and len(team) == 1
    notes = team_slides(team_overview(team, da))[0].notes
    assert notes.startswith("1 deltager: "), notes
