"""08's figure, one picture per panel, for the screen, a 1920 x 1080 slide and A4: every text at the size asked
for and inside the picture, names and row labels whole, a legend that explains every marker."""

from __future__ import annotations

import dataclasses
import re

import pytest
from test_team import person, write_team

from samskabelse.answers import load_team
from samskabelse.answers.team import SCREEN, Target, draw_team_figures, team_answers, team_panels
from samskabelse.sections.definition import Panel

LONG_NAMES = ["Anne-Mette Kristensen-Bjørnholm Sørensen", "Ahmed Abdirahman Hussein Mohamud Warsame",
              "Bo", "Camilla", "Dennis", "Emine", "Frederikke Louise Vestergaard-Hansen", "Gustav", "Hanne"]


def _slide():
    from samskabelse.kit.team_export import slide_target

    return slide_target()


def _page():
    from samskabelse.kit.team_export import page_target

    return page_target()


@pytest.fixture(scope="module")
def big_team(tmp_path_factory, da):
    """Nine people, some with long names, and a course whose phase names are as long as the check allows."""
    folder = tmp_path_factory.mktemp("team")
    write_team(folder, da, {name: person(da, quality=i % 6, economy=(i * 2) % 6, upward=i % 6,
                                         weeks=(8 + i, 20, 10)) for i, name in enumerate(LONG_NAMES)})
    long_phase = "Forberedelse og politisk forankring i by"  # 40 characters: phases.name's limit
    phases = [dataclasses.replace(p, name=f"{long_phase[:36]} {p.number}") for p in da.phases]
    course = dataclasses.replace(da, phases=phases)
    team, problems = load_team(folder, course)
    assert not problems and len(team) == 9
    return team, course


def whole(text: str) -> str:
    """A wrapped text as one line (a line broken after a hyphen joins without a space)."""
    return " ".join(re.sub(r"-\n", "-", text).split())


def texts_of(fig):
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    return [(t, t.get_window_extent(renderer)) for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("where", ["screen", "slide", "page"])
def test_every_text_is_at_the_size_asked_for_and_inside_the_picture(big_team, where):
    team, course = big_team
    target = {"screen": SCREEN, "slide": _slide(), "page": _page()}[where]
    figures = draw_team_figures(team, course, target)
    assert figures
    for p in figures:
        fig = p.figure
        fig.canvas.draw()
        width, height = fig.bbox.width, fig.bbox.height
        assert abs(fig.get_figwidth() - target.width) < 0.01
        if target.height is not None:
            assert fig.get_figheight() <= target.height + 0.01, (p.title, fig.get_figheight())
        for text, box in texts_of(fig):
            assert text.get_fontsize() >= target.font - 0.01, (p.title, text.get_text(), text.get_fontsize())
            assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1, \
                (p.title, text.get_text(), box, (width, height))


def test_names_and_row_labels_are_whole_and_the_legend_explains_every_marker(big_team):
    team, course = big_team
    for target in (SCREEN, _slide(), _page()):
        figures = draw_team_figures(team, course, target)
        for p in figures:
            shown = [whole(t.get_text()) for t, _ in texts_of(p.figure)]
            assert not any("…" in s for s in shown), shown  # nothing shortened
            legends = [t.get_text() for lg in p.figure.legends for t in lg.get_texts()]
            if p.panel.kind == "range":
                assert not legends  # one row per person, named on the left
                people = [team[i].label for i in p.panel.values]
                assert [people[r] for r in p.rows] == [s for s in shown if s in people]
                continue
            legend = [whole(x) for x in legends]
            assert legend[:-1] == [team[i].label for i in p.panel.values] and legend[-1] == "Holdets gennemsnit"
            handles = p.figure.legends[0].legend_handles
            assert len(handles) == len(legend)  # a marker for each name, and the mean's line
            for r in p.rows:
                assert " ".join(p.panel.rows[r].split()) in shown, p.panel.rows[r]


def test_a_panel_with_more_rows_than_a_slide_holds_continues_on_the_next(da, tmp_path):
    write_team(tmp_path, da, {"Anna": person(da, quality=4), "Bo": person(da, quality=1)})
    team, _ = load_team(tmp_path, da)
    many = Panel("gains", "Mange punkter", [f"Punkt nummer {i} med et langt navn" for i in range(16)],
                 {0: [i % 6 for i in range(16)], 1: [5 - i % 6 for i in range(16)]}, 0, 5)
    import samskabelse.answers.team as T

    original = T.team_panels
    T.team_panels = lambda _team, _course: [many]
    try:
        slide = _slide()
        parts = draw_team_figures(team, da, slide)
        screen = draw_team_figures(team, da, SCREEN)
    finally:
        T.team_panels = original
    assert len(screen) == 1 and screen[0].rows == list(range(16))  # the notebook scrolls: one picture
    assert len(parts) >= 2 and [r for p in parts for r in p.rows] == list(range(16))
    assert [p.part for p in parts] == list(range(len(parts)))
    assert all(p.figure.get_figheight() <= slide.height + 0.01 for p in parts)
    assert max(len(p.rows) for p in parts) - min(len(p.rows) for p in parts) <= 1  # split evenly


def test_a_choice_panel_shows_the_scale_words_and_no_mean(da, tmp_path):
    """The generic kind a section can use for answers that are choices (the frames: fixed or elastic)."""
    from matplotlib.lines import Line2D

    write_team(tmp_path, da, {"Anna": person(da), "Bo": person(da)})
    team, _ = load_team(tmp_path, da)
    choice = Panel("framing", "Fast eller elastik", ["Budget", "Tidsramme"], {0: [0, 1], 1: [0, None]}, 0, 1,
                   kind="choice", scale=("Ligger fast", "Elastik"))
    import samskabelse.answers.team as T

    original = T.team_panels
    T.team_panels = lambda _team, _course: [choice]
    try:
        (p,) = draw_team_figures(team, da, _slide())
    finally:
        T.team_panels = original
    shown = [t.get_text() for t, _ in texts_of(p.figure)]
    assert "Ligger fast" in shown and "Elastik" in shown
    legend = [t.get_text() for t in p.figure.legends[0].get_texts()]
    assert legend == ["Anna", "Bo"]  # no mean for a choice
    upright = [ln for ln in p.figure.axes[0].get_lines() if isinstance(ln, Line2D) and ln.get_color() == "#000000"]
    assert not upright
    assert "Fast eller elastik" in p.alt and "gennemsnit" not in p.alt


def test_notebook_08_shows_each_panel_under_the_one_before_with_its_heading_and_text(big_team, tmp_path, da):
    team, _ = big_team
    write_team(tmp_path, da, {name: person(da, quality=i % 6) for i, name in enumerate(LONG_NAMES[:4])})
    w = team_answers(da, tmp_path)
    blocks = w.figure_block.children
    panels = team_panels(w.team, da)
    assert len(blocks) == len(w.figures) == len(panels)  # the screen has no height limit: one picture a panel
    for block, p in zip(blocks, w.figures, strict=True):
        heading, image, alt = block.children
        assert heading.value == f"<h3>{p.title}</h3>".replace("&", "&amp;") or p.title in heading.value
        assert bytes(image.value).startswith(b"\x89PNG") and "samskabelse-figure" in image._dom_classes
        assert image.layout.width == f"{round(SCREEN.width * SCREEN.dpi)}px"  # its own size: never shrunk
        assert "samskabelse-figure-block" in block._dom_classes and "samskabelse-alt" in alt.value
        assert all(m.label in alt.value for m in w.team if any(m is w.team[i] for i in p.panel.values))


def test_a_target_is_plain_data():
    t = Target(10.0, 5.0, 20.0, 144.0)
    assert dataclasses.astuple(t) == (10.0, 5.0, 20.0, 144.0)
