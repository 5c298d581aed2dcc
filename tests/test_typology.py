"""Notebook 01's content and widget: the course's 2×2 typology, the IAP2 spectrum, the answer model."""

from __future__ import annotations

import base64
import html
import re
import warnings

import pytest

from samskabelse import load_course
from samskabelse.sections.protocol import AnswerError
from samskabelse.sections.typology import (
    TypologyAnswer,
    describe,
    involvement_spectrum,
    place_your_project,
    typology_table,
)

LANGS = ("da", "en")



def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


# -- the model -----------------------------------------------------------------------------------
@pytest.mark.parametrize("initiative, activity, expected", [
    ("public", "develop", "public_develop"),
    ("public", "produce", "public_produce"),
    ("civic", "develop", "civic_develop"),
    ("civic", "produce", "civic_produce"),
])
def test_each_pair_of_answers_gives_its_type(course, initiative, activity, expected):
    model = TypologyAnswer()
    model.set_axis("initiative", initiative, "clearly", course)
    model.set_axis("activity", activity, "mostly", course)
    assert model.type_id(course) == expected
    # every type in the course is reachable, and the course's grid agrees
    assert course.typology.type_at(initiative, activity).id == expected


def test_position_says_side_and_strength(course):
    model = TypologyAnswer(initiative="public", initiative_strength="clearly", activity="produce",
                           activity_strength="mostly")
    assert model.position(course, "initiative") == -2
    assert model.position(course, "activity") == 1


def test_set_axis_rejects_unknown_values(course):
    model = TypologyAnswer()
    with pytest.raises(ValueError, match="pole"):
        model.set_axis("initiative", "private", "clearly", course)
    with pytest.raises(ValueError, match="strength"):
        model.set_axis("activity", "develop", "somewhat", course)


def test_to_dict_and_back(course):
    model = TypologyAnswer("civic", "clearly", "produce", "mostly", "Spisefællesskab <3")
    data = model.to_dict()
    assert data == {"initiative": "civic", "initiative_strength": "clearly", "activity": "produce",
                    "activity_strength": "mostly", "project": "Spisefællesskab <3", "answered": []}
    again, notes = TypologyAnswer.from_dict(data, course)
    assert again == model and notes == [] and again.answered == set()  # built, not answered
    model.set_axis("initiative", "civic", "clearly", course)
    model.set_project("Spisefællesskab <3")
    again, notes = TypologyAnswer.from_dict(model.to_dict(), course)
    assert again.answered == {"initiative", "project"} and not again.placed()


def test_from_dict_reports_what_no_longer_matches(course):
    model, notes = TypologyAnswer.from_dict(
        {"initiative": "state", "initiative_strength": "clearly", "activity": "produce",
         "activity_strength": 7, "project": ["not", "text"]}, course)
    assert model.initiative == "public" and model.initiative_strength == "clearly"
    assert model.activity == "produce" and model.activity_strength == "mostly"
    assert model.project == ""
    assert len(notes) == 3
    assert "state" in notes[0] and course.typology.initiative.name in notes[0]


def test_from_dict_of_nothing_gives_the_default(course):
    model, notes = TypologyAnswer.from_dict({}, course)
    assert model == TypologyAnswer() and notes == []


def test_from_dict_that_cannot_be_read_raises(course):
    with pytest.raises(AnswerError, match="typology"):
        TypologyAnswer.from_dict(["public"], course)


def test_describe_names_the_type_and_the_invented_case(course):
    model = TypologyAnswer("civic", "mostly", "develop", "clearly", "")
    text = describe(model, course)
    kind = course.by_id("types", "civic_develop")
    case = next(c for c in course.example_cases if c.type == "civic_develop")
    assert html.escape(kind.name) in text and html.escape(case.name) in text


# -- the widget, driven in Python ------------------------------------------------------------------
def test_widget_follows_the_sliders(course):
    w = place_your_project(course)
    assert w.model.type_id(course) == "public_develop"
    first = bytes(w.live.image.value)
    x0, y0 = w.marker.get_data()
    w.sliders["initiative"].value = ("civic", "clearly")
    assert w.model.initiative == "civic" and w.model.initiative_strength == "clearly"
    assert w.model.type_id(course) == "civic_develop"
    assert course.by_id("types", "civic_develop").name in w.result.value
    x1, _ = w.marker.get_data()
    assert x1[0] > 0 > x0[0], "the star moved to the civic side"
    assert bytes(w.live.image.value) != first
    w.sliders["activity"].value = ("produce", "mostly")
    assert w.model.type_id(course) == "civic_produce"
    assert course.by_id("types", "civic_produce").name in w.result.value
    assert w.cells["civic_produce"].get_hatch() == "//" and not w.cells["civic_develop"].get_hatch()


def test_strength_moves_the_star_within_the_cell(course):
    w = place_your_project(course)
    w.sliders["initiative"].value = ("civic", "mostly")
    (x_mostly,), _ = w.marker.get_data()
    before = bytes(w.live.image.value)
    w.sliders["initiative"].value = ("civic", "clearly")
    (x_clearly,), _ = w.marker.get_data()
    assert 0 < x_mostly < x_clearly
    assert w.model.type_id(course) == "civic_develop"
    assert bytes(w.live.image.value) != before


def test_slider_has_four_stops_from_low_to_high_pole(course):
    w = place_your_project(course)
    for axis in ("initiative", "activity"):
        values = [v for _, v in w.sliders[axis].options]
        ax = getattr(course.typology, axis)
        assert values == [(ax.low.id, "clearly"), (ax.low.id, "mostly"), (ax.high.id, "mostly"),
                          (ax.high.id, "clearly")]


def test_figure_shows_all_types_and_invented_cases(course):
    w = place_your_project(course)
    assert {k for k in w.cell_labels} == {t.id for t in course.typology.types}
    for kind in course.typology.types:
        assert w.cell_labels[kind.id].get_text().replace("\n", " ") == kind.name
    invented = "Opdigtet" if course.language == "da" else "Invented"
    for case in course.example_cases:
        assert case.basis == "invented"
        label = w.case_labels[case.id].get_text().replace("\n", " ")
        assert label == f"{invented}: {case.name}"


def test_widget_has_the_css_classes_the_browser_tests_use(course):
    w = place_your_project(course)
    assert {"samskabelse-widget", "samskabelse-typology"} <= set(w.box._dom_classes)
    assert "samskabelse-figure" in w.live.image._dom_classes
    assert "samskabelse-result" in w.result._dom_classes


@pytest.mark.parametrize("typed, expected_html, expected_label", [
    ("", None, None),
    ("   \n\t ", None, None),
    ("<script>alert('x')</script>", "&lt;script&gt;", None),
    ("Budget $5$ & mere", "Budget $5$ &amp; mere", "Budget $5$ &"),
    ("Ø" * 300, "…", "…"),
    ("Legeplads 🙂 i 东京", "Legeplads 🙂 i 东京", "Legeplads"),
])
def test_project_name_is_escaped_and_shortened(course, typed, expected_html, expected_label):
    w = place_your_project(course)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a "$" must not start matplotlib's maths parser
        w.project.value = typed
    assert "<script>" not in w.result.value
    if expected_html:
        assert expected_html in w.result.value
    label = w.marker_label.get_text()
    if not typed.strip():
        assert label == ("Dit projekt" if course.language == "da" else "Your project")
    assert all(len(line) <= 16 for line in label.split("\n")) and label.count("\n") <= 1
    if expected_label:
        assert expected_label in label


def test_png_keeps_its_size_when_the_star_moves(course):
    w = place_your_project(course)
    size = png_size(bytes(w.live.image.value))
    renders = w.live.renders
    for _, value in w.sliders["initiative"].options:
        w.sliders["initiative"].value = value
    assert png_size(bytes(w.live.image.value)) == size
    assert w.live.renders > renders


def test_widget_starts_from_a_saved_model(course):
    model, _ = TypologyAnswer.from_dict({"initiative": "civic", "initiative_strength": "clearly",
                                         "activity": "produce", "activity_strength": "clearly",
                                         "project": "Saved"}, course)
    w = place_your_project(course, model)
    assert w.sliders["initiative"].value == ("civic", "clearly")
    assert w.sliders["activity"].value == ("produce", "clearly")
    assert w.project.value == "Saved"
    assert "Saved" in w.marker_label.get_text()
    assert course.by_id("types", "civic_produce").name in w.result.value


# -- the static content ----------------------------------------------------------------------------
def test_typology_table_lists_every_type_and_case(course):
    text = str(typology_table(course))
    for kind in course.typology.types:
        assert html.escape(kind.name) in text
    for case in course.example_cases:
        assert html.escape(case.name) in text
    assert ("Kursets arbejdsmodel" if course.language == "da" else "The course&#x27;s working model") in text


def test_spectrum_shows_five_levels_of_decision_power_and_cites_iap2(course):
    """IAP2 measures decision power, not co-production: nothing on the spectrum is called co-creation."""
    text = str(involvement_spectrum(course))
    assert "IAP2" in text and "International Association for Public Participation" in text
    levels = course.involvement.levels
    assert len(levels) == 5
    alt = re.search(r"alt='([^']*)'", text).group(1)
    for level in levels:
        assert level.name in alt
    assert alt.rstrip(".").endswith(", ".join(lv.name for lv in levels if lv.shared_decision))
    assert [lv.id for lv in levels if lv.shared_decision] == ["collaborate", "empower"]
    assert "samskabelse" not in alt.lower() and "co-creation" not in alt.lower()
    assert ("ikke, om borgerne bidrager" if course.language == "da" else "not whether citizens contribute") in text
    png = base64.b64decode(re.search(r"base64,([^']+)'", text).group(1))
    assert png_size(png) == (900, 560)  # no wider than the output area (figures.MAX_WIDTH)


def test_saved_in_danish_and_loaded_in_english_through_the_answers_file(tmp_path):
    from samskabelse.answers import load_answers, save_answers

    da, en = load_course("da"), load_course("en")
    w = place_your_project(da)
    w.sliders["initiative"].value = ("civic", "mostly")
    w.project.value = "Ældre & unge <sammen>"
    save_answers(tmp_path / "anna.json", "Anna", da, {"typology": w.model})
    loaded = load_answers(tmp_path / "anna.json", en)
    assert loaded.notes == []
    assert loaded.models["typology"] == w.model
    assert place_your_project(en, loaded.models["typology"]).model.type_id(en) == "civic_develop"


def test_the_pole_labels_under_each_slider_say_where_it_points(course):
    w = place_your_project(course)
    left, right = w.ends["initiative"]
    low, high = course.typology.initiative.low.name, course.typology.initiative.high.name
    assert f"<b>{html.escape(low)}" in left.value and "<b>" not in right.value
    w.sliders["initiative"].value = ("civic", "clearly")
    assert "<b>" not in left.value and f"<b>{html.escape(high)}" in right.value
    assert ("helt" if course.language == "da" else "clearly") in right.value
