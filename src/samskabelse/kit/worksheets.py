"""Printable worksheets: the paper version of each workbook in exercises/, one A4 PDF per exercise.

    sheets = build_worksheets(course)               # Worksheet 1-4 for the course file in use
    paths = write_worksheets(course, "build/kit")   # one PDF per sheet, each exactly one A4 page

The paper fallback for a workshop when laptops, Binder or the network fail. Every sheet asks what its
workbook asks, on the same scales, with the names and texts of the course file in use (a team's adapted
file flows onto the paper), in the course file's language. The title, the working-model box and the
discussion questions are read from the workbook itself (exercises/<lang>/<n>-*.ipynb), so that paper and
screen cannot drift apart; the scales' labels are the widgets' own (each module's TEXT table).
Typeset with Typst (typeset.py); a sheet that would run onto a second page is set in a smaller size.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from samskabelse.base.i18n import Texts
from samskabelse.course import REPO_ROOT, Course
from samskabelse.kit.typeset import page_count, typeset

EXERCISES = REPO_ROOT / "exercises"
SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)  # points; the largest at which the sheet fits one page wins
SCALE = [str(v) for v in range(6)]  # the 0-5 scale of the gains, demands and directions sliders

TEXT = Texts(
    da={
        "kicker": "{course} · papirudgave af arbejdsark {n} til øvelse {n}",
        "name": "Navn", "date": "Dato",
        "how": "Sæt ét kryds i hver række, og skriv på linjerne. Facilitatoren samler arkene til øvelse 5 – "
               "eller du taster svarene ind i arbejdsarket senere.",
        "footer": "{course} · arbejdsark {n} · bygger på Væksthus for Ledelse (2019): Ledelse af samskabelse – "
                  "den offentlige chefs rolle og opgaver (gratis på lederweb.dk)",
        "h_typology": "Hvilken type samskabelse er projektet?",
        "typology_intro": "Sæt ét kryds på hver akse. Typen i kursets gitter følger af de to kryds:",
        "project": "Projektets navn",
        "grid": "Typen i kursets gitter",
        "h_gains": "Forventede gevinster",
        "own": "{label} (skriv selv)",
        "h_demands": "Hvad kræver det?",
        "demand_col": "Krav",
        "h_phases": "Chefens fokuspunkter i de tre faser",
        "phases_intro": "Markér hvert fokuspunkt.",
        "focus_col": "Fokuspunkt",
        "status_col": "Status",
        "phase_head": "{number}. {name} ({when}) – strategisk fokus: {focus}",
        "h_steps": "Mine tre næste skridt",
        "h_directions": "Opmærksomhed og nøgleinteressenter i fire retninger",
        "direction_col": "Retning",
        "h_framing": "Rammer: hvad ligger fast, og hvem beslutter?",
        "framing_intro": "Sæt kryds ved fast eller elastisk, og sæt ring om ét tal i hver af de to sidste "
                         "kolonner:",
        "h_timeline": "En realistisk tidsplan",
        "timeline_intro": "Startdato: ____________. Skriv den planlagte varighed i uger, og sæt kryds ved "
                          "usikkerheden. Kursets forslag står med gråt.",
        "phase_col": "Fase", "weeks_col": "Uger", "uncertainty_col": "Usikkerhed",
        "suggest_weeks": "forslag: {weeks} uger, {level}",
        "deadline_col": "Fast frist", "deadline_date": "Dato", "deadline_phase": "Færdig til fristen",
        "suggest_deadline": "forslag: {weeks} uger efter start",
        "suggest_deadline_date": "forslag: {date}",
    },
    en={
        "kicker": "{course} · paper version of workbook {n} for exercise {n}",
        "name": "Name", "date": "Date",
        "how": "Tick one box in each row, and write on the lines. The facilitator collects the sheets for "
               "exercise 5 – or you type your answers into the workbook later.",
        "footer": "{course} · worksheet {n} · built on Væksthus for Ledelse (2019): Ledelse af samskabelse – den "
                  "offentlige chefs rolle og opgaver (free at lederweb.dk)",
        "h_typology": "Which type of co-creation is the project?",
        "typology_intro": "Tick one box on each axis. The type in the course's grid follows from the two ticks:",
        "project": "The project's name",
        "grid": "The type in the course's grid",
        "h_gains": "Expected gains",
        "own": "{label} (write your own)",
        "h_demands": "What will it take?",
        "demand_col": "Demand",
        "h_phases": "The manager's focus points in the three phases",
        "phases_intro": "Mark each focus point.",
        "focus_col": "Focus point",
        "status_col": "Status",
        "phase_head": "{number}. {name} ({when}) – strategic focus: {focus}",
        "h_steps": "My three next steps",
        "h_directions": "Attention and key stakeholders in four directions",
        "direction_col": "Direction",
        "h_framing": "Boundaries: what is fixed, and who decides?",
        "framing_intro": "Tick fixed or elastic, and circle one number in each of the last two columns:",
        "h_timeline": "A realistic timeline",
        "timeline_intro": "Start date: ____________. Write the planned duration in weeks, and tick the "
                          "uncertainty. The course's suggestion is in grey.",
        "phase_col": "Phase", "weeks_col": "Weeks", "uncertainty_col": "Uncertainty",
        "suggest_weeks": "suggested: {weeks} weeks, {level}",
        "deadline_col": "Fixed deadline", "deadline_date": "Date", "deadline_phase": "Finished by then",
        "suggest_deadline": "suggested: {weeks} weeks after the start",
        "suggest_deadline_date": "suggested: {date}",
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
# Cells of the sheet's tables, as the template (templates/worksheet.typ) reads them
def text(value: str, detail: str = "", bold: bool = False, **kw) -> dict:
    return {"text": value, "detail": detail, "bold": bold, **kw}


def choices(labels: list[str], stack: bool = False, before: str = "", after: str = "", **kw) -> dict:
    return {"choices": list(labels), "stack": stack, "before": before, "after": after, **kw}


def blank(lines: int = 1, **kw) -> dict:
    return {"blank": lines, **kw}


def table(columns: list[float | str], head: list[str], rows: list[list[dict]]) -> dict:
    return {"columns": [str(c) for c in columns], "head": head, "rows": rows}


def _numbered(names: list[str]) -> str:
    return " · ".join(f"{i} {n}" for i, n in enumerate(names, 1))


# ---------------------------------------------------------------------------------------------
# The sections, one builder per widget the workbooks use
def typology_section(course: Course) -> dict:
    from samskabelse.sections.typology import _slider_options

    t = TEXT[course.language]
    ty = course.typology
    axes = (("initiative", ty.initiative), ("activity", ty.activity))
    row = [{**text(ax.name, ax.question, bold=True),
            "below": choices([label for label, _ in _slider_options(course, key)], stack=True)} for key, ax in axes]

    grid = [[text(pole.name, bold=True), *[text(ty.type_at(pole.id, a.id).name) for a in (ty.activity.low,
                                                                                        ty.activity.high)]]
            for pole in (ty.initiative.low, ty.initiative.high)]
    return {"heading": t["h_typology"], "field": t["project"], "intro": t["typology_intro"],
            "table": table([1.0, 1.0], [], [row]),
            "second": table([1.0, 0.8, 0.8], [t["grid"], ty.activity.low.name, ty.activity.high.name], grid)}


def gains_sections(course: Course) -> list[dict]:
    from samskabelse.sections.gains import TEXT as GAINS

    t, g = TEXT[course.language], GAINS[course.language]
    intro = re.sub(r"<[^>]+>", "", g["intro"])
    rows = [[text(x.name, x.description, bold=True, inline=True), choices(SCALE), choices(SCALE)]
            for x in course.gains]
    own = t["own"].format(label=course.own_gains_label)
    rows += [[blank(1, detail=own if i == 0 else ""), choices(SCALE), choices(SCALE)]
             for i in range(course.own_gains_max)]
    gains = {"heading": t["h_gains"], "intro": intro,
             "table": table([2.3, 1.0, 1.0], [g["col_gain"], g["col_importance"], g["col_likelihood"]], rows)}
    demands = {"heading": t["h_demands"], "intro": re.sub(r"<[^>]+>", "", g["d_intro"]),
               "table": table([1.5, 1.5], [t["demand_col"], "0–5"],
                              [[text(d.name, d.question, bold=True, inline=True),
                                choices(SCALE, before=d.low, after=d.high)] for d in course.demands])}
    return [gains, demands]


def phases_section(course: Course) -> list[dict]:
    from samskabelse.sections.phases import TEXT as PHASES

    t, p = TEXT[course.language], PHASES[course.language]
    statuses = [p["not_started"], p["in_place"]]
    statuses.insert(1, p["under_way"])
    rows = []
    for ph in course.phases:
        rows.append([text(t["phase_head"].format(number=ph.number, name=ph.name, when=ph.when.lower(),
                                                 focus=ph.strategic_focus), bold=False, colspan=2, shade=True)])
        rows += [[text(f.text), choices(statuses)] for f in ph.focus_points]
    return [{"heading": t["h_phases"], "intro": t["phases_intro"],
             "table": table([2.0, 1.35], [t["focus_col"], t["status_col"]], rows)},
            {"heading": t["h_steps"], "lines": 3}]


def directions_section(course: Course) -> dict:
    from samskabelse.sections.directions import TEXT as DIRECTIONS

    t, d = TEXT[course.language], DIRECTIONS[course.language]
    rows = [[text(x.name, x.who, bold=True), choices(SCALE), blank(3)] for x in course.directions]
    return {"heading": t["h_directions"], "intro": d["scale"].format(thin=_thin()),
            "table": table([1.0, 1.05, 1.5], [t["direction_col"], d["col_attention"], d["col_names"]], rows)}


def _thin() -> int:
    from samskabelse.sections.directions import THIN_AT

    return THIN_AT


def framing_section(course: Course) -> dict:
    from samskabelse.sections.framing import TEXT as FRAMING

    t, f = TEXT[course.language], FRAMING[course.language]
    fr = course.framing
    numbers_d = [str(i) for i in range(1, len(fr.deciders) + 1)]
    numbers_l = [str(i) for i in range(1, len(fr.influence_levels) + 1)]
    rows = [[text(e.name, e.description, bold=True), choices([f["fixed"], f["elastic"]]),
             text("  ".join(numbers_d)), text("  ".join(numbers_l))] for e in fr.frame_elements]
    return {"heading": t["h_framing"], "intro": t["framing_intro"],
            "legend": [[f["col_decider"], _numbered([d.name for d in fr.deciders])],
                       [f["col_influence"], _numbered([lv.name for lv in fr.influence_levels])]],
            "table": table([1.6, 1.0, 0.8, 0.7], [f["col_element"], f["col_fixed"], f["col_decider"],
                                                  f["col_influence"]], rows)}


def timeline_section(course: Course) -> dict:
    t = TEXT[course.language]
    tl = course.timeline
    level_names = [u.name for u in tl.uncertainty_levels]
    level_of = {u.id: u.name for u in tl.uncertainty_levels}
    plans = {p.phase: p for p in tl.phases}
    fmt = (lambda w: f"{w:g}".replace(".", ",")) if course.language == "da" else (lambda w: f"{w:g}")
    rows = []
    for ph in course.phases:
        plan = plans.get(ph.id)
        hint = t["suggest_weeks"].format(weeks=fmt(plan.weeks), level=level_of.get(plan.uncertainty, "").lower()) \
            if plan else ""
        rows.append([text(f"{ph.number}. {ph.name}", hint, bold=True), blank(1), choices(level_names)])
    phases_table = table([1.4, 0.45, 1.3], [t["phase_col"], t["weeks_col"], t["uncertainty_col"]], rows)
    def suggestion(d) -> str:  # weeks after the start, a calendar date, or a day every year ("12-31")
        if not d.date:
            return t["suggest_deadline"].format(weeks=fmt(d.weeks_after_start))
        from samskabelse.sections.timeline import MONTHS, format_date

        if len(d.date) == 10:
            return t["suggest_deadline_date"].format(date=format_date(date.fromisoformat(d.date), course.language))
        month, day = (int(x) for x in d.date.split("-"))
        sep = ". " if course.language == "da" else " "
        return t["suggest_deadline_date"].format(date=f"{day}{sep}{MONTHS[course.language][month - 1]}")

    deadline_rows = [[text(d.name, suggestion(d), bold=True), blank(1), choices([ph.name for ph in course.phases])]
                     for d in tl.deadlines]
    out = {"heading": t["h_timeline"], "intro": t["timeline_intro"], "table": phases_table}
    if deadline_rows:
        out["second"] = table([1.4, 0.6, 1.15], [t["deadline_col"], t["deadline_date"], t["deadline_phase"]],
                              deadline_rows)
    return out


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


def _flatten(sections: list[dict]) -> list[dict]:
    """A section with a second table becomes two sections (the second without a heading)."""
    out = []
    for s in sections:
        second = s.pop("second", None)
        out.append(s)
        if second is not None:
            out.append({"heading": "", "table": second})
    return out


SECTIONS = {
    1: lambda c: [typology_section(c), *gains_sections(c)],
    2: phases_section,
    3: lambda c: [directions_section(c)],
    4: lambda c: [framing_section(c), timeline_section(c)],
}


def build_worksheet(course: Course, number: int) -> Worksheet:
    t = TEXT[course.language]
    wb = read_workbook(course.language, number)
    sections = SECTIONS[number](course)
    data = {
        "lang": course.language, "size": SIZES[0], "author": course.title,
        "kicker": t["kicker"].format(course=course.title, n=number), "title": wb.title,
        "name_label": t["name"], "date_label": t["date"], "how": t["how"],
        "sections": _flatten(sections),
        "model_box": {"title": wb.model_title, "text": wb.model_text},
        "discussion": {"title": wb.discussion_title, "items": wb.discussion},
        "footer": t["footer"].format(course=course.title, n=number),
    }
    return Worksheet(number, course.language, data, wb.path.stem)


def build_worksheets(course: Course) -> list[Worksheet]:
    return [build_worksheet(course, n) for n in sorted(SECTIONS)]


def worksheet_pdf(sheet: Worksheet) -> bytes:
    """The sheet on one A4 page: the largest type size from SIZES at which it fits."""
    for size in SIZES:
        pdf = typeset("worksheet.typ", {**sheet.data, "size": size})
        if page_count(pdf) == 1:
            return pdf
    raise ValueError(f"worksheet {sheet.number} does not fit one A4 page even at {SIZES[-1]} pt")


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
