"""A team's answers side by side (notebook 08), and where the team disagrees most, as discussion questions.

    team = team_answers(course)          # the shipped, invented example team; type another folder in the box
    team.questions_shown()               # the discussion questions now shown (the slider sets how many)

The answers are each participant's saved file (answers.py), restored with each section's own model, so
that every number here is the one the participant's notebook showed. How far apart the answers are is
the course's working model: the range of the answers on each item's own scale, from 0 (all agree) to 1
(as far apart as the scale allows). It points at what to talk about; it is not a measure of anything else.
"""

from __future__ import annotations

import html
import math
import os
from pathlib import Path

from samskabelse.answers import (
    LoadedAnswers,
    display_labels,
    example_team,
    load_team,
    name_options,
    person_key,
    save_given_labels,
    saved_when,
)
from samskabelse.base.i18n import Texts, counted, join_names
from samskabelse.course import REPO_ROOT, Course
from samskabelse.sections import all_sections
from samskabelse.sections.definition import NOT_ANSWERED, Panel, Person, Question, Section, Table
from samskabelse.sections.protocol import not_answered
from samskabelse.widgets.access import alt_html, mark_widget
from samskabelse.widgets.display import plain_text, user_text
from samskabelse.widgets.figures import MAX_WIDTH, PALETTE, SERIES, LiveFigure, figure_text, new_figure
from samskabelse.widgets.guard import ErrorBoundary

TEAM_ENV_VAR = "SAMSKABELSE_TEAM"
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
DEFAULT_QUESTIONS = 3

TEXT = Texts(
    da={
        "folder": "Mappe med holdets svar",
        "load": "Indlæs",
        "loaded": "{people} fra <code>{folder}</code>: {names}.",
        "one": "deltager",
        "many": "deltagere",
        "about": "Om deltagerne:",
        "who_head": "<b>Hvem er hvem?</b> Intet i filerne siger, hvem der er hvem af {names}. Spørg dem, og skriv et "
        "forbogstav eller efternavn til hver – så viser planerne, figuren og spørgsmålene det:",
        "who_field": "{file}, gemt {when}",
        "who_placeholder": "fx H eller Hansen",
        "who_apply": "Brug navnene",
        "who_failed": "Navnene kunne ikke gemmes i {folder}: {error}. Vælg en mappe, du kan skrive i.",
        "invented": "<b>Opdigtet eksempel:</b> personerne og svarene er opdigtet til træning. Skriv mappen med "
        "jeres egne svarfiler i feltet, og tryk <b>Indlæs</b>.",
        "problems": "Nogle filer kunne ikke læses (resten af holdet vises):",
        "notes": "Bemærkninger til svarene (punkter er matchet efter id):",
        "none": "Ingen svar at vise endnu. Bed deltagerne gemme deres svar (gem-boksen i hver notebook), og læg "
        "filerne i én mappe.",
        "questions_slider": "Spørgsmål",
        "questions_head": "Spørgsmål til drøftelsen – hvor I er mest uenige",
        "no_questions": "Holdet er enigt om alt, der er svaret på – eller kun én har svaret. Spørg, om der er "
        "noget, I er enige om for hurtigt.",
        "nobody": "Ingen på holdet har svaret i notebook {notebooks} (eller de tilsvarende arbejdsark) endnu; de "
                  "afsnit er ikke vist.",
        "fig_mean": "Holdets gennemsnit",
        "fig_alt": "Figur i fire dele med holdets {people} ({names}), én markør pr. person og holdets "
                   "gennemsnit: hvor vigtige gevinsterne er, opmærksomheden i hver ledelsesretning, hvor mange "
                   "fokuspunkter der er på plads i hver fase, og uger til slut i hver tidsplan. Tallene står i "
                   "tabellerne under figuren.",
        "basis": "Hvor langt fra hinanden svarene er, er kursets arbejdsmodel: svarenes spænd på punktets egen "
        "skala. Det peger på, hvad I kan tale om – det måler ikke andet.",
    },
    en={
        "folder": "Folder with the team's answers",
        "load": "Load",
        "loaded": "{people} from <code>{folder}</code>: {names}.",
        "one": "participant",
        "many": "participants",
        "about": "About the participants:",
        "who_head": "<b>Who is who?</b> Nothing in the files says who is who of {names}. Ask them, and type an initial "
        "or surname for each – the plans, the figure and the questions will then show it:",
        "who_field": "{file}, saved {when}",
        "who_placeholder": "e.g. H or Hansen",
        "who_apply": "Use the names",
        "who_failed": "The names could not be saved in {folder}: {error}. Choose a folder you can write in.",
        "invented": "<b>Invented example:</b> the people and their answers are invented for training. Type the "
        "folder with your own answer files in the field, and press <b>Load</b>.",
        "problems": "Some files could not be read (the rest of the team is shown):",
        "notes": "Notes on the answers (items are matched by id):",
        "none": "No answers to show yet. Ask the participants to save their answers (the save box in each "
        "notebook), and put the files in one folder.",
        "questions_slider": "Questions",
        "questions_head": "Questions for the discussion – where you disagree most",
        "no_questions": "The team agrees on everything answered so far – or only one person has answered. Ask "
        "whether there is anything you agree on too quickly.",
        "nobody": "No one on the team has answered notebook {notebooks} (or the matching workbooks) yet; those "
                  "sections are not shown.",
        "fig_mean": "The team's mean",
        "fig_alt": "Figure in four parts with the team's {people} ({names}), one marker per person and the "
                   "team's mean: how important the gains are, the attention in each leadership direction, how many "
                   "focus points are in place in each phase, and the weeks to finish in each timeline. The numbers "
                   "are in the tables below the figure.",
        "basis": "How far apart the answers are is the course's working model: the range of the answers on the "
        "item's own scale. It points at what to talk about – it measures nothing else.",
    },
)


# ---------------------------------------------------------------------------------------------
# The team as each section sees it
Disagreement = Question  # a discussion question: .section, .item, .score, .question (plain text)


def people(team: list[LoadedAnswers], definition: Section) -> list[Person]:
    """The team as one section's views see it: each person's label and their model of that section (or None)."""
    out = []
    for m in team:
        model = m.models.get(definition.name)
        out.append(Person(label=m.label, model=model if isinstance(model, definition.model) else None,
                          invented=m.invented, source=m))
    return out


def _names(members: list[LoadedAnswers], lang: str) -> str:
    return join_names([user_text(m.label, 40, "?") for m in members], lang)


def one_period(text: str, team: list[LoadedAnswers]) -> str:
    """A label that ends a sentence ends it once: "Ikke startet: Mette J.." -> "Ikke startet: Mette J." (a label
    from an initial ends in a period, and the sections' sentences add their own)."""
    for label in {m.label for m in team if m.label.endswith(".")}:
        text = text.replace(label + ".", label)
    return text


def disagreements(team: list[LoadedAnswers], course: Course) -> list[Question]:
    """Every item the team answered differently, largest spread first (course order among equals)."""
    out = [q for definition in all_sections() for q in definition.questions(people(team, definition), course)]
    for q in out:
        q.question = one_period(q.question, team)
    order = {id(q): i for i, q in enumerate(out)}
    return sorted(out, key=lambda q: (-q.score, order[id(q)]))


def discussion_questions(team: list[LoadedAnswers], course: Course, n: int = DEFAULT_QUESTIONS) -> list[Question]:
    """The n largest disagreements, taking each section's largest first so that the questions cover the course."""
    found = disagreements(team, course)
    by_section: dict[str, list[Question]] = {}
    for d in found:
        by_section.setdefault(d.section, []).append(d)
    rounds: list[Question] = []
    depth = 0
    while len(rounds) < len(found):
        layer = [items[depth] for items in by_section.values() if len(items) > depth]
        rounds += sorted(layer, key=lambda d: -d.score)
        depth += 1
    return rounds[:n]


# ---------------------------------------------------------------------------------------------
# Side by side
def team_tables(team: list[LoadedAnswers], course: Course) -> list[Table]:
    """Every table of every section someone on the team answered, in the order of the notebooks."""
    out = []
    for definition in all_sections():
        shown = people(team, definition)
        if any(p.answered for p in shown):
            out += definition.tables(shown, course)
    for table in out:
        table.note = one_period(table.note, team)
    return out


def unanswered_notebooks(team: list[LoadedAnswers]) -> list[str]:
    """The notebooks of the sections nobody on the team answered."""
    return [d.notebook for d in all_sections() if not any(p.answered for p in people(team, d))]


def table_html(table: Table, lang: str) -> str:
    """A table as 08 shows it: every cell escaped, an item not answered as "ikke besvaret" in italics."""
    def cell(value) -> str:
        return f"<i>{not_answered(lang)}</i>" if value is NOT_ANSWERED else html.escape(str(value))

    th = "".join(f"<th>{html.escape(h)}</th>" for h in table.head)
    body = "".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    css = f"samskabelse-team-{table.name or table.section}"
    note = f"<p><i>{html.escape(table.note)}</i></p>" if table.note else ""
    return (f"<h4>{html.escape(table.title)}</h4><table class='samskabelse-team-table {css}'><thead><tr>{th}</tr>"
            f"</thead><tbody>{body}</tbody></table>{note}")


def side_by_side_html(team: list[LoadedAnswers], course: Course) -> str:
    """Every section someone answered as tables (names escaped); the sections nobody answered named in one line."""
    t = TEXT[course.language]
    parts = [table_html(x, course.language) for x in team_tables(team, course)]
    hidden = unanswered_notebooks(team)
    if hidden and team:
        parts.append(f"<p><i>{t['nobody'].format(notebooks=join_names(hidden, course.language))}</i></p>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# The figure: a panel per section that has one, one marker shape and colour per participant
FIGURE_WIDTH = MAX_WIDTH  # inches at 100 dpi: fits JupyterLab's and Voilà's output area at 1366 px without shrinking
MARKER_AREA = 70  # points², each participant's marker


def _figure_name(text: str, max_chars: int = 26) -> str:
    return figure_text(text, max_chars)


def _spread_out(ax, values: dict[int, float], row: int, dpi: float) -> dict[int, tuple[float, float]]:
    """Where each participant's marker goes in a row: people with the same value side by side, a marker's width
    apart, in a column as far as the row allows and then in more columns, so that every marker shows whole."""
    (x0, y0), (x1, y1) = ax.transData.transform([(0, 0), (1, 1)])
    size_px = math.sqrt(MARKER_AREA) * dpi / 72 + 3
    dy, dx = size_px / abs(y1 - y0), size_px / abs(x1 - x0)
    per_column = max(1, int(0.7 / dy))
    groups: dict[float, list[int]] = {}
    for i, v in values.items():
        groups.setdefault(v, []).append(i)
    out = {}
    for v, group in groups.items():
        columns = -(-len(group) // per_column)
        in_column = min(len(group), per_column)
        for j, i in enumerate(group):
            out[i] = (v + dx * (j // per_column - (columns - 1) / 2), row + dy * (j % per_column - (in_column - 1) / 2))
    return out


def team_panels(team: list[LoadedAnswers], course: Course) -> list[Panel]:
    return [p for definition in all_sections() for p in definition.panels(people(team, definition), course)]


def draw_team_figure(team: list[LoadedAnswers], course: Course):
    """Every section's panel, one marker per participant, and the team's mean.

    The panels are stacked at the output area's width (a figure wider than the output area would be
    shrunk, and its text with it, below what a projector needs); people with the same value are set side by
    side; the mean is drawn over the markers, thinner than they are, so that neither hides the other."""
    from matplotlib.lines import Line2D

    t = TEXT[course.language]
    panels = team_panels(team, course)
    sizes = [max(1, len(p.rows)) for p in panels]
    fig = new_figure(FIGURE_WIDTH, 2.2 + 0.52 * sum(sizes) + 0.35 * (len(team) // 3 + 1))
    axes = fig.subplots(len(panels), 1, height_ratios=[n + 0.9 for n in sizes], squeeze=False)[:, 0]
    # colour and marker cycle with different periods: 64 participants before a combination repeats
    style = {i: (SERIES[i % len(SERIES)], MARKERS[(i + i // len(SERIES)) % len(MARKERS)]) for i in range(len(team))}
    legend = display_labels(team, shortened=18)  # names as short as the legend needs, never two alike
    drawn = []
    for ax, panel in zip(axes, panels, strict=True):
        if panel.kind == "range":
            _range_panel(ax, panel, style, legend, team)
        else:
            drawn.append(_dot_panel(ax, panel, style, legend, team))

    handles, labels = [], []
    for ax in axes:
        handles, labels = ax.get_legend_handles_labels()
        if handles:
            break
    handles.append(Line2D([0], [0], color=PALETTE["black"], linewidth=2.5))
    labels.append(t["fig_mean"])
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 5), frameon=False)
    # the layout first, then the markers: how far apart equal values go depends on the axes' size in pixels
    fig.draw_without_rendering()
    for ax, panel, series in drawn:
        points: dict[int, list] = {i: [] for i in panel.values}
        for y in range(len(panel.rows)):
            values = {i: v[y] for i, v in panel.values.items() if v[y] is not None}  # not answered: no point
            for i, xy in _spread_out(ax, values, y, fig.dpi).items():
                points[i].append(xy)
        for i, pts in points.items():
            series[i].set_offsets(pts if pts else [[math.nan, math.nan]])
    return fig


def _dot_panel(ax, panel: Panel, style, legend, team):
    series = {i: ax.scatter([], [], s=MARKER_AREA, color=style[i][0], marker=style[i][1], edgecolor="black",
                            linewidth=0.6, zorder=3, label=_figure_name(legend[team[i]], 40)) for i in panel.values}
    for y in range(len(panel.rows)):
        values = [v[y] for v in panel.values.values() if v[y] is not None]
        if values:
            mean = sum(values) / len(values)
            ax.plot([mean, mean], [y - 0.38, y + 0.38], color=PALETTE["black"], linewidth=2.5, zorder=4)
            ax.plot([min(values), max(values)], [y, y], color=PALETTE["grey"], linewidth=1.5, zorder=2)
    ax.set_yticks(list(range(len(panel.rows))), [_figure_name(label) for label in panel.rows])
    ax.set_ylim(len(panel.rows) - 0.5, -0.5)
    pad = (panel.high - panel.low) * 0.05 if panel.high - panel.low > 5 else 0.3
    ax.set_xlim(panel.low - pad, panel.high + pad)
    ax.set_title(panel.title, loc="left")
    ax.grid(axis="x", alpha=0.3)
    return ax, panel, series


def _range_panel(ax, panel: Panel, style, legend, team) -> None:
    right = max([v[1] for v in panel.values.values()], default=10)
    for row, (i, (planned, finish)) in enumerate(panel.values.items()):
        colour, marker = style[i]
        ax.barh(row, planned, color=colour, edgecolor="black", height=0.55, hatch=["", "//", ".."][row % 3])
        ax.plot([planned, finish], [row, row], color=PALETTE["black"], linewidth=2)
        ax.scatter([finish], [row], marker=marker, s=80, color=colour, edgecolor="black", zorder=3)
        ax.text(finish + right * 0.04, row, f"{round(planned)} → {round(finish)}", va="center", fontsize=12)
    ax.set_yticks(range(len(panel.values)), [_figure_name(legend[team[i]], 40) for i in panel.values])
    ax.set_ylim(max(1, len(panel.values)) - 0.5, -0.5)
    ax.set_xlim(0, right * 1.3 + 2)
    ax.set_title(panel.title, loc="left")
    ax.grid(axis="x", alpha=0.3)


# ---------------------------------------------------------------------------------------------
# The widget
def default_team_folder(lang: str = "da") -> Path:
    """$SAMSKABELSE_TEAM (found from the notebook's folder or the repository root), else the example team."""
    value = os.environ.get(TEAM_ENV_VAR, "").strip()
    return resolve_folder(value) if value else example_team(lang)


def resolve_folder(text: str) -> Path:
    """A folder typed in the box: as typed (relative to the notebook), else relative to the repository root."""
    path = Path(text.strip() or ".").expanduser()
    if path.is_absolute() or path.exists() or not (REPO_ROOT / path).exists():
        return path
    return REPO_ROOT / path


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except (ValueError, OSError):
        return path.name


def shown_path(path: Path) -> str:
    for base in (Path.cwd(), REPO_ROOT):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix() or "."
        except ValueError:
            continue
    return str(path)


class TeamWidget:
    """Load a folder of answer files and show the team side by side, with its largest disagreements as questions."""

    def __init__(self, course: Course, folder: str | Path | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = TEXT[course.language]
        self.team: list[LoadedAnswers] = []
        self.problems: list[str] = []
        self.notes: list[str] = []  # about the people, no problem (two of one name, one person's two files)
        self.path: Path | None = None  # the folder loaded
        self.found: list[Disagreement] = []
        self.errors = ErrorBoundary(course.language)
        start = Path(folder) if folder is not None else default_team_folder(course.language)
        self.folder = widgets.Text(value=shown_path(start), description=self.t["folder"],
                                   style={"description_width": "initial"}, layout=widgets.Layout(width="34em"))
        self.button = widgets.Button(description=self.t["load"], icon="folder-open", button_style="primary")
        self.button.on_click(self.errors.guard(lambda _b: self.load()))
        self.status = widgets.HTML()
        self.who = widgets.VBox([])  # "who is who?": a field for each person the files cannot tell apart
        self.who_fields: list = []
        self.live: LiveFigure | None = None
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self.image.add_class("samskabelse-figure")
        self.figure_text = widgets.HTML("")  # the text alternative (access.py: the page script makes it the alt)
        self.figure_block = widgets.VBox([self.image, self.figure_text])
        self.figure_block.add_class("samskabelse-figure-block")
        self.tables = widgets.HTML()
        self.slider = widgets.IntSlider(value=DEFAULT_QUESTIONS, min=1, max=DEFAULT_QUESTIONS,
                                        description=self.t["questions_slider"], continuous_update=True)
        self.slider.observe(self.errors.guard(lambda _c: self._show_questions()), names="value")
        self.questions = widgets.HTML()
        self.questions.add_class("samskabelse-result")
        self.box = widgets.VBox([widgets.HBox([self.folder, self.button]), self.status, self.who, self.errors.alert,
                                 self.figure_block,
                                 widgets.HTML(f"<h3>{self.t['questions_head']}</h3>"), self.slider, self.questions,
                                 self.tables])
        mark_widget(self.box, course.language, "samskabelse-team")
        self.load(start)

    def load(self, folder: str | Path | None = None) -> None:
        path = Path(folder) if folder is not None else resolve_folder(self.folder.value)
        loaded = load_team(path, self.course)
        self.path, self.team, self.problems, self.notes = path, loaded.team, loaded.problems, loaded.notes
        self.found = disagreements(self.team, self.course)
        t, lang = self.t, self.course.language
        parts = []
        if self.team:
            names = _names(self.team, lang)
            people = counted(len(self.team), t["one"], t["many"])
            line = t["loaded"].format(people=people, folder=user_text(shown_path(path), 200), names=names)
            parts.append(f"<p>{line[:-1] if line.endswith('..') else line}</p>")
            if all(m.invented for m in self.team):
                parts.append(f"<p>{t['invented']}</p>")
        else:
            parts.append(f"<p>{t['none']}</p>")
        if self.notes:  # information, not an error: set apart from the files that could not be read
            parts.append(f"<div class='samskabelse-info' role='status'><p>{t['about']}</p><ul>"
                         + "".join(f"<li>{user_text(n, 600)}</li>" for n in self.notes) + "</ul></div>")
        if self.problems:
            parts.append(f"<div class='samskabelse-problems'><p>{t['problems']}</p><ul>"
                         + "".join(f"<li>{user_text(p, 500)}</li>" for p in self.problems) + "</ul></div>")
        notes = [(m, n) for m in self.team for n in m.notes]
        if notes:  # the models' notes are already HTML-safe
            parts.append(f"<p>{t['notes']}</p><ul>"
                         + "".join(f"<li>{user_text(m.label, 40)}: {n}</li>" for m, n in notes) + "</ul>")
        self.status.value = "".join(parts)
        self._ask_who()
        # A new team is new data with new labels: draw a new figure (never on a slider change).
        self.live = LiveFigure(draw_team_figure(self.team, self.course))
        self.image.value = self.live.image.value
        self.image.layout.width = self.live.image.layout.width  # its own size: a box would stretch it (blurred)
        names = join_names([m.label for m in self.team], lang)  # the labels: two Mettes, told apart
        self.figure_text.value = alt_html(t["fig_alt"].format(people=counted(len(self.team), t["one"], t["many"]),
                                                              names=names))
        self.tables.value = side_by_side_html(self.team, self.course) if self.team else ""
        top = max(1, len(self.found))
        self.slider.max = max(top, 1)
        self.slider.value = min(DEFAULT_QUESTIONS, top)
        self.slider.disabled = len(self.found) <= 1
        self._show_questions()

    def _ask_who(self) -> None:
        """A field for each person whose label is a last resort ("Mette (2)": the files cannot tell who is who), so
        that the facilitator can ask the room once and name them; the names are kept with the team's files."""
        import ipywidgets as widgets

        t, lang = self.t, self.course.language
        unnamed = [m for m in self.team if m.numbered]
        self.who_fields = []
        for m in unnamed:
            where = m.path.name if self.path is None else _relative(m.path, self.path)
            described = t["who_field"].format(file=where, when=saved_when(m.saved, lang))
            project = next((plain_text(d.project(m.models[d.name]), 40) for d in all_sections()
                            if d.name in m.models and d.project(m.models[d.name])), "")
            if project:  # what the room can recognise: "the Mette of the dining project"
                described += f" – {project}"
            field = widgets.Text(value="", description=described,
                                 placeholder=t["who_placeholder"], style={"description_width": "initial"},
                                 layout=widgets.Layout(width="62em", max_width="100%"))  # the file, then the field
            field.file, field.member = where, m
            self.who_fields.append(field)
        if not self.who_fields:
            self.who.children = ()
            return
        names = join_names([user_text(m.label, 40) for m in unnamed], lang)
        apply = widgets.Button(description=t["who_apply"], button_style="primary",
                               layout=widgets.Layout(width="auto", align_self="flex-start"))
        apply.on_click(self.errors.guard(lambda _b: self.apply_names()))
        self.who_status = widgets.HTML("")
        self.who.children = (widgets.HTML(f"<p>{t['who_head'].format(names=names)}</p>"), *self.who_fields, apply,
                             self.who_status)

    def apply_names(self) -> None:
        """Name the people the fields ask about ("H" -> "Mette H."), keep the names with the team's files
        (answers.save_given_labels) and show the team again."""
        if self.path is None:
            return
        others = {m.label.casefold() for m in self.team if not m.numbered}
        given = {}
        for field in self.who_fields:
            m = field.member
            options = [o for o in name_options(m.name, field.value) if o.casefold() not in others]
            if options:
                given[person_key(m, self.path)] = options[0]
                others.add(options[0].casefold())
        if not given:
            return
        try:
            save_given_labels(self.path, given)
        except OSError as exc:
            message = self.t["who_failed"].format(folder=user_text(shown_path(self.path), 200),
                                                  error=user_text(exc, 200))
            self.who_status.value = f"<p class='samskabelse-warning' role='alert'>{message}</p>"
            return
        self.load(self.path)

    def questions_shown(self) -> list[Disagreement]:
        return discussion_questions(self.team, self.course, self.slider.value) if self.found else []

    def _show_questions(self) -> None:
        shown = self.questions_shown()
        if not shown:
            self.questions.value = f"<p>{self.t['no_questions']}</p>"
            return
        items = "".join(f"<li>{html.escape(d.question)}</li>" for d in shown)
        self.questions.value = f"<ol class='samskabelse-questions'>{items}</ol><p><small>{self.t['basis']}</small></p>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def team_answers(course: Course, folder: str | Path | None = None) -> TeamWidget:
    """The team's answers side by side (default: the invented example team, or $SAMSKABELSE_TEAM)."""
    return TeamWidget(course, folder)
