"""Printable worksheets: the paper version of each workbook in exercises/, one A4 PDF per exercise.

    sheets = build_worksheets(course)               # Worksheet 1-4 for the course file in use
    paths = write_worksheets(course, "build/kit")   # one PDF per sheet, each exactly one A4 page

The paper fallback for a workshop when laptops, Binder or the network fail. Every sheet asks what its
workbook asks, on the same scales, with the names and texts of the course file in use (a team's adapted
file flows onto the paper), in the course file's language. The title, the working-model box and the
discussion questions are read from the workbook itself (exercises/<lang>/<n>-*.ipynb), so that paper and
screen cannot drift apart; the scales' labels are the widgets' own (each module's TEXT table).
Typeset with Typst (typeset.py); a sheet that would run onto a second page is set a little smaller, down to
9 pt (MIN_SIZE: what a participant reads without strain), and a sheet that does not fit one page even then
continues on a second one at 9 pt, with its name line and "(fortsat)" at the top of each page after the first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from samskabelse.base.home import course_path
from samskabelse.base.i18n import Texts
from samskabelse.course import Course
from samskabelse.kit.typeset import page_count, typeset
from samskabelse.sections import all_sections

EXERCISES = course_path("exercises")
SIZES = (10.0, 9.5, 9.0)  # points; the largest at which the sheet fits one page wins
MIN_SIZE = SIZES[-1]  # a sheet that does not fit one page at this size continues on the next page

TEXT = Texts(
    da={
        "kicker": "{course} · papirudgave af arbejdsark {n} til øvelse {n}",
        "name": "Navn", "date": "Dato",
        "how": "Sæt ét kryds i hver række, og skriv på linjerne. Facilitatoren samler arkene til øvelse 5 – "
               "eller du taster svarene ind i arbejdsarket senere.",
        "footer": "{course} · arbejdsark {n} · bygger på Væksthus for Ledelse (2019): Ledelse af samskabelse – "
                  "den offentlige chefs rolle og opgaver (gratis på lederweb.dk)",
        "continued": "Arbejdsark {n}: {title} (fortsat)",
    },
    en={
        "kicker": "{course} · paper version of workbook {n} for exercise {n}",
        "name": "Name", "date": "Date",
        "how": "Tick one box in each row, and write on the lines. The facilitator collects the sheets for "
               "exercise 5 – or you type your answers into the workbook later.",
        "footer": "{course} · worksheet {n} · built on Væksthus for Ledelse (2019): Ledelse af samskabelse – den "
                  "offentlige chefs rolle og opgaver (free at lederweb.dk)",
        "continued": "Worksheet {n}: {title} (continued)",
    },
)


# ---------------------------------------------------------------------------------------------
# What the workbook says: its title, its working-model box and its discussion questions
@dataclass
class WorkbookText:
    path: Path
    title: str
    model_title: str
    model_text: str
    discussion_title: str
    discussion: list[str] = field(default_factory=list)


def workbook_path(lang: str, number: int) -> Path:
    found = sorted((EXERCISES / lang).glob(f"{number}-*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no workbook {number} in {EXERCISES / lang}")
    return found[0]


def _plain_markdown(text: str) -> str:
    """Markdown emphasis and code marks dropped: the sheet shows the words."""
    text = re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`", lambda m: next(g for g in m.groups() if g is not None), text)
    return " ".join(text.split())


def read_workbook(lang: str, number: int) -> WorkbookText:
    """The workbook's title (after "Arbejdsark n:"), its labelled working-model box and its discussion list."""
    path = workbook_path(lang, number)
    cells = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "markdown"]
    title = next(line[2:] for c in cells for line in c.splitlines() if line.startswith("# "))
    title = title.split(":", 1)[1].strip() if ":" in title else title
    model_title = model_text = ""
    for c in cells:
        lines = [line[1:].strip() if line.startswith(">") else line for line in c.strip().splitlines()]
        if c.startswith(">") and lines[0].startswith("**"):
            model_title = lines[0].strip("*")
            model_text = _plain_markdown(" ".join(lines[1:]))
    discussion_title, items = "", []
    for c in cells:  # the last section with a bulleted list is the discussion
        head = c.strip().splitlines()[0]
        bullets = re.findall(r"^- (.+(?:\n(?!- ).+)*)", c, flags=re.M)
        if head.startswith("## ") and bullets:
            discussion_title, items = head[3:], [_plain_markdown(b) for b in bullets]
    return WorkbookText(path, title, model_title, model_text, discussion_title, items)


# ---------------------------------------------------------------------------------------------
# The sheets
@dataclass
class Worksheet:
    number: int
    lang: str
    data: dict  # what the template reads
    file_stem: str  # the workbook's name, e.g. 1-hvorfor-samskabe

    @property
    def title(self) -> str:
        return self.data["title"]


WORKBOOKS = (1, 2, 3, 4)


def sheet_sections(course: Course, number: int) -> list[dict]:
    """What workbook `number` asks, on paper: each section it holds, as that section sets it (samskabelse.sections)."""
    return [part for definition in all_sections() if definition.workbook == number
            for part in definition.worksheet(course)]


def build_worksheet(course: Course, number: int) -> Worksheet:
    t = TEXT[course.language]
    wb = read_workbook(course.language, number)
    sections = sheet_sections(course, number)
    data = {
        "lang": course.language, "size": SIZES[0], "author": course.title,
        "kicker": t["kicker"].format(course=course.title, n=number), "title": wb.title,
        "name_label": t["name"], "date_label": t["date"], "how": t["how"],
        "sections": sections,
        "model_box": {"title": wb.model_title, "text": wb.model_text},
        "discussion": {"title": wb.discussion_title, "items": wb.discussion},
        "footer": t["footer"].format(course=course.title, n=number),
        "continued": t["continued"].format(n=number, title=wb.title),
    }
    return Worksheet(number, course.language, data, wb.path.stem)


def build_worksheets(course: Course) -> list[Worksheet]:
    return [build_worksheet(course, n) for n in WORKBOOKS]


def worksheet_pdf(sheet: Worksheet) -> bytes:
    """The sheet on one A4 page at the largest size from SIZES at which it fits; if it fits at none, at MIN_SIZE
    on as many pages as it needs (each page after the first says whose sheet it is)."""
    for size in SIZES:
        pdf = typeset("worksheet.typ", {**sheet.data, "size": size})
        if page_count(pdf) == 1:
            return pdf
    return pdf


def write_worksheets(course: Course, folder: str | Path) -> list[Path]:
    """One PDF per worksheet in `folder`, named like the workbook it stands in for (1-hvorfor-samskabe.pdf)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for sheet in build_worksheets(course):
        path = folder / f"{sheet.file_stem}.pdf"
        path.write_bytes(worksheet_pdf(sheet))
        out.append(path)
    return out
