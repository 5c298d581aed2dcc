"""Notebook 02's team comparison: mean, spread, disagreement, discussion prompts, and files that are wrong."""

from __future__ import annotations

import json
import shutil
import statistics
from pathlib import Path

import pytest

from samskabelse.answers import EXAMPLE_TEAM, EXAMPLE_TEAMS
from samskabelse.answers.compare import (
    DISAGREE_MIN,
    compare_team,
    demand_spreads,
    disagreements,
    discussion_prompts,
    gain_spreads,
    member_from_model,
    read_team,
)
from samskabelse.sections.gains import GainsModel, weigh_gains


def example_files(lang: str = "da") -> dict[str, dict]:
    """The example team's files as plain JSON, read here without the package, to check its sums."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLE_TEAMS[lang].glob("*.json"))}


def answered(f: dict, key: str) -> bool:
    """Whether the file records the answer as given (model.py): what was left untouched is not counted."""
    return key in f["answers"]["gains"]["answered"]


def expected_values(gain_id: str, key: str) -> list[int]:
    return [f["answers"]["gains"]["gains"][gain_id][key] for f in example_files().values()
            if answered(f, f"gains.{gain_id}.{key}")]


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def answers_file(name: str, gains: dict, *, course_id: str = "ledelse-af-samskabelse", own=None, demands=None):
    return {"kind": "samskabelse-answers", "schema": 1, "name": name, "saved": "2026-11-26T10:00:00+00:00",
            "language": "da", "course": {"id": course_id, "file": "data/da/course.yaml"},
            "answers": {"gains": {"gains": gains, "own": own or [], "demands": demands or {}}}}


# ---------------------------------------------------------------------------------------------
def test_the_example_team_is_invented_and_loads_cleanly(course):
    members, messages = read_team(None, course)
    files = example_files()
    assert 4 <= len(files) <= 5 and all(f.get("invented") is True for f in files.values())
    assert messages == []
    assert sorted(m.name for m in members) == sorted(f["name"] for f in files.values())
    assert all(m.invented for m in members)


def test_mean_and_spread_match_the_files(course):
    members, _ = read_team(None, course)
    for measure in ("importance", "likelihood"):
        for s in gain_spreads(members, course, measure):
            values = expected_values(s.key, measure)
            assert s.mean == pytest.approx(statistics.mean(values))
            assert s.sd == pytest.approx(statistics.pstdev(values))
            assert (s.low, s.high) == (min(values), max(values))
    product = gain_spreads(members, course, "product")  # importance x likelihood, 0-25
    quality = [i * lik for i, lik in zip(expected_values("quality", "importance"),
                                             expected_values("quality", "likelihood"), strict=True)]
    assert product[0].mean == pytest.approx(statistics.mean(quality))
    time = [f["answers"]["gains"]["demands"]["time"] for f in example_files().values() if answered(f, "demands.time")]
    assert len(time) == len(example_files()) - 1  # Dennis did not rate the demands: not counted as 0
    assert demand_spreads(members, course)[0].mean == pytest.approx(statistics.mean(time))


def test_where_the_team_disagrees_most_becomes_the_first_prompt(course):
    members, _ = read_team(None, course)
    spreads = gain_spreads(members, course, "importance")
    most = max(spreads, key=lambda s: (statistics.pstdev(expected_values(s.key, "importance")),
                                       -[g.id for g in course.gains].index(s.key)))
    top = disagreements(spreads, 3)
    assert top[0].key == most.key and all(s.gap >= DISAGREE_MIN for s in top)
    prompts = discussion_prompts(members, course, "importance")
    assert most.name in prompts[0]
    values = expected_values(most.key, "importance")
    high = [f["name"] for f in example_files().values() if f["answers"]["gains"]["gains"][most.key]["importance"]
            == max(values)]
    assert all(name in prompts[0] for name in high)
    assert any("?" in p for p in prompts)
    # the own gains the team named are offered for the shared list
    own = [o["name"] for f in example_files(course.language).values() for o in f["answers"]["gains"]["own"]]
    if own:
        assert all(name in prompts[-1] for name in own)


def test_a_team_that_agrees_is_told_so(da, tmp_path):
    for name in ("Anna", "Bo"):
        write(tmp_path, f"{name.lower()}.json", answers_file(name, {"quality": {"importance": 4, "likelihood": 3}}))
    members, messages = read_team(tmp_path, da)
    assert messages == [] or all("Medejerskab" in m or "vægtet" in m for m in messages)
    prompts = discussion_prompts(members, da, "importance")
    assert "nogenlunde enige" in prompts[0]


def test_a_gain_not_weighed_is_left_out_not_counted_as_zero(da, tmp_path):
    write(tmp_path, "a.json", answers_file("A", {"quality": {"importance": 5, "likelihood": 5},
                                                 "democracy": {"importance": 0, "likelihood": 0}}))
    write(tmp_path, "b.json", answers_file("B", {"quality": {"importance": 3, "likelihood": 3},
                                                 "democracy": {"importance": 4, "likelihood": 1}}))
    members, _ = read_team(tmp_path, da)
    spreads = {s.key: s for s in gain_spreads(members, da, "importance")}
    assert spreads["quality"].mean == 4 and spreads["quality"].n == 2
    assert spreads["democracy"].n == 1 and spreads["democracy"].mean == 4  # A left it at 0 and 0
    assert spreads["economy"].n == 0 and spreads["economy"].mean is None  # in nobody's file


def test_bad_files_are_reported_and_the_rest_of_the_team_is_shown(da, tmp_path):
    for p in EXAMPLE_TEAM.glob("*.json"):
        shutil.copy(p, tmp_path / p.name)
    good = len(list(tmp_path.glob("*.json")))
    write(tmp_path, "unknown.json", answers_file("Ukendt", {"quality": {"importance": 4, "likelihood": 4},
                                                           "happiness": {"importance": 5, "likelihood": 5}}))
    write(tmp_path, "other.json", answers_file("Anden", {"quality": {"importance": 2, "likelihood": 2}},
                                               course_id="et-andet-kursus"))
    write(tmp_path, "range.json", answers_file("Rækkevidde", {"quality": {"importance": 9, "likelihood": -1}},
                                               demands={"time": 12}))
    write(tmp_path, "broken.json", '{"kind": "samskabelse-answers", "schema": 1, "name": ')
    write(tmp_path, "nogains.json", {**answers_file("Uden", {}), "answers": {"phases": {}}})
    write(tmp_path, "script.json", answers_file("<script>alert(1)</script>",
                                                {"quality": {"importance": 1, "likelihood": 1}},
                                                own=[{"name": "<img src=x>", "importance": 3, "likelihood": 3}]))
    w = compare_team(da, tmp_path)
    w.load()
    names = {m.name for m in w.members}
    assert len(w.members) == good + 4  # unknown, other, range and script; not broken, not nogains
    assert {"Ukendt", "Anden", "Rækkevidde"} <= names
    shown = w.messages.value
    assert "happiness" in shown and "findes ikke i dette kursus" in shown
    assert "et-andet-kursus" in shown
    assert "mellem 0 og 5" in shown and "9" in shown and "12" in shown
    assert "broken.json" in shown and "JSON" in shown
    assert "Uden har ikke vægtet gevinsterne" in shown
    everything = w.messages.value + w.banner.value + w.result.value
    assert "<script>" not in everything and "<img" not in everything
    assert "&lt;script&gt;" in w.banner.value
    # out-of-range values were clamped before they reached the statistics
    quality = next(s for s in gain_spreads(w.members, da, "importance") if s.key == "quality")
    assert quality.high == 5
    assert "Eksempelholdet er opdigtet" not in w.banner.value  # another folder than the example team


def test_a_missing_folder_gives_a_message_not_a_crash(da, tmp_path):
    w = compare_team(da, tmp_path / "findes-ikke")
    w.load()
    assert w.members == [] and "findes ikke" in w.messages.value
    assert "ingen vægtninger" in w.result.value.lower()
    w.measure.value = "likelihood"  # still answers


def test_your_own_weighing_joins_the_team(course):
    g = weigh_gains(course)
    w = compare_team(course, me=g)
    w.load()
    assert not any(m.me for m in w.members) and w.problems, "nothing weighed yet: say how to join"
    g.importance["democracy"].value, g.likelihood["democracy"].value = 5, 5
    w.load_button.click()
    mine = [m for m in w.members if m.me]
    assert len(mine) == 1 and mine[0].value("democracy", "importance") == 5
    assert mine[0].value("quality", "importance") is None, "a gain left at 0 and 0 is not weighed"
    w.include_me.value = False
    assert not any(m.me for m in w.members)
    you = "du" if course.language == "da" else "you"
    model = GainsModel.for_course(course)
    model.rate("quality", importance=1, likelihood=1)
    members, _ = read_team(None, course)
    members.append(member_from_model(model, course))
    prompts = " ".join(discussion_prompts(members, course, "importance"))
    assert f" {you} " in prompts or f" {you}." in prompts or f" {you}?" in prompts


def test_the_measure_slider_redraws_the_figure_and_the_prompts(course):
    w = compare_team(course)
    w.load_button.click()
    assert {"samskabelse-widget", "samskabelse-gains-team"} <= set(w.box._dom_classes)
    assert "samskabelse-figure" in w.live.image._dom_classes and "samskabelse-result" in w.result._dom_classes
    before_png, before_html = bytes(w.live.image.value), w.result.value
    w.measure.value = "likelihood"
    assert bytes(w.live.image.value) != before_png and w.result.value != before_html
    assert w.gains_title.get_text().lower().count("sandsynlighed" if course.language == "da" else "likelihood")
    members, _ = read_team(None, course)
    quality = gain_spreads(members, course, "likelihood")[0]
    first = w.members[0]
    row0 = [float(x) for x, y in w.series[0][0].get_offsets() if abs(y) < 0.5]
    assert row0 == [first.value(course.gains[0].id, "likelihood")]
    assert list(w.mean_marks[0].get_xdata())[0] == pytest.approx(quality.mean)


def test_importance_times_likelihood_is_named_for_what_it_is_on_its_own_scale(course):
    """Issue 22: not 'forventet gevinst' / 'expected gain': importance x likelihood, from 0 to 25, drawn on that
    scale (the gains panel's axis follows the measure) and questioned from a gap of 10 (2 on 0-5)."""
    w = compare_team(course)
    w.load_button.click()
    w.measure.value = "product"
    title = w.gains_title.get_text()
    assert "×" in title and "0–25" in title and "forventet" not in title.lower() and "expected" not in title.lower()
    ax = w.axes[0]
    assert ax.get_xlim()[1] > 25 and list(ax.get_xticks()) == [0, 5, 10, 15, 20, 25]
    members, _ = read_team(None, course)
    quality = gain_spreads(members, course, "product")[0]
    assert list(w.mean_marks[0].get_xdata())[0] == pytest.approx(quality.mean)
    assert all("forventet" not in p and "expected" not in p for p in discussion_prompts(members, course, "product"))
    w.measure.value = "importance"
    assert w.axes[0].get_xlim()[1] < 6 and list(w.axes[0].get_xticks()) == [0, 1, 2, 3, 4, 5]


def test_nothing_is_read_or_drawn_until_the_team_is_loaded(course, monkeypatch):
    """Opening notebook 02 shows the team view closed: no file read, no figure made, until the button."""
    import samskabelse.answers.compare as gt

    reads = []
    monkeypatch.setattr(gt, "read_team", lambda *a, **k: reads.append(a) or ([], []))
    w = compare_team(course)
    assert reads == [] and w.live is None and w.fig is None and w.members == []
    assert w.t["closed"] in w.banner.value and w.live is None and w.result not in w.box.children
    w.measure.value = "likelihood"
    w.include_me.value = not w.include_me.value
    assert reads == [] and w.live is None, "changing a control of the closed view loaded the team"
    w.load_button.click()
    assert len(reads) == 1 and w.live is not None and w.live.widget in w.box.children
    assert w.result in w.box.children and w.measure in w.box.children
    w.load_button.click()
    assert len(reads) == 2 and list(w.box.children).count(w.result) == 1, "loading again added the views twice"


@pytest.mark.parametrize(("lang", "press", "no_folder"), [("da", "vises, når du trykker på", "Uden en mappe"),
                                                          ("en", "appears when you press", "Without a folder")])
def test_02_explains_loading_the_team_once(lang, press, no_folder):
    """The page says once that the team appears at the press of the button (beside it), and once what is shown
    without a folder (in the notebook, with the invented managers' names): not both things twice."""
    import nbformat

    from samskabelse.answers.compare import TEXT

    path = next((Path(__file__).resolve().parents[1] / "notebooks" / lang).glob("02-*.ipynb"))
    page = " ".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    page += " " + TEXT[lang]["closed"]
    page = " ".join(page.replace("*", "").split())
    assert page.count(press) == 1 and page.count(no_folder) == 1, (page.count(press), page.count(no_folder))
