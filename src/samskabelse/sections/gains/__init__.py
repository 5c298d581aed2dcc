"""Weigh the gains of co-creation (notebook 02), and read them beside what co-creation demands.

    gains = weigh_gains(course)        # two sliders per gain, up to course.own_gains_max own gains, a figure
                                       # and a motivation statement naming the leading gains
    demands = weigh_demands(gains)     # time, resources, letting go of control, the partners' readiness;
                                       # a figure placing the project by gains against demands

Both widgets edit one GainsModel (SECTION "gains"). The numbers are the manager's own ratings, added up
by the course's working model (see `gains_score`, `demands_score`, `read_balance`): they start a
conversation, they never decide whether to co-create.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

from matplotlib.transforms import Affine2D, ScaledTranslation

from samskabelse.base import i18n
from samskabelse.base.i18n import Texts, join_names
from samskabelse.course import ARTICLES, Course
from samskabelse.sections.protocol import (
    ANSWERED_FIELD,
    AnswerError,
    dump_answered,
    is_answered,
    key,
    mark,
    restored_answered,
    saved_answered,
    show_on_screen,
    unmark,
)
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.answering import NOT_RATED, not_rated, rated, rating_options
from samskabelse.widgets.display import BASIS_LABELS, HTMLText, own_words, user_text
from samskabelse.widgets.figures import PALETTE, BandedPNG, BlitLiveFigure, figure_text, new_figure
from samskabelse.widgets.guard import ErrorBoundary

SECTION = "gains"
LOW, HIGH = 0, 5  # every rating is a whole number on this scale
OWN_NAME_MAX = 40  # longer own gain names are shortened (and the user is told)
LEADING_MAX = 3  # the motivation statement names at most this many gains (the rules are course.gains_rules)
MOTIVATION_MAX = 800  # characters of the manager's own motivation (free text)

TEXT = Texts(
    da={
        # the weighing widget
        "intro": "Vurder hver gevinst for <b>dit</b> projekt. <b>Vigtighed</b>: hvor vigtig er gevinsten for "
        "jer? <b>Sandsynlighed</b>: hvor sandsynligt er det, at I opnår den med dette projekt? "
        "0 = slet ikke, 5 = helt afgørende / næsten sikkert.",
        "col_gain": "Gevinst", "col_importance": "Vigtighed (0–5)", "col_likelihood": "Sandsynlighed (0–5)",
        "importance": "Vigtighed", "likelihood": "Sandsynlighed",
        "own_heading": "<b>{label}</b> – op til {max} gevinster, du selv navngiver. {help} Tryk Enter efter navnet.",
        "own_slot": "Egen gevinst {n}",
        "fig_title": "Gevinsterne for dit projekt: vigtighed og sandsynlighed",
        "fig_xlabel": "0 = slet ikke · 5 = helt afgørende / næsten sikkert",
        "rank": "nr. {n}",
        "statement_heading": "Din motivation, som den ser ud nu",
        "statement_note": "Genereret ud fra dine skydere. Ret gerne ordene, når du bruger den.",
        "own_name": "Egen gevinst {n}: navn",
        "alt": "Søjlediagram: gevinsterne for dit projekt, vigtighed og sandsynlighed fra 0 til 5. {rows}",
        "alt_row": "{name}: vigtighed {importance}, sandsynlighed {likelihood}{rank}",
        "alt_rank": " (nr. {n})",
        "alt_none": "Ingen gevinster er vægtet endnu.",
        "col_rank": "Placering",
        # messages about own gains
        "own_no_name": "Egen gevinst {n} har værdier, men intet navn. Giv den et navn, ellers tæller den ikke med.",
        "own_duplicate": "»{name}« står allerede på listen. Vægt den dér, eller giv egen gevinst {n} et andet navn.",
        "own_long": "Navnet på egen gevinst {n} var over {max} tegn og er forkortet til »{name}«.",
        "own_too_many": "Der er plads til {max} egne gevinster; »{name}« er ikke taget med.",
        # notes when saved answers are read back
        "note_not_mapping": "feltet »{field}« skal være et objekt med felter, men er {got}; det er sprunget over.",
        "note_not_list": "feltet »{field}« skal være en liste, men er {got}; det er sprunget over.",
        "note_unknown_gain": "gevinsten »{id}« findes ikke i dette kursus; den er ikke vist.",
        "note_unknown_demand": "kravet »{id}« findes ikke i dette kursus; det er ikke vist.",
        "note_not_number": "{what} for »{name}« er ikke et helt tal ({value}); brugt {used}.",
        "note_range": "{what} for »{name}« er {value}, men skal være mellem 0 og 5; brugt {used}.",
        "note_missing_gain": "gevinsten »{name}« var ikke med i de gemte svar; den regnes som ikke vægtet.",
        "note_unknown_field": "feltet »{field}« kendes ikke og er sprunget over.",
        "own_entry": "egen gevinst {n}",
        "note_not_text": "feltet »{field}« skal være tekst, men er {got}; det er sprunget over.",
        "note_schema1": "Gemt med en tidligere version af kurset. Den viste også en skyder, du ikke havde flyttet, "
        "med et tal og regnede med det: {names}. Tallet tæller nu som dit svar.",
        # the manager's own words
        "own_words_label": "Din motivation med dine egne ord",
        "own_words_help": "Udkastet ovenfor er kursets. Skriv her, hvorfor I vil samskabe, sådan som du ville sige "
        "det – fx til direktionen. Den kommer med, når du gemmer dine svar, og står på din plan (07) før udkastet.",
        "own_words_placeholder": "Vi vil samskabe, fordi …",
        # the motivation statement
        "none_weighed": "Du har endnu ikke vægtet nogen gevinster. Flyt skyderne: hvor vigtig er hver gevinst for "
        "dit projekt, og hvor sandsynligt er det, at I opnår den med projektet?",
        # The sentences agree with the gain's noun (course file: article en/et); a gain without one (an own gain,
        # a facilitator's new gain) gets a sentence about "gevinsten", which agrees with any name.
        "leading": "Vi vil samskabe i dette projekt, fordi det især kan give os {these}: {names}.",
        "leading_these_one": "denne gevinst", "leading_these_many": "disse gevinster",
        "leading_one_en": "Den er vigtig for os, og vi regner med, at vi kan opnå den.",
        "leading_one_et": "Det er vigtigt for os, og vi regner med, at vi kan opnå det.",
        "leading_one_": "Gevinsten er vigtig for os, og vi regner med, at vi kan opnå den.",
        "leading_many": "De er vigtige for os, og vi regner med, at vi kan opnå dem.",
        "doubtful_one_en": "Vi finder også {names} vigtig, men tvivler på, at vi kan opnå den med dette projekt – "
        "{discuss}",
        "doubtful_one_et": "Vi finder også {names} vigtigt, men tvivler på, at vi kan opnå det med dette projekt – "
        "{discuss}",
        "doubtful_one_": "Også {names} er en vigtig gevinst for os, men vi tvivler på, at vi kan opnå den med dette "
        "projekt – {discuss}",
        "doubtful_many": "Vi finder også {names} vigtige, men tvivler på, at vi kan opnå dem med dette projekt – "
        "{discuss}",
        "discuss": "det er værd at drøfte, om samskabelse er vejen dertil.",
        "no_leading": "Ingen gevinst står endnu stærkt: ingen er vurderet til mindst {importance} i vigtighed og "
        "{likelihood} i sandsynlighed. "
        "Hvad er det egentlig, samskabelse skal give i dette projekt?",
        "source": "Kilde", "source_split": "Navnet: {name}. Forklaringen: {text}.",
        "source_demand_split": "Kravet: {name}. Spørgsmålet: {text}.",
    },
    en={
        "intro": "Rate each gain for <b>your</b> project. <b>Importance</b>: how important is the gain to you? "
        "<b>Likelihood</b>: how likely are you to achieve it with this particular project? "
        "0 = not at all, 5 = decisive / almost certain.",
        "col_gain": "Gain", "col_importance": "Importance (0–5)", "col_likelihood": "Likelihood (0–5)",
        "importance": "Importance", "likelihood": "Likelihood",
        "own_heading": "<b>{label}</b> – up to {max} gains you name yourself. {help} Press Enter after the name.",
        "own_slot": "Own gain {n}",
        "fig_title": "The gains of your project: importance and likelihood",
        "fig_xlabel": "0 = not at all · 5 = decisive / almost certain",
        "rank": "no. {n}",
        "statement_heading": "Your motivation as it stands",
        "statement_note": "Generated from your sliders. Do adjust the wording when you use it.",
        "own_name": "Own gain {n}: name",
        "alt": "Bar chart: the gains of your project, importance and likelihood from 0 to 5. {rows}",
        "alt_row": "{name}: importance {importance}, likelihood {likelihood}{rank}",
        "alt_rank": " (no. {n})",
        "alt_none": "No gains weighed yet.",
        "col_rank": "Rank",
        "own_no_name": "Own gain {n} has values but no name. Give it a name, or it will not count.",
        "own_duplicate": "“{name}” is already on the list. Weigh it there, or give own gain {n} another name.",
        "own_long": "The name of own gain {n} was over {max} characters and has been shortened to “{name}”.",
        "own_too_many": "There is room for {max} own gains; “{name}” has been left out.",
        "note_not_mapping": "the field “{field}” must be an object with fields but is {got}; it was skipped.",
        "note_not_list": "the field “{field}” must be a list but is {got}; it was skipped.",
        "note_unknown_gain": "the gain “{id}” is not in this course; it is not shown.",
        "note_unknown_demand": "the demand “{id}” is not in this course; it is not shown.",
        "note_not_number": "{what} for “{name}” is not a whole number ({value}); {used} used instead.",
        "note_range": "{what} for “{name}” is {value} but must be between 0 and 5; {used} used instead.",
        "note_missing_gain": "the gain “{name}” was not in the saved answers; it counts as not weighed.",
        "note_unknown_field": "the field “{field}” is not known and was skipped.",
        "own_entry": "own gain {n}",
        "note_not_text": "the field “{field}” must be text but is {got}; it was skipped.",
        "note_schema1": "Saved with an earlier version of the course. It also showed a slider you had not moved "
        "with a number and counted it: {names}. That number now counts as your answer.",
        "own_words_label": "Your motivation in your own words",
        "own_words_help": "The draft above is the course's. Write here why you want to co-create, as you would say "
        "it – to the executive board, say. It is saved when you save your answers, and your plan (07) prints it "
        "before the draft.",
        "own_words_placeholder": "We want to co-create because …",
        "none_weighed": "You have not weighed any gains yet. Move the sliders: how important is each gain to your "
        "project, and how likely are you to achieve it with the project?",
        # English needs no article: the sentences refer to "that gain", or say "that", whatever the name's number
        "leading": "We want to co-create in this project above all for {names}.",
        "leading_these_one": "", "leading_these_many": "",
        "leading_one_en": "That gain matters to us, and we expect to achieve it.",
        "leading_one_et": "That gain matters to us, and we expect to achieve it.",
        "leading_one_": "That gain matters to us, and we expect to achieve it.",
        "leading_many": "These gains matter to us, and we expect to achieve them.",
        "doubtful_one_en": "We also consider {names} important but doubt that we can achieve that with this project "
        "– {discuss}",
        "doubtful_one_et": "We also consider {names} important but doubt that we can achieve that with this project "
        "– {discuss}",
        "doubtful_one_": "We also consider {names} important but doubt that we can achieve that with this project – "
        "{discuss}",
        "doubtful_many": "We also consider {names} important but doubt that we can achieve them with this project "
        "– {discuss}",
        "discuss": "it is worth discussing whether co-creation is the way to get there.",
        "no_leading": "No gain stands out yet: none is rated at least {importance} for importance and {likelihood} "
        "for likelihood. What exactly "
        "should co-creation bring to this project?",
        "source": "Source", "source_split": "The name: {name}. The explanation: {text}.",
        "source_demand_split": "The demand: {name}. The question: {text}.",
    },
)


# ---------------------------------------------------------------------------------------------
# Small helpers
def format_number(value: float, lang: str, decimals: int = 1) -> str:
    """3.25 -> "3,3" in Danish, "3.3" in English (half away from zero)."""
    return i18n.format_number(value, lang, decimals, half_up=True)


def in_sentence(name: str) -> str:
    """A course gain's name inside a sentence: "Kvalitet" -> "kvalitet", but "IT-løsning" stays as it is."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def clean_name(text: object) -> str:
    """An own gain's name as the model keeps it: whitespace collapsed (shortening is done by clean_own_gains)."""
    return " ".join(str(text if text is not None else "").split())


def _key(name: str) -> str:
    return clean_name(name).casefold()


# ---------------------------------------------------------------------------------------------
# The model
@dataclass
class Weighing:
    """One gain, rated twice on 0-5: how important it is, and how likely the project is to deliver it."""

    importance: int = 0
    likelihood: int = 0

    @property
    def product(self) -> int:
        """importance x likelihood (0-25), as in a risk matrix: how strongly the gain stands, not an expected value."""
        return self.importance * self.likelihood


@dataclass
class OwnGain:
    """A gain the participant names; each rating None until set ("– ikke vurderet –")."""

    name: str
    importance: int | None = None
    likelihood: int | None = None

    @property
    def weighing(self) -> Weighing:
        return Weighing(self.importance or 0, self.likelihood or 0)


@dataclass(frozen=True)
class Rated:
    """A gain as the figures and statements use it: a course gain or an own gain, with its two ratings as the
    participant gave them (None: not rated, shown as "ikke vurderet", never as 0)."""

    key: str  # the course gain's id, or "own:<n>"
    name: str  # as shown (an own gain's name as typed, not escaped)
    importance: int | None
    likelihood: int | None
    own: bool = False
    article: str = ""  # a course gain's Danish article (en/et), "" when the course file gives none (own gains)

    @property
    def both(self) -> bool:
        """Both ratings given: only then does the gain have a place among the others."""
        return self.importance is not None and self.likelihood is not None

    @property
    def product(self) -> int | None:
        """importance x likelihood (0-25), or None unless both are rated."""
        return self.importance * self.likelihood if self.both else None

    @property
    def weighed(self) -> bool:
        """Rated by the participant, at least one of the two (a deliberate 0 is weighed too)."""
        return self.importance is not None or self.likelihood is not None


def _check(value: Any, what: str) -> int:
    if value is None:  # not rated
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise ValueError(f"{what} must be a whole number from {LOW} to {HIGH}, got {value!r}")
    if not LOW <= value <= HIGH:
        raise ValueError(f"{what} must be between {LOW} and {HIGH}, got {value}")
    return int(value)


@dataclass
class GainsModel:
    """What a manager answered in notebook 02: the gains weighed, own gains, and what co-creation demands."""

    SECTION: ClassVar[str] = SECTION

    gains: dict[str, Weighing] = field(default_factory=dict)  # course gain id -> weighing
    own: list[OwnGain] = field(default_factory=list)  # valid, named own gains (at most course.own_gains_max)
    demands: dict[str, int] = field(default_factory=dict)  # course demand id -> 0-5
    motivation: str = ""  # the manager's own motivation, in their own words (beside the generated statement)
    # "gains.<id>.importance", "gains.<id>.likelihood", "demands.<id>", "own", "motivation" (model.py's protocol)
    answered: set[str] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def for_course(cls, course: Course) -> GainsModel:
        """Every gain and demand of the course at 0: nothing weighed yet."""
        return cls(gains={g.id: Weighing() for g in course.gains}, own=[],
                   demands={d.id: 0 for d in course.demands})

    # -- changing it ---------------------------------------------------------------------------
    def rate(self, gain_id: str, *, importance: int | None = None, likelihood: int | None = None) -> None:
        if gain_id not in self.gains:
            raise KeyError(f"no gain with id {gain_id!r}; the gains are {', '.join(self.gains)}")
        w = self.gains[gain_id]
        if importance is not None:
            w.importance = _check(importance, f"importance of {gain_id!r}")
            mark(self, "gains", gain_id, "importance")
        if likelihood is not None:
            w.likelihood = _check(likelihood, f"likelihood of {gain_id!r}")
            mark(self, "gains", gain_id, "likelihood")

    def clear(self, gain_id: str, measure: str) -> None:
        """Take a rating back ("– ikke vurderet –"): not answered, and back at 0 in the saved values."""
        if gain_id not in self.gains or measure not in ("importance", "likelihood"):
            raise KeyError(f"no rating {measure!r} of a gain {gain_id!r}")
        setattr(self.gains[gain_id], measure, LOW)
        unmark(self, "gains", gain_id, measure)

    def set_demand(self, demand_id: str, value: int | None) -> None:
        """Rate a demand (0-5); None takes the rating back ("– ikke vurderet –")."""
        if demand_id not in self.demands:
            raise KeyError(f"no demand with id {demand_id!r}; the demands are {', '.join(self.demands)}")
        if value is None:
            self.demands[demand_id] = LOW
            unmark(self, "demands", demand_id)
            return
        self.demands[demand_id] = _check(value, f"demand {demand_id!r}")
        mark(self, "demands", demand_id)

    def set_motivation(self, text: str) -> None:
        """The manager's own motivation, in their own words (plain text, at most MOTIVATION_MAX characters).
        Answered while it holds text."""
        self.motivation = own_words(text, MOTIVATION_MAX)
        (mark if self.motivation.strip() else unmark)(self, "motivation")

    def set_own(self, entries: list[tuple[str, int, int]], course: Course) -> list[str]:
        """Replace the own gains with `entries` (name, importance, likelihood), one per input row.

        Returns messages, in the course's language, about rows left out or shortened: an empty name
        with values, a name already on the list, a name too long, more rows than the course allows.
        """
        own, messages = clean_own_gains(entries, course)
        self.own = own
        # answered while an own gain is named (the rows are what the participant typed and set)
        (mark if own else unmark)(self, "own")
        return messages

    def rating(self, gain_id: str, measure: str) -> float | None:
        """A course gain's importance or likelihood (0-5), or their product (0-25, as in a risk matrix), or None
        when the participant did not give it (the product needs both); a deliberate 0 is 0."""
        w = self.gains.get(gain_id)
        parts = ("importance", "likelihood") if measure == "product" else (measure,)
        if w is None or not all(is_answered(self, "gains", gain_id, m) for m in parts):
            return None
        return {"importance": w.importance, "likelihood": w.likelihood, "product": w.product}[measure]

    def demand(self, demand_id: str) -> int | None:
        """A demand's rating, or None when the participant did not give it."""
        if demand_id not in self.demands or not is_answered(self, "demands", demand_id):
            return None
        return self.demands[demand_id]

    # -- reading it ----------------------------------------------------------------------------
    def rated(self, course: Course) -> list[Rated]:
        """The course's gains in course order, then the own gains; a rating not given is None."""
        out = [Rated(g.id, g.name, self.rating(g.id, "importance"), self.rating(g.id, "likelihood"),
                     article=g.article) for g in course.gains]
        out += [Rated(f"own:{i}", o.name, o.importance, o.likelihood, own=True) for i, o in enumerate(self.own)]
        return out

    # -- saving ------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "gains": {gid: {"importance": w.importance, "likelihood": w.likelihood} for gid, w in self.gains.items()},
            "own": [{"name": o.name, "importance": o.importance, "likelihood": o.likelihood} for o in self.own],
            "demands": dict(self.demands),
            "motivation": self.motivation,
            ANSWERED_FIELD: dump_answered(self.answered),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], course: Course) -> tuple[GainsModel, list[str]]:
        """The model from saved answers, matched to the course by id; every mismatch becomes a note."""
        t = TEXT[course.language]
        if not isinstance(data, dict):
            raise AnswerError(t["note_not_mapping"].format(field=SECTION, got=type(data).__name__))
        model, notes = cls.for_course(course), []
        for field_name in data:
            if field_name not in ("gains", "own", "demands", "motivation", ANSWERED_FIELD):
                notes.append(t["note_unknown_field"].format(field=user_text(field_name, 60)))
        saved = saved_answered(data, course.language, notes)
        present: set[str] = set()
        usable = [True]  # whether the last value() could be used as it was saved
        motivation = data.get("motivation")
        if isinstance(motivation, str):
            model.motivation = own_words(motivation, MOTIVATION_MAX)
            if model.motivation:  # an old file never has it; an empty text is not an answer worth showing
                present.add("motivation")
        elif motivation is not None:
            notes.append(t["note_not_text"].format(field="motivation", got=_show_raw(motivation)))

        def value(raw: Any, what: str, name: str) -> int:
            usable[0] = False
            if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
                notes.append(t["note_not_number"].format(what=what, name=name, value=_show_raw(raw), used=LOW))
                return LOW
            usable[0] = True  # out of range, it is still the participant's answer, brought within the scale
            used = min(HIGH, max(LOW, int(round(raw))))
            if raw != used:
                key = "note_range" if not LOW <= raw <= HIGH else "note_not_number"
                notes.append(t[key].format(what=what, name=name, value=_show_raw(raw), used=used))
            return used

        names = {g.id: g.name for g in course.gains}
        gains = data.get("gains", {})
        if not isinstance(gains, dict):
            notes.append(t["note_not_mapping"].format(field="gains", got=type(gains).__name__))
            gains = {}
        for gid, entry in gains.items():
            if gid not in names:
                notes.append(t["note_unknown_gain"].format(id=user_text(gid, 60)))
                continue
            if not isinstance(entry, dict):
                notes.append(t["note_not_mapping"].format(field=f"gains.{gid}", got=type(entry).__name__))
                continue
            weighing = Weighing()
            for measure in ("importance", "likelihood"):
                if measure in entry:
                    setattr(weighing, measure, value(entry[measure], t[measure], names[gid]))
                    if usable[0]:
                        present.add(key("gains", gid, measure))
            model.gains[gid] = weighing
        if gains and saved is None:  # an old file held every gain; a gain missing from it is worth a note
            notes += [t["note_missing_gain"].format(name=g.name) for g in course.gains if g.id not in gains]

        own = data.get("own", [])
        if not isinstance(own, list):
            notes.append(t["note_not_list"].format(field="own", got=type(own).__name__))
            own = []
        rows = []
        for i, entry in enumerate(own, 1):
            label = t["own_entry"].format(n=i)
            if not isinstance(entry, dict):
                notes.append(t["note_not_mapping"].format(field=f"own[{i - 1}]", got=type(entry).__name__))
                continue
            name = entry.get("name", "")
            shown = clean_name(name) or label
            # a rating saved as null (or not saved) was not given: "– ikke vurderet –"
            rows.append((name if isinstance(name, str) else "",
                         *(None if entry.get(m) is None else value(entry[m], t[m], shown)
                           for m in ("importance", "likelihood"))))
        model.own, own_notes = clean_own_gains(rows, course)
        notes += own_notes
        if model.own:  # answered while an own gain is named
            present.add("own")

        demand_names = {d.id: d.name for d in course.demands}
        demands = data.get("demands", {})
        if not isinstance(demands, dict):
            notes.append(t["note_not_mapping"].format(field="demands", got=type(demands).__name__))
            demands = {}
        for did, raw in demands.items():
            if did not in demand_names:
                notes.append(t["note_unknown_demand"].format(id=user_text(did, 60)))
                continue
            model.demands[did] = value(raw, demand_names[did], demand_names[did])
            if usable[0]:
                present.add(key("demands", did))
        model.answered = restored_answered(saved, present, legacy_unanswered(model))
        return model, notes


def migrate_schema1(model: GainsModel, course: Course) -> list[str]:
    """A gains section saved under schema 1 (sections/definition.py's migrate), read as that version showed it.

    That version showed every slider with a number and counted a gain as weighed once either of its sliders was
    moved: the other one's value (0, unless moved) was drawn and used. So the other rating of a gain rated once
    now counts as answered; a gain left at 0 and 0 stays not rated, as do the demands it left out (all of them
    when all stood at 0). An own gain at 0 and 0 was shown as not weighed: its ratings become "not rated". Returns
    a note (HTML-safe) naming the gains whose untouched rating now counts."""
    t = TEXT[course.language]
    completed = []
    for g in course.gains:
        given = [m for m in ("importance", "likelihood") if key("gains", g.id, m) in model.answered]
        if len(given) == 1:
            other = "likelihood" if given[0] == "importance" else "importance"
            mark(model, "gains", g.id, other)
            completed.append(f"{user_text(g.name, 100)} ({t[other].lower()} "
                             f"{getattr(model.gains[g.id], other)})")
    for o in model.own:
        if not o.importance and not o.likelihood:
            o.importance = o.likelihood = None
    if model.own:
        mark(model, "own")
    if model.motivation.strip():
        mark(model, "motivation")
    return [t["note_schema1"].format(names=join_names(completed, course.language))] if completed else []


def legacy_unanswered(model: GainsModel) -> set[str]:
    """In a file saved before answers were recorded (model.py): what the widget of that time could not tell from
    untouched, and so showed as not weighed: a gain rated 0 and 0, and the demands when every one is 0."""
    out = {key("gains", gid, m) for gid, w in model.gains.items() if w.importance == 0 and w.likelihood == 0
           for m in ("importance", "likelihood")}
    if not any(model.demands.values()):
        out |= {key("demands", did) for did in model.demands}
    return out


def _show_raw(raw: Any) -> str:
    return user_text(repr(raw) if not isinstance(raw, str) else f'"{raw}"', 40)


def clean_own_gains(entries: list[tuple[Any, int | None, int | None]],
                    course: Course) -> tuple[list[OwnGain], list[str]]:
    """Own gains from input rows (name, importance, likelihood), and messages about the rows left out.

    A rating None is not given ("– ikke vurderet –"). A row with no name counts only as a message (and only when
    a rating is given); a name already on
    the list (a course gain or an earlier row, ignoring case) is left out; a name over OWN_NAME_MAX
    characters is shortened; rows beyond the course's maximum are left out. Messages are plain text.
    """
    t = TEXT[course.language]
    taken = {_key(g.name) for g in course.gains} | {_key(g.id) for g in course.gains}
    own, messages = [], []
    for n, (raw_name, importance, likelihood) in enumerate(entries, 1):
        name = clean_name(raw_name)
        if not name:
            if importance is not None or likelihood is not None:
                messages.append(t["own_no_name"].format(n=n))
            continue
        if len(name) > OWN_NAME_MAX:
            name = name[: OWN_NAME_MAX - 1].rstrip() + "…"
            messages.append(t["own_long"].format(n=n, max=OWN_NAME_MAX, name=name))
        if _key(name) in taken:
            messages.append(t["own_duplicate"].format(n=n, name=name))
            continue
        if len(own) >= course.own_gains_max:
            messages.append(t["own_too_many"].format(max=course.own_gains_max, name=name))
            continue
        taken.add(_key(name))
        own.append(OwnGain(name, _check(importance, "importance"), _check(likelihood, "likelihood")))
    return own, messages


# ---------------------------------------------------------------------------------------------
# What the answers add up to (the course's working model)
def ranked(gains: list[Rated], order: dict[str, int]) -> list[Rated]:
    """The gains rated on both scales, strongest first: by the weaker of the two ratings (a gain stands only as
    strongly as its weaker side, as the rules' thresholds read it: 5 and 2 does not outrank 3 and 3), then by
    importance x likelihood (a risk matrix's product, 0-25, not an expected value), then the more important, then
    the course's order."""
    return sorted(gains, key=lambda r: (-min(r.importance, r.likelihood), -r.product, -r.importance, order[r.key]))


def _meeting(model: GainsModel, course: Course, rule) -> list[Rated]:
    rated = model.rated(course)
    order = {r.key: i for i, r in enumerate(rated)}
    return ranked([r for r in rated if r.both and r.importance >= rule.importance
                   and r.likelihood >= rule.likelihood], order)


def leading_gains(model: GainsModel, course: Course) -> list[Rated]:
    """The gains that stand out: rated at least the course's `lead` (3 and 3) on both scales, the strongest
    first, at most LEADING_MAX (course.gains_rules)."""
    return _meeting(model, course, course.gains_rules.lead)[:LEADING_MAX]


def carrying_gains(model: GainsModel, course: Course) -> list[Rated]:
    """The gains that can carry the project on their own: rated at least the course's `carry` (4 and 4)."""
    return _meeting(model, course, course.gains_rules.carry)


def doubtful_gains(model: GainsModel, course: Course) -> list[Rated]:
    """Gains that matter (importance at least the course's `doubt`, 4) but that the project is unlikely to
    deliver (likelihood at most its `doubt`, 2)."""
    rule = course.gains_rules.doubt
    return [r for r in model.rated(course) if r.both and r.importance >= rule.importance
            and r.likelihood <= rule.likelihood]


def strongest_gain(model: GainsModel, course: Course) -> Rated | None:
    """The gain with the largest importance x likelihood among those rated on both scales (None: none is)."""
    rated = model.rated(course)
    order = {r.key: i for i, r in enumerate(rated)}
    both = ranked([r for r in rated if r.both], order)
    return both[0] if both else None


def motivation_statement(model: GainsModel, course: Course, *, html: bool = False) -> str:
    """A short motivation in the course's language naming the leading gains (plain text, or safe HTML)."""
    t = TEXT[course.language]
    lang = course.language

    def name(r: Rated) -> str:
        shown = r.name if r.own else in_sentence(r.name)
        if not html:
            return shown
        return f"<b>{user_text(shown, OWN_NAME_MAX + 5) if r.own else user_text(shown, 200)}</b>"

    rated = model.rated(course)
    if not any(r.weighed for r in rated):
        return t["none_weighed"]
    leading = leading_gains(model, course)
    doubtful = [r for r in doubtful_gains(model, course) if r not in leading]
    parts = []
    if leading:
        these = t["leading_these_one" if len(leading) == 1 else "leading_these_many"]
        parts.append(t["leading"].format(these=these, names=join_names([name(r) for r in leading], lang)))
        parts.append(t[agreeing("leading", leading)])
    else:
        lead = course.gains_rules.lead
        parts.append(t["no_leading"].format(importance=lead.importance, likelihood=lead.likelihood))
    if doubtful:
        names = join_names([name(r) for r in doubtful], lang)
        parts.append(t[agreeing("doubtful", doubtful)].format(names=names, discuss=t["discuss"]))
    return " ".join(parts)


def agreeing(sentence: str, gains: list[Rated]) -> str:
    """The key of the sentence that agrees with `gains` in Danish: plural for several ("vigtige … dem"); for one,
    its article ("et fællesskab": "vigtigt … det"), or a shape that agrees with any name when none is known."""
    if len(gains) > 1:
        return f"{sentence}_many"
    article = gains[0].article if gains[0].article in ARTICLES and not gains[0].own else ""
    return f"{sentence}_one_{article}"


def name_and_text_source(name_basis: str, text_basis: str, lang: str) -> str:
    """Where a name and its explanation come from, in one cell: "Fra publikationen" when both share a basis,
    else "Navnet: fra publikationen. Forklaringen: kursets arbejdsmodel." (plain text)."""
    labels = BASIS_LABELS[lang]
    if name_basis == text_basis:
        return labels[name_basis]
    return TEXT[lang]["source_split"].format(name=in_sentence(labels[name_basis]), text=in_sentence(labels[text_basis]))


def demand_source(demand, lang: str) -> str:
    """Where a demand and its question come from (plain text), as name_and_text_source does for a gain."""
    labels = BASIS_LABELS[lang]
    if demand.basis == demand.question_basis:
        return labels[demand.basis]
    return TEXT[lang]["source_demand_split"].format(name=in_sentence(labels[demand.basis]),
                                                    text=in_sentence(labels[demand.question_basis]))


def gains_overview(course: Course) -> HTMLText:
    """The gains as the course file names them, with where each name and each explanation comes from, and the
    room for an own gain (its label may be the publication's; the help under it is the course's)."""
    lang = course.language
    heads = {"da": ("Gevinst", "Hvad det kan betyde", "Kilde"), "en": ("Gain", "What it can mean", "Source")}
    h = heads[lang]
    left = "style='text-align:left;vertical-align:top'"  # JupyterLab right-aligns table cells by default
    rows = "".join(
        f"<tr><td {left}><b>{user_text(g.name, 200)}</b></td><td {left}>{user_text(g.description, 400)}</td>"
        f"<td {left}>{user_text(name_and_text_source(g.basis, g.description_basis, lang), 200)}</td></tr>"
        for g in course.gains
    )
    own_source = name_and_text_source(course.own_gains_basis, "course", lang)
    rows += (f"<tr><td {left}><b>{user_text(course.own_gains_label, 200)}</b></td>"
             f"<td {left}>{user_text(course.own_gains_help, 400)}</td>"
             f"<td {left}>{user_text(own_source, 200)}</td></tr>")
    return HTMLText(f"<table class='samskabelse-gains-overview'><thead><tr><th {left}>{h[0]}</th>"
                    f"<th {left}>{h[1]}</th><th {left}>{h[2]}</th></tr></thead><tbody>{rows}</tbody></table>")


# ---------------------------------------------------------------------------------------------
# The rating controls: "– ikke vurderet –", then 0-5
def rating_slider(value: int | None, lang: str):
    """A 0-5 rating that starts at "– ikke vurderet –" (value NOT_RATED) unless the participant gave it."""
    import ipywidgets as widgets

    return widgets.SelectionSlider(options=rating_options([(str(v), v) for v in range(LOW, HIGH + 1)], lang),
                                   value=shown_rating(value), continuous_update=True,
                                   layout=widgets.Layout(width="98%"))


def shown_rating(value: int | None) -> Any:
    """A rating as its control shows it: NOT_RATED for None."""
    return NOT_RATED if value is None else value


def rating_text(value: int | None, lang: str) -> str:
    """A rating in a sentence or a table: the number, or "ikke vurderet" (never 0 for a rating not given)."""
    return not_rated(lang).strip("– ") if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# The weighing widget
IMPORTANCE_COLOUR, LIKELIHOOD_COLOUR = PALETTE["blue"], PALETTE["orange"]
LIKELIHOOD_HATCH = "//"


@functools.lru_cache(maxsize=512)
def _outline_path(text: str, size: float, weight: str, style: str):
    """The letters of `text` as one path, left edge at 0 and centred vertically: the same words (a gain's name,
    "ikke vurderet") are laid out once per kernel, not once per row and widget (a path's exact extents cost ~15 ms)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    path = TextPath((0, 0), text, size=size, prop=FontProperties(weight=weight, style=style))
    box = path.get_extents()
    return path.transformed(Affine2D().translate(-box.x0, -(box.y0 + box.y1) / 2))


def text_outline(text: str, size: float, *, weight: str = "bold", colour: str = PALETTE["black"],
                  style: str = "normal"):
    """Text as a filled path (left edge at 0, centred vertically), to be placed by its transform."""
    from matplotlib.patches import PathPatch

    return PathPatch(_outline_path(text, float(size), weight, style), facecolor=colour, edgecolor="none",
                     visible=False)


NOT_RATED_COLOUR = "#555555"  # 7:1 on white


class GainsWidget:
    """Two sliders per gain (course gains and own gains), a bar figure and a motivation statement."""

    def __init__(self, course: Course, model: GainsModel | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = t = TEXT[course.language]
        self.model = model or GainsModel.for_course(course)
        self._listeners: list = []
        self._quiet = False
        self.errors = ErrorBoundary(course.language)
        slots = course.own_gains_max

        def slider(value: int | None, label: str):
            # "– ikke vurderet –" until set (sections/protocol.py); named by the row's gain and the column's
            # heading (both visible), for screen readers
            return named(rating_slider(value, course.language), label, shown=False)

        self.importance, self.likelihood = {}, {}
        cells = [widgets.HTML(f"<b>{t['col_gain']}</b>"), widgets.HTML(f"<b>{t['col_importance']}</b>"),
                 widgets.HTML(f"<b>{t['col_likelihood']}</b>")]
        for g in course.gains:
            self.model.gains.setdefault(g.id, Weighing())
            name = user_text(g.name, 200)
            label = widgets.HTML(f"<span title='{user_text(g.description, 400)}'>{name}</span>")
            self.importance[g.id] = slider(self.model.rating(g.id, "importance"), f"{g.name}: {t['importance']}")
            self.likelihood[g.id] = slider(self.model.rating(g.id, "likelihood"), f"{g.name}: {t['likelihood']}")
            cells += [label, self.importance[g.id], self.likelihood[g.id]]
        grid_layout = widgets.Layout(grid_template_columns="minmax(9em, 1.2fr) 2fr 2fr", grid_gap="2px 12px",
                                     width="100%", align_items="center")
        self.grid = widgets.GridBox(cells, layout=grid_layout)

        own_heading = widgets.HTML(t["own_heading"].format(label=user_text(course.own_gains_label, 100),
                                                           max=slots, help=user_text(course.own_gains_help, 300)))
        self.own_names, self.own_importance, self.own_likelihood = [], [], []
        own_cells = []
        for i in range(slots):
            o = self.model.own[i] if i < len(self.model.own) else OwnGain("")
            text = widgets.Text(value=o.name, placeholder=t["own_slot"].format(n=i + 1), continuous_update=False,
                                layout=widgets.Layout(width="98%"))
            named(text, t["own_name"].format(n=i + 1), shown=False)
            self.own_names.append(text)
            self.own_importance.append(slider(o.importance, f"{t['own_slot'].format(n=i + 1)}: {t['importance']}"))
            self.own_likelihood.append(slider(o.likelihood, f"{t['own_slot'].format(n=i + 1)}: {t['likelihood']}"))
            own_cells += [text, self.own_importance[-1], self.own_likelihood[-1]]
        self.own_grid = widgets.GridBox(own_cells, layout=grid_layout)
        self.messages = widgets.HTML("")
        self.messages.add_class("samskabelse-messages")

        self._build_figure()
        self.result = widgets.HTML("")
        self.result.add_class("samskabelse-result")

        for s in [*self.importance.values(), *self.likelihood.values()]:
            s.observe(self.errors.guard(self._slider_changed), names="value")
        for s in [*self.own_importance, *self.own_likelihood]:
            s.observe(self.errors.guard(self._own_changed), names="value")
        for text in self.own_names:
            text.observe(self.errors.guard(self._own_named), names="value")

        # the manager's own motivation: the bold heading above it is its visible label, its name says the same
        self.own_words = named(widgets.Textarea(value=self.model.motivation, placeholder=t["own_words_placeholder"],
                                                continuous_update=False,
                                                layout=widgets.Layout(width="98%", height="6em")),
                               t["own_words_label"], shown=False)
        self.own_words.observe(self.errors.guard(self._own_words_changed), names="value")
        own_words_label = widgets.HTML(f"<b>{t['own_words_label']}</b><br><small>{t['own_words_help']}</small>")
        self.box = widgets.VBox([widgets.HTML(f"<p>{t['intro']}</p>"), self.grid, own_heading, self.own_grid,
                                 self.messages, self.errors.alert, self.live.widget, self.result, own_words_label,
                                 self.own_words])
        mark_widget(self.box, course.language, "samskabelse-gains")
        self.own_messages: list[str] = []
        self._sync_own(relayout=False)
        self._update_result()
        show_on_screen(self.model, self)

    def controls(self) -> dict[str, Any]:
        """The items this widget asks, each with its control (sections/protocol.py): a rating per gain and
        measure, the own gains' rows (a name and two ratings each) and the motivation in the manager's words."""
        out: dict[str, Any] = {}
        for g in self.course.gains:
            out[key("gains", g.id, "importance")] = self.importance[g.id]
            out[key("gains", g.id, "likelihood")] = self.likelihood[g.id]
        if self.own_names:
            out["own"] = [c for row in zip(self.own_names, self.own_importance, self.own_likelihood, strict=True)
                          for c in row]
        out["motivation"] = self.own_words
        return out

    def answered_changed(self) -> None:
        """Saving confirmed what the widget showed (protocol.answered_changed): say it again from the model."""
        self._changed()

    # -- the figure ------------------------------------------------------------------------------
    def _rows(self) -> int:
        return len(self.course.gains) + self.course.own_gains_max

    def _build_figure(self) -> None:
        t, n = self.t, self._rows()
        fig = new_figure(8, 5.2)
        ax = fig.add_subplot()
        self.ax = ax
        ys = list(range(n))
        self.importance_bars = ax.barh([y - 0.2 for y in ys], [0] * n, height=0.38, color=IMPORTANCE_COLOUR,
                                       label=t["importance"])
        self.likelihood_bars = ax.barh([y + 0.2 for y in ys], [0] * n, height=0.38, color=LIKELIHOOD_COLOUR,
                                       hatch=LIKELIHOOD_HATCH, edgecolor=PALETTE["black"], linewidth=0.6,
                                       label=t["likelihood"])
        # one label per rank, moved to its gain's row; drawn as the outline of its letters, which is much
        # cheaper to redraw than text (no glyphs rendered per change)
        self.rank_labels = [text_outline(t["rank"].format(n=k), 13) for k in range(1, LEADING_MAX + 1)]
        self.rank_rows: list[int | None] = [None] * LEADING_MAX
        for label in self.rank_labels:
            fig.add_artist(label)
        # "ikke vurderet" where a rating is not given (never a bar of 0): per row, one for the whole row (neither
        # rating given) and one for each bar's half of it; outlines too, placed once
        word = not_rated(self.course.language).strip("– ")
        self.unrated_labels: list[list] = []
        for y in ys:
            row = []
            for dy in (0, -0.2, 0.2):
                label = text_outline(word, 10, weight="normal", style="italic", colour=NOT_RATED_COLOUR)
                label.set_transform(Affine2D().scale(fig.dpi / 72) + ScaledTranslation(0.08, y + dy, ax.transData))
                fig.add_artist(label)
                row.append(label)
            self.unrated_labels.append(row)
        ax.set_xlim(0, HIGH + 0.95)
        ax.set_xticks(range(LOW, HIGH + 1))
        ax.set_xlabel(t["fig_xlabel"])
        ax.set_title(t["fig_title"], loc="left")
        ax.grid(axis="x", color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=2, frameon=False, borderaxespad=0)
        self._set_row_labels()
        self.live = BlitLiveFigure(fig, [*self.importance_bars, *self.likelihood_bars, *self.rank_labels,
                                         *(label for row in self.unrated_labels for label in row)],
                                   encoder=BandedPNG().encode, alt=t["fig_title"], lang=self.course.language)
        self._draw_values()
        self.live.refresh()
        self._describe()

    def _describe(self) -> None:
        """The figure's text alternative and table: each gain's two ratings and its rank."""
        t = self.t
        rated = self.model.rated(self.course)
        rank = {r.key: k for k, r in enumerate(leading_gains(self.model, self.course), start=1)}
        lang = self.course.language
        rows = [[r.name, rating_text(r.importance, lang), rating_text(r.likelihood, lang),
                 t["rank"].format(n=rank[r.key]) if r.key in rank else ""] for r in rated]
        words = "; ".join(t["alt_row"].format(name=r.name, importance=rating_text(r.importance, lang),
                                              likelihood=rating_text(r.likelihood, lang),
                                              rank=t["alt_rank"].format(n=rank[r.key]) if r.key in rank else "")
                          for r in rated if r.weighed)
        self.live.describe(t["alt"].format(rows=(words + ".") if words else t["alt_none"]),
                           [t["col_gain"], t["col_importance"], t["col_likelihood"], t["col_rank"]], rows)

    def _set_row_labels(self) -> None:
        labels = [figure_text(g.name) for g in self.course.gains]
        labels += [figure_text(o.name) for o in self.model.own]
        shown = len(labels)
        labels += [""] * (self._rows() - shown)
        self.ax.set_yticks(range(self._rows()), labels)
        self.ax.set_ylim(shown - 0.5, -0.6)  # own rows not in use are scrolled out of view

    def _draw_values(self) -> list[int]:
        """Set the bars and rank labels from the model; return the rows whose picture changed."""
        rated = self.model.rated(self.course)
        index = {r.key: i for i, r in enumerate(rated)}
        leading = leading_gains(self.model, self.course)
        rank_at = {index[r.key]: k for k, r in enumerate(leading)}
        states = []
        for i in range(self._rows()):
            # course gains take the first rows; own gains the rows after them, in order
            r = rated[i] if i < len(rated) else None
            importance, likelihood = (r.importance, r.likelihood) if r else (None, None)
            self.importance_bars[i].set_width(importance or 0)
            self.likelihood_bars[i].set_width(likelihood or 0)
            whole, first, second = self.unrated_labels[i]
            whole.set_visible(r is not None and not r.weighed)
            first.set_visible(r is not None and r.weighed and importance is None)
            second.set_visible(r is not None and r.weighed and likelihood is None)
            states.append((importance, likelihood, rank_at.get(i), r is not None))
        for k, label in enumerate(self.rank_labels):
            row = index[leading[k].key] if k < len(leading) else None
            self.rank_rows[k] = row
            label.set_visible(row is not None)
            if row is not None:  # points to pixels, then to its row (following the axes if the layout changes)
                label.set_transform(Affine2D().scale(self.ax.figure.dpi / 72)
                                    + ScaledTranslation(HIGH + 0.12, row, self.ax.transData))
        drawn, self._drawn = getattr(self, "_drawn", None), states
        return [i for i, state in enumerate(states) if drawn is None or state != drawn[i]]

    def _refresh_rows(self, rows: list[int]) -> None:
        """Re-render only the rows that changed: each row's band of the axes, its bars and its rank label."""
        if not rows:
            return
        ax = self.ax
        x0, x1 = ax.bbox.x0 - 2, ax.bbox.x1 + 2
        dirty = []
        for i in rows:
            (_, ya), (_, yb) = ax.transData.transform([(0, i - 0.5), (0, i + 0.5)])
            artists = [self.importance_bars[i], self.likelihood_bars[i], *self.unrated_labels[i]]
            artists += [label for label, row in zip(self.rank_labels, self.rank_rows, strict=True) if row == i]
            dirty.append(((x0, min(ya, yb), x1, max(ya, yb)), artists))
        self.live.refresh(dirty)

    # -- changes ---------------------------------------------------------------------------------
    def on_change(self, callback) -> None:
        """Call `callback()` after every change of the model (the demands view uses this)."""
        self._listeners.append(callback)

    def _slider_changed(self, change) -> None:
        if self._quiet:
            return
        value = rated(change["new"])
        for measure, sliders in (("importance", self.importance), ("likelihood", self.likelihood)):
            for gid, s in sliders.items():
                if s is change["owner"]:
                    if value is None:  # back to "– ikke vurderet –": the answer is taken back
                        self.model.clear(gid, measure)
                    else:
                        self.model.rate(gid, **{measure: value})
        self._changed()

    def _own_changed(self, change) -> None:
        if self._quiet:
            return
        self._sync_own(relayout=False)
        self._changed()

    def _own_named(self, change) -> None:
        if self._quiet:
            return
        self._sync_own(relayout=True)
        self._changed(figure=False)

    def _sync_own(self, relayout: bool) -> None:
        before = [o.name for o in self.model.own]
        entries = [(txt.value, rated(imp.value), rated(lik.value))
                   for txt, imp, lik in zip(self.own_names, self.own_importance, self.own_likelihood, strict=True)]
        self.own_messages = self.model.set_own(entries, self.course)
        self.messages.value = "".join(f'<p class="samskabelse-warning" role="alert">⚠ {user_text(m, 300)}</p>'
                                      for m in self.own_messages)
        if relayout and before != [o.name for o in self.model.own]:
            self._set_row_labels()
            self._draw_values()
            self.live.relayout()

    def _changed(self, figure: bool = True) -> None:
        if figure:
            self._refresh_rows(self._draw_values())
        self._describe()
        self._update_result()
        for callback in self._listeners:
            callback()

    def _update_result(self) -> None:
        t = self.t
        statement = motivation_statement(self.model, self.course, html=True)
        self.result.value = (f"<div><b>{t['statement_heading']}</b><blockquote style='margin:0.3em 0 0.3em 1em'>"
                             f"{statement}</blockquote><small>{t['statement_note']}</small></div>")

    def _own_words_changed(self, change) -> None:
        if not self._quiet:
            self.model.set_motivation(change["new"])

    def restore(self, model: GainsModel) -> None:
        """Show another model (e.g. answers loaded from a file) in this widget, redrawing once."""
        self._quiet = True
        try:
            for g in self.course.gains:
                self.importance[g.id].value = shown_rating(model.rating(g.id, "importance"))
                self.likelihood[g.id].value = shown_rating(model.rating(g.id, "likelihood"))
            for i, (txt, imp, lik) in enumerate(zip(self.own_names, self.own_importance, self.own_likelihood,
                                                    strict=True)):
                o = model.own[i] if i < len(model.own) else OwnGain("")
                txt.value, imp.value, lik.value = o.name, shown_rating(o.importance), shown_rating(o.likelihood)
            self.own_words.value = model.motivation
        finally:
            self._quiet = False
        self.model.motivation = model.motivation
        self.model.gains = {g.id: Weighing(**vars(model.gains.get(g.id, Weighing()))) for g in self.course.gains}
        self.model.demands.update(model.demands)
        self.model.own = [OwnGain(o.name, o.importance, o.likelihood) for o in model.own]
        self.model.answered = set(model.answered)
        self._sync_own(relayout=False)
        self._set_row_labels()
        self._draw_values()
        self.live.relayout()
        self._changed(figure=False)

    def show_answers(self, saved: GainsModel) -> None:
        """Show saved answers (the save box's "Hent mine gemte svar"): values and what was answered, in this
        widget's own model; the demands and the team view follow (on_change)."""
        self.restore(saved)

    @property
    def statement(self) -> str:
        """The motivation statement as plain text."""
        return motivation_statement(self.model, self.course)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def weigh_gains(course: Course, model: GainsModel | None = None) -> GainsWidget:
    """The weighing widget of notebook 02: how important each gain is, and how likely the project delivers it."""
    return GainsWidget(course, model)


from samskabelse.sections.gains.demands import (  # noqa: E402, F401  (re-exported; they use the names above)
    Balance,
    Demands,
    DemandsWidget,
    alternatives_for,
    demands_reading,
    lighter_forms,
    read_balance,
    reading_lines,
    saved_type,
    weigh_demands,
)
from samskabelse.sections.gains.views import DEFINITION as DEFINITION  # noqa: E402  (it uses the names above)
