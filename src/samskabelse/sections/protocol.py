"""What every widget's model offers, so that answers can be saved, restored and compared.

Each notebook's widget edits one plain model object (a dataclass). The model:
- has a SECTION name, its key in a saved answers file: "typology" (01), "gains" (02), "phases" (03),
  "directions" (04), "framing" (05), "timeline" (06);
- turns into a JSON-safe dict of ids and values with `to_dict()` (ids, never display names, so that a
  Danish and an English notebook read the same answers);
- is rebuilt with `from_dict(data, course)`, which returns the model and a list of notes, in the course's
  language, about what no longer matches the course (an id the course no longer has, a value out of
  range): reported, never dropped silently. It raises AnswerError only when the data cannot be read at all;
- records which answers the participant actually gave (below).

Answered and untouched
----------------------
A model always holds a value for every item, so that its widget has something to draw: the course's
default until the participant changes it. The value alone cannot say whether the participant chose it (a
gain rated 0 and 0 may be "not at all" or "not looked at"). So every model keeps

    model.answered: set[str]        # the answer keys the participant gave, e.g. "gains.quality.importance"

- An *answer key* names one answer within the section, as dot-separated ids (course ids never hold a dot):
  typology  "initiative", "activity" (a pole and how clearly), "project";
  gains     "gains.<gain>.importance", "gains.<gain>.likelihood", "demands.<demand>", "own", "motivation";
  phases    "status.<phase>.<point>", "current_phase", "own_steps";
  directions "attention.<direction>", "stakeholders.<direction>";
  framing   "fixed.<element>", "decider.<element>", "influence.<element>";
  timeline  "project", "start", "phases.<phase>.weeks", "phases.<phase>.uncertainty",
            "deadlines.<id>.name", "deadlines.<id>.date", "deadlines.<id>.phase", "factors.<level>".
- The model's setters (rate, set_demand, set, set_attention, set_fixed, ...) are how a participant answers:
  each adds its key. Building a model (for_course, new, from_course) and a widget drawing it add none.
- `to_dict()` saves every value (what the participant saw) and, under ANSWERED_FIELD, the sorted list of
  answered keys; `from_dict()` restores the set, keeping only keys whose saved value it could use.
- A section saved before this list existed (no ANSWERED_FIELD) is *legacy*: every value it holds counts
  as answered, except what the widgets of that time could not tell from untouched (a gain rated 0 and 0,
  and the demands when all are 0), which is read as not answered, as those versions did. See legacy_answered.
- Whatever shows answers to someone else (notebook 07's plan, 08's team, 02's team comparison) shows an
  item that is not answered as NOT_ANSWERED ("ikke besvaret"), never as a choice, and leaves it out of every
  mean, spread, count and question. A deliberate 0 is an answer like any other.

What the participant saw is what they answered (schema 2)
--------------------------------------------------------
An item counts as answered when the participant set it, or when it was on their screen, showing a value,
when they saved the section: saving confirms every item the notebook's widgets showed, the course's
suggestions included (a frame kept "fixed", a phase's planned weeks). A control that would show an answer the
participant has not given (a rating at 0, a status "ikke startet") starts visibly unrated instead
(widgets.answering.NOT_RATED, "– ikke vurderet –") and shows no value until set; a control the notebook never
shows is never answered by it. Each section widget registers itself on its model when it is built
(`show_on_screen`) and maps each item it asks to its control (`controls()`: answer key -> ipywidgets control, or
a list of controls for an item asked by several, such as an own gain's row); `items_on_screen` and `shown_items`
read them, and the save box confirms the items that show a value (`confirm`) and names the rest as unanswered.
Files saved under the earlier rule (schema 1) are read with each section's `migrate` (definition.Section).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Protocol, Self

from samskabelse.base.i18n import Texts
from samskabelse.course import Course
from samskabelse.widgets.answering import NOT_RATED

ANSWERED_FIELD = "answered"

NOT_ANSWERED = Texts(
    da={"short": "ikke besvaret", "long": "{what}: ikke besvaret", "dash": "–",
        "note_answered": "listen over besvarede punkter kan ikke læses ({got}); alle gemte værdier tælles som "
        "besvarede."},
    en={"short": "not answered", "long": "{what}: not answered", "dash": "–",
        "note_answered": "the list of answered items cannot be read ({got}); every saved value counts as "
        "answered."},
)


class AnswerError(ValueError):
    """Saved answers that cannot be read. The message says which section and field, and what to do."""


class AnswerModel(Protocol):
    SECTION: ClassVar[str]
    answered: set[str]

    def to_dict(self) -> dict[str, Any]: ...

    @classmethod
    def from_dict(cls, data: dict[str, Any], course: Course) -> tuple[Self, list[str]]: ...


def key(*parts: object) -> str:
    """An answer key from its parts: key("gains", "quality", "importance") -> "gains.quality.importance"."""
    return ".".join(str(p) for p in parts)


def not_answered(lang: str) -> str:
    """"ikke besvaret" / "not answered", as 07, 08 and 02 show an item the participant did not answer."""
    return NOT_ANSWERED[lang]["short"]


def is_answered(model: Any, *parts: object) -> bool:
    """Did the participant give this answer? A model without the protocol counts everything as answered."""
    answered = getattr(model, "answered", None)
    return True if answered is None else key(*parts) in answered


def any_answered(model: Any, prefix: str = "") -> bool:
    """Did the participant give any answer in the model (or any under `prefix`, e.g. "gains.")?"""
    answered = getattr(model, "answered", None)
    if answered is None:
        return model is not None
    return any(k == prefix.rstrip(".") or k.startswith(prefix) for k in answered) if prefix else bool(answered)


def mark(model: Any, *parts: object) -> None:
    """Record an answer the participant gave (the setters call this)."""
    model.answered.add(key(*parts))


def unmark(model: Any, *parts: object) -> None:
    """The participant took an answer back (set a rating back to "– ikke vurderet –")."""
    model.answered.discard(key(*parts))


def confirm(model: Any, keys: Iterable[str]) -> set[str]:
    """Count the items the participant saw, with a value, as answered (saving, or "Jeg er enig"). Returns the
    keys that were not answered before."""
    answered = getattr(model, "answered", None)
    if answered is None:  # a model without the protocol counts everything as answered already
        return set()
    new = set(keys) - answered
    answered |= new
    return new


# The widgets on screen for a model: each section widget registers itself when it is built, so that the save
# box (given one widget or the model) knows every item any of its notebook's widgets showed.
_SCREENS = "_samskabelse_screens"


def show_on_screen(model: Any, widget: Any) -> None:
    """Register a widget that shows (part of) this model in the notebook."""
    screens = model.__dict__.setdefault(_SCREENS, [])
    if not any(w is widget for w in screens):
        screens.append(widget)
    section = getattr(model, "SECTION", None)
    if isinstance(section, str):
        _ON_SCREEN[section] = weakref.ref(model)


# Another section's answers, for a widget that follows them without importing that section (a section never
# imports another): the section as a widget in this kernel shows it (workbook 1 shows 01 and 02 together), else
# as this participant saved it (read by the readers the answers layer registers), in the form the section's
# to_dict() gives it; a section kept from an older file carries its schema under "schema".
_ON_SCREEN: dict[str, weakref.ref] = {}
_SAVED_READERS: list[Callable[[str], dict | None]] = []


def register_saved_reader(reader: Callable[[str], dict | None]) -> None:
    """A function that gives this participant's saved answers to a section (or None): registered by the answers
    layer, which knows where their file is."""
    if reader not in _SAVED_READERS:
        _SAVED_READERS.append(reader)


def forget_on_screen() -> None:
    """Forget which sections' widgets are on screen (a new run of the notebooks in the same process: the tests)."""
    _ON_SCREEN.clear()


def answers_to(section: str) -> dict[str, Any] | None:
    """This participant's answers to a section, as shown on screen now, else as saved; None if neither."""
    ref = _ON_SCREEN.get(section)
    model = ref() if ref is not None else None
    if model is not None:
        return model.to_dict()
    for reader in _SAVED_READERS:
        data = reader(section)
        if isinstance(data, dict):
            return data
    return None


def screens(model: Any) -> list[Any]:
    return list(getattr(model, "__dict__", {}).get(_SCREENS, ()))


def answered_changed(model: Any) -> None:
    """Tell the widgets on screen that what counts as answered changed (the save box confirmed what they showed):
    each redraws what it says about answers (a widget's optional `answered_changed()`)."""
    for w in screens(model):
        hook = getattr(w, "answered_changed", None)
        if callable(hook):
            hook()


def showing(value: Any) -> bool:
    """Does a control show a value? Not while a rating is "– ikke vurderet –" (widgets.answering.NOT_RATED),
    a text field is empty, or a list of controls (an own gain's row) shows nothing."""
    if isinstance(value, (list, tuple)) and not isinstance(value, str) and value and hasattr(value[0], "value"):
        return any(showing(c.value) for c in value)
    return value not in (None, "", NOT_RATED)


def _controls(widget: Any) -> dict[str, Any]:
    controls = getattr(widget, "controls", None)
    return controls() if callable(controls) else {}


def items_on_screen(model: Any) -> set[str]:
    """Every item a control on screen asks (whether or not it shows a value yet)."""
    return {k for w in screens(model) for k in _controls(w)}


def shown_items(model: Any) -> set[str]:
    """The items on screen that show a value (a rating still "– ikke vurderet –" shows none)."""
    out = set()
    for w in screens(model):
        for k, control in _controls(w).items():
            value = control if isinstance(control, (list, tuple)) else getattr(control, "value", None)
            if showing(value):
                out.add(k)
    return out


def dump_answered(answered: Iterable[str]) -> list[str]:
    """The list saved under ANSWERED_FIELD: sorted, so that the same answers give the same file."""
    return sorted(set(answered))


def saved_answered(data: dict[str, Any], lang: str, notes: list[str]) -> set[str] | None:
    """The answered keys saved in a section, or None for a legacy section (saved before the list existed).

    A list that is not a list of texts becomes a note, and the section is read as legacy.
    """
    if ANSWERED_FIELD not in data:
        return None
    raw = data[ANSWERED_FIELD]
    if isinstance(raw, list) and all(isinstance(k, str) for k in raw):
        return set(raw)
    notes.append(NOT_ANSWERED[lang if lang in ("da", "en") else "en"]["note_answered"].format(
        got=type(raw).__name__))
    return None


def restored_answered(saved: set[str] | None, present: set[str], legacy_not: Iterable[str] = ()) -> set[str]:
    """What from_dict keeps as answered: the saved keys whose value could be used; for a legacy section,
    every usable value except `legacy_not` (what that version could not tell from untouched)."""
    if saved is None:
        return present - set(legacy_not)
    return saved & present
