"""The six sections of the course, one sub-package each, in the order of the notebooks.

Each section (typology 01, gains 02, phases 03, directions 04, framing 05, timeline 06) defines in its own
package its items, its model and how each answer is shown. Modules that gather sections loop over NAMES.
"""

from __future__ import annotations

from importlib import import_module

NAMES = ("typology", "gains", "phases", "directions", "framing", "timeline")


def section_module(name: str):
    """The section's package (samskabelse.sections.<name>)."""
    if name not in NAMES:
        raise KeyError(f"no section {name!r}: use one of {NAMES}")
    return import_module(f"samskabelse.sections.{name}")


def model_classes() -> dict[str, type]:
    """Every section's model class, by its SECTION name."""
    found: dict[str, type] = {}
    for name in NAMES:
        module = section_module(name)
        for value in vars(module).values():
            if (isinstance(value, type) and getattr(value, "SECTION", None) == name
                    and value.__module__.startswith(module.__name__)):
                found[name] = value
                break
    return found
