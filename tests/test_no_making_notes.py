"""What participants and facilitators read is course material: no notes from the course's making, no paths outside it.

A hidden HTML comment in a notebook, a course file's header pointing at a file the repository does not hold, a
machine's absolute path or a note about an issue or a search: each reads as a note from how the course was made,
and a reader cannot open what it points at. This checks every notebook (every cell), every workbook, every guide
and programme, and every course and data file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    [*ROOT.glob("notebooks/*/*.ipynb"), *ROOT.glob("exercises/**/*.ipynb"), *ROOT.glob("exercises/**/*.md"),
     *ROOT.glob("exercises/**/*.yaml"), *ROOT.glob("data/**/*.yaml"), *ROOT.glob("data/**/*.json")])

HTML_COMMENT = re.compile(r"<!--")
OUTSIDE = [
    (re.compile(r"\.\./shared|source-brief|/work/(?:shared|main|clones)\b"), "a file outside the repository"),
    (re.compile(r"(?<![\w.~:/])/(?:home|work|tmp|root|Users|mnt)/[\w.-]"), "a machine's absolute path"),
    (re.compile(r"\b[A-Z]:\\[\w.-]"), "a Windows absolute path"),
]
MAKING = re.compile(r"\(issue \d+\)|\bissues? #\d+|\bsearch tool\b|søgeværktøj|udviklingsnoter|development notes|"
                    r"source brief|kildebrief|\bthe lead\b|\bhelper session|for the course's developers|"
                    r"kursets udviklere", re.IGNORECASE)


def notes_in(text: str, markdown: bool) -> list[str]:
    """What in `text` reads as a note from the course's making (empty when there is none)."""
    found = []
    if markdown and HTML_COMMENT.search(text):
        found.append("a hidden HTML comment (<!-- ... -->): say it in the text, or leave it out")
    for pattern, what in OUTSIDE:
        if m := pattern.search(text):
            found.append(f"{what}: {m.group(0)!r}")
    if m := MAKING.search(text):
        found.append(f"a note about the course's making: {m.group(0)!r}")
    return found


def texts(path: Path) -> list[tuple[str, str, bool]]:
    """(where, text, is_markdown) for each part of the file a reader may see."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(raw)["cells"]
        return [(f"cell {i}", "".join(c["source"]), c["cell_type"] == "markdown") for i, c in enumerate(cells)]
    return [("", raw, path.suffix == ".md")]


def test_the_check_finds_what_it_is_for():
    """Each kind of note the issue found, and a few neighbours, fails; ordinary course text passes."""
    bad = [
        ("Tekst.\n\n<!-- Hvor referencerne er kontrolleret (kursets udviklere): -->", True),
        ("# basis: (se ../shared/source-brief.md i projektets udviklingsnoter)", False),
        ("Checked again with the search tool (issue 13).", True),
        ("Se /work/shared/seed/000.txt", False),
        ("Filen ligger i /home/anna/kursus/data.yaml", True),
        ("C:\\Users\\anna\\kursus", False),
    ]
    for text, markdown in bad:
        assert notes_in(text, markdown), text
    good = [
        ("Svarene gemmes i `answers/` ved siden af notebooken, og planen i `exports/`.", True),
        ("Kør `.venv/bin/python -m samskabelse.course mit-hold.yaml`.", True),
        ("Kilde: https://www.lederweb.dk/atledesamskabelse/ og https://doi.org/10.1177/0095399716680057", True),
        ("*Public Administration Review*, issue 3, published May 2016.", True),
    ]
    for text, markdown in good:
        assert not notes_in(text, markdown), text


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_notes_from_the_making_and_no_paths_outside_the_repository(path: Path):
    problems = [f"{where}: {note}" for where, text, markdown in texts(path) for note in notes_in(text, markdown)]
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)


def test_the_check_covers_every_kind_of_file_a_reader_sees():
    kinds = {(p.relative_to(ROOT).parts[0], p.suffix) for p in FILES}
    assert {("notebooks", ".ipynb"), ("exercises", ".ipynb"), ("exercises", ".md"), ("exercises", ".yaml"),
            ("data", ".yaml"), ("data", ".json")} <= kinds
