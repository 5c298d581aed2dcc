"""Dates, numbers and lists in each language's convention, written in one place (base.i18n, with Babel), with
the rounding each caller had: the same text as the hand-made formatting it replaced (issue 23, item 6)."""

from __future__ import annotations

import math
import random
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from samskabelse.base.i18n import format_date, format_number, join_names, month_name

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "samskabelse"


@pytest.mark.parametrize(("form", "da", "en"), [
    ("long", "28. september 2026", "28 September 2026"),
    ("short", "28. sep. 2026", "28 Sep 2026"),  # not en_GB's "Sept": the figures' text as it was
    ("day_month", "28. september", "28 September"),
])
def test_dates(form, da, en):
    assert format_date(date(2026, 9, 28), "da", form) == da and format_date(date(2026, 9, 28), "en", form) == en


def test_a_saved_time_is_its_own_clock_time():
    moment = datetime.fromisoformat("2026-11-24T10:40:00+01:00")
    assert format_date(moment, "da", "long_time") == "24. november 2026 kl. 10.40"
    assert format_date(moment, "en", "long_time") == "24 November 2026, 10:40"


def test_month_names_and_every_short_month():
    assert [month_name(m, "da") for m in (1, 5, 12)] == ["januar", "maj", "december"]
    assert month_name(2, "en") == "February"
    shorts = [format_date(date(2026, m, 1), "da", "short").split()[1] for m in range(1, 13)]
    assert shorts == ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]


def test_lists_without_a_serial_comma():
    assert join_names(["a", "b", "c"], "da") == "a, b og c"
    assert join_names(["a", "b", "c"], "en") == "a, b and c"
    assert join_names(["a", "b"], "en") == "a and b" and join_names(["a"], "da") == "a" and join_names([], "da") == ""


def test_numbers_take_the_languages_decimal_sign_and_no_thousands_separator():
    assert format_number(1234.5, "da") == "1234,5" and format_number(1234.5, "en") == "1234.5"
    assert format_number(8.0, "da", 6, trim=True) == "8" and format_number(8.5, "da", 6, trim=True) == "8,5"
    assert format_number(0.1 + 0.2, "en", 2, trim=True) == "0.3"


def test_rounding_is_each_callers_as_before():
    assert format_number(8.25, "en", 1) == "8.2"  # Python's rounding: the float's exact value, halves to even
    assert format_number(3.25, "da", 1, half_up=True) == "3,3"  # the gains' averages: halves away from zero
    assert format_number(-3.25, "en", 1, half_up=True) == "-3.3"
    rng = random.Random(23)
    for _ in range(20_000):
        value = rng.choice([rng.uniform(-60, 60), round(rng.uniform(0, 60) * 4) / 4, rng.randint(0, 800) / 8])
        for decimals in (0, 1, 2):
            assert format_number(value, "en", decimals) == f"{value:.{decimals}f}"
            scaled = math.floor(abs(value) * 10**decimals + 0.5) / 10**decimals
            assert format_number(value, "en", decimals, half_up=True) == \
                f"{math.copysign(scaled, value) if value else 0.0:.{decimals}f}"
        assert format_number(value, "da", 2, trim=True) == f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


@pytest.mark.parametrize("value", [1e308, -1e308, float("inf"), float("nan"), 5e-324])
def test_any_float_is_written_never_a_failure(value):
    assert format_number(value, "en", 1) == f"{value:.1f}"


def test_no_module_writes_dates_or_decimal_commas_by_hand():
    """Month names, a decimal point made a comma, "og"/"and" before a list's last item: only base/i18n.py."""
    hand_made = re.compile(r'"(januar|jan\.)",|\.replace\("\.", ","\)|\.replace\("\.", t\[|" og " if')
    found = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
                   if hand_made.search(p.read_text(encoding="utf-8")))
    assert found == [], f"format with samskabelse.base.i18n instead: {found}"
