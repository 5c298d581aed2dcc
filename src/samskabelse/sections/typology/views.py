"""How the typology's answers are shown outside notebook 01: on the plan, in the team view, on paper."""

from __future__ import annotations

from collections import Counter

from samskabelse.base.i18n import Texts
from samskabelse.course import Course
from samskabelse.sections.definition import (
    NOT_ANSWERED,
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
    table,
    text,
)
from samskabelse.sections.protocol import confirm, is_answered
from samskabelse.sections.typology import AXES, TypologyAnswer, slider_options
from samskabelse.sections.typology import TEXT as TYPOLOGY
from samskabelse.widgets.display import plain_text

TEXT = Texts(
    da={
        "label": "typologi (01)",
        "plan_title": "Projektet og typen",
        "type": "Type i kursets typologi: {type} – {description}",
        "type_missing": "Type i kursets typologi: ikke besvaret (placér projektet på begge akser i notebook 01).",
        "h_type": "Hvilken type samskabelse?",
        "person": "Deltager",
        "project": "Projektets navn",
        "q_typology": "Hvilken type samskabelse er projektet? {groups}. Hvem tager initiativet, og hvad gør I "
                      "sammen?",
        "h_typology": "Hvilken type samskabelse er projektet?",
        "typology_intro": "Sæt ét kryds på hver akse. Typen i kursets gitter følger af de to kryds:",
        "grid": "Typen i kursets gitter",
    },
    en={
        "label": "typology (01)",
        "plan_title": "The project and its type",
        "type": "Type in the course's typology: {type} – {description}",
        "type_missing": "Type in the course's typology: not answered (place the project on both axes in notebook "
                        "01).",
        "h_type": "Which type of co-creation?",
        "person": "Participant",
        "project": "The project's name",
        "q_typology": "Which type of co-creation is the project? {groups}. Who takes the initiative, and what do "
                      "you do together?",
        "h_typology": "Which type of co-creation is the project?",
        "typology_intro": "Tick one box on each axis. The type in the course's grid follows from the two ticks:",
        "grid": "The type in the course's grid",
    },
)


class Typology(Section):
    name = "typology"
    notebook = "01"
    workbook = 1
    model = TypologyAnswer
    TEXT = TEXT

    def items(self, course: Course) -> list[Item]:
        t = TEXT[course.language]
        ty = course.typology
        return [Item("project", t["project"]),
                *[Item(axis, getattr(ty, axis).name, tuple(label for label, _ in slider_options(course, axis)))
                  for axis in AXES]]

    def project(self, model: TypologyAnswer) -> str:
        return model.project if model.project and is_answered(model, "project") else ""

    def plan(self, model: TypologyAnswer, course: Course, **_options) -> list[Line]:
        t = TEXT[course.language]
        if not model.placed():
            return [Line(t["type_missing"])]
        kind = model.type_of(course)
        return [Line(t["type"].format(type=kind.name, description=kind.description))]

    def tables(self, people: list[Person], course: Course) -> list[Table]:
        t = TEXT[course.language]
        rows = [[plain_text(p.label, 40), self.project(p.model) or NOT_ANSWERED,
                 p.model.type_of(course).name if p.model.placed() else NOT_ANSWERED] for p in answered(people)]
        return [Table(self.name, t["h_type"], [t["person"], t["project"], t["h_type"]], rows,
                      missing_note(people, course.language))]

    def questions(self, people: list[Person], course: Course) -> list[Question]:
        lang = course.language
        typed = [p for p in answered(people) if p.model.placed()]
        if len(typed) < 2:
            return []
        kinds = {p: p.model.type_of(course) for p in typed}
        counts = Counter(k.id for k in kinds.values())
        if len(counts) == 1:
            return []
        n = len(typed)
        score = (1 - max(counts.values()) / n) * n / (n - 1)
        groups = "; ".join(f"{names([p for p, k in kinds.items() if k.id == kid], lang)}: "
                           f"{plain_text(course.by_id('types', kid).name, 60)}" for kid, _ in counts.most_common())
        return [Question(self.name, "type", min(1.0, score), TEXT[lang]["q_typology"].format(groups=groups))]


    def screen(self, course: Course, model=None) -> list:
        from samskabelse.sections.typology import place_your_project

        return [place_your_project(course, model)]

    def worksheet(self, course: Course) -> list[dict]:
        t = TEXT[course.language]
        ty = course.typology
        axes = (("initiative", ty.initiative), ("activity", ty.activity))
        row = [{**text(ax.name, ax.question, bold=True),
                "below": choices([label for label, _ in slider_options(course, key)], stack=True, item=key)}
               for key, ax in axes]
        grid = [[text(pole.name, bold=True), *[text(ty.type_at(pole.id, a.id).name)
                                               for a in (ty.activity.low, ty.activity.high)]]
                for pole in (ty.initiative.low, ty.initiative.high)]
        return [{"heading": t["h_typology"], "field": t["project"], "items": ["project"],
                 "intro": t["typology_intro"],
                 "table": table([1.0, 1.0], [], [row])},
                {"heading": "", "table": table([1.25, 0.8, 0.95], [t["grid"], ty.activity.low.name,
                                                                 ty.activity.high.name], grid)}]

    def check(self, model: TypologyAnswer, course: Course) -> None:
        model.type_of(course)

    def migrate(self, model: TypologyAnswer, data: dict, course: Course) -> list[str]:
        """Schema 1: the star stood where the two sliders put it and the page named its type; that is what the
        participant saw when saving, so both axes count (and the project's name, when one was typed)."""
        if not isinstance(data.get("initiative"), str) and not isinstance(data.get("activity"), str):
            return []
        new = confirm(model, [*AXES, *(["project"] if model.project.strip() else [])])
        return [TYPOLOGY[course.language]["note_schema1"]] if new else []


DEFINITION = Typology()
