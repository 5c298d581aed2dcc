"""A workshop, as a facilitator runs it (issue 20's "Done when").

Six participants on an adapted course file for an invented municipality, each in a process of their own with their
own configuration folder, saving into their own folder: two typed "Mette"; Ahmed skipped workbooks 3–4; Birgitte
accepted every value as shown; Carsten saved half and later all, and his file was uploaded in both versions. The
facilitator collects the files by upload (08's upload), and the test asserts, item by item, that each plan and
the team overview (08's tables and questions, the team PDF and slides) give what each participant's widgets showed
when they saved: the files hold exactly the models the widgets held, every value a table shows is the words the
control showed, and what someone left is said as not answered, never as an answer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samskabelse import answers as A
from samskabelse.answers.plan import build_plan, plan_markdown
from samskabelse.answers.team import disagreements, team_tables
from samskabelse.answers.upload import save_uploads
from samskabelse.course import read_course
from samskabelse.sections import all_sections, section
from samskabelse.sections.definition import NOT_ANSWERED
from samskabelse.widgets.display import plain_text

ROOT = Path(__file__).resolve().parents[1]
ADAPTED = ROOT / "exercises" / "da" / "eksempel-hold-havneby.yaml"
ALL = ["typology", "gains", "phases", "directions", "framing", "timeline"]
PEOPLE = [  # name, initial if asked, notebooks, rounds, seed
    ("Mette", "Hansen", ALL, ["set"], 1),
    ("Mette", "Jensen", ALL, ["set"], 2),
    ("Ahmed", "", ["typology", "gains", "phases"], ["set"], 3),  # skipped workbooks 3-4
    ("Birgitte", "", ALL, ["accept"], 4),  # accepted every value as shown
    ("Carsten", "", ALL, ["half", "set"], 5),  # saved half, later all; uploaded twice
    ("Dorthe", "", ALL, ["set"], 6),
]


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    base = tmp_path_factory.mktemp("workshop")
    course = read_course(ADAPTED, "da")
    procs, outs = [], []
    for i, (name, addition, sections, rounds, seed) in enumerate(PEOPLE):
        me = base / f"p{i}"
        me.mkdir()
        spec = {"lang": "da", "course": str(ADAPTED), "name": name, "addition": addition, "sections": sections,
                "rounds": rounds, "seed": seed, "folder": str(base / "shared" if name == "Mette" else me / "answers"),
                "out": str(me / "record.json")}
        (me / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in (*A.BINDER_ENV_VARS, "JUPYTERHUB_USER")}
        env.update({A.CONFIG_ENV: str(me / "config"), "HOME": str(me), "MPLBACKEND": "Agg",
                    "JUPYTER_PLATFORM_DIRS": "1"})
        outs.append(me / "record.json")
        procs.append(subprocess.Popen([sys.executable, str(ROOT / "tests" / "workshop_participant.py"),
                                       str(me / "spec.json")], env=env, cwd=me, stderr=subprocess.PIPE, text=True))
        if name == "Mette":  # the two Mettes share one folder, one after the other: the second is asked
            assert procs[-1].wait(timeout=600) == 0, procs[-1].stderr.read()
    for p in procs:
        assert p.wait(timeout=600) == 0, p.stderr.read()
    records = [json.loads(o.read_text(encoding="utf-8")) for o in outs]
    uploads = []
    for (name, *_), record in zip(PEOPLE, records, strict=True):
        newest = Path(record["file"]).read_bytes()
        uploads.append((Path(record["file"]).name, newest))
        if name == "Carsten":  # his older version too, uploaded under the same name
            older = next(s["bytes"] for s in reversed(record["saves"]) if s["round"] == 0)
            uploads.insert(0, (Path(record["file"]).name, older.encode("utf-8")))
    result = save_uploads(uploads, base / "team", "da")
    loaded = A.load_team(base / "team", course)
    team, problems = loaded
    return {"course": course, "records": dict(zip([r["label"] for r in records], records, strict=True)),
            "team": team, "problems": problems, "notes": loaded.notes, "upload": result, "base": base}


def test_six_participants_become_six_people_told_apart(workshop):
    team, records = workshop["team"], workshop["records"]
    assert workshop["problems"] == []
    assert sorted(m.label for m in team) == sorted(records) == ["Ahmed", "Birgitte", "Carsten", "Dorthe", "Mette",
                                                                "Mette J."]
    note = " ".join(workshop["notes"])
    assert "Carsten" in note  # his two uploads: one person, the newest save, said in a note
    assert not any("(1)" in m.label or "(2)" in m.label for m in team)
    from samskabelse.kit import kit_plan_stem

    stems = sorted(kit_plan_stem(m, workshop["base"] / "team", "da") for m in team)
    assert stems == ["ahmed", "birgitte", "carsten", "dorthe", "mette", "mette-j"]  # not the upload's carsten-2


def test_each_file_holds_what_the_widgets_held_when_saved(workshop):
    course = workshop["course"]
    for m in workshop["team"]:
        record = workshop["records"][m.label]
        assert set(m.models) == set(record["sections"]), m.label
        for name, saved in record["sections"].items():
            model = m.models[name]
            assert json.loads(json.dumps(model.to_dict())) == saved["model"], (m.label, name)
            assert sorted(model.answered) == saved["answered"], (m.label, name)
            assert section(name).not_answered(model, course) == saved["not_answered"]


def test_each_plan_says_what_was_answered_and_what_was_not(workshop):
    course = workshop["course"]
    for m in workshop["team"]:
        record = workshop["records"][m.label]
        plan = build_plan(m, course)
        text = plan_markdown(plan)
        assert plan.name == m.label
        for s in plan.sections:
            if s.key not in record["sections"]:
                assert s.missing, (m.label, s.key)  # Ahmed's directions, frames, timeline: not answered
                continue
            if not record["sections"][s.key]["answered"]:  # saved, nothing answered (Birgitte's ratings)
                assert s.missing, (m.label, s.key)
                continue
            left = record["sections"][s.key]["not_answered"]
            partly = [line.text for line in s.lines if line.aside]
            assert bool(partly) == bool(left), (m.label, s.key, partly, left)
            if left and len(left) <= 2 and all(len(x) <= 45 for x in left):
                assert all(x in partly[0] for x in left)
        if m.label == "Birgitte":  # accepted as shown: the frames and the timeline are hers; no rating is
            framing = next(s for s in plan.sections if s.key == "framing")
            assert not framing.missing and not any(line.aside for line in framing.lines)
            gains = next(s for s in plan.sections if s.key == "gains")
            assert gains.missing  # every rating still "– ikke vurderet –": nothing of it is hers
        assert "Mette (1)" not in text and "Mette (2)" not in text


def row_of(table, label):
    return next(r for r in table.rows if r[0] == label)


def test_the_team_tables_show_the_words_each_control_showed(workshop):
    course, team = workshop["course"], workshop["team"]
    tables = team_tables(team, course)
    by = {(t.section, t.name): t for t in tables}
    for m in team:
        rec = workshop["records"][m.label]["sections"]
        if "gains" in rec and rec["gains"]["answered"]:  # a section saved untouched is not in the table
            shown, answered = rec["gains"]["shown"], set(rec["gains"]["answered"])
            row = row_of(by[("gains", "")], m.label) if m.label in [r[0] for r in by[("gains", "")].rows] else None
            for k, g in enumerate(course.gains, start=1):
                keys = [f"gains.{g.id}.importance", f"gains.{g.id}.likelihood"]
                values = [shown[x] if x in answered else "–" for x in keys]
                want = NOT_ANSWERED if values == ["–", "–"] else " · ".join(values)
                if row is not None:
                    assert row[k] == want, (m.label, g.id, row[k], want)
        if "phases" in rec and rec["phases"]["answered"]:  # a section saved untouched is not in the table
            shown, answered = rec["phases"]["shown"], set(rec["phases"]["answered"])
            table = by[("phases", "")]
            column = table.head.index(m.label)
            for ph in course.phases:
                for f in ph.focus_points:
                    row = next(r for r in table.rows if r[1] == plain_text(f.text, 110))
                    key = f"status.{ph.id}.{f.id}"
                    want = shown[key] if key in answered else NOT_ANSWERED
                    assert row[column] == want, (m.label, key, row[column], want)
        if "directions" in rec and rec["directions"]["answered"]:  # a section saved untouched is not in the table
            shown, answered = rec["directions"]["shown"], set(rec["directions"]["answered"])
            row = row_of(by[("directions", "")], m.label)
            for k, d in enumerate(course.directions, start=1):
                for what in ("need", "attention"):
                    if f"{what}.{d.id}" in answered:
                        assert shown[f"{what}.{d.id}"] in str(row[k]), (m.label, d.id, what, row[k])
    # the frames: the counts are the people whose control showed "fast" / "elastisk" when they saved
    framing = by[("framing", "")]
    for e in course.framing.frame_elements:
        fixed = sum(1 for m in team if "framing" in workshop["records"][m.label]["sections"]
                    and f"fixed.{e.id}" in workshop["records"][m.label]["sections"]["framing"]["answered"]
                    and workshop["records"][m.label]["sections"]["framing"]["model"]["elements"][e.id]["fixed"])
        row = next(r for r in framing.rows if r[0] == e.name)
        assert row[1] == str(fixed), (e.id, row, fixed)


def test_the_questions_name_only_people_who_answered_the_item(workshop):
    course, team = workshop["course"], workshop["team"]
    from samskabelse.sections import NAMES

    areas = {"demands": "gains", "influence": "framing"}  # questions of a section's second area
    for q in disagreements(team, course):
        name = q.section if q.section in NAMES else areas[q.section]
        for m in team:
            if m.label in q.question and m.label != "Mette":  # "Mette" is inside "Mette J."
                assert name in m.models and any(m.models[name].answered), (m.label, q.question)


def test_the_team_pdf_and_slides_carry_every_label_and_value(workshop, tmp_path):
    from pptx import Presentation
    from pypdf import PdfReader

    from samskabelse.kit.team_export import team_overview, write_team_overview

    course, team = workshop["course"], workshop["team"]
    pdf, pptx = write_team_overview(team_overview(team, course), tmp_path)
    pdf_text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    slide_text = " ".join(shape.text_frame.text if shape.has_text_frame else
                          " ".join(c.text for r in shape.table.rows for c in r.cells) if shape.has_table else ""
                          for s in Presentation(pptx).slides for shape in s.shapes)
    for m in team:
        assert m.label in pdf_text and m.label in slide_text, m.label
    gains = next(t for t in team_tables(team, course) if t.section == "gains" and not t.name)
    for row in gains.rows:
        for cell in row[1:]:
            if cell is not NOT_ANSWERED:
                assert cell in slide_text, cell
    assert all(s.name for s in all_sections())
