"""No widget dies silently: whatever goes wrong inside an observer becomes a message in the widget, in the
course's language, the last good figure stays, and the next good value works again. And the timeline's dates
stay inside a planning horizon, with an axis that never has more than a readable number of ticks."""

from __future__ import annotations

import time
from datetime import date

import pytest
from every_widget import PNG, build_every_widget, figure_of

from samskabelse.course import EARLIEST_DATE, LATEST_DATE
from samskabelse.widgets.guard import ALERT_CLASS, ErrorBoundary

FAILED = {"da": "Din sidste ændring kunne ikke vises", "en": "Your last change could not be shown"}


@pytest.fixture(scope="module", params=["da", "en"])
def widgets(request, tmp_path_factory):
    from samskabelse import load_course

    course = load_course(request.param)
    return course, build_every_widget(course, tmp_path_factory.mktemp("widgets"))


def _other(values, current):
    return next(v for v in values if v != current)


def change(name: str, w, k: int, c) -> None:
    """The k-th (0 or 1) change a participant could make to the widget; both differ from its first state."""
    if name == "tryout":
        w.slider.value = (4, 1)[k]
    elif name == "typology":
        w.project.value = ("Projekt A", "Projekt B")[k]
    elif name == "gains":
        w.importance[c.gains[0].id].value = (4, 2)[k]
    elif name == "demands":
        w.sliders[c.demands[0].id].value = (5, 1)[k]
    elif name == "gains_team":
        w.measure.value = ("likelihood", "product")[k]
    elif name == "phases":
        w.chooser.value = c.phases[1 + k].id
    elif name == "directions":
        w.sliders[c.directions[k].id].value = 0
    elif name == "framing":
        ident = c.framing.frame_elements[k].id
        w.sliders[ident].value = not w.sliders[ident].value
    elif name == "control":
        ident = c.framing.frame_elements[k].id
        w.sliders[ident].value = _other([lv.id for lv in c.framing.influence_levels], w.sliders[ident].value)
    elif name == "timeline":
        w.weeks[c.phases[0].id].value = (12, 30)[k]
    elif name == "plan":
        w.slider.value = (1, 5)[k]
    elif name == "team":
        w.button.click()
    else:
        raise AssertionError(name)


def break_once(monkeypatch, owner, attribute: str) -> list:
    """owner.attribute raises the first time it is called, then works as before."""
    original = getattr(owner, attribute)
    calls: list = []

    def broken(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("injected failure")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, attribute, broken)
    return calls


WIDGETS = ["tryout", "typology", "gains", "demands", "gains_team", "phases", "directions", "framing", "control",
           "timeline", "plan", "team"]


@pytest.mark.parametrize("name", WIDGETS)
def test_an_exception_in_an_observer_becomes_a_message_and_the_widget_keeps_working(widgets, name, monkeypatch):
    import samskabelse.answers.plan
    import samskabelse.answers.team

    course, built = widgets
    w = built[name]
    lang = course.language
    if name == "demands":  # weigh a gain first, so that the demands' point is on the figure and moves
        gain = course.gains[0].id
        w.gains.importance[gain].value, w.gains.likelihood[gain].value = 4, 4
        w.sliders[course.demands[0].id].value = 3
    before = figure_of(w)
    if name == "team":
        calls = break_once(monkeypatch, samskabelse.answers.team, "draw_team_figures")
    elif name == "plan":
        calls = break_once(monkeypatch, samskabelse.answers.plan, "build_plan")
        preview = w.preview.value
    else:
        calls = break_once(monkeypatch, w.live, "refresh")

    change(name, w, 0, course)  # raises in the observer: must not escape
    assert calls, "the change reached the broken part"
    alert = w.errors.alert
    assert ALERT_CLASS in alert._dom_classes and alert.layout.display is None, "shown"
    assert "role='alert'" in alert.value and FAILED[lang] in alert.value
    assert "injected failure" in alert.value, "the technical reason is there, folded, for whoever maintains it"
    assert figure_of(w) == before, "the last good figure stays"

    change(name, w, 1, course)  # the next good value works and clears the message
    assert not w.errors.showing and w.errors.alert.layout.display == "none", "hidden again, taking no room"
    if name == "plan":
        assert w.preview.value and w.preview.value != preview
    elif name == "team":
        assert figure_of(w).startswith(PNG)
    else:
        assert figure_of(w) != before and figure_of(w).startswith(PNG)


def test_every_widget_shows_its_alert_above_its_figure(widgets):
    _, built = widgets
    for name, w in built.items():
        children = list(w.box.children)
        assert w.errors.alert in children, name
        image = w.live.widget if getattr(w, "live", None) is not None else getattr(w, "image", None)
        if image in children:
            assert children.index(w.errors.alert) < children.index(image), name


def test_the_boundary_shows_explained_errors_as_they_are_and_escapes_the_rest():
    class Explained(ValueError):
        pass

    boundary = ErrorBoundary("da", explained=(Explained,))
    boundary.guard(lambda: (_ for _ in ()).throw(Explained("Skriv en dato.")))()
    assert "Skriv en dato." in boundary.alert.value and "Teknisk" not in boundary.alert.value
    boundary.guard(lambda: (_ for _ in ()).throw(KeyError("<script>")))()
    assert "<script>" not in boundary.alert.value and "&lt;script&gt;" in boundary.alert.value
    assert boundary.failures == 2
    assert boundary.guard(lambda: 7)() == 7 and not boundary.showing
    with pytest.raises(KeyboardInterrupt):  # only errors are caught: an interrupt still stops the kernel
        boundary.guard(lambda: (_ for _ in ()).throw(KeyboardInterrupt()))()


# -- the timeline's dates and axis ----------------------------------------------------------------
@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    from samskabelse import load_course, plan_timeline

    return plan_timeline(load_course("da"))


@pytest.mark.parametrize(("field", "typed", "year"), [
    ("start", "1.1.1026", "1026"), ("start", "31.12.9999", "9999"), ("start", "0001-01-01", "1"),
    ("deadline", "1.6.9999", "9999"), ("deadline", "1.1.2150", "2150"),
])
def test_dates_outside_the_planning_horizon_get_a_message_not_an_overflow(timeline, field, typed, year):
    w = timeline
    w.start.value = "5.1.2026"
    before = figure_of(w)
    control = w.start if field == "start" else next(iter(w.deadline_dates.values()))
    started = time.process_time()
    control.value = typed
    took = time.process_time() - started
    assert "planlægningshorisont" in w.message.value and "1. januar 2000" in w.message.value
    assert year in w.message.value
    assert not w.errors.showing, "a message that says what to do, not a failure"
    assert figure_of(w) == before
    assert took < 1.0, f"a date out of range took {took:.1f} s of CPU"
    control.value = "5.1.2026" if field == "start" else "1.9.2026"
    assert w.message.value == "" and w.model.start.year == 2026


def test_a_saved_plan_with_a_start_outside_the_horizon_starts_from_the_defaults(en):
    from samskabelse.sections.timeline import TimelinePlan, plan_timeline

    plan = TimelinePlan.from_course(en, date(2026, 1, 5))
    plan.start = date(9999, 12, 27)
    assert any("planning horizon" in p for p in plan.problems(en))
    w = plan_timeline(en, plan)
    assert EARLIEST_DATE <= w.model.start <= LATEST_DATE
    assert "planning horizon" in w.message.value
