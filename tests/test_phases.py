"""Notebook 03's widget: focus points per phase, readiness per phase, the rule for the next steps."""

from __future__ import annotations

import html

import pytest

from samskabelse import load_course
from samskabelse.sections.phases import (
    STATUSES,
    PhaseReadiness,
    describe,
    mark_your_readiness,
    phase_overview,
)
from samskabelse.sections.protocol import AnswerError

LANGS = ("da", "en")



def steps(model, course, n=3):
    return [(s.phase.id, s.focus_point.id, s.status) for s in model.next_steps(course, n)]


# -- readiness -------------------------------------------------------------------------------------
def test_new_model_has_every_focus_point_not_started(course):
    model = PhaseReadiness.new(course)
    assert model.current_phase == "clarify"
    for ph in course.phases:
        assert model.counts(course, ph.id) == {"not_started": len(ph.focus_points), "under_way": 0, "in_place": 0}
    assert model.readiness(course) == {"clarify": 0.0, "cocreate": 0.0, "anchor": 0.0}


def test_readiness_counts_in_place_as_one_and_under_way_as_half(course):
    model = PhaseReadiness.new(course)
    model.set("clarify", "why", "in_place", course)
    model.set("clarify", "backing", "under_way", course)
    for f in course.by_id("phases", "anchor").focus_points:
        model.set("anchor", f.id, "in_place", course)
    ready = model.readiness(course)
    assert ready["clarify"] == pytest.approx(100 * 1.5 / 5)
    assert ready["cocreate"] == 0.0
    assert ready["anchor"] == 100.0


def test_set_rejects_unknown_status_and_point(course):
    model = PhaseReadiness.new(course)
    with pytest.raises(ValueError, match="status"):
        model.set("clarify", "why", "done", course)
    with pytest.raises(ValueError, match="no focus point"):
        model.set("clarify", "let_go", "in_place", course)
    with pytest.raises(ValueError, match="no phase"):
        model.choose("later", course)


# -- the next-step rule: earlier phase first, not started before under way, then course order ------
def test_next_steps_for_the_default_answers_are_the_first_three_of_phase_one(course):
    assert steps(PhaseReadiness.new(course), course) == [
        ("clarify", "why", "not_started"), ("clarify", "backing", "not_started"), ("clarify", "frames", "not_started"),
    ]


def test_not_started_comes_before_under_way_within_a_phase(course):
    model = PhaseReadiness.new(course)
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
    for f in course.by_id("phases", "clarify").focus_points:
        model.set("clarify", f.id, "in_place", course)
    model.set("clarify", "partners", "under_way", course)
    model.set("cocreate", "let_go", "in_place", course)
    model.set("cocreate", "relations", "under_way", course)
    assert steps(model, course) == [
        ("clarify", "partners", "under_way"), ("cocreate", "roles", "not_started"),
        ("cocreate", "upward_status", "not_started"),
    ]


def test_the_chosen_phase_does_not_change_the_next_steps(course):
    model = PhaseReadiness.new(course)
    model.choose("anchor", course)
    assert steps(model, course)[0] == ("clarify", "why", "not_started")


def test_fewer_than_three_open_points_and_none(course):
    model = PhaseReadiness.new(course)
    for ph in course.phases:
        for f in ph.focus_points:
            model.set(ph.id, f.id, "in_place", course)
    assert steps(model, course) == []
    model.set("anchor", "recognition", "under_way", course)
    assert steps(model, course) == [("anchor", "recognition", "under_way")]
    text = describe(model, course)
    assert "<ol>" in text and text.count("samskabelse-next-step") == 1
    model.set("anchor", "recognition", "in_place", course)
    assert "<ol>" not in describe(model, course)


# -- saving ------------------------------------------------------------------------------------------
def test_to_dict_and_back(course):
    model = PhaseReadiness.new(course)
    model.set("cocreate", "roles", "under_way", course)
    model.choose("cocreate", course)
    data = model.to_dict()
    assert data["current_phase"] == "cocreate" and data["status"]["cocreate"]["roles"] == "under_way"
    again, notes = PhaseReadiness.from_dict(data, course)
    assert again == model and notes == []


def test_from_dict_reports_what_no_longer_matches(course):
    data = {"current_phase": "later",
            "status": {"clarify": {"why": "in_place", "gone": "in_place", "frames": "finished"},
                       "old_phase": {"x": "in_place"}, "anchor": "all done"}}
    model, notes = PhaseReadiness.from_dict(data, course)
    assert model.current_phase == "clarify"
    assert model.get("clarify", "why") == "in_place"
    assert model.get("clarify", "frames") == "not_started"
    assert len(notes) == 5
    joined = " ".join(notes)
    for word in ("later", "gone", "finished", "old_phase"):
        assert word in joined


def test_from_dict_escapes_odd_ids_in_notes(course):
    _, notes = PhaseReadiness.from_dict({"status": {"<b>x</b>": {}}}, course)
    assert "&lt;b&gt;" in notes[0]


def test_from_dict_that_cannot_be_read_raises(course):
    with pytest.raises(AnswerError, match="phases"):
        PhaseReadiness.from_dict("in_place", course)


# -- the widget, driven in Python ----------------------------------------------------------------------
def test_widget_has_a_slider_per_focus_point_and_all_phases_in_the_figure(course):
    w = mark_your_readiness(course)
    assert set(w.sliders) == {p.id for p in course.phases}
    for ph in course.phases:
        assert set(w.sliders[ph.id]) == {f.id for f in ph.focus_points}
        assert [v for _, v in w.sliders[ph.id][ph.focus_points[0].id].options] == list(STATUSES)
    labels = [t.get_text().replace("\n", " ") for t in w.ax.get_yticklabels()]
    for ph in course.phases:
        assert any(ph.name in label for label in labels)
    assert {"samskabelse-widget", "samskabelse-phases"} <= set(w.box._dom_classes)
    assert "samskabelse-figure" in w.live.image._dom_classes
    assert "samskabelse-result" in w.result._dom_classes


def test_moving_a_slider_updates_model_figure_and_next_steps(course):
    w = mark_your_readiness(course)
    before = bytes(w.live.image.value)
    w.sliders["clarify"]["why"].value = "in_place"
    assert w.model.get("clarify", "why") == "in_place"
    assert w.segments["clarify"]["in_place"].get_width() == pytest.approx(20)
    assert w.segments["clarify"]["not_started"].get_x() == pytest.approx(20)
    assert w.readiness_labels["clarify"].get_text().startswith("20")
    assert bytes(w.live.image.value) != before
    assert "data-point='why'" not in w.result.value
    assert "data-point='time_frame'" in w.result.value
    w.sliders["clarify"]["backing"].value = "under_way"
    assert w.readiness_labels["clarify"].get_text().startswith("30")
    assert steps(w.model, course)[:2] == [("clarify", "frames", "not_started"),
                                          ("clarify", "time_frame", "not_started")]


def test_choosing_a_phase_shows_its_sliders_and_marks_it(course):
    w = mark_your_readiness(course)
    assert w.panel.children[0] is w.panels["clarify"]
    w.chooser.value = "anchor"
    assert w.model.current_phase == "anchor"
    assert w.panel.children[0] is w.panels["anchor"]
    assert w.chosen_marks["anchor"].get_visible() and not w.chosen_marks["clarify"].get_visible()
    w.sliders["anchor"]["evaluate"].value = "under_way"
    assert w.readiness_labels["anchor"].get_text().startswith("12")  # 0.5 of 4 points = 12.5 %


def test_widget_starts_from_a_saved_model(course):
    model = PhaseReadiness.new(course)
    model.set("cocreate", "adjust", "in_place", course)
    model.choose("cocreate", course)
    w = mark_your_readiness(course, model)
    assert w.chooser.value == "cocreate"
    assert w.sliders["cocreate"]["adjust"].value == "in_place"
    assert w.segments["cocreate"]["in_place"].get_width() == pytest.approx(20)


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
    w.chooser.value = "anchor"
    save_answers(tmp_path / "anna.json", "Anna", da, {"phases": w.model})
    loaded = load_answers(tmp_path / "anna.json", en)
    assert loaded.notes == []
    assert loaded.models["phases"] == w.model
    assert steps(loaded.models["phases"], en)[0] == ("clarify", "backing", "not_started")
