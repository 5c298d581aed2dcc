"""A course at every limit the course check allows builds the whole kit: worksheets (continued on a second page
where one is not enough at 9 pt), slides (split over as many slides as they need, every word whole, every text
inside its box), guides, the team's overview and every participant's plan; each output read back."""

from __future__ import annotations

import pytest
import yaml
from kit_readers import loose, pdf_pages, pdf_text, pptx_slides, slide_layout_problems
from test_course_limits import at_every_limit

from samskabelse.answers import example_team
from samskabelse.course import read_course
from samskabelse.kit import TEXT, build_kit, main


@pytest.fixture(scope="module", params=["da", "en"])
def limit_kit(request, tmp_path_factory):
    lang = request.param
    folder = tmp_path_factory.mktemp(f"limit-kit-{lang}")
    path = folder / "course.yaml"
    path.write_text(yaml.safe_dump(at_every_limit(lang), allow_unicode=True, sort_keys=False), encoding="utf-8")
    course = read_course(path, lang)  # the check accepts it
    kit = build_kit(course, folder / "kit", team=example_team(lang))
    return course, kit


def test_every_part_is_built(limit_kit):
    course, kit = limit_kit
    t = TEXT[course.language]
    assert kit.failures == []
    parts = [heading for heading, _, _ in kit.contents]
    assert parts == [t["h_fork"], t["h_worksheets"], t["h_team"], t["h_slides"], t["h_guides"]]  # an adapted file
    assert all(p.exists() and p.stat().st_size > 0 for p in kit.files)


def test_the_worksheets_continue_on_more_pages_and_say_so(limit_kit):
    course, kit = limit_kit
    t = TEXT[course.language]
    sheets = sorted((kit.folder / t["worksheets"]).glob("*.pdf"))
    assert len(sheets) == 4
    pages = {int(p.name[0]): pdf_pages(p) for p in sheets}
    assert len(pages[1]) > 1 and len(pages[2]) > 1  # 16 gains, 6 phases of 10 focus points
    text = " ".join(" ".join(v) for v in pages.values())
    assert all(g.name in text for g in course.gains)
    assert all(loose(f.text) in loose(text) for ph in course.phases for f in ph.focus_points)
    continued = "(fortsat)" if course.language == "da" else "(continued)"
    assert all(continued in page for v in pages.values() for page in v[1:])
    contents = (kit.folder / t["contents_file"]).read_text(encoding="utf-8")
    assert ("mere end én side" if course.language == "da" else "more than one page") in contents


def test_the_slides_fit_and_hold_every_name(limit_kit):
    course, kit = limit_kit
    deck = kit.folder / TEXT[course.language]["slides_file"]
    assert slide_layout_problems(deck, min_size=16) == []  # 16: the working-model labels; the rest is 20 or more
    text = " ".join(pptx_slides(deck))
    assert all(g.name in text and g.description in text for g in course.gains)
    assert all(p.name in text for p in course.phases) and all(d.name in text for d in course.directions)
    assert all(e.name in text for e in course.framing.frame_elements)


def test_the_guides_and_the_team_overview_read_back(limit_kit):
    course, kit = limit_kit
    t = TEXT[course.language]
    guides = sorted((kit.folder / t["guides"]).glob("*.pdf"))
    assert len(guides) == 7
    first = next(p for p in guides if p.name.startswith("1-"))
    assert course.gains[-1].name in pdf_text(first)  # the file's own gains, in its exercise's guide
    overview = kit.folder / t["team_dir"] / ("holdets-svar.pdf" if course.language == "da" else "team-answers.pdf")
    text = pdf_text(overview)
    assert all(name in text for name in ("Anna", "Bo", "Camilla", "Dennis", "Emine"))
    if course.language == "da":
        assert all(ch in text for ch in "æøå")
    team_deck = overview.with_suffix(".pptx")
    assert slide_layout_problems(team_deck, min_size=20) == []


def test_make_kit_prints_no_traceback_at_the_limits(limit_kit, tmp_path, capsys):
    course, _ = limit_kit
    if course.language != "da":
        pytest.skip("one language is enough for the command (the kit itself is built in both above)")
    assert main([str(course.path), "--out", str(tmp_path / "kit")]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err.strip() == ""
