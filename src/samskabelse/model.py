"""What every widget's model offers, so that answers can be saved, restored and compared.

Each notebook's widget edits one plain model object (a dataclass). The model:
- has a SECTION name, its key in a saved answers file: "typology" (01), "gains" (02), "phases" (03),
  "directions" (04), "framing" (05), "timeline" (06);
- turns into a JSON-safe dict of ids and values with `to_dict()` (ids, never display names, so that a
  Danish and an English notebook read the same answers);
- is rebuilt with `from_dict(data, course)`, which returns the model and a list of notes, in the course's
  language, about what no longer matches the course (an id the course no longer has, a value out of
  range): reported, never dropped silently. It raises AnswerError only when the data cannot be read at all.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, Self

from .course import Course


class AnswerError(ValueError):
    """Saved answers that cannot be read. The message says which section and field, and what to do."""


class AnswerModel(Protocol):
    SECTION: ClassVar[str]

    def to_dict(self) -> dict[str, Any]: ...

    @classmethod
    def from_dict(cls, data: dict[str, Any], course: Course) -> tuple[Self, list[str]]: ...
