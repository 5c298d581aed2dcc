"""How the timeline's answers are shown outside notebook 06: on the plan, in the team view, on paper."""

from __future__ import annotations

import html
from datetime import date

from samskabelse.base import i18n
from samskabelse.base.i18n import Texts, format_number
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
from samskabelse.sections.protocol import is_answered
from samskabelse.sections.timeline import (
    TEXT as WIDGET_TEXT,
)
from samskabelse.sections.timeline import (
    TimelinePlan,
    deadline_rows,
    forecast,
    format_chance,
    format_date,
    plain_name,
    upward_sentence,
)
from samskabelse.widgets.display import plain_text

TEXT = Texts(
    da={
        "label": "tidsplan (06)",
        "plan_title": "Tidsplanen – det kan jeg sige opad",
        "timeline_problem": "Tidsplanen kan ikke beregnes: {problems}",
        "h_timeline": "Tidsplaner",
        "person": "Deltager",
        "planned": "Planlagt slut", "weeks": "Uger i alt", "q": "Færdig senest ({q} %)",
        "q_timeline": "Hvor lang tid tager projektet? {high} har planlagt {hi} uger, {low} {lo} uger. Hvad "
        "regner I hver især med tager tid?",
        "fig_timeline": "Uger til slut: planlagt og færdig senest ({q} %)",
        "h_deadlines": "Frister: chancen for at nå dem",
        "deadline_cell": "{chance} ({date})", "deadline_cell_named": "»{name}«: {chance} ({date})",
        "q_deadline": "Hvor sikker er fristen »{name}«? Chancen for at nå den: {hi} ({high}), {lo} ({low}). Hvad ved "
                      "I hver især om, hvad der kan forsinke jer?",
        "milestones": "Milepæle (planlagt): {items}.",
        "milestone": "{name} {date}",
        "h_sheet": "En realistisk tidsplan",
        "sheet_intro": "Skriv den planlagte varighed i uger, og sæt kryds ved "
                       "usikkerheden. Kursets forslag står med gråt.",
        "phase_col": "Fase", "weeks_col": "Uger", "uncertainty_col": "Usikkerhed",
        "suggest_weeks": "forslag: {weeks} uger, {level}",
        "deadline_col": "Fast frist", "deadline_date": "Dato", "deadline_phase": "Færdig til fristen",
        "suggest_deadline": "forslag: {weeks} uger efter start",
        "suggest_deadline_date": "forslag: {date}",
        "project": "Projektets navn", "start": "Startdato",
        "weeks_item": "{phase}: uger", "uncertainty_item": "{phase}: usikkerhed",
        "deadline_name": "Frist: navn", "deadline_date_item": "{name}: dato",
        "deadline_phase_item": "{name}: færdig med fasen", "factor_item": "Kursets faktorer for {level}",
        "correlation_item": "Hvor meget forsinkelser smitter fra fase til fase", "stall_item": "Chancen for: {name}",
    },
    en={
        "label": "timeline (06)",
        "plan_title": "The timeline – what I can say upward",
        "timeline_problem": "The timeline cannot be computed: {problems}",
        "h_timeline": "Timelines",
        "person": "Participant",
        "planned": "Planned finish", "weeks": "Weeks in all", "q": "Finished by ({q}%)",
        "q_timeline": "How long will the project take? {high} planned {hi} weeks, {low} {lo} weeks. What does "
        "each of you expect to take time?",
        "fig_timeline": "Weeks to finish: planned and finished by ({q}%)",
        "h_deadlines": "Deadlines: the chance of meeting them",
        "deadline_cell": "{chance} ({date})", "deadline_cell_named": "“{name}”: {chance} ({date})",
        "q_deadline": "How certain is the deadline “{name}”? The chance of meeting it: {hi} ({high}), {lo} ({low}). "
                      "What does each of you know about what could delay you?",
        "milestones": "Milestones (planned): {items}.",
        "milestone": "{name} {date}",
        "h_sheet": "A realistic timeline",
        "sheet_intro": "Write the planned duration in weeks, and tick the uncertainty. "
                       "The course's suggestion is in grey.",
        "phase_col": "Phase", "weeks_col": "Weeks", "uncertainty_col": "Uncertainty",
        "suggest_weeks": "suggested: {weeks} weeks, {level}",
        "deadline_col": "Fixed deadline", "deadline_date": "Date", "deadline_phase": "Finished by then",
        "suggest_deadline": "suggested: {weeks} weeks after the start",
        "suggest_deadline_date": "suggested: {date}",
        "project": "The project's name", "start": "Start date",
        "weeks_item": "{phase}: weeks", "uncertainty_item": "{phase}: uncertainty",
        "deadline_name": "Deadline: name", "deadline_date_item": "{name}: date",
        "deadline_phase_item": "{name}: finished with the phase", "factor_item": "The course's factors for {level}",
        "correlation_item": "How much delays carry from phase to phase", "stall_item": "The chance of: {name}",
    },
)


DEADLINE_GAP = 10  # percentage points between two participants' chances of a deadline before it becomes a question


def usable(plan: TimelinePlan | None, course: Course) -> bool:
    return plan is not None and not plan.problems(course)


class Timeline(Section):
    name = "timeline"
    notebook = "06"
    workbook = 4
    model = TimelinePlan
    TEXT = TEXT

    def items(self, course: Course) -> list[Item]:
        t = TEXT[course.language]
        tl = course.timeline
        levels = tuple(u.name for u in tl.uncertainty_levels)
        out = [Item("project", t["project"]), Item("start", t["start"])]
        for ph in course.phases:
            out.append(Item(f"phases.{ph.id}.weeks", t["weeks_item"].format(phase=ph.name)))
            out.append(Item(f"phases.{ph.id}.uncertainty", t["uncertainty_item"].format(phase=ph.name), levels))
        for d in tl.deadlines:
            out.append(Item(f"deadlines.{d.id}.name", t["deadline_name"]))
            out.append(Item(f"deadlines.{d.id}.date", t["deadline_date_item"].format(name=d.name)))
            out.append(Item(f"deadlines.{d.id}.phase", t["deadline_phase_item"].format(name=d.name),
                            tuple(ph.name for ph in course.phases)))
        out += [Item(f"factors.{u.id}", t["factor_item"].format(level=u.name), setting=True)
                for u in tl.uncertainty_levels]
        out.append(Item("correlation", t["correlation_item"], setting=True))
        out += [Item(f"stalls.{st.id}", t["stall_item"].format(name=st.name), setting=True) for st in tl.stalls]
        return out

    def project(self, model: TimelinePlan) -> str:
        return model.project if model.project and is_answered(model, "project") else ""

    def plan(self, plan: TimelinePlan, course: Course, **_options) -> list[Line]:
        """The sentence to say upward, each deadline with its chance (as 06's table says it) and the milestones."""
        t, lang = TEXT[course.language], course.language
        problems = plan.problems(course)
        if problems:
            return [Line(t["timeline_problem"].format(problems=html.unescape(" ".join(problems))))]
        result = forecast(plan, lang)
        lines = [Line(upward_sentence(result, course), strong=True)]
        lines += [Line(f"{label}: {chance}") for label, chance in deadline_rows(result, course)]
        if plan.milestones:
            items = [t["milestone"].format(name=m.name, date=format_date(result.milestone_dates(m)["plan"], lang))
                     for m in plan.milestones]
            lines.append(Line(t["milestones"].format(items="; ".join(items))))
        return lines

    def _forecasts(self, people: list[Person], course: Course) -> dict[int, object]:
        """Each participant's timeline simulated as in notebook 06, by position in `people`."""
        return {i: forecast(p.model, course.language) for i, p in enumerate(people)
                if p.answered and usable(p.model, course)}

    def tables(self, people: list[Person], course: Course) -> list[Table]:
        t, lang = TEXT[course.language], course.language
        forecasts = self._forecasts(people, course)
        qs = next(iter(forecasts.values())).percentiles if forecasts else ()
        rows = [[plain_text(people[i].label, 40), format_date(f.planned_finish, lang),
                 *[format_date(f.finish_date(q), lang) for q in qs], str(round(f.planned_total))]
                for i, f in forecasts.items()]
        out = [Table(self.name, t["h_timeline"], [t["person"], t["planned"], *[t["q"].format(q=q) for q in qs],
                                                  t["weeks"]], rows, missing_note(people, lang))]
        if course.timeline.deadlines:
            rows = []
            for i, f in forecasts.items():
                own = {d.id: d for d in f.plan.deadlines}
                cells = []
                for d in course.timeline.deadlines:
                    entry = own.get(d.id)
                    if entry is None:
                        cells.append(NOT_ANSWERED)
                        continue
                    chance, day = format_chance(f.chances[d.id], lang), format_date(entry.date, lang)
                    name = plain_name(entry.name, lang, 10_000)
                    cells.append(t["deadline_cell"].format(chance=chance, date=day) if name == d.name else
                                 t["deadline_cell_named"].format(name=name, chance=chance, date=day))
                rows.append([plain_text(people[i].label, 40), *cells])
            out.append(Table(self.name, t["h_deadlines"], [t["person"], *[d.name for d in course.timeline.deadlines]],
                             rows, missing_note(people, lang), name="deadlines"))
        return out

    def questions(self, people: list[Person], course: Course) -> list[Question]:
        t, lang = TEXT[course.language], course.language
        totals = {p: round(sum(ph.weeks for ph in p.model.phases)) for p in answered(people)}
        if not totals or max(totals.values()) <= 0:
            return []

        def question(high, low, hi, lo):
            return t["q_timeline"].format(high=names(high, lang), low=names(low, lang), hi=hi, lo=lo)

        found = [spread(self.name, "total", totals, max(totals.values()), question)]
        forecasts = self._forecasts(people, course)
        for d in course.timeline.deadlines:
            chances = {people[i]: f.chances[d.id] * 100 for i, f in forecasts.items() if d.id in f.chances}

            def ask(high, low, hi, lo, name=d.name):
                return t["q_deadline"].format(name=name, high=names(high, lang), low=names(low, lang),
                                              hi=format_chance(hi / 100, lang), lo=format_chance(lo / 100, lang))

            if chances and max(chances.values()) - min(chances.values()) >= DEADLINE_GAP:
                found.append(spread(self.name, f"deadline.{d.id}", chances, 100, ask))
        return [q for q in found if q]

    def panels(self, people: list[Person], course: Course) -> list[Panel]:
        forecasts = self._forecasts(people, course)
        q = max(next(iter(forecasts.values())).percentiles) if forecasts else 85
        values = {i: [f.planned_total, f.finish_weeks(q)] for i, f in forecasts.items()}
        return [Panel(self.name, TEXT[course.language]["fig_timeline"].format(q=q),
                      [people[i].label for i in forecasts], values, 0, 0, kind="range")]


    def screen(self, course: Course, model=None) -> list:
        from samskabelse.sections.timeline import plan_timeline

        return [plan_timeline(course, model)]  # 06 works on its own copy of a plan it is given

    def worksheet(self, course: Course) -> list[dict]:
        t, lang = TEXT[course.language], course.language
        tl = course.timeline
        level_names = [u.name for u in tl.uncertainty_levels]
        level_of = {u.id: u.name for u in tl.uncertainty_levels}
        plans = {p.phase: p for p in tl.phases}

        def fmt(weeks: float) -> str:
            return format_number(weeks, lang, 6, trim=True)

        rows = []
        for ph in course.phases:
            plan = plans.get(ph.id)
            hint = t["suggest_weeks"].format(weeks=fmt(plan.weeks), level=level_of.get(plan.uncertainty, "").lower()) \
                if plan else ""
            rows.append([text(f"{ph.number}. {ph.name}", hint, bold=True), blank(1, item=f"phases.{ph.id}.weeks"),
                         choices(level_names, item=f"phases.{ph.id}.uncertainty")])
        phases_table = table([1.4, 0.45, 1.3], [t["phase_col"], t["weeks_col"], t["uncertainty_col"]], rows)

        def suggestion(d) -> str:  # weeks after the start, a calendar date, or a day every year ("12-31")
            if not d.date:
                return t["suggest_deadline"].format(weeks=fmt(d.weeks_after_start))
            if len(d.date) == 10:
                return t["suggest_deadline_date"].format(date=format_date(date.fromisoformat(d.date), lang))
            month, day = (int(x) for x in d.date.split("-"))
            on = date(2000, month, day)  # a leap year: "02-29" is a day too
            return t["suggest_deadline_date"].format(date=i18n.format_date(on, lang, "day_month"))

        project = table([0.75, 1.45, 0.45, 0.6], [], [[text(t["project"], bold=True), blank(1, item="project"),
                                                    text(t["start"], bold=True), blank(1, item="start")]])
        out = [{"heading": t["h_sheet"], "table": project},
               {"heading": "", "intro": t["sheet_intro"], "table": phases_table}]
        if tl.deadlines:
            out.append({"heading": "", "table": table(
                [1.4, 0.6, 1.15], [t["deadline_col"], t["deadline_date"], t["deadline_phase"]],
                [[text(d.name, suggestion(d), bold=True, item=f"deadlines.{d.id}.name"),
                  blank(1, item=f"deadlines.{d.id}.date"),
                  choices([ph.name for ph in course.phases], item=f"deadlines.{d.id}.phase")]
                 for d in tl.deadlines])})
        return out

    def migrate(self, model: TimelinePlan, data: dict, course: Course) -> list[str]:
        """Schema 1 counted only what was changed; notebook 06 (and workbook 4) showed every phase's weeks and
        uncertainty, the start and the deadlines with a value, so those count as answered when they were saved."""
        new = (model.shown_keys() & model.present) - model.answered
        untouched = not model.answered
        model.answered |= new
        # a note only where the meaning changed: a timeline saved untouched was "not answered" in 07 and 08 and now
        # shows there; for one with any answer the plan and the team view show the same as before
        return [WIDGET_TEXT[course.language]["note_migrated"]] if new and untouched else []

    def check(self, model: TimelinePlan, course: Course) -> None:
        if not model.problems(course):
            upward_sentence(forecast(model, course.language), course)


DEFINITION = Timeline()
