"""The six sections of the course, one sub-package each, in the order of the notebooks.

Each section (typology 01, gains 02, phases 03, directions 04, framing 05, timeline 06) defines in its own
package its items, its model, its widgets and how each answer is shown (its `DEFINITION`, a
samskabelse.sections.definition.Section). Modules that gather sections loop over `all_sections()`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samskabelse.sections.definition import Section

NAMES = ("typology", "gains", "phases", "directions", "framing", "timeline")


def section(name: str) -> Section:
    """The definition of one section."""
    if name not in NAMES:
        raise KeyError(f"no section {name!r}: use one of {NAMES}")
    return import_module(f"samskabelse.sections.{name}").DEFINITION


def all_sections() -> list[Section]:
    """Every section's definition, in the order of the notebooks."""
    return [section(name) for name in NAMES]


def model_classes() -> dict[str, type]:
    """Every section's model class, by its name (the key of its answers in a saved file)."""
    return {s.name: s.model for s in all_sections()}
