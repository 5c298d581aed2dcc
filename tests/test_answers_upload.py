"""Uploading answer files (notebooks 08 and 02): into the team's folder, read by the one loader, nothing replaced."""

from __future__ import annotations

import json

from samskabelse.answers import EXAMPLE_TEAM, load_team
from samskabelse.answers.upload import UploadAnswers, safe_name, save_uploads


def example(name: str) -> bytes:
    return (EXAMPLE_TEAM / f"{name}.json").read_bytes()


def test_uploads_land_in_the_folder_and_the_team_loads(tmp_path, da):
    result = save_uploads([("anna.json", example("anna")), ("bo.json", example("bo"))], tmp_path / "holdet", "da")
    assert [p.name for p in result.saved] == ["anna.json", "bo.json"] and not result.notes
    team, problems = load_team(tmp_path / "holdet", da)
    assert sorted(m.name for m in team) == ["Anna", "Bo"] and not problems


def test_nothing_is_replaced(tmp_path):
    folder = tmp_path / "holdet"
    save_uploads([("anna.json", example("anna"))], folder, "da")
    again = save_uploads([("anna.json", example("anna"))], folder, "da")
    assert not again.saved and "samme indhold" in again.notes[0]
    other = save_uploads([("anna.json", example("bo"))], folder, "da")
    assert [p.name for p in other.saved] == ["anna-2.json"] and "anna-2.json" in other.notes[0]
    assert (folder / "anna.json").read_bytes() == example("anna")


def test_an_invalid_upload_gets_the_loaders_note(tmp_path, da):
    folder = tmp_path / "holdet"
    result = save_uploads([("broken.json", b'{"kind": "samskabelse-answers", '), ("notes.txt", b"hello"),
                           ("big.json", b" " * (5 * 1024 * 1024 + 1))], folder, "da")
    assert [p.name for p in result.saved] == ["broken.json"]
    assert any("notes.txt" in n and ".json" in n for n in result.notes)
    assert any("big.json" in n and "MB" in n for n in result.notes)
    team, problems = load_team(folder, da)
    assert not team and len(problems) == 1 and "broken.json" in problems[0]  # the note a file on disk gets


def test_file_names_are_made_safe(tmp_path):
    assert safe_name("../../etc/passwd.json") == "passwd.json"
    assert safe_name("C:\\Users\\mette\\mette.json") == "mette.json"
    assert safe_name("Søren <b>.json") == "soeren-b.json"  # the one slug (base.files): ASCII, no markup characters
    assert safe_name(".json") == "svar.json"
    result = save_uploads([("../ude.json", example("anna"))], tmp_path / "holdet", "da")
    assert result.saved == [tmp_path / "holdet" / "ude.json"] and not (tmp_path / "ude.json").exists()


def test_the_widget_saves_and_calls_back(tmp_path, da):
    seen = []
    box = UploadAnswers(da, folder_of=lambda: tmp_path / "holdet", on_saved=seen.append)
    from datetime import UTC, datetime

    box.upload.value = ({"name": "dennis.json", "type": "application/json", "size": 10,
                         "content": memoryview(example("dennis")), "last_modified": datetime.now(UTC)},)
    assert seen == [tmp_path / "holdet"]
    assert "dennis.json" in box.status.value and (tmp_path / "holdet" / "dennis.json").exists()
    assert "FileUpload" in type(box.upload).__name__ and box.upload.accept.startswith(".json")
    box.receive([("x <script>.json", json.dumps({"a": 1}).encode())])
    assert "<script>" not in box.status.value


def test_uploads_reach_notebook_02s_team_comparison(tmp_path, en, monkeypatch):
    from samskabelse.answers.compare import compare_team
    from samskabelse.answers.upload import upload_answers

    monkeypatch.chdir(tmp_path)
    view = compare_team(en)
    box = upload_answers(view)
    box.receive([("camilla.json", example("camilla"))])
    assert view.folder.value == "team" and (tmp_path / "team" / "camilla.json").exists()
    assert [m.label for m in view.members] == ["Camilla"]
