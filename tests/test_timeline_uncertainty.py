"""A timeline whose uncertainty is honest (issue 22, item 2): delays that carry from phase to phase, a tail for what
stalls co-creation, both from the course file (checked, with messages in the file's language), a sentence that says
what its 85 % rests on, and one date for the sentence, the figure and the table."""

from __future__ import annotations

import math
import re
from datetime import date

import numpy as np
import pytest
from test_course_check import edited, message_for

from samskabelse.course import read_course
from samskabelse.sections.definition import Person
from samskabelse.sections.timeline import (
    TimelinePlan,
    assumption_effects,
    forecast,
    format_date,
    format_short_date,
    normal_cdf,
    plan_timeline,
    result_html,
    simulate,
    stall_weeks,
    upward_sentence,
)
from samskabelse.sections.timeline.views import DEFINITION

START = date(2026, 1, 5)
STALL = {"da": "  stalls:\n    - { id: stall, name: \"En partner trækker sig, eller politikerne sætter projektet på "
               "pause\", chance: 0.1,\n        weeks_min: 4, weeks_max: 16, phase: cocreate }\n",
         "en": "  stalls:\n    - { id: stall, name: \"A partner drops out, or the politicians put the project on "
               "hold\", chance: 0.1,\n        weeks_min: 4, weeks_max: 16, phase: cocreate }\n"}


# -- the simulation --------------------------------------------------------------------------------------
def test_the_normal_distribution_function_is_accurate():
    z = np.linspace(-6, 6, 241)
    exact = np.array([0.5 * (1 + math.erf(v / math.sqrt(2))) for v in z])
    assert np.max(np.abs(normal_cdf(z) - exact)) < 2e-7
    assert normal_cdf(np.array([0.0]))[0] == pytest.approx(0.5, abs=1e-9)


@pytest.mark.parametrize("rho", [0.0, 0.3, 0.5, 0.9])
def test_delays_carry_over_with_the_correlation_the_course_sets(rho):
    """The phases' durations have the rank correlation a Gaussian copula with correlation ρ gives, (6/π) asin(ρ/2),
    and each phase keeps its own triangular distribution (its quantiles by hand)."""
    drawn = simulate([10, 10], [10, 10], [20, 20], 10_000, seed=11, correlation=rho)
    ranks = np.argsort(np.argsort(drawn, axis=0), axis=0)
    spearman = np.corrcoef(ranks[:, 0], ranks[:, 1])[0, 1]
    assert spearman == pytest.approx(6 / math.pi * math.asin(rho / 2), abs=0.03)
    for column in drawn.T:  # F^-1(q) = 20 - 10 sqrt(1 - q)
        for q in (0.5, 0.85):
            assert np.percentile(column, q * 100) == pytest.approx(20 - 10 * math.sqrt(1 - q), abs=0.15)


def test_a_stall_happens_in_its_share_of_the_projects_for_its_weeks():
    pauses = stall_weeks(2019, 10_000, 3, ((1, 0.1, 4.0, 16.0),))
    stalled = pauses[:, 1] > 0
    assert stalled.mean() == pytest.approx(0.1, abs=0.01)
    assert pauses[stalled, 1].min() >= 4 and pauses[stalled, 1].max() <= 16
    assert pauses[stalled, 1].mean() == pytest.approx(10, abs=0.4)
    assert not pauses[:, [0, 2]].any()


def test_the_assumptions_widen_the_default_plans_spread(course):
    """On the default plan: the phases alone, then delays that carry over, then the stalls (issue 22: about 8
    weeks, and about 10 when delays carry over)."""
    effects = assumption_effects(course)
    assert len(effects) == 3
    buffers = [f.buffer_days / 7 for _, f in effects]
    assert buffers == sorted(buffers) and buffers[0] < buffers[1] < buffers[2]
    assert 7 <= buffers[0] <= 8.5 and 8 <= buffers[1] <= 9.5 and 9.5 <= buffers[2] <= 11


# -- from the course file ---------------------------------------------------------------------------------
def finish_85(path, lang) -> date:
    course = read_course(path, lang)
    return forecast(TimelinePlan.from_course(course, START), lang).finish_date(85)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_85_percent_date_moves_with_the_course_files_assumptions(tmp_path, lang):
    shipped = finish_85(edited(tmp_path, lang, name="shipped.yaml"), lang)
    independent = finish_85(edited(tmp_path, lang, ("  correlation: 0.5", "  correlation: 0"), name="a.yaml"), lang)
    carried = finish_85(edited(tmp_path, lang, ("  correlation: 0.5", "  correlation: 1"), name="b.yaml"), lang)
    no_stall = finish_85(edited(tmp_path, lang, (STALL[lang], ""), name="c.yaml"), lang)
    likelier = finish_85(edited(tmp_path, lang, ("chance: 0.1", "chance: 0.3"), name="d.yaml"), lang)
    assert independent < shipped < carried
    assert no_stall < shipped < likelier


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_course_file_from_before_has_no_carry_over_and_no_stalls(tmp_path, lang):
    path = edited(tmp_path, lang, ("  correlation: 0.5\n", ""), (STALL[lang], ""))
    course = read_course(path, lang)
    assert course.timeline.correlation == 0.0 and course.timeline.stalls == ()
    html = str(__import__("samskabelse").timeline_assumptions(course))
    assert ("går i stå" if lang == "da" else "stalling") in html


CHECKS = [  # the edit, and what the message says in Danish and in English
    (("  correlation: 0.5", "  correlation: 1.5"),
     "timeline.correlation: skal være mellem 0 og 1, men er 1.5",
     "timeline.correlation: must be between 0 and 1, but is 1.5"),
    (("chance: 0.1", "chance: 10"),
     "timeline.stalls[0].chance: er en andel mellem 0 og 0.5 (0.1 betyder 10 %), men er 10",
     "timeline.stalls[0].chance: is a share between 0 and 0.5 (0.1 means 10%), but is 10"),
    (("weeks_min: 4, weeks_max: 16", "weeks_min: 20, weeks_max: 16"),
     "timeline.stalls[0].weeks_min: 'weeks_min' (20) må ikke være større end 'weeks_max' (16)",
     "timeline.stalls[0].weeks_min: 'weeks_min' (20) must not be greater than 'weeks_max' (16)"),
    (("weeks_max: 16, phase: cocreate", "weeks_max: 16, phase: cocreation"),
     "timeline.stalls[0].phase: 'cocreation' findes ikke blandt phases",
     "timeline.stalls[0].phase: 'cocreation' is not one of the phases"),
    (("weeks_max: 16, phase: cocreate }", "weeks_max: 16, phase: cocreate, chanse: 2 }"),
     "timeline.stalls[0].chanse: kendes ikke", "timeline.stalls[0].chanse: is not known"),
]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(("edit", "da", "en"), CHECKS, ids=["correlation", "chance", "weeks", "phase", "key"])
def test_the_check_refuses_odd_assumptions_in_the_files_language(tmp_path, lang, edit, da, en):
    message = message_for(edited(tmp_path, lang, edit), lang)
    assert (da if lang == "da" else en) in message, message


@pytest.mark.parametrize("lang", ["da", "en"])
def test_four_stalls_are_more_than_the_course_shows(tmp_path, lang):
    more = STALL[lang] + "".join(f"    - {{ id: s{i}, name: S{i}, chance: 0.1, weeks_min: 1, weeks_max: 2, phase: "
                                 f"anchor }}\n" for i in range(3))
    message = message_for(edited(tmp_path, lang, (STALL[lang], more)), lang)
    assert ("har 4 punkter; kurset kan vise 0 til 3" if lang == "da" else "has 4 entries; the course can show 0 to 3") \
        in message


# -- what to say, and one date -----------------------------------------------------------------------------
def test_the_sentence_says_what_its_85_percent_rests_on(course):
    text = upward_sentence(forecast(TimelinePlan.from_course(course, START), course.language), course)
    assert ("Med kursets antagelser om usikkerhed" if course.language == "da" else
            "On the course's assumptions about uncertainty") in text


@pytest.mark.parametrize("weeks", [(8, 20, 10), (3, 9, 2), (30, 40, 12), (1, 1, 1)])
def test_one_plan_one_date(course, weeks):
    """The sentence, the table beside it, the figure's label and the figure's text alternative give the same date by
    which the plan is finished at the highest percentile (the sentence used to round the buffer to whole weeks and
    name a later day)."""
    plan = TimelinePlan.from_course(course, START)
    for phase, w in zip(plan.phases, weeks, strict=True):
        phase.weeks = w
    plan.follow_rules()
    w = plan_timeline(course, plan)
    result, lang = w.result, course.language
    day = result.finish_date(85)
    assert result.buffer_date == day
    sentence = upward_sentence(result, course)
    dates = re.findall(r"\d{1,2}\.? \w+ \d{4}", sentence)
    assert dates[-1] == format_date(day, lang), sentence
    assert format_date(day, lang) in result_html(result, course)
    assert sorted(set(re.findall(r"\d{1,2}\.? \w+ \d{4}", result_html(result, course)))) == sorted(
        {format_date(d, lang) for d in (result.planned_finish, result.finish_date(50), day,
                                        *(x.date for x in plan.deadlines))})
    labels = [label.text for label in w.figure.q_labels]
    assert any(format_short_date(day, lang) in text for text in labels), labels
    assert format_date(day, lang) in w.live.alt
    # the plan (07) says the sentence, and the team view (08) gives the same day in its 85 % column
    plan.answered |= plan.shown_keys()
    lines = DEFINITION.plan(plan, course)
    assert lines[0].text == sentence
    (table, *_) = DEFINITION.tables([Person("Mette", plan)], course)
    assert table.rows[0][table.head.index(DEFINITION.TEXT[lang]["q"].format(q=85))] == format_date(day, lang)


# -- the widget's working model ------------------------------------------------------------------------------
def test_the_carry_over_and_the_stall_chance_are_adjustable_in_the_widget(da):
    w = plan_timeline(da, TimelinePlan.from_course(da, START))
    before = w.result.finish_weeks(85)
    w.correlation.value = "0"
    assert w.model.correlation == 0.0 and w.result.finish_weeks(85) < before
    w.stall_chances["stall"].value = "25 %"
    assert w.model.stall_chances["stall"] == 0.25 and "correlation" in w.model.answered
    w.stall_chances["stall"].value = "70"
    assert "skal ligge mellem 0 og 50 %" in w.message.value and w.model.stall_chances["stall"] == 0.25
    w.correlation.value = "0,5"
    assert w.message.value == "" or "70" in w.message.value
    w.show_model.value = True
    assert {"correlation", "stalls.stall"} <= set(w.controls())


def test_the_assumptions_are_saved_with_the_plan(course):
    plan = TimelinePlan.from_course(course, START)
    plan.correlation, plan.stall_chances["stall"] = 0.2, 0.05
    again, notes = TimelinePlan.from_dict(plan.to_dict(), course)
    assert notes == [] and again.correlation == 0.2 and again.stall_chances == {"stall": 0.05}
    data = plan.to_dict()
    data["correlation"], data["stalls"] = 7, {"stall": "often"}
    again, notes = TimelinePlan.from_dict(data, course)
    assert again.correlation == course.timeline.correlation and again.stall_chances == {"stall": 0.1}
    assert len(notes) == 2
