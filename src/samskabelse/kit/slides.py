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
from dataclasses import dataclass, field, replace
from pathlib import Path

from samskabelse.base.files import safe_text, safe_texts
from samskabelse.base.i18n import Texts, format_number, join_names
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
        "continued": "{title} (fortsat)",
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
        "continued": "{title} (continued)",
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
    image_size: tuple[float, float] | None = None  # inches: placed at this size (its text at the size drawn)
    point: str = ""  # one line above the content, in bold
    label: str = ""  # what is the publication's and what the course's working model
    label_size: float = 16.0  # the intro slides' labels are long (a typology's note): 16 pt, 20 on the team's
    notes: str = ""  # speaker notes
    subtitle: str = ""  # title slide only
    kind: str = "content"  # "title" or "content"
    keys: int = 1  # a table's leading columns that name each row: repeated when its columns are split
    slot: str = ""  # which intro slot of the programme (the guides name the slides by number)
    layout: dict = field(default_factory=dict, repr=False)  # set by paginate(): sizes, widths, heights

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
                    subtitle=t["welcome_sub"].format(subtitle=course.subtitle).strip(), slot="welcome",
                    notes=t["source"].format(publisher=pub.publisher, year=pub.year, title=pub.title,
                                             where=pub.where))]
    slides.append(Slide(t["parts_title"], bullets=[(f"{i}. {h}", x) for i, (h, x) in enumerate(t["parts"], 1)],
                        point=t["parts_note"], label=t["parts_label"], notes=t["parts_notes"], slot="parts"))

    ty = course.typology
    head = ["", ty.activity.low.name, ty.activity.high.name]
    rows = [[pole.name, *[f"{ty.type_at(pole.id, a.id).name}: {ty.type_at(pole.id, a.id).description}"
                           for a in (ty.activity.low, ty.activity.high)]]
            for pole in (ty.initiative.low, ty.initiative.high)]
    slides.append(Slide(t["typology_title"], table=[head, *rows],
                        point=f"{ty.initiative.name} × {ty.activity.name}",
                        label=f"{_label(course, ty.basis)}: {ty.note}", notes=t["typology_notes"],
                        slot="typology"))

    own = t["gains_own"].format(label=course.own_gains_label.lower(), max=course.own_gains_max) \
        if course.own_gains_max else ""
    slides.append(Slide(t["gains_title"], bullets=[(g.name, g.description) for g in course.gains], point=own,
                        label=_gains_label(course), slot="gains",
                        notes=t["gains_notes"].format(demands=", ".join(d.name.lower() for d in course.demands))))

    slides.append(Slide(t["phases_title"],
                        columns=[(f"{p.number}. {p.name} ({p.when.lower()})", p.strategic_focus)
                                 for p in course.phases],
                        label=t["phases_label"], notes=t["phases_notes"], slot="phases"))

    slides.append(Slide(t["directions_title"], columns=[(f"{d.name}: {d.who}", d.description)
                                                        for d in course.directions],
                        label=t["directions_label"], notes=t["directions_notes"], slot="directions"))

    fr = course.framing
    slides.append(Slide(t["frames_title"], columns=[
        (t["frames_fixed"], "\n".join(e.name for e in fr.frame_elements if e.fixed)),
        (t["frames_elastic"], "\n".join(e.name for e in fr.frame_elements if not e.fixed))],
        label=t["frames_label"], notes=t["frames_notes"], slot="frames"))

    tl = course.timeline
    plans = {p.phase: p for p in tl.phases}
    levels = {u.id: u.name for u in tl.uncertainty_levels}

    def fmt(weeks: float) -> str:
        return format_number(weeks, course.language, 6, trim=True)

    table = [[t["timeline_phase"], t["timeline_weeks"], t["timeline_unc"]]]
    table += [[f"{p.number}. {p.name}", t["weeks"].format(weeks=fmt(plans[p.id].weeks)),
               levels.get(plans[p.id].uncertainty, "")] for p in course.phases if p.id in plans]
    deadlines = t["deadlines"].format(names=", ".join(d.name for d in tl.deadlines)) if tl.deadlines else ""
    slides.append(Slide(t["timeline_title"], table=table, point=t["timeline_point"], label=t["timeline_label"],
                        notes=" ".join(x for x in (deadlines, tl.note) if x), slot="timeline"))

    slides.append(Slide(t["collect_title"], bullets=[(f"{i}.", x) for i, x in enumerate(t["collect"], 1)],
                        notes=t["collect_notes"], slot="collect"))
    return slides


# ---------------------------------------------------------------------------------------------
# Layout: every text is measured (metrics.py) before it is placed, and what does not fit one slide at a size
# readable from the back of a room continues on the next slide ("(fortsat)"), never set smaller to squeeze in.
TITLE_SIZES = (32, 28, 24)  # a content slide's title, on at most two lines
COVER_SIZES = (40, 36, 32, 28)  # the title slide's title
BODY_SIZES = (24, 22, 20)  # bullets and cards: the largest at which the slide's content fits
TABLE_SIZE = 20.0
LAST_RESORT = (18, 16, 14)  # only for one row or one card that does not fit a whole slide at 20 pt
POINT_SIZE, LABEL_SIZE, FOOTER_SIZE, SUBTITLE_SIZE = 22, 16, 11, 24
SPACE_AFTER = 0.35  # between paragraphs, in ems
INSET = (0.1, 0.05)  # a text box's inner margins (left and right, top and bottom), inches
FILL_INSET = (0.15, 0.1)  # a filled box's (the working-model label, the cards)
CELL_INSET = (0.08, 0.04)  # a table cell's
GAP = 0.15  # between the parts of a slide, inches
TITLE_TOP = 0.3
CONTENT_WIDTH = WIDTH_IN - 2 * MARGIN_IN


def _text_height(paragraphs: list[list[tuple[str, bool]]], width_in: float, size: float) -> float:
    """Inches a list of paragraphs (each runs of (text, bold)) takes at `size` in a box `width_in` wide inside."""
    from samskabelse.kit.metrics import LINE_HEIGHT, runs_lines

    lines = sum(runs_lines(p, width_in * 72, size) for p in paragraphs)
    return (lines * size * LINE_HEIGHT + max(0, len(paragraphs) - 1) * size * SPACE_AFTER) / 72


def _box_height(paragraphs, width_in: float, size: float, inset=INSET) -> float:
    """The height of a text box that holds the paragraphs, its margins included."""
    return _text_height(paragraphs, width_in - 2 * inset[0], size) + 2 * inset[1] + 0.02


def _plain(text: str, bold: bool = False) -> list[tuple[str, bool]]:
    return [(text, bold)]


def _title_layout(title: str) -> tuple[float, float]:
    """A content slide's title: the largest size at which it takes at most two lines, and its box's height."""
    from samskabelse.kit.metrics import lines_needed

    for size in TITLE_SIZES:
        if lines_needed(title, (CONTENT_WIDTH - 2 * INSET[0]) * 72, size, True) <= 2:
            break
    return size, max(0.8, _box_height([_plain(title, True)], CONTENT_WIDTH, size))


def _footer_height(footer: str) -> float:
    return _box_height([_plain(footer)], CONTENT_WIDTH, FOOTER_SIZE)


def _area(s: Slide, footer: str) -> tuple[float, float, float, dict]:
    """Where a content slide's body goes: (top, width, height) in inches, and the boxes above and below it."""
    title_h = _title_layout(s.title)[1]
    top = TITLE_TOP + title_h + 0.05
    bottom = HEIGHT_IN - 0.1 - _footer_height(footer) - 0.05
    boxes = {}
    if s.label:
        h = _box_height([_plain(s.label)], CONTENT_WIDTH, s.label_size, FILL_INSET)
        boxes["label"] = (bottom - h, h)
        bottom -= h + GAP
    if s.point:
        h = _box_height([_plain(s.point, True)], CONTENT_WIDTH, POINT_SIZE)
        boxes["point"] = (top, h)
        top += h + 0.05
    return top, CONTENT_WIDTH, bottom - top, boxes


def _continued(title: str, lang: str) -> str:
    return TEXT[lang]["continued"].format(title=title)


def paginate(slides: list[Slide], lang: str, footer: str) -> list[Slide]:
    """The slides as they will be shown: each measured and laid out, content that does not fit split over
    several slides (the same title, "(fortsat)" from the second on)."""
    out: list[Slide] = []
    for s in slides:
        if s.kind == "title":
            out.append(s)
            continue
        more = (_continued(s.title, lang),)
        _, width, height, _ = _area(s, footer)  # the first slide, under its own title
        _, _, later = _area(replace(s, title=more[0]), footer)[:3]  # the others, under "... (fortsat)"
        if s.bullets:
            pages = _bullet_pages(s, width, height, later)
        elif s.columns:
            pages = _card_pages(s, width, height, later)
        elif s.table:
            pages = _table_pages(s, width, height, later)
        else:
            pages = [s]
        out += [replace(page, title=s.title if i == 0 else more[0]) for i, page in enumerate(pages)]
    return out


# -- bullets: one column, or two when there are more than five -------------------------------------------------
def _bullet_paragraph(head: str, text: str) -> list[tuple[str, bool]]:
    runs = []
    if head:
        runs.append((head + (" –" if text and not head.endswith((":", ".")) else ""), True))
    if text:
        runs.append((text, False))
    return runs


def _bullet_columns(bullets, width: float, height: float, size: float, columns: int) -> list[list[list]] | None:
    """The bullets in pages of `columns` columns, in order; None if one bullet alone does not fit a column."""
    col_w = (width - 0.35 * (columns - 1)) / columns
    pages: list[list[list]] = [[[]]]
    used = 0.0
    for b in bullets:
        h = _text_height([_bullet_paragraph(*b)], col_w - 2 * INSET[0], size) + size * SPACE_AFTER / 72
        if h + 2 * INSET[1] + 0.02 > height:
            return None
        if pages[-1][-1] and used + h + 2 * INSET[1] + 0.02 > height + size * SPACE_AFTER / 72:
            if len(pages[-1]) < columns:
                pages[-1].append([])
            else:
                pages.append([[]])
            used = 0.0
        pages[-1][-1].append(b)
        used += h
    return pages


def _bullet_pages(s: Slide, width: float, height: float, later: float) -> list[Slide]:
    columns = 1 if len(s.bullets) <= 5 else 2
    for size in BODY_SIZES:  # all on one slide, the columns as even as they can be
        halves = [s.bullets] if columns == 1 else [s.bullets[: (len(s.bullets) + 1) // 2],
                                                   s.bullets[(len(s.bullets) + 1) // 2:]]
        col_w = (width - 0.35 * (columns - 1)) / columns
        if all(_box_height([_bullet_paragraph(*b) for b in half], col_w, size) <= height for half in halves):
            return [replace(s, layout={"size": size, "columns": halves})]
    for size in (BODY_SIZES[-1], *LAST_RESORT):
        for n in sorted({columns, 1}, reverse=True):  # one wide column when a bullet is too long for two
            pages = _bullet_columns(s.bullets, width, min(height, later), size, n)
            if pages is not None:
                return [replace(s, bullets=[b for col in page for b in col], layout={"size": size, "columns": page})
                        for page in pages]
    raise AssertionError("unreachable: a bullet that does not fit a slide at 14 pt")  # pragma: no cover


# -- cards side by side -----------------------------------------------------------------------------------------
def _grid(n: int) -> tuple[int, int]:
    """(per row, rows) for n cards on one slide."""
    if n <= 3:
        return n, 1
    if n == 4:
        return 2, 2
    return 3, -(-n // 3)


def _card_paragraphs(head: str, text: str) -> list[list[tuple[str, bool]]]:
    return [_plain(head, True), *[_plain(line) for line in text.split("\n") if line.strip()]]


def _cards_fit(cards, width: float, height: float, size: float) -> bool:
    per_row, rows = _grid(len(cards))
    col_w = (width - 0.25 * (per_row - 1)) / per_row
    row_h = (height - 0.25 * (rows - 1)) / rows
    return all(_box_height(_card_paragraphs(*c), col_w, size, FILL_INSET) <= row_h for c in cards)


def _card_pages(s: Slide, width: float, height: float, later: float) -> list[Slide]:
    n = len(s.columns)
    for sizes in (BODY_SIZES, LAST_RESORT):
        for pages in range(1, n + 1):
            per_page = -(-n // pages)
            chunks = [s.columns[i:i + per_page] for i in range(0, n, per_page)]
            for size in sizes:
                if all(_cards_fit(chunk, width, height if k == 0 else later, size) for k, chunk in enumerate(chunks)):
                    return [replace(s, columns=chunk, layout={"size": size}) for chunk in chunks]
    return [replace(s, columns=[c], layout={"size": LAST_RESORT[-1]}) for c in s.columns]


# -- tables ------------------------------------------------------------------------------------------------------
def _cell_bold(r: int, c: int) -> bool:
    return r == 0 or c == 0


_CELL_PAD = (2 * CELL_INSET[0] + 0.04) * 72  # points: a cell's margins, and room for rounding


def column_widths(rows: list[list[str]], width: float, size: float = TABLE_SIZE) -> list[float] | None:
    """Inches per column (metrics.column_widths): as wide as the content, never narrower than a column's longest
    word; None when the longest words do not fit `width` side by side."""
    from samskabelse.kit.metrics import column_widths as widths

    found = widths(rows, width * 72, size, _CELL_PAD, bold=_cell_bold)
    return None if found is None else [w / 72 for w in found]


def row_heights(rows: list[list[str]], widths: list[float], size: float = TABLE_SIZE) -> list[float]:
    from samskabelse.kit.metrics import LINE_HEIGHT, lines_needed

    out = []
    for r, row in enumerate(rows):
        lines = max(lines_needed(x, (w - 2 * CELL_INSET[0]) * 72, size, _cell_bold(r, c))
                    for c, (x, w) in enumerate(zip(row, widths, strict=True)))
        out.append(lines * size * LINE_HEIGHT / 72 + 2 * CELL_INSET[1] + 0.04)
    return out


def _column_groups(rows: list[list[str]], keys: int, width: float, size: float) -> list[list[int]] | None:
    """The columns in groups that each fit `width` beside the key columns (which every group repeats)."""
    from samskabelse.kit.metrics import column_groups

    return column_groups(rows, keys, width * 72, size, _CELL_PAD, bold=_cell_bold)


def _table_pages(s: Slide, width: float, first: float, later: float) -> list[Slide]:
    assert s.table
    for size in (TABLE_SIZE, *LAST_RESORT):
        groups = _column_groups(s.table, s.keys, width, size)
        if groups is None:
            continue
        pages: list[Slide] = []
        for columns in groups:
            part = [[row[c] for c in columns] for row in s.table]
            widths = column_widths(part, width, size)
            assert widths is not None
            heights = row_heights(part, widths, size)
            if heights[0] + max(heights[1:], default=0) > min(first, later):
                break  # one row does not fit a slide at this size
            chunk: list[int] = []
            used = heights[0]
            for r in range(1, len(part)):
                height = first if not pages else later
                if chunk and used + heights[r] > height:
                    pages.append(_table_page(s, part, chunk, widths, heights, size))
                    chunk, used = [], heights[0]
                chunk.append(r)
                used += heights[r]
            pages.append(_table_page(s, part, chunk, widths, heights, size))
        else:
            return pages
    raise ValueError(f"a table on the slide {s.title!r} does not fit a slide even at {LAST_RESORT[-1]} pt")


def _table_page(s: Slide, part, chunk: list[int], widths, heights, size: float) -> Slide:
    return replace(s, table=[part[0], *(part[r] for r in chunk)],
                   layout={"size": size, "widths": widths, "heights": [heights[0], *(heights[r] for r in chunk)]})


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


def _frame(frame, inset=INSET) -> None:
    """A text frame that wraps at its width and never shrinks or grows its text (the layout measured it)."""
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches

    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Inches(inset[0])
    frame.margin_top = frame.margin_bottom = Inches(inset[1])


def _paragraphs(frame, paragraphs: list[list[tuple[str, bool]]], size: float, colour: str = BLACK) -> None:
    from pptx.util import Pt

    for i, runs in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(size * SPACE_AFTER if i < len(paragraphs) - 1 else 0)
        para.space_before = Pt(0)
        para.line_spacing = 1.0
        for k, (text, bold) in enumerate(runs):
            run = para.add_run()
            run.text = (" " if k else "") + text
            _style(run, size, bold, colour)


def _textbox(slide, left, top, width, height, paragraphs: list[list[tuple[str, bool]]], size: float,
             colour: str = BLACK, fill: str | None = None):
    """A text box of paragraphs, each a list of runs (text, bold)."""
    from pptx.util import Inches

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    _frame(box.text_frame, FILL_INSET if fill else INSET)
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(fill)
    _paragraphs(box.text_frame, paragraphs, size, colour)
    return box


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    from pptx.util import Inches

    shape.left, shape.top, shape.width, shape.height = Inches(left), Inches(top), Inches(width), Inches(height)


def _render(prs, s: Slide, footer: str) -> None:
    if s.kind == "title":
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        _render_cover(slide, s, footer)
    else:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        title = slide.placeholders[0]
        size, height = _title_layout(s.title)
        _place(title, MARGIN_IN, TITLE_TOP, CONTENT_WIDTH, height)
        title.text = s.title
        _frame(title.text_frame)
        for p in title.text_frame.paragraphs:
            p.alignment = 1  # left
            p.line_spacing = 1.0
            for r in p.runs:
                _style(r, size, True, BLUE)
        _render_body(slide, s, footer)
    h = _footer_height(footer)
    _textbox(slide, MARGIN_IN, HEIGHT_IN - 0.1 - h, CONTENT_WIDTH, h, [_plain(footer)], FOOTER_SIZE, GREY)
    if s.notes:
        slide.notes_slide.notes_text_frame.text = s.notes


def _render_cover(slide, s: Slide, footer: str) -> None:
    from samskabelse.kit.metrics import lines_needed

    title, sub = slide.placeholders[0], slide.placeholders[1]
    room = HEIGHT_IN - 0.1 - _footer_height(footer) - 0.3 - 1.0
    sub_paras = [_plain(line) for line in s.subtitle.split("\n")]
    sub_h = _box_height(sub_paras, CONTENT_WIDTH, SUBTITLE_SIZE) if s.subtitle else 0.0
    for size in COVER_SIZES:
        title_h = _box_height([_plain(s.title, True)], CONTENT_WIDTH, size)
        if title_h + sub_h + 0.3 <= room or lines_needed(s.title, (CONTENT_WIDTH - 0.2) * 72, size, True) <= 2:
            break
    top = max(1.0, 1.0 + (room - title_h - sub_h - 0.3) / 2)
    _place(title, MARGIN_IN, top, CONTENT_WIDTH, title_h)
    title.text = s.title
    _frame(title.text_frame)
    for p in title.text_frame.paragraphs:
        p.line_spacing = 1.0
        for r in p.runs:
            _style(r, size, True, BLUE)
    _place(sub, MARGIN_IN, top + title_h + 0.3, CONTENT_WIDTH, max(sub_h, 0.5))
    sub.text = ""
    _frame(sub.text_frame)
    _paragraphs(sub.text_frame, sub_paras, SUBTITLE_SIZE, GREY)


def _render_body(slide, s: Slide, footer: str) -> None:
    from pptx.util import Inches

    top, width, height, boxes = _area(s, footer)
    left = MARGIN_IN
    if "label" in boxes:
        y, h = boxes["label"]
        _textbox(slide, left, y, width, h, [_plain(s.label)], s.label_size, BLACK, fill=LIGHT)
    if "point" in boxes:
        y, h = boxes["point"]
        _textbox(slide, left, y, width, h, [_plain(s.point, True)], POINT_SIZE, BLACK)
    size = s.layout.get("size", BODY_SIZES[-1])
    if s.bullets:
        columns = s.layout.get("columns") or [s.bullets]
        col_w = (width - 0.35 * (len(columns) - 1)) / len(columns)
        for i, column in enumerate(columns):
            _textbox(slide, left + i * (col_w + 0.35), top, col_w, height,
                     [_bullet_paragraph(*b) for b in column], size)
    elif s.columns:
        per_row, rows = _grid(len(s.columns))
        col_w = (width - 0.25 * (per_row - 1)) / per_row
        row_h = (height - 0.25 * (rows - 1)) / rows
        for i, (head, text) in enumerate(s.columns):
            r, c = divmod(i, per_row)
            box = _textbox(slide, left + c * (col_w + 0.25), top + r * (row_h + 0.25), col_w, row_h,
                           _card_paragraphs(head, text), size, BLACK, fill="F2F2F2")
            for run in box.text_frame.paragraphs[0].runs:
                run.font.color.rgb = _rgb(BLUE)
    elif s.table:
        widths = s.layout.get("widths") or column_widths(s.table, width, size) or \
            [width / len(s.table[0])] * len(s.table[0])
        heights = s.layout.get("heights") or row_heights(s.table, widths, size)
        shape = slide.shapes.add_table(len(s.table), len(s.table[0]), Inches(left), Inches(top),
                                       Inches(sum(widths)), Inches(sum(heights)))
        table = shape.table
        for c, w in enumerate(widths):
            table.columns[c].width = Inches(w)
        for r, h in enumerate(heights):
            table.rows[r].height = Inches(h)
        for r, row in enumerate(s.table):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                _frame(cell.text_frame, CELL_INSET)
                cell.margin_left = cell.margin_right = Inches(CELL_INSET[0])
                cell.margin_top = cell.margin_bottom = Inches(CELL_INSET[1])
                _paragraphs(cell.text_frame, [[(value, _cell_bold(r, c))]], size, WHITE if r == 0 else BLACK)
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(BLUE if r == 0 else "F2F2F2" if r % 2 else WHITE)
    elif s.image is not None:
        from PIL import Image

        if s.image_size is not None:
            w, h = s.image_size
        else:
            with Image.open(io.BytesIO(s.image)) as im:
                ratio = im.width / im.height
            w = min(width, height * ratio)
            h = w / ratio
        pic = slide.shapes.add_picture(io.BytesIO(s.image), Inches(left + (width - w) / 2), Inches(top),
                                       width=Inches(w), height=Inches(h))
        pic._element.nvPicPr.cNvPr.set("descr", s.image_alt)  # the text alternative screen readers read


def body_size(label: bool = False, point: bool = False, title: str = "") -> tuple[float, float]:
    """The width and height (inches) a slide's picture may take: a figure drawn at this size is shown at it."""
    s = Slide(title or "x", label="x" if label else "", point="x" if point else "")
    _, width, height, _ = _area(s, "x")
    return width, height


def build_deck(course: Course, extra: list[Slide] | None = None, *, intro: bool = True):
    """A python-pptx Presentation: the intro slides (unless intro=False), then `extra` (e.g. the team's overview)."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    prs.core_properties.title = course.title
    prs.core_properties.language = course.language
    for s in deck_pages(course, extra, intro=intro):
        _render(prs, s, safe_text(deck_footer(course)))
    return prs


def deck_footer(course: Course) -> str:
    return TEXT[course.language]["footer"].format(course=course.title,
                                                 publisher=course.publication.publisher.split(" (")[0],
                                                 year=course.publication.year)


def deck_pages(course: Course, extra: list[Slide] | None = None, *, intro: bool = True) -> list[Slide]:
    """The slides as the deck shows them, split where their content needs more than one slide."""
    slides = (intro_slides(course) if intro else []) + list(extra or [])
    # python-pptx takes only what XML can hold: a control character pasted into a name becomes a space (base.files)
    return paginate([safe_texts(s) for s in slides], course.language, safe_text(deck_footer(course)))


def slide_numbers(course: Course) -> dict[str, tuple[int, int]]:
    """Each intro slot's first and last slide in the deck (1-based): the guides name the slides by number."""
    out: dict[str, tuple[int, int]] = {}
    for number, s in enumerate(deck_pages(course), 1):
        if s.slot:
            first = out.get(s.slot, (number, number))[0]
            out[s.slot] = (first, number)
    return out


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
