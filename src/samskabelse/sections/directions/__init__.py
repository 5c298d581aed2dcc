"""The four leadership directions (notebook 04): how much attention each needs, how much it gets now, and to whom.

    directions_overview(course)          # the directions, whom they concern, and example tasks, as a table
    compass = rate_directions(course)    # two ratings and a name field per direction, a compass, a summary
    compass.model                        # DirectionsModel: need and attention now (0-5), key people per direction
    compass.model.gap("upward")          # need minus attention now (None until both are rated)

Both ratings start "– ikke vurderet –" (sections/protocol.py): nothing is said about a direction before the
manager rates it. The course's working model is the gap: a direction that needs more attention than it gets
now gets too little ("for lidt opmærksomhed"), and the direction where the gap is largest is where the
manager's attention is most short. The compass puts each direction where its name points: upward at the top,
downward at the bottom, across to the left (sideways, inside the organisation) and outward to the right (out to
the partners). A bar shows the attention now, a black line what the direction needs, and the gap between them is
hatched and labelled as well as coloured.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from matplotlib.lines import Line2D
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
    show_on_screen,
    unmark,
)
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.answering import NOT_RATED, rated, rating_options
from samskabelse.widgets.display import BASIS_LABELS, HTMLText, user_text
from samskabelse.widgets.figures import MAX_WIDTH, PALETTE, BlitLiveFigure, new_figure
from samskabelse.widgets.guard import ErrorBoundary

ATTENTION_MAX = 5
DEFAULT_ATTENTION = 3  # where notebook 04's sliders stood before anyone moved them, in files of schema 1
MEASURES = ("need", "attention")  # how much attention a direction needs; how much it gets now (answer keys)
MAX_NAMES = 8  # key people kept per direction
MAX_NAME_CHARS = 60  # longer names are shortened in the model
FIGURE_NAMES = 4  # names drawn per direction in the compass; the rest as "+N more"
FIGURE_NAME_CHARS = 22

TEXT = Texts(
    da={
        "col_direction": "Retning",
        "col_need": "Kræver (0–5)",
        "col_attention": "Får nu (0–5)",
        "col_gap": "Forskel",
        "col_names": "Nøglepersoner (adskil med komma)",
        "col_names_short": "Nøglepersoner",
        "placeholder": "Navne eller roller, fx {example}",
        "examples": {"upward": "direktøren, udvalgsformanden", "across": "chefen for Teknik og Miljø",
                     "downward": "teamlederen, projektgruppen", "outward": "Boligforeningen Vest"},
        "example": "navne eller roller",
        "scale": "0 = ingen opmærksomhed · 5 = meget. Kræver: hvor meget af din opmærksomhed retningen kræver i "
                 "projektet nu. Får nu: hvor meget den faktisk får. Forskellen viser, hvor der er for lidt "
                 "opmærksomhed.",
        "title": "Hvad kræver hver retning – og hvad får den nu?",
        "you": "Dig\nsom chef",
        "value": "kræver {need} · får {now}",
        "none_rated": "ikke vurderet",
        "dash": "–",
        "gap_low": "for lidt: {gap}",
        "gap_low_largest": "for lidt: {gap} (størst)",
        "gap_high": "over behovet: {gap}",
        "none_named": "(ingen navngivet)",
        "more": "+{n} mere",
        "legend": "Blå søjle: opmærksomhed nu\nSort streg: hvad retningen kræver\n"
                  "Skraveret felt: for lidt opmærksomhed",
        "alt": "Kompas med de fire ledelsesretninger: for hver, hvor meget opmærksomhed den kræver, og hvor meget "
               "den får nu, fra 0 til {max}. {rows}.",
        "alt_row": "{name}: {values}, {names}",
        "alt_values": "kræver {need}, får {now}",
        "alt_not_rated": "ikke vurderet",
        "alt_gap_low": ", {gap} for lidt opmærksomhed",
        "alt_largest": " (største forskel)",
        "alt_gap_high": ", {gap} mere end behovet",
        "alt_names": "nøglepersoner: {names}",
        "need_name": "{name}: hvor meget opmærksomhed kræver retningen (0–5)",
        "attention_name": "{name}: hvor meget opmærksomhed får retningen nu (0–5)",
        "text_name": "{name}: nøglepersoner",
        "waiting": "Vurdér for hver retning, hvor meget opmærksomhed den kræver, og hvor meget den får fra dig nu. "
                   "Så viser kompasset, hvor forskellen er størst.",
        "incomplete": "Giv også {where} begge vurderinger, så forskellen kan vises.",
        "largest_one": "Den største forskel er {where}: retningen kræver {need} af {max}, men får {now} – {gap} "
                       "for lidt opmærksomhed.",
        "largest_tied": "Den største forskel – {gap} for lidt opmærksomhed – er {where}.",
        "also_low": "For lidt opmærksomhed også {where}.",
        "gap_in": "{where} ({gap} for lidt)",
        "none_low": "Ingen af de retninger, du har vurderet, får mindre opmærksomhed, end de kræver.",
        "high": "Får mere, end den kræver: {where}. Her kan der være opmærksomhed at flytte.",
        "high_in": "{where} ({gap} mere)",
        "tasks": "Eksempler på opgaver {where} (fra tabellen ovenfor) – hvad vil du gøre?",
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
        "note_not_mapping": "afsnittet skal være et objekt med felterne \"need\", \"attention\" og "
                            "\"stakeholders\".",
        "note_unknown": "retningen '{id}' findes ikke i kursusfilen; dens svar ({what}) er ikke vist.",
        "note_range": "vurderingen {measure} {where} var {value}; den skal være et helt tal fra 0 til {max}. Den "
                      "er sat til {used}.",
        "note_unreadable": "vurderingen {measure} {where} var {value}; den skal være et helt tal fra 0 til {max}. "
                           "Den står som ikke vurderet.",
        "measure": {"need": "»kræver«", "attention": "»får nu«"},
        "note_names": "nøglepersonerne {where} kunne ikke læses ({got}); feltet er tomt.",
        "note_cut": "{where} var der {n} nøglepersoner; kun de første {max} er vist.",
        "note_migrated": "Notebook 04 spurgte, da du gemte, kun om den opmærksomhed, hver retning får nu. Vurdér "
                         "også, hvor meget hver retning kræver, så forskellen kan vises.",
        "note_default": "En opmærksomhed, der stod på {value} – skyderens udgangspunkt – tælles som ikke vurderet "
                        "({where}).",
    },
    en={
        "col_direction": "Direction",
        "col_need": "Needs (0–5)",
        "col_attention": "Gets now (0–5)",
        "col_gap": "Gap",
        "col_names": "Key people (separate with commas)",
        "col_names_short": "Key people",
        "placeholder": "Names or roles, e.g. {example}",
        "examples": {"upward": "the chief executive, the committee chair", "across": "the head of Planning",
                     "downward": "the team leader, the project group", "outward": "Westside Housing Association"},
        "example": "names or roles",
        "scale": "0 = no attention · 5 = a lot. Needs: how much of your attention the direction needs in the project "
                 "now. Gets now: how much it actually gets. The gap shows where there is too little attention.",
        "title": "What does each direction need – and what does it get now?",
        "you": "You, the\nmanager",
        "value": "needs {need} · gets {now}",
        "none_rated": "not rated",
        "dash": "–",
        "gap_low": "too little: {gap}",
        "gap_low_largest": "too little: {gap} (largest)",
        "gap_high": "above need: {gap}",
        "none_named": "(no one named)",
        "more": "+{n} more",
        "legend": "Blue bar: attention now\nBlack line: what the direction needs\n"
                  "Hatched area: too little attention",
        "alt": "Compass of the four leadership directions: for each, how much attention it needs and how much it "
               "gets now, from 0 to {max}. {rows}.",
        "alt_row": "{name}: {values}, {names}",
        "alt_values": "needs {need}, gets {now}",
        "alt_not_rated": "not rated",
        "alt_gap_low": ", {gap} too little attention",
        "alt_largest": " (largest gap)",
        "alt_gap_high": ", {gap} more than it needs",
        "alt_names": "key people: {names}",
        "need_name": "{name}: how much attention does the direction need (0–5)",
        "attention_name": "{name}: how much attention does the direction get now (0–5)",
        "text_name": "{name}: key people",
        "waiting": "Rate for each direction how much attention it needs and how much it gets from you now. The "
                   "compass then shows where the gap is largest.",
        "incomplete": "Give {where} both ratings too, so that the gap can be shown.",
        "largest_one": "The largest gap is {where}: the direction needs {need} of {max} but gets {now} – {gap} too "
                       "little attention.",
        "largest_tied": "The largest gap – {gap} too little attention – is {where}.",
        "also_low": "Too little attention {where} as well.",
        "gap_in": "{where} ({gap} too little)",
        "none_low": "None of the directions you have rated gets less attention than it needs.",
        "high": "Gets more than it needs: {where}. There may be attention to move from there.",
        "high_in": "{where} ({gap} more)",
        "tasks": "Example tasks {where} (from the table above) – what will you do?",
        "and": "and",
        "unnamed": "You have not named any key people {where} yet. Who are they?",
        "names_head": "Your key people",
        "no_names": "none yet",
        "cut": "Only the first {n} names are kept in each direction.",
        "where": {"upward": "upward", "across": "across", "downward": "downward", "outward": "outward"},
        "overview_who": "Whom",
        "overview_what": "What it is about",
        "overview_tasks": "Example tasks",
        "too_many": "The compass can show four directions, but the course file has {n}.",
        "note_not_mapping": "the section must be an object with the fields \"need\", \"attention\" and "
                            "\"stakeholders\".",
        "note_unknown": "the direction '{id}' is not in the course file; its answers ({what}) are not shown.",
        "note_range": "the rating {measure} {where} was {value}; it must be a whole number from 0 to {max}. It is "
                      "set to {used}.",
        "note_unreadable": "the rating {measure} {where} was {value}; it must be a whole number from 0 to {max}. It "
                           "is left not rated.",
        "measure": {"need": "“needs”", "attention": "“gets now”"},
        "note_names": "the key people {where} could not be read ({got}); the field is empty.",
        "note_cut": "{where} there were {n} key people; only the first {max} are shown.",
        "note_migrated": "When you saved, notebook 04 asked only how much attention each direction gets now. Rate "
                         "how much each direction needs too, so that the gap can be shown.",
        "note_default": "An attention left at {value} – where the slider started – counts as not rated ({where}).",
    },
)


# ---------------------------------------------------------------------------------------------
# Text people type: names of key people
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


def where_words(course: Course, ident: str) -> str:
    """"opad", "på tværs", ...: a direction as the sentences name it (plain text; its name if the course adds one)."""
    return TEXT[course.language]["where"].get(ident) or course.by_id("directions", ident).name


# ---------------------------------------------------------------------------------------------
# The model
@dataclass
class DirectionsModel:
    """How much attention each direction needs and how much it gets now (0-5), and the key people in each.

    A rating counts only when the participant gave it (answer keys "need.<direction>" and
    "attention.<direction>"); the values the model holds for the others are never shown. Names are kept as typed
    (tidied, see clean_name) and escaped wherever they are shown; from_dict's notes are HTML-safe.
    """

    SECTION: ClassVar[str] = "directions"

    attention: dict[str, int]  # gets now
    need: dict[str, int] = field(default_factory=dict)
    stakeholders: dict[str, list[str]] = field(default_factory=dict)
    # "need.<direction>", "attention.<direction>", "stakeholders.<direction>" (protocol.py)
    answered: set[str] = field(default_factory=set, compare=False, repr=False)

    def __post_init__(self) -> None:
        for ident in self.attention:
            self.stakeholders.setdefault(ident, [])
            self.need.setdefault(ident, DEFAULT_ATTENTION)

    @classmethod
    def for_course(cls, course: Course) -> DirectionsModel:
        return cls(attention={d.id: DEFAULT_ATTENTION for d in course.directions},
                   need={d.id: DEFAULT_ATTENTION for d in course.directions},
                   stakeholders={d.id: [] for d in course.directions})

    def _check(self, direction: str) -> None:
        if direction not in self.attention:
            raise KeyError(f"no direction {direction!r}; the course has {', '.join(self.attention)}")

    def _rate(self, measure: str, direction: str, value: int | None) -> None:
        self._check(direction)
        value = rated(value)
        if value is None:
            unmark(self, measure, direction)
            return
        if isinstance(value, bool) or int(value) != value or not 0 <= value <= ATTENTION_MAX:
            raise ValueError(f"{measure} must be a whole number from 0 to {ATTENTION_MAX}, got {value!r}")
        getattr(self, measure)[direction] = int(value)
        mark(self, measure, direction)

    def set_attention(self, direction: str, value: int | None) -> None:
        """How much attention the direction gets now; None (or "– ikke vurderet –") takes the rating back."""
        self._rate("attention", direction, value)

    def set_need(self, direction: str, value: int | None) -> None:
        """How much attention the direction needs; None (or "– ikke vurderet –") takes the rating back."""
        self._rate("need", direction, value)

    def set_stakeholders(self, direction: str, text: object) -> int:
        """Keep the names typed (one string with commas, or a list); answered when there is a name. Returns how
        many were left out."""
        self._check(direction)
        names = split_names(text)
        self.stakeholders[direction] = names[:MAX_NAMES]
        (mark if names else unmark)(self, "stakeholders", direction)
        return max(0, len(names) - MAX_NAMES)

    def answered_attention(self, direction: str) -> int | None:
        """The attention now the participant gave a direction, or None when they did not rate it (0 is an answer)."""
        return self.attention.get(direction) if key("attention", direction) in self.answered else None

    def answered_need(self, direction: str) -> int | None:
        """What the participant said a direction needs, or None when they did not rate it."""
        return self.need.get(direction) if key("need", direction) in self.answered else None

    def gap(self, direction: str) -> int | None:
        """Need minus attention now: above 0, too little attention. None until both are rated."""
        need, now = self.answered_need(direction), self.answered_attention(direction)
        return None if need is None or now is None else need - now

    def too_little(self) -> list[str]:
        """The directions that get less attention than they need, largest gap first (course order among equals)."""
        order = list(self.attention)
        found = [d for d in order if (g := self.gap(d)) is not None and g > 0]
        return sorted(found, key=lambda d: (-self.gap(d), order.index(d)))

    def too_much(self) -> list[str]:
        """The directions that get more attention than they need, most first."""
        order = list(self.attention)
        found = [d for d in order if (g := self.gap(d)) is not None and g < 0]
        return sorted(found, key=lambda d: (self.gap(d), order.index(d)))

    def largest_gap(self) -> list[str]:
        """The direction(s) with the largest gap where attention falls short; none when nothing falls short."""
        low = self.too_little()
        return [d for d in low if self.gap(d) == self.gap(low[0])] if low else []

    def rated_both(self) -> list[str]:
        return [d for d in self.attention if self.gap(d) is not None]

    def to_dict(self) -> dict[str, Any]:
        return {"need": {d: v for d, v in self.need.items() if key("need", d) in self.answered},
                "attention": {d: v for d, v in self.attention.items() if key("attention", d) in self.answered},
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

        def place(ident: str) -> str:
            return html.escape(where_words(course, ident))

        ratings = {m: data.get(m, {}) for m in MEASURES}
        names = data.get("stakeholders", {})
        if not all(isinstance(r, dict) for r in ratings.values()) or not isinstance(names, dict):
            raise AnswerError(t["note_not_mapping"])
        unknown = (set(ratings["need"]) | set(ratings["attention"]) | set(names)) - set(model.attention)
        for ident in sorted(unknown, key=str):
            what = ", ".join(str(v) for v in [ratings["need"].get(ident), ratings["attention"].get(ident),
                                              *(names.get(ident) or [])] if v is not None)
            notes.append(t["note_unknown"].format(id=user_text(str(ident), 40), what=user_text(str(what), 80)))
        for measure, values in ratings.items():
            for ident, value in values.items():
                if ident not in model.attention:
                    continue
                ok = isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer()
                if ok:  # in range, or brought within it with a note: the participant's answer
                    present.add(key(measure, ident))
                if ok and 0 <= value <= ATTENTION_MAX:
                    getattr(model, measure)[ident] = int(value)
                elif ok:
                    used = min(ATTENTION_MAX, max(0, int(value)))
                    getattr(model, measure)[ident] = used
                    notes.append(t["note_range"].format(measure=t["measure"][measure], where=place(ident),
                                                        value=user_text(repr(value), 40), max=ATTENTION_MAX,
                                                        used=used))
                else:
                    notes.append(t["note_unreadable"].format(measure=t["measure"][measure], where=place(ident),
                                                             value=user_text(repr(value), 40), max=ATTENTION_MAX))
        for ident, value in names.items():
            if ident not in model.attention:
                continue
            if isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                left_out = model.set_stakeholders(ident, value)
                if model.stakeholders[ident]:
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


def _set_bounds(patch: Rectangle, bounds: tuple[tuple[float, float], float, float]) -> None:
    (x, y), w, h = bounds
    patch.set_bounds(x, y, w, h)


def _shown(value: int | None, t: dict) -> str:
    return t["dash"] if value is None else str(value)


class CompassFigure:
    """The compass: per direction a track, a bar for the attention now, a line for what it needs, the gap between
    them hatched; the direction's name and ratings at the tip, its key people beside the bar."""

    def __init__(self, course: Course, model: DirectionsModel):
        t = TEXT[course.language]
        self.t = t
        self.course = course
        self.positions = _compass_positions(course.directions, course.language)
        self.fig = fig = new_figure(MAX_WIDTH, 7.6)
        ax = self.ax = fig.add_subplot()
        ax.set_xlim(-10.5, 10.5)
        ax.set_ylim(-7.75, 7.75)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title(t["title"], loc="center")
        ax.add_patch(Circle((0, 0), 1.05, facecolor="#EEEEEE", edgecolor=PALETTE["grey"], linewidth=1.5))
        ax.text(0, 0, t["you"], ha="center", va="center", fontsize=11, fontweight="bold")
        ax.text(10.4, -7.65, t["legend"], ha="right", va="bottom", fontsize=11, color="#333333", linespacing=1.3)
        self.bars: dict[str, Rectangle] = {}
        self.gaps: dict[str, Rectangle] = {}
        self.needs: dict[str, Line2D] = {}
        self.titles, self.values, self.gap_labels, self.names = {}, {}, {}, {}
        tip = R0 + LENGTH
        for d in course.directions:
            dx, dy = self.positions[d.id]
            ax.add_patch(Rectangle(*self._bounds(dx, dy, 0, LENGTH), facecolor="#F2F2F2",
                                   edgecolor=PALETTE["grey"], linewidth=1))
            self.bars[d.id] = bar = Rectangle((0, 0), 0, 0, facecolor=PALETTE["blue"], edgecolor=PALETTE["blue"],
                                              linewidth=1.5, zorder=2)
            ax.add_patch(bar)
            self.gaps[d.id] = gap = Rectangle((0, 0), 0, 0, facecolor="white", edgecolor=PALETTE["vermillion"],
                                              hatch="///", linewidth=1.5, zorder=2.5)
            ax.add_patch(gap)
            (self.needs[d.id],) = ax.plot([], [], color=PALETTE["black"], linewidth=4, solid_capstyle="butt",
                                          zorder=4)
            who = "\n".join(textwrap.wrap(d.who, 24, max_lines=2, placeholder=" …"))  # in full in the table
            if dy:  # upward or downward: name and ratings beyond the tip, whom further out, names beside the bar
                y = dy * (tip + 0.3)
                va = "bottom" if dy > 0 else "top"
                near, far = (0, 0), (0, dy * 19)  # points: the line nearest the bar, the one beyond it
                title_at, value_at = (far, near) if dy > 0 else (near, far)
                self.titles[d.id] = ax.annotate("", (0, y), xytext=title_at, textcoords="offset points",
                                                ha="center", va=va, fontsize=15, fontweight="bold")
                self.values[d.id] = ax.annotate("", (0, y), xytext=value_at, textcoords="offset points",
                                                ha="center", va=va, fontsize=12)
                ax.annotate(who, (0, y), xytext=(0, dy * 38), textcoords="offset points", ha="center", va=va,
                            fontsize=11, color="#333333")
                self.names[d.id] = ax.text(dy * (WIDTH / 2 + 0.35), dy * tip, "", ha="left" if dy > 0 else "right",
                                           va="top" if dy > 0 else "bottom", fontsize=12, linespacing=1.25)
                self.gap_labels[d.id] = ax.text(-dy * (WIDTH / 2 + 0.3), 0, "", ha="right" if dy > 0 else "left",
                                                va="center", fontsize=12, color=PALETTE["vermillion"])
            else:  # across or outward: name above the line, ratings and whom below it, names further out
                ha = "left" if dx > 0 else "right"
                x = dx * (tip + 0.3)
                self.titles[d.id] = ax.text(x, 0.25, "", ha=ha, va="bottom", fontsize=15, fontweight="bold")
                self.values[d.id] = ax.text(x, -0.15, "", ha=ha, va="top", fontsize=12)
                ax.annotate(who, (x, -0.15), xytext=(0, -18), textcoords="offset points", ha=ha, va="top",
                            fontsize=11, color="#333333")
                if dx > 0:
                    self.names[d.id] = ax.text(tip + 0.3, -2.0, "", ha="left", va="top", fontsize=12,
                                               linespacing=1.25)
                else:
                    self.names[d.id] = ax.text(-(tip + 0.3), 0.95, "", ha="right", va="bottom", fontsize=12,
                                               linespacing=1.25)
                self.gap_labels[d.id] = ax.text(0, -(WIDTH / 2 + 0.15), "", ha="center", va="top", fontsize=12,
                                                color=PALETTE["vermillion"])
        texts = [*self.titles.values(), *self.values.values(), *self.gap_labels.values(), *self.names.values()]
        for text in texts:
            text.set_parse_math(False)  # a name with "$" in it is a name, not a formula
        dynamic = [*self.bars.values(), *self.gaps.values(), *self.needs.values(), *texts]
        # the values first, then the first render: the figure shows them from the start
        self.update(model)
        self.live = BlitLiveFigure(fig, dynamic, alt=t["title"], lang=course.language)
        self.describe(model)

    @staticmethod
    def _bounds(dx: int, dy: int, start: float, end: float) -> tuple[tuple[float, float], float, float]:
        """The rectangle along a direction's track from `start` to `end` (lengths from R0)."""
        lo, hi = R0 + min(start, end), R0 + max(start, end)
        if dy:
            y = lo if dy > 0 else -hi
            return (-WIDTH / 2, y), WIDTH, hi - lo
        x = lo if dx > 0 else -hi
        return (x, -WIDTH / 2), hi - lo, WIDTH

    def name_lines(self, names: list[str]) -> str:
        if not names:
            return self.t["none_named"]
        shown = [f"• {drawable(n)}" for n in names[:FIGURE_NAMES]]
        if len(names) > FIGURE_NAMES:
            shown.append(self.t["more"].format(n=len(names) - FIGURE_NAMES))
        return "\n".join(shown)

    def update(self, model: DirectionsModel) -> None:
        t = self.t
        largest = set(model.largest_gap())
        for d in self.course.directions:
            dx, dy = self.positions[d.id]
            need, now, gap = model.answered_need(d.id), model.answered_attention(d.id), model.gap(d.id)
            bar = self.bars[d.id]
            _set_bounds(bar, self._bounds(dx, dy, 0, LENGTH * (now or 0) / ATTENTION_MAX))
            bar.set_visible(bool(now))  # an empty bar would still draw its edge; the label says 0
            short = gap is not None and gap > 0
            self.gaps[d.id].set_visible(short)
            if short:
                _set_bounds(self.gaps[d.id], self._bounds(dx, dy, LENGTH * now / ATTENTION_MAX,
                                                          LENGTH * need / ATTENTION_MAX))
            line = self.needs[d.id]
            if need is None:
                line.set_data([], [])
            else:
                at = R0 + LENGTH * need / ATTENTION_MAX
                half = WIDTH * 0.85
                xs, ys = ([-half, half], [dy * at] * 2) if dy else ([dx * at] * 2, [-half, half])
                line.set_data(xs, ys)
            self.titles[d.id].set_text(drawable(d.name, 30))
            value = self.values[d.id]
            if need is None and now is None:
                value.set_text(t["none_rated"])
                value.set_fontstyle("italic")
                value.set_color(PALETTE["grey"])
            else:
                value.set_text(t["value"].format(need=_shown(need, t), now=_shown(now, t)))
                value.set_fontstyle("normal")
                value.set_color("black")
            label = self.gap_labels[d.id]
            if short:
                label.set_text(t["gap_low_largest" if d.id in largest else "gap_low"].format(gap=gap))
                label.set_color(PALETTE["vermillion"])
                label.set_fontweight("bold" if d.id in largest else "normal")
            elif gap is not None and gap < 0:
                label.set_text(t["gap_high"].format(gap=-gap))
                label.set_color("#333333")
                label.set_fontweight("normal")
            else:
                label.set_text("")
            if dy:  # beside the middle of the track
                label.set_y(dy * (R0 + LENGTH / 2))
            else:
                label.set_x(dx * (R0 + LENGTH / 2))
            names = model.stakeholders.get(d.id, [])
            self.names[d.id].set_text(self.name_lines(names))
            self.names[d.id].set_fontstyle("normal" if names else "italic")
            self.names[d.id].set_color("black" if names else PALETTE["grey"])
        if hasattr(self, "live"):
            self.describe(model)

    def describe(self, model: DirectionsModel) -> None:
        """The compass in words and as a table: each direction's ratings, the gap and its key people."""
        t = self.t
        largest = set(model.largest_gap())
        rows, words = [], []
        for d in self.course.directions:
            need, now, gap = model.answered_need(d.id), model.answered_attention(d.id), model.gap(d.id)
            names = model.stakeholders.get(d.id, [])
            shown = ", ".join(names) if names else t["none_named"]
            if need is None and now is None:
                values = t["alt_not_rated"]
            else:
                values = t["alt_values"].format(need=t["alt_not_rated"] if need is None else need,
                                                now=t["alt_not_rated"] if now is None else now)
            if gap is not None and gap > 0:
                values += t["alt_gap_low"].format(gap=gap) + (t["alt_largest"] if d.id in largest else "")
            elif gap is not None and gap < 0:
                values += t["alt_gap_high"].format(gap=-gap)
            rows.append([d.name, t["alt_not_rated"] if need is None else f"{need}/{ATTENTION_MAX}",
                         t["alt_not_rated"] if now is None else f"{now}/{ATTENTION_MAX}",
                         "" if gap is None else f"{gap:+d}", shown])
            words.append(t["alt_row"].format(name=d.name, values=values, names=t["alt_names"].format(names=shown)))
        self.live.describe(t["alt"].format(max=ATTENTION_MAX, rows="; ".join(words)),
                           [t["col_direction"], t["col_need"], t["col_attention"], t["col_gap"],
                            t["col_names_short"]], rows)

    def refresh(self, model: DirectionsModel) -> None:
        self.update(model)
        self.live.refresh()


# ---------------------------------------------------------------------------------------------
# The widget
class DirectionsWidget:
    """Per direction two ratings (what it needs, what it gets now) and a text field (key people); a compass and a
    summary of where the gap is largest."""

    def __init__(self, course: Course, model: DirectionsModel | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = t = TEXT[course.language]
        self.model = model or DirectionsModel.for_course(course)
        self.left_out: dict[str, int] = {d.id: 0 for d in course.directions}
        self.errors = ErrorBoundary(course.language)
        self._quiet = False  # while show_answers sets the controls from the model, their handlers do nothing
        self.compass = CompassFigure(course, self.model)
        self.live = self.compass.live
        self.need: dict[str, Any] = {}
        self.sliders: dict[str, Any] = {}  # attention now
        self.names: dict[str, Any] = {}
        scale = rating_options([(str(v), v) for v in range(ATTENTION_MAX + 1)], course.language)
        header = widgets.HBox([
            widgets.HTML(f"<b>{t['col_direction']}</b>", layout=widgets.Layout(width="220px")),
            widgets.HTML(f"<b>{t['col_need']}</b>", layout=widgets.Layout(width="250px")),
            widgets.HTML(f"<b>{t['col_attention']}</b>", layout=widgets.Layout(width="250px")),
            widgets.HTML(f"<b>{t['col_names']}</b>"),
        ])
        rows = [header]
        for d in course.directions:
            label = widgets.HTML(f"<b>{html.escape(d.name)}</b><br><small>{html.escape(d.who)}</small>",
                                 layout=widgets.Layout(width="220px"))
            pair = []
            for measure, value in (("need", self.model.answered_need(d.id)),
                                   ("attention", self.model.answered_attention(d.id))):
                slider = named(widgets.SelectionSlider(options=scale, value=NOT_RATED if value is None else value,
                                                       continuous_update=True, layout=widgets.Layout(width="250px")),
                               t[f"{measure}_name"].format(name=d.name), shown=False)
                slider.add_class("samskabelse-readout-9")  # every track as long, whatever its word (access.py)
                slider.observe(self.errors.guard(lambda change, m=measure, ident=d.id:
                                                 self._rated(m, ident, change["new"])), names="value")
                pair.append(slider)
            self.need[d.id], self.sliders[d.id] = pair
            example = t["examples"].get(d.id, t["example"])
            text = widgets.Text(value=", ".join(self.model.stakeholders.get(d.id, [])),
                                placeholder=t["placeholder"].format(example=example), continuous_update=False,
                                layout=widgets.Layout(flex="1 1 auto", min_width="200px"))
            named(text, t["text_name"].format(name=d.name), shown=False)
            text.observe(self.errors.guard(lambda change, ident=d.id: self._names_changed(ident, change["new"])),
                         names="value")
            self.names[d.id] = text
            rows.append(widgets.HBox([label, *pair, text], layout=widgets.Layout(align_items="center")))
        scale_note = widgets.HTML(f"<small>{html.escape(t['scale'])}</small>")
        self.result = widgets.HTML(self.summary())
        self.result.add_class("samskabelse-result")
        self.box = widgets.VBox([*rows, scale_note, self.errors.alert, self.live.widget, self.result])
        mark_widget(self.box, course.language, "samskabelse-directions")
        show_on_screen(self.model, self)

    def controls(self) -> dict[str, Any]:
        """Each answer this widget asks, and its control (protocol.py)."""
        out: dict[str, Any] = {}
        for d in self.course.directions:
            out[key("need", d.id)] = self.need[d.id]
            out[key("attention", d.id)] = self.sliders[d.id]
            out[key("stakeholders", d.id)] = self.names[d.id]
        return out

    # -- reacting to the user ------------------------------------------------------------------
    def show_answers(self, saved: DirectionsModel) -> None:
        """Show saved answers (the save box's "Hent mine gemte svar"): their values and what was answered go into
        this widget's own model, in place; the controls follow without marking anything, and all is redrawn."""
        m = self.model
        for d in self.course.directions:
            m.need[d.id] = saved.need.get(d.id, DEFAULT_ATTENTION)
            m.attention[d.id] = saved.attention.get(d.id, DEFAULT_ATTENTION)
            m.stakeholders[d.id] = list(saved.stakeholders.get(d.id, []))
            self.left_out[d.id] = 0
        m.answered.clear()
        m.answered.update(saved.answered)
        self._quiet = True
        try:
            for d in self.course.directions:
                need, now = m.answered_need(d.id), m.answered_attention(d.id)
                self.need[d.id].value = NOT_RATED if need is None else need
                self.sliders[d.id].value = NOT_RATED if now is None else now
                self.names[d.id].value = ", ".join(m.stakeholders[d.id])
        finally:
            self._quiet = False
        self._show()

    def _rated(self, measure: str, direction: str, value) -> None:
        if self._quiet:
            return
        (self.model.set_need if measure == "need" else self.model.set_attention)(direction, rated(value))
        self._show()

    def _names_changed(self, direction: str, text: str) -> None:
        if self._quiet:
            return
        self.left_out[direction] = self.model.set_stakeholders(direction, text)
        self._show()

    def _show(self) -> None:
        self.compass.refresh(self.model)
        self.result.value = self.summary()

    # -- the summary ---------------------------------------------------------------------------
    def _where(self, ident: str) -> str:
        return html.escape(where_words(self.course, ident))

    def summary(self) -> str:
        """The result as HTML: where the gap is largest, what else falls short or has attention to spare, example
        tasks where the gap is largest, and the people named. Nothing is said of a direction not rated."""
        t, m, lang = self.t, self.model, self.course.language
        labels = BASIS_LABELS[lang]
        parts = []
        complete = m.rated_both()
        started = [d.id for d in self.course.directions
                   if m.answered_need(d.id) is not None or m.answered_attention(d.id) is not None]
        if not started:
            parts.append(f"<p>{t['waiting']}</p>")
        largest = m.largest_gap()
        if len(largest) == 1:
            d = largest[0]
            parts.append("<p><b>" + t["largest_one"].format(where=self._where(d), need=m.answered_need(d),
                                                            now=m.answered_attention(d), gap=m.gap(d),
                                                            max=ATTENTION_MAX) + "</b></p>")
        elif largest:
            parts.append("<p><b>" + t["largest_tied"].format(gap=m.gap(largest[0]), where=join_names(
                [self._where(d) for d in largest], lang)) + "</b></p>")
        others = [d for d in m.too_little() if d not in largest]
        if others:
            where = join_names([t["gap_in"].format(where=self._where(d), gap=m.gap(d)) for d in others], lang)
            parts.append(f"<p>{t['also_low'].format(where=where)}</p>")
        if complete and not largest:
            parts.append(f"<p>{t['none_low']}</p>")
        if high := m.too_much():
            where = join_names([t["high_in"].format(where=self._where(d), gap=-m.gap(d)) for d in high], lang)
            parts.append(f"<p>{t['high'].format(where=where)}</p>")
        incomplete = [d for d in started if d not in complete]
        if incomplete:
            parts.append(f"<p>{t['incomplete'].format(where=join_names([self._where(d) for d in incomplete], lang))}"
                         "</p>")
        for ident in largest:
            tasks = "".join(f"<li>{html.escape(task.text)} <small>({html.escape(labels[task.basis])})</small></li>"
                            for task in self.course.by_id("directions", ident).tasks)
            parts.append(f"<p>{t['tasks'].format(where=self._where(ident))}</p><ul>{tasks}</ul>")
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
    """Rate how much attention each leadership direction needs and gets now, and name the key people in each."""
    return DirectionsWidget(course, model)


from samskabelse.sections.directions.views import DEFINITION as DEFINITION  # noqa: E402  (it uses the names above)
