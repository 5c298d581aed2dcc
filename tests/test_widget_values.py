"""Property-based tests (Hypothesis) of the values a participant can give a widget: whatever the value, the
widget shows a figure or a message, and the timeline's axis stays readable."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from every_widget import WIDGETS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskabelse.course import EARLIEST_DATE, LATEST_DATE

MAX_TICKS = 12


@pytest.fixture(scope="module")
def timeline_figure(en):
    from samskabelse.sections.timeline import FIGURE_SIZE, TimelineFigure
    from samskabelse.widgets.figures import new_figure

    return TimelineFigure(new_figure(*FIGURE_SIZE), en)


@st.composite
def allowed_plans(draw, course):
    """Any plan the widget accepts: dates in the horizon, weeks 0.5-520, rising factors in 0.1-10."""
    from samskabelse.sections.timeline import MAX_WEEKS, TimelinePlan

    days = (LATEST_DATE - EARLIEST_DATE).days
    start = EARLIEST_DATE + timedelta(days=draw(st.integers(0, days)))
    plan = TimelinePlan.from_course(course, start)
    for ph in plan.phases:
        ph.weeks = draw(st.floats(0.5, MAX_WEEKS))
    for level in plan.factors:
        plan.factors[level] = tuple(sorted(draw(st.floats(0.1, 10.0)) for _ in range(3)))
    for d in plan.deadlines:
        d.date = start + timedelta(days=draw(st.integers(0, (LATEST_DATE - start).days)))
    return plan


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_axis_never_has_more_than_a_readable_number_of_ticks(timeline_figure, en, data):
    from samskabelse.sections.timeline import forecast

    plan = data.draw(allowed_plans(en))
    assert plan.problems(en) == []
    timeline_figure.show(forecast(plan, "en"))
    ticks = timeline_figure.cx.get_xticks()
    assert 2 <= len(ticks) <= MAX_TICKS, f"{len(ticks)} ticks from {plan.start} over {timeline_figure.right} weeks"


# -- every widget, every control, generated values ----------------------------------------------------------
COURSES: dict = {}  # one course per language, read once


@pytest.fixture(scope="module")
def values_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("values")


# SAMSKABELSE_EXAMPLES=100 pytest tests/test_widget_values.py: a longer hunt than CI's
EXAMPLES = int(os.environ.get("SAMSKABELSE_EXAMPLES", "4"))


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", WIDGETS)
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_whatever_a_participant_does_every_widget_keeps_a_figure_and_never_fails(values_folder, lang, name, data):
    """Each widget of each notebook, built anew as its notebook builds it; one of its controls (any one) given a
    generated value, and maybe another after it."""
    from every_widget import PNG, build_widget, controls, figure_of, participant_values, use

    from samskabelse import load_course
    from samskabelse.answers import EXAMPLE_TEAM

    course = COURSES.setdefault(lang, load_course(lang))
    folder = values_folder
    widget = build_widget(name, course, folder)  # a new one each time: each example starts where a notebook does
    folders = ["", str(folder), str(EXAMPLE_TEAM), "no such folder", str(folder / "answers")]
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        control = data.draw(st.sampled_from(controls(widget, files=False)), label="control")
        value = data.draw(participant_values(widget, control, folders), label="value")
        use(control, value)  # nothing may escape the observer ...
        assert not widget.errors.showing, f"{name}: {widget.errors.alert.value}"  # ... nor fail inside it
        if name != "plan":
            assert figure_of(widget).startswith(PNG), f"{name}: no figure"
    if name == "timeline":  # after any input, a valid plan is drawn again
        widget.start.value = "5.1.2026" if course.language == "da" else "2026-01-05"
        for box in widget.deadline_dates.values():
            box.value = "1.9.2026" if course.language == "da" else "2026-09-01"
        comma = (lambda v: v.replace(".", ",")) if course.language == "da" else (lambda v: v)
        for boxes in widget.factors.values():  # text fields: a number as the page writes it
            for box, value in zip(boxes, ("0.9", "1.1", "1.6"), strict=True):
                box.value = comma(value)
        widget.correlation.value = comma("0.5")
        for box in widget.stall_chances.values():
            box.value = "10"
        assert widget.message.value == "", widget.message.value
