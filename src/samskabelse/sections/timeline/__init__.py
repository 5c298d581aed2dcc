"""A realistic timeline (notebook 06): plan the three phases, see how long co-creation may really take.

    timeline = plan_timeline(course)      # the widget; timeline.model is the TimelinePlan
    timeline.upward()                     # the sentence a manager can put in a note to top management,
                                          # following the widget (it changes when the plan changes)

Files to take along (CSV, PNG, PDF, .ics) are made by timeline_export.py, which builds on this module.

The publication says that a realistic time frame is an important part of framing, because co-creation
often takes longer than expected. How "realistic" is computed is the course's working model, read from
`timeline:` in data/<lang>/course.yaml:

- Each phase has a planned duration in weeks and an uncertainty level. The level's three factors turn the
  plan into a three-point estimate: optimistic = weeks x optimistic factor, likely = weeks x likely factor,
  pessimistic = weeks x pessimistic factor.
- Each phase's duration is drawn from the **triangular** distribution over those three points (not PERT:
  the triangular distribution gives more weight to the pessimistic tail, and its quantiles can be checked
  by hand). A draw applies the distribution's quantile function to a uniform number from
  `numpy.random.default_rng(seed)`, so a zero-width estimate gives exactly the plan.
- Delays carry from phase to phase: the phases' uniform numbers come from normal numbers with the correlation
  `timeline.correlation` (a Gaussian copula, uniform_draws), so a project late in one phase tends to be late in
  the next; each phase keeps its triangular distribution.
- What can stall co-creation (`timeline.stalls`: a partner leaving, a political pause): in a share `chance` of the
  projects, the phase `phase` stands still for between `weeks_min` and `weeks_max` weeks (stall_weeks): the tail
  the triangular distribution, capped at the pessimistic estimate, does not have.
- The phases follow one another: a phase ends when the phases before it and itself are done, and the
  project's duration is the sum of the phases' durations. `draws` (10,000) projects are drawn at once,
  vectorised; the same seed gives the same figures every time. The random numbers depend only on the seed, the
  number of draws and phases, the correlation and the stalls, and are computed once (cached): a slider change
  costs the quantile function, a sum and a sort.
- Durations become dates by adding whole days, rounded up: a plan of 38 weeks from a Monday is finished by
  the Monday 38 weeks later. "The 85 % date" is the date by which 85 % of the drawn projects are finished; the
  buffer to ask for ends on it (one plan, one date: the sentence, the figure and the table name the same day).
  The chance of meeting a deadline is the share of drawn projects in which the phase the deadline needs
  (by default the last one: the whole project) is finished on or before it.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from typing import Any, ClassVar

import numpy as np

from samskabelse.base import i18n
from samskabelse.base.i18n import Texts, join_names
from samskabelse.course import EARLIEST_DATE, LATEST_DATE, STALL_CHANCE_MAX, Course, Deadline, Milestone, Stall
from samskabelse.sections.protocol import (
    ANSWERED_FIELD,
    AnswerError,
    any_answered,
    confirm,
    dump_answered,
    key,
    restored_answered,
    saved_answered,
    show_on_screen,
    shown_items,
)
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.answering import SuggestionNote
from samskabelse.widgets.display import HTMLText, user_text
from samskabelse.widgets.figures import (
    HATCHES,
    MAX_WIDTH,
    PALETTE,
    SERIES,
    BandedPNG,
    BlitLiveFigure,
    LabelSpace,
    PathText,
    new_figure,
)
from samskabelse.widgets.guard import ErrorBoundary

MAX_WEEKS = 520  # per phase, as the course file allows
SLIDER_MAX_WEEKS = 104
FACTOR_RANGE = (0.1, 10.0)
NAME_CHARS = 40  # a deadline's or project's name in the sentence and the title
FIGURE_NAME_CHARS = 28  # a deadline's name beside its curve
MILESTONE_NAME_CHARS = 40  # a milestone's name beside its triangle
TITLE_LINE_CHARS = 46  # a line of the figure's title (14 pt bold from the axes' left edge to the figure's right)
TITLE_LINES = 3  # a longer project name wraps onto more lines; only beyond that is it shortened
AT = {"start": 0.0, "middle": 0.5, "end": 1.0}  # where in its phase a milestone falls


TEXT = Texts(
    da={
        # the widget
        "project": "Projekt",
        "project_placeholder": "Projektets navn (valgfrit)",
        "start": "Start",
        "date_placeholder": "dag.måned.år, fx 5.1.2026",
        "phases_head": "Faserne: planlagt varighed i uger og hvor usikker den er",
        "weeks": "uger",
        "deadlines_head": "Faste frister: hvornår, og hvad der skal være færdigt til den",
        "deadline_name": "Frist",
        "deadline_date": "Dato",
        "deadline_phase": "Færdig til fristen",
        "whole_project": "{name} (hele projektet)",
        "model_head": "Kursets arbejdsmodel: usikkerhed (kan justeres)",
        "model_help": "Hver fases planlagte varighed ganges med faktorerne og giver et optimistisk, et sandsynligt "
                      "og et pessimistisk skøn. Faktorerne skal stige fra optimistisk over sandsynlig til "
                      "pessimistisk og ligge mellem 0,1 og 10.",
        "optimistic": "Optimistisk", "likely": "Sandsynlig", "pessimistic": "Pessimistisk",
        "uncertainty_of": "{phase}: usikkerhed", "factor_of": "{level}: {kind} faktor", "level_col": "Usikkerhed",
        "carry_help": "Forsinkelser smitter: et projekt, der trækker ud i én fase, trækker ofte også ud i den næste. "
                      "0 betyder, at faserne er uafhængige af hinanden; 1, at alle faser er lige så tidlige eller sene "
                      "som den første.",
        "correlation": "Hvor meget forsinkelser smitter fra fase til fase (0–1)",
        "stall_help": "Det, der kan få samskabelsen til at gå i stå: hvor mange projekter ud af hundrede det sker i. "
                      "Pausens længde står i kursusfilen.",
        "stall_chance": "Chance i % for: {name}",
        # messages
        "bad_number": "{what}: »{text}« er ikke et tal. Skriv fx 0,5.",
        "bad_date": "»{text}« er ikke en dato, kurset kan læse. Skriv dag.måned.år, fx 5.1.2026, eller "
                    "år-måned-dag, fx 2026-01-05.",
        "no_date": "Skriv en dato for {what}.",
        "the_start": "projektets start",
        "the_deadline": "fristen »{name}«",
        "weeks_low": "Fasen »{phase}« skal vare mere end 0 uger (nu: {weeks}).",
        "weeks_high": "Fasen »{phase}« kan højst vare {max} uger (nu: {weeks}).",
        "weeks_nan": "Fasen »{phase}« mangler en varighed i uger.",
        "unknown_level": "Usikkerheden »{value}« for fasen »{phase}« findes ikke. Vælg en af: {choices}.",
        "factor_range": "Faktoren »{which}« for usikkerheden »{level}« skal ligge mellem 0,1 og 10 (nu: {value}).",
        "factor_order": "Faktorerne for usikkerheden »{level}« skal stige: optimistisk ≤ sandsynlig ≤ "
                        "pessimistisk (nu: {o} – {m} – {p}).",
        "out_of_horizon": "{what} ({date}) ligger uden for kursets planlægningshorisont. Vælg en dato mellem "
                          "{earliest} og {latest}.",
        "deadline_before": "Fristen »{name}« ({date}) ligger før projektets start ({start}). Vælg en dato efter "
                           "starten.",
        "deadline_phase_unknown": "Fristen »{name}« henviser til en fase, kurset ikke har (»{phase}«).",
        "last_good": "Figuren og teksten viser stadig den sidste gyldige plan.",
        "unnamed": "(uden navn)",
        # answers
        "note_phase": "fasen »{phase}« findes ikke i kurset og er sprunget over",
        "note_phase_missing": "fasen »{phase}« manglede i de gemte svar og har fået kursets standard",
        "note_level": "usikkerheden »{value}« findes ikke; fasen »{phase}« har fået »{default}«",
        "note_weeks": "varigheden {value} for fasen »{phase}« er uden for 0–{max} uger; kursets standard er brugt",
        "note_deadline": "fristen »{id}« findes ikke i kurset og er sprunget over",
        "note_date": "datoen »{value}« for {what} kunne ikke læses; kursets standard er brugt",
        "note_seed": "simuleringens startværdi (seed) »{value}« kan ikke bruges (den skal være et helt tal fra 0); "
                     "kursets {used} er brugt",
        "note_deadline_phase": "fasen »{value}« for {what} findes ikke; kursets standard er brugt",
        "note_factors": "faktorerne for usikkerheden »{level}« er ugyldige; kursets standard er brugt",
        "note_field": "{what} kunne ikke læses; kursets forslag er brugt",
        "note_correlation": "hvor meget forsinkelser smitter mellem faserne (»{value}«), kunne ikke bruges; kursets "
                            "antagelse er brugt",
        "note_stall": "chancen for »{name}« (»{value}«) kunne ikke bruges; kursets antagelse er brugt",
        "correlation_range": "Hvor meget forsinkelser smitter mellem faserne, skal ligge mellem 0 og 1 (nu: {value}).",
        "stall_range": "Chancen for »{name}« skal ligge mellem 0 og {max} % (nu: {value}).",
        "field_phases": "fasernes varighed og usikkerhed", "field_deadlines": "fristerne",
        "field_factors": "usikkerhedsfaktorerne", "field_stalls": "chancerne for, at samskabelsen går i stå",
        "note_project": "projektets navn kunne ikke læses og er udeladt",
        "note_deadline_name": "navnet på fristen »{name}« kunne ikke læses; kursets navn er brugt",
        "note_own_date": "det kunne ikke læses, om datoen for {what} er din egen; den følger kursets regel, hvis den "
                         "er den samme som reglens",
        "note_migrated": "tidsplanen er gemt med en tidligere version af kurset: de uger, den usikkerhed og de "
                         "frister, notebook 06 viste, da du gemte, tæller nu som dine svar",
        "bad_answers": "Tidsplanens gemte svar kan ikke læses: {field} skal være {expected}.",
        # the figure
        "title": "Tidsplan: planlagt og realistisk",
        "alt": "Figur: {title}. {phases} {project} {milestones} {deadlines}",
        "alt_phase": "Fase {name}: {weeks}, usikkerhed {level}, planlagt slut {plan}, realistisk slut {qs}.",
        "alt_project": "Hele projektet: {weeks}, planlagt slut {plan}, færdigt {qs}; chance for at holde planen "
                       "{chance}.",
        "alt_q": "{date} ({q})",
        "alt_milestones": "Milepæle: {items}.",
        "alt_deadlines": "Faste frister: {items}.",
        "alt_deadline": "{name} {date}, chance {chance}",
        "col_what": "Hvad", "col_plan": "Planlagt", "col_chance": "Chance",
        "kind_milestone": "Milepæl: {name}", "kind_deadline": "Frist: {name}",
        "title_project": "Tidsplan: {project}",
        "total": "Hele projektet",
        "row_label": "{number} {name}\nusikkerhed: {level}",
        "bar_weeks": "{weeks} uger",
        "total_label": "{weeks} uger · chancen for at holde planen: {chance}",
        "xlabel": "Kalenderuge (ISO 8601)",
        "week_tick": "uge {week}",
        "curve_ylabel": "Chance for at\nvære færdig",
        "legend_planned": "Planlagt fase", "legend_p": "Realistisk slut, {q} %",
        "legend_milestone": "Milepæl (planlagt)", "legend_deadline": "Fast frist",
        "legend_plan_end": "Planlagt slut", "legend_curves": "Chance for at fase 1, 2, 3 er færdig",
        "q_label": "{q} %: {date}",
        "curve_deadline": "{name}: {chance}",
        # the result
        "say_head": "Det kan du skrive opad",
        "suggested": "Sætningerne bygger på kursets forslag til en plan, til du ændrer planen eller siger, at du er "
                     "enig i forslaget.",
        "row_plan": "Planlagt slut", "row_q": "Færdig senest, {q} % sandsynlighed",
        "row_plan_chance": "Chancen for at holde planen",
        "row_deadline": "Chance for at nå »{name}« ({date})",
        "row_deadline_phase": "Chance for at have »{phase}« færdig til »{name}« ({date})",
        "row_buffer": "Buffer at bede om", "row_buffer_value": "{weeks} (til {date})",
        "week_of": "uge {week}",
        "n_weeks": "{n} uger", "one_week": "1 uge", "n_days": "{n} dage", "one_day": "1 dag",
        "percent": "{n} %", "below_one": "under 1 %", "above_99": "over 99 %",
        # the sentence: two at most, short enough to say aloud
        "s_plan": "Vi planlægger at være færdige den {date} (uge {week}), men samskabelse tager ofte længere tid end "
                  "ventet.",
        "s_buffer": "Med kursets antagelser om usikkerhed beder vi derfor om en buffer på {weeks}: så er vi med {q} "
                    "sandsynlighed færdige senest den {date}.",
        "s_no_buffer": "Med kursets antagelser om usikkerhed holder planen med mindst {q} sandsynlighed, så den "
                       "behøver ingen ekstra buffer.",
        "and": "og",
    },
    en={
        "project": "Project",
        "project_placeholder": "The project's name (optional)",
        "start": "Start",
        "date_placeholder": "year-month-day, e.g. 2026-01-05",
        "phases_head": "The phases: planned duration in weeks and how uncertain it is",
        "weeks": "weeks",
        "deadlines_head": "Fixed deadlines: when, and what must be finished by then",
        "deadline_name": "Deadline",
        "deadline_date": "Date",
        "deadline_phase": "Finished by then",
        "whole_project": "{name} (the whole project)",
        "model_head": "The course's working model: uncertainty (adjustable)",
        "uncertainty_of": "{phase}: uncertainty", "factor_of": "{level}: {kind} factor", "level_col": "Uncertainty",
        "carry_help": "Delays carry over: a project that runs late in one phase often runs late in the next too. 0 "
                      "means that the phases are independent of each other; 1, that every phase is as early or late "
                      "as the first.",
        "correlation": "How much delays carry from phase to phase (0–1)",
        "stall_help": "What can stall co-creation: in how many projects out of a hundred it happens. How long the "
                      "pause lasts is in the course file.",
        "stall_chance": "Chance in % of: {name}",
        "model_help": "Each phase's planned duration is multiplied by the factors, giving an optimistic, a likely "
                      "and a pessimistic estimate. The factors must rise from optimistic through likely to "
                      "pessimistic and lie between 0.1 and 10.",
        "optimistic": "Optimistic", "likely": "Likely", "pessimistic": "Pessimistic",
        "bad_number": "{what}: “{text}” is not a number. Write e.g. 0.5.",
        "bad_date": "“{text}” is not a date the course can read. Write year-month-day, e.g. 2026-01-05, or "
                    "day.month.year, e.g. 5.1.2026.",
        "no_date": "Enter a date for {what}.",
        "the_start": "the project's start",
        "the_deadline": "the deadline “{name}”",
        "weeks_low": "Phase “{phase}” must last more than 0 weeks (now: {weeks}).",
        "weeks_high": "Phase “{phase}” can last at most {max} weeks (now: {weeks}).",
        "weeks_nan": "Phase “{phase}” has no duration in weeks.",
        "unknown_level": "There is no uncertainty “{value}” for phase “{phase}”. Choose one of: {choices}.",
        "factor_range": "The {which} factor of the uncertainty “{level}” must lie between 0.1 and 10 (now: {value}).",
        "factor_order": "The factors of the uncertainty “{level}” must rise: optimistic ≤ likely ≤ pessimistic "
                        "(now: {o} – {m} – {p}).",
        "out_of_horizon": "{what} ({date}) is outside the course's planning horizon. Choose a date between "
                          "{earliest} and {latest}.",
        "deadline_before": "The deadline “{name}” ({date}) is before the project's start ({start}). Choose a date "
                           "after the start.",
        "deadline_phase_unknown": "The deadline “{name}” refers to a phase the course does not have (“{phase}”).",
        "last_good": "The figure and the text still show the last valid plan.",
        "unnamed": "(unnamed)",
        "note_phase": "phase “{phase}” is not in the course and was skipped",
        "note_phase_missing": "phase “{phase}” was missing from the saved answers and got the course's default",
        "note_level": "there is no uncertainty “{value}”; phase “{phase}” got “{default}”",
        "note_weeks": "the duration {value} of phase “{phase}” is outside 0–{max} weeks; the course's default is used",
        "note_deadline": "the deadline “{id}” is not in the course and was skipped",
        "note_date": "the date “{value}” for {what} could not be read; the course's default is used",
        "note_seed": "the simulation's seed “{value}” cannot be used (it must be a whole number from 0); the "
                     "course's {used} is used",
        "note_deadline_phase": "there is no phase “{value}” for {what}; the course's default is used",
        "note_factors": "the factors of the uncertainty “{level}” are invalid; the course's default is used",
        "note_field": "{what} could not be read; the course's suggestion is used",
        "note_correlation": "how much delays carry from phase to phase (“{value}”) could not be used; the course's "
                            "assumption is used",
        "note_stall": "the chance of “{name}” (“{value}”) could not be used; the course's assumption is used",
        "correlation_range": "How much delays carry from phase to phase must lie between 0 and 1 (now: {value}).",
        "stall_range": "The chance of “{name}” must lie between 0 and {max}% (now: {value}).",
        "field_phases": "the phases' durations and uncertainty", "field_deadlines": "the deadlines",
        "field_factors": "the uncertainty factors", "field_stalls": "the chances that co-creation stalls",
        "note_project": "the project's name could not be read and is left out",
        "note_deadline_name": "the name of the deadline “{name}” could not be read; the course's name is used",
        "note_own_date": "whether the date for {what} is your own could not be read; it follows the course's rule if "
                         "it is the rule's date",
        "note_migrated": "the timeline was saved with an earlier version of the course: the weeks, the uncertainty "
                         "and the deadlines notebook 06 showed when you saved now count as your answers",
        "bad_answers": "The timeline's saved answers cannot be read: {field} must be {expected}.",
        "title": "Timeline: planned and realistic",
        "alt": "Figure: {title}. {phases} {project} {milestones} {deadlines}",
        "alt_phase": "Phase {name}: {weeks}, uncertainty {level}, planned finish {plan}, realistic finish {qs}.",
        "alt_project": "Whole project: {weeks}, planned finish {plan}, finished {qs}; chance of keeping to the plan "
                       "{chance}.",
        "alt_q": "{date} ({q})",
        "alt_milestones": "Milestones: {items}.",
        "alt_deadlines": "Fixed deadlines: {items}.",
        "alt_deadline": "{name} {date}, chance {chance}",
        "col_what": "What", "col_plan": "Planned", "col_chance": "Chance",
        "kind_milestone": "Milestone: {name}", "kind_deadline": "Deadline: {name}",
        "title_project": "Timeline: {project}",
        "total": "Whole project",
        "row_label": "{number} {name}\nuncertainty: {level}",
        "bar_weeks": "{weeks} weeks",
        "total_label": "{weeks} weeks · chance of keeping to the plan: {chance}",
        "xlabel": "Calendar week (ISO 8601)",
        "week_tick": "w{week}",
        "curve_ylabel": "Chance of\nbeing finished",
        "legend_planned": "Planned phase", "legend_p": "Realistic finish, {q}%",
        "legend_milestone": "Milestone (planned)", "legend_deadline": "Fixed deadline",
        "legend_plan_end": "Planned finish", "legend_curves": "Chance that phase 1, 2, 3 is finished",
        "q_label": "{q}%: {date}",
        "curve_deadline": "{name}: {chance}",
        "say_head": "What you can write upward",
        "suggested": "The sentences are built on the course's suggested plan until you change the plan or say that "
                     "you agree with the suggestion.",
        "row_plan": "Planned finish", "row_q": "Finished by, {q}% chance",
        "row_plan_chance": "Chance of keeping to the plan",
        "row_deadline": "Chance of meeting “{name}” ({date})",
        "row_deadline_phase": "Chance of having “{phase}” finished by “{name}” ({date})",
        "row_buffer": "Buffer to ask for", "row_buffer_value": "{weeks} (to {date})",
        "week_of": "week {week}",
        "n_weeks": "{n} weeks", "one_week": "1 week", "n_days": "{n} days", "one_day": "1 day",
        "percent": "{n}%", "below_one": "under 1%", "above_99": "over 99%",
        "s_plan": "We plan to finish on {date} (week {week}), but co-creation often takes longer than expected.",
        "s_buffer": "On the course's assumptions about uncertainty, we therefore ask for a buffer of {weeks}, which "
                    "gives {article} {q} chance of finishing by {date}.",
        "s_no_buffer": "On the course's assumptions about uncertainty, there is at least {article} {q} chance that "
                       "the plan holds, so it needs no extra buffer.",
        "and": "and",
    },
)


# ---------------------------------------------------------------------------------------------
# Dates
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$")


class PlanError(ValueError):
    """Input the plan cannot use. The message, in the course's language, says what to do (HTML-safe)."""


def parse_date(text: str, lang: str, what: str = "") -> date:
    """A date typed by a person: 2026-01-05 (ISO) or 5.1.2026 / 5/1/2026 / 5-1-2026 (day first)."""
    t = TEXT[lang]
    value = " ".join(str(text if text is not None else "").split())
    if not value:
        raise PlanError(t["no_date"].format(what=what or t["the_start"]))
    match = _ISO.match(value)
    parts = (match.group(1), match.group(2), match.group(3)) if match else None
    if parts is None and (match := _DMY.match(value)):
        parts = (match.group(3), match.group(2), match.group(1))
    try:
        if parts is None:
            raise ValueError(value)
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise PlanError(t["bad_date"].format(text=user_text(value, 40))) from None


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_number(text: str, lang: str, what: str) -> float:
    """A number typed by a person: 0,9 or 0.9 (either decimal mark, in either language), spaces ignored."""
    value = "".join(str(text if text is not None else "").split())
    if not _NUMBER.match(value):
        raise PlanError(TEXT[lang]["bad_number"].format(what=html.escape(what), text=user_text(value, 20)))
    return float(value.replace(",", "."))


@functools.lru_cache(maxsize=4096)  # Babel takes about 50 µs a date; the figure and its text ask for dozens a change
def format_date(day: date, lang: str) -> str:
    """Long form, in each language's convention: 28. september 2026 / 28 September 2026."""
    return i18n.format_date(day, lang)


@functools.lru_cache(maxsize=4096)
def format_short_date(day: date, lang: str) -> str:
    """For the figure: 28. sep. 2026 / 28 Sep 2026."""
    return i18n.format_date(day, lang, "short")


def format_input_date(day: date, lang: str) -> str:
    """How a date is written into a text field: 5.1.2026 in Danish, 2026-01-05 in English."""
    return f"{day.day}.{day.month}.{day.year}" if lang == "da" else day.isoformat()


def in_horizon(day: date) -> bool:
    """Whether a plan may use the date: within the course's planning horizon (course.EARLIEST_DATE to LATEST_DATE)."""
    return EARLIEST_DATE <= day <= LATEST_DATE


def days_for(weeks: float) -> int:
    """Whole days for a duration in weeks, rounded up (38 weeks -> 266 days, 38.1 weeks -> 267)."""
    return math.ceil(round(float(weeks) * 7, 6))


def date_after(start: date, weeks: float) -> date:
    return start + timedelta(days=days_for(weeks))


def next_monday(today: date | None = None) -> date:
    today = today or date.today()
    return today + timedelta(days=7 - today.weekday())


def format_weeks(weeks: float, lang: str) -> str:
    """8 / 8,5 (da) / 8.5 (en): whole weeks without decimals."""
    return _format_weeks(float(weeks), lang)


@functools.lru_cache(maxsize=1024)  # Babel's number formatting, asked for on every slider move
def _format_weeks(value: float, lang: str) -> str:
    return i18n.format_number(value, lang, 0 if value == int(value) else 1)


def format_chance(p: float, lang: str) -> str:
    """12 % / 12%, never claiming a certainty that 10,000 draws cannot give."""
    t = TEXT[lang]
    n = round(p * 100)
    if n == 0 and p > 0:
        return t["below_one"]
    if n == 100 and p < 1:
        return t["above_99"]
    return t["percent"].format(n=n)


def _article(percent: int) -> str:
    """English: a 50% chance, an 85% chance, an 11% chance."""
    spoken = str(percent)
    return "an" if spoken.startswith("8") or spoken in ("11", "18") else "a"


def _shown(value: Any) -> str:
    """A value read from a file, for a note: as the file wrote it (JSON), shortened and escaped."""
    try:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = str(value)
    return user_text(text, 30)


def _number(value: object, lang: str) -> str:
    """A number as the page writes it: 0,5 in Danish, 0.5 in English (at most two decimals); else as it is."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return user_text(value, 20)
    return i18n.format_number(value, lang, 2, trim=True)


def _percent_number(share: object, lang: str) -> str:
    """A share as a percentage without the sign: 0.1 -> 10, 0.025 -> 2,5."""
    if not isinstance(share, (int, float)) or isinstance(share, bool) or not math.isfinite(share):
        return user_text(share, 20)
    return _number(round(share * 100, 2), lang)


def _factor(value: float, lang: str) -> str:
    return i18n.format_number(value, lang, 6, trim=True)


def deadline_date(deadline: Deadline, start: date, phases: list[PhaseEstimate], phase: str = "") -> date:
    """Where a course file's deadline falls for a plan starting `start`: weeks after the start, a calendar date,
    or a day of the year ("12-31": the first 31 December on or after the planned end of the phase that must be
    done, `phase` or else the course's; the budget year's end for a plan that ends in that year)."""
    if not deadline.date:
        return date_after(start, deadline.weeks_after_start or 0)
    if len(deadline.date) == 10:
        return date.fromisoformat(deadline.date)
    month, day = (int(x) for x in deadline.date.split("-"))
    ids = [p.phase for p in phases]
    done = phase or deadline.phase_done
    index = ids.index(done) if done in ids else len(phases) - 1
    planned_end = date_after(start, sum(p.weeks for p in phases[: index + 1]))
    for year in (planned_end.year, planned_end.year + 1, planned_end.year + 2):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a year without it
            continue
        if candidate >= planned_end:
            return candidate
    return planned_end


# ---------------------------------------------------------------------------------------------
# The model
@dataclass
class PhaseEstimate:
    phase: str  # a phase id of the course
    weeks: float
    uncertainty: str  # an uncertainty level id


@dataclass
class DeadlineEntry:
    id: str
    name: str
    date: date
    phase: str  # the phase that must be finished by the deadline (the last one: the whole project)
    # True once the participant typed a date of their own; until then a deadline the course gives relative to the
    # plan (weeks after the start, the 31 December after the planned end) follows the plan (TimelinePlan.follow_rules)
    own_date: bool = False
    rule: Deadline | None = field(default=None, compare=False, repr=False)  # the course's deadline; not saved

    @property
    def follows(self) -> bool:
        """Whether the date follows the plan: the course gives it relative to the plan, and it is not typed."""
        return not self.own_date and self.rule is not None and len(self.rule.date) != 10


@dataclass
class TimelinePlan:
    """What the manager decides in notebook 06. Edited by the widget; saved with to_dict()."""

    SECTION: ClassVar[str] = "timeline"

    start: date
    phases: list[PhaseEstimate]
    deadlines: list[DeadlineEntry]
    factors: dict[str, tuple[float, float, float]]  # uncertainty level id -> optimistic, likely, pessimistic
    project: str = ""
    milestones: tuple[Milestone, ...] = ()  # the course's, placed on the plan; not saved
    draws: int = 10_000
    seed: int = 2019
    percentiles: tuple[int, ...] = (50, 85)
    correlation: float = 0.0  # how far delays carry from phase to phase (uniform_draws)
    stalls: tuple[Stall, ...] = ()  # the course's, what can stall co-creation; not saved
    stall_chances: dict[str, float] = field(default_factory=dict)  # stall id -> its chance (a share), adjustable
    # "project", "start", "phases.<phase>.weeks|uncertainty", "deadlines.<id>.name|date|phase", "factors.<level>"
    # (model.py's protocol): what the participant changed in the widget
    answered: set[str] = field(default_factory=set, compare=False, repr=False)
    # the answer keys whose value came from a saved file (from_dict): what a migration may count as shown
    present: set[str] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def from_course(cls, course: Course, start: date | None = None) -> TimelinePlan:
        """The course's default plan, starting `start` (default: next Monday)."""
        tl = course.timeline
        start = start or next_monday()
        last = course.phases[-1].id
        phases = [PhaseEstimate(p.phase, float(p.weeks), p.uncertainty) for p in tl.phases]
        return cls(
            start=start,
            phases=phases,
            deadlines=[DeadlineEntry(d.id, d.name, deadline_date(d, start, phases), d.phase_done or last, rule=d)
                       for d in tl.deadlines],
            factors={u.id: (u.optimistic, u.likely, u.pessimistic) for u in tl.uncertainty_levels},
            milestones=tl.milestones, draws=tl.draws, seed=tl.seed, percentiles=tuple(tl.percentiles),
            correlation=tl.correlation, stalls=tl.stalls, stall_chances={st.id: st.chance for st in tl.stalls},
        )

    def copy(self) -> TimelinePlan:
        return replace(self, phases=[replace(p) for p in self.phases],
                       deadlines=[replace(d) for d in self.deadlines], factors=dict(self.factors),
                       stall_chances=dict(self.stall_chances), answered=set(self.answered))

    def assign(self, other: TimelinePlan) -> None:
        """Take over another plan's values, keeping this object (and its answered set): the widget's model is the
        object the save box was given when the notebook opened, and stays so while the plan changes."""
        fresh = other.copy()
        for f in fields(self):
            if f.name != "answered":
                setattr(self, f.name, getattr(fresh, f.name))

    def shown_keys(self) -> set[str]:
        """The items notebook 06 shows with a value for this plan: all but an empty project name and the working
        model's factors (behind a check box)."""
        keys = {"start"} | ({"project"} if self.project.strip() else set())
        keys |= {key("phases", p.phase, what) for p in self.phases for what in ("weeks", "uncertainty")}
        keys |= {key("deadlines", d.id, what) for d in self.deadlines for what in ("name", "date", "phase")}
        return keys

    def follow_rules(self) -> None:
        """Put every deadline that follows the plan (DeadlineEntry.follows) where the course's rule puts it now."""
        if not in_horizon(self.start):
            return  # a start the plan cannot use (problems() says so): the deadlines stay where they were
        for d in self.deadlines:
            if d.follows:
                try:
                    d.date = deadline_date(d.rule, self.start, self.phases, d.phase)
                except (OverflowError, ValueError):  # beyond the calendar: problems() names the phases' weeks
                    continue

    def phase_index(self, phase: str) -> int:
        return [p.phase for p in self.phases].index(phase)

    def problems(self, course: Course) -> list[str]:
        """What is wrong with the plan, as HTML-safe messages in the course's language (empty: usable)."""
        lang = course.language
        t = TEXT[lang]
        out = []
        names = {p.id: p.name for p in course.phases}
        level_names = {u.id: u.name for u in course.timeline.uncertainty_levels}
        for level, values in self.factors.items():
            label = html.escape(level_names.get(level, str(level)))
            if len(values) != 3 or any(not isinstance(v, (int, float)) or not math.isfinite(v) for v in values):
                out.append(t["factor_range"].format(which="?", level=label, value="?"))
                continue
            for which, value in zip(("optimistic", "likely", "pessimistic"), values, strict=True):
                if not FACTOR_RANGE[0] <= value <= FACTOR_RANGE[1]:
                    out.append(t["factor_range"].format(which=t[which].lower(), level=label,
                                                        value=_factor(value, lang)))
            o, m, p = values
            if not o <= m <= p:
                out.append(t["factor_order"].format(level=label, o=_factor(o, lang), m=_factor(m, lang),
                                                    p=_factor(p, lang)))
        if not (isinstance(self.correlation, (int, float)) and math.isfinite(self.correlation)
                and 0 <= self.correlation <= 1):
            out.append(t["correlation_range"].format(value=_number(self.correlation, lang)))
        stall_names = {st.id: st.name for st in self.stalls}
        for ident, chance in self.stall_chances.items():
            if not (isinstance(chance, (int, float)) and math.isfinite(chance) and 0 <= chance <= STALL_CHANCE_MAX):
                out.append(t["stall_range"].format(name=html.escape(stall_names.get(ident, ident)),
                                                   value=_percent_number(chance, lang),
                                                   max=_percent_number(STALL_CHANCE_MAX, lang)))
        for ph in self.phases:
            name = html.escape(names.get(ph.phase, ph.phase))
            weeks = ph.weeks
            if not isinstance(weeks, (int, float)) or not math.isfinite(weeks):
                out.append(t["weeks_nan"].format(phase=name))
            elif weeks <= 0:
                out.append(t["weeks_low"].format(phase=name, weeks=format_weeks(weeks, lang)))
            elif weeks > MAX_WEEKS:
                out.append(t["weeks_high"].format(phase=name, weeks=format_weeks(weeks, lang), max=MAX_WEEKS))
            if ph.uncertainty not in self.factors:
                out.append(t["unknown_level"].format(value=user_text(ph.uncertainty, 30), phase=name,
                                                     choices=", ".join(html.escape(n) for n in level_names.values())))
        planned = [p.phase for p in self.phases]
        for what, day in [(t["the_start"], self.start)] + [
                (t["the_deadline"].format(name=user_text(d.name, NAME_CHARS, t["unnamed"])), d.date)
                for d in self.deadlines]:
            if not in_horizon(day):
                out.append(t["out_of_horizon"].format(what=what[:1].upper() + what[1:], date=format_date(day, lang),
                                                      earliest=format_date(EARLIEST_DATE, lang),
                                                      latest=format_date(LATEST_DATE, lang)))
        for d in self.deadlines:
            name = user_text(d.name, NAME_CHARS, t["unnamed"])
            if d.date < self.start:
                out.append(t["deadline_before"].format(name=name, date=format_date(d.date, lang),
                                                       start=format_date(self.start, lang)))
            if d.phase not in planned:
                out.append(t["deadline_phase_unknown"].format(name=name, phase=user_text(d.phase, 30)))
        return out

    # -- saved answers ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "start": self.start.isoformat(),
            "phases": [{"phase": p.phase, "weeks": p.weeks, "uncertainty": p.uncertainty} for p in self.phases],
            "deadlines": [{"id": d.id, "name": d.name, "date": d.date.isoformat(), "phase": d.phase,
                           "own_date": d.own_date} for d in self.deadlines],
            "factors": {k: list(v) for k, v in self.factors.items()},
            "correlation": self.correlation, "stalls": dict(self.stall_chances),
            "draws": self.draws, "seed": self.seed, "percentiles": list(self.percentiles),
            ANSWERED_FIELD: dump_answered(self.answered),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], course: Course) -> tuple[TimelinePlan, list[str]]:
        """The plan from saved answers, matched to the course by id. A value that cannot be used costs that value
        only: the course's suggestion takes its place, and a note (in the course's language) says which."""
        lang = course.language
        t = TEXT[lang]
        if not isinstance(data, dict):
            raise AnswerError(t["bad_answers"].format(field="timeline", expected="{...}"))
        notes: list[str] = []
        saved = saved_answered(data, lang, notes)
        present: set[str] = set()

        def saved_date(value: Any, what: str) -> date | None:
            """A saved ISO date within the planning horizon, or None and a note."""
            if isinstance(value, str):
                try:
                    day = date.fromisoformat(value.strip())
                    if in_horizon(day):
                        return day
                except ValueError:
                    pass
            notes.append(t["note_date"].format(value=_shown(value), what=what))
            return None

        def container(name: str, kind: type) -> Any:
            value = data.get(name)
            if value is None or isinstance(value, kind):
                return value if value is not None else kind()
            notes.append(t["note_field"].format(what=t[f"field_{name}"]))
            return kind()

        start = saved_date(data["start"], t["the_start"]) if "start" in data else None
        if start is not None:
            present.add("start")
        plan = cls.from_course(course, start)
        project = data.get("project")
        if isinstance(project, str):
            plan.project = project
            if project or saved is not None:
                present.add("project")
        elif project is not None:
            notes.append(t["note_project"])
        names = {p.id: p.name for p in course.phases}
        level_names = {u.id: u.name for u in course.timeline.uncertainty_levels}
        for level, values in container("factors", dict).items():
            if level not in plan.factors:
                continue  # a level the course no longer has: a phase that uses it gets a note below
            numbers = values if isinstance(values, list) and len(values) == 3 and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in values) else None
            candidate = replace(plan, factors={level: tuple(float(v) for v in numbers)}, phases=[], deadlines=[]) \
                if numbers else None
            if candidate is None or candidate.problems(course):
                notes.append(t["note_factors"].format(level=html.escape(level_names[level])))
                continue
            plan.factors[level] = candidate.factors[level]
            present.add(key("factors", level))
        if "correlation" in data:
            value = data["correlation"]
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
                    and 0 <= value <= 1:
                plan.correlation = float(value)
                present.add("correlation")
            else:
                notes.append(t["note_correlation"].format(value=_shown(value)))
        stall_names = {st.id: st.name for st in plan.stalls}
        for ident, value in container("stalls", dict).items():
            if ident not in plan.stall_chances:
                continue  # a stall the course no longer has
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
                    and 0 <= value <= STALL_CHANCE_MAX:
                plan.stall_chances[ident] = float(value)
                present.add(key("stalls", ident))
            else:
                notes.append(t["note_stall"].format(name=html.escape(stall_names[ident]), value=_shown(value)))
        by_phase = {p.phase: p for p in plan.phases}
        seen = set()
        phases = container("phases", list)
        for entry in phases:
            phase = entry.get("phase") if isinstance(entry, dict) else entry
            if not isinstance(phase, str) or phase not in by_phase:
                notes.append(t["note_phase"].format(phase=_shown(phase)))
                continue
            target = by_phase[phase]
            seen.add(phase)
            name = html.escape(names[phase])
            weeks = entry.get("weeks") if isinstance(entry, dict) else None
            if isinstance(weeks, (int, float)) and not isinstance(weeks, bool) and 0 < weeks <= MAX_WEEKS:
                target.weeks = float(weeks)
                present.add(key("phases", phase, "weeks"))
            else:
                notes.append(t["note_weeks"].format(value=_shown(weeks), phase=name, max=MAX_WEEKS))
            level = entry.get("uncertainty") if isinstance(entry, dict) else None
            if isinstance(level, str) and level in plan.factors:
                target.uncertainty = level
                present.add(key("phases", phase, "uncertainty"))
            else:
                notes.append(t["note_level"].format(value=_shown(level), phase=name,
                                                    default=html.escape(level_names[target.uncertainty])))
        if phases:
            notes += [t["note_phase_missing"].format(phase=html.escape(names[p])) for p in by_phase if p not in seen]
        by_deadline = {d.id: d for d in plan.deadlines}
        for entry in container("deadlines", list):
            ident = entry.get("id") if isinstance(entry, dict) else entry
            if not isinstance(ident, str) or ident not in by_deadline:
                notes.append(t["note_deadline"].format(id=_shown(ident)))
                continue
            if not isinstance(entry, dict):
                continue  # its id alone: nothing saved for it
            target = by_deadline[ident]
            if isinstance(entry.get("name"), str):
                target.name = entry["name"]
                present.add(key("deadlines", ident, "name"))
            elif "name" in entry:
                notes.append(t["note_deadline_name"].format(name=html.escape(target.name)))
            what = t["the_deadline"].format(name=user_text(target.name, NAME_CHARS, t["unnamed"]))
            if "phase" in entry:
                value = entry["phase"]
                if isinstance(value, str) and value in by_phase:
                    target.phase = value
                    present.add(key("deadlines", ident, "phase"))
                else:
                    notes.append(t["note_deadline_phase"].format(value=_shown(value), what=what))
            day = saved_date(entry["date"], what) if "date" in entry else None
            if day is not None:
                target.date = day
                present.add(key("deadlines", ident, "date"))
            own = entry.get("own_date")
            if not isinstance(own, bool):  # saved before own dates, or unreadable: a date unlike the rule's was typed
                if own is not None:
                    notes.append(t["note_own_date"].format(what=what))
                own = day is not None and target.rule is not None and \
                    day != deadline_date(target.rule, plan.start, plan.phases, target.phase)
            target.own_date = own and day is not None
        plan.follow_rules()
        seed = data.get("seed", plan.seed)
        if isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed < 2**63:
            plan.seed = seed
        else:  # numpy takes a seed from 0 up; the course's own keeps the figures reproducible
            notes.append(t["note_seed"].format(value=_shown(seed), used=plan.seed))
        plan.answered = restored_answered(saved, present)
        plan.present = present
        return plan, notes

    def planned_by_participant(self) -> bool:
        """Whether the participant changed anything in the plan (else it is the course's default plan)."""
        return bool(self.answered)


# ---------------------------------------------------------------------------------------------
# The simulation
# Abramowitz & Stegun, Handbook of Mathematical Functions (1964), formula 7.1.26: erf(x) for x >= 0 with an absolute
# error below 1.5e-7, in numpy (numpy has no erf, and the course needs no scipy for one function)
_AS_P = 0.3275911
_AS_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """The standard normal distribution function, element-wise: Φ(z) = (1 + erf(z / √2)) / 2."""
    x = np.abs(np.asarray(z, dtype=float)) / math.sqrt(2)
    t = 1 / (1 + _AS_P * x)
    poly = t * (_AS_A[0] + t * (_AS_A[1] + t * (_AS_A[2] + t * (_AS_A[3] + t * _AS_A[4]))))
    erf = 1 - poly * np.exp(-x * x)
    return np.clip(0.5 * (1 + np.sign(z) * erf), 0.0, 1.0)


@functools.lru_cache(maxsize=8)
def uniform_draws(seed: int, draws: int, phases: int, correlation: float = 0.0) -> np.ndarray:
    """The seeded uniform numbers every simulation of this shape uses (read-only): the same seed gives the same
    projects, and moving a slider changes the projects smoothly instead of re-drawing them.

    Delays carry from phase to phase: each phase's number comes from a normal one that shares a part with every
    other phase's, z_i = √ρ·s + √(1-ρ)·e_i (s shared by the project, e_i the phase's own), so that any two phases'
    z have the correlation ρ (`correlation`), and u_i = Φ(z_i) is uniform (a Gaussian copula). Each phase's own
    duration keeps its triangular distribution; what changes is that a project late in one phase tends to be late
    in the next. ρ = 0: the phases are independent; ρ = 1: every phase is as early or late as the first."""
    z = np.random.default_rng(seed).standard_normal((draws, phases + 1))
    rho = min(1.0, max(0.0, float(correlation)))
    u = normal_cdf(math.sqrt(rho) * z[:, :1] + math.sqrt(1 - rho) * z[:, 1:])
    u.setflags(write=False)
    return u


@functools.lru_cache(maxsize=8)
def stall_weeks(seed: int, draws: int, phases: int, stalls: tuple[tuple[int, float, float, float], ...]) -> np.ndarray:
    """The weeks each drawn project stands still in each phase (read-only, (draws, phases)): for each stall
    (phase index, chance, fewest weeks, most weeks), in a share `chance` of the projects, a pause drawn evenly
    between the fewest and the most weeks. Drawn from its own seeded stream, after the phases' numbers."""
    rng = np.random.default_rng([seed, 1])
    pauses = np.zeros((draws, phases))
    for index, chance, low, high in stalls:
        happens, length = rng.random(draws), rng.random(draws)
        pauses[:, index] += np.where(happens < chance, low + length * (high - low), 0.0)
    pauses.setflags(write=False)
    return pauses


def triangular_from_uniform(u: np.ndarray, low, mode, high) -> np.ndarray:
    """The triangular distribution's quantile function, applied element-wise (columns = phases).

    F(x) = (x-a)^2 / ((b-a)(c-a)) for a <= x <= c, and 1 - (b-x)^2 / ((b-a)(b-c)) for c <= x <= b, so
    x = a + sqrt(u (b-a)(c-a)) for u < (c-a)/(b-a), else b - sqrt((1-u)(b-a)(b-c)).
    A zero-width estimate (a = c = b) gives exactly a.
    """
    low, mode, high = (np.asarray(v, dtype=float) for v in (low, mode, high))
    width = high - low
    split = np.divide(mode - low, width, out=np.zeros_like(width), where=width > 0)
    rising = low + np.sqrt(u * width * (mode - low))
    falling = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(u < split, rising, falling)


def simulate(lows, modes, highs, draws: int, seed: int, correlation: float = 0.0) -> np.ndarray:
    """Durations of `draws` projects, one column per phase, from three-point estimates (in weeks), the phases'
    delays correlated by `correlation` (uniform_draws)."""
    low = np.atleast_1d(np.asarray(lows, dtype=float))
    return triangular_from_uniform(uniform_draws(seed, draws, low.size, float(correlation)), low, modes, highs)


@dataclass(frozen=True)
class Forecast:
    """A plan and what the simulation says about it. Weeks count from the plan's start."""

    plan: TimelinePlan
    lang: str
    planned_ends: np.ndarray  # (phases,) cumulative planned weeks
    durations: np.ndarray  # (draws, phases)
    sorted_ends: np.ndarray  # (draws, phases): when each phase ends, each column sorted
    end_quantiles: np.ndarray  # (len(percentiles), phases) weeks
    chances: dict[str, float] = field(default_factory=dict)  # deadline id -> chance of meeting it

    @property
    def percentiles(self) -> tuple[int, ...]:
        return self.plan.percentiles

    @property
    def draws(self) -> int:
        return self.sorted_ends.shape[0]

    @property
    def planned_total(self) -> float:
        return float(self.planned_ends[-1])

    @property
    def planned_finish(self) -> date:
        return date_after(self.plan.start, self.planned_total)

    def finish_weeks(self, q: int) -> float:
        return float(self.end_quantiles[self.percentiles.index(q), -1])

    def finish_date(self, q: int) -> date:
        return date_after(self.plan.start, self.finish_weeks(q))

    def phase_end_date(self, phase: int, q: int) -> date:
        return date_after(self.plan.start, float(self.end_quantiles[self.percentiles.index(q), phase]))

    def chance_by_weeks(self, weeks: float, phase: int = -1) -> float:
        """Share of the drawn projects in which `phase` (default: the last) has ended by `weeks`."""
        column = self.sorted_ends[:, phase]
        return float(np.searchsorted(column, weeks + 1e-9, side="right")) / column.size

    def chance_by(self, day: date, phase: int = -1) -> float:
        """Share of the drawn projects in which `phase` (default: the whole project) is done on or before `day`."""
        return self.chance_by_weeks((day - self.plan.start).days / 7, phase)

    @property
    def chance_of_plan(self) -> float:
        return self.chance_by(self.planned_finish)

    @property
    def buffer_days(self) -> int:
        """Days from the planned finish to the date by which the highest percentile of the projects is finished:
        the buffer to ask for. It ends on that date, the one the figure and the table show (one plan, one date)."""
        return max(0, (self.finish_date(max(self.percentiles)) - self.planned_finish).days)

    @property
    def buffer_weeks(self) -> float:
        return self.buffer_days / 7

    @property
    def buffer_date(self) -> date:
        return self.planned_finish + timedelta(days=self.buffer_days)

    def planned_milestone_weeks(self, milestone: Milestone) -> float:
        """Where a milestone falls in the plan, in weeks from the start."""
        index = self.plan.phase_index(milestone.phase)
        planned_start = self.planned_ends[index - 1] if index else 0.0
        return float(planned_start + AT[milestone.at] * self.plan.phases[index].weeks)

    def milestone_weeks(self, milestone: Milestone) -> tuple[float, np.ndarray]:
        """Where a milestone falls, in weeks from the start: as planned, and in every drawn project."""
        index = self.plan.phase_index(milestone.phase)
        drawn_start = self.durations[:, :index].sum(axis=1)
        return self.planned_milestone_weeks(milestone), drawn_start + AT[milestone.at] * self.durations[:, index]

    def milestone_dates(self, milestone: Milestone) -> dict[str | int, date]:
        """The milestone's planned date ("plan") and its date at each percentile."""
        planned, drawn = self.milestone_weeks(milestone)
        out: dict[str | int, date] = {"plan": date_after(self.plan.start, planned)}
        for q, value in zip(self.percentiles, np.percentile(drawn, self.percentiles), strict=True):
            out[q] = date_after(self.plan.start, float(value))
        return out


def forecast(plan: TimelinePlan, lang: str) -> Forecast:
    """Simulate a plan that has no problems: 10,000 projects in about a millisecond."""
    weeks = np.array([p.weeks for p in plan.phases], dtype=float)
    factors = np.array([plan.factors[p.uncertainty] for p in plan.phases], dtype=float)  # (phases, 3)
    durations = simulate(weeks * factors[:, 0], weeks * factors[:, 1], weeks * factors[:, 2], plan.draws, plan.seed,
                         plan.correlation)
    ids = [p.phase for p in plan.phases]
    stalls = tuple((ids.index(st.phase), float(plan.stall_chances.get(st.id, st.chance)), float(st.weeks_min),
                    float(st.weeks_max)) for st in plan.stalls if st.phase in ids)
    if any(chance > 0 for _, chance, _, _ in stalls):
        durations = durations + stall_weeks(plan.seed, plan.draws, len(ids), stalls)
    sorted_ends = np.sort(np.cumsum(durations, axis=1), axis=0)
    # percentiles of a sorted column, as numpy's default ("linear") method computes them
    positions = np.asarray(plan.percentiles, dtype=float) / 100 * (plan.draws - 1)
    below = np.floor(positions).astype(int)
    above = np.minimum(below + 1, plan.draws - 1)
    share = (positions - below)[:, None]
    quantiles = sorted_ends[below] * (1 - share) + sorted_ends[above] * share
    result = Forecast(plan=plan, lang=lang, planned_ends=np.cumsum(weeks), durations=durations,
                      sorted_ends=sorted_ends, end_quantiles=quantiles)
    result.chances.update({d.id: result.chance_by(d.date, plan.phase_index(d.phase)) for d in plan.deadlines})
    return result


# ---------------------------------------------------------------------------------------------
# What to say upward
def plain_name(text: str, lang: str, max_chars: int = NAME_CHARS) -> str:
    """A name someone typed, as plain text: trimmed, shortened, never empty (escape it before HTML)."""
    return html.unescape(user_text(text, max_chars, TEXT[lang]["unnamed"]))


def shortened(text: str, lang: str, max_chars: int) -> list[str]:
    """A name for a figure (at most `max_chars`), then shorter and shorter forms of it, cut between words where
    it can be (for a label that does not fit)."""
    whole = plain_name(text, lang, 10_000)
    forms = [whole] if len(whole) <= max_chars else []
    for chars in (max_chars, 30, 24, 18, 12):
        if chars >= len(forms[-1] if forms else whole) or chars > max_chars:
            continue
        cut = whole[:chars - 1].rstrip()
        if " " in cut[chars // 2:] and whole[chars - 1:chars] not in ("", " "):
            cut = cut[:cut.rindex(" ")].rstrip(" ,.;:–-")
        if cut + "…" not in forms:
            forms.append(cut + "…")
    return forms


def weeks_text(n: int, lang: str) -> str:
    t = TEXT[lang]
    return t["one_week"] if n == 1 else t["n_weeks"].format(n=n)


def days_text(days: int, lang: str) -> str:
    """A buffer as it is said: 8 uger, 3 uger og 4 dage, 5 dage (8 weeks, 3 weeks and 4 days, 5 days)."""
    t = TEXT[lang]
    weeks, rest = divmod(int(days), 7)
    parts = ([weeks_text(weeks, lang)] if weeks else []) + (
        [t["one_day"] if rest == 1 else t["n_days"].format(n=rest)] if rest or not weeks else [])
    return f" {t['and']} ".join(parts)


def upward_sentence(result: Forecast, course: Course, *, as_html: bool = False) -> str:
    """What to say to top management, in two sentences short enough to say aloud: the planned finish, and the
    buffer to ask for with the chance of finishing by its end (the highest percentile). The deadlines' chances
    stand in the table beside it (result_html). No user text, so the same string is safe as HTML."""
    lang = result.lang
    t = TEXT[lang]
    q = max(result.percentiles)
    first = t["s_plan"].format(date=format_date(result.planned_finish, lang),
                               week=result.planned_finish.isocalendar().week)
    chance = {"q": t["percent"].format(n=q), "article": _article(q)}
    if result.buffer_days:
        second = t["s_buffer"].format(weeks=days_text(result.buffer_days, lang),
                                      date=format_date(result.buffer_date, lang), **chance)
    else:
        second = t["s_no_buffer"].format(**chance)
    return f"{first} {second}"


def deadline_rows(result: Forecast, course: Course, max_chars: int = NAME_CHARS) -> list[tuple[str, str]]:
    """Each deadline as 06's table says it, in plain text (not escaped): "Chance for at nå »Møde i fagudvalget«
    (3. august 2026)" and its chance ("46 %", "under 1 %"). The same words on 07's plan."""
    lang = result.lang
    t = TEXT[lang]
    phase_names = {p.id: p.name for p in course.phases}
    last = result.plan.phases[-1].phase
    return [(t["row_deadline" if d.phase == last else "row_deadline_phase"].format(
                name=plain_name(d.name, lang, max_chars), date=format_date(d.date, lang),
                phase=phase_names.get(d.phase, "")), format_chance(result.chances[d.id], lang))
            for d in result.plan.deadlines]


def result_html(result: Forecast, course: Course, *, suggested: bool = False) -> str:
    """The widget's textual result: the sentence to write upward and the figures behind it. `suggested`: the plan
    is still the course's suggestion, and the text says so."""
    lang = result.lang
    t = TEXT[lang]

    def when(day: date) -> str:
        return f"{format_date(day, lang)} ({t['week_of'].format(week=day.isocalendar().week)})"

    rows = [(t["row_plan"], when(result.planned_finish))]
    rows += [(t["row_q"].format(q=q), when(result.finish_date(q))) for q in result.percentiles]
    rows.append((t["row_plan_chance"], format_chance(result.chance_of_plan, lang)))
    rows += [(html.escape(label), chance) for label, chance in deadline_rows(result, course)]
    rows.append((t["row_buffer"], t["row_buffer_value"].format(weeks=days_text(result.buffer_days, lang),
                                                               date=format_date(result.buffer_date, lang))))
    table = "".join(f"<tr><td>{k}</td><td style='text-align:right;padding-left:1em'><b>{v}</b></td></tr>"
                    for k, v in rows)
    note = f"<p><i>{t['suggested']}</i></p>" if suggested else ""
    return (f"<p><b>{t['say_head']}:</b></p>{note}"
            f"<blockquote class='samskabelse-upward'>{upward_sentence(result, course, as_html=True)}</blockquote>"
            f"<table class='samskabelse-timeline-table'>{table}</table>")


def describe_figure(result: Forecast, course: Course, title: str) -> tuple[str, list[str], list[list[str]]]:
    """The timeline figure in words (its text alternative) and as a table: every phase, the whole project, the
    milestones and the deadlines, with their planned and realistic dates."""
    lang, plan = result.lang, result.plan
    t = TEXT[lang]
    qs = result.percentiles
    phases = {p.id: p for p in course.phases}
    levels = {u.id: u.name for u in course.timeline.uncertainty_levels}

    def day(d: date) -> str:
        return format_date(d, lang)

    def realistic(dates: dict) -> str:
        return join_names([t["alt_q"].format(date=day(dates[q]), q=t["percent"].format(n=q)) for q in qs], lang)

    words, rows = [], []
    for i, ph in enumerate(plan.phases):
        name = f"{phases[ph.phase].number} {phases[ph.phase].name}"
        ends = {q: result.phase_end_date(i, q) for q in qs}
        plan_end = date_after(plan.start, float(result.planned_ends[i]))
        words.append(t["alt_phase"].format(name=name, weeks=weeks_text(round(ph.weeks), lang),
                                           level=levels.get(ph.uncertainty, ph.uncertainty).lower(),
                                           plan=day(plan_end), qs=realistic(ends)))
        rows.append([name, day(plan_end), *[day(ends[q]) for q in qs], ""])
    project = t["alt_project"].format(weeks=weeks_text(round(result.planned_total), lang),
                                      plan=day(result.planned_finish),
                                      qs=realistic({q: result.finish_date(q) for q in qs}),
                                      chance=format_chance(result.chance_of_plan, lang))
    rows.append([t["total"], day(result.planned_finish), *[day(result.finish_date(q)) for q in qs],
                 format_chance(result.chance_of_plan, lang)])
    milestones = []
    for m in plan.milestones:
        dates = result.milestone_dates(m)
        milestones.append(f"{m.name} {day(dates['plan'])}")
        rows.append([t["kind_milestone"].format(name=m.name), day(dates["plan"]), *[day(dates[q]) for q in qs], ""])
    deadlines = []
    for d in plan.deadlines:
        name, chance = plain_name(d.name, lang), format_chance(result.chances[d.id], lang)
        deadlines.append(t["alt_deadline"].format(name=name, date=day(d.date), chance=chance))
        rows.append([t["kind_deadline"].format(name=name), day(d.date), *[""] * len(qs), chance])
    alt = t["alt"].format(title=title, phases=" ".join(words), project=project,
                          milestones=t["alt_milestones"].format(items="; ".join(milestones)) if milestones else "",
                          deadlines=t["alt_deadlines"].format(items="; ".join(deadlines)) if deadlines else "")
    header = [t["col_what"], t["col_plan"], *[t["percent"].format(n=q) for q in qs], t["col_chance"]]
    return " ".join(alt.split()), header, rows


# ---------------------------------------------------------------------------------------------
# The figure
@functools.lru_cache(maxsize=64)
def figure_title(project: str, lang: str) -> str:
    """The figure's title: the project's name whole, wrapped at word boundaries onto at most TITLE_LINES lines
    (only a name longer than that is shortened, with "…"; the files and the text alternative keep it whole)."""
    t = TEXT[lang]
    if not str(project or "").strip():
        return t["title"]
    whole = t["title_project"].format(project=plain_name(project, lang, 10_000))
    lines = textwrap.wrap(whole, TITLE_LINE_CHARS, break_long_words=True, break_on_hyphens=False)
    if len(lines) > TITLE_LINES:
        last = " ".join(lines[TITLE_LINES - 1:])
        lines = [*lines[:TITLE_LINES - 1], last[:TITLE_LINE_CHARS - 1].rstrip() + "…"]
    return "\n".join(lines)


# the legend's columns, and their spacing (between columns, handle to text, handle length; in font sizes), tried in
# order until the legend fits the figure's width
LEGEND_LAYOUTS = ((4, (1.2, 0.5, 2.0)), (4, (0.8, 0.4, 1.6)), (4, (0.6, 0.3, 1.4)), (3, (1.2, 0.5, 2.0)),
                  (2, (1.2, 0.5, 2.0)))


@functools.lru_cache(maxsize=32)
def _legend_width_fits(labels: tuple[str, ...], columns: int, spacing: tuple[float, float, float], width: float,
                       dpi: float) -> bool:
    """Whether a legend of these entries fits a figure this wide (measured once per set of entries: cached)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    fig = Figure(figsize=(width, 1), dpi=dpi)
    FigureCanvasAgg(fig)
    legend = fig.legend(handles=[Line2D([], [], label=label) for label in labels], loc="lower center",
                        ncols=columns, frameon=False, fontsize=11, columnspacing=spacing[0],
                        handletextpad=spacing[1], handlelength=spacing[2])
    return legend.get_window_extent(fig.canvas.get_renderer()).width <= fig.bbox.width - 8


FIGURE_SIZE = (MAX_WIDTH, 7.0)  # inches, at the course's 100 dpi: 900 x 700 pixels (figures.MAX_WIDTH)
MARKERS = ["o", "D", "s", "^"]
BAR_HEIGHT = 0.36  # in rows: room above and below each bar for a label (milestones, the percentile dates)
BESIDE_ROW = 0.39  # where such a label sits, in rows from its row's centre
NOTHING, BACKGROUND, LAYOUT = 0, 1, 2  # what a change to the figure needs besides moving artists


def week_ticks(start: date, left: float, right: float, lang: str, max_ticks: int = 11):
    """Tick positions (weeks from start) on Mondays, labelled with ISO calendar weeks; the year under the
    first tick and wherever the ISO year changes."""
    t = TEXT[lang]
    first_monday = (7 - start.weekday()) % 7 / 7  # weeks from the start to the first Monday on or after it
    span = max(right - left, 1.0)
    # whole years beyond 52 weeks, as many as it takes: never more than max_ticks + 1 ticks, however long the plan
    step = next((s for s in (1, 2, 4, 8, 13, 26, 52) if span / s <= max_ticks), 0) or 52 * math.ceil(
        span / (52 * max_ticks))
    k0 = math.ceil((left - first_monday) / step)
    positions, labels, last_year = [], [], None
    x = first_monday + k0 * step
    while x <= right:
        iso = (start + timedelta(days=round(x * 7))).isocalendar()
        year_line = str(iso.year) if iso.year != last_year else ""
        labels.append(f"{t['week_tick'].format(week=iso.week)}\n{year_line}")
        positions.append(x)
        last_year = iso.year
        x += step
    return positions, labels


def _percentile_marker(i: int) -> dict:
    """The 1st percentile white circles, the 2nd black diamonds, ...: shapes, not colour, tell them apart."""
    return {"marker": MARKERS[i % len(MARKERS)], "markersize": 9, "markeredgewidth": 1.8, "markeredgecolor": "black",
            "markerfacecolor": "white" if i % 2 == 0 else "black"}


class TimelineFigure:
    """The timeline figure: built once from a course, then updated in place with `show(result)`.

    Top: one row per phase with its planned bar (colour and hatch per phase, labelled with weeks and
    uncertainty) and, at the right, where the phase realistically ends (the percentiles, as marker shapes);
    a row for the whole project with the percentile dates; milestones as black triangles; deadlines as dashed
    lines. Bottom: the chance that each phase is finished by each date, with each deadline's chance on the
    curve of the phase it needs. Calendar weeks on the shared x-axis.
    """

    def __init__(self, fig, course: Course):
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        self.fig, self.course = fig, course
        self.lang = lang = course.language
        self.t = t = TEXT[lang]
        tl = course.timeline
        self.level_names = {u.id: u.name for u in tl.uncertainty_levels}
        self.n = n = len(course.phases)
        self.right = None  # the x-axis' right end, changed only when the plan outgrows or far undershoots it
        self.title_text = None
        self.tick_start = None
        self.for_file = False  # for_a_file
        percentiles = tl.percentiles
        grid = fig.add_gridspec(2, 1, height_ratios=[3.3, 2])
        ax = self.ax = fig.add_subplot(grid[0])
        cx = self.cx = fig.add_subplot(grid[1], sharex=ax)
        self.rows = rows = list(range(n + 1))
        self.row_labels = None
        ax.set_ylim(n + 0.75, -0.75)
        ax.tick_params(axis="x", labelbottom=False)
        ax.grid(axis="x", color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
        self.title = ax.set_title(t["title"], loc="left")
        self.colours = [SERIES[i % len(SERIES)] for i in range(n)]
        fills = self.colours + ["#d9d9d9"]
        hatches = [HATCHES[i % len(HATCHES)] for i in range(n)] + ["xx"]
        animated = []

        def keep(*artists):
            animated.extend(artists)
            return artists[0] if len(artists) == 1 else artists

        self.bars = [keep(ax.barh(y, 1, left=0, height=BAR_HEIGHT, color=fills[y], hatch=hatches[y], edgecolor="black",
                                  linewidth=0.8, zorder=2)[0]) for y in rows]
        # under the realistic-finish markers, so that a label beside a short bar never hides them
        self.bar_labels = [PathText(ax, (0, y), box=True, ha="center", zorder=3.5) for y in rows]
        self.ranges = [keep(ax.plot([0, 0], [y, y], color="black", linewidth=3, solid_capstyle="butt", zorder=4)[0])
                       for y in rows]
        self.q_marks = [keep(ax.plot([0] * len(rows), rows, linestyle="none", zorder=5, **_percentile_marker(i))[0])
                        for i in range(len(percentiles))]
        # the whole project's percentile dates: the first above its row, the next below, ...
        self.q_labels = [PathText(ax, (0, n), ha="center", va="center", box=True) for _ in percentiles]
        self.milestone_marks = keep(ax.plot([], [], linestyle="none", marker="v", markersize=10, color="black",
                                            zorder=6)[0])
        self.milestone_labels = [PathText(ax, (0, 0), plain_name(m.name, lang, MILESTONE_NAME_CHARS), box=True)
                                 for m in tl.milestones]
        style = {"color": PALETTE["vermillion"], "linestyle": "--", "linewidth": 2, "zorder": 3}
        self.deadline_lines = [keep(ax.axvline(0, **style), cx.axvline(0, **style)) for _ in tl.deadlines]
        style = {"color": "black", "linestyle": ":", "linewidth": 1.8, "zorder": 3}
        self.plan_lines = keep(ax.axvline(0, **style), cx.axvline(0, **style))

        # the chance that each phase is finished by each date
        self.curves = [keep(cx.plot([], [], color=self.colours[i], linewidth=3 if i == n - 1 else 2,
                                    zorder=4)[0]) for i in range(n)]
        self.curve_numbers = [PathText(cx, (0, 30), str(p.number), ha="right", weight="bold", box=True,
                                       color=self.colours[i]) for i, p in enumerate(course.phases)]
        self.curve_q = [keep(cx.plot([0], [q], linestyle="none", zorder=5, **_percentile_marker(i))[0])
                        for i, q in enumerate(percentiles)]
        self.curve_deadlines = [(keep(cx.plot([0], [0], linestyle="none", marker="s", markersize=8,
                                              color=PALETTE["vermillion"], zorder=6)[0]),
                                 PathText(cx, (0, 0), ha="left", va="top", box=True))
                                for _ in tl.deadlines]
        cx.set_ylim(0, 108)
        cx.set_yticks([0, *percentiles, 100], [t["percent"].format(n=v) for v in (0, *percentiles, 100)])
        cx.grid(axis="y", color="#dddddd", linewidth=0.8)
        cx.set_ylabel(t["curve_ylabel"])
        cx.set_xlabel(t["xlabel"])
        for label in [*self.bar_labels, *self.q_labels, *self.milestone_labels, *self.curve_numbers,
                      *(lab for _, lab in self.curve_deadlines)]:
            animated.extend(label.artists)
        self.animated = animated

        handles = [Patch(facecolor=SERIES[0], edgecolor="black", label=t["legend_planned"])]
        handles += [Line2D([], [], linestyle="none", label=t["legend_p"].format(q=q), **_percentile_marker(i))
                    for i, q in enumerate(percentiles)]
        handles += [Line2D([], [], linestyle="none", marker="v", markersize=10, color="black",
                           label=t["legend_milestone"]),
                    Line2D([], [], color=PALETTE["vermillion"], linestyle="--", linewidth=2,
                           label=t["legend_deadline"]),
                    Line2D([], [], color="black", linestyle=":", linewidth=1.8, label=t["legend_plan_end"]),
                    Line2D([], [], color=self.colours[-1], linewidth=3, label=t["legend_curves"])]
        # four columns if they fit the figure's width, closer together if need be (English's longer words, four
        # percentiles), else three: every swatch and entry inside the figure
        labels = tuple(h.get_label() for h in handles)
        width, dpi = float(fig.get_figwidth()), float(fig.dpi)
        columns, spacing = next(((c, sp) for c, sp in LEGEND_LAYOUTS if _legend_width_fits(labels, c, sp, width, dpi)),
                                LEGEND_LAYOUTS[-1])
        self.legend = fig.legend(handles=handles, loc="outside lower center", ncols=columns, frameon=False, fontsize=11,
                                 columnspacing=spacing[0], handletextpad=spacing[1], handlelength=spacing[2])
        self.legend_columns = (columns, spacing)

    def layout_key(self) -> tuple:
        """What the figure's layout depends on: its size, language, row labels and percentiles."""
        return (tuple(self.fig.get_size_inches()), self.fig.dpi, self.lang, tuple(self.row_labels or ()),
                self.course.timeline.percentiles, self.t["title"], self.t["xlabel"],
                (self.title_text or "").count("\n"), self.legend_columns)

    @property
    def labels(self) -> list[PathText]:
        """Every label drawn as glyph outlines (labels_as_text draws them as text for a file)."""
        return [*self.bar_labels, *self.q_labels, *self.milestone_labels, *self.curve_numbers,
                *(label for _, label in self.curve_deadlines)]

    def show(self, result: Forecast) -> int:
        """Move the artists to a new result (none is created or removed). Returns what else must happen:
        NOTHING, BACKGROUND (the axis' extent or the title changed: draw the whole figure again) or LAYOUT
        (the row labels changed size: lay the figure out again)."""
        plan, t, lang, n = result.plan, self.t, self.lang, self.n
        todo = NOTHING
        names = {p.id: p for p in self.course.phases}
        row_labels = []
        for ph in plan.phases:
            level = self.level_names.get(ph.uncertainty, ph.uncertainty)
            phase = names[ph.phase]
            row_labels.append(t["row_label"].format(number=phase.number, name=phase.name,
                                                    level=level[:1].lower() + level[1:]))
        row_labels.append(t["total"])
        if row_labels != self.row_labels:
            self.ax.set_yticks(self.rows, row_labels)
            todo = LAYOUT if self.row_labels is not None else BACKGROUND
            self.row_labels = row_labels
        title = figure_title(plan.project, lang)
        if title != self.title_text:
            lines_before = self.title_text.count("\n") if self.title_text is not None else None
            self.title.set_text(title)
            grown = lines_before is not None and lines_before != title.count("\n")
            self.title_text, todo = title, max(todo, LAYOUT if grown else BACKGROUND)

        needed = max(float(result.sorted_ends[int(0.995 * (result.draws - 1)), -1]), result.planned_total,
                     *[(d.date - plan.start).days / 7 for d in plan.deadlines]) + 1.5
        outgrown = self.right is None or needed > self.right or needed < 0.55 * self.right
        if outgrown or plan.start != self.tick_start:
            if outgrown:
                self.right = 4 * math.ceil(needed * 1.04 / 4)
            self.ax.set_xlim(-0.8, self.right)
            self.cx.set_xticks(*week_ticks(plan.start, -0.8, self.right, lang))
            self.tick_start, todo = plan.start, max(todo, BACKGROUND)
        bbox = self.ax.get_window_extent()
        points_per_week = bbox.width * 72 / self.fig.dpi / (self.right + 0.8)

        q = result.end_quantiles  # (percentiles, phases)
        ends_by_row = np.concatenate([q, q[:, -1:]], axis=1)  # the project's row ends with the last phase
        starts = np.concatenate([[0.0], result.planned_ends[:-1]])
        total = result.planned_total
        deadline_weeks = [(d.date - plan.start).days / 7 for d in plan.deadlines]
        for i, ph in enumerate(plan.phases):
            self.bars[i].set_x(starts[i])
            self.bars[i].set_width(ph.weeks)
        self.bars[n].set_width(total)
        for row, line in enumerate(self.ranges):
            line.set_xdata([ends_by_row[0, row], ends_by_row[-1, row]])
        for i, marks in enumerate(self.q_marks):
            marks.set_xdata(ends_by_row[i])
        for (top, bottom), x in zip(self.deadline_lines, deadline_weeks, strict=True):
            top.set_xdata([x, x])
            bottom.set_xdata([x, x])
        for line in self.plan_lines:
            line.set_xdata([total, total])

        # Labels are placed where they overlap no other label, no line and no marker (figures.LabelSpace):
        # first what cannot move (lines, the realistic-finish markers and ranges), then the labels in turn.
        space = LabelSpace(self.ax)
        for x in (*deadline_weeks, total):
            space.line_x(x)
        for row in self.rows:
            space.line_y(ends_by_row[0, row], ends_by_row[-1, row], row, 3)
            for i in range(len(result.percentiles)):
                space.point(ends_by_row[i, row], row, 12)
        lefts, widths = [*starts, 0.0], [*(ph.weeks for ph in plan.phases), total]
        weeks = format_weeks(total, lang)
        texts = [[t["bar_weeks"].format(weeks=format_weeks(ph.weeks, lang))] for ph in plan.phases]
        texts.append([t["total_label"].format(weeks=weeks, chance=format_chance(result.chance_of_plan, lang)),
                      t["bar_weeks"].format(weeks=weeks)])
        for row, (label, left, width) in enumerate(zip(self.bar_labels, lefts, widths, strict=True)):
            # inside the bar when the text fits there; else before the bar; else after the row's realistic finish
            for text in texts[row]:
                label.set_text(text)
                if width >= label.width / points_per_week + 0.6:
                    break
            candidates = []
            if width >= label.width / points_per_week + 0.6:  # in the middle, or at either end, of the bar
                candidates += [(left + width / 2, row, "center"), (left + 0.3, row, "left"),
                               (left + width - 0.3, row, "right")]
            after = max(left + width, ends_by_row[-1, row]) + 12 / points_per_week
            candidates += [(left - 0.3, row, "right"), (after, row, "left"), (after + 2, row, "left")]
            space.place(label, candidates)
        for row, (left, width) in enumerate(zip(lefts, widths, strict=True)):
            space.rect(left, left + width, row - BAR_HEIGHT / 2, row + BAR_HEIGHT / 2)

        # milestones: above their phase's bar (a second one in the same phase below it), the label to the right
        # of the triangle, or to its left, or on the row's other side: wherever it is free
        wanted, used = [], {}
        for m in plan.milestones[:len(self.milestone_labels)]:
            row = plan.phase_index(m.phase)
            side = -1 if used.get(row, 0) % 2 == 0 else 1
            used[row] = used.get(row, 0) + 1
            wanted.append((result.planned_milestone_weeks(m), row, side))
            space.point(wanted[-1][0], row + side * BESIDE_ROW, 12)
        xs, ys = [], []
        for label, (x, row, side), m in zip(self.milestone_labels, wanted, plan.milestones, strict=False):
            # the gaps above and below the row, near this row's bar first; the triangle moves with its label
            spots = [row + s * dy for s in (side, -side) for dy in (BESIDE_ROW, 0.5, 1 - BESIDE_ROW)]
            spots = [y for y in spots if space.point_is_clear(x, y, 12)] or spots
            beside = 12 / points_per_week  # clear of the triangle (12 pt wide), the label's box and the gap
            candidates = [(x + dx, y, ha) for y in spots for dx, ha in ((beside, "left"), (-beside, "right"))]
            chosen = space.place(label, candidates, texts=shortened(m.name, lang, MILESTONE_NAME_CHARS),
                                 or_hide=True)
            y = spots[chosen // 2] if chosen is not None else row + side * BESIDE_ROW
            space.point(x, y, 12)
            xs.append(x)
            ys.append(y)
        self.milestone_marks.set_data(xs, ys)
        # the whole project's percentile dates: the first above its row, the next below, ...
        for i, (label, qv) in enumerate(zip(self.q_labels, result.percentiles, strict=True)):
            label.set_text(t["q_label"].format(q=qv, date=format_short_date(result.finish_date(qv), lang)))
            x, y = ends_by_row[i, -1], n + (-BESIDE_ROW if i % 2 == 0 else BESIDE_ROW)
            nearer = y + (0.2 if i % 2 else -0.2)
            space.place(label, [(x, y, "center"), (x - 0.4, y, "left"), (x + 0.4, y, "right"), (x + 2.5, y, "left"),
                                (x - 2.5, y, "right"), (x, nearer, "center")])

        # the curves: the share of drawn projects in which each phase has ended by each week
        ends = result.sorted_ends
        idx = np.linspace(0, result.draws - 1, 161).astype(int)
        share = np.concatenate([[0.0], (idx + 1) / result.draws * 100])
        for i, curve in enumerate(self.curves):
            curve.set_data(np.concatenate([[0.0], ends[idx, i]]), share)
        for mark, qv in zip(self.curve_q, result.percentiles, strict=True):
            mark.set_xdata([result.finish_weeks(qv)])
        curve = LabelSpace(self.cx)
        for x in (*deadline_weeks, total):
            curve.line_x(x)
        for qv in result.percentiles:
            curve.point(result.finish_weeks(qv), qv, 12)
        for (mark, _), d, x in zip(self.curve_deadlines, plan.deadlines, deadline_weeks, strict=True):
            mark.set_data([x], [result.chances[d.id] * 100])
            curve.point(x, result.chances[d.id] * 100, 11)
        # each phase's number beside its curve, where the curve passes 30 % (or 15, 50, 70 %)
        for i, number in enumerate(self.curve_numbers):
            candidates = []
            for share_at in (30, 15, 50, 70):
                x = float(ends[int(share_at / 100 * (result.draws - 1)), i])
                candidates += [(x - 0.5, share_at, "right"), (x + 0.5, share_at, "left")]
            curve.place(number, candidates)
        # each deadline's chance on the curve of the phase it needs, labelled below and to the right of it, or
        # further down, or to its left
        units_per_point = (self.cx.get_ylim()[1] - self.cx.get_ylim()[0]) / (
            self.cx.get_window_extent().height * 72 / self.fig.dpi)
        for (_, label), d, x in sorted(zip(self.curve_deadlines, plan.deadlines, deadline_weeks, strict=True),
                                       key=lambda item: item[2]):
            chance = result.chances[d.id]
            texts = [t["curve_deadline"].format(name=name, chance=format_chance(chance, lang))
                     for name in shortened(d.name, lang, FIGURE_NAME_CHARS)]
            height = (self.curve_numbers[0].size * 1.6) * units_per_point
            first = max(chance * 100 - 3, height + 2)
            tops = [first - k * height for k in range(8) if first - k * height >= height]
            tops += [first + k * height for k in range(1, 8) if first + k * height <= 106]
            sides = ((0.5, "left"), (-0.5, "right"))
            if curve.place(label, [(x + dx, top, ha) for top in tops for dx, ha in sides], texts=texts,
                           or_hide=True) is None:
                # then anywhere up or down its own dashed line (seldom needed: tried only then); a file labels it
                # even where nothing is free (the live figure leaves it to the table beside it)
                more = [top for top in np.arange(height, 106, height)
                        if all(abs(top - u) > height / 2 for u in tops)] or tops
                curve.place(label, [(x + dx, top, ha) for top in more for dx, ha in sides], texts=texts,
                            or_hide=not self.for_file)
        return todo

    @contextmanager
    def for_a_file(self, result: Forecast):
        """The figure laid out for a file (the PDF, the PNG): there a deadline's label is never left out (the live
        figure leaves one it cannot place to its table; a file has no table beside it). Afterwards as before."""
        self.for_file = True
        try:
            self.show(result)
            yield self
        finally:
            self.for_file = False
            self.show(result)


def draw_timeline(course: Course, plan: TimelinePlan, fig=None) -> TimelineFigure:
    """The whole figure for a plan, built from scratch (exports and the benchmark's naive baseline)."""
    figure = TimelineFigure(fig if fig is not None else new_figure(*FIGURE_SIZE), course)
    figure.show(forecast(plan, course.language))
    return figure


# ---------------------------------------------------------------------------------------------
# The widget
class TimelineWidget:
    """Start date, weeks and uncertainty per phase, deadlines and the working model's factors; one figure
    updated in place, and the sentence to write upward. `on_change(callback)`: called after every new plan."""

    def __init__(self, course: Course, plan: TimelinePlan | None = None):
        import ipywidgets as widgets

        self.course = course
        self.lang = lang = course.language
        self.t = t = TEXT[lang]
        self._listeners: list = []
        self._upward_views: list = []
        self.model = plan.copy() if plan is not None else TimelinePlan.from_course(course)
        problems = self.model.problems(course)
        if problems:  # a plan that cannot be drawn: start from the course's default, and say why
            self.model = TimelinePlan.from_course(course, self.model.start if in_horizon(self.model.start) else None)
        self.result = forecast(self.model, lang)
        self.figure = TimelineFigure(new_figure(*FIGURE_SIZE), course)
        self.figure.show(self.result)
        # banded encoding: the axis, deadlines and legend rows seldom change, so their bands are kept
        self.live = BlitLiveFigure(self.figure.fig, self.figure.animated, alt=t["title"], lang=lang,
                                   layout_key=self.figure.layout_key, encoder=BandedPNG().encode)
        # once more now that the layout is known: labels are placed by the axes' size in points
        self.figure.show(self.result)
        self.live.refresh()
        self.live.describe(*describe_figure(self.result, course, self.figure.title_text))

        wide = {"description_width": "initial"}
        self.project = widgets.Text(value=self.model.project, placeholder=t["project_placeholder"],
                                    description=t["project"], continuous_update=False, style=wide,
                                    layout=widgets.Layout(width="30em"))
        self.start = widgets.Text(value=format_input_date(self.model.start, lang), description=t["start"],
                                  placeholder=t["date_placeholder"], continuous_update=False, style=wide,
                                  layout=widgets.Layout(width="18em"))
        phases = {p.id: p for p in course.phases}
        levels = [(u.name, u.id) for u in course.timeline.uncertainty_levels]
        self.weeks: dict[str, Any] = {}
        self.uncertainty: dict[str, Any] = {}
        phase_rows = []
        for ph in self.model.phases:
            phase = phases[ph.phase]
            slider = widgets.IntSlider(value=round(ph.weeks), min=0, max=max(SLIDER_MAX_WEEKS, round(ph.weeks) * 2),
                                       description=f"{phase.number} {phase.name}", continuous_update=True,
                                       style={"description_width": "13em"}, layout=widgets.Layout(width="36em"))
            dropdown = widgets.Dropdown(options=levels, value=ph.uncertainty, layout=widgets.Layout(width="9em"))
            named(dropdown, t["uncertainty_of"].format(phase=f"{phase.number} {phase.name}"), shown=False)
            self.weeks[ph.phase], self.uncertainty[ph.phase] = slider, dropdown
            phase_rows.append(widgets.HBox([slider, widgets.Label(t["weeks"]), dropdown]))
        last = course.phases[-1]
        phase_choices = [(f"{p.number} {p.name}" if p is not last else
                          t["whole_project"].format(name=f"{p.number} {p.name}"), p.id) for p in course.phases]
        self.deadline_names: dict[str, Any] = {}
        self.deadline_dates: dict[str, Any] = {}
        self.deadline_phases: dict[str, Any] = {}
        deadline_rows = []
        for d in self.model.deadlines:
            self.deadline_names[d.id] = widgets.Text(value=d.name, description=t["deadline_name"],
                                                     continuous_update=False, style=wide,
                                                     layout=widgets.Layout(width="22em"))
            self.deadline_dates[d.id] = widgets.Text(value=format_input_date(d.date, lang),
                                                     description=t["deadline_date"], placeholder=t["date_placeholder"],
                                                     continuous_update=False, style=wide,
                                                     layout=widgets.Layout(width="15em"))
            self.deadline_phases[d.id] = widgets.Dropdown(options=phase_choices, value=d.phase,
                                                          description=t["deadline_phase"], style=wide,
                                                          layout=widgets.Layout(width="30em"))
            deadline_rows.append(widgets.HBox([self.deadline_names[d.id], self.deadline_dates[d.id],
                                               self.deadline_phases[d.id]]))
        # the factors as a grid: a column per estimate (its heading shown once), a row per uncertainty level;
        # each field named by its row and column. Shown by a check box (a native control with its state), not an
        # accordion: ipywidgets' accordion header cannot be reached with Tab.
        self.factors: dict[str, tuple] = {}
        kinds = ("optimistic", "likely", "pessimistic")
        cells = [widgets.HTML(f"<b>{t['level_col']}</b>"), *[widgets.HTML(f"<b>{t[k]}</b>") for k in kinds]]
        # numbers as the page writes them (0,9 on a Danish page): text fields, read by parse_number
        for u in course.timeline.uncertainty_levels:
            boxes = tuple(named(widgets.Text(value=_number(v, lang), continuous_update=False,
                                             layout=widgets.Layout(width="8em")),
                                t["factor_of"].format(level=u.name, kind=t[k].lower()), shown=False)
                          for k, v in zip(kinds, self.model.factors[u.id], strict=True))
            self.factors[u.id] = boxes
            cells += [widgets.HTML(html.escape(u.name)), *boxes]
        grid = widgets.GridBox(cells, layout=widgets.Layout(grid_template_columns="repeat(4, max-content)",
                                                            grid_gap="4px 16px", align_items="center"))
        # how far delays carry from phase to phase, and the chance of each stall (in per cent)
        self.correlation = widgets.Text(value=_number(self.model.correlation, lang), description=t["correlation"],
                                        continuous_update=False, style={"description_width": "initial"},
                                        layout=widgets.Layout(width="36em"))
        self.stall_chances = {st.id: widgets.Text(value=_percent_number(self.model.stall_chances[st.id], lang),
                                                  description=t["stall_chance"].format(name=st.name),
                                                  continuous_update=False, style={"description_width": "initial"},
                                                  layout=widgets.Layout(width="46em"))
                              for st in self.model.stalls if st.id in self.model.stall_chances}
        self.show_model = widgets.Checkbox(value=False, description=t["model_head"], indent=False,
                                           layout=widgets.Layout(width="auto"))
        model_box = widgets.VBox([widgets.HTML(f"<p>{t['model_help']}</p>"), grid,
                                  widgets.HTML(f"<p>{t['carry_help']}</p>"), self.correlation,
                                  *([widgets.HTML(f"<p>{t['stall_help']}</p>"), *self.stall_chances.values()]
                                    if self.stall_chances else [])],
                                 layout=widgets.Layout(display="none", margin="0 0 0 1.6em"))
        self.show_model.observe(lambda change: setattr(model_box.layout, "display", None if change["new"]
                                                       else "none"), names="value")
        self.assumptions = widgets.VBox([self.show_model, model_box])

        self.message = widgets.HTML("")
        self.message.add_class("samskabelse-message")
        # until the participant acts, the plan and its sentences are the course's suggestion, and say so
        self.suggestion = SuggestionNote(lang, on_agree=self._agree)
        self.suggestion.update(any_answered(self.model))
        self.said = widgets.HTML(result_html(self.result, course, suggested=self.suggested))
        self.said.add_class("samskabelse-result")
        self.errors = ErrorBoundary(lang, explained=(PlanError,), on_error=self._back_to_last_good)

        # which answer each control gives (model.py's protocol): what the participant changes is answered
        self.touched: set[str] = set()
        self._quiet = False
        self._typed_dates: set[str] = set()  # deadlines whose date field the participant wrote in
        self._date_of = {id(field): ident for ident, field in self.deadline_dates.items()}
        self._answer_of = {id(self.project): "project", id(self.start): "start"}
        for phase in self.weeks:
            self._answer_of[id(self.weeks[phase])] = key("phases", phase, "weeks")
            self._answer_of[id(self.uncertainty[phase])] = key("phases", phase, "uncertainty")
        for ident in self.deadline_names:
            for what, controls in (("name", self.deadline_names), ("date", self.deadline_dates),
                                   ("phase", self.deadline_phases)):
                self._answer_of[id(controls[ident])] = key("deadlines", ident, what)
        for level, boxes in self.factors.items():
            self._answer_of.update({id(b): key("factors", level) for b in boxes})
        self._answer_of[id(self.correlation)] = "correlation"
        self._answer_of.update({id(box): key("stalls", ident) for ident, box in self.stall_chances.items()})
        for control in [self.project, self.start, *self.weeks.values(), *self.uncertainty.values(),
                        *self.deadline_names.values(), *self.deadline_dates.values(),
                        *self.deadline_phases.values(), *(b for boxes in self.factors.values() for b in boxes),
                        self.correlation, *self.stall_chances.values()]:
            control.observe(self.errors.guard(self._changed), names="value")
        self.box = widgets.VBox([
            widgets.HBox([self.project, self.start]),
            widgets.HTML(f"<b>{t['phases_head']}</b>"), *phase_rows,
            widgets.HTML(f"<b>{t['deadlines_head']}</b>"), *deadline_rows,
            self.assumptions, self.message, self.errors.alert, self.suggestion.box, self.live.widget, self.said,
        ])
        mark_widget(self.box, lang, "samskabelse-timeline")
        show_on_screen(self.model, self)
        if problems:
            self._show_problems(problems)

    # -- what the save box reads (sections/protocol.py) -------------------------------------------
    def controls(self) -> dict[str, Any]:
        """Each item the widget asks, by its answer key, and its control. The working model's factors only while
        their panel is open: a control the notebook does not show answers nothing."""
        out: dict[str, Any] = {"project": self.project, "start": self.start}
        for phase in self.weeks:
            out[key("phases", phase, "weeks")] = self.weeks[phase]
            out[key("phases", phase, "uncertainty")] = self.uncertainty[phase]
        for ident in self.deadline_names:
            out[key("deadlines", ident, "name")] = self.deadline_names[ident]
            out[key("deadlines", ident, "date")] = self.deadline_dates[ident]
            out[key("deadlines", ident, "phase")] = self.deadline_phases[ident]
        if self.show_model.value:
            out.update({key("factors", level): list(boxes) for level, boxes in self.factors.items()})
            out["correlation"] = self.correlation
            out.update({key("stalls", ident): box for ident, box in self.stall_chances.items()})
        return out

    @property
    def suggested(self) -> bool:
        """Whether what the widget shows is still the course's suggestion (the participant has not acted)."""
        return not any_answered(self.model)

    def _agree(self) -> None:
        """"Jeg er enig i forslaget": what the widget shows becomes the participant's answer."""
        confirm(self.model, shown_items(self.model))
        self._show_text(note=False)  # the note then says that the participant agreed (SuggestionNote.agree)

    # -- reading the controls ------------------------------------------------------------------
    def read(self) -> tuple[TimelinePlan | None, list[str]]:
        """The plan the controls describe, or None and what is wrong with it (HTML-safe messages)."""
        t, lang = self.t, self.lang
        problems = []
        plan = self.model.copy()
        plan.project = self.project.value
        try:
            plan.start = parse_date(self.start.value, lang, t["the_start"])
        except PlanError as exc:
            problems.append(str(exc))
        for ph in plan.phases:
            ph.weeks = float(self.weeks[ph.phase].value)
            ph.uncertainty = self.uncertainty[ph.phase].value
        for d in plan.deadlines:
            d.name = self.deadline_names[d.id].value
            d.phase = self.deadline_phases[d.id].value
            typed = self.deadline_dates[d.id].value
            if d.id in self._typed_dates:  # the participant wrote in the field: their own date, or (empty) the rule's
                d.own_date = bool(typed.strip()) or d.rule is None or len(d.rule.date) == 10
            if d.follows:
                continue  # placed by follow_rules below, once the start and the phases are read
            try:
                what = t["the_deadline"].format(name=user_text(d.name, NAME_CHARS, t["unnamed"]))
                d.date = parse_date(typed, lang, what)
            except PlanError as exc:
                problems.append(str(exc))
        if not problems:
            plan.follow_rules()
        level_names = {u.id: u.name for u in self.course.timeline.uncertainty_levels}
        kinds = ("optimistic", "likely", "pessimistic")
        for level, boxes in self.factors.items():
            try:
                plan.factors[level] = tuple(
                    parse_number(b.value, lang, t["factor_of"].format(level=level_names.get(level, level),
                                                                       kind=t[k].lower()))
                    for k, b in zip(kinds, boxes, strict=True))
            except PlanError as exc:
                problems.append(str(exc))
        try:
            plan.correlation = parse_number(self.correlation.value, lang, t["correlation"])
        except PlanError as exc:
            problems.append(str(exc))
        stall_names = {st.id: st.name for st in plan.stalls}
        for ident, box in self.stall_chances.items():
            try:
                what = t["stall_chance"].format(name=stall_names.get(ident, ident))
                plan.stall_chances[ident] = parse_number(box.value.replace("%", ""), lang, what) / 100
            except PlanError as exc:
                problems.append(str(exc))
        if not problems:
            problems = plan.problems(self.course)
        return (None if problems else plan), problems

    def _changed(self, change=None) -> None:
        if self._quiet:  # the widget itself wrote into a field (a deadline that follows the plan)
            return
        if change is not None and id(change.get("owner")) in self._answer_of:
            self.touched.add(self._answer_of[id(change["owner"])])
            if id(change["owner"]) in self._date_of:
                self._typed_dates.add(self._date_of[id(change["owner"])])
        plan, problems = self.read()
        if problems:
            self._show_problems(problems)
        else:
            self.apply(plan)

    def show_answers(self, saved: TimelinePlan) -> None:
        """Show a saved plan (the save box's "Hent mine gemte svar"): the controls show its values without marking
        anything, the plan is drawn, and what was answered is what the file says (into this widget's own model)."""
        plan = saved.copy()
        problems = plan.problems(self.course)
        if problems:
            raise PlanError(" ".join(problems))
        lang = self.lang
        self._quiet = True
        try:
            self.project.value = plan.project
            self.start.value = format_input_date(plan.start, lang)
            for ph in plan.phases:
                slider = self.weeks[ph.phase]
                slider.max = max(slider.max, round(ph.weeks))
                slider.value = round(ph.weeks)
                self.uncertainty[ph.phase].value = ph.uncertainty
            for d in plan.deadlines:
                self.deadline_names[d.id].value = d.name
                self.deadline_dates[d.id].value = format_input_date(d.date, lang)
                self.deadline_phases[d.id].value = d.phase
            for level, values in plan.factors.items():
                for box, value in zip(self.factors[level], values, strict=True):
                    box.value = _number(value, lang)
            self.correlation.value = _number(plan.correlation, lang)
            for ident, box in self.stall_chances.items():
                box.value = _percent_number(plan.stall_chances.get(ident, 0.0), lang)
            if any(k.startswith(("factors.", "correlation", "stalls.")) for k in saved.answered):
                self.show_model.value = True  # answered while shown: shown again
        finally:
            self._quiet = False
        self.touched.clear()
        self._typed_dates.clear()
        self.model.answered.clear()
        self.model.answered.update(saved.answered)
        self.figure.right = None  # the axis fitted to the saved plan, as when the widget is built with it
        self.apply(plan)
        self.figure.show(self.result)  # once more, as when built: labels are placed by the axes' new extent
        self.live.invalidate()
        self.live.refresh()

    def _show_problems(self, problems: list[str]) -> None:
        items = "".join(f"<li>{p}</li>" for p in problems)
        self.message.value = (f"<div role='alert' style='border-left:4px solid {PALETTE['vermillion']};"
                              f"padding:0.2em 0.8em'><b>⚠</b><ul style='margin:0.2em 0'>{items}</ul>"
                              f"<i>{self.t['last_good']}</i></div>")

    def apply(self, plan: TimelinePlan) -> None:
        """Use a valid plan: simulate, move the figure's artists, re-render, update the text."""
        result = forecast(plan, self.lang)
        todo = self.figure.show(result)
        if todo == LAYOUT:  # the row labels or the title's lines changed: lay out, then place the labels again
            self.live.relayout()
            self.figure.show(result)
            self.live.refresh()
        else:
            if todo == BACKGROUND:
                self.live.invalidate()
            self.live.refresh()
        # only once it is on screen: the last good plan. The model stays the same object (the save box holds it)
        self.model.assign(plan)
        self.model.answered |= self.touched
        self.result = result
        self._typed_dates.clear()
        self._show_dates()
        self._show_result()

    def _show_dates(self) -> None:
        """Write the dates of the deadlines that follow the plan into their fields (not an answer given)."""
        self._quiet = True
        try:
            for d in self.model.deadlines:
                if d.follows:
                    self.deadline_dates[d.id].value = format_input_date(d.date, self.lang)
        finally:
            self._quiet = False

    def _back_to_last_good(self) -> None:
        """After a plan that could not be drawn: the figure's artists back to the last plan on screen."""
        self.figure.show(self.result)
        self.live.invalidate()

    def _show_result(self) -> None:
        self.live.describe(*describe_figure(self.result, self.course, self.figure.title_text))
        if self.message.value:
            self.message.value = ""
        self._show_text()
        for callback in self._listeners:
            callback()

    def _show_text(self, note: bool = True) -> None:
        """The result under the figure and the sentence's views, and the suggestion note, as the model stands."""
        if note:
            self.suggestion.update(any_answered(self.model))
        self.said.value = result_html(self.result, self.course, suggested=self.suggested)
        for view in self._upward_views:
            view.value = self._upward_html()

    def on_change(self, callback) -> None:
        """Call `callback()` after every new plan (the downloads in timeline_export use it)."""
        self._listeners.append(callback)

    # -- what the notebook calls -----------------------------------------------------------------
    def _upward_html(self) -> str:
        note = f"<p><i>{self.t['suggested']}</i></p>" if self.suggested else ""
        return (f"{note}<blockquote class='samskabelse-upward'>"
                f"{upward_sentence(self.result, self.course, as_html=True)}</blockquote>")

    def upward(self):
        """The sentence to write upward, as a view that follows the widget: it changes with the plan, also in
        Voilà, where no cell is run again."""
        import ipywidgets as widgets

        view = widgets.HTML(self._upward_html())
        view.add_class("samskabelse-upward-view")
        self._upward_views.append(view)
        return view

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


# ---------------------------------------------------------------------------------------------
# What the notebook calls
def plan_timeline(course: Course, plan: TimelinePlan | None = None) -> TimelineWidget:
    """The timeline widget of notebook 06, starting from `plan` or the course's defaults (the files to take
    along: timeline_export.download_timeline)."""
    return TimelineWidget(course, plan)


ASSUMPTIONS = Texts(
    da={"level": "Usikkerhed", "o": "Optimistisk", "m": "Sandsynlig", "p": "Pessimistisk",
        "phase": "Fase", "weeks": "Planlagt (uger)", "unc": "Usikkerhed",
        "carry": "Forsinkelser smitter fra fase til fase: {value} på en skala fra 0 (faserne er uafhængige) til 1 "
                 "(alle faser er lige så tidlige eller sene som den første).",
        "no_carry": "Forsinkelser smitter ikke fra fase til fase: faserne er uafhængige af hinanden.",
        "stall": "Det, der kan få samskabelsen til at gå i stå", "stall_chance": "Sker i",
        "stall_weeks": "Pause", "stall_phase": "I fasen",
        "chance_of": "{n} ud af 100 projekter", "weeks_range": "{low}–{high} uger",
        "no_stalls": "Kurset regner ikke med, at samskabelsen går i stå.",
        "effect_head": "Hvad antagelserne betyder for kursets forslag til en plan ({weeks} uger)",
        "effect_what": "Kurset regner med", "effect_buffer": "Buffer til {q} %", "effect_chance": "Chance for at "
        "holde planen",
        "effect_alone": "Usikkerheden i hver fase for sig",
        "effect_carry": "… og forsinkelser, der smitter",
        "effect_stalls": "… og det, der kan få samskabelsen til at gå i stå",
        "draws": "Kurset spiller {draws} mulige forløb af projektet igennem og viser, hvornår {qs} af dem er færdige. "
                 "Du får de samme tal, hver gang du åbner notebooken."},
    en={"level": "Uncertainty", "o": "Optimistic", "m": "Likely", "p": "Pessimistic",
        "phase": "Phase", "weeks": "Planned (weeks)", "unc": "Uncertainty",
        "carry": "Delays carry from phase to phase: {value} on a scale from 0 (the phases are independent) to 1 "
                 "(every phase is as early or late as the first).",
        "no_carry": "Delays do not carry from phase to phase: the phases are independent of each other.",
        "stall": "What can stall co-creation", "stall_chance": "Happens in",
        "stall_weeks": "Pause", "stall_phase": "In the phase",
        "chance_of": "{n} out of 100 projects", "weeks_range": "{low}–{high} weeks",
        "no_stalls": "The course does not reckon with co-creation stalling.",
        "effect_head": "What the assumptions mean for the course's suggested plan ({weeks} weeks)",
        "effect_what": "The course reckons with", "effect_buffer": "Buffer to {q}%", "effect_chance": "Chance of "
        "keeping to the plan",
        "effect_alone": "The uncertainty of each phase on its own",
        "effect_carry": "… and delays that carry over",
        "effect_stalls": "… and what can stall co-creation",
        "draws": "The course plays through {draws} possible runs of the project and shows when {qs} of them are "
                 "finished. You get the same figures every time you open the notebook."},
)


def assumption_effects(course: Course, start: date | None = None) -> list[tuple[str, Forecast]]:
    """The course's suggested plan under its assumptions added one at a time: each phase's uncertainty alone, then
    delays that carry over (the course file's correlation), then what can stall co-creation (its stalls)."""
    a = ASSUMPTIONS[course.language]
    plan = TimelinePlan.from_course(course, start or date(2026, 1, 5))
    steps = [("effect_alone", replace(plan.copy(), correlation=0.0, stall_chances={k: 0.0 for k in
                                                                                  plan.stall_chances}))]
    if plan.correlation:
        steps.append(("effect_carry", replace(steps[-1][1].copy(), correlation=plan.correlation)))
    if any(plan.stall_chances.values()):
        steps.append(("effect_stalls", plan))
    return [(a[name], forecast(p, course.language)) for name, p in steps]


def timeline_assumptions(course: Course) -> HTMLText:
    """The working model's numbers as the course file gives them: the factors per level, how far delays carry over,
    what can stall co-creation, the suggested plan, and what each assumption does to the suggested plan's dates."""
    lang = course.language
    a = ASSUMPTIONS[lang]
    tl = course.timeline

    def head(*cells: str) -> str:
        return "<thead><tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr></thead>"

    def row(first: str, *cells: str) -> str:
        return f"<tr><td style='text-align:left'>{html.escape(first)}</td>" + "".join(
            f"<td>{c}</td>" for c in cells) + "</tr>"

    levels = "".join(row(u.name, _factor(u.optimistic, lang), _factor(u.likely, lang), _factor(u.pessimistic, lang))
                     for u in tl.uncertainty_levels)
    names = {p.id: f"{p.number} {p.name}" for p in course.phases}
    level_names = {u.id: u.name for u in tl.uncertainty_levels}
    phases = "".join(row(names[p.phase], format_weeks(p.weeks, lang), html.escape(level_names[p.uncertainty]))
                     for p in tl.phases)
    carry = a["carry"].format(value=_number(tl.correlation, lang)) if tl.correlation else a["no_carry"]
    stalls = "".join(row(st.name, a["chance_of"].format(n=_percent_number(st.chance, lang)),
                         a["weeks_range"].format(low=format_weeks(st.weeks_min, lang),
                                                 high=format_weeks(st.weeks_max, lang)),
                         html.escape(names.get(st.phase, st.phase)))
                     for st in tl.stalls)
    stall_head = head(a["stall"], a["stall_chance"], a["stall_weeks"], a["stall_phase"])
    stall_table = (f"<table class='samskabelse-assumptions'>{stall_head}<tbody>{stalls}</tbody></table>"
                   if tl.stalls else f"<p>{a['no_stalls']}</p>")
    q = max(tl.percentiles)
    effects = assumption_effects(course)
    effect_rows = "".join(row(label, days_text(f.buffer_days, lang), format_chance(f.chance_of_plan, lang))
                          for label, f in effects)
    total = format_weeks(sum(p.weeks for p in tl.phases), lang)
    qs = join_names([TEXT[lang]["percent"].format(n=v) for v in tl.percentiles], lang)
    draws = f"{tl.draws:,}".replace(",", "." if lang == "da" else ",")
    return HTMLText(
        f"<table class='samskabelse-assumptions'>{head(a['level'], a['o'], a['m'], a['p'])}<tbody>{levels}</tbody>"
        f"</table>"
        f"<table class='samskabelse-assumptions'>{head(a['phase'], a['weeks'], a['unc'])}<tbody>{phases}</tbody>"
        f"</table>"
        f"<p>{carry}</p>{stall_table}"
        f"<p><b>{a['effect_head'].format(weeks=total)}</b></p>"
        f"<table class='samskabelse-assumptions samskabelse-assumption-effects'>"
        f"{head(a['effect_what'], a['effect_buffer'].format(q=q), a['effect_chance'])}<tbody>{effect_rows}</tbody>"
        f"</table>"
        f"<p>{a['draws'].format(draws=draws, qs=qs)}</p>"
    )


__all__ = [
    "TimelinePlan", "PhaseEstimate", "DeadlineEntry", "PlanError", "Forecast", "TimelineWidget", "TimelineFigure",
    "forecast", "simulate", "upward_sentence", "plan_timeline", "timeline_assumptions", "parse_date", "draw_timeline",
]


from samskabelse.sections.timeline.views import DEFINITION as DEFINITION  # noqa: E402  (it uses the names above)
