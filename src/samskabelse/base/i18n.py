"""Texts in both course languages, kept side by side so that neither can lack a key."""

from __future__ import annotations

LANGUAGES = ("da", "en")


class Texts:
    """UI texts for Danish and English. Both languages must define exactly the same keys."""

    def __init__(self, *, da: dict, en: dict):
        missing = set(da) ^ set(en)
        if missing:
            raise ValueError(f"Texts: keys present in one language only: {sorted(missing)}")
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
