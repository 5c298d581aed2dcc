"""Every widget and every figure of every notebook, built from one course as the notebooks build them.

Used by the tests that ask "does this course, or this value, still give a figure or a message everywhere?"
(test_widget_errors.py, test_figure_text.py, test_course_properties.py).
"""

from __future__ import annotations

from pathlib import Path

PNG = b"\x89PNG\r\n\x1a\n"


def build_every_widget(course, folder: Path) -> dict:
    """Notebooks 00-08's widgets, by a short name; `folder` is where 06 and 07 may write (nothing else is)."""
    from samskabelse import (
        chalk_the_pitch,
        compare_team,
        mark_your_readiness,
        place_your_project,
        plan_timeline,
        rate_directions,
        share_control,
        team_answers,
        try_a_slider,
        weigh_demands,
        weigh_gains,
    )
    from samskabelse.handout import PlanWidget

    gains = weigh_gains(course)
    pitch = chalk_the_pitch(course)
    gains_team = compare_team(course, me=gains)
    gains_team.load()  # 02's team view is read and drawn when the participant presses its button
    return {
        "tryout": try_a_slider(course),
        "typology": place_your_project(course),
        "gains": gains,
        "demands": weigh_demands(gains),
        "gains_team": gains_team,
        "phases": mark_your_readiness(course),
        "directions": rate_directions(course),
        "framing": pitch,
        "control": share_control(course, pitch),
        "timeline": plan_timeline(course),
        "plan": PlanWidget(course, folder=folder / "answers", exports=folder / "exports"),
        "team": team_answers(course),
    }


def static_views(course) -> dict:
    """What the notebooks show besides widgets: tables, overviews and the figures drawn once."""
    from samskabelse import (
        course_map,
        directions_overview,
        gains_overview,
        involvement_spectrum,
        phase_overview,
        publication_card,
        timeline_assumptions,
        typology_table,
    )

    return {f.__name__: f(course) for f in (course_map, publication_card, involvement_spectrum, typology_table,
                                            gains_overview, phase_overview, directions_overview,
                                            timeline_assumptions)}


def figure_of(widget) -> bytes:
    """The PNG a widget shows now."""
    image = getattr(widget, "image", None) if not hasattr(widget, "live") or widget.live is None else \
        widget.live.image
    return bytes(image.value) if image is not None else b""


def draw_everything(course, folder: Path) -> dict:
    """Build every widget and view, draw every figure (07's page too); return the widgets."""
    from samskabelse.handout import draw_page

    built = build_every_widget(course, folder)
    for name, widget in built.items():
        if name == "plan":
            if widget.plan is not None:
                draw_page(widget.plan).figure.canvas.draw()
            continue
        assert figure_of(widget).startswith(PNG), f"{name}: no figure"
    for name, view in static_views(course).items():
        assert str(view._repr_html_()), name
    return built
