"""What every section defines, once: its items, its model, and how each answer is shown everywhere.

A section is one part of the course (typology 01, gains 02, phases 03, directions 04, framing 05, timeline 06).
Its sub-package (samskabelse.sections.<name>) holds its model, its widgets and a `DEFINITION`, an instance of a
subclass of `Section`, which says how the section's answers are shown outside its own notebook:

    DEFINITION.items(course)            # every item the section asks, with its answer key and its scale
    DEFINITION.plan(model, course)      # the lines of a participant's plan (07: PDF, Word, Markdown)
    DEFINITION.tables(people, course)   # 08's tables (and the team overview's PDF and slides)
    DEFINITION.questions(people, course)  # 08's discussion questions: where the team's answers differ
    DEFINITION.panels(people, course)   # 08's figure: one panel per row of items, one marker per person
    DEFINITION.worksheet(course)        # the paper version of its part of a workbook (kit/worksheets)
    DEFINITION.check(model, course)     # compute what the views compute, so that odd data fails on loading

The modules that gather sections (answers, 07's plan, 08's team, the kit) loop over the registry
(samskabelse.sections.all_sections()) and never reach into a section. Everything here is plain data: text is
plain (not escaped); each output escapes for itself (HTML in 08, Typst in the PDFs, python-pptx on the slides).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from samskabelse.base.i18n import Texts, join_names
from samskabelse.course import Course
from samskabelse.sections.protocol import any_answered

TEXT = Texts(
    da={"out_of": "{v} ud af 5", "missing": "{names} har ikke svaret på dette endnu.",
        "left_of": "{n} af {of} punkter", "left": "{n} punkter"},
    en={"out_of": "{v} out of 5", "missing": "{names} has not answered this yet.",
        "left_of": "{n} of {of} items", "left": "{n} items"},
)
LEFT_NAMED = 2  # items left unanswered are named when they are this few and each this short; else counted
LEFT_CHARS = 45


def left_words(labels: list[str], lang: str, of: int | None = None) -> str:
    """What someone left unanswered, as the plan and 08 say it: named when few and short ("Egne gevinster og
    Motivationen med dine egne ord"), else counted ("5 af 17 punkter", or "5 punkter" without `of`)."""
    from samskabelse.widgets.display import plain_text

    if len(labels) <= LEFT_NAMED and all(len(label) <= LEFT_CHARS for label in labels):
        return join_names([plain_text(label, LEFT_CHARS) for label in labels], lang)
    t = TEXT[lang]
    return t["left"].format(n=len(labels)) if of is None else t["left_of"].format(n=len(labels), of=of)


# ---------------------------------------------------------------------------------------------
# Items: what a section asks
@dataclass(frozen=True)
class Item:
    """One thing a section asks. `key` is its answer key (samskabelse.sections.protocol); `scale` the words of
    its positions as the screen and the paper show them (empty for a text or a number the participant writes).
    `setting` marks what adjusts how the course calculates (the timeline's uncertainty factors) or what the
    screen shows (the phase looked at) rather than an answer: it is on the screen only, and reaches neither the
    paper nor the team view. `rating` marks an item whose control starts "– ikke vurderet –" (protocol.py)."""

    key: str
    label: str
    scale: tuple[str, ...] = ()
    setting: bool = False
    rating: bool = False


# ---------------------------------------------------------------------------------------------
# Plans (07): lines
@dataclass
class Line:
    text: str  # plain text (not escaped)
    bar: float | None = None  # 0..1: drawn as a small bar beside the line on the page
    strong: bool = False
    aside: bool = False  # a remark about the section (what is not answered): the PDF sets it beside the title


# ---------------------------------------------------------------------------------------------
# The team (08): the people, tables, questions and figure panels
@dataclass(frozen=True, eq=False)
class Person:
    """One participant as the team view shows them: the label that tells them apart, and this section's model
    (None when they saved nothing of it). `source` is whatever the gathering module loaded them from."""

    label: str
    model: Any
    invented: bool = False
    source: Any = None

    @property
    def answered(self) -> bool:
        return self.model is not None and any_answered(self.model)


NOT_ANSWERED = object()  # a table cell for an item a participant did not answer: shown as "ikke besvaret"


@dataclass
class Table:
    """One of 08's tables. A cell is plain text, or NOT_ANSWERED; `note` says who has not answered it."""

    section: str
    title: str
    head: list[str]
    rows: list[list[Any]]
    note: str = ""
    wide_first: bool = False  # the first column holds long text (a focus point), the others short answers
    name: str = ""  # which of the section's tables ("demands"); the section's name when it has one table


@dataclass
class Question:
    """A discussion question: where the team's answers to one item differ, `score` from 0 (all agree) to 1."""

    section: str
    item: str
    score: float
    question: str  # plain text (not escaped)


@dataclass
class Panel:
    """One panel of 08's figure: a row per item, one marker per person, the team's mean. `values[i][row]` is
    person i's value in that row (None: not answered). kind "range": one row per person, from `values[i][0]`
    (planned) to `values[i][1]` (finished by, at the percentile in the title). kind "choice": a row per item,
    each person's marker at the answer they chose, `values[i][row]` its position in `scale` (0, 1, ...; None:
    not answered), no mean (for answers that are choices, not amounts: fixed or elastic, who decides).

    `scale`: the words of the positions low..high, shown under the axis instead of numbers (kind "choice" needs
    them; a "dots" panel may have them, e.g. an ordered scale of influence levels)."""

    section: str
    title: str
    rows: list[str]
    values: dict[int, list[float | None]]
    low: float
    high: float
    kind: str = "dots"
    scale: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
class Section:
    """A section of the course. Subclasses set the class attributes and override what they show."""

    name: ClassVar[str]  # its key in an answers file: "gains"
    notebook: ClassVar[str]  # "02"
    workbook: ClassVar[int]  # the exercise whose workbook asks it (1-4)
    model: ClassVar[type]
    TEXT: ClassVar[Texts]  # at least "label" ("gevinster (02)") and "plan_title"

    def label(self, lang: str) -> str:
        """How the save box names it: "gevinster (02)"."""
        return self.TEXT[lang]["label"]

    def plan_title(self, lang: str) -> str:
        return self.TEXT[lang]["plan_title"]

    def items(self, course: Course) -> list[Item]:
        return []

    def plan(self, model: Any, course: Course) -> list[Line]:
        return []

    def project(self, model: Any) -> str:
        """The project's name, if this section asks for it and the participant gave it."""
        return ""

    def tables(self, people: list[Person], course: Course) -> list[Table]:
        return []

    def questions(self, people: list[Person], course: Course) -> list[Question]:
        return []

    def panels(self, people: list[Person], course: Course) -> list[Panel]:
        return []

    def worksheet(self, course: Course) -> list[dict]:
        return []

    def screen(self, course: Course, model: Any = None) -> list[Any]:
        """The widgets the section's notebook and workbook put on screen (their own calls), on `model` or a new
        one; the first widget's model is the one the save box saves."""
        raise NotImplementedError

    def check(self, model: Any, course: Course) -> None:
        """Compute from a restored model what the plan and the team view compute; raise if it cannot be done."""
        self.plan(model, course)

    def migrate(self, model: Any, data: dict, course: Course) -> list[str]:
        """A section saved under schema 1 (an unchanged default counted as not answered): count what its notebook
        showed with a value as answered (protocol.py). Returns notes (HTML-safe, in the course's language)
        where the meaning changed."""
        return []

    def not_answered(self, model: Any, course: Course) -> list[str]:
        """The labels of every item the section asks that this model has not answered (a saved file: no screen)."""
        return [i.label for i in self.items(course) if not i.setting and i.key not in model.answered]

    def unanswered(self, model: Any, course: Course) -> list[str]:
        """The labels of the items the notebook shows (protocol.items_on_screen) that are still not answered."""
        from samskabelse.sections.protocol import items_on_screen

        on_screen = items_on_screen(model)
        return [i.label for i in self.items(course) if i.key in on_screen and not i.setting
                and i.key not in model.answered]


# ---------------------------------------------------------------------------------------------
# Shared by the sections' views
def answered(people: list[Person]) -> list[Person]:
    """The people who answered something in the section (a section saved untouched is not answered)."""
    return [p for p in people if p.answered]


def names(people: list[Person], lang: str) -> str:
    return join_names([" ".join(p.label.split()) or "?" for p in people], lang)


def missing_note(people: list[Person], lang: str) -> str:
    lacking = [p for p in people if not p.answered]
    return TEXT[lang]["missing"].format(names=names(lacking, lang)) if lacking else ""


def out_of(value: object, lang: str) -> str:
    return TEXT[lang]["out_of"].format(v=value)


def spread(section: str, item: str, values: dict[Person, float], scale: float, question) -> Question | None:
    """A question from numeric answers: the top against the bottom. `question(high, low, hi, lo)` writes it."""
    if len(values) < 2:
        return None
    hi, lo = max(values.values()), min(values.values())
    if hi == lo:
        return None
    high = [p for p, v in values.items() if v == hi]
    low = [p for p, v in values.items() if v == lo]
    return Question(section, item, min(1.0, (hi - lo) / scale), question(high, low, hi, lo))


@dataclass
class ItemList:
    """Collects items while a section lists them."""

    items: list[Item] = field(default_factory=list)

    def add(self, key: str, label: str, scale=(), setting: bool = False) -> None:
        self.items.append(Item(key, label, tuple(scale), setting))


# ---------------------------------------------------------------------------------------------
# Paper (the kit's worksheets): the data the Typst template reads (kit/templates/worksheet.typ)
def text(value: str, detail: str = "", bold: bool = False, **kw) -> dict:
    return {"text": value, "detail": detail, "bold": bold, **kw}


def choices(labels: list[str], stack: bool = False, before: str = "", after: str = "", **kw) -> dict:
    return {"choices": list(labels), "stack": stack, "before": before, "after": after, **kw}


def blank(lines: int = 1, **kw) -> dict:
    return {"blank": lines, **kw}


def table(columns: list[float | str], head: list[str], rows: list[list[dict]]) -> dict:
    return {"columns": [str(c) for c in columns], "head": head, "rows": rows}
