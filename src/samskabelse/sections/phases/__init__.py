"""Notebook 03: the phase model. Mark each focus point, see how far the course's checklist is, choose where to begin.

The publication has a phase model of three typical phases, each seen from the manager's strategic focus,
with the manager's most important focus points. The course does not know the publication's names for the
phases or its focus points: names, strategic focus, focus points and questions come from
data/<lang>/course.yaml, and each focus point says whether it restates a verified message (`basis`).

    phases = mark_your_readiness(course)
    phases.model.readiness(course)          # {"clarify": 40.0, "cocreate": None, ...}: percent, None if none rated
    phases.model.next_steps(course)         # the course's suggestion: three marked points not in place (NEXT_STEP_RULE)
    phases.model.choose_start("clarify", "backing", course)   # where the manager begins (their decision)

Every focus point starts "– ikke vurderet –" (sections/protocol.py): a point the participant has not marked is
neither "ikke startet" nor anything else. Readiness of a phase is what it is, a completion rate of the course's
checklist (not a measure of the project): a focus point marked "på plads" counts 1, "i gang" ½, "ikke startet"
0, and a point not rated counts as not in place (0); readiness is that sum as a percentage of the phase's focus
points, and is said with its counts ("40 % (2 af 5 på plads; 3 ikke vurderet)"), the same on the screen, on the
plan (07) and in the team's view (08). A phase with no point rated has no readiness ("ikke vurderet endnu").
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field
from typing import Any, ClassVar

from samskabelse.base.i18n import Texts
from samskabelse.course import Course, FocusPoint, Phase
from samskabelse.sections.protocol import (
    ANSWERED_FIELD,
    AnswerError,
    dump_answered,
    key,
    mark,
    restored_answered,
    saved_answered,
    show_on_screen,
    unmark,
)
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.answering import NOT_RATED, rated, rating_options
from samskabelse.widgets.display import HTMLText, own_words
from samskabelse.widgets.figures import MAX_WIDTH, PALETTE, BlitLiveFigure, new_figure
from samskabelse.widgets.guard import ErrorBoundary

STATUSES = ("not_started", "under_way", "in_place")
SCORE = {"not_started": 0.0, "under_way": 0.5, "in_place": 1.0}
UNRATED = "not_rated"  # the counts' key for the focus points not rated (they count 0 in readiness)
# The rule for the course's suggested next steps, in order of precedence:
#   1. earlier phase first: a later phase stands on what the earlier one settled;
#   2. within a phase, "not started" before "under way": nothing has happened there yet;
#   3. then the order of the focus points in the course.
# Only focus points the participant marked "not started" or "under way" are suggested; in place and not rated
# never are. It is a suggestion: where to begin is the manager's choice (`choose_start`), with their reason.
NEXT_STEP_RULE = ("phase", "status", "course order")
URGENCY = {"not_started": 0, "under_way": 1}
OWN_STEPS, OWN_STEP_MAX = 5, 200  # the manager's own next steps: at most this many lines of this many characters
REASON_MAX = 200  # why the manager begins where they do: one line of at most this many characters
NO_START = ""  # the start chooser's value until the manager chooses

TEXT = Texts(
    da={
        "not_started": "Ikke startet", "under_way": "I gang", "in_place": "På plads", "not_rated": "Ikke vurderet",
        "choose": "Vælg fase:",
        "phase_button": "{number}. {name}",
        "phase_label": "{number}. {name} ({when})",
        "strategic_focus": "Strategisk fokus",
        "mark": "Markér hvert fokuspunkt. Et punkt, du ikke har markeret, står som »ikke vurderet«.",
        "title": "Hvor langt er projektet med kursets tjekliste?",
        "xlabel": "Andel af fasens fokuspunkter (%)",
        "readiness_column": "Parathed",
        "chosen": "◀ valgt",
        "no_value": "–",
        # readiness, said the same way on the screen, the plan and in 08: "40 % (2 af 5 på plads; 3 ikke vurderet)"
        "percent": "{value} %",
        "summary": "{percent} ({counts})",
        "count_in_place": "{k} af {n} på plads",
        "count_under_way": "{k} i gang",
        "count_not_started": "{k} ikke startet",
        "count_not_rated": "{k} ikke vurderet",
        "none_rated": "ikke vurderet endnu",
        "points_one": "ét fokuspunkt", "points_many": "{n} fokuspunkter",
        "readiness_heading": "Parathed pr. fase – hvor langt du er med kursets tjekliste",
        "readiness_line": "{label}: <b>{summary}</b>",
        "readiness_rule": "Parathed er andelen af fasens fokuspunkter, du har markeret »på plads«. Et punkt »i "
                          "gang« tæller halvt, og et punkt, du ikke har vurderet, tæller som ikke på plads. Tallet "
                          "siger, hvor meget af kursets tjekliste du har krydset af – ikke hvor godt projektet går.",
        "suggest_heading": "Kursets forslag til, hvor du kan begynde",
        "suggest_intro": "Efter kursets regel er det disse af de fokuspunkter, du har markeret »ikke startet« eller "
                         "»i gang«:",
        "suggest_waiting": "Markér fokuspunkterne ovenfor. Så viser kurset et forslag til, hvor du kan begynde – "
                           "men valget er dit.",
        "next_item": "<b>{phase}</b> · {status}: {text}",
        "next_rule": "Reglen: tidligere fase først; i en fase kommer »ikke startet« før »i gang«; derefter kursets "
                     "rækkefølge. Det er et forslag – hvor du begynder, vælger du selv nedenfor.",
        "all_done": "Alle fokuspunkter er markeret »på plads«. Brug spørgsmålene til at tjekke, at det holder.",
        "none_open": "Alle de fokuspunkter, du har vurderet, er markeret »på plads«. {points} er ikke vurderet "
                     "endnu.",
        "fewer": "Kun {points} er markeret »ikke startet« eller »i gang«.",
        "start_label": "Hvor begynder du?",
        "start_help": "Vælg det fokuspunkt, du vil tage fat på først, blandt dem, du har markeret »ikke startet« "
                      "eller »i gang«. Du kan følge kursets forslag eller vælge et andet. Skriv med én linje hvorfor. "
                      "Begge dele står på din plan (07).",
        "start_name": "Hvor begynder du? Fokuspunkt",
        "start_choose": "– vælg et fokuspunkt –",
        "start_option": "{number}. {phase} · {status}: {text}",
        "start_none": "Markér først fokuspunkterne ovenfor: så kan du vælge blandt dem, der ikke er på plads.",
        "start_done": "Du har nu markeret det fokuspunkt, du ville begynde med, som »på plads«. Vælg et nyt sted "
                      "at begynde.",
        "reason_label": "Hvorfor dér?",
        "reason_placeholder": "Én linje med dine egne ord",
        "own_steps_label": "Dine egne næste skridt",
        "own_steps_help": "Skriv dine næste skridt – ét pr. linje, som handlinger, fx »Ring til formanden for "
                          "beboerforeningen«. De kommer med, når du gemmer dine svar, og står på din plan (07) "
                          "under »Mine næste skridt«. Kursets forslag står for sig.",
        "own_steps_placeholder": "Ét skridt pr. linje",
        "alt": "Vandrette søjler for de tre faser, der viser, hvor mange af fasens fokuspunkter du har markeret på "
               "plads, i gang og ikke startet, og hvor mange der ikke er vurderet. Parathed: {summary}.",
        "basis_publication": "Genfortæller et budskab fra publikationen",
        "basis_lederweb": "Genfortæller et budskab fra Lederwebs omtale",
        "basis_course": "Kursets eget fokuspunkt",
        "basis_invented": "Opdigtet",
        "overview_when": "Hvornår",
        "col_phase": "Fase",
        "overview_focus": "Strategisk fokus",
        "overview_points": "Chefens fokuspunkter",
        "overview_questions": "Spørgsmål at stille",
        "overview_basis": "Grundlag",
        "overview_note": "Fasens navn og strategiske fokus er kursets arbejdsmodel. Selv hvor et fokuspunkt "
                         "genfortæller et budskab fra publikationen, er dets placering i fasen kursets.",
        "note_type": "Svarene for »{what}« kan ikke læses (forventede en tabel); de er sprunget over.",
        "note_own_steps": "Dine egne næste skridt skal være en liste med tekster, men er {got}; det, der ikke er "
                          "tekst, er sprunget over.",
        "mixed_list": "en liste med andet end tekst",
        "note_phase": "Fasen »{value}« findes ikke længere i kurset; svarene for den er sprunget over.",
        "note_point": "Fokuspunktet »{value}« findes ikke længere i fasen »{phase}«; svaret er sprunget over.",
        "note_status": "Status »{value}« for »{point}« kan ikke læses; punktet står som »ikke vurderet«.",
        "note_current": "Den valgte fase »{value}« findes ikke i kurset; den første fase er valgt.",
        "note_start": "Det fokuspunkt, du ville begynde med (»{value}«), findes ikke i kurset; vælg et nyt i "
                      "notebook 03.",
        "note_reason": "Begrundelsen for, hvor du begynder, skal være en tekst, men er {got}; den er sprunget over.",
        "note_migrated": "Notebook 03 viste, da du gemte, de fokuspunkter, du ikke havde markeret, som »ikke "
                         "startet«. De tæller nu som dine svar »ikke startet«, sådan som skærmen viste dem.",
    },
    en={
        "not_started": "Not started", "under_way": "Under way", "in_place": "In place", "not_rated": "Not rated",
        "choose": "Choose a phase:",
        "phase_button": "{number}. {name}",
        "phase_label": "{number}. {name} ({when})",
        "strategic_focus": "Strategic focus",
        "mark": "Mark each focus point. A point you have not marked stays “not rated”.",
        "title": "How far is the project with the course's checklist?",
        "xlabel": "Share of the phase's focus points (%)",
        "readiness_column": "Readiness",
        "chosen": "◀ chosen",
        "no_value": "–",
        "percent": "{value}%",
        "summary": "{percent} ({counts})",
        "count_in_place": "{k} of {n} in place",
        "count_under_way": "{k} under way",
        "count_not_started": "{k} not started",
        "count_not_rated": "{k} not rated",
        "none_rated": "not rated yet",
        "points_one": "one focus point", "points_many": "{n} focus points",
        "readiness_heading": "Readiness per phase – how far you are with the course's checklist",
        "readiness_line": "{label}: <b>{summary}</b>",
        "readiness_rule": "Readiness is the share of the phase's focus points you have marked “in place”. A point "
                          "“under way” counts half, and a point you have not rated counts as not in place. The "
                          "number says how much of the course's checklist you have ticked off – not how well the "
                          "project is going.",
        "suggest_heading": "The course's suggestion for where to begin",
        "suggest_intro": "By the course's rule, these are the first of the focus points you have marked “not "
                         "started” or “under way”:",
        "suggest_waiting": "Mark the focus points above. The course then suggests where you could begin – but the "
                           "choice is yours.",
        "next_item": "<b>{phase}</b> · {status}: {text}",
        "next_rule": "The rule: earlier phase first; within a phase, “not started” before “under way”; then the "
                     "course's order. It is a suggestion – you choose where to begin below.",
        "all_done": "Every focus point is marked “in place”. Use the questions to check that it holds.",
        "none_open": "Every focus point you have rated is marked “in place”. {points} not rated yet.",
        "fewer": "Only {points} marked “not started” or “under way”.",
        "start_label": "Where do you begin?",
        "start_help": "Choose the focus point you will take up first, among those you have marked “not started” or "
                      "“under way”. You can follow the course's suggestion or choose another. Say why in one line. "
                      "Both go on your plan (07).",
        "start_name": "Where do you begin? Focus point",
        "start_choose": "– choose a focus point –",
        "start_option": "{number}. {phase} · {status}: {text}",
        "start_none": "First mark the focus points above: then you can choose among those not in place.",
        "start_done": "You have now marked the focus point you would begin with as “in place”. Choose a new place "
                      "to begin.",
        "reason_label": "Why there?",
        "reason_placeholder": "One line in your own words",
        "own_steps_label": "Your own next steps",
        "own_steps_help": "Write your next steps – one per line, as actions, e.g. “Call the chair of the residents' "
                          "association”. They are saved when you save your answers, and your plan (07) prints them "
                          "under “My next steps”. The course's suggestion stands apart.",
        "own_steps_placeholder": "One step per line",
        "alt": "Horizontal bars for the three phases showing how many of the phase's focus points you have marked "
               "in place, under way and not started, and how many are not rated. Readiness: {summary}.",
        "basis_publication": "Restates a message of the publication",
        "basis_lederweb": "Restates a message of Lederweb's coverage",
        "basis_course": "The course's own focus point",
        "basis_invented": "Invented",
        "overview_when": "When",
        "col_phase": "Phase",
        "overview_focus": "Strategic focus",
        "overview_points": "The manager's focus points",
        "overview_questions": "Questions to ask",
        "overview_basis": "Basis",
        "overview_note": "The phase's name and strategic focus are the course's working model. Even where a "
                         "focus point restates a message of the publication, placing it in this phase is the "
                         "course's choice.",
        "note_type": "The answers for “{what}” cannot be read (expected a mapping); they were skipped.",
        "note_own_steps": "Your own next steps must be a list of texts but are {got}; what is not text was skipped.",
        "mixed_list": "a list with more than text",
        "note_phase": "The phase “{value}” is no longer in the course; its answers were skipped.",
        "note_point": "The focus point “{value}” is no longer in the phase “{phase}”; the answer was skipped.",
        "note_status": "The status “{value}” for “{point}” cannot be read; the point is “not rated”.",
        "note_current": "The chosen phase “{value}” is not in the course; the first phase is chosen.",
        "note_start": "The focus point you would begin with (“{value}”) is not in the course; choose a new one in "
                      "notebook 03.",
        "note_reason": "The reason for where you begin must be a text but is {got}; it was skipped.",
        "note_migrated": "When you saved, notebook 03 showed the focus points you had not marked as “not started”. "
                         "They now count as your answers “not started”, as the screen showed them.",
    },
)

# Colour, hatch and text colour per status: never colour alone. Not rated: white, its own hatch, a grey edge.
STYLE = {
    "in_place": (PALETTE["green"], "", "white"),
    "under_way": (PALETTE["orange"], "//", "black"),
    "not_started": ("#E0E0E0", "..", "black"),
    UNRATED: ("#FFFFFF", "", "black"),
}
BARS = ("in_place", "under_way", "not_started", UNRATED)  # left to right


def points_text(n: int, lang: str) -> str:
    """"ét fokuspunkt" / "3 fokuspunkter" ("one focus point" / "3 focus points")."""
    t = TEXT[lang]
    return t["points_one"] if n == 1 else t["points_many"].format(n=n)


def first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def percent_text(value: float, lang: str) -> str:
    """A readiness as the course writes it: whole percent, halves rounded up ("13 %" for 12.5)."""
    return TEXT[lang]["percent"].format(value=int(value + 0.5))


def readiness_summary(counts: dict[str, int], value: float | None, lang: str) -> str:
    """"40 % (2 af 5 på plads; 3 ikke vurderet)": the readiness with what it counts, the same on the screen, the
    plan and in the team view; "ikke vurderet endnu" for a phase with no point rated."""
    t = TEXT[lang]
    if value is None:
        return t["none_rated"]
    n = sum(counts.values())
    parts = [t["count_in_place"].format(k=counts["in_place"], n=n)]
    parts += [t[f"count_{s}"].format(k=counts[s]) for s in ("under_way", "not_started") if counts[s]]
    counted = ", ".join(parts)
    if counts[UNRATED]:
        counted += "; " + t["count_not_rated"].format(k=counts[UNRATED])
    return t["summary"].format(percent=percent_text(value, lang), counts=counted)


# ---------------------------------------------------------------------------------------------
# The model
@dataclass(frozen=True)
class NextStep:
    phase: Phase
    focus_point: FocusPoint
    status: str


@dataclass
class PhaseReadiness:
    """The status the manager gave each focus point, where they begin and why, and their own next steps.

    `status` holds only the focus points the participant rated (answer key "status.<phase>.<point>"); the others
    are not rated. `current_phase` is the phase the screen shows: a setting, never an answer."""

    SECTION: ClassVar[str] = "phases"

    current_phase: str = ""
    status: dict[str, dict[str, str]] = field(default_factory=dict)
    start: str = NO_START  # "<phase>.<point>": the focus point the manager begins with
    start_reason: str = ""  # why, one line in the manager's own words
    own_steps: list[str] = field(default_factory=list)  # next steps in the manager's own words, one per line
    # "status.<phase>.<point>", "start", "start_reason", "own_steps" (protocol.py)
    answered: set[str] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def new(cls, course: Course) -> PhaseReadiness:
        """No focus point rated, the first phase shown."""
        return cls(current_phase=course.phases[0].id, status={p.id: {} for p in course.phases})

    # -- the statuses ----------------------------------------------------------------------------
    def rated(self, phase: str, point: str) -> str | None:
        """The status the participant gave a focus point, or None when they have not rated it."""
        if key("status", phase, point) not in self.answered:
            return None
        return self.status.get(phase, {}).get(point)

    answered_status = rated  # the name the views used first

    def set(self, phase: str, point: str, status: str | None, course: Course | None = None) -> None:
        """Rate a focus point; None (or "– ikke vurderet –") takes the rating back."""
        status = rated(status)
        if status is not None and status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES} or None, got {status!r}")
        if course is not None:
            ph = _phase(course, phase)
            if point not in [f.id for f in ph.focus_points]:
                raise ValueError(f"phase {phase!r} has no focus point {point!r}")
        if status is None:
            self.status.get(phase, {}).pop(point, None)
            unmark(self, "status", phase, point)
            return
        self.status.setdefault(phase, {})[point] = status
        mark(self, "status", phase, point)

    def counts(self, course: Course, phase: str) -> dict[str, int]:
        """How many of the phase's focus points are in place, under way, not started and not rated."""
        ph = _phase(course, phase)
        out = dict.fromkeys((*STATUSES, UNRATED), 0)
        for f in ph.focus_points:
            out[self.rated(phase, f.id) or UNRATED] += 1
        return out

    def readiness(self, course: Course) -> dict[str, float | None]:
        """Percent per phase: in place 1, under way ½, not started and not rated 0, over all the phase's focus
        points; None for a phase with no focus point rated."""
        out: dict[str, float | None] = {}
        for ph in course.phases:
            marked = [s for f in ph.focus_points if (s := self.rated(ph.id, f.id)) is not None]
            out[ph.id] = 100.0 * sum(SCORE[s] for s in marked) / len(ph.focus_points) if marked else None
        return out

    answered_readiness = readiness

    def summary(self, course: Course, phase: str) -> str:
        """The phase's readiness as the course says it everywhere: "40 % (2 af 5 på plads; 3 ikke vurderet)"."""
        return readiness_summary(self.counts(course, phase), self.readiness(course)[phase], course.language)

    def unrated(self, course: Course) -> int:
        return sum(self.rated(ph.id, f.id) is None for ph in course.phases for f in ph.focus_points)

    def open_points(self, course: Course) -> list[NextStep]:
        """The focus points marked "not started" or "under way", in the course's order."""
        return [NextStep(ph, f, s) for ph in course.phases for f in ph.focus_points
                if (s := self.rated(ph.id, f.id)) is not None and s != "in_place"]

    def next_steps(self, course: Course, n: int = 3) -> list[NextStep]:
        """The course's suggestion: the n first focus points marked not in place, by NEXT_STEP_RULE."""
        order = {(ph.id, f.id): (pi, fi) for pi, ph in enumerate(course.phases)
                 for fi, f in enumerate(ph.focus_points)}
        steps = sorted(self.open_points(course), key=lambda s: (order[s.phase.id, s.focus_point.id][0],
                                                                 URGENCY[s.status],
                                                                 order[s.phase.id, s.focus_point.id][1]))
        return steps[:n]

    # -- where the manager begins, and why ---------------------------------------------------------
    def choose_start(self, phase: str | None, point: str | None = None, course: Course | None = None) -> None:
        """The focus point the manager begins with; None takes the choice back."""
        if not phase:
            self.start = NO_START
            unmark(self, "start")
            return
        if course is not None:
            ph = _phase(course, phase)
            if point not in [f.id for f in ph.focus_points]:
                raise ValueError(f"phase {phase!r} has no focus point {point!r}")
        self.start = f"{phase}.{point}"
        mark(self, "start")

    def start_point(self, course: Course) -> NextStep | None:
        """The chosen focus point with its phase and status (None: not chosen, or no longer in the course)."""
        if "start" not in self.answered or "." not in self.start:
            return None
        phase, point = self.start.split(".", 1)
        for ph in course.phases:
            for f in ph.focus_points:
                if (ph.id, f.id) == (phase, point):
                    return NextStep(ph, f, self.rated(ph.id, f.id) or UNRATED)
        return None

    def set_start_reason(self, text: object) -> None:
        """Why the manager begins there: one line of plain text; an empty line is no answer."""
        self.start_reason = own_words(" ".join(str(text if text is not None else "").split()), REASON_MAX)
        (mark if self.start_reason else unmark)(self, "start_reason")

    def set_own_steps(self, text: str) -> None:
        """The manager's own next steps, one per line (plain text; at most OWN_STEPS lines of OWN_STEP_MAX);
        answered when they hold text."""
        lines = (own_words(line, OWN_STEP_MAX) for line in str(text if text is not None else "").splitlines())
        self.own_steps = [line for line in lines if line][:OWN_STEPS]
        (mark if self.own_steps else unmark)(self, "own_steps")

    def choose(self, phase: str, course: Course) -> None:
        """Show another phase (a setting: not an answer)."""
        _phase(course, phase)
        self.current_phase = phase

    # -- saving --------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        status = {phase: {p: s for p, s in points.items() if key("status", phase, p) in self.answered}
                  for phase, points in self.status.items()}
        return {"current_phase": self.current_phase,
                "status": {phase: points for phase, points in status.items() if points},
                "start": self.start if "start" in self.answered else NO_START,
                "start_reason": self.start_reason,
                "own_steps": list(self.own_steps),
                ANSWERED_FIELD: dump_answered(self.answered)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], course: Course) -> tuple[PhaseReadiness, list[str]]:
        if not isinstance(data, dict):
            raise AnswerError(f"{cls.SECTION}: expected a mapping of answers, got {type(data).__name__}. "
                              "Save the answers again from notebook 03.")
        t = TEXT[course.language]
        model, notes = cls.new(course), []
        saved = saved_answered(data, course.language, notes)
        present: set[str] = set()
        current = data.get("current_phase", model.current_phase)
        if current in [p.id for p in course.phases]:
            model.current_phase = current
        else:
            notes.append(t["note_current"].format(value=_safe(current)))
        own = data.get("own_steps", [])
        if not isinstance(own, list) or not all(isinstance(x, str) for x in own):
            got = t["mixed_list"] if isinstance(own, list) else _safe(type(own).__name__)
            notes.append(t["note_own_steps"].format(got=got))
        if isinstance(own, list):  # keep every line that is text
            model.own_steps = [s for x in own if isinstance(x, str) and (s := own_words(x, OWN_STEP_MAX))][:OWN_STEPS]
            if model.own_steps:
                present.add("own_steps")
        reason = data.get("start_reason", "")
        if isinstance(reason, str):
            model.start_reason = own_words(" ".join(reason.split()), REASON_MAX)
            if model.start_reason:
                present.add("start_reason")
        else:
            notes.append(t["note_reason"].format(got=_safe(type(reason).__name__)))
        start = data.get("start", NO_START)
        if start not in (NO_START, None):
            phase, _, point = str(start).partition(".")
            if any(ph.id == phase and point in [f.id for f in ph.focus_points] for ph in course.phases):
                model.start = f"{phase}.{point}"
                present.add("start")
            else:
                notes.append(t["note_start"].format(value=_safe(start)))
        status = data.get("status", {})
        if not isinstance(status, dict):
            notes.append(t["note_type"].format(what="status"))
            status = {}
        phases = {p.id: p for p in course.phases}
        for phase_id, points in status.items():
            if phase_id not in phases:
                notes.append(t["note_phase"].format(value=_safe(phase_id)))
                continue
            if not isinstance(points, dict):
                notes.append(t["note_type"].format(what=phases[phase_id].name))
                continue
            known = {f.id: f for f in phases[phase_id].focus_points}
            for point_id, value in points.items():
                if point_id not in known:
                    notes.append(t["note_point"].format(value=_safe(point_id), phase=phases[phase_id].name))
                elif value not in STATUSES:
                    notes.append(t["note_status"].format(value=_safe(value), point=known[point_id].text))
                else:
                    model.status[phase_id][point_id] = value
                    present.add(key("status", phase_id, point_id))
        model.answered = restored_answered(saved, present)
        for phase_id, points in model.status.items():  # a status not answered is not kept (it was not rated)
            for point_id in [p for p in points if key("status", phase_id, p) not in model.answered]:
                del points[point_id]
        if "start" not in model.answered:
            model.start = NO_START
        return model, notes


def _phase(course: Course, phase: str) -> Phase:
    for ph in course.phases:
        if ph.id == phase:
            return ph
    raise ValueError(f"the course has no phase {phase!r}: use one of {[p.id for p in course.phases]}")


def _safe(value: object) -> str:
    text = " ".join(str(value).split())
    return html.escape(text[:40] + ("…" if len(text) > 40 else ""))


def phase_label(course: Course, phase: Phase) -> str:
    return TEXT[course.language]["phase_label"].format(number=phase.number, name=phase.name, when=phase.when.lower())


def describe(model: PhaseReadiness, course: Course) -> str:
    """The result as HTML: readiness per phase for what it is, and the course's suggestion once something is
    marked (never stated before the participant acts)."""
    t, lang = TEXT[course.language], course.language
    lines = ["<li>" + t["readiness_line"].format(label=html.escape(phase_label(course, ph)),
                                                 summary=model.summary(course, ph.id)) + "</li>"
             for ph in course.phases]
    parts = [f"<p><b>{t['readiness_heading']}</b></p><ul>{''.join(lines)}</ul>",
             f"<p><small>{t['readiness_rule']}</small></p>",
             f"<p><b>{t['suggest_heading']}</b></p>"]
    steps = model.next_steps(course)
    unrated = model.unrated(course)
    total = sum(len(ph.focus_points) for ph in course.phases)
    if steps:
        items = "".join(
            f"<li class='samskabelse-next-step' data-phase='{s.phase.id}' data-point='{s.focus_point.id}'>"
            + t["next_item"].format(phase=html.escape(f"{s.phase.number}. {s.phase.name}"), status=t[s.status],
                                    text=html.escape(s.focus_point.text)) + "</li>"
            for s in steps
        )
        parts.append(f"<p>{t['suggest_intro']}</p><ol>{items}</ol>")
        if len(steps) < 3:
            parts.append(f"<p>{t['fewer'].format(points=points_text(len(steps), lang))}</p>")
        parts.append(f"<p><small>{t['next_rule']}</small></p>")
    elif unrated == total:
        parts.append(f"<p>{t['suggest_waiting']}</p>")
    elif unrated:
        parts.append(f"<p>{t['none_open'].format(points=first_up(points_text(unrated, lang)))}</p>")
    else:
        parts.append(f"<p>{t['all_done']}</p>")
    start = model.start_point(course)
    if start is not None and start.status == "in_place":
        parts.append(f"<p class='samskabelse-warning'>{t['start_done']}</p>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# The widget
_NUMBER_BOX = dict(boxstyle="circle,pad=0.2", facecolor="white", edgecolor="none")


class PhaseWidget:
    """Choose a phase, rate its focus points with sliders that start "– ikke vurderet –"; the figure shows all
    three phases; the manager chooses where to begin, says why, and writes their own next steps."""

    def __init__(self, course: Course, model: PhaseReadiness | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = t = TEXT[course.language]
        self.model = model or PhaseReadiness.new(course)
        options = rating_options([(t[s], s) for s in STATUSES], course.language)
        self.errors = ErrorBoundary(course.language)
        self._quiet = False  # True while the widget itself sets a control (the start's options)

        self.chooser = widgets.ToggleButtons(
            options=[(t["phase_button"].format(number=p.number, name=p.name), p.id) for p in course.phases],
            value=self.model.current_phase, description=t["choose"], style={"button_width": "auto"},
        )
        self.chooser.add_class("samskabelse-phase-chooser")
        self.chooser.observe(self.errors.guard(self._phase_chosen), names="value")

        self.sliders: dict[str, dict[str, Any]] = {}
        self.panels: dict[str, Any] = {}
        for ph in course.phases:
            rows = [widgets.HTML(f"<p><b>{t['strategic_focus']}:</b> {html.escape(ph.strategic_focus)}</p>"
                                 f"<p>{t['mark']}</p>")]
            self.sliders[ph.id] = {}
            for f in ph.focus_points:
                slider = widgets.SelectionSlider(
                    options=options, value=self.model.rated(ph.id, f.id) or NOT_RATED, description="", readout=True,
                    continuous_update=True, layout=widgets.Layout(width="40%", min_width="240px"),
                    style={"description_width": "0px"},
                )
                slider.add_class("samskabelse-focus-slider")
                named(slider, f.text, shown=False)  # the focus point's text beside it
                slider.observe(self.errors.guard(lambda change, p=ph.id, fp=f.id: self._marked(p, fp, change["new"])),
                               names="value")
                self.sliders[ph.id][f.id] = slider
                label = widgets.HTML(html.escape(f.text), layout=widgets.Layout(width="55%"))
                rows.append(widgets.HBox([label, slider], layout=widgets.Layout(align_items="center")))
            self.panels[ph.id] = widgets.VBox(rows)
        self.panel = widgets.Box([self.panels[self.model.current_phase]])

        self._build_figure()
        # Axes, phase names, title and legend never change: they are drawn once and kept, and a change draws
        # only the bars and the numbers on top (about half the cost of drawing the whole figure).
        moving = [*(b for segs in self.segments.values() for b in segs.values()),
                  *(t for labels in self.segment_labels.values() for t in labels.values()),
                  *self.readiness_labels.values(), *self.chosen_marks.values()]
        self.live = BlitLiveFigure(self.fig, moving, alt=self._alt(), lang=course.language)
        self._describe()
        self.result = widgets.HTML(describe(self.model, course))
        self.result.add_class("samskabelse-result")

        # the decision: where to begin, and why (the bold heading is the visible label; the names say the same)
        self.start = named(widgets.Dropdown(options=self._start_options(), value=self._start_value(),
                                            layout=widgets.Layout(width="98%")), t["start_name"], shown=False)
        self.start.observe(self.errors.guard(self._start_chosen), names="value")
        self.start_note = widgets.HTML(self._start_note())
        self.reason = named(widgets.Text(value=self.model.start_reason, placeholder=t["reason_placeholder"],
                                         continuous_update=False, layout=widgets.Layout(width="98%")),
                            t["reason_label"])
        self.reason.observe(self.errors.guard(self._reason_changed), names="value")
        start_label = widgets.HTML(f"<b>{t['start_label']}</b><br><small>{t['start_help']}</small>")
        # the manager's own next steps: the bold heading above is the visible label, the name says the same
        self.own_steps = named(widgets.Textarea(value="\n".join(self.model.own_steps),
                                                placeholder=t["own_steps_placeholder"], continuous_update=False,
                                                layout=widgets.Layout(width="98%", height="7em")),
                               t["own_steps_label"], shown=False)
        self.own_steps.observe(self.errors.guard(self._own_steps_changed), names="value")
        own_label = widgets.HTML(f"<b>{t['own_steps_label']}</b><br><small>{t['own_steps_help']}</small>")
        self.box = widgets.VBox([self.chooser, self.panel, self.errors.alert, self.live.widget, self.result,
                                 start_label, self.start, self.start_note, self.reason, own_label, self.own_steps])
        mark_widget(self.box, course.language, "samskabelse-phases")
        show_on_screen(self.model, self)

    def controls(self) -> dict[str, Any]:
        """Each answer this widget asks, and its control (protocol.py)."""
        out: dict[str, Any] = {key("status", p, f): s for p, points in self.sliders.items() for f, s in points.items()}
        out.update({"start": self.start, "start_reason": self.reason, "own_steps": self.own_steps})
        return out

    # -- where to begin ------------------------------------------------------------------------
    def _start_options(self) -> list[tuple[str, str]]:
        """The focus points marked not in place, and the one chosen (whatever its status now)."""
        t, course = self.t, self.course
        chosen = self.model.start_point(course)
        shown = {(s.phase.id, s.focus_point.id) for s in self.model.open_points(course)}
        if chosen is not None:
            shown.add((chosen.phase.id, chosen.focus_point.id))
        options = [(t["start_choose"], NO_START)]
        for ph in course.phases:
            for f in ph.focus_points:
                if (ph.id, f.id) in shown:
                    status = t[self.model.rated(ph.id, f.id) or UNRATED].lower()
                    options.append((t["start_option"].format(number=ph.number, phase=ph.name, status=status,
                                                             text=f.text), f"{ph.id}.{f.id}"))
        return options

    def _start_value(self) -> str:
        return self.model.start if self.model.start_point(self.course) is not None else NO_START

    def _start_note(self) -> str:
        if len(self._start_options()) == 1:
            return f"<p><small>{self.t['start_none']}</small></p>"
        return ""

    def _refresh_start(self) -> None:
        options = self._start_options()
        if list(self.start.options) != options:
            self._quiet = True
            try:
                self.start.options = options  # ipywidgets resets the value when the options change
                self.start.value = self._start_value()
            finally:
                self._quiet = False
        self.start_note.value = self._start_note()

    def _start_chosen(self, change) -> None:
        if self._quiet:
            return
        value = change["new"] or NO_START
        phase, _, point = value.partition(".")
        self.model.choose_start(phase or None, point or None, self.course)
        self.result.value = describe(self.model, self.course)

    def _reason_changed(self, change) -> None:
        if self._quiet:
            return
        self.model.set_start_reason(change["new"])

    # -- figure --------------------------------------------------------------------------------
    def _build_figure(self) -> None:
        course, t = self.course, self.t
        self.fig = fig = new_figure(MAX_WIDTH, 5.4)
        ax = self.ax = fig.add_subplot()
        phases = course.phases
        ys = list(range(len(phases)))[::-1]  # phase 1 at the top
        self.segments: dict[str, dict[str, Any]] = {}
        self.segment_labels: dict[str, dict[str, Any]] = {}
        self.readiness_labels: dict[str, Any] = {}
        self.chosen_marks: dict[str, Any] = {}
        for ph, y in zip(phases, ys, strict=True):
            self.segments[ph.id], self.segment_labels[ph.id] = {}, {}
            for status in BARS:
                colour, hatch, text_colour = STYLE[status]
                edge = PALETTE["grey"] if status == UNRATED else PALETTE["black"]
                (bar,) = ax.barh([y], [0], left=[0], height=0.62, color=colour, hatch=hatch, edgecolor=edge,
                                 linewidth=1, linestyle=(0, (4, 2)) if status == UNRATED else "-")
                self.segments[ph.id][status] = bar
                self.segment_labels[ph.id][status] = ax.text(0, y, "", ha="center", va="center", fontsize=13,
                                                             fontweight="bold", color=text_colour,
                                                             bbox=None if status in ("in_place", UNRATED)
                                                             else _NUMBER_BOX)
            self.readiness_labels[ph.id] = ax.text(102, y, "", ha="left", va="center", fontsize=15,
                                                   fontweight="bold")
            self.chosen_marks[ph.id] = ax.text(118, y, t["chosen"], ha="left", va="center", fontsize=13,
                                               color=PALETTE["blue"], fontweight="bold")
        ax.text(102, len(phases) - 0.45, t["readiness_column"], ha="left", va="bottom", fontsize=13,
                fontweight="bold")
        ax.set_yticks(ys, ["\n".join(textwrap.wrap(phase_label(course, ph), 22)) for ph in phases])
        ax.set_xlim(0, 135)
        ax.set_ylim(-0.6, len(phases) - 0.4)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel(t["xlabel"], loc="left")
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.spines["bottom"].set_bounds(0, 100)
        ax.set_title(t["title"], loc="left", pad=26)  # above the readiness column's heading
        handles = [self.segments[phases[0].id][s] for s in BARS]
        fig.legend(handles, [t[s] for s in BARS], loc="outside lower center", ncols=4, frameon=False)
        self._update_artists()

    def _update_artists(self) -> None:
        course, t = self.course, self.t
        ready = self.model.readiness(course)
        for ph in course.phases:
            counts = self.model.counts(course, ph.id)
            n = len(ph.focus_points) or 1
            left = 0.0
            for status in BARS:
                width = 100.0 * counts[status] / n
                bar, label = self.segments[ph.id][status], self.segment_labels[ph.id][status]
                bar.set_x(left)
                bar.set_width(width)
                label.set_x(left + width / 2)
                label.set_text(str(counts[status]) if counts[status] else "")
                left += width
            value = ready[ph.id]
            self.readiness_labels[ph.id].set_text(t["no_value"] if value is None else
                                                  percent_text(value, course.language))
            chosen = ph.id == self.model.current_phase
            self.chosen_marks[ph.id].set_visible(chosen)
            for status, bar in self.segments[ph.id].items():
                bar.set_linewidth((3 if chosen else 1) if status != UNRATED else (2 if chosen else 1))

    def _alt(self) -> str:
        summary = "; ".join(f"{p.name} {self.model.summary(self.course, p.id)}" for p in self.course.phases)
        return self.t["alt"].format(summary=summary)

    def _describe(self) -> None:
        t, course = self.t, self.course
        rows = []
        for ph in course.phases:
            counts = self.model.counts(course, ph.id)
            rows.append([phase_label(course, ph), *[counts[s] for s in BARS], self.model.summary(course, ph.id)])
        header = [t["col_phase"], *[t[s] for s in BARS], t["readiness_column"]]
        self.live.describe(self._alt(), header, rows)

    # -- events --------------------------------------------------------------------------------
    def _phase_chosen(self, change) -> None:
        if self._quiet:
            return
        self.model.choose(change["new"], self.course)
        self.panel.children = [self.panels[self.model.current_phase]]
        self.update()

    def _own_steps_changed(self, change) -> None:
        if self._quiet:
            return
        self.model.set_own_steps(change["new"])

    def _marked(self, phase: str, point: str, status: str) -> None:
        if self._quiet:
            return
        self.model.set(phase, point, rated(status), self.course)
        self.update()

    def show_answers(self, saved: PhaseReadiness) -> None:
        """Show saved answers (the save box's "Hent mine gemte svar"): their values and what was answered go into
        this widget's own model, in place; the controls follow without marking anything, and all is redrawn."""
        m = self.model
        m.current_phase = saved.current_phase if saved.current_phase in self.panels else m.current_phase
        m.status = {ph: dict(points) for ph, points in saved.status.items()}
        m.start, m.start_reason, m.own_steps = saved.start, saved.start_reason, list(saved.own_steps)
        m.answered.clear()
        m.answered.update(saved.answered)
        self._quiet = True
        try:
            self.chooser.value = m.current_phase
            self.panel.children = [self.panels[m.current_phase]]
            for phase, points in self.sliders.items():
                for point, slider in points.items():
                    slider.value = m.rated(phase, point) or NOT_RATED
            self.reason.value = m.start_reason
            self.own_steps.value = "\n".join(m.own_steps)
        finally:
            self._quiet = False
        self.update()
        self._quiet = True
        try:  # the options follow the statuses (update); the choice is the saved one
            self.start.value = self._start_value()
        finally:
            self._quiet = False

    def update(self) -> None:
        """Show the model as it is now, updating the figure's bars and labels in place."""
        self._update_artists()
        self.live.refresh()
        self._describe()
        self.result.value = describe(self.model, self.course)
        self._refresh_start()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def mark_your_readiness(course: Course, model: PhaseReadiness | None = None) -> PhaseWidget:
    """Notebook 03's widget: rate each focus point per phase, see readiness, choose where to begin and why."""
    return PhaseWidget(course, model)


# ---------------------------------------------------------------------------------------------
# Static content of notebook 03
def basis_text(course: Course, basis: str) -> str:
    return TEXT[course.language][f"basis_{basis}"]


def phase_overview(course: Course) -> HTMLText:
    """The three phases: when, strategic focus, focus points with their basis, and questions to ask."""
    t = TEXT[course.language]
    marks = {"publication": "◆", "lederweb": "◇", "course": "○", "invented": "✎"}
    blocks = []
    for ph in course.phases:
        points = "".join(
            f"<li>{html.escape(f.text)} <span class='samskabelse-basis samskabelse-basis-{f.basis}' "
            f"style='white-space:nowrap'><small>{marks[f.basis]} <i>{html.escape(basis_text(course, f.basis))}"
            f"</i></small></span></li>"
            for f in ph.focus_points
        )
        questions = "".join(f"<li>{html.escape(q)}</li>" for q in ph.questions)
        blocks.append(
            f"<div class='samskabelse-phase' style='border-left:6px solid {PALETTE['blue']};padding-left:10px;"
            f"margin-bottom:14px'>"
            f"<h3 style='margin-top:4px'>{html.escape(phase_label(course, ph))}</h3>"
            f"<p><b>{t['overview_focus']}:</b> {html.escape(ph.strategic_focus)}</p>"
            f"<p><b>{t['overview_points']}</b></p><ul>{points}</ul>"
            f"<p><b>{t['overview_questions']}</b></p><ul>{questions}</ul></div>"
        )
    legend = " · ".join(f"{marks[b]} {html.escape(basis_text(course, b))}"
                        for b in ("publication", "lederweb", "course"))
    return HTMLText(
        f"<div class='samskabelse-phase-overview'>{''.join(blocks)}"
        f"<p><small><b>{t['overview_basis']}:</b> {legend}. {html.escape(t['overview_note'])}</small></p></div>"
    )


from samskabelse.sections.phases.views import DEFINITION as DEFINITION  # noqa: E402  (it uses the names above)
