"""The team's overview leaves the notebook (notebook 08): the figure, the discussion questions and the tables,
as a PDF for the projector or print and as slides for the deck.

    overview = team_overview(team, course)                 # team: answers.load_team(folder, course)[0]
    pdf, pptx = write_team_overview(overview, "exports/")  # holdets-svar.pdf and .pptx (holdets-svar = team-answers)
    slides = team_slides(overview)                          # for the kit's deck (slides.write_deck(extra=...))

It exports what notebook 08 shows, taken from the same functions: the figure is team.draw_team_figure, the
questions are team.discussion_questions, and the tables are team.team_tables (each section's own), so that the
paper and the screen cannot show different things. A section nobody answered is left out, as in the notebook.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from pathlib import Path

from samskabelse.base.files import write_atomically
from samskabelse.base.i18n import Texts, join_names
from samskabelse.course import Course
from samskabelse.kit.typeset import typeset
from samskabelse.sections.definition import NOT_ANSWERED, Table
from samskabelse.sections.protocol import not_answered
from samskabelse.widgets.access import mark_widget

TEXT = Texts(
    da={
        "title": "Holdets svar side om side",
        "people": "{n} deltagere: {names}.",
        "invented": "Opdigtet eksempel: personerne og svarene er opdigtet til træning.",
        "figure_title": "Holdets svar: gevinster, retninger, faser og tidsplaner",
        "alt": "Fire panelér med holdets svar, én markør pr. deltager ({names}): hvor vigtig hver gevinst er (0–5), "
               "opmærksomheden i de fire retninger (0–5), hvor stor en del af hver fases fokuspunkter der er på "
               "plads (%), og hver deltagers planlagte og realistiske antal uger. Den sorte streg er holdets "
               "gennemsnit.",
        "questions": "Spørgsmål til drøftelsen – hvor I er mest uenige",
        "no_questions": "Holdet er enigt om alt, der er svaret på – eller kun én har svaret.",
        "basis": "Hvor langt fra hinanden svarene er, er kursets arbejdsmodel: svarenes spænd på punktets egen "
                 "skala. Det peger på, hvad I kan tale om – det måler ikke andet.",
        "footer": "{course} · holdets svar · kursets arbejdsmodel bygger på Væksthus for Ledelse (2019)",
        "file": "holdets-svar",
        "continued": "{title} (fortsat)",
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
        "people": "{n} participants: {names}.",
        "invented": "Invented example: the people and their answers are invented for training.",
        "figure_title": "The team's answers: gains, directions, phases and timelines",
        "alt": "Four panels of the team's answers, one marker per participant ({names}): how important each gain is "
               "(0–5), the attention in the four directions (0–5), the share of each phase's focus points in place "
               "(%), and each participant's planned and realistic number of weeks. The black line is the team's "
               "mean.",
        "questions": "Questions for the discussion – where you disagree most",
        "no_questions": "The team agrees on everything answered so far – or only one person has answered.",
        "basis": "How far apart the answers are is the course's working model: the range of the answers on the "
                 "item's own scale. It points at what to talk about – it measures nothing else.",
        "footer": "{course} · the team's answers · the course's working model, built on Væksthus for Ledelse (2019)",
        "file": "team-answers",
        "continued": "{title} (continued)",
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
class TeamOverview:
    course: Course
    names: list[str]
    invented: bool
    figure_png: bytes
    alt: str
    questions: list[str]
    tables: list[Table] = field(default_factory=list)


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
    from samskabelse.answers.team import discussion_questions, draw_team_figure

    t = TEXT[course.language]
    names = [" ".join(str(getattr(m, "label", "") or m.name).split())[:40] or "?" for m in team]  # Mette (1), (2)
    fig = draw_team_figure(team, course)
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=160)  # one rendering for print and projector (the figure is 13 x 9.5 in)
    return TeamOverview(
        course=course, names=names, invented=bool(team) and all(m.invented for m in team),
        figure_png=png.getvalue(),
        alt=t["alt"].format(names=join_names(names, course.language)),
        questions=[d.question for d in discussion_questions(team, course, questions)],
        tables=overview_tables(team, course),
    )


# ---------------------------------------------------------------------------------------------
# The PDF (landscape A4: projector-shaped, and it prints)
def overview_pdf(ov: TeamOverview) -> bytes:
    t = TEXT[ov.course.language]
    data = {
        "lang": ov.course.language, "title": t["title"], "course": ov.course.title,
        "people": t["people"].format(n=len(ov.names), names=join_names(ov.names, ov.course.language)),
        "invented": t["invented"] if ov.invented else "", "alt": ov.alt, "figure_title": t["figure_title"],
        "questions_title": t["questions"], "questions": ov.questions, "no_questions": t["no_questions"],
        "basis": t["basis"], "footer": t["footer"].format(course=ov.course.title),
        "tables": [{"title": x.title, "head": x.head, "rows": x.rows, "note": x.note} for x in ov.tables],
    }
    return typeset("team.typ", data, files={"figure.png": ov.figure_png})


# ---------------------------------------------------------------------------------------------
# The slides
def team_slides(ov: TeamOverview) -> list:
    from samskabelse.kit.slides import Slide, paginate_table

    t = TEXT[ov.course.language]
    people = t["people"].format(n=len(ov.names), names=join_names(ov.names, ov.course.language))
    out = [Slide(t["figure_title"], image=ov.figure_png, image_alt=ov.alt, notes=" ".join(
        x for x in (people, t["invented"] if ov.invented else "", ov.alt) if x))]
    out.append(Slide(t["questions"], bullets=[(f"{i}.", q) for i, q in enumerate(ov.questions, 1)]
                     or [("", t["no_questions"])], label=t["basis"], notes=people))
    for table in ov.tables:
        for i, rows in enumerate(paginate_table(table.head, table.rows, 4.6 if table.note else 5.2)):
            title = table.title if i == 0 else t["continued"].format(title=table.title)
            out.append(Slide(title, table=[table.head, *rows], point=table.note, notes=people))
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
