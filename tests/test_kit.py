"""make kit: the whole kit for a course file in one folder, with a contents file that lists what is there."""

from __future__ import annotations

import subprocess
import sys

from kit_readers import pptx_slides

from samskabelse.course import REPO_ROOT, read_course
from samskabelse.kit import main
from samskabelse.kit.slides import deck_pages

ADAPTED = REPO_ROOT / "exercises" / "da" / "eksempel-hold-havneby.yaml"


def test_make_kit_for_an_adapted_file_lists_everything_it_holds(tmp_path):
    """`make kit COURSE=... TEAM=... REPO=...`, as the exercises README says (one build: kits are not free)."""
    team = REPO_ROOT / "data" / "example-team" / "da"
    command = ["make", "-s", "kit", f"COURSE={ADAPTED}", f"KIT_DIR={tmp_path}", f"TEAM={team}",
               "REPO=kommune/samskabelse", f"PYTHON={sys.executable}"]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    contents = (tmp_path / "INDHOLD.md").read_text(encoding="utf-8")
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert "INDHOLD.md" in files and "links.md" in files and "dias.pptx" in files
    assert "vejledninger/workshop-halv-dag.pdf" in files
    assert "holdets-svar/holdets-svar.pdf" in files
    for name in ("anna", "bo", "camilla", "dennis", "emine"):  # every participant's plan, in three formats
        for ext in ("pdf", "docx", "md"):
            assert any(f.startswith("holdets-svar/") and f"{name}-plan.{ext}" in f for f in files), (name, ext)
    slides = pptx_slides(tmp_path / "dias.pptx")
    intro = len(deck_pages(read_course(ADAPTED, "da")))
    assert len(slides) > intro and slides[intro].startswith("Hvor vigtig er gevinsten?")  # then the team's
    for f in files:
        if f != "INDHOLD.md":
            assert f"`{f}`" in contents, f  # every file is listed
    assert "eksempel-hold-havneby.yaml" in contents
    assert any(f.startswith("arbejdsark/") and f.endswith(".pdf") for f in files)
    assert "Kittet ligger i" in result.stdout
    assert len([f for f in files if f.startswith("arbejdsark/")]) == 4


def test_a_broken_course_file_gets_the_course_check_message_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "mit-hold.yaml"
    bad.write_text(ADAPTED.read_text(encoding="utf-8").replace("schema: 1", "schema: [1", 1), encoding="utf-8")
    assert main([str(bad), "--out", str(tmp_path / "kit")]) == 1
    err = capsys.readouterr().err
    assert "mit-hold.yaml" in err and "Traceback" not in err
    assert not (tmp_path / "kit").exists()


def test_a_part_that_fails_is_named_with_what_to_do_and_the_rest_is_built(tmp_path, capsys, monkeypatch):
    """Whatever goes wrong in one part (here the slides: an error nobody foresaw), the others are built, the
    facilitator reads what failed and what to do, in the course file's language, and never a traceback."""
    import samskabelse.kit.slides

    def broken(*_args, **_kwargs):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(samskabelse.kit.slides, "write_deck", broken)
    assert main([str(ADAPTED), "--out", str(tmp_path / "kit")]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "Dias til intro-punkterne (PowerPoint) kunne ikke laves: RuntimeError: injected failure" in captured.err
    assert "skriv til den, der vedligeholder kurset" in captured.err and "mangler noget" in captured.err
    built = {p.relative_to(tmp_path / "kit").as_posix() for p in (tmp_path / "kit").rglob("*.pdf")}
    assert "arbejdsark/1-hvorfor-samskabe.pdf" in built and "vejledninger/workshop-halv-dag.pdf" in built


def test_a_folder_that_cannot_be_written_is_named(tmp_path, capsys):
    blocked = tmp_path / "fil"
    blocked.write_text("not a folder", encoding="utf-8")
    assert main([str(ADAPTED), "--out", str(blocked / "kit")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "KIT_DIR=" in err and "fil" in err
