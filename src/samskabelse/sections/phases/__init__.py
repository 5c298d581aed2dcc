"""Notebook 03: the phase model. Mark each focus point, see readiness per phase and the next steps.

The publication has a phase model of three typical phases, each seen from the manager's strategic focus,
with the manager's most important focus points. The course does not know the publication's names for the
phases or its focus points: names, strategic focus, focus points and questions come from
data/<lang>/course.yaml, and each focus point says whether it restates a verified message (`basis`).

    phases = mark_your_readiness(course)
    phases.model.readiness(course)          # {"clarify": 40.0, ...}, percent per phase
    phases.model.next_steps(course)         # the three most urgent focus points, see NEXT_STEP_RULE

Readiness of a phase: each focus point counts 1 when in place, ½ when under way, 0 when not started;
readiness is the sum over the phase's focus points as a percentage of their number.
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
)
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.display import HTMLText, own_words
from samskabelse.widgets.figures import MAX_WIDTH, PALETTE, BlitLiveFigure, new_figure
from samskabelse.widgets.guard import ErrorBoundary

STATUSES = ("not_started", "under_way", "in_place")
SCORE = {"not_started": 0.0, "under_way": 0.5, "in_place": 1.0}
# The rule for "the most urgent next steps", in order of precedence:
#   1. earlier phase first: a later phase stands on what the earlier one settled;
#   2. within a phase, "not started" before "under way": nothing has happened there yet;
#   3. then the order of the focus points in the course.
# Focus points already in place are never next steps.
NEXT_STEP_RULE = ("phase", "status", "course order")
URGENCY = {"not_started": 0, "under_way": 1}
OWN_STEPS, OWN_STEP_MAX = 5, 200  # the manager's own next steps: at most this many lines of this many characters

TEXT = Texts(
    da={
        "not_started": "Ikke startet", "under_way": "I gang", "in_place": "På plads",
        "choose": "Vælg fase:",
        "phase_button": "{number}. {name}",
        "phase_label": "{number}. {name} ({when})",
        "strategic_focus": "Strategisk fokus",
        "mark": "Markér hvert fokuspunkt:",
        "title": "Hvor parat er projektet i hver fase?",
        "xlabel": "Andel af fasens fokuspunkter (%)",
        "readiness": "{value:.0f} %",
        "readiness_column": "Parathed",
        "chosen": "◀ valgt",
        "readiness_heading": "Parathed pr. fase",
        "readiness_line": "{label}: <b>{value:.0f} %</b> ({in_place} på plads, {under_way} i gang, "
                          "{not_started} ikke startet)",
        "next_heading": "De tre mest presserende næste skridt",
        "own_steps_label": "Dine egne næste skridt",
        "own_steps_help": "Skridtene ovenfor er kursets forslag. Skriv dine egne – ét pr. linje, som handlinger, fx "
                          "»Ring til formanden for beboerforeningen«. De kommer med, når du gemmer dine svar, og "
                          "står på din plan (07) før kursets forslag.",
        "own_steps_placeholder": "Ét skridt pr. linje",
        "next_item": "<b>{phase}</b> · {status}: {text}",
        "next_rule": "Reglen: tidligere fase først; i en fase kommer »ikke startet« før »i gang«; "
                     "derefter kursets rækkefølge.",
        "all_done": "Alle fokuspunkter er markeret »på plads«. Brug spørgsmålene til at tjekke, at det holder.",
        "fewer": "Kun {n} fokuspunkt(er) er ikke på plads.",
        "alt": "Vandrette søjler for de tre faser, der viser andelen af fokuspunkter på plads, i gang og ikke "
               "startet. Parathed: {summary}.",
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
        "note_status": "Status »{value}« for »{point}« kan ikke læses; punktet står som »ikke startet«.",
        "note_current": "Den valgte fase »{value}« findes ikke i kurset; den første fase er valgt.",
    },
    en={
        "not_started": "Not started", "under_way": "Under way", "in_place": "In place",
        "choose": "Choose a phase:",
        "phase_button": "{number}. {name}",
        "phase_label": "{number}. {name} ({when})",
        "strategic_focus": "Strategic focus",
        "mark": "Mark each focus point:",
        "title": "How ready is the project in each phase?",
        "xlabel": "Share of the phase's focus points (%)",
        "readiness": "{value:.0f}%",
        "readiness_column": "Readiness",
        "chosen": "◀ chosen",
        "readiness_heading": "Readiness per phase",
        "readiness_line": "{label}: <b>{value:.0f}%</b> ({in_place} in place, {under_way} under way, "
                          "{not_started} not started)",
        "next_heading": "The three most urgent next steps",
        "own_steps_label": "Your own next steps",
        "own_steps_help": "The steps above are the course's suggestion. Write your own – one per line, as actions, "
                          "e.g. “Call the chair of the residents' association”. They are saved when you save your "
                          "answers, and your plan (07) prints them before the course's suggestion.",
        "own_steps_placeholder": "One step per line",
        "next_item": "<b>{phase}</b> · {status}: {text}",
        "next_rule": "The rule: earlier phase first; within a phase, “not started” before “under way”; "
                     "then the course's order.",
        "all_done": "Every focus point is marked “in place”. Use the questions to check that it holds.",
        "fewer": "Only {n} focus point(s) are not in place.",
        "alt": "Horizontal bars for the three phases showing the share of focus points in place, under way and "
               "not started. Readiness: {summary}.",
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
        "note_status": "The status “{value}” for “{point}” cannot be read; the point is “not started”.",
        "note_current": "The chosen phase “{value}” is not in the course; the first phase is chosen.",
    },
)

# Colour, hatch and text colour per status: never colour alone.
STYLE = {
    "in_place": (PALETTE["green"], "", "white"),
    "under_way": (PALETTE["orange"], "//", "black"),
    "not_started": ("#E0E0E0", "..", "black"),
}


# ---------------------------------------------------------------------------------------------
# The model
@dataclass(frozen=True)
class NextStep:
    phase: Phase
    focus_point: FocusPoint
    status: str


@dataclass
class PhaseReadiness:
    """The status of every focus point in every phase, and the phase the manager is looking at."""

    SECTION: ClassVar[str] = "phases"

    current_phase: str = ""
    status: dict[str, dict[str, str]] = field(default_factory=dict)
    own_steps: list[str] = field(default_factory=list)  # next steps in the manager's own words, one per line
    # "status.<phase>.<point>", "current_phase", "own_steps" (model.py's protocol)
    answered: set[str] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def new(cls, course: Course) -> PhaseReadiness:
        """Every focus point "not started", the first phase chosen."""
        return cls(current_phase=course.phases[0].id,
                   status={p.id: {f.id: "not_started" for f in p.focus_points} for p in course.phases})

    def get(self, phase: str, point: str) -> str:
        return self.status.get(phase, {}).get(point, "not_started")

    def set(self, phase: str, point: str, status: str, course: Course | None = None) -> None:
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {status!r}")
        if course is not None:
            ph = _phase(course, phase)
            if point not in [f.id for f in ph.focus_points]:
                raise ValueError(f"phase {phase!r} has no focus point {point!r}")
        self.status.setdefault(phase, {})[point] = status
        mark(self, "status", phase, point)

    def set_own_steps(self, text: str) -> None:
        """The manager's own next steps, one per line (plain text; at most OWN_STEPS lines of OWN_STEP_MAX)."""
        lines = (own_words(line, OWN_STEP_MAX) for line in str(text if text is not None else "").splitlines())
        self.own_steps = [line for line in lines if line][:OWN_STEPS]
        mark(self, "own_steps")

    def choose(self, phase: str, course: Course) -> None:
        _phase(course, phase)
        self.current_phase = phase
        mark(self, "current_phase")

    def answered_status(self, phase: str, point: str) -> str | None:
        """The status the participant gave a focus point, or None when they did not mark it."""
        return self.get(phase, point) if key("status", phase, point) in self.answered else None

    def answered_readiness(self, course: Course) -> dict[str, float | None]:
        """Percent per phase over the focus points the participant marked; None for a phase with none marked."""
        out: dict[str, float | None] = {}
        for ph in course.phases:
            marked = [s for f in ph.focus_points if (s := self.answered_status(ph.id, f.id)) is not None]
            out[ph.id] = 100.0 * sum(SCORE[s] for s in marked) / len(marked) if marked else None
        return out

    def counts(self, course: Course, phase: str) -> dict[str, int]:
        ph = _phase(course, phase)
        out = dict.fromkeys(STATUSES, 0)
        for f in ph.focus_points:
            out[self.get(phase, f.id)] += 1
        return out

    def readiness(self, course: Course) -> dict[str, float]:
        """Percent per phase: in place counts 1, under way ½, not started 0."""
        out = {}
        for ph in course.phases:
            n = len(ph.focus_points)
            out[ph.id] = 100.0 * sum(SCORE[self.get(ph.id, f.id)] for f in ph.focus_points) / n if n else 100.0
        return out

    def next_steps(self, course: Course, n: int = 3, *, answered_only: bool = False) -> list[NextStep]:
        """The n most urgent focus points that are not in place, by NEXT_STEP_RULE (with answered_only: of
        those the participant marked)."""
        open_points = []
        for pi, ph in enumerate(course.phases):
            for fi, f in enumerate(ph.focus_points):
                status = self.get(ph.id, f.id)
                if answered_only and key("status", ph.id, f.id) not in self.answered:
                    continue
                if status != "in_place":
                    open_points.append(((pi, URGENCY[status], fi), NextStep(ph, f, status)))
        open_points.sort(key=lambda item: item[0])
        return [step for _, step in open_points[:n]]

    def to_dict(self) -> dict[str, Any]:
        return {"current_phase": self.current_phase,
                "status": {phase: dict(points) for phase, points in self.status.items()},
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
            if "current_phase" in data:
                present.add("current_phase")
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
    """The result as HTML: readiness per phase and the three most urgent next steps, with the rule."""
    t = TEXT[course.language]
    ready = model.readiness(course)
    lines = []
    for ph in course.phases:
        c = model.counts(course, ph.id)
        lines.append("<li>" + t["readiness_line"].format(label=html.escape(phase_label(course, ph)),
                                                         value=ready[ph.id], **c) + "</li>")
    steps = model.next_steps(course)
    parts = [f"<p><b>{t['readiness_heading']}</b></p><ul>{''.join(lines)}</ul>",
             f"<p><b>{t['next_heading']}</b></p>"]
    if steps:
        items = "".join(
            f"<li class='samskabelse-next-step' data-phase='{s.phase.id}' data-point='{s.focus_point.id}'>"
            + t["next_item"].format(phase=html.escape(f"{s.phase.number}. {s.phase.name}"), status=t[s.status],
                                    text=html.escape(s.focus_point.text)) + "</li>"
            for s in steps
        )
        parts.append(f"<ol>{items}</ol>")
        if len(steps) < 3:
            parts.append(f"<p>{t['fewer'].format(n=len(steps))}</p>")
        parts.append(f"<p><small>{t['next_rule']}</small></p>")
    else:
        parts.append(f"<p>{t['all_done']}</p>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# The widget
_NUMBER_BOX = dict(boxstyle="circle,pad=0.2", facecolor="white", edgecolor="none")

class PhaseWidget:
    """Choose a phase, mark its focus points with three-stop sliders; the figure shows all three phases."""

    def __init__(self, course: Course, model: PhaseReadiness | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = t = TEXT[course.language]
        self.model = model or PhaseReadiness.new(course)
        options = [(t[s], s) for s in STATUSES]
        self.errors = ErrorBoundary(course.language)

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
                    options=options, value=self.model.get(ph.id, f.id), description="", readout=True,
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
        # the manager's own next steps: the bold heading above is the visible label, the name says the same
        self.own_steps = named(widgets.Textarea(value="\n".join(self.model.own_steps),
                                                placeholder=t["own_steps_placeholder"], continuous_update=False,
                                                layout=widgets.Layout(width="98%", height="7em")),
                               t["own_steps_label"], shown=False)
        self.own_steps.observe(self.errors.guard(self._own_steps_changed), names="value")
        own_label = widgets.HTML(f"<b>{t['own_steps_label']}</b><br><small>{t['own_steps_help']}</small>")
        self.box = widgets.VBox([self.chooser, self.panel, self.errors.alert, self.live.widget, self.result,
                                 own_label, self.own_steps])
        mark_widget(self.box, course.language, "samskabelse-phases")

    # -- figure --------------------------------------------------------------------------------
    def _build_figure(self) -> None:
        course, t = self.course, self.t
        self.fig = fig = new_figure(MAX_WIDTH, 5.2)
        ax = self.ax = fig.add_subplot()
        phases = course.phases
        ys = list(range(len(phases)))[::-1]  # phase 1 at the top
        self.segments: dict[str, dict[str, Any]] = {}
        self.segment_labels: dict[str, dict[str, Any]] = {}
        self.readiness_labels: dict[str, Any] = {}
        self.chosen_marks: dict[str, Any] = {}
        for ph, y in zip(phases, ys, strict=True):
            self.segments[ph.id], self.segment_labels[ph.id] = {}, {}
            for status in ("in_place", "under_way", "not_started"):
                colour, hatch, text_colour = STYLE[status]
                (bar,) = ax.barh([y], [0], left=[0], height=0.62, color=colour, hatch=hatch,
                                 edgecolor=PALETTE["black"], linewidth=1)
                self.segments[ph.id][status] = bar
                self.segment_labels[ph.id][status] = ax.text(0, y, "", ha="center", va="center", fontsize=13,
                                                             fontweight="bold", color=text_colour,
                                                             bbox=None if status == "in_place" else _NUMBER_BOX)
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
        ax.set_title(t["title"], loc="left")
        handles = [self.segments[phases[0].id][s] for s in STATUSES]
        fig.legend(handles, [t[s] for s in STATUSES], loc="outside lower center", ncols=3, frameon=False)
        self._update_artists()

    def _update_artists(self) -> None:
        course, t = self.course, self.t
        ready = self.model.readiness(course)
        for ph in course.phases:
            counts = self.model.counts(course, ph.id)
            n = len(ph.focus_points) or 1
            left = 0.0
            for status in ("in_place", "under_way", "not_started"):
                width = 100.0 * counts[status] / n
                bar, label = self.segments[ph.id][status], self.segment_labels[ph.id][status]
                bar.set_x(left)
                bar.set_width(width)
                label.set_x(left + width / 2)
                label.set_text(str(counts[status]) if counts[status] else "")
                left += width
            self.readiness_labels[ph.id].set_text(t["readiness"].format(value=ready[ph.id]))
            chosen = ph.id == self.model.current_phase
            self.chosen_marks[ph.id].set_visible(chosen)
            for bar in self.segments[ph.id].values():
                bar.set_linewidth(3 if chosen else 1)

    def _alt(self) -> str:
        ready = self.model.readiness(self.course)
        summary = "; ".join(f"{p.name} {ready[p.id]:.0f} %" for p in self.course.phases)
        return self.t["alt"].format(summary=summary)

    def _describe(self) -> None:
        t, course = self.t, self.course
        ready = self.model.readiness(course)
        rows = []
        for ph in course.phases:
            counts = self.model.counts(course, ph.id)
            rows.append([phase_label(course, ph), *[counts[s] for s in ("in_place", "under_way", "not_started")],
                         t["readiness"].format(value=ready[ph.id])])
        header = [t["col_phase"], t["in_place"], t["under_way"], t["not_started"], t["readiness_column"]]
        self.live.describe(self._alt(), header, rows)

    # -- events --------------------------------------------------------------------------------
    def _phase_chosen(self, change) -> None:
        self.model.choose(change["new"], self.course)
        self.panel.children = [self.panels[self.model.current_phase]]
        self.update()

    def _own_steps_changed(self, change) -> None:
        self.model.set_own_steps(change["new"])

    def _marked(self, phase: str, point: str, status: str) -> None:
        self.model.set(phase, point, status, self.course)
        self.update()

    def update(self) -> None:
        """Show the model as it is now, updating the figure's bars and labels in place."""
        self._update_artists()
        self.live.refresh()
        self._describe()
        self.result.value = describe(self.model, self.course)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def mark_your_readiness(course: Course, model: PhaseReadiness | None = None) -> PhaseWidget:
    """Notebook 03's widget: mark each focus point per phase, see readiness and the next steps."""
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
