"""Saved answers: one JSON file per participant, written so that nothing anyone typed is lost.

Messages are plain text (they may quote names people typed): escape them before showing them as HTML.

The file (schema 1, UTF-8):

    {"kind": "samskabelse-answers", "schema": 1, "name": "Anna", "saved": "2026-11-26T18:30:00+00:00",
     "language": "da", "course": {"id": "ledelse-af-samskabelse", "file": "data/da/course.yaml"},
     "invented": true,                      # only in the shipped, invented example files
     "answers": {"gains": {...}, "phases": {...}, ...}}   # per section, what the model's to_dict() gives

    save_answers(path, name, course, {"gains": model})   # merges into the file, keeps <file>.bak
    loaded = load_answers(path, course)                   # LoadedAnswers; .models and .notes when course is given
    team, problems = load_team(folder, course)            # a bad file becomes a problem; the rest still loads

Saving writes a temporary file in the same folder, flushes it to disk and renames it over the old file,
after copying the old file to <file>.bak. It refuses to overwrite a file that is corrupt, from a newer
schema, or someone else's, and saves to a new sibling name instead (anna-2.json), saying so.
Sections are restored through each model's `from_dict(data, course)`: matched by id, and whatever no
longer matches the course is reported as a note, never dropped silently.
"""

from __future__ import annotations

import contextlib
import html
import importlib
import json
import os
import pkgutil
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .course import REPO_ROOT, Course
from .i18n import LANGUAGES, Texts
from .model import AnswerError

KIND = "samskabelse-answers"
SCHEMA = 1
SECTIONS = ("typology", "gains", "phases", "directions", "framing", "timeline")
FOLDER_ENV_VAR = "SAMSKABELSE_ANSWERS"
DEFAULT_FOLDER = "answers"
EXAMPLE_TEAM = REPO_ROOT / "data" / "example-team"

MESSAGES = Texts(
    da={
        "where": "Filen {path}",
        "not_found": "findes ikke. Tjek navnet og mappen.",
        "not_a_file": "er en mappe, ikke en fil med svar.",
        "unreadable": "kan ikke læses ({error}). Tjek, at du har adgang til filen.",
        "not_utf8": "er ikke gemt som UTF-8 (byte {pos}). Det er ikke en fil fra kurset; gem svarene igen fra "
        "en notebook.",
        "not_json": "er beskadiget: den er ikke gyldig JSON (linje {line}, kolonne {col}: {problem}). Hent den "
        "forrige version i {backup}, hvis den findes, eller gem svarene igen fra notebooks.",
        "empty": "er tom. Gem svarene igen fra notebooks, eller hent den forrige version i {backup}.",
        "not_object": "indeholder ikke kursets svar (øverste niveau er {got}, ikke et objekt med felter).",
        "kind": "er ikke en svarfil fra kurset: feltet \"kind\" er {value}, ikke \"samskabelse-answers\".",
        "field_missing": "mangler feltet \"{field}\". Gem svarene igen fra en notebook.",
        "field_type": "felt \"{field}\" skal være {expected}, men er {got}. Ret feltet, eller gem svarene "
        "igen fra en notebook.",
        "newer": "er gemt af en nyere version af kurset (felt \"schema\" er {value}; denne version læser "
        "skema {schema}). Opdater kurset (git pull), før du åbner eller overskriver filen.",
        "older": "felt \"schema\" er {value}, men skemaet begynder ved 1. Gem svarene igen fra en notebook.",
        "language": "felt \"language\" er {value}; det skal være \"da\" eller \"en\".",
        "unknown_section": "afsnittet \"{section}\" kendes ikke af denne version af kurset; det er gemt i "
        "filen, men vises ikke.",
        "no_model": "afsnittet \"{section}\" kan ikke vises endnu (dets notebook er ikke installeret); "
        "svarene er bevaret i filen.",
        "section_error": "afsnittet \"{section}\" kunne ikke læses: {error}",
        "other_course": "svarene er gemt med kursusfilen {saved} (kursus-id {saved_id}); de vises med "
        "{current}. Punkter er matchet efter id.",
        "no_folder": "Mappen {path} findes ikke. Tjek stien, eller gem først nogle svar.",
        "not_folder": "{path} er ikke en mappe.",
        "empty_folder": "Mappen {path} indeholder ingen svarfiler (*.json).",
        "duplicate": "{path}: samme navn ({name}) som {other}; begge vises.",
        # saving
        "saved": "Gemt i {path}.",
        "backup": "Den forrige version ligger i {backup}.",
        "refused": "{path} blev ikke overskrevet: {reason} Dine svar er i stedet gemt i {new}.",
        "other_person": "filen tilhører {other}, ikke {name}.",
        "cannot_save": "Svarene kunne ikke gemmes i {path}: {error}. {fix}",
        "fix_folder": "Vælg en anden mappe, eller download svarene med linket herunder.",
        "bad_name": "Skriv dit navn (eller et kaldenavn), før du gemmer.",
        "bad_section": "Ukendt afsnit {section!r}; brug et af {known}.",
    },
    en={
        "where": "The file {path}",
        "not_found": "does not exist. Check the name and the folder.",
        "not_a_file": "is a folder, not a file of answers.",
        "unreadable": "cannot be read ({error}). Check that you have access to the file.",
        "not_utf8": "is not saved as UTF-8 (byte {pos}). It is not a file from the course; save your answers "
        "again from a notebook.",
        "not_json": "is damaged: it is not valid JSON (line {line}, column {col}: {problem}). Take the previous "
        "version from {backup} if it exists, or save your answers again from the notebooks.",
        "empty": "is empty. Save your answers again from the notebooks, or take the previous version from {backup}.",
        "not_object": "does not hold the course's answers (its top level is {got}, not an object with fields).",
        "kind": "is not an answers file of the course: the field \"kind\" is {value}, not \"samskabelse-answers\".",
        "field_missing": "lacks the field \"{field}\". Save your answers again from a notebook.",
        "field_type": "field \"{field}\" must be {expected} but is {got}. Correct the field, or save your answers "
        "again from a notebook.",
        "newer": "was saved by a newer version of the course (field \"schema\" is {value}; this version reads "
        "schema {schema}). Update the course (git pull) before you open or overwrite the file.",
        "older": "field \"schema\" is {value}, but schemas start at 1. Save your answers again from a notebook.",
        "language": "field \"language\" is {value}; it must be \"da\" or \"en\".",
        "unknown_section": "the section \"{section}\" is not known to this version of the course; it is kept in "
        "the file but not shown.",
        "no_model": "the section \"{section}\" cannot be shown yet (its notebook is not installed); the answers "
        "are kept in the file.",
        "section_error": "the section \"{section}\" could not be read: {error}",
        "other_course": "the answers were saved with the course file {saved} (course id {saved_id}); they are "
        "shown with {current}. Items are matched by id.",
        "no_folder": "The folder {path} does not exist. Check the path, or save some answers first.",
        "not_folder": "{path} is not a folder.",
        "empty_folder": "The folder {path} holds no answer files (*.json).",
        "duplicate": "{path}: the same name ({name}) as {other}; both are shown.",
        "saved": "Saved in {path}.",
        "backup": "The previous version is in {backup}.",
        "refused": "{path} was not overwritten: {reason} Your answers were saved in {new} instead.",
        "other_person": "the file belongs to {other}, not to {name}.",
        "cannot_save": "The answers could not be saved in {path}: {error}. {fix}",
        "fix_folder": "Choose another folder, or download your answers with the link below.",
        "bad_name": "Write your name (or a nickname) before you save.",
        "bad_section": "Unknown section {section!r}; use one of {known}.",
    },
)

_TYPES = {
    "da": {"str": "en tekst", "int": "et heltal", "bool": "true eller false", "object": "et objekt med felter"},
    "en": {"str": "a text", "int": "a whole number", "bool": "true or false", "object": "an object with fields"},
}


class AnswersFileError(AnswerError):
    """An answers file that cannot be used. The message names the file, the field and what to do."""

    def __init__(self, path: Path | str, message: str, field: str | None = None):
        self.path = Path(path)
        self.field = field
        super().__init__(message)


class SaveError(OSError):
    """The answers could not be written anywhere. `payload` holds them, so that they can still be downloaded."""

    def __init__(self, message: str, path: Path, payload: dict):
        super().__init__(message)
        self.path = path
        self.payload = payload


@dataclass
class SaveResult:
    path: Path  # where the answers are now
    requested: Path  # where they were asked to go
    backup: Path | None  # the previous version, if there was one
    messages: list[str]  # what to tell the user, in the course's language
    payload: dict  # what was written

    @property
    def redirected(self) -> bool:
        return self.path != self.requested


@dataclass(eq=False)  # one object per file read: compared and hashed by identity, usable as a dict key
class LoadedAnswers:
    """One participant's file, read and checked."""

    path: Path
    name: str
    saved: str
    language: str
    course_id: str
    course_file: str
    invented: bool
    answers: dict[str, dict]  # section -> the raw dict, exactly as saved (unknown sections included)
    models: dict[str, Any] = field(default_factory=dict)  # section -> restored model (when a course was given)
    notes: list[str] = field(default_factory=list)  # what no longer matched, course's language, HTML-safe

    @property
    def sections(self) -> list[str]:
        return [s for s in SECTIONS if s in self.answers]

    def display_name(self, max_chars: int = 60) -> str:
        """The name, escaped for HTML (names are typed by people and may hold anything)."""
        from .display import user_text

        return user_text(self.name, max_chars, empty="?")


# ---------------------------------------------------------------------------------------------
# Where answers go
def answers_folder(folder: str | Path | None = None) -> Path:
    """The folder for saved answers: `folder`, else $SAMSKABELSE_ANSWERS, else answers/ in the working directory."""
    if folder is not None:
        return Path(folder)
    return Path(os.environ.get(FOLDER_ENV_VAR, "").strip() or DEFAULT_FOLDER)


_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"})


def file_stem(name: str) -> str:
    """A safe file name for a person's answers: 'Anne-Marie Ørsted' -> 'anne-marie-oersted'."""
    text = str(name or "").translate(_FOLD)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    stem = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")
    return stem or "deltager"


def answers_path(name: str, folder: str | Path | None = None) -> Path:
    return answers_folder(folder) / f"{file_stem(name)}.json"


def course_reference(course: Course) -> dict[str, str]:
    """How a file records its course: the course id and the file, relative to the repository when inside it."""
    path = Path(course.path)
    try:
        shown = path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        shown = str(path)
    return {"id": course.id, "file": shown}


def _show(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):  # outside the working directory, or the working directory is gone
        return str(path)


# ---------------------------------------------------------------------------------------------
# Reading
def _type_name(value: object, lang: str) -> str:
    if value is None:
        return "null"
    kind = {str: "str", int: "int", bool: "bool", dict: "object"}.get(type(value))
    return _TYPES[lang][kind] if kind else type(value).__name__


def read_answers_file(path: str | Path, lang: str = "en") -> dict:
    """The checked contents of an answers file, or AnswersFileError saying what is wrong and what to do."""
    path = Path(path)
    t = MESSAGES[lang if lang in LANGUAGES else "en"]
    where = t["where"].format(path=_show(path))
    backup = _show(backup_path(path))

    def fail(message: str, fld: str | None = None):
        raise AnswersFileError(path, f"{where} {message}", fld)

    if path.is_dir():
        fail(t["not_a_file"])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        fail(t["not_found"])
    except OSError as exc:
        fail(t["unreadable"].format(error=exc.strerror or exc))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(t["not_utf8"].format(pos=exc.start))
    if not text.strip():
        fail(t["empty"].format(backup=backup))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(t["not_json"].format(line=exc.lineno, col=exc.colno, problem=exc.msg, backup=backup))
    if not isinstance(data, dict):
        fail(t["not_object"].format(got=_type_name(data, lang)))
    if data.get("kind") != KIND:
        fail(t["kind"].format(value=json.dumps(data.get("kind"), ensure_ascii=False)[:60]), "kind")

    def need(key: str, kind: type, tname: str, parent: dict = data, label: str | None = None):
        label = label or key
        if key not in parent:
            fail(t["field_missing"].format(field=label), label)
        value = parent[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            fail(t["field_type"].format(field=label, expected=_TYPES[lang][tname], got=_type_name(value, lang)),
                 label)
        return value

    schema = need("schema", int, "int")
    if schema > SCHEMA:
        fail(t["newer"].format(value=schema, schema=SCHEMA), "schema")
    if schema < 1:
        fail(t["older"].format(value=schema), "schema")
    need("name", str, "str")
    need("saved", str, "str")
    language = need("language", str, "str")
    if language not in LANGUAGES:
        fail(t["language"].format(value=json.dumps(language, ensure_ascii=False)[:40]), "language")
    course = need("course", dict, "object")
    need("id", str, "str", course, "course.id")
    need("file", str, "str", course, "course.file")
    if "invented" in data:
        need("invented", bool, "bool")
    answers = need("answers", dict, "object")
    for section in answers:
        need(section, dict, "object", answers, f"answers.{section}")
    return data


def model_classes() -> dict[str, type]:
    """Every widget model of the package, by SECTION: found by looking through the package's modules.

    A module that cannot be imported is skipped: its section's answers then stay in the file, with a note.
    """
    import samskabelse

    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(samskabelse.__path__):
        if info.name in ("answers", "saving", "handout", "team"):  # no models there; team imports all
            continue
        try:
            module = importlib.import_module(f"samskabelse.{info.name}")
        except Exception:  # another module's problem must not stop answers from loading
            continue
        for value in vars(module).values():
            section = getattr(value, "SECTION", None)
            if (isinstance(value, type) and isinstance(section, str) and section in SECTIONS
                    and callable(getattr(value, "from_dict", None)) and callable(getattr(value, "to_dict", None))
                    and value.__module__ == module.__name__):
                found.setdefault(section, value)
    return found


def restore_sections(answers: dict[str, dict], course: Course, models: dict[str, type] | None = None,
                     ) -> tuple[dict[str, Any], list[str]]:
    """Rebuild each section's model with its from_dict; every mismatch becomes a note, nothing is dropped.

    Notes are HTML-safe text, like the models' own notes (anything taken from the file is escaped).
    """
    t = MESSAGES[course.language]
    classes = model_classes() if models is None else models
    restored, notes = {}, []
    for section, data in answers.items():
        if section not in SECTIONS:
            notes.append(t["unknown_section"].format(section=_esc(section)))
            continue
        cls = classes.get(section)
        if cls is None:
            notes.append(t["no_model"].format(section=section))
            continue
        try:
            model, section_notes = cls.from_dict(data, course)
        except AnswerError as exc:
            notes.append(t["section_error"].format(section=section, error=_esc(exc)))
            continue
        except (KeyError, TypeError, ValueError) as exc:  # a model that trips over odd data: say so, keep the rest
            notes.append(t["section_error"].format(section=section, error=_esc(f"{type(exc).__name__}: {exc}")))
            continue
        restored[section] = model
        notes += [f"{section}: {n}" for n in section_notes]
    return restored, notes


def load_answers(path: str | Path, course: Course | None = None, models: dict[str, type] | None = None,
                 lang: str | None = None) -> LoadedAnswers:
    """Read one answers file. With a course, also restore each section's model (`.models`, `.notes`)."""
    lang = course.language if course is not None else (lang or "en")
    data = read_answers_file(path, lang)
    loaded = LoadedAnswers(
        path=Path(path), name=data["name"], saved=data["saved"], language=data["language"],
        course_id=data["course"]["id"], course_file=data["course"]["file"],
        invented=bool(data.get("invented", False)), answers=data["answers"],
    )
    if course is not None:
        ref = course_reference(course)
        if ref["id"] != loaded.course_id or _course_key(ref["file"]) != _course_key(loaded.course_file):
            loaded.notes.append(MESSAGES[lang]["other_course"].format(
                saved=_esc(loaded.course_file), saved_id=_esc(loaded.course_id), current=_esc(ref["file"])))
        loaded.models, notes = restore_sections(loaded.answers, course, models)
        loaded.notes += notes
    return loaded


def _esc(value: object, max_chars: int = 200) -> str:
    text = " ".join(str(value).split())
    return html.escape(text if len(text) <= max_chars else text[: max_chars - 1] + "…")


def _course_key(file: str) -> str:
    """The shipped course files differ only by language: data/da/course.yaml and data/en/course.yaml are one course."""
    return re.sub(r"^data/(da|en)/course\.yaml$", "data/*/course.yaml", file.replace("\\", "/"))


def load_team(folder: str | Path | None = None, course: Course | None = None,
              models: dict[str, type] | None = None, lang: str | None = None,
              ) -> tuple[list[LoadedAnswers], list[str]]:
    """Every answers file in a folder (default: the shipped, invented example team).

    Returns the files that loaded, sorted by name, and a list of problems: a bad file becomes one message
    naming the file and what to do, and the rest of the team still loads. Backups (*.bak) are not read.
    """
    lang = course.language if course is not None else (lang or "en")
    t = MESSAGES[lang]
    folder = EXAMPLE_TEAM if folder is None else Path(folder)
    if not folder.exists():
        return [], [t["no_folder"].format(path=_show(folder))]
    if not folder.is_dir():
        return [], [t["not_folder"].format(path=_show(folder))]
    files = sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))
    if not files:
        return [], [t["empty_folder"].format(path=_show(folder))]
    classes = (model_classes() if models is None else models) if course is not None else None
    team, problems = [], []
    for p in files:
        try:
            team.append(load_answers(p, course, classes, lang))
        except AnswersFileError as exc:
            problems.append(str(exc))
    seen: dict[str, LoadedAnswers] = {}
    for member in team:
        key = " ".join(member.name.split()).casefold()
        if key in seen:
            problems.append(t["duplicate"].format(path=_show(member.path), name=member.name,
                                                  other=_show(seen[key].path)))
        seen.setdefault(key, member)
    team.sort(key=lambda m: (m.name.casefold(), m.path.name))
    return team, problems


# ---------------------------------------------------------------------------------------------
# Writing
def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _sibling(path: Path) -> Path:
    """The first free name beside `path`: anna.json -> anna-2.json, anna-3.json, ..."""
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists() and not backup_path(candidate).exists():
            return candidate
        n += 1


def _section_dict(section: str, value: Any, lang: str) -> dict:
    if section not in SECTIONS:
        raise ValueError(MESSAGES[lang]["bad_section"].format(section=section, known=", ".join(SECTIONS)))
    data = value.to_dict() if hasattr(value, "to_dict") else value
    if not isinstance(data, dict):
        raise TypeError(f"{section}: to_dict() must return a dict, got {type(data).__name__}")
    json.dumps(data)  # fail here, before anything is written, if the model is not JSON-safe
    return data


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, flush it to disk, and rename it over `path` in one step."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (not possible on every system)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def save_answers(path: str | Path, name: str, course: Course, sections: dict[str, Any], *,
                 merge: bool = True, invented: bool = False, now: datetime | None = None) -> SaveResult:
    """Save a participant's answers to `path`. `sections` maps section -> model (or its to_dict()).

    With merge (the default), sections already in the file and not given here are kept, so that saving
    in notebook 03 does not erase what was saved in notebook 02. Raises SaveError (with the answers in
    `.payload`) only when they could not be written anywhere.
    """
    lang = course.language
    t = MESSAGES[lang]
    requested = Path(path)
    clean_name = " ".join(str(name or "").split())
    if not clean_name:
        raise ValueError(t["bad_name"])
    new_sections = {s: _section_dict(s, v, lang) for s, v in sections.items()}

    target, messages, answers = requested, [], {}
    if requested.exists():
        try:
            existing = read_answers_file(requested, lang)
        except AnswersFileError as exc:
            target = _sibling(requested)
            messages.append(t["refused"].format(path=_show(requested), reason=str(exc), new=_show(target)))
        else:
            other = " ".join(existing["name"].split())
            if other.casefold() != clean_name.casefold():
                target = _sibling(requested)
                messages.append(t["refused"].format(path=_show(requested), new=_show(target),
                                                    reason=t["other_person"].format(other=other, name=clean_name)))
            elif merge:
                answers = dict(existing["answers"])
    answers.update(new_sections)
    payload: dict[str, Any] = {
        "kind": KIND,
        "schema": SCHEMA,
        "name": clean_name,
        "saved": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "language": lang,
        "course": course_reference(course),
    }
    if invented:
        payload["invented"] = True
    payload["answers"] = {s: answers[s] for s in [*SECTIONS, *sorted(set(answers) - set(SECTIONS))] if s in answers}
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

    backup = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            backup = backup_path(target)
            shutil.copy2(target, backup)
        _write_atomically(target, text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(t["cannot_save"].format(path=_show(target), error=reason, fix=t["fix_folder"]),
                        target, payload) from exc
    messages.insert(0, t["saved"].format(path=_show(target)))
    if backup is not None:
        messages.append(t["backup"].format(backup=_show(backup)))
    return SaveResult(path=target, requested=requested, backup=backup, messages=messages, payload=payload)
