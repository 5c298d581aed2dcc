"""Read a course file (YAML) so that every problem can be reported with its file, line and field.

The loader keeps the line of every mapping key and list, so a validation message can say
"data/da/course.yaml, line 42, field gains[2].name". Problems are collected, not raised one at a
time, so a facilitator sees everything that is wrong with their copy in one message.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .i18n import Texts

MESSAGES = Texts(
    da={
        "header": "Kursusfilen {path} kan ikke bruges:",
        "footer": "Ret filen og kør cellen igen. Originalen ligger i data/{lang}/course.yaml.",
        "where_line": "linje {line}",
        "field": "felt {field}",
        "missing_file": "filen findes ikke. Tjek stien, eller kopier data/{lang}/course.yaml dertil.",
        "not_utf8": "filen er ikke gemt som UTF-8 (byte {pos}). Gem den igen som UTF-8 i din editor.",
        "empty": "filen er tom. Kopier data/{lang}/course.yaml og ret i kopien.",
        "syntax": "YAML-syntaksfejl: {problem}. Tjek indrykning, kolon og anførselstegn omkring linjen.",
        "top_not_mapping": "filen skal bestå af felter (navn: værdi) på øverste niveau, ikke {got}.",
        "missing": "mangler. Tilføj feltet{hint}.",
        "wrong_type": "skal være {expected}, men er {got}. {fix}",
        "empty_value": "er tom. Skriv en tekst.",
        "unknown_key": "kendes ikke{suggest}. Slet det, eller ret stavningen.",
        "suggest": " (mente du '{name}'?)",
        "duplicate_key": "står to gange i samme afsnit. Slet den ene.",
        "duplicate_id": "id '{id}' bruges to gange i {section}. Hvert id skal være unikt.",
        "unknown_ref": "'{value}' findes ikke blandt {section} ({known}). Brug et af dem.",
        "bad_id": "id '{id}' må kun indeholde små bogstaver a-z, tal og _ (fx 'min_gevinst').",
        "range": "skal være mellem {low} og {high}, men er {value}.",
        "order": "'{a}' ({va}) må ikke være større end '{b}' ({vb}).",
        "choice": "skal være en af {choices}, men er '{value}'.",
        "language": "er '{value}', men filen bruges til sproget '{lang}'. Ret feltet eller brug den rigtige fil.",
        "schema": "er {value}; denne version af kurset læser skema {expected}. Brug en fil fra samme version.",
        "bad_date": "'{value}' er ikke en dato. Skriv år-måned-dag, fx 2027-12-31, eller måned-dag for en dag hvert "
        "år, fx 12-31.",
        "date_or_weeks": "en frist har enten 'date' eller 'weeks_after_start', ikke begge. Slet den ene.",
        "parity": "id'erne i {section} er ikke de samme som i {other}: kun her: {only_here}; "
        "kun dér: {only_there}. Tilføj eller slet punkter, så de to sprog har de samme id'er.",
        "types": {"str": "en tekst", "int": "et heltal", "number": "et tal", "bool": "true eller false",
                  "list": "en liste (linjer der starter med '- ')", "mapping": "et afsnit med felter (navn: værdi)"},
        "fix_text": "Skriv en tekst; sæt den i anførselstegn, hvis den indeholder kolon.",
        "fix_other": "Ret værdien.",
    },
    en={
        "header": "The course file {path} cannot be used:",
        "footer": "Fix the file and run the cell again. The original is data/{lang}/course.yaml.",
        "where_line": "line {line}",
        "field": "field {field}",
        "missing_file": "the file does not exist. Check the path, or copy data/{lang}/course.yaml there.",
        "not_utf8": "the file is not saved as UTF-8 (byte {pos}). Save it again as UTF-8 in your editor.",
        "empty": "the file is empty. Copy data/{lang}/course.yaml and edit the copy.",
        "syntax": "YAML syntax error: {problem}. Check the indentation, colons and quotes around that line.",
        "top_not_mapping": "the file must consist of fields (name: value) at the top level, not {got}.",
        "missing": "is missing. Add the field{hint}.",
        "wrong_type": "must be {expected}, but is {got}. {fix}",
        "empty_value": "is empty. Write a text.",
        "unknown_key": "is not known{suggest}. Delete it, or correct the spelling.",
        "suggest": " (did you mean '{name}'?)",
        "duplicate_key": "appears twice in the same section. Delete one of them.",
        "duplicate_id": "id '{id}' is used twice in {section}. Every id must be unique.",
        "unknown_ref": "'{value}' is not one of the {section} ({known}). Use one of them.",
        "bad_id": "id '{id}' may only contain lowercase letters a-z, digits and _ (e.g. 'my_gain').",
        "range": "must be between {low} and {high}, but is {value}.",
        "order": "'{a}' ({va}) must not be greater than '{b}' ({vb}).",
        "choice": "must be one of {choices}, but is '{value}'.",
        "language": "is '{value}', but the file is used for the language '{lang}'. "
        "Fix the field or use the right file.",
        "schema": "is {value}; this version of the course reads schema {expected}. Use a file from the same version.",
        "bad_date": "'{value}' is not a date. Write year-month-day, e.g. 2027-12-31, or month-day for a day every "
        "year, e.g. 12-31.",
        "date_or_weeks": "a deadline has either 'date' or 'weeks_after_start', not both. Delete one of them.",
        "parity": "the ids in {section} differ from those in {other}: only here: {only_here}; "
        "only there: {only_there}. Add or delete items so that both languages have the same ids.",
        "types": {"str": "a text", "int": "a whole number", "number": "a number", "bool": "true or false",
                  "list": "a list (lines starting with '- ')", "mapping": "a section of fields (name: value)"},
        "fix_text": "Write a text; put it in quotes if it contains a colon.",
        "fix_other": "Correct the value.",
    },
)


@dataclass
class Problem:
    """One thing wrong with a course file."""

    message: str
    line: int | None = None
    field: str | None = None

    def render(self, lang: str) -> str:
        t = MESSAGES[lang]
        where = []
        if self.line is not None:
            where.append(t["where_line"].format(line=self.line))
        if self.field:
            where.append(t["field"].format(field=self.field))
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class CourseError(ValueError):
    """A course file cannot be used. The message names the file, line, field and fix."""

    def __init__(self, path: Path | str, problems: list[Problem], lang: str = "en", max_shown: int = 12):
        self.path = Path(path)
        self.problems = problems
        self.lang = lang if lang in MESSAGES else "en"
        t = MESSAGES[self.lang]
        lines = [t["header"].format(path=_show_path(self.path))]
        lines += [f"  - {p.render(self.lang)}" for p in problems[:max_shown]]
        if len(problems) > max_shown:
            lines.append(f"  ... (+{len(problems) - max_shown})")
        lines.append(t["footer"].format(lang=self.lang))
        super().__init__("\n".join(lines))

    def _repr_html_(self) -> str:  # shown as a readable box, not a traceback, when displayed
        from html import escape

        return f'<pre class="samskabelse-error" role="alert">{escape(str(self))}</pre>'


def _show_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------------------
# YAML with line numbers
class LineDict(dict):
    """A dict that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict


class LineList(list):
    line: int = 0


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise _DuplicateKey(str(key), key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


# PyYAML's libyaml parser, where installed (PyPI's and conda-forge's builds have it), reads a course file several
# times faster: a few hundredths of a second at every notebook's start. A file it rejects is parsed again by the
# pure-Python parser, whose messages the course's error texts quote.
_FastLineLoader = type("_FastLineLoader", (yaml.CSafeLoader,), {}) if yaml.__with_libyaml__ else None

# Dates stay text: the course reads them itself (a deadline's `date:`), so that 2027-02-30 gets a message with
# its line instead of a ValueError from inside the YAML parser.
_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

for _loader in (_LineLoader, _FastLineLoader):
    if _loader is not None:
        _loader.yaml_implicit_resolvers = _NO_TIMESTAMPS
        _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
        _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _load_yaml(text: str):
    if _FastLineLoader is not None:
        try:
            return yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - a CSafeLoader subclass
        except yaml.YAMLError:
            pass  # parsed again below, for the message
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


def read_yaml(path: Path, lang: str) -> LineDict:
    """Parse a course file, or raise CourseError saying exactly what is wrong and where."""
    t = MESSAGES[lang]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CourseError(path, [Problem(t["missing_file"].format(lang=lang))], lang) from None
    except IsADirectoryError:
        raise CourseError(path, [Problem(t["missing_file"].format(lang=lang))], lang) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CourseError(path, [Problem(t["not_utf8"].format(pos=exc.start), line=line)], lang) from None
    try:
        data = _load_yaml(text)
    except _DuplicateKey as exc:
        raise CourseError(path, [Problem(t["duplicate_key"], line=exc.line, field=exc.key)], lang) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "?"
        raise CourseError(path, [Problem(t["syntax"].format(problem=problem), line=line)], lang) from None
    except yaml.YAMLError as exc:
        raise CourseError(path, [Problem(t["syntax"].format(problem=exc))], lang) from None
    if data is None:
        raise CourseError(path, [Problem(t["empty"].format(lang=lang))], lang)
    if not isinstance(data, LineDict):
        got = t["types"]["list"] if isinstance(data, list) else repr(data)[:40]
        raise CourseError(path, [Problem(t["top_not_mapping"].format(got=got), line=1)], lang)
    return data


# ---------------------------------------------------------------------------------------------
# A reader that walks the parsed file and collects problems
_TYPE_CHECKS: dict[str, Any] = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "list": lambda v: isinstance(v, list),
    "mapping": lambda v: isinstance(v, dict),
}
_MISSING = object()


@dataclass
class Reader:
    """Collects problems while the course model is built from a parsed file."""

    lang: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def t(self) -> dict:
        return MESSAGES[self.lang]

    def problem(self, message: str, line: int | None, path: str | None) -> None:
        self.problems.append(Problem(message, line, path))

    def _type_name(self, value: Any) -> str:
        for name, check in _TYPE_CHECKS.items():
            if check(value):
                return self.t["types"][name]
        return "null" if value is None else type(value).__name__

    def get(self, mapping: LineDict, key: str, kind: str, path: str, *, required: bool = True,
            default: Any = None) -> Any:
        """mapping[key] if present and of the right kind; else records a problem and returns default."""
        full = f"{path}.{key}" if path else key
        value = mapping.get(key, _MISSING)
        line = getattr(mapping, "key_lines", {}).get(key, getattr(mapping, "line", None))
        if value is _MISSING or value is None:
            if required:
                self.problem(self.t["missing"].format(hint=f" '{key}'"), getattr(mapping, "line", None), full)
            return default
        if not _TYPE_CHECKS[kind](value):
            fix = self.t["fix_text"] if kind == "str" else self.t["fix_other"]
            self.problem(self.t["wrong_type"].format(expected=self.t["types"][kind],
                                                     got=self._type_name(value), fix=fix), line, full)
            return default
        if kind == "str" and not value.strip():
            self.problem(self.t["empty_value"], line, full)
            return default
        return value.strip() if kind == "str" else value

    def line_of(self, mapping: Any, key: str | None = None) -> int | None:
        if key is not None and isinstance(mapping, LineDict):
            return mapping.key_lines.get(key, mapping.line)
        return getattr(mapping, "line", None)

    def known_keys(self, mapping: LineDict, allowed: set[str], path: str) -> None:
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                suggest = self.t["suggest"].format(name=close[0]) if close else ""
                full = f"{path}.{key}" if path else str(key)
                self.problem(self.t["unknown_key"].format(suggest=suggest), self.line_of(mapping, key), full)

    def items(self, mapping: LineDict, key: str, path: str, *, required: bool = True) -> list[tuple[str, Any]]:
        """The entries of a list field as (path, entry) pairs; entries that are not mappings are reported."""
        seq = self.get(mapping, key, "list", path, required=required, default=[])
        base = f"{path}.{key}" if path else key
        out = []
        for i, entry in enumerate(seq):
            if isinstance(entry, dict):
                out.append((f"{base}[{i}]", entry))
            else:
                self.problem(self.t["wrong_type"].format(expected=self.t["types"]["mapping"],
                                                         got=self._type_name(entry), fix=self.t["fix_other"]),
                             getattr(seq, "line", None), f"{base}[{i}]")
        return out

    def unique_ids(self, entries: list[tuple[str, Any]], section: str) -> None:
        seen: set[str] = set()
        for path, entry in entries:
            ident = entry.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                self.problem(self.t["duplicate_id"].format(id=ident, section=section),
                             self.line_of(entry, "id"), f"{path}.id")
            seen.add(ident)

    def check_ref(self, value: Any, known: list[str], section: str, line: int | None, path: str) -> bool:
        if value is None or value in known:
            return value is not None
        self.problem(self.t["unknown_ref"].format(value=value, section=section, known=", ".join(known)), line, path)
        return False
