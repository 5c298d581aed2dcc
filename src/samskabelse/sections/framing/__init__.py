"""Framing and control (notebook 05): chalk the pitch, then decide how much the partners may influence.

    pitch = chalk_the_pitch(course)        # each frame element fixed or elastic, and who decides it:
                                           # a frame sheet (a table and a figure) to take to the partners
    control = share_control(course, pitch) # per element, how much the partners may influence it (none to full):
                                           # where control is kept and where it is shared, and a reflection
    pitch.model is control.model           # one FramingModel (SECTION "framing") holds both widgets' answers

The two widgets share one model, so that the second knows which frames are fixed and the frame sheet shows
the partners' influence; each redraws when the other changes the model.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field
from typing import Any, ClassVar

from matplotlib.patches import FancyBboxPatch, Rectangle

from samskabelse.base.i18n import Texts
from samskabelse.course import Course, FrameElement
from samskabelse.sections.protocol import (
    ANSWERED_FIELD,
    AnswerError,
    confirm,
    dump_answered,
    key,
    mark,
    restored_answered,
    saved_answered,
    show_on_screen,
    shown_items,
)
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.answering import SuggestionNote
from samskabelse.widgets.display import BASIS_LABELS, user_text
from samskabelse.widgets.figures import MAX_WIDTH, PALETTE, BlitLiveFigure, new_figure
from samskabelse.widgets.guard import ErrorBoundary

TOGETHER = ("together", "partners")  # deciders that already include the partners (ids in course.yaml)

TEXT = Texts(
    da={
        "fixed": "Ligger fast",
        "elastic": "Elastisk",
        "col_element": "Rammeelement",
        "col_fixed": "Fast eller elastisk",
        "col_decider": "Hvem beslutter",
        "col_influence": "Partnernes indflydelse",
        "sheet_title": "Dit rammeark: hvad ligger fast, og hvor er der spillerum?",
        "lane_fixed": "Ligger fast",
        "lane_elastic": "Elastisk: spillerum\ntil at improvisere",
        "lane_decider": "Hvem beslutter",
        "sheet_alt": "Rammeark: rammeelementerne sorteret i faste og elastiske, med hvem der beslutter",
        "sheet_alt_rows": "{alt}. {fixed_head}: {fixed}. {elastic_head}: {elastic}.",
        "none": "ingen",
        "name_fixed": "{name}: fast eller elastisk",
        "name_decider": "{name}: hvem beslutter",
        "name_influence": "{name}: partnernes indflydelse",
        "sheet_head": "Rammeark til partnerne",
        "sheet_head_suggested": "Kursets forslag til et rammeark",
        "sheet_count": "{fixed} af {n} rammer ligger fast, og {elastic} er elastiske.",
        "sheet_no_fixed": "Intet ligger fast. Så ved partnerne ikke, hvad de kan regne med: hvilke rammer "
                          "skal ligge urokkeligt fast?",
        "sheet_no_elastic": "Intet er elastisk. Så er der ikke plads til at improvisere sammen: hvor kan "
                            "partnerne få spillerum?",
        "control_title": "Hvor beholder du styringen, og hvor deler du den?",
        "zone_kept": "Du beholder\nstyringen",
        "zone_shared": "Styringen deles\nmed partnerne",
        "col_frame": "Rammen",
        "status_fixed": "fast",
        "status_elastic": "elastisk",
        "tension_mark": "  (!)",
        "tension_note": "(!) se teksten\nunder figuren",
        "control_xlabel": "Hvor meget må partnerne få indflydelse på det?",
        "control_alt": "Søjler for hvor meget partnerne må få indflydelse på hvert rammeelement",
        "count": "Du beholder styringen over {kept} og deler den over {shared} af {n} rammeelementer.",
        "count_suggested": "Med kursets forslag beholder du styringen over {kept} og deler den over {shared} af "
                           "{n} rammeelementer.",
        "shared_list": "Delt med partnerne: {names}.",
        "tensions_head": "Værd at se på igen",
        "fixed_shared": "»{name}« ligger fast, men partnernes indflydelse er »{level}«. Sig tydeligt, hvilken "
                        "del af rammen der er til forhandling.",
        "elastic_closed": "»{name}« er elastisk, men partnernes indflydelse er kun »{level}«. Hvem bruger så "
                          "spillerummet?",
        "message": "Publikationens pointe: at samskabe forudsætter, at chefen er villig til at give slip på "
                   "noget af kontrollen og leve med en vis uforudsigelighed.",
        "keep_all": "Du deler ikke styringen over noget. Partnerne kan stadig bidrage, men uden reel indflydelse "
                    "tager de sjældent medansvar: hvor kan du give slip?",
        "share_all": "Du deler styringen over alt. Hvad skal ligge urokkeligt fast, så partnerne ved, hvad "
                     "de kan regne med – og hvad siger du opad, når resultatet ikke kan loves på forhånd?",
        "share_some": "Mest uforudsigeligt bliver »{name}«, hvor partnernes indflydelse er »{level}«. Hvad gør "
                      "du, hvis de tager det et sted hen, du ikke havde forudset – og hvem skal du så tale med "
                      "opad?",
        "note_not_mapping": "afsnittet skal være et objekt med feltet \"elements\".",
        "note_unknown": "rammeelementet '{id}' findes ikke i kursusfilen; dets svar er ikke vist.",
        "note_fixed": "»{name}«: \"fixed\" skal være true eller false, men er {value}; kursets forslag er brugt.",
        "note_decider": "»{name}«: beslutningstageren '{value}' findes ikke i kursusfilen; kursets forslag "
                        "er brugt.",
        "note_level": "»{name}«: indflydelsen '{value}' findes ikke i kursusfilen; kursets forslag er brugt.",
        "note_element": "»{name}«: svaret skal være et objekt med felterne fixed, decider og influence.",
        "note_schema1": "Gemt med en tidligere version af kurset: rammerne (fast eller elastisk, og hvem der "
                        "beslutter), som de stod, da du gemte, tæller nu som dine svar.",
    },
    en={
        "fixed": "Fixed",
        "elastic": "Elastic",
        "col_element": "Boundary",
        "col_fixed": "Fixed or elastic",
        "col_decider": "Who decides",
        "col_influence": "Partners' influence",
        "sheet_title": "Your boundary sheet: what is fixed, and where is there room to improvise?",
        "lane_fixed": "Fixed",
        "lane_elastic": "Elastic: room\nto improvise",
        "lane_decider": "Who decides",
        "sheet_alt": "Boundary sheet: the boundaries sorted into fixed and elastic, with who decides each",
        "sheet_alt_rows": "{alt}. {fixed_head}: {fixed}. {elastic_head}: {elastic}.",
        "none": "none",
        "name_fixed": "{name}: fixed or elastic",
        "name_decider": "{name}: who decides",
        "name_influence": "{name}: the partners' influence",
        "sheet_head": "Boundary sheet for the partners",
        "sheet_head_suggested": "The course's suggested boundary sheet",
        "sheet_count": "{fixed} of {n} boundaries are fixed, and {elastic} are elastic.",
        "sheet_no_fixed": "Nothing is fixed. Then the partners do not know what they can count on: which "
                          "boundaries must be fixed beyond discussion?",
        "sheet_no_elastic": "Nothing is elastic. Then there is no room to improvise together: where can the "
                            "partners have room to play?",
        "control_title": "Where do you keep control, and where do you share it?",
        "zone_kept": "You keep\ncontrol",
        "zone_shared": "Control is shared\nwith the partners",
        "col_frame": "The boundary",
        "status_fixed": "fixed",
        "status_elastic": "elastic",
        "tension_mark": "  (!)",
        "tension_note": "(!) see the text\nbelow the figure",
        "control_xlabel": "How much may the partners influence it?",
        "control_alt": "Bars showing how much the partners may influence each boundary",
        "count": "You keep control of {kept} and share it on {shared} of {n} boundaries.",
        "count_suggested": "With the course's suggestion you keep control of {kept} and share it on {shared} of {n} "
                           "boundaries.",
        "shared_list": "Shared with the partners: {names}.",
        "tensions_head": "Worth another look",
        "fixed_shared": "“{name}” is fixed, yet the partners' influence is “{level}”. Say clearly which part of "
                        "the boundary is open to negotiation.",
        "elastic_closed": "“{name}” is elastic, yet the partners' influence is only “{level}”. Who will use the "
                          "room to improvise?",
        "message": "The publication's point: co-creation requires the manager to be willing to let go of some "
                   "control and to live with some unpredictability.",
        "keep_all": "You share control of nothing. The partners may still contribute, but without real influence "
                    "they seldom share responsibility: where can you let go?",
        "share_all": "You share control of everything. What must be fixed beyond discussion, so that the partners "
                     "know what they can count on – and what will you say upward when the result cannot be "
                     "promised in advance?",
        "share_some": "The least predictable will be “{name}”, where the partners' influence is “{level}”. What "
                      "will you do if they take it somewhere you had not foreseen – and whom must you then talk "
                      "to upward?",
        "note_not_mapping": "the section must be an object with the field \"elements\".",
        "note_unknown": "the boundary '{id}' is not in the course file; its answers are not shown.",
        "note_fixed": "“{name}”: \"fixed\" must be true or false, but is {value}; the course's suggestion is used.",
        "note_decider": "“{name}”: the decider '{value}' is not in the course file; the course's suggestion is used.",
        "note_level": "“{name}”: the influence '{value}' is not in the course file; the course's suggestion is used.",
        "note_element": "“{name}”: the answer must be an object with the fields fixed, decider and influence.",
        "note_schema1": "Saved with an earlier version of the course: the boundaries (fixed or elastic, and who "
                        "decides), as they stood when you saved, now count as your answers.",
    },
)


def default_influence(element: FrameElement, levels: tuple[str, ...]) -> str:
    """The course's suggestion: fixed frames mostly kept, elastic ones shared more, most where decided together."""
    top = len(levels) - 1
    if element.fixed:
        share = 0.25
    elif element.decider in TOGETHER:
        share = 0.75
    else:
        share = 0.5
    return levels[round(share * top)]


def is_shared(index: int, n_levels: int) -> bool:
    """Levels in the upper half of the scale (from 'decide with us' up) share control; the rest keep it."""
    return index > (n_levels - 1) / 2


# ---------------------------------------------------------------------------------------------
# The model
@dataclass
class FramingModel:
    """Per frame element: fixed or elastic, who decides it, and how much the partners may influence it."""

    SECTION: ClassVar[str] = "framing"

    fixed: dict[str, bool]
    decider: dict[str, str]
    influence: dict[str, str]
    deciders: tuple[str, ...] = field(default=(), repr=False)  # the course's decider ids
    levels: tuple[str, ...] = field(default=(), repr=False)  # the course's influence levels, none to full
    # "fixed.<element>", "decider.<element>", "influence.<element>" (model.py's protocol)
    answered: set[str] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def for_course(cls, course: Course) -> FramingModel:
        fr = course.framing
        levels = tuple(lv.id for lv in fr.influence_levels)
        return cls(fixed={e.id: e.fixed for e in fr.frame_elements},
                   decider={e.id: e.decider for e in fr.frame_elements},
                   influence={e.id: default_influence(e, levels) for e in fr.frame_elements},
                   deciders=tuple(d.id for d in fr.deciders), levels=levels)

    def _check(self, element: str) -> None:
        if element not in self.fixed:
            raise KeyError(f"no frame element {element!r}; the course has {', '.join(self.fixed)}")

    def set_fixed(self, element: str, fixed: bool) -> None:
        self._check(element)
        if not isinstance(fixed, bool):
            raise ValueError(f"fixed must be True or False, got {fixed!r}")
        self.fixed[element] = fixed
        mark(self, "fixed", element)

    def set_decider(self, element: str, decider: str) -> None:
        self._check(element)
        if decider not in self.deciders:
            raise ValueError(f"no decider {decider!r}; the course has {', '.join(self.deciders)}")
        self.decider[element] = decider
        mark(self, "decider", element)

    def set_influence(self, element: str, level: str) -> None:
        self._check(element)
        if level not in self.levels:
            raise ValueError(f"no influence level {level!r}; the course has {', '.join(self.levels)}")
        self.influence[element] = level
        mark(self, "influence", element)

    def answer(self, what: str, element: str):
        """The participant's answer for an element ("fixed", "decider" or "influence"), or None if not given."""
        return getattr(self, what).get(element) if key(what, element) in self.answered else None

    def level_index(self, element: str) -> int:
        return self.levels.index(self.influence[element])

    def shared(self, element: str) -> bool:
        return is_shared(self.level_index(element), len(self.levels))

    def elements_shared(self, *, answered_only: bool = False) -> list[str]:
        return [e for e in self.fixed if self.shared(e) and (not answered_only or self.answer("influence", e))]

    def partners_decide(self, *, answered_only: bool = False) -> list[str]:
        """The elements the partners help decide: their influence is in the shared half of the scale, or the
        participant made them deciders ("Partnerne", "Vi og partnerne sammen"). With answered_only, by the
        participant's own answers only."""
        out = []
        for e in self.fixed:
            influence = self.answer("influence", e) if answered_only else self.influence[e]
            decider = self.answer("decider", e) if answered_only else self.decider[e]
            if (influence is not None and self.shared(e)) or decider in TOGETHER:
                out.append(e)
        return out

    def elements_kept(self) -> list[str]:
        return [e for e in self.fixed if not self.shared(e)]

    def tensions(self) -> list[tuple[str, str]]:
        """(element, kind): a fixed frame whose control is shared, or an elastic one the partners barely touch."""
        found = []
        for e in self.fixed:
            if self.fixed[e] and self.shared(e):
                found.append((e, "fixed_shared"))
            elif not self.fixed[e] and self.level_index(e) <= 1:
                found.append((e, "elastic_closed"))
        return found

    def to_dict(self) -> dict[str, Any]:
        return {"elements": {e: {"fixed": self.fixed[e], "decider": self.decider[e], "influence": self.influence[e]}
                             for e in self.fixed},
                ANSWERED_FIELD: dump_answered(self.answered)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], course: Course) -> tuple[FramingModel, list[str]]:
        t = TEXT[course.language]
        if not isinstance(data, dict) or not isinstance(data.get("elements", {}), dict):
            raise AnswerError(t["note_not_mapping"])
        model, notes = cls.for_course(course), []
        saved = saved_answered(data, course.language, notes)
        present: set[str] = set()
        for ident, answer in data.get("elements", {}).items():
            if ident not in model.fixed:
                notes.append(t["note_unknown"].format(id=user_text(str(ident), 40)))
                continue
            name = html.escape(course.by_id("frame_elements", ident).name)
            if not isinstance(answer, dict):
                notes.append(t["note_element"].format(name=name))
                continue
            if "fixed" in answer:
                if isinstance(answer["fixed"], bool):
                    model.fixed[ident] = answer["fixed"]
                    present.add(key("fixed", ident))
                else:
                    notes.append(t["note_fixed"].format(name=name, value=user_text(repr(answer["fixed"]), 40)))
            if "decider" in answer:
                if answer["decider"] in model.deciders:
                    model.decider[ident] = answer["decider"]
                    present.add(key("decider", ident))
                else:
                    notes.append(t["note_decider"].format(name=name, value=user_text(str(answer["decider"]), 40)))
            if "influence" in answer:
                if answer["influence"] in model.levels:
                    model.influence[ident] = answer["influence"]
                    present.add(key("influence", ident))
                else:
                    notes.append(t["note_level"].format(name=name, value=user_text(str(answer["influence"]), 40)))
        model.answered = restored_answered(saved, present)
        return model, notes


# ---------------------------------------------------------------------------------------------
# Shared by both widgets
class _Linked:
    """A widget on the shared model: after a change it tells its peers, which redraw from the model."""

    def __init__(self, course: Course, model: FramingModel):
        self.course = course
        self.t = TEXT[course.language]
        self.model = model
        self.peers: list[_Linked] = []
        self._syncing = False  # while the sliders are set from the model, their handlers do nothing
        self.errors = ErrorBoundary(course.language)

    def link(self, other: _Linked) -> None:
        if other.model is not self.model:
            raise ValueError("linked framing widgets must share one FramingModel")
        if other not in self.peers:
            self.peers.append(other)
        if self not in other.peers:
            other.peers.append(self)

    def changed(self, what: str) -> None:
        """After `what` ("fixed", "decider" or "influence") changed in the model: redraw here and in the peers."""
        self.sync(what)
        for peer in self.peers:
            peer.errors.guard(peer.sync)(what)  # a peer that cannot redraw says so itself

    def sync(self, what: str = "all") -> None:  # redraw from the model; a figure only when it shows `what`
        raise NotImplementedError

    def controls(self) -> dict[str, Any]:
        raise NotImplementedError

    def acted(self) -> bool:
        """Has the participant answered (or agreed to) anything this widget asks?"""
        return any(k in self.model.answered for k in self.controls())

    def agree(self) -> None:
        """"Jeg er enig i forslaget": what this widget shows is the participant's answer."""
        confirm(self.model, [k for k in self.controls() if k in shown_items(self.model)])
        self.changed("all")

    def answered_changed(self) -> None:
        """Saving confirmed what the widgets showed: redraw what they say about it."""
        self.sync("all")

    def show_answers(self, saved: FramingModel) -> None:
        """Show saved answers (the save box's "Hent mine gemte svar"): their values and what was answered go into
        the shared model, in place (both widgets and the save box keep pointing at it); the controls of this widget
        and of its peer follow without marking anything, and both redraw."""
        m = self.model
        for what in ("fixed", "decider", "influence"):
            kept = getattr(m, what)
            kept.update({e: v for e, v in getattr(saved, what).items() if e in kept})
        m.answered.clear()
        m.answered.update(saved.answered)
        self.changed("all")

    def _row_label(self, element: FrameElement):
        import ipywidgets as widgets

        return widgets.HTML(f"<b>{html.escape(element.name)}</b><br><small>{html.escape(element.description)}"
                            "</small>", layout=widgets.Layout(width="300px"))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def _names(course: Course, section: str) -> dict[str, str]:
    items = {"deciders": course.framing.deciders, "levels": course.framing.influence_levels,
             "elements": course.framing.frame_elements}[section]
    return {item.id: item.name for item in items}


# ---------------------------------------------------------------------------------------------
# Widget 1: chalk the pitch
class PitchFigure:
    """The frame sheet as a figure: one row per element, a box in the fixed or the elastic lane, who decides."""

    def __init__(self, course: Course, model: FramingModel):
        t = TEXT[course.language]
        self.course, self.t = course, t
        self.elements = course.framing.frame_elements
        self.decider_names = _names(course, "deciders")
        n = len(self.elements)
        self.fig = fig = new_figure(MAX_WIDTH, 1.6 + 0.62 * n)
        ax = self.ax = fig.add_subplot()
        ax.set_xlim(0, 12.6)
        ax.set_ylim(n - 0.35, -1.25)  # first element at the top
        ax.set_axis_off()
        fig.suptitle(t["sheet_title"], fontsize=15, fontweight="bold")
        # the lanes: the fixed one drawn with a solid chalk line, the elastic one with a dashed one
        ax.add_patch(Rectangle((0.05, -0.6), 3.9, n + 0.1, facecolor="#E3EEF6", edgecolor=PALETTE["blue"],
                               linewidth=2.5))
        ax.add_patch(Rectangle((4.15, -0.6), 3.9, n + 0.1, facecolor="#FCF1DC", edgecolor=PALETTE["orange"],
                               linewidth=2.5, linestyle=(0, (6, 4))))
        ax.text(2.0, -0.7, t["lane_fixed"], ha="center", va="bottom", fontsize=14, fontweight="bold")
        ax.text(6.1, -0.7, t["lane_elastic"], ha="center", va="bottom", fontsize=14, fontweight="bold")
        ax.text(8.4, -0.7, t["lane_decider"], ha="left", va="bottom", fontsize=14, fontweight="bold")
        self.boxes, self.labels, self.deciders = {}, {}, {}
        for row, e in enumerate(self.elements):
            box = FancyBboxPatch((0, row - 0.32), 3.5, 0.64, boxstyle="round,pad=0,rounding_size=0.12",
                                 linewidth=2)
            ax.add_patch(box)
            self.boxes[e.id] = box
            self.labels[e.id] = ax.text(0, row, e.name, ha="center", va="center", fontsize=13)
            self.deciders[e.id] = ax.text(8.4, row, "", ha="left", va="center", fontsize=13)
        for text in [*self.labels.values(), *self.deciders.values()]:
            text.set_parse_math(False)
        dynamic = [*self.boxes.values(), *self.labels.values(), *self.deciders.values()]
        # the values first, then the first render: the figure shows them from the start
        self.update(model)
        self.live = BlitLiveFigure(fig, dynamic, alt=t["sheet_alt"], lang=course.language)
        self.describe(model)

    def update(self, model: FramingModel) -> None:
        for e in self.elements:
            fixed = model.fixed[e.id]
            left = 0.25 if fixed else 4.35
            box = self.boxes[e.id]
            box.set_x(left)
            box.set_facecolor(PALETTE["blue"] if fixed else "white")
            box.set_edgecolor(PALETTE["blue"] if fixed else PALETTE["orange"])
            box.set_linestyle("solid" if fixed else (0, (4, 2)))
            label = self.labels[e.id]
            label.set_x(left + 1.75)
            label.set_color("white" if fixed else "black")
            label.set_fontweight("bold" if fixed else "normal")
            self.deciders[e.id].set_text(self.decider_names.get(model.decider[e.id], model.decider[e.id]))
        if hasattr(self, "live"):
            self.describe(model)

    def describe(self, model: FramingModel) -> None:
        t = self.t

        def who(e):
            return self.decider_names.get(model.decider[e.id], model.decider[e.id])

        def listed(fixed: bool) -> str:
            return "; ".join(f"{e.name} ({who(e)})" for e in self.elements if model.fixed[e.id] == fixed) or t["none"]

        alt = t["sheet_alt_rows"].format(alt=t["sheet_alt"], fixed_head=t["fixed"], fixed=listed(True),
                                         elastic_head=t["elastic"], elastic=listed(False))
        rows = [[e.name, t["fixed"] if model.fixed[e.id] else t["elastic"], who(e)] for e in self.elements]
        self.live.describe(alt, [t["col_element"], t["col_fixed"], t["col_decider"]], rows)

    def refresh(self, model: FramingModel) -> None:
        self.update(model)
        self.live.refresh()


class FrameSheetWidget(_Linked):
    """Per frame element a slider (fixed ↔ elastic) and a drop-down (who decides); a frame sheet as result."""

    def __init__(self, course: Course, model: FramingModel | None = None):
        import ipywidgets as widgets

        super().__init__(course, model or FramingModel.for_course(course))
        t = self.t
        self.pitch = PitchFigure(course, self.model)
        self.live = self.pitch.live
        self.sliders: dict[str, Any] = {}
        self.deciders: dict[str, Any] = {}
        decider_options = [(d.name, d.id) for d in course.framing.deciders]
        rows = [widgets.HBox([
            widgets.HTML(f"<b>{t['col_element']}</b>", layout=widgets.Layout(width="300px")),
            widgets.HTML(f"<b>{t['col_fixed']}</b>", layout=widgets.Layout(width="270px")),
            widgets.HTML(f"<b>{t['col_decider']}</b>"),
        ])]
        for e in course.framing.frame_elements:
            slider = widgets.SelectionSlider(options=[(t["fixed"], True), (t["elastic"], False)],
                                             value=self.model.fixed[e.id], continuous_update=True,
                                             layout=widgets.Layout(width="270px"))
            drop = widgets.Dropdown(options=decider_options, value=self.model.decider[e.id],
                                    layout=widgets.Layout(width="260px"))
            named(slider, t["name_fixed"].format(name=e.name), shown=False)  # the row's name, the column's heading
            slider.add_class("samskabelse-readout-7")  # every row's track as long, whatever its word (access.py)
            named(drop, t["name_decider"].format(name=e.name), shown=False)
            slider.observe(self.errors.guard(lambda ch, ident=e.id: self._fixed_changed(ident, ch["new"])),
                           names="value")
            drop.observe(self.errors.guard(lambda ch, ident=e.id: self._decider_changed(ident, ch["new"])),
                         names="value")
            self.sliders[e.id], self.deciders[e.id] = slider, drop
            rows.append(widgets.HBox([self._row_label(e), slider, drop], layout=widgets.Layout(align_items="center")))
        self.result = widgets.HTML(self.sheet())
        self.result.add_class("samskabelse-result")
        self.suggestion = SuggestionNote(course.language, self.errors.guard(self.agree))
        self.suggestion.update(self.acted())
        self.box = widgets.VBox([*rows, self.errors.alert, self.live.widget, self.result, self.suggestion.box])
        mark_widget(self.box, course.language, "samskabelse-framing", "samskabelse-framing-sheet")
        show_on_screen(self.model, self)

    def controls(self) -> dict[str, Any]:
        """The items this widget asks, each with its control (sections/protocol.py)."""
        return {**{f"fixed.{e}": s for e, s in self.sliders.items()},
                **{f"decider.{e}": d for e, d in self.deciders.items()}}

    def _fixed_changed(self, element: str, fixed: bool) -> None:
        if self._syncing:
            return
        self.model.set_fixed(element, fixed)
        self.changed("fixed")

    def _decider_changed(self, element: str, decider: str) -> None:
        if self._syncing:
            return
        self.model.set_decider(element, decider)
        self.changed("decider")

    def sync(self, what: str = "all") -> None:
        self._syncing = True
        try:  # the model may have been changed elsewhere (restored from a file, say)
            for e, slider in self.sliders.items():
                slider.value = self.model.fixed[e]
                self.deciders[e].value = self.model.decider[e]
        finally:
            self._syncing = False
        if what != "influence":  # the figure does not show the partners' influence; the table does
            self.pitch.refresh(self.model)
        self.result.value = self.sheet()
        self.suggestion.update(self.acted())

    def sheet(self) -> str:
        """The frame sheet as an HTML table: the fixed frames first, then the elastic ones."""
        t, m = self.t, self.model
        deciders, levels = _names(self.course, "deciders"), _names(self.course, "levels")
        elements = self.course.framing.frame_elements
        fixed = [e for e in elements if m.fixed[e.id]]
        elastic = [e for e in elements if not m.fixed[e.id]]
        body = []
        for group, label in ((fixed, t["fixed"]), (elastic, t["elastic"])):
            if not group:
                continue
            body.append(f"<tr><th colspan='3' style='text-align:left'>{html.escape(label)}</th></tr>")
            body += [f"<tr><td><b>{html.escape(e.name)}</b><br><small>{html.escape(e.description)}</small></td>"
                     f"<td>{html.escape(deciders[m.decider[e.id]])}</td>"
                     f"<td>{html.escape(levels[m.influence[e.id]])}</td></tr>" for e in group]
        count = t["sheet_count"].format(fixed=len(fixed), n=len(elements), elastic=len(elastic))
        head = t["sheet_head"] if self.acted() else t["sheet_head_suggested"]
        parts = [f"<p><b>{head}</b>. {count}</p>"]
        if not fixed:
            parts.append(f"<p><b>{t['sheet_no_fixed']}</b></p>")
        if not elastic:
            parts.append(f"<p><b>{t['sheet_no_elastic']}</b></p>")
        parts.append(f"<table class='samskabelse-frame-sheet'><thead><tr><th>{t['col_element']}</th>"
                     f"<th>{t['col_decider']}</th><th>{t['col_influence']}</th></tr></thead>"
                     f"<tbody>{''.join(body)}</tbody></table>")
        return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Widget 2: share control
class ControlFigure:
    """One bar per element, as long as the partners' influence; the kept and the shared zone behind them."""

    def __init__(self, course: Course, model: FramingModel):
        t = TEXT[course.language]
        self.course, self.t = course, t
        self.elements = course.framing.frame_elements
        levels = course.framing.influence_levels
        n, k = len(self.elements), len(levels)
        self.fig = fig = new_figure(MAX_WIDTH, 2.2 + 0.55 * n)
        ax = self.ax = fig.add_subplot()
        right = k - 0.5 + 1.5
        ax.set_xlim(-0.5, right)
        ax.set_ylim(n - 0.4, -1.3)
        split = next(i for i in range(k) if is_shared(i, k)) - 0.5 if k > 1 else k - 0.5
        ax.axvspan(-0.5, split, color="#E3EEF6", zorder=0)
        ax.axvspan(split, k - 0.5, color="#FCF1DC", zorder=0)
        ax.axvline(split, color="black", linewidth=1.5, linestyle=(0, (5, 3)))
        ax.text((split - 0.5) / 2, -0.75, t["zone_kept"], ha="center", va="center", fontsize=13, fontweight="bold",
                color=PALETTE["blue"])
        ax.text((split + k - 0.5) / 2, -0.75, t["zone_shared"], ha="center", va="center", fontsize=13,
                fontweight="bold", color="#8A5A00")
        ax.text(k - 0.5 + 0.15, -0.75, t["col_frame"], ha="left", va="center", fontsize=13, fontweight="bold")
        ax.set_yticks(range(n), [e.name for e in self.elements])
        ax.set_xticks(range(k), [textwrap.fill(lv.name, 11) for lv in levels])  # up to six names side by side
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(t["control_xlabel"], x=(k / 2) / (right + 0.5))  # centred under the scale
        ax.text(right - 0.05, n - 0.4 + 0.05, t["tension_note"], ha="right", va="top", fontsize=11,
                color="#333333", transform=ax.transData, clip_on=False)
        ax.spines["left"].set_visible(False)
        ax.spines["bottom"].set_bounds(-0.5, k - 0.5)
        fig.suptitle(t["control_title"], fontsize=15, fontweight="bold")
        self.bars = ax.barh(range(n), [0.5] * n, left=-0.5, height=0.56, linewidth=1.5, zorder=2)
        self.status = {e.id: ax.text(k - 0.5 + 0.15, row, "", ha="left", va="center", fontsize=12)
                       for row, e in enumerate(self.elements)}
        # the values first, then the first render: the figure shows them from the start
        self.update(model)
        self.live = BlitLiveFigure(fig, [*self.bars, *self.status.values()], alt=t["control_alt"],
                                   lang=course.language)
        self.describe(model)

    def update(self, model: FramingModel) -> None:
        tensions = {e for e, _ in model.tensions()}
        for bar, e in zip(self.bars, self.elements, strict=True):
            index = model.level_index(e.id)
            shared = model.shared(e.id)
            bar.set_width(index + 0.5)
            bar.set_facecolor(PALETTE["orange"] if shared else PALETTE["blue"])
            bar.set_edgecolor("black" if shared else PALETTE["blue"])
            bar.set_hatch("//" if shared else "")
            status = self.t["status_fixed"] if model.fixed[e.id] else self.t["status_elastic"]
            mark = self.t["tension_mark"] if e.id in tensions else ""
            self.status[e.id].set_text(status + mark)
            self.status[e.id].set_fontweight("bold" if mark else "normal")
        if hasattr(self, "live"):
            self.describe(model)

    def describe(self, model: FramingModel) -> None:
        t, levels = self.t, _names(self.course, "levels")
        tensions = {e for e, _ in model.tensions()}
        rows = [[e.name, levels[model.influence[e.id]],
                 (t["status_fixed"] if model.fixed[e.id] else t["status_elastic"])
                 + (t["tension_mark"] if e.id in tensions else "")] for e in self.elements]
        alt = t["control_alt"] + ": " + "; ".join(f"{name} {level} ({status.strip()})" for name, level, status in rows)
        self.live.describe(alt, [t["col_element"], t["col_influence"], t["col_frame"]], rows)

    def refresh(self, model: FramingModel) -> None:
        self.update(model)
        self.live.refresh()


class ControlWidget(_Linked):
    """Per frame element a slider from no influence to full influence; where control is kept or shared."""

    def __init__(self, course: Course, model: FramingModel | None = None):
        import ipywidgets as widgets

        super().__init__(course, model or FramingModel.for_course(course))
        t = self.t
        self.chart = ControlFigure(course, self.model)
        self.live = self.chart.live
        options = [(lv.name, lv.id) for lv in course.framing.influence_levels]
        self.sliders: dict[str, Any] = {}
        rows = [widgets.HBox([
            widgets.HTML(f"<b>{t['col_element']}</b>", layout=widgets.Layout(width="300px")),
            widgets.HTML(f"<b>{t['col_influence']}</b>"),
        ])]
        for e in course.framing.frame_elements:
            slider = widgets.SelectionSlider(options=options, value=self.model.influence[e.id],
                                             continuous_update=True, layout=widgets.Layout(width="380px"))
            named(slider, t["name_influence"].format(name=e.name), shown=False)
            slider.add_class("samskabelse-readout-9")  # every row's track as long, whatever its word (access.py)
            slider.observe(self.errors.guard(lambda ch, ident=e.id: self._influence_changed(ident, ch["new"])),
                           names="value")
            self.sliders[e.id] = slider
            rows.append(widgets.HBox([self._row_label(e), slider], layout=widgets.Layout(align_items="center")))
        self.result = widgets.HTML(self.reflection())
        self.result.add_class("samskabelse-result")
        self.suggestion = SuggestionNote(course.language, self.errors.guard(self.agree))
        self.suggestion.update(self.acted())
        self.box = widgets.VBox([*rows, self.errors.alert, self.live.widget, self.result, self.suggestion.box])
        mark_widget(self.box, course.language, "samskabelse-framing", "samskabelse-framing-control")
        show_on_screen(self.model, self)

    def controls(self) -> dict[str, Any]:
        """The items this widget asks, each with its control (sections/protocol.py)."""
        return {f"influence.{e}": s for e, s in self.sliders.items()}

    def _influence_changed(self, element: str, level: str) -> None:
        if self._syncing:
            return
        self.model.set_influence(element, level)
        self.changed("influence")

    def sync(self, what: str = "all") -> None:
        self._syncing = True
        try:
            for e, slider in self.sliders.items():
                slider.value = self.model.influence[e]
        finally:
            self._syncing = False
        if what != "decider":  # the figure does not show who decides
            self.chart.refresh(self.model)
        self.result.value = self.reflection()
        self.suggestion.update(self.acted())

    def reflection(self) -> str:
        """Where control is kept and shared, what looks inconsistent, and a question about unpredictability."""
        t, m = self.t, self.model
        names, levels = _names(self.course, "elements"), _names(self.course, "levels")
        labels = BASIS_LABELS[self.course.language]
        shared, kept = m.elements_shared(), m.elements_kept()
        count = t["count" if self.acted() else "count_suggested"]
        parts = [f"<p><b>{count.format(kept=len(kept), shared=len(shared), n=len(m.fixed))}</b>"]
        if shared:
            parts.append(" " + t["shared_list"].format(names=", ".join(html.escape(names[e]) for e in shared)))
        parts.append("</p>")
        tensions = m.tensions()
        if tensions:
            items = "".join(
                f"<li>{html.escape(t[kind].format(name=names[e], level=levels[m.influence[e]]))}</li>"
                for e, kind in tensions)
            parts.append(f"<p><b>{t['tensions_head']}</b></p><ul>{items}</ul>")
        parts.append(f"<p><i>{html.escape(t['message'])}</i> <small>({html.escape(labels['publication'])})"
                     "</small></p>")
        if not shared:
            parts.append(f"<p>{html.escape(t['keep_all'])}</p>")
        elif not kept:
            parts.append(f"<p>{html.escape(t['share_all'])}</p>")
        else:
            most = max(shared, key=lambda e: (m.level_index(e), -list(m.fixed).index(e)))
            text = t["share_some"].format(name=names[most], level=levels[m.influence[most]])
            parts.append(f"<p>{html.escape(text)}</p>")
        return "".join(parts)


# ---------------------------------------------------------------------------------------------
def chalk_the_pitch(course: Course, model: FramingModel | None = None) -> FrameSheetWidget:
    """Sort the frame elements into fixed and elastic and say who decides each: the frame sheet."""
    return FrameSheetWidget(course, model)


def share_control(course: Course, pitch: FrameSheetWidget | FramingModel | None = None) -> ControlWidget:
    """How much the partners may influence each frame element; linked to the frame sheet when given one."""
    if isinstance(pitch, FrameSheetWidget):
        control = ControlWidget(course, pitch.model)
        control.link(pitch)
        return control
    return ControlWidget(course, pitch)


from samskabelse.sections.framing.views import DEFINITION as DEFINITION  # noqa: E402  (it uses the names above)
