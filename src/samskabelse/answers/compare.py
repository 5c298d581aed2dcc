"""A team's weighings of the gains side by side (notebook 02): mean, spread, and where the team disagrees most.

    team = compare_team(course)                  # the shipped, invented example team (data/example-team/)
    team = compare_team(course, "answers", me=gains)   # a folder of saved answer files, plus your own weighing

Nothing is read or drawn until the participant presses "Indlæs holdet" / "Load the team" (or the code calls
`team.load()`): the team view costs more than the rest of notebook 02 together, and opened after the weighing
above it also shows that weighing.

The files are read with samskabelse.answers.load_team: a file that cannot be used becomes a message shown
above the figure, and the rest of the team is still shown. Within a file, gains the course does not know
and values out of range are reported too (GainsModel.from_dict). A gain a person did not weigh is left out
of that gain's mean and spread; it is not counted as 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samskabelse.answers import display_labels, is_example_team, load_team
from samskabelse.base.i18n import Texts
from samskabelse.course import Course
from samskabelse.sections.gains import HIGH, LOW, GainsModel, format_number, join_names
from samskabelse.widgets.access import mark_widget
from samskabelse.widgets.display import user_text
from samskabelse.widgets.figures import PALETTE, BandedPNG, BlitLiveFigure, figure_text, new_figure
from samskabelse.widgets.guard import ErrorBoundary

MEASURES = ("importance", "likelihood", "product")
PRODUCT_MAX = HIGH * HIGH  # importance x likelihood runs from 0 to 25 (a risk matrix's product)
DISAGREE_MIN = 2.0  # a gap of at least this many points (on 0-5; five times as many on 0-25) is worth a talk
PROMPTS_MAX = 3  # discussion prompts about gains (plus at most two about demands)
DEMAND_PROMPTS_MAX = 2
NAMES_MAX = 3  # at most this many names in one prompt ("Anna, Bo og Camilla +2")
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "p", "h", "<"]
MARKER_AREA = 60  # points², each person's marker
COLOURS = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "black", "grey")]

TEXT = Texts(
    da={
        "measure": "Sammenlign",
        "measures": {"importance": "vigtighed", "likelihood": "sandsynlighed",
                     "product": "vigtighed × sandsynlighed"},
        "folder": "Mappe",
        "folder_placeholder": "en mappe med svarfiler, fx answers",
        "load": "Indlæs holdet",
        "closed": "Holdets vægtning vises, når du trykker på »Indlæs holdet«.",
        "include_me": "Vis også mine egne svar",
        "me": "Dig (ikke gemt)",
        "me_in_text": "du",
        "example": "<b>Eksempelholdet er opdigtet</b>: fem opdigtede chefer, som kurset har lavet til at øve på. "
        "Skriv en mappe med jeres egne gemte svar ovenfor for at se jeres eget hold.",
        "members": "{n} på holdet: {names}.",
        "no_members": "Der er ingen vægtninger at sammenligne endnu.",
        "no_gains": "{name} har ikke vægtet gevinsterne endnu og er ikke med i sammenligningen.",
        "me_not_weighed": "Dine egne svar kommer med, når du har vægtet mindst én gevinst ovenfor; tryk så på "
        "»Indlæs holdet« igen.",
        "file_note": "{name} ({file}): {note}",
        "title_gains": "Gevinster – {measure} (0–{top})",
        "title_demands": "Hvad det kræver (0–5)",
        "mean": "gns.",
        "fig_alt": "Holdets vægtning af gevinster og krav: hver person, gennemsnit og spænd",
        "alt_row": "{name}: gennemsnit {mean}, fra {low} til {high}",
        "mean_legend": "gennemsnit",
        "spread_legend": "spænd (laveste–højeste)",
        "prompts_heading": "Hvor I er mest uenige – til drøftelse",
        "prompt_importance": "<b>{gain}</b>: {high} vurderer vigtigheden til {hv}, {low} til {lv}. Hvad er det, "
        "{high} ser, som {low} ikke ser – og omvendt?",
        "prompt_likelihood": "<b>{gain}</b>: {high} sætter sandsynligheden for, at I opnår gevinsten, til {hv}, "
        "{low} til {lv}. Hvad får {high} til at tro på det – og hvad får {low} til at tvivle?",
        "prompt_product": "<b>{gain}</b>: vigtighed × sandsynlighed går fra {lv} ({low}) til {hv} ({high}) af 25. Er "
        "I uenige om, hvor vigtig gevinsten er, eller om, hvorvidt projektet kan realisere den?",
        "prompt_demand": "<b>{demand}</b>: {high} vurderer kravet til {hv}, {low} til {lv}. Hvad ved {high} om "
        "projektet, som {low} ikke ved – eller omvendt? Hvad skal der til, for at I kan blive enige?",
        "prompt_agree": "I er nogenlunde enige om alle gevinster (ingen ligger mere end {gap} point fra "
        "hinanden). Tal om, hvorvidt I er enige af de samme grunde.",
        "prompt_own": "Egne gevinster på holdet: {items}. Skal nogen af dem med på holdets fælles liste?",
        "own_item": "{name} ({who})",
        "table_gain": "Gevinst", "table_demand": "Krav", "table_mean": "Gennemsnit", "table_spread": "Spredning",
        "table_heading": "Holdets svar ({measure})",
        "sd": "sd {value}",
        "not_answered": "–",
        "more": "+{n}",
    },
    en={
        "measure": "Compare",
        "measures": {"importance": "importance", "likelihood": "likelihood",
                     "product": "importance × likelihood"},
        "folder": "Folder",
        "folder_placeholder": "a folder of answer files, e.g. answers",
        "load": "Load the team",
        "closed": "The team's weighing appears when you press “Load the team”.",
        "include_me": "Include my own answers",
        "me": "You (not saved)",
        "me_in_text": "you",
        "example": "<b>The example team is invented</b>: five invented managers the course made up for practice. "
        "Enter a folder with your team's saved answers above to see your own team.",
        "members": "{n} in the team: {names}.",
        "no_members": "There are no weighings to compare yet.",
        "no_gains": "{name} has not weighed the gains yet and is not in the comparison.",
        "me_not_weighed": "Your own answers join once you have weighed at least one gain above; then press "
        "“Load the team” again.",
        "file_note": "{name} ({file}): {note}",
        "title_gains": "Gains – {measure} (0–{top})",
        "title_demands": "What it demands (0–5)",
        "mean": "mean",
        "fig_alt": "The team's weighing of gains and demands: each person, the mean and the spread",
        "alt_row": "{name}: mean {mean}, from {low} to {high}",
        "mean_legend": "mean",
        "spread_legend": "spread (lowest–highest)",
        "prompts_heading": "Where you disagree most – to discuss",
        "prompt_importance": "<b>{gain}</b>: importance {hv} from {high}, {lv} from {low}. What does the gain mean "
        "to {high} that it does not mean to {low}?",
        "prompt_likelihood": "<b>{gain}</b>: the likelihood that the project delivers it is {hv} for {high}, {lv} "
        "for {low}. What gives {high} confidence – and what gives {low} doubts?",
        "prompt_product": "<b>{gain}</b>: importance × likelihood ranges from {lv} ({low}) to {hv} ({high}) out of "
        "25. Do you disagree about how important the gain is, or about whether the project can deliver it?",
        "prompt_demand": "<b>{demand}</b>: rated {hv} by {high}, {lv} by {low}. What is each of you picturing – "
        "and what would it take to agree on what the project demands?",
        "prompt_agree": "You broadly agree on every gain (none is more than {gap} points apart). Talk about whether "
        "you agree for the same reasons.",
        "prompt_own": "Own gains in the team: {items}. Should any of them go on the team's shared list?",
        "own_item": "{name} ({who})",
        "table_gain": "Gain", "table_demand": "Demand", "table_mean": "Mean", "table_spread": "Spread",
        "table_heading": "The team's answers ({measure})",
        "sd": "sd {value}",
        "not_answered": "–",
        "more": "+{n}",
    },
)


# ---------------------------------------------------------------------------------------------
# The team as data
@dataclass
class Member:
    """One person's weighing: from a saved file, or the notebook's own (not saved) answers."""

    name: str  # as typed (not escaped)
    label: str  # unique within the team, plain text
    model: GainsModel
    gains: frozenset[str]  # the course gains this person weighed (others are left out of the statistics)
    demands: frozenset[str]
    file: str = ""
    invented: bool = False
    me: bool = False
    legend: str = ""  # the label shortened for a figure's legend, still unique (answers.display_labels)

    def value(self, gain_id: str, measure: str) -> float | None:
        """The rating, or None when the person did not give it (model.py's protocol; a deliberate 0 is 0)."""
        if gain_id not in self.gains:
            return None
        return self.model.rating(gain_id, measure)

    def demand(self, demand_id: str) -> int | None:
        """The rating, or None when the person did not give it."""
        if demand_id not in self.demands:
            return None
        return self.model.demand(demand_id)


def answered_ids(model: GainsModel, course: Course) -> tuple[frozenset[str], frozenset[str]]:
    """The course gains and demands the person answered (a gain: either of its two ratings)."""
    gains = frozenset(g.id for g in course.gains
                      if any(model.rating(g.id, m) is not None for m in ("importance", "likelihood")))
    demands = frozenset(d.id for d in course.demands if model.demand(d.id) is not None)
    return gains, demands


def _gain_notes(notes: list[str]) -> list[str]:
    """Of a file's notes, those about its gains section or its course file (not other notebooks' sections)."""
    from samskabelse.answers import SECTIONS

    out = []
    for note in notes:
        section = note.split(":", 1)[0]
        if section == "gains":
            out.append(note.split(":", 1)[1].strip())
        elif section not in SECTIONS:
            out.append(note)
    return out


def read_team(folder: str | Path | None, course: Course) -> tuple[list[Member], list[str]]:
    """The members of a folder of answer files (default: the invented example team), and messages.

    Messages are HTML-safe: a file that cannot be used, a file with no gains, what in a file does not
    match the course. The rest of the team is always returned.
    """
    t = TEXT[course.language]
    loaded, problems = load_team(folder, course)
    messages = [user_text(p, 600) for p in problems]
    members = []
    legends = display_labels(loaded, shortened=18)
    for f in loaded:
        name = f.label
        model = f.models.get("gains")
        notes = _gain_notes(f.notes)
        for note in notes:  # answers.py and the gains model already escape what they quote
            messages.append(t["file_note"].format(name=user_text(name, 60), file=user_text(f.path.name, 80),
                                                  note=note))
        if not isinstance(model, GainsModel):
            messages.append(t["no_gains"].format(name=user_text(name, 60)))
            continue
        gains, demands = answered_ids(model, course)
        if not gains and not demands and not model.own:
            messages.append(t["no_gains"].format(name=user_text(name, 60)))
            continue
        members.append(Member(name=name, label=f.label, model=model, gains=gains, demands=demands,
                              file=f.path.name, invented=f.invented, legend=legends[f]))
    _unique_labels(members)
    return members, messages


def member_from_model(model: GainsModel, course: Course) -> Member | None:
    """The notebook's own weighing as a team member, or None when no gain is weighed yet."""
    gains, demands = answered_ids(model, course)
    if not gains:
        return None
    name = TEXT[course.language]["me"]
    return Member(name=name, label=name, model=model, gains=gains, demands=demands, me=True)


def _unique_labels(members: list[Member]) -> None:
    """Labels come from answers.display_labels (two people of the same name are told apart by their file);
    only "you" (the notebook's own, unsaved answers) is added here, and is never confused with a "Du" file."""
    taken = {m.label.casefold() for m in members if not m.me}
    for m in members:
        if m.me and m.label.casefold() in taken:
            m.label = f"{m.label} *"


# ---------------------------------------------------------------------------------------------
# Mean, spread, disagreement
@dataclass(frozen=True)
class Spread:
    key: str
    name: str
    kind: str  # "gain" or "demand"
    values: tuple[tuple[Member, float], ...]  # only the members who answered

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float | None:
        return sum(v for _, v in self.values) / self.n if self.values else None

    @property
    def sd(self) -> float:
        """The population standard deviation (0 for fewer than two answers)."""
        if self.n < 2:
            return 0.0
        m = self.mean
        return math.sqrt(sum((v - m) ** 2 for _, v in self.values) / self.n)

    @property
    def low(self) -> float | None:
        return min(v for _, v in self.values) if self.values else None

    @property
    def high(self) -> float | None:
        return max(v for _, v in self.values) if self.values else None

    @property
    def gap(self) -> float:
        return (self.high - self.low) if self.values else 0.0

    def at(self, value: float) -> list[Member]:
        return [m for m, v in self.values if v == value]


def gain_spreads(members: list[Member], course: Course, measure: str) -> list[Spread]:
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")
    return [Spread(g.id, g.name, "gain", tuple((m, v) for m in members if (v := m.value(g.id, measure)) is not None))
            for g in course.gains]


def demand_spreads(members: list[Member], course: Course) -> list[Spread]:
    return [Spread(d.id, d.name, "demand", tuple((m, v) for m in members if (v := m.demand(d.id)) is not None))
            for d in course.demands]


def top_of(measure: str) -> int:
    """The top of a measure's scale: 25 for importance x likelihood, else 5."""
    return PRODUCT_MAX if measure == "product" else HIGH


def disagreements(spreads: list[Spread], limit: int, measure: str = "importance") -> list[Spread]:
    """Where the team is furthest apart: a gap of at least DISAGREE_MIN on 0-5 (five times that on 0-25), largest
    standard deviation first."""
    order = {s.key: i for i, s in enumerate(spreads)}
    least = DISAGREE_MIN * top_of(measure) / HIGH
    apart = [s for s in spreads if s.n >= 2 and s.gap >= least]
    return sorted(apart, key=lambda s: (-s.sd, -s.gap, order[s.key]))[:limit]


def _centred(i: int, n: int) -> float:
    """Offsets 0, 1, ..., n-1 centred on zero: -1, 0, 1 for three."""
    return i - (n - 1) / 2


def _names(members: list[Member], lang: str) -> str:
    t = TEXT[lang]
    shown = [t["me_in_text"] if m.me else user_text(m.label, 60) for m in members[:NAMES_MAX]]
    if len(members) > NAMES_MAX:
        shown.append(t["more"].format(n=len(members) - NAMES_MAX))
    return join_names(shown, lang)


def _value(v: float, measure: str, lang: str) -> str:
    return str(int(v))


def discussion_prompts(members: list[Member], course: Course, measure: str) -> list[str]:
    """Where the team disagrees most, as questions to talk about (HTML-safe), in the course's language."""
    t, lang = TEXT[course.language], course.language
    prompts = []
    for s in disagreements(gain_spreads(members, course, measure), PROMPTS_MAX, measure):
        prompts.append(t[f"prompt_{measure}"].format(
            gain=user_text(s.name, 100), high=_names(s.at(s.high), lang), low=_names(s.at(s.low), lang),
            hv=_value(s.high, measure, lang), lv=_value(s.low, measure, lang)))
    if not prompts and len(members) >= 2:
        prompts.append(t["prompt_agree"].format(gap=format_number(DISAGREE_MIN * top_of(measure) / HIGH, lang, 0)))
    for s in disagreements(demand_spreads(members, course), DEMAND_PROMPTS_MAX):
        prompts.append(t["prompt_demand"].format(
            demand=user_text(s.name, 100), high=_names(s.at(s.high), lang), low=_names(s.at(s.low), lang),
            hv=int(s.high), lv=int(s.low)))
    own = [t["own_item"].format(name=user_text(o.name, 60), who=user_text(m.label, 60))
           for m in members for o in m.model.own]
    if own:
        prompts.append(t["prompt_own"].format(items="; ".join(own)))
    return prompts


# ---------------------------------------------------------------------------------------------
# The widget
class TeamWidget:
    """The team's weighings: a figure (each person, the mean and the spread), a table and discussion prompts."""

    def __init__(self, course: Course, folder: str | Path | None = None, me: Any = None):
        import ipywidgets as widgets

        self.course = course
        self.t = t = TEXT[course.language]
        self.me = getattr(me, "model", me)  # the weighing widget or its model
        self.members: list[Member] = []
        self.problems: list[str] = []
        self.errors = ErrorBoundary(course.language)
        self.folder = widgets.Text(value="" if folder is None else str(folder), description=t["folder"],
                                   placeholder=t["folder_placeholder"], layout=widgets.Layout(width="28em"))
        self.load_button = widgets.Button(description=t["load"], icon="users", layout=widgets.Layout(width="auto"))
        self.load_button.on_click(self.errors.guard(lambda _b: self.load()))
        self.include_me = widgets.Checkbox(value=self.me is not None, description=t["include_me"], indent=False,
                                           disabled=self.me is None)
        self.include_me.observe(self.errors.guard(lambda _c: self.load() if self.live is not None else None),
                                names="value")
        self.measure = widgets.SelectionSlider(
            options=[(t["measures"][m], m) for m in MEASURES], value="importance", description=t["measure"],
            continuous_update=True, style={"description_width": "initial"}, layout=widgets.Layout(width="32em"))
        self.measure.observe(self.errors.guard(lambda _c: self._show() if self.live is not None else None),
                             names="value")
        self.banner = widgets.HTML("")
        self.messages = widgets.HTML("")
        self.messages.add_class("samskabelse-messages")
        self.fig = None
        self.live = None  # made by the first load(): a BlitLiveFigure whose changing artists are the gains panel's
        self.result = widgets.HTML("")
        self.result.add_class("samskabelse-result")
        self.banner.value = f"<p>{t['closed']}</p>"
        self.box = widgets.VBox([widgets.HBox([self.folder, self.load_button]), self.include_me, self.banner,
                                 self.errors.alert])
        mark_widget(self.box, course.language, "samskabelse-gains-team")

    # -- loading -----------------------------------------------------------------------------------
    def load(self) -> None:
        """(Re)read the folder's files, add your own weighing if asked, and redraw everything."""
        t = self.t
        text = self.folder.value.strip()
        folder = Path(text).expanduser() if text else None
        self.members, self.problems = read_team(folder, self.course)
        if self.include_me.value and self.me is not None:
            mine = member_from_model(self.me, self.course)
            if mine is None:
                self.problems.append(t["me_not_weighed"])
            else:
                self.members.append(mine)
        self.messages.value = "".join(f'<p class="samskabelse-warning" role="alert">⚠ {p}</p>'
                                      for p in self.problems)
        names = join_names([user_text(m.label, 60) for m in self.members], self.course.language)
        banner = t["members"].format(n=len(self.members), names=names) if self.members else t["no_members"]
        if (folder is None or is_example_team(folder)) and any(m.invented for m in self.members):
            banner = f"{t['example']}<br>{banner}"
        self.banner.value = f"<p>{banner}</p>"
        opening = self.live is None
        self._build_figure()
        self._show()
        if opening:
            controls = self.box.children[:3]  # the folder and the button, "include me", the banner
            self.box.children = [*controls, self.messages, self.measure, self.errors.alert, self.live.widget,
                                 self.result]

    # -- the figure --------------------------------------------------------------------------------
    def _build_figure(self) -> None:
        """Draw the axes and one marker series per person; rebuilt only when another team is loaded."""
        t, course = self.t, self.course
        if self.fig is None:
            self.fig = new_figure(8, 7.6)
        fig = self.fig
        fig.clear()
        fig.set_layout_engine("constrained")
        n_g, n_d = len(course.gains), len(course.demands)
        ax_g, ax_d = fig.subplots(2, 1, height_ratios=[n_g + 0.8, n_d + 0.8])
        self.axes = (ax_g, ax_d)
        self.series, self.spread_bars, self.mean_marks, self.mean_texts = [], [], [], []
        for ax, items in ((ax_g, course.gains), (ax_d, course.demands)):
            rows = len(items)
            bars = ax.barh(range(rows), [0] * rows, left=[0] * rows, height=0.84, color=PALETTE["grey"],
                           alpha=0.16, label=t["spread_legend"])
            # the mean on top of the people's markers and thinner than them: no marker hides it, and it hides
            # no marker (one at the mean shows on both sides of it)
            (mean,) = ax.plot([0] * rows, range(rows), linestyle="none", marker="|", markersize=26,
                              markeredgewidth=2.5, color=PALETTE["black"], label=t["mean_legend"], zorder=5)
            texts = [ax.text(HIGH + 0.15, y, "", va="center", ha="left", fontsize=12) for y in range(rows)]
            series = []
            for k, m in enumerate(self.members):
                legend = figure_text(m.legend, 40) if m.legend else figure_text(m.label, 18)
                sc = ax.scatter([], [], s=MARKER_AREA, marker=MARKERS[k % len(MARKERS)],
                                color=COLOURS[k % len(COLOURS)], edgecolors="white", linewidths=0.8, zorder=3,
                                label=legend)
                series.append(sc)
            self.spread_bars.append(bars)
            self.mean_marks.append(mean)
            self.mean_texts.append(texts)
            self.series.append(series)
            ax.set_yticks(range(rows), [figure_text(i.name, 28) for i in items])
            ax.set_ylim(rows - 0.5, -0.6)
            self._scale(ax, texts, HIGH)
            ax.grid(axis="x", color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
        self._scale(ax_g, self.mean_texts[0], top_of(self.measure.value))
        self.gains_title = ax_g.set_title(self._gains_title(self.measure.value), loc="left")
        ax_d.set_title(t["title_demands"], loc="left")
        if self.members:
            entries = len(self.members) + 2
            fig.legend(handles=[self.mean_marks[0], self.spread_bars[0], *self.series[0]], loc="outside lower center",
                       ncols=min(entries, 4 if entries <= 8 else 3), frameon=False, handletextpad=0.3,
                       columnspacing=1.2)
        self._fill(ax_d, 1, demand_spreads(self.members, course), "demand")
        self._fill(ax_g, 0, gain_spreads(self.members, course, self.measure.value), "gain")
        # only the gains panel changes with the measure; the rest is drawn once per team
        dynamic = [*self.series[0], *self.spread_bars[0], self.mean_marks[0], *self.mean_texts[0], self.gains_title]
        if self.live is None:
            # the gains panel's scale changes with the measure (0-5, or 0-25): one background per measure
            self.live = BlitLiveFigure(fig, dynamic, encoder=BandedPNG().encode, alt=t["fig_alt"],
                                       lang=course.language, background_key=lambda: self.measure.value)
        else:
            self.live.set_animated(dynamic)
            self.live.relayout()

    def _gains_title(self, measure: str) -> str:
        return self.t["title_gains"].format(measure=self.t["measures"][measure], top=top_of(measure))

    @staticmethod
    def _scale(ax, texts, top: int) -> None:
        """A panel's scale, 0 to `top` (5, or 25 for importance x likelihood), with room for the means' labels."""
        unit = top / HIGH
        ax.set_xlim(LOW - 0.15 * unit, top + 0.9 * unit)
        ax.set_xticks(range(LOW, top + 1, int(unit)))
        for text in texts:
            text.set_x(top + 0.15 * unit)

    def _fill(self, ax, panel: int, spreads: list[Spread], kind: str) -> None:
        """Put each person's value, the spread and the mean of every row in place."""
        lang = self.course.language
        points: dict[int, list] = {k: [] for k in range(len(self.members))}
        index = {id(m): k for k, m in enumerate(self.members)}
        # people with the same value in a row are set side by side, a marker's width apart (and a gap): first
        # in a column, then in more columns, so that every marker shows whole
        (x0, y0), (x1, y1) = ax.transData.transform([(0, 0), (1, 1)])
        size_px = math.sqrt(MARKER_AREA) * self.fig.dpi / 72 + 3
        dy, dx = size_px / abs(y1 - y0), size_px / abs(x1 - x0)
        per_column = max(1, int(0.84 / dy))
        for row, s in enumerate(spreads):
            groups: dict[float, list[Member]] = {}
            for who, v in s.values:
                groups.setdefault(v, []).append(who)
            for v, group in groups.items():
                for j, who in enumerate(group):
                    points[index[id(who)]].append((v + dx * _centred(j // per_column, -(-len(group) // per_column)),
                                                   row + dy * _centred(j % per_column,
                                                                       min(len(group), per_column))))
        for k, pts in points.items():
            self.series[panel][k].set_offsets(pts if pts else [[math.nan, math.nan]])
        means = []
        for row, s in enumerate(spreads):
            bar = self.spread_bars[panel][row]
            if s.values:
                bar.set_x(s.low)
                bar.set_width(max(s.gap, 0.04 * (ax.get_xlim()[1] - ax.get_xlim()[0]) / HIGH))
                means.append(s.mean)
                self.mean_texts[panel][row].set_text(f"{self.t['mean']} {format_number(s.mean, lang)}")
            else:
                bar.set_width(0)
                means.append(math.nan)
                self.mean_texts[panel][row].set_text("")
        self.mean_marks[panel].set_xdata(means)

    def _show(self) -> None:
        """Show the chosen measure: move the gains panel's artists in place, rewrite the table and prompts."""
        course, measure = self.course, self.measure.value
        ax_g = self.axes[0]
        self._scale(ax_g, self.mean_texts[0], top_of(measure))
        self._fill(ax_g, 0, gain_spreads(self.members, course, measure), "gain")
        self.gains_title.set_text(self._gains_title(measure))
        self.live.refresh()
        self._describe(measure)
        self.result.value = self._result_html(measure)

    def _describe(self, measure: str) -> None:
        """The figure in words and as a table: per gain and demand the mean, the range and each person's value."""
        t, course, lang = self.t, self.course, self.course.language
        groups = [(self._gains_title(measure), gain_spreads(self.members, course, measure),
                   lambda v: _value(v, measure, lang)),
                  (t["title_demands"], demand_spreads(self.members, course), lambda v: str(int(v)))]
        words, rows = [], []
        for title, spreads, fmt in groups:
            parts = [t["alt_row"].format(name=s.name, mean=format_number(s.mean, lang), low=fmt(s.low),
                                         high=fmt(s.high)) for s in spreads if s.values]
            words.append(f"{title}: {'; '.join(parts) or t['no_members']}.")
            for s in spreads:
                values = [next((fmt(v) for who, v in s.values if who is m), t["not_answered"]) for m in self.members]
                rows.append([s.name, format_number(s.mean, lang) if s.values else t["not_answered"],
                             f"{fmt(s.low)}–{fmt(s.high)}" if s.values else t["not_answered"], *values])
        header = [f"{t['table_gain']} / {t['table_demand']}", t["table_mean"], t["table_spread"],
                  *[m.label for m in self.members]]
        self.live.describe(f"{t['fig_alt']}. {' '.join(words)}", header, rows)

    def _result_html(self, measure: str) -> str:
        t, course, lang = self.t, self.course, self.course.language
        if not self.members:
            return f"<p>{t['no_members']}</p>"
        prompts = discussion_prompts(self.members, course, measure)
        items = "".join(f"<li>{p}</li>" for p in prompts)
        head = "".join(f"<th>{user_text(m.label, 40)}</th>" for m in self.members)

        def rows(spreads: list[Spread], fmt) -> str:
            out = []
            for s in spreads:
                cells = []
                for m in self.members:
                    v = next((v for who, v in s.values if who is m), None)
                    cells.append(f"<td style='text-align:center'>{t['not_answered'] if v is None else fmt(v)}</td>")
                mean = format_number(s.mean, lang) if s.values else t["not_answered"]
                spread = (f"{fmt(s.low)}–{fmt(s.high)} ({t['sd'].format(value=format_number(s.sd, lang))})"
                          if s.values else t["not_answered"])
                out.append(f"<tr><td><b>{user_text(s.name, 100)}</b></td><td style='text-align:center'>{mean}</td>"
                           f"<td style='text-align:center'>{spread}</td>{''.join(cells)}</tr>")
            return "".join(out)

        gains = rows(gain_spreads(self.members, course, measure), lambda v: _value(v, measure, lang))
        demands = rows(demand_spreads(self.members, course), lambda v: str(int(v)))
        header = (f"<th>{{first}}</th><th>{t['table_mean']}</th><th>{t['table_spread']}</th>{head}")
        return (f"<p><b>{t['prompts_heading']}</b></p><ol class='samskabelse-prompts'>{items}</ol>"
                f"<p><b>{t['table_heading'].format(measure=t['measures'][measure])}</b></p>"
                f"<table class='samskabelse-team-table'><thead><tr>{header.format(first=t['table_gain'])}</tr>"
                f"</thead><tbody>{gains}</tbody><thead><tr>{header.format(first=t['table_demand'])}</tr></thead>"
                f"<tbody>{demands}</tbody></table>")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def compare_team(course: Course, folder: str | Path | None = None, me: Any = None) -> TeamWidget:
    """Several people's weighings side by side: from a folder of saved answer files (default: the invented
    example team), plus, if given, your own weighing (`me`: the weighing widget or its model). Read and drawn
    when the participant presses the load button (or `load()` is called), not before."""
    return TeamWidget(course, folder, me)


__all__ = ["Member", "Spread", "compare_team", "demand_spreads", "discussion_prompts", "disagreements",
           "gain_spreads", "member_from_model", "read_team", "TeamWidget"]
