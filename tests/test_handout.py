"""Your plan on one page (notebook 07): the plan's content, the Markdown, the one-page PDF, the widget."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest
from words import PLAN as TEXT

from samskabelse.answers import EXAMPLE_TEAM, load_answers, save_answers
from samskabelse.answers.plan import (
    answer_files,
    build_plan,
    draw_page,
    pdf_page_count,
    plan_markdown,
    write_handout,
    your_plan,
)
from samskabelse.course import load_course
from samskabelse.sections.directions import DirectionsModel
from samskabelse.sections.gains import GainsModel
from samskabelse.sections.gains.demands import TEXT as DEMANDS
from samskabelse.sections.timeline import TimelinePlan
from samskabelse.sections.typology import TypologyAnswer


@pytest.fixture(scope="module")
def course():
    return load_course("da")



def test_the_example_plan_has_every_section_from_the_models(course):
    loaded = load_answers(EXAMPLE_TEAM / "anna.json", course)
    plan = build_plan(loaded, course, steps=3)
    t = TEXT["da"]
    assert [s.key for s in plan.sections] == ["typology", "gains", "phases", "directions", "framing", "timeline"]
    assert not any(s.missing for s in plan.sections) and plan.invented and plan.name == "Anna"
    phases = next(s for s in plan.sections if s.key == "phases")
    steps = [line.text for line in phases.lines if re.match(r"^\d\. ", line.text) and "%" not in line.text]
    expected = loaded.models["phases"].next_steps(course, 3)
    assert steps == [t["step"].format(n=i, text=s.focus_point.text, phase=s.phase.name)
                     for i, s in enumerate(expected, 1)]
    bars = [line.bar for line in phases.lines if line.bar is not None]
    readiness = loaded.models["phases"].readiness(course)
    assert bars == [readiness[p.id] / 100 for p in course.phases]


def test_a_partly_answered_file_says_where_to_go_back(tmp_path, en):
    gains = GainsModel.for_course(en)
    save_answers(tmp_path / "bo.json", "Bo", en, {"gains": gains})
    plan = build_plan(load_answers(tmp_path / "bo.json", en), en)
    missing = {s.key for s in plan.sections if s.missing}
    # saved untouched is not answered (model.py): the gains too send Bo back to notebook 02
    assert missing == {"typology", "gains", "phases", "directions", "framing", "timeline"}
    text = plan_markdown(plan)
    assert TEXT["en"]["missing"].format(nb="06", wb=4) in text and TEXT["en"]["missing"].format(nb="02", wb=1) in text
    gains.rate("quality", importance=0, likelihood=0)  # "not at all" is an answer
    save_answers(tmp_path / "bo.json", "Bo", en, {"gains": gains})
    plan = build_plan(load_answers(tmp_path / "bo.json", en), en)
    assert "gains" not in {s.key for s in plan.sections if s.missing}
    text = plan_markdown(plan)
    assert DEMANDS["en"]["demands_none"] in text  # nothing said about demands no one rated
    pdf, md = write_handout(plan, tmp_path / "out")
    assert pdf_page_count(pdf) == 1


def awkward_answers(course):
    """Everything long or odd that a person can type."""
    typology = TypologyAnswer()
    typology.set_project("Et *meget* langt projektnavn med <script>alert(1)</script> og # tegn " * 4)
    gains = GainsModel.for_course(course)
    for g in course.gains:
        gains.rate(g.id, importance=5, likelihood=4)
    assert not gains.set_own([("*Helt* sjette $x$ [link](x)", 5, 5), ("Læring", 4, 4)], course)
    directions = DirectionsModel.for_course(course)
    for d in course.directions:
        directions.set_stakeholders(d.id, ", ".join(f"Interessent nummer {i} med et langt navn" for i in range(8)))
    timeline = TimelinePlan.from_course(course, date(2027, 1, 4))
    timeline.answered.add("start")
    return {"typology": typology, "gains": gains, "directions": directions, "timeline": timeline}


def test_a_crowded_plan_still_fits_on_one_page(tmp_path, course):
    save_answers(tmp_path / "x.json", "Anne-Marie <b>Ørsted-Kristiansen</b> " * 3, course, awkward_answers(course))
    plan = build_plan(load_answers(tmp_path / "x.json", course), course, steps=5)
    page = draw_page(plan)
    assert 7.0 <= page.font_size <= 10.0
    pdf, md = write_handout(plan, tmp_path / "out")
    assert pdf_page_count(pdf) == 1 and pdf.read_bytes().startswith(b"%PDF")
    text = md.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" not in text.replace("\\<", "<")
    assert "\\<script\\>" in text and "\\*meget\\*" in text and "\\[link\\](x)" in text and "\\$x\\$" not in text


def test_the_page_stays_within_its_margins(en):
    plan = build_plan(load_answers(EXAMPLE_TEAM / "camilla.json", en), en)
    page = draw_page(plan)
    fig = page.figure
    renderer = fig.canvas.get_renderer()
    for text in fig.texts:
        box = text.get_window_extent(renderer)
        assert 0 <= box.x0 and box.x1 <= fig.bbox.x1 and 0 <= box.y0 and box.y1 <= fig.bbox.y1, text.get_text()
    assert page.font_size >= 9.0 and not page.cut


def test_the_plan_is_in_the_chosen_language(tmp_path, course, en):
    for c in (course, en):
        plan = build_plan(load_answers(EXAMPLE_TEAM / "emine.json", c), c)  # Emine saved her answers in English
        assert plan.title == TEXT[c.language]["title"]
        assert [s.title for s in plan.sections] == [TEXT[c.language][f"s_{s.key}"] for s in plan.sections]


def test_the_widget_lists_own_files_first_and_saves(tmp_path, course, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert answer_files(course)[0][1].name == "anna.json"  # no own files: the example team
    own = tmp_path / "answers"
    own.mkdir()
    shutil.copy(EXAMPLE_TEAM / "bo.json", own / "bo.json")
    files = answer_files(course)  # a real participant's file: the invented example team is not mixed in
    assert [(label, path.resolve()) for label, path in files] == [("Bo", (own / "bo.json").resolve())]
    w = your_plan(course)
    assert {"samskabelse-widget", "samskabelse-plan"} <= set(w.box._dom_classes)
    assert "samskabelse-result" in w.preview._dom_classes
    assert w.loaded.name == "Bo" and "Bo" in w.preview.value
    before = len(re.findall(r"<li>\d\. ", w.preview.value))
    w.slider.value = 1
    assert len(re.findall(r"<li>\d\. ", w.preview.value)) == before - 2
    w.button.click()
    assert (tmp_path / "exports" / "bo-plan.pdf").exists() and (tmp_path / "exports" / "bo-plan.md").exists()
    assert "bo-plan.pdf" in w.status.value


def test_a_corrupt_file_gives_feedback_not_an_exception(tmp_path, course, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers").mkdir()
    (tmp_path / "answers" / "anna.json").write_text("{broken", encoding="utf-8")
    w = your_plan(course)
    assert w.plan is None and "anna.json" in w.preview.value and "JSON" in w.preview.value
    assert w.save() is None
    w = your_plan(course, EXAMPLE_TEAM / "dennis.json")  # the example, when asked for, is still there
    assert w.loaded.name == "Dennis" and w.plan is not None and "opdigtet" in w.files[0][0]


def test_when_the_plan_cannot_be_written_the_widget_says_so(tmp_path, course):
    blocker = tmp_path / "exports"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    w = your_plan(course, EXAMPLE_TEAM / "anna.json")
    w.exports = blocker
    assert w.save() is None and "kunne ikke gemmes" in w.status.value


def test_answers_saved_in_the_workbooks_are_offered_too(tmp_path, course, monkeypatch):
    from samskabelse.answers import plan as handout

    fake_root = tmp_path / "repo"
    (fake_root / "exercises" / "da" / "answers").mkdir(parents=True)
    (fake_root / "notebooks" / "da").mkdir(parents=True)
    monkeypatch.chdir(fake_root / "notebooks" / "da")  # notebook 07, run where the course keeps it
    shutil.copy(EXAMPLE_TEAM / "dennis.json", fake_root / "exercises" / "da" / "answers" / "dennis.json")
    from samskabelse.base import home

    monkeypatch.setattr(home, "course_root", lambda: fake_root)  # where the course's files are (home.course_path)
    label, path = handout.answer_files(course)[0]
    assert path.name == "dennis.json" and label == "Dennis · exercises/da/answers"
    monkeypatch.chdir(tmp_path)  # a copy elsewhere (as the tests run it) looks only beside itself
    assert handout.answer_files(course)[0][1].name == "anna.json"


def test_the_plan_calls_readiness_what_it_is_and_its_next_steps_are_actions(course, en):
    """Readiness counts "under way" as half, so it is not "the share of focus points in place" (issue 13)."""
    for c, word in ((course, "parathed"), (en, "readiness")):
        plan = build_plan(load_answers(EXAMPLE_TEAM / "anna.json", c), c, steps=3)
        phases = next(s for s in plan.sections if s.key == "phases")
        lines = [line.text for line in phases.lines if line.bar is not None]
        assert lines and all(word in line and "fokuspunkterne på plads" not in line and "focus points in place"
                             not in line for line in lines), lines
    # a next step says what to do: it starts with a verb in the imperative, not "Det er ..." / "We have ..."
    for c in (course, en):
        for phase in c.phases:
            for point in phase.focus_points:
                first = point.text.split()[0]
                assert first not in ("Det", "Vi", "Jeg", "Topledelse", "Relationen", "Medarbejderne", "Tidsrammen",
                                     "Læringen", "Partnernes", "We", "I", "It", "The", "Top", "Staff"), point.text


def _own_words_answers(tmp_path, course, motivation, steps):
    from samskabelse.sections.phases import PhaseReadiness

    gains = GainsModel.for_course(course)
    gains.rate(course.gains[0].id, importance=5, likelihood=4)
    gains.set_motivation(motivation)
    phases = PhaseReadiness.new(course)
    first = course.phases[0]
    phases.set(first.id, first.focus_points[0].id, "not_started", course)  # one marked: a suggested step
    phases.set_own_steps(steps)
    save_answers(tmp_path / "mette.json", "Mette", course, {"gains": gains, "phases": phases})
    return load_answers(tmp_path / "mette.json", course)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_own_words_are_saved_and_printed_beside_what_the_course_generates(tmp_path, lang):
    """A motivation (02) and next steps (03) in the manager's own words travel through the answers file to the
    plan – in the preview (HTML, escaped), the Markdown, the PDF and the Word file – labelled as the manager's own
    words, with the course's draft and suggestion beside them."""
    from kit_readers import docx_text, pdf_text

    from samskabelse.answers.plan import plan_html
    from samskabelse.answers.plan_word import write_plan_docx
    from samskabelse.sections.gains import motivation_statement

    course = load_course(lang)
    loaded = _own_words_answers(tmp_path, course,
                                "  Vi vil have  borgerne med,\n\nfordi de kender hverdagen <b>bedst</b>.  ",
                                "Ring til formanden for beboerforeningen\n\n  Sæt et møde op med direktionen  \n")
    g, ph = loaded.models["gains"], loaded.models["phases"]
    assert g.motivation == "Vi vil have borgerne med,\nfordi de kender hverdagen <b>bedst</b>."
    assert ph.own_steps == ["Ring til formanden for beboerforeningen", "Sæt et møde op med direktionen"]
    assert "motivation" in g.answered and "own_steps" in ph.answered
    plan = build_plan(loaded, course, steps=3)
    t = TEXT[lang]
    texts = [line.text for s in plan.sections for line in s.lines]
    own = t["own_motivation"].format(text="Vi vil have borgerne med, fordi de kender hverdagen <b>bedst</b>.")
    draft = t["draft"].format(text=motivation_statement(g, course))
    assert texts.index(own) < texts.index(draft)
    assert (texts.index(t["own_steps"]) < texts.index("Ring til formanden for beboerforeningen")
            < texts.index("Sæt et møde op med direktionen") < texts.index(t["suggested_steps"]))
    page = plan_html(plan)
    assert "&lt;b&gt;bedst&lt;/b&gt;" in page and "<b>bedst</b>" not in page, "typed text is escaped before HTML"
    markdown = plan_markdown(plan)
    assert "Ring til formanden for beboerforeningen" in markdown and "\\<b\\>bedst" in markdown
    word = docx_text(write_plan_docx(plan, tmp_path / "word", TEXT[plan.lang]))
    assert t["own_steps"] in word and "Ring til formanden for beboerforeningen" in word and "<b>bedst</b>" in word
    assert t["draft"].split("{")[0].strip() in word
    pdf, _md = write_handout(plan, tmp_path / "pdf")
    assert pdf_page_count(pdf) == 1
    printed = pdf_text(pdf)
    assert "Ring til formanden for beboerforeningen" in printed and "hverdagen <b>bedst</b>" in printed


def test_without_own_words_the_plan_is_as_before(tmp_path, course):
    """No own words: the motivation is the course's (no 'in my own words' label), and the course's suggested next
    steps are printed as the course's, never under 'Mine næste skridt' (issue 22); nothing marked in 03 is never
    'every focus point is in place'."""
    loaded = _own_words_answers(tmp_path, course, "", "")
    plan = build_plan(loaded, course, steps=3)
    t = TEXT["da"]
    texts = [line.text for s in plan.sections for line in s.lines]
    assert t["suggested_steps"] in texts and t["own_steps"] not in texts
    assert not any(x.startswith("Mine næste skridt") for x in texts)
    assert not any(x.startswith(t["own_motivation"].split("{")[0]) for x in texts)
    from samskabelse.sections.phases import PhaseReadiness

    gains = GainsModel.for_course(course)
    gains.rate(course.gains[0].id, importance=3, likelihood=3)
    phases = PhaseReadiness.new(course)
    phases.set_own_steps("Ring til formanden")  # own steps, but no focus point marked
    save_answers(tmp_path / "bo.json", "Bo", course, {"gains": gains, "phases": phases})
    texts = [line.text for s in build_plan(load_answers(tmp_path / "bo.json", course), course).sections
             for line in s.lines]
    assert "Ring til formanden" in texts
    assert t["no_steps"] not in texts, "nothing marked is not 'every focus point is in place'"


def test_free_text_is_bounded_and_a_wrong_type_is_a_note(course):
    from samskabelse.sections.gains import MOTIVATION_MAX
    from samskabelse.sections.phases import OWN_STEP_MAX, OWN_STEPS, PhaseReadiness

    gains = GainsModel.for_course(course)
    gains.set_motivation("x" * (MOTIVATION_MAX + 50))
    assert len(gains.motivation) == MOTIVATION_MAX and gains.motivation.endswith("…")
    phases = PhaseReadiness.new(course)
    phases.set_own_steps("\n".join(["y" * (OWN_STEP_MAX + 9)] * (OWN_STEPS + 3)))
    assert len(phases.own_steps) == OWN_STEPS and all(len(s) == OWN_STEP_MAX for s in phases.own_steps)
    for bad in (42, ["en liste"], {"a": 1}, True):
        model, notes = GainsModel.from_dict({**gains.to_dict(), "motivation": bad}, course)
        assert model.motivation == "" and "motivation" not in model.answered
        assert any("motivation" in n for n in notes), notes
    model, notes = PhaseReadiness.from_dict({**phases.to_dict(), "own_steps": "ikke en liste"}, course)
    assert model.own_steps == [] and "own_steps" not in model.answered and any("næste skridt" in n for n in notes)
    model, notes = PhaseReadiness.from_dict({**phases.to_dict(), "own_steps": ["Ring", 7, None]}, course)
    assert model.own_steps == ["Ring"] and any("næste skridt" in n for n in notes)
    model, notes = GainsModel.from_dict({**gains.to_dict(), "<script>": 1}, course)
    assert not any("<script>" in n for n in notes), "a field name from the file is escaped in the note"
    # saved before the fields existed: no motivation, no own steps, no notes about them, not answered
    old = {k: v for k, v in GainsModel.for_course(course).to_dict().items() if k not in ("motivation", "answered")}
    model, notes = GainsModel.from_dict(old, course)
    assert model.motivation == "" and "motivation" not in model.answered and not notes
    old = {k: v for k, v in PhaseReadiness.new(course).to_dict().items() if k not in ("own_steps", "answered")}
    model, notes = PhaseReadiness.from_dict(old, course)
    assert model.own_steps == [] and "own_steps" not in model.answered and not notes


def test_the_widgets_take_the_managers_own_words(course):
    from samskabelse.sections.gains import TEXT as GAINS_TEXT
    from samskabelse.sections.gains import weigh_gains
    from samskabelse.sections.phases import TEXT as PHASES_TEXT
    from samskabelse.sections.phases import mark_your_readiness
    from samskabelse.widgets.access import HIDDEN_LABEL

    w = weigh_gains(course)
    assert w.own_words in w.box.children
    w.own_words.value = "Fordi  de frivillige\nkender beboerne"
    assert w.model.motivation == "Fordi de frivillige\nkender beboerne" and "motivation" in w.model.answered
    other = GainsModel.for_course(course)
    other.set_motivation("En anden grund")
    w.restore(other)
    assert w.own_words.value == "En anden grund" and w.model.motivation == "En anden grund"
    p = mark_your_readiness(course)
    assert p.own_steps in p.box.children
    p.own_steps.value = "Ring til formanden\nBook et møde"
    assert p.model.own_steps == ["Ring til formanden", "Book et møde"] and "own_steps" in p.model.answered
    # each text field has an accessible name: the visible heading's words, tied to it by ipywidgets' <label>
    assert w.own_words.description == GAINS_TEXT["da"]["own_words_label"]
    assert p.own_steps.description == PHASES_TEXT["da"]["own_steps_label"]
    assert HIDDEN_LABEL in w.own_words._dom_classes and HIDDEN_LABEL in p.own_steps._dom_classes
