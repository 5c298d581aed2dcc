"""The intro deck (.pptx): one slide per intro slot, read back with python-pptx, with the course file's texts."""

from __future__ import annotations

import pytest
from kit_readers import pptx_slides

from samskabelse.course import REPO_ROOT, read_course
from samskabelse.kit.slides import Slide, intro_slides, write_deck

ADAPTED = REPO_ROOT / "exercises" / "da" / "eksempel-hold-havneby.yaml"


@pytest.fixture(scope="module")
def deck(tmp_path_factory, course):
    return course, pptx_slides(write_deck(course, tmp_path_factory.mktemp("deck") / "dias.pptx"))


def test_one_slide_per_intro_slot_with_the_course_texts(deck):
    course, slides = deck
    assert len(slides) == len(intro_slides(course)) == 9
    text = " ".join(slides)
    assert course.title in slides[0]
    assert all(g.name in slides[3] and g.description in slides[3] for g in course.gains)
    assert all(p.name in slides[4] and p.strategic_focus in slides[4] for p in course.phases)
    assert all(d.name in slides[5] and d.who in slides[5] for d in course.directions)
    assert all(e.name in slides[6] for e in course.framing.frame_elements)
    assert all(t.name in slides[2] for t in course.typology.types)
    assert all(p.name in slides[7] for p in course.phases)
    assert course.publication.publisher.split(" (")[0] in text


def test_each_content_slide_labels_the_working_model(deck):
    course, slides = deck
    label = "arbejdsmodel" if course.language == "da" else "working model"
    for i in range(1, 8):
        assert label in slides[i], i


def test_an_adapted_file_flows_onto_the_slides(tmp_path):
    course = read_course(ADAPTED, "da")
    slides = pptx_slides(write_deck(course, tmp_path / "dias.pptx"))
    assert "Mindre ensomhed" in slides[3]
    assert "Spis sammen i lokalområderne" in slides[4]
    assert "Fødevarehygiejne" in slides[6]
    assert all(ch in " ".join(slides) for ch in "æøåÆ")


def test_slides_are_16_9_with_a_title_placeholder_and_notes(tmp_path, da):
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation(str(write_deck(da, tmp_path / "d.pptx")))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    for slide in prs.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text  # screen readers and the outline
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text
        for shape in slide.shapes:  # nothing placed outside the slide
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height


def test_extra_slides_follow_with_their_picture_and_its_text_alternative(tmp_path, da):
    from pptx import Presentation

    from samskabelse.widgets.figures import figure_png, new_figure

    fig = new_figure(6, 3)
    fig.add_subplot().plot([0, 1], [1, 0])
    extra = Slide("Holdets svar", image=figure_png(fig), image_alt="Fire panelér med holdets svar", notes="x")
    prs = Presentation(str(write_deck(da, tmp_path / "d.pptx", extra=[extra])))
    last = prs.slides[len(prs.slides) - 1]
    pictures = [s for s in last.shapes if s.shape_type == 13]
    assert pictures and pictures[0]._element.nvPicPr.cNvPr.get("descr") == "Fire panelér med holdets svar"


def test_the_gains_label_follows_each_gains_basis(da):
    from samskabelse.kit.slides import intro_slides

    own = intro_slides(read_course(ADAPTED, "da"))[3].label
    assert "undtagen Mindre ensomhed" in own  # the team's own gain is not called the publication's
    shipped = intro_slides(da)[3].label
    assert "undtagen" not in shipped and "forklaringerne er ikke publikationens ord" in shipped


def test_every_text_fits_its_box_and_no_word_is_broken(deck, tmp_path):
    """Measured with the font LibreOffice shows Arial in: every text box and table cell holds its text at its
    size, every word fits its box's width whole, and nothing lies over anything else."""
    from kit_readers import slide_font, slide_layout_problems

    if slide_font(False) is None:
        pytest.skip("neither Arial nor Liberation Sans is installed to measure with")
    course, _ = deck
    assert slide_layout_problems(write_deck(course, tmp_path / "d.pptx"), min_size=16) == []  # 16: the labels


def test_a_wide_table_continues_on_more_slides_with_the_columns_that_name_its_rows(tmp_path, da):
    """Twelve people as columns: the table is split by columns (phase and focus point on every slide) and by
    rows, at 20 pt, never shrunk; its note stands above it on every slide; no word is broken."""
    from kit_readers import slide_font, slide_layout_problems

    from samskabelse.kit.slides import deck_pages, write_deck_of

    people = ["Ahmed Abdirahman", "Anne-Mette", "Bo", "Camilla", "Dennis", "Emine", "Frederikke", "Gustav",
              "Hanne", "Ingeborg", "Jørgen", "Kristoffer"]
    head = ["Fase", "Fokuspunkt", *people]
    rows = [[f"{n}. Forberedelse og politisk forankring", f"Fokuspunkt nummer {n}, der fylder en hel sætning.",
             *(["ikke besvaret", "Ikke startet", "På plads"][i % 3] for i in range(len(people)))] for n in range(9)]
    s = Slide("Fasernes fokuspunkter", table=[head, *rows], point="Lis har ikke svaret på dette endnu.", keys=2,
              notes="x")
    pages = deck_pages(da, [s], intro=False)
    assert len(pages) >= 2
    for page in pages:
        assert page.table[0][:2] == ["Fase", "Fokuspunkt"] and page.point == s.point
        assert page.layout["size"] == 20
        assert page.title in (s.title, f"{s.title} (fortsat)")
    shown = {(r[0], h) for page in pages for r in page.table[1:] for h in page.table[0][2:]}
    assert shown == {(r[0], h) for r in rows for h in people}  # every cell on some slide
    if slide_font(False) is not None:
        assert slide_layout_problems(write_deck_of(da, [s], tmp_path / "t.pptx"), min_size=20) == []


def test_bullets_that_do_not_fit_continue_at_20_pt(da):
    from samskabelse.kit.slides import deck_pages

    long = "En lang forklaring, der fylder flere linjer på diasset, så det ikke kan stå på ét dias. " * 3
    s = Slide("Mange punkter", bullets=[(f"Punkt {i}", long) for i in range(14)], notes="x")
    pages = deck_pages(da, [s], intro=False)
    assert len(pages) > 1 and all(p.layout["size"] >= 20 for p in pages)
    assert [b for p in pages for b in p.bullets] == s.bullets
    assert [p.title for p in pages] == ["Mange punkter"] + ["Mange punkter (fortsat)"] * (len(pages) - 1)
