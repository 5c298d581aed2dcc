"""Figures that never collide: the labels the timeline figure draws overlap no other label and no line, and stay
inside the figure – for the course's default plan, and for a plan with many milestones and deadlines with long
names close together. Measured on the drawn figure: each label's glyphs' bounding box in pixels."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest

from samskabelse.course import Deadline, Milestone
from samskabelse.sections.timeline import TimelinePlan, forecast, plan_timeline

START = date(2026, 1, 5)


def crowded(course):
    """Three milestones in every phase, four deadlines (two pairs a week apart), every name long."""
    long = {"da": "Godkendelse i direktionen og forelæggelse for udvalget", "en":
            "Approval by the executive board and presentation to the committee"}[course.language]
    milestones = tuple(Milestone(f"m{p.id}{at}", f"{p.number}{at[0].upper()} {long}", p.id, at)
                       for p in course.phases for at in ("start", "middle", "end"))
    deadlines = tuple(Deadline(f"d{i}", f"{i} {long}", weeks, phase)
                      for i, (weeks, phase) in enumerate([(30, course.phases[1].id), (31, ""), (44, ""), (45, "")]))
    return replace(course, timeline=replace(course.timeline, milestones=milestones, deadlines=deadlines))


def drawn(course, plan):
    """The widget's figure as the participant sees it, in pixels: {label: (glyphs' box, has a white box)}, the
    vertical lines (x, the axes' box) and the markers (x, y)."""
    widget = plan_timeline(course, plan)
    figure = widget.figure
    with widget.live.complete() as fig:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        labels = [*figure.bar_labels, *figure.q_labels, *figure.milestone_labels, *figure.curve_numbers,
                  *(label for _, label in figure.curve_deadlines)]
        boxes = {f"{i}: {label.text!r}": (label.glyphs.get_window_extent(renderer), label.box is not None)
                 for i, label in enumerate(labels) if label.text and label.glyphs.get_visible()}
        lines = []
        for artist in [*(line for pair in figure.deadline_lines for line in pair), *figure.plan_lines]:
            (px, _), = artist.axes.transData.transform([(artist.get_xdata()[0], 0)])
            lines.append((px, artist.axes.bbox))
        markers = []
        for artist in [*figure.q_marks, figure.milestone_marks, *figure.curve_q,
                       *(mark for mark, _ in figure.curve_deadlines)]:
            xs, ys = artist.get_data()
            markers += [tuple(p) for p in artist.axes.transData.transform(list(zip(xs, ys, strict=True)))]
        width, height = fig.canvas.get_width_height()
    return boxes, lines, markers, (width, height), widget


def overlapping(boxes) -> list[tuple[str, str]]:
    return [(a, b) for (a, (ba, _)), (b, (bb, _)) in itertools.combinations(boxes.items(), 2)
            if ba.x0 < bb.x1 and bb.x0 < ba.x1 and ba.y0 < bb.y1 and bb.y0 < ba.y1]


def struck_through(boxes, lines) -> list[tuple[str, float]]:
    """Labels a line crosses that have no white box to hide the line behind them."""
    return [(name, x) for name, (box, boxed) in boxes.items() for x, area in lines
            if box.x0 < x < box.x1 and box.y0 < area.y1 and area.y0 < box.y1 and not boxed]


def covered(boxes, markers, radius: float = 4.0) -> list[tuple[str, tuple]]:
    return [(name, (round(x), round(y))) for name, (box, _) in boxes.items() for x, y in markers
            if box.x0 - radius < x < box.x1 + radius and box.y0 - radius < y < box.y1 + radius]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("kind", ["default", "crowded"])
def test_timeline_labels_overlap_nothing(courses_by_lang, lang, kind):
    course = courses_by_lang[lang] if kind == "default" else crowded(courses_by_lang[lang])
    plan = TimelinePlan.from_course(course, START)
    plan.project = {"default": "", "crowded": "Sundhedshuset i den gamle kaserne, fase 2 – med borgerpanelet"}[kind]
    boxes, lines, markers, (width, height), _ = drawn(course, plan)
    assert len(boxes) >= 9, sorted(boxes)
    assert not overlapping(boxes), f"labels overlap: {overlapping(boxes)}"
    assert not covered(boxes, markers), f"labels cover markers: {covered(boxes, markers)}"
    assert not struck_through(boxes, lines), f"a line strikes through a label: {struck_through(boxes, lines)}"
    outside = [n for n, (b, _) in boxes.items() if b.x0 < 0 or b.y0 < 0 or b.x1 > width or b.y1 > height]
    assert not outside, f"labels cut off at the figure's edge: {outside}"


@pytest.mark.parametrize("weeks", [(2, 40, 2), (20, 6, 30), (12, 12, 12), (30, 30, 30)])
def test_timeline_labels_stay_apart_when_the_plan_changes(courses_by_lang, weeks):
    course = courses_by_lang["da"]
    plan = TimelinePlan.from_course(course, START)
    widget = plan_timeline(course, plan)
    for slider, value in zip(widget.weeks.values(), weeks, strict=True):
        slider.value = value
    boxes, lines, markers, _, _ = drawn(course, widget.model)
    assert not overlapping(boxes), f"{weeks}: labels overlap: {overlapping(boxes)}"
    assert not covered(boxes, markers), f"{weeks}: labels cover markers: {covered(boxes, markers)}"
    assert not struck_through(boxes, lines), f"{weeks}: a line strikes through a label"


def test_a_shortened_label_is_still_told_in_full(courses_by_lang):
    """Where a name must be shortened on the figure, the text alternative and the table have it in full."""
    course = crowded(courses_by_lang["en"])
    plan = TimelinePlan.from_course(course, START)
    boxes, _, _, _, widget = drawn(course, plan)
    assert any("…" in name for name in boxes), "the crowded plan needs no shortening: make it more crowded"
    for m in course.timeline.milestones:
        assert m.name in widget.live.alt
    assert forecast(plan, "en").plan.milestones == course.timeline.milestones


@pytest.fixture(scope="module")
def courses_by_lang():
    from samskabelse import load_course

    return {lang: load_course(lang) for lang in ("da", "en")}


def test_every_widget_shows_its_figure_as_it_stands_from_the_start(tmp_path):
    """The first image a widget shows is its figure drawn afresh from its values (05's control figure showed every
    bar at 'Ingen' and no frame column until the first slider moved: its values were set after the first render;
    seen failing first)."""
    import numpy as np
    from every_widget import build_every_widget
    from PIL import Image

    from samskabelse import load_course
    from samskabelse.widgets.figures import BlitLiveFigure

    def pixels(png: bytes):
        import io

        with Image.open(io.BytesIO(png)) as image:
            return np.asarray(image.convert("RGB"), dtype=np.int16)

    stale = []
    for name, w in build_every_widget(load_course("da"), tmp_path).items():
        live = getattr(w, "live", None)
        if live is None or name == "team":
            continue
        shown = bytes(live.image.value)
        if isinstance(live, BlitLiveFigure):
            live.invalidate()
        live.refresh()
        before, fresh = pixels(shown), pixels(bytes(live.image.value))
        if before.shape != fresh.shape or (np.abs(before - fresh) > 40).any(axis=2).mean() > 0.001:
            stale.append(name)
    assert not stale, f"these widgets first show a figure that does not match their values: {stale}"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_typology_figure_keeps_each_invented_case_inside_its_cell(courses_by_lang, lang):
    """01's figure: the label of each invented training case stays inside its own cell (no label crosses the divider
    into the next type, where it would sit on that cell's case), also the longest name."""
    from samskabelse import place_your_project

    course = courses_by_lang[lang]
    widget = place_your_project(course)
    fig = widget.live.fig
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    crossing = []
    for case in course.example_cases:
        label = widget.case_labels[case.id]
        cell = widget.cells[case.type].get_window_extent(renderer)
        box = label.get_window_extent(renderer)
        if box.x1 > cell.x1 - 2 or box.x0 < cell.x0 or box.y0 < cell.y0 or box.y1 > cell.y1:
            crossing.append((label.get_text(), [round(v) for v in box.extents], [round(v) for v in cell.extents]))
    assert not crossing, f"labels outside their cell (label box, cell box in pixels): {crossing}"
