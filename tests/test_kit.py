"""make kit: the whole kit for a course file in one folder, with a contents file that lists what is there."""

from __future__ import annotations

import json
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
    # built again by the command the contents file gives: every source named, the team and the links too
    assert f"`make kit COURSE={ADAPTED.relative_to(REPO_ROOT)} TEAM=data/example-team/da " \
           "REPO=kommune/samskabelse`" in contents
    assert "notebook 10 (For facilitatorer)" in contents.split("make kit")[0], "the notebook first, the command second"
    # an adapted file: said on the command line, in the contents and in links.md, and a copy ready for a fork
    assert "er ikke kursets egen kursusfil" in result.stdout and "til-jeres-kopi/LAES-MIG.md" in result.stdout
    assert "## Skærm og papir fra samme fil" in contents and "»Mindre ensomhed« på papiret, men ikke på skærmen" \
        in contents
    assert (tmp_path / "til-jeres-kopi" / "data" / "da" / "course.yaml").read_bytes() == ADAPTED.read_bytes()
    links = (tmp_path / "links.md").read_text(encoding="utf-8")
    assert "`data/da/course.yaml` i kommune/samskabelse" in links
    assert f"bygget af en anden fil: `{ADAPTED.relative_to(REPO_ROOT)}`" in links and "til-jeres-kopi/LAES-MIG.md" \
        in links
    steps = (tmp_path / "til-jeres-kopi" / "LAES-MIG.md").read_text(encoding="utf-8")
    assert [line[:3] for line in steps.splitlines() if line[:1].isdigit()] == ["1. ", "2. ", "3. "]
    assert "»Mindre ensomhed« stå med" in steps and "`kommune/samskabelse` allerede jeres kopi" in steps


def test_the_fork_copys_patch_turns_the_repositorys_file_into_the_adapted_one(tmp_path):
    """`git apply kursusfil.patch` in a clone of the course gives exactly the adapted file."""
    from samskabelse.kit import git_patch

    target = tmp_path / "data" / "da" / "course.yaml"
    target.parent.mkdir(parents=True)
    shipped = (REPO_ROOT / "data" / "da" / "course.yaml").read_text(encoding="utf-8")
    for adapted in (ADAPTED.read_text(encoding="utf-8"), shipped.rstrip("\n"), shipped.replace("Kvalitet", "Ø", 1)):
        target.write_text(shipped, encoding="utf-8")
        (tmp_path / "p.patch").write_text(git_patch(shipped, adapted, "data/da/course.yaml"), encoding="utf-8")
        result = subprocess.run(["git", "apply", "p.patch"], cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert target.read_text(encoding="utf-8") == adapted
    assert git_patch(shipped, shipped, "data/da/course.yaml") == ""


def test_the_shipped_file_and_a_real_team_get_plans_named_as_the_docs_say(tmp_path):
    """A kit of the repository's own file has no fork copy and says the links show the file it was built from; the
    plans are <name>-plan.pdf (a second folder's file adds the folder), as docs/facilitators/saved-answers.md says."""
    import shutil

    from samskabelse.course import load_course
    from samskabelse.kit import build_kit
    from samskabelse.kit.links import published

    team = tmp_path / "team"
    (team / "holm").mkdir(parents=True)
    for name in ("anna", "bo"):
        shutil.copy(REPO_ROOT / "data" / "example-team" / "en" / f"{name}.json", team / f"{name}.json")
    other = json.loads((REPO_ROOT / "data" / "example-team" / "en" / "anna.json").read_text(encoding="utf-8"))
    other["owner"] = "example:another-anna"  # a second Anna (the same owner and name would be one person, merged)
    (team / "holm" / "anna.json").write_text(json.dumps(other), encoding="utf-8")
    kit = build_kit(load_course("en"), tmp_path / "kit", links=published("kommune/samskabelse", "hub.kommune.dk"),
                    team=team, team_name="team")
    files = sorted(p.relative_to(tmp_path / "kit").as_posix() for p in kit.files)
    plans = sorted(f.split("/")[-1] for f in files if f.endswith("-plan.pdf"))
    assert plans == ["anna-holm-plan.pdf", "anna-plan.pdf", "bo-plan.pdf"], plans
    assert not kit.adapted and not any(f.startswith("for-your-copy/") for f in files)
    contents = (tmp_path / "kit" / "CONTENTS.md").read_text(encoding="utf-8")
    assert "`make kit COURSE=data/en/course.yaml TEAM=team REPO=kommune/samskabelse HUB=hub.kommune.dk`" in contents
    links = (tmp_path / "kit" / "links.md").read_text(encoding="utf-8")
    assert "The kit is built from the same file in this copy of the course (`data/en/course.yaml`)" in links
    assert "the course reads its course file from the hub's own installation" in links
    assert str(tmp_path) not in contents + links, "no local path in what is printed"


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
