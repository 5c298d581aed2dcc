"""The course check is the truth: what `python -m samskabelse.course` calls OK works in every notebook, and
what it refuses gets a message in the file's language, on the line where the problem starts, with the fix."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from samskabelse.course import ENV_VAR, CourseError, _main, default_course_path, load_course, read_course
from samskabelse.course.file import python_command


def edited(tmp_path: Path, lang: str, *edits: tuple[str, str], name: str = "course.yaml") -> Path:
    """A facilitator's copy of the shipped file with some edits (each `old` must occur exactly once)."""
    text = default_course_path(lang).read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"test setup: {old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def deadline_entry(lang: str) -> str:
    """The first deadline's line in the shipped file, as a facilitator would edit it."""
    return next(line for line in default_course_path(lang).read_text(encoding="utf-8").splitlines()
                if line.lstrip().startswith("- {") and "weeks_after_start" in line)


def message_for(path: Path, lang: str | None = None) -> str:
    with pytest.raises(CourseError) as info:
        read_course(path, lang)
    message = str(info.value)
    assert path.name in message and "Traceback" not in message
    return message


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def cli(args: list[str], capsys) -> tuple[int, str, str]:
    status = _main(args)
    out, err = capsys.readouterr()
    return status, out, err


# -- limits: what the check lets through, every notebook can show -----------------------------------------
def repeated_gains(n: int) -> str:
    return "".join(f"  - id: gain_{i}\n    name: Gain {i}\n    description: A gain.\n    basis: course\n"
                   for i in range(n))


GAINS_START = "\ngains:\n"


@pytest.mark.parametrize(("lang", "expected"), [("en", "has 17 entries; the course can show 1 to 16"),
                                                ("da", "har 17 punkter; kurset kan vise 1 til 16")])
def test_too_many_gains_names_the_limit(tmp_path, lang, expected):
    path = edited(tmp_path, lang, (GAINS_START, GAINS_START + repeated_gains(11)))
    message = message_for(path, lang)
    assert expected in message and f"{'linje' if lang == 'da' else 'line'} {line_of(path, 'gains:')}" in message


def test_thousands_of_gains_are_refused_at_once(tmp_path):
    path = edited(tmp_path, "en", (GAINS_START, GAINS_START + repeated_gains(3000)))
    started = time.process_time()
    message = message_for(path, "en")
    assert "has 3006 entries; the course can show 1 to 16" in message
    assert time.process_time() - started < 5


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("  seed: 2019", "  seed: -1", "timeline.seed: must be between 0 and 4294967295, but is -1"),
    ("  seed: 2019", "  seed: 99999999999", "must be between 0 and 4294967295"),
    ("  percentiles: [50, 85]", "  percentiles: []", "timeline.percentiles: has 0 entries; the course can show 1 to 4"),
    ("  percentiles: [50, 85]", "  percentiles: [85, 50]", "must rise by at least 5 from number to number (85, 50)"),
    ("  percentiles: [50, 85]", "  percentiles: [50, 50]", "must rise by at least 5 from number to number (50, 50)"),
    ("  percentiles: [50, 85]", "  percentiles: [10, 20, 50, 85, 95]", "has 5 entries; the course can show 1 to 4"),
    ("  percentiles: [50, 85]", "  percentiles: [50, 99]", "must be between 5 and 95, but is 99"),
    ("  percentiles: [50, 85]", "  percentiles: [0, 85]", "must be between 5 and 95, but is 0"),
    ("  draws: 10000", "  draws: 1000000", "timeline.draws: must be between 100 and 100000"),
    ("  url: https://www.lederweb.dk/atledesamskabelse", "  url: javascript:alert(1)",
     "publication.url: must be a web address starting with http:// or https://, but is 'javascript:alert(1)'"),
    ("  url: https://www.lederweb.dk/atledesamskabelse", "  url: file:///etc/passwd", "starting with http://"),
    ("  url: https://www.lederweb.dk/atledesamskabelse", "  url: 'https:// lederweb.dk'", "starting with http://"),
    ("  max: 3", "  max: 6", "own_gains.max: must be between 0 and 5"),
    ("    name: Quality\n", "    name: \"Qu\\x93ality\"\n",
     "gains[0].name: contains an invisible control character (U+0093, character 3). Delete it"),
    ("    name: Quality\n", f"    name: {'Q' * 41}\n", "gains[0].name: is 41 characters long; the course can show at "
                                                         "most 40. Shorten the text."),
    ("    name: Clarify and frame\n", f"    name: {'P' * 41}\n",
     "phases[0].name: is 41 characters long; the course can show at most 40."),
    ("      initiative: civic\n      activity: produce", "      initiative: civic\n      activity: develop",
     "civic_produce"),
])
def test_values_the_notebooks_cannot_use_are_refused_with_the_limit(tmp_path, old, new, expected):
    path = edited(tmp_path, "en", (old, new))
    message = message_for(path, "en")
    if expected == "civic_produce":  # two types in one cell: the empty cell is named
        assert "each needs exactly one type; initiative=civic, activity=produce has none" in message
    else:
        assert expected in message


def test_five_directions_do_not_fit_the_compass(tmp_path):
    extra = ("  - id: inward\n    name: Inward\n    who: You\n    description: Yourself.\n    tasks:\n"
             "      - { id: reflect, text: Reflect., basis: course }\n    basis: course\n")
    path = edited(tmp_path, "en", ("\ntypology:\n", f"{extra}\ntypology:\n"))
    assert "directions: has 5 entries; the course can show 1 to 4" in message_for(path, "en")


def test_the_two_ends_of_an_axis_need_their_own_ids(tmp_path):
    path = edited(tmp_path, "en", ("high: { id: civic,", "high: { id: public,"))
    assert "the same id 'public'" in message_for(path, "en")


def test_a_cell_of_the_grid_has_room_for_two_invented_cases(tmp_path):
    extra = "".join(f"  - {{ id: extra_{i}, name: Extra {i}, description: Invented., type: public_develop, "
                    f"basis: invented }}\n" for i in range(2))
    path = edited(tmp_path, "en", ("example_cases:\n", "example_cases:\n" + extra))
    assert "the type 'public_develop' has 3 examples; its cell has room for at most 2" in message_for(path, "en")


# -- the language of the messages -------------------------------------------------------------------------
def test_a_danish_file_gets_danish_messages_on_the_command_line(tmp_path, capsys):
    path = edited(tmp_path, "da", ("    name: Kvalitet\n", ""))
    status, out, err = cli([str(path)], capsys)
    assert status == 1 and out == ""
    assert "Kursusfilen" in err and "felt gains[0].name: mangler" in err
    assert f"kør kontrollen igen: {python_command()} -m samskabelse check" in err
    assert str(path.name) in err.splitlines()[-2]
    assert "data/da/course.yaml" in err and "data/en/" not in err
    assert "cellen" not in err and "cell" not in err, "no cell on the command line"
    assert "Traceback" not in err


def test_the_notebook_message_speaks_of_the_cell_and_the_files_own_language(tmp_path):
    path = edited(tmp_path, "da", ("    name: Kvalitet\n", ""))
    message = message_for(path)  # no language asked for: the file's own
    assert "Kursusfilen" in message and "kør cellen igen" in message and "data/da/course.yaml" in message


def test_a_syntax_error_in_a_danish_file_is_explained_in_danish(tmp_path, capsys):
    path = edited(tmp_path, "da", ("    name: Kvalitet\n", '    name: "Kvalitet\n'))
    status, _, err = cli([str(path)], capsys)
    assert status == 1 and "Kursusfilen" in err and "anførselstegnet" in err


def test_an_english_file_in_a_danish_folder_speaks_english(tmp_path):
    folder = tmp_path / "da"
    folder.mkdir()
    path = edited(folder, "en", ("    name: Quality\n", ""))
    assert "The course file" in message_for(path)


def test_a_file_with_a_path_that_needs_quotes_gets_a_command_that_works(tmp_path, capsys):
    path = edited(tmp_path, "en", ("    name: Quality\n", ""), name="my course.yaml")
    _, _, err = cli([str(path)], capsys)
    assert re.search(r"python -m samskabelse check '[^']*my course\.yaml'", err)


# -- where the problem starts, and the fix -----------------------------------------------------------------
def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path):
    path = edited(tmp_path, "en", ("    name: Innovation\n", '    name: "Innovation\n'))
    message = message_for(path, "en")
    assert f"line {line_of(path, 'name: ' + chr(34) + 'Innovation')}, field gains[1].name:" in message
    assert 'the quote (") that opens here is never closed' in message


def test_an_unclosed_bracket_is_reported_where_it_opens(tmp_path):
    path = edited(tmp_path, "en", ("  percentiles: [50, 85]", "  percentiles: [50, 85"))
    message = message_for(path, "en")
    assert f"line {line_of(path, 'percentiles: [50, 85')}, field timeline.percentiles:" in message
    assert "never closed with ']'" in message


@pytest.mark.parametrize(("lang", "old", "new", "fix"), [
    ("da", "    name: Kvalitet\n", "    name: Mål: færre ensomme\n", 'name: "Mål: færre ensomme"'),
    ("en", "{ id: committee, name: ", "{ id: committee, name: Committee: June, ", 'name: "Committee: June'),
])
def test_a_colon_in_a_text_gets_the_advice_to_add_quotes(tmp_path, lang, old, new, fix):
    path = edited(tmp_path, lang, (old, new))
    message = message_for(path, lang)
    needle = new.strip().rstrip(",")
    assert f"{'linje' if lang == 'da' else 'line'} {line_of(path, needle)}, " in message
    assert fix in message and ("anførselstegn" if lang == "da" else "Put quotes around") in message


def test_a_comma_in_a_one_line_entry_gets_the_advice_to_add_quotes(tmp_path):
    first = deadline_entry("da")
    split = re.sub(r"name: [^,]*,", "name: Klima- og Miljøudvalget, møde i juni,", first)
    path = edited(tmp_path, "da", (first, split))
    message = message_for(path, "da")
    assert 'Sæt anførselstegn om hele teksten: name: "Klima- og Miljøudvalget, møde i juni"' in message
    assert "Slet det" not in message, "no advice to delete a field"
    assert f"linje {line_of(path, 'møde i juni')}" in message


def test_a_tab_is_named(tmp_path):
    path = edited(tmp_path, "en", ("    name: Quality\n", "\tname: Quality\n"))
    assert "indented with a tab character" in message_for(path, "en")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("phase_done: cocreate", "phase_done: cocreat", "(did you mean 'cocreate'?)"),
    ("    basis: publication\n\ntypology:", "    basis: publikation\n\ntypology:",
     "(did you mean 'publication'?)"),
    ("    strategic_focus: >-\n      Decide", "    strategic_fokus: >-\n      Decide",
     "(did you mean 'strategic_focus'?)"),
    ("at: middle", "at: midle", "(did you mean 'middle'?)"),
])
def test_misspellings_get_did_you_mean(tmp_path, old, new, expected):
    assert expected in message_for(edited(tmp_path, "en", (old, new)), "en")


# -- files that cannot be read --------------------------------------------------------------------------------
def test_an_unreadable_file_gets_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    path = edited(tmp_path, "da")
    original = Path.read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)  # as root, chmod 000 would not stop the test from reading
    message = message_for(path, "da")
    assert "kan ikke læses (ingen adgang)" in message
    status, _, err = cli([str(path)], capsys)
    assert status == 1 and "Traceback" not in err and "cannot be read (permission denied)" in err


def test_a_folder_is_called_a_folder(tmp_path):
    edited(tmp_path, "en")
    message = message_for(tmp_path, "en")
    assert "is a folder, not a file" in message and "course.yaml" in message
    assert "does not exist" not in message


# -- SAMSKABELSE_COURSE: a broken file in one language never breaks the other ----------------------------------
@pytest.mark.parametrize(("broken", "other"), [("da", "en"), ("en", "da")])
@pytest.mark.parametrize("how", ["field", "syntax"])
def test_a_broken_file_for_one_language_leaves_the_other_languages_notebooks_alone(tmp_path, monkeypatch, broken,
                                                                                     other, how):
    first = {"da": "    name: Kvalitet\n", "en": "    name: Quality\n"}[broken]
    path = edited(tmp_path, broken, (first, "" if how == "field" else first.replace(": ", ': "')))
    monkeypatch.setenv(ENV_VAR, str(path))
    assert load_course(other).language == other and load_course(other).is_default
    with pytest.raises(CourseError) as info:
        load_course(broken)
    message = str(info.value)  # in the notebooks: the file's own language, its name, and the cell to run again
    assert message.startswith("Kursusfilen" if broken == "da" else "The course file") and path.name in message
    assert ("kør cellen igen" if broken == "da" else "run the cell again") in message
    assert f"data/{broken}/course.yaml" in message and f"data/{other}/" not in message


def test_an_override_whose_language_cannot_be_told_is_reported_everywhere(tmp_path, monkeypatch):
    path = tmp_path / "course.yaml"
    path.write_text("schema: 1\ngains: [\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    for lang in ("da", "en"):
        with pytest.raises(CourseError):
            load_course(lang)


def test_the_shipped_files_pass_the_check(capsys):
    status, out, _ = cli([], capsys)
    assert status == 0 and out.count("OK") == 3


# -- every message names the file, the line, the field and the fix -----------------------------------------------
@pytest.mark.parametrize(("lang", "old", "new", "field"), [
    ("en", "    name: Innovation\n", '    name: "Innovation\n', "gains[1].name"),  # an unclosed quote
    ("en", "    name: Innovation\n", "    name: Innovation: more\n", "gains[1].name"),  # a colon
    ("da", "    name: Kvalitet\n", "\tname: Kvalitet\n", "gains[0].name"),  # a tab
    ("en", "  percentiles: [50, 85]", "  percentiles: [50, 85", "timeline.percentiles"),  # an unclosed bracket
])
def test_a_syntax_error_names_the_field_it_is_in(tmp_path, lang, old, new, field):
    path = edited(tmp_path, lang, (old, new))
    message = message_for(path, lang)
    line = line_of(path, new.strip().split("\n")[0])
    assert f"{'linje' if lang == 'da' else 'line'} {line}, {'felt' if lang == 'da' else 'field'} {field}:" in message


# The messages of problems in a file, each of which must end in what to do about it
PROBLEM_MESSAGES = ("missing_file", "folder", "unreadable", "not_utf8", "empty", "syntax", "quote_open",
                    "bracket_open", "colon_in_text", "comma_in_text", "tab", "no_colon", "top_not_mapping",
                    "missing", "wrong_type", "empty_value", "control_char", "unknown_key", "duplicate_key",
                    "duplicate_id", "unknown_ref", "bad_id", "range", "order", "choice", "count", "too_long", "url",
                    "increasing", "typology_cells", "poles_same", "cases_per_type", "language", "schema",
                    "bad_date", "date_or_weeks", "parity", "date_ambiguous", "date_range", "milestone_date",
                    "deadline_at", "deadline_phase", "belongs_under", "belongs_top", "type_no_alternative")


class _Blank(dict):
    def __missing__(self, key):
        return "x"


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("key", PROBLEM_MESSAGES)
def test_every_problem_message_says_what_to_do(lang, key):
    from samskabelse.course.file import MESSAGES

    text = MESSAGES[lang][key].format_map(_Blank(fix="Fix it.", hint="", suggest="", why="",
                                                 forms=MESSAGES[lang]["date_forms"]))
    # after saying what is wrong, a sentence (or a quoted fix) that says what to do
    assert re.search(r"[.:)'] +[A-ZÆØÅ]", text), f"{key}: no fix in {text!r}"


@pytest.mark.parametrize(("old", "new", "fix"), [
    ("  seed: 2019", "  seed: -1", "Write a value from 0 to 4294967295."),
    ("  url: https://www.lederweb.dk/atledesamskabelse", "  url: javascript:alert(1)",
     "Copy the whole address from the browser's address bar"),
    ("at: middle", "at: midle", "Write one of them."),
    ("  - id: economy\n", "  - id: quality\n", "Give one of them another id"),
    ("  - id: economy\n", "  - id: Economy\n", "Change it, e.g. to 'my_gain'."),
])
def test_a_value_out_of_bounds_gets_a_fix(tmp_path, old, new, fix):
    assert fix in message_for(edited(tmp_path, "en", (old, new)), "en")


# -- the command line, as a facilitator runs it ---------------------------------------------------------------
def test_the_check_without_a_file_checks_the_file_samskabelse_course_names(tmp_path, monkeypatch, capsys):
    path = edited(tmp_path, "da", ("    name: Kvalitet\n", ""), name="mit-hold.yaml")
    monkeypatch.setenv(ENV_VAR, str(path))
    status, out, err = cli([], capsys)
    assert status == 1 and "mit-hold.yaml" in err and "Kursusfilen" in err and "felt gains[0].name" in err
    assert "data/en/course.yaml" in out and "data/da/course.yaml" not in out, "English keeps the shipped file"
    path.write_text(default_course_path("da").read_text(encoding="utf-8").replace(
        "    name: Kvalitet\n", "    name: Kvalitet for borgerne\n"), encoding="utf-8")
    status, out, err = cli([], capsys)
    assert status == 0 and f"OK  {path}" in out and err == ""


def test_python_m_samskabelse_course_speaks_the_files_language_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    broken = edited(tmp_path, "da", ("    name: Kvalitet\n", '    name: "Kvalitet\n'), name="hold.yaml")
    env = {**os.environ, ENV_VAR: str(broken)}
    for args in ([str(broken)], []):  # named on the command line, or by SAMSKABELSE_COURSE
        run = subprocess.run([sys.executable, "-m", "samskabelse.course", *args], capture_output=True, text=True,
                             env=env, cwd=tmp_path, timeout=120)
        assert run.returncode == 1, run.stderr
        assert run.stderr.startswith("Kursusfilen hold.yaml kan ikke bruges:"), run.stderr
        assert f"linje {line_of(broken, 'Kvalitet')}, felt gains[0].name: anførselstegnet" in run.stderr
        # the command as typed here: this Python's whole path (it is neither on PATH nor in the working folder)
        assert f"kør kontrollen igen: {sys.executable} -m samskabelse check hold.yaml" in run.stderr
        assert "Traceback" not in run.stderr and "Warning" not in run.stderr and "cellen" not in run.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads any file: test_an_unreadable_file_gets_a_message_not_a_traceback simulates it")
def test_a_file_without_read_permission_gets_a_message(tmp_path, capsys):
    path = edited(tmp_path, "en")
    path.chmod(0)
    try:
        status, _, err = cli([str(path)], capsys)
    finally:
        path.chmod(0o644)
    assert status == 1 and "cannot be read (permission denied)" in err and "Traceback" not in err


# -- the check's last mile (issue 21): the command as typed, dates, keys that belong elsewhere -------------------
def test_the_command_is_shown_as_the_user_would_type_it(tmp_path, monkeypatch, capsys):
    """`python` only where that name runs this Python (an activated environment); else its path from the working
    folder (.venv/bin/python), else its whole path; and the entry point's `check`, which exists."""
    import sys

    path = edited(tmp_path, "en", ("    name: Quality\n", ""), name="team.yaml")
    venv = tmp_path / "venv" / "bin"
    venv.mkdir(parents=True)
    python = venv / "python"
    python.symlink_to(sys.executable)
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/nonexistent")
    assert cli(["team.yaml"], capsys)[2].splitlines()[-2].endswith(
        "run the check again: venv/bin/python -m samskabelse check team.yaml")
    monkeypatch.setenv("PATH", str(venv))  # the environment activated: `python` is this one
    assert "run the check again: python -m samskabelse check team.yaml" in cli(["team.yaml"], capsys)[2]
    monkeypatch.setenv("PATH", "/nonexistent")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert f"again: {python} -m samskabelse check {path}" in cli([str(path)], capsys)[2]


def dated(tmp_path: Path, lang: str, when: str) -> Path:
    return edited(tmp_path, lang,
                  ("weeks_after_start: 30, phase_done: cocreate", f'date: "{when}", phase_done: cocreate'))


FORMS = {"da": "Skriv år-måned-dag, fx 2027-12-31, eller dag.måned.år, fx 31.12.2027 – eller måned-dag for en dag "
               "hvert år, fx 12-31.",
         "en": "Write year-month-day, e.g. 2027-12-31, or day.month.year, e.g. 31.12.2027 – or month-day for a day "
               "every year, e.g. 12-31."}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(("when", "meant"), [("16.06.2027", "2027-06-16"), ("31/12/2027", "2027-12-31"),
                                             ("06/16/2027", "2027-06-16"), ("2027/06/16", "2027-06-16"),
                                             ("7.7.2027", "2027-07-07"), ("2027-06-16", "2027-06-16")])
def test_a_date_that_can_be_read_one_way_only_is_accepted(tmp_path, lang, when, meant):
    assert read_course(dated(tmp_path, lang, when), lang).timeline.deadlines[0].date == meant


@pytest.mark.parametrize(("lang", "when", "expected"), [
    ("da", "2027-02-31", "'2027-02-31' er ikke en dato: februar har ikke 31 dage (kun 28 i 2027)."),
    ("en", "2027-02-31", "'2027-02-31' is not a date: February has no day 31 (it has 28 in 2027)."),
    ("da", "2028-02-30", "februar har ikke 30 dage (kun 29 i 2028)."),
    ("da", "31.04.2027", "'31.04.2027' er ikke en dato: april har ikke 31 dage (kun 30)."),
    ("en", "02-30", "'02-30' is not a date: February has no day 30 (it has 29)."),
    ("da", "2027-13-01", "der er kun 12 måneder, og 13 står på månedens plads (mente du 2027-01-13?)."),
    ("en", "13-01", "there are only 12 months, and 13 stands where the month goes (did you mean 01-13?)."),
    ("da", "næste år", "'næste år' er ikke en dato."),
    ("en", "June 2027", "'June 2027' is not a date."),
])
def test_a_date_that_is_no_date_says_why_and_names_every_form(tmp_path, lang, when, expected):
    message = message_for(dated(tmp_path, lang, when), lang)
    assert expected in message and FORMS[lang] in message, message
    assert "timeline.deadlines[0].date" in message


@pytest.mark.parametrize(("lang", "expected"), [
    ("da", "'05.06.2027' kan læses både som 5. juni og som 6. maj. Skriv datoen som år-måned-dag, så der ikke er "
           "tvivl: 2027-06-05 for 5. juni eller 2027-05-06 for 6. maj."),
    ("en", "'05.06.2027' can be read both as 5 June and as 6 May. Write the date as year-month-day, so that there "
           "is no doubt: 2027-06-05 for 5 June or 2027-05-06 for 6 May."),
])
def test_a_date_that_could_be_read_two_ways_is_refused_with_both_written_out(tmp_path, lang, expected):
    assert expected in message_for(dated(tmp_path, lang, "05.06.2027"), lang)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_date_outside_the_planning_horizon_names_the_forms(tmp_path, lang):
    message = message_for(dated(tmp_path, lang, "31.12.1999"), lang)
    assert "2000-01-01" in message and "2100-12-31" in message
    assert ("år-måned-dag, fx 2027-12-31, eller dag.måned.år" if lang == "da" else
            "year-month-day, e.g. 2027-12-31, or day.month.year") in message


@pytest.mark.parametrize(("lang", "old", "new", "expected"), [
    ("da", "phase: anchor, at: end }", "phase: anchor, date: 2027-06-01 }",
     "felt timeline.milestones[2].date: en milepæl har ingen dato og ingen uge: den står i sin fase og placeres "
     "med at: start, middle eller end."),
    ("en", "phase: anchor, at: end }", "phase: anchor, date: 2027-06-01 }",
     "field timeline.milestones[2].date: a milestone has no date and no week: it stands in its phase, placed with "
     "at: start, middle or end."),
    ("en", "phase: anchor, at: end }", "phase: anchor, weeks_after_start: 40 }",
     "make the entry a deadline under timeline.deadlines, where 'weeks_after_start' belongs."),
    ("da", "weeks_after_start: 30, phase_done: cocreate", "at: end, phase_done: cocreate",
     "en frist placeres ikke i en fase med at:, men med weeks_after_start: (uger efter starten) eller date:."),
    ("en", "weeks_after_start: 30, phase_done: cocreate", "weeks_after_start: 30, phase: cocreate",
     "a deadline has no phase:, but phase_done: the phase that must be finished by the deadline."),
    ("en", "  draws: 10000\n", "  draws: 10000\n  deciders: []\n",
     "field timeline.deciders: does not belong here but under 'framing'."),
    ("da", "  draws: 10000\n", "  draws: 10000\n  gains: []\n",
     "felt timeline.gains: hører ikke til her, men på øverste niveau."),
])
def test_a_key_that_belongs_elsewhere_is_explained(tmp_path, lang, old, new, expected):
    message = message_for(edited(tmp_path, lang, (old, new)), lang)
    assert expected in message, message
    assert "mente du 'at'" not in message and "did you mean 'at'" not in message
    assert "milestones[2].at:" not in message, "said once: the message already says that a milestone takes at:"


# -- notebook 02's rules (gains_rules): numbers on the sliders' scale, alternatives for every type of project -----
GAINS_RULES_CASES = {
    "da": [
        ("  lead:\n    importance: 3", "  lead:\n    importance: 5",
         "gains_rules.lead.importance: 'lead.importance' (5) må ikke være større end 'carry.importance' (4)"),
        ("    mean: 3.5", "    mean: 7", "gains_rules.heavy_demands.mean: skal være mellem 0 og 5, men er 7"),
        ("  carry:\n    importance: 4", "  carry:\n    importance: fire",
         "gains_rules.carry.importance: skal være et heltal"),
        ("      types: [public_produce]\n", "      types: [public_prodcue]\n",
         "'public_prodcue' findes ikke blandt typology.types (public_develop, public_produce, civic_develop, "
         "civic_produce) (mente du 'public_produce'?)"),
        ("      levels: [inform, consult, involve]", "      levels: [inform, hoere]",
         "gains_rules.alternatives[0].levels[1]: 'hoere' findes ikke blandt involvement.levels"),
        ("      types: [public_develop, civic_develop]\n", "      types: [public_develop]\n",
         "typen 'civic_develop' har intet alternativ. Skriv dens id under 'types'"),
        ("  heavy_demands:\n", "  heavy_demand:\n",
         "gains_rules.heavy_demand: kendes ikke (mente du 'heavy_demands'?)"),
    ],
    "en": [
        ("  lead:\n    importance: 3\n    likelihood: 3", "  lead:\n    importance: 3\n    likelihood: 5",
         "gains_rules.lead.likelihood: 'lead.likelihood' (5) must not be greater than 'carry.likelihood' (4)"),
        ("  doubt:\n    importance: 4", "  doubt:\n    importance: 6",
         "gains_rules.doubt.importance: must be between 0 and 5, but is 6"),
        ("      types: [civic_develop]\n", "      types: []\n",
         "gains_rules.alternatives[1].types: has 0 entries; the course can show 1 to 4. Add more."),
        ("      types: [public_develop, civic_develop]\n", "      types: [public_develop]\n",
         "the type 'civic_develop' has no alternative. Add its id under 'types'"),
    ],
}


@pytest.mark.parametrize(("lang", "old", "new", "expected"),
                         [(lang, *case) for lang, cases in GAINS_RULES_CASES.items() for case in cases])
def test_the_gains_rules_are_checked_in_the_files_language(tmp_path, lang, old, new, expected):
    edits = [(old, new)]
    if "civic_develop' h" in expected:  # the other alternative for that type goes too
        edits.append(("      types: [civic_develop]\n", "      types: [public_develop]\n"))
    path = edited(tmp_path, lang, *edits)
    message = message_for(path, lang)
    assert expected in message
    where = {"da": "linje", "en": "line"}[lang]
    assert re.search(rf"{where} \d+, ", message), message


def test_the_shipped_rules_say_why_and_offer_every_type_something():
    for lang in ("da", "en"):
        course = load_course(lang)
        rules = course.gains_rules
        assert rules.given and rules.basis == "course"
        assert all(r.why for r in (rules.carry, rules.lead, rules.doubt)) and rules.heavy_why
        assert (rules.carry.importance, rules.carry.likelihood, rules.lead.importance, rules.heavy) == (4, 4, 3, 3.5)
        for kind in course.typology.types:
            assert any(kind.id in a.types for a in rules.alternatives), kind.id
        assert all(a.basis == "course" and a.description for a in rules.alternatives)


def test_a_course_file_without_gains_rules_still_loads_with_the_defaults(tmp_path):
    """A facilitator's file from before the rules were in the course file: the same numbers, and the spectrum's
    lighter forms as the alternative for every type, as before."""
    from samskabelse.course import DEFAULT_GAINS_RULES
    from samskabelse.sections.gains import alternatives_for

    text = default_course_path("da").read_text(encoding="utf-8")
    start = text.index("\n# Sådan læser notebook 02")
    end = text.index("\nphases:")
    path = tmp_path / "gammel.yaml"
    path.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    course = read_course(path, "da")
    assert course.gains_rules == DEFAULT_GAINS_RULES and not course.gains_rules.given
    for kind in (*course.typology.types, None):
        (only,) = alternatives_for(course, kind)
        assert list(only.levels) == ["inform", "consult", "involve"]
