"""The shared figure machinery and the try-it widget of notebook 00."""

from __future__ import annotations

import pytest
from matplotlib.layout_engine import ConstrainedLayoutEngine

from samskabelse import load_course, try_a_slider
from samskabelse.widgets.display import course_map, publication_card, user_text
from samskabelse.widgets.figures import PALETTE, LiveFigure, figure_png, new_figure


def test_live_figure_updates_the_same_figure_in_place():
    fig = new_figure(6, 3)
    ax = fig.add_subplot()
    (bar,) = ax.bar([0], [1])
    live = LiveFigure(fig)
    first = bytes(live.image.value)
    bar.set_height(3)
    live.refresh()
    assert live.fig is fig and live.renders == 2
    assert bytes(live.image.value) != first
    assert bytes(live.image.value).startswith(b"\x89PNG")
    assert not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine), "layout frozen after first render"


def test_png_size_matches_figure():
    fig = new_figure(4, 2)
    fig.add_subplot().plot([0, 1])
    png = figure_png(fig)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (400, 200)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_tryout_widget_follows_the_slider(lang):
    course = load_course(lang)
    w = try_a_slider(course)
    before = bytes(w.live.image.value)
    w.slider.value = 5
    assert w.model.value == 5
    assert w.bar.get_width() == 5
    assert "5" in w.said.value
    assert bytes(w.live.image.value) != before
    assert w.bar.get_facecolor()[:3] == pytest.approx(tuple(int(PALETTE["blue"][i:i + 2], 16) / 255 for i in (1, 3, 5)))


def test_tryout_model_rejects_out_of_range():
    from samskabelse.widgets.tryout import TryoutModel

    with pytest.raises(ValueError, match="between 0 and 5"):
        TryoutModel().set(9)


def test_user_text_is_escaped_trimmed_and_shortened():
    assert user_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert user_text("  a \n b ") == "a b"
    assert user_text("", empty="(tom)") == "(tom)"
    assert user_text(None) == ""
    long = user_text("x" * 500, max_chars=50)
    assert len(long) == 50 and long.endswith("…")
    assert user_text('"quoted" & \'single\'') == "&quot;quoted&quot; &amp; &#x27;single&#x27;"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_course_map_lists_every_module_and_the_total(lang):
    course = load_course(lang)
    html = str(course_map(course))
    for m in course.modules:
        assert f"<td>{m.number}</td>" in html
    assert f"<b>{sum(m.minutes for m in course.modules)}</b>" in html
    assert "lederweb.dk" in str(publication_card(course))
