"""Helpers for the course notebooks on leading co-creation (Ledelse af samskabelse).

A notebook starts with `course = open_course("da")` (or "en") and then calls one function per
widget or figure. The course content itself lives in data/<lang>/course.yaml.
"""

from .answers import load_answers, load_team, save_answers
from .course import Course, CourseError, check_parity, load_course, read_course
from .directions import directions_overview, rate_directions
from .display import course_map, open_course, publication_card
from .framing import chalk_the_pitch, share_control
from .gains import gains_overview, weigh_demands, weigh_gains
from .gains_team import compare_team
from .handout import your_plan
from .phases import mark_your_readiness, phase_overview
from .saving import save_box
from .team import team_answers
from .timeline import plan_timeline, timeline_assumptions
from .timeline_export import export_timeline
from .tryout import try_a_slider
from .typology import involvement_spectrum, place_your_project, typology_table

__all__ = [
    "Course", "CourseError", "check_parity", "load_course", "read_course",
    "course_map", "open_course", "publication_card", "try_a_slider",
    "load_answers", "load_team", "save_answers", "save_box",
    "involvement_spectrum", "place_your_project", "typology_table",
    "mark_your_readiness", "phase_overview",
    "directions_overview", "rate_directions", "chalk_the_pitch", "share_control",
    "gains_overview", "weigh_gains", "weigh_demands", "compare_team",
    "plan_timeline", "timeline_assumptions", "export_timeline",
    "your_plan", "team_answers",
]
