"""Your plan on one page (notebook 07): one participant's saved answers as a PDF and a Markdown handout.

    plan = your_plan(course)              # choose an answers file; the preview follows the slider
    files = plan.save()                   # exports/<name>-plan.pdf and .md, in the course's language

The page is drawn with matplotlib (no LaTeX): one A4 figure saved as one PDF page. When the text does not
fit, the font gets smaller, down to a floor, and then the longest lists are cut (and the page says so),
so the handout is always exactly one page. Every number comes from the section's own model and the
functions its notebook uses (the motivation statement, the next steps, the sentence to write upward).
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from samskabelse.answers import (
    LoadedAnswers,
    answers_folder,
    assign_labels,
    example_team,
    is_example_team,
    load_answers,
    merge_people,
    person_key,
    read_answers_file,
    read_given_labels,
)
from samskabelse.base import home
from samskabelse.base.files import safe_texts, slug, write_atomically
from samskabelse.base.i18n import Texts, format_date
from samskabelse.course import Course
from samskabelse.sections.definition import Line, left_words
from samskabelse.sections.protocol import any_answered
from samskabelse.widgets.access import mark_widget
from samskabelse.widgets.display import SavedFiles, user_text
from samskabelse.widgets.download import download_link
from samskabelse.widgets.figures import PALETTE, new_figure
from samskabelse.widgets.guard import ErrorBoundary

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.55
DEFAULT_STEPS = 3
NAME_CHARS = 60

TEXT = Texts(
    da={
        "title": "Min plan for samskabelse",
        "project": "Projekt: {project}",
        "meta": "{name} · gemt {saved} · {course}",
        "invented": "OPDIGTET EKSEMPEL – personen og svarene er opdigtet til træning.",
        "missing": "Ikke besvaret endnu – se notebook {nb} eller arbejdsark {wb}.",
        "partly": "Ikke besvaret endnu: {items}.",
        "cut": "(forkortet, så planen kan stå på én side)",
        "footer": "Lavet med kurset »Ledelse af samskabelse«, der bygger på Væksthus for Ledelse (2019): Ledelse af "
        "samskabelse – den offentlige chefs rolle og opgaver (gratis på lederweb.dk). Typer, tal, næste skridt og "
        "tidsplanens usikkerhed er kursets arbejdsmodel, ikke publikationens.",
        "notes": "Bemærkninger fra indlæsningen:",
        # the widget
        "file": "Svarfil",
        "steps_slider": "Næste skridt",
        "save": "Gem som PDF, Word og Markdown",
        "saved": "Gemt: {files}",
        "download": "Hent filerne her (også i app-visningen):",
        "failed": "Planen kunne ikke gemmes: {error}",
        "example_label": "{name} (opdigtet eksempel)",
        "no_files": "Der er ingen svarfiler endnu. Gem dine svar i notebook 01–06 (gem-boksen nederst).",
    },
    en={
        "title": "My co-creation plan",
        "project": "Project: {project}",
        "meta": "{name} · saved {saved} · {course}",
        "invented": "INVENTED EXAMPLE – the person and the answers are invented for training.",
        "missing": "Not answered yet – see notebook {nb} or workbook {wb}.",
        "partly": "Not answered yet: {items}.",
        "cut": "(shortened so that the plan fits on one page)",
        "footer": "Made with the course “Ledelse af samskabelse” (leading co-creation), built on Væksthus for "
        "Ledelse (2019): Ledelse af samskabelse – den offentlige chefs rolle og opgaver (free at lederweb.dk). "
        "Types, numbers, next steps and the timeline's uncertainty are the course's working model, not the "
        "publication's.",
        "notes": "Notes from loading the file:",
        "file": "Answers file",
        "steps_slider": "Next steps",
        "save": "Save as PDF, Word and Markdown",
        "saved": "Saved: {files}",
        "download": "Download the files here (in the app view too):",
        "failed": "The plan could not be saved: {error}",
        "example_label": "{name} (invented example)",
        "no_files": "There are no answer files yet. Save your answers in notebooks 01–06 (the save box at the "
        "bottom).",
    },
)

EXAMPLE_WORD = {"da": "eksempel", "en": "example"}


# ---------------------------------------------------------------------------------------------
# The plan as plain data: what the page, the Markdown and the preview all show
@dataclass
class PlanSection:
    key: str
    title: str
    lines: list[Line] = field(default_factory=list)
    missing: bool = False


@dataclass
class Plan:
    lang: str
    name: str
    title: str
    project: str
    meta: str
    invented: bool
    sections: list[PlanSection]
    footer: str
    notes: list[str] = field(default_factory=list)  # plain text
    stem: str = ""  # the exports' file name stem (plan_stem): never the same as another person's


def _date(stamp: str, lang: str) -> str:
    try:
        day = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:30]
    return format_date(day, lang)



def _plain(text: str, max_chars: int = NAME_CHARS) -> str:
    """Typed text for the page: trimmed, shortened, not escaped (each output escapes for itself)."""
    return html.unescape(user_text(text, max_chars))


def build_plan(loaded: LoadedAnswers, course: Course, steps: int = DEFAULT_STEPS) -> Plan:
    """One participant's answers, restored with `course`, as the sections of the handout: each section's own
    plan lines (samskabelse.sections), or "not answered yet" for a section not saved or saved untouched."""
    from samskabelse.sections import all_sections

    t = TEXT[course.language]
    lang = course.language
    models = loaded.models
    sections: list[PlanSection] = []
    project = ""
    for definition in all_sections():
        model = models.get(definition.name)
        s = PlanSection(definition.name, definition.plan_title(lang))
        sections.append(s)
        if model is None or not any_answered(model):  # not saved, or saved untouched
            s.missing = True
            s.lines.append(Line(t["missing"].format(nb=definition.notebook, wb=definition.workbook)))
            continue
        s.lines += definition.plan(model, course, steps=steps)
        if left := definition.not_answered(model, course):  # the rest of what the section asks, said as such
            asked = sum(1 for i in definition.items(course) if not i.setting)
            s.lines.append(Line(t["partly"].format(items=left_words(left, lang, of=asked)), aside=True))
        project = project or _plain(definition.project(model), 90)

    name = _plain(loaded.label or loaded.name, NAME_CHARS) or "?"  # as the team sees them: "Mette J."
    return safe_texts(Plan(  # what Word, PDF and Markdown can all hold (base.files.safe_text)
        lang=lang, name=name, title=t["title"], project=t["project"].format(project=project) if project else "",
        meta=t["meta"].format(name=name, saved=_date(loaded.saved, lang), course=_plain(course.title, 80)),  # no path
        invented=loaded.invented, sections=sections, footer=t["footer"],
        notes=[html.unescape(re.sub(r"<[^>]+>", "", n)) for n in loaded.notes], stem=plan_stem(loaded, lang),
    ))


def plan_stem(loaded: LoadedAnswers, lang: str) -> str:
    """The stem of a participant's exported plan: their label as a file name, which no one else in their team has
    (answers.assign_labels: "Mette" -> mette-plan.pdf, a second Mette's "Mette J." -> mette-j-plan.pdf); the
    invented example team's start with "eksempel-"/"example-". The Word plan uses the same stem."""
    stem = loaded.stem or slug(loaded.label or loaded.name, 60, "deltager")
    if loaded.invented and is_example_team(loaded.path.parent):
        return slug(f"{EXAMPLE_WORD[lang]}-{stem}", 80, "deltager")
    return stem


# ---------------------------------------------------------------------------------------------
# Markdown and HTML
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>])")


def _md(text: str) -> str:
    """Plain text made inert in Markdown: no emphasis, links, headings or raw HTML from typed text."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def plan_markdown(plan: Plan) -> str:
    plan = safe_texts(plan)
    t = TEXT[plan.lang]
    out = [f"# {_md(plan.title)}", ""]
    if plan.project:
        out += [f"**{_md(plan.project)}**", ""]
    out += [f"*{_md(plan.meta)}*", ""]
    if plan.invented:
        out += [f"> **{_md(t['invented'])}**", ""]
    for s in plan.sections:
        out += [f"## {_md(s.title)}", ""]
        for line in s.lines:
            text = _md(line.text.strip())
            numbered = re.match(r"^(\d+)\. (.*)$", text)
            if numbered:  # keep the number as the list's own: "1. ...", not "- 1. ..."
                out.append(f"{numbered.group(1)}. {numbered.group(2)}")
                continue
            indent = "  " if line.text.startswith("    ") else ""
            out.append(f"{indent}- **{text}**" if line.strong else f"{indent}- {text}")
        out.append("")
    if plan.notes:
        out += [f"*{_md(t['notes'])}*", ""] + [f"- {_md(n)}" for n in plan.notes] + [""]
    out += ["---", "", f"<small>{_md(plan.footer)}</small>", ""]
    return "\n".join(out)


def plan_html(plan: Plan) -> str:
    t = TEXT[plan.lang]
    e = html.escape
    parts = [f"<h3>{e(plan.title)}</h3>"]
    if plan.project:
        parts.append(f"<p><b>{e(plan.project)}</b></p>")
    parts.append(f"<p><i>{e(plan.meta)}</i></p>")
    if plan.invented:
        parts.append(f"<p class='samskabelse-invented'><b>{e(t['invented'])}</b></p>")
    for s in plan.sections:
        items = "".join(f"<li>{'<b>' if line.strong else ''}{e(line.text.strip())}{'</b>' if line.strong else ''}"
                        f"</li>" for line in s.lines)
        parts.append(f"<h4>{e(s.title)}</h4><ul>{items}</ul>")
    if plan.notes:
        parts.append(f"<p><i>{e(t['notes'])}</i></p><ul>" + "".join(f"<li>{e(n)}</li>" for n in plan.notes)
                     + "</ul>")
    parts.append(f"<p><small>{e(plan.footer)}</small></p>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# The page
@dataclass
class Page:
    figure: object
    font_size: float
    cut: bool  # lists were shortened to fit


_WIDTHS: dict[tuple[str, float, bool], float] = {}


def _text_width(renderer, text: str, pts: float, bold: bool) -> float:
    """The rendered width of a word in pixels at 100 dpi (cached: a page measures the same words many times)."""
    key = (text, pts, bold)
    if key not in _WIDTHS:
        from matplotlib.font_manager import FontProperties

        font = FontProperties(size=pts, weight="bold" if bold else "normal")
        if len(_WIDTHS) > 50_000:
            _WIDTHS.clear()
        _WIDTHS[key] = renderer.get_text_width_height_descent(text, font, ismath=False)[0]
    return _WIDTHS[key]


def _layout(plan: Plan, size: float, max_lines: int | None):
    """Draw the plan on a new A4 figure at `size` points. Returns (figure, lowest y in inches, cut)."""
    from matplotlib.patches import Rectangle

    fig = new_figure(*A4)
    fig.set_layout_engine("none")
    w, h = A4
    t = TEXT[plan.lang]
    bar_w = 1.35
    text_w = w - 2 * MARGIN
    line_h = size * 1.32 / 72

    renderer = fig.canvas.get_renderer()

    def wrap(text: str, width_in: float, pts: float, bold: bool = False) -> list[str]:
        """Greedy word wrap by the rendered width of the words, not by a guess at characters per line."""
        limit = width_in * fig.dpi * 0.98  # a little room for kerning between the words measured one by one
        space = _text_width(renderer, " ", pts, bold)
        lines, current, used = [], [], 0.0
        for word in text.split():
            width = _text_width(renderer, word, pts, bold)
            if width > limit:  # a single word wider than the line: break it
                if current:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                while _text_width(renderer, word, pts, bold) > limit and len(word) > 1:
                    cut = len(word) - 1
                    while cut > 1 and _text_width(renderer, word[:cut] + "…", pts, bold) > limit:
                        cut -= 1
                    lines.append(word[:cut] + "…")
                    word = word[cut:]
                width = _text_width(renderer, word, pts, bold)
            extra = width + (space if current else 0.0)
            if current and used + extra > limit:
                lines.append(" ".join(current))
                current, used = [word], width
            else:
                current.append(word)
                used += extra
        if current:
            lines.append(" ".join(current))
        return lines or [""]

    def one_line(text: str, width_in: float, pts: float, bold: bool = False) -> str:
        lines = wrap(text, width_in, pts, bold)
        return lines[0] if len(lines) == 1 else lines[0].rstrip(" ,.;:") + " …"

    def put(x: float, y: float, text: str, pts: float, **kw):
        fig.text(x / w, y / h, text, fontsize=pts, va="top", ha="left", **kw)

    # header band
    band = 0.95 + (0.3 if plan.project else 0)
    fig.add_artist(Rectangle((0, (h - band) / h), 1, band / h, transform=fig.transFigure, color=PALETTE["blue"]))
    put(MARGIN, h - 0.22, plan.title, size + 9, color="white", fontweight="bold")
    y = h - 0.62
    if plan.project:
        put(MARGIN, y, one_line(plan.project, text_w, size + 3, True), size + 3, color="white", fontweight="bold")
        y -= (size + 3) * 1.35 / 72
    put(MARGIN, y, one_line(plan.meta, text_w, size), size, color="white")
    y = h - band - 0.2
    if plan.invented:
        put(MARGIN, y, t["invented"], size, color=PALETTE["vermillion"], fontweight="bold")
        y -= line_h * 1.3

    cut = False
    for s in plan.sections:
        y -= 0.06
        put(MARGIN, y, s.title, size + 2.5, fontweight="bold", color=PALETTE["blue"])
        lines = s.lines
        title_w = _text_width(renderer, s.title, size + 2.5, True) / fig.dpi + 0.25
        for aside in [x for x in lines if x.aside]:  # beside the title where it fits on that line
            aside_w = _text_width(renderer, aside.text.strip(), size - 0.5, False) / fig.dpi * 1.03
            if title_w + aside_w <= text_w:
                put(MARGIN + title_w, y - 0.025, aside.text.strip(), size - 0.5, style="italic", color=PALETTE["grey"])
                title_w += aside_w + 0.2
                lines = [x for x in lines if x is not aside]
        y -= (size + 2.5) * 1.45 / 72
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            cut = True
        for line in lines:
            indent = 0.25 if line.text.startswith("    ") else 0.0
            width = text_w - indent - (bar_w + 0.15 if line.bar is not None else 0)
            hanging = 0.22 if re.match(r"^\d+\. ", line.text.strip()) else 0.0  # numbered: indent what wraps
            wrapped = wrap(line.text.strip(), width - hanging, size, line.strong)
            if line.bar is not None:
                x0 = w - MARGIN - bar_w
                top = y - line_h * 0.12
                fig.add_artist(Rectangle((x0 / w, (top - line_h * 0.6) / h), bar_w / w, line_h * 0.6 / h,
                                         transform=fig.transFigure, fill=False, edgecolor=PALETTE["grey"]))
                fig.add_artist(Rectangle((x0 / w, (top - line_h * 0.6) / h), bar_w * max(0.0, min(1.0, line.bar)) / w,
                                         line_h * 0.6 / h, transform=fig.transFigure, facecolor=PALETTE["green"],
                                         edgecolor="black", hatch="//", linewidth=0.5))
            for k, part in enumerate(wrapped):
                put(MARGIN + indent + (hanging if k else 0.0), y, part, size,
                    fontweight="bold" if line.strong else "normal", color=PALETTE["grey"] if s.missing else "black")
                y -= line_h
        y -= 0.08
    if cut:
        put(MARGIN, y, t["cut"], size - 1, style="italic", color=PALETTE["grey"])
        y -= line_h
    footer = wrap(plan.footer, text_w, size - 2)
    fy = MARGIN + len(footer) * (size - 2) * 1.3 / 72
    for part in footer:
        put(MARGIN, fy, part, size - 2, color=PALETTE["grey"])
        fy -= (size - 2) * 1.3 / 72
    bottom_of_body = y
    footer_top = MARGIN + len(footer) * (size - 2) * 1.3 / 72 + 0.1
    return fig, bottom_of_body, footer_top, cut


def _fits(fig, y: float, footer_top: float) -> bool:
    """The body ends above the footer, and every text stays inside the page's margins."""
    if y < footer_top:
        return False
    renderer = fig.canvas.get_renderer()
    right = fig.bbox.x1 - MARGIN * fig.dpi + 1
    return all(MARGIN * fig.dpi - 1 <= t.get_window_extent(renderer).x0 and t.get_window_extent(renderer).x1 <= right
               for t in fig.texts)


def draw_page(plan: Plan) -> Page:
    """The plan on one A4 page: the largest font size (10 pt down to 7) at which everything fits, else cut lists."""
    plan = safe_texts(plan)
    for size in (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0):
        fig, y, footer_top, _ = _layout(plan, size, None)
        if _fits(fig, y, footer_top):
            return Page(fig, size, False)
    for max_lines in (8, 6, 5, 4, 3, 2):
        fig, y, footer_top, cut = _layout(plan, 7.0, max_lines)
        if _fits(fig, y, footer_top):
            return Page(fig, 7.0, cut)
    return Page(fig, 7.0, True)


def exports_folder(folder: str | Path | None = None) -> Path:
    """The same folder as the timeline's exports: `folder`, else $SAMSKABELSE_EXPORTS, else exports/."""
    from samskabelse.sections.timeline.export import exports_folder as timeline_exports

    return timeline_exports(folder)


def write_handout(plan: Plan, folder: str | Path | None = None) -> tuple[Path, Path]:
    """Write <name>-plan.pdf (one page) and <name>-plan.md; returns their paths."""
    folder = exports_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{plan.stem or slug(plan.name, 60, 'deltager')}-plan"
    pdf, md = folder / f"{stem}.pdf", folder / f"{stem}.md"
    page = draw_page(plan)
    data = io.BytesIO()
    page.figure.savefig(data, format="pdf", metadata={"Title": plan.title, "Creator": "samskabelse"})
    write_atomically(pdf, data.getvalue())
    write_atomically(md, plan_markdown(plan))
    return pdf, md


def pdf_page_count(path: str | Path) -> int:
    """Pages in a PDF written by matplotlib (counts the page objects)."""
    data = Path(path).read_bytes()
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


# ---------------------------------------------------------------------------------------------
# The widget
def _in_course_folders() -> bool:
    """Running from the course's own notebooks or workbooks (not from a copy elsewhere, as the tests do)."""
    try:
        here = Path.cwd().resolve()
    except OSError:
        return False
    return any(here.is_relative_to(home.course_path(part).resolve()) for part in ("notebooks", "exercises"))


def answer_folders(course: Course, folder: str | Path | None = None) -> list[Path]:
    """Where a participant's answers may be: the answers folder here, and those beside the notebooks and the
    workbooks of the course's language (a participant may have saved in either)."""
    candidates = [answers_folder(folder)]
    if folder is None and _in_course_folders():
        lang = course.language
        candidates += [home.course_path(f"notebooks/{lang}/answers"), home.course_path(f"exercises/{lang}/answers")]
    out, seen = [], set()
    for c in candidates:
        try:
            key = c.resolve()
        except OSError:
            continue
        if key not in seen and c.is_dir():
            seen.add(key)
            out.append(c)
    return out


@dataclass
class Listed:
    """A file in 07's list: how it is listed, and the person it is of (their label on the plan, and the plan's
    file-name stem, both unique among the files listed: answers.assign_labels)."""

    label: str
    path: Path
    person: str = ""  # "" for a file that cannot be read (listed by its file name, so that choosing it says why)
    stem: str = ""


def _newest_first(p: Path) -> float:
    try:
        return -p.stat().st_mtime
    except OSError:
        return 0.0


def _team_around(extra: Path | None, own: list[Path]) -> list[Path]:
    """The files of the team a file given from elsewhere belongs to (its folder, and the folder above when the team
    keeps a folder per person, as load_team reads it): the plan's label is unique among them, so that the plans
    of two Mettes from one team never share a name. Not listed; only read to name the person."""
    if extra is None or is_example_team(extra.parent):
        return []
    found = {p.resolve() for p in own}
    out = []
    for base in (extra.parent, extra.parent.parent):
        try:
            files = [*base.glob("*.json"), *base.glob("*/*.json")] if base != extra.parent else [*base.glob("*.json")]
        except OSError:
            continue
        for p in sorted(files):
            if not p.name.startswith(".") and not p.parent.name.startswith(".") and p.resolve() not in found:
                found.add(p.resolve())
                out.append(p)
    return out[:500]  # a team, not a disk


def listed_files(course: Course, folder: str | Path | None = None, extra: Path | None = None) -> list[Listed]:
    """The participant's own files, newest first (and `extra`, a file given to your_plan, wherever it is); the
    invented example team only when there is no file of a real participant, each labelled as invented.

    A file is listed by its person's label, as the team sees it (two people of the same name told apart, one
    person's files under one label: answers.merge_people, assign_labels), with the folder when it is not the
    answers folder here; a file that cannot be read is listed by its file name.
    """
    t, lang = TEXT[course.language], course.language
    own: list[Path] = []
    for base in answer_folders(course, folder):
        own += [p for p in base.glob("*.json") if not p.name.startswith(".")]
    own.sort(key=_newest_first)
    if extra is not None and not is_example_team(extra.parent) and not any(_same_file(p, extra) for p in own):
        own.insert(0, extra)
    here = answers_folder(folder).resolve() if answers_folder(folder).is_dir() else None
    stubs: dict[Path, LoadedAnswers] = {}
    for p in [*own, *_team_around(extra, own)]:
        try:
            stubs[p] = load_answers(p, lang=lang)  # read and checked; no models needed to name the person
        except Exception:
            continue
    people, _notes = merge_people(list(stubs.values()), lang)
    given: dict[str, str] = {}
    for base in {p.parent for p in stubs} | {p.parent.parent for p in stubs}:
        given.update(read_given_labels(base))
    assign_labels(people, given, None, lang)
    person = {person_key(m): m for m in people}
    out = []
    for p in own:
        if p not in stubs:
            out.append(Listed(p.name, p))
            continue
        m = person[person_key(stubs[p])]
        label = m.label
        if p.parent.resolve() != here:
            label = f"{label} · {_where(p.parent)}"
        out.append(Listed(label, p, m.label, m.stem))
    if not out or (extra is not None and is_example_team(extra.parent)):
        for p in sorted(example_team(lang).glob("*.json")):
            try:
                name = " ".join(read_answers_file(p, lang)["name"].split())
            except Exception:
                name = p.stem.capitalize()
            out.append(Listed(t["example_label"].format(name=name), p, name, slug(name, 60, "deltager")))
    return out


def _where(folder: Path) -> str:
    """A folder as the list names it: from the repository's root or the notebook's folder, else by its name."""
    for base in (home.course_root(), Path.cwd()):
        try:
            return folder.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return folder.name


def answer_files(course: Course, folder: str | Path | None = None) -> list[tuple[str, Path]]:
    """(label, path) of the files 07 lists (listed_files)."""
    return [(x.label, x.path) for x in listed_files(course, folder)]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


class PlanWidget:
    """Choose an answers file; see the plan; save it as a one-page PDF and a Markdown file."""

    def __init__(self, course: Course, file: str | Path | None = None, *, folder: str | Path | None = None,
                 exports: str | Path | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = TEXT[course.language]
        self.exports = exports
        path = None
        if file is not None:
            path = home.find(file)
        self.listed = listed_files(course, folder, path)
        if path is not None:  # the file given first, under the label the list gives it
            chosen = [x for x in self.listed if _same_file(x.path, path)] or [Listed(path.name, path)]
            self.listed = chosen[:1] + [x for x in self.listed if not _same_file(x.path, path)]
        self.files = [(x.label, x.path) for x in self.listed]
        self.loaded: LoadedAnswers | None = None
        self.plan: Plan | None = None
        self.saved: tuple[Path, Path] | None = None
        options = [(label, str(p)) for label, p in self.files]
        self.choice = widgets.Dropdown(options=options, value=options[0][1] if options else None,
                                       description=self.t["file"], style={"description_width": "initial"},
                                       layout=widgets.Layout(width="30em"))
        self.slider = widgets.IntSlider(value=DEFAULT_STEPS, min=1, max=5, description=self.t["steps_slider"],
                                        continuous_update=True, style={"description_width": "initial"})
        self.button = widgets.Button(description=self.t["save"], icon="file-pdf-o", button_style="primary",
                                     layout=widgets.Layout(width="auto"))
        self.preview = widgets.HTML()
        self.preview.add_class("samskabelse-result")
        self.status = widgets.HTML()
        self.errors = ErrorBoundary(course.language)
        self.choice.observe(self.errors.guard(lambda _c: self.refresh(reload=True)), names="value")
        self.slider.observe(self.errors.guard(lambda _c: self.refresh()), names="value")
        self.button.on_click(self.errors.guard(lambda _b: self.save()))
        self.box = widgets.VBox([widgets.HBox([self.choice, self.slider]), self.button, self.status, self.errors.alert,
                                 self.preview])
        mark_widget(self.box, course.language, "samskabelse-plan")
        self.refresh(reload=True)

    def refresh(self, reload: bool = False) -> None:
        if not self.choice.value:
            self.plan = None
            self.preview.value = f"<p>{self.t['no_files']}</p>"
            return
        if reload or self.loaded is None:
            from samskabelse.answers import AnswersFileError

            try:
                self.loaded = load_answers(self.choice.value, self.course)
            except AnswersFileError as exc:
                self.loaded, self.plan = None, None
                self.preview.value = f"<p class='samskabelse-warning'>{user_text(exc, 600)}</p>"
                return
            person = next((x for x in self.listed if x.person and _same_file(x.path, Path(self.choice.value))), None)
            if person is not None:  # the plan says who, as the list and the team do ("Mette J.")
                self.loaded.label, self.loaded.stem = person.person, person.stem
            self.status.value = ""
        self.plan = build_plan(self.loaded, self.course, self.slider.value)
        self.preview.value = plan_html(self.plan)

    def save(self) -> tuple[Path, Path, Path] | None:
        """Write the plan as PDF and Markdown (write_handout) and as Word (plan_word); returns the three paths."""
        if self.plan is None:
            return None
        from samskabelse.answers.plan_word import write_plan_docx

        try:
            self.saved = (*write_handout(self.plan, self.exports),
                          write_plan_docx(self.plan, exports_folder(self.exports), TEXT[self.plan.lang]))
        except OSError as exc:
            message = self.t["failed"].format(error=user_text(exc, 300))
            self.status.value = f"<p class='samskabelse-warning'>{message}</p>"
            return None
        shown = ", ".join(f"<code>{user_text(p, 200)}</code>" for p in self.saved)
        self.status.value = f"<p>{self.t['saved'].format(files=shown)}</p>" + self._downloads()
        return SavedFiles(self.saved, self.course.language)

    def _downloads(self) -> str:
        """Links that hold the files themselves: Voilà serves no files from the server, Binder's go with it."""
        try:
            links = [download_link(p.name, p.read_bytes(), DOWNLOAD_TYPES.get(p.suffix, "application/octet-stream"))
                     for p in self.saved]
        except OSError:  # the files are saved and named above; a link is a convenience
            return ""
        return f"<p>{self.t['download']} " + " · ".join(links) + "</p>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


DOWNLOAD_TYPES = {".pdf": "application/pdf", ".md": "text/markdown",
                  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def your_plan(course: Course, file: str | Path | None = None) -> PlanWidget:
    """Your plan on one page. The file: `file`, else your newest saved answers, else the invented example team's."""
    return PlanWidget(course, file)
