"""Notebook 03's widget: focus points per phase (starting "– ikke vurderet –"), readiness per phase said for what
it is, the course's suggestion, and where the manager begins and why."""

from __future__ import annotations

import html
import json
import re

import pytest

from samskabelse import load_course
from samskabelse.sections.phases import (
    STATUSES,
    TEXT,
    PhaseReadiness,
    describe,
    mark_your_readiness,
    phase_overview,
    points_text,
)
from samskabelse.sections.protocol import AnswerError, items_on_screen, shown_items
from samskabelse.widgets.answering import NOT_RATED

LANGS = ("da", "en")


def steps(model, course, n=3):
    return [(s.phase.id, s.focus_point.id, s.status) for s in model.next_steps(course, n)]


def mark_all(model, course, status):
    for ph in course.phases:
        for f in ph.focus_points:
            model.set(ph.id, f.id, status, course)


# -- readiness -------------------------------------------------------------------------------------
def test_a_new_model_has_no_focus_point_rated_and_no_readiness(course):
    model = PhaseReadiness.new(course)
    assert model.current_phase == "clarify" and model.answered == set()
    for ph in course.phases:
        assert model.counts(course, ph.id) == {"not_started": 0, "under_way": 0, "in_place": 0,
                                               "not_rated": len(ph.focus_points)}
    assert model.readiness(course) == {"clarify": None, "cocreate": None, "anchor": None}
    assert model.next_steps(course) == [] and model.start_point(course) is None


def test_readiness_counts_unrated_points_as_not_in_place_and_says_so(course):
    """The issue's example: 2 of phase 1's 5 points in place, the rest left: 40 %, with the counts."""
    model = PhaseReadiness.new(course)
    model.set("clarify", "why", "in_place", course)
    model.set("clarify", "backing", "in_place", course)
    assert model.readiness(course)["clarify"] == pytest.approx(40.0)
    assert model.counts(course, "clarify") == {"in_place": 2, "under_way": 0, "not_started": 0, "not_rated": 3}
    expected = {"da": "40 % (2 af 5 på plads; 3 ikke vurderet)", "en": "40% (2 of 5 in place; 3 not rated)"}
    assert model.summary(course, "clarify") == expected[course.language]
    assert model.summary(course, "cocreate") == TEXT[course.language]["none_rated"]


def test_readiness_counts_in_place_as_one_and_under_way_as_half(course):
    model = PhaseReadiness.new(course)
    model.set("clarify", "why", "in_place", course)
    model.set("clarify", "backing", "under_way", course)
    model.set("clarify", "frames", "not_started", course)
    for f in course.by_id("phases", "anchor").focus_points:
        model.set("anchor", f.id, "in_place", course)
    ready = model.readiness(course)
    assert ready["clarify"] == pytest.approx(100 * 1.5 / 5)
    assert ready["cocreate"] is None
    assert ready["anchor"] == 100.0
    if course.language == "da":
        assert model.summary(course, "clarify") == "30 % (1 af 5 på plads, 1 i gang, 1 ikke startet; 2 ikke vurderet)"


def test_a_rating_taken_back_is_not_rated_again(course):
    model = PhaseReadiness.new(course)
    model.set("clarify", "why", "in_place", course)
    model.set("clarify", "why", None, course)
    assert model.rated("clarify", "why") is None and model.answered == set()
    model.set("clarify", "why", NOT_RATED, course)  # the slider's own "– ikke vurderet –"
    assert model.readiness(course)["clarify"] is None


def test_set_rejects_unknown_status_and_point(course):
    model = PhaseReadiness.new(course)
    with pytest.raises(ValueError, match="status"):
        model.set("clarify", "why", "done", course)
    with pytest.raises(ValueError, match="no focus point"):
        model.set("clarify", "let_go", "in_place", course)
    with pytest.raises(ValueError, match="no phase"):
        model.choose("later", course)
    with pytest.raises(ValueError, match="no focus point"):
        model.choose_start("clarify", "let_go", course)


def test_the_phase_looked_at_is_a_setting_not_an_answer(course):
    model = PhaseReadiness.new(course)
    model.choose("anchor", course)
    assert model.current_phase == "anchor" and model.answered == set()


def test_fokuspunkter_are_written_out():
    assert points_text(1, "da") == "ét fokuspunkt" and points_text(3, "da") == "3 fokuspunkter"
    assert points_text(1, "en") == "one focus point" and points_text(2, "en") == "2 focus points"
    for lang in LANGS:
        assert not any("(er)" in str(v) or "(s)" in str(v) for v in TEXT[lang].values())


# -- the course's suggestion: only among points marked not in place --------------------------------------
def test_nothing_is_suggested_before_anything_is_marked(course):
    assert steps(PhaseReadiness.new(course), course) == []
    text = describe(PhaseReadiness.new(course), course)
    assert "samskabelse-next-step" not in text and TEXT[course.language]["suggest_waiting"] in text


def test_not_started_comes_before_under_way_within_a_phase(course):
    model = PhaseReadiness.new(course)
    mark_all(model, course, "not_started")
    model.set("clarify", "why", "under_way", course)
    model.set("clarify", "backing", "in_place", course)
    assert steps(model, course) == [
        ("clarify", "frames", "not_started"), ("clarify", "time_frame", "not_started"),
        ("clarify", "partners", "not_started"),
    ]
    model.set("clarify", "frames", "under_way", course)
    model.set("clarify", "time_frame", "in_place", course)
    model.set("clarify", "partners", "in_place", course)
    assert steps(model, course) == [
        ("clarify", "why", "under_way"), ("clarify", "frames", "under_way"), ("cocreate", "let_go", "not_started"),
    ]


def test_an_earlier_phase_under_way_comes_before_a_later_phase_not_started(course):
    model = PhaseReadiness.new(course)
    mark_all(model, course, "not_started")
    for f in course.by_id("phases", "clarify").focus_points:
        model.set("clarify", f.id, "in_place", course)
    model.set("clarify", "partners", "under_way", course)
    model.set("cocreate", "let_go", "in_place", course)
    model.set("cocreate", "relations", "under_way", course)
    assert steps(model, course) == [
        ("clarify", "partners", "under_way"), ("cocreate", "roles", "not_started"),
        ("cocreate", "upward_status", "not_started"),
    ]


def test_unrated_points_are_never_suggested(course):
    model = PhaseReadiness.new(course)
    model.set("anchor", "learning", "not_started", course)
    assert steps(model, course) == [("anchor", "learning", "not_started")]
    text = describe(model, course)
    assert text.count("samskabelse-next-step") == 1
    assert TEXT[course.language]["fewer"].format(points=points_text(1, course.language)) in text


def test_fewer_than_three_open_points_and_none(course):
    model = PhaseReadiness.new(course)
    mark_all(model, course, "in_place")
    assert steps(model, course) == []
    assert TEXT[course.language]["all_done"] in describe(model, course)
    model.set("anchor", "recognition", "under_way", course)
    assert steps(model, course) == [("anchor", "recognition", "under_way")]
    text = describe(model, course)
    assert "<ol>" in text and text.count("samskabelse-next-step") == 1
    model.set("anchor", "recognition", None, course)
    text = describe(model, course)
    assert "<ol>" not in text and TEXT[course.language]["all_done"] not in text  # one is not rated


# -- where the manager begins ------------------------------------------------------------------------
def test_the_manager_chooses_where_to_begin_and_why(course):
    model = PhaseReadiness.new(course)
    model.choose_start("cocreate", "roles", course)
    model.set_start_reason("  Uden  mandat   sker der ingenting\n")
    assert model.start == "cocreate.roles" and {"start", "start_reason"} <= model.answered
    assert model.start_reason == "Uden mandat sker der ingenting"
    start = model.start_point(course)
    assert (start.phase.id, start.focus_point.id, start.status) == ("cocreate", "roles", "not_rated")
    model.set_start_reason("   ")
    assert "start_reason" not in model.answered  # an empty reason is no answer
    model.choose_start(None)
    assert model.start_point(course) is None and "start" not in model.answered


# -- saving ------------------------------------------------------------------------------------------
def test_to_dict_and_back(course):
    model = PhaseReadiness.new(course)
    model.set("cocreate", "roles", "under_way", course)
    model.choose("cocreate", course)
    model.choose_start("cocreate", "roles", course)
    model.set_start_reason("Medarbejderne venter")
    model.set_own_steps("Ring til formanden")
    data = json.loads(json.dumps(model.to_dict()))
    assert data["status"] == {"cocreate": {"roles": "under_way"}}  # only what was rated
    assert data["current_phase"] == "cocreate" and data["start"] == "cocreate.roles"
    assert data["answered"] == ["own_steps", "start", "start_reason", "status.cocreate.roles"]
    again, notes = PhaseReadiness.from_dict(data, course)
    assert again == model and again.answered == model.answered and notes == []


def test_from_dict_reports_what_no_longer_matches(course):
    data = {"current_phase": "later", "start": "clarify.gone", "start_reason": 7,
            "status": {"clarify": {"why": "in_place", "gone": "in_place", "frames": "finished"},
                       "old_phase": {"x": "in_place"}, "anchor": "all done"}}
    model, notes = PhaseReadiness.from_dict(data, course)
    assert model.current_phase == "clarify"
    assert model.rated("clarify", "why") == "in_place"
    assert model.rated("clarify", "frames") is None
    assert model.start_point(course) is None and model.start_reason == ""
    assert len(notes) == 7, notes
    joined = " ".join(notes)
    for word in ("later", "gone", "finished", "old_phase", "int"):
        assert word in joined


def test_from_dict_escapes_odd_ids_in_notes(course):
    _, notes = PhaseReadiness.from_dict({"status": {"<b>x</b>": {}}}, course)
    assert "&lt;b&gt;" in notes[0]


def test_from_dict_that_cannot_be_read_raises(course):
    with pytest.raises(AnswerError, match="phases"):
        PhaseReadiness.from_dict("in_place", course)


# -- the widget, driven in Python ----------------------------------------------------------------------
def test_every_control_starts_unrated_and_nothing_is_stated_as_the_participants(course):
    """Issue 20: before anyone acts, 03 stated 0 % readiness and 'the three most urgent next steps'."""
    w = mark_your_readiness(course)
    t = TEXT[course.language]
    assert set(w.sliders) == {p.id for p in course.phases}
    for ph in course.phases:
        assert set(w.sliders[ph.id]) == {f.id for f in ph.focus_points}
        assert all(s.value == NOT_RATED for s in w.sliders[ph.id].values())
        assert [v for _, v in w.sliders[ph.id][ph.focus_points[0].id].options] == [NOT_RATED, *STATUSES]
        assert w.readiness_labels[ph.id].get_text() == t["no_value"]
        assert w.segments[ph.id]["not_rated"].get_width() == pytest.approx(100)
        assert w.segments[ph.id]["not_started"].get_width() == 0
    assert "samskabelse-next-step" not in w.result.value and "0 %" not in w.result.value
    assert t["suggest_waiting"] in w.result.value and t["none_rated"] in w.live.alt
    assert w.start.value == "" and [v for _, v in w.start.options] == [""]
    assert shown_items(w.model) == set()  # saving now confirms nothing
    assert items_on_screen(w.model) == set(w.controls())


def test_widget_classes_and_phases_in_the_figure(course):
    w = mark_your_readiness(course)
    labels = [t.get_text().replace("\n", " ") for t in w.ax.get_yticklabels()]
    for ph in course.phases:
        assert any(ph.name in label for label in labels)
    assert {"samskabelse-widget", "samskabelse-phases"} <= set(w.box._dom_classes)
    assert "samskabelse-figure" in w.live.image._dom_classes
    assert "samskabelse-result" in w.result._dom_classes


def test_moving_a_slider_updates_model_figure_result_and_the_start_choices(course):
    w = mark_your_readiness(course)
    before = bytes(w.live.image.value)
    w.sliders["clarify"]["why"].value = "in_place"
    assert w.model.rated("clarify", "why") == "in_place"
    assert w.segments["clarify"]["in_place"].get_width() == pytest.approx(20)
    assert w.segments["clarify"]["not_rated"].get_x() == pytest.approx(20)
    assert w.readiness_labels["clarify"].get_text().startswith("20")
    assert bytes(w.live.image.value) != before
    assert w.model.summary(course, "clarify") in w.result.value
    w.sliders["clarify"]["backing"].value = "under_way"
    w.sliders["clarify"]["frames"].value = "not_started"
    assert w.readiness_labels["clarify"].get_text().startswith("30")
    assert re.findall(r"data-point='([a-z_]+)'", w.result.value) == ["frames", "backing"]
    assert [v for _, v in w.start.options] == ["", "clarify.backing", "clarify.frames"]
    w.start.value = "clarify.backing"
    w.reason.value = "Uden opbakning kommer vi ingen vegne"
    assert w.model.start == "clarify.backing" and w.model.start_reason.startswith("Uden opbakning")
    w.sliders["clarify"]["backing"].value = "in_place"  # the chosen point is now in place: kept, and said
    assert w.start.value == "clarify.backing" and "clarify.backing" in [v for _, v in w.start.options]
    assert TEXT[course.language]["start_done"] in w.result.value
    w.sliders["clarify"]["why"].value = NOT_RATED  # taken back
    assert w.model.rated("clarify", "why") is None and w.segments["clarify"]["in_place"].get_width() == 20


def test_choosing_a_phase_shows_its_sliders_and_marks_it(course):
    w = mark_your_readiness(course)
    assert w.panel.children[0] is w.panels["clarify"]
    w.chooser.value = "anchor"
    assert w.model.current_phase == "anchor" and w.model.answered == set()
    assert w.panel.children[0] is w.panels["anchor"]
    assert w.chosen_marks["anchor"].get_visible() and not w.chosen_marks["clarify"].get_visible()
    w.sliders["anchor"]["evaluate"].value = "under_way"
    assert w.readiness_labels["anchor"].get_text().startswith("13")  # 0.5 of 4 points = 12.5 %, rounded up


def test_widget_starts_from_a_saved_model(course):
    model = PhaseReadiness.new(course)
    model.set("cocreate", "adjust", "in_place", course)
    model.set("cocreate", "roles", "not_started", course)
    model.choose("cocreate", course)
    model.choose_start("cocreate", "roles", course)
    model.set_start_reason("Fordi")
    w = mark_your_readiness(course, model)
    assert w.chooser.value == "cocreate"
    assert w.sliders["cocreate"]["adjust"].value == "in_place"
    assert w.sliders["cocreate"]["let_go"].value == NOT_RATED
    assert w.segments["cocreate"]["in_place"].get_width() == pytest.approx(20)
    assert w.start.value == "cocreate.roles" and w.reason.value == "Fordi"


# -- the overview --------------------------------------------------------------------------------------
def test_overview_shows_every_phase_focus_point_question_and_basis(course):
    text = str(phase_overview(course))
    for ph in course.phases:
        assert html.escape(ph.name) in text and html.escape(ph.strategic_focus) in text
        for f in ph.focus_points:
            assert html.escape(f.text) in text
            assert f"samskabelse-basis-{f.basis}" in text
        for q in ph.questions:
            assert html.escape(q) in text
    verified = [f for ph in course.phases for f in ph.focus_points if f.basis in ("publication", "lederweb")]
    assert text.count("samskabelse-basis-publication") + text.count("samskabelse-basis-lederweb") == len(verified)


def test_saved_in_danish_and_loaded_in_english_through_the_answers_file(tmp_path):
    from samskabelse.answers import load_answers, save_answers

    da, en = load_course("da"), load_course("en")
    w = mark_your_readiness(da)
    w.sliders["clarify"]["why"].value = "in_place"
    w.sliders["clarify"]["backing"].value = "not_started"
    w.chooser.value = "anchor"
    save_answers(tmp_path / "anna.json", "Anna", da, {"phases": w.model})
    loaded = load_answers(tmp_path / "anna.json", en)
    assert loaded.notes == []
    assert loaded.models["phases"] == w.model
    assert steps(loaded.models["phases"], en) == [("clarify", "backing", "not_started")]


# -- the same numbers on the screen, the plan (07) and the team view (08) --------------------------------
def test_readiness_on_the_screen_equals_the_plan_and_the_team_view(tmp_path, course):
    """Issue 20: 2 of phase 1's 5 points 'på plads', the rest left. The widget said 40 %; the plan said 100 %."""
    from samskabelse.answers import load_answers, load_team
    from samskabelse.answers.plan import build_plan
    from samskabelse.answers.save_box import save_box
    from samskabelse.answers.team import team_panels, team_tables

    w = mark_your_readiness(course)
    first = course.phases[0]
    for f in first.focus_points[:2]:
        w.sliders[first.id][f.id].value = "in_place"
    box = save_box(course, w, folder=tmp_path)
    box.name.value = "Mette"
    box.save()
    shown = re.search(r"<li>1\. [^<]*: <b>([^<]*)</b>", w.result.value).group(1)
    assert shown.startswith("40")
    loaded = load_answers(box.result.path, course)
    assert loaded.models["phases"].readiness(course) == w.model.readiness(course)
    plan = build_plan(loaded, course)
    lines = next(s for s in plan.sections if s.key == "phases").lines
    line = next(x for x in lines if x.text.startswith(f"1. {first.name}"))
    assert shown in line.text and line.bar == pytest.approx(0.4)
    assert not any(x.text.startswith("2. ") and x.bar is not None for x in lines)  # phase 2: not rated, no bar
    team, _ = load_team(tmp_path, course)
    panel = next(p for p in team_panels(team, course) if p.section == "phases")
    assert panel.values[0] == [pytest.approx(40.0), None, None]
    table = next(x for x in team_tables(team, course) if x.section == "phases" and x.name == "readiness")
    assert table.rows[0][1] == shown


def test_an_untouched_widget_saved_is_not_answered(tmp_path, course):
    from samskabelse.answers import load_answers
    from samskabelse.answers.plan import build_plan
    from samskabelse.answers.save_box import save_box

    w = mark_your_readiness(course)
    w.chooser.value = course.phases[1].id  # looking around is not answering
    box = save_box(course, w, folder=tmp_path)
    box.name.value = "Bo"
    box.save()
    loaded = load_answers(box.result.path, course)
    assert loaded.models["phases"].answered == set()
    assert next(s for s in build_plan(loaded, course).sections if s.key == "phases").missing
    n = sum(len(ph.focus_points) for ph in course.phases)
    assert f"({n + 3})" in box.status.value  # the focus points, the start, its reason, own steps: not answered


def test_a_schema_1_file_counts_the_statuses_its_screen_showed(tmp_path, course):
    """Schema 1 showed every unmarked focus point as 'ikke startet' in the figure and the readiness list."""
    from samskabelse import answers as A

    data = {"current_phase": "clarify", "own_steps": [],
            "status": {ph.id: {f.id: "not_started" for f in ph.focus_points} for ph in course.phases},
            "answered": ["status.clarify.why"]}
    data["status"]["clarify"]["why"] = "in_place"
    payload = {"kind": A.KIND, "schema": 1, "name": "Gammel", "saved": "2026-01-01T00:00:00+00:00",
               "language": course.language, "course": {"id": course.id, "file": f"data/{course.language}/course.yaml"},
               "answers": {"phases": data}}
    (tmp_path / "gammel.json").write_text(json.dumps(payload), encoding="utf-8")
    loaded = A.load_answers(tmp_path / "gammel.json", course)
    model = loaded.models["phases"]
    assert model.unrated(course) == 0 and model.rated("clarify", "backing") == "not_started"
    assert model.readiness(course)["clarify"] == pytest.approx(20.0)  # as the old widget showed it
    assert any(TEXT[course.language]["note_migrated"] in n for n in loaded.notes)


def test_worksheet_and_items_ask_what_the_screen_asks(course):
    from samskabelse.sections.phases.views import DEFINITION
    from samskabelse.sections.phases.views import TEXT as VIEWS

    items = DEFINITION.items(course)
    asked = {i.key for i in items if not i.setting}
    assert asked == set(mark_your_readiness(course).controls())
    assert all(i.rating for i in items if i.key.startswith("status."))
    v = VIEWS[course.language]
    sheet = DEFINITION.worksheet(course)
    assert [s["heading"] for s in sheet] == [v["h_sheet"], v["h_sheet_start"], v["h_steps"]]
    cells = [r[0]["text"] for r in sheet[1]["table"]["rows"]]
    assert cells == [v["sheet_start"], v["sheet_reason"]]
