"""Printable worksheets: one A4 page each, read back with pypdf, with the course file's own texts on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from kit_readers import is_a4, pdf_pages, pdf_text

from samskabelse.course import REPO_ROOT, read_course
from samskabelse.kit.worksheets import build_worksheet, read_workbook, worksheet_pdf, write_worksheets

ADAPTED = REPO_ROOT / "exercises" / "da" / "eksempel-hold-havneby.yaml"


@pytest.fixture(scope="module")
def sheets(tmp_path_factory, course):
    folder = tmp_path_factory.mktemp(f"sheets-{course.language}")
    return course, write_worksheets(course, folder)


@pytest.fixture(scope="module")
def adapted(tmp_path_factory):
    course = read_course(ADAPTED, "da")
    return course, write_worksheets(course, tmp_path_factory.mktemp("sheets-adapted"))


def test_one_pdf_per_workbook_named_like_it(sheets):
    course, paths = sheets
    workbooks = sorted(p.stem for p in (REPO_ROOT / "exercises" / course.language).glob("[0-9]-*.ipynb"))
    assert [p.stem for p in paths] == workbooks
    assert all(p.read_bytes().startswith(b"%PDF") for p in paths)


def test_each_sheet_is_one_a4_page(sheets):
    _, paths = sheets
    for p in paths:
        assert len(pdf_pages(p)) == 1, p.name
        assert is_a4(p), p.name


def test_same_questions_and_scales_as_the_workbook(sheets):
    from samskabelse.sections.gains import TEXT as GAINS
    from samskabelse.sections.phases import TEXT as PHASES

    course, paths = sheets
    texts = {int(p.name[0]): pdf_text(p) for p in paths}
    for n, text in texts.items():
        wb = read_workbook(course.language, n)
        assert wb.title in text
        assert wb.model_title in text and wb.model_text[:60] in text  # the working-model label
        assert wb.discussion and all(q in text for q in wb.discussion)
    g, p = GAINS[course.language], PHASES[course.language]
    assert g["col_importance"] in texts[1] and g["col_likelihood"] in texts[1]
    assert all(x.name in texts[1] for x in course.gains) and all(d.name in texts[1] for d in course.demands)
    assert all(d.low in texts[1] and d.high in texts[1] for d in course.demands)
    assert course.typology.initiative.question in texts[1]  # the typology is asked on paper too
    assert all(p[k] in texts[2] for k in ("not_started", "under_way", "in_place"))
    assert all(f.text in texts[2] for ph in course.phases for f in ph.focus_points)
    assert all(d.name in texts[3] and d.who in texts[3] for d in course.directions)
    assert all(e.name in texts[4] for e in course.framing.frame_elements)
    assert all(lv.name in texts[4] for lv in course.framing.influence_levels)
    assert all(u.name in texts[4] for u in course.timeline.uncertainty_levels)
    assert all(d.name in texts[4] for d in course.timeline.deadlines)


def test_danish_letters_survive(sheets):
    course, paths = sheets
    if course.language != "da":
        pytest.skip("Danish sheets only")
    text = pdf_text(paths[0])
    assert "Hvorfor samskabe – og hvad kræver det?" in text
    assert all(ch in text for ch in "æøå")


def test_an_adapted_file_flows_onto_the_paper(adapted):
    course, paths = adapted
    texts = {int(p.name[0]): pdf_text(p) for p in paths}
    assert "Mindre ensomhed" in texts[1]  # the team's own gain
    assert "Havneby" in texts[1]  # the team's course title in the header
    assert "Spis sammen i lokalområderne" in texts[2]  # the team's name for phase 2
    assert "Fødevarehygiejne" in texts[4] and "Lokaler" in texts[4]  # the team's own frame elements
    assert all(len(pdf_pages(p)) == 1 for p in paths)


def test_typed_text_is_shown_as_text_not_markup(tmp_path, da):
    """A name holding Typst markup characters is printed as it was typed (data, never spliced into markup)."""
    source = ADAPTED.read_text(encoding="utf-8").replace("name: Mindre ensomhed", 'name: "#Mindre *ensomhed* $x$ [1]"')
    path = tmp_path / "hold.yaml"
    path.write_text(source, encoding="utf-8")
    course = read_course(path, "da")
    pdf = tmp_path / "1.pdf"
    pdf.write_bytes(worksheet_pdf(build_worksheet(course, 1)))
    assert "#Mindre *ensomhed* $x$ [1]" in pdf_text(pdf)


def test_a_longer_course_file_still_fits_one_page(tmp_path):
    """Eight more gains: the sheet is set smaller but stays on one page."""
    source = ADAPTED.read_text(encoding="utf-8")
    extra = "".join(f"  - id: extra_{i}\n    name: Ekstra gevinst {i}\n    description: En gevinst mere på listen, "
                    f"så arket bliver længere.\n    basis: invented\n" for i in range(8))
    source = source.replace("own_gains:", extra + "\nown_gains:", 1)
    path = tmp_path / "lang.yaml"
    path.write_text(source, encoding="utf-8")
    course = read_course(path, "da")
    pdf = tmp_path / "1.pdf"
    pdf.write_bytes(worksheet_pdf(build_worksheet(course, 1)))
    assert len(pdf_pages(pdf)) == 1
    assert "Ekstra gevinst 7" in pdf_text(pdf)


def test_pdf_says_its_language_and_embeds_the_shipped_font(sheets):
    from pypdf import PdfReader

    course, paths = sheets
    reader = PdfReader(str(paths[0]))
    assert reader.trailer["/Root"]["/Lang"] == course.language  # screen readers and hyphenation agree on it
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()
             for f in [f.get_object()]}
    assert any("DejaVuSans" in f for f in fonts), fonts


def test_workbook_reader_finds_title_box_and_questions(course):
    wb = read_workbook(course.language, 3)
    assert wb.title and ":" not in wb.title[:3]
    assert wb.model_title in ("Kursets arbejdsmodel", "The course's working model")
    assert len(wb.discussion) >= 2 and all(not q.startswith("-") for q in wb.discussion)
    assert Path(wb.path).suffix == ".ipynb"
