"""Exports of the timeline: CSV, PNG, PDF and an iCalendar file that Outlook imports (RFC 5545)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import icalendar
import pytest

from samskabelse import load_course
from samskabelse.sections.timeline import TimelinePlan, forecast, plan_timeline
from samskabelse.sections.timeline.export import (
    EXPORTS_ENV,
    csv_text,
    download_timeline,
    export_bytes,
    export_timeline,
    exports_folder,
    fold,
    ics_escape,
    ics_text,
    plan_rows,
    slug,
)

START = date(2026, 1, 5)
NOW = datetime(2026, 1, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def courses():
    return {lang: load_course(lang) for lang in ("da", "en")}


@pytest.fixture(scope="module")
def widget(courses):
    """One Danish widget for the tests that write files (building a widget takes a while)."""
    return plan_timeline(courses["da"], TimelinePlan.from_course(courses["da"], START))


def result_for(course, **changes):
    plan = TimelinePlan.from_course(course, START)
    for key, value in changes.items():
        setattr(plan, key, value)
    return forecast(plan, course.language)


# -- RFC 5545 details --------------------------------------------------------------------------------
def test_text_is_escaped():
    assert ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert ics_escape("x\r\ny") == "x\\ny"


@pytest.mark.parametrize("line", ["SUMMARY:" + "x" * 200, "DESCRIPTION:" + "æøå€" * 60, "SUMMARY:short"])
def test_long_lines_are_folded_at_75_octets_never_inside_a_character(line):
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0], *[p[1:] for p in pieces[1:]]]) == line  # unfolding gives the line back
    for p in pieces:
        p.encode("utf-8").decode("utf-8")  # each physical line is whole characters


@pytest.mark.parametrize("lang", ["da", "en"])
def test_calendar_file_parses_and_holds_the_milestones_and_deadlines(courses, lang):
    course = courses[lang]
    result = result_for(course, project="Sundhedshus, Ærø; \\ test")
    text = ics_text(result, course, now=NOW)
    raw = text.encode("utf-8")
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends with CRLF"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar and calendar["METHOD"] == "PUBLISH"
    events = calendar.walk("VEVENT")
    milestones, deadlines = course.timeline.milestones, course.timeline.deadlines
    assert len(events) == len(milestones) + len(deadlines)
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event, m in zip(events, milestones, strict=False):
        assert m.name in str(event["SUMMARY"]) and str(event["SUMMARY"]).startswith("Sundhedshus, Ærø; \\ test")
        start = event["DTSTART"].dt
        assert isinstance(start, date) and not isinstance(start, datetime), "an all-day event"
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert start == result.milestone_dates(m)["plan"]
        assert event["DTEND"].dt == date.fromordinal(start.toordinal() + 1)
        assert event["DTSTAMP"].dt == NOW
    by_date = {e["DTSTART"].dt: str(e["SUMMARY"]) for e in events}
    assert date(2026, 3, 2) in by_date  # kick-off: start of phase 2, 8 weeks after 5 January
    for d in result.plan.deadlines:
        assert d.name in by_date[d.date]
    descriptions = " ".join(str(e["DESCRIPTION"]) for e in events)
    from samskabelse.sections.timeline import format_chance

    assert all(format_chance(result.chances[d.id], lang) in descriptions for d in result.plan.deadlines)
    assert "\n" in descriptions


def test_uids_are_stable_so_a_new_import_updates_the_events(courses):
    course = courses["en"]
    first = icalendar.Calendar.from_ical(ics_text(result_for(course), course, now=NOW))
    later = result_for(course, start=date(2026, 2, 2))
    second = icalendar.Calendar.from_ical(ics_text(later, course, now=datetime(2026, 2, 1, tzinfo=UTC)))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in second.walk("VEVENT")]
    other = icalendar.Calendar.from_ical(ics_text(result_for(course, project="Other"), course, now=NOW))
    assert not {str(e["UID"]) for e in first.walk("VEVENT")} & {str(e["UID"]) for e in other.walk("VEVENT")}


# -- CSV -------------------------------------------------------------------------------------------
def test_csv_for_danish_excel(courses):
    course = courses["da"]
    text = csv_text(result_for(course), course)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Type", "Navn", "Fase"] and rows[0][-4:] == ["Slut 50 %", "Slut 85 %", "Chance (%)",
                                                                         "Bemærkning"]
    assert len(rows) == 1 + 3 + 1 + 3 + 2
    clarify = rows[1]
    assert clarify[:7] == ["fase", "Afklar og rammesæt", "1", "2026-01-05", "2026-03-02", "8", "Middel"]
    assert clarify[7:10] == ["6,4", "8", "10,8"], "decimal comma in Danish"
    project = rows[4]
    assert project[0] == "hele projektet" and project[4] == "2026-09-28" and project[-4:-2] == ["2026-10-23",
                                                                                               "2026-12-09"]
    assert rows[-2][0] == "frist" and rows[-2][-2:] == ["43", ""] and rows[-1][-2:] == ["94", ""]


def test_the_csv_has_no_internal_ids(courses):
    """The course's ids (clarify, cocreate, committee) are the program's, not the participant's (issue 24)."""
    for lang, course in courses.items():
        rows = plan_rows(result_for(course), course)
        ids = {p.id for p in course.phases} | {m.id for m in course.timeline.milestones} | {
            d.id for d in course.timeline.deadlines}
        assert not ids & {c for row in rows for c in row}, lang
        assert "Id" not in rows[0]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_csvs_chances_are_numbers_a_spreadsheet_sorts(courses, lang):
    """In the chance column, numbers that parse in the file's locale (a decimal comma in Danish), also for a chance
    under 1 % and over 99 %; the page's words for those stand in the note column."""
    from babel.numbers import parse_decimal

    course = courses[lang]
    plan = TimelinePlan.from_course(course, START)
    plan.deadlines[0].date, plan.deadlines[0].own_date = date(2026, 6, 12), True  # hardly a project by then
    plan.deadlines[1].date, plan.deadlines[1].own_date = date(2027, 3, 15), True  # nearly all
    result = forecast(plan, lang)
    text = csv_text(result, course)
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "da" else ","))
    chance, note = rows[0].index("Chance (%)"), rows[0].index("Bemærkning" if lang == "da" else "Note")
    locale = "da_DK" if lang == "da" else "en"
    values = {row[1]: (float(parse_decimal(row[chance], locale=locale, strict=True)), row[note])
              for row in rows[1:] if row[chance]}
    early, late = values[plan.deadlines[0].name], values[plan.deadlines[1].name]
    assert 0 < result.chances[plan.deadlines[0].id] < 0.005 and 0 < early[0] < 1
    assert early[0] == pytest.approx(result.chances[plan.deadlines[0].id] * 100, abs=0.005)
    assert early[1] == ("under 1 %" if lang == "da" else "under 1%")
    assert 99 < late[0] < 100 and late[1] == ("over 99 %" if lang == "da" else "over 99%")
    whole = values[plan.project if plan.project.strip() else rows[4][1]]
    assert whole == (round(result.chance_of_plan * 100), "")  # whole per cent, as the page says it


LONG = "Spisefællesskaber for ældre i lokalområderne med frivillige, foreninger og plejecentre i hele kommunen"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_names_stand_whole_in_the_csv_and_the_calendar(courses, lang):
    """Only figures shorten a name: the CSV and the .ics titles carry the project and each deadline whole."""
    course = courses[lang]
    plan = TimelinePlan.from_course(course, START)
    plan.project = LONG
    plan.deadlines[0].name = "Kommunalbestyrelsens møde om næste års budget og de fire nye plejecentre"
    result = forecast(plan, lang)
    cells = [c for row in plan_rows(result, course) for c in row]
    assert LONG in cells and plan.deadlines[0].name in cells and not [c for c in cells if "…" in c]
    calendar = icalendar.Calendar.from_ical(ics_text(result, course, now=NOW))
    titles = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert titles and all(t.startswith(LONG) for t in titles) and not [t for t in titles if "…" in t]
    assert any(t.endswith(plan.deadlines[0].name) for t in titles)
    assert LONG in str(calendar["X-WR-CALNAME"]).replace("\\,", ",")  # an X- property: icalendar leaves it escaped


def test_csv_in_english_with_odd_names(courses):
    course = courses["en"]
    plan = TimelinePlan.from_course(course, START)
    plan.deadlines[0].name = 'Board, "special"; meeting'
    rows = plan_rows(forecast(plan, "en"), course)
    text = csv_text(forecast(plan, "en"), course)
    assert list(csv.reader(io.StringIO(text))) == rows
    assert rows[1][7:10] == ["6.4", "8", "10.8"]
    assert rows[-2][1] == 'Board, "special"; meeting'


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x.example\",\"klik\")", "+1+cmd|' /C calc'!A0", "-2+3",
                                  "@SUM(1,2)", "\t=1+1", "\r=1+1", "  =1+1", "\n@x"])
def test_csv_never_holds_a_live_formula(courses, name):
    """A project or deadline name that starts like a formula is written as text (OWASP)."""
    for lang, course in courses.items():
        plan = TimelinePlan.from_course(course, START)
        plan.project = name
        plan.deadlines[0].name = name
        text = csv_text(forecast(plan, lang), course)
        cells = [c for row in csv.reader(io.StringIO(text), delimiter=";" if lang == "da" else ",") for c in row]
        assert not [c for c in cells if c.lstrip(" \n").startswith(("=", "+", "-", "@", "\t", "\r"))], cells
        stripped = name.strip()
        assert sum(c.startswith("'") and c[1:].strip() == stripped for c in cells) >= 2  # shown, as text


def test_csv_keeps_numbers_and_dates_as_they_are(courses):
    rows = plan_rows(result_for(courses["da"]), courses["da"])
    assert not [c for row in rows for c in row if c.startswith("'")]  # nothing of the course's own is changed


@pytest.mark.parametrize("project", ["con", "NUL", "aux", "com1", "LPT1", "prn.txt", "a<b>:c|d?*"])
def test_export_file_names_are_safe_on_windows(courses, project):
    from samskabelse.base.files import WINDOWS_DEVICES
    from samskabelse.sections.timeline.export import file_stem

    stem = file_stem(result_for(courses["da"], project=project))
    assert stem.split(".")[0].lower() not in WINDOWS_DEVICES
    assert not set(stem) & set('<>:"/\\|?* ') and not stem.endswith(".")
    assert slug(project).split(".")[0] not in WINDOWS_DEVICES  # the slug alone is safe too


# -- writing the files ----------------------------------------------------------------------------------
def test_export_writes_four_files(widget, tmp_path):
    widget.project.value = "Sundhedshus Ærø"
    files = export_timeline(widget, tmp_path / "out", now=NOW)
    names = sorted(p.name for p in files)
    assert names == [f"tidsplan-sundhedshus-aeroe.{s}" for s in ("csv", "ics", "pdf", "png")]
    csv_file, png, pdf, ics = (tmp_path / "out" / f"tidsplan-sundhedshus-aeroe.{s}" for s in ("csv", "png", "pdf",
                                                                                                 "ics"))
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf"), "a byte-order mark for Excel"
    assert png.read_bytes().startswith(b"\x89PNG")
    width, height = int.from_bytes(png.read_bytes()[16:20], "big"), int.from_bytes(png.read_bytes()[20:24], "big")
    from samskabelse.sections.timeline import FIGURE_SIZE

    assert (width, height) == (round(FIGURE_SIZE[0] * 200), round(FIGURE_SIZE[1] * 200))  # the figure at 200 dpi
    assert pdf.read_bytes().startswith(b"%PDF") and b"/Count 1" in pdf.read_bytes(), "one page"
    assert len(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == 5
    assert "tidsplan-sundhedshus-aeroe.ics" in files._repr_html_()


def test_export_leaves_the_live_figure_as_it_was(widget, tmp_path):
    widget.weeks["anchor"].value = 12
    before = bytes(widget.live.image.value)
    export_timeline(widget, tmp_path)
    assert bytes(widget.live.image.value) == before
    widget.weeks["anchor"].value = 14
    assert bytes(widget.live.image.value) != before, "the widget still answers after an export"


# -- downloads, made when asked (the notebook's cell; nothing written on the server) --------------------
def download_data(markup: str, name: str) -> bytes:
    import base64
    import re

    found = re.search(rf"download='{re.escape(name)}' href='data:([^;]+);base64,([^']*)'", markup)
    assert found, f"no download link for {name} in {markup[:300]}"
    return base64.b64decode(found.group(2))


def test_downloads_are_made_only_when_asked_and_write_nothing(courses, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(EXPORTS_ENV, raising=False)
    timeline = plan_timeline(courses["da"], TimelinePlan.from_course(courses["da"], START))
    panel = download_timeline(timeline)
    assert panel.output.value == "" and not panel.files, "nothing made before the button is pressed"
    timeline.project.value = "Sundhedshus Ærø"
    panel.button.click()
    markup = panel.output.value
    made = {s: download_data(markup, f"tidsplan-sundhedshus-aeroe{s}") for s in (".csv", ".png", ".pdf", ".ics")}
    assert made == export_bytes(timeline) | {".ics": made[".ics"], ".pdf": made[".pdf"]}
    assert made[".csv"].startswith(b"\xef\xbb\xbf") and made[".png"].startswith(b"\x89PNG")
    assert made[".pdf"].startswith(b"%PDF") and b"/Count 1" in made[".pdf"]
    assert len(icalendar.Calendar.from_ical(made[".ics"]).walk("VEVENT")) == 5
    assert "href='data:text/csv;base64," in markup and "href='data:text/calendar;base64," in markup
    assert list(tmp_path.iterdir()) == [], "the downloads wrote files on the server"


def test_a_changed_plan_takes_the_old_files_away(courses):
    timeline = plan_timeline(courses["en"], TimelinePlan.from_course(courses["en"], START))
    panel = download_timeline(timeline)
    panel.button.click()
    assert "timeline.csv" in panel.output.value
    timeline.weeks["anchor"].value = 14
    assert "timeline.csv" not in panel.output.value and "Make them again" in panel.output.value
    assert not panel.files
    panel.button.click()
    assert ",14," in download_data(panel.output.value, "timeline.csv").decode("utf-8-sig")


def test_a_failure_to_make_the_files_is_shown_not_raised(courses, monkeypatch):
    timeline = plan_timeline(courses["da"], TimelinePlan.from_course(courses["da"], START))
    panel = download_timeline(timeline)

    def broken(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr("samskabelse.sections.timeline.export.export_bytes", broken)
    panel.button.click()  # must not raise
    assert "⚠" in panel.output.value and "No space left on device" in panel.output.value
    assert "role='alert'" in panel.output.value


def test_the_upward_sentence_follows_the_widget(courses):
    timeline = plan_timeline(courses["da"], TimelinePlan.from_course(courses["da"], START))
    view = timeline.upward()
    before = view.value
    timeline.weeks["anchor"].value = 20
    assert view.value != before and view.value == timeline.upward().value


def test_where_exports_go(tmp_path, monkeypatch):
    monkeypatch.delenv(EXPORTS_ENV, raising=False)
    assert exports_folder() == exports_folder("") == type(exports_folder())("exports")
    monkeypatch.setenv(EXPORTS_ENV, str(tmp_path / "env"))
    assert exports_folder() == tmp_path / "env"
    assert exports_folder(tmp_path / "arg") == tmp_path / "arg"


def test_default_folder_is_exports_in_the_working_directory(widget, tmp_path, monkeypatch):
    monkeypatch.delenv(EXPORTS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    files = export_timeline(widget)
    assert files.folder == type(files.folder)("exports")
    assert (tmp_path / "exports").is_dir() and len(list((tmp_path / "exports").iterdir())) == 4
    assert "href='exports/" in files._repr_html_()


def test_file_names_from_project_names():
    assert slug("Sundhedshus Ærø – fase 2!") == "sundhedshus-aeroe-fase-2"
    assert slug("  <script>/../..  ") == "script"
    assert slug("") == "" and len(slug("x" * 200)) == 40


# -- the figure as a file: real text, nothing clipped, every deadline labelled (issue 21) -----------------------
FOUR_DEADLINES = {
    "da": ("Borgermøde om spisefællesskaberne i Nordbyen", "Kommunalbestyrelsens møde om næste års budget"),
    "en": ("Public meeting on the shared meals in the north", "Council meeting on next year's budget"),
}


def four_deadline_course(tmp_path, lang):
    """The shipped course with two more deadlines of about 45 characters (the check allows 50) and four
    percentiles (the most it allows)."""
    from test_course_check import edited

    from samskabelse.course import read_course

    one, two = FOUR_DEADLINES[lang]
    anchor = "    - { id: budget_year"
    source = (edited(tmp_path, lang, name="base.yaml")).read_text(encoding="utf-8")
    start = source.index(anchor)
    end = source.index("\n", start) + 1
    extra = (f"    - {{ id: citizens, name: {one}, weeks_after_start: 36, phase_done: cocreate }}\n"
             f"    - {{ id: council, name: {two}, weeks_after_start: 44, phase_done: anchor }}\n")
    source = source[:end] + extra + source[end:]
    source = source.replace("percentiles: [50, 85]", "percentiles: [5, 50, 85, 95]")
    path = tmp_path / f"four-{lang}.yaml"
    path.write_text(source, encoding="utf-8")
    return read_course(path, lang)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_pdf_holds_text_whole_titles_and_every_deadline(tmp_path, lang):
    from kit_readers import pdf_text

    course = four_deadline_course(tmp_path, lang)
    plan = TimelinePlan.from_course(course, START)
    plan.project = LONG
    timeline = plan_timeline(course, plan)
    files = export_bytes(timeline, now=NOW)
    path = tmp_path / "timeline.pdf"
    path.write_bytes(files[".pdf"])
    text = " ".join(pdf_text(path).split())
    # real text, not outlines: the title (wrapped, whole at this length), æøå, the dates and every deadline's label
    assert "Spisefællesskaber for ældre i" in text and "plejecentre" in text, text[:300]
    for q in (50, 85):
        assert timeline.figure.q_labels[timeline.result.percentiles.index(q)].text in text
    figure = timeline.figure
    with figure.for_a_file(timeline.result):
        labels = [label.text for _, label in figure.curve_deadlines]
    assert all(labels) and all(label in text for label in labels), labels
    assert b"/Subtype /Type3" not in files[".pdf"] and b"/FontFile2" in files[".pdf"]  # TrueType, embedded
    # afterwards the live figure is as before, its labels outlines again
    assert all(label.glyphs.get_visible() for label in figure.labels)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_title_and_the_legend_fit_the_figure(tmp_path, lang):
    """A long project name wraps (no "…" up to three lines); the legend's swatches and
    entries stand inside the figure, with four percentiles and in English's longer words."""
    from samskabelse.sections.timeline import TITLE_LINE_CHARS, TITLE_LINES, figure_title

    course = four_deadline_course(tmp_path, lang)
    plan = TimelinePlan.from_course(course, START)
    plan.project = LONG
    timeline = plan_timeline(course, plan)
    fig = timeline.figure.fig
    title = figure_title(plan.project, lang)
    assert "…" not in title and 1 < len(title.splitlines()) <= TITLE_LINES
    assert all(len(line) <= TITLE_LINE_CHARS for line in title.splitlines())
    assert " ".join(title.split()).endswith(plan.project)
    with timeline.live.complete():
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for artist in (timeline.figure.title, timeline.figure.legend):
            box = artist.get_window_extent(renderer)
            assert 0 <= box.x0 and box.x1 <= fig.bbox.x1 and 0 <= box.y0 and box.y1 <= fig.bbox.y1, (artist, box)
    assert "…" in figure_title(LONG * 2, lang)  # only a name beyond three lines is shortened in the figure


def test_every_deadline_is_labelled_in_the_file_even_where_the_screen_leaves_one_out(tmp_path):
    """Four deadlines on one day: the live figure may leave a label to its table; the file labels each."""
    course = four_deadline_course(tmp_path, "da")
    plan = TimelinePlan.from_course(course, START)
    for d in plan.deadlines:
        d.date, d.own_date = date(2026, 2, 9), True
    timeline = plan_timeline(course, plan)
    with timeline.figure.for_a_file(timeline.result):
        labels = [label.text for _, label in timeline.figure.curve_deadlines]
    assert all(labels), labels
