"""Answered and untouched (model.py's protocol): what a participant left alone is never shown as their choice,
and a deliberate 0 is an answer like any other. Written before the protocol existed, and seen failing then."""

from __future__ import annotations

import json
from datetime import date

import pytest

from samskabelse import answers as A
from samskabelse.sections.directions import DirectionsModel
from samskabelse.sections.framing import FramingModel
from samskabelse.sections.gains import GainsModel
from samskabelse.sections.phases import PhaseReadiness
from samskabelse.sections.timeline import TimelinePlan
from samskabelse.sections.typology import TypologyAnswer

MODELS = (TypologyAnswer, GainsModel, PhaseReadiness, DirectionsModel, FramingModel, TimelinePlan)


def fresh(cls, course):
    if cls is TypologyAnswer:
        return TypologyAnswer()
    if cls is PhaseReadiness:
        return PhaseReadiness.new(course)
    if cls is TimelinePlan:
        return TimelinePlan.from_course(course, date(2027, 2, 1))
    return cls.for_course(course)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.SECTION)
def test_an_untouched_model_is_saved_as_not_answered(cls, course):
    model = fresh(cls, course)
    data = json.loads(json.dumps(model.to_dict()))
    assert data["answered"] == []
    again, notes = cls.from_dict(data, course)
    assert again.answered == set() and notes == []


def test_every_setter_records_its_answer(course):
    t = TypologyAnswer()
    t.set_axis("activity", "produce", "clearly", course)
    assert t.answered == {"activity"} and not t.placed()
    g = GainsModel.for_course(course)
    g.rate("quality", importance=0)
    g.set_demand("time", 0)
    assert g.answered == {"gains.quality.importance", "demands.time"}
    assert g.rating("quality", "importance") == 0 and g.rating("quality", "likelihood") is None
    assert g.rating("quality", "product") is None and g.demand("time") == 0 and g.demand("control") is None
    p = PhaseReadiness.new(course)
    p.set("clarify", "why", "not_started", course)
    assert p.answered_status("clarify", "why") == "not_started" and p.answered_status("clarify", "backing") is None
    assert p.answered_readiness(course)["clarify"] == 0.0 and p.answered_readiness(course)["anchor"] is None
    d = DirectionsModel.for_course(course)
    d.set_attention("upward", 0)
    assert d.answered_attention("upward") == 0 and d.answered_attention("across") is None
    d.set_need("upward", 2)
    assert d.gap("upward") == 2 and d.gap("across") is None and d.too_little() == ["upward"]
    f = FramingModel.for_course(course)
    f.set_influence("budget", f.levels[-1])
    assert f.answer("influence", "budget") == f.levels[-1] and f.answer("influence", "goals") is None
    assert f.answer("fixed", "budget") is None and f.elements_shared(answered_only=True) == ["budget"]


def test_a_deliberate_zero_counts_in_notebook_02s_reading(course):
    from samskabelse.sections.gains import motivation_statement, read_balance

    g = GainsModel.for_course(course)
    assert read_balance(g, course).kind == "not_weighed"  # nothing weighed yet
    for gain in course.gains:
        g.rate(gain.id, importance=0, likelihood=0)  # "not at all", every one
    b = read_balance(g, course)
    assert b.kind == "weak" and b.strongest.product == 0
    assert "ikke vægtet" not in motivation_statement(g, course)


def test_widgets_record_only_what_the_participant_changes(course):
    from samskabelse.sections.framing import chalk_the_pitch, share_control
    from samskabelse.sections.gains import weigh_gains
    from samskabelse.sections.timeline import plan_timeline
    from samskabelse.sections.typology import place_your_project

    typology = place_your_project(course)
    gains = weigh_gains(course)
    pitch = chalk_the_pitch(course)
    control = share_control(course, pitch)
    timeline = plan_timeline(course)
    assert not (typology.model.answered or gains.model.answered or pitch.model.answered or timeline.model.answered)
    slider = typology.sliders["initiative"]
    slider.value = slider.options[0][1]
    assert typology.model.answered == {"initiative"}  # the other axis was not touched
    gains.importance["quality"].value = 3
    gains.importance["quality"].value = 0  # and back to 0, on purpose
    assert gains.model.answered == {"gains.quality.importance"} and gains.model.rating("quality", "importance") == 0
    element = course.framing.frame_elements[0].id
    pitch.sliders[element].value = not pitch.sliders[element].value
    assert pitch.model.answered == {f"fixed.{element}"} and control.model.answered == pitch.model.answered
    phase = course.phases[0].id
    timeline.weeks[phase].value = timeline.weeks[phase].value + 2
    assert timeline.model.answered == {f"phases.{phase}.weeks"}


def test_legacy_files_are_read_as_they_were_shown(course, tmp_path):
    """Schema 1 files saved before the protocol: every value counts, except a gain left at 0 and 0 and demands all 0,
    which that version showed as not weighed."""
    data = {"kind": A.KIND, "schema": 1, "name": "Gammel", "saved": "2026-01-01T00:00:00+00:00", "language": "da",
            "course": {"id": course.id, "file": "data/da/course.yaml"},
            "answers": {"gains": {"gains": {"quality": {"importance": 0, "likelihood": 0},
                                            "economy": {"importance": 2, "likelihood": 0}},
                                  "own": [], "demands": {"time": 0, "resources": 0}},
                        "directions": {"attention": {"upward": 0}, "stakeholders": {"upward": []}},
                        "framing": {"elements": {"budget": {"fixed": True, "decider": "manager",
                                                            "influence": "informed"}}}}}
    (tmp_path / "gammel.json").write_text(json.dumps(data), encoding="utf-8")
    loaded = A.load_answers(tmp_path / "gammel.json", course)
    g = loaded.models["gains"]
    assert g.rating("quality", "importance") is None and g.rating("economy", "likelihood") == 0
    assert g.demand("time") is None
    d = loaded.models["directions"]
    assert d.answered_attention("upward") == 0 and "stakeholders.upward" not in d.answered
    assert loaded.models["framing"].answered == {"fixed.budget", "decider.budget", "influence.budget"}
    # saving into an old file keeps its other sections as they were, and records this section's answers
    gains = GainsModel.for_course(course)
    gains.rate("quality", importance=0, likelihood=0)
    A.save_answers(tmp_path / "gammel.json", "Gammel", course, {"gains": gains})
    again = A.load_answers(tmp_path / "gammel.json", course)
    assert again.models["gains"].rating("quality", "product") == 0
    assert again.models["framing"].answered == {"fixed.budget", "decider.budget", "influence.budget"}


def test_a_damaged_answered_list_is_a_note_and_the_values_count(course):
    model = DirectionsModel.for_course(course)
    model.set_attention("upward", 2)  # a file holds only what was rated
    data = {**model.to_dict(), "answered": "everything"}
    again, notes = DirectionsModel.from_dict(data, course)
    assert notes and again.answered_attention("upward") is not None


def test_08_and_07_never_show_an_untouched_default_as_a_choice(course, tmp_path, monkeypatch):
    """Partner influence, which the workbooks do not ask: untouched in every file, it is no one's decision."""
    from words import PLAN as TEXT

    from samskabelse.answers.plan import build_plan, plan_markdown
    from samskabelse.answers.team import disagreements, side_by_side_html
    from samskabelse.sections.protocol import not_answered

    for name, fixed in (("Anna", True), ("Bo", False)):
        framing = FramingModel.for_course(course)
        for e in course.framing.frame_elements:
            framing.set_fixed(e.id, fixed)  # answered; the influence sliders never touched
        A.save_answers(tmp_path / f"{name.lower()}.json", name, course, {"framing": framing})
    team, _ = A.load_team(tmp_path, course)
    html = side_by_side_html(team, course)
    assert not_answered(course.language) in html
    found = {(d.section, d.item) for d in disagreements(team, course)}
    assert not any(section == "influence" for section, _ in found)
    assert ("framing", course.framing.frame_elements[0].id) in found
    t = TEXT[course.language]
    plan = plan_markdown(build_plan(team[0], course))
    shared = next(line for line in plan.splitlines() if t["shared"].split(":")[0] in line)
    assert t["none"] in shared and t["shared_missing"].split(":")[0] in plan


def test_a_section_kept_from_an_older_file_keeps_the_rule_it_was_saved_under(course, tmp_path):
    """Saving a new section into a schema 1 file writes a schema 2 file; the sections kept from the old file are
    marked with schema 1, so that they are still read (and migrated) as what they were."""
    path = tmp_path / "gammel.json"
    old = {"kind": A.KIND, "schema": 1, "name": "Gammel", "saved": "2026-01-01T00:00:00+00:00", "language": "da",
           "course": {"id": course.id, "file": "data/da/course.yaml"},
           "answers": {"directions": {**DirectionsModel.for_course(course).to_dict(), "answered": []}}}
    path.write_text(json.dumps(old), encoding="utf-8")
    gains = GainsModel.for_course(course)
    gains.rate("quality", importance=4)
    A.save_answers(path, "Gammel", course, {"gains": gains})
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema"] == A.SCHEMA == 2
    assert saved["answers"]["directions"][A.SECTION_SCHEMA] == 1 and A.SECTION_SCHEMA not in saved["answers"]["gains"]
    assert A.section_schema(saved["answers"]["directions"], saved["schema"]) == 1
    assert A.section_schema(saved["answers"]["gains"], saved["schema"]) == 2
    again = A.load_answers(path, course)
    assert again.models["gains"].rating("quality", "importance") == 4
