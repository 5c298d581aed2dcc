"""Notebook 04's model and widget: what each leadership direction needs and gets now, the gap, key people, the
compass."""

from __future__ import annotations

import html
import io
import json

import numpy as np
import pytest
from PIL import Image

from samskabelse.base.i18n import join_names
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
from samskabelse.sections.protocol import AnswerError, shown_items
from samskabelse.widgets.answering import NOT_RATED
from samskabelse.widgets.figures import figure_png

LANGS = ("da", "en")
IDS = ["upward", "across", "downward", "outward"]



def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


# -- the model -----------------------------------------------------------------------------------
def test_model_starts_with_every_direction_of_the_course_and_nothing_rated(course):
    m = DirectionsModel.for_course(course)
    assert list(m.attention) == list(m.need) == IDS == [d.id for d in course.directions]
    assert m.stakeholders == {d: [] for d in IDS} and m.answered == set()
    assert all(m.answered_need(d) is None and m.answered_attention(d) is None and m.gap(d) is None for d in IDS)
    assert m.too_little() == [] and m.largest_gap() == [] and m.rated_both() == []


def test_ratings_are_checked_and_can_be_taken_back(course):
    m = DirectionsModel.for_course(course)
    m.set_attention("outward", 0)
    m.set_need("upward", ATTENTION_MAX)
    assert m.answered_attention("outward") == 0 and m.answered_need("upward") == 5
    for bad in (-1, 6, 2.5, True):
        with pytest.raises(ValueError, match="whole number"):
            m.set_attention("across", bad)
        with pytest.raises(ValueError, match="whole number"):
            m.set_need("across", bad)
    with pytest.raises(KeyError, match="sideways"):
        m.set_attention("sideways", 1)
    m.set_attention("outward", NOT_RATED)
    m.set_need("upward", None)
    assert m.answered == set()


def test_the_gap_is_need_minus_now_and_the_largest_comes_first(course):
    m = DirectionsModel.for_course(course)
    for ident, need, now in (("upward", 4, 1), ("across", 2, 4), ("downward", 5, 2), ("outward", 3, None)):
        m.set_need(ident, need)
        if now is not None:
            m.set_attention(ident, now)
    assert [m.gap(d) for d in IDS] == [3, -2, 3, None]
    assert m.too_little() == ["upward", "downward"] and m.largest_gap() == ["upward", "downward"]
    assert m.too_much() == ["across"] and m.rated_both() == ["upward", "across", "downward"]
    m.set_attention("downward", 4)
    assert m.largest_gap() == ["upward"] and m.too_little() == ["upward", "downward"]


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
    m.set_need("across", 4)
    m.set_stakeholders("upward", "Direktionen, <b>Udvalget</b>")
    m.set_stakeholders("downward", "")  # no name is no answer
    data = json.loads(json.dumps(m.to_dict()))  # JSON-safe
    assert data == {"need": {"across": 4}, "attention": {"across": 1},  # what was rated: never the others
                    "stakeholders": {"upward": ["Direktionen", "<b>Udvalget</b>"], "across": [], "downward": [],
                                     "outward": []},
                    "answered": ["attention.across", "need.across", "stakeholders.upward"]}
    back, notes = DirectionsModel.from_dict(data, course)
    assert back == m and notes == [] and back.answered == m.answered and back.gap("across") == 3


def test_from_dict_reports_what_no_longer_fits(course):
    data = {"attention": {"upward": 9, "across": "a lot", "sideways": 2, "downward": 2.0},
            "need": {"outward": -1},
            "stakeholders": {"outward": 42, "sideways": ["Someone"],
                             "upward": [f"n{i}" for i in range(MAX_NAMES + 2)]}}
    m, notes = DirectionsModel.from_dict(data, course)
    assert [m.answered_attention(d) for d in IDS] == [5, None, 2, None]
    assert m.answered_need("outward") == 0
    assert m.stakeholders["outward"] == [] and len(m.stakeholders["upward"]) == MAX_NAMES
    text = "\n".join(notes)
    assert len(notes) == 6, notes
    assert "sideways" in text and "Someone" in text  # reported, not dropped silently
    assert "9" in text and "&#x27;a lot&#x27;" in text  # notes are HTML-safe: quoted file content is escaped
    if course.language == "da":
        assert "findes ikke i kursusfilen" in text and "opad" in text and "ikke vurderet" in text
    else:
        assert "is not in the course file" in text and "upward" in text and "not rated" in text


def test_notes_escape_what_the_file_holds(course):
    data = {"attention": {"<script>x</script>": 1}, "stakeholders": {"upward": "<b>ok</b>"}}
    m, notes = DirectionsModel.from_dict(data, course)
    assert len(notes) == 1 and "<script>" not in notes[0] and "&lt;script&gt;" in notes[0]
    assert m.stakeholders["upward"] == ["<b>ok</b>"]


def test_from_dict_refuses_what_it_cannot_read(course):
    for bad in ([1, 2], "x", {"attention": [1, 2]}, {"need": "x"}, {"stakeholders": "x"}):
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
    assert set(w.sliders) == set(w.need) == set(w.names) == set(IDS)
    assert set(w.controls()) == {f"{m}.{d}" for m in ("need", "attention", "stakeholders") for d in IDS}


def test_compass_points_the_right_way(course):
    w = rate_directions(course)
    titles = w.compass.titles
    assert titles["upward"].xy[1] > 0 and titles["downward"].xy[1] < 0
    assert titles["across"].get_position()[0] < 0 and titles["outward"].get_position()[0] > 0
    for d in course.directions:  # every direction is named on the compass, in the course's language
        assert titles[d.id].get_text() == d.name
    assert w.compass.ax.get_title() == TEXT[course.language]["title"]


def test_before_anyone_acts_nothing_is_said_as_the_participants(course):
    """Issue 20: every direction started at 3/5 and the page said 'Alle retninger får lige meget opmærksomhed'."""
    w = rate_directions(course)
    t = TEXT[course.language]
    assert all(s.value == NOT_RATED for s in [*w.sliders.values(), *w.need.values()])
    assert [v for _, v in w.sliders["upward"].options] == [NOT_RATED, 0, 1, 2, 3, 4, 5]
    assert t["waiting"] in w.result.value
    for word in ("lige meget", "same attention", "tynd", "thin", "/5", "3 af", "3 of"):
        assert word not in w.result.value
    assert all(not bar.get_visible() for bar in w.compass.bars.values())
    assert all(not gap.get_visible() for gap in w.compass.gaps.values())
    assert all(len(line.get_xdata()) == 0 for line in w.compass.needs.values())
    assert all(v.get_text() == t["none_rated"] for v in w.compass.values.values())
    assert w.live.alt.count(t["alt_not_rated"]) == len(IDS)
    assert shown_items(w.model) == set()


def test_two_ratings_update_model_figure_and_summary_in_place(course):
    w = rate_directions(course)
    t = TEXT[course.language]
    fig, renders, before = w.compass.fig, w.live.renders, bytes(w.live.image.value)
    w.need["outward"].value = 4
    assert w.model.answered_need("outward") == 4 and w.model.gap("outward") is None
    assert t["incomplete"].format(where=t["where"]["outward"]) in w.result.value
    w.sliders["outward"].value = 1
    assert w.model.answered_attention("outward") == 1 and w.model.gap("outward") == 3
    bar, gap = w.compass.bars["outward"], w.compass.gaps["outward"]
    assert bar.get_width() == pytest.approx(4.0 / 5) and gap.get_visible() and gap.get_hatch() == "///"
    assert gap.get_width() == pytest.approx(4.0 * 3 / 5)
    assert w.compass.needs["outward"].get_xdata()[0] == pytest.approx(1.25 + 4.0 * 4 / 5)
    assert w.compass.gap_labels["outward"].get_text() == t["gap_low_largest"].format(gap=3)
    assert w.compass.values["outward"].get_text() == t["value"].format(need=4, now=1)
    assert w.compass.fig is fig and w.live.renders == renders + 2
    assert bytes(w.live.image.value) != before
    where = t["where"]["outward"]
    assert t["largest_one"].format(where=where, need=4, now=1, gap=3, max=5) in w.result.value
    for task in course.by_id("directions", "outward").tasks:  # every example task, not the first one only
        assert html.escape(task.text) in w.result.value
    w.need["across"].value = 1
    w.sliders["across"].value = 3
    assert t["high"].format(where=t["high_in"].format(where=t["where"]["across"], gap=2)) in w.result.value
    assert w.compass.gap_labels["across"].get_text() == t["gap_high"].format(gap=2)
    assert not w.compass.gaps["across"].get_visible()
    w.sliders["outward"].value = 4  # no direction falls short now
    assert t["none_low"] in w.result.value and not w.compass.gaps["outward"].get_visible()


def test_a_direction_needing_more_than_another_is_named_with_both(course):
    w = rate_directions(course)
    t = TEXT[course.language]
    for ident, need, now in (("upward", 4, 1), ("downward", 5, 2), ("across", 3, 2)):
        w.need[ident].value, w.sliders[ident].value = need, now
    where = join_names([t["where"]["upward"], t["where"]["downward"]], course.language)
    assert t["largest_tied"].format(gap=3, where=where) in w.result.value
    assert t["also_low"].format(where=t["gap_in"].format(where=t["where"]["across"], gap=1)) in w.result.value


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
    m.set_need("downward", 2)
    m.set_stakeholders("downward", "Projektgruppen")
    w = rate_directions(course, m)
    assert w.sliders["downward"].value == 0 and w.need["downward"].value == 2
    assert w.sliders["upward"].value == NOT_RATED
    assert w.names["downward"].value == "Projektgruppen"
    assert not w.compass.bars["downward"].get_visible()  # nothing to draw at 0; the label says 0
    assert w.compass.values["downward"].get_text() == TEXT[course.language]["value"].format(need=2, now=0)


def test_layered_refresh_draws_what_a_full_draw_would(course):
    w = rate_directions(course)
    w.sliders["across"].value = 1
    w.need["across"].value = 4
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


# -- the same numbers on the screen, the plan (07) and the team view (08) --------------------------------
def test_the_gap_on_the_screen_equals_the_plan_and_the_team_view(tmp_path, course):
    from samskabelse.answers import load_answers, load_team
    from samskabelse.answers.plan import build_plan
    from samskabelse.answers.save_box import save_box
    from samskabelse.answers.team import team_panels, team_tables
    from samskabelse.sections.directions.views import TEXT as VIEWS

    w = rate_directions(course)
    w.need["upward"].value, w.sliders["upward"].value = 4, 1
    w.sliders["across"].value = 2  # half rated: no gap
    w.names["outward"].value = "Boligforeningen"
    box = save_box(course, w, folder=tmp_path)
    box.name.value = "Mette"
    box.save()
    loaded = load_answers(box.result.path, course)
    d = loaded.models["directions"]
    assert [d.gap(x) for x in IDS] == [w.model.gap(x) for x in IDS] == [3, None, None, None]
    assert d.answered == w.model.answered == {"need.upward", "attention.upward", "attention.across",
                                               "stakeholders.outward"}
    v, lang = VIEWS[course.language], course.language
    where = TEXT[lang]["where"]["upward"]
    lines = [x.text for s in build_plan(loaded, course).sections if s.key == "directions" for x in s.lines]
    assert v["largest"].format(where=where, gap=3) in lines
    upward = course.by_id("directions", "upward")
    assert any(x.startswith(f"{upward.name}:") and v["rated_low"].format(gap=3) in x for x in lines)
    assert any(v["rated_none"] in x for x in lines)  # across: the need not rated, said so
    team, _ = load_team(tmp_path, course)
    panel = next(p for p in team_panels(team, course) if p.section == "directions")
    assert panel.values[0] == [3, None, None, None] and (panel.low, panel.high) == (-5, 5)
    table = next(x for x in team_tables(team, course) if x.section == "directions" and x.name != "stakeholders")
    assert table.rows[0][1] == v["cell"].format(need=4, now=1)
    assert table.rows[0][-1] == v["largest_cell"].format(where=where, gap=3)
    n_unanswered = 4 * 3 - 4
    assert f"({n_unanswered})" in box.status.value


def test_a_schema_1_file_keeps_a_direction_left_at_3_not_rated(tmp_path, course):
    """Schema 1 asked the attention now only, on sliders that started at 3; the need was never asked."""
    from samskabelse import answers as A

    def old_file(name, section):
        payload = {"kind": A.KIND, "schema": 1, "name": name, "saved": "2026-01-01T00:00:00+00:00",
                   "language": course.language,
                   "course": {"id": course.id, "file": f"data/{course.language}/course.yaml"},
                   "answers": {"directions": section}}
        (tmp_path / f"{name}.json").write_text(json.dumps(payload), encoding="utf-8")
        return A.load_answers(tmp_path / f"{name}.json", course)

    everything = {"upward": 3, "across": 1, "downward": 3, "outward": 5}
    listed = old_file("listed", {"attention": everything, "stakeholders": {"upward": []},
                                 "answered": ["attention.across", "attention.downward"]})
    d = listed.models["directions"]
    assert [d.answered_attention(x) for x in IDS] == [None, 1, 3, None]  # a 3 the participant set counts
    assert all(d.answered_need(x) is None for x in IDS)
    assert any(TEXT[course.language]["note_migrated"] in n for n in listed.notes)
    legacy = old_file("legacy", {"attention": everything, "stakeholders": {"upward": ["Direktionen"]}})
    d = legacy.models["directions"]
    assert [d.answered_attention(x) for x in IDS] == [None, 1, None, 5]  # a 3 there may be untouched
    assert d.stakeholders["upward"] == ["Direktionen"] and "stakeholders.upward" in d.answered
    note = TEXT[course.language]["note_default"].split("{")[0]
    assert any(note in n for n in legacy.notes)


def test_worksheet_asks_what_the_screen_asks(course):
    from samskabelse.sections.directions.views import DEFINITION

    sheet = DEFINITION.worksheet(course)
    t = TEXT[course.language]
    head = sheet[0]["table"]["head"]
    assert head == [t["col_direction"], t["col_need"], t["col_attention"], t["col_names"]]
    rows = sheet[0]["table"]["rows"]
    assert [r[0]["text"] for r in rows] == [d.name for d in course.directions]
    assert all(r[1]["choices"] == r[2]["choices"] == [str(v) for v in range(6)] for r in rows)
    keys = {i.key for i in DEFINITION.items(course)}
    assert keys == set(rate_directions(course).controls())
