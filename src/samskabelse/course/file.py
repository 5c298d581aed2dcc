"""Read a course file (YAML) so that every problem can be reported with its file, line and field.

The loader keeps the line of every mapping key and list, so a validation message can say
"data/da/course.yaml, line 42, field gains[2].name". Problems are collected, not raised one at a
time, so a facilitator sees everything that is wrong with their copy in one message.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from samskabelse.base.i18n import LANGUAGES, Texts

MESSAGES = Texts(
    da={
        "lang": "da",  # the messages' language: for their dates and month names (base.i18n)
        "header": "Kursusfilen {path} kan ikke bruges:",
        "footer": "Ret filen, og kør cellen igen. Originalen ligger i data/{lang}/course.yaml.",
        "footer_cli": "Ret filen, og kør kontrollen igen: {command}\n"
                      "Originalen ligger i data/{lang}/course.yaml.",
        "where_line": "linje {line}",
        "field": "felt {field}",
        "missing_file": "filen findes ikke. Tjek stien, eller kopier data/{lang}/course.yaml dertil.",
        "folder": "er en mappe, ikke en fil. Skriv stien til selve kursusfilen{hint}.",
        "folder_hint": ", fx {path}",
        "unreadable": "filen kan ikke læses ({reason}). Tjek, at du har lov til at læse den, eller kopier den til "
                      "din egen mappe.",
        "no_permission": "ingen adgang",
        "not_utf8": "filen er ikke gemt som UTF-8 (byte {pos}). Gem den igen som UTF-8 i din editor.",
        "empty": "filen er tom. Kopier data/{lang}/course.yaml og ret i kopien.",
        "syntax": "YAML-syntaksfejl: {problem}. Tjek indrykning, kolon og anførselstegn omkring linjen.",
        "quote_open": "anførselstegnet ({quote}), der begynder her, bliver aldrig lukket. Sæt det samme tegn i "
                      "slutningen af teksten.",
        "bracket_open": "'{bracket}', der begynder her, bliver aldrig lukket med '{closing}'. Tilføj '{closing}' "
                        "sidst i punktet.",
        "colon_in_text": "teksten indeholder et kolon. Sæt anførselstegn om hele teksten: {fix}",
        "comma_in_text": "ser ud som slutningen af en tekst med komma i. Sæt anførselstegn om hele teksten: {fix}",
        "tab": "linjen er rykket ind med et tabulatortegn. Brug mellemrum til indrykning.",
        "no_colon": "linjen har ingen 'navn: værdi'. Tjek, om der mangler et kolon, eller om indrykningen er "
                    "forkert.",
        "top_not_mapping": "filen skal bestå af felter (navn: værdi) på øverste niveau, ikke {got}. Kopier "
                           "data/{lang}/course.yaml og ret i kopien.",
        "missing": "mangler. Tilføj feltet{hint}.",
        "wrong_type": "skal være {expected}, men er {got}. {fix}",
        "empty_value": "er tom. Skriv en tekst.",
        "control_char": "indeholder et usynligt styretegn ({code}, tegn nr. {position}). Slet det; det kommer ofte "
                        "med, når tekst kopieres mellem programmer.",
        "unknown_key": "kendes ikke{suggest}. Slet det, eller ret stavningen.",
        "suggest": " (mente du '{name}'?)",
        "duplicate_key": "står to gange i samme afsnit. Slet den ene.",
        "duplicate_id": "id '{id}' bruges to gange i {section}. Giv den ene et andet id; hvert id skal være unikt.",
        "unknown_ref": "'{value}' findes ikke blandt {section} ({known}){suggest}. Brug et af dem.",
        "bad_id": "id '{id}' må kun indeholde små bogstaver a-z, tal og _. Ret det, fx til 'min_gevinst'.",
        "range": "skal være mellem {low} og {high}, men er {value}. Skriv en værdi fra {low} til {high}.",
        "order": "'{a}' ({va}) må ikke være større end '{b}' ({vb}). Byt om på de to tal, eller ret det ene.",
        "share": "er en andel mellem 0 og {high} (0.1 betyder 10 %), men er {value}. Skriv andelen med punktum, fx "
                 "0.1 for 10 %.",
        "choice": "skal være en af {choices}, men er '{value}'{suggest}. Skriv en af dem.",
        "count": "har {n} punkter; kurset kan vise {low} til {high}. {fix}",
        "count_fewer": "Slet nogle af dem.",
        "count_more": "Tilføj flere.",
        "too_long": "er {n} tegn lang; kurset kan vise højst {max}. Gør teksten kortere.",
        "url": "skal være en webadresse, der begynder med http:// eller https://, men er '{value}'. Kopier hele "
               "adressen fra browserens adresselinje, fx https://www.lederweb.dk/.",
        "increasing": "skal stige med mindst {gap} fra tal til tal ({values}). Skriv dem i stigende orden.",
        "typology_cells": "gitteret har fire felter, og hvert skal have netop én type; {cells} har ingen. "
                          "Ret 'initiative' og 'activity', så hver kombination bruges én gang.",
        "poles_same": "de to ender af aksen har samme id '{id}'. Giv dem hver sit id.",
        "type_no_alternative": "typen '{type}' har intet alternativ. Skriv dens id under 'types' ved mindst ét "
                               "af alternativerne, så en deltager med den type også får et forslag.",
        "cases_per_type": "typen '{type}' har {n} eksempler; der er plads til højst {max} i feltet. Flyt eller "
                          "slet nogle.",
        "internal": "kontrollen selv fejlede ({error}). Det er en fejl i kurset, ikke i din fil; fortæl det til den, "
                    "der vedligeholder kurset.",
        "language": "er '{value}', men filen bruges til sproget '{lang}'. Ret feltet eller brug den rigtige fil.",
        "schema": "er {value}; denne version af kurset læser skema {expected}. Brug en fil fra samme version.",
        "bad_date": "'{value}' er ikke en dato{why}. {forms}",
        "date_forms": "Skriv år-måned-dag, fx 2027-12-31, eller dag.måned.år, fx 31.12.2027 – eller måned-dag for en "
                      "dag hvert år, fx 12-31.",
        "no_such_day": ": {month} har ikke {day} dage (kun {days}{year})",
        "in_year": " i {year}",
        "no_such_month": ": der er kun 12 måneder, og {number} står på månedens plads",
        "swapped": " (mente du {fix}?)",
        "date_ambiguous": "'{value}' kan læses både som {first} og som {second}. Skriv datoen som år-måned-dag, så "
                          "der ikke er tvivl: {iso_first} for {first} eller {iso_second} for {second}.",
        "date_range": "skal være mellem {low} og {high}, men er {value}. Skriv en dato i det tidsrum: år-måned-dag, "
                      "fx 2027-12-31, eller dag.måned.år, fx 31.12.2027.",
        "milestone_date": "en milepæl har ingen dato og ingen uge: den står i sin fase og placeres med at: start, "
                          "middle eller end. Skriv at: i stedet – eller gør punktet til en frist under "
                          "timeline.deadlines, hvor '{key}' hører til.",
        "deadline_at": "en frist placeres ikke i en fase med at:, men med weeks_after_start: (uger efter starten) "
                       "eller date:. Skriv en af dem – eller gør punktet til en milepæl under timeline.milestones, "
                       "hvor at: hører til.",
        "deadline_phase": "en frist har ikke phase:, men phase_done: den fase, der skal være færdig til fristen. "
                          "Omdøb feltet til phase_done.",
        "belongs_under": "hører ikke til her, men under '{home}'. Flyt det derind, rykket ind som de andre felter der.",
        "belongs_top": "hører ikke til her, men på øverste niveau. Ryk det helt ud til venstre, som 'gains:' og "
                       "'phases:'.",
        "date_or_weeks": "en frist har enten 'date' eller 'weeks_after_start', ikke begge. Slet den ene.",
        "parity": "id'erne i {section} er ikke de samme som i {other}: kun her: {only_here}; "
        "kun dér: {only_there}. Tilføj eller slet punkter, så de to sprog har de samme id'er.",
        "types": {"str": "en tekst", "int": "et heltal", "number": "et tal", "bool": "true eller false",
                  "list": "en liste (linjer der starter med '- ')", "mapping": "et afsnit med felter (navn: værdi)"},
        "fix_text": "Skriv en tekst; sæt den i anførselstegn, hvis den indeholder kolon eller komma.",
        "fix_other": "Ret værdien.",
    },
    en={
        "lang": "en",
        "header": "The course file {path} cannot be used:",
        "footer": "Fix the file and run the cell again. The original is data/{lang}/course.yaml.",
        "footer_cli": "Fix the file and run the check again: {command}\n"
                      "The original is data/{lang}/course.yaml.",
        "where_line": "line {line}",
        "field": "field {field}",
        "missing_file": "the file does not exist. Check the path, or copy data/{lang}/course.yaml there.",
        "folder": "is a folder, not a file. Give the path of the course file itself{hint}.",
        "folder_hint": ", e.g. {path}",
        "unreadable": "the file cannot be read ({reason}). Check that you may read it, or copy it to your own folder.",
        "no_permission": "permission denied",
        "not_utf8": "the file is not saved as UTF-8 (byte {pos}). Save it again as UTF-8 in your editor.",
        "empty": "the file is empty. Copy data/{lang}/course.yaml and edit the copy.",
        "syntax": "YAML syntax error: {problem}. Check the indentation, colons and quotes around that line.",
        "quote_open": "the quote ({quote}) that opens here is never closed. Put the same character at the end of the "
                      "text.",
        "bracket_open": "the '{bracket}' that opens here is never closed with '{closing}'. Add '{closing}' at the end "
                        "of the entry.",
        "colon_in_text": "the text contains a colon. Put quotes around the whole text: {fix}",
        "comma_in_text": "looks like the end of a text with a comma in it. Put quotes around the whole text: {fix}",
        "tab": "the line is indented with a tab character. Indent with spaces.",
        "no_colon": "the line has no 'name: value'. Check whether a colon is missing or the indentation is wrong.",
        "top_not_mapping": "the file must consist of fields (name: value) at the top level, not {got}. Copy "
                           "data/{lang}/course.yaml and edit the copy.",
        "missing": "is missing. Add the field{hint}.",
        "wrong_type": "must be {expected}, but is {got}. {fix}",
        "empty_value": "is empty. Write a text.",
        "control_char": "contains an invisible control character ({code}, character {position}). Delete it; it often "
                        "comes along when text is copied between programs.",
        "unknown_key": "is not known{suggest}. Delete it, or correct the spelling.",
        "suggest": " (did you mean '{name}'?)",
        "duplicate_key": "appears twice in the same section. Delete one of them.",
        "duplicate_id": "id '{id}' is used twice in {section}. Give one of them another id; every id must be unique.",
        "unknown_ref": "'{value}' is not one of the {section} ({known}){suggest}. Use one of them.",
        "bad_id": "id '{id}' may only contain lowercase letters a-z, digits and _. Change it, e.g. to 'my_gain'.",
        "range": "must be between {low} and {high}, but is {value}. Write a value from {low} to {high}.",
        "order": "'{a}' ({va}) must not be greater than '{b}' ({vb}). Swap the two numbers or change one of them.",
        "share": "is a share between 0 and {high} (0.1 means 10%), but is {value}. Write the share as a decimal, e.g. "
                 "0.1 for 10%.",
        "choice": "must be one of {choices}, but is '{value}'{suggest}. Write one of them.",
        "count": "has {n} entries; the course can show {low} to {high}. {fix}",
        "count_fewer": "Delete some of them.",
        "count_more": "Add more.",
        "too_long": "is {n} characters long; the course can show at most {max}. Shorten the text.",
        "url": "must be a web address starting with http:// or https://, but is '{value}'. Copy the whole address "
               "from the browser's address bar, e.g. https://www.lederweb.dk/.",
        "increasing": "must rise by at least {gap} from number to number ({values}). Write them in increasing "
                      "order.",
        "typology_cells": "the grid has four cells and each needs exactly one type; {cells} has none. Correct "
                          "'initiative' and 'activity' so that each combination is used once.",
        "poles_same": "the two ends of the axis have the same id '{id}'. Give each its own id.",
        "type_no_alternative": "the type '{type}' has no alternative. Add its id under 'types' of at least one of "
                               "the alternatives, so that a participant with that type is offered something too.",
        "cases_per_type": "the type '{type}' has {n} examples; its cell has room for at most {max}. Move or delete "
                          "some.",
        "internal": "the check itself failed ({error}). This is a fault in the course, not in your file; tell whoever "
                    "maintains the course.",
        "language": "is '{value}', but the file is used for the language '{lang}'. "
        "Fix the field or use the right file.",
        "schema": "is {value}; this version of the course reads schema {expected}. Use a file from the same version.",
        "bad_date": "'{value}' is not a date{why}. {forms}",
        "date_forms": "Write year-month-day, e.g. 2027-12-31, or day.month.year, e.g. 31.12.2027 – or month-day for "
                      "a day every year, e.g. 12-31.",
        "no_such_day": ": {month} has no day {day} (it has {days}{year})",
        "in_year": " in {year}",
        "no_such_month": ": there are only 12 months, and {number} stands where the month goes",
        "swapped": " (did you mean {fix}?)",
        "date_ambiguous": "'{value}' can be read both as {first} and as {second}. Write the date as year-month-day, "
                          "so that there is no doubt: {iso_first} for {first} or {iso_second} for {second}.",
        "date_range": "must be between {low} and {high}, but is {value}. Write a date in that span: year-month-day, "
                      "e.g. 2027-12-31, or day.month.year, e.g. 31.12.2027.",
        "milestone_date": "a milestone has no date and no week: it stands in its phase, placed with at: start, "
                          "middle or end. Write at: instead – or make the entry a deadline under timeline.deadlines, "
                          "where '{key}' belongs.",
        "deadline_at": "a deadline is not placed in a phase with at:, but with weeks_after_start: (weeks after the "
                       "start) or date:. Write one of them – or make the entry a milestone under "
                       "timeline.milestones, where at: belongs.",
        "deadline_phase": "a deadline has no phase:, but phase_done: the phase that must be finished by the "
                          "deadline. Rename the field to phase_done.",
        "belongs_under": "does not belong here but under '{home}'. Move it there, indented like the other fields "
                         "there.",
        "belongs_top": "does not belong here but at the top level. Move it all the way to the left, like 'gains:' "
                       "and 'phases:'.",
        "date_or_weeks": "a deadline has either 'date' or 'weeks_after_start', not both. Delete one of them.",
        "parity": "the ids in {section} differ from those in {other}: only here: {only_here}; "
        "only there: {only_there}. Add or delete items so that both languages have the same ids.",
        "types": {"str": "a text", "int": "a whole number", "number": "a number", "bool": "true or false",
                  "list": "a list (lines starting with '- ')", "mapping": "a section of fields (name: value)"},
        "fix_text": "Write a text; put it in quotes if it contains a colon or a comma.",
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
    """A course file cannot be used. The message names the file, line, field and fix, in the file's language.

    `str(error)` and the notebook's box end with "run the cell again"; `error.report(command_line=True)`, what
    `python -m samskabelse.course` prints, ends with the command to run instead.
    """

    def __init__(self, path: Path | str, problems: list[Problem], lang: str = "en", max_shown: int = 12):
        self.path = Path(path)
        self.problems = problems
        self.lang = lang if lang in MESSAGES else "en"
        self.max_shown = max_shown
        super().__init__(self.report())

    def report(self, *, command_line: bool = False, footer: str | None = None, name: str | None = None) -> str:
        """The message: a header naming the file, one line per problem, and what to do next. On the command line
        that is the check's command as the user would type it (check_command); `footer` replaces it (the
        facilitator's notebook: "upload it again"), and `name` replaces the file's path in the header (an
        uploaded file's own name, not the temporary folder it was put in)."""
        t = MESSAGES[self.lang]
        shown = name or _show_path(self.path)
        lines = [t["header"].format(path=shown)]
        lines += [f"  - {p.render(self.lang)}" for p in self.problems[: self.max_shown]]
        if len(self.problems) > self.max_shown:
            lines.append(f"  ... (+{len(self.problems) - self.max_shown})")
        if footer is not None:
            lines.append(footer)
        elif command_line:
            lines.append(t["footer_cli"].format(lang=self.lang, command=check_command(shown)))
        else:
            lines.append(t["footer"].format(lang=self.lang))
        return "\n".join(lines)

    def _repr_html_(self) -> str:  # shown as a readable box, not a traceback, when displayed
        from html import escape

        return f'<pre class="samskabelse-error" role="alert">{escape(str(self))}</pre>'


def _show_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _quoted_path(path: str) -> str:
    """A path as a shell command needs it: quoted when it holds a space or another special character."""
    import shlex

    return shlex.quote(path)


def python_command() -> str:
    """This Python as the user would type it in the folder they are in: `python` (or `python3`) when that name
    finds this very interpreter (an activated virtual environment), else its path from the working folder when
    it lies inside it (`.venv/bin/python`), else its whole path."""
    import os
    import shutil
    import sys

    exe = os.path.abspath(sys.executable)  # not resolved: a venv's python is a link to the base interpreter
    for name in ("python", "python3"):
        found = shutil.which(name)
        if found and os.path.abspath(found) == exe:
            return name
    try:
        relative = Path(exe).relative_to(Path.cwd().absolute())
    except ValueError:
        return _quoted_path(exe)
    shown = str(relative) if os.sep in str(relative) else os.path.join(".", str(relative))
    return _quoted_path(shown)


def check_command(path: str) -> str:
    """The course check for one file, as the user would type it: `.venv/bin/python -m samskabelse check FILE`."""
    return f"{python_command()} -m samskabelse check {_quoted_path(path)}"


# ---------------------------------------------------------------------------------------------
# YAML with line numbers
class LineDict(dict):
    """A dict that remembers the line of itself and of each key (1-based), and whether it was written on one
    line in braces ({ id: x, name: y }): there a comma ends a text, so unquoted text with a comma splits."""

    line: int = 0
    key_lines: dict
    flow: bool = False


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
    result.flow = bool(node.flow_style)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):  # a list or mapping as a key ("? [a]: b"): a text, to be reported
            key = str(key)
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

_LANGUAGE_LINE = re.compile(r"^language:[ \t]*(['\"]?)([A-Za-z]+)\1[ \t]*(?:#.*)?$", re.MULTILINE)


def declared_language(text: str) -> str | None:
    """The language a course file declares (`language: da` at the top level), read without parsing the YAML, so
    that even a file with a syntax error gets its messages in its own language; None if it declares none."""
    match = _LANGUAGE_LINE.search(text)
    return match.group(2) if match and match.group(2) in LANGUAGES else None


def read_source(path: Path, lang: str) -> str:
    """The text of a course file, or CourseError (in `lang`) saying why it cannot be read."""
    t = MESSAGES[lang]
    if path.is_dir():
        inside = path / "course.yaml"
        hint = t["folder_hint"].format(path=_show_path(inside)) if inside.is_file() else ""
        raise CourseError(path, [Problem(t["folder"].format(hint=hint))], lang)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CourseError(path, [Problem(t["missing_file"].format(lang=lang))], lang) from None
    except PermissionError:
        raise CourseError(path, [Problem(t["unreadable"].format(reason=t["no_permission"]))], lang) from None
    except IsADirectoryError:
        raise CourseError(path, [Problem(t["folder"].format(hint=""))], lang) from None
    except OSError as exc:
        raise CourseError(path, [Problem(t["unreadable"].format(reason=exc.strerror or exc))], lang) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        lang = declared_language(raw.decode("utf-8", errors="replace")) or lang
        line = raw[: exc.start].count(b"\n") + 1
        raise CourseError(path, [Problem(MESSAGES[lang]["not_utf8"].format(pos=exc.start), line=line)],
                          lang) from None


def parse_yaml(text: str, path: Path, lang: str) -> LineDict:
    """Parse a course file's text, or raise CourseError saying exactly what is wrong and where."""
    t = MESSAGES[lang]
    try:
        data = _load_yaml(text)
    except _DuplicateKey as exc:
        raise CourseError(path, [Problem(t["duplicate_key"], line=exc.line, field=exc.key)], lang) from None
    except yaml.MarkedYAMLError as exc:
        raise CourseError(path, [_syntax_problem(exc, text, t)], lang) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:  # e.g. a date like 2026-02-31
        raise CourseError(path, [Problem(t["syntax"].format(problem=str(exc)[:200]))], lang) from None
    if data is None:
        raise CourseError(path, [Problem(t["empty"].format(lang=lang))], lang)
    if not isinstance(data, LineDict):
        got = t["types"]["list"] if isinstance(data, list) else repr(data)[:40]
        raise CourseError(path, [Problem(t["top_not_mapping"].format(got=got, lang=lang), line=1)], lang)
    return data


def read_yaml(path: Path, lang: str) -> LineDict:
    """Read and parse a course file; messages in `lang`."""
    return parse_yaml(read_source(path, lang), path, lang)


_CLOSING = {"[": "]", "{": "}"}


def _quote_fix(line: str) -> str:
    """`  name: Mål: færre ensomme` -> `name: "Mål: færre ensomme"` (inside braces: only the entry's text)."""
    stripped = line.strip().lstrip("-").strip()
    if stripped.startswith("{"):
        stripped = stripped[1:].rstrip().rstrip("}").strip()
    key, sep, value = stripped.partition(": ")
    if not sep:
        return f'"{stripped}"'
    value = value.strip().replace('"', '\\"')
    return f'{key}: "{value}"'


_LINE_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:\s|$)")
_DASH = re.compile(r"-(?:[ \t]+|$)")


def field_at(lines: list[str], number: int) -> str | None:
    """The field that line `number` (1-based) of a course file belongs to, told from the indentation alone,
    as the check names fields ("gains[1].name"): a file that cannot be parsed still gets its field named."""
    parts: list[str] = []
    column: float = float("inf")  # the innermost column found so far; what encloses it lies further left
    for j in range(min(number, len(lines)) - 1, -1, -1):
        line = lines[j].rstrip().expandtabs(4)
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if indent >= column:
            continue
        dash = _DASH.match(stripped)
        rest = stripped[dash.end():] if dash else stripped
        key = _LINE_KEY.match(rest)
        key_column = indent + (dash.end() if dash else 0)
        value = rest[key.end():].strip() if key else ""
        # a key encloses the line only if its value follows below it (not `id: quality`, but `gains:`, `text: >-`)
        if key and key_column < column and (j == number - 1 or not value or value[0] in "#>|[{"):
            parts.insert(0, key.group(1))
            column = key_column
        if dash:  # an entry of a list: which one, counted among the entries at its indentation
            index = 0
            for above in range(j - 1, -1, -1):
                other = lines[above].rstrip().expandtabs(4)
                other_stripped = other.lstrip(" ")
                if not other_stripped or other_stripped.startswith("#"):
                    continue
                other_indent = len(other) - len(other_stripped)
                if other_indent < indent:
                    break
                if other_indent == indent and _DASH.match(other_stripped):
                    index += 1
            parts.insert(0, f"[{index}]")
            column = indent
    return "".join(p if p.startswith("[") or i == 0 else f".{p}" for i, p in enumerate(parts)) or None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, t: dict) -> Problem:
    """One syntax error as a facilitator can fix it: the line where the problem starts, its field, and the fix."""
    problem = _syntax_problem_at(exc, text, t)
    if problem.line is not None and problem.field is None:
        problem.field = field_at(text.splitlines(), problem.line)
    return problem


def _syntax_problem_at(exc: yaml.MarkedYAMLError, text: str, t: dict) -> Problem:
    lines = text.splitlines()
    context, problem = exc.context or "", exc.problem or ""
    opened, found = exc.context_mark, exc.problem_mark

    def line_at(mark) -> int | None:
        return mark.line + 1 if mark is not None else None

    def source(mark) -> str:
        return lines[mark.line] if mark is not None and mark.line < len(lines) else ""

    # A quote left open runs on to the next quote character, maybe many lines further, and the error shows up
    # there: report the line where a quote opens and is not closed, if there is one up to the error.
    last = max((m.line for m in (opened, found) if m is not None), default=len(lines) - 1)
    unclosed = _unclosed_quote(lines[: last + 1])
    if unclosed is not None:
        number, quote = unclosed
        return Problem(t["quote_open"].format(quote=quote), line=number)
    if "quoted scalar" in context and opened is not None:
        quote = text[opened.index] if opened.index < len(text) else '"'
        return Problem(t["quote_open"].format(quote=quote), line=line_at(opened))
    if "mapping values are not allowed" in problem:  # name: Mål: færre ensomme
        return Problem(t["colon_in_text"].format(fix=_quote_fix(source(found))), line=line_at(found))
    if "flow" in context and opened is not None and found is not None:
        if found.line == opened.line and "':'" in problem:  # { name: Mål: færre ensomme }
            return Problem(t["colon_in_text"].format(fix=_flow_entry(source(found), found)), line=line_at(found))
        bracket = text[opened.index] if opened.index < len(text) else "["
        if bracket in _CLOSING:
            return Problem(t["bracket_open"].format(bracket=bracket, closing=_CLOSING[bracket]), line=line_at(opened))
    if "'\\t'" in problem:
        return Problem(t["tab"], line=line_at(found))
    if "could not find expected ':'" in problem:
        return Problem(t["no_colon"], line=line_at(opened or found))
    mark = found or opened
    return Problem(t["syntax"].format(problem=problem or context or "?"), line=line_at(mark))


_QUOTED_START = re.compile(r"""(?:^|:\s|-\s|[{\[,]\s*)(["'])""")


def _unclosed_quote(lines: list[str]) -> tuple[int, str] | None:
    """The first line (1-based) where a quoted text opens and the line ends before it closes, and its quote.

    Course files keep each quoted text on one line (longer texts use `>-`), so such a line is where the
    problem starts. Comments and apostrophes inside unquoted text (id'er, don't) are not quotes."""
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("#"):
            continue
        position = 0
        while (match := _QUOTED_START.search(line, position)) is not None:
            quote = match.group(1)
            start = match.end()
            if quote == '"':
                close = re.compile(r'(?<!\\)"')  # \" inside a double-quoted text is not its end
                end = close.search(line, start)
            else:  # '' inside a single-quoted text is an escaped quote
                end = re.compile(r"'(?!')").search(line.replace("''", "\0\0"), start)
            if end is None:
                return number, quote
            position = end.end()
    return None


def _flow_entry(line: str, found) -> str:
    """The `key: text` inside braces that holds the colon at `found`: from the key before it to the next comma."""
    column = found.column
    start = line.rfind(",", 0, column)
    start = line.rfind("{", 0, column) if start < 0 else start
    stop = line.find(",", column)
    stop = line.find("}", column) if stop < 0 else stop
    return _quote_fix(line[start + 1: stop if stop >= 0 else len(line)])


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

# The longest text each field may hold: what its figure, table and the one-page plan have room for (the
# shipped files use about half of each). A field's limit is looked up by its section and name
# ("phases.name": in `phases:`, each `name:`), else by its name alone, else DEFAULT_MAX_CHARS.
MAX_CHARS = {
    # names drawn in figures, where space is short
    "phases.name": 40,  # a row label of the phases and the timeline figure
    "directions.name": 20,  # at a tip of the compass, with "· 3/5"
    "directions.who": 80,  # two lines of it beside the compass, all of it in the table
    "framing.frame_elements.name": 24,  # inside a box of the frame sheet
    "framing.deciders.name": 40,
    "framing.influence_levels.name": 20,  # the control figure's scale, up to six side by side
    "involvement.levels.name": 13,  # above a step of the spectrum, up to six side by side
    "involvement.levels.description": 80,  # five short lines under the step
    "typology.types.name": 40,
    "typology.initiative.low.name": 50, "typology.initiative.high.name": 50,
    "typology.activity.low.name": 48, "typology.activity.high.name": 48,
    "example_cases.name": 50,
    "timeline.uncertainty_levels.name": 16,
    "timeline.milestones.name": 50,
    "timeline.deadlines.name": 50,
    "timeline.stalls.name": 90,  # a row of the working model's table and the widget's panel, never in the figure
    "gains.name": 40, "demands.name": 40,
    # by field
    "name": 60, "label": 40, "low": 30, "high": 30, "when": 20, "who": 80, "number": 4, "id": 40,
    "title": 160, "subtitle": 160, "covers": 160, "publisher": 200, "where": 200, "source": 200, "help": 200,
    "url": 300, "text": 240, "question": 240, "questions": 240, "description": 400, "strategic_focus": 400,
    "note": 1200,
}
DEFAULT_MAX_CHARS = 400

# Keys that are not known where they stand but mean something elsewhere: (section, key) -> the message that says
# where they belong and what to write here instead; and the one section each other such key belongs to ("" is
# the top level; "phases[…]" inside each entry of a list).
ELSEWHERE = {
    ("timeline.milestones", "date"): "milestone_date",
    ("timeline.milestones", "weeks_after_start"): "milestone_date",
    ("timeline.milestones", "weeks"): "milestone_date",
    ("timeline.deadlines", "at"): "deadline_at",
    ("timeline.deadlines", "phase"): "deadline_phase",
}
HOME = {
    **dict.fromkeys(("schema", "language", "course", "publication", "modules", "gains", "own_gains", "demands",
                     "directions", "typology", "example_cases", "involvement", "framing", "timeline",
                     "gains_rules"), ""),
    **dict.fromkeys(("carry", "lead", "doubt", "heavy_demands", "alternatives"), "gains_rules"),
    **dict.fromkeys(("milestones", "deadlines", "uncertainty_levels", "draws", "seed", "percentiles", "correlation",
                     "stalls"), "timeline"),
    **dict.fromkeys(("frame_elements", "deciders", "influence_levels"), "framing"),
    "types": "typology", "levels": "involvement",
    "focus_points": "phases[…]", "strategic_focus": "phases[…]", "tasks": "directions[…]",
}
_INDEX = re.compile(r"\[\d+\]")


def max_chars(path: str, key: str) -> int:
    """The longest text allowed in field `key` of the entry at `path` (e.g. "phases[2]", "name")."""
    section = _INDEX.sub("", path)
    return MAX_CHARS.get(f"{section}.{key}" if section else key, MAX_CHARS.get(key, DEFAULT_MAX_CHARS))


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
        if kind == "str" and not (self.short_enough(value, max_chars(path, key), line, full)
                                  and self.visible(value, line, full)):
            return default
        return value.strip() if kind == "str" else value

    def short_enough(self, text: str, limit: int, line: int | None, path: str) -> bool:
        n = len(" ".join(text.split()))
        if n > limit:
            self.problem(self.t["too_long"].format(n=n, max=limit), line, path)
            return False
        return True

    def visible(self, text: str, line: int | None, path: str) -> bool:
        """Whether a text is free of invisible control characters (often left by copying between programs or
        by a file saved in another encoding); else a problem naming the first one."""
        for position, char in enumerate(text, 1):
            if unicodedata.category(char) in ("Cc", "Co", "Cs") and char not in "\n\t":
                self.problem(self.t["control_char"].format(code=f"U+{ord(char):04X}", position=position), line, path)
                return False
        return True

    def suggest(self, value: Any, known) -> str:
        """ (did you mean 'x'?) for a value close to one of `known`, else nothing."""
        close = difflib.get_close_matches(str(value), [str(k) for k in known], n=1)
        return self.t["suggest"].format(name=close[0]) if close else ""

    def count(self, entries: list, low: int, high: int, line: int | None, path: str) -> bool:
        """Whether a list has between `low` and `high` entries (else a problem naming the limits)."""
        n = len(entries)
        if low <= n <= high:
            return True
        fix = self.t["count_fewer"] if n > high else self.t["count_more"]
        self.problem(self.t["count"].format(n=n, low=low, high=high, fix=fix), line, path)
        return False

    def line_of(self, mapping: Any, key: str | None = None) -> int | None:
        if key is not None and isinstance(mapping, LineDict):  # a default LineDict() (a section not in the file)
            return getattr(mapping, "key_lines", {}).get(key, mapping.line)  # has no lines of its keys
        return getattr(mapping, "line", None)

    def known_keys(self, mapping: LineDict, allowed: set[str], path: str) -> None:
        keys = list(mapping)
        split_from = None  # in braces, the key whose text a comma cut off, while the pieces follow it
        for key in keys:
            if key in allowed:
                split_from = key if getattr(mapping, "flow", False) and isinstance(mapping[key], str) else None
                continue
            full = f"{path}.{key}" if path else str(key)
            if split_from is not None and mapping[key] is None and isinstance(key, str):
                # { name: Klima- og Miljøudvalget, møde i juni }: the comma ended the text
                pieces = [mapping[split_from]]
                for later in keys[keys.index(split_from) + 1:]:
                    if later in allowed or mapping[later] is not None:
                        break
                    pieces.append(str(later))
                if pieces[-1] == key:  # reported once, at the last piece, with the whole text
                    fix = '{}: "{}"'.format(split_from, ", ".join(pieces).replace('"', '\\"'))
                    self.problem(self.t["comma_in_text"].format(fix=fix), self.line_of(mapping, key), full)
                continue
            split_from = None
            self.problem(self.elsewhere(key, path) or
                         self.t["unknown_key"].format(suggest=self.suggest(key, sorted(allowed))),
                         self.line_of(mapping, key), full)

    def elsewhere(self, key: Any, path: str) -> str | None:
        """What to say about a key that is not known here but belongs somewhere else in the file (a milestone's
        `date:`, `milestones:` outside `timeline:`), or None."""
        section = _INDEX.sub("", path)
        special = ELSEWHERE.get((section, key))
        if special is not None:
            return self.t[special].format(key=key)
        home = HOME.get(key) if isinstance(key, str) else None
        if home is None or home == section:
            return None
        return self.t["belongs_top"] if home == "" else self.t["belongs_under"].format(home=home)

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
        self.problem(self.t["unknown_ref"].format(value=value, section=section, known=", ".join(known),
                                                  suggest=self.suggest(value, known)), line, path)
        return False
