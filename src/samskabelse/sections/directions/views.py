"""How the leadership directions' answers are shown outside notebook 04: on the plan, in the team view, on paper.

Each direction has two ratings, what it needs and what it gets now; the gap between them (need minus now) is
what the course reads: above 0 is too little attention ("for lidt opmærksomhed"), and the largest such gap is
where the manager's attention falls shortest. A rating the participant did not give is "ikke vurderet", never a
number, and a gap needs both.
"""

from __future__ import annotations

import html

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
from samskabelse.sections.directions import (
    ATTENTION_MAX,
    DEFAULT_ATTENTION,
    MEASURES,
    DirectionsModel,
    where_words,
)
from samskabelse.sections.directions import TEXT as DIRECTIONS
from samskabelse.sections.protocol import ANSWERED_FIELD, key
from samskabelse.widgets.display import plain_text

SCALE = tuple(str(v) for v in range(ATTENTION_MAX + 1))

TEXT = Texts(
    da={
        "label": "ledelsesretninger (04)",
        "plan_title": "Led i fire retninger",
        "rated": "{direction}: kræver {need}, får nu {now} (0–5)",
        "rated_value": "{v}",
        "rated_none": "ikke vurderet",
        "rated_low": " – {gap} for lidt",
        "rated_high": " – {gap} mere end behovet",
        "attention_missing": "{direction}: ikke besvaret",
        "names": "Nøglepersoner: {names}",
        "largest": "Størst forskel: {where} ({gap} for lidt opmærksomhed).",
        "largest_none": "Ingen retning får for lidt opmærksomhed efter mine vurderinger.",
        "person": "Deltager",
        "h_directions": "Opmærksomhed: hvad hver retning kræver, og hvad den får nu (0–5)",
        "cell": "kræver {need}, får {now}",
        "col_largest": "Størst forskel",
        "largest_cell": "{where} ({gap} for lidt)",
        "no_gap": "ingen for lidt",
        "h_stakeholders": "Nøglepersoner, som deltagerne har nævnt",
        "col_direction": "Retning",
        "q_directions": "Hvor meget opmærksomhed får ledelsen {item} nu? {high} gav {hi}, {low} gav {lo}. Hvad skal "
        "der til?",
        "q_need": "Hvor meget opmærksomhed kræver ledelsen {item}? {high} siger {hi}, {low} siger {lo}. Hvad ser I "
        "forskelligt?",
        "fig_directions": "For lidt opmærksomhed: kræver minus får nu (over 0 = for lidt)",
        "h_sheet": "Opmærksomhed og nøglepersoner i fire retninger",
        "need_item": "{name}: kræver (0–5)",
        "attention_item": "{name}: får nu (0–5)",
        "names_item": "{name}: nøglepersoner",
    },
    en={
        "label": "leadership directions (04)",
        "plan_title": "Leading in four directions",
        "rated": "{direction}: needs {need}, gets {now} now (0–5)",
        "rated_value": "{v}",
        "rated_none": "not rated",
        "rated_low": " – {gap} too little",
        "rated_high": " – {gap} more than it needs",
        "attention_missing": "{direction}: not answered",
        "names": "Key people: {names}",
        "largest": "Largest gap: {where} ({gap} too little attention).",
        "largest_none": "No direction gets too little attention by my ratings.",
        "person": "Participant",
        "h_directions": "Attention: what each direction needs, and what it gets now (0–5)",
        "cell": "needs {need}, gets {now}",
        "col_largest": "Largest gap",
        "largest_cell": "{where} ({gap} too little)",
        "no_gap": "none too little",
        "h_stakeholders": "Key people the participants named",
        "col_direction": "Direction",
        "q_directions": "How much attention does leading {item} get now? {high} gave it {hi}, {low} gave it {lo}. "
        "What would it take?",
        "q_need": "How much attention does leading {item} need? {high} say {hi}, {low} say {lo}. What do you see "
        "differently?",
        "fig_directions": "Too little attention: needs minus gets now (above 0 = too little)",
        "h_sheet": "Attention and key people in four directions",
        "need_item": "{name}: needs (0–5)",
        "attention_item": "{name}: gets now (0–5)",
        "names_item": "{name}: key people",
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
            out.append(Item(f"need.{d.id}", t["need_item"].format(name=d.name), SCALE, rating=True))
            out.append(Item(f"attention.{d.id}", t["attention_item"].format(name=d.name), SCALE, rating=True))
            out.append(Item(f"stakeholders.{d.id}", t["names_item"].format(name=d.name)))
        return out

    def plan(self, d: DirectionsModel, course: Course, **_options) -> list[Line]:
        t, lang = TEXT[course.language], course.language
        lines = []

        def shown(value):
            return t["rated_none"] if value is None else t["rated_value"].format(v=value)

        for direction in course.directions:
            need, now, gap = d.answered_need(direction.id), d.answered_attention(direction.id), d.gap(direction.id)
            if need is None and now is None:
                said = t["attention_missing"].format(direction=direction.name)
            else:
                said = t["rated"].format(direction=direction.name, need=shown(need), now=shown(now))
                if gap is not None and gap > 0:
                    said += t["rated_low"].format(gap=gap)
                elif gap is not None and gap < 0:
                    said += t["rated_high"].format(gap=-gap)
            shown_names = [plain_text(n, 40) for n in d.stakeholders.get(direction.id, [])]
            if shown_names:  # the key people on the same line: one line per direction where they fit
                said += ". " + t["names"].format(names=", ".join(shown_names))
            lines.append(Line(said, bar=None if now is None else now / ATTENTION_MAX))
        largest = d.largest_gap()
        if largest:
            where = join_names([where_words(course, x) for x in largest], lang)
            lines.append(Line(t["largest"].format(where=where, gap=d.gap(largest[0])), strong=True))
        elif d.rated_both():
            lines.append(Line(t["largest_none"], strong=True))
        return lines

    def tables(self, people: list[Person], course: Course) -> list[Table]:
        t, lang = TEXT[course.language], course.language
        gave = answered(people)

        def cell(model: DirectionsModel, ident: str):
            need, now = model.answered_need(ident), model.answered_attention(ident)
            if need is None and now is None:
                return NOT_ANSWERED
            return t["cell"].format(need=t["rated_none"] if need is None else need,
                                    now=t["rated_none"] if now is None else now)

        def largest(model: DirectionsModel):
            found = model.largest_gap()
            if found:
                return t["largest_cell"].format(where=join_names([where_words(course, x) for x in found], lang),
                                                gap=model.gap(found[0]))
            return t["no_gap"] if model.rated_both() else NOT_ANSWERED

        attention = Table(self.name, t["h_directions"],
                          [t["person"], *[plain_text(d.name, 30) for d in course.directions], t["col_largest"]],
                          [[plain_text(p.label, 40), *[cell(p.model, d.id) for d in course.directions],
                            largest(p.model)] for p in gave])
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
        gave = answered(people)
        out = []
        for d in course.directions:
            item = where_words(course, d.id)
            for measure, template, item_key in (("need", "q_need", f"need.{d.id}"),
                                                ("attention", "q_directions", d.id)):

                def question(high, low, hi, lo, item=item, template=template):
                    return t[template].format(item=plain_text(item, 120), high=names(high, lang),
                                              low=names(low, lang), hi=out_of(hi, lang), lo=out_of(lo, lang))

                get = DirectionsModel.answered_need if measure == "need" else DirectionsModel.answered_attention
                values = {p: v for p in gave if (v := get(p.model, d.id)) is not None}
                out.append(spread(self.name, item_key, values, ATTENTION_MAX, question))
        return [q for q in out if q is not None]

    def panels(self, people: list[Person], course: Course) -> list[Panel]:
        values = {i: [p.model.gap(d.id) for d in course.directions] for i, p in enumerate(people) if p.answered}
        return [Panel(self.name, TEXT[course.language]["fig_directions"], [d.name for d in course.directions],
                      values, -ATTENTION_MAX, ATTENTION_MAX)]


    def screen(self, course: Course, model=None) -> list:
        from samskabelse.sections.directions import rate_directions

        return [rate_directions(course, model)]

    def worksheet(self, course: Course) -> list[dict]:
        t, d = TEXT[course.language], DIRECTIONS[course.language]
        rows = [[text(x.name, x.who, bold=True), choices(SCALE, stack=False, item=f"need.{x.id}"),
                 choices(SCALE, stack=False, item=f"attention.{x.id}"), blank(3, item=f"stakeholders.{x.id}")]
                for x in course.directions]
        return [{"heading": t["h_sheet"], "intro": d["scale"],
                 "table": table([0.95, 1.0, 1.0, 1.3], [t["col_direction"], d["col_need"], d["col_attention"],
                                                        d["col_names"]], rows)}]

    def check(self, model: DirectionsModel, course: Course) -> None:
        model.too_little()
        model.too_much()
        self.plan(model, course)

    def migrate(self, model: DirectionsModel, data: dict, course: Course) -> list[str]:
        """Schema 1 asked only the attention each direction gets now, on sliders that started at 3. A 3 in a file
        that did not say what was answered may be a slider no one moved: it stays not rated. The need was never
        asked: it is not rated, and the note says so."""
        t = DIRECTIONS[course.language]
        notes = []
        if isinstance(data, dict) and ANSWERED_FIELD not in data:  # saved before the answered list existed
            left = [d.id for d in course.directions if model.answered_attention(d.id) == DEFAULT_ATTENTION]
            for ident in left:
                model.answered.discard(key("attention", ident))
            if left:
                notes.append(t["note_default"].format(value=DEFAULT_ATTENTION, where=html.escape(join_names(
                    [where_words(course, x) for x in left], course.language))))
        if any(key(m, d.id) in model.answered for m in MEASURES for d in course.directions):
            notes.append(t["note_migrated"])
        return notes


DEFINITION = Directions()
