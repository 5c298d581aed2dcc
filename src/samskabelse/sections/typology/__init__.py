"""Notebook 01: what co-creation is. Lighter involvement (the IAP2 spectrum) and the course's 2×2 typology.

The publication has a typology of four types that the course does not know. The grid here is the course's
working model, built openly from the publication's definition of co-creation: who takes the initiative
(the public organisation or citizens, associations, companies) × what is done together (develop new
solutions or carry out the task). Both axes, the four types and the invented training cases come from
data/<lang>/course.yaml.

    typology = place_your_project(course)     # two sliders -> the project's type on the grid
    typology.model.type_id(course)            # e.g. "public_develop"
"""

from __future__ import annotations

import base64
import html
import textwrap
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

from matplotlib.patches import FancyBboxPatch, Rectangle

from samskabelse.base.i18n import Texts
from samskabelse.course import CoCreationType, Course
from samskabelse.sections.protocol import (
    ANSWERED_FIELD,
    AnswerError,
    confirm,
    dump_answered,
    mark,
    restored_answered,
    saved_answered,
    show_on_screen,
    shown_items,
)
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.answering import SuggestionNote
from samskabelse.widgets.display import BASIS_LABELS, HTMLText, user_text
from samskabelse.widgets.figures import MAX_WIDTH, PALETTE, BlitLiveFigure, figure_png, new_figure
from samskabelse.widgets.guard import ErrorBoundary

STRENGTHS = ("clearly", "mostly")  # how far toward one pole a project lies; "clearly" is further out
AXES = ("initiative", "activity")
PROJECT_MAX_CHARS = 60  # in the result text
PROJECT_LABEL_WIDTH = 16  # on the figure, where space is short: at most two lines of this many characters

TEXT = Texts(
    da={
        "clearly": "Helt", "mostly": "Overvejende",
        "project_label": "Dit projekts navn:",
        "project_placeholder": "fx Den fælles legeplads",
        "your_project": "Dit projekt",
        "title": "Dit projekt i kursets typologi",
        "subtitle": "Kursets arbejdsmodel – ikke publikationens fire typer",
        "legend_project": "Dit projekt",
        "legend_case": "Opdigtet træningscase",
        "invented": "Opdigtet",
        "result": "{project} ligger <b>{strength_i}</b> i retning af »{pole_i}« og <b>{strength_a}</b> i retning af "
                  "»{pole_a}«. I kursets gitter er det typen <b class='samskabelse-type'>{type}</b>: {description}",
        "result_suggested": "{project}: stjernen står på kursets udgangspunkt, <b>{strength_i}</b> »{pole_i}« og "
                            "<b>{strength_a}</b> »{pole_a}« – typen <b class='samskabelse-type'>{type}</b>. Flyt "
                            "skyderne, så de passer til projektet, eller sig, at udgangspunktet passer.",
        "result_case": "Den opdigtede træningscase i samme felt: <i>{case}</i>.",
        "result_note": "Typen er kursets arbejdsmodel, ikke en af publikationens fire typer.",
        "strength_clearly": "helt", "strength_mostly": "overvejende",
        "unnamed": "Dit projekt",
        "named": "Dit projekt »{name}«",
        "alt": "Et gitter med fire felter: {types}. Dit projekt er markeret med en stjerne i feltet {type}.",
        "alt_suggested": "Et gitter med fire felter: {types}. Stjernen står på kursets udgangspunkt i feltet "
                         "{type}; du har ikke placeret dit projekt endnu.",
        "col_axis": "Akse", "col_place": "Dit projekt", "row_type": "Type i kursets gitter",
        "spectrum_title": "IAP2's spektrum: hvor meget er borgerne med til at beslutte?",
        "spectrum_shared": "Borgerne er med til at beslutte",
        "spectrum_lighter": "Organisationen beslutter",
        "spectrum_axis": "Borgernes indflydelse på beslutningen →",
        "spectrum_source": "Kilde: {source}. De danske navne, beskrivelserne og de to grupper er kursets "
                           "arbejdsmodel. Spektret måler indflydelse på beslutninger – ikke, om borgerne bidrager "
                           "til at udvikle eller producere velfærd.",
        "spectrum_alt": "Fem trin med stigende indflydelse på beslutningen: {levels}. Organisationen beslutter: "
                        "{lighter}. Borgerne er med til at beslutte: {shared}.",
        "table_type": "Type", "table_initiative": "Initiativ", "table_activity": "Hvad I gør sammen",
        "table_description": "Beskrivelse", "table_case": "Opdigtet træningscase",
        "note_pole": "Det gemte svar for »{axis}« ({value}) findes ikke i kursets typologi; "
                     "skyderen står på standardværdien.",
        "note_strength": "Det gemte svar for, hvor tydeligt »{axis}« er ({value}), kan ikke læses; "
                         "skyderen står på »overvejende«.",
        "note_project": "Projektnavnet i de gemte svar er ikke tekst og er sprunget over.",
        "note_schema1": "Gemt med en tidligere version af kurset: stjernens placering, som den stod, da du gemte, "
                        "tæller nu som dit svar.",
    },
    en={
        "clearly": "Clearly", "mostly": "Mostly",
        "project_label": "Your project's name:",
        "project_placeholder": "e.g. The shared playground",
        "your_project": "Your project",
        "title": "Your project in the course's typology",
        "subtitle": "The course's working model – not the publication's four types",
        "legend_project": "Your project",
        "legend_case": "Invented training case",
        "invented": "Invented",
        "result": "{project} lies <b>{strength_i}</b> toward “{pole_i}” and <b>{strength_a}</b> toward “{pole_a}”. "
                  "In the course's grid that is the type <b class='samskabelse-type'>{type}</b>: {description}",
        "result_suggested": "{project}: the star stands at the course's starting point, <b>{strength_i}</b> "
                            "“{pole_i}” and <b>{strength_a}</b> “{pole_a}” – the type <b class='samskabelse-type'>"
                            "{type}</b>. Move the sliders to fit the project, or say that the starting point fits.",
        "result_case": "The invented training case in the same cell: <i>{case}</i>.",
        "result_note": "The type is the course's working model, not one of the publication's four types.",
        "strength_clearly": "clearly", "strength_mostly": "mostly",
        "unnamed": "Your project",
        "named": "Your project “{name}”",
        "alt": "A grid of four cells: {types}. Your project is marked with a star in the cell {type}.",
        "alt_suggested": "A grid of four cells: {types}. The star stands at the course's starting point in the cell "
                         "{type}; you have not placed your project yet.",
        "col_axis": "Axis", "col_place": "Your project", "row_type": "Type in the course's grid",
        "spectrum_title": "The IAP2 spectrum: how much do citizens help decide?",
        "spectrum_shared": "Citizens share the decision",
        "spectrum_lighter": "The organisation decides",
        "spectrum_axis": "Citizens' influence on the decision →",
        "spectrum_source": "Source: {source}. The descriptions and the two groups are the course's working model. "
                           "The spectrum measures influence on decisions – not whether citizens contribute to "
                           "developing or producing welfare.",
        "spectrum_alt": "Five levels of growing influence on the decision: {levels}. The organisation decides: "
                        "{lighter}. Citizens share the decision: {shared}.",
        "table_type": "Type", "table_initiative": "Initiative", "table_activity": "What you do together",
        "table_description": "Description", "table_case": "Invented training case",
        "note_pole": "The saved answer for “{axis}” ({value}) is not in the course's typology; "
                     "the slider is at its default.",
        "note_strength": "The saved answer for how clearly “{axis}” applies ({value}) cannot be read; "
                         "the slider is at “mostly”.",
        "note_project": "The project name in the saved answers is not text and was skipped.",
        "note_schema1": "Saved with an earlier version of the course: the star's place, as it stood when you saved, "
                        "now counts as your answer.",
    },
)


# ---------------------------------------------------------------------------------------------
# The model
@dataclass
class TypologyAnswer:
    """Where the manager places their project on the two axes of the course's grid.

    Each axis is answered with a pole id from the course (e.g. "public" or "civic") and how clearly the
    project lies toward it ("clearly" or "mostly"). The type follows from the two poles.
    """

    SECTION: ClassVar[str] = "typology"

    initiative: str = "public"
    initiative_strength: str = "mostly"
    activity: str = "develop"
    activity_strength: str = "mostly"
    project: str = ""
    answered: set[str] = field(default_factory=set, compare=False, repr=False)  # "initiative", "activity", "project"

    def set_axis(self, axis: str, pole: str, strength: str, course: Course) -> None:
        poles = _pole_ids(course, axis)
        if pole not in poles:
            raise ValueError(f"{axis}: pole must be one of {poles}, got {pole!r}")
        if strength not in STRENGTHS:
            raise ValueError(f"{axis}: strength must be one of {STRENGTHS}, got {strength!r}")
        setattr(self, axis, pole)
        setattr(self, f"{axis}_strength", strength)
        mark(self, axis)

    def set_project(self, text: str) -> None:
        self.project = str(text or "")
        mark(self, "project")

    def placed(self) -> bool:
        """Both axes answered: only then is the project's type the participant's answer."""
        return all(a in self.answered for a in AXES)

    def type_of(self, course: Course) -> CoCreationType:
        return course.typology.type_at(self.initiative, self.activity)

    def type_id(self, course: Course) -> str:
        return self.type_of(course).id

    def position(self, course: Course, axis: str) -> int:
        """-2, -1, 1 or 2: toward the axis's low pole (negative) or high pole, mostly (1) or clearly (2)."""
        ax = getattr(course.typology, axis)
        sign = -1 if getattr(self, axis) == ax.low.id else 1
        return sign * (2 if getattr(self, f"{axis}_strength") == "clearly" else 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "initiative": self.initiative, "initiative_strength": self.initiative_strength,
            "activity": self.activity, "activity_strength": self.activity_strength,
            "project": self.project, ANSWERED_FIELD: dump_answered(self.answered),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], course: Course) -> tuple[TypologyAnswer, list[str]]:
        if not isinstance(data, dict):
            raise AnswerError(f"{cls.SECTION}: expected a mapping of answers, got {type(data).__name__}. "
                              "Save the answers again from notebook 01.")
        t = TEXT[course.language]
        model, notes = cls(initiative=course.typology.initiative.low.id,
                           activity=course.typology.activity.low.id), []
        saved = saved_answered(data, course.language, notes)
        present = set()
        for axis in AXES:
            name = getattr(course.typology, axis).name
            pole = data.get(axis, getattr(model, axis))
            if pole in _pole_ids(course, axis):
                setattr(model, axis, pole)
                if axis in data:
                    present.add(axis)
            else:
                notes.append(t["note_pole"].format(axis=name, value=user_text(pole, 40)))
            strength = data.get(f"{axis}_strength", "mostly")
            if strength in STRENGTHS:
                setattr(model, f"{axis}_strength", strength)
            else:
                notes.append(t["note_strength"].format(axis=name, value=user_text(strength, 40)))
        project = data.get("project", "")
        if isinstance(project, str):
            model.project = project
            if project or saved is not None:
                present.add("project")
        elif project is not None:
            notes.append(t["note_project"])
        model.answered = restored_answered(saved, present)
        return model, notes


def _pole_ids(course: Course, axis: str) -> list[str]:
    ax = getattr(course.typology, axis)
    return [ax.low.id, ax.high.id]


def slider_options(course: Course, axis: str) -> list[tuple[str, tuple[str, str]]]:
    """Four stops from the low pole to the high pole: clearly low, mostly low, mostly high, clearly high."""
    t = TEXT[course.language]
    ax = getattr(course.typology, axis)
    return [
        (f"{t['clearly']}: {ax.low.name}", (ax.low.id, "clearly")),
        (f"{t['mostly']}: {ax.low.name}", (ax.low.id, "mostly")),
        (f"{t['mostly']}: {ax.high.name}", (ax.high.id, "mostly")),
        (f"{t['clearly']}: {ax.high.name}", (ax.high.id, "clearly")),
    ]


def project_title(course: Course, project: str, max_chars: int = PROJECT_MAX_CHARS) -> str:
    """'Your project “name”' as safe HTML, or 'Your project' when no name was typed."""
    t = TEXT[course.language]
    name = user_text(project, max_chars)
    return t["named"].format(name=name) if name else t["unnamed"]


def describe(model: TypologyAnswer, course: Course) -> str:
    """The result as HTML: where the project lies, its type in the course's grid, the invented case beside it."""
    t = TEXT[course.language]
    ty = course.typology
    kind = model.type_of(course)
    pole = {axis: (ty.initiative if axis == "initiative" else ty.activity) for axis in AXES}
    pole_names = {axis: (pole[axis].low.name if getattr(model, axis) == pole[axis].low.id else pole[axis].high.name)
                  for axis in AXES}
    text = t["result" if model.placed() else "result_suggested"].format(
        project=project_title(course, model.project),
        strength_i=t[f"strength_{model.initiative_strength}"], pole_i=html.escape(pole_names["initiative"]),
        strength_a=t[f"strength_{model.activity_strength}"], pole_a=html.escape(pole_names["activity"]),
        type=html.escape(kind.name), description=html.escape(kind.description),
    )
    cases = [c for c in course.example_cases if c.type == kind.id]
    parts = [f"<p>{text}</p>"]
    if cases:
        parts.append(f"<p>{t['result_case'].format(case=html.escape(', '.join(c.name for c in cases)))}</p>")
    parts.append(f"<p><small>{t['result_note']}</small></p>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# The grid figure. Cells span 0..±4 on both axes; the low pole is left (initiative) and bottom (activity).
CELL = 4.0
# Distance of the star from the centre lines for "mostly" (1) and "clearly" (2). The star's label sits
# beside it, on the side with room: outward for "mostly", inward for "clearly".
OFFSET_X = {1: 1.2, 2: 2.8}
OFFSET_Y = {1: 1.45, 2: 2.55}
LABEL_GAP = 0.42


def _cell_origin(course: Course, kind: CoCreationType) -> tuple[float, float]:
    ty = course.typology
    x0 = -CELL if kind.initiative == ty.initiative.low.id else 0.0
    y0 = -CELL if kind.activity == ty.activity.low.id else 0.0
    return x0, y0


def _marker_xy(model: TypologyAnswer, course: Course) -> tuple[float, float]:
    px, py = model.position(course, "initiative"), model.position(course, "activity")
    return (1 if px > 0 else -1) * OFFSET_X[abs(px)], (1 if py > 0 else -1) * OFFSET_Y[abs(py)]


def _label_place(model: TypologyAnswer, course: Course) -> tuple[float, float, str]:
    """Where the star's label goes (x, y, horizontal alignment): beside the star, inside its cell."""
    x, y = _marker_xy(model, course)
    outward = abs(model.position(course, "initiative")) == 1
    right = (x > 0) == outward
    return (x + LABEL_GAP if right else x - LABEL_GAP), y, ("left" if right else "right")


def _figure_label(course: Course, project: str) -> str:
    t = TEXT[course.language]
    name = " ".join(str(project or "").split())
    if not name:
        return t["your_project"]
    lines = textwrap.wrap(name, PROJECT_LABEL_WIDTH, break_long_words=True)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: PROJECT_LABEL_WIDTH - 1].rstrip() + "…"]
    return "\n".join(lines)


# A white backing for text inside a cell, so the marked cell's hatching never runs through the letters.
_CLEAR_BOX = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85)


class TypologyWidget:
    """Two four-stop sliders and a project name; the 2×2 grid marks the project's cell and moves its star."""

    def __init__(self, course: Course, model: TypologyAnswer | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = t = TEXT[course.language]
        self.model = model or TypologyAnswer(initiative=course.typology.initiative.low.id,
                                             activity=course.typology.activity.low.id)
        ty = course.typology
        self.errors = ErrorBoundary(course.language)
        self._syncing = False  # while show_answers sets the controls from the model, their handlers do nothing

        self.sliders = {}
        self.ends: dict[str, tuple[Any, Any]] = {}
        rows = []
        for axis in AXES:
            ax = getattr(ty, axis)
            options = slider_options(course, axis)
            value = (getattr(self.model, axis), getattr(self.model, f"{axis}_strength"))
            slider = widgets.SelectionSlider(
                # no readout: the stop's long text would overflow; the pole labels below say where the slider is
                options=options, value=value, description="", readout=False, continuous_update=True,
                layout=widgets.Layout(width="100%"), style={"description_width": "0px"},
            )
            slider.add_class(f"samskabelse-slider-{axis}")
            named(slider, f"{ax.name}: {ax.question}", shown=False)  # the bold heading above it
            slider.observe(self.errors.guard(self._slider_changed), names="value")
            self.sliders[axis] = slider
            self.ends[axis] = (widgets.HTML(), widgets.HTML())
            ends = widgets.HBox(list(self.ends[axis]),
                                layout=widgets.Layout(justify_content="space-between", width="100%"))
            rows.append(widgets.HTML(f"<b>{html.escape(ax.name)}</b> {html.escape(ax.question)}"))
            rows += [slider, ends]
        self._show_ends()
        self.project = widgets.Text(value=self.model.project, placeholder=t["project_placeholder"],
                                    description=t["project_label"], style={"description_width": "initial"},
                                    layout=widgets.Layout(width="100%"))
        self.project.observe(self.errors.guard(self._project_changed), names="value")

        self._build_figure()
        # The grid with its ~30 labels takes ~70 ms to draw; only the star and its label move. So the grid is
        # drawn once per marked cell and kept, and a change draws just those two artists on top (~15 ms).
        with _no_glyph_warnings():
            self.live = BlitLiveFigure(self.fig, [self.marker, self.marker_label], alt=self._alt(),
                                       lang=course.language, background_key=lambda: self.model.type_id(self.course))
        self._describe()
        self.result = widgets.HTML(describe(self.model, course))
        self.result.add_class("samskabelse-result")
        self.suggestion = SuggestionNote(course.language, self.errors.guard(self.agree))
        self.suggestion.update(self.model.placed())
        self.box = widgets.VBox([self.project, *rows, self.errors.alert, self.live.widget, self.result,
                                 self.suggestion.box])
        mark_widget(self.box, course.language, "samskabelse-typology")
        show_on_screen(self.model, self)

    def controls(self) -> dict[str, Any]:
        """The items this widget asks, each with its control (sections/protocol.py)."""
        return {"project": self.project, **self.sliders}

    def agree(self) -> None:
        """"Jeg er enig i forslaget": the star's place, as shown, is the participant's answer."""
        confirm(self.model, shown_items(self.model))
        self.update()

    def answered_changed(self) -> None:
        """Saving confirmed what the widget showed: it now says so (protocol.answered_changed)."""
        self.update()

    def show_answers(self, saved: TypologyAnswer) -> None:
        """Show saved answers (the save box's "Hent mine gemte svar"): their values and what was answered go into
        this widget's own model, in place, the controls follow without marking anything, and all is redrawn."""
        m = self.model
        for name in ("initiative", "initiative_strength", "activity", "activity_strength", "project"):
            setattr(m, name, getattr(saved, name))
        m.answered.clear()
        m.answered.update(saved.answered)
        self._syncing = True
        try:
            for axis, slider in self.sliders.items():
                slider.value = (getattr(m, axis), getattr(m, f"{axis}_strength"))
            self.project.value = m.project
        finally:
            self._syncing = False
        self._show_ends()
        self.update()

    # -- figure --------------------------------------------------------------------------------
    def _build_figure(self) -> None:
        course, t, ty = self.course, self.t, self.course.typology
        self.fig = fig = new_figure(MAX_WIDTH, 7.2)
        ax = fig.add_subplot()
        self.ax = ax
        self.cells: dict[str, Rectangle] = {}
        self.cell_labels: dict[str, Any] = {}
        self.case_labels: dict[str, Any] = {}
        for kind in ty.types:
            x0, y0 = _cell_origin(course, kind)
            rect = Rectangle((x0, y0), CELL, CELL, facecolor="white", edgecolor=PALETTE["grey"], linewidth=1.5,
                             zorder=0)
            ax.add_patch(rect)
            self.cells[kind.id] = rect
            self.cell_labels[kind.id] = ax.text(x0 + CELL / 2, y0 + CELL - 0.35,
                                                "\n".join(textwrap.wrap(kind.name, 30)), ha="center", va="top",
                                                fontsize=15, fontweight="bold", zorder=3, bbox=_CLEAR_BOX)
            cases = [c for c in course.example_cases if c.type == kind.id]
            for i, case in enumerate(cases):
                y = y0 + 0.45 + 0.75 * i
                ax.plot([x0 + 0.35], [y], marker="D", markersize=9, color=PALETTE["blue"], linestyle="none",
                        zorder=3)
                label = "\n".join(textwrap.wrap(f"{t['invented']}: {case.name}", 38, break_on_hyphens=False))
                self.case_labels[case.id] = ax.text(x0 + 0.6, y, label, ha="left", va="center", fontsize=12,
                                                    style="italic", zorder=3, bbox=_CLEAR_BOX)
        ax.axhline(0, color=PALETTE["black"], linewidth=1.5, zorder=1)
        ax.axvline(0, color=PALETTE["black"], linewidth=1.5, zorder=1)
        x, y = _marker_xy(self.model, course)
        (self.marker,) = ax.plot([x], [y], marker="*", markersize=30, color=PALETTE["vermillion"],
                                 markeredgecolor=PALETTE["black"], markeredgewidth=1.5, linestyle="none", zorder=5)
        lx, ly, ha = _label_place(self.model, course)
        self.marker_label = ax.text(lx, ly, _figure_label(course, self.model.project), ha=ha, va="center",
                                    fontsize=13, fontweight="bold", zorder=6, parse_math=False,
                                    bbox=dict(boxstyle="round,pad=0.25", facecolor="white",
                                              edgecolor=PALETTE["vermillion"], linewidth=1.5))
        ax.set_xlim(-CELL, CELL)
        ax.set_ylim(-CELL, CELL)
        ax.set_aspect("auto")
        ax.set_xticks([-CELL / 2, CELL / 2],
                      ["\n".join(textwrap.wrap(ty.initiative.low.name, 28)),
                       "\n".join(textwrap.wrap(ty.initiative.high.name, 28))])
        ax.set_yticks([-CELL / 2, CELL / 2],
                      ["\n".join(textwrap.wrap(ty.activity.low.name, 16)),
                       "\n".join(textwrap.wrap(ty.activity.high.name, 16))])
        ax.tick_params(length=0)
        ax.set_xlabel(ty.initiative.name, fontweight="bold")
        ax.set_ylabel(ty.activity.name, fontweight="bold")
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_title(f"{t['title']}\n", loc="left")
        ax.text(0, 1.01, t["subtitle"], transform=ax.transAxes, ha="left", va="bottom", fontsize=12,
                style="italic", color="#333333")
        handles = [
            ax.plot([], [], marker="*", markersize=18, color=PALETTE["vermillion"], markeredgecolor="black",
                    linestyle="none")[0],
            ax.plot([], [], marker="D", markersize=9, color=PALETTE["blue"], linestyle="none")[0],
        ]
        fig.legend(handles, [t["legend_project"], t["legend_case"]], loc="outside lower center", ncols=2,
                   frameon=False)
        self._fit_case_labels()
        self._highlight()

    def _fit_case_labels(self) -> None:
        """Each invented case's label inside its own cell: wrapped shorter until it ends before the cell's right
        edge (measured once the figure is laid out; a name never crosses the divider into the next type)."""
        fig, ax = self.fig, self.ax
        fig.get_layout_engine().execute(fig)
        renderer = fig.canvas.get_renderer()
        to_data = ax.transData.inverted()
        t = self.t
        for case in self.course.example_cases:
            label = self.case_labels.get(case.id)
            if label is None:
                continue
            kind = next(k for k in self.course.typology.types if k.id == case.type)
            right = _cell_origin(self.course, kind)[0] + CELL - 0.12
            words = f"{t['invented']}: {case.name}"
            for width in range(38, 9, -3):
                label.set_text("\n".join(textwrap.wrap(words, width, break_on_hyphens=False)))
                if to_data.transform(label.get_window_extent(renderer).p1)[0] <= right:
                    break

    def _highlight(self) -> None:
        chosen = self.model.type_id(self.course)
        for kind_id, rect in self.cells.items():
            on = kind_id == chosen
            rect.set_facecolor(PALETTE["sky"] + ("55" if on else "00"))
            rect.set_hatch("//" if on else "")
            rect.set_edgecolor(PALETTE["blue"] if on else PALETTE["grey"])
            rect.set_linewidth(4 if on else 1.5)
            self.cell_labels[kind_id].set_color(PALETTE["black"] if on else "#555555")

    def _alt(self) -> str:
        types = ", ".join(k.name for k in self.course.typology.types)
        key = "alt" if self.model.placed() else "alt_suggested"
        return self.t[key].format(types=types, type=self.model.type_of(self.course).name)

    def _describe(self) -> None:
        t, ty = self.t, self.course.typology
        rows = []
        for axis in AXES:
            ax = getattr(ty, axis)
            pole = ax.low if getattr(self.model, axis) == ax.low.id else ax.high
            rows.append([ax.name, f"{t['strength_' + getattr(self.model, f'{axis}_strength')]} {pole.name}"])
        rows.append([t["row_type"], self.model.type_of(self.course).name])
        self.live.describe(self._alt(), [t["col_axis"], t["col_place"]], rows)

    # -- events --------------------------------------------------------------------------------
    def _show_ends(self) -> None:
        """The two pole names under each slider; the side the slider points to is bold and says how clearly."""
        for axis, (left, right) in self.ends.items():
            ax = getattr(self.course.typology, axis)
            strength = self.t[f"strength_{getattr(self.model, f'{axis}_strength')}"]
            for widget, pole, arrow in ((left, ax.low, "◀ {}"), (right, ax.high, "{} ▶")):
                name = html.escape(pole.name)
                if getattr(self.model, axis) == pole.id:
                    name = f"<b>{name} ({strength})</b>"
                widget.value = f"<span>{arrow.format(name)}</span>"

    def _slider_changed(self, change) -> None:
        if self._syncing:
            return
        for axis, slider in self.sliders.items():
            if slider is change.get("owner", slider):  # the slider moved is the axis answered
                pole, strength = slider.value
                self.model.set_axis(axis, pole, strength, self.course)
        self._show_ends()
        self.update()

    def _project_changed(self, change) -> None:
        if self._syncing:
            return
        self.model.set_project(change["new"] or "")
        self.update()

    def update(self) -> None:
        """Show the model as it is now: move the star, mark the cell, rewrite the text; no figure rebuilt."""
        x, y = _marker_xy(self.model, self.course)
        self.marker.set_data([x], [y])
        lx, ly, ha = _label_place(self.model, self.course)
        self.marker_label.set_position((lx, ly))
        self.marker_label.set_horizontalalignment(ha)
        self.marker_label.set_text(_figure_label(self.course, self.model.project))
        self._highlight()
        self._render()
        self._describe()
        self.result.value = describe(self.model, self.course)
        self.suggestion.update(self.model.placed())

    def _render(self) -> None:
        with _no_glyph_warnings():
            self.live.refresh()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


@contextmanager
def _no_glyph_warnings():
    """A typed emoji the font lacks is drawn as a box; no warning in the learner's notebook."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


def place_your_project(course: Course, model: TypologyAnswer | None = None) -> TypologyWidget:
    """Notebook 01's widget: two questions about your project, its type on the course's 2×2 grid."""
    return TypologyWidget(course, model)


# ---------------------------------------------------------------------------------------------
# Static content of notebook 01
_LEFT = "style='text-align:left;vertical-align:top'"  # JupyterLab right-aligns table cells by default


def typology_table(course: Course) -> HTMLText:
    """The course's four types as a table: the two poles that define each, and the invented case in its cell."""
    t = TEXT[course.language]
    ty = course.typology
    poles = {p.id: p.name for ax in (ty.initiative, ty.activity) for p in (ax.low, ax.high)}
    rows = []
    for kind in ty.types:
        cases = ", ".join(c.name for c in course.example_cases if c.type == kind.id)
        cells = [f"<b>{html.escape(kind.name)}</b>", html.escape(poles[kind.initiative]),
                 html.escape(poles[kind.activity]), html.escape(kind.description), f"<i>{html.escape(cases)}</i>"]
        rows.append("<tr>" + "".join(f"<td {_LEFT}>{c}</td>" for c in cells) + "</tr>")
    label = BASIS_LABELS[course.language][ty.basis]
    head = "".join(f"<th {_LEFT}>{t[k]}</th>" for k in ("table_type", "table_initiative", "table_activity",
                                                        "table_description", "table_case"))
    return HTMLText(
        f"<table class='samskabelse-typology-table'><caption style='text-align:left'><b>{html.escape(label)}</b>"
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def involvement_spectrum(course: Course) -> HTMLText:
    """The five IAP2 levels as a staircase of decision power; the levels where citizens share the decision marked.

    The spectrum measures decision power, not co-production: notebook 01 says how the two relate.

    Returned as HTML (the figure as an embedded PNG with alt text, and a caption citing the source), so
    that it shows the same in JupyterLab, Voilà and an exported page.
    """
    t = TEXT[course.language]
    levels = course.involvement.levels
    fig = new_figure(MAX_WIDTH, 5.6)
    ax = fig.add_subplot()
    n = len(levels)
    for i, level in enumerate(levels):
        height = 1.0 + i * 0.55
        co = level.shared_decision
        ax.add_patch(FancyBboxPatch((i + 0.06, 0), 0.88, height, boxstyle="round,pad=0,rounding_size=0.05",
                                    facecolor=PALETTE["green"] if co else "#DDDDDD", hatch="//" if co else "",
                                    edgecolor=PALETTE["black"], linewidth=1.5))
        ax.text(i + 0.5, height + 0.08, level.name, ha="center", va="bottom", fontsize=15, fontweight="bold")
        ax.text(i + 0.5, -0.12, "\n".join(textwrap.wrap(level.description, 18)), ha="center", va="top",
                fontsize=12, color=PALETTE["black"])
    co_idx = [i for i, lv in enumerate(levels) if lv.shared_decision]
    lighter = [i for i, lv in enumerate(levels) if not lv.shared_decision]
    top = 1.0 + (n - 1) * 0.55 + 0.75
    for idx, label, colour in ((co_idx, t["spectrum_shared"], PALETTE["green"]),
                               (lighter, t["spectrum_lighter"], "#555555")):
        if idx:
            lo, hi = min(idx) + 0.08, max(idx) + 0.92
            ax.annotate("", xy=(lo, top), xytext=(hi, top),
                        arrowprops=dict(arrowstyle="|-|", color=colour, linewidth=2))
            ax.text((lo + hi) / 2, top + 0.08, label, ha="center", va="bottom", fontsize=13, fontweight="bold",
                    color=colour if colour != PALETTE["green"] else "#006B4E")
    ax.set_xlim(0, n)
    ax.set_ylim(-1.55, top + 0.55)
    ax.axhline(0, color=PALETTE["black"], linewidth=1)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(t["spectrum_axis"], loc="right")
    ax.set_title(t["spectrum_title"], loc="left")
    png = base64.b64encode(figure_png(fig)).decode("ascii")
    alt = t["spectrum_alt"].format(levels=", ".join(lv.name for lv in levels),
                                   lighter=", ".join(levels[i].name for i in lighter),
                                   shared=", ".join(levels[i].name for i in co_idx))
    source = t["spectrum_source"].format(source=html.escape(course.involvement.source))
    return HTMLText(
        f"<figure class='samskabelse-spectrum' style='margin:0'>"
        f"<img src='data:image/png;base64,{png}' alt='{html.escape(alt, quote=True)}' style='max-width:100%'>"
        f"<figcaption><small>{source}</small></figcaption></figure>"
    )


from samskabelse.sections.typology.views import DEFINITION as DEFINITION  # noqa: E402  (it uses the names above)
