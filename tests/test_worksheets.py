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
    # its two extra frame elements take sheet 4 past one page at 9 pt: it continues, it is not set smaller
    assert [len(pdf_pages(p)) for p in paths] == [1, 1, 1, 2]
    assert pdf_pages(paths[3])[1].startswith("Arbejdsark 4: Kridt banen op – og læg en realistisk tidsplan (fortsat)")
    assert all(_size(p) >= 9.0 for p in paths)


def test_typed_text_is_shown_as_text_not_markup(tmp_path, da):
    """A name holding Typst markup characters is printed as it was typed (data, never spliced into markup)."""
    source = ADAPTED.read_text(encoding="utf-8").replace("name: Mindre ensomhed", 'name: "#Mindre *ensomhed* $x$ [1]"')
    path = tmp_path / "hold.yaml"
    path.write_text(source, encoding="utf-8")
    course = read_course(path, "da")
    pdf = tmp_path / "1.pdf"
    pdf.write_bytes(worksheet_pdf(build_worksheet(course, 1)))
    assert "#Mindre *ensomhed* $x$ [1]" in pdf_text(pdf)


def _longer(tmp_path, extra_gains: int, description: str = "En gevinst mere på listen, så arket bliver længere."):
    source = ADAPTED.read_text(encoding="utf-8")
    extra = "".join(f"  - id: extra_{i}\n    name: Ekstra gevinst {i}\n    description: {description}\n"
                    f"    basis: invented\n" for i in range(extra_gains))
    path = tmp_path / "lang.yaml"
    path.write_text(source.replace("own_gains:", extra + "\nown_gains:", 1), encoding="utf-8")
    return read_course(path, "da")


def _size(pdf: Path) -> float:
    """The size of the sheet's body text (its "Navn" label), read from the PDF's text positions."""
    from pypdf import PdfReader

    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip().startswith("Navn"):
            sizes.append(round(size * tm[0] * cm[0], 1) if tm[0] else size)

    PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    return sizes[0]


def test_a_longer_course_file_fits_one_page_down_to_9_pt(adapted, tmp_path):
    """The adapted example's seven gains: its sheet 1 is set smaller than 10 pt, never below 9, on one page."""
    course, paths = adapted
    assert len(course.gains) == 7
    assert len(pdf_pages(paths[0])) == 1 and 9.0 <= _size(paths[0]) < 10.0
    shipped = tmp_path / "3.pdf"
    shipped.write_bytes(worksheet_pdf(build_worksheet(course, 3)))
    assert _size(shipped) == 10.0  # a short sheet keeps the largest size


def test_a_sheet_that_does_not_fit_at_9_pt_continues_on_the_next_page(tmp_path):
    """Twelve gains of a hundred characters (as the issue found): 9 pt on two pages, not 7 pt on one; each page
    after the first says whose sheet it is, and nothing is lost."""
    course = _longer(tmp_path, 6, "En gevinst med en længere forklaring, så arket bliver længere end én side, "
                                  "som det sker.")
    assert len(course.gains) == 13
    pdf = tmp_path / "1.pdf"
    pdf.write_bytes(worksheet_pdf(build_worksheet(course, 1)))
    pages = pdf_pages(pdf)
    assert len(pages) == 2 and _size(pdf) == 9.0
    assert pages[1].startswith("Arbejdsark 1: Hvorfor samskabe – og hvad kræver det? (fortsat) Navn:")
    assert "1 / 2" in pages[0] and "2 / 2" in pages[1]
    text = " ".join(pages)
    assert all(g.name in text for g in course.gains) and all(d.name in text for d in course.demands)
    wb = read_workbook("da", 1)
    assert all(q in text for q in wb.discussion) and wb.model_title in text


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
