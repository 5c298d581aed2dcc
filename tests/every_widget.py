"""Every widget and every figure of every notebook, built from one course as the notebooks build them.

Used by the tests that ask "does this course, or this value, still give a figure or a message everywhere?"
(test_widget_errors.py, test_figure_text.py, test_course_properties.py).
"""

from __future__ import annotations

from pathlib import Path

PNG = b"\x89PNG\r\n\x1a\n"


def build_widget(name: str, course, folder: Path):
    """One notebook widget, by its short name, as its notebook builds it (with the widgets it is linked to)."""
    import samskabelse as s
    from samskabelse.answers.plan import PlanWidget

    if name == "demands":
        return s.weigh_demands(s.weigh_gains(course))
    if name == "gains_team":
        view = s.compare_team(course, me=s.weigh_gains(course))
        view.load()  # 02's team view is read and drawn when the participant presses its button
        return view
    if name == "control":
        return s.share_control(course, s.chalk_the_pitch(course))
    if name == "timeline":
        return s.plan_timeline(course)
    if name == "plan":
        return PlanWidget(course, folder=folder / "answers", exports=folder / "exports")
    return {"tryout": s.try_a_slider, "typology": s.place_your_project, "gains": s.weigh_gains,
            "phases": s.mark_your_readiness, "directions": s.rate_directions, "framing": s.chalk_the_pitch,
            "team": s.team_answers}[name](course)


WIDGETS = ["tryout", "typology", "gains", "demands", "gains_team", "phases", "directions", "framing", "control",
           "timeline", "plan", "team"]


def build_every_widget(course, folder: Path) -> dict:
    """Notebooks 00-08's widgets, by a short name; `folder` is where 06 and 07 may write (nothing else is).
    Linked widgets are linked as in their notebook (02's demands and team view follow its weighing)."""
    from samskabelse import compare_team, share_control, weigh_demands

    built = {name: build_widget(name, course, folder) for name in WIDGETS
             if name not in ("demands", "gains_team", "control")}
    built["demands"] = weigh_demands(built["gains"])
    built["gains_team"] = compare_team(course, me=built["gains"])
    built["gains_team"].load()  # 02's team view is read and drawn when the participant presses its button
    built["control"] = share_control(course, built["framing"])
    return {name: built[name] for name in WIDGETS}


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
    from samskabelse.answers.plan import draw_page

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


CONTROL_TYPES = ("IntSlider", "FloatSlider", "SelectionSlider", "Dropdown", "ToggleButtons", "Text", "Textarea",
                 "FloatText", "IntText", "Checkbox", "Button")


def controls(widget, *, files: bool = True) -> list:
    """Every control a participant can use in a widget, in the order they appear (disabled ones left out);
    without the buttons that write files (export, save) when `files` is false."""
    writers = [getattr(widget, "export_button", None), getattr(widget, "button", None) if hasattr(widget, "plan")
               else None]
    found, todo = [], [widget.box]
    while todo:
        item = todo.pop(0)
        if (type(item).__name__ in CONTROL_TYPES and not getattr(item, "disabled", False)
                and (files or not any(item is w for w in writers))):
            found.append(item)
        todo[:0] = list(getattr(item, "children", ()))
    return found


def participant_values(widget, control, folders: list[str]):
    """A Hypothesis strategy for what a participant can give `control` in the browser: any option of a
    slider or a list, any text (odd ones often), any number in a number field; a folder field gets folders."""
    from hypothesis import strategies as st

    kind = type(control).__name__
    if kind in ("IntSlider", "IntText"):
        return st.integers(control.min, control.max) if kind == "IntSlider" else st.integers(-10**6, 10**6)
    if kind in ("SelectionSlider", "Dropdown", "ToggleButtons"):
        return st.sampled_from(list(control._options_values))
    if kind == "Checkbox":
        return st.booleans()
    if kind in ("FloatSlider", "FloatText"):
        return st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                         st.sampled_from([0.0, -1.0, 0.1, 1.0, 9.99, 10.0, 10.01, 1e300, -1e300, 5e-324]))
    if kind == "Button":
        return st.just("click")
    if control is getattr(widget, "folder", None):
        return st.sampled_from(folders)
    return st.one_of(
        st.sampled_from(["", " ", r"$\frac$ 5$", "$5 or $10", "<b>x</b>", "=SUM(A1)", "a" * 300, "æøå 🙂",
                         "1.1.1026", "31.12.9999", "2026-02-31", "5.1.2026", "2026-01-05", "29.2.2028",
                         "Mål: færre ensomme, møde i juni", "a\nb", "\u202e", "Anna, Bo, , Camilla,,",
                         ", ".join(f"person {i}" for i in range(30))]),
        st.text(max_size=60))


def use(control, value) -> None:
    """What a participant does: click a button, or give a control a value."""
    if value == "click" and type(control).__name__ == "Button":
        control.click()
    else:
        control.value = value
