"""Saved answers: one JSON file per participant, written so that nothing anyone typed is lost.

Messages are plain text (they may quote names people typed): escape them before showing them as HTML.

The file (schema 1, UTF-8):

    {"kind": "samskabelse-answers", "schema": 1, "name": "Anna", "saved": "2026-11-26T18:30:00+00:00",
     "owner": "id:3f9c...",                 # whose file it is (below); absent in files of older versions
     "language": "da", "course": {"id": "ledelse-af-samskabelse", "file": "data/da/course.yaml"},
     "invented": true,                      # only in the shipped, invented example files
     "answers": {"gains": {...}, "phases": {...}, ...}}   # per section, what the model's to_dict() gives

    save_answers(path, name, course, {"gains": model})   # merges into the file, keeps <file>.bak
    loaded = load_answers(path, course)                   # LoadedAnswers; .models and .notes when course is given
    team, problems = load_team(folder, course)            # a bad file becomes a problem; the rest still loads

Whose file it is. `owner` says who may write a file: "hub:<user>" on a JupyterHub (JUPYTERHUB_USER; not on
Binder, whose hub users are random and temporary), else
"id:<random hex>", a participant id made once and kept in the participant's own configuration folder
(participant_record(); $SAMSKABELSE_CONFIG_DIR, else ~/.config/samskabelse, %APPDATA%\\samskabelse on
Windows). On a hub the file is named after the hub user (answers_path) and the typed name is only shown, so two
people with the same name never meet in one file. Elsewhere a file is written only by the same owner under
the same name (a system account may be shared by several people); a name whose file belongs to someone
else gets the next free sibling (mette.json -> mette-2.json), and that person's later saves find their own
file again. A file of an older version (no owner) is its writer's when the name matches and, on a POSIX system,
the file belongs to the same system user.

Who is who in a team (load_team). A participant's files (the same hub user, or the same id and name) are one
person: their newest save (merge_people). Each person gets a label no one else in the team has (assign_labels):
the name, when only they have it (the save box asks a second "Mette" for an initial before it saves: name_taken,
name_options, "Mette J."); a label the facilitator gave in 08 (.labels.json in the team's folder); a hub user's
or own folder's name; and only as a last resort a number, in an order that never depends on when the files
arrived. Two people of one name are a note (LoadedTeam.notes), never a problem.

Saving, under an inter-process lock (filelock) held by the owner: read the file, merge this notebook's
sections into it, then write the previous file's bytes to a temporary file and the new text to another
(both flushed to disk), rename the first over <file>.bak and the second over the file. A failure before
the last rename puts the previous backup back, so the previous file and backup stay byte for byte as they
were; the answers then come back in SaveError.payload, for a download. A new file is created with an
exclusive link, so two people saving the same new name at once never replace each other.

In a shared folder (a JupyterHub's sticky, group-shared folder) nobody needs write access to anyone else's
files: answers and backups are FILE_MODE (0640: the owner writes, the group reads), and the lock is the
owner's own hidden file, .<file>.<owner tag>.lock, LOCK_MODE (0600).

It refuses to overwrite a file that is corrupt, from a newer schema, or someone else's, and saves to a new
sibling name instead, saying so. Sections are restored through each model's `from_dict(data, course)`:
matched by id, and whatever no longer matches the course is reported as a note, never dropped silently.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from samskabelse.base.files import (
    create_exclusively,
    fsync_folder,
    safe_text,
    slug,
    temporary_beside,
    unlink_quietly,
    write_atomically,
)
from samskabelse.base.home import course_path, shown
from samskabelse.base.i18n import LANGUAGES, Texts, format_date, join_names
from samskabelse.course import Course
from samskabelse.sections import NAMES
from samskabelse.sections.protocol import AnswerError, register_saved_reader

KIND = "samskabelse-answers"
SCHEMA = 2  # 2: what a notebook showed with a value when saved counts as answered (sections/protocol.py)
SECTION_SCHEMA = "schema"  # inside a section kept from a file of an older schema: the rule it was saved under
SECTIONS = NAMES  # the answers file's sections: the course's sections, in their order
FOLDER_ENV_VAR = "SAMSKABELSE_ANSWERS"
DEFAULT_FOLDER = "answers"
EXAMPLE_TEAMS = {lang: course_path(f"data/example-team/{lang}") for lang in LANGUAGES}  # invented, one per language
EXAMPLE_TEAM = EXAMPLE_TEAMS["da"]  # the Danish one (example_team(lang) for a course's own)
HUB_USER_ENV = "JUPYTERHUB_USER"  # set by JupyterHub in every single-user server
BINDER_ENV_VARS = ("BINDER_SERVICE_HOST", "BINDER_REQUEST", "BINDER_LAUNCH_HOST", "BINDER_REPO_URL")
CONFIG_ENV = "SAMSKABELSE_CONFIG_DIR"  # where the participant's own record is kept (default below)
FILE_MODE = 0o640  # answers and backups: the owner reads and writes, the group (a facilitator) reads
LOCK_MODE = 0o600  # the owner's lock file: nobody else ever opens it
LOCK_TIMEOUT = 15.0  # seconds to wait for another kernel of the same participant to finish saving
MAX_FILE_BYTES = 5_000_000  # an answers file is a few kB; anything this large is not one

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
        "shared_name": "{n} deltagere hedder {name} ({files}); de vises som {labels}.",
        "same_person": "{files} er gemt af den samme deltager, {name}: holdet viser den nyeste gemning ({newest}, "
        "gemt {saved}).",
        "same_person_sections": "Fra en ældre fil er {sections} taget med, fordi den nyeste ikke har det.",
        "failed": "kunne ikke læses ({error}). Tjek filen, eller gem svarene igen fra en notebook.",
        "too_large": "er for stor til at være en svarfil ({size} MB). Tjek, at det er den rigtige fil.",
        "too_deep": "er beskadiget: den er indlejret for dybt til at være en svarfil.",
        # saving
        "saved": "Gemt i {path}.",
        "backup": "Den forrige version ligger i {backup}.",
        "refused": "{path} blev ikke overskrevet: {reason} Dine svar er i stedet gemt i {new}.",
        "other_person": "filen tilhører {other}, ikke {name}.",
        "same_name": "{path} er en anden deltagers fil (også {name}). Dine svar er gemt i din egen fil, {new}; "
        "i holdets oversigt vises I hver for sig.",
        "own_sibling": "({path} er en anden deltagers fil med samme navn.)",
        "busy": "Svarene kunne ikke gemmes i {path}: en anden notebook gemmer dine svar netop nu. Vent et "
        "øjeblik, og tryk igen.",
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
        "shared_name": "{n} participants are called {name} ({files}); they are shown as {labels}.",
        "same_person": "{files} were saved by the same participant, {name}: the team shows the newest save ({newest}, "
        "saved {saved}).",
        "same_person_sections": "From an older file, {sections} is taken along, as the newest has none.",
        "failed": "could not be read ({error}). Check the file, or save your answers again from a notebook.",
        "too_large": "is too large to be an answers file ({size} MB). Check that it is the right file.",
        "too_deep": "is damaged: it is nested too deeply to be an answers file.",
        "saved": "Saved in {path}.",
        "backup": "The previous version is in {backup}.",
        "refused": "{path} was not overwritten: {reason} Your answers were saved in {new} instead.",
        "other_person": "the file belongs to {other}, not to {name}.",
        "same_name": "{path} is another participant's file (also {name}). Your answers are saved in your own "
        "file, {new}; the team's overview shows you apart.",
        "own_sibling": "({path} is another participant's file with the same name.)",
        "busy": "The answers could not be saved in {path}: another notebook is saving your answers right now. "
        "Wait a moment and press again.",
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
    redirected: bool = False  # the file asked for could not be used (another's, damaged): a new file was made


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
    owner: str | None = None  # "hub:<user>" or "id:<hex>"; None in files of older versions
    label: str = ""  # the name as shown beside others: unique within a team (assign_labels); plain text
    schema: int = SCHEMA  # the file's schema (1: saved under the earlier rule for "answered")
    stem: str = ""  # the label as a file name (a plan's name), unique within a team (assign_labels)
    numbered: bool = False  # the label is a last resort ("Mette (2)"): nothing in the files tells who is who
    also: list[Path] = field(default_factory=list)  # the same person's older files (one person, newest save)

    def __post_init__(self) -> None:
        self.label = self.label or " ".join(self.name.split()) or self.path.stem

    @property
    def sections(self) -> list[str]:
        return [s for s in SECTIONS if s in self.answers]

    def display_name(self, max_chars: int = 60) -> str:
        """The name as shown beside others (the label), escaped for HTML (names are typed by people)."""
        from samskabelse.widgets.display import user_text

        return user_text(self.label, max_chars, empty="?")


# ---------------------------------------------------------------------------------------------
# Where answers go
def answers_folder(folder: str | Path | None = None) -> Path:
    """The folder for saved answers: `folder`, else $SAMSKABELSE_ANSWERS, else answers/ in the working directory."""
    if folder is not None:
        return Path(folder)
    return Path(os.environ.get(FOLDER_ENV_VAR, "").strip() or DEFAULT_FOLDER)


def example_team(lang: str) -> Path:
    """The invented example team of a course language (data/example-team/<lang>/)."""
    return EXAMPLE_TEAMS.get(lang, EXAMPLE_TEAM)


def is_example_team(folder: str | Path) -> bool:
    """Whether a folder is one of the shipped, invented example teams."""
    try:
        where = Path(folder).resolve()
        return any(where == f.resolve() for f in EXAMPLE_TEAMS.values())
    except OSError:
        return False


def file_stem(name: str) -> str:
    """A file name for a person's answers, safe on every system: 'Anne-Marie Ørsted' -> 'anne-marie-oersted'."""
    return slug(name, 60, "deltager")


def on_binder() -> bool:
    """True in a Binder session (BinderHub sets these variables in every session it launches)."""
    return any(os.environ.get(v) for v in BINDER_ENV_VARS)


def hub_user() -> str:
    """The JupyterHub user this server belongs to, or "" when not on a JupyterHub.

    Binder runs on a JupyterHub too, but each session is a temporary user with a random name (BinderHub's
    launcher makes it from the repository and a random suffix): no person, and a new one every session. There
    the file is named after the name typed, as on a local install (the session is one person's machine)."""
    if on_binder():
        return ""
    return os.environ.get(HUB_USER_ENV, "").strip()


def answers_path(name: str, folder: str | Path | None = None) -> Path:
    """Where a person's answers go: named after the hub user on a JupyterHub, else after the typed name."""
    return answers_folder(folder) / f"{file_stem(hub_user() or name)}.json"


# ---------------------------------------------------------------------------------------------
# Who is saving
def config_folder() -> Path:
    """The participant's own configuration folder (never a shared one): $SAMSKABELSE_CONFIG_DIR, else the
    system's per-user place (~/.config/samskabelse, or %APPDATA%\\samskabelse on Windows)."""
    chosen = os.environ.get(CONFIG_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    if os.name == "nt":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "samskabelse"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "samskabelse"


_SESSION_IDS: dict[str, str] = {}  # config folder -> id, so that a kernel keeps its id once read


def _record_path() -> Path:
    return config_folder() / "participant.json"


def _read_record(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def participant_id() -> str:
    """This participant's random id, made once and kept in their configuration folder.

    Every kernel of the same system user reads the same id; two kernels making it at once agree on the one
    written first. When the folder cannot be written, the id lasts as long as the kernel (and each kernel
    then counts as a person of its own: its answers still go to a file of their own, nothing is lost).
    """
    path = _record_path()
    known = _SESSION_IDS.get(str(path))
    if known:
        return known
    ident = _read_record(path).get("id")
    if not (isinstance(ident, str) and re.fullmatch(r"[0-9a-f]{32}", ident)):
        ident = uuid.uuid4().hex
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            create_exclusively(path, json.dumps({"id": ident}) + "\n", LOCK_MODE)
        found = _read_record(path).get("id")  # whoever wrote first
        if isinstance(found, str) and re.fullmatch(r"[0-9a-f]{32}", found):
            ident = found
    _SESSION_IDS[str(path)] = ident
    return ident


def current_owner() -> str:
    """Who is saving: "hub:<user>" on a JupyterHub, else "id:<participant id>"."""
    user = hub_user()
    return f"hub:{user}" if user else f"id:{participant_id()}"


def remembered_name() -> str:
    """The name this participant saved with last (kept in their own configuration folder), or ""."""
    name = _read_record(_record_path()).get("name")
    return " ".join(name.split()) if isinstance(name, str) else ""


def remember_name(name: str) -> None:
    """Keep the name the participant saved with, for the next save box (never shared with anyone)."""
    path = _record_path()
    record = _read_record(path)
    record.update(id=record.get("id") or participant_id(), name=name)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(record, ensure_ascii=False) + "\n", LOCK_MODE)


def name_taken(folder: str | Path, name: str, owner: str | None = None) -> list[Path]:
    """Other people's files in `folder` whose shown name is `name`: the save box then asks for an initial or surname
    before it saves. Empty when nobody else has the name, or when the participant (`owner`, default: the one
    saving) already has a file of that name there (it is theirs: they are that person)."""
    owner = owner or current_owner()
    key = _name_key(safe_text(name))
    others = []
    try:
        candidates = sorted(p for p in Path(folder).glob("*.json") if not p.name.startswith("."))
    except OSError:
        return []
    for path in candidates:
        try:
            data = read_answers_file(path)
        except AnswersFileError:
            continue
        if _name_key(safe_text(data.get("name", ""))) != key:
            continue
        if _is_owners(data, path, owner, name):
            return []
        if data.get("owner") == owner and not _is_system_users(path):
            continue  # made by someone else under this participant's own identity: not a person to tell apart
        others.append(path)
    return others


def name_options(name: str, addition: str) -> list[str]:
    """The names to offer a participant whose name is taken, from what they add: an initial ("H" -> "Mette H."),
    a surname ("Hansen" -> "Mette H.", then "Mette Hansen"), or the whole name ("Mette Hansen", the same)."""
    name = " ".join(safe_text(name).split())
    extra = " ".join(safe_text(addition).split()).strip(" .")
    if extra.casefold().startswith(name.casefold() + " "):  # the whole name typed
        extra = extra[len(name):].strip(" .")
    if not extra or not name:
        return []
    last = extra.split()[-1]
    options = [f"{name} {last[0].upper()}."]
    if len(extra) > 1:
        options.append(f"{name} {extra}")
    return list(dict.fromkeys(options))


def owner_tag(owner: str) -> str:
    """A short, file-name-safe tag for an owner (the lock file's name: no hub user names in file names)."""
    return hashlib.sha256(owner.encode("utf-8")).hexdigest()[:12]


def lock_path(path: Path, owner: str) -> Path:
    """The owner's lock for an answers file: hidden, beside it, one per owner (see the module's docstring)."""
    return path.with_name(f".{path.name}.{owner_tag(owner)}.lock")


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _is_owners(data: dict, path: Path, owner: str, name: str) -> bool:
    """May `owner` (saving as `name`) write into this file's contents?"""
    saved_owner = data.get("owner")
    if isinstance(saved_owner, str) and saved_owner:
        if saved_owner != owner or not _is_system_users(path):
            return False
        # a hub user is one person, whatever name they show; a participant id is one system account, which
        # people may share (a workshop laptop): there the name must match too
        return owner.startswith("hub:") or _same_name(str(data.get("name", "")), name)
    # a file of an older version, without an owner: its writer's when the name matches and, where the
    # system has users, the file is this system user's
    return _same_name(str(data.get("name", "")), name) and _is_system_users(path)


def _is_system_users(path: Path) -> bool:
    """Does the file belong to this system user? A file's contents can claim any owner; in a shared folder only the
    file system says who made it (another participant may have made a file under your name first). True where
    the system has no users."""
    if not hasattr(os, "geteuid"):
        return True
    try:
        return path.stat().st_uid == os.geteuid()
    except OSError:
        return False


def course_reference(course: Course) -> dict[str, str]:
    """How a file records its course: the course id and the file, from the course's root when inside it."""
    return {"id": course.id, "file": shown(course.path)}


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

    try:
        if path.is_dir():
            fail(t["not_a_file"])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            fail(t["too_large"].format(size=f"{size / 1e6:.0f}"))
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
    except RecursionError:
        fail(t["too_deep"])
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
    if "owner" in data:
        need("owner", str, "str")
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
    """Every section's model class, by its SECTION name (the registry in samskabelse.sections)."""
    from samskabelse.sections import model_classes as registered

    return registered()


def restore_sections(answers: dict[str, dict], course: Course, models: dict[str, type] | None = None,
                     schema: int = SCHEMA) -> tuple[dict[str, Any], list[str]]:
    """Rebuild each section's model with its from_dict; every mismatch becomes a note, nothing is dropped. A
    section saved under an older schema is read with its section's `migrate` (sections/definition.py).

    Notes are HTML-safe text, like the models' own notes (anything taken from the file is escaped).
    """
    from samskabelse.sections import section as definition_of

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
            if section_schema(data, schema) < SCHEMA and isinstance(model, definition_of(section).model):
                section_notes += definition_of(section).migrate(model, data, course)
        except AnswerError as exc:
            notes.append(t["section_error"].format(section=section, error=_esc(exc)))
            continue
        except Exception as exc:  # a model that trips over odd data, however: say so, keep the rest
            notes.append(t["section_error"].format(section=section, error=_esc(_reason(exc))))
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
        path=Path(path), name=safe_text(data["name"]), saved=data["saved"], language=data["language"],
        course_id=data["course"]["id"], course_file=data["course"]["file"],
        invented=bool(data.get("invented", False)), answers=data["answers"], owner=data.get("owner") or None,
        schema=data["schema"],
    )
    if course is not None:
        ref = course_reference(course)
        if ref["id"] != loaded.course_id or _course_key(ref["file"]) != _course_key(loaded.course_file):
            loaded.notes.append(MESSAGES[lang]["other_course"].format(  # file names: no local path on a plan
                saved=_esc(_file_name(loaded.course_file)), saved_id=_esc(loaded.course_id),
                current=_esc(_file_name(ref["file"]))))
        loaded.models, notes = restore_sections(loaded.answers, course, models, loaded.schema)
        loaded.notes += notes
        try_sections(loaded, course)
    return loaded


def try_sections(loaded: LoadedAnswers, course: Course) -> None:
    """Compute from each restored model what the team view (08) and the plan (07) compute from it (each section's
    `check`). A section that fails, whatever its file holds, is taken out of `loaded.models` with a note naming
    the section and the reason, so that one odd value never stops a view (the raw answers stay in the file)."""
    from samskabelse.sections import all_sections

    t = MESSAGES[course.language]
    for definition in all_sections():
        model = loaded.models.get(definition.name)
        if not isinstance(model, definition.model):  # only the course's own models
            continue
        try:
            definition.check(model, course)
        except Exception as exc:
            del loaded.models[definition.name]
            loaded.notes.append(t["section_error"].format(section=definition.name, error=_esc(_reason(exc))))


def _reason(exc: BaseException) -> str:
    """An unexpected error as a short reason: its message, or its kind when it has none."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _esc(value: object, max_chars: int = 200) -> str:
    text = " ".join(str(value).split())
    return html.escape(text if len(text) <= max_chars else text[: max_chars - 1] + "…")


def _file_name(file: str) -> str:
    """A course file as a note names it: as the repository names it (data/da/course.yaml), or, when it was
    elsewhere, by its name only, without the folders it was in on someone's machine (a note reaches the plan)."""
    shown = file.replace("\\", "/")
    if shown.startswith(("/", "~")) or re.match(r"^[A-Za-z]:/", shown):
        return shown.rsplit("/", 1)[-1] or file
    return file


def _course_key(file: str) -> str:
    """The shipped course files differ only by language: data/da/course.yaml and data/en/course.yaml are one course."""
    return re.sub(r"^data/(da|en)/course\.yaml$", "data/*/course.yaml", file.replace("\\", "/"))


def load_team(folder: str | Path | None = None, course: Course | None = None,
              models: dict[str, type] | None = None, lang: str | None = None,
              ) -> LoadedTeam:
    """Every answers file in a folder and its subfolders, one level down (default: the invented example team).

    Returns (team, problems) with `.notes` (LoadedTeam): one entry per person (merge_people: a participant's two
    files are their newest save), each with a label unique in the team (assign_labels), sorted by label; a bad
    file becomes one problem naming the file and what to do, and the rest of the team still loads; what is no
    problem but worth knowing (two people of one name, one person's two files) is a note. Backups (*.bak) and
    hidden files are not read.
    """
    lang = course.language if course is not None else (lang or "en")
    t = MESSAGES[lang]
    folder = example_team(lang) if folder is None else Path(folder)
    if not folder.exists():
        return LoadedTeam([], [t["no_folder"].format(path=_show(folder))])
    if not folder.is_dir():
        return LoadedTeam([], [t["not_folder"].format(path=_show(folder))])
    # ... and one folder down: on Zero to JupyterHub each participant writes only their own folder of the volume
    files = sorted(p for p in [*folder.glob("*.json"), *folder.glob("*/*.json")]
                   if not p.name.startswith(".") and not p.parent.name.startswith(".") and p.is_file())
    if not files:
        return LoadedTeam([], [t["empty_folder"].format(path=_show(folder))])
    classes = (model_classes() if models is None else models) if course is not None else None
    team, problems = [], []
    for p in files:
        try:
            team.append(load_answers(p, course, classes, lang))
        except AnswersFileError as exc:
            problems.append(str(exc))
        except Exception as exc:  # whatever else one file does, it must not stop the rest of the team
            problems.append(f"{t['where'].format(path=_show(p))} {t['failed'].format(error=_reason(exc)[:200])}")
    team, notes = merge_people(team, lang, folder)
    notes += assign_labels(team, read_given_labels(folder), folder, lang)
    team.sort(key=lambda m: (m.label.casefold(), m.path.name))
    return LoadedTeam(team, problems, notes)


class LoadedTeam(tuple):
    """What load_team returns: (team, problems), so that `team, problems = load_team(...)` reads it, and `.notes`:
    what the facilitator should know that is no problem (two people of one name, one person's two files), plain
    text in the course's language. Problems are files that could not be read."""

    team: list[LoadedAnswers]
    problems: list[str]
    notes: list[str]

    def __new__(cls, team: list[LoadedAnswers], problems: list[str], notes: list[str] | None = None):
        self = super().__new__(cls, (team, problems))
        self.team, self.problems, self.notes = team, problems, list(notes or [])
        return self


def _name_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def _shown(name: str) -> str:
    return " ".join(safe_text(name).split()) or "?"


# ---------------------------------------------------------------------------------------------
# Who is who: one person, one label
def person_key(member: LoadedAnswers, root: Path | None = None) -> str:
    """Who a file is of. A hub user is one person whatever name they show; a participant id is one system account,
    which people may share (a workshop laptop), so there the name counts too; a file without an owner (an older
    version's) is a person of its own, known by its place (relative to `root`, the team's folder)."""
    owner = member.owner or ""
    if owner.startswith("hub:"):
        return owner
    if owner:
        return f"{owner}|{_name_key(member.name)}"
    where = member.path
    if root is not None:
        with contextlib.suppress(ValueError, OSError):
            where = member.path.resolve().relative_to(Path(root).resolve())
    return f"file:{where.as_posix()}"


def _saved_at(member: LoadedAnswers) -> datetime:
    try:
        when = datetime.fromisoformat(member.saved)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def saved_when(stamp: str, lang: str) -> str:
    """When a file was saved, as people read it: "24. november 2026 kl. 10.40" (local time)."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return _shown(stamp)[:40]
    when = when.astimezone() if when.tzinfo else when
    return format_date(when, lang, "long_time")


def _in(path: Path, root: Path | None) -> str:
    """A file as a note about a team names it: from the team's folder (holm/mette.json), else as _show does."""
    if root is not None:
        with contextlib.suppress(ValueError, OSError):
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
    return _show(path)


def merge_people(files: list[LoadedAnswers], lang: str, root: Path | None = None,
                 ) -> tuple[list[LoadedAnswers], list[str]]:
    """One entry per person: a participant's files (the same owner, see person_key) become their newest save, with
    the sections only an older file has taken along (each as that file restored it), and a note saying so."""
    from samskabelse.sections import section as definition_of

    t = MESSAGES[lang]
    groups: dict[str, list[LoadedAnswers]] = {}
    for m in files:
        groups.setdefault(person_key(m), []).append(m)
    people, notes = [], []
    for same in groups.values():
        same.sort(key=lambda m: (_saved_at(m), m.path.name), reverse=True)
        newest = same[0]
        people.append(newest)
        if len(same) == 1:
            continue
        taken = []
        for older in same[1:]:
            newest.also.append(older.path)
            for section, data in older.answers.items():
                if section not in newest.answers:
                    newest.answers[section] = data
                    if section in older.models:
                        newest.models[section] = older.models[section]
                        taken.append(definition_of(section).label(lang) if section in SECTIONS else section)
        note = t["same_person"].format(files=join_names([_in(m.path, root) for m in sorted(same, key=lambda m: m.path)],
                                                        lang),
                                       name=_shown(newest.name), newest=_in(newest.path, root),
                                       saved=saved_when(newest.saved, lang))
        if taken:
            note += " " + t["same_person_sections"].format(sections=join_names(taken, lang))
        notes.append(note)
    return people, notes


LABELS_FILE = ".labels.json"  # in a team's folder: the names the facilitator gave people of one name (08)


def read_given_labels(folder: str | Path | None) -> dict[str, str]:
    """The labels a facilitator gave in 08 ("Mette H."), by person_key; {} when there are none or the file is odd."""
    if folder is None:
        return {}
    try:
        data = json.loads((Path(folder) / LABELS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    labels = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(labels, dict):
        return {}
    return {k: _shown(v) for k, v in labels.items() if isinstance(k, str) and isinstance(v, str) and v.strip()}


def save_given_labels(folder: str | Path, labels: dict[str, str]) -> Path:
    """Keep the labels a facilitator gave (by person_key) with the team's files, merged into those given before."""
    path = Path(folder) / LABELS_FILE
    known = {**read_given_labels(folder), **{k: _shown(v) for k, v in labels.items() if v.strip()}}
    text = json.dumps({"kind": "samskabelse-labels", "labels": known}, ensure_ascii=False, indent=2) + "\n"
    return write_atomically(path, text, FILE_MODE)


def _stable(member: LoadedAnswers) -> tuple:
    """An order that never depends on when a file arrived: its owner (fixed for a person), else when it was saved."""
    return (0, member.owner, "") if member.owner else (1, _saved_at(member).isoformat(), member.path.name)


def assign_labels(people: list[LoadedAnswers], given: dict[str, str] | None = None, root: Path | None = None,
                  lang: str = "en") -> list[str]:
    """Give each person a label unique in the team (`.label`) and a unique file-name stem for it (`.stem`); returns
    notes on people of one name (plain text).

    A name only one person has is shown as it is ("Mette", "Mette J." – the save box asks a second Mette for an
    initial). A label a facilitator gave (`given`, by person_key) is used as it is. People of the same name are
    otherwise told apart by who they are where the files say it: a hub user's name ("Mette (mhansen)"), the folder
    of their own ("Mette (holm)" for holm/mette.json). Only what gives no other way – files without owner, two
    Binder sessions – is numbered, in an order that never depends on when the files arrived (`numbered`).
    """
    t = MESSAGES[lang]
    given = given or {}
    root_key = Path(root).resolve() if root is not None else None
    labels: dict[LoadedAnswers, str] = {}
    for m in people:
        m.numbered = False
        if given.get(person_key(m, root)):
            labels[m] = given[person_key(m, root)]
    groups: dict[str, list[LoadedAnswers]] = {}
    for m in people:
        if m not in labels:
            groups.setdefault(_name_key(_shown(m.name)), []).append(m)
    notes = []
    for same in groups.values():
        shown = _shown(same[0].name)
        if len(same) == 1:
            labels[same[0]] = _shown(same[0].name)
            continue
        tags: dict[LoadedAnswers, str] = {}
        folders = {m.path.parent.resolve() for m in same}
        for m in same:
            if (m.owner or "").startswith("hub:"):
                tags[m] = m.owner[4:]
            elif len(folders) > 1 and m.path.parent.resolve() != root_key:
                tags[m] = m.path.parent.name
        untagged = sorted((m for m in same if m not in tags), key=_stable)
        for m, tag in tags.items():
            labels[m] = f"{shown} ({tag})"
        if len(untagged) == 1:
            labels[untagged[0]] = shown
        for i, m in enumerate(untagged if len(untagged) > 1 else [], 1):
            labels[m], m.numbered = f"{shown} ({i})", True
        ordered = sorted(same, key=lambda m: labels[m].casefold())
        notes.append(t["shared_name"].format(n=len(same), name=shown, files=join_names(
            [_in(m.path, root) for m in ordered], lang), labels=join_names([labels[m] for m in ordered], lang)))
    taken: set[str] = set()
    stems: set[str] = set()
    for m in sorted(people, key=lambda m: (labels[m].casefold(), _stable(m))):
        label, n = labels[m], 1
        while label.casefold() in taken:  # a name someone typed as "Mette (1)", or given twice
            n += 1
            label = f"{labels[m]} ({n})"
        taken.add(label.casefold())
        m.label = label
        stem, n = slug(label, 60, "deltager"), 1
        while stem in stems:  # "Mette H." and "Mette-H": one name on paper, two people
            n += 1
            stem = f"{slug(label, 56, 'deltager')}-{n}"
        stems.add(stem)
        m.stem = stem
    return notes


def display_labels(members: list[LoadedAnswers], shortened: int | None = None) -> dict[LoadedAnswers, str]:
    """Each person's label (assign_labels), cut to `shortened` characters for a figure's legend when given, and
    still never two alike: labels alike once cut keep their ends ("Mette Kristine… H.", "Mette Kristine… J.")."""
    full = {m: m.label or _shown(m.name) for m in members}
    if not shortened:
        return full

    def cut(text: str, tail: int = 0) -> str:
        if len(text) <= shortened:
            return text
        return text[: shortened - 1 - tail].rstrip() + "…" + (text[-tail:] if tail else "")

    out = {m: cut(label) for m, label in full.items()}
    groups: dict[str, list[LoadedAnswers]] = {}
    for m, label in out.items():
        groups.setdefault(label.casefold(), []).append(m)
    for same in groups.values():
        if len(same) < 2:
            continue
        for tail in range(2, shortened - 2):
            tried = {m: cut(full[m], tail) for m in same}
            if len({v.casefold() for v in tried.values()}) == len(same):
                out.update(tried)
                break
        else:
            for i, m in enumerate(same, 1):
                out[m] = f"{cut(full[m], 0)[: shortened - 4]}… ({i})"
    return out


# ---------------------------------------------------------------------------------------------
# Writing
def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


_FAMILY_MAX = 500  # siblings looked at: anna.json, anna-2.json, ... anna-500.json


def _family(requested: Path) -> list[Path]:
    """The file and its siblings (anna.json, anna-2.json, anna-3.json, ...), in that order."""
    return [requested] + [requested.with_name(f"{requested.stem}-{n}{requested.suffix}")
                          for n in range(2, _FAMILY_MAX + 1)]


def _free(path: Path) -> bool:
    return not path.exists() and not backup_path(path).exists()


def _section_dict(section: str, value: Any, lang: str) -> dict:
    if section not in SECTIONS:
        raise ValueError(MESSAGES[lang]["bad_section"].format(section=section, known=", ".join(SECTIONS)))
    data = value.to_dict() if hasattr(value, "to_dict") else value
    if not isinstance(data, dict):
        raise TypeError(f"{section}: to_dict() must return a dict, got {type(data).__name__}")
    json.dumps(data)  # fail here, before anything is written, if the model is not JSON-safe
    return data


def _replace_with_backup(path: Path, text: str) -> Path:
    """Replace the owner's `path` by `text`, its previous bytes becoming <path>.bak. Returns the backup.

    Both new files are written completely before anything is renamed; if renaming the new file fails, the
    previous backup is put back. So a failure at any point leaves the previous file and backup as they were.
    """
    backup = backup_path(path)
    previous = path.read_bytes()
    new_backup = new_file = kept = None
    try:
        new_backup = temporary_beside(backup, previous, FILE_MODE)
        new_file = temporary_beside(path, text.encode("utf-8"), FILE_MODE)
        if backup.exists():  # keep the previous backup until the new file is in place
            kept = backup.with_name(f".{backup.name}.{uuid.uuid4().hex[:8]}.tmp")
            os.link(backup, kept)
        os.replace(new_backup, backup)
        new_backup = None
        try:
            os.replace(new_file, path)
            new_file = None
        except BaseException:
            with contextlib.suppress(OSError):
                if kept is not None:
                    os.replace(kept, backup)
                    kept = None
                else:
                    os.unlink(backup)
            raise
    finally:
        unlink_quietly(new_backup, new_file, kept)
    fsync_folder(path.parent)
    return backup


@dataclass
class _Target:
    path: Path
    existing: dict | None  # its contents when it is the owner's file; None for a new file
    messages: list[str]
    redirected: bool


def _choose_target(requested: Path, owner: str, name: str, t: dict) -> _Target:
    """The owner's own file among `requested` and its siblings, else the first free one (saying why)."""
    messages, first_free, refused = [], None, []
    for candidate in _family(requested):
        if not candidate.exists():
            if first_free is None and _free(candidate):
                first_free = candidate
            if candidate != requested and first_free is not None and not any(
                    p.exists() for p in _family(candidate)[1:4]):
                break  # past the siblings that exist (a gap of three ends the search)
            continue
        try:
            data = read_answers_file(candidate, t["_lang"])
        except AnswersFileError as exc:
            refused.append((candidate, str(exc), None))
            continue
        if _is_owners(data, candidate, owner, name):
            for path, reason, other in refused[:1]:  # the file asked for is not used: say why, every time
                messages.append(t["own_sibling"].format(path=_show(path)) if other is not None else
                                t["refused"].format(path=_show(path), reason=reason, new=_show(candidate)))
            return _Target(candidate, data, messages, False)
        refused.append((candidate, "", data.get("name", "")))
    target = first_free or _family(requested)[-1]
    for path, reason, other in refused[:1]:
        if other is None:
            messages.append(t["refused"].format(path=_show(path), reason=reason, new=_show(target)))
        elif _same_name(str(other), name):
            messages.append(t["same_name"].format(path=_show(path), name=" ".join(str(other).split()),
                                                  new=_show(target)))
        else:
            messages.append(t["refused"].format(path=_show(path), new=_show(target), reason=t["other_person"].format(
                other=" ".join(str(other).split()), name=name)))
    return _Target(target, None, messages, bool(refused))


def own_answers_file(name: str, folder: str | Path | None = None, owner: str | None = None) -> Path | None:
    """The participant's own answers file for `name`, the one save_answers would write into (on a hub: the hub
    user's file), or None when they have saved none: the file or one of its siblings (mette-2.json) that is the
    owner's; another person's file of the same name is never it."""
    owner = owner or current_owner()
    clean = " ".join(str(name or "").split())
    requested = answers_path(clean, folder)
    family = _family(requested)
    for i, candidate in enumerate(family):
        if not candidate.exists():
            if not any(p.exists() for p in family[i + 1:i + 4]):
                return None  # past the siblings that exist (a gap of three ends the search, as saving's does)
            continue
        try:
            data = read_answers_file(candidate)
        except AnswersFileError:
            continue
        if _is_owners(data, candidate, owner, clean):
            return candidate
    return None


def answers_payload(name: str, course: Course, sections: dict[str, Any], *, owner: str, invented: bool = False,
                    now: datetime | None = None) -> dict[str, Any]:
    """The whole contents of an answers file: `sections` maps section -> model (or its to_dict()), in the file's
    order (the course's sections first)."""
    answers = {s: _section_dict(s, v, course.language) if s in SECTIONS else v for s, v in sections.items()}
    payload: dict[str, Any] = {
        "kind": KIND,
        "schema": SCHEMA,
        "name": " ".join(str(name).split()),
        "saved": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "owner": owner,
        "language": course.language,
        "course": course_reference(course),
    }
    if invented:
        payload["invented"] = True
    payload["answers"] = {s: answers[s] for s in [*SECTIONS, *sorted(set(answers) - set(SECTIONS))] if s in answers}
    return payload


def _kept_sections(existing: dict) -> dict:
    """The sections of the file being saved over, each still marked with the schema it was saved under, so that
    merging a new section into an older file never changes what the older sections mean."""
    schema = existing.get("schema", SCHEMA)
    kept = {}
    for section, data in existing["answers"].items():
        if isinstance(data, dict) and schema < SCHEMA and SECTION_SCHEMA not in data:
            data = {**data, SECTION_SCHEMA: schema}
        kept[section] = data
    return kept


def section_schema(data: Any, file_schema: int) -> int:
    """The rule a section was saved under: its own mark (kept from an older file), else the file's schema."""
    value = data.get(SECTION_SCHEMA) if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= SCHEMA else file_schema


def own_saved_section(section: str) -> dict | None:
    """This participant's own saved answers to one section (their file in the answers folder, found as the save box
    finds it), as the section's to_dict() gave them, with the schema they were saved under (SECTION_SCHEMA); None
    when there is no such file or section, or the file is someone else's or cannot be read. Registered with
    sections.protocol, so that a section's widget may follow another section's answers without importing it."""
    name = remembered_name()
    if not (name or hub_user()):
        return None
    try:
        data = read_answers_file(answers_path(name))
    except Exception:  # noqa: BLE001 - no file, or one that cannot be used: nothing to follow
        return None
    found = data["answers"].get(section)
    if not isinstance(found, dict) or (data.get("owner") and data["owner"] != current_owner()):
        return None
    return {**found, SECTION_SCHEMA: section_schema(found, data["schema"])}


register_saved_reader(own_saved_section)


def save_answers(path: str | Path, name: str, course: Course, sections: dict[str, Any], *,
                 merge: bool = True, invented: bool = False, now: datetime | None = None,
                 owner: str | None = None) -> SaveResult:
    """Save a participant's answers to `path`. `sections` maps section -> model (or its to_dict()).

    With merge (the default), sections already in the file and not given here are kept, so that saving
    in notebook 03 does not erase what was saved in notebook 02. The file is the owner's (default: the
    participant saving, current_owner()); a file of someone else at `path` is never written, and the
    answers go to the owner's own sibling file instead. Raises SaveError (with the answers in `.payload`)
    only when they could not be written anywhere.
    """
    from filelock import FileLock, Timeout

    lang = course.language
    t = {**MESSAGES[lang], "_lang": lang}
    requested = Path(path)
    clean_name = " ".join(safe_text(name or "").split())
    if not clean_name:
        raise ValueError(t["bad_name"])
    new_sections = {s: _section_dict(s, v, lang) for s, v in sections.items()}
    owner = owner or current_owner()

    def payload_for(answers: dict) -> dict[str, Any]:
        return answers_payload(clean_name, course, {**answers, **new_sections}, owner=owner, invented=invented,
                               now=now)

    def failed(target: Path, exc: BaseException, payload: dict) -> SaveError:
        if isinstance(exc, Timeout):
            return SaveError(t["busy"].format(path=_show(target)), target, payload)
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return SaveError(t["cannot_save"].format(path=_show(target), error=reason, fix=t["fix_folder"]),
                         target, payload)

    try:
        requested.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failed(requested, exc, payload_for({})) from exc
    for _attempt in range(20):  # another person may take a free name meanwhile: then look again
        target = _choose_target(requested, owner, clean_name, t)
        lock = FileLock(lock_path(target.path, owner), timeout=LOCK_TIMEOUT, mode=LOCK_MODE)
        try:
            lock.acquire()
        except (Timeout, OSError) as exc:
            raise failed(target.path, exc, payload_for({})) from exc
        try:
            existing = target.existing
            if existing is not None:  # read again under the lock: another kernel may have saved meanwhile
                try:
                    existing = read_answers_file(target.path, lang)
                except AnswersFileError:
                    continue
                if not _is_owners(existing, target.path, owner, clean_name):
                    continue
            payload = payload_for(_kept_sections(existing) if existing is not None and merge else {})
            text = safe_text(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"  # a lone surrogate: a space
            try:
                if existing is None:
                    create_exclusively(target.path, text, FILE_MODE)
                    backup = None
                else:
                    backup = _replace_with_backup(target.path, text)
            except FileExistsError:
                continue  # someone created this name a moment ago: choose again
            except OSError as exc:
                raise failed(target.path, exc, payload) from exc
        finally:
            with contextlib.suppress(Exception):  # the save is done (or reported); a lock that will not
                lock.release()                      # release is released by the system when the kernel ends
        remember_name(clean_name)
        messages = [t["saved"].format(path=_show(target.path)), *target.messages]
        if backup is not None:
            messages.append(t["backup"].format(backup=_show(backup)))
        return SaveResult(path=target.path, requested=requested, backup=backup, messages=messages,
                          payload=payload, redirected=target.redirected)
    raise failed(requested, OSError("too many files of the same name appeared while saving"), payload_for({}))
