"""Notebook 04's model and widget: attention per leadership direction, key stakeholders, the compass."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from samskabelse.sections.directions import (
    ATTENTION_MAX,
    FIGURE_NAME_CHARS,
    MAX_NAME_CHARS,
    MAX_NAMES,
    TEXT,
    DirectionsModel,
    clean_name,
    directions_overview,
    drawable,
    rate_directions,
    split_names,
)
from samskabelse.sections.protocol import AnswerError
from samskabelse.widgets.figures import figure_png

LANGS = ("da", "en")
IDS = ["upward", "across", "downward", "outward"]



def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


# -- the model -----------------------------------------------------------------------------------
def test_model_starts_with_every_direction_of_the_course(course):
    m = DirectionsModel.for_course(course)
    assert list(m.attention) == IDS == [d.id for d in course.directions]
    assert set(m.attention.values()) == {3}
    assert m.stakeholders == {d: [] for d in IDS}
    assert m.thin() == []


def test_attention_is_checked(course):
    m = DirectionsModel.for_course(course)
    m.set_attention("outward", 0)
    m.set_attention("upward", ATTENTION_MAX)
    assert m.attention["outward"] == 0 and m.attention["upward"] == 5
    for bad in (-1, 6, 2.5, True):
        with pytest.raises(ValueError, match="whole number"):
            m.set_attention("across", bad)
    with pytest.raises(KeyError, match="sideways"):
        m.set_attention("sideways", 1)


def test_thin_directions_come_thinnest_first(course):
    m = DirectionsModel.for_course(course)
    for ident, value in zip(IDS, [2, 4, 1, 2], strict=True):
        m.set_attention(ident, value)
    assert m.thin() == ["downward", "upward", "outward"]
    assert m.least() == ["downward"]
    for ident in IDS:
        m.set_attention(ident, 4)
    m.set_attention("across", 3)
    assert m.thin() == [] and m.least() == ["across"]


def test_names_are_split_cleaned_and_deduplicated():
    assert split_names("Borgmesteren, direktionen;  udvalget\nBorgmesteren , ,") == [
        "Borgmesteren", "direktionen", "udvalget"]
    assert split_names("") == [] and split_names(None) == [] and split_names(" , ;\n") == []
    assert split_names(["a", "A", " b "]) == ["a", "b"]
    # control characters, zero-width and bidi-override characters are dropped; whitespace collapsed
    assert clean_name("Ann\u200b\u202e \x00 Berg\t\t") == "Ann Berg"
    long = clean_name("x" * 500)
    assert len(long) == MAX_NAME_CHARS and long.endswith("…")


def test_stakeholders_are_capped_and_the_rest_counted(course):
    m = DirectionsModel.for_course(course)
    left_out = m.set_stakeholders("outward", ",".join(f"Forening {i}" for i in range(MAX_NAMES + 3)))
    assert left_out == 3 and len(m.stakeholders["outward"]) == MAX_NAMES
    assert m.set_stakeholders("outward", "") == 0 and m.stakeholders["outward"] == []


def test_round_trip_through_a_dict(course):
    m = DirectionsModel.for_course(course)
    m.set_attention("across", 1)
    m.set_stakeholders("upward", "Direktionen, <b>Udvalget</b>")
    data = json.loads(json.dumps(m.to_dict()))  # JSON-safe
    assert data == {"attention": {"upward": 3, "across": 1, "downward": 3, "outward": 3},
                    "stakeholders": {"upward": ["Direktionen", "<b>Udvalget</b>"], "across": [], "downward": [],
                                     "outward": []},
                    "answered": ["attention.across", "stakeholders.upward"]}  # what was set: not the defaults
    back, notes = DirectionsModel.from_dict(data, course)
    assert back == m and notes == [] and back.answered == m.answered


def test_from_dict_reports_what_no_longer_fits(course):
    data = {"attention": {"upward": 9, "across": "a lot", "sideways": 2, "downward": 2.0},
            "stakeholders": {"outward": 42, "sideways": ["Someone"],
                             "upward": [f"n{i}" for i in range(MAX_NAMES + 2)]}}
    m, notes = DirectionsModel.from_dict(data, course)
    assert m.attention == {"upward": 5, "across": 3, "downward": 2, "outward": 3}
    assert m.stakeholders["outward"] == [] and len(m.stakeholders["upward"]) == MAX_NAMES
    text = "\n".join(notes)
    assert len(notes) == 5, notes
    assert "sideways" in text and "Someone" in text  # reported, not dropped silently
    assert "9" in text and "&#x27;a lot&#x27;" in text  # notes are HTML-safe: quoted file content is escaped
    if course.language == "da":
        assert "findes ikke i kursusfilen" in text and "opad" in text
    else:
        assert "is not in the course file" in text and "upward" in text


def test_notes_escape_what_the_file_holds(course):
    data = {"attention": {"<script>x</script>": 1}, "stakeholders": {"upward": "<b>ok</b>"}}
    m, notes = DirectionsModel.from_dict(data, course)
    assert len(notes) == 1 and "<script>" not in notes[0] and "&lt;script&gt;" in notes[0]
    assert m.stakeholders["upward"] == ["<b>ok</b>"]


def test_from_dict_refuses_what_it_cannot_read(course):
    for bad in ([1, 2], "x", {"attention": [1, 2]}, {"stakeholders": "x"}):
        with pytest.raises(AnswerError):
            DirectionsModel.from_dict(bad, course)
    m, notes = DirectionsModel.from_dict({}, course)
    assert m == DirectionsModel.for_course(course) and notes == []


# -- the overview ----------------------------------------------------------------------------------
def test_overview_lists_every_direction_and_task_with_its_basis(course):
    html = str(directions_overview(course))
    for d in course.directions:
        assert d.name in html and d.who in html
        for task in d.tasks:
            assert f"samskabelse-basis-{task.basis}" in html
    vouch = course.by_id("directions", "upward").tasks[0]
    assert vouch.id == "vouch" and vouch.basis == "lederweb"
    assert ("Lederweb" in html) and ("arbejdsmodel" in html or "working model" in html)


# -- the widget ------------------------------------------------------------------------------------
def test_widget_has_the_classes_the_browser_tests_look_for(course):
    w = rate_directions(course)
    assert {"samskabelse-widget", "samskabelse-directions"} <= set(w.box._dom_classes)
    assert "samskabelse-figure" in w.live.image._dom_classes
    assert "samskabelse-result" in w.result._dom_classes
    assert set(w.sliders) == set(w.names) == set(IDS)


def test_compass_points_the_right_way(course):
    w = rate_directions(course)
    titles = w.compass.titles
    assert titles["upward"].get_position()[1] > 0 and titles["downward"].get_position()[1] < 0
    assert titles["across"].get_position()[0] < 0 and titles["outward"].get_position()[0] > 0
    for d in course.directions:  # every direction is named on the compass, in the course's language
        assert titles[d.id].get_text().startswith(d.name)
    assert w.compass.ax.get_title() == TEXT[course.language]["title"]


def test_a_slider_updates_model_figure_and_summary_in_place(course):
    w = rate_directions(course)
    fig, renders, before = w.compass.fig, w.live.renders, bytes(w.live.image.value)
    summary_before = w.result.value
    w.sliders["outward"].value = 1
    assert w.model.attention["outward"] == 1
    bar = w.compass.bars["outward"]
    assert bar.get_width() == pytest.approx(4.0 / 5) and bar.get_hatch() == "///"
    assert w.compass.bars["upward"].get_hatch() in ("", None)
    thin_word = {"da": "tynd", "en": "thin"}[course.language]
    assert w.compass.titles["outward"].get_text().endswith(thin_word)
    assert w.compass.fig is fig and w.live.renders == renders + 1
    assert bytes(w.live.image.value) != before
    assert w.result.value != summary_before
    where = TEXT[course.language]["where"]["outward"]
    assert f"{where} (1/5)" in w.result.value
    first_task = course.by_id("directions", "outward").tasks[0].text
    assert first_task in w.result.value


def test_no_thin_direction_names_the_least_attended(course):
    w = rate_directions(course)
    t = TEXT[course.language]
    assert t["thin_equal"].format(value=3, max=ATTENTION_MAX) in w.result.value  # the default: all the same
    w.sliders["across"].value = 3
    for ident in ("upward", "downward", "outward"):
        w.sliders[ident].value = 4
    where = t["where"]["across"]
    assert t["thin_none"].format(where=f"{where} (3/5)") in w.result.value
    for ident in IDS:
        w.sliders[ident].value = 0
    assert t["thin_all"] in w.result.value


def test_typed_names_are_escaped_shortened_and_drawable(course):
    w = rate_directions(course)
    w.names["upward"].value = "<script>alert(1)</script>, $\\frac{1}{0}$, Anna 🙂 Berg, " + "Å" * 200
    assert "<script>" not in w.result.value and "&lt;script&gt;" in w.result.value
    assert w.model.stakeholders["upward"][0] == "<script>alert(1)</script>"  # the model keeps what was typed
    label = w.compass.names["upward"].get_text()
    lines = label.splitlines()
    assert len(lines) == 4 and all(len(line) <= FIGURE_NAME_CHARS + 2 for line in lines)
    assert "🙂" not in label and "Anna ? Berg" in label
    assert "$\\frac{1}{0}$" in label  # drawn as text, not parsed as a formula (which would fail to render)
    png = bytes(w.live.image.value)
    assert png.startswith(b"\x89PNG")
    w.names["upward"].value = "   "
    assert w.model.stakeholders["upward"] == []
    assert w.compass.names["upward"].get_text() == TEXT[course.language]["none_named"]


def test_too_many_names_are_reported_in_the_summary(course):
    w = rate_directions(course)
    w.names["outward"].value = ", ".join(f"Forening {i}" for i in range(12))
    assert TEXT[course.language]["cut"].format(n=MAX_NAMES) in w.result.value
    assert TEXT[course.language]["more"].format(n=MAX_NAMES - 4) in w.compass.names["outward"].get_text()


def test_a_restored_model_is_shown_as_it_was_saved(course):
    m = DirectionsModel.for_course(course)
    m.set_attention("downward", 0)
    m.set_stakeholders("downward", "Projektgruppen")
    w = rate_directions(course, m)
    assert w.sliders["downward"].value == 0 and w.names["downward"].value == "Projektgruppen"
    assert not w.compass.bars["downward"].get_visible()  # nothing to draw at 0; the label says 0/5
    assert "0/5" in w.compass.titles["downward"].get_text()


def test_layered_refresh_draws_what_a_full_draw_would(course):
    w = rate_directions(course)
    w.sliders["across"].value = 1
    w.names["outward"].value = "Boligforeningen, Idrætsforeningen"
    layered = pixels(bytes(w.live.image.value))
    for artist in w.live.animated:
        artist.set_animated(False)
    full = pixels(figure_png(w.compass.fig))
    assert layered.shape == full.shape
    differ = np.abs(layered - full).max(axis=2) > 40
    assert differ.mean() < 0.001, f"{differ.mean():.4%} of the pixels differ"


def test_drawable_keeps_text_the_font_has():
    assert drawable("Æble, øl & å") == "Æble, øl & å"
    assert drawable("a🙂b") == "a?b"
    assert drawable("x" * 50).endswith("…") and len(drawable("x" * 50)) == FIGURE_NAME_CHARS
