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
