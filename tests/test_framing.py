"""Notebook 05's model and widgets: the frame sheet (fixed or elastic, who decides) and sharing control."""

from __future__ import annotations

import html
import json

import pytest

from samskabelse.sections.framing import (
    TEXT,
    ControlWidget,
    FramingModel,
    chalk_the_pitch,
    is_shared,
    share_control,
)
from samskabelse.sections.protocol import AnswerError

LANGS = ("da", "en")
ELEMENTS = ["budget", "time_frame", "legal", "goals", "target_group", "methods", "roles", "success"]



@pytest.fixture
def pair(course):
    pitch = chalk_the_pitch(course)
    return pitch, share_control(course, pitch)


# -- the model -----------------------------------------------------------------------------------
def test_model_starts_from_the_course_suggestion(course):
    m = FramingModel.for_course(course)
    assert list(m.fixed) == ELEMENTS
    assert m.fixed == {e.id: e.fixed for e in course.framing.frame_elements}
    assert m.decider == {e.id: e.decider for e in course.framing.frame_elements}
    assert m.levels == ("none", "informed", "consulted", "co_decide", "full")
    # fixed frames: the partners are informed; elastic ones decided together: decide with us; else consulted
    assert m.influence == {"budget": "informed", "time_frame": "informed", "legal": "informed", "goals": "informed",
                           "target_group": "consulted", "methods": "co_decide", "roles": "co_decide",
                           "success": "co_decide"}
    assert m.elements_shared() == ["methods", "roles", "success"]
    assert m.tensions() == []


@pytest.mark.parametrize(("levels", "shared"), [(5, [3, 4]), (4, [2, 3]), (3, [2]), (2, [1])])
def test_the_upper_half_of_the_scale_shares_control(levels, shared):
    assert [i for i in range(levels) if is_shared(i, levels)] == shared


def test_setters_check_their_input(course):
    m = FramingModel.for_course(course)
    m.set_fixed("methods", True)
    m.set_decider("methods", "partners")
    m.set_influence("methods", "full")
    assert (m.fixed["methods"], m.decider["methods"], m.influence["methods"]) == (True, "partners", "full")
    with pytest.raises(ValueError, match="True or False"):
        m.set_fixed("methods", "yes")
    with pytest.raises(ValueError, match="no decider"):
        m.set_decider("methods", "the_king")
    with pytest.raises(ValueError, match="no influence level"):
        m.set_influence("methods", "total")
    with pytest.raises(KeyError, match="no frame element"):
        m.set_fixed("weather", True)


def test_tensions_name_fixed_frames_shared_and_elastic_frames_closed(course):
    m = FramingModel.for_course(course)
    m.set_influence("budget", "co_decide")
    m.set_influence("methods", "none")
    m.set_influence("roles", "informed")
    m.set_influence("success", "consulted")  # elastic and consulted: kept, but not a tension
    assert m.tensions() == [("budget", "fixed_shared"), ("methods", "elastic_closed"), ("roles", "elastic_closed")]


def test_round_trip_through_a_dict(course):
    m = FramingModel.for_course(course)
    m.set_fixed("goals", False)
    m.set_decider("goals", "together")
    m.set_influence("legal", "none")
    data = json.loads(json.dumps(m.to_dict()))
    assert data["elements"]["goals"] == {"fixed": False, "decider": "together", "influence": "informed"}
    assert list(data["elements"]) == ELEMENTS
    back, notes = FramingModel.from_dict(data, course)
    assert back == m and notes == []


def test_from_dict_reports_what_no_longer_fits(course):
    data = {"elements": {"weather": {"fixed": True}, "budget": {"fixed": "yes", "decider": "the_king"},
                         "methods": {"influence": "total"}, "roles": "fixed", "goals": {"fixed": False}}}
    m, notes = FramingModel.from_dict(data, course)
    default = FramingModel.for_course(course)
    assert m.fixed["budget"] is True and m.decider["budget"] == default.decider["budget"]
    assert m.influence["methods"] == "co_decide" and m.fixed["goals"] is False
    assert len(notes) == 5, notes
    text = "\n".join(notes)
    for needle in ("weather", "&#x27;yes&#x27;", "the_king", "total", course.by_id("frame_elements", "roles").name):
        assert needle in text  # notes are HTML-safe: quoted file content is escaped
    notes = FramingModel.from_dict({"elements": {"<img src=x>": {}, "legal": {"decider": "<b>"}}}, course)[1]
    assert len(notes) == 2 and "<" not in "".join(notes)


def test_from_dict_refuses_what_it_cannot_read(course):
    for bad in ([1], "x", {"elements": ["budget"]}):
        with pytest.raises(AnswerError):
            FramingModel.from_dict(bad, course)
    m, notes = FramingModel.from_dict({}, course)
    assert m == FramingModel.for_course(course) and notes == []


# -- the frame sheet -------------------------------------------------------------------------------
def test_widgets_have_the_classes_the_browser_tests_look_for(pair):
    for w, own in zip(pair, ("samskabelse-framing-sheet", "samskabelse-framing-control"), strict=True):
        assert {"samskabelse-widget", "samskabelse-framing", own} <= set(w.box._dom_classes)
        assert "samskabelse-figure" in w.live.image._dom_classes
        assert "samskabelse-result" in w.result._dom_classes


def test_both_widgets_share_one_model(pair):
    pitch, control = pair
    assert pitch.model is control.model
    assert control in pitch.peers and pitch in control.peers


def test_sheet_starts_with_every_element_in_its_lane(course, pair):
    pitch, _ = pair
    t = TEXT[course.language]
    for e in course.framing.frame_elements:
        assert e.name in pitch.result.value
        box_x = pitch.pitch.boxes[e.id].get_x()
        assert (box_x < 4) == e.fixed
        decider = course.by_id("deciders", e.decider).name
        assert pitch.pitch.deciders[e.id].get_text() == decider
    assert t["sheet_count"].format(fixed=4, n=8, elastic=4) in pitch.result.value


def test_sliding_an_element_to_elastic_moves_it_and_tells_the_control_widget(course, pair):
    pitch, control = pair
    t = TEXT[course.language]
    sheet_png, control_png = bytes(pitch.live.image.value), bytes(control.live.image.value)
    fig = pitch.pitch.fig
    pitch.sliders["goals"].value = False
    assert pitch.model.fixed["goals"] is False
    assert pitch.pitch.boxes["goals"].get_x() > 4 and pitch.pitch.fig is fig
    assert bytes(pitch.live.image.value) != sheet_png
    assert t["sheet_count"].format(fixed=3, n=8, elastic=5) in pitch.result.value
    # the control widget shows the frame as elastic now, and that the partners are only informed
    assert control.chart.status["goals"].get_text().startswith(t["status_elastic"])
    assert t["tension_mark"] in control.chart.status["goals"].get_text()
    assert bytes(control.live.image.value) != control_png
    name = course.by_id("frame_elements", "goals").name
    level = course.by_id("influence_levels", "informed").name
    assert t["elastic_closed"].format(name=name, level=level) in html.unescape(control.result.value)


def test_choosing_who_decides_updates_sheet_but_not_the_control_figure(course, pair):
    pitch, control = pair
    renders = control.live.renders
    pitch.deciders["methods"].value = "staff"
    assert pitch.model.decider["methods"] == "staff"
    staff = course.by_id("deciders", "staff").name
    assert pitch.pitch.deciders["methods"].get_text() == staff
    assert staff in pitch.result.value
    assert control.live.renders == renders  # who decides is not on the control figure: no redraw


def test_nothing_fixed_or_nothing_elastic_is_said_plainly(course):
    pitch = chalk_the_pitch(course)
    t = TEXT[course.language]
    for slider in pitch.sliders.values():
        slider.value = False
    assert t["sheet_no_fixed"] in pitch.result.value
    for slider in pitch.sliders.values():
        slider.value = True
    assert t["sheet_no_elastic"] in pitch.result.value and t["sheet_no_fixed"] not in pitch.result.value


# -- sharing control -------------------------------------------------------------------------------
def test_an_influence_slider_moves_the_bar_and_the_reflection(course, pair):
    pitch, control = pair
    t = TEXT[course.language]
    bars = dict(zip(ELEMENTS, control.chart.bars, strict=True))
    before = control.result.value
    control.sliders["success"].value = "full"
    assert control.model.influence["success"] == "full"
    assert bars["success"].get_width() == pytest.approx(4.5) and bars["success"].get_hatch() == "//"
    assert bars["budget"].get_hatch() in ("", None)
    name = course.by_id("frame_elements", "success").name
    level = course.by_id("influence_levels", "full").name
    assert t["share_some"].format(name=name, level=level) in html.unescape(control.result.value)
    assert control.result.value != before
    assert level in pitch.result.value  # the frame sheet lists the partners' influence too


def test_the_reflection_carries_the_publications_point(course, pair):
    _, control = pair
    assert TEXT[course.language]["message"] in html.unescape(control.result.value)
    assert ("Fra publikationen" if course.language == "da" else "From the publication") in control.result.value


def test_keeping_or_sharing_everything_gets_its_own_reflection(course, pair):
    _, control = pair
    t = TEXT[course.language]
    for slider in control.sliders.values():
        slider.value = "consulted"
    assert t["keep_all"] in control.result.value
    assert t["count"].format(kept=8, shared=0, n=8) in control.result.value
    for slider in control.sliders.values():
        slider.value = "co_decide"
    assert t["share_all"] in control.result.value
    assert len(control.model.tensions()) == 4  # the four fixed frames are shared


def test_a_model_changed_elsewhere_is_shown_by_sync(course, pair):
    pitch, control = pair
    pitch.model.set_fixed("budget", False)
    pitch.model.set_influence("budget", "full")
    pitch.changed("fixed")
    control.changed("influence")
    assert pitch.sliders["budget"].value is False and control.sliders["budget"].value == "full"
    assert pitch.pitch.boxes["budget"].get_x() > 4
    assert control.chart.bars[0].get_width() == pytest.approx(4.5)


def test_control_alone_and_linking_two_models(course):
    alone = share_control(course)
    assert isinstance(alone, ControlWidget) and alone.peers == []
    alone.sliders["legal"].value = "none"
    assert alone.model.influence["legal"] == "none"
    with pytest.raises(ValueError, match="share one FramingModel"):
        alone.link(chalk_the_pitch(course))
    on_model = share_control(course, alone.model)
    assert on_model.model is alone.model
