"""The course content as plain data: what data/<lang>/course.yaml holds, checked on load.

    course = load_course("da")                 # data/da/course.yaml, or a facilitator's copy
    course.gains, course.phases, course.directions, course.typology, course.framing, course.timeline

A facilitator's copy replaces the default through the `path` argument or the environment variable
SAMSKABELSE_COURSE (a file whose `language:` says which notebooks it is for). Every problem in a file is
reported at once, as a CourseError naming the file, line, field and fix.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from samskabelse.base.home import course_path, course_root, find
from samskabelse.base.i18n import LANGUAGES, check_language, format_date, month_name
from samskabelse.course.file import (
    MESSAGES,
    CourseError,
    LineDict,
    Problem,
    Reader,
    declared_language,
    max_chars,
    parse_yaml,
    read_source,
)

SCHEMA = 1
ENV_VAR = "SAMSKABELSE_COURSE"
# Where the course's own files are, in a checkout or an installed package: base.home.course_root(). REPO_ROOT is
# its value, the name the tests know it by.
REPO_ROOT = course_root()
BASES = ("publication", "lederweb", "course", "invented")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# The planning horizon: every date a plan uses (its start, its deadlines), in the course file and in the widgets.
# Far enough for any public project; near enough that a mistyped year (1026, 9999) is caught, not drawn.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)

# How many entries each list may have: what the widgets and figures can show (each limit is tested at its
# maximum in tests/test_course_limits.py). The check names the limit when a file goes beyond it.
COUNTS = {
    "modules": (1, 20),
    "gains": (1, 16),
    "demands": (1, 8),
    "phases": (1, 6),
    "focus_points": (1, 10),  # per phase
    "questions": (0, 8),  # per phase
    "directions": (1, 4),  # the compass has four points
    "tasks": (1, 8),  # per direction
    "types": (4, 4),  # the typology is a 2x2 grid
    "example_cases": (0, 8),
    "levels": (2, 6),  # involvement
    "alternatives": (1, 8),  # gains_rules: what to consider instead of co-creating
    "frame_elements": (1, 12),
    "deciders": (1, 8),
    "influence_levels": (2, 6),
    "uncertainty_levels": (1, 5),
    "milestones": (0, 8),
    "deadlines": (0, 4),
    "percentiles": (1, 4),  # one marker shape each
    "stalls": (0, 3),  # what can stall co-creation: each a row in the working model's table
}
CASES_PER_TYPE = 2  # invented cases drawn in one cell of the typology grid
OWN_GAINS_MAX = 5
LOW_RATING, HIGH_RATING = 0, 5  # the scale of notebook 02's ratings (gains_rules' thresholds lie on it)
DRAWS = (100, 100_000)  # simulated projects: 100,000 take about 10 ms a change
SEED_MAX = 2**32 - 1
PERCENTILES = (5, 95)  # each has its own label on the chance axis, beside 0 % and 100 %
PERCENTILE_GAP = 5
STALL_CHANCE_MAX = 0.5  # a stall more likely than not is the plan, not a risk to it
STALL_WEEKS_MAX = 104
URL_SCHEMES = ("http", "https")
ARTICLES = ("en", "et")  # a gain's Danish noun: en kvalitet, et fællesskab (Item.article)


def default_course_path(lang: str) -> Path:
    return course_path(f"data/{check_language(lang)}/course.yaml")


# ---------------------------------------------------------------------------------------------
# The model. Frozen dataclasses: the course is read, never changed, by the notebooks.
@dataclass(frozen=True)
class Item:
    id: str
    name: str
    description: str = ""
    basis: str = "course"  # where the name comes from
    description_basis: str = ""  # where the description comes from (default: the same as the name)

    # Danish only: the gain's noun takes "en" or "et" (en kvalitet, et fællesskab), so that a generated sentence
    # agrees with it ("det er vigtigt"); "" (not given, e.g. a facilitator's new gain): a sentence that needs none
    article: str = ""

    def __post_init__(self):
        if not self.description_basis:
            object.__setattr__(self, "description_basis", self.basis)


@dataclass(frozen=True)
class Module:
    number: str
    title: str
    covers: str
    minutes: int


@dataclass(frozen=True)
class Publication:
    title: str
    publisher: str
    year: int
    where: str
    url: str
    basis: str = "publication"


@dataclass(frozen=True)
class Demand:
    id: str
    name: str
    question: str
    low: str
    high: str
    basis: str  # where the demand (its name) comes from
    question_basis: str = ""  # where the question comes from (default: the same as the demand)

    def __post_init__(self):
        if not self.question_basis:
            object.__setattr__(self, "question_basis", self.basis)


@dataclass(frozen=True)
class FocusPoint:
    id: str
    text: str
    basis: str


@dataclass(frozen=True)
class Phase:
    id: str
    number: int
    name: str
    when: str
    strategic_focus: str
    focus_points: tuple[FocusPoint, ...]
    questions: tuple[str, ...]
    basis: str


@dataclass(frozen=True)
class Task:
    id: str
    text: str
    basis: str


@dataclass(frozen=True)
class Direction:
    id: str
    name: str
    who: str
    description: str
    tasks: tuple[Task, ...]
    basis: str


@dataclass(frozen=True)
class Pole:
    id: str
    name: str


@dataclass(frozen=True)
class Axis:
    id: str  # "initiative" or "activity"
    name: str
    question: str
    low: Pole
    high: Pole


@dataclass(frozen=True)
class CoCreationType:
    id: str
    name: str
    description: str
    initiative: str  # a pole id of the initiative axis
    activity: str  # a pole id of the activity axis


@dataclass(frozen=True)
class Typology:
    initiative: Axis
    activity: Axis
    types: tuple[CoCreationType, ...]
    note: str
    basis: str

    def type_at(self, initiative: str, activity: str) -> CoCreationType:
        for t in self.types:
            if t.initiative == initiative and t.activity == activity:
                return t
        raise KeyError((initiative, activity))


@dataclass(frozen=True)
class ExampleCase:
    id: str
    name: str
    description: str
    type: str
    basis: str


@dataclass(frozen=True)
class InvolvementLevel:
    id: str
    name: str
    description: str
    shared_decision: bool  # the partners share the decision (IAP2: collaborate, empower); a lighter form if not


@dataclass(frozen=True)
class Involvement:
    source: str
    levels: tuple[InvolvementLevel, ...]
    basis: str


@dataclass(frozen=True)
class GainRule:
    """One of notebook 02's rules: a gain rated at least `importance` and at least `likelihood` (for `doubt`:
    at most `likelihood`), with the course's reason for the numbers (`why`, shown beside the reading)."""

    importance: int
    likelihood: int
    why: str = ""


@dataclass(frozen=True)
class Alternative:
    """Something a manager may do instead of co-creating, for the kinds of project (typology type ids) it fits.
    `levels`: involvement levels it names (IAP2's lighter forms), shown under it with the spectrum's source."""

    id: str
    name: str
    description: str
    types: tuple[str, ...]
    levels: tuple[str, ...] = ()
    basis: str = "course"


@dataclass(frozen=True)
class GainsRules:
    """How notebook 02 reads a weighing (the course's working model; a facilitator may adapt it):
    - `carry`: a gain rated at least this important and this likely can carry the project on its own;
    - `lead`: a gain at least this important and likely stands out (named in the motivation, ranked 1-3);
    - `doubt`: important (at least) but unlikely (at most): worth a question;
    - `heavy`: the demands weigh heavily when the mean of those rated is at least this (0-5);
    - `alternatives`: what to consider instead of co-creating, by the kind of project (typology type).
    Gains and demands are read side by side, each on its own scale; they are never subtracted or averaged
    together. `given` is False for a course file written before the rules were in it (the defaults apply)."""

    carry: GainRule
    lead: GainRule
    doubt: GainRule
    heavy: float
    heavy_why: str = ""
    alternatives: tuple[Alternative, ...] = ()
    basis: str = "course"
    given: bool = True


DEFAULT_GAINS_RULES = GainsRules(carry=GainRule(4, 4), lead=GainRule(3, 3), doubt=GainRule(4, 2), heavy=3.5,
                                 given=False)


@dataclass(frozen=True)
class FrameElement:
    id: str
    name: str
    description: str
    fixed: bool  # the course's suggested default: fixed frame (True) or elastic (False)
    decider: str  # a decider id


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


@dataclass(frozen=True)
class Framing:
    frame_elements: tuple[FrameElement, ...]
    deciders: tuple[Choice, ...]
    influence_levels: tuple[Choice, ...]  # ordered from none to full
    basis: str


@dataclass(frozen=True)
class PhasePlan:
    phase: str
    weeks: float
    uncertainty: str


@dataclass(frozen=True)
class UncertaintyLevel:
    id: str
    name: str
    optimistic: float  # factors on the planned duration
    likely: float
    pessimistic: float


@dataclass(frozen=True)
class Milestone:
    id: str
    name: str
    phase: str
    at: str  # "start", "middle" or "end" of the phase


@dataclass(frozen=True)
class Deadline:
    id: str
    name: str
    weeks_after_start: float | None  # when the deadline falls, counted from the start (None: it has a `date`)
    phase_done: str = ""  # the phase that must be finished by the deadline (default: the last, the whole project)
    date: str = ""  # or a calendar date: "2027-12-31", or "12-31" for that day in the year the phase is planned to end


@dataclass(frozen=True)
class Stall:
    """Something that can stall co-creation (a partner leaving, a political pause): in a share `chance` of the
    simulated projects the phase `phase` stops for between `weeks_min` and `weeks_max` weeks."""

    id: str
    name: str
    chance: float  # a share, 0 to STALL_CHANCE_MAX (0.1: in one project in ten)
    weeks_min: float
    weeks_max: float
    phase: str


@dataclass(frozen=True)
class TimelineDefaults:
    phases: tuple[PhasePlan, ...]
    uncertainty_levels: tuple[UncertaintyLevel, ...]
    milestones: tuple[Milestone, ...]
    deadlines: tuple[Deadline, ...]
    draws: int
    seed: int
    percentiles: tuple[int, ...]
    note: str
    basis: str
    # how far a delay in one phase carries into the next: the correlation of the phases' delays (0: independent)
    correlation: float = 0.0
    stalls: tuple[Stall, ...] = ()


@dataclass(frozen=True)
class Course:
    path: Path
    language: str
    id: str
    title: str
    subtitle: str
    publication: Publication
    modules: tuple[Module, ...]
    gains: tuple[Item, ...]
    own_gains_max: int
    own_gains_label: str
    own_gains_help: str
    own_gains_basis: str
    demands: tuple[Demand, ...]
    phases: tuple[Phase, ...]
    directions: tuple[Direction, ...]
    typology: Typology
    example_cases: tuple[ExampleCase, ...]
    involvement: Involvement
    framing: Framing
    timeline: TimelineDefaults
    gains_rules: GainsRules = DEFAULT_GAINS_RULES

    @property
    def is_default(self) -> bool:
        return self.path.resolve() == default_course_path(self.language).resolve()

    def ids(self) -> dict[str, list[str]]:
        """Every stable id by section: what must agree between languages and what saved answers use."""
        return {
            "modules": [m.number for m in self.modules],
            "gains": [g.id for g in self.gains],
            "demands": [d.id for d in self.demands],
            "phases": [p.id for p in self.phases],
            **{f"phases.{p.id}.focus_points": [f.id for f in p.focus_points] for p in self.phases},
            "directions": [d.id for d in self.directions],
            **{f"directions.{d.id}.tasks": [t.id for t in d.tasks] for d in self.directions},
            "typology.types": [t.id for t in self.typology.types],
            "example_cases": [c.id for c in self.example_cases],
            "involvement.levels": [lv.id for lv in self.involvement.levels],
            "gains_rules.alternatives": [a.id for a in self.gains_rules.alternatives],
            "framing.frame_elements": [f.id for f in self.framing.frame_elements],
            "framing.deciders": [d.id for d in self.framing.deciders],
            "framing.influence_levels": [d.id for d in self.framing.influence_levels],
            "timeline.uncertainty_levels": [u.id for u in self.timeline.uncertainty_levels],
            "timeline.milestones": [m.id for m in self.timeline.milestones],
            "timeline.deadlines": [d.id for d in self.timeline.deadlines],
            "timeline.stalls": [st.id for st in self.timeline.stalls],
        }

    def by_id(self, section: str, ident: str) -> Any:
        """Look up one item, e.g. course.by_id("gains", "quality")."""
        items = {
            "gains": self.gains, "demands": self.demands, "phases": self.phases,
            "directions": self.directions, "types": self.typology.types,
            "example_cases": self.example_cases, "frame_elements": self.framing.frame_elements,
            "deciders": self.framing.deciders, "influence_levels": self.framing.influence_levels,
        }[section]
        for item in items:
            if item.id == ident:
                return item
        raise KeyError(f"{section}: no item with id {ident!r}")


# ---------------------------------------------------------------------------------------------
# Building the model from a parsed file
def _keys(cls: type, *extra: str) -> set[str]:
    return {f.name for f in fields(cls)} | set(extra)


class _Builder:
    def __init__(self, reader: Reader):
        self.r = reader

    def basis(self, entry: LineDict, path: str, default: str | None = None, key: str = "basis") -> str:
        value = self.r.get(entry, key, "str", path, required=default is None, default=default)
        if not self.choice(value, BASES, entry, key, path):
            return default or "course"
        return value or default or "course"

    def choice(self, value: Any, choices, entry: LineDict, key: str, path: str) -> bool:
        """Whether `value` (if given) is one of `choices`; else a problem that lists them and suggests one."""
        if value is None or value in choices:
            return True
        self.r.problem(self.r.t["choice"].format(choices=", ".join(choices), value=value,
                                                 suggest=self.r.suggest(value, choices)),
                       self.r.line_of(entry, key), f"{path}.{key}" if path else key)
        return False

    def ident(self, entry: LineDict, path: str) -> str:
        value = self.r.get(entry, "id", "str", path, default="")
        if value and not _ID.match(value):
            self.r.problem(self.r.t["bad_id"].format(id=value), self.r.line_of(entry, "id"), f"{path}.id")
        return value

    def section(self, data: LineDict, key: str) -> tuple[LineDict, str]:
        value = self.r.get(data, key, "mapping", "", default=None)
        return (value if value is not None else LineDict()), key

    def listed(self, data: LineDict, key: str, path: str, build, label: str, *, ids: bool = True):
        entries = self.r.items(data, key, path)
        if ids:
            self.r.unique_ids(entries, label)
        self.counted(entries, data, key, path)
        return tuple(build(entry, p) for p, entry in entries)

    def counted(self, entries: list, data: LineDict, key: str, path: str) -> None:
        if key in COUNTS and isinstance(data.get(key), list):
            self.r.count(entries, *COUNTS[key], self.r.line_of(data, key), f"{path}.{key}" if path else key)

    def url(self, entry: LineDict, key: str, path: str) -> str:
        """A web address the notebooks may link to: http or https only (never javascript:, file: or data:)."""
        from urllib.parse import urlsplit

        value = self.r.get(entry, key, "str", path, default="")
        if not value:
            return ""
        try:
            parts = urlsplit(value)
            ok = parts.scheme.lower() in URL_SCHEMES and bool(parts.netloc) and not any(c.isspace() for c in value)
        except ValueError:
            ok = False
        if not ok:
            self.r.problem(self.r.t["url"].format(value=value[:80]), self.r.line_of(entry, key), f"{path}.{key}")
            return ""
        return value

    def number(self, entry: LineDict, key: str, path: str, low: float, high: float, kind: str = "number"):
        value = self.r.get(entry, key, kind, path, default=None)
        if value is not None and not (low <= value <= high):
            self.r.problem(self.r.t["range"].format(low=low, high=high, value=value),
                           self.r.line_of(entry, key), f"{path}.{key}")
            return None
        return value

    def calendar_date(self, entry: LineDict, key: str, path: str) -> str:
        """A date as "2027-12-31" (also 2027/12/31, and 31.12.2027 or 31/12/2027 when day and month cannot be
        swapped), or a day of the year as "12-31"; "" if absent. Every refusal names the forms it takes."""
        value = entry.get(key)
        if value is None:
            return ""
        text = value.isoformat() if isinstance(value, date) else str(value).strip()
        on, problem = read_date(text, self.r.t)
        if isinstance(on, date) and not EARLIEST_DATE <= on <= LATEST_DATE:
            problem = self.r.t["date_range"].format(low=EARLIEST_DATE, high=LATEST_DATE, value=text)
        if problem is None:
            return on.isoformat() if isinstance(on, date) else on
        self.r.problem(problem, self.r.line_of(entry, key), f"{path}.{key}")
        return ""

    # -- sections ------------------------------------------------------------------------------
    def course(self, data: LineDict, path: Path, lang: str) -> Course | None:
        r = self.r
        r.known_keys(data, {"schema", "language", "course", "publication", "modules", "gains", "own_gains",
                            "demands", "phases", "directions", "typology", "example_cases", "involvement",
                            "framing", "timeline", "gains_rules"}, "")
        schema = r.get(data, "schema", "int", "")
        if schema is not None and schema != SCHEMA:
            r.problem(r.t["schema"].format(value=schema, expected=SCHEMA), r.line_of(data, "schema"), "schema")
        language = r.get(data, "language", "str", "")
        self.choice(language, LANGUAGES, data, "language", "")

        meta, p = self.section(data, "course")
        r.known_keys(meta, {"id", "title", "subtitle"}, p)
        pub_data, pp = self.section(data, "publication")
        r.known_keys(pub_data, _keys(Publication), pp)
        publication = Publication(
            title=r.get(pub_data, "title", "str", pp, default=""),
            publisher=r.get(pub_data, "publisher", "str", pp, default=""),
            year=self.number(pub_data, "year", pp, 1900, 2100, "int") or 0,
            where=r.get(pub_data, "where", "str", pp, default=""),
            url=self.url(pub_data, "url", pp),
            basis=self.basis(pub_data, pp, "publication"),
        )
        modules = self.module_list(data)
        gains = self.listed(data, "gains", "", self.item, "gains")
        own, op = self.section(data, "own_gains")
        r.known_keys(own, {"max", "label", "help", "basis"}, op)
        demands = self.listed(data, "demands", "", self.demand, "demands")
        phases = self.listed(data, "phases", "", self.phase, "phases")
        phases = tuple(Phase(**{**vars(ph), "number": i + 1}) for i, ph in enumerate(phases))
        directions = self.listed(data, "directions", "", self.direction, "directions")
        typology = self.typology(data)
        type_ids = [t.id for t in typology.types]
        cases = self.listed(data, "example_cases", "", lambda e, p: self.case(e, p, type_ids), "example_cases")
        for kind in type_ids:
            n = sum(c.type == kind for c in cases)
            if n > CASES_PER_TYPE:
                r.problem(r.t["cases_per_type"].format(type=kind, n=n, max=CASES_PER_TYPE),
                          r.line_of(data, "example_cases"), "example_cases")
        involvement = self.involvement(data)
        gains_rules = self.gains_rules(data, type_ids, [lv.id for lv in involvement.levels])
        framing = self.framing(data)
        timeline = self.timeline(data, [ph.id for ph in phases])

        # read before deciding, so that one run reports every problem in the file
        course_id, title = r.get(meta, "id", "str", p, default=""), r.get(meta, "title", "str", p, default="")
        subtitle = r.get(meta, "subtitle", "str", p, required=False, default="")
        own_max = self.number(own, "max", op, 0, OWN_GAINS_MAX, "int") or 0
        own_label = r.get(own, "label", "str", op, default="")
        own_help = r.get(own, "help", "str", op, required=False, default="")
        own_basis = self.basis(own, op, "course")
        if r.problems:
            return None
        return Course(
            path=path, language=language, id=course_id, title=title, subtitle=subtitle,
            publication=publication, modules=modules, gains=gains, own_gains_max=own_max, own_gains_label=own_label,
            own_gains_help=own_help, own_gains_basis=own_basis, demands=demands, phases=phases, directions=directions,
            typology=typology, example_cases=cases, involvement=involvement, framing=framing, timeline=timeline,
            gains_rules=gains_rules,
        )

    def module_list(self, data: LineDict) -> tuple[Module, ...]:
        r = self.r
        out, seen = [], set()
        entries = r.items(data, "modules", "")
        self.counted(entries, data, "modules", "")
        for p, e in entries:
            r.known_keys(e, _keys(Module), p)
            number = r.get(e, "number", "str", p, default="")
            if number in seen:
                r.problem(r.t["duplicate_id"].format(id=number, section="modules"), r.line_of(e, "number"),
                          f"{p}.number")
            seen.add(number)
            out.append(Module(number=number, title=r.get(e, "title", "str", p, default=""),
                              covers=r.get(e, "covers", "str", p, default=""),
                              minutes=self.number(e, "minutes", p, 1, 600, "int") or 0))
        return tuple(out)

    def item(self, e: LineDict, p: str) -> Item:
        self.r.known_keys(e, _keys(Item), p)
        basis = self.basis(e, p)
        article = self.r.get(e, "article", "str", p, required=False, default="")
        if not self.choice(article or None, ARTICLES, e, "article", p):
            article = ""
        return Item(id=self.ident(e, p), name=self.r.get(e, "name", "str", p, default=""),
                    description=self.r.get(e, "description", "str", p, default=""), basis=basis,
                    description_basis=self.basis(e, p, basis, "description_basis"), article=article or "")

    def demand(self, e: LineDict, p: str) -> Demand:
        r = self.r
        r.known_keys(e, _keys(Demand), p)
        basis = self.basis(e, p)
        return Demand(id=self.ident(e, p), name=r.get(e, "name", "str", p, default=""),
                      question=r.get(e, "question", "str", p, default=""),
                      low=r.get(e, "low", "str", p, default=""), high=r.get(e, "high", "str", p, default=""),
                      basis=basis, question_basis=self.basis(e, p, basis, "question_basis"))

    def phase(self, e: LineDict, p: str) -> Phase:
        r = self.r
        r.known_keys(e, _keys(Phase) - {"number"}, p)

        def focus(fe: LineDict, fp: str) -> FocusPoint:
            r.known_keys(fe, _keys(FocusPoint), fp)
            return FocusPoint(id=self.ident(fe, fp), text=r.get(fe, "text", "str", fp, default=""),
                              basis=self.basis(fe, fp))

        questions = r.get(e, "questions", "list", p, default=[])
        self.counted(questions, e, "questions", p)
        for i, q in enumerate(questions):
            if not isinstance(q, str) or not q.strip():
                r.problem(r.t["wrong_type"].format(expected=r.t["types"]["str"], got=r._type_name(q),
                                                   fix=r.t["fix_text"]), getattr(questions, "line", None),
                          f"{p}.questions[{i}]")
            else:
                r.short_enough(q, max_chars(p, "questions"), getattr(questions, "line", None), f"{p}.questions[{i}]")
        return Phase(id=self.ident(e, p), number=0, name=r.get(e, "name", "str", p, default=""),
                     when=r.get(e, "when", "str", p, default=""),
                     strategic_focus=r.get(e, "strategic_focus", "str", p, default=""),
                     focus_points=self.listed(e, "focus_points", p, focus, f"{p}.focus_points"),
                     questions=tuple(str(q).strip() for q in questions), basis=self.basis(e, p))

    def direction(self, e: LineDict, p: str) -> Direction:
        r = self.r
        r.known_keys(e, _keys(Direction), p)

        def task(te: LineDict, tp: str) -> Task:
            r.known_keys(te, _keys(Task), tp)
            return Task(id=self.ident(te, tp), text=r.get(te, "text", "str", tp, default=""),
                        basis=self.basis(te, tp))

        return Direction(id=self.ident(e, p), name=r.get(e, "name", "str", p, default=""),
                         who=r.get(e, "who", "str", p, default=""),
                         description=r.get(e, "description", "str", p, default=""),
                         tasks=self.listed(e, "tasks", p, task, f"{p}.tasks"), basis=self.basis(e, p))

    def typology(self, data: LineDict) -> Typology:
        r = self.r
        ty, p = self.section(data, "typology")
        r.known_keys(ty, {"basis", "note", "initiative", "activity", "types"}, p)

        def axis(key: str) -> Axis:
            a = r.get(ty, key, "mapping", p, default=LineDict())
            ap = f"{p}.{key}"
            r.known_keys(a, {"name", "question", "low", "high"}, ap)
            poles = []
            for end in ("low", "high"):
                pe = r.get(a, end, "mapping", ap, default=LineDict())
                r.known_keys(pe, {"id", "name"}, f"{ap}.{end}")
                poles.append(Pole(self.ident(pe, f"{ap}.{end}"), r.get(pe, "name", "str", f"{ap}.{end}", default="")))
            return Axis(key, r.get(a, "name", "str", ap, default=""), r.get(a, "question", "str", ap, default=""),
                        *poles)

        initiative, activity = axis("initiative"), axis("activity")

        def one(e: LineDict, tp: str) -> CoCreationType:
            r.known_keys(e, _keys(CoCreationType), tp)
            ini = r.get(e, "initiative", "str", tp, default=None)
            act = r.get(e, "activity", "str", tp, default=None)
            r.check_ref(ini, [initiative.low.id, initiative.high.id], f"{p}.initiative",
                        r.line_of(e, "initiative"), f"{tp}.initiative")
            r.check_ref(act, [activity.low.id, activity.high.id], f"{p}.activity",
                        r.line_of(e, "activity"), f"{tp}.activity")
            return CoCreationType(id=self.ident(e, tp), name=r.get(e, "name", "str", tp, default=""),
                                  description=r.get(e, "description", "str", tp, default=""),
                                  initiative=ini or "", activity=act or "")

        types = self.listed(ty, "types", p, one, f"{p}.types")
        for axis in (initiative, activity):
            if axis.low.id and axis.low.id == axis.high.id:
                r.problem(r.t["poles_same"].format(id=axis.low.id), r.line_of(ty, axis.id), f"{p}.{axis.id}")
        # every cell of the 2x2 grid holds exactly one type
        if not r.problems:
            cells = [(t.initiative, t.activity) for t in types]
            empty = [f"initiative={i}, activity={a}" for i in (initiative.low.id, initiative.high.id)
                     for a in (activity.low.id, activity.high.id) if (i, a) not in cells]
            if empty:
                r.problem(r.t["typology_cells"].format(cells="; ".join(empty)), r.line_of(ty, "types"),
                          f"{p}.types")
        return Typology(initiative, activity, types, r.get(ty, "note", "str", p, default=""), self.basis(ty, p))

    def case(self, e: LineDict, p: str, type_ids: list[str]) -> ExampleCase:
        r = self.r
        r.known_keys(e, _keys(ExampleCase), p)
        kind = r.get(e, "type", "str", p, default="")
        r.check_ref(kind or None, type_ids, "typology.types", r.line_of(e, "type"), f"{p}.type")
        return ExampleCase(id=self.ident(e, p), name=r.get(e, "name", "str", p, default=""),
                           description=r.get(e, "description", "str", p, default=""), type=kind,
                           basis=self.basis(e, p))

    def involvement(self, data: LineDict) -> Involvement:
        r = self.r
        inv, p = self.section(data, "involvement")
        r.known_keys(inv, {"source", "basis", "levels"}, p)

        def level(e: LineDict, lp: str) -> InvolvementLevel:
            r.known_keys(e, _keys(InvolvementLevel, "cocreation"), lp)
            # `cocreation:` is the old name of `shared_decision:` (files made before the spectrum was reframed)
            key = "cocreation" if "cocreation" in e and "shared_decision" not in e else "shared_decision"
            return InvolvementLevel(id=self.ident(e, lp), name=r.get(e, "name", "str", lp, default=""),
                                    description=r.get(e, "description", "str", lp, default=""),
                                    shared_decision=r.get(e, key, "bool", lp, default=False))

        return Involvement(source=r.get(inv, "source", "str", p, default=""),
                           levels=self.listed(inv, "levels", p, level, f"{p}.levels"), basis=self.basis(inv, p))

    def gains_rules(self, data: LineDict, type_ids: list[str], level_ids: list[str]) -> GainsRules:
        """Notebook 02's rules (optional: a file written before they existed gets DEFAULT_GAINS_RULES)."""
        r = self.r
        if "gains_rules" not in data:
            return DEFAULT_GAINS_RULES
        gr, p = self.section(data, "gains_rules")
        r.known_keys(gr, {"basis", "carry", "lead", "doubt", "heavy_demands", "alternatives"}, p)
        default = DEFAULT_GAINS_RULES

        def rule(name: str) -> GainRule:
            e = r.get(gr, name, "mapping", p, default=LineDict())
            rp = f"{p}.{name}"
            r.known_keys(e, {"importance", "likelihood", "why"}, rp)
            fallback = getattr(default, name)
            importance = self.number(e, "importance", rp, LOW_RATING, HIGH_RATING, "int")
            likelihood = self.number(e, "likelihood", rp, LOW_RATING, HIGH_RATING, "int")
            return GainRule(fallback.importance if importance is None else importance,
                            fallback.likelihood if likelihood is None else likelihood,
                            r.get(e, "why", "str", rp, default=""))

        carry, lead, doubt = rule("carry"), rule("lead"), rule("doubt")
        for measure in ("importance", "likelihood"):  # a gain that carries the project stands out too
            if getattr(lead, measure) > getattr(carry, measure):
                r.problem(r.t["order"].format(a=f"lead.{measure}", va=getattr(lead, measure),
                                              b=f"carry.{measure}", vb=getattr(carry, measure)),
                          r.line_of(gr.get("lead", gr), measure), f"{p}.lead.{measure}")
        heavy, hp = r.get(gr, "heavy_demands", "mapping", p, default=LineDict()), f"{p}.heavy_demands"
        r.known_keys(heavy, {"mean", "why"}, hp)
        mean = self.number(heavy, "mean", hp, LOW_RATING, HIGH_RATING)

        def alternative(e: LineDict, ap: str) -> Alternative:
            r.known_keys(e, _keys(Alternative), ap)
            refs = {}
            for key, known, section, required in (("types", type_ids, "typology.types", True),
                                                   ("levels", level_ids, "involvement.levels", False)):
                values = r.get(e, key, "list", ap, required=required, default=[])
                if required and isinstance(values, list) and not values:
                    r.problem(r.t["count"].format(n=0, low=1, high=len(known), fix=r.t["count_more"]),
                              r.line_of(e, key), f"{ap}.{key}")
                refs[key] = tuple(v for i, v in enumerate(values)
                                  if r.check_ref(v, known, section, getattr(values, "line", None),
                                                 f"{ap}.{key}[{i}]"))
            return Alternative(id=self.ident(e, ap), name=r.get(e, "name", "str", ap, default=""),
                               description=r.get(e, "description", "str", ap, default=""), types=refs["types"],
                               levels=refs["levels"], basis=self.basis(e, ap, "course"))

        alternatives = self.listed(gr, "alternatives", p, alternative, f"{p}.alternatives")
        if alternatives and not r.problems:  # every kind of project is offered something
            for kind in type_ids:
                if not any(kind in a.types for a in alternatives):
                    r.problem(r.t["type_no_alternative"].format(type=kind), r.line_of(gr, "alternatives"),
                              f"{p}.alternatives")
        return GainsRules(carry=carry, lead=lead, doubt=doubt, heavy=default.heavy if mean is None else float(mean),
                          heavy_why=r.get(heavy, "why", "str", hp, default=""), alternatives=alternatives,
                          basis=self.basis(gr, p, "course"))

    def framing(self, data: LineDict) -> Framing:
        r = self.r
        fr, p = self.section(data, "framing")
        r.known_keys(fr, {"basis", "frame_elements", "deciders", "influence_levels"}, p)

        def choice(e: LineDict, cp: str) -> Choice:
            r.known_keys(e, {"id", "name"}, cp)
            return Choice(id=self.ident(e, cp), name=r.get(e, "name", "str", cp, default=""))

        deciders = self.listed(fr, "deciders", p, choice, f"{p}.deciders")
        levels = self.listed(fr, "influence_levels", p, choice, f"{p}.influence_levels")
        decider_ids = [d.id for d in deciders]

        def element(e: LineDict, ep: str) -> FrameElement:
            r.known_keys(e, _keys(FrameElement), ep)
            decider = r.get(e, "decider", "str", ep, default=None)
            r.check_ref(decider, decider_ids, f"{p}.deciders", r.line_of(e, "decider"), f"{ep}.decider")
            return FrameElement(id=self.ident(e, ep), name=r.get(e, "name", "str", ep, default=""),
                                description=r.get(e, "description", "str", ep, default=""),
                                fixed=r.get(e, "fixed", "bool", ep, default=True), decider=decider or "")

        elements = self.listed(fr, "frame_elements", p, element, f"{p}.frame_elements")
        return Framing(elements, deciders, levels, self.basis(fr, p))

    def timeline(self, data: LineDict, phase_ids: list[str]) -> TimelineDefaults:
        r = self.r
        tl, p = self.section(data, "timeline")
        r.known_keys(tl, _keys(TimelineDefaults), p)

        def level(e: LineDict, lp: str) -> UncertaintyLevel:
            r.known_keys(e, _keys(UncertaintyLevel), lp)
            factors = [self.number(e, k, lp, 0.1, 10) for k in ("optimistic", "likely", "pessimistic")]
            if None not in factors:
                for (a, va), (b, vb) in (
                    (("optimistic", factors[0]), ("likely", factors[1])),
                    (("likely", factors[1]), ("pessimistic", factors[2])),
                ):
                    if va > vb:
                        r.problem(r.t["order"].format(a=a, va=va, b=b, vb=vb), r.line_of(e, a), f"{lp}.{a}")
            return UncertaintyLevel(self.ident(e, lp), r.get(e, "name", "str", lp, default=""),
                                    *[f if f is not None else 1.0 for f in factors])

        levels = self.listed(tl, "uncertainty_levels", p, level, f"{p}.uncertainty_levels")
        level_ids = [lv.id for lv in levels]

        def plan(e: LineDict, pp: str) -> PhasePlan:
            r.known_keys(e, _keys(PhasePlan), pp)
            phase = r.get(e, "phase", "str", pp, default=None)
            r.check_ref(phase, phase_ids, "phases", r.line_of(e, "phase"), f"{pp}.phase")
            unc = r.get(e, "uncertainty", "str", pp, default=None)
            r.check_ref(unc, level_ids, f"{p}.uncertainty_levels", r.line_of(e, "uncertainty"), f"{pp}.uncertainty")
            return PhasePlan(phase or "", self.number(e, "weeks", pp, 0.5, 520) or 1, unc or "")

        plans = self.listed(tl, "phases", p, plan, f"{p}.phases", ids=False)
        planned = [pl.phase for pl in plans]
        if not r.problems and sorted(planned) != sorted(phase_ids):
            r.problem(r.t["parity"].format(section=f"{p}.phases", other="phases",
                                           only_here=sorted(set(planned) - set(phase_ids)) or "-",
                                           only_there=sorted(set(phase_ids) - set(planned)) or "-"),
                      r.line_of(tl, "phases"), f"{p}.phases")

        def milestone(e: LineDict, mp: str) -> Milestone:
            r.known_keys(e, _keys(Milestone), mp)
            phase = r.get(e, "phase", "str", mp, default=None)
            r.check_ref(phase, phase_ids, "phases", r.line_of(e, "phase"), f"{mp}.phase")
            # a milestone given a date or weeks is told where that belongs, and that it takes at: (not twice)
            misplaced = any(key in e for key in ("date", "weeks_after_start", "weeks"))
            at = r.get(e, "at", "str", mp, required=not misplaced, default="start")
            if not self.choice(at, ("start", "middle", "end"), e, "at", mp):
                at = "start"
            return Milestone(self.ident(e, mp), r.get(e, "name", "str", mp, default=""), phase or "", at)

        def deadline(e: LineDict, dp: str) -> Deadline:
            r.known_keys(e, _keys(Deadline), dp)
            done = r.get(e, "phase_done", "str", dp, required=False, default=None)
            r.check_ref(done, phase_ids, "phases", r.line_of(e, "phase_done"), f"{dp}.phase_done")
            on = self.calendar_date(e, "date", dp)
            if "date" in e and "weeks_after_start" in e:
                r.problem(r.t["date_or_weeks"], r.line_of(e, "date"), f"{dp}.date")
            weeks = None if "date" in e else (self.number(e, "weeks_after_start", dp, 0, 520) or 0)
            return Deadline(self.ident(e, dp), r.get(e, "name", "str", dp, default=""), weeks,
                            done or (phase_ids[-1] if phase_ids else ""), on)

        def stall(e: LineDict, sp: str) -> Stall:
            r.known_keys(e, _keys(Stall), sp)
            phase = r.get(e, "phase", "str", sp, default=None)
            r.check_ref(phase, phase_ids, "phases", r.line_of(e, "phase"), f"{sp}.phase")
            chance = r.get(e, "chance", "number", sp, default=None)
            if chance is not None and not 0 <= chance <= STALL_CHANCE_MAX:
                r.problem(r.t["share"].format(high=STALL_CHANCE_MAX, value=chance), r.line_of(e, "chance"),
                          f"{sp}.chance")
                chance = None
            low = self.number(e, "weeks_min", sp, 0, STALL_WEEKS_MAX)
            high = self.number(e, "weeks_max", sp, 0, STALL_WEEKS_MAX)
            if low is not None and high is not None and low > high:
                r.problem(r.t["order"].format(a="weeks_min", va=low, b="weeks_max", vb=high),
                          r.line_of(e, "weeks_min"), f"{sp}.weeks_min")
            return Stall(self.ident(e, sp), r.get(e, "name", "str", sp, default=""), chance or 0.0,
                         low or 0.0, high if high is not None and (low or 0) <= high else low or 0.0,
                         phase or (phase_ids[-1] if phase_ids else ""))

        # optional, for a facilitator's copy made before they existed: then delays do not carry over, and nothing stalls
        correlation = r.get(tl, "correlation", "number", p, required=False, default=None)
        if correlation is not None and not 0 <= correlation <= 1:
            r.problem(r.t["range"].format(low=0, high=1, value=correlation), r.line_of(tl, "correlation"),
                      f"{p}.correlation")
            correlation = None
        correlation = float(correlation or 0.0)
        stalls = r.items(tl, "stalls", p, required=False)
        r.unique_ids(stalls, f"{p}.stalls")
        self.counted(stalls, tl, "stalls", p)

        percentiles = r.get(tl, "percentiles", "list", p, default=[50, 85])
        line = r.line_of(tl, "percentiles")
        whole = True
        low, high = PERCENTILES
        for i, q in enumerate(percentiles):
            if not (isinstance(q, int) and not isinstance(q, bool) and low <= q <= high):
                r.problem(r.t["range"].format(low=low, high=high, value=q), line, f"{p}.percentiles[{i}]")
                whole = False
        if r.count(percentiles, *COUNTS["percentiles"], line, f"{p}.percentiles") and whole and any(
                b - a < PERCENTILE_GAP for a, b in zip(percentiles, percentiles[1:], strict=False)):
            r.problem(r.t["increasing"].format(values=", ".join(map(str, percentiles)), gap=PERCENTILE_GAP), line,
                      f"{p}.percentiles")
        return TimelineDefaults(
            phases=plans, uncertainty_levels=levels,
            milestones=self.listed(tl, "milestones", p, milestone, f"{p}.milestones"),
            deadlines=self.listed(tl, "deadlines", p, deadline, f"{p}.deadlines"),
            draws=self.number(tl, "draws", p, *DRAWS, "int") or 10_000,
            seed=self.number(tl, "seed", p, 0, SEED_MAX, "int") or 0,
            percentiles=tuple(percentiles), note=r.get(tl, "note", "str", p, default=""), basis=self.basis(tl, p),
            correlation=correlation, stalls=tuple(stall(entry, sp) for sp, entry in stalls),
        )


# ---------------------------------------------------------------------------------------------
# Dates in a course file
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})")
_YEARLY = re.compile(r"(\d{1,2})-(\d{1,2})")


def _impossible(year: int, month: int, day: int, t: dict, *, yearly: bool = False) -> str | None:
    """Why year-month-day is no date (": februar har ikke 30 dage (kun 28 i 2027)"), or None when it is one."""
    import calendar

    if not 1 <= month <= 12:
        why = t["no_such_month"].format(number=month)
        if 1 <= day <= 12 and _impossible(year, day, month, t) is None:  # day and month swapped
            why += t["swapped"].format(fix=f"{day:02d}-{month:02d}" if yearly else f"{year}-{day:02d}-{month:02d}")
        return why
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        in_year = t["in_year"].format(year=year) if month == 2 and not yearly else ""
        if yearly and month == 2:
            days = 29
        return t["no_such_day"].format(month=month_name(month, t["lang"]), day=day, days=days, year=in_year)
    return None


def read_date(text: str, t: dict) -> tuple[date | str | None, str | None]:
    """(what it means, None) or (None, the problem's message in t's language).

    A date: 2027-12-31 or 2027/12/31; 31.12.2027 or 31/12/2027 when only one order of day and month gives a date
    (16.06.2027; 05.06.2027 could be 5 June or 6 May and is refused with both written out). A day every year:
    12-31 (month-day), returned as text. The message of a refusal says why ("februar har ikke 30 dage") and
    names the forms."""
    def refused(why: str = "") -> tuple[None, str]:
        return None, t["bad_date"].format(value=text, why=why, forms=t["date_forms"])

    found = _YEAR_FIRST.fullmatch(text)
    if found:
        year, month, day = int(found.group(1)), int(found.group(3)), int(found.group(4))
        why = _impossible(year, month, day, t)
        return (date(year, month, day), None) if why is None else refused(why)
    found = _YEARLY.fullmatch(text)
    if found:
        month, day = int(found.group(1)), int(found.group(2))
        why = _impossible(2000, month, day, t, yearly=True)  # a leap year: 02-29 is a day of some years
        return (f"{month:02d}-{day:02d}", None) if why is None else refused(why)
    found = _YEAR_LAST.fullmatch(text)
    if not found:
        return refused()
    first, second, year = int(found.group(1)), int(found.group(3)), int(found.group(4))
    readings = sorted({(year, m, d) for d, m in ((first, second), (second, first))
                       if _impossible(year, m, d, t) is None}, key=lambda r: r[2] != first)  # day.month.year first
    if len(readings) == 1:
        return date(*readings[0]), None
    if not readings:  # explained as day.month.year, the order the course names
        return refused(_impossible(year, second, first, t) or "")
    a, b = (date(*r) for r in readings)

    def spoken(on: date) -> str:
        return format_date(on, t["lang"], "day_month")

    return None, t["date_ambiguous"].format(value=text, first=spoken(a), second=spoken(b), iso_first=a.isoformat(),
                                            iso_second=b.isoformat())


# ---------------------------------------------------------------------------------------------
def read_course(path: str | Path, lang: str | None = None) -> Course:
    """Read and validate one course file. `lang` is the language the caller expects.

    Messages are in the language the file declares (`language: da`: Danish), even when the rest of it cannot be
    read; failing that in `lang`, or in the language of the folder it lies in (data/da/), or in English."""
    path = Path(path)
    fallback = lang if lang in LANGUAGES else _folder_language(path) or "en"
    text = read_source(path, fallback)
    msg_lang = declared_language(text) or fallback
    data = parse_yaml(text, path, msg_lang)
    reader = Reader(msg_lang)
    course = _Builder(reader).course(data, path, msg_lang)
    if lang is not None and course is not None and course.language != lang:
        reader.problem(MESSAGES[msg_lang]["language"].format(value=course.language, lang=lang),
                       reader.line_of(data, "language"), "language")
    if reader.problems or course is None:
        raise CourseError(path, reader.problems, msg_lang)
    return course


def _folder_language(path: Path) -> str | None:
    return next((part for part in reversed(path.parent.parts) if part in LANGUAGES), None)


def load_course(lang: str, path: str | Path | None = None) -> Course:
    """The course for notebooks in `lang`.

    Which file: `path` if given; else the file named by the environment variable SAMSKABELSE_COURSE, when that
    file declares `language: <lang>` (a file for the other language is left to those notebooks, even when it
    is broken); else the shipped data/<lang>/course.yaml.
    """
    check_language(lang)
    if path is not None:
        return read_course(path, lang)
    override = os.environ.get(ENV_VAR, "").strip()
    if override and override_language(override) in (lang, None):
        return read_course(_override_path(override), lang)
    return read_course(default_course_path(lang), lang)


def override_language(value: str) -> str | None:
    """The language SAMSKABELSE_COURSE's file declares, read from its text alone (it may be broken);
    None when that cannot be told (a missing or unreadable file, no `language:` line): then it is reported
    to the notebooks of both languages, as only the facilitator can say which it was meant for."""
    try:
        text = _override_path(value).read_bytes()[:200_000].decode("utf-8", errors="replace")
    except OSError:
        return None
    return declared_language(text)


def _override_path(value: str) -> Path:
    """A relative SAMSKABELSE_COURSE is read from the working directory or, failing that, from the course's
    root (base.home.find): `make lab` is started there, but each notebook's kernel runs in notebooks/<lang>/."""
    return find(Path(value).expanduser())


def check_parity(a: Course, b: Course) -> None:
    """Raise CourseError (about `a`) when the two files do not use the same ids in every section."""
    ids_a, ids_b = a.ids(), b.ids()
    problems = []
    for section in sorted(set(ids_a) | set(ids_b)):
        here, there = set(ids_a.get(section, [])), set(ids_b.get(section, []))
        if here != there:
            problems.append(Problem(MESSAGES[a.language]["parity"].format(
                section=section, other=b.path.name if b.path.name != a.path.name else str(b.path),
                only_here=", ".join(sorted(here - there)) or "-",
                only_there=", ".join(sorted(there - here)) or "-"), field=section))
    if problems:
        raise CourseError(a.path, problems, a.language)


__all__ = [
    "Course", "CourseError", "load_course", "read_course", "check_parity", "default_course_path", "ENV_VAR",
]


def _main(argv: list[str]) -> int:
    """`python -m samskabelse.course FILE...`: check course files, as a facilitator would after editing.

    With no FILE: the files the notebooks use, as load_course chooses them: the file SAMSKABELSE_COURSE names
    for the language it declares (for both, if it declares none), the shipped file for the other; with no
    SAMSKABELSE_COURSE, both shipped files, which must also use the same ids. Each file's messages are in the
    language it declares. Two files of different languages named on the command line are checked for the same
    ids too."""
    import sys

    override = os.environ.get(ENV_VAR, "").strip() if not argv else ""
    if override:
        declared = override_language(override)
        paths = [str(_override_path(override))] + [str(default_course_path(lang)) for lang in LANGUAGES
                                                   if declared not in (lang, None)]
    else:
        paths = argv or [str(default_course_path(lang)) for lang in LANGUAGES]
    courses, status = [], 0
    for p in paths:
        try:
            courses.append(read_course(p))
            print(f"OK  {p}")
        except CourseError as exc:
            print(exc.report(command_line=True), file=sys.stderr)
            status = 1
        except Exception as exc:  # noqa: BLE001 - a fault in the check itself: said plainly, not as a traceback
            lang = _folder_language(Path(p)) or "en"
            print(CourseError(p, [Problem(MESSAGES[lang]["internal"].format(error=f"{type(exc).__name__}: {exc}"))],
                              lang).report(command_line=True), file=sys.stderr)
            status = 2
    if len(courses) == 2 and courses[0].language != courses[1].language and not override:
        try:
            check_parity(courses[0], courses[1])
            print("OK  " + " / ".join(PARITY_OK[c.language] for c in courses))
        except CourseError as exc:
            print(exc.report(command_line=True), file=sys.stderr)
            status = 1
    return status


PARITY_OK = {"da": "de to filer bruger de samme id'er", "en": "the two files use the same ids"}

