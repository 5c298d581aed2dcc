"""The save box, driven in Python as a participant would use it."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field

import pytest

from samskabelse import answers as A
from samskabelse.answers.save_box import BINDER_ENV_VARS, SaveBox, save_box
from samskabelse.course import load_course


@dataclass
class FakePhases:
    SECTION = "phases"
    status: dict = field(default_factory=lambda: {"x": 1})

    def to_dict(self):
        return {"status": dict(self.status)}

    @classmethod
    def from_dict(cls, data, course):
        return cls(dict(data["status"])), []


class FakeWidget:
    def __init__(self):
        self.model = FakePhases()


@pytest.fixture(autouse=True)
def not_on_binder(monkeypatch, tmp_path):
    for var in BINDER_ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv(A.CONFIG_ENV, str(tmp_path / "participant"))  # a participant who has not saved yet


@pytest.fixture(scope="module")
def course():
    return load_course("da")


def test_save_writes_the_persons_file_and_says_where(tmp_path, course):
    box = save_box(course, FakeWidget(), folder=tmp_path)
    assert "samskabelse-save" in box.box._dom_classes and "faser (03)" in box.intro.value
    box.name.value = "  Anne-Marie  Ørsted "
    box.button.click()
    path = tmp_path / "anne-marie-oersted.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["name"] == "Anne-Marie Ørsted" and data["answers"] == {"phases": {"status": {"x": 1}}}
    assert "Gemt i" in box.status.value and "anne-marie-oersted.json" in box.status.value
    assert "download" not in box.status.value  # not on Binder, nothing refused
    # a second save keeps the previous version and says so
    box.button.click()
    assert (tmp_path / "anne-marie-oersted.json.bak").exists() and ".bak" in box.status.value


def test_the_name_is_remembered_from_the_participants_last_save(tmp_path, course):
    box = save_box(course, FakeWidget(), folder=tmp_path)
    assert box.name.value == ""
    box.name.value = "Bo"
    box.save()
    assert save_box(course, FakeWidget(), folder=tmp_path).name.value == "Bo"


def test_no_name_gives_feedback_not_an_exception(tmp_path, course):
    box = save_box(course, FakeWidget(), folder=tmp_path)
    box.name.value = "   "
    box.button.click()
    assert "Skriv dit navn" in box.status.value
    assert list(tmp_path.iterdir()) == []


def test_a_name_with_html_is_escaped_in_the_status(tmp_path, course):
    box = save_box(course, FakeWidget(), folder=tmp_path)
    box.name.value = "<script>alert(1)</script>"
    box.save()
    assert (tmp_path / "script-alert-1-script.json").exists()
    assert "&lt;script&gt;" in box.status.value and "<script>" not in box.status.value  # "Gemt under navnet »…«"
    box.name.value = "<img src=x onerror=alert(1)>"
    box.save()
    assert "<script>" not in box.status.value and "<img" not in box.status.value
    # someone else's file with the same file name: the refusal quotes both names, escaped
    box.name.value = "Script alert 1 script"
    box.save()
    assert "script-alert-1-script-2.json" in box.status.value
    assert "&lt;script&gt;" in box.status.value and "<script>" not in box.status.value


def test_on_binder_the_box_says_the_session_is_temporary_and_offers_a_download(tmp_path, course, monkeypatch):
    monkeypatch.setenv("BINDER_SERVICE_HOST", "10.0.0.1")
    box = SaveBox(course, FakeWidget(), folder=tmp_path)
    assert "midlertidig" in box.intro.value
    box.name.value = "Anna"
    box.save()
    href = re.search(r"href='data:application/json;charset=utf-8;base64,([^']+)'", box.status.value)
    assert href and "download='anna.json'" in box.status.value
    assert json.loads(base64.b64decode(href.group(1)))["answers"]["phases"] == {"status": {"x": 1}}


def test_when_nothing_can_be_written_the_answers_can_still_be_downloaded(tmp_path, course):
    blocker = tmp_path / "answers"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    box = save_box(course, FakeWidget(), folder=blocker)
    box.name.value = "Anna"
    box.save()
    assert "kunne ikke gemmes" in box.status.value and "Intet er gået tabt" in box.status.value
    href = re.search(r"base64,([^']+)'", box.status.value)
    assert json.loads(base64.b64decode(href.group(1)))["name"] == "Anna"


def test_a_corrupt_file_is_kept_and_the_answers_go_beside_it(tmp_path, course):
    (tmp_path / "anna.json").write_text("{broken", encoding="utf-8")
    box = save_box(course, FakeWidget(), folder=tmp_path)
    box.name.value = "Anna"
    box.save()
    assert (tmp_path / "anna.json").read_text(encoding="utf-8") == "{broken"
    assert "anna-2.json" in box.status.value and "samskabelse-warning" in box.status.value
    assert A.load_answers(tmp_path / "anna-2.json").answers["phases"] == {"status": {"x": 1}}


def test_something_that_is_not_a_model_is_refused_at_once(course):
    with pytest.raises(TypeError, match="neither"):
        save_box(course, object())
