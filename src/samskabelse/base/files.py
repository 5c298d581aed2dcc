"""Files a participant's text ends up in, made safe: file names that work on every system, text that every
format can hold, CSV cells that a spreadsheet shows as text and never runs as a formula, and files written
whole or not at all. Each job has one home, here; every writer of the package uses it.

    slug("Anne-Marie Ørsted")        -> "anne-marie-oersted"      (æ ø å spelt out, ASCII, hyphens)
    slug("con")                      -> "_con"                    (a device name on Windows)
    slug("", fallback="deltager")    -> "deltager"
    safe_text("Mette\\x08 Hansen")   -> "Mette  Hansen"           (a control character becomes a space)
    csv_cell("=HYPERLINK(...)")      -> "'=HYPERLINK(...)"        (OWASP's advice for CSV injection)
    ics_escape("Møde; kl. 9, rum 2") -> "Møde\\; kl. 9\\, rum 2" (RFC 5545 TEXT)
    write_atomically(path, data)                                   # replace a file in one step
    create_exclusively(path, data)                                 # a new file, never over another

Text every format can hold: text pasted from another program may hold control characters (a vertical tab from
Word, a NUL, an escape), and a JSON file may hold a lone surrogate ("\\ud800"). XML 1.0 cannot hold the C0
controls other than tab, line feed and carriage return, nor surrogates, U+FFFE and U+FFFF (W3C, XML 1.0 § 2.2
"Characters"): python-docx and python-pptx refuse them ("All strings must be XML compatible"), matplotlib
cannot draw a surrogate and UTF-8 cannot encode one. `safe_text` replaces each of them, and DEL and the C1
controls (invisible in print), by a space, so that every writer (Word, slides, PDF, Markdown, CSV, calendar)
shows what was typed around them and never fails.

File names: only a-z, 0-9 and hyphens, so none of Windows' reserved characters (< > : " / \\ | ? *), no
trailing dot or space, no path separators; a name Windows reserves for a device (CON, PRN, AUX, NUL,
COM0-9, LPT0-9, also with an extension, and the superscript digits ¹ ² ³ that Windows treats alike) gets
an underscore in front.

CSV: OWASP's "CSV Injection" page (owasp.org/www-community/attacks/CSV_Injection; its 2021 revision, as
Symfony's advisory CVE-2021-41270 summarises it) advises that a cell starting with = + - @, tab (0x09) or
carriage return (0x0D) be prefixed with a single quote, so that the spreadsheet shows the cell as text, and
that cells be quoted with inner quotes doubled. The timeline's CSV (timeline_export.plan_rows) passes every
cell through csv_cell, and Python's csv writer quotes every cell that holds the separator, a quote or a line
break (inner quotes doubled), so a name never spills into the next cell. Here a cell is also neutralised
when spaces or a line break come before such a character, since some spreadsheets skip them; a plain
number the course writes itself (-1,5) is left as it is.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import tempfile
import unicodedata
from pathlib import Path

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"})
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$",
                             *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SKIPPED = " \u00a0\n"  # what a spreadsheet may skip before reading a formula
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def windows_safe(stem: str) -> str:
    """`stem` unless Windows reserves it (with or without an extension), then with "_" in front."""
    base = stem.split(".", 1)[0].rstrip(" .").lower()
    base = base.translate(str.maketrans("¹²³", "123"))
    return f"_{stem}" if base in WINDOWS_DEVICES else stem


def slug(text: object, max_chars: int = 40, fallback: str = "") -> str:
    """A file-name stem from typed text, the same on Windows, macOS and Linux (see the module's docstring): the
    package's one slug (answers files, plans, exports, uploads). Empty text gives `fallback`."""
    value = str(text or "").translate(_FOLD)
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    value = re.sub(r"[^a-z0-9]+", "-", value).strip("-")[:max_chars].strip("-")
    value = value or fallback
    return windows_safe(value) if value else value


# ---------------------------------------------------------------------------------------------
# Text every format can hold
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def safe_text(text: object) -> str:
    """`text` with every character an XML format cannot hold (and DEL and the C1 controls) replaced by a space:
    what Word, slides, PDF, Markdown, CSV and calendar files can all hold. Never fails."""
    value = "" if text is None else str(text)
    return _UNSAFE.sub(" ", value) if _UNSAFE.search(value) else value


def safe_texts(value):
    """`value` with safe_text applied to every string in it: in lists, tuples, dicts (keys too) and dataclass
    instances (a copy; bytes and numbers as they are). For data handed to a writer whole (Typst's JSON, a slide)."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, list):
        return [safe_texts(v) for v in value]
    if isinstance(value, tuple):
        return type(value)(*map(safe_texts, value)) if hasattr(value, "_fields") else tuple(map(safe_texts, value))
    if isinstance(value, dict):
        return {safe_texts(k): safe_texts(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: safe_texts(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def ics_escape(text: object) -> str:
    """An iCalendar TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newlines escaped, and what
    the format cannot hold replaced (safe_text)."""
    value = safe_text(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def csv_cell(value: object) -> str:
    """A cell for a CSV file that a spreadsheet will not run as a formula (OWASP: prefix with ')."""
    text = "" if value is None else safe_text(value)
    if text.lstrip(_SKIPPED).startswith(FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_row(values) -> list[str]:
    return [csv_cell(v) for v in values]


# ---------------------------------------------------------------------------------------------
# Files written whole or not at all
WRITE_MODE = 0o644  # a file the package writes for the user (a plan, an overview): theirs, readable by others


def _bytes(data: str | bytes) -> bytes:
    return data if isinstance(data, bytes) else data.encode("utf-8")


def fsync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (not possible on every system: then nothing happens)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def unlink_quietly(*paths: Path | None) -> None:
    for path in paths:
        if path is not None:
            with contextlib.suppress(OSError):
                os.unlink(path)


def temporary_beside(beside: Path, data: str | bytes, mode: int = WRITE_MODE) -> Path:
    """`data` (text as UTF-8) in a new hidden temporary file beside `beside`, flushed to disk, with `mode`."""
    beside = Path(beside)
    fd, tmp = tempfile.mkstemp(dir=beside.parent, prefix=f".{beside.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_bytes(data))
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(OSError, NotImplementedError):
            os.chmod(tmp, mode)
    except BaseException:
        unlink_quietly(Path(tmp))
        raise
    return Path(tmp)


def write_atomically(path: str | Path, data: str | bytes, mode: int = WRITE_MODE) -> Path:
    """Write `data` (text as UTF-8) to a temporary file beside `path`, flush it to disk, and rename it over `path`
    in one step: a reader sees the previous file or the new one, never half a file. Returns `path`."""
    path = Path(path)
    tmp = temporary_beside(path, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        unlink_quietly(tmp)
        raise
    fsync_folder(path.parent)
    return path


def create_exclusively(path: str | Path, data: str | bytes, mode: int = WRITE_MODE) -> Path:
    """Create `path` with `data`, complete or not at all; FileExistsError if it exists (or appears meanwhile), so
    that two writers of the same new name never replace each other. Returns `path`."""
    path = Path(path)
    tmp = temporary_beside(path, data, mode)
    try:
        try:
            os.link(tmp, path)  # atomic, and fails if the name is taken
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create exclusively and write in place
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(_bytes(data))
                    f.flush()
                    os.fsync(f.fileno())
            except BaseException:
                unlink_quietly(path)
                raise
    finally:
        unlink_quietly(tmp)
    fsync_folder(path.parent)
    return path
