"""The team's overview leaves the notebook (notebook 08): the figure, the discussion questions and the tables,
as a PDF for the projector or print and as slides for the deck.

    overview = team_overview(team, course)                 # team: answers.load_team(folder, course)[0]
    pdf, pptx = write_team_overview(overview, "exports/")  # holdets-svar.pdf and .pptx (holdets-svar = team-answers)
    slides = team_slides(overview)                          # for the kit's deck (slides.write_deck(extra=...))

It exports what notebook 08 shows, taken from the same functions: the figure's panels are
team.draw_team_figures (drawn again for the slide and for the page, one panel each), the questions are
team.discussion_questions, and the tables are team.team_tables (each section's own), so that the paper and the
screen cannot show different things. A section nobody answered is left out, as in the notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from samskabelse.base.files import write_atomically
from samskabelse.base.i18n import Texts, counted, join_names
from samskabelse.course import Course
from samskabelse.kit.typeset import typeset
from samskabelse.sections.definition import NOT_ANSWERED, Table
from samskabelse.sections.protocol import not_answered
from samskabelse.widgets.access import mark_widget

TEXT = Texts(
    da={
        "title": "Holdets svar side om side",
        "people": "{people}: {names}.", "one": "deltager", "many": "deltagere",
        "invented": "Opdigtet eksempel: personerne og svarene er opdigtet til træning.",
        "questions": "Spørgsmål til drøftelsen – hvor I er mest uenige",
        "no_questions": "Holdet er enigt om alt, der er svaret på – eller kun én har svaret.",
        "basis": "Hvor langt fra hinanden svarene er, er kursets arbejdsmodel: svarenes spænd på punktets egen "
                 "skala. Det peger på, hvad I kan tale om – det måler ikke andet.",
        "footer": "{course} · holdets svar · kursets arbejdsmodel bygger på Væksthus for Ledelse (2019)",
        "file": "holdets-svar",
        "button": "Gem overblikket som PDF og dias",
        "help": "Gemmer det, notebooken viser nu – figuren, {n} spørgsmål og tabellerne – i mappen {folder}: "
                "en PDF til projektor og print og en PowerPoint-fil med de samme dias.",
        "saved": "Gemt: {files}",
        "download": "Download {name}",
        "failed": "Overblikket kunne ikke gemmes: {error}",
        "empty": "Der er ingen svar at gemme endnu.",
    },
    en={
        "title": "The team's answers side by side",
        "people": "{people}: {names}.", "one": "participant", "many": "participants",
        "invented": "Invented example: the people and their answers are invented for training.",
        "questions": "Questions for the discussion – where you disagree most",
        "no_questions": "The team agrees on everything answered so far – or only one person has answered.",
        "basis": "How far apart the answers are is the course's working model: the range of the answers on the "
                 "item's own scale. It points at what to talk about – it measures nothing else.",
        "footer": "{course} · the team's answers · the course's working model, built on Væksthus for Ledelse (2019)",
        "file": "team-answers",
        "button": "Save the overview as PDF and slides",
        "help": "Saves what the notebook shows now – the figure, {n} questions and the tables – in the folder "
                "{folder}: a PDF for the projector and print, and a PowerPoint file with the same slides.",
        "saved": "Saved: {files}",
        "download": "Download {name}",
        "failed": "The overview could not be saved: {error}",
        "empty": "There are no answers to save yet.",
    },
)


@dataclass
class Picture:
    """One panel of 08's figure (or part of its rows) drawn for the slides or the page, at the size it is shown."""

    title: str  # the panel's title; "(fortsat)" on a continuation
    png: bytes
    alt: str
    size: tuple[float, float]  # inches: the slide and the page show it at exactly this size


@dataclass
class TeamOverview:
    course: Course
    names: list[str]
    invented: bool
    questions: list[str]
    tables: list[Table] = field(default_factory=list)
    slides: list[Picture] = field(default_factory=list)  # the figure's panels at 20 pt on a 1920 x 1080 slide
    pages: list[Picture] = field(default_factory=list)  # ... and at 12 pt on A4


# Where the panels are shown. A slide's picture fills the body of a content slide (slides.body_size) at 144 pixels
# per inch (1920 x 1080 for the 13.33 x 7.5 inch slide), its text at 20 pt: readable from the back of a room. A
# page's picture fills the width of the landscape A4 page inside its margins (team.typ: 29.7 cm - 2 x 1.4 cm) and
# what the page has below a heading, its text at 12 pt (the least the kit prints is 9 pt).
SLIDE_FONT, PAGE_FONT = 20.0, 12.0
PAGE_WIDTH_IN, PAGE_HEIGHT_IN = (29.7 - 2 * 1.4) / 2.54, 6.3


def slide_target(titles: list[str] = ()):
    """The slides' target; its height is what the slide with the longest of `titles` has below its title."""
    from samskabelse.answers.team import Target
    from samskabelse.kit.slides import WIDTH_IN, body_size

    width, height = min((body_size(title=t) for t in [*titles, "x"]), key=lambda size: size[1])
    return Target(width, height, SLIDE_FONT, 1920 / WIDTH_IN)


def page_target():
    from samskabelse.answers.team import Target

    return Target(PAGE_WIDTH_IN, PAGE_HEIGHT_IN, PAGE_FONT, 200.0)


def pictures(team, course: Course, target) -> list[Picture]:
    from samskabelse.answers.team import TEXT as TEAM
    from samskabelse.answers.team import draw_team_figures
    from samskabelse.widgets.figures import figure_png

    out = []
    for p in draw_team_figures(team, course, target):
        title = p.title if p.part == 0 else TEAM[course.language]["panel_more"].format(title=p.title)
        out.append(Picture(title, figure_png(p.figure), p.alt, p.size))
    return out


# ---------------------------------------------------------------------------------------------
# What 08 shows, as plain data
def overview_tables(team, course: Course) -> list[Table]:
    """08's tables as plain text (an item not answered reads "ikke besvaret"), without those of a section nobody
    answered (an empty table says nothing)."""
    from samskabelse.answers.team import team_tables

    blank = not_answered(course.language)
    return [replace(x, rows=[[blank if c is NOT_ANSWERED else str(c) for c in row] for row in x.rows])
            for x in team_tables(team, course) if x.rows]


def team_overview(team, course: Course, questions: int = 5) -> TeamOverview:
    from samskabelse.answers.team import TEXT as TEAM
    from samskabelse.answers.team import discussion_questions, team_panels

    titles = [TEAM[course.language]["panel_more"].format(title=p.title) for p in team_panels(team, course)]
    names = [" ".join(str(getattr(m, "label", "") or m.name).split()) or "?" for m in team]  # Mette (1), (2)
    return TeamOverview(
        course=course, names=names, invented=bool(team) and all(m.invented for m in team),
        questions=[d.question for d in discussion_questions(team, course, questions)],
        tables=overview_tables(team, course),
        slides=pictures(team, course, slide_target(titles)), pages=pictures(team, course, page_target()),
    )


def people_line(ov: TeamOverview) -> str:
    """Who is in the overview: "3 deltagere: Anna, Bo og Cai." ("1 deltager: Anna.")."""
    t = TEXT[ov.course.language]
    return t["people"].format(people=counted(len(ov.names), t["one"], t["many"]),
                              names=join_names(ov.names, ov.course.language))


# ---------------------------------------------------------------------------------------------
# The PDF (landscape A4: projector-shaped, and it prints)
def overview_pdf(ov: TeamOverview) -> bytes:
    t = TEXT[ov.course.language]
    files = {f"panel-{i}.png": p.png for i, p in enumerate(ov.pages)}
    data = {
        "lang": ov.course.language, "title": t["title"], "course": ov.course.title,
        "people": people_line(ov),
        "invented": t["invented"] if ov.invented else "",
        "panels": [{"title": p.title, "file": f"panel-{i}.png", "alt": p.alt, "width": p.size[0]}
                   for i, p in enumerate(ov.pages)],
        "questions_title": t["questions"], "questions": ov.questions, "no_questions": t["no_questions"],
        "basis": t["basis"], "footer": t["footer"].format(course=ov.course.title),
        "tables": [part for x in ov.tables for part in _pdf_tables(x, ov)],
    }
    return typeset("team.typ", data, files=files)


PDF_TABLE_WIDTH = (29.7 - 2 * 1.4) / 2.54 * 72  # points: the landscape page inside its margins (team.typ)
PDF_TABLE_SIZE = 11.0
PDF_CELL_PAD = 2 * 4 + 1 + 2  # points: a cell's inset (common.typ), its rules and room for rounding


def _pdf_tables(table: Table, ov: TeamOverview) -> list[dict]:
    """A table for the PDF: each column at least as wide as its longest word (names and answers are never broken
    inside a word), and a table too wide for the page split into parts that each repeat the columns that name
    the rows ("(fortsat)" from the second part on)."""
    from samskabelse.answers.team import TEXT as TEAM
    from samskabelse.kit.metrics import DEJAVU, column_groups, column_widths

    rows = [table.head, *table.rows]
    groups = column_groups(rows, key_columns(table, ov.names), PDF_TABLE_WIDTH, PDF_TABLE_SIZE, PDF_CELL_PAD,
                           DEJAVU) or [list(range(len(table.head)))]
    out = []
    for k, columns in enumerate(groups):
        part = [[row[c] for c in columns] for row in rows]
        widths = column_widths(part, PDF_TABLE_WIDTH, PDF_TABLE_SIZE, PDF_CELL_PAD, DEJAVU)
        title = table.title if k == 0 else TEAM[ov.course.language]["panel_more"].format(title=table.title)
        out.append({"title": title, "head": part[0], "rows": part[1:], "note": table.note,
                    "widths": widths or []})
    return out


# ---------------------------------------------------------------------------------------------
# The slides
def key_columns(table: Table, names: list[str]) -> int:
    """How many leading columns name a row (repeated when a wide table's columns go on to the next slide): those
    before the first column headed by a participant's name (08's phases: phase and focus point), else one."""
    return next((i for i, h in enumerate(table.head) if i and h in names), 1)


def team_slides(ov: TeamOverview) -> list:
    """One slide per panel of the figure (more when its rows need them), the questions, and every table (split
    over as many slides as it needs at 20 pt by the deck: slides.paginate), each with its note above it."""
    from samskabelse.kit.slides import Slide

    t = TEXT[ov.course.language]
    people = people_line(ov)
    notes = " ".join(x for x in (people, t["invented"] if ov.invented else "") if x)
    out = [Slide(p.title, image=p.png, image_alt=p.alt, image_size=p.size, notes=f"{notes} {p.alt}")
           for p in ov.slides]
    out.append(Slide(t["questions"], bullets=[(f"{i}.", q) for i, q in enumerate(ov.questions, 1)]
                     or [("", t["no_questions"])], label=t["basis"], label_size=SLIDE_FONT, notes=notes))
    for table in ov.tables:
        out.append(Slide(table.title, table=[table.head, *table.rows], point=table.note, notes=notes,
                         keys=key_columns(table, ov.names)))
    return out


def write_team_overview(ov: TeamOverview, folder: str | Path) -> tuple[Path, Path]:
    """<folder>/holdets-svar.pdf (or team-answers.pdf) and a deck with the team's slides; returns both paths."""
    from samskabelse.kit.slides import write_deck_of

    t = TEXT[ov.course.language]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{t['file']}.pdf"
    write_atomically(pdf, overview_pdf(ov))
    pptx = write_deck_of(ov.course, team_slides(ov), folder / f"{t['file']}.pptx")
    return pdf, pptx


# ---------------------------------------------------------------------------------------------
# Notebook 08: a button that saves what the team view shows
def _download(path: Path, label: str) -> str:
    from samskabelse.widgets.download import download_link

    kind = "application/pdf" if path.suffix == ".pdf" else \
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    return download_link(path.name, path.read_bytes(), kind, label)


class TeamExport:
    """Save the team view's current overview (the questions the slider shows) as a PDF and a slide deck.

    Nothing is written until the button is pressed (or save() is called)."""

    def __init__(self, view, folder: str | Path | None = None):
        import ipywidgets as widgets

        self.view = view
        self.course = view.course
        self.t = TEXT[self.course.language]
        self.folder = folder
        self.files: tuple[Path, Path] | None = None
        self.button = widgets.Button(description=self.t["button"], icon="file-pdf-o", button_style="primary",
                                     layout=widgets.Layout(width="22em"))
        self.button.on_click(lambda _b: self.save())
        self.help = widgets.HTML()
        self.status = widgets.HTML()
        self.status.add_class("samskabelse-result")
        self.box = widgets.VBox([self.help, self.button, self.status])
        mark_widget(self.box, self.course.language, "samskabelse-team-export")
        view.slider.observe(lambda _c: self._help(), names="value")
        self._help()

    def _target(self) -> Path:
        from samskabelse.answers.plan import exports_folder

        return exports_folder(self.folder)

    def _help(self) -> None:
        from samskabelse.widgets.display import user_text

        self.help.value = "<p>" + self.t["help"].format(n=self.view.slider.value,
                                                         folder=f"<code>{user_text(self._target(), 200)}</code>") \
            + "</p>"

    def save(self) -> tuple[Path, Path] | None:
        from samskabelse.widgets.display import user_text

        if not self.view.team:
            self.status.value = f"<p>{self.t['empty']}</p>"
            return None
        try:
            overview = team_overview(self.view.team, self.course, questions=self.view.slider.value)
            self.files = write_team_overview(overview, self._target())
        except (OSError, RuntimeError) as exc:
            self.status.value = ("<p class='samskabelse-warning'>"
                                 + self.t["failed"].format(error=user_text(exc, 300)) + "</p>")
            return None
        shown = ", ".join(f"<code>{user_text(p, 200)}</code>" for p in self.files)
        links = " · ".join(_download(p, self.t["download"].format(name=p.name)) for p in self.files)
        self.status.value = f"<p>{self.t['saved'].format(files=shown)}</p><p>{links}</p>"
        return self.files

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def export_team(view, folder: str | Path | None = None) -> TeamExport:
    """Notebook 08: a button that saves the overview shown above (figure, questions, tables) as PDF and slides."""
    return TeamExport(view, folder)
