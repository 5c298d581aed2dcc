"""Property-based tests (Hypothesis) of the course check: generated edits of the shipped course files, in
both languages, either fail the check with a message, or load, build every widget of every notebook and
draw its figure. Whatever `python -m samskabelse.course` calls OK must work everywhere.

The edits are what a facilitator's editor can do to the file: change a value to any text or number, delete
or duplicate an entry, delete, repeat or swap lines, or type a stray character (a quote, a colon, a comma,
a bracket, a tab, a dollar) anywhere.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from every_widget import controls, draw_everything, participant_values, use
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskabelse.course import COUNTS, CourseError, default_course_path, read_course
from samskabelse.course.file import declared_language

LANGS = ("da", "en")
SHIPPED = {lang: default_course_path(lang).read_text(encoding="utf-8") for lang in LANGS}
DATA = {lang: yaml.safe_load(text) for lang, text in SHIPPED.items()}

ODD_TEXT = st.sampled_from([
    "", " ", r"$\frac$ 5$", "Mål: færre ensomme", "Klima- og Miljøudvalget, møde i juni", "javascript:alert(1)",
    "http://", "<script>alert(1)</script>", "=SUM(A1)", "x" * 500, "æøå ÆØÅ é ü ß", "🙂", "a\nb", "'", '"', "#",
    "\t", "-1", "0", "yes", "~", "null", "2026-02-31", "{", "[", "%", "&amp;", "\u202e", "\x00",
])
TEXT = st.one_of(ODD_TEXT, st.text(st.characters(exclude_categories=("Cs",)), max_size=70))
NUMBER = st.one_of(st.sampled_from([0, -1, 1, 2, 3, 4, 5, 6, 7, 10, 12, 13, 99, 100, 101, 520, 521, 10**6, 2**32]),
                   st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True))
VALUE = st.one_of(TEXT, NUMBER, st.booleans(), st.none(), st.lists(st.integers(-5, 120), max_size=6),
                  st.dictionaries(st.sampled_from(["id", "name", "x"]), st.text(max_size=8), max_size=3))


def leaves_and_lists(data, path=()):
    """Every place in the parsed file an edit can reach: (path, value)."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves_and_lists(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves_and_lists(value, (*path, i))


def set_at(data, path, value):
    *parents, last = path
    for step in parents:
        data = data[step]
    if value is _DELETE:
        del data[last]
    else:
        data[last] = value


_DELETE = object()


def field_name(path: tuple) -> str:
    """("phases", 0, "focus_points", 2, "text") -> "focus_points[].text"."""
    named = [str(step) if not isinstance(step, int) else "[]" for step in path[-3:]]
    return "".join(step if step == "[]" or i == 0 else f".{step}" for i, step in enumerate(named)).lstrip(".")


def resized(entries: list, n: int) -> list:
    """The list cut to n entries, or grown to n with copies of its entries that each get their own id."""
    out = list(entries[:n])
    k = 0
    while entries and len(out) < n:
        copy = yaml.safe_load(yaml.safe_dump(entries[k % len(entries)]))
        k += 1
        if isinstance(copy, dict) and isinstance(copy.get("id"), str):
            copy["id"] = f"{copy['id']}_{k + 1}"
        out.append(copy)
    return out


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@st.composite
def data_edit(draw, data):
    """One change to the parsed file: a number, a text, a list (shortened, grown with new entries, reordered),
    any value replaced by any other, or a field deleted."""
    kind = draw(st.sampled_from(["count", "edge", "number", "text", "list", "replace", "delete"]))
    eligible = {"number": is_number, "edge": is_number, "text": lambda v: isinstance(v, str),
                "list": lambda v: isinstance(v, list), "count": lambda v: isinstance(v, list)}.get(kind,
                                                                                               lambda v: True)
    # the field first (seed, weeks, gains, name, ...), then one of its places: every kind of field is as likely
    # to be edited as any other, however often it occurs in the file
    fields: dict = {}
    for p, v in leaves_and_lists(data):
        if p and eligible(v):
            fields.setdefault(field_name(p), []).append((p, v))
    places = fields[draw(st.sampled_from(sorted(fields)))]
    path, value = draw(st.sampled_from(places))
    if kind == "count":  # a list at the edge of what the check allows: none, one, the most, one too many
        low, high = COUNTS.get(str(path[-1]), (1, 12))
        n = draw(st.sampled_from(sorted({0, 1, max(0, low - 1), low, high, high + 1})))
        set_at(data, path, resized(value, n))
    elif kind == "edge":  # a number at the edge: below zero, zero, one, huge
        set_at(data, path, draw(st.sampled_from([-1, 0, 1, 0.5, 2**31, value + 1, value - 1])))
    elif kind == "number":
        set_at(data, path, draw(st.one_of(st.integers(-3, 3).map(lambda d, v=value: v + d), NUMBER)))
    elif kind == "text":
        new = draw(TEXT)
        set_at(data, path, draw(st.sampled_from([new, f"{value} {new}", f"{new}{value}"])))
    elif kind == "list":
        how = draw(st.sampled_from(["shorten", "grow", "reverse"]))
        if how == "shorten":
            set_at(data, path, value[: draw(st.integers(0, max(0, len(value) - 1)))])
        elif how == "reverse":
            set_at(data, path, value[::-1])
        elif value:  # new entries as a facilitator adds them: copies of one, each with its own id
            model = value[draw(st.integers(0, len(value) - 1))]
            grown = list(value)
            for k in range(draw(st.integers(1, 10))):
                copy = yaml.safe_load(yaml.safe_dump(model))
                if isinstance(copy, dict) and isinstance(copy.get("id"), str):
                    copy["id"] = f"{copy['id']}_{k + 2}"
                grown.append(copy)
            set_at(data, path, grown)
    elif kind == "replace":
        set_at(data, path, draw(VALUE))
    else:
        set_at(data, path, _DELETE)


@st.composite
def text_edit(draw, text: str) -> str:
    """One change to the file's text, as in an editor: the kind of change first, then the line (one of the
    file's fields nine times in ten, any line, comments included, otherwise), then the column."""
    lines = text.split("\n")
    kind = draw(st.sampled_from(["delete line", "repeat line", "swap lines", "type", "indent", "dedent"]))
    fields = [n for n, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    i = draw(st.one_of(st.sampled_from(fields), st.integers(0, len(lines) - 1)) if draw(st.integers(0, 9)) == 0
             else st.sampled_from(fields))
    if kind == "delete line":
        del lines[i]
    elif kind == "repeat line":
        lines.insert(i, lines[i])
    elif kind == "swap lines" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "indent":
        lines[i] = " " + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i][1:]
    else:
        typed = draw(st.sampled_from(['"', "'", ":", ": ", ",", "{", "}", "[", "]", "#", "\t", "-", "- ", "$", "&",
                                      "*", "!", "|", ">", "%", "@", "`", "\\", "ø"]))
        column = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:column] + typed + lines[i][column:]
    return "\n".join(lines)


@st.composite
def edited_course_text(draw, lang: str) -> str:
    if draw(st.booleans()):
        data = yaml.safe_load(yaml.safe_dump(DATA[lang]))  # a deep copy
        for _ in range(draw(st.integers(1, 3))):
            draw(data_edit(data))
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    text = SHIPPED[lang]
    for _ in range(draw(st.integers(1, 3))):
        text = draw(text_edit(text))
    return text


# SAMSKABELSE_EXAMPLES=500 pytest tests/test_course_properties.py: a longer hunt than CI's
EXAMPLES = int(os.environ.get("SAMSKABELSE_EXAMPLES", "12"))


def check_or_draw(text: str, lang: str, data) -> str:
    """Check the edited file as `python -m samskabelse.course` does; if it passes, draw every notebook and use
    one control of each widget."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "course.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            course = read_course(path)
        except CourseError as exc:
            message = exc.report(command_line=True)
            assert "course.yaml" in message and "Traceback" not in message
            assert exc.problems and all(p.message for p in exc.problems)
            lines = text.splitlines()
            for p in exc.problems:  # each names its line and, on a line that holds a field, the field
                assert p.line is not None, p.message
                names = p.line <= len(lines) and re.match(r"\s*(-\s+)?[A-Za-z_][\w-]*\s*:(\s|$)", lines[p.line - 1])
                assert p.field or not names, f"line {p.line} ({lines[p.line - 1]!r}): no field: {p.message}"
            declared = declared_language(text)
            if declared is not None:
                header = {"da": "Kursusfilen", "en": "The course file"}[declared]
                assert message.startswith(header), "the file's own language"
            return "refused"
        built = draw_everything(course, Path(folder))
        for name, widget in built.items():
            found = controls(widget, files=False)
            if not found:
                continue
            control = data.draw(st.sampled_from(found), label=f"{name}: control")
            use(control, data.draw(participant_values(widget, control, ["", folder]), label=f"{name}: value"))
            assert not widget.errors.showing, f"{name}: {widget.errors.alert.value}"
        return "drawn"


@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_an_edited_course_file_is_refused_with_a_message_or_works_in_every_notebook(lang, data):
    text = data.draw(edited_course_text(lang), label="edited file")
    check_or_draw(text, lang, data)
