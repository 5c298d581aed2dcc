"""How the frames' answers are shown outside notebook 05: on the plan, in the team view, on paper."""

from __future__ import annotations

from collections import Counter

from samskabelse.base.i18n import Texts, join_names
from samskabelse.course import Course
from samskabelse.sections.definition import (
    Item,
    Line,
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
from samskabelse.sections.framing import TEXT as FRAMING
from samskabelse.sections.framing import FramingModel
from samskabelse.sections.protocol import NOT_ANSWERED as ANSWER_WORDS
from samskabelse.sections.protocol import confirm
from samskabelse.widgets.display import plain_text

TEXT = Texts(
    da={
        "label": "rammer (05)",
        "plan_title": "Banen er kridtet op",
        "fixed": "Ligger fast: {names}.",
        "elastic": "Elastiske: {names}.",
        "fixed_missing": "Fast eller elastisk, ikke besvaret: {names}.",
        "shared": "Partnerne er med til at bestemme: {names}.",
        "who_decides": "Hvem beslutter: {groups}.",
        "decider_group": "{who}: {names}",
        "deciders_missing": "Hvem beslutter, ikke besvaret: {names}.",
        "shared_missing": "Partnernes indflydelse, ikke besvaret: {names}.",
        "none": "ingen",
        "h_framing": "Rammer: faste eller elastiske, og partnernes indflydelse",
        "col_element": "Rammeelement",
        "col_fixed": "Fast", "col_elastic": "Elastisk", "deciders": "Hvem beslutter",
        "influence": "Partnernes indflydelse",
        "q_fixed": "Ligger »{item}« fast, eller er den elastisk? Fast: {fixed}. Elastisk: {elastic}. Hvad siger I "
        "til partnerne?",
        "q_influence": "Hvor meget må partnerne bestemme over »{item}«? {Hi}: {high}. {Lo}: {low}. Hvor går "
        "grænsen?",
        "h_sheet": "Rammer: hvad ligger fast, og hvem beslutter?",
        "sheet_intro": "Sæt kryds ved fast eller elastisk, og sæt ring om ét tal i hver af de to sidste kolonner:",
        "fixed_item": "{name}: fast eller elastisk", "decider_item": "{name}: hvem beslutter",
        "influence_item": "{name}: partnernes indflydelse",
    },
    en={
        "label": "boundaries (05)",
        "plan_title": "The pitch is marked out",
        "fixed": "Fixed: {names}.",
        "elastic": "Elastic: {names}.",
        "fixed_missing": "Fixed or elastic, not answered: {names}.",
        "shared": "The partners help decide: {names}.",
        "who_decides": "Who decides: {groups}.",
        "decider_group": "{who}: {names}",
        "deciders_missing": "Who decides, not answered: {names}.",
        "shared_missing": "The partners' influence, not answered: {names}.",
        "none": "none",
        "h_framing": "Boundaries: fixed or elastic, and the partners' influence",
        "col_element": "Frame element",
        "col_fixed": "Fixed", "col_elastic": "Elastic", "deciders": "Who decides",
        "influence": "The partners' influence",
        "q_fixed": "Is “{item}” fixed, or is there elastic room? Fixed: {fixed}. Elastic: {elastic}. What do you "
        "tell the partners?",
        "q_influence": "How much may the partners decide about “{item}”? {Hi}: {high}. {Lo}: {low}. Where is the "
        "line?",
        "h_sheet": "Boundaries: what is fixed, and who decides?",
        "sheet_intro": "Tick fixed or elastic, and circle one number in each of the last two columns:",
        "fixed_item": "{name}: fixed or elastic", "decider_item": "{name}: who decides",
        "influence_item": "{name}: the partners' influence",
    },
)


def _join(items: list[str], lang: str) -> str:
    return join_names(items, lang) if items else TEXT[lang]["none"]


def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def _numbered(items: list[str]) -> str:
    return " · ".join(f"{i} {n}" for i, n in enumerate(items, 1))


class Framing(Section):
    name = "framing"
    notebook = "05"
    workbook = 4
    model = FramingModel
    TEXT = TEXT

    def items(self, course: Course) -> list[Item]:
        t, f = TEXT[course.language], FRAMING[course.language]
        fr = course.framing
        out = []
        for e in fr.frame_elements:
            out.append(Item(f"fixed.{e.id}", t["fixed_item"].format(name=e.name), (f["fixed"], f["elastic"])))
            out.append(Item(f"decider.{e.id}", t["decider_item"].format(name=e.name),
                            tuple(d.name for d in fr.deciders)))
            out.append(Item(f"influence.{e.id}", t["influence_item"].format(name=e.name),
                            tuple(lv.name for lv in fr.influence_levels)))
        return out

    def plan(self, f: FramingModel, course: Course, **_options) -> list[Line]:
        t, lang = TEXT[course.language], course.language
        name = {e.id: e.name for e in course.framing.frame_elements}
        gave = {e: f.answer("fixed", e) for e in f.fixed}
        lines = [Line(t["fixed"].format(names=_join([name[e] for e, v in gave.items() if v], lang))),
                 Line(t["elastic"].format(names=_join([name[e] for e, v in gave.items() if v is False], lang)))]
        if None in gave.values():
            lines.append(Line(t["fixed_missing"].format(names=_join([name[e] for e, v in gave.items() if v is None],
                                                                    lang))))
        decider_names = {d.id: d.name for d in course.framing.deciders}
        groups: dict[str, list[str]] = {}
        for e in f.fixed:
            if (who := f.answer("decider", e)) is not None:
                groups.setdefault(who, []).append(name[e])
        if groups:  # in the course file's order of deciders
            order = [d.id for d in course.framing.deciders]
            lines.append(Line(t["who_decides"].format(groups="; ".join(
                t["decider_group"].format(who=decider_names.get(who, who), names=join_names(groups[who], lang))
                for who in sorted(groups, key=lambda w: order.index(w) if w in order else len(order))))))
        undecided = [name[e] for e in f.fixed if f.answer("decider", e) is None]
        if undecided:
            lines.append(Line(t["deciders_missing"].format(names=_join(undecided, lang))))
        lines.append(Line(t["shared"].format(names=_join([name[e] for e in f.partners_decide(answered_only=True)],
                                                         lang))))
        untouched = [name[e] for e in f.fixed if f.answer("influence", e) is None]
        if untouched:
            lines.append(Line(t["shared_missing"].format(names=_join(untouched, lang))))
        return lines

    def tables(self, people: list[Person], course: Course) -> list[Table]:
        t, lang = TEXT[course.language], course.language
        gave = answered(people)
        decider_names = {d.id: d.name for d in course.framing.deciders}
        level_names = {lv.id: lv.name for lv in course.framing.influence_levels}
        unanswered = ANSWER_WORDS[lang]["short"]

        def counted(what: str, element: str, shown: dict) -> str:
            answers = Counter(p.model.answer(what, element) for p in gave)
            parts = [f"{plain_text(shown.get(k, k), 40)} ({v})" for k, v in answers.most_common() if k is not None]
            if answers[None]:
                parts.append(f"{unanswered} ({answers[None]})")
            return ", ".join(parts) or "–"

        rows = []
        for e in course.framing.frame_elements:
            fixed = Counter(p.model.answer("fixed", e.id) for p in gave)
            rows.append([plain_text(e.name, 40), str(fixed[True]), str(fixed[False]), str(fixed[None]),
                         counted("decider", e.id, decider_names), counted("influence", e.id, level_names)])
        return [Table(self.name, t["h_framing"],
                      [t["col_element"], t["col_fixed"], t["col_elastic"], _first_up(unanswered), t["deciders"],
                       t["influence"]], rows, missing_note(people, lang))]

    def questions(self, people: list[Person], course: Course) -> list[Question]:
        t, lang = TEXT[course.language], course.language
        gave = answered(people)
        levels = [lv.id for lv in course.framing.influence_levels]
        level_names = {lv.id: lv.name.lower() for lv in course.framing.influence_levels}
        out = []
        for e in course.framing.frame_elements:
            said = [p for p in gave if p.model.answer("fixed", e.id) is not None]
            if len(said) >= 2:
                fixed = [p for p in said if p.model.fixed[e.id]]
                elastic = [p for p in said if not p.model.fixed[e.id]]
                if fixed and elastic:
                    score = 2 * min(len(fixed), len(elastic)) / len(said)
                    out.append(Question(self.name, e.id, min(1.0, score), t["q_fixed"].format(
                        item=plain_text(e.name, 90), fixed=names(fixed, lang), elastic=names(elastic, lang))))

            def question(high, low, hi, lo, item=e.name):
                return t["q_influence"].format(item=plain_text(item, 120), high=names(high, lang),
                                               low=names(low, lang), Hi=_first_up(level_names[levels[hi]]),
                                               Lo=_first_up(level_names[levels[lo]]))

            values = {p: levels.index(p.model.influence[e.id]) for p in gave
                      if p.model.answer("influence", e.id) in levels}
            found = spread("influence", e.id, values, max(1, len(levels) - 1), question)
            if found is not None:
                out.append(found)
        return out


    def screen(self, course: Course, model=None) -> list:
        from samskabelse.sections.framing import chalk_the_pitch, share_control

        pitch = chalk_the_pitch(course, model)
        return [pitch, share_control(course, pitch)]

    def worksheet(self, course: Course) -> list[dict]:
        t, f = TEXT[course.language], FRAMING[course.language]
        fr = course.framing
        numbers_d = [str(i) for i in range(1, len(fr.deciders) + 1)]
        numbers_l = [str(i) for i in range(1, len(fr.influence_levels) + 1)]
        rows = [[text(e.name, e.description, bold=True),
                 choices([f["fixed"], f["elastic"]], item=f"fixed.{e.id}"),
                 text("  ".join(numbers_d), item=f"decider.{e.id}"),
                 text("  ".join(numbers_l), item=f"influence.{e.id}")] for e in fr.frame_elements]
        return [{"heading": t["h_sheet"], "intro": t["sheet_intro"],
                 "legend": [[f["col_decider"], _numbered([d.name for d in fr.deciders])],
                            [f["col_influence"], _numbered([lv.name for lv in fr.influence_levels])]],
                 "table": table([1.6, 1.0, 0.8, 0.7], [f["col_element"], f["col_fixed"], f["col_decider"],
                                                       f["col_influence"]], rows)}]

    def check(self, model: FramingModel, course: Course) -> None:
        model.elements_shared()
        model.tensions()
        self.plan(model, course)

    def migrate(self, model: FramingModel, data: dict, course: Course) -> list[str]:
        """Schema 1: notebook 05 and workbook 4 both showed every element fixed or elastic and who decides it, with
        a value; that is what the participant saw when saving. The partners' influence was shown only by 05, and
        which one saved cannot be told: it stays as the file says."""
        elements = data.get("elements") if isinstance(data.get("elements"), dict) else {}
        keys = [f"{what}.{e}" for e, answer in elements.items() if e in model.fixed and isinstance(answer, dict)
                for what in ("fixed", "decider") if what in answer]
        return [FRAMING[course.language]["note_schema1"]] if confirm(model, keys) else []


DEFINITION = Framing()
