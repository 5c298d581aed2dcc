"""Files a participant's text ends up in, made safe: file names that work on every system, and CSV cells
that a spreadsheet shows as text and never runs as a formula.

    safe_stem("Anne-Marie Ørsted")   -> "anne-marie-oersted"      (æ ø å spelt out, ASCII, hyphens)
    safe_stem("con")                 -> "_con"                    (a device name on Windows)
    csv_cell("=HYPERLINK(...)")      -> "'=HYPERLINK(...)"        (OWASP's advice for CSV injection)

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

import re
import unicodedata

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


def safe_stem(text: object, fallback: str = "fil", max_chars: int = 60) -> str:
    """A file-name stem from typed text, the same on Windows, macOS and Linux (see the module's docstring)."""
    value = str(text or "").translate(_FOLD)
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    value = re.sub(r"[^a-z0-9]+", "-", value).strip("-")[:max_chars].strip("-")
    return windows_safe(value or fallback)


def csv_cell(value: object) -> str:
    """A cell for a CSV file that a spreadsheet will not run as a formula (OWASP: prefix with ')."""
    text = "" if value is None else str(value)
    if text.lstrip(_SKIPPED).startswith(FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_row(values) -> list[str]:
    return [csv_cell(v) for v in values]
