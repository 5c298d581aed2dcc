"""Slides for the facilitator's intro slots: a PowerPoint deck (.pptx) built from the course file in use.

    deck = intro_slides(course)                       # the slides as plain data (Slide objects)
    path = write_deck(course, "build/kit/da/dias.pptx", extra=team_slides)   # the .pptx

One slide per intro slot of the half-day programme (exercises/<lang>/workshop-*.md): welcome and the
publication's three parts, the typology and the gains (exercise 1), the phases (2), the directions (3), the
frames and the timeline (4), collecting the answer files, and the team's overview (5) when answers are given.
Every name and text comes from the course file, so a team's adaptation is on the screen; each slide says in a
labelled line what is the course's working model, and the speaker notes carry what to say.

python-pptx writes the file (municipalities edit PowerPoint). The slides use the title placeholder (read by
screen readers and shown in the outline) and text boxes and tables in Arial: Arial is on every Office
machine, and LibreOffice shows it with the metric-compatible Liberation Sans, so the layout holds in both.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from samskabelse.base.files import safe_text, safe_texts
from samskabelse.base.i18n import Texts, join_names
from samskabelse.course import Course
from samskabelse.widgets.display import BASIS_LABELS

FONT = "Arial"
WIDTH_IN, HEIGHT_IN = 13.333, 7.5  # 16:9
MARGIN_IN = 0.6
BLUE, GREY, LIGHT, WHITE, BLACK = "0072B2", "595959", "E8F1F8", "FFFFFF", "000000"

TEXT = Texts(
    da={
        "welcome_sub": "{subtitle}\nHalvdagsworkshop for ledergruppen",
        "source": "Bygger på {publisher}, {year}: »{title}«. {where}",
        "parts_title": "Publikationen: tre dele",
        "parts": [
            ("En fasemodel", "De tre typiske faser i en samskabelsesproces, set fra chefens strategiske fokus, med "
                             "chefens vigtigste fokuspunkter i hver fase."),
            ("Ledelsesretninger", "Chefens vigtige opgaver opad, på tværs og nedad i egen organisation – og udad mod "
                                  "partnerne i samskabelsen."),
            ("Hvad samskabelse er", "En kort introduktion med en enkel typologi med fire typer."),
        ],
        "parts_note": "Publikationen bygger på 12 samskabelsesprojekter og sætter fokus på chefens rolle og "
                      "opgaver. Den er ikke en opskrift: den skærper, hvad en chef mindst skal overveje.",
        "parts_label": "Fra publikationen (genfortalt). Dagens øvelser, skalaer og beregninger er kursets "
                       "arbejdsmodel.",
        "parts_notes": "Sig, hvad dagen bygger på: publikationen fra Væksthus for Ledelse. Samskabelse er her "
                       "offentlige og ikke-offentlige aktører, der sammen udvikler og/eller producerer velfærd. "
                       "Borgerne er ressourcer, ikke kunder eller klienter.",
        "typology_title": "Hvilken type samskabelse? Kursets gitter",
        "typology_notes": "Øvelse 1 begynder med at placere projektet i gitteret.",
        "gains_title": "Hvorfor samskabe? De forventede gevinster",
        "gains_label": "Gevinsterne er publikationens{extra}{own}. At veje dem med skydere og "
                       "holde dem op mod kravene er kursets arbejdsmodel.",
        "gains_words": "; forklaringerne er ikke publikationens ord",
        "gains_extra": " – undtagen {names}",
        "gains_own": "Og {label}: op til {max} gevinster, I selv navngiver.",
        "gains_notes": "Publikationen: brug kun samskabelse, hvor det giver mening, og gør motivationen klar. I "
                       "øvelse 1 vejer hver deltager gevinsterne (vigtighed og sandsynlighed, 0–5) og kravene: "
                       "{demands}.",
        "phases_title": "Tre faser – og chefens fokus i hver",
        "phases_label": "At der er tre faser med chefens fokuspunkter, er publikationens. Fasernes navne og "
                        "fokuspunkterne her er kursets arbejdsmodel.",
        "phases_notes": "Øvelse 2: hver deltager markerer fokuspunkterne som ikke startet, i gang eller på plads "
                        "og får tre forslag til næste skridt.",
        "directions_title": "Led i fire retninger",
        "directions_label": "De fire retninger er publikationens. Beskrivelserne og øvelsens måling af opmærksomhed "
                            "er kursets arbejdsmodel.",
        "directions_notes": "Øvelse 3: hvor meget opmærksomhed får hver retning nu (0–5), og hvem er "
                            "nøglepersonerne?",
        "frames_title": "Kridt banen op: faste rammer og elastik",
        "frames_fixed": "Ligger typisk fast", "frames_elastic": "Typisk elastik",
        "frames_label": "At kridte banen op er publikationens pointe. Listen over rammer og forslaget om, hvad der "
                        "ligger fast, er kursets arbejdsmodel.",
        "frames_notes": "Chefen skal være villig til at give slip på noget af kontrollen og leve med en vis "
                        "uforudsigelighed. Øvelse 4: sorter rammerne, og sig, hvem der beslutter.",
        "timeline_title": "En realistisk tidsplan",
        "timeline_phase": "Fase", "timeline_weeks": "Forslag", "timeline_unc": "Usikkerhed",
        "weeks": "{weeks} uger",
        "timeline_point": "Samskabelse tager ofte længere tid end ventet: læg en realistisk tidsramme.",
        "timeline_label": "Pointen er publikationens. Ugerne, usikkerheden og simuleringen er kursets arbejdsmodel.",
        "deadlines": "Faste frister: {names}.",
        "collect_title": "Saml holdets svar",
        "collect": [
            "Tryk »Gem mine svar« nederst i hvert arbejdsark.",
            "På Binder: tryk »Download« i gem-boksen – sessionen er midlertidig.",
            "Facilitatoren indlæser filerne i notebook 08: fra holdets mappe eller ved upload.",
            "Svarede du på papir? Facilitatoren tager arket med i drøftelsen.",
        ],
        "collect_notes": "Filerne indeholder navn, dato og svar – ingen andre personoplysninger. Et kaldenavn er fint.",
        "footer": "{course} · {publisher} ({year})",
        "slot": "Programpunkt: {slot}",
    },
    en={
        "welcome_sub": "{subtitle}\nHalf-day workshop for the management team",
        "source": "Built on {publisher}, {year}: “{title}”. {where}",
        "parts_title": "The publication: three parts",
        "parts": [
            ("A phase model", "The three typical phases of a co-creation process, seen from the manager's strategic "
                              "focus, with the manager's most important focus points in each phase."),
            ("Leadership directions", "The manager's important tasks upward, across and downward in the own "
                                      "organisation – and outward toward the co-creation partners."),
            ("What co-creation is", "A short introduction with a simple typology of four types."),
        ],
        "parts_note": "The publication builds on 12 co-creation projects and focuses on the senior manager's role "
                      "and tasks. It is not a recipe: it sharpens what a manager must at least consider.",
        "parts_label": "From the publication (paraphrased). Today's exercises, scales and calculations are the "
                       "course's working model.",
        "parts_notes": "Say what the day builds on: the publication by Væksthus for Ledelse. Co-creation here is "
                       "public and non-public actors developing and/or producing welfare together. Citizens are "
                       "resources, not customers or clients.",
        "typology_title": "Which type of co-creation? The course's grid",
        "typology_notes": "Exercise 1 starts by placing the project in the grid.",
        "gains_title": "Why co-create? The expected gains",
        "gains_label": "The gains are the publication's{extra}{own}. Weighing them "
                       "with sliders and setting them against the demands is the course's working model.",
        "gains_words": "; the explanations are not the publication's words",
        "gains_extra": " – except {names}",
        "gains_own": "And {label}: up to {max} gains you name yourselves.",
        "gains_notes": "The publication: use co-creation only where it makes sense, and make the motivation clear. "
                       "In exercise 1 each participant weighs the gains (importance and likelihood, 0–5) and the "
                       "demands: {demands}.",
        "phases_title": "Three phases – and the manager's focus in each",
        "phases_label": "That there are three phases with the manager's focus points is the publication's. The "
                        "phases' names and the focus points here are the course's working model.",
        "phases_notes": "Exercise 2: each participant marks the focus points as not started, under way or in place "
                        "and gets three suggested next steps.",
        "directions_title": "Leading in four directions",
        "directions_label": "The four directions are the publication's. The descriptions and the exercise's rating "
                            "of attention are the course's working model.",
        "directions_notes": "Exercise 3: how much attention does each direction get now (0–5), and who are the key "
                            "stakeholders?",
        "frames_title": "Mark out the pitch: fixed boundaries and elastic room",
        "frames_fixed": "Usually fixed", "frames_elastic": "Usually elastic",
        "frames_label": "Marking out the pitch is the publication's point. The list of boundaries and which are "
                        "fixed is the course's working model.",
        "frames_notes": "The manager must be willing to let go of some control and live with some unpredictability. "
                        "Exercise 4: sort the boundaries, and say who decides.",
        "timeline_title": "A realistic timeline",
        "timeline_phase": "Phase", "timeline_weeks": "Suggested", "timeline_unc": "Uncertainty",
        "weeks": "{weeks} weeks",
        "timeline_point": "Co-creation often takes longer than expected: set a realistic time frame.",
        "timeline_label": "The point is the publication's. The weeks, the uncertainty and the simulation are the "
                          "course's working model.",
        "deadlines": "Fixed deadlines: {names}.",
        "collect_title": "Collect the team's answers",
        "collect": [
            "Press “Save my answers” at the bottom of each workbook.",
            "On Binder: press “Download” in the save box – the session is temporary.",
            "The facilitator loads the files in notebook 08: from the team's folder or by upload.",
            "Answered on paper? The facilitator brings the sheet into the discussion.",
        ],
        "collect_notes": "The files hold a name, a date and answers – no other personal data. A nickname is fine.",
        "footer": "{course} · {publisher} ({year})",
        "slot": "Programme slot: {slot}",
    },
)


# ---------------------------------------------------------------------------------------------
# The slides as plain data
@dataclass
class Slide:
    title: str
    bullets: list[tuple[str, str]] = field(default_factory=list)  # (bold head, text)
    table: list[list[str]] | None = None  # first row is the header
    columns: list[tuple[str, str]] = field(default_factory=list)  # cards side by side: (head, text)
    image: bytes | None = None  # a PNG
    image_alt: str = ""
    point: str = ""  # one line above the content, in bold
    label: str = ""  # what is the publication's and what the course's working model
    notes: str = ""  # speaker notes
    subtitle: str = ""  # title slide only
    kind: str = "content"  # "title" or "content"

    def text(self) -> str:
        """Everything the slide says, for tests and for a quick look."""
        parts = [self.title, self.subtitle, self.point, self.label, self.notes, self.image_alt]
        parts += [f"{h} {t}" for h, t in self.bullets + self.columns]
        parts += [c for row in self.table or [] for c in row]
        return " ".join(p for p in parts if p)


def _label(course: Course, basis: str) -> str:
    return BASIS_LABELS[course.language][basis]


def _gains_label(course: Course) -> str:
    """Which gains (and which explanations) are the publication's, from each item's basis in the course file."""
    t = TEXT[course.language]
    not_theirs = [g.name for g in course.gains if g.basis != "publication"]
    words = any(getattr(g, "description_basis", g.basis) != "publication" for g in course.gains)
    return t["gains_label"].format(extra=t["gains_extra"].format(names=join_names(not_theirs, course.language))
                                   if not_theirs else "", own=t["gains_words"] if words else "")


def intro_slides(course: Course) -> list[Slide]:
    """The intro slides for the programme, from the course file."""
    t = TEXT[course.language]
    pub = course.publication
    slides = [Slide(course.title, kind="title",
                    subtitle=t["welcome_sub"].format(subtitle=course.subtitle).strip(),
                    notes=t["source"].format(publisher=pub.publisher, year=pub.year, title=pub.title,
                                             where=pub.where))]
    slides.append(Slide(t["parts_title"], bullets=[(f"{i}. {h}", x) for i, (h, x) in enumerate(t["parts"], 1)],
                        point=t["parts_note"], label=t["parts_label"], notes=t["parts_notes"]))

    ty = course.typology
    head = ["", ty.activity.low.name, ty.activity.high.name]
    rows = [[pole.name, *[f"{ty.type_at(pole.id, a.id).name}: {ty.type_at(pole.id, a.id).description}"
                           for a in (ty.activity.low, ty.activity.high)]]
            for pole in (ty.initiative.low, ty.initiative.high)]
    slides.append(Slide(t["typology_title"], table=[head, *rows],
                        point=f"{ty.initiative.name} × {ty.activity.name}",
                        label=f"{_label(course, ty.basis)}: {ty.note}", notes=t["typology_notes"]))

    own = t["gains_own"].format(label=course.own_gains_label.lower(), max=course.own_gains_max) \
        if course.own_gains_max else ""
    slides.append(Slide(t["gains_title"], bullets=[(g.name, g.description) for g in course.gains], point=own,
                        label=_gains_label(course),
                        notes=t["gains_notes"].format(demands=", ".join(d.name.lower() for d in course.demands))))

    slides.append(Slide(t["phases_title"],
                        columns=[(f"{p.number}. {p.name} ({p.when.lower()})", p.strategic_focus)
                                 for p in course.phases],
                        label=t["phases_label"], notes=t["phases_notes"]))

    slides.append(Slide(t["directions_title"], columns=[(f"{d.name}: {d.who}", d.description)
                                                        for d in course.directions],
                        label=t["directions_label"], notes=t["directions_notes"]))

    fr = course.framing
    slides.append(Slide(t["frames_title"], columns=[
        (t["frames_fixed"], "\n".join(e.name for e in fr.frame_elements if e.fixed)),
        (t["frames_elastic"], "\n".join(e.name for e in fr.frame_elements if not e.fixed))],
        label=t["frames_label"], notes=t["frames_notes"]))

    tl = course.timeline
    plans = {p.phase: p for p in tl.phases}
    levels = {u.id: u.name for u in tl.uncertainty_levels}
    fmt = (lambda w: f"{w:g}".replace(".", ",")) if course.language == "da" else (lambda w: f"{w:g}")
    table = [[t["timeline_phase"], t["timeline_weeks"], t["timeline_unc"]]]
    table += [[f"{p.number}. {p.name}", t["weeks"].format(weeks=fmt(plans[p.id].weeks)),
               levels.get(plans[p.id].uncertainty, "")] for p in course.phases if p.id in plans]
    deadlines = t["deadlines"].format(names=", ".join(d.name for d in tl.deadlines)) if tl.deadlines else ""
    slides.append(Slide(t["timeline_title"], table=table, point=t["timeline_point"], label=t["timeline_label"],
                        notes=" ".join(x for x in (deadlines, tl.note) if x)))

    slides.append(Slide(t["collect_title"], bullets=[(f"{i}.", x) for i, x in enumerate(t["collect"], 1)],
                        notes=t["collect_notes"]))
    return slides


# ---------------------------------------------------------------------------------------------
# The .pptx
def _rgb(hex_colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour)


def _style(run, size: float, bold: bool = False, colour: str = BLACK) -> None:
    from pptx.util import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(colour)


def _fit(texts: list[str], width_in: float, height_in: float, sizes=(24, 22, 20, 18, 16, 14, 13, 12)) -> float:
    """The largest size at which the paragraphs fit the box, estimating Arial's mean character width as 0.5 em."""
    for size in sizes:
        chars_per_line = max(8, int(width_in * 72 / (size * 0.5)))
        lines = sum(max(1, -(-len(x) // chars_per_line)) for x in texts)
        if lines * size * 1.2 / 72 + len(texts) * size * 0.35 / 72 <= height_in:
            return size
    return sizes[-1]


def _textbox(slide, left, top, width, height, paragraphs: list[tuple[str, str]], size: float,
             colour: str = BLACK, fill: str | None = None):
    """A text box of paragraphs, each a bold head (may be empty) and its text."""
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(fill)
        frame.margin_left = frame.margin_right = Inches(0.15)
        frame.margin_top = frame.margin_bottom = Inches(0.1)
    for i, (head, text) in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(size * 0.35)
        if head:
            _style(para.add_run(), size, True, colour)
            para.runs[-1].text = head + (" – " if text and not head.endswith((":", ".")) else " " if text else "")
        if text:
            run = para.add_run()
            run.text = text
            _style(run, size, False, colour)
    return box


def _render(prs, slide_data: Slide, footer: str) -> None:
    from pptx.util import Inches, Pt

    if slide_data.kind == "title":
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        title, sub = slide.placeholders[0], slide.placeholders[1]
        title.left, title.top, title.width, title.height = (Inches(MARGIN_IN), Inches(2.0),
                                                            Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(1.8))
        sub.left, sub.top, sub.width, sub.height = (Inches(MARGIN_IN), Inches(4.0),
                                                    Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(1.6))
        title.text = slide_data.title
        for p in title.text_frame.paragraphs:
            for r in p.runs:
                _style(r, 40, True, BLUE)
        sub.text = slide_data.subtitle
        for p in sub.text_frame.paragraphs:
            for r in p.runs:
                _style(r, 24, False, GREY)
    else:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        title = slide.placeholders[0]
        title.left, title.top, title.width, title.height = (Inches(MARGIN_IN), Inches(0.3),
                                                            Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(1.0))
        title.text = slide_data.title
        frame = title.text_frame
        frame.word_wrap = True
        for p in frame.paragraphs:
            p.alignment = 1  # left
            for r in p.runs:
                _style(r, 32, True, BLUE)
        _render_body(slide, slide_data)

    width = WIDTH_IN - 2 * MARGIN_IN
    box = _textbox(slide, MARGIN_IN, HEIGHT_IN - 0.45, width, 0.35, [("", footer)], 11, GREY)
    box.text_frame.paragraphs[0].space_after = Pt(0)
    if slide_data.notes:
        slide.notes_slide.notes_text_frame.text = slide_data.notes


def _render_body(slide, s: Slide) -> None:
    from pptx.util import Inches, Pt

    left, width = MARGIN_IN, WIDTH_IN - 2 * MARGIN_IN
    top = 1.35
    bottom = HEIGHT_IN - 0.55
    if s.label:
        label_size = 14
        label_h = 0.25 + 0.3 * max(1, -(-len(s.label) // int(width * 72 / (label_size * 0.5))))
        _textbox(slide, left, bottom - label_h, width, label_h, [("", s.label)], label_size, BLACK, fill=LIGHT)
        bottom -= label_h + 0.15
    if s.point:
        size = 22
        h = 0.5 * max(1, -(-len(s.point) // int(width * 72 / (size * 0.5))))
        _textbox(slide, left, top, width, h, [("", s.point)], size, BLACK)
        slide.shapes[-1].text_frame.paragraphs[0].runs[0].font.bold = True
        top += h + 0.1
    height = bottom - top
    if s.bullets:
        halves = [s.bullets] if len(s.bullets) <= 5 else [s.bullets[: (len(s.bullets) + 1) // 2],
                                                          s.bullets[(len(s.bullets) + 1) // 2:]]
        gap = 0.35
        col_w = (width - gap * (len(halves) - 1)) / len(halves)
        size = min(_fit([f"{h} – {x}" for h, x in half], col_w, height) for half in halves)
        for i, half in enumerate(halves):
            _textbox(slide, left + i * (col_w + gap), top, col_w, height, half, size)
    elif s.columns:
        n = len(s.columns)
        gap = 0.25
        per_row = n if n <= 3 else 2
        rows = -(-n // per_row)
        col_w = (width - gap * (per_row - 1)) / per_row
        row_h = (height - gap * (rows - 1)) / rows
        size = min(_fit([head, *text.split("\n")], col_w - 0.3, row_h - 0.2, sizes=(24, 22, 20, 18, 16))
                   for head, text in s.columns)
        for i, (head, text) in enumerate(s.columns):
            r, c = divmod(i, per_row)
            box = _textbox(slide, left + c * (col_w + gap), top + r * (row_h + gap), col_w, row_h,
                           [(head, ""), *[("", line) for line in text.split("\n")]], size, BLACK, fill="F2F2F2")
            for run in box.text_frame.paragraphs[0].runs:
                run.font.color.rgb = _rgb(BLUE)
    elif s.table:
        n_rows, n_cols = len(s.table), len(s.table[0])
        size = table_size(s.table)
        widths = column_widths(s.table, width)
        shape = slide.shapes.add_table(n_rows, n_cols, Inches(left), Inches(top), Inches(width),
                                       Inches(min(height, 0.5 * n_rows)))
        table = shape.table
        for c, w in enumerate(widths):
            table.columns[c].width = Inches(w)
        for r, row in enumerate(s.table):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                cell.text = value
                cell.margin_left = cell.margin_right = Inches(0.06)
                cell.margin_top = cell.margin_bottom = Inches(0.03)
                for p in cell.text_frame.paragraphs:
                    for run in p.runs:
                        _style(run, size, r == 0 or c == 0, WHITE if r == 0 else BLACK)
                if r == 0:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = _rgb(BLUE)
                else:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = _rgb("F2F2F2" if r % 2 else WHITE)
    elif s.image is not None:
        from PIL import Image

        with Image.open(io.BytesIO(s.image)) as im:
            ratio = im.width / im.height
        w = min(width, height * ratio)
        pic = slide.shapes.add_picture(io.BytesIO(s.image), Inches(left + (width - w) / 2), Inches(top),
                                       width=Inches(w))
        pic._element.nvPicPr.cNvPr.set("descr", s.image_alt)  # the text alternative screen readers read
    _ = Pt  # (kept for symmetry with _render)


def table_size(rows: list[list[str]]) -> float:
    longest = max(len(c) for row in rows for c in row)
    return 18 if longest < 60 else 16 if longest < 140 else 14


def column_widths(rows: list[list[str]], width: float) -> list[float]:
    """Inches per column, by the longest word and the typical length of each column (never too narrow)."""
    n = len(rows[0])
    need = []
    for c in range(n):
        cells = [row[c] for row in rows if c < len(row)]
        longest_word = max((len(w) for x in cells for w in x.split()), default=1)
        typical = sorted(len(x) for x in cells)[len(cells) * 3 // 4] if cells else 1
        need.append(max(longest_word * 1.25 + 2, min(typical, 60)))  # bold headers and first column
    total = sum(need)
    return [width * k / total for k in need]


def table_height(rows: list[list[str]], width: float = WIDTH_IN - 2 * MARGIN_IN) -> float:
    """An estimate of the table's height in inches as the slides set it (Arial: about 0.5 em a character)."""
    size = table_size(rows)
    widths = column_widths(rows, width)
    height = 0.0
    for row in rows:
        lines = max(max(1, -(-len(x) // max(4, int((w - 0.12) * 72 / (size * 0.5))))) for x, w in zip(row, widths,
                                                                                                   strict=False))
        height += lines * size * 1.2 / 72 + 0.08
    return height


def paginate_table(head: list[str], rows: list[list[str]], height: float = 4.9) -> list[list[list[str]]]:
    """The rows split into slide-sized pieces, each to be shown below the same header."""
    pages, current = [], []
    for row in rows:
        if current and table_height([head, *current, row]) > height:
            pages.append(current)
            current = []
        current.append(row)
    return pages + [current] if current else pages


def build_deck(course: Course, extra: list[Slide] | None = None, *, intro: bool = True):
    """A python-pptx Presentation: the intro slides (unless intro=False), then `extra` (e.g. the team's overview)."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    prs.core_properties.title = course.title
    prs.core_properties.language = course.language
    t = TEXT[course.language]
    footer = t["footer"].format(course=course.title, publisher=course.publication.publisher.split(" (")[0],
                                year=course.publication.year)
    for s in (intro_slides(course) if intro else []) + list(extra or []):
        _render(prs, safe_texts(s), safe_text(footer))  # python-pptx takes only what XML can hold (base.files)
    return prs


def write_deck(course: Course, path: str | Path, extra: list[Slide] | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_deck(course, extra).save(str(path))
    return path


def write_deck_of(course: Course, slides: list[Slide], path: str | Path) -> Path:
    """A deck of just these slides (e.g. the team's overview from notebook 08), in the course's look."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_deck(course, slides, intro=False).save(str(path))
    return path
