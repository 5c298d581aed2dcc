"""Notebook 02 under issue 20's rule: what the participant saw is what they answered (sections/protocol.py).

A rating starts "– ikke vurderet –" and shows no value until set; own gains and the motivation are answered while
they hold text; saving confirms what the widgets showed and names what is still unanswered; the figure, its text
alternative and table, the result texts and the team comparison show a rating not given as not rated, never 0; a
file saved under schema 1 is read as that version showed it; and the plan (07) and the team view (08) give the
numbers the widget showed when the participant saved.
"""

from __future__ import annotations

import json

import pytest

from samskabelse import answers as A
from samskabelse.answers.save_box import save_box
from samskabelse.sections import section
from samskabelse.sections.definition import NOT_ANSWERED, Person
from samskabelse.sections.gains import GainsModel, OwnGain, weigh_demands, weigh_gains
from samskabelse.sections.protocol import items_on_screen, shown_items
from samskabelse.widgets.answering import NOT_RATED, not_rated

GAINS = section("gains")


def word(lang: str) -> str:
    return not_rated(lang).strip("– ")


def test_every_rating_starts_not_rated_and_shows_no_value(course):
    gains = weigh_gains(course)
    demands = weigh_demands(gains)
    sliders = [*gains.importance.values(), *gains.likelihood.values(), *gains.own_importance,
               *gains.own_likelihood, *demands.sliders.values()]
    assert sliders and all(s.value == NOT_RATED for s in sliders)
    assert all(s.options[0] == (not_rated(course.language), NOT_RATED) for s in sliders)
    assert [label for label, _ in sliders[0].options[1:]] == [str(v) for v in range(6)]
    assert shown_items(gains.model) == set(), "nothing on screen shows a value yet"
    # every item the section asks has its control on screen; only ratings are marked as such
    asked = {i.key for i in GAINS.items(course)}
    assert items_on_screen(gains.model) == asked
    ratings = {i.key for i in GAINS.items(course) if i.rating}
    assert ratings == {k for k in asked if k.startswith(("gains.", "demands."))}


def test_a_rating_set_back_to_not_rated_is_taken_back(course):
    gains = weigh_gains(course)
    demands = weigh_demands(gains)
    gains.importance["quality"].value = 4
    demands.sliders["time"].value = 0  # a deliberate 0 is an answer
    assert gains.model.rating("quality", "importance") == 4 and gains.model.demand("time") == 0
    gains.importance["quality"].value = NOT_RATED
    demands.sliders["time"].value = NOT_RATED
    assert gains.model.answered == set()
    assert gains.model.rating("quality", "importance") is None and gains.model.gains["quality"].importance == 0
    assert gains.model.demand("time") is None


def test_own_gains_and_the_motivation_are_answered_while_they_hold_text(da):
    gains = weigh_gains(da)
    gains.own_words.value = "Fordi borgerne ved noget, vi ikke ved."
    assert "motivation" in gains.model.answered
    gains.own_words.value = "   "
    assert "motivation" not in gains.model.answered
    gains.own_names[0].value = "Læring"
    assert "own" in gains.model.answered and gains.model.own == [OwnGain("Læring")]
    assert gains.model.own[0].importance is None, "a named own gain is not rated until its sliders are set"
    gains.own_names[0].value = ""
    assert "own" not in gains.model.answered


def test_the_figure_its_text_and_table_show_a_rating_not_given_as_not_rated(course):
    lang = course.language
    gains = weigh_gains(course)
    whole, first, second = gains.unrated_labels[0]
    assert whole.get_visible() and not first.get_visible() and not second.get_visible()
    gains.importance["quality"].value = 3  # likelihood not given
    whole, first, second = gains.unrated_labels[0]
    assert not whole.get_visible() and not first.get_visible() and second.get_visible()
    name = course.gains[0].name
    alt = gains.live.alt
    assert f"{name}: " in alt and word(lang) in alt.split(f"{name}: ")[1].split(";")[0]
    row = next(r for r in gains.live.table[1] if r[0] == name)
    assert row[1:3] == ["3", word(lang)]
    untouched = next(r for r in gains.live.table[1] if r[0] == course.gains[1].name)
    assert untouched[1:3] == [word(lang), word(lang)], "never 0 for a rating not given"
    demands = weigh_demands(gains)
    table = demands.live.table[1]
    assert all(r[3] == word(lang) for r in table if r[0] in {d.name for d in course.demands})
    assert next(r for r in table if r[0] == course.gains[1].name)[1:3] == [word(lang), word(lang)]


def test_the_team_comparison_and_08_show_a_rating_not_given_as_not_answered(da, tmp_path):
    from samskabelse.answers.compare import compare_team

    model = GainsModel.for_course(da)
    model.rate("quality", importance=5)
    model.set_own([("Læring", 4, None)], da)
    team = compare_team(da, tmp_path, me=model)
    team.load()
    me = next(m for m in team.members if m.me)
    assert me.value("quality", "importance") == 5 and me.value("quality", "likelihood") is None
    assert me.value("innovation", "importance") is None
    tables = {t.name or t.section: t for t in GAINS.tables([Person("Mette", model)], da)}
    assert tables["own"].rows == [["Mette", "Læring", "4", NOT_ANSWERED]]
    assert tables["gains"].rows[0][1:3] == ["5 · –", NOT_ANSWERED]  # importance given, likelihood not
    assert all(cell is NOT_ANSWERED for cell in tables["demands"].rows[0][1:])


def test_saving_names_what_is_unanswered_and_saves_only_what_was_given(da, tmp_path):
    gains = weigh_gains(da)
    demands = weigh_demands(gains)
    gains.importance["quality"].value, gains.likelihood["quality"].value = 5, 5
    demands.sliders["time"].value = 3
    box = save_box(da, gains, folder=tmp_path)
    box.name.value = "Mette"
    box.save()
    status = box.status.value
    assert "Ikke besvaret endnu i denne notebook" in status
    assert "Innovation: vigtighed" in status and "Kvalitet: vigtighed" not in status
    saved = json.loads(box.result.path.read_text(encoding="utf-8"))["answers"]["gains"]
    assert saved["answered"] == ["demands.time", "gains.quality.importance", "gains.quality.likelihood"]
    loaded = A.load_answers(box.result.path, da).models["gains"]
    assert loaded.rating("innovation", "importance") is None and loaded.demand("resources") is None


def schema1(course, gains: dict) -> dict:
    return {"kind": A.KIND, "schema": 1, "name": "Gammel", "saved": "2026-01-01T00:00:00+00:00", "language": "da",
            "course": {"id": course.id, "file": "data/da/course.yaml"}, "answers": {"gains": gains}}


def test_a_schema_1_file_is_read_as_that_version_showed_it(da, tmp_path):
    """A gain left at 0/0 and demands all 0 stay not answered; a gain rated once had its other slider drawn and
    used at its value, which now counts (with a note); an own gain at 0/0 was shown as not weighed."""
    gains = {"gains": {"quality": {"importance": 0, "likelihood": 0}, "economy": {"importance": 4, "likelihood": 0},
                       "democracy": {"importance": 3, "likelihood": 2}},
             "own": [{"name": "Læring", "importance": 0, "likelihood": 0},
                     {"name": "Tillid", "importance": 3, "likelihood": 0}],
             "demands": {"time": 0, "resources": 0, "control": 0, "readiness": 0},
             "motivation": "Vi vil lære af borgerne.",
             "answered": ["gains.economy.importance", "gains.democracy.importance", "gains.democracy.likelihood",
                          "own"]}
    path = tmp_path / "gammel.json"
    path.write_text(json.dumps(schema1(da, gains)), encoding="utf-8")
    loaded = A.load_answers(path, da)
    g = loaded.models["gains"]
    assert g.rating("quality", "importance") is None and g.rating("quality", "likelihood") is None
    assert g.rating("economy", "importance") == 4 and g.rating("economy", "likelihood") == 0
    assert all(g.demand(d.id) is None for d in da.demands)
    assert g.own == [OwnGain("Læring", None, None), OwnGain("Tillid", 3, 0)]
    assert {"own", "motivation"} <= g.answered
    notes = " ".join(loaded.notes)
    assert "Økonomi (sandsynlighed 0)" in notes and "Demokrati" not in notes
    # the same without the list of answered keys (the oldest files): the same reading
    del gains["answered"]
    path.write_text(json.dumps(schema1(da, gains)), encoding="utf-8")
    again = A.load_answers(path, da).models["gains"]
    assert again.answered == g.answered and again.own == g.own


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_schema_2_own_gain_keeps_a_rating_not_given(lang, tmp_path, request):
    course = request.getfixturevalue(lang)
    model = GainsModel.for_course(course)
    model.set_own([("X", None, 0)], course)
    data = json.loads(json.dumps(model.to_dict()))
    assert data["own"] == [{"name": "X", "importance": None, "likelihood": 0}]
    again, notes = GainsModel.from_dict(data, course)
    assert again.own == [OwnGain("X", None, 0)] and notes == [] and again.answered == {"own"}


def test_the_plan_and_the_team_give_what_02_showed_when_saved(course, tmp_path, monkeypatch):
    """Some controls set, others left as shown: after saving, the plan's lines (07) are the lines 02's reading
    showed, and 08's tables give each rating as its slider showed it (not rated: not answered)."""
    import html

    from samskabelse.answers.plan import build_plan
    from samskabelse.answers.team import team_tables
    from samskabelse.sections.gains import reading_lines

    monkeypatch.setenv("SAMSKABELSE_CONFIG_DIR", str(tmp_path / "config"))
    gains = weigh_gains(course)
    demands = weigh_demands(gains)
    gains.importance["quality"].value, gains.likelihood["quality"].value = 5, 4
    gains.importance["economy"].value = 4  # its likelihood left "– ikke vurderet –"
    gains.own_names[0].value = "Tillid"
    gains.own_importance[0].value = 3
    demands.sliders["time"].value, demands.sliders["control"].value = 4, 2
    box = save_box(course, gains, folder=tmp_path / "answers")
    box.name.value = "Mette"
    box.save()
    shown = html.unescape(demands.result.value)  # what 02 showed when the participant saved
    loaded = A.load_answers(box.result.path, course)
    lines = reading_lines(loaded.models["gains"], course)
    assert lines == reading_lines(gains.model, course) and len(lines) == 2  # what carries; the demands
    assert all(line in shown for line in lines)
    plan = next(s for s in build_plan(loaded, course).sections if s.key == "gains")
    printed = " ".join(line.text for line in plan.lines)
    assert all(line in printed for line in lines)  # the same sentences (two to a line on paper)
    tables = {t.name or t.section: t for t in team_tables([loaded], course) if t.section == "gains"}
    shown = [(gains.importance[g.id].value, gains.likelihood[g.id].value) for g in course.gains]
    assert tables["gains"].rows[0][1:] == [  # both sliders as the page showed them: "5 · 4", "5 · –"
        NOT_ANSWERED if (i, k) == (NOT_RATED, NOT_RATED)
        else " · ".join("–" if v == NOT_RATED else str(v) for v in (i, k)) for i, k in shown]
    assert tables["demands"].rows[0][1:] == [NOT_ANSWERED if s.value == NOT_RATED else str(s.value)
                                             for s in demands.sliders.values()]
    assert tables["own"].rows == [["Mette", "Tillid", "3", NOT_ANSWERED]]
