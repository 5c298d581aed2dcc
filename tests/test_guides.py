"""The facilitator guides as printable PDFs: every guide, in both languages, with its words and its tables."""

from __future__ import annotations

import pytest
from kit_readers import is_a4, pdf_text

from samskabelse.kit.guides import guide_files, inline, parse, write_guides


@pytest.fixture(scope="module", params=["da", "en"])
def guides(request, tmp_path_factory):
    lang = request.param
    return lang, write_guides(lang, tmp_path_factory.mktemp(f"guides-{lang}"))


def test_every_guide_becomes_an_a4_pdf_with_its_text(guides):
    lang, paths = guides
    sources = guide_files(lang)
    assert [p.stem for p in paths] == [s.stem for s in sources] and len(paths) == 6
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
        {"t": " "}, {"t": "e"}]
    blocks = parse("# T\n\ntext\nmore\n\n- [ ] x\n  y\n- [ ] z\n\n| a | b |\n| --- | ---: |\n| 1 | 2 |\n")
    assert [b["kind"] for b in blocks] == ["heading", "para", "list", "table"]
    assert blocks[1]["runs"] == [{"t": "text more"}]
    assert blocks[2]["items"][0] == {"runs": [{"t": "x y"}], "box": True}
    assert len(blocks[3]["rows"]) == 2
