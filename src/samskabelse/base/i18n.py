"""Texts in both course languages, kept side by side so that neither can lack a key, and the one place that writes
dates, numbers and lists in each language's convention (Babel, from the Unicode CLDR's data):

    format_date(date(2026, 9, 28), "da")            -> "28. september 2026"   ("en": "28 September 2026")
    format_date(day, "da", "short")                  -> "28. sep. 2026"        ("en": "28 Sep 2026")
    format_date(day, "da", "day_month")              -> "28. september"
    format_date(moment, "da", "long_time")           -> "24. november 2026 kl. 10.40"
    month_name(2, "da")                              -> "februar"
    format_number(3.25, "da", 1, half_up=True)       -> "3,3"                  ("en": "3.3"; never "1.234,5")
    format_number(8.5, "da", 6, trim=True)           -> "8,5"                  (8.0 -> "8")
    join_names(["a", "b", "c"], "da")                -> "a, b og c"            ("en": "a, b and c")

Rounding stays each caller's: by default a number is rounded as Python's own formatting rounds it (the float's
exact value, halves to even: f"{x:.1f}"); half_up=True rounds halves away from zero, as the gains' averages are.
Babel is imported on first use, so that the course's file check stays quick.
"""

from __future__ import annotations

import math
import string
from datetime import datetime, time
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from functools import cache

LANGUAGES = ("da", "en")


def placeholders(text: str) -> set[str]:
    """The names a format string fills in: "{n} af {total:.0f}" -> {"n", "total"}."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def _differences(da, en, where: str) -> list[str]:
    """Where the two languages' texts differ in keys or placeholders (nested mappings and lists too)."""
    if isinstance(da, dict) and isinstance(en, dict):
        out = [f"{where}{k!r}: in one language only" for k in sorted(set(da) ^ set(en), key=str)]
        for k in da.keys() & en.keys():
            out += _differences(da[k], en[k], f"{where}{k!r} ")
        return out
    if isinstance(da, list | tuple) and isinstance(en, list | tuple):
        return [d for a, b in zip(da, en, strict=False) for d in _differences(a, b, where)]
    if isinstance(da, str) and isinstance(en, str):
        try:
            a, b = placeholders(da), placeholders(en)
        except ValueError as exc:  # an unmatched brace: a text that would fail when shown
            return [f"{where}: {exc}"]
        # one language may leave out a value the other needs (English's "a"/"an"); a name each has that the other
        # lacks is a placeholder renamed in one of them
        return [f"{where}placeholders {sorted(a)} (da) and {sorted(b)} (en)"] if (a - b) and (b - a) else []
    return []


class Texts:
    """UI texts for Danish and English. Both languages must define exactly the same keys, and no text may have a
    placeholder ("{name}") that the other language's text has under another name: a placeholder renamed in one
    language fails when the module is imported, not when a participant first meets the text in that language.
    (One language may use fewer of the values given: English's article, "a"/"an", has no Danish twin.)"""

    def __init__(self, *, da: dict, en: dict):
        missing = set(da) ^ set(en)
        if missing:
            raise ValueError(f"Texts: keys present in one language only: {sorted(missing)}")
        differ = _differences(da, en, "")
        if differ:
            raise ValueError("Texts: the languages differ: " + "; ".join(differ))
        self._by_lang = {"da": da, "en": en}

    def __getitem__(self, lang: str) -> dict:
        try:
            return self._by_lang[lang]
        except KeyError:
            raise ValueError(f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}") from None

    def __contains__(self, lang: object) -> bool:
        return lang in self._by_lang



def join_names(names, lang: str) -> str:
    """["a", "b", "c"] -> "a, b og c" (Danish) / "a, b and c" (English); one name as it is; none -> ""."""
    from babel.lists import format_list

    names = [str(n) for n in names]
    return format_list(names, locale=LOCALES["list"][check_language(lang)]) if names else ""


# Babel's locale for each language and job: the course's English writes "Sep" (CLDR's en; en_GB has "Sept") and
# lists without a serial comma (CLDR's en_GB; en has "a, b, and c").
LOCALES = {"date": {"da": "da_DK", "en": "en"}, "number": {"da": "da_DK", "en": "en"},
           "list": {"da": "da_DK", "en": "en_GB"}}
DATE_FORMS = {  # CLDR date patterns (unicode.org/reports/tr35/tr35-dates.html), as the course has written dates
    "long": {"da": "d. MMMM y", "en": "d MMMM y"},
    "short": {"da": "d. MMM y", "en": "d MMM y"},
    "day_month": {"da": "d. MMMM", "en": "d MMMM"},
    "long_time": {"da": "d. MMMM y 'kl.' HH.mm", "en": "d MMMM y, HH:mm"},
}


def format_date(day, lang: str, form: str = "long") -> str:
    """A date (or a datetime, for "long_time": its own clock time, no time zone shifted) in the course's form."""
    from babel.dates import format_datetime

    moment = day if isinstance(day, datetime) else datetime.combine(day, time())
    return format_datetime(moment.replace(tzinfo=None), DATE_FORMS[form][check_language(lang)],
                           locale=LOCALES["date"][lang])


@cache
def month_name(month: int, lang: str) -> str:
    """The month's name as it stands in a date: 2 -> "februar" / "February"."""
    from babel.dates import get_month_names

    return get_month_names("wide", locale=LOCALES["date"][check_language(lang)])[month]


def format_number(value: float, lang: str, decimals: int = 1, *, trim: bool = False, half_up: bool = False) -> str:
    """`value` with `decimals` decimals in the language's convention ("3,3" / "3.3"), no thousands separator;
    trim=True leaves out trailing zeros (and the decimal sign with them). Rounded as Python rounds (halves to
    even, of the float's exact value); half_up=True: halves away from zero, computed as the gains always were."""
    from babel.numbers import format_decimal

    if half_up:
        scaled = math.floor(abs(value) * 10**decimals + 0.5) / 10**decimals
        value = math.copysign(scaled, value) if value else 0.0
    if not math.isfinite(value):  # nothing the course shows, but never a failure: "inf", as Python writes it
        return f"{value:.{decimals}f}"
    with localcontext(Context(prec=400, rounding=ROUND_HALF_EVEN)):  # a float's exact value has up to 767 digits
        exact = Decimal(value).quantize(Decimal(1).scaleb(-decimals))
        pattern = "0" + ("." + ("#" if trim else "0") * decimals if decimals else "")
        return format_decimal(exact, format=pattern, locale=LOCALES["number"][check_language(lang)],
                              group_separator=False)


def counted(n: int, one: str, many: str) -> str:
    """A number and its noun in the right number: counted(1, "deltager", "deltagere") -> "1 deltager", 2 ->
    "2 deltagere" (Danish and English both take the singular for one only)."""
    return f"{n} {one if n == 1 else many}"


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang
