"""The texts the plan (07) and the team view (08) print, gathered from the module that prints them and from each
section, so that a test can look up a sentence by its key whichever module now owns it."""

from __future__ import annotations

from samskabelse.answers import plan, team
from samskabelse.sections import all_sections, definition


def _merged(*tables) -> dict[str, dict]:
    return {lang: {k: v for table in tables for k, v in table[lang].items()} for lang in ("da", "en")}


_SECTIONS = [s.TEXT for s in all_sections()]
_TITLES = {lang: {f"s_{s.name}": s.plan_title(lang) for s in all_sections()} for lang in ("da", "en")}

PLAN = _merged(*_SECTIONS, _TITLES, plan.TEXT)  # the plan's own texts win ("missing": "Ikke besvaret endnu – ...")
TEAM = _merged(*_SECTIONS, definition.TEXT, team.TEXT)
