"""Open what the kit writes with the readers a facilitator's software would use, and return its text.

Each reader joins words that the typesetter hyphenated at a line end (a soft hyphen, U+00AD) and collapses
white space, so that a test can look for a course file's phrase wherever a line happened to break.
"""

from __future__ import annotations

import re
from pathlib import Path

A4_POINTS = (595.28, 841.89)


def flat(text: str) -> str:
    text = re.sub(r"\u00ad\s*", "", text)
    text = re.sub(r"(?<=[a-zæøå])-\n(?=[a-zæøå])", "", text)  # some readers give a hyphenation point as "-"
    return " ".join(text.split())


def pdf_pages(path: str | Path) -> list[str]:
    from pypdf import PdfReader

    return [flat(page.extract_text() or "") for page in PdfReader(str(path)).pages]


def pdf_text(path: str | Path) -> str:
    return " ".join(pdf_pages(path))


def is_a4(path: str | Path) -> bool:
    from pypdf import PdfReader

    box = PdfReader(str(path)).pages[0].mediabox
    size = sorted((float(box.width), float(box.height)))
    return all(abs(a - b) < 1.0 for a, b in zip(size, A4_POINTS, strict=True))


def pptx_slides(path: str | Path) -> list[str]:
    """The text of each slide: its shapes, its tables' cells and its speaker notes."""
    from pptx import Presentation

    out = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
        out.append(flat(" ".join(parts)))
    return out


def docx_text(path: str | Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.footer.paragraphs] + [p.text for p in section.header.paragraphs]
    return flat(" ".join(parts))


def loose(text: str) -> str:
    """For finding a long phrase that may wrap anywhere: no white space, hyphens or soft hyphens at all."""
    return re.sub(r"[\s\-\u00ad]", "", text)


# ---------------------------------------------------------------------------------------------------------------
# Does every text on a slide fit its box? Measured with the font LibreOffice shows Arial in (Liberation Sans, the
# same widths), read by Pillow: independent of the kit's own measuring (Helvetica's widths, kit/metrics.py).
LINE_EM = 1.15  # Liberation Sans: ascender + descender + line gap, in ems (what LibreOffice sets a line in)
EMU_PER_PT = 12700


def slide_font(bold: bool):
    """Pillow's font for the slides' Arial at 100 pt, or None where neither Arial nor Liberation Sans is installed."""
    from matplotlib import font_manager
    from PIL import ImageFont

    for family in ("Liberation Sans", "Arial"):
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family,
                                                                     weight="bold" if bold else "normal"),
                                         fallback_to_default=False)
        except ValueError:
            continue
        return ImageFont.truetype(path, 100)
    return None


def _width_pt(text: str, size: float, bold: bool) -> float:
    return slide_font(bold).getlength(text) * size / 100


def _paragraph_lines(runs: list[tuple[str, float, bool]], width: float) -> tuple[int, list[str]]:
    """Lines a paragraph of runs (text, size, bold) takes in `width` points, broken at spaces; and the words that
    are wider than the width on their own (the renderer would break them inside the word)."""
    lines, used, too_wide = 1, 0.0, []
    for text, size, bold in runs:
        space = _width_pt(" ", size, bold)
        for word in text.split():
            w = _width_pt(word, size, bold)
            if w > width:
                too_wide.append(word)
            if used and used + space + w > width:
                lines += 1
                used = w
            else:
                used = used + space + w if used else w
    return lines, too_wide


def frame_needs(frame, width_emu: int, margins: tuple[int, int, int, int]) -> tuple[float, list[str], list[float]]:
    """The height (points) a text frame's paragraphs take in its width, the words wider than the width, and the
    sizes of its runs. margins: left, right, top, bottom (EMU)."""
    inner = (width_emu - margins[0] - margins[1]) / EMU_PER_PT
    height, too_wide, sizes = 0.0, [], []
    paragraphs = [p for p in frame.paragraphs]
    for k, p in enumerate(paragraphs):
        runs = [(r.text, r.font.size.pt, bool(r.font.bold)) for r in p.runs if r.font.size is not None]
        if not runs:
            continue
        sizes += [size for _, size, _ in runs]
        lines, wide = _paragraph_lines(runs, inner)
        too_wide += wide
        height += lines * max(size for _, size, _ in runs) * LINE_EM
        if k < len(paragraphs) - 1 and p.space_after is not None:
            height += p.space_after.pt
    return height + (margins[2] + margins[3]) / EMU_PER_PT, too_wide, sizes


def slide_layout_problems(path: str | Path, min_size: float = 0.0) -> list[str]:
    """Everything on a deck's slides that would not show whole: a text that needs more height than its box or
    its table row has, a word wider than its box (broken inside the word), a run smaller than `min_size`
    (footers aside), a shape outside the slide or over another."""
    from pptx import Presentation

    prs = Presentation(str(path))
    problems = []
    for number, slide in enumerate(prs.slides, 1):
        boxes = []
        for shape in slide.shapes:
            where = f"slide {number}, {shape.name}"
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > prs.slide_width or \
                    shape.top + shape.height > prs.slide_height:
                problems.append(f"{where}: outside the slide")
            boxes.append((shape.left, shape.top, shape.left + shape.width, shape.top + shape.height, where))
            if shape.has_text_frame and shape.text_frame.text.strip():
                f = shape.text_frame
                need, wide, sizes = frame_needs(f, shape.width, (f.margin_left, f.margin_right, f.margin_top,
                                                                f.margin_bottom))
                if need > shape.height / EMU_PER_PT + 0.5:
                    problems.append(f"{where}: its text needs {need:.0f} pt, the box has "
                                    f"{shape.height / EMU_PER_PT:.0f} pt: {f.text[:60]!r}")
                if wide:
                    problems.append(f"{where}: words wider than the box: {wide}")
                if sizes and min(sizes) < min_size and not shape.top > prs.slide_height * 0.9:
                    problems.append(f"{where}: text at {min(sizes)} pt: {f.text[:60]!r}")
            if getattr(shape, "has_table", False) and shape.has_table:
                table = shape.table
                total = sum(row.height for row in table.rows)
                if shape.top + total > prs.slide_height - 0.45 * 914400:
                    problems.append(f"{where}: the table runs into the footer")
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        need, wide, sizes = frame_needs(cell.text_frame, table.columns[c].width,
                                                        (cell.margin_left, cell.margin_right, cell.margin_top,
                                                         cell.margin_bottom))
                        if need > row.height / EMU_PER_PT + 0.5:
                            problems.append(f"{where}, row {r + 1}, column {c + 1}: needs {need:.0f} pt, the row "
                                            f"has {row.height / EMU_PER_PT:.0f} pt: {cell.text[:40]!r}")
                        if wide:
                            problems.append(f"{where}, row {r + 1}, column {c + 1}: words wider than the cell: "
                                            f"{wide}")
                        if sizes and min(sizes) < min_size:
                            problems.append(f"{where}, row {r + 1}: text at {min(sizes)} pt")
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    problems.append(f"slide {number}: {a[4]} and {b[4]} overlap")
    return problems
