"""How the gains' answers are shown outside notebook 02: on the plan, in the team view, on paper."""

from __future__ import annotations

import re

from samskabelse.base.i18n import Texts, join_names
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
    out_of,
    spread,
    table,
    text,
)
from samskabelse.sections.gains import (
    TEXT as GAINS,
)
from samskabelse.sections.gains import (
    GainsModel,
    migrate_schema1,
    motivation_statement,
    reading_lines,
)
from samskabelse.sections.gains.demands import TEXT as DEMANDS
from samskabelse.sections.protocol import is_answered
from samskabelse.widgets.display import plain_text

SCALE = tuple(str(v) for v in range(6))  # the 0-5 scale of the gains' and demands' sliders

TEXT = Texts(
    da={
        "label": "gevinster (02)",
        "plan_title": "Hvorfor samskabe?",
        "own_motivation": "Med mine ord: {text}",
        "draft": "Kursets udkast: {text}",
        "own": "Egne gevinster: {names}.",
        "none": "ingen",
        "person": "Deltager",
        "h_gains": "Gevinster: vigtighed · sandsynlighed (0–5; – = ikke vurderet)",
        "h_own": "Egne gevinster",
        "col_own": "Gevinst", "col_own_importance": "Vigtighed", "col_own_likelihood": "Sandsynlighed",
        "h_demands": "Hvad det kræver",
        "q_gains": "Hvor vigtig er gevinsten »{item}«? {high} gav {hi}, {low} gav {lo}. Hvad ser I hver især?",
        "q_demands": "Hvor tungt vejer kravet »{item}«? {high} sagde {hi}, {low} sagde {lo}. Hvad ved I hver "
        "især om det?",
        "fig_gains": "Hvor vigtig er gevinsten? (0–5)",
        "h_sheet_gains": "Forventede gevinster",
        "own_sheet": "{label} (skriv selv)",
        "h_sheet_demands": "Hvad kræver det?",
        "demand_col": "Krav",
        "importance": "{name}: vigtighed", "likelihood": "{name}: sandsynlighed",
        "motivation": "Motivationen med dine egne ord",
    },
    en={
        "label": "gains (02)",
        "plan_title": "Why co-create?",
        "own_motivation": "In my own words: {text}",
        "draft": "The course's draft: {text}",
        "own": "Own gains: {names}.",
        "none": "none",
        "person": "Participant",
        "h_gains": "Gains: importance · likelihood (0–5; – = not rated)",
        "h_own": "Own gains",
        "col_own": "Gain", "col_own_importance": "Importance", "col_own_likelihood": "Likelihood",
        "h_demands": "What it demands",
        "q_gains": "How important is the gain “{item}”? {high} gave it {hi}, {low} gave it {lo}. What does each "
        "of you see?",
        "q_demands": "How heavy is the demand “{item}”? {high} said {hi}, {low} said {lo}. What does each of "
        "you know about it?",
        "fig_gains": "How important is the gain? (0–5)",
        "h_sheet_gains": "Expected gains",
        "own_sheet": "{label} (write your own)",
        "h_sheet_demands": "What will it take?",
        "demand_col": "Demand",
        "importance": "{name}: importance", "likelihood": "{name}: likelihood",
        "motivation": "The motivation in your own words",
    },
)


def _join(items: list[str], lang: str) -> str:
    items = [i for i in items if i]
    return join_names(items, lang) if items else TEXT[lang]["none"]


class Gains(Section):
    name = "gains"
    notebook = "02"
    workbook = 1
    model = GainsModel
    TEXT = TEXT

    def items(self, course: Course) -> list[Item]:
        t = TEXT[course.language]
        out = []
        for g in course.gains:
            out.append(Item(f"gains.{g.id}.importance", t["importance"].format(name=g.name), SCALE, rating=True))
            out.append(Item(f"gains.{g.id}.likelihood", t["likelihood"].format(name=g.name), SCALE, rating=True))
        if course.own_gains_max:
            out.append(Item("own", f"{t['h_own']} ({course.own_gains_label})"))
        out += [Item(f"demands.{d.id}", d.name, SCALE, rating=True) for d in course.demands]
        out.append(Item("motivation", t["motivation"]))
        return out

    def plan(self, g: GainsModel, course: Course, **_options) -> list[Line]:
        t, lang = TEXT[course.language], course.language
        lines = []
        if g.motivation and is_answered(g, "motivation"):  # the manager's own words first, the course's draft next
            lines.append(Line(t["own_motivation"].format(text=" ".join(g.motivation.split("\n"))), strong=True))
            lines.append(Line(t["draft"].format(text=motivation_statement(g, course))))
        else:
            lines.append(Line(motivation_statement(g, course), strong=True))
        # the same sentences as 02's reading showed when the participant saved, and the reading in one sentence;
        # two lines on paper (the gains; the demands and the reading), so that the plan keeps to one page
        *gains, demands, reading = reading_lines(g, course, reading=True)
        if gains:
            lines.append(Line(" ".join(gains)))
        lines.append(Line(f"{demands} {reading}"))
        if g.own:
            lines.append(Line(t["own"].format(names=_join([plain_text(o.name, 40) for o in g.own], lang))))
        return lines

    def tables(self, people: list[Person], course: Course) -> list[Table]:
        t, lang = TEXT[course.language], course.language
        gave = answered(people)

        def shown(value):
            return NOT_ANSWERED if value is None else str(value)

        def both(model, gain):  # what the participant's two sliders showed: "5 · 4", "5 · –"
            values = [model.rating(gain, "importance"), model.rating(gain, "likelihood")]
            return NOT_ANSWERED if values == [None, None] else " · ".join("–" if v is None else str(v) for v in values)

        out = [Table(self.name, t["h_gains"], [t["person"], *[plain_text(g.name, 40) for g in course.gains]],
                     [[plain_text(p.label, 40), *[both(p.model, g.id) for g in course.gains]] for p in gave])]
        own = [[plain_text(p.label, 40), plain_text(o.name, 40), shown(o.importance), shown(o.likelihood)]
               for p in gave for o in p.model.own]
        if own:
            out.append(Table(self.name, f"{t['h_own']} ({plain_text(course.own_gains_label, 60)})",
                             [t["person"], t["col_own"], t["col_own_importance"], t["col_own_likelihood"]], own,
                             name="own"))
        out.append(Table(self.name, t["h_demands"], [t["person"], *[plain_text(d.name, 40) for d in course.demands]],
                         [[plain_text(p.label, 40), *[shown(p.model.demand(d.id)) for d in course.demands]]
                          for p in gave], missing_note(people, lang), name="demands"))
        return out

    def questions(self, people: list[Person], course: Course) -> list[Question]:
        t, lang = TEXT[course.language], course.language
        gave = answered(people)
        out = []

        def ask(key, item_name):
            def question(high, low, hi, lo):
                return t[key].format(item=plain_text(item_name, 120), high=names(high, lang), low=names(low, lang),
                                     hi=out_of(int(hi), lang), lo=out_of(int(lo), lang))
            return question

        for g in course.gains:
            values = {p: v for p in gave if (v := p.model.rating(g.id, "importance")) is not None}
            out.append(spread("gains", g.id, values, 5, ask("q_gains", g.name)))
        for d in course.demands:
            values = {p: v for p in gave if (v := p.model.demand(d.id)) is not None}
            out.append(spread("demands", d.id, values, 5, ask("q_demands", d.name)))
        return [q for q in out if q is not None]

    def panels(self, people: list[Person], course: Course) -> list[Panel]:
        values = {i: [p.model.rating(g.id, "importance") for g in course.gains]
                  for i, p in enumerate(people) if p.answered}
        return [Panel(self.name, TEXT[course.language]["fig_gains"], [g.name for g in course.gains], values, 0, 5)]


    def screen(self, course: Course, model=None) -> list:
        from samskabelse.sections.gains import weigh_gains
        from samskabelse.sections.gains.demands import weigh_demands

        gains = weigh_gains(course, model)
        return [gains, weigh_demands(gains)]

    def worksheet(self, course: Course) -> list[dict]:
        t, g = TEXT[course.language], GAINS[course.language]
        intro = re.sub(r"<[^>]+>", "", g["intro"])
        rows = [[text(x.name, x.description, bold=True, inline=True), choices(SCALE, item=f"gains.{x.id}.importance"),
                 choices(SCALE, item=f"gains.{x.id}.likelihood")] for x in course.gains]
        own = t["own_sheet"].format(label=course.own_gains_label)
        rows += [[blank(1, detail=own if i == 0 else "", item="own"), choices(SCALE, item="own"),
                  choices(SCALE, item="own")]
                 for i in range(course.own_gains_max)]
        gains = {"heading": t["h_sheet_gains"], "intro": intro,
                 "table": table([2.3, 1.0, 1.0], [g["col_gain"], g["col_importance"], g["col_likelihood"]], rows)}
        demands = {"heading": t["h_sheet_demands"], "intro": re.sub(r"<[^>]+>", "", DEMANDS[course.language]["intro"]),
                   "table": table([1.5, 1.5], [t["demand_col"], "0–5"],
                                  [[text(d.name, d.question, bold=True, inline=True),
                                    choices(SCALE, before=d.low, after=d.high, item=f"demands.{d.id}")]
                                   for d in course.demands])}
        # beside the discussion questions at the foot of the sheet (worksheet.typ): the sheet keeps to one page
        motivation = {"heading": t["motivation"], "lines": 1, "items": ["motivation"], "aside": True}
        return [gains, demands, motivation]

    def check(self, model: GainsModel, course: Course) -> None:
        model.rated(course)
        self.plan(model, course)

    def migrate(self, model: GainsModel, data: dict, course: Course) -> list[str]:
        """Schema 1: read as that version showed it (gains.migrate_schema1)."""
        return migrate_schema1(model, course)


DEFINITION = Gains()
