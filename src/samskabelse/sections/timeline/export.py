"""Take the timeline along: the plan as CSV, the figure as PNG and PDF, and the milestones and deadlines as
an iCalendar file (.ics) that Outlook, Google Calendar and Apple Calendar import.

    download_timeline(timeline)               # the notebook's cell: a button that makes the four files and
                                              # offers them as downloads (JupyterLab, Voilà, Binder); it writes
                                              # nothing on the server
    export_timeline(timeline)                 # from Python: write exports/tidsplan.csv, .png, .pdf, .ics
    export_timeline(timeline, "my-folder")    # somewhere else

`export_timeline`'s folder is the argument if given; else the one the environment variable SAMSKABELSE_EXPORTS
names; else `exports/` in the working directory (notebooks/da/exports/ when run from there; git ignores it).

The CSV opens in Excel in either language: UTF-8 with a byte-order mark, and in Danish `;` between fields and
a decimal comma, as Danish Excel expects; dates are ISO (2026-01-05). Names stand whole (only the figure shortens
them), and the chance column holds a number of per cent a spreadsheet sorts (25 as the page's 25 %; 0,43 for a
chance under 1 %, 99,987 for one over 99 %, with the page's words in the note column). The course's internal ids
are not columns.

The .ics file follows RFC 5545: CRLF line ends, lines folded at 75 octets, a UID and DTSTAMP per event, all-day
events (DTSTART;VALUE=DATE), and backslash, semicolon, comma and newline escaped in text; its titles name the
project and the deadline whole.

This module builds on timeline.py (the plan, its forecast and its widget); timeline.py does not import it.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from samskabelse.base.files import csv_row, ics_escape, slug
from samskabelse.base.i18n import Texts, format_number
from samskabelse.course import Course
from samskabelse.sections.timeline import TEXT as PAGE
from samskabelse.sections.timeline import (
    Forecast,
    date_after,
    format_chance,
    format_date,
    plain_name,
)
from samskabelse.widgets.access import mark_widget
from samskabelse.widgets.download import download_link
from samskabelse.widgets.figures import labels_as_text

if TYPE_CHECKING:
    from samskabelse.sections.timeline import TimelineWidget

EXPORTS_ENV = "SAMSKABELSE_EXPORTS"
WHOLE = 10_000  # a name in a file stands whole (the widget takes no longer one): only the figure shortens
DEFAULT_FOLDER = "exports"
PNG_DPI = 200  # sharp on a slide
SUFFIXES = (".csv", ".png", ".pdf", ".ics")
MEDIA_TYPES = {".csv": "text/csv", ".png": "image/png", ".pdf": "application/pdf", ".ics": "text/calendar"}

TEXT = Texts(
    da={
        "stem": "tidsplan",
        "columns": ["Type", "Navn", "Fase", "Start", "Slut (plan)", "Uger (plan)", "Usikkerhed",
                    "Optimistisk (uger)", "Sandsynlig (uger)", "Pessimistisk (uger)", "Slut {q} %", "Chance (%)",
                    "Bemærkning"],
        "phase": "fase", "milestone": "milepæl", "deadline": "frist", "project": "hele projektet",
        "project_name": "Hele projektet",
        "calendar": "Tidsplan",
        "calendar_project": "Tidsplan: {project}",
        "summary_milestone": "Milepæl: {name}",
        "summary_deadline": "Frist: {name}",
        "summary_prefix": "{project} – {summary}",
        "category_milestone": "Milepæl", "category_deadline": "Frist",
        "describe_milestone": "Planlagt dato i tidsplanen (fasen »{phase}«). Med vores skøn over usikkerheden: "
                              "{ranges}.",
        "range": "{q} % sandsynlighed for senest den {date}",
        "describe_deadline": "Fast frist. Til den skal fasen »{phase}« være færdig; chancen for det er {chance} "
                             "ud fra vores skøn over usikkerheden.",
        "made_by": "Lavet med kurset Ledelse af samskabelse (notebook 06). Datoerne er et skøn, ikke et løfte.",
        "saved": "Gemt i <code>{folder}</code>:",
        "kinds": {".csv": "planen som tabel (CSV, åbnes i Excel)", ".png": "figuren som billede (PNG)",
                  ".pdf": "figuren som PDF", ".ics": "milepæle og frister som kalenderfil (.ics, fx til Outlook)"},
        "make": "Lav filerne til at hente",
        "made": "Filerne til planen, som den står nu. Klik på et filnavn for at hente filen:",
        "stale": "Du har ændret planen, siden filerne blev lavet. Lav dem igen for at få den nye plan med.",
        "failed": "Filerne kunne ikke laves: {error}",
    },
    en={
        "stem": "timeline",
        "columns": ["Kind", "Name", "Phase", "Start", "Finish (plan)", "Weeks (plan)", "Uncertainty",
                    "Optimistic (weeks)", "Likely (weeks)", "Pessimistic (weeks)", "Finish {q}%", "Chance (%)",
                    "Note"],
        "phase": "phase", "milestone": "milestone", "deadline": "deadline", "project": "whole project",
        "project_name": "Whole project",
        "calendar": "Timeline",
        "calendar_project": "Timeline: {project}",
        "summary_milestone": "Milestone: {name}",
        "summary_deadline": "Deadline: {name}",
        "summary_prefix": "{project} – {summary}",
        "category_milestone": "Milestone", "category_deadline": "Deadline",
        "describe_milestone": "Planned date in the timeline (phase “{phase}”). On our estimate of the uncertainty: "
                              "{ranges}.",
        "range": "a {q}% chance of being reached by {date}",
        "describe_deadline": "Fixed deadline. The phase “{phase}” must be finished by then; the chance of that is "
                             "{chance} on our estimate of the uncertainty.",
        "made_by": "Made with the course Leading co-creation (notebook 06). The dates are an estimate, not a promise.",
        "saved": "Saved in <code>{folder}</code>:",
        "kinds": {".csv": "the plan as a table (CSV, opens in Excel)", ".png": "the figure as an image (PNG)",
                  ".pdf": "the figure as a PDF", ".ics": "milestones and deadlines as a calendar file (.ics, e.g. "
                                                        "for Outlook)"},
        "make": "Make the files to download",
        "made": "The files for the plan as it stands now. Click a file name to download it:",
        "stale": "You have changed the plan since the files were made. Make them again to include the new plan.",
        "failed": "The files could not be made: {error}",
    },
)


def exports_folder(folder: str | os.PathLike | None = None) -> Path:
    """Where exports go: `folder`, else $SAMSKABELSE_EXPORTS, else exports/ in the working directory."""
    chosen = folder if folder not in (None, "") else os.environ.get(EXPORTS_ENV, "").strip() or DEFAULT_FOLDER
    return Path(chosen).expanduser()


def whole_name(text: str, lang: str) -> str:
    """A name someone typed, whole: spaces collapsed and made safe, never shortened with "…"."""
    return plain_name(text, lang, WHOLE)


def file_stem(result: Forecast) -> str:
    t = TEXT[result.lang]
    name = slug(result.plan.project)
    return f"{t['stem']}-{name}" if name else t["stem"]


# ---------------------------------------------------------------------------------------------
# CSV
def plan_rows(result: Forecast, course: Course) -> list[list[str]]:
    """The plan as table rows (header first): phases, the whole project, milestones, deadlines. A cell that a
    spreadsheet would run as a formula (a name someone typed starting with = + - @) gets a ' in front."""
    lang = result.lang
    t = TEXT[lang]
    plan = result.plan
    qs = result.percentiles
    *fixed, finish, chance, note = t["columns"]
    header = [*fixed, *[finish.format(q=q) for q in qs], chance, note]
    phases = {p.id: p for p in course.phases}
    levels = {u.id: u.name for u in course.timeline.uncertainty_levels}

    def number(value: float) -> str:
        return format_number(value, lang, 2, trim=True)

    def percent(share: float) -> list[str]:
        """The chance as a number of per cent: whole, as the page rounds it, and where the page says "under 1 %" or
        "over 99 %" with three decimals (exact for the most draws a course may set, 100,000: 0.001 % steps, so
        never a rounded 0 or 100) and those words in the note column."""
        said = format_chance(share, lang)
        if said in (page["below_one"], page["above_99"]):
            return [format_number(share * 100, lang, 3, trim=True), said]
        return [format_number(share * 100, lang, 0), ""]

    page = PAGE[lang]

    def iso(weeks: float) -> str:
        return date_after(plan.start, weeks).isoformat()

    rows = [header]
    start = 0.0
    for i, ph in enumerate(plan.phases):
        o, m, p = plan.factors[ph.uncertainty]
        phase = phases[ph.phase]
        rows.append([t["phase"], phase.name, str(phase.number), iso(start), iso(start + ph.weeks),
                     number(ph.weeks), levels.get(ph.uncertainty, ph.uncertainty), number(ph.weeks * o),
                     number(ph.weeks * m), number(ph.weeks * p),
                     *[result.phase_end_date(i, q).isoformat() for q in qs], "", ""])
        start += ph.weeks
    rows.append([t["project"], whole_name(plan.project, lang) if plan.project.strip() else t["project_name"], "",
                 plan.start.isoformat(), result.planned_finish.isoformat(), number(result.planned_total), "", "", "",
                 "", *[result.finish_date(q).isoformat() for q in qs], *percent(result.chance_of_plan)])
    for m in plan.milestones:
        dates = result.milestone_dates(m)
        rows.append([t["milestone"], m.name, str(phases[m.phase].number), dates["plan"].isoformat(),
                     dates["plan"].isoformat(), "", "", "", "", "", *[dates[q].isoformat() for q in qs], "", ""])
    for d in plan.deadlines:
        when = d.date.isoformat()
        rows.append([t["deadline"], whole_name(d.name, lang), str(phases[d.phase].number), when, when,
                     "", "", "", "", "", *[""] * len(qs), *percent(result.chances[d.id])])
    return [csv_row(row) for row in rows]  # a name starting with = + - @ is text, never a formula (OWASP)


def csv_text(result: Forecast, course: Course) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if result.lang == "da" else ",", lineterminator="\r\n")
    writer.writerows(plan_rows(result, course))  # every cell spreadsheet-safe (plan_rows, csv_row)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# iCalendar (RFC 5545)
def fold(line: str, limit: int = 75) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a UTF-8 character (RFC 5545, 3.1):
    every continuation starts with one space."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size = " ", 1  # the leading space counts
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def _uid(result: Forecast, course: Course, kind: str, ident: str) -> str:
    """Stable for the same project, course and item: importing an updated file updates the events."""
    key = f"{course.id}|{result.plan.project.strip()}|{kind}|{ident}".encode()
    return f"{kind}-{ident}-{hashlib.sha256(key).hexdigest()[:16]}@samskabelse"


def ics_text(result: Forecast, course: Course, *, now: datetime | None = None) -> str:
    """The milestones (at their planned dates) and the deadlines as all-day events."""
    lang = result.lang
    t = TEXT[lang]
    plan = result.plan
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    phases = {p.id: f"{p.number} {p.name}" for p in course.phases}
    project = whole_name(plan.project, lang) if plan.project.strip() else ""  # whole: only figures shorten
    calendar = t["calendar_project"].format(project=project) if project else t["calendar"]

    def summary(text: str) -> str:
        return t["summary_prefix"].format(project=project, summary=text) if project else text

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//Ledelse af samskabelse//{t['calendar']}//{lang.upper()}",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{ics_escape(calendar)}"]

    def event(kind: str, ident: str, day: date, title: str, description: str, category: str) -> None:
        lines.extend([
            "BEGIN:VEVENT",
            f"UID:{_uid(result, course, kind, ident)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ics_escape(title)}",
            f"DESCRIPTION:{ics_escape(description)}",
            f"CATEGORIES:{ics_escape(category)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ])

    for m in plan.milestones:
        dates = result.milestone_dates(m)
        ranges = ", ".join(t["range"].format(q=q, date=format_date(dates[q], lang)) for q in result.percentiles)
        event("milestone", m.id, dates["plan"], summary(t["summary_milestone"].format(name=m.name)),
              t["describe_milestone"].format(phase=phases[m.phase], ranges=ranges) + "\n" + t["made_by"],
              t["category_milestone"])
    for d in plan.deadlines:
        event("deadline", d.id, d.date, summary(t["summary_deadline"].format(name=whole_name(d.name, lang))),
              t["describe_deadline"].format(phase=phases[d.phase], chance=format_chance(result.chances[d.id], lang))
              + "\n" + t["made_by"], t["category_deadline"])
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# ---------------------------------------------------------------------------------------------
@dataclass
class ExportedFiles:
    folder: Path
    files: list[Path]
    lang: str

    def _repr_html_(self) -> str:
        t = TEXT[self.lang]
        items = []
        for path in self.files:
            try:
                href = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
            except ValueError:
                href = ""
            name = html.escape(path.name)
            link = f"<a href='{html.escape(href, quote=True)}' download target='_blank'>{name}</a>" if href else name
            items.append(f"<li>{link}: {t['kinds'][path.suffix]}</li>")
        return f"<p>{t['saved'].format(folder=html.escape(str(self.folder)))}</p><ul>{''.join(items)}</ul>"

    def __iter__(self):
        return iter(self.files)


def export_bytes(timeline: TimelineWidget, *, now: datetime | None = None) -> dict[str, bytes]:
    """The four files for the plan the widget shows, in memory: {".csv": ..., ".png": ..., ".pdf": ..., ".ics": ...}."""
    result, course = timeline.result, timeline.course
    # utf-8-sig: the byte-order mark makes Excel read æ, ø and å correctly
    files = {".csv": csv_text(result, course).encode("utf-8-sig"),
             ".ics": ics_text(result, course, now=now).encode("utf-8")}
    # the labels as text, not outlines, and the fonts embedded as TrueType (pdf.fonttype 42): a PDF whose words can
    # be selected, searched and read aloud; every deadline labelled, even where the live figure leaves one to its table
    import matplotlib

    with timeline.figure.for_a_file(timeline.result), timeline.live.complete() as fig, \
            labels_as_text(timeline.figure.labels), matplotlib.rc_context({"pdf.fonttype": 42, "ps.fonttype": 42,
                                                                            "svg.fonttype": "none"}):
        for suffix, options in ((".png", {"dpi": PNG_DPI}),
                                (".pdf", {"metadata": {"Title": " ".join(timeline.figure.title_text.split()),
                                                       "Creator": "samskabelse (notebook 06)"}})):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=suffix[1:], facecolor="white", **options)
            files[suffix] = buffer.getvalue()
    return {suffix: files[suffix] for suffix in SUFFIXES}


def export_timeline(timeline: TimelineWidget, folder: str | os.PathLike | None = None, *,
                    now: datetime | None = None) -> ExportedFiles:
    """Write the plan (CSV), the figure (PNG, PDF) and the milestones and deadlines (.ics) to `folder`
    (see exports_folder). Existing files of the same name are replaced. For Python users: the notebook offers
    the same files as downloads (`download_timeline`) and writes nothing."""
    target = exports_folder(folder)
    target.mkdir(parents=True, exist_ok=True)
    stem = file_stem(timeline.result)
    paths = []
    for suffix, data in export_bytes(timeline, now=now).items():
        path = target / f"{stem}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return ExportedFiles(target, paths, timeline.result.lang)


# ---------------------------------------------------------------------------------------------
# Downloads, made when asked
class TimelineDownloads:
    """A button that makes the four files of the plan as it stands, and a list of download links for them.

    Nothing is written on the server, and nothing is made before the button is pressed (a PNG at 200 dpi and a
    PDF take about a second). When the plan changes afterwards, the links go and a note says to make them
    again, so that no one takes an old plan along by mistake."""

    def __init__(self, timeline: TimelineWidget):
        import ipywidgets as widgets

        self.timeline = timeline
        self.t = t = TEXT[timeline.lang]
        self.button = widgets.Button(description=t["make"], icon="download", layout=widgets.Layout(width="auto"))
        self.button.add_class("samskabelse-make-downloads")
        self.output = widgets.HTML("")
        self.output.add_class("samskabelse-downloads")
        self.files: dict[str, bytes] = {}
        self.button.on_click(self.make)
        timeline.on_change(self._plan_changed)
        self.box = widgets.VBox([self.button, self.output])
        mark_widget(self.box, timeline.lang, "samskabelse-timeline-downloads")

    def make(self, _button=None) -> None:
        t = self.t
        try:
            self.files = export_bytes(self.timeline)
        except Exception as exc:  # any failure is shown to the user, never a traceback
            self.files = {}
            self.output.value = (f"<p class='samskabelse-warning' role='alert'>⚠ "
                                 f"{t['failed'].format(error=html.escape(str(exc)))}</p>")
            return
        stem = file_stem(self.timeline.result)
        items = "".join(f"<li>{download_link(stem + suffix, data, MEDIA_TYPES[suffix])}: {t['kinds'][suffix]}</li>"
                        for suffix, data in self.files.items())
        self.output.value = f"<p role='status'>{t['made']}</p><ul>{items}</ul>"

    def _plan_changed(self) -> None:
        if self.files:
            self.files = {}
            self.output.value = f"<p role='status'>{self.t['stale']}</p>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def download_timeline(timeline: TimelineWidget) -> TimelineDownloads:
    """The notebook's "take the plan along": the four files of the plan as it stands, as downloads."""
    return TimelineDownloads(timeline)


__all__ = ["download_timeline", "export_timeline", "export_bytes", "TimelineDownloads", "exports_folder",
           "ics_text", "csv_text", "plan_rows", "fold", "ics_escape", "ExportedFiles", "EXPORTS_ENV"]
