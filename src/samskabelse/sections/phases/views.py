"""How the phases' answers are shown outside notebook 03: on the plan, in the team view, on paper."""

from __future__ import annotations

from samskabelse.base.i18n import Texts
from samskabelse.course import Course
from samskabelse.sections.definition import (
    NOT_ANSWERED,
    Item,
    Line,
    Panel,
    Person,
    Question,
    Section,
    Table,
    answered,
    choices,
    missing_note,
    names,
    spread,
    table,
    text,
)
from samskabelse.sections.phases import SCORE, STATUSES, PhaseReadiness
from samskabelse.sections.phases import TEXT as PHASES
from samskabelse.sections.protocol import is_answered
from samskabelse.widgets.display import plain_text

DEFAULT_STEPS = 3

TEXT = Texts(
    da={
        "label": "faser (03)",
        "plan_title": "Hvor står projektet?",
        "readiness": "{number}. {phase}: parathed {percent} %",
        "readiness_missing": "{number}. {phase}: ikke besvaret",
        "own_steps": "Mine næste skridt, med mine ord:",
        "own_step": "{text}",
        "steps": "Mine næste skridt:",
        "suggested_steps": "Kursets forslag til næste skridt:",
        "step": "{n}. {text} ({phase})",
        "no_steps": "Alle fokuspunkter er på plads.",
        "steps_missing": "{n} fokuspunkter er ikke besvaret.",
        "h_phases": "Fasernes fokuspunkter: hvor langt er I?",
        "col_phase": "Fase", "col_focus": "Fokuspunkt",
        "q_phases": "Hvor langt er I med »{item}«? {Hi}: {high}. {Lo}: {low}. Hvad ved I, som de andre ikke ved?",
        "fig_phases": "Parathed pr. fase (%)",
        "h_sheet": "Chefens fokuspunkter i de tre faser",
        "sheet_intro": "Markér hvert fokuspunkt.",
        "focus_col": "Fokuspunkt", "status_col": "Status",
        "phase_head": "{number}. {name} ({when}) – strategisk fokus: {focus}",
        "h_steps": "Mine tre næste skridt",
        "current_phase": "Valgt fase",
    },
    en={
        "label": "phases (03)",
        "plan_title": "Where the project stands",
        "readiness": "{number}. {phase}: readiness {percent}%",
        "readiness_missing": "{number}. {phase}: not answered",
        "own_steps": "My next steps, in my own words:",
        "own_step": "{text}",
        "steps": "My next steps:",
        "suggested_steps": "The course's suggested next steps:",
        "step": "{n}. {text} ({phase})",
        "no_steps": "Every focus point is in place.",
        "steps_missing": "{n} focus points are not answered.",
        "h_phases": "The phases' focus points: how far have you come?",
        "col_phase": "Phase", "col_focus": "Focus point",
        "q_phases": "How far have you come with “{item}”? {Hi}: {high}. {Lo}: {low}. What do you know that the "
                    "others do not?",
        "fig_phases": "Readiness per phase (%)",
        "h_sheet": "The manager's focus points in the three phases",
        "sheet_intro": "Mark each focus point.",
        "focus_col": "Focus point", "status_col": "Status",
        "phase_head": "{number}. {name} ({when}) – strategic focus: {focus}",
        "h_steps": "My three next steps",
        "current_phase": "Chosen phase",
    },
)


def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


class Phases(Section):
    name = "phases"
    notebook = "03"
    workbook = 2
    model = PhaseReadiness
    TEXT = TEXT

    def items(self, course: Course) -> list[Item]:
        p = PHASES[course.language]
        scale = tuple(p[s] for s in STATUSES)
        out = [Item(f"status.{ph.id}.{f.id}", f.text, scale) for ph in course.phases for f in ph.focus_points]
        out.append(Item("own_steps", p["own_steps_label"]))
        out.append(Item("current_phase", TEXT[course.language]["current_phase"],
                        tuple(ph.name for ph in course.phases), setting=True))
        return out

    def plan(self, ph: PhaseReadiness, course: Course, *, steps: int = DEFAULT_STEPS, **_options) -> list[Line]:
        t = TEXT[course.language]
        lines = []
        readiness = ph.answered_readiness(course)
        for p in course.phases:
            if readiness[p.id] is None:
                lines.append(Line(t["readiness_missing"].format(number=p.number, phase=p.name)))
                continue
            lines.append(Line(t["readiness"].format(number=p.number, phase=p.name, percent=round(readiness[p.id])),
                              bar=readiness[p.id] / 100))
        own_steps = ph.own_steps if is_answered(ph, "own_steps") else []
        if own_steps:  # the manager's own next steps, then the course's suggestion
            lines.append(Line(t["own_steps"], strong=True))
            lines += [Line(t["own_step"].format(text=step)) for step in own_steps]
        chosen = ph.next_steps(course, steps, answered_only=True)
        unmarked = sum(ph.answered_status(p.id, f.id) is None for p in course.phases for f in p.focus_points)
        if chosen:
            lines.append(Line(t["suggested_steps"] if own_steps else t["steps"], strong=True))
        elif not unmarked:  # every focus point marked, and every one in place
            lines.append(Line(t["no_steps"], strong=True))
        for i, step in enumerate(chosen, 1):
            lines.append(Line(t["step"].format(n=i, text=step.focus_point.text, phase=step.phase.name)))
        if unmarked:
            lines.append(Line(t["steps_missing"].format(n=unmarked)))
        return lines

    def tables(self, people: list[Person], course: Course) -> list[Table]:
        t, status_names = TEXT[course.language], PHASES[course.language]
        gave = answered(people)
        rows = []
        for ph in course.phases:
            for f in ph.focus_points:
                rows.append([f"{ph.number}. {plain_text(ph.name, 40)}", plain_text(f.text, 110),
                             *[status_names[s] if (s := p.model.answered_status(ph.id, f.id)) else NOT_ANSWERED
                               for p in gave]])
        return [Table(self.name, t["h_phases"], [t["col_phase"], t["col_focus"], *[plain_text(p.label, 30)
                                                                                    for p in gave]],
                      rows, missing_note(people, course.language), wide_first=True)]

    def questions(self, people: list[Person], course: Course) -> list[Question]:
        t, lang, status_names = TEXT[course.language], course.language, PHASES[course.language]
        gave = answered(people)
        out = []
        for ph in course.phases:
            for f in ph.focus_points:
                statuses = {p: s for p in gave if (s := p.model.answered_status(ph.id, f.id)) is not None}
                shown = {SCORE[s]: status_names[s].lower() for s in statuses.values()}

                def question(high, low, hi, lo, item=f.text, shown=shown):
                    return t["q_phases"].format(item=plain_text(item, 120), high=names(high, lang),
                                                low=names(low, lang), Hi=_first_up(shown[hi]), Lo=_first_up(shown[lo]))

                out.append(spread(self.name, f"{ph.id}.{f.id}", {p: SCORE[s] for p, s in statuses.items()}, 1.0,
                                  question))
        return [q for q in out if q is not None]

    def panels(self, people: list[Person], course: Course) -> list[Panel]:
        values = {}
        for i, p in enumerate(people):
            if p.answered:
                readiness = p.model.answered_readiness(course)
                values[i] = [readiness[ph.id] for ph in course.phases]
        return [Panel(self.name, TEXT[course.language]["fig_phases"],
                      [f"{ph.number}. {ph.name}" for ph in course.phases], values, 0, 100)]

    def worksheet(self, course: Course) -> list[dict]:
        t, p = TEXT[course.language], PHASES[course.language]
        statuses = [p[s] for s in STATUSES]
        rows = []
        for ph in course.phases:
            rows.append([text(t["phase_head"].format(number=ph.number, name=ph.name, when=ph.when.lower(),
                                                     focus=ph.strategic_focus), bold=False, colspan=2, shade=True)])
            rows += [[text(f.text), choices(statuses)] for f in ph.focus_points]
        return [{"heading": t["h_sheet"], "intro": t["sheet_intro"],
                 "table": table([2.0, 1.35], [t["focus_col"], t["status_col"]], rows)},
                {"heading": t["h_steps"], "lines": 3}]

    def check(self, model: PhaseReadiness, course: Course) -> None:
        model.readiness(course)
        model.next_steps(course, 5)
        self.plan(model, course)


DEFINITION = Phases()
