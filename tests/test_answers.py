"""Saved answers: the file format, saving that never loses data, and loading a team."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from samskabelse import answers as A
from samskabelse.course import REPO_ROOT, load_course
from samskabelse.sections.protocol import AnswerError


@pytest.fixture(scope="module")
def course_da():
    return load_course("da")



@dataclass
class FakeGains:
    """A stand-in model following the protocol in model.py, so these tests do not depend on the widgets."""

    SECTION = "gains"
    weights: dict = field(default_factory=dict)

    def to_dict(self):
        return {"weights": dict(self.weights)}

    @classmethod
    def from_dict(cls, data, course):
        known = {g.id for g in course.gains}
        if not isinstance(data.get("weights"), dict):
            raise AnswerError("gains.weights: not a mapping")
        kept = {k: v for k, v in data["weights"].items() if k in known}
        notes = [f"ukendt gevinst {k!r}" for k in data["weights"] if k not in known]
        return cls(kept), notes


MODELS = {"gains": FakeGains}


def save(path, name, course, **sections):
    return A.save_answers(path, name, course, sections)


# ---------------------------------------------------------------------------------------------
def test_round_trip_keeps_everything(tmp_path, course_da):
    path = tmp_path / "anna.json"
    result = save(path, "  Anna   Ørsted ", course_da, gains=FakeGains({"quality": 4}), phases={"status": {"a": 1}})
    assert result.path == path and not result.redirected and result.backup is None
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["kind"] == "samskabelse-answers" and data["schema"] == A.SCHEMA
    assert data["name"] == "Anna Ørsted" and data["language"] == "da"
    assert data["course"] == {"id": "ledelse-af-samskabelse", "file": "data/da/course.yaml"}
    assert "invented" not in data
    assert list(data["answers"]) == ["gains", "phases"]  # in the course's order
    loaded = A.load_answers(path, course_da, MODELS)
    assert loaded.name == "Anna Ørsted" and loaded.sections == ["gains", "phases"]
    assert loaded.models["gains"] == FakeGains({"quality": 4})
    assert loaded.answers["phases"] == {"status": {"a": 1}}
    # a section without a model is kept and reported, never dropped
    assert any("phases" in n for n in loaded.notes)


def test_saved_in_danish_loaded_in_english_matches_by_id(tmp_path, course_da, en):
    path = tmp_path / "anna.json"
    save(path, "Anna", course_da, gains=FakeGains({"quality": 4}))
    loaded = A.load_answers(path, en, MODELS)
    assert loaded.models["gains"].weights == {"quality": 4}
    assert loaded.notes == []  # the two shipped files are one course


def test_another_course_file_is_reported_and_unmatched_ids_are_noted(tmp_path, course_da):
    path = tmp_path / "anna.json"
    save(path, "Anna", course_da, gains={"weights": {"quality": 4, "no_such_gain": 2}})
    data = json.loads(path.read_text(encoding="utf-8"))
    data["course"] = {"id": "vores-hold", "file": "mit-hold.yaml"}
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = A.load_answers(path, course_da, MODELS)
    assert loaded.models["gains"].weights == {"quality": 4}
    assert any("mit-hold.yaml" in n for n in loaded.notes)
    assert any("no_such_gain" in n for n in loaded.notes)
    assert loaded.answers["gains"]["weights"]["no_such_gain"] == 2  # the raw answers keep it


def test_a_model_that_cannot_read_its_section_gives_a_note(tmp_path, course_da):
    path = tmp_path / "anna.json"
    save(path, "Anna", course_da, gains={"weights": "garbage"}, typology={"x": 1})
    loaded = A.load_answers(path, course_da, MODELS)
    assert "gains" not in loaded.models
    assert any("gains" in n and "not a mapping" in n for n in loaded.notes)
    assert loaded.answers["gains"] == {"weights": "garbage"}


def test_unknown_section_is_kept_and_noted(tmp_path, course_da):
    path = tmp_path / "anna.json"
    save(path, "Anna", course_da, gains={"weights": {}})
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["future_section"] = {"a": 1}
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = A.load_answers(path, course_da, MODELS)
    assert any("future_section" in n for n in loaded.notes)
    A.save_answers(path, "Anna", course_da, {"gains": FakeGains({"economy": 1})})
    assert json.loads(path.read_text(encoding="utf-8"))["answers"]["future_section"] == {"a": 1}


def test_saving_merges_sections_and_keeps_a_backup(tmp_path, course_da):
    path = tmp_path / "anna.json"
    save(path, "Anna", course_da, gains={"weights": {"quality": 1}})
    first = path.read_bytes()
    result = save(path, "anna", course_da, phases={"p": 1})  # same person, other case
    assert result.backup == tmp_path / "anna.json.bak"
    assert result.backup.read_bytes() == first
    assert any("anna.json.bak" in m for m in result.messages)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["answers"] == {"gains": {"weights": {"quality": 1}}, "phases": {"p": 1}}
    # without merge, only the given sections remain (the backup still has the rest)
    A.save_answers(path, "Anna", course_da, {"phases": {"p": 2}}, merge=False)
    assert json.loads(path.read_text(encoding="utf-8"))["answers"] == {"phases": {"p": 2}}


def test_two_saves_in_quick_succession(tmp_path, course_da):
    path = tmp_path / "anna.json"
    for i in range(20):
        save(path, "Anna", course_da, gains={"weights": {"quality": i}})
    assert json.loads(path.read_text(encoding="utf-8"))["answers"]["gains"]["weights"]["quality"] == 19
    assert json.loads((tmp_path / "anna.json.bak").read_text(encoding="utf-8"))["answers"]["gains"] == {
        "weights": {"quality": 18}}
    # no temporary files left; the owner's hidden lock file stays (see answers.lock_path)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["anna.json",
                                                                                          "anna.json.bak"]


def test_two_saves_from_two_threads_leave_one_whole_file(tmp_path, course_da):
    import threading

    path = tmp_path / "anna.json"
    errors = []

    def worker(i):
        try:
            for j in range(10):
                save(path, "Anna", course_da, gains={"weights": {"quality": i * 100 + j}})
        except Exception as exc:  # pragma: no cover - shown by the assertion
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert A.load_answers(path, course_da, MODELS).name == "Anna"  # always a complete, valid file
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("content, field_or_word", [
    (b"{not json", "JSON"),
    (b"", None),
    (b"\xff\xfe garbage", "UTF-8"),
    (b"[1, 2]", None),
    (b'{"kind": "something-else"}', "kind"),
    (b'{"kind": "samskabelse-answers", "schema": 1}', "name"),
    (b'{"kind": "samskabelse-answers", "schema": "1", "name": "A"}', "schema"),
])
def test_a_corrupt_file_is_not_overwritten(tmp_path, en, content, field_or_word):
    path = tmp_path / "anna.json"
    path.write_bytes(content)
    with pytest.raises(A.AnswersFileError) as info:
        A.load_answers(path, en)
    assert "anna.json" in str(info.value)
    if field_or_word:
        assert field_or_word in str(info.value)
    result = save(path, "Anna", en, gains={"weights": {"quality": 3}})
    assert path.read_bytes() == content  # untouched
    assert result.redirected and result.path == tmp_path / "anna-2.json"
    assert "anna.json" in result.messages[-1] and "anna-2.json" in result.messages[-1]
    assert "not overwritten" in result.messages[-1]
    assert A.load_answers(result.path, en, MODELS).models["gains"].weights == {"quality": 3}
    # the next save goes to the same rescue file, which is Anna's own (its previous version kept as .bak)
    again = save(path, "Anna", en, gains={"weights": {"quality": 4}})
    assert again.path == tmp_path / "anna-2.json" and again.backup == tmp_path / "anna-2.json.bak"
    assert "anna.json" in again.messages[1] and path.read_bytes() == content
    assert A.load_answers(again.backup, en, MODELS).models["gains"].weights == {"quality": 3}


def test_a_file_from_a_newer_schema_is_refused_with_the_reason(tmp_path, course_da):
    path = tmp_path / "bo.json"
    save(path, "Bo", course_da, gains={"weights": {}})
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema"] = A.SCHEMA + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(A.AnswersFileError) as info:
        A.load_answers(path, course_da)
    message = str(info.value)
    assert "bo.json" in message and "schema" in message and "nyere version" in message
    assert info.value.field == "schema"
    result = save(path, "Bo", course_da, gains={"weights": {"quality": 5}})
    assert path.read_bytes() == before
    assert result.path.name == "bo-2.json" and "nyere version" in result.messages[-1]


def test_someone_elses_file_is_not_overwritten(tmp_path, en):
    path = tmp_path / "anna.json"
    save(path, "Anna", en, gains={"weights": {"quality": 1}})
    result = save(path, "Änna", en, gains={"weights": {"quality": 2}})  # same file name, another person
    assert result.path.name == "anna-2.json" and "belongs to Anna" in result.messages[-1]
    assert A.load_answers(path, en).name == "Anna"


def test_a_missing_folder_is_created(tmp_path, en):
    path = tmp_path / "not" / "yet" / "anna.json"
    result = save(path, "Anna", en, gains={"weights": {}})
    assert result.path.exists()


def test_a_folder_that_cannot_be_written_gives_a_clear_error_and_keeps_the_answers(tmp_path, en):
    blocker = tmp_path / "answers"
    blocker.write_text("a file where the folder should be", encoding="utf-8")  # root ignores chmod; this it cannot
    with pytest.raises(A.SaveError) as info:
        save(blocker / "anna.json", "Anna", en, gains={"weights": {"quality": 3}})
    assert "anna.json" in str(info.value) and "download" in str(info.value)
    assert info.value.payload["answers"]["gains"] == {"weights": {"quality": 3}}


def test_a_read_only_folder_gives_a_clear_error_and_leaves_the_old_file(tmp_path, en, monkeypatch):
    path = tmp_path / "anna.json"
    save(path, "Anna", en, gains={"weights": {"quality": 1}})
    before = path.read_bytes()

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)  # every temporary file of the package (base.files)
    with pytest.raises(A.SaveError) as info:
        save(path, "Anna", en, gains={"weights": {"quality": 2}})
    assert "Permission denied" in str(info.value)
    assert path.read_bytes() == before


def test_a_failed_rename_leaves_no_temporary_file(tmp_path, en, monkeypatch):
    path = tmp_path / "anna.json"
    save(path, "Anna", en, gains={"weights": {"quality": 1}})
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(A.os, "replace", broken_replace)
    with pytest.raises(A.SaveError):
        save(path, "Anna", en, gains={"weights": {"quality": 2}})
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_empty_name_and_unknown_section_are_refused_before_writing(tmp_path, course_da):
    with pytest.raises(ValueError, match="navn"):
        save(tmp_path / "x.json", "   ", course_da, gains={})
    with pytest.raises(ValueError, match="Ukendt afsnit"):
        save(tmp_path / "x.json", "A", course_da, nonsense={})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, stem", [
    ("Anna", "anna"), ("Anne-Marie Ørsted", "anne-marie-oersted"), ("Åse Bæk", "aase-baek"),
    ("<script>alert(1)</script>", "script-alert-1-script"), ("../../etc/passwd", "etc-passwd"),
    ("", "deltager"), ("???", "deltager"), ("x" * 500, "x" * 60),
])
def test_file_names_are_safe(name, stem):
    assert A.file_stem(name) == stem
    assert A.answers_path(name, "answers") == Path("answers") / f"{stem}.json"


def test_names_with_html_are_escaped_when_shown(tmp_path, en):
    name = '<script>alert("x")</script><b>Bo</b>'
    save(tmp_path / "bo.json", name, en, gains={"weights": {}})
    loaded = A.load_answers(tmp_path / "bo.json")
    assert loaded.name == name  # stored as typed
    shown = loaded.display_name()
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "<b>" not in shown


def test_answers_folder_setting(monkeypatch):
    monkeypatch.delenv(A.FOLDER_ENV_VAR, raising=False)
    assert A.answers_folder() == Path("answers")
    monkeypatch.setenv(A.FOLDER_ENV_VAR, "/tmp/holdet")
    assert A.answers_folder() == Path("/tmp/holdet")
    assert A.answers_folder("x") == Path("x")


# ---------------------------------------------------------------------------------------------
def test_load_team_reports_bad_files_and_loads_the_rest(tmp_path, course_da):
    save(tmp_path / "anna.json", "Anna", course_da, gains={"weights": {"quality": 1}})
    save(tmp_path / "bo.json", "Bo", course_da, gains={"weights": {"quality": 5}})
    save(tmp_path / "bo.json", "Bo", course_da, gains={"weights": {"quality": 4}})  # leaves bo.json.bak
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an answers file", encoding="utf-8")
    team, problems = A.load_team(tmp_path, course_da, MODELS)
    assert [m.name for m in team] == ["Anna", "Bo"]
    assert team[1].models["gains"].weights == {"quality": 4}
    assert len(problems) == 1 and "broken.json" in problems[0] and "JSON" in problems[0]


def test_load_team_missing_or_empty_folder(tmp_path, en):
    team, problems = A.load_team(tmp_path / "nowhere", en)
    assert team == [] and "nowhere" in problems[0] and "does not exist" in problems[0]
    team, problems = A.load_team(tmp_path, en)
    assert team == [] and "no answer files" in problems[0]
    (tmp_path / "f").write_text("", encoding="utf-8")
    team, problems = A.load_team(tmp_path / "f", en)
    assert team == [] and "not a folder" in problems[0]


def test_load_team_takes_one_participants_two_files_as_one_person(tmp_path, en):
    save(tmp_path / "anna.json", "Anna", en, gains={"weights": {}})
    save(tmp_path / "anna-kopi.json", "anna", en, gains={"weights": {}})  # the same participant, another name case
    loaded = A.load_team(tmp_path, en)
    assert len(loaded.team) == 1 and loaded.problems == [] and "anna-kopi.json" in loaded.notes[0]


def test_a_file_can_be_read_without_a_course(tmp_path, en):
    save(tmp_path / "anna.json", "Anna", en, gains={"weights": {}})
    loaded = A.load_answers(tmp_path / "anna.json")
    assert loaded.models == {} and loaded.notes == [] and loaded.language == "en"


def test_the_files_messages_exist_in_both_languages():
    assert set(A.MESSAGES["da"]) == set(A.MESSAGES["en"])


def test_saved_time_is_utc_iso(tmp_path, en):
    from datetime import datetime

    result = save(tmp_path / "a.json", "A", en, gains={})
    stamp = datetime.fromisoformat(result.payload["saved"])
    assert stamp.utcoffset().total_seconds() == 0
    assert os.path.getsize(result.path) > 0


def test_notes_quote_the_file_escaped(tmp_path, en):
    path = tmp_path / "anna.json"
    save(path, "Anna", en, gains={"weights": {}})
    data = json.loads(path.read_text(encoding="utf-8"))
    data["course"] = {"id": "<b>x</b>", "file": "<script>alert(1)</script>.yaml"}
    data["answers"]["<img src=x>"] = {}
    path.write_text(json.dumps(data), encoding="utf-8")
    notes = " ".join(A.load_answers(path, en, MODELS).notes)
    assert "<script>" not in notes and "<img" not in notes and "<b>" not in notes
    assert "&lt;script&gt;" in notes and "&lt;img src=x&gt;" in notes


# ---------------------------------------------------------------------------------------------
# The real widget models, through the example team (every section answered, values away from the defaults)
def test_every_widget_model_is_found():
    assert sorted(A.model_classes()) == sorted(A.SECTIONS)


@pytest.mark.parametrize("path", sorted(A.EXAMPLE_TEAM.glob("*.json")), ids=lambda p: p.name)
def test_every_section_round_trips_through_its_model(tmp_path, path, course_da, en):
    original = A.load_answers(path, course_da)
    assert original.invented and original.notes == [] and sorted(original.models) == sorted(A.SECTIONS)
    for course in (course_da, en):
        loaded = A.load_answers(path, course)
        again = A.save_answers(tmp_path / f"{course.language}.json", loaded.name, course, loaded.models)
        reread = A.load_answers(again.path, course)
        assert reread.notes == []
        for section in A.SECTIONS:
            assert reread.models[section].to_dict() == loaded.models[section].to_dict(), section
            assert reread.answers[section] == loaded.models[section].to_dict(), section


def test_answers_saved_with_another_course_file_are_matched_by_id(tmp_path, course_da):
    """The worked example adds a gain and two frame elements; the shipped answers still load, and what is new
    or gone is reported, not dropped."""
    from samskabelse.course import read_course

    adapted = read_course(REPO_ROOT / "exercises" / "da" / "eksempel-hold-havneby.yaml", "da")
    loaded = A.load_answers(A.EXAMPLE_TEAM / "anna.json", adapted)
    assert sorted(loaded.models) == sorted(A.SECTIONS)
    notes = " ".join(loaded.notes)
    assert "data/da/course.yaml" in notes  # said which course file the answers were saved with
    assert loaded.models["gains"].gains["quality"].importance == 5  # matched by id
    saved = A.save_answers(tmp_path / "anna.json", "Anna", adapted, loaded.models)
    assert "less_loneliness" in saved.payload["answers"]["gains"]["gains"]  # the adapted course's own gain
