"""The shared accessibility helpers (access.py) and what every widget gets from them: controls named, the
language set, figures described in words and as a table, and sized for the output area."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from samskabelse import access
from samskabelse.figures import MAX_WIDTH, MIN_FONT


def test_named_ties_the_name_to_the_control_and_hides_only_the_label():
    import ipywidgets as widgets

    slider = access.named(widgets.IntSlider(), "Kvalitet: vigtighed", shown=False)
    assert slider.description == "Kvalitet: vigtighed" and not slider.description_allow_html
    assert access.HIDDEN_LABEL in slider._dom_classes
    access.named(slider, "Kvalitet", shown=True)
    assert access.HIDDEN_LABEL not in slider._dom_classes


def test_a_data_table_escapes_what_it_shows():
    html = access.data_table(["Navn", "Værdi"], [["<script>", 3]], caption="A & B")
    assert "<script>" not in html and "&lt;script&gt;" in html and "A &amp; B" in html
    assert html.count("<th scope='col'>") == 2 and "<th scope='row'>&lt;script&gt;</th>" in html
    assert access.alt_html("a  <b>\n c") == "<p class='samskabelse-alt' hidden>a &lt;b&gt; c</p>"


def test_the_page_script_is_valid_javascript_and_carries_the_styles():
    script = access.page_script()
    assert json.dumps(access.STYLE) in script and "__STYLE__" not in script
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the browser tests run the script in Chromium")
    result = subprocess.run([node, "--check", "-"], input=script, text=True, capture_output=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_every_widget_names_its_controls_and_says_its_language(course, tmp_path):
    import ipywidgets as widgets
    from every_widget import build_every_widget
    from ipywidgets.widgets.widget_description import DescriptionWidget

    def controls(widget):
        if isinstance(widget, widgets.Box):
            for child in widget.children:
                yield from controls(child)
        elif isinstance(widget, (DescriptionWidget, widgets.Button)):
            yield widget

    for name, w in build_every_widget(course, tmp_path).items():
        assert access.lang_class(course.language) in w.box._dom_classes, name
        for control in controls(w.box):
            if isinstance(control, widgets.Button):
                assert control.description.strip() or control.tooltip, f"{name}: a button without a name"
            elif isinstance(control, (widgets.HTML, widgets.HTMLMath, widgets.Label)):
                continue
            else:
                assert control.description.strip(), f"{name}: a {type(control).__name__} without a name"


def test_every_live_figure_is_described_and_fits_the_output_area(course, tmp_path):
    from every_widget import build_every_widget

    for name, w in build_every_widget(course, tmp_path).items():
        live = getattr(w, "live", None)
        if live is None:
            continue
        if name == "team":  # drawn anew for each team loaded; the widget keeps one image and its description
            assert "samskabelse-alt" in w.figure_text.value and w.team[0].name in w.figure_text.value
            live.alt = "-" * 21
        assert len(live.alt) > 20 and "samskabelse-alt" in live.text.value, f"{name}: {live.alt!r}"
        if name not in ("plan", "team"):
            assert live.table is not None and live.table[1], f"{name}: no table of the figure's numbers"
        width = live.fig.get_figwidth()
        assert width <= MAX_WIDTH + 1e-9, f"{name}: {width} inches wide would be shrunk in the output area"
        fonts = [t.get_fontsize() for t in live.fig.findobj(lambda a: hasattr(a, "get_fontsize"))
                 if getattr(t, "get_text", lambda: "")().strip()]
        assert fonts and min(fonts) >= MIN_FONT, f"{name}: text at {min(fonts)} pt"


def test_the_table_follows_the_figure(da):
    from samskabelse import weigh_gains

    gains = weigh_gains(da)
    gains.live.show_table.value = True
    assert "<table" in gains.live.text.value
    gains.importance[da.gains[0].id].value = 4
    assert re.search(rf"{da.gains[0].name}</th><td>4</td>", gains.live.text.value)
    assert f"{da.gains[0].name}: vigtighed 4" in gains.live.alt
    gains.live.show_table.value = False
    assert "<table" not in gains.live.text.value
