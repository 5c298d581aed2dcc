"""The timeline's answers (notebook 06, workbook 4) under the answered rule (sections/protocol.py): what the widget
showed with a value when the participant saved is what they answered, and 07's plan and 08's team view give what
the widget showed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from samskabelse import answers as A
from samskabelse.answers.save_box import save_box
from samskabelse.sections import section
from samskabelse.sections.protocol import items_on_screen, shown_items
from samskabelse.sections.timeline import TimelinePlan, plan_timeline, upward_sentence

START = date(2026, 1, 5)


def shown_keys(course, project: bool = False) -> set[str]:
    """Every item notebook 06 shows with a value (the project's name only when one is typed)."""
    keys = {"start"} | ({"project"} if project else set())
    keys |= {f"phases.{p.id}.{what}" for p in course.phases for what in ("weeks", "uncertainty")}
    keys |= {f"deadlines.{d.id}.{what}" for d in course.timeline.deadlines for what in ("name", "date", "phase")}
    return keys


def test_the_widget_maps_every_item_it_asks_to_its_control(course):
    w = plan_timeline(course, TimelinePlan.from_course(course, START))
    controls = w.controls()
    assert set(controls) == shown_keys(course, project=True)
    assert controls["start"] is w.start and controls["project"] is w.project
    assert controls[f"phases.{course.phases[1].id}.weeks"] is w.weeks[course.phases[1].id]
    assert items_on_screen(w.model) == shown_keys(course, project=True)
    assert shown_items(w.model) == shown_keys(course), "an empty project name shows no value"
    w.show_model.value = True  # the working model's factors, once they are on screen
    assert {f"factors.{u.id}" for u in course.timeline.uncertainty_levels} <= set(w.controls())
    assert not [i for i in section("timeline").unanswered(w.model, course) if "faktor" in i or "factor" in i]


def test_saving_the_course_suggestion_confirms_what_the_screen_showed(course, tmp_path):
    w = plan_timeline(course, TimelinePlan.from_course(course, START))
    box = save_box(course, w, folder=tmp_path)
    box.name.value = "Anna"
    box.save()
    loaded = A.load_answers(box.result.path, course)
    assert loaded.models["timeline"].answered == shown_keys(course)
    # only the project's name, which is optional and was left empty, is still not answered
    assert section("timeline").unanswered(w.model, course) == [section("timeline").items(course)[0].label]


def test_what_is_saved_is_what_the_widget_shows_after_changes(course, tmp_path):
    """The save box is built when the notebook opens, before the participant changes the plan: it must save the
    plan on screen when the button is pressed, not the plan of the moment it was built."""
    from samskabelse.answers.plan import build_plan
    from samskabelse.answers.team import team_tables

    w = plan_timeline(course, TimelinePlan.from_course(course, START))
    box = save_box(course, w, folder=tmp_path)
    w.weeks["cocreate"].value = 26
    w.uncertainty["clarify"].value = "high"
    w.project.value = "Sundhedshuset"
    box.name.value = "Bo"
    box.save()
    saved = json.loads(box.result.path.read_text(encoding="utf-8"))["answers"]["timeline"]
    assert saved["phases"][1]["weeks"] == 26 and saved["phases"][0]["uncertainty"] == "high"
    loaded = A.load_answers(box.result.path, course)
    plan = loaded.models["timeline"]
    assert plan.answered == shown_keys(course, project=True)
    # 07: the sentence the widget showed
    lines = build_plan(loaded, course).sections[-1].lines
    assert lines[0].text == upward_sentence(w.result, course)
    # 08: the dates the widget showed
    team, _ = A.load_team(tmp_path, course)
    table = next(t for t in team_tables(team, course) if t.section == "timeline")
    from samskabelse.sections.timeline import format_date

    assert table.rows[0][1] == format_date(w.result.planned_finish, course.language)
    assert table.rows[0][2:4] == [format_date(w.result.finish_date(q), course.language) for q in (50, 85)]


def test_the_suggestion_note_until_the_participant_acts(course):
    w = plan_timeline(course, TimelinePlan.from_course(course, START))
    note = w.suggestion
    assert note.box.layout.display != "none" and note.box in w.box.children
    assert ("Kursets forslag" if course.language == "da" else "course's suggestion") in note.text.value
    w.weeks["anchor"].value = 12
    assert note.box.layout.display == "none"


def test_agreeing_with_the_suggestion_confirms_what_is_shown(course):
    w = plan_timeline(course, TimelinePlan.from_course(course, START))
    w.suggestion.button.click()
    assert w.model.answered == shown_keys(course)
    assert w.suggestion.agreed and w.suggestion.box.layout.display != "none"


def test_before_the_participant_acts_the_sentence_says_it_is_the_course_suggestion(course):
    w = plan_timeline(course, TimelinePlan.from_course(course, START))
    view = w.upward()
    marker = "kursets forslag" if course.language == "da" else "the course's suggested plan"
    assert marker in w.said.value.lower() and marker in view.value.lower()
    w.weeks["anchor"].value = 12
    assert marker not in w.said.value.lower() and marker not in view.value.lower()


def schema_1_file(course, tmp_path, timeline: dict):
    data = {"kind": A.KIND, "schema": 1, "name": "Gammel", "saved": "2026-01-01T00:00:00+00:00",
            "language": course.language, "course": {"id": course.id, "file": f"data/{course.language}/course.yaml"},
            "answers": {"timeline": timeline}}
    path = tmp_path / "gammel.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("listed", [[], ["phases.cocreate.weeks"], None],
                         ids=["saved-untouched", "one-change", "before-the-list"])
def test_a_schema_1_timeline_counts_what_06_showed(course, tmp_path, listed):
    saved = TimelinePlan.from_course(course, START).to_dict()
    saved["phases"][1]["weeks"] = 24
    if listed is None:
        del saved["answered"]
    else:
        saved["answered"] = listed  # the old rule: only what was changed
    loaded = A.load_answers(schema_1_file(course, tmp_path, saved), course)
    plan = loaded.models["timeline"]
    settings = ("factors.", "correlation", "stalls.")  # the working model's, behind a check box
    assert {k for k in plan.answered if not k.startswith(settings)} == shown_keys(course)
    assert plan.phases[1].weeks == 24
    notes = " ".join(loaded.notes)
    said = "tæller nu som dine svar" if course.language == "da" else "now count as your answers"
    # a note where the meaning changed: a timeline saved untouched was "not answered" in 07 and 08, and now shows
    assert (said in notes) == (listed == [])
