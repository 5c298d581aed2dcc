"""Helpers for the course notebooks on leading co-creation (Ledelse af samskabelse).

A notebook starts with `course = open_course("da")` (or "en") and then calls one function per
widget or figure. The course content itself lives in data/<lang>/course.yaml.

The names below are imported on first use (PEP 562), so that `import samskabelse` stays cheap and
`python -m samskabelse.course FILE` runs the course-file check without importing it twice.
"""

from importlib import import_module

_EXPORTS = {
    "answers": ["load_answers", "load_team", "save_answers"],
    "answers.upload": ["upload_answers"],
    "course": ["Course", "CourseError", "check_parity", "load_course", "read_course"],
    "sections.directions": ["directions_overview", "rate_directions"],
    "widgets.display": ["course_map", "open_course", "publication_card"],
    "sections.framing": ["chalk_the_pitch", "share_control"],
    "sections.gains": ["gains_overview", "weigh_demands", "weigh_gains"],
    "answers.compare": ["compare_team"],
    "answers.plan": ["your_plan"],
    "sections.phases": ["mark_your_readiness", "phase_overview"],
    "answers.save_box": ["save_box"],
    "answers.team": ["team_answers"],
    "kit.desk": ["facilitator_desk"],
    "kit.team_export": ["export_team"],
    "sections.timeline": ["plan_timeline", "timeline_assumptions"],
    "sections.timeline.export": ["download_timeline", "export_timeline"],
    "widgets.tryout": ["try_a_slider"],
    "sections.typology": ["involvement_spectrum", "place_your_project", "typology_table"],
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'samskabelse' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
