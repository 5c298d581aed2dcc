"""Screen, paper, plan and team view ask and show the same items (issue 20, item 3).

For every section in both languages, from the one definition (DEFINITION.items()):
- the screen: the notebook's widgets and the workbook's widgets have a control for every item it asks;
- the paper: the worksheet of that workbook asks every item (its choices and blanks name the item);
- the plan (07) and the team view (08): an answered item reaches both – with everything else answered, the plan
  and the team's tables and figure are not the same whether that one item is answered or not.
The same walk runs on a course file with an item added to every section that can take one: the new items
appear on screen, on paper, on the plan and in the team view without another module changing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from samskabelse.answers import LoadedAnswers
from samskabelse.answers.plan import build_plan, plan_markdown
from samskabelse.answers.team import team_panels, team_tables
from samskabelse.course import read_course
from samskabelse.kit.worksheets import sheet_sections
from samskabelse.sections import all_sections
from samskabelse.sections.definition import NOT_ANSWERED
from samskabelse.sections.protocol import confirm, items_on_screen, screens, shown_items
from samskabelse.widgets.answering import NOT_RATED

ROOT = Path(__file__).resolve().parents[1]


def asked(definition, course):
    return [i for i in definition.items(course) if not i.setting]


def answer_everything(widgets) -> None:
    """Set every control on screen to a value it shows (the last option, a word, the top of a scale)."""
    import ipywidgets as w

    def set_one(control):
        if isinstance(control, list | tuple):
            for c in control:
                set_one(c)
        elif hasattr(control, "options") and control.options:
            values = [v for _, v in control.options] if isinstance(control.options[0], tuple) else control.options
            values = [v for v in values if v != NOT_RATED]
            if isinstance(control, w.ToggleButtons):
                control.value = values[0]
            else:  # the one before last: a phase all "på plads" leaves nothing to begin with
                control.value = values[-2] if len(values) > 2 else values[-1]
        elif isinstance(control, w.Textarea | w.Text):
            control.value = control.value or "Walk-tekst"
        elif hasattr(control, "max"):
            control.value = control.max
        elif isinstance(control, w.Checkbox):
            control.value = True

    for widget in widgets:
        for control in widget.controls().values():
            set_one(control)
    model = widgets[0].model
    confirm(model, shown_items(model))


def loaded_with(definition, model, course) -> LoadedAnswers:
    copy, notes = definition.model.from_dict(json.loads(json.dumps(model.to_dict())), course)
    return LoadedAnswers(path=Path("walk.json"), name="Walk", saved="2026-12-06T10:00:00+00:00",
                         language=course.language, course_id=course.id, course_file="data/da/course.yaml",
                         invented=False, answers={}, models={definition.name: copy})


def shown(definition, model, course) -> tuple[str, str]:
    loaded = loaded_with(definition, model, course)
    plan = plan_markdown(build_plan(loaded, course))
    team = repr([[t.title, t.head, [["–" if c is NOT_ANSWERED else c for c in row] for row in t.rows], t.note]
                 for t in team_tables([loaded], course)])
    team += repr([(p.title, p.rows, p.values) for p in team_panels([loaded], course)])
    return plan, team


def paper_items(course, definition) -> set[str]:
    """The items the worksheet asks: every cell that asks one says which (its "item"; a section's write-in
    field or lines, "items")."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            if "item" in value:
                found.add(value["item"])
            found.update(value.get("items", ()))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    sheets = [section for section in sheet_sections(course, definition.workbook)]
    own = definition.worksheet(course)
    assert own and all(part in sheets for part in own), f"{definition.name}: not on worksheet {definition.workbook}"
    walk(own)
    return found


def walk(course, definition):
    items = asked(definition, course)
    widgets = definition.screen(course)
    model = widgets[0].model
    assert all(w.model is model for w in widgets)
    on_screen = items_on_screen(model)
    missing = [i.key for i in items if i.key not in on_screen]
    assert not missing, f"{definition.name}: asked but not on screen: {missing}"
    assert {w for w in screens(model)} >= set(widgets)
    on_paper = paper_items(course, definition)
    missing = [i.key for i in items if i.key not in on_paper]
    assert not missing, f"{definition.name}: asked on screen but not on paper: {missing}"
    extra = sorted(on_paper - {i.key for i in items})
    assert not extra, f"{definition.name}: asked on paper but not on screen: {extra}"
    answer_everything(widgets)
    assert {i.key for i in items} <= model.answered, sorted({i.key for i in items} - model.answered)
    plan_all, team_all = shown(definition, model, course)
    lost_plan, lost_team = [], []
    for item in items:
        model.answered.discard(item.key)
        plan, team = shown(definition, model, course)
        model.answered.add(item.key)
        if plan == plan_all:
            lost_plan.append(item.key)
        if team == team_all:
            lost_team.append(item.key)
    assert not lost_plan, f"{definition.name}: answered but not on the plan: {lost_plan}"
    assert not lost_team, f"{definition.name}: answered but not in the team view: {lost_team}"


@pytest.mark.parametrize("name", [s.name for s in all_sections()])
def test_screen_paper_plan_and_team_ask_and_show_the_same_items(course, name):
    walk(course, next(s for s in all_sections() if s.name == name))


def added_course(lang: str, tmp_path: Path):
    """The shipped course file with one more item in every section that can take one."""
    data = yaml.safe_load((ROOT / "data" / lang / "course.yaml").read_text(encoding="utf-8"))
    da = lang == "da"
    data["gains"].append({"id": "walk_gain", "name": "Gåtur" if da else "Walk", "basis": "course",
                          "description": "En gevinst, testen har lagt til." if da else "A gain the test added."})
    data["demands"].append({**data["demands"][0], "id": "walk_demand",
                            "name": "Tålmodighed" if lang == "da" else "Patience"})
    data["phases"][0]["focus_points"].append({**data["phases"][0]["focus_points"][0], "id": "walk_point",
                                             "text": "Et fokuspunkt, testen har lagt til."})
    data["framing"]["frame_elements"].append({"id": "walk_frame", "name": "Lokaler" if lang == "da" else "Rooms",
                                              "description": "Hvor I mødes.", "fixed": False, "decider": "together"})
    data["timeline"]["deadlines"].append({"id": "walk_deadline", "name": "Gåtur", "weeks_after_start": 12})
    path = tmp_path / f"walk-{lang}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return read_course(path, lang)


@pytest.mark.parametrize("name", [s.name for s in all_sections()])
def test_an_item_added_in_the_course_file_appears_everywhere(course, tmp_path, name):
    added = added_course(course.language, tmp_path)
    definition = next(s for s in all_sections() if s.name == name)
    keys = {i.key for i in asked(definition, added)} - {i.key for i in asked(definition, course)}
    assert keys or name in ("typology", "directions"), f"{name}: the added item is not among its items"
    walk(added, definition)
