"""Every text the package shows exists in both languages with the same placeholders (base/i18n.Texts)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import samskabelse
from samskabelse.base.i18n import Texts, placeholders


def every_module():
    for info in pkgutil.walk_packages(samskabelse.__path__, "samskabelse."):
        if not info.name.endswith("__main__"):
            yield importlib.import_module(info.name)


def test_every_text_table_of_the_package_loads_in_both_languages():
    """Texts checks itself when it is made, so importing every module checks every table; at least the
    tables of every section, the answers and the kit are among them."""
    tables = [(m.__name__, name) for m in every_module() for name, v in vars(m).items() if isinstance(v, Texts)]
    modules = {m for m, _ in tables}
    assert len(tables) >= 30, tables
    for part in ("sections.gains", "sections.timeline", "answers.save_box", "answers.team", "kit.worksheets"):
        assert any(m.startswith(f"samskabelse.{part}") for m in modules), part


def test_a_placeholder_renamed_in_one_language_fails_at_once():
    with pytest.raises(ValueError, match="placeholders"):
        Texts(da={"saved": "Gemt i {path}."}, en={"saved": "Saved in {file}."})
    with pytest.raises(ValueError, match="placeholders"):  # inside a nested table too
        Texts(da={"months": {"x": "{n} dage"}}, en={"months": {"x": "{count} days"}})
    with pytest.raises(ValueError):  # a brace that would fail when shown
        Texts(da={"a": "{n"}, en={"a": "{n}"})


def test_one_language_may_use_fewer_of_the_values_given():
    texts = Texts(da={"s": "med {q} % sandsynlighed"}, en={"s": "with {article} {q}% chance"})
    assert placeholders(texts["en"]["s"]) == {"article", "q"}
