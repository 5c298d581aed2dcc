"""The facilitator guides as printable PDFs: every guide, in both languages, with its words and its tables."""

from __future__ import annotations

import pytest
from kit_readers import is_a4, loose, pdf_text

from samskabelse.kit.guides import guide_files, inline, parse, write_guides


@pytest.fixture(scope="module", params=["da", "en"])
def guides(request, tmp_path_factory):
    lang = request.param
    return lang, write_guides(lang, tmp_path_factory.mktemp(f"guides-{lang}"))


def test_every_guide_becomes_an_a4_pdf_with_its_text(guides):
    lang, paths = guides
    sources = guide_files(lang)
    assert [p.stem for p in paths] == [s.stem for s in sources] and len(paths) == 7  # both programmes first
    for pdf, md in zip(paths, sources, strict=True):
        text = pdf_text(pdf)
        assert is_a4(pdf)
        headings = [line.lstrip("#").strip() for line in md.read_text(encoding="utf-8").splitlines()
                    if line.startswith("## ")]
        # (a hyphen and a hyphenation point share DejaVu's glyph, so a reader may give either: compare without)
        assert headings and all(h.replace("-", "") in text.replace("-", "") for h in headings), md.name
        assert "**" not in text and "](" not in text  # Markdown marks are typeset, not printed


def test_the_programme_table_and_the_checklist_are_in_the_workshop_guide(guides):
    lang, paths = guides
    text = pdf_text(paths[0])
    for time in ("9.00", "11.40", "11.50", "12.30"):
        assert time in text
    assert ("Dagen før" if lang == "da" else "The day before") in text
    if lang == "da":
        assert "Når Binder eller nettet svigter" in text and all(ch in text for ch in "æøå")


def test_the_markdown_reader():
    assert inline("a **b** *c* `d` [e](f.md)") == [
        {"t": "a "}, {"t": "b", "b": True}, {"t": " "}, {"t": "c", "i": True}, {"t": " "}, {"t": "d", "c": True},
        {"t": " e"}]  # a link is its words; one run per stretch of the same emphasis
    blocks = parse("# T\n\ntext\nmore\n\n- [ ] x\n  y\n- [ ] z\n\n| a | b |\n| --- | ---: |\n| 1 | 2 |\n")
    assert [b["kind"] for b in blocks] == ["heading", "para", "list", "table"]
    assert blocks[1]["runs"] == [{"t": "text more"}]
    assert blocks[2]["items"][0] == {"runs": [{"t": "x y"}], "box": True}
    assert len(blocks[3]["rows"]) == 2


def test_the_markdown_reader_follows_commonmark():
    """What the line-by-line reader got wrong: escaped marks, emphasis inside bold, a code span with marks in it,
    a quote over two lines, a nested list, a link whose address holds brackets."""
    assert inline(r"\*not italic\* and 2 * 3 * 4") == [{"t": "*not italic* and 2 * 3 * 4"}]
    assert inline("**bold *and italic***") == [{"t": "bold ", "b": True}, {"t": "and italic", "b": True, "i": True}]
    assert inline("`a **b**`") == [{"t": "a **b**", "c": True}]
    assert inline("[the guide](https://example.org/a_(b))") == [{"t": "the guide"}]
    quote = parse("> a quote\n> on two lines\n")
    assert quote == [{"kind": "para", "runs": [{"t": "a quote on two lines"}], "quote": True}]
    [nested] = parse("1. one\n   - one a\n2. two\n")
    assert nested["ordered"] and [i["runs"][0]["t"] for i in nested["items"]] == ["one", "one a", "two"]
    [code] = parse("```\nmake lab\n```\n")
    assert code == {"kind": "code", "text": "make lab"}
    # a guide named by its file is printed as its PDF; a link with words of its own keeps them
    [para] = parse("[2-x.md](2-x.md), [the next](2-x.md)", {"2-x.md": "2-x.pdf"})
    assert para["runs"] == [{"t": "2-x.pdf, the next"}]


def test_the_guides_point_to_the_pdfs_beside_them(guides):
    lang, paths = guides
    names = {p.name for p in paths}
    sources = [loose(md.name) for md in guide_files(lang)]  # a guide named by its Markdown file: not in the kit
    for pdf in paths:
        text = loose(pdf_text(pdf))
        assert not [md for md in sources if md in text], pdf
    programme = loose(pdf_text(paths[0]))  # (a hyphen and a hyphenation point share DejaVu's glyph)
    linked = {n for n in names if loose(n) in programme}
    assert {p.name for p in paths[2:]} <= linked  # every exercise's guide by the name of its PDF


def test_an_adapted_course_files_own_gains_and_lists_are_in_its_guides(tmp_path):
    from samskabelse.course import REPO_ROOT, read_course

    course = read_course(REPO_ROOT / "exercises" / "da" / "eksempel-hold-havneby.yaml", "da")
    paths = {p.stem: pdf_text(p) for p in write_guides(course, tmp_path)}
    one = paths["1-hvorfor-samskabe"]
    # the guide's sentence lists the course file's gains, not the shipped ones
    assert "forventer I kvalitet, innovation, økonomi, demokrati, medejerskab, fællesskab, mindre ensomhed eller " \
           "noget helt sjette?" in one
    assert "I jeres kursusfil (eksempel-hold-havneby.yaml)" in one and "Mindre ensomhed" in one
    assert "Spis sammen i lokalområderne" in paths["2-faser-og-fokus"]  # its phase names
    assert "Fødevarehygiejne" in paths["4-kridt-banen-op"]  # its frame elements


def test_the_programme_names_the_slides_the_deck_has(tmp_path):
    """A course file with many gains has more intro slides: the programme's slide numbers follow the deck."""
    import re

    import yaml
    from test_course_limits import at_every_limit

    from samskabelse.course import read_course
    from samskabelse.kit.slides import slide_numbers

    path = tmp_path / "course.yaml"
    path.write_text(yaml.safe_dump(at_every_limit("da"), allow_unicode=True, sort_keys=False), encoding="utf-8")
    course = read_course(path, "da")
    numbers = slide_numbers(course)
    assert numbers["gains"][1] > numbers["gains"][0]  # its gains take more than one slide
    (programme,) = [p for p in write_guides(course, tmp_path / "g") if p.stem == "workshop-halv-dag"]
    said = re.findall(r"[Dd]ias \d+(?:–\d+)?", pdf_text(programme))
    assert said[:2] == ["Dias 1–2", f"dias {numbers['typology'][0]}–{numbers['gains'][1]}"], said
    assert f"Dias {numbers['collect'][0]}" in said
