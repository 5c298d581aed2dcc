"""What the screen showed is what was answered (issue 20): typology and frames, saved as a participant saves them.

Each test builds the notebook's widgets, leaves some values as the course suggests them, saves with the save
box into a folder, loads the file as 07 and 08 do, and compares what the plan and the team view say with what
the widget showed."""

from __future__ import annotations

import json

import pytest
from words import PLAN

from samskabelse import answers as A
from samskabelse import chalk_the_pitch, place_your_project, save_box, share_control
from samskabelse.answers.plan import build_plan, plan_markdown
from samskabelse.answers.save_box import TEXT as SAVE
from samskabelse.answers.team import team_tables
from samskabelse.sections import section
from samskabelse.sections.definition import NOT_ANSWERED
from samskabelse.sections.framing import TEXT as FRAMING
from samskabelse.sections.protocol import not_answered
from samskabelse.widgets.answering import TEXT as ANSWERING


@pytest.fixture
def saved(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMSKABELSE_CONFIG_DIR", str(tmp_path / "config"))

    def save(course, *widgets, name="Mette"):
        box = save_box(course, *widgets, folder=tmp_path / "answers")
        box.name.value = name
        box.save()
        assert box.result is not None, box.status.value
        return box, A.load_answers(box.result.path, course)

    return save


def plan_text(loaded, course) -> str:
    return plan_markdown(build_plan(loaded, course))


def plan_part(plan: str, section_name: str, lang: str) -> str:
    return plan.split(f"## {PLAN[lang]['s_' + section_name]}")[1].split("\n## ")[0]


def test_frames_kept_as_the_course_suggests_are_answered_when_saved(course, saved):
    pitch = chalk_the_pitch(course)
    control = share_control(course, pitch)
    assert not pitch.model.answered  # nothing is the participant's before they act or save
    budget, goals = course.framing.frame_elements[0], course.framing.frame_elements[3]
    assert budget.fixed and goals.fixed
    pitch.sliders[goals.id].value = False  # one frame moved; Budget and the rest left as shown
    box, loaded = saved(course, pitch)
    framing = loaded.models["framing"]
    fr = course.framing
    assert framing.answer("fixed", budget.id) is True  # kept "fast", as shown: an answer
    assert {f"influence.{e.id}" for e in fr.frame_elements} <= framing.answered  # 05 showed them: answered
    lang = course.language
    plan = plan_text(loaded, course)
    fixed_line = next(line for line in plan.splitlines() if line.startswith("- " + PLAN[lang]["fixed"].split("{")[0]))
    assert budget.name in fixed_line and goals.name not in fixed_line
    assert not_answered(lang) not in plan_part(plan, "framing", lang)
    # the team view counts Budget as fixed by this participant, with nobody "not answered"
    table = next(x for x in team_tables([loaded], course) if x.section == "framing")
    row = next(r for r in table.rows if r[0] == budget.name)
    assert row[1:4] == ["1", "0", "0"], row
    assert SAVE[lang]["all_answered"] in box.status.value
    del control


def test_who_decides_reaches_the_plan_and_partners_as_deciders_help_decide(course, saved):
    pitch = chalk_the_pitch(course)
    element = next(e for e in course.framing.frame_elements if e.decider not in ("partners", "together"))
    pitch.deciders[element.id].value = "partners"
    pitch.model.set_influence(element.id, course.framing.influence_levels[0].id)  # no influence, but the decider
    _, loaded = saved(course, pitch)
    plan = plan_text(loaded, course)
    partners = next(d.name for d in course.framing.deciders if d.id == "partners")
    assert f"{partners}: {element.name}" in plan
    shared = next(line for line in plan.splitlines() if PLAN[course.language]["shared"].split(":")[0] in line)
    assert element.name in shared


def test_the_frame_pages_say_suggestion_until_the_participant_acts(course):
    pitch = chalk_the_pitch(course)
    control = share_control(course, pitch)
    lang = course.language
    assert FRAMING[lang]["sheet_head_suggested"] in pitch.result.value and pitch.suggestion.box.layout.display != "none"
    suggested = FRAMING[lang]["count_suggested"].split("{")[0]
    assert suggested in control.result.value
    control.suggestion.button.click()  # "Jeg er enig i forslaget": one step
    assert {f"influence.{e.id}" for e in course.framing.frame_elements} <= pitch.model.answered
    assert not any(k.startswith("fixed.") for k in pitch.model.answered)  # only what that widget showed
    assert suggested not in control.result.value and ANSWERING[lang]["agreed"] in control.suggestion.text.value


def test_a_typology_left_where_it_started_is_the_answer_saved(course, saved):
    from samskabelse.sections.typology import TEXT as TYPOLOGY

    lang = course.language
    w = place_your_project(course)
    placed = TYPOLOGY[lang]["result"].split("{type}")[0].rsplit(".", 1)[-1]  # " In the course's grid that is the type"
    assert placed.strip() and placed not in w.result.value  # not stated as the participant's before they act
    assert w.live.alt.startswith(TYPOLOGY[lang]["alt_suggested"].split("{type}")[0].format(
        types=", ".join(k.name for k in course.typology.types)))
    _, loaded = saved(course, w)
    model = loaded.models["typology"]
    assert model.placed() and "project" not in model.answered  # no name typed: not answered
    plan = plan_text(loaded, course)
    kind = model.type_of(course)
    part = plan_part(plan, "typology", lang)
    assert kind.name in part and not_answered(lang) not in part
    assert placed in w.result.value  # after saving, the page says what the file says
    table = next(x for x in team_tables([loaded], course) if x.section == "typology")
    assert table.rows[0][2] == kind.name and table.rows[0][1] is NOT_ANSWERED  # the type answered, no project typed


def test_schema_1_files_count_what_their_notebook_showed(course, tmp_path):
    """An older file (the earlier rule: untouched defaults not answered) is read with each section's migrate."""
    data = {"kind": A.KIND, "schema": 1, "name": "Gammel", "saved": "2026-01-01T00:00:00+00:00", "language": "da",
            "course": {"id": course.id, "file": "data/da/course.yaml"},
            "answers": {"typology": {"initiative": "public", "initiative_strength": "mostly", "activity": "develop",
                                     "activity_strength": "mostly", "project": "", "answered": ["initiative"]},
                        "framing": {"elements": {"budget": {"fixed": True, "decider": "top_management",
                                                            "influence": "informed"}}, "answered": []}}}
    path = tmp_path / "gammel.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = A.load_answers(path, course)
    assert loaded.models["typology"].placed()
    framing = loaded.models["framing"]
    assert {"fixed.budget", "decider.budget"} <= framing.answered and "influence.budget" not in framing.answered
    assert any(FRAMING[course.language]["note_schema1"] in n for n in loaded.notes)
    # saved again by this version, the notes are gone: the file says what it means
    A.save_answers(path, "Gammel", course, {"typology": loaded.models["typology"]})
    again = A.load_answers(path, course)
    assert not [n for n in again.notes if n.startswith("typology")]
    assert section("framing").migrate is not None
