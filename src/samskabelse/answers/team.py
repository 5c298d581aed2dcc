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
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samskabelse.answers import (
    LoadedAnswers,
    example_team,
    is_example_team,
    load_team,
    name_options,
    person_key,
    save_given_labels,
    saved_when,
)
from samskabelse.base.home import course_root, find
from samskabelse.base.i18n import Texts, counted, join_names
from samskabelse.course import Course
from samskabelse.sections import all_sections
from samskabelse.sections.definition import NOT_ANSWERED, Panel, Person, Question, Section, Table, left_words
from samskabelse.sections.protocol import not_answered
from samskabelse.widgets.access import alt_html, mark_widget
from samskabelse.widgets.display import plain_text, user_text
from samskabelse.widgets.figures import HATCHES, MAX_WIDTH, PALETTE, SERIES, figure_png, new_figure
from samskabelse.widgets.guard import ErrorBoundary

TEAM_ENV_VAR = "SAMSKABELSE_TEAM"
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
DEFAULT_QUESTIONS = 3

TEXT = Texts(
    da={
        "partly": "Ikke besvaret endnu: {who}.",
        "folder": "Mappe med holdets svar",
        "load": "Indlæs",
        "loaded": "{people} fra <code>{folder}</code>: {names}.",
        "loaded_example": "{people} fra kursets opdigtede eksempelhold: {names}.",
        "folder_placeholder": "tom: kursets opdigtede eksempelhold",
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
        "fig_nobody": "ingen",
        "alt_dots": "{title}: holdets {people} ({names}), én markør pr. person i hver række ({rows}); den lodrette "
                    "sorte streg er holdets gennemsnit, den grå linje spændet fra laveste til højeste svar. Tallene "
                    "står i tabellerne nedenfor.",
        "alt_choice": "{title}: holdets {people} ({names}), én markør pr. person ved det svar, de gav, i hver række "
                      "({rows}). Tallene står i tabellerne nedenfor.",
        "alt_range": "{title}: holdets {people} ({names}), én række pr. person; søjlen er de planlagte uger, "
                     "stregen og markøren viser, hvornår projektet er færdigt senest, og tallene står til højre. "
                     "Datoerne står i tabellerne nedenfor.",
        "fig_none": "Ingen figur endnu: ingen på holdet har svaret på noget, figuren viser.",
        "panel_more": "{title} (fortsat)",
        "basis": "Hvor langt fra hinanden svarene er, er kursets arbejdsmodel: svarenes spænd på punktets egen "
        "skala. Det peger på, hvad I kan tale om – det måler ikke andet.",
    },
    en={
        "partly": "Not answered yet: {who}.",
        "folder": "Folder with the team's answers",
        "load": "Load",
        "loaded": "{people} from <code>{folder}</code>: {names}.",
        "loaded_example": "{people} from the course's invented example team: {names}.",
        "folder_placeholder": "empty: the course's invented example team",
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
        "fig_nobody": "no one",
        "alt_dots": "{title}: the team's {people} ({names}), one marker per person in each row ({rows}); the "
                    "upright black line is the team's mean, the grey line the range from the lowest to the highest "
                    "answer. The numbers are in the tables below.",
        "alt_choice": "{title}: the team's {people} ({names}), one marker per person at the answer they gave, in "
                      "each row ({rows}). The numbers are in the tables below.",
        "alt_range": "{title}: the team's {people} ({names}), one row per person; the bar is the planned weeks, the "
                     "line and the marker show when the project is finished by, and the numbers stand to the right. "
                     "The dates are in the tables below.",
        "fig_none": "No figure yet: no one on the team has answered anything the figure shows.",
        "panel_more": "{title} (continued)",
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
            tables = definition.tables(shown, course)
            if tables and (partly := _partly(shown, definition, course)):  # the items someone left, said as such
                tables[-1].note = " ".join(x for x in (tables[-1].note, partly) if x)
            out += tables
    for table in out:
        table.note = one_period(table.note, team)
    return out


def _partly(shown: list[Person], definition: Section, course: Course) -> str:
    """Who answered the section but left some of its items, and which: "Anna: Egne gevinster; Bo: 5 punkter"."""
    t, lang = TEXT[course.language], course.language
    who = []
    for p in shown:
        if not p.answered:
            continue  # the tables' own note names who has not answered the section at all
        left = definition.not_answered(p.model, course)
        if left:
            who.append(f"{plain_text(p.label, 40, '?')}: {left_words(left, lang)}")
    return t["partly"].format(who="; ".join(who)) if who else ""


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
# The figure: one picture per panel (a section's row of items), one marker shape and colour per participant
FIGURE_WIDTH = MAX_WIDTH  # inches at 100 dpi: fits JupyterLab's and Voilà's output area at 1366 px without shrinking


@dataclass(frozen=True)
class Target:
    """Where a panel is shown: its width and the most height it may take (inches; None: as tall as it needs),
    the size of all its text (points, at the size the picture is shown) and its pixels per inch. A panel with
    more rows than the height holds continues in a second picture."""

    width: float
    height: float | None
    font: float
    dpi: float


SCREEN = Target(FIGURE_WIDTH, None, 13.0, 100.0)  # notebook 08: one panel under the other, each its own image


@dataclass
class PanelFigure:
    """One picture of a panel (or of part of its rows), with the text alternative that goes with it."""

    panel: Panel
    figure: Any  # a matplotlib Figure
    alt: str
    part: int = 0  # 0 for the first picture of a panel, 1, 2, ... for its continuations
    rows: list[int] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.panel.title

    @property
    def size(self) -> tuple[float, float]:
        return float(self.figure.get_figwidth()), float(self.figure.get_figheight())


def team_panels(team: list[LoadedAnswers], course: Course) -> list[Panel]:
    return [p for definition in all_sections() for p in definition.panels(people(team, definition), course)]


def _styles(team: list[LoadedAnswers]) -> dict[int, tuple[str, str]]:
    """Colour and marker per participant, cycling with different periods: 64 people before a pair repeats."""
    return {i: (SERIES[i % len(SERIES)], MARKERS[(i + i // len(SERIES)) % len(MARKERS)]) for i in range(len(team))}


_WIDTHS: dict[tuple[str, float], float] = {}  # (text, points): inches; the same text is measured once


class _Measure:
    """Text extents in inches, as the figure will draw them (its own renderer, font and dpi)."""

    def __init__(self, fig, size: float):
        from matplotlib.font_manager import FontProperties

        self.renderer = fig.canvas.get_renderer()
        self.dpi = fig.dpi
        self.props = FontProperties(size=size)
        self.size = size

    def width(self, text: str) -> float:
        if not text:
            return 0.0
        key = (text, self.size)
        if key not in _WIDTHS:
            w, _, _ = self.renderer.get_text_width_height_descent(text, self.props, ismath=False)
            _WIDTHS[key] = w / self.dpi
            if len(_WIDTHS) > 20_000:
                _WIDTHS.clear()
        return _WIDTHS[key]

    def wrap(self, text: str, width: float, max_lines: int = 4) -> list[str]:
        """Lines no wider than `width`, broken at spaces and after a hyphen ("Kristensen-" / "Bjørnholm"); a
        word wider than that stands on its own line, whole; after `max_lines` the rest is cut with "…" (only a
        name of a hundred characters gets that far)."""
        lines: list[str] = []
        for word in " ".join(str(text).split()).split(" "):
            for k, piece in enumerate(re.findall(r"[^-]+-*|-+", word) or [word]):
                joined = f"{lines[-1]}{'' if k else ' '}{piece}" if lines else piece
                if lines and self.width(joined) <= width:
                    lines[-1] = joined
                else:
                    lines.append(piece)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1].rstrip(".,;:-") + "…"
        return lines or [""]

    def widest_piece(self, text: str) -> float:
        """The widest part of `text` that wrap() never breaks."""
        return max((self.width(p) for w in str(text).split() for p in re.findall(r"[^-]+-*|-+", w)), default=0.0)

    @property
    def line(self) -> float:
        return self.size * 1.3 / 72


def panel_figures(team: list[LoadedAnswers], course: Course, target: Target = SCREEN) -> list[PanelFigure]:
    """Every section's panels, each as its own picture (more than one when its rows need more height than
    `target` has), with one marker per participant, the team's mean and a legend inside the picture."""
    styles = _styles(team)
    names = {i: " ".join(m.label.split()) or "?" for i, m in enumerate(team)}
    out = []
    for panel in team_panels(team, course):
        n = len(panel.values) if panel.kind == "range" else len(panel.rows)
        layout = _layout(panel, list(range(n)), names, target, course.language)
        for k, rows in enumerate(_row_parts(n, layout, target)):
            fig = _draw(panel, rows, styles, names, target, course.language, layout)
            out.append(PanelFigure(panel, fig, _alt(panel, rows, names, course.language), k, rows))
    return out


def draw_team_figures(team: list[LoadedAnswers], course: Course, target: Target = SCREEN) -> list[PanelFigure]:
    """The panels of 08's figure (panel_figures), drawn: what notebook 08, the slides and the PDF show."""
    return panel_figures(team, course, target)


def _alt(panel: Panel, rows: list[int], names: dict[int, str], lang: str) -> str:
    t = TEXT[lang]
    people = counted(len(panel.values), t["one"], t["many"])
    shown = join_names([names[i] for i in panel.values], lang) or t["fig_nobody"]
    key = {"range": "alt_range", "choice": "alt_choice"}.get(panel.kind, "alt_dots")
    return t[key].format(title=panel.title, people=people, names=shown,
                         rows=join_names([" ".join(panel.rows[r].split()) for r in rows], lang))


def _row_parts(n: int, layout: dict, target: Target) -> list[list[int]]:
    """The panel's n rows in as many pictures as the target's height needs (all in one when it has no limit)."""
    rows = list(range(n))
    if target.height is None or n <= 1:
        return [rows]
    per_part = max(1, int((target.height - layout["fixed"]) // layout["row"]))
    count = -(-n // per_part)
    per_part = -(-n // count)  # as even as they can be
    return [rows[i:i + per_part] for i in range(0, n, per_part)]


def _layout(panel: Panel, rows: list[int], names: dict[int, str], target: Target, lang: str) -> dict:
    """What takes room, in inches: the label column, a row, and everything but the rows (axis and legend)."""
    fig = new_figure(target.width, 4.0)
    fig.set_dpi(target.dpi)
    m = _Measure(fig, target.font)
    labels = _row_labels(panel, rows, names)
    wrapped = [m.wrap(x, target.width * 0.34) for x in labels]
    label_w = max((m.width(line) for lines in wrapped for line in lines), default=0.5)
    lines = max((len(x) for x in wrapped), default=1)
    row = max(lines * m.line + 0.14, 2.0 * target.font / 72)
    scale = [m.wrap(s, (target.width - label_w) / max(1, len(panel.scale)) - 0.1, 3) for s in panel.scale]
    axis = (max((len(x) for x in scale), default=1)) * m.line + 0.16
    legend = _legend_rows(panel, names, m, target, lang) * m.line + 0.1 if panel.kind != "range" else 0.0
    return {"label": label_w, "row": row, "fixed": axis + legend + 0.25, "wrapped": wrapped, "scale": scale}


def _row_labels(panel: Panel, rows: list[int], names: dict[int, str]) -> list[str]:
    if panel.kind == "range":
        people = list(panel.values)
        return [names[people[r]] for r in rows]
    return [panel.rows[r] for r in rows]


def _legend_entries(panel: Panel, names: dict[int, str], lang: str) -> list[str]:
    entries = [names[i] for i in panel.values]
    if panel.kind == "dots" and panel.values:
        entries.append(TEXT[lang]["fig_mean"])
    return entries


def _legend_layout(entries: list[str], m: _Measure, target: Target) -> tuple[int, list[str], float]:
    """The legend's columns across the picture: as many as give the shortest legend (matplotlib fills column
    by column), each entry wrapped to its column, never a name cut or a piece of it wider than its column.
    Returns the columns, the entries as they are shown, and the legend's height in lines."""
    handle = 2.6 * target.font / 72  # the marker and the space around it
    room = target.width - 0.3
    widest_piece = max((m.widest_piece(e) for e in entries), default=0.0)
    best: tuple[float, int, list[str]] | None = None
    for columns in range(1, len(entries) + 1):
        col_text = room / columns - handle - 0.15
        if col_text < widest_piece:
            break
        wrapped = [m.wrap(e, col_text, 3) for e in entries]
        if any(x[-1].endswith("…") and not e.endswith("…") for x, e in zip(wrapped, entries, strict=True)):
            continue  # more than three lines in this narrow a column
        sizes = [len(x) for x in wrapped]
        chunks, start = [], 0
        for k in range(columns):  # numpy.array_split: the first columns take one more
            take = len(sizes) // columns + (1 if k < len(sizes) % columns else 0)
            chunks.append(sizes[start:start + take])
            start += take
        lines = max(sum(c) + 0.35 * max(0, len(c) - 1) for c in chunks)
        if best is None or lines < best[0] - 1e-9:
            best = (lines, columns, ["\n".join(x) for x in wrapped])
    if best is None:  # a name with a part wider than the whole picture: one column, wrapped as it can be
        return 1, ["\n".join(m.wrap(e, room - handle, 3)) for e in entries], float(len(entries))
    return best[1], best[2], best[0]


def _legend_rows(panel: Panel, names: dict[int, str], m: _Measure, target: Target, lang: str) -> float:
    """The legend's height in lines (a wrapped name takes more than one)."""
    entries = _legend_entries(panel, names, lang)
    return _legend_layout(entries, m, target)[2] if entries else 0.0


def _spread_out(ax, values: dict[int, float], row: int, dpi: float, marker_pt: float) -> dict[int, tuple[float, float]]:
    """Where each participant's marker goes in a row: people with the same value side by side, a marker's width
    apart, in a column as far as the row allows and then in more columns, so that every marker shows whole."""
    (x0, y0), (x1, y1) = ax.transData.transform([(0, 0), (1, 1)])
    size_px = marker_pt * dpi / 72 + 3
    dy, dx = size_px / abs(y1 - y0), size_px / abs(x1 - x0)
    per_column = max(1, int(0.8 / dy))
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


def _draw(panel: Panel, rows: list[int], styles, names: dict[int, str], target: Target, lang: str, lay: dict):
    """One picture of a panel's rows: labels wrapped in a column on the left (as wide as the panel's widest, so
    that its pictures line up), the legend under the axis."""
    from matplotlib.lines import Line2D

    f = target.font
    marker_pt = 0.8 * f
    axes_h = lay["row"] * max(1, len(rows))
    height = axes_h + lay["fixed"]
    fig = new_figure(target.width, height)
    fig.set_dpi(target.dpi)
    fig.set_layout_engine("none")
    left = lay["label"] + 0.25
    right = 0.35 if panel.kind != "range" else 0.2
    bottom = lay["fixed"] - 0.1
    ax = fig.add_axes((left / target.width, bottom / height, (target.width - left - right) / target.width,
                       axes_h / height))
    ax.tick_params(labelsize=f)
    n = len(rows)
    ax.set_yticks(range(n), ["\n".join(lay["wrapped"][r]) for r in rows], fontsize=f)
    ax.set_ylim(max(1, n) - 0.5, -0.5)
    ax.grid(axis="x", alpha=0.3)
    points: dict[int, list] = {}
    series = {}
    if panel.kind == "range":
        _range_rows(ax, panel, rows, styles, f, _Measure(fig, f), target.width - left - right)
    else:
        for i in panel.values:
            colour, marker = styles[i]
            series[i] = ax.scatter([], [], s=marker_pt ** 2, color=colour, marker=marker, edgecolor="black",
                                   linewidth=0.7, zorder=3)
            points[i] = []
        for y, r in enumerate(rows):
            values = [v[r] for v in panel.values.values() if v[r] is not None]
            if values and panel.kind == "dots":
                mean = sum(values) / len(values)
                ax.plot([mean, mean], [y - 0.4, y + 0.4], color=PALETTE["black"], linewidth=2.5 * f / 13, zorder=4)
            if values:
                ax.plot([min(values), max(values)], [y, y], color=PALETTE["grey"], linewidth=1.5 * f / 13, zorder=2)
        pad = (panel.high - panel.low) * 0.05 if panel.high - panel.low > 5 else 0.3
        ax.set_xlim(panel.low - pad, panel.high + pad)
        if panel.scale:
            ax.set_xticks(range(len(panel.scale)), ["\n".join(x) for x in lay["scale"]], fontsize=f)
        else:
            _ticks(ax, panel.low, panel.high)
        entries = _legend_entries(panel, names, lang)
        if entries:
            m = _Measure(fig, f)
            columns, wrapped, _ = _legend_layout(entries, m, target)
            handles = [Line2D([], [], linestyle="", marker=styles[i][1], markersize=marker_pt,
                              markerfacecolor=styles[i][0], markeredgecolor="black") for i in panel.values]
            if panel.kind == "dots":  # the mean: a short upright black line, as in the rows
                handles.append(Line2D([], [], linestyle="", marker="|", markersize=1.5 * marker_pt,
                                      markeredgewidth=2.5 * f / 13, color=PALETTE["black"]))
            fig.legend(handles, wrapped, loc="lower left", bbox_to_anchor=(0.1 / target.width, 0.05 / height),
                       ncols=columns, frameon=False, fontsize=f, handlelength=1.6, handletextpad=0.5,
                       columnspacing=1.0, borderaxespad=0, borderpad=0, labelspacing=0.35)
    if panel.kind == "range":
        return fig
    fig.draw_without_rendering()
    for y, r in enumerate(rows):  # after the layout: how far apart equal values go depends on the axes in pixels
        values = {i: v[r] for i, v in panel.values.items() if v[r] is not None}  # not answered: no marker
        for i, xy in _spread_out(ax, values, y, fig.dpi, marker_pt).items():
            points[i].append(xy)
    for i, pts in points.items():
        series[i].set_offsets(pts if pts else [[math.nan, math.nan]])
    return fig


def _range_rows(ax, panel: Panel, rows: list[int], styles, f: float, m: _Measure, axes_w: float) -> None:
    """The timeline's panel: a bar of planned weeks per person, a line on to when they are finished by, and the
    two numbers beside it (the axis is made long enough for them: data units per inch follow from it)."""
    people = list(panel.values)
    right = max([v[1] for v in panel.values.values()], default=10.0) or 10.0
    texts = {r: f"{round(panel.values[people[r]][0])} → {round(panel.values[people[r]][1])}" for r in rows}
    gap = 0.12 + 0.45 * f / 72  # inches from the marker's centre to its numbers
    # each label ends inside the axis: x_max >= finish + (gap + width) * x_max / axes_w
    x_max = max([(panel.values[people[r]][1]) / max(0.2, 1 - (gap + m.width(texts[r]) + 0.1) / axes_w)
                 for r in rows] + [right * 1.05])
    for y, r in enumerate(rows):
        i = people[r]
        planned, finish = panel.values[i]
        colour, marker = styles[i]
        ax.barh(y, planned, color=colour, edgecolor="black", height=0.55, hatch=HATCHES[r % 3])
        ax.plot([planned, finish], [y, y], color=PALETTE["black"], linewidth=2 * f / 13)
        ax.scatter([finish], [y], marker=marker, s=(0.9 * f) ** 2, color=colour, edgecolor="black", zorder=3)
        ax.text(finish + gap * x_max / axes_w, y, texts[r], va="center", fontsize=f)
    ax.set_xlim(0, x_max)
    _ticks(ax, 0, x_max)


def _ticks(ax, low: float, high: float) -> None:
    """Numbers on the axis only where the axis is (matplotlib would also make labels past its ends)."""
    from matplotlib.ticker import MaxNLocator

    ticks = [t for t in MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10], integer=True).tick_values(low, high)
             if low - 1e-9 <= t <= high + 1e-9]
    ax.set_xticks(ticks)


# ---------------------------------------------------------------------------------------------
# The widget
def default_team_folder(lang: str = "da") -> Path:
    """$SAMSKABELSE_TEAM (found from the notebook's folder or the repository root), else the example team."""
    value = os.environ.get(TEAM_ENV_VAR, "").strip()
    return resolve_folder(value) if value else example_team(lang)


def resolve_folder(text: str) -> Path:
    """A folder typed in the box: as typed (relative to the notebook), else from the course's root."""
    return find(Path(text.strip() or ".").expanduser())


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except (ValueError, OSError):
        return path.name


def shown_path(path: Path) -> str:
    for base in (Path.cwd(), course_root()):
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
        # the invented example team is the empty field (a manager reads no path into the course's own files)
        self.folder = widgets.Text(value="" if is_example_team(start) else shown_path(start),
                                   placeholder=self.t["folder_placeholder"], description=self.t["folder"],
                                   style={"description_width": "initial"}, layout=widgets.Layout(width="34em"))
        self.button = widgets.Button(description=self.t["load"], icon="folder-open", button_style="primary")
        self.button.on_click(self.errors.guard(lambda _b: self.load()))
        self.status = widgets.HTML()
        self.who = widgets.VBox([])  # "who is who?": a field for each person the files cannot tell apart
        self.who_fields: list = []
        self.figures: list[PanelFigure] = []
        self.figure_block = widgets.VBox([])  # one block per panel: its heading, its image and its text alternative
        self.figure_block.add_class("samskabelse-team-figures")
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
        import ipywidgets as widgets

        if folder is not None:
            path = Path(folder)
        else:  # the empty field is the invented example team
            text = self.folder.value.strip()
            path = resolve_folder(text) if text else example_team(self.course.language)
        loaded = load_team(path, self.course)
        self.path, self.team, self.problems, self.notes = path, loaded.team, loaded.problems, loaded.notes
        self.found = disagreements(self.team, self.course)
        t, lang = self.t, self.course.language
        parts = []
        if self.team:
            names = _names(self.team, lang)
            people = counted(len(self.team), t["one"], t["many"])
            line = (t["loaded_example"].format(people=people, names=names) if is_example_team(path) else
                    t["loaded"].format(people=people, folder=user_text(shown_path(path), 200), names=names))
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
        # A new team is new data with new labels: draw the panels anew (never on a slider change).
        figures = draw_team_figures(self.team, self.course)
        blocks = [self._panel_block(p) for p in figures]
        if not blocks and self.team:
            blocks = [widgets.HTML(f"<p>{t['fig_none']}</p>")]
        self.figures = figures
        self.figure_block.children = blocks
        self.tables.value = side_by_side_html(self.team, self.course) if self.team else ""
        top = max(1, len(self.found))
        self.slider.max = max(top, 1)
        self.slider.value = min(DEFAULT_QUESTIONS, top)
        self.slider.disabled = len(self.found) <= 1
        self._show_questions()

    @property
    def alt_html(self) -> str:
        """The panels' text alternatives (hidden; the page script makes each its image's alt), as shown."""
        return "".join(block.children[2].value for block in self.figure_block.children if len(block.children) == 3)

    @property
    def images(self) -> list:
        """The panels' images, in the order shown."""
        return [block.children[1] for block in self.figure_block.children if len(block.children) == 3]

    @property
    def image(self):
        """The first panel's image (None before a team with answers is loaded)."""
        images = self.images
        return images[0] if images else None

    def _panel_block(self, p: PanelFigure):
        """A panel as its own figure: a heading that names it, the image at its own size, its text alternative."""
        import ipywidgets as widgets

        title = p.title if p.part == 0 else self.t["panel_more"].format(title=p.title)
        width = round(p.figure.get_figwidth() * p.figure.dpi)
        image = widgets.Image(value=figure_png(p.figure), format="png",
                              layout=widgets.Layout(width=f"{width}px", max_width="100%", height="auto"))
        image.add_class("samskabelse-figure")
        block = widgets.VBox([widgets.HTML(f"<h3>{html.escape(title)}</h3>"), image, widgets.HTML(alt_html(p.alt))])
        block.add_class("samskabelse-figure-block")
        return block

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
        for who in self.who_fields:
            m = who.member
            options = [o for o in name_options(m.name, who.value) if o.casefold() not in others]
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
