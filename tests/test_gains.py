"""Notebook 02: the gains model, what it adds up to, the weighing widget and the demands view."""

from __future__ import annotations

import html
import re

import pytest

from samskabelse.course import CourseError, default_course_path, read_course
from samskabelse.sections.gains import (
    OWN_NAME_MAX,
    GainsModel,
    OwnGain,
    Weighing,
    alternatives_for,
    carrying_gains,
    clean_own_gains,
    demand_source,
    demands_reading,
    doubtful_gains,
    figure_text,
    format_number,
    gains_overview,
    join_names,
    leading_gains,
    lighter_forms,
    motivation_statement,
    read_balance,
    reading_lines,
    strongest_gain,
    weigh_demands,
    weigh_gains,
)
from samskabelse.sections.protocol import AnswerError, forget_on_screen
from samskabelse.widgets.answering import NOT_RATED

LANGS = ("da", "en")


@pytest.fixture(autouse=True)
def _no_typology_on_screen():
    """Each test starts as a notebook of its own: no other section's widget on screen (the alternatives follow the
    typology shown in the same kernel)."""
    forget_on_screen()
    yield
    forget_on_screen()





def weighed(course, ratings: dict, demands: dict | None = None, own: list | None = None) -> GainsModel:
    model = GainsModel.for_course(course)
    for gid, (imp, lik) in ratings.items():
        model.rate(gid, importance=imp, likelihood=lik)
    for did, v in (demands or {}).items():
        model.set_demand(did, v)
    if own:
        model.set_own(own, course)
    return model


# ---------------------------------------------------------------------------------------------
# The model and its saved form
def test_a_new_model_has_every_gain_and_demand_at_zero(course):
    model = GainsModel.for_course(course)
    assert list(model.gains) == [g.id for g in course.gains]
    assert all(w == Weighing(0, 0) for w in model.gains.values())
    assert model.demands == {d.id: 0 for d in course.demands} and model.own == []
    assert GainsModel.SECTION == "gains"


def test_round_trip_through_a_dict(course):
    model = weighed(course, {"quality": (5, 4), "democracy": (2, 1)}, {"time": 4, "control": 5},
                    [("Læring", 4, 3), ("", 0, 0), ("Arbejdsglæde", 2, 5)])
    data = model.to_dict()
    assert data["gains"]["quality"] == {"importance": 5, "likelihood": 4}
    assert data["own"] == [{"name": "Læring", "importance": 4, "likelihood": 3},
                           {"name": "Arbejdsglæde", "importance": 2, "likelihood": 5}]
    back, notes = GainsModel.from_dict(data, course)
    assert back == model and notes == []


def test_answers_saved_in_danish_read_in_english_by_id(da, en):
    model = weighed(da, {"co_ownership": (4, 4)}, {"readiness": 3}, [("Mindre ensomhed", 5, 3)])
    back, notes = GainsModel.from_dict(model.to_dict(), en)
    assert notes == []
    assert back.gains["co_ownership"] == Weighing(4, 4) and back.demands["readiness"] == 3
    assert back.own == [OwnGain("Mindre ensomhed", 5, 3)]


def test_data_that_cannot_be_read_at_all_raises(da):
    with pytest.raises(AnswerError):
        GainsModel.from_dict(["not", "a", "mapping"], da)


def test_unknown_ids_and_odd_values_become_notes_never_a_crash(da):
    data = {
        "gains": {
            "quality": {"importance": 7, "likelihood": -2},  # out of range: clamped
            "innovation": {"importance": "høj", "likelihood": True},  # not numbers: 0
            "economy": {"importance": 3.5, "likelihood": None},  # not whole: rounded; None: 0
            "democracy": "5",  # not a mapping
            "<script>alert(1)</script>": {"importance": 5, "likelihood": 5},  # unknown id
        },
        "demands": {"time": 9, "weather": 3},
        "colour": "blue",
    }
    model, notes = GainsModel.from_dict(data, da)
    assert model.gains["quality"] == Weighing(5, 0)
    assert model.gains["innovation"] == Weighing(0, 0)
    assert model.gains["economy"] == Weighing(4, 0)
    assert model.gains["democracy"] == Weighing(0, 0)
    assert "<script>alert(1)</script>" not in model.gains
    assert model.demands["time"] == 5 and "weather" not in model.demands
    text = "\n".join(notes)
    for needle in ("7", "-2", "høj", "3.5", "democracy", "weather", "colour", "&lt;script&gt;",
                   "mellem 0 og 5"):
        assert needle in text, f"no note mentions {needle!r}:\n{text}"
    assert "<script>" not in text, "notes are HTML-safe"
    # gains the course has but the file lacks are reported (the file weighed others)
    assert any("Medejerskab" in n for n in notes) and any("Fællesskab" in n for n in notes)


def test_sections_of_the_wrong_type_are_skipped_with_a_note(en):
    model, notes = GainsModel.from_dict({"gains": [1, 2], "own": "Learning", "demands": 3}, en)
    assert model == GainsModel.for_course(en)
    assert len(notes) == 3 and all("skipped" in n for n in notes)


def test_own_gain_names_empty_duplicated_long_or_too_many(da):
    long_name = "En meget lang gevinst " * 5
    rows = [("  ", 3, 2),  # values but no name: a message
            ("", None, None),  # an untouched row ("– ikke vurderet –"): nothing to say
            ("kvalitet", 4, 4),  # already a course gain (case ignored)
            ("Læring", 4, 3),
            ("  læring  ", 2, 2),  # the same own gain twice
            (long_name, 3, 3),
            ("Arbejdsglæde", 3, 3),
            ("Stolthed", 2, 2)]  # one more than the course allows (3)
    own, messages = clean_own_gains(rows, da)
    assert [o.name for o in own] == ["Læring", long_name.strip()[: OWN_NAME_MAX - 1].rstrip() + "…", "Arbejdsglæde"]
    assert all(len(o.name) <= OWN_NAME_MAX for o in own)
    text = "\n".join(messages)
    assert "Egen gevinst 1 har værdier, men intet navn" in text
    assert "»kvalitet« står allerede på listen" in text and "»læring« står allerede" in text
    assert "forkortet" in text and "Stolthed" in text
    assert len(messages) == 5


def test_own_gains_from_a_file_are_checked_the_same_way(en):
    data = {"own": [{"name": "", "importance": 4, "likelihood": 4}, {"name": "Quality", "importance": 1},
                    {"name": "Trust", "importance": 9, "likelihood": 2}, "Learning"]}
    model, notes = GainsModel.from_dict(data, en)
    assert model.own == [OwnGain("Trust", 5, 2)]
    text = "\n".join(notes)
    assert "no name" in text and "already on the list" in text and "between 0 and 5" in text and "own[3]" in text


def test_the_model_refuses_values_out_of_range(da):
    model = GainsModel.for_course(da)
    for bad in (6, -1, 2.5, "3", True):
        with pytest.raises(ValueError):
            model.rate("quality", importance=bad)
        with pytest.raises(ValueError):
            model.set_demand("time", bad)
    with pytest.raises(KeyError):
        model.rate("happiness", importance=3)
    with pytest.raises(KeyError):
        model.set_demand("weather", 3)
    assert model == GainsModel.for_course(da), "a refused value changes nothing"


# ---------------------------------------------------------------------------------------------
# What the answers add up to
def test_leading_gains_are_important_and_likely_largest_first(da):
    model = weighed(da, {"quality": (4, 4), "innovation": (3, 3), "economy": (5, 1), "democracy": (5, 4),
                         "co_ownership": (2, 5), "community": (4, 4)}, own=[("Læring", 5, 5)])
    assert [r.name for r in leading_gains(model, da)] == ["Læring", "Demokrati", "Kvalitet"]
    assert [r.key for r in doubtful_gains(model, da)] == ["economy"]
    # 4 and 4 or more on both scales: these can carry the project on their own, the strongest first
    assert [r.name for r in carrying_gains(model, da)] == ["Læring", "Demokrati", "Kvalitet", "Fællesskab"]
    assert strongest_gain(model, da).name == "Læring" and strongest_gain(model, da).product == 25
    # 1 x 5 is not 5 x 1: the rules look at each scale, not at the product
    flipped = weighed(da, {"quality": (1, 5), "economy": (5, 1)})
    assert leading_gains(flipped, da) == [] and [r.key for r in doubtful_gains(flipped, da)] == ["economy"]


def test_the_strongest_gain_is_the_one_the_motivation_leads_with(da, en):
    """A gain rated 5 and 2 (10 of 25) does not outrank one rated 3 and 3 (9): a gain stands as strongly as its
    weaker rating (the rules' thresholds look at both), so the reading's strongest gain is the one the motivation
    names first, never one it doubts."""
    for course in (da, en):
        model = weighed(course, {"quality": (3, 3), "economy": (5, 2)})
        assert strongest_gain(model, course).key == "quality"
        assert [r.key for r in leading_gains(model, course)] == ["quality"]
        quality = next(g.name for g in course.gains if g.id == "quality").lower()
        assert quality in reading_lines(model, course)[0]
        # equal on the weaker side: the larger product first, then the more important
        model = weighed(course, {"quality": (4, 5), "innovation": (5, 4), "economy": (4, 4)})
        assert [r.key for r in leading_gains(model, course)] == ["innovation", "quality", "economy"]


def test_the_rules_are_the_course_files(da):
    """A facilitator's numbers apply: carry from 5 and 3, lead from 2 and 2."""
    from dataclasses import replace

    from samskabelse.course import GainRule

    rules = replace(da.gains_rules, carry=GainRule(5, 3), lead=GainRule(2, 2))
    adapted = replace(da, gains_rules=rules)
    model = weighed(adapted, {"quality": (4, 4), "innovation": (5, 3), "economy": (2, 2)})
    assert [r.key for r in carrying_gains(model, adapted)] == ["innovation"]
    assert [r.key for r in leading_gains(model, adapted)] == ["quality", "innovation", "economy"]
    assert "mindst 5 i vigtighed og 3 i sandsynlighed" in reading_lines(model, adapted)[0]


def test_motivation_statement_names_the_leading_gains(da, en):
    model = weighed(da, {"quality": (5, 4), "co_ownership": (4, 4), "economy": (5, 1)})
    text = motivation_statement(model, da)
    assert text.startswith("Vi vil samskabe i dette projekt, fordi det især kan give os disse gevinster: "
                           "kvalitet og medejerskab.")
    assert "De er vigtige for os, og vi regner med, at vi kan opnå dem." in text
    assert "Vi finder også økonomi vigtig, men tvivler på, at vi kan opnå den med dette projekt" in text
    model_en = weighed(en, {"community": (4, 3)})
    text_en = motivation_statement(model_en, en)
    assert text_en == ("We want to co-create in this project above all for community. "
                       "That gain matters to us, and we expect to achieve it.")


def test_motivation_adjective_agrees_with_the_number_of_doubtful_gains(da, en):
    """Danish adjectives agree in number: "økonomi vigtig", but "økonomi og demokrati vigtige"."""
    one = weighed(da, {"quality": (5, 4), "economy": (5, 1)})
    assert "Vi finder også økonomi vigtig, men tvivler på, at vi kan opnå den" in motivation_statement(one, da)
    two = weighed(da, {"quality": (5, 4), "economy": (5, 1), "democracy": (4, 2)})
    text = motivation_statement(two, da)
    assert "Vi finder også økonomi og demokrati vigtige, men tvivler på, at vi kan opnå dem" in text
    assert "vigtig," not in text
    two_en = weighed(en, {"quality": (5, 4), "economy": (5, 1), "democracy": (4, 2)})
    assert "We also consider economic gains and democracy important but doubt that we can achieve them" in (
        motivation_statement(two_en, en))


# The Danish of every generated motivation: one gain leading, one gain doubted, several of each, for every shipped
# gain (en- and et-words), an adapted course's gain without an article and an own gain. What must never appear:
# a pronoun or adjective of the other gender, the verb "indfri", the officialese "i form af".
NEVER = ("indfri", "i form af", "gevinster i ", "  ", " .", "..")


def _sentences_for(model, course):
    text = motivation_statement(model, course)
    assert not any(bad in text for bad in NEVER), text
    return text


def _agrees(text: str, name: str, article: str) -> None:
    """One Danish gain, named `name`, in the statement: its pronoun and adjective agree with `article`."""
    if article == "et":
        assert f"denne gevinst: {name}. Det er vigtigt for os, og vi regner med, at vi kan opnå det." in text or (
            f"Vi finder også {name} vigtigt, men tvivler på, at vi kan opnå det med dette projekt" in text), text
        assert "Den er vigtig" not in text and f"{name} vigtig," not in text
    elif article == "en":
        assert f"denne gevinst: {name}. Den er vigtig for os, og vi regner med, at vi kan opnå den." in text or (
            f"Vi finder også {name} vigtig, men tvivler på, at vi kan opnå den med dette projekt" in text), text
        assert "Det er vigtigt" not in text and f"{name} vigtigt," not in text
    else:  # no article known: a sentence about "gevinsten", right whatever the name's gender
        assert f"denne gevinst: {name}. Gevinsten er vigtig for os, og vi regner med, at vi kan opnå den." in text or (
            f"Også {name} er en vigtig gevinst for os, men vi tvivler på, at vi kan opnå den med dette projekt"
            in text), text
        assert "Det er vigtigt" not in text and "Den er vigtig" not in text


def _adapted_with_a_gain_without_article(tmp_path, lang):
    """A facilitator's course file with a new gain and no article for it (and one shipped gain's article gone)."""
    text = default_course_path(lang).read_text(encoding="utf-8")
    new = {"da": "  - id: trust\n    name: Tillid mellem borgere og kommune\n    description: En ny gevinst.\n"
                 "    basis: course\n",
           "en": "  - id: trust\n    name: Trust between citizens and the council\n    description: A new gain.\n"
                 "    basis: course\n"}[lang]
    text = text.replace("\nown_gains:", new + "\nown_gains:", 1)
    if lang == "da":
        text = text.replace("    name: Demokrati\n    article: et\n", "    name: Demokrati\n", 1)
    path = tmp_path / f"adapted-{lang}.yaml"
    path.write_text(text, encoding="utf-8")
    return read_course(path, lang)


def test_the_danish_motivation_agrees_with_every_gain(da, tmp_path):
    """Every shipped gain, and an adapted file's gain without an article (and Demokrati with its article removed):
    the sentences about one gain agree with its gender, or need none; several gains take the plural."""
    shipped = {g.name: g.article for g in da.gains}
    assert set(shipped.values()) == {"en", "et"}, shipped  # both genders are among the shipped gains
    assert shipped["Demokrati"] == shipped["Fællesskab"] == shipped["Medejerskab"] == "et"
    adapted = _adapted_with_a_gain_without_article(tmp_path, "da")
    assert {g.id: g.article for g in adapted.gains}["trust"] == "" == {g.id: g.article for g in adapted.gains}[
        "democracy"]
    for course in (da, adapted):
        for g in course.gains:
            name = g.name[0].lower() + g.name[1:]
            _agrees(_sentences_for(weighed(course, {g.id: (5, 5)}), course), name, g.article)  # leading alone
            _agrees(_sentences_for(weighed(course, {g.id: (5, 1)}), course), name, g.article)  # doubted alone
            others = [o.id for o in course.gains if o.id != g.id][:2]
            several = _sentences_for(weighed(course, {g.id: (5, 5), others[0]: (4, 4), others[1]: (5, 1)}), course)
            assert "De er vigtige for os, og vi regner med, at vi kan opnå dem." in several, several
            doubted = _sentences_for(weighed(course, {g.id: (5, 1), others[0]: (4, 2)}), course)
            assert "vigtige, men tvivler på, at vi kan opnå dem" in doubted, doubted
    # an own gain, named by the participant: no article to go by
    model = weighed(da, {})
    model.set_own([("Mindre ensomhed", 5, 5)], da)
    _agrees(_sentences_for(model, da), "Mindre ensomhed", "")
    model.set_own([("Arbejdsglæde", 5, 1)], da)
    _agrees(_sentences_for(model, da), "Arbejdsglæde", "")


def test_the_english_motivation_needs_no_agreement(en, tmp_path):
    """English sentences refer to "that gain" or say "that", so a plural name ("Economic gains") reads right."""
    adapted = _adapted_with_a_gain_without_article(tmp_path, "en")
    for course in (en, adapted):
        for g in course.gains:
            one = _sentences_for(weighed(course, {g.id: (5, 5)}), course)
            assert one.endswith("That gain matters to us, and we expect to achieve it."), one
            doubted = _sentences_for(weighed(course, {g.id: (5, 1)}), course)
            assert "important but doubt that we can achieve that with this project" in doubted, doubted


def test_the_course_check_knows_the_article(tmp_path):
    """article: only en or et, said in the file's language with its line; without it the file loads."""
    text = default_course_path("da").read_text(encoding="utf-8")
    path = tmp_path / "forkert.yaml"
    path.write_text(text.replace("    name: Fællesskab\n    article: et\n", "    name: Fællesskab\n    article: ett\n",
                                 1), encoding="utf-8")
    with pytest.raises(CourseError) as error:
        read_course(path, "da")
    message = str(error.value)
    assert "article" in message and "en, et" in message and "'ett'" in message and re.search(r"linje \d+", message)


def test_statement_before_anything_is_weighed_and_when_nothing_leads(course):
    model = GainsModel.for_course(course)
    assert "slider" in motivation_statement(model, course) or "skyderne" in motivation_statement(model, course)
    model.rate("quality", importance=2, likelihood=4)
    text = motivation_statement(model, course)
    assert "3" in text and ("Ingen gevinst" in text or "No gain" in text)


def test_own_gain_names_are_escaped_in_html_and_safe_in_figures(da):
    model = weighed(da, {}, own=[("<img src=x onerror=alert(1)>", 5, 5)])
    html = motivation_statement(model, da, html=True)
    assert "<img" not in html and "&lt;img" in html
    assert figure_text("Spar $5 og $10") == "Spar $5 og $10", "drawn as typed: figures never read mathtext"
    assert len(figure_text("x" * 100)) == 26


def test_reading_the_balance_of_gains_and_demands(da):
    not_weighed = read_balance(GainsModel.for_course(da), da)
    assert not_weighed.kind == "not_weighed" and not not_weighed.suggests_alternatives
    heavy = {"time": 4, "resources": 4, "control": 3, "readiness": 4}  # mean 3.75: heavy (from 3.5)
    light = {"time": 2, "resources": 2, "control": 2, "readiness": 2}
    cases = [
        ({"quality": (5, 5)}, light, "carry"),
        ({"quality": (5, 5)}, heavy, "carry_heavy"),
        ({"quality": (4, 3), "community": (3, 3)}, light, "lead"),
        ({"quality": (4, 3)}, heavy, "lead_heavy"),
        ({"quality": (3, 2)}, light, "weak"),
        ({"quality": (3, 2)}, heavy, "weak_heavy"),
        ({"quality": (5, 5)}, {}, "carry"),  # no demand rated: the gains alone
    ]
    for ratings, demands, kind in cases:
        model = weighed(da, ratings, demands)
        b = read_balance(model, da)
        assert b.kind == kind, (ratings, demands, b)
        assert b.suggests_alternatives == (kind in ("lead_heavy", "weak", "weak_heavy"))


def test_one_certain_crucial_gain_can_carry_the_project(course):
    """Issue 22: one gain at 5 and 5, the rest not rated, reads as able to carry the project (the mean of the
    three largest, unrated as 0, gave 1.67 and 'little to gain'); with heavy demands it still carries it."""
    model = weighed(course, {"quality": (5, 5)})
    b = read_balance(model, course)
    assert b.gains == "carry" and b.kind == "carry" and not b.suggests_alternatives
    assert [r.key for r in b.carrying] == ["quality"] and b.strongest.product == 25
    for d in course.demands:
        model.set_demand(d.id, 5)
    assert read_balance(model, course).kind == "carry_heavy"
    w = weigh_gains(course, model)
    demands = weigh_demands(w)
    assert demands.reading.kind == "carry_heavy"
    assert all(a.name not in demands.result.value for a in course.gains_rules.alternatives)


def test_the_figures_text_says_what_the_result_says(course):
    """The side-by-side figure's text alternative ends with the reading's own lines, the same as the result under
    it; nothing it says about the demands goes beyond the demands rated."""
    import html as html_module

    w = weigh_gains(course)
    demands = weigh_demands(w)
    w.importance["quality"].value, w.likelihood["quality"].value = 5, 5
    for step in ({}, {"time": 3}, {d.id: 5 for d in course.demands}):
        for did, v in step.items():
            demands.sliders[did].value = v
        lines = reading_lines(w.model, course, reading=True)
        alt, shown = demands.live.alt, html_module.unescape(demands.result.value)
        assert alt.endswith(" ".join(lines)), alt
        assert all(line in shown for line in lines[:-1])  # the result shows the lines, the reading in words
        assert ("0,0" not in alt and "0.0" not in alt) or step


def test_the_demands_mean_is_over_those_rated_and_says_how_many(da, en):
    """Issue 22: with no demand rated, nothing is said about demands ('Krav: 0,0 af 5' and 'gevinsterne opvejer
    kravene' before); with one rated (Tid = 3), the line says that one is rated, not 'snit af de fire'."""
    model = weighed(da, {"quality": (5, 5)})
    d = demands_reading(model, da)
    assert d.mean is None and d.rated == 0 and not d.heavy
    lines = reading_lines(model, da)
    assert lines[-1] == "Krav: ikke vurderet endnu." and not any("0,0" in line for line in lines)
    model.set_demand("time", 3)
    assert demands_reading(model, da).mean == 3 and demands_reading(model, da).rated == 1
    assert reading_lines(model, da)[-1] == "Krav: kun ét af de 4 krav er vurderet: tid (3)."
    model.set_demand("control", 4)
    assert reading_lines(model, da)[-1] == ("Krav: snit 3,5 af de 2 krav, du har vurderet (ud af 4); kræver mest: "
                                            "at give slip på kontrollen (4).")
    assert read_balance(model, da).kind == "carry_heavy"  # 3.5 reaches the course's "heavy"
    model_en = weighed(en, {}, {d.id: 2 for d in en.demands})
    assert reading_lines(model_en, en) == ["Demands: mean 2.0 of all 4 demands; demands most: time, resources, "
                                           "letting go of control and getting the partners ready (2)."]


def test_every_demand_runs_the_same_way(course):
    """Issue 22: 5 means 'demands a lot' for every demand; none is named for the opposite ('readiness')."""
    highs = {"da": ("meget", "mange"), "en": ("a lot",)}[course.language]
    for d in course.demands:
        assert d.high.lower().startswith(highs), (d.name, d.high)
        assert "parathed" not in d.name.lower() and "readiness" not in d.name.lower()


def test_alternatives_follow_the_type_of_project(course):
    """Issue 22: for a decision (developing a solution) the spectrum's lighter forms, for a delivery task in-house,
    purchase or support for volunteers; every type is offered something; all of them when the type is unknown."""
    by_type = {k.id: [a.id for a in alternatives_for(course, k)] for k in course.typology.types}
    assert by_type["public_develop"] == ["lighter_involvement"]
    assert by_type["public_produce"] == ["in_house", "purchase", "support_volunteers"]
    assert "back_initiative" in by_type["civic_develop"] and "support_volunteers" in by_type["civic_produce"]
    assert all(by_type.values())
    assert [a.id for a in alternatives_for(course, None)] == [a.id for a in course.gains_rules.alternatives]
    lighter = course.gains_rules.alternatives[0]
    assert list(lighter.levels) == [lv.id for lv in lighter_forms(course)]


def test_numbers_and_lists_in_each_language():
    assert format_number(3.25, "da") == "3,3" and format_number(3.25, "en") == "3.3"
    assert format_number(0, "da") == "0,0"
    assert join_names(["a", "b", "c"], "da") == "a, b og c" and join_names(["a", "b"], "en") == "a and b"
    assert join_names(["a"], "en") == "a" and join_names([], "da") == ""


def test_overview_lists_every_gain_and_the_own_gain(course):
    html = str(gains_overview(course))
    for g in course.gains:
        assert g.name in html
    assert course.own_gains_label in html


def test_overview_gives_a_gain_name_and_its_description_their_own_source(da, en):
    """The names are the publication's; the descriptions (and the own gain's help) are the course's."""
    for course in (da, en):
        assert all(g.basis == "publication" and g.description_basis == "course" for g in course.gains)
        assert course.own_gains_basis == "publication"
    cell = r"<td[^>]*>"
    rows = re.findall(rf"<tr>{cell}<b>(.*?)</b></td>{cell}.*?</td>{cell}(.*?)</td></tr>", str(gains_overview(da)))
    assert len(rows) == len(da.gains) + 1
    for name, source in rows:
        assert source == "Navnet: fra publikationen. Forklaringen: kursets arbejdsmodel.", (name, source)
    assert "Fra publikationen</td>" not in str(gains_overview(da))
    en_rows = re.findall(r"<td[^>]*>([^<]*)</td></tr>", str(gains_overview(en)))
    assert set(en_rows) == {"The name: from the publication. The explanation: the course&#x27;s working model."}


def test_a_description_without_its_own_basis_takes_the_gains(tmp_path):
    """A facilitator's file that does not say description_basis: the description shares the name's basis."""
    from samskabelse.course import default_course_path, read_course

    text = default_course_path("da").read_text(encoding="utf-8").replace("    description_basis: course\n", "")
    path = tmp_path / "hold.yaml"
    path.write_text(text, encoding="utf-8")
    course = read_course(path, "da")
    assert all(g.description_basis == g.basis == "publication" for g in course.gains)
    assert "Fra publikationen</td>" in str(gains_overview(course))


def test_demands_show_where_the_demand_and_its_question_come_from(da):
    time, resources = da.by_id("demands", "time"), da.by_id("demands", "resources")
    assert (time.basis, time.question_basis) == ("publication", "course")
    assert demand_source(time, "da") == "Kravet: fra publikationen. Spørgsmålet: kursets arbejdsmodel."
    assert demand_source(resources, "da") == "Kursets arbejdsmodel"
    w = weigh_demands(weigh_gains(da))
    shown = " ".join(c.value for c in w.grid.children if hasattr(c, "value") and isinstance(c.value, str))
    assert "Kravet: fra publikationen. Spørgsmålet: kursets arbejdsmodel." in shown


# ---------------------------------------------------------------------------------------------
# The widgets, driven as a person would
def test_sliders_move_the_model_the_bars_and_the_statement(course):
    w = weigh_gains(course)
    first = bytes(w.live.image.value)
    assert w.result.value and ("skyderne" in w.result.value or "sliders" in w.result.value)
    w.importance["quality"].value = 5
    w.likelihood["quality"].value = 4
    assert w.model.gains["quality"] == Weighing(5, 4)
    assert w.importance_bars[0].get_width() == 5 and w.likelihood_bars[0].get_width() == 4
    assert bytes(w.live.image.value) != first
    name = course.gains[0].name
    assert name.lower() in w.result.value
    # the rank label sits on the leading gain's row
    assert w.rank_rows == [0, None, None] and w.rank_labels[0].get_visible()
    assert not w.rank_labels[1].get_visible()
    w.importance["quality"].value = 1
    assert w.rank_rows == [None, None, None] and not w.rank_labels[0].get_visible()


def test_own_gains_typed_in_the_widget(da):
    w = weigh_gains(da)
    w.own_names[0].value = "  Læring  "
    w.own_importance[0].value, w.own_likelihood[0].value = 4, 5
    assert w.model.own == [OwnGain("Læring", 4, 5)]
    labels = [t.get_text() for t in w.ax.get_yticklabels()]
    assert "Læring" in labels
    assert w.importance_bars[len(da.gains)].get_width() == 4
    assert "Læring" in w.result.value
    # the rank label sits on its row, also after the layout changed for the new name
    w.importance["quality"].value = w.likelihood["quality"].value = 5
    assert w.rank_rows[0] == 0
    y_label = w.rank_labels[0].get_transform().transform((0, 0))[1]
    assert abs(y_label - w.ax.transData.transform((0, 0))[1]) < 0.5
    w.own_names[1].value = "KVALITET"
    assert "står allerede på listen" in w.messages.value and len(w.model.own) == 1
    w.own_names[1].value = "<b>" + "x" * 80
    assert "forkortet" in w.messages.value and "&lt;b&gt;" in w.messages.value
    w.own_importance[2].value = 3
    assert "Egen gevinst 3 har værdier, men intet navn" in w.messages.value
    w.own_names[1].value = ""
    w.own_importance[2].value = 0  # a deliberate 0 is a value too
    assert "Egen gevinst 3 har værdier, men intet navn" in w.messages.value
    w.own_importance[2].value = NOT_RATED  # taken back
    assert w.messages.value == ""


def test_css_classes_for_the_browser_tests(da):
    w = weigh_gains(da)
    d = weigh_demands(w)
    assert {"samskabelse-widget", "samskabelse-gains"} <= set(w.box._dom_classes)
    assert {"samskabelse-widget", "samskabelse-demands"} <= set(d.box._dom_classes)
    for x in (w, d):
        assert "samskabelse-figure" in x.live.image._dom_classes
        assert "samskabelse-result" in x.result._dom_classes


def test_demands_view_follows_both_widgets_and_names_alternatives(course):
    w = weigh_gains(course)
    d = weigh_demands(w)
    assert len(d.points.get_offsets()) == 0, "no gain drawn before any gain is rated on both scales"
    assert d.reading.kind == "not_weighed"
    w.importance["quality"].value, w.likelihood["quality"].value = 3, 2
    assert list(d.points.get_offsets()[0]) == [2, 3]
    before = bytes(d.live.image.value)
    for s in d.sliders.values():
        s.value = 5
    assert d.model.demands == {dd.id: 5 for dd in course.demands}
    assert d.bars[0].get_width() == 5 and list(d.mean_line.get_xdata()) == [5, 5]
    assert bytes(d.live.image.value) != before
    assert d.reading.kind == "weak_heavy"
    for a in course.gains_rules.alternatives:  # the type of project is not known here: all of them
        assert a.name in html.unescape(d.result.value)
    assert ("ikke en dom" in d.result.value) or ("not a verdict" in d.result.value)
    # a gain that can carry the project changes the reading; the alternatives go
    w.importance["quality"].value = w.likelihood["quality"].value = 5
    assert d.reading.kind == "carry_heavy"
    assert all(a.name not in html.unescape(d.result.value) for a in course.gains_rules.alternatives)
    for s in d.sliders.values():
        s.value = 1
    assert d.reading.kind == "carry"


def test_the_alternatives_shown_are_those_of_the_type_placed_in_01(course):
    """Workbook 1 shows 01 and 02 together: the demands view names the alternatives of the type on screen."""
    from samskabelse.sections.typology import place_your_project

    typology = place_your_project(course)
    w = weigh_gains(course)
    d = weigh_demands(w)
    w.importance["quality"].value, w.likelihood["quality"].value = 2, 2  # nothing stands out: alternatives
    text = html.unescape(d.result.value)
    assert all(a.name in text for a in course.gains_rules.alternatives), "not placed yet: all of them"
    ty = course.typology
    typology.model.set_axis("initiative", ty.initiative.low.id, "clearly", course)
    typology.model.set_axis("activity", ty.activity.high.id, "clearly", course)
    w.importance["quality"].value = 1  # any change redraws the reading
    text = html.unescape(d.result.value)
    kind = ty.type_at(ty.initiative.low.id, ty.activity.high.id)
    shown = {a.id for a in course.gains_rules.alternatives if a.name in text}
    assert shown == {"in_house", "purchase", "support_volunteers"} and kind.name in text


def test_restoring_saved_answers_into_the_widget(da):
    saved = weighed(da, {"democracy": (4, 2)}, {"time": 3}, [("Tillid", 4, 4)])
    w = weigh_gains(da)
    d = weigh_demands(w)
    w.restore(saved)
    assert w.model == saved
    assert w.importance["democracy"].value == 4 and w.own_names[0].value == "Tillid"
    assert "Tillid" in [t.get_text() for t in w.ax.get_yticklabels()]
    assert len(d.points.get_offsets()) == 2 and d.sliders["time"].value == 3  # democracy and Tillid


# ---------------------------------------------------------------------------------------------
# The encoder that recompresses only what changed
def test_banded_png_is_a_valid_png_of_exactly_the_figure(da):
    import io
    import struct
    import zlib

    import numpy as np
    from PIL import Image

    from samskabelse.widgets.figures import BandedPNG, _adler32_combine

    a, b = b"Ledelse af " * 300, b"samskabelse" * 7
    assert _adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)
    w = weigh_gains(da)
    d = weigh_demands(w)
    for step, value in enumerate([5, 0, 3, 3, 1]):
        w.importance["quality"].value = value
        w.likelihood["innovation"].value = 5 - step
        for x in (w, d):
            png = bytes(x.live.image.value)
            pixels = np.asarray(x.live.fig.canvas.buffer_rgba())[:, :, :3]
            shown = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
            assert np.array_equal(shown, pixels), "the PNG differs from the figure"
            # the zlib stream is complete and its checksum right (zlib.decompress verifies the Adler-32)
            length = struct.unpack(">I", png[33:37])[0]
            assert png[37:41] == b"IDAT"
            raw = zlib.decompress(png[41:41 + length])
            assert len(raw) == pixels.shape[0] * (1 + 3 * pixels.shape[1])
    # a new size starts afresh
    enc = BandedPNG()
    small = np.zeros((20, 10, 4), np.uint8)
    assert Image.open(io.BytesIO(enc.encode(small))).size == (10, 20)
    big = np.full((40, 30, 4), 255, np.uint8)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(enc.encode(big))).convert("RGB")), big[:, :, :3])


def test_redrawing_only_the_changed_rows_gives_the_same_picture_as_a_full_redraw(da):
    import io
    import random

    import numpy as np
    from PIL import Image

    w = weigh_gains(da)
    w.own_names[0].value = "Læring"
    rng = random.Random(2019)
    sliders = [*w.importance.values(), *w.likelihood.values(), w.own_importance[0], w.own_likelihood[0]]
    for _ in range(40):
        rng.choice(sliders).value = rng.randint(0, 5)
    partial = np.asarray(Image.open(io.BytesIO(bytes(w.live.image.value))).convert("RGB"))
    w.live.refresh()  # everything that changes, over the whole background
    full = np.asarray(Image.open(io.BytesIO(bytes(w.live.image.value))).convert("RGB"))
    assert np.array_equal(partial, full)
    renders = w.live.renders
    w.own_importance[1].value = 3  # a row with no name: nothing to redraw
    assert w.live.renders == renders
