"""The four leadership directions (notebook 04): where a manager's attention goes now, and to whom.

    directions_overview(course)          # the directions, whom they concern, and example tasks, as a table
    compass = rate_directions(course)    # a slider and a name field per direction, a compass, a summary
    compass.model                        # DirectionsModel: attention 0-5 and key stakeholders per direction

The compass puts each direction where its name points: upward at the top, downward at the bottom, across
to the left (sideways, inside the organisation) and outward to the right (out to the partners). A bar
that stays inside the dashed circle marks thin attention; it is hatched and labelled as well as coloured.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from matplotlib.patches import Circle, Rectangle

from samskabelse.base.i18n import Texts, join_names
from samskabelse.course import Course, Direction
from samskabelse.sections.protocol import (
    ANSWERED_FIELD,
    AnswerError,
    dump_answered,
    key,
    mark,
    restored_answered,
    saved_answered,
)
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.display import BASIS_LABELS, HTMLText, user_text
from samskabelse.widgets.figures import MAX_WIDTH, PALETTE, BlitLiveFigure, new_figure
from samskabelse.widgets.guard import ErrorBoundary

ATTENTION_MAX = 5
DEFAULT_ATTENTION = 3
THIN_AT = 2  # attention at or below this counts as thin (the course's working model)
MAX_NAMES = 8  # key stakeholders kept per direction
MAX_NAME_CHARS = 60  # longer names are shortened in the model
FIGURE_NAMES = 4  # names drawn per direction in the compass; the rest as "+N more"
FIGURE_NAME_CHARS = 22

TEXT = Texts(
    da={
        "col_direction": "Retning",
        "col_attention": "Opmærksomhed nu (0–5)",
        "col_names": "Nøglepersoner (adskil med komma)",
        "placeholder": "Navne eller roller, fx {example}",
        "examples": {"upward": "direktøren, udvalgsformanden", "across": "chefen for Teknik og Miljø",
                     "downward": "teamlederen, projektgruppen", "outward": "Boligforeningen Vest"},
        "example": "navne eller roller",
        "scale": "0 = ingen opmærksomhed · 5 = meget opmærksomhed. En retning med {thin} eller derunder "
                 "har tynd opmærksomhed.",
        "title": "Hvor går din opmærksomhed hen lige nu?",
        "you": "Dig\nsom chef",
        "value": "{name} · {value}/{max}",
        "value_thin": "{name} · {value}/{max} · tynd",
        "none_named": "(ingen navngivet)",
        "more": "+{n} mere",
        "legend": "Stiplet cirkel: grænsen for tynd\nopmærksomhed ({thin} af {max}).\n"
                  "Skraveret søjle: tynd opmærksomhed.",
        "alt": "Kompas med de fire ledelsesretninger og din opmærksomhed i hver, fra 0 til {max}: {rows}.",
        "alt_row": "{name} {value}{thin}, {names}",
        "alt_thin": " (tynd)",
        "alt_names": "nøglepersoner: {names}",
        "slider_name": "{name}: opmærksomhed nu (0–5)",
        "text_name": "{name}: nøglepersoner",
        "thin_some": "Opmærksomheden er tynd {where}.",
        "thin_none": "Ingen retning har tynd opmærksomhed lige nu. Mindst får {where}.",
        "thin_all": "Opmærksomheden er tynd i alle fire retninger. Hvor vil du begynde?",
        "thin_equal": "Alle retninger får lige meget opmærksomhed ({value}/{max}). Passer det med din hverdag?",
        "start_here": "Et sted at begynde {where}",
        "and": "og",
        "unnamed": "Du har ikke navngivet nogen nøglepersoner {where} endnu. Hvem er det?",
        "names_head": "Dine nøglepersoner",
        "no_names": "ingen endnu",
        "cut": "Kun de første {n} navne gemmes i hver retning.",
        "where": {"upward": "opad", "across": "på tværs", "downward": "nedad", "outward": "udad"},
        "overview_who": "Hvem",
        "overview_what": "Hvad det handler om",
        "overview_tasks": "Eksempler på opgaver",
        "too_many": "Kompasset kan vise fire retninger, men kursusfilen har {n}.",
        "note_not_mapping": "afsnittet skal være et objekt med felterne \"attention\" og \"stakeholders\".",
        "note_unknown": "retningen '{id}' findes ikke i kursusfilen; dens svar ({what}) er ikke vist.",
        "note_range": "opmærksomheden {where} var {value}; den skal være et helt tal fra 0 til {max}. "
                      "Den er sat til {used}.",
        "note_names": "nøglepersonerne {where} kunne ikke læses ({got}); feltet er tomt.",
        "note_cut": "{where} var der {n} nøglepersoner; kun de første {max} er vist.",
    },
    en={
        "col_direction": "Direction",
        "col_attention": "Attention now (0–5)",
        "col_names": "Key stakeholders (separate with commas)",
        "placeholder": "Names or roles, e.g. {example}",
        "examples": {"upward": "the chief executive, the committee chair", "across": "the head of Planning",
                     "downward": "the team leader, the project group", "outward": "Westside Housing Association"},
        "example": "names or roles",
        "scale": "0 = no attention · 5 = a lot of attention. A direction at {thin} or below has thin attention.",
        "title": "Where does your attention go right now?",
        "you": "You, the\nmanager",
        "value": "{name} · {value}/{max}",
        "value_thin": "{name} · {value}/{max} · thin",
        "none_named": "(no one named)",
        "more": "+{n} more",
        "legend": "Dashed circle: the limit for thin\nattention ({thin} of {max}).\n"
                  "Hatched bar: thin attention.",
        "alt": "Compass of the four leadership directions and your attention in each, from 0 to {max}: {rows}.",
        "alt_row": "{name} {value}{thin}, {names}",
        "alt_thin": " (thin)",
        "alt_names": "key stakeholders: {names}",
        "slider_name": "{name}: attention now (0–5)",
        "text_name": "{name}: key stakeholders",
        "thin_some": "Attention is thin {where}.",
        "thin_none": "No direction has thin attention right now. The least goes {where}.",
        "thin_all": "Attention is thin in all four directions. Where will you start?",
        "thin_equal": "Every direction gets the same attention ({value}/{max}). Does that match your working week?",
        "start_here": "A place to start {where}",
        "and": "and",
        "unnamed": "You have not named any key stakeholders {where} yet. Who are they?",
        "names_head": "Your key stakeholders",
        "no_names": "none yet",
        "cut": "Only the first {n} names are kept in each direction.",
        "where": {"upward": "upward", "across": "across", "downward": "downward", "outward": "outward"},
        "overview_who": "Whom",
        "overview_what": "What it is about",
        "overview_tasks": "Example tasks",
        "too_many": "The compass can show four directions, but the course file has {n}.",
        "note_not_mapping": "the section must be an object with the fields \"attention\" and \"stakeholders\".",
        "note_unknown": "the direction '{id}' is not in the course file; its answers ({what}) are not shown.",
        "note_range": "the attention {where} was {value}; it must be a whole number from 0 to {max}. "
                      "It is set to {used}.",
        "note_names": "the key stakeholders {where} could not be read ({got}); the field is empty.",
        "note_cut": "{where} there were {n} key stakeholders; only the first {max} are shown.",
    },
)


# ---------------------------------------------------------------------------------------------
# Text people type: names of stakeholders
_SEPARATORS = re.compile(r"[,;\n\r]+")


def clean_name(text: object) -> str:
    """One name as typed, made tidy: no control or invisible format characters, single spaces, not too long."""
    value = "".join(ch for ch in str(text) if unicodedata.category(ch)[0] != "C" or ch in "\t\n")
    value = " ".join(value.split())
    if len(value) > MAX_NAME_CHARS:
        value = value[: MAX_NAME_CHARS - 1].rstrip() + "…"
    return value


def split_names(text: object) -> list[str]:
    """Names typed in one field, separated by commas, semicolons or line breaks; empty and repeated ones dropped."""
    items = text if isinstance(text, list | tuple) else _SEPARATORS.split(str(text or ""))
    names, seen = [], set()
    for item in items:
        name = clean_name(item)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


@lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    from matplotlib import font_manager, ft2font

    path = font_manager.findfont(font_manager.FontProperties())
    return frozenset(ft2font.FT2Font(path).get_charmap())


def drawable(text: str, max_chars: int = FIGURE_NAME_CHARS) -> str:
    """Text for the figure: shortened, and characters the figure's font lacks (emoji, say) shown as '?'."""
    chars = _font_chars()
    value = "".join(ch if ord(ch) in chars or ch == " " else "?" for ch in text)
    if len(value) > max_chars:
        value = value[: max_chars - 1].rstrip() + "…"
    return value


# ---------------------------------------------------------------------------------------------
# The model
@dataclass
class DirectionsModel:
    """How much attention each direction gets now (0-5), and the key stakeholders named in each.

    Names are kept as typed (tidied, see clean_name) and escaped wherever they are shown; from_dict's notes
    are HTML-safe.
    """

    SECTION: ClassVar[str] = "directions"

    attention: dict[str, int]
    stakeholders: dict[str, list[str]] = field(default_factory=dict)
    # "attention.<direction>", "stakeholders.<direction>" (model.py's protocol)
    answered: set[str] = field(default_factory=set, compare=False, repr=False)

    def __post_init__(self) -> None:
        for ident in self.attention:
            self.stakeholders.setdefault(ident, [])

    @classmethod
    def for_course(cls, course: Course) -> DirectionsModel:
        return cls(attention={d.id: DEFAULT_ATTENTION for d in course.directions},
                   stakeholders={d.id: [] for d in course.directions})

    def _check(self, direction: str) -> None:
        if direction not in self.attention:
            raise KeyError(f"no direction {direction!r}; the course has {', '.join(self.attention)}")

    def set_attention(self, direction: str, value: int) -> None:
        self._check(direction)
        if isinstance(value, bool) or int(value) != value or not 0 <= value <= ATTENTION_MAX:
            raise ValueError(f"attention must be a whole number from 0 to {ATTENTION_MAX}, got {value!r}")
        self.attention[direction] = int(value)
        mark(self, "attention", direction)

    def set_stakeholders(self, direction: str, text: object) -> int:
        """Keep the names typed (one string with commas, or a list). Returns how many were left out."""
        self._check(direction)
        names = split_names(text)
        self.stakeholders[direction] = names[:MAX_NAMES]
        mark(self, "stakeholders", direction)
        return max(0, len(names) - MAX_NAMES)

    def answered_attention(self, direction: str) -> int | None:
        """The attention the participant gave a direction, or None when they did not set it (0 is an answer)."""
        return self.attention.get(direction) if key("attention", direction) in self.answered else None

    def thin(self, *, answered_only: bool = False) -> list[str]:
        """Directions with thin attention, thinnest first (course order among equals); with answered_only, of
        those the participant set."""
        order = [d for d in self.attention if not answered_only or self.answered_attention(d) is not None]
        found = [d for d in order if self.attention[d] <= THIN_AT]
        return sorted(found, key=lambda d: (self.attention[d], order.index(d)))

    def least(self) -> list[str]:
        """The direction(s) with the least attention."""
        low = min(self.attention.values())
        return [d for d, v in self.attention.items() if v == low]

    def to_dict(self) -> dict[str, Any]:
        return {"attention": dict(self.attention),
                "stakeholders": {d: list(self.stakeholders.get(d, [])) for d in self.attention},
                ANSWERED_FIELD: dump_answered(self.answered)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], course: Course) -> tuple[DirectionsModel, list[str]]:
        t = TEXT[course.language]
        if not isinstance(data, dict):
            raise AnswerError(t["note_not_mapping"])
        model, notes = cls.for_course(course), []
        saved = saved_answered(data, course.language, notes)
        present: set[str] = set()
        where = t["where"]

        def place(ident: str) -> str:
            return where.get(ident) or html.escape(course.by_id("directions", ident).name)

        attention = data.get("attention", {})
        names = data.get("stakeholders", {})
        if not isinstance(attention, dict) or not isinstance(names, dict):
            raise AnswerError(t["note_not_mapping"])
        for ident in sorted((set(attention) | set(names)) - set(model.attention)):
            what = ", ".join(str(v) for v in [attention.get(ident), *(names.get(ident) or [])] if v is not None)
            notes.append(t["note_unknown"].format(id=user_text(str(ident), 40), what=user_text(str(what), 80)))
        for ident, value in attention.items():
            if ident not in model.attention:
                continue
            ok = isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer()
            if ok:  # in range, or brought within it with a note: the participant's answer
                present.add(key("attention", ident))
            if ok and 0 <= value <= ATTENTION_MAX:
                model.attention[ident] = int(value)
            else:
                used = min(ATTENTION_MAX, max(0, int(value))) if ok else DEFAULT_ATTENTION
                model.attention[ident] = used
                notes.append(t["note_range"].format(where=place(ident), value=user_text(repr(value), 40),
                                                    max=ATTENTION_MAX, used=used))
        for ident, value in names.items():
            if ident not in model.attention:
                continue
            if isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                left_out = model.set_stakeholders(ident, value)
                if model.stakeholders[ident] or saved is not None:
                    present.add(key("stakeholders", ident))
                if left_out:
                    notes.append(t["note_cut"].format(where=place(ident).capitalize(), n=MAX_NAMES + left_out,
                                                      max=MAX_NAMES))
            else:
                notes.append(t["note_names"].format(where=place(ident), got=type(value).__name__))
        model.answered = restored_answered(saved, present)
        return model, notes


# ---------------------------------------------------------------------------------------------
# The overview table (the directions as the course file has them)
def directions_overview(course: Course) -> HTMLText:
    """The four directions: whom each concerns, what it is about, and example tasks with where each comes from."""
    t = TEXT[course.language]
    labels = BASIS_LABELS[course.language]
    rows = []
    for d in course.directions:
        tasks = "".join(
            f"<li>{html.escape(task.text)} <span class='samskabelse-basis samskabelse-basis-{task.basis}'>"
            f"({html.escape(labels[task.basis])})</span></li>"
            for task in d.tasks
        )
        rows.append(
            f"<tr><td><b>{html.escape(d.name)}</b></td><td>{html.escape(d.who)}</td>"
            f"<td>{html.escape(d.description)}</td><td><ul style='margin:0'>{tasks}</ul></td></tr>"
        )
    return HTMLText(
        "<table class='samskabelse-directions-overview'>"
        f"<thead><tr><th>{t['col_direction']}</th><th>{t['overview_who']}</th><th>{t['overview_what']}</th>"
        f"<th>{t['overview_tasks']}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


# ---------------------------------------------------------------------------------------------
# The compass figure
R0 = 1.25  # where the bars start, just outside the centre circle
LENGTH = 4.0  # the length of a bar at full attention
WIDTH = 0.62
# where each direction points: (dx, dy); across is sideways inside the organisation, outward faces the partners
POSITIONS = {"upward": (0, 1), "outward": (1, 0), "downward": (0, -1), "across": (-1, 0)}


def _compass_positions(directions: tuple[Direction, ...], lang: str) -> dict[str, tuple[int, int]]:
    if len(directions) > 4:
        raise ValueError(TEXT[lang]["too_many"].format(n=len(directions)))
    taken = {POSITIONS[d.id] for d in directions if d.id in POSITIONS}
    free = [p for p in POSITIONS.values() if p not in taken]
    return {d.id: POSITIONS[d.id] if d.id in POSITIONS else free.pop(0) for d in directions}


class CompassFigure:
    """The compass: one bar per direction on a track, labels at the tips, key stakeholders beside each bar."""

    def __init__(self, course: Course, model: DirectionsModel):
        t = TEXT[course.language]
        self.t = t
        self.course = course
        self.positions = _compass_positions(course.directions, course.language)
        self.fig = fig = new_figure(MAX_WIDTH, 7.45)
        ax = self.ax = fig.add_subplot()
        ax.set_xlim(-10.5, 10.5)
        ax.set_ylim(-7.6, 7.6)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title(t["title"], loc="center")
        ax.add_patch(Circle((0, 0), 1.05, facecolor="#EEEEEE", edgecolor=PALETTE["grey"], linewidth=1.5))
        ax.text(0, 0, t["you"], ha="center", va="center", fontsize=12, fontweight="bold")
        ring = Circle((0, 0), R0 + LENGTH * (THIN_AT + 0.5) / ATTENTION_MAX, fill=False,
                      edgecolor=PALETTE["grey"], linestyle=(0, (4, 3)), linewidth=1.5, zorder=3)
        ax.add_patch(ring)
        ax.text(10.4, -7.5, t["legend"].format(thin=THIN_AT, max=ATTENTION_MAX), ha="right", va="bottom",
                fontsize=11, color="#333333", linespacing=1.3)
        self.bars: dict[str, Rectangle] = {}
        self.titles, self.names = {}, {}
        tip = R0 + LENGTH
        for d in course.directions:
            dx, dy = self.positions[d.id]
            ax.add_patch(Rectangle(*self._bounds(dx, dy, LENGTH), facecolor="#F2F2F2",
                                   edgecolor=PALETTE["grey"], linewidth=1))
            self.bars[d.id] = bar = Rectangle((0, 0), 0, 0, linewidth=1.5, zorder=2)
            ax.add_patch(bar)
            who = "\n".join(textwrap.wrap(d.who, 24, max_lines=2, placeholder=" …"))  # in full in the table
            if dy:  # upward or downward: labels beyond the tip, names beside the bar (clockwise of it)
                va = "bottom" if dy > 0 else "top"
                self.titles[d.id] = ax.text(0, dy * (tip + 0.3), "", ha="center", va=va, fontsize=15,
                                            fontweight="bold")
                ax.text(0, dy * (tip + 0.95), who, ha="center", va=va, fontsize=11, color="#333333")
                self.names[d.id] = ax.text(dy * (WIDTH / 2 + 0.35), dy * tip, "", ha="left" if dy > 0 else "right",
                                           va="top" if dy > 0 else "bottom", fontsize=12, linespacing=1.25)
            else:  # across or outward: name and value above the line, whom below, key stakeholders further out
                ha = "left" if dx > 0 else "right"
                self.titles[d.id] = ax.text(dx * (tip + 0.3), 0.25, "", ha=ha, va="bottom", fontsize=15,
                                            fontweight="bold")
                ax.text(dx * (tip + 0.3), -0.15, who, ha=ha, va="top", fontsize=11, color="#333333")
                if dx > 0:
                    self.names[d.id] = ax.text(tip + 0.3, -1.35, "", ha="left", va="top", fontsize=12,
                                               linespacing=1.25)
                else:
                    self.names[d.id] = ax.text(-(tip + 0.3), 0.95, "", ha="right", va="bottom", fontsize=12,
                                               linespacing=1.25)
        for text in [*self.titles.values(), *self.names.values()]:
            text.set_parse_math(False)  # a name with "$" in it is a name, not a formula
        dynamic = [*self.bars.values(), ring, *self.titles.values(), *self.names.values()]
        # the values first, then the first render: the figure shows them from the start
        self.update(model)
        self.live = BlitLiveFigure(fig, dynamic, alt=t["alt"], lang=course.language)
        self.describe(model)

    @staticmethod
    def _bounds(dx: int, dy: int, length: float) -> tuple[tuple[float, float], float, float]:
        if dy:
            y = R0 if dy > 0 else -R0 - length
            return (-WIDTH / 2, y), WIDTH, length
        x = R0 if dx > 0 else -R0 - length
        return (x, -WIDTH / 2), length, WIDTH

    def name_lines(self, names: list[str]) -> str:
        if not names:
            return self.t["none_named"]
        shown = [f"• {drawable(n)}" for n in names[:FIGURE_NAMES]]
        if len(names) > FIGURE_NAMES:
            shown.append(self.t["more"].format(n=len(names) - FIGURE_NAMES))
        return "\n".join(shown)

    def update(self, model: DirectionsModel) -> None:
        thin = set(model.thin())
        for d in self.course.directions:
            value = model.attention[d.id]
            (x, y), w, h = self._bounds(*self.positions[d.id], LENGTH * value / ATTENTION_MAX)
            bar = self.bars[d.id]
            bar.set_bounds(x, y, w, h)
            bar.set_visible(value > 0)  # an empty bar would still draw its edge
            is_thin = d.id in thin
            bar.set_facecolor(PALETTE["vermillion"] if is_thin else PALETTE["blue"])
            bar.set_edgecolor("black" if is_thin else PALETTE["blue"])
            bar.set_hatch("///" if is_thin else "")
            key = "value_thin" if is_thin else "value"
            self.titles[d.id].set_text(self.t[key].format(name=drawable(d.name, 30), value=value,
                                                          max=ATTENTION_MAX))
            self.titles[d.id].set_color(PALETTE["vermillion"] if is_thin else "black")
            names = model.stakeholders.get(d.id, [])
            self.names[d.id].set_text(self.name_lines(names))
            self.names[d.id].set_fontstyle("normal" if names else "italic")
            self.names[d.id].set_color("black" if names else PALETTE["grey"])
        if hasattr(self, "live"):
            self.describe(model)

    def describe(self, model: DirectionsModel) -> None:
        """The compass in words and as a table: each direction's attention and its key stakeholders."""
        t, thin = self.t, set(model.thin())
        rows, words = [], []
        for d in self.course.directions:
            value, names = model.attention[d.id], model.stakeholders.get(d.id, [])
            shown = ", ".join(names) if names else t["none_named"]
            rows.append([d.name, f"{value}/{ATTENTION_MAX}" + (t["alt_thin"] if d.id in thin else ""), shown])
            words.append(t["alt_row"].format(name=d.name, value=value, thin=t["alt_thin"] if d.id in thin else "",
                                             names=t["alt_names"].format(names=shown)))
        self.live.describe(t["alt"].format(max=ATTENTION_MAX, rows="; ".join(words)),
                           [t["col_direction"], t["col_attention"], t["col_names"].split(" (")[0]], rows)

    def refresh(self, model: DirectionsModel) -> None:
        self.update(model)
        self.live.refresh()


# ---------------------------------------------------------------------------------------------
# The widget
class DirectionsWidget:
    """Per direction a slider (attention now) and a text field (key stakeholders); a compass and a summary."""

    def __init__(self, course: Course, model: DirectionsModel | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = t = TEXT[course.language]
        self.model = model or DirectionsModel.for_course(course)
        self.left_out: dict[str, int] = {d.id: 0 for d in course.directions}
        self.errors = ErrorBoundary(course.language)
        self.compass = CompassFigure(course, self.model)
        self.live = self.compass.live
        self.sliders: dict[str, Any] = {}
        self.names: dict[str, Any] = {}
        header = widgets.HBox([
            widgets.HTML(f"<b>{t['col_direction']}</b>", layout=widgets.Layout(width="260px")),
            widgets.HTML(f"<b>{t['col_attention']}</b>", layout=widgets.Layout(width="260px")),
            widgets.HTML(f"<b>{t['col_names']}</b>"),
        ])
        rows = [header]
        for d in course.directions:
            label = widgets.HTML(f"<b>{html.escape(d.name)}</b><br><small>{html.escape(d.who)}</small>",
                                 layout=widgets.Layout(width="260px"))
            slider = named(widgets.IntSlider(value=self.model.attention[d.id], min=0, max=ATTENTION_MAX,
                                             continuous_update=True, layout=widgets.Layout(width="260px")),
                           t["slider_name"].format(name=d.name), shown=False)
            example = t["examples"].get(d.id, t["example"])
            text = widgets.Text(value=", ".join(self.model.stakeholders.get(d.id, [])),
                                placeholder=t["placeholder"].format(example=example), continuous_update=False,
                                layout=widgets.Layout(flex="1 1 auto", min_width="240px"))
            named(text, t["text_name"].format(name=d.name), shown=False)
            slider.observe(self.errors.guard(lambda change, ident=d.id: self._attention_changed(ident, change["new"])),
                           names="value")
            text.observe(self.errors.guard(lambda change, ident=d.id: self._names_changed(ident, change["new"])),
                         names="value")
            self.sliders[d.id], self.names[d.id] = slider, text
            rows.append(widgets.HBox([label, slider, text], layout=widgets.Layout(align_items="center")))
        scale = widgets.HTML(f"<small>{t['scale'].format(thin=THIN_AT)}</small>")
        self.result = widgets.HTML(self.summary())
        self.result.add_class("samskabelse-result")
        self.box = widgets.VBox([*rows, scale, self.errors.alert, self.live.widget, self.result])
        mark_widget(self.box, course.language, "samskabelse-directions")

    # -- reacting to the user ------------------------------------------------------------------
    def _attention_changed(self, direction: str, value: int) -> None:
        self.model.set_attention(direction, value)
        self._show()

    def _names_changed(self, direction: str, text: str) -> None:
        self.left_out[direction] = self.model.set_stakeholders(direction, text)
        self._show()

    def _show(self) -> None:
        self.compass.refresh(self.model)
        self.result.value = self.summary()

    # -- the summary ---------------------------------------------------------------------------
    def _where(self, ident: str) -> str:
        return self.t["where"].get(ident) or html.escape(self.course.by_id("directions", ident).name)

    def summary(self) -> str:
        """The result as HTML: where attention is thin, a task to start with there, and the people named."""
        t, m, lang = self.t, self.model, self.course.language
        labels = BASIS_LABELS[lang]
        thin = m.thin()
        parts = []
        if len(thin) == len(m.attention):
            parts.append(f"<p><b>{t['thin_all']}</b></p>")
        elif len(m.least()) == len(m.attention):
            value = next(iter(m.attention.values()))
            parts.append(f"<p>{t['thin_equal'].format(value=value, max=ATTENTION_MAX)}</p>")
        elif thin:
            where = join_names([f"{self._where(d)} ({m.attention[d]}/{ATTENTION_MAX})" for d in thin], lang)
            parts.append(f"<p><b>{t['thin_some'].format(where=where)}</b></p>")
        else:
            where = join_names([f"{self._where(d)} ({m.attention[d]}/{ATTENTION_MAX})" for d in m.least()], lang)
            parts.append(f"<p>{t['thin_none'].format(where=where)}</p>")
        if thin:
            items = []
            for ident in thin:
                task = self.course.by_id("directions", ident).tasks[0]
                items.append(f"<li>{t['start_here'].format(where=self._where(ident))}: {html.escape(task.text)} "
                             f"<small>({html.escape(labels[task.basis])})</small></li>")
            parts.append(f"<ul>{''.join(items)}</ul>")
        unnamed = [d.id for d in self.course.directions if not m.stakeholders.get(d.id)]
        if unnamed and len(unnamed) < len(m.attention):
            where = join_names([self._where(d) for d in unnamed], lang)
            parts.append(f"<p>{t['unnamed'].format(where=where)}</p>")
        rows = "".join(
            f"<tr><td><b>{html.escape(d.name)}</b></td><td>"
            + (", ".join(user_text(n, MAX_NAME_CHARS) for n in m.stakeholders.get(d.id, []))
               or f"<i>{t['no_names']}</i>")
            + "</td></tr>"
            for d in self.course.directions
        )
        parts.append(f"<p><b>{t['names_head']}</b></p><table>{rows}</table>")
        if any(self.left_out.values()):
            parts.append(f"<p><small>{t['cut'].format(n=MAX_NAMES)}</small></p>")
        return "".join(parts)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def rate_directions(course: Course, model: DirectionsModel | None = None) -> DirectionsWidget:
    """Rate the attention each leadership direction gets now and name the key stakeholders in each."""
    return DirectionsWidget(course, model)


from samskabelse.sections.directions.views import DEFINITION as DEFINITION  # noqa: E402  (it uses the names above)
