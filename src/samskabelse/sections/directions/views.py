"""How the leadership directions' answers are shown outside notebook 04: on the plan, in the team view, on paper."""

from __future__ import annotations

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
from samskabelse.sections.directions import ATTENTION_MAX, THIN_AT, DirectionsModel
from samskabelse.sections.directions import TEXT as DIRECTIONS
from samskabelse.widgets.display import plain_text

SCALE = tuple(str(v) for v in range(ATTENTION_MAX + 1))

TEXT = Texts(
    da={
        "label": "ledelsesretninger (04)",
        "plan_title": "Led i fire retninger",
        "attention": "{direction} ({who}): opmærksomhed {value} af 5",
        "attention_missing": "{direction} ({who}): ikke besvaret",
        "names": "Nøgleinteressenter: {names}",
        "thin": "Tyndest nu: {names}.",
        "none": "ingen",
        "person": "Deltager",
        "h_directions": "Opmærksomhed i de fire retninger",
        "h_stakeholders": "Nøgleinteressenter, som deltagerne har nævnt",
        "col_direction": "Retning",
        "q_directions": "Hvor meget opmærksomhed får ledelsen {item}? {high} gav {hi}, {low} gav {lo}. Hvad skal "
        "der til?",
        "fig_directions": "Opmærksomhed nu (0–5)",
        "h_sheet": "Opmærksomhed og nøgleinteressenter i fire retninger",
        "attention_item": "{name}: opmærksomhed nu",
        "names_item": "{name}: nøgleinteressenter",
    },
    en={
        "label": "leadership directions (04)",
        "plan_title": "Leading in four directions",
        "attention": "{direction} ({who}): attention {value} of 5",
        "attention_missing": "{direction} ({who}): not answered",
        "names": "Key stakeholders: {names}",
        "thin": "Thinnest now: {names}.",
        "none": "none",
        "person": "Participant",
        "h_directions": "Attention in the four directions",
        "h_stakeholders": "Key stakeholders the participants named",
        "col_direction": "Direction",
        "q_directions": "How much attention does leading {item} get? {high} gave it {hi}, {low} gave it {lo}. "
        "What would it take?",
        "fig_directions": "Attention now (0–5)",
        "h_sheet": "Attention and key stakeholders in four directions",
        "attention_item": "{name}: attention now",
        "names_item": "{name}: key stakeholders",
    },
)


class Directions(Section):
    name = "directions"
    notebook = "04"
    workbook = 3
    model = DirectionsModel
    TEXT = TEXT

    def items(self, course: Course) -> list[Item]:
        t = TEXT[course.language]
        out = []
        for d in course.directions:
            out.append(Item(f"attention.{d.id}", t["attention_item"].format(name=d.name), SCALE))
            out.append(Item(f"stakeholders.{d.id}", t["names_item"].format(name=d.name)))
        return out

    def plan(self, d: DirectionsModel, course: Course, **_options) -> list[Line]:
        t, lang = TEXT[course.language], course.language
        lines = []
        for direction in course.directions:
            value = d.answered_attention(direction.id)
            if value is None:
                lines.append(Line(t["attention_missing"].format(direction=direction.name, who=direction.who)))
            else:
                lines.append(Line(t["attention"].format(direction=direction.name, who=direction.who, value=value),
                                  bar=value / ATTENTION_MAX))
            shown = [plain_text(n, 40) for n in d.stakeholders.get(direction.id, [])]
            if shown:
                lines.append(Line("    " + t["names"].format(names=", ".join(shown))))
        thin = d.thin(answered_only=True)
        if thin:
            where = DIRECTIONS[lang]["where"]
            lines.append(Line(t["thin"].format(names=join_names([where.get(x, x) for x in thin], lang)), strong=True))
        return lines

    def tables(self, people: list[Person], course: Course) -> list[Table]:
        t, lang = TEXT[course.language], course.language
        gave = answered(people)

        def shown(value):
            return NOT_ANSWERED if value is None else str(value)

        attention = Table(self.name, t["h_directions"],
                          [t["person"], *[plain_text(d.name, 30) for d in course.directions]],
                          [[plain_text(p.label, 40), *[shown(p.model.answered_attention(d.id))
                                                       for d in course.directions]] for p in gave])
        rows = []
        for d in course.directions:
            named: dict[str, list[str]] = {}
            for p in gave:
                for name in p.model.stakeholders.get(d.id, []):
                    named.setdefault(" ".join(name.split()).casefold(), []).append(name)
            rows.append([plain_text(d.name, 30), ", ".join(
                f"{plain_text(v[0], 50)}{' ×' + str(len(v)) if len(v) > 1 else ''}" for v in named.values()) or "–"])
        stakeholders = Table(self.name, t["h_stakeholders"], [t["col_direction"], t["h_stakeholders"]], rows,
                             missing_note(people, lang), name="stakeholders")
        return [attention, stakeholders]

    def questions(self, people: list[Person], course: Course) -> list[Question]:
        t, lang = TEXT[course.language], course.language
        where = DIRECTIONS[lang]["where"]
        gave = answered(people)
        out = []
        for d in course.directions:
            item = where.get(d.id, d.name)

            def question(high, low, hi, lo, item=item):
                return t["q_directions"].format(item=plain_text(item, 120), high=names(high, lang),
                                                low=names(low, lang), hi=out_of(hi, lang), lo=out_of(lo, lang))

            values = {p: v for p in gave if (v := p.model.answered_attention(d.id)) is not None}
            out.append(spread(self.name, d.id, values, 5, question))
        return [q for q in out if q is not None]

    def panels(self, people: list[Person], course: Course) -> list[Panel]:
        values = {i: [p.model.answered_attention(d.id) for d in course.directions]
                  for i, p in enumerate(people) if p.answered}
        return [Panel(self.name, TEXT[course.language]["fig_directions"], [d.name for d in course.directions],
                      values, 0, ATTENTION_MAX)]

    def worksheet(self, course: Course) -> list[dict]:
        t, d = TEXT[course.language], DIRECTIONS[course.language]
        rows = [[text(x.name, x.who, bold=True), choices(SCALE), blank(3)] for x in course.directions]
        return [{"heading": t["h_sheet"], "intro": d["scale"].format(thin=THIN_AT),
                 "table": table([1.0, 1.05, 1.5], [t["col_direction"], d["col_attention"], d["col_names"]], rows)}]

    def check(self, model: DirectionsModel, course: Course) -> None:
        model.thin()
        model.least()
        self.plan(model, course)


DEFINITION = Directions()
