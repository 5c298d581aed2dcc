"""Property-based tests (Hypothesis) of answers files: whatever one file holds, the team views and the plan
load the rest and name that file with a readable reason (issue 10, part A of point 7).

Three kinds of file are generated:
- any valid JSON (any shape: a list, a number, an object of anything, with NaN and Infinity, which Python's
  json reads too);
- an invented example file with some of its values, at any depth, replaced by any JSON value or deleted,
  or some of its answers set to edge values (negative, huge, NaN, year 9999, a list for a mapping);
- an example file's bytes damaged (cut short, a byte changed, bytes inserted or removed), or nested too deep.

Each is put beside a good file, and must never raise out of answers.load_team, notebook 08's team view
(figure, tables, questions), notebook 02's team comparison or notebook 07's plan (built, shown and, in the
widget test, saved as PDF, Markdown and Word).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from samskabelse import answers as A
from samskabelse.course import load_course

EXAMPLES = sorted(p.name for p in A.EXAMPLE_TEAM.glob("*.json"))
GOOD = "zz-good.json"  # a good file beside the generated one: it must always load
# SAMSKABELSE_EXAMPLES=2000 pytest tests/test_answers_properties.py: a longer hunt than CI's
SCALE = max(1, int(os.environ.get("SAMSKABELSE_EXAMPLES", "12"))) / 12
HUNT = "SAMSKABELSE_EXAMPLES" in os.environ  # a hunt draws new files each run; the suite the same ones


@pytest.fixture(scope="module")
def course():
    return load_course("da")



# ---------------------------------------------------------------------------------------------
# Strategies
_edges = st.sampled_from([-1, 0, -10**6, 10**30, 2**63, 1e308, -1e308, 1e-300, float("inf"), float("nan")])
_scalars = (st.none() | st.booleans() | st.integers() | st.integers(-3, 12) | _edges
            | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
            | st.sampled_from(["", "quality", "clarify", "upward", "2026-01-05", "9999-12-31", "0001-01-01",
                               "low", "high", "$x^2$", "=1+1", "con", "<b>x</b>", "\u202e", "Mette"]))
json_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8) | st.sampled_from(["id", "value", "weeks"]),
                                             inner, max_size=4), max_leaves=12)


def _example(name: str) -> dict:
    return json.loads((A.EXAMPLE_TEAM / name).read_text(encoding="utf-8"))


def _containers(value, path=()):
    """Every (path, container) in a JSON value, the value itself first."""
    yield path, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        if isinstance(v, dict | list):
            yield from _containers(v, (*path, k))


@st.composite
def edited_files(draw) -> dict:
    """An example file with 1-4 edits: a value anywhere replaced by any JSON value, deleted, or added."""
    data = _example(draw(st.sampled_from(EXAMPLES)))
    for _ in range(draw(st.integers(1, 4))):
        places = list(_containers(data))
        # mostly inside the answers, where the models read
        inside = [p for p in places if p[0][:1] == ("answers",)] or places
        _path, container = draw(st.sampled_from(inside if draw(st.integers(0, 4)) else places))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "add" or not keys:
            if isinstance(container, dict):
                container[draw(st.text(max_size=8) | st.sampled_from(keys or ["x"]))] = draw(json_values)
            else:
                container.append(draw(json_values))
        elif action == "delete":
            del container[draw(st.sampled_from(keys))]
        else:
            container[draw(st.sampled_from(keys))] = draw(json_values)
    return data


def _leaves(value, path=()):
    """Every (path, leaf) in a JSON value: the values a participant's answers are made of."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
    if items is None:
        yield path, value
        return
    for k, v in items:
        yield from _leaves(v, (*path, k))


@st.composite
def edited_values(draw) -> dict:
    """An example file with 1-3 of its answers (a seed, a start date, a rating, a name ...) set to an edge
    value: a negative or huge number, NaN, a year 9999 date, a list where a mapping was, a text."""
    data = _example(draw(st.sampled_from(EXAMPLES)))
    leaves = [p for p, _ in _leaves(data["answers"])]
    for _ in range(draw(st.integers(1, 3))):
        *parents, last = ("answers", *draw(st.sampled_from(leaves)))
        container = data
        for k in parents:
            container = container[k]
        container[last] = draw(_edges | st.sampled_from(["9999-12-31", "0001-01-01", "", "x" * 5000]) | json_values)
    return data


@st.composite
def damaged_bytes(draw) -> bytes:
    raw = bytearray((A.EXAMPLE_TEAM / draw(st.sampled_from(EXAMPLES))).read_bytes())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(0, len(raw) - 1)))
        how = draw(st.sampled_from(["cut", "change", "insert", "remove"]))
        if how == "cut":
            del raw[at:]
        elif how == "change" and raw:
            raw[at] = draw(st.integers(0, 255))
        elif how == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            del raw[at:at + draw(st.integers(1, 40))]
    return bytes(raw)


def _as_bytes(content) -> bytes:
    if isinstance(content, bytes):
        return content
    return json.dumps(content, ensure_ascii=draw_ascii(content)).encode("utf-8", "surrogatepass")


def draw_ascii(content) -> bool:  # surrogates in generated text can only be written escaped
    try:
        json.dumps(content, ensure_ascii=False).encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


deep = st.integers(100, 20_000).map(lambda n: b"[" * n)  # nested past any parser's recursion limit
any_file = st.one_of(json_values, edited_files(), edited_values(), edited_values(), damaged_bytes(), deep)


def _team_folder(tmp: Path, content, name: str = "team") -> tuple[Path, Path]:
    folder = tmp / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(A.EXAMPLE_TEAM / "emine.json", folder / GOOD)
    bad = folder / "generated.json"
    bad.write_bytes(_as_bytes(content))
    return folder, bad


def _check_loaded(team, problems, bad: Path) -> None:
    read = [m.path for m in team] + [older for m in team for older in m.also]  # one person's files: one entry
    assert GOOD in [p.name for p in read]  # the good file always loads
    assert bad in read or any(bad.name in p for p in problems)  # read, or named
    said = " ".join(problems) + " ".join(n for m in team for n in m.notes)
    assert "Traceback" not in said
    assert all(isinstance(p, str) and p.strip() for p in problems)


# ---------------------------------------------------------------------------------------------
# The models and views, many files
@settings(max_examples=int(100 * SCALE), deadline=None, database=None, derandomize=not HUNT,
          suppress_health_check=[HealthCheck.too_slow])
@given(content=any_file)
def test_any_answers_file_never_stops_the_team_or_the_plan(tmp_path_factory, course, content):
    from samskabelse.answers.compare import discussion_prompts, read_team
    from samskabelse.answers.plan import build_plan, plan_html, plan_markdown, plan_stem
    from samskabelse.answers.team import discussion_questions, side_by_side_html, team_panels, team_tables

    folder, bad = _team_folder(tmp_path_factory.mktemp("p"), content)
    team, problems = A.load_team(folder, course)
    _check_loaded(team, problems, bad)
    loaded = [m for m in team if m.path == bad]
    event("loaded with notes" if loaded and loaded[0].notes else "loaded" if loaded else "refused with a reason")
    assert side_by_side_html(team, course)  # 08's tables
    discussion_questions(team, course)  # 08's questions
    team_tables(team, course)  # 08's tables as data (the team overview's PDF and slides)
    team_panels(team, course)  # 08's figure's data, with the timelines
    for member in team:  # 07: every loadable file gives a plan, shown and as Markdown
        plan = build_plan(member, course)
        assert plan_html(plan) and plan_markdown(plan)
        assert plan_stem(member, course.language)
    members, messages = read_team(folder, course)  # 02's team comparison
    assert any(GOOD in m.file for m in members)
    for measure in ("importance", "likelihood"):
        discussion_prompts(members, course, measure)


# ---------------------------------------------------------------------------------------------
# The notebooks' widgets, fewer files (each draws figures and writes a PDF)
@settings(max_examples=int(15 * SCALE), deadline=None, database=None, derandomize=not HUNT,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(content=any_file, english=st.booleans())
def test_any_answers_file_never_stops_notebooks_07_and_08(tmp_path_factory, monkeypatch, course, en,
                                                          content, english):
    from samskabelse.answers.compare import compare_team
    from samskabelse.answers.plan import your_plan
    from samskabelse.answers.team import team_answers

    course = en if english else course
    tmp = tmp_path_factory.mktemp("w")
    folder, bad = _team_folder(tmp, content, "answers")  # the answers folder of 07's working directory
    monkeypatch.chdir(tmp)
    widget = team_answers(course, folder)  # 08
    assert "Emine" in widget.status.value and widget.image.value
    assert bad.name in widget.status.value or any(m.path == bad for m in widget.team)
    assert not widget.errors.alert.value  # no error shown: the file became a note, not a failure
    compare = compare_team(course, folder)  # 02, as its load button does
    compare.load()
    assert "Emine" in compare.banner.value and not compare.errors.alert.value
    plan = your_plan(course, bad)  # 07, given the file
    assert plan.plan is not None or bad.name in plan.preview.value
    if plan.plan is not None:
        saved = plan.save()
        assert saved is not None and all(Path(p).stat().st_size > 0 for p in saved)
    assert not plan.errors.alert.value
    plan = your_plan(course)  # 07 with the folder: the drop-down names people, and the generated file
    assert not [label for label, _ in plan.files if label.endswith(".json") and label != bad.name]
    for _label, path in plan.files:
        if path.parent != folder:
            continue
        plan.choice.value = str(path)
        assert plan.plan is not None or path.name in plan.preview.value
        assert not plan.errors.alert.value
