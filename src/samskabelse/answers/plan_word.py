"""Your plan in Word (notebook 07): the one-page plan as a .docx that managers edit and paste into a project
description, beside the PDF and the Markdown that handout.py writes.

    path = write_plan_docx(plan, "exports/", handout.TEXT[plan.lang])   # plan = handout.build_plan(loaded, course)

The document holds the same sections and lines as the PDF (handout.Plan is the one source), as real Word
headings and lists, so that it can be edited, restyled and read by a screen reader. It is A4 with the
document's language set (Word's spelling and hyphenation follow it). A Word file has no fixed layout until it
is opened, so the type size is chosen from an estimate of the lines each paragraph needs, and the longest
lists are shortened (and the page says so) when even the smallest size would not fit one page; a test
opens the file in LibreOffice and counts the pages.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from samskabelse.answers import file_stem
from samskabelse.base.files import safe_texts, write_atomically

# handout.py shows this module's file in notebook 07, so this module takes handout's Plan and texts as arguments
# rather than importing them (no import circle): `texts` is handout.TEXT[lang] (its "invented", "cut", "notes").

FONT = "Arial"  # on every Office machine; LibreOffice shows it with the metric-compatible Liberation Sans
PAGE_W_CM, PAGE_H_CM, MARGIN_CM = 21.0, 29.7, 1.8
SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
BLUE = "0072B2"
LANG_TAGS = {"da": "da-DK", "en": "en-GB"}


def _lines_needed(plan, size: float, max_lines: int | None) -> float:
    """The plan's height in body lines at `size` points (Arial: about 0.5 em per character)."""
    width_pt = (PAGE_W_CM - 2 * MARGIN_CM) / 2.54 * 72
    per_line = int(width_pt / (size * 0.47))

    def lines(text: str, indent: float = 0.0, scale: float = 1.0) -> int:
        return max(1, -(-len(text) // max(10, int(per_line / scale - indent))))

    total = lines(plan.title, scale=1.8) * 1.8 + 1.5
    total += (lines(plan.project, scale=1.2) * 1.2 if plan.project else 0) + lines(plan.meta)
    total += 1.5 if plan.invented else 0
    for s in plan.sections:
        total += 2.0  # the heading and the space around it
        shown = s.lines if max_lines is None else s.lines[:max_lines]
        total += sum(lines(line.text.strip(), 6) * 1.15 + 0.25 for line in shown)
    total += lines(plan.footer, scale=0.8) * 0.8 + 1
    return total * 0.95  # calibrated against LibreOffice's layout of the example team's plans (margin kept)


def _fit(plan) -> tuple[float, int | None]:
    page_lines = lambda size: (PAGE_H_CM - 2 * MARGIN_CM) / 2.54 * 72 / (size * 1.2)  # noqa: E731
    for size in SIZES:
        if _lines_needed(plan, size, None) <= page_lines(size):
            return size, None
    for max_lines in (8, 6, 5, 4, 3, 2):
        if _lines_needed(plan, SIZES[-1], max_lines) <= page_lines(SIZES[-1]):
            return SIZES[-1], max_lines
    return SIZES[-1], 2


def _set_language(style, lang: str) -> None:
    """Word's spelling and hyphenation language for everything in the style (w:lang on its run properties)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), LANG_TAGS[lang])
    tag.set(qn("w:eastAsia"), LANG_TAGS[lang])
    rpr.append(tag)


def plan_document(plan, texts: dict):
    """The plan as a python-docx Document: A4, one page, headings and lists, the working model in the footer."""
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    plan, t = safe_texts(plan), safe_texts(texts)  # python-docx takes only what XML can hold (base.files.safe_text)
    size, max_lines = _fit(plan)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.footer_distance = Cm(0.8)
    doc.core_properties.title = plan.title
    doc.core_properties.author = plan.name
    doc.core_properties.language = LANG_TAGS[plan.lang]

    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(size)
    normal.paragraph_format.space_after = Pt(size * 0.3)
    _set_language(normal, plan.lang)
    for name, scale in (("Title", 1.9), ("Heading 1", 1.3), ("List Bullet", 1.0), ("List Number", 1.0)):
        style = doc.styles[name]
        style.font.name, style.font.size = FONT, Pt(size * scale)
        if name.startswith(("Title", "Heading")):
            style.font.color.rgb = RGBColor.from_string(BLUE)
            style.paragraph_format.space_before = Pt(size * 0.6)
            style.paragraph_format.space_after = Pt(size * 0.25)
        else:
            style.paragraph_format.space_after = Pt(size * 0.15)

    doc.add_paragraph(plan.title, style="Title")
    if plan.project:
        para = doc.add_paragraph()
        run = para.add_run(plan.project)
        run.bold, run.font.size = True, Pt(size * 1.2)
    meta = doc.add_paragraph().add_run(plan.meta)
    meta.italic = True
    if plan.invented:
        warn = doc.add_paragraph().add_run(t["invented"])
        warn.bold, warn.font.color.rgb = True, RGBColor.from_string("B84A00")
    cut = False
    for s in plan.sections:
        doc.add_paragraph(s.title, style="Heading 1")
        lines = s.lines
        if max_lines is not None and len(lines) > max_lines:
            lines, cut = lines[:max_lines], True
        for line in lines:
            text = line.text.strip()
            numbered = re.match(r"^\d+\. ", text) is not None  # keeps its own number, as on the PDF
            para = doc.add_paragraph(style="Normal" if numbered else "List Bullet")
            if numbered:
                para.paragraph_format.left_indent = Cm(0.63)
            if line.text.startswith("    "):
                para.paragraph_format.left_indent = Cm(1.3)
            run = para.add_run(text)
            run.bold = line.strong
            if s.missing:
                run.font.color.rgb = RGBColor.from_string("595959")
    if cut:
        doc.add_paragraph().add_run(t["cut"]).italic = True
    if plan.notes:
        doc.add_paragraph().add_run(t["notes"]).italic = True
        for n in plan.notes[: max_lines or len(plan.notes)]:
            doc.add_paragraph(n, style="List Bullet")
    footer = section.footer.paragraphs[0]
    run = footer.add_run(plan.footer)
    run.font.size, run.font.name = Pt(max(7.0, size - 2.5)), FONT
    run.font.color.rgb = RGBColor.from_string("595959")
    return doc


def write_plan_docx(plan, folder: str | Path, texts: dict) -> Path:
    """Write <name>-plan.docx into `folder` (the PDF's and the Markdown's, handout.exports_folder); returns its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{getattr(plan, 'stem', '') or file_stem(plan.name)}-plan.docx"  # the PDF's name, .docx
    data = io.BytesIO()
    plan_document(plan, texts).save(data)
    return write_atomically(path, data.getvalue())  # a reader never sees half a file
