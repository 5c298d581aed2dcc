"""Loading the course files, and the message a facilitator gets for each kind of broken file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samskabelse.course import (
    ENV_VAR,
    CourseError,
    check_parity,
    default_course_path,
    load_course,
    read_course,
)

LANGS = ("da", "en")


@pytest.fixture(params=LANGS)
def lang(request) -> str:
    return request.param


def copy_with(tmp_path: Path, lang: str, old: str, new: str, name: str = "course.yaml") -> Path:
    """A facilitator's copy of the shipped file with one edit (old must occur exactly once)."""
    text = default_course_path(lang).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"test setup: {old!r} occurs {text.count(old)} times"
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def error_for(path: Path, lang: str = "en") -> str:
    with pytest.raises(CourseError) as info:
        read_course(path, lang)
    message = str(info.value)
    assert path.name in message, "the message must name the file"
    assert "Traceback" not in message
    return message


# -- the shipped files ---------------------------------------------------------------------------
def test_shipped_course_files_load(lang):
    course = load_course(lang)
    assert course.language == lang
    assert [g.id for g in course.gains] == ["quality", "innovation", "economy", "democracy", "co_ownership",
                                            "community"]
    assert [p.id for p in course.phases] == ["clarify", "cocreate", "anchor"]
    assert [p.number for p in course.phases] == [1, 2, 3]
    assert [d.id for d in course.directions] == ["upward", "across", "downward", "outward"]
    assert len(course.typology.types) == 4
    assert {(t.initiative, t.activity) for t in course.typology.types} == {
        (i, a) for i in ("public", "civic") for a in ("develop", "produce")}
    assert {"budget", "time_frame", "legal", "goals", "target_group", "methods", "roles"} <= {
        f.id for f in course.framing.frame_elements}
    assert course.own_gains_max == 3
    assert course.timeline.draws == 10_000 and course.timeline.percentiles == (50, 85)
    assert all(c.basis == "invented" for c in course.example_cases)
    assert course.is_default


def test_shipped_files_use_the_same_ids():
    check_parity(load_course("da"), load_course("en"))
    check_parity(load_course("en"), load_course("da"))


def test_shipped_files_mark_what_is_verified():
    """Only the gains, the directions and the key messages are the publication's; phases are the course's."""
    for lang in LANGS:
        course = load_course(lang)
        assert {g.basis for g in course.gains} == {"publication"}
        assert {d.basis for d in course.directions} == {"publication"}
        assert {p.basis for p in course.phases} == {"course"}
        assert course.typology.basis == "course"
        assert course.timeline.basis == "course"
        vouch = course.directions[0].tasks[0]
        assert (vouch.id, vouch.basis) == ("vouch", "lederweb")


def test_danish_text_is_danish_and_english_text_is_english():
    da = default_course_path("da").read_text(encoding="utf-8")
    en = default_course_path("en").read_text(encoding="utf-8")
    assert re.search("[æøå]", da)
    for word in (" og ", " til ", " der "):
        assert word in da
    for word in (" the ", " and ", " of "):
        assert word in en
    # English text keeps only the Danish proper names (publisher, publication title, organisations)
    names = ["Ledelse af samskabelse", "Væksthus", "Forhandlingsfællesskabet", "Danske Regioner", "atledesamskabelse"]
    for line in en.splitlines():
        if re.search("[æøå]", line) and not line.lstrip().startswith("#"):
            assert any(n in line for n in names), f"Danish in the English file: {line.strip()}"


# -- broken files: one clear message each ----------------------------------------------------------
def test_yaml_syntax_error_names_line(tmp_path):
    path = copy_with(tmp_path, "en", "  - id: innovation\n", "  - id: innovation\n   name: [unclosed\n")
    message = error_for(path)
    assert "YAML syntax error" in message
    assert re.search(r"line \d+", message)
    assert "indentation" in message


def test_missing_field_names_field_and_line(tmp_path):
    path = copy_with(tmp_path, "en", "    name: Innovation\n", "")
    message = error_for(path)
    assert "gains[1].name" in message and "is missing" in message and "Add the field" in message
    assert f"line {line_of(path, 'id: innovation')}" in message


def test_wrong_type(tmp_path):
    path = copy_with(tmp_path, "en", "  year: 2019", "  year: twenty-nineteen")
    message = error_for(path)
    assert "publication.year" in message and "must be a whole number" in message
    assert f"line {line_of(path, 'year: twenty')}" in message


def test_list_where_text_expected(tmp_path):
    path = copy_with(tmp_path, "en", "    name: Quality\n", "    name: [Quality, Kvalitet]\n")
    message = error_for(path)
    assert "gains[0].name" in message and "must be a text" in message


def test_duplicate_id(tmp_path):
    path = copy_with(tmp_path, "en", "  - id: economy\n", "  - id: quality\n")
    message = error_for(path)
    assert "id 'quality' is used twice in gains" in message
    assert f"line {line_of(path, '- id: quality') + 0}" in message or "gains[2].id" in message
    assert "gains[2].id" in message


def test_unknown_id_reference(tmp_path):
    path = copy_with(tmp_path, "en", "    type: civic_produce\n", "    type: civic_production\n")
    message = error_for(path)
    assert "'civic_production' is not one of the typology.types" in message
    assert "example_cases[3].type" in message
    assert f"line {line_of(path, 'type: civic_production')}" in message


def test_deadline_names_the_phase_that_must_be_done(tmp_path):
    assert [d.phase_done for d in load_course("en").timeline.deadlines] == ["cocreate", "anchor"]
    path = copy_with(tmp_path, "en", "weeks_after_start: 30, phase_done: cocreate", "weeks_after_start: 30")
    assert read_course(path, "en").timeline.deadlines[0].phase_done == "anchor", "left out: the whole project"
    path = copy_with(tmp_path, "en", "phase_done: cocreate", "phase_done: cocreation")
    message = error_for(path)
    assert "'cocreation' is not one of the phases" in message and "timeline.deadlines[0].phase_done" in message


def test_unknown_field_suggests_spelling(tmp_path):
    path = copy_with(tmp_path, "en", "    strategic_focus: >-\n      Decide", "    strategic_fokus: >-\n      Decide")
    message = error_for(path)
    assert "phases[0].strategic_fokus" in message and "did you mean 'strategic_focus'" in message
    assert "phases[0].strategic_focus: is missing" in message


def test_duplicate_key(tmp_path):
    path = copy_with(tmp_path, "en", "  year: 2019\n", "  year: 2019\n  year: 2020\n")
    message = error_for(path)
    assert "appears twice" in message and "year" in message
    assert f"line {line_of(path, 'year: 2020')}" in message


def test_out_of_range_value(tmp_path):
    path = copy_with(tmp_path, "en", "    - { phase: clarify, weeks: 8, uncertainty: medium }",
                     "    - { phase: clarify, weeks: -3, uncertainty: medium }")
    message = error_for(path)
    assert "timeline.phases[0].weeks" in message and "must be between 0.5 and 520" in message


def test_factors_out_of_order(tmp_path):
    path = copy_with(tmp_path, "en", "optimistic: 0.75, likely: 1.0, pessimistic: 1.6",
                     "optimistic: 0.75, likely: 2.5, pessimistic: 1.6")
    message = error_for(path)
    assert "'likely' (2.5) must not be greater than 'pessimistic' (1.6)" in message


def test_bad_basis_value(tmp_path):
    path = copy_with(tmp_path, "en", "    name: Quality\n    description: Better solutions for the people concerned, "
                     "because more people see the task from the inside.\n    basis: publication",
                     "    name: Quality\n    description: Better solutions for the people concerned, "
                     "because more people see the task from the inside.\n    basis: verified")
    message = error_for(path)
    assert "gains[0].basis" in message and "must be one of publication, lederweb, course, invented" in message


def test_empty_file(tmp_path):
    path = tmp_path / "course.yaml"
    path.write_text("# only a comment\n", encoding="utf-8")
    message = error_for(path)
    assert "the file is empty" in message and "Copy data/en/course.yaml" in message


def test_file_that_is_not_utf8(tmp_path):
    text = default_course_path("da").read_text(encoding="utf-8")
    path = tmp_path / "course.yaml"
    path.write_bytes(text.encode("cp1252"))  # how Windows editors once saved it
    message = error_for(path, "da")
    assert "ikke gemt som UTF-8" in message
    first = next(i for i, line in enumerate(text.splitlines(), 1) if re.search("[æøåé–»«]", line))
    assert f"linje {first}" in message


def test_missing_file(tmp_path):
    message = error_for(tmp_path / "nowhere.yaml")
    assert "does not exist" in message


def test_top_level_is_a_list(tmp_path):
    path = tmp_path / "course.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    assert "at the top level" in error_for(path)


def test_danish_message_for_danish_notebooks(tmp_path):
    path = copy_with(tmp_path, "da", "    name: Kvalitet\n", "")
    message = error_for(path, "da")
    assert "Kursusfilen" in message and "felt gains[0].name" in message and "mangler" in message


def test_several_problems_reported_together(tmp_path):
    path = copy_with(tmp_path, "en", "  year: 2019", "  year: soon")
    text = path.read_text(encoding="utf-8").replace("    name: Economic gains\n", "")
    path.write_text(text, encoding="utf-8")
    message = error_for(path)
    assert "publication.year" in message and "gains[2].name" in message


def test_language_field_must_match(tmp_path):
    path = copy_with(tmp_path, "en", "language: en", "language: da")
    message = error_for(path, "en")
    # in the language the file declares, like every message about a file
    assert "felt language" in message and "bruges til sproget 'en'" in message


def test_danish_and_english_files_with_different_ids(tmp_path):
    path = copy_with(tmp_path, "da", "  - id: community\n", "  - id: faellesskab\n")
    danish = read_course(path, "da")
    with pytest.raises(CourseError) as info:
        check_parity(danish, load_course("en"))
    message = str(info.value)
    assert "gains" in message and "faellesskab" in message and "community" in message
    assert path.name in message


def test_error_shows_as_html_without_traceback(tmp_path):
    path = copy_with(tmp_path, "en", "  year: 2019", "  year: soon", name="team<script>.yaml")
    with pytest.raises(CourseError) as info:
        read_course(path, "en")
    html = info.value._repr_html_()
    assert "<script>" not in html and "team&lt;script&gt;.yaml" in html


# -- choosing the file ---------------------------------------------------------------------------
def test_path_argument_replaces_default(tmp_path):
    path = copy_with(tmp_path, "da", "    name: Kvalitet\n", "    name: Faglig kvalitet\n")
    course = load_course("da", path)
    assert course.gains[0].name == "Faglig kvalitet"
    assert not course.is_default


def test_environment_variable_replaces_default_for_its_language(tmp_path, monkeypatch):
    path = copy_with(tmp_path, "da", "    name: Kvalitet\n", "    name: Faglig kvalitet\n")
    monkeypatch.setenv(ENV_VAR, str(path))
    assert load_course("da").gains[0].name == "Faglig kvalitet"
    assert load_course("en").gains[0].name == "Quality", "the English notebooks keep the English course"


def test_broken_file_in_environment_variable_is_reported(tmp_path, monkeypatch):
    path = copy_with(tmp_path, "da", "    name: Kvalitet\n", "")
    monkeypatch.setenv(ENV_VAR, str(path))
    with pytest.raises(CourseError, match="gains"):
        load_course("da")


def test_unknown_language():
    with pytest.raises(ValueError, match="Unknown language 'de'"):
        load_course("de")


def test_command_line_check(tmp_path, capsys):
    from samskabelse.course import _main

    assert _main([]) == 0
    assert "same ids" in capsys.readouterr().out
    bad = copy_with(tmp_path, "en", "    name: Quality\n", "")
    assert _main([str(bad)]) == 1
    assert "gains[0].name" in capsys.readouterr().err


def test_an_old_file_with_cocreation_on_the_spectrum_still_loads(tmp_path):
    """`cocreation:` was renamed `shared_decision:` (IAP2 measures decision power): old copies keep working."""
    text = default_course_path("da").read_text(encoding="utf-8").replace("shared_decision:", "cocreation:")
    path = tmp_path / "gammel.yaml"
    path.write_text(text, encoding="utf-8")
    course = read_course(path, "da")
    assert [lv.shared_decision for lv in course.involvement.levels] == [False, False, False, True, True]


def test_a_wrong_description_basis_is_named_with_its_line(tmp_path):
    path = copy_with(tmp_path, "da", "    basis: publication\n    description_basis: course\n  - id: innovation",
                     "    basis: publication\n    description_basis: kursus\n  - id: innovation")
    message = error_for(path, "da")
    assert f"linje {line_of(path, 'description_basis: kursus')}" in message
    assert "gains[0].description_basis" in message and "'kursus'" in message


# -- deadlines on calendar dates ----------------------------------------------------------------------
def test_a_deadline_on_a_calendar_date_or_a_day_every_year(tmp_path):
    from datetime import date

    from samskabelse.sections.timeline import TimelinePlan

    shipped = load_course("da").timeline.deadlines
    assert [(d.id, d.weeks_after_start, d.date) for d in shipped] == [("committee", 30, ""),
                                                                      ("budget_year", None, "12-31")]
    path = copy_with(tmp_path, "da", "weeks_after_start: 30, phase_done: cocreate",
                     "date: 2027-03-15, phase_done: cocreate")
    course = read_course(path, "da")
    assert course.timeline.deadlines[0].date == "2027-03-15"
    plan = TimelinePlan.from_course(course, date(2026, 6, 1))
    assert [d.date for d in plan.deadlines] == [date(2027, 3, 15), date(2027, 12, 31)]
    quoted = copy_with(tmp_path, "da", "afslutning, date: 12-31", 'afslutning, date: "2027-12-31"', name="q.yaml")
    assert read_course(quoted, "da").timeline.deadlines[1].date == "2027-12-31"


@pytest.mark.parametrize("new, expected", [
    ("date: 2027-02-30, phase_done: cocreate", "'2027-02-30' er ikke en dato"),
    ("date: 31.12.1999, phase_done: cocreate", "skal være mellem 2000-01-01 og 2100-12-31"),
    ("date: 05.06.2027, phase_done: cocreate", "'05.06.2027' kan læses både som 5. juni og som 6. maj"),
    ("date: 13-01, phase_done: cocreate", "'13-01' er ikke en dato"),
    ("date: 1999-12-31, phase_done: cocreate", "skal være mellem 2000-01-01 og 2100-12-31"),
    ("weeks_after_start: 30, date: 2027-03-15, phase_done: cocreate", "enten 'date' eller 'weeks_after_start'"),
])
def test_a_bad_deadline_date_is_named_with_its_line_and_the_fix(tmp_path, new, expected):
    path = copy_with(tmp_path, "da", "weeks_after_start: 30, phase_done: cocreate", new)
    message = error_for(path, "da")
    assert expected in message and f"linje {line_of(path, new)}" in message
    assert "timeline.deadlines[0].date" in message
