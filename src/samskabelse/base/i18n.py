"""Texts in both course languages, kept side by side so that neither can lack a key."""

from __future__ import annotations

import string

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


AND = {"da": "og", "en": "and"}


def join_names(names, lang: str) -> str:
    """["a", "b", "c"] -> "a, b og c" (Danish) / "a, b and c" (English); one name as it is; none -> ""."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {AND[lang]} {names[-1]}"


def counted(n: int, one: str, many: str) -> str:
    """A number and its noun in the right number: counted(1, "deltager", "deltagere") -> "1 deltager", 2 ->
    "2 deltagere" (Danish and English both take the singular for one only)."""
    return f"{n} {one if n == 1 else many}"


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang
