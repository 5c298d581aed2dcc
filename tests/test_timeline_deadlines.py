"""Deadlines travel (issue 20, item 4): a deadline the course gives relative to the start follows the start until
the participant types a date of their own; the plan (07) and the team view (08) show each deadline with its chance
as notebook 06 shows it, and the plan the milestones. And one odd value in a saved timeline costs that value only."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta

import pytest

from samskabelse import answers as A
from samskabelse.answers.save_box import save_box
from samskabelse.sections import section
from samskabelse.sections.definition import Person
from samskabelse.sections.timeline import (
    TimelinePlan,
    forecast,
    format_chance,
    format_date,
    format_input_date,
    plan_timeline,
)

START = date(2026, 1, 5)


def by_id(plan):
    return {d.id: d for d in plan.deadlines}


def test_moving_the_start_a_year_later_moves_the_course_deadlines(course):
    w = plan_timeline(course, TimelinePlan.from_course(course, START))
    later = date(2027, 1, 4)
    w.start.value = format_input_date(later, course.language)
    assert w.message.value == "", "no deadline may turn into an error when the start moves"
    deadlines = by_id(w.model)
    assert deadlines["committee"].date == later + timedelta(weeks=30)
    assert w.deadline_dates["committee"].value == format_input_date(later + timedelta(weeks=30), course.language)
    end = w.result.planned_finish
    assert deadlines["budget_year"].date == date(end.year, 12, 31) and end <= deadlines["budget_year"].date
    assert w.model.answered == {"start"}, "the dates the course moved are not answers the participant gave"


def test_the_budget_years_end_follows_the_planned_end(course):
    """`12-31`: the 31 December after the planned end of the phase that must be done, whenever the plan moves."""
    w = plan_timeline(course, TimelinePlan.from_course(course, date(2026, 3, 2)))
    assert by_id(w.model)["budget_year"].date == date(2026, 12, 31)
    w.weeks["cocreate"].value = 60  # the plan now ends in 2027
    assert w.message.value == ""
    assert by_id(w.model)["budget_year"].date == date(2027, 12, 31)
    w.weeks["cocreate"].value = 20
    assert by_id(w.model)["budget_year"].date == date(2026, 12, 31)


def test_a_date_the_participant_types_stays_where_they_put_it(course):
    w = plan_timeline(course, TimelinePlan.from_course(course, START))
    own = date(2026, 6, 15)
    w.deadline_dates["committee"].value = format_input_date(own, course.language)
    w.start.value = format_input_date(date(2026, 2, 2), course.language)
    assert by_id(w.model)["committee"].date == own and by_id(w.model)["committee"].own_date
    assert by_id(w.model)["budget_year"].own_date is False
    # emptying the field gives the deadline back to the course's rule
    w.deadline_dates["committee"].value = ""
    assert w.message.value == "" and not by_id(w.model)["committee"].own_date
    assert by_id(w.model)["committee"].date == date(2026, 2, 2) + timedelta(weeks=30)


def test_saved_and_loaded_a_course_deadline_still_follows_the_start(course):
    plan = TimelinePlan.from_course(course, START)
    plan.deadlines[1].date, plan.deadlines[1].own_date = date(2027, 6, 30), True
    data = json.loads(json.dumps(plan.to_dict()))
    data["start"] = "2027-01-04"  # a file edited, or a plan moved: the committee follows, the own date stays
    again, notes = TimelinePlan.from_dict(data, course)
    assert notes == []
    assert by_id(again)["committee"].date == date(2027, 1, 4) + timedelta(weeks=30)
    assert by_id(again)["budget_year"].date == date(2027, 6, 30) and by_id(again)["budget_year"].own_date


def test_a_file_from_before_own_dates_keeps_a_date_that_differs_from_the_rule(course):
    plan = TimelinePlan.from_course(course, START)
    data = plan.to_dict()
    for entry in data["deadlines"]:
        del entry["own_date"]
    data["deadlines"][0]["date"] = "2026-05-04"  # not 30 weeks after the start: typed then
    again, notes = TimelinePlan.from_dict(data, course)
    assert notes == []
    assert by_id(again)["committee"].own_date and by_id(again)["committee"].date == date(2026, 5, 4)
    assert not by_id(again)["budget_year"].own_date


# -- 07 and 08 ------------------------------------------------------------------------------------------
def test_the_plan_shows_each_deadline_with_its_chance_and_the_milestones(course):
    from samskabelse.sections.timeline import date_after

    plan = TimelinePlan.from_course(course, START)
    early = date_after(START, float(forecast(plan, course.language).sorted_ends[5, -1]))  # few finish by then
    plan.deadlines[0].name, plan.deadlines[0].date, plan.deadlines[0].own_date = "Budgetforhandlinger", early, True
    plan.deadlines[0].phase = course.phases[-1].id
    plan.answered = {"start"}
    result = forecast(plan, course.language)
    lines = [line.text for line in section("timeline").plan(plan, course)]
    text = "\n".join(lines)
    below = "under 1 %" if course.language == "da" else "under 1%"
    assert format_chance(result.chances["committee"], course.language) == below
    assert "Budgetforhandlinger" in text and below in text
    assert format_date(plan.deadlines[0].date, course.language) in text
    assert format_chance(result.chances["budget_year"], course.language) in text
    for m in course.timeline.milestones:
        assert m.name in text and format_date(result.milestone_dates(m)["plan"], course.language) in text


def test_the_team_view_shows_each_deadline_with_its_chance(course):
    plans = []
    for weeks in (20, 40):
        plan = TimelinePlan.from_course(course, START)
        plan.phases[1].weeks = weeks
        plan.follow_rules()
        plan.answered = {"phases.cocreate.weeks"}
        plans.append(plan)
    people = [Person("Anna", plans[0]), Person("Bo", plans[1]), Person("Camilla", None)]
    tables = section("timeline").tables(people, course)
    deadlines = next(t for t in tables if t.name == "deadlines")
    assert [row[0] for row in deadlines.rows] == ["Anna", "Bo"]
    for row, plan in zip(deadlines.rows, plans, strict=True):
        result = forecast(plan, course.language)
        for cell, d in zip(row[1:], plan.deadlines, strict=True):
            assert format_chance(result.chances[d.id], course.language) in cell
            assert format_date(d.date, course.language) in cell
    assert "Camilla" in deadlines.note
    questions = section("timeline").questions(people, course)
    assert any(q.item.startswith("deadline.") for q in questions), "a deadline the two see very differently"


def test_what_the_widget_showed_is_what_07_and_08_show(course, tmp_path):
    from samskabelse.answers.plan import build_plan
    from samskabelse.answers.team import team_tables

    w = plan_timeline(course, TimelinePlan.from_course(course, START))
    box = save_box(course, w, folder=tmp_path)
    w.start.value = format_input_date(date(2027, 1, 4), course.language)
    w.weeks["cocreate"].value = 30
    box.name.value = "Anna"
    box.save()
    loaded = A.load_answers(box.result.path, course)
    text = "\n".join(line.text for line in build_plan(loaded, course).sections[-1].lines)
    team, _ = A.load_team(tmp_path, course)
    table = next(t for t in team_tables(team, course) if t.name == "deadlines")
    for d in w.model.deadlines:
        chance = format_chance(w.result.chances[d.id], course.language)
        assert chance in text and format_date(d.date, course.language) in text
        assert any(chance in cell and format_date(d.date, course.language) in cell for cell in table.rows[0][1:])


# -- one odd value loses that value only -------------------------------------------------------------------
ODD = [None, True, 3, -1, 1e308, math.nan, "", "x" * 300, [1, 2], ["clarify"], {"a": 1}, {"phase": "anchor"}]


def test_a_deadline_naming_its_phase_as_a_list_costs_that_value_only(da):
    data = TimelinePlan.from_course(da, START).to_dict()
    data["phases"][1]["weeks"] = 24
    data["deadlines"][0]["phase"] = ["cocreate", "anchor"]
    plan, notes = TimelinePlan.from_dict(data, da)
    assert plan.phases[1].weeks == 24 and by_id(plan)["committee"].phase == "cocreate"
    assert len(notes) == 1 and "fasen" in notes[0] and "Error" not in notes[0] and "unhashable" not in notes[0]


def _paths(value, path=()):
    if isinstance(value, dict):
        yield path
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        yield path
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))
    else:
        yield path


@pytest.mark.parametrize("odd", ODD, ids=lambda v: type(v).__name__ + str(v)[:12])
def test_every_field_of_a_saved_timeline_survives_an_odd_value(en, odd):
    """Every value (and every container) of a saved timeline replaced by an odd one: the plan loads, keeps what
    it could use, and says in words what it could not."""
    base = TimelinePlan.from_course(en, START)
    base.phases[1].weeks = 24
    base.answered = {"phases.cocreate.weeks"}
    original = json.loads(json.dumps(base.to_dict()))
    for path in _paths(original):
        if not path:
            continue
        data = json.loads(json.dumps(original))
        container = data
        for k in path[:-1]:
            container = container[k]
        container[path[-1]] = odd
        plan, notes = TimelinePlan.from_dict(data, en)
        assert plan.problems(en) == [], path
        assert not any("Error" in n or "unhashable" in n or "object" in n for n in notes), (path, notes)
        section("timeline").check(plan, en)
        if path[0] != "phases":
            assert plan.phases[1].weeks == 24, path
