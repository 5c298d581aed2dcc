"""How the phases' answers are shown outside notebook 03: on the plan, in the team view, on paper.

Readiness is said everywhere as the widget says it ("40 % (2 af 5 på plads; 3 ikke vurderet)": the phases
package's `readiness_summary`), so that the screen, the plan (07) and the team view (08) give the same number
with the same counts. Where the manager begins, and why, is theirs; the course's ordered suggestion is printed
apart from it, under its own heading, never as "Mine næste skridt".
"""

from __future__ import annotations

from collections import Counter

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
    blank,
    choices,
    missing_note,
    names,
    spread,
    table,
    text,
)
from samskabelse.sections.phases import (
    SCORE,
    STATUSES,
    PhaseReadiness,
    first_up,
    points_text,
)
from samskabelse.sections.phases import TEXT as PHASES
from samskabelse.widgets.display import plain_text

DEFAULT_STEPS = 3

TEXT = Texts(
    da={
        "label": "faser (03)",
        "plan_title": "Hvor står projektet?",
        "readiness": "{number}. {phase}: parathed {summary}",
        "readiness_none": "{number}. {phase}: ikke vurderet endnu",
        "readiness_about": "Parathed: den del af kursets tjekliste, jeg har markeret på plads – ikke et mål for "
                           "projektet.",
        "start": "Her begynder jeg: {text} ({phase}).",
        "start_because": "Fordi: {reason}",
        "start_missing": "Hvor jeg begynder: ikke valgt endnu.",
        "own_steps": "Mine næste skridt:",
        "own_step": "{text}",
        "suggested_steps": "Kursets forslag til næste skridt (efter kursets regel):",
        "step": "{n}. {text} ({phase})",
        "no_steps": "Alle fokuspunkter er på plads.",
        "steps_missing": "{points} er ikke vurderet.",
        "h_readiness": "Parathed pr. fase: hvor meget af kursets tjekliste er på plads?",
        "h_phases": "Fasernes fokuspunkter: hvor langt er I?",
        "h_start": "Hvor begynder I – og hvorfor?",
        "col_phase": "Fase", "col_focus": "Fokuspunkt", "col_person": "Deltager", "col_start": "Begynder med",
        "col_reason": "Fordi",
        "q_phases": "Hvor langt er I med »{item}«? {Hi}: {high}. {Lo}: {low}. Hvad ved I, som de andre ikke ved?",
        "q_start": "I vil begynde forskellige steder: {choices}. Hvad taler for hvert sted – og hvor begynder I "
                   "sammen?",
        "q_start_choice": "{who}: »{text}«",
        "fig_phases": "Parathed pr. fase (% af kursets tjekliste)",
        "h_sheet": "Chefens fokuspunkter i de tre faser",
        "sheet_intro": "Sæt ét kryds pr. fokuspunkt. Ved du det ikke, så lad rækken stå tom: den tæller som »ikke "
                       "vurderet«.",
        "focus_col": "Fokuspunkt", "status_col": "Status",
        "phase_head": "{number}. {name} ({when}) – strategisk fokus: {focus}",
        "h_sheet_start": "Hvor begynder jeg – og hvorfor?",
        "sheet_start_intro": "Vælg ét af de fokuspunkter, du har markeret »ikke startet« eller »i gang«.",
        "sheet_start": "Jeg begynder med",
        "sheet_reason": "Fordi",
        "h_steps": "Mine næste skridt",
        "current_phase": "Valgt fase",
        "start_item": "Hvor begynder du?",
        "reason_item": "Hvorfor dér?",
    },
    en={
        "label": "phases (03)",
        "plan_title": "Where the project stands",
        "readiness": "{number}. {phase}: readiness {summary}",
        "readiness_none": "{number}. {phase}: not rated yet",
        "readiness_about": "Readiness: the share of the course's checklist I have marked in place – not a measure of "
                           "the project.",
        "start": "I begin with: {text} ({phase}).",
        "start_because": "Because: {reason}",
        "start_missing": "Where I begin: not chosen yet.",
        "own_steps": "My next steps:",
        "own_step": "{text}",
        "suggested_steps": "The course's suggested next steps (by the course's rule):",
        "step": "{n}. {text} ({phase})",
        "no_steps": "Every focus point is in place.",
        "steps_missing": "{points} not rated.",
        "h_readiness": "Readiness per phase: how much of the course's checklist is in place?",
        "h_phases": "The phases' focus points: how far have you come?",
        "h_start": "Where do you begin – and why?",
        "col_phase": "Phase", "col_focus": "Focus point", "col_person": "Participant", "col_start": "Begins with",
        "col_reason": "Because",
        "q_phases": "How far have you come with “{item}”? {Hi}: {high}. {Lo}: {low}. What do you know that the "
                    "others do not?",
        "q_start": "You would begin in different places: {choices}. What speaks for each – and where do you begin "
                   "together?",
        "q_start_choice": "{who}: “{text}”",
        "fig_phases": "Readiness per phase (% of the course's checklist)",
        "h_sheet": "The manager's focus points in the three phases",
        "sheet_intro": "Tick one box per focus point. If you do not know, leave the row blank: it counts as “not "
                       "rated”.",
        "focus_col": "Focus point", "status_col": "Status",
        "phase_head": "{number}. {name} ({when}) – strategic focus: {focus}",
        "h_sheet_start": "Where do I begin – and why?",
        "sheet_start_intro": "Choose one of the focus points you have marked “not started” or “under way”.",
        "sheet_start": "I begin with",
        "sheet_reason": "Because",
        "h_steps": "My next steps",
        "current_phase": "Chosen phase",
        "start_item": "Where do you begin?",
        "reason_item": "Why there?",
    },
)


class Phases(Section):
    name = "phases"
    notebook = "03"
    workbook = 2
    model = PhaseReadiness
    TEXT = TEXT

    def items(self, course: Course) -> list[Item]:
        t, p = TEXT[course.language], PHASES[course.language]
        scale = tuple(p[s] for s in STATUSES)
        out = [Item(f"status.{ph.id}.{f.id}", f.text, scale, rating=True)
               for ph in course.phases for f in ph.focus_points]
        out.append(Item("start", t["start_item"]))
        out.append(Item("start_reason", t["reason_item"]))
        out.append(Item("own_steps", p["own_steps_label"]))
        out.append(Item("current_phase", t["current_phase"], tuple(ph.name for ph in course.phases), setting=True))
        return out

    def plan(self, ph: PhaseReadiness, course: Course, *, steps: int = DEFAULT_STEPS, **_options) -> list[Line]:
        t, lang = TEXT[course.language], course.language
        lines = []
        readiness = ph.readiness(course)
        for p in course.phases:
            if readiness[p.id] is None:
                lines.append(Line(t["readiness_none"].format(number=p.number, phase=p.name)))
                continue
            lines.append(Line(t["readiness"].format(number=p.number, phase=p.name, summary=ph.summary(course, p.id)),
                              bar=readiness[p.id] / 100))
        lines.append(Line(t["readiness_about"]))
        start = ph.start_point(course)
        if start is not None:  # where the manager begins, and why, on one line
            said = t["start"].format(text=start.focus_point.text, phase=start.phase.name)
            if ph.start_reason and "start_reason" in ph.answered:
                said += " " + t["start_because"].format(reason=ph.start_reason)
            lines.append(Line(said, strong=True))
        else:
            lines.append(Line(t["start_missing"]))
        own_steps = ph.own_steps if "own_steps" in ph.answered else []
        if own_steps:  # the manager's own next steps
            lines.append(Line(t["own_steps"], strong=True))
            lines += [Line(t["own_step"].format(text=step)) for step in own_steps]
        chosen = ph.next_steps(course, steps)
        unrated = ph.unrated(course)
        if chosen:  # the course's suggestion, always under its own heading
            lines.append(Line(t["suggested_steps"], strong=True))
            lines += [Line(t["step"].format(n=i, text=s.focus_point.text, phase=s.phase.name))
                      for i, s in enumerate(chosen, 1)]
        elif not unrated:  # every focus point rated, and every one in place
            lines.append(Line(t["no_steps"], strong=True))
        if unrated:
            lines.append(Line(t["steps_missing"].format(points=first_up(points_text(unrated, lang)))))
        return lines

    def tables(self, people: list[Person], course: Course) -> list[Table]:
        t, lang, status_names = TEXT[course.language], course.language, PHASES[course.language]
        gave = answered(people)
        heads = [plain_text(p.label, 30) for p in gave]
        readiness_rows = []
        for ph in course.phases:
            readiness_rows.append([f"{ph.number}. {plain_text(ph.name, 40)}",
                                   *[NOT_ANSWERED if p.model.readiness(course)[ph.id] is None
                                     else p.model.summary(course, ph.id) for p in gave]])
        rows = []
        for ph in course.phases:
            for f in ph.focus_points:
                rows.append([f"{ph.number}. {plain_text(ph.name, 40)}", plain_text(f.text, 110),
                             *[status_names[s] if (s := p.model.rated(ph.id, f.id)) else NOT_ANSWERED
                               for p in gave]])
        starts = []
        for p in gave:
            start = p.model.start_point(course)
            reason = p.model.start_reason if "start_reason" in p.model.answered else ""
            starts.append([plain_text(p.label, 40),
                           NOT_ANSWERED if start is None else
                           f"{plain_text(start.focus_point.text, 110)} ({start.phase.number}. "
                           f"{plain_text(start.phase.name, 40)})",
                           plain_text(reason, 200) if reason else NOT_ANSWERED])
        note = missing_note(people, lang)
        return [Table(self.name, t["h_readiness"], [t["col_phase"], *heads], readiness_rows, name="readiness"),
                Table(self.name, t["h_start"], [t["col_person"], t["col_start"], t["col_reason"]], starts,
                      name="start"),
                Table(self.name, t["h_phases"], [t["col_phase"], t["col_focus"], *heads], rows, note,
                      wide_first=True)]

    def questions(self, people: list[Person], course: Course) -> list[Question]:
        t, lang, status_names = TEXT[course.language], course.language, PHASES[course.language]
        gave = answered(people)
        out = []
        for ph in course.phases:
            for f in ph.focus_points:
                statuses = {p: s for p in gave if (s := p.model.rated(ph.id, f.id)) is not None}
                shown = {SCORE[s]: status_names[s].lower() for s in statuses.values()}

                def question(high, low, hi, lo, item=f.text, shown=shown):
                    return t["q_phases"].format(item=plain_text(item, 120), high=names(high, lang),
                                                low=names(low, lang), Hi=first_up(shown[hi]), Lo=first_up(shown[lo]))

                out.append(spread(self.name, f"{ph.id}.{f.id}", {p: SCORE[s] for p, s in statuses.items()}, 1.0,
                                  question))
        starts = {p: s for p in gave if (s := p.model.start_point(course)) is not None}
        chosen = Counter((s.phase.id, s.focus_point.id) for s in starts.values())
        if len(chosen) > 1:  # they would begin in different places
            groups = []
            for (phase, point), _n in chosen.most_common():
                who = [p for p, s in starts.items() if (s.phase.id, s.focus_point.id) == (phase, point)]
                groups.append(t["q_start_choice"].format(who=names(who, lang),
                                                         text=plain_text(starts[who[0]].focus_point.text, 90)))
            score = 1 - chosen.most_common(1)[0][1] / len(starts)
            out.append(Question(self.name, "start", score, t["q_start"].format(choices="; ".join(groups))))
        return [q for q in out if q is not None]

    def panels(self, people: list[Person], course: Course) -> list[Panel]:
        values = {}
        for i, p in enumerate(people):
            if p.answered:
                readiness = p.model.readiness(course)
                values[i] = [readiness[ph.id] for ph in course.phases]
        return [Panel(self.name, TEXT[course.language]["fig_phases"],
                      [f"{ph.number}. {ph.name}" for ph in course.phases], values, 0, 100)]


    def screen(self, course: Course, model=None) -> list:
        from samskabelse.sections.phases import mark_your_readiness

        return [mark_your_readiness(course, model)]

    def worksheet(self, course: Course) -> list[dict]:
        t, p = TEXT[course.language], PHASES[course.language]
        statuses = [p[s] for s in STATUSES]
        rows = []
        for ph in course.phases:
            rows.append([text(t["phase_head"].format(number=ph.number, name=ph.name, when=ph.when.lower(),
                                                     focus=ph.strategic_focus), bold=False, colspan=2, shade=True)])
            rows += [[text(f.text), choices(statuses, item=f"status.{ph.id}.{f.id}")] for f in ph.focus_points]
        start = table([1.0, 3.0], [], [[text(t["sheet_start"], bold=True), blank(1, item="start")],
                                       [text(t["sheet_reason"], bold=True), blank(1, item="start_reason")]])
        return [{"heading": t["h_sheet"], "intro": t["sheet_intro"],
                 "table": table([2.0, 1.35], [t["focus_col"], t["status_col"]], rows)},
                {"heading": t["h_sheet_start"], "intro": t["sheet_start_intro"], "table": start},
                {"heading": t["h_steps"], "lines": 3, "items": ["own_steps"]}]

    def check(self, model: PhaseReadiness, course: Course) -> None:
        model.readiness(course)
        model.next_steps(course, 5)
        model.start_point(course)
        self.plan(model, course)

    def migrate(self, model: PhaseReadiness, data: dict, course: Course) -> list[str]:
        """Schema 1: notebook 03 showed every focus point the participant had not marked as "ikke startet", in the
        figure and in the readiness it printed. What it showed, it showed as a value: each saved status counts
        as answered (the migrated file reads as the screen did)."""
        status = data.get("status") if isinstance(data, dict) else None
        if not isinstance(status, dict):
            return []
        added = []
        for ph in course.phases:
            points = status.get(ph.id)
            if not isinstance(points, dict):
                continue
            for f in ph.focus_points:
                value = points.get(f.id)
                if value in STATUSES and model.rated(ph.id, f.id) is None:
                    model.set(ph.id, f.id, value)
                    added.append(f.id)
        return [PHASES[course.language]["note_migrated"]] if added else []


DEFINITION = Phases()
