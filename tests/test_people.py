"""People told apart by who they are (issue 20, item 5).

Two participants typed "Mette": they used to become "Mette (1)" and "Mette (2)" in the order their files arrived,
neither knew her number, and 08 listed the shared name among the files that could not be read. Now the save box
asks the second Mette for an initial or surname before it saves, and that label is the one on her plan, in 08's
tables, figure, text alternative and questions, whatever the order the files arrive in. Files that give no other
way (no owner, or two sessions on Binder) are numbered by something stable, and the facilitator can name them in
08. One participant's file uploaded twice is one person.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from samskabelse import answers as A
from samskabelse.answers.save_box import TEXT as BOX
from samskabelse.answers.save_box import quoted, save_box
from samskabelse.answers.upload import save_uploads
from samskabelse.course import load_course
from samskabelse.sections.gains import GainsModel


@pytest.fixture(scope="module")
def courses():
    return {lang: load_course(lang) for lang in ("da", "en")}


@pytest.fixture(autouse=True)
def not_on_binder(monkeypatch):
    for var in A.BINDER_ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


def gains(course, importance: int) -> GainsModel:
    model = GainsModel.for_course(course)
    model.rate(course.gains[0].id, importance=importance, likelihood=importance)
    return model


def as_participant(monkeypatch, tmp_path, who: str) -> None:
    """Another person: their own configuration folder (their own participant id)."""
    monkeypatch.setenv(A.CONFIG_ENV, str(tmp_path / f"config-{who}"))


# ---------------------------------------------------------------------------------------------
# The save box
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_save_box_asks_a_second_mette_for_an_initial_before_it_saves(tmp_path, courses, monkeypatch, lang):
    course, folder = courses[lang], tmp_path / "answers"
    as_participant(monkeypatch, tmp_path, "hansen")
    first = save_box(course, gains(course, 5), folder=folder)
    first.name.value = "Mette"
    first.save()
    assert (folder / "mette.json").exists()

    as_participant(monkeypatch, tmp_path, "jensen")
    second = save_box(course, gains(course, 1), folder=folder)
    second.name.value = "Mette "
    second.save()
    assert sorted(p.name for p in folder.glob("*.json")) == ["mette.json"], "nothing is saved before she answers"
    assert "role='alert'" in second.status.value and "Mette" in second.status.value
    assert second.addition.layout.display != "none" and second.addition.description == BOX[lang]["addition"]
    second.addition.value = "Jensen"
    assert second.button.description == BOX[lang]["save_as"].format(name=quoted("Mette J.", lang))
    second.save()
    data = json.loads((folder / "mette-j.json").read_text(encoding="utf-8"))
    assert data["name"] == "Mette J." and second.name.value == "Mette J."
    assert second.addition.layout.display == "none" and A.remembered_name() == "Mette J."

    as_participant(monkeypatch, tmp_path, "juhl")  # a third Mette: "Mette J." is taken too, so her surname
    third = save_box(course, gains(course, 3), folder=folder)
    third.name.value = "Mette"
    third.save()
    third.addition.value = "Mette Juhl"  # the whole name typed: the short form first, then the whole
    third.save()
    assert json.loads((folder / "mette-juhl.json").read_text(encoding="utf-8"))["name"] == "Mette Juhl"

    as_participant(monkeypatch, tmp_path, "hansen")  # the first Mette saves again: her own file, no question
    again = save_box(course, gains(course, 4), folder=folder)
    assert again.name.value == "Mette"
    again.save()
    assert "role='alert'" not in again.status.value and again.result.path == folder / "mette.json"


def test_the_options_from_an_initial_a_surname_or_a_whole_name():
    assert A.name_options("Mette", "h") == ["Mette H."]
    assert A.name_options("Mette", "H.") == ["Mette H."]
    assert A.name_options("Mette", "Hansen") == ["Mette H.", "Mette Hansen"]
    assert A.name_options("mette", "Mette  Holm Hansen") == ["mette H.", "mette Holm Hansen"]
    assert A.name_options("Mette", "  ") == []


# ---------------------------------------------------------------------------------------------
# The team: labels that do not depend on the order of arrival
def _two_mettes_at_home(tmp_path, course, monkeypatch) -> list[bytes]:
    """Two Mettes save on their own machines (Binder, laptops): each file is mette.json, "Mette", own owner."""
    files = []
    for who, importance in (("hansen", 5), ("jensen", 1)):
        as_participant(monkeypatch, tmp_path, who)
        path = A.save_answers(tmp_path / who / "mette.json", "Mette", course, {"gains": gains(course, importance)}).path
        files.append(path.read_bytes())
    as_participant(monkeypatch, tmp_path, "facilitator")
    return files


def _labels_by_owner(folder, course) -> dict[str, str]:
    team, _ = A.load_team(folder, course)
    return {m.owner: m.label for m in team}


def test_the_labels_do_not_depend_on_the_order_the_files_arrive_in(tmp_path, courses, monkeypatch):
    course = courses["da"]
    hansen, jensen = _two_mettes_at_home(tmp_path, course, monkeypatch)
    save_uploads([("mette.json", hansen), ("mette.json", jensen)], tmp_path / "first", "da")
    save_uploads([("mette.json", jensen), ("mette.json", hansen)], tmp_path / "second", "da")
    first, second = _labels_by_owner(tmp_path / "first", course), _labels_by_owner(tmp_path / "second", course)
    assert first == second and len(set(first.values())) == 2


def test_a_shared_name_is_information_not_a_file_that_could_not_be_read(tmp_path, courses, monkeypatch):
    from samskabelse.answers.team import TEXT as TEAM
    from samskabelse.answers.team import team_answers

    course = courses["da"]
    hansen, jensen = _two_mettes_at_home(tmp_path, course, monkeypatch)
    save_uploads([("mette.json", hansen), ("mette.json", jensen)], tmp_path / "team", "da")
    loaded = A.load_team(tmp_path / "team", course)
    team, problems = loaded
    assert problems == [] and any("Mette" in n for n in loaded.notes)
    view = team_answers(course, tmp_path / "team")
    assert TEAM["da"]["problems"] not in view.status.value
    assert "samskabelse-info" in view.status.value and "mette-2.json" in view.status.value


def test_the_facilitator_names_two_mettes_once_in_08_and_everything_follows(tmp_path, courses, monkeypatch):
    from samskabelse.answers.team import team_answers

    course = courses["da"]
    hansen, jensen = _two_mettes_at_home(tmp_path, course, monkeypatch)
    save_uploads([("mette.json", jensen), ("mette.json", hansen)], tmp_path / "team", "da")
    view = team_answers(course, tmp_path / "team")
    assert len(view.who_fields) == 2  # "Hvem er hvem?": one field per Mette, named by her file and save time
    for field in view.who_fields:
        data = json.loads((tmp_path / "team" / field.file).read_text(encoding="utf-8"))
        field.value = "H" if data["answers"]["gains"]["gains"][course.gains[0].id]["importance"] == 5 else "J"
    view.apply_names()
    labels = {m.label: m for m in view.team}
    assert set(labels) == {"Mette H.", "Mette J."} and not view.who_fields
    assert "Mette H. og Mette J." in view.alt_html
    view = team_answers(course, tmp_path / "team")  # a new session: the names are kept with the team's files
    assert {m.label for m in view.team} == {"Mette H.", "Mette J."}
    legend = [t.get_text() for t in view.figures[0].figure.legends[0].get_texts()]
    assert "Mette H." in legend and "Mette J." in legend


def test_two_old_files_of_one_name_are_numbered_by_when_they_were_saved(tmp_path, courses):
    course = courses["da"]
    folder = tmp_path / "team"
    for file, saved in (("mette.json", "2026-11-24T12:00:00+00:00"), ("mette-2.json", "2026-11-24T09:00:00+00:00")):
        data = json.loads((A.EXAMPLE_TEAM / "anna.json").read_text(encoding="utf-8"))
        data.pop("owner"), data.pop("invented")
        data.update(name="Mette", saved=saved)
        folder.mkdir(exist_ok=True)
        (folder / file).write_text(json.dumps(data), encoding="utf-8")
    team, problems = A.load_team(folder, course)
    assert {m.path.name: m.label for m in team} == {"mette-2.json": "Mette (1)", "mette.json": "Mette (2)"}


# ---------------------------------------------------------------------------------------------
# One person, two files
def test_one_participant_uploaded_twice_is_one_person_the_newest_save(tmp_path, courses, monkeypatch):
    course = courses["da"]
    as_participant(monkeypatch, tmp_path, "mette")
    home = tmp_path / "home"
    A.save_answers(home / "mette.json", "Mette", course, {"gains": gains(course, 2)},
                   now=A.datetime(2026, 11, 24, 9, tzinfo=A.UTC))
    first = (home / "mette.json").read_bytes()
    from samskabelse.sections.phases import PhaseReadiness

    phases = PhaseReadiness.new(course)
    phases.set(course.phases[0].id, course.phases[0].focus_points[0].id, "in_place", course)
    A.save_answers(home / "mette.json", "Mette", course, {"gains": gains(course, 4), "phases": phases},
                   now=A.datetime(2026, 11, 24, 10, tzinfo=A.UTC))
    second = (home / "mette.json").read_bytes()
    for order, folder in (((first, second), "a"), ((second, first), "b")):
        save_uploads([("mette.json", data) for data in order], tmp_path / folder, "da")
        loaded = A.load_team(tmp_path / folder, course)
        team, problems = loaded
        assert [m.label for m in team] == ["Mette"] and problems == []
        assert set(team[0].models) == {"gains", "phases"}  # the newest save
        note = " ".join(loaded.notes)
        assert "mette.json" in note and "mette-2.json" in note


# ---------------------------------------------------------------------------------------------
# The label everywhere: plan, 08's tables, figure, text alternative and questions
def test_the_label_is_the_one_on_the_plan_and_everywhere_in_08(tmp_path, courses, monkeypatch):
    from samskabelse.answers.plan import build_plan
    from samskabelse.answers.team import disagreements, team_answers

    course, folder = courses["da"], tmp_path / "answers"
    for who, importance, addition in (("hansen", 5, ""), ("jensen", 1, "J")):
        as_participant(monkeypatch, tmp_path, who)
        box = save_box(course, gains(course, importance), folder=folder)
        box.name.value = "Mette"
        box.save()
        if addition:
            box.addition.value = addition
            box.save()
    view = team_answers(course, folder)
    assert sorted(m.label for m in view.team) == ["Mette", "Mette J."]
    assert "Mette og Mette J." in view.alt_html
    question = next(d.question for d in disagreements(view.team, course))
    assert "Mette J." in question and re.search(r"Mette(?! J\.)", question)
    assert "Mette J." in view.tables.value and "Mette J." in view.questions.value
    assert "J.." not in view.status.value  # a label that ends a sentence ends it once
    from samskabelse.answers.team import one_period

    assert one_period("Ikke startet: Mette J.. Hvad ved I?", view.team) == "Ikke startet: Mette J. Hvad ved I?"
    plans = {m.label: build_plan(m, course) for m in view.team}
    assert plans["Mette J."].name == "Mette J." and "Mette J." in plans["Mette J."].meta
    shutil.rmtree(folder)


# ---------------------------------------------------------------------------------------------
# The three settings
def test_on_a_hub_the_save_box_asks_too_and_users_of_one_name_are_told_apart_by_user(tmp_path, courses,
                                                                                      monkeypatch):
    """A hub's shared folder: the second hub user typing "Mette" is asked, and saves as "Mette J." in her own
    file (named after her user); two hub users of one name in their own folders are told apart by user name."""
    course, shared = courses["da"], tmp_path / "shared"
    monkeypatch.setenv("JUPYTERHUB_USER", "mhansen")
    box = save_box(course, gains(course, 5), folder=shared)
    assert BOX["da"]["same_name_hint"] in box.intro.value  # others' files may be elsewhere: advised once
    box.name.value = "Mette"
    box.save()
    monkeypatch.setenv("JUPYTERHUB_USER", "mjensen")
    box = save_box(course, gains(course, 1), folder=shared)
    box.name.value = "Mette"
    box.save()
    assert not (shared / "mjensen.json").exists() and box.asking
    box.addition.value = "J"
    box.save()
    assert json.loads((shared / "mjensen.json").read_text(encoding="utf-8"))["name"] == "Mette J."

    team = tmp_path / "volume"  # Zero to JupyterHub: each user's own folder, collected one level down
    for user in ("mhansen", "mjensen"):
        monkeypatch.setenv("JUPYTERHUB_USER", user)
        A.save_answers(A.answers_path("Mette", team / user), "Mette", course, {"gains": gains(course, 3)})
    assert sorted(m.label for m in A.load_team(team, course).team) == ["Mette (mhansen)", "Mette (mjensen)"]


def test_on_one_shared_account_with_one_configuration_the_same_name_is_the_same_person(tmp_path, courses,
                                                                                        monkeypatch):
    """People who share a system account and its configuration folder share the participant id: the same name is
    then one person to the course (their saves merge into one file). The box cannot tell them apart; the docs
    say to add an initial there."""
    course, folder = courses["da"], tmp_path / "answers"
    as_participant(monkeypatch, tmp_path, "laptop")
    for importance in (5, 1):
        box = save_box(course, gains(course, importance), folder=folder)
        box.name.value = "Mette"
        box.save()
        assert not box.asking
    assert [p.name for p in folder.glob("*.json")] == ["mette.json"]
