"""Your plan on one page (notebook 07): one participant's saved answers as a PDF and a Markdown handout.

    plan = your_plan(course)              # choose an answers file; the preview follows the slider
    files = plan.save()                   # exports/<name>-plan.pdf and .md, in the course's language

The page is drawn with matplotlib (no LaTeX): one A4 figure saved as one PDF page. When the text does not
fit, the font gets smaller, down to a floor, and then the longest lists are cut (and the page says so),
so the handout is always exactly one page. Every number comes from the section's own model and the
functions its notebook uses (the motivation statement, the next steps, the sentence to write upward).
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from samskabelse.widgets.access import mark_widget
from samskabelse.answers import (
    LoadedAnswers,
    answers_folder,
    display_labels,
    example_team,
    is_example_team,
    load_answers,
    read_answers_file,
)
from samskabelse.course import REPO_ROOT, Course
from samskabelse.widgets.display import SavedFiles, user_text
from samskabelse.widgets.figures import PALETTE, new_figure
from samskabelse.widgets.guard import ErrorBoundary
from samskabelse.base.i18n import Texts, join_names
from samskabelse.sections.protocol import any_answered, is_answered
from samskabelse.base.files import safe_stem

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.55
DEFAULT_STEPS = 3
NAME_CHARS = 60

TEXT = Texts(
    da={
        "title": "Min plan for samskabelse",
        "project": "Projekt: {project}",
        "meta": "{name} · gemt {saved} · kursusfil {file}",
        "invented": "OPDIGTET EKSEMPEL – personen og svarene er opdigtet til træning.",
        "missing": "Ikke besvaret endnu – se notebook {nb}.",
        "type_missing": "Type i kursets typologi: ikke besvaret (placér projektet på begge akser i notebook 01).",
        "demands_missing": "Hvad det kræver: ikke besvaret.",
        "readiness_missing": "{number}. {phase}: ikke besvaret",
        "steps_missing": "{n} fokuspunkter er ikke besvaret.",
        "attention_missing": "{direction} ({who}): ikke besvaret",
        "fixed_missing": "Fast eller elastik, ikke besvaret: {names}.",
        "shared_missing": "Partnernes indflydelse, ikke besvaret: {names}.",
        "s_typology": "Projektet og typen",
        "s_gains": "Hvorfor samskabe?",
        "s_phases": "Hvor står projektet?",
        "s_directions": "Led i fire retninger",
        "s_framing": "Banen er kridtet op",
        "s_timeline": "Tidsplanen – det kan jeg sige opad",
        "type": "Type i kursets typologi: {type} – {description}",
        "balance": "Gevinster mod krav: {g} mod {d} på en skala fra 0 til 5 – en læsning at drøfte, ikke en dom.",
        "balance_none": "Gevinsterne er ikke vægtet endnu.",
        "heaviest": "Det, der kræver mest: {names}.",
        "own": "Egne gevinster: {names}.",
        "readiness": "{number}. {phase}: parathed {percent} %",
        "steps": "Mine næste skridt:",
        "own_steps": "Mine næste skridt, med mine ord:",
        "own_step": "{text}",
        "suggested_steps": "Kursets forslag til næste skridt:",
        "own_motivation": "Med mine ord: {text}",
        "draft": "Kursets udkast: {text}",
        "step": "{n}. {text} ({phase})",
        "no_steps": "Alle fokuspunkter er på plads.",
        "attention": "{direction} ({who}): opmærksomhed {value} af 5",
        "names": "Nøgleinteressenter: {names}",
        "thin": "Tyndest nu: {names}.",
        "fixed": "Ligger fast: {names}.",
        "elastic": "Elastik: {names}.",
        "shared": "Partnerne er med til at bestemme: {names}.",
        "none": "ingen",
        "timeline_problem": "Tidsplanen kan ikke beregnes: {problems}",
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
        "date": "{d}. {month} {y}",
        "months": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
                   "november", "december"],
    },
    en={
        "title": "My co-creation plan",
        "project": "Project: {project}",
        "meta": "{name} · saved {saved} · course file {file}",
        "invented": "INVENTED EXAMPLE – the person and the answers are invented for training.",
        "missing": "Not answered yet – see notebook {nb}.",
        "type_missing": "Type in the course's typology: not answered (place the project on both axes in notebook "
        "01).",
        "demands_missing": "What it demands: not answered.",
        "readiness_missing": "{number}. {phase}: not answered",
        "steps_missing": "{n} focus points are not answered.",
        "attention_missing": "{direction} ({who}): not answered",
        "fixed_missing": "Fixed or elastic, not answered: {names}.",
        "shared_missing": "The partners' influence, not answered: {names}.",
        "s_typology": "The project and its type",
        "s_gains": "Why co-create?",
        "s_phases": "Where the project stands",
        "s_directions": "Leading in four directions",
        "s_framing": "The pitch is marked out",
        "s_timeline": "The timeline – what I can say upward",
        "type": "Type in the course's typology: {type} – {description}",
        "balance": "Gains against demands: {g} against {d} on a scale from 0 to 5 – a reading to discuss, not a "
        "verdict.",
        "balance_none": "The gains are not weighed yet.",
        "heaviest": "What demands most: {names}.",
        "own": "Own gains: {names}.",
        "readiness": "{number}. {phase}: readiness {percent}%",
        "steps": "My next steps:",
        "own_steps": "My next steps, in my own words:",
        "own_step": "{text}",
        "suggested_steps": "The course's suggested next steps:",
        "own_motivation": "In my own words: {text}",
        "draft": "The course's draft: {text}",
        "step": "{n}. {text} ({phase})",
        "no_steps": "Every focus point is in place.",
        "attention": "{direction} ({who}): attention {value} of 5",
        "names": "Key stakeholders: {names}",
        "thin": "Thinnest now: {names}.",
        "fixed": "Fixed: {names}.",
        "elastic": "Elastic: {names}.",
        "shared": "The partners help decide: {names}.",
        "none": "none",
        "timeline_problem": "The timeline cannot be computed: {problems}",
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
        "date": "{d} {month} {y}",
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                   "November", "December"],
    },
)

EXAMPLE_WORD = {"da": "eksempel", "en": "example"}
NOTEBOOK = {"typology": "01", "gains": "02", "phases": "03", "directions": "04", "framing": "05", "timeline": "06"}


# ---------------------------------------------------------------------------------------------
# The plan as plain data: what the page, the Markdown and the preview all show
@dataclass
class Line:
    text: str  # plain text (not escaped)
    bar: float | None = None  # 0..1: drawn as a small bar beside the line on the page
    strong: bool = False


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
    t = TEXT[lang]
    return t["date"].format(d=day.day, month=t["months"][day.month - 1], y=day.year)


def _join(items: list[str], lang: str) -> str:
    items = [i for i in items if i]
    return join_names(items, lang) if items else TEXT[lang]["none"]


def _plain(text: str, max_chars: int = NAME_CHARS) -> str:
    """Typed text for the page: trimmed, shortened, not escaped (each output escapes for itself)."""
    return html.unescape(user_text(text, max_chars))


def build_plan(loaded: LoadedAnswers, course: Course, steps: int = DEFAULT_STEPS) -> Plan:
    """One participant's answers, restored with `course`, as the sections of the handout."""
    t = TEXT[course.language]
    lang = course.language
    models = loaded.models
    sections: list[PlanSection] = []

    def section(key: str) -> PlanSection:
        s = PlanSection(key, t[f"s_{key}"])
        sections.append(s)
        if key not in models or not any_answered(models[key]):  # not saved, or saved untouched
            s.missing = True
            s.lines.append(Line(t["missing"].format(nb=NOTEBOOK[key])))
        return s

    project = ""
    for key in ("typology", "timeline"):
        if key in models and getattr(models[key], "project", "") and is_answered(models[key], "project"):
            project = _plain(models[key].project, 90)
            break

    s = section("typology")
    if not s.missing:
        if models["typology"].placed():
            kind = models["typology"].type_of(course)
            s.lines.append(Line(t["type"].format(type=kind.name, description=kind.description)))
        else:
            s.lines.append(Line(t["type_missing"]))

    s = section("gains")
    if not s.missing:
        from samskabelse.sections.gains import motivation_statement, read_balance, top_demands

        g = models["gains"]
        if g.motivation and is_answered(g, "motivation"):  # the manager's own words first, the course's draft next
            s.lines.append(Line(t["own_motivation"].format(text=" ".join(g.motivation.split("\n"))), strong=True))
            s.lines.append(Line(t["draft"].format(text=motivation_statement(g, course))))
        else:
            s.lines.append(Line(motivation_statement(g, course), strong=True))
        balance = read_balance(g, course)
        if balance.gains is None:
            s.lines.append(Line(t["balance_none"]))
        else:
            fmt = (lambda v: f"{v:.1f}".replace(".", ",")) if lang == "da" else (lambda v: f"{v:.1f}")
            s.lines.append(Line(t["balance"].format(g=fmt(balance.gains), d=fmt(balance.demands))))
        heavy = top_demands(g, course)
        if not any(g.demand(d.id) is not None for d in course.demands):
            s.lines.append(Line(t["demands_missing"]))
        elif heavy:
            s.lines.append(Line(t["heaviest"].format(names=_join([f"{n} ({v})" for n, v in heavy], lang))))
        if g.own:
            s.lines.append(Line(t["own"].format(names=_join([_plain(o.name, 40) for o in g.own], lang))))

    s = section("phases")
    if not s.missing:
        ph = models["phases"]
        readiness = ph.answered_readiness(course)
        for p in course.phases:
            if readiness[p.id] is None:
                s.lines.append(Line(t["readiness_missing"].format(number=p.number, phase=p.name)))
                continue
            s.lines.append(Line(t["readiness"].format(number=p.number, phase=p.name, percent=round(readiness[p.id])),
                                bar=readiness[p.id] / 100))
        own_steps = ph.own_steps if is_answered(ph, "own_steps") else []
        if own_steps:  # the manager's own next steps, then the course's suggestion
            s.lines.append(Line(t["own_steps"], strong=True))
            s.lines += [Line(t["own_step"].format(text=step)) for step in own_steps]
        chosen = ph.next_steps(course, steps, answered_only=True)
        unmarked = sum(ph.answered_status(p.id, f.id) is None for p in course.phases for f in p.focus_points)
        if chosen:
            s.lines.append(Line(t["suggested_steps"] if own_steps else t["steps"], strong=True))
        elif not unmarked:  # every focus point marked, and every one in place
            s.lines.append(Line(t["no_steps"], strong=True))
        for i, step in enumerate(chosen, 1):
            s.lines.append(Line(t["step"].format(n=i, text=step.focus_point.text, phase=step.phase.name)))
        if unmarked:
            s.lines.append(Line(t["steps_missing"].format(n=unmarked)))

    s = section("directions")
    if not s.missing:
        from samskabelse.sections.directions import ATTENTION_MAX
        from samskabelse.sections.directions import TEXT as DIRECTIONS_TEXT

        d = models["directions"]
        for direction in course.directions:
            value = d.answered_attention(direction.id)
            if value is None:
                s.lines.append(Line(t["attention_missing"].format(direction=direction.name, who=direction.who)))
            else:
                s.lines.append(Line(t["attention"].format(direction=direction.name, who=direction.who, value=value),
                                    bar=value / ATTENTION_MAX))
            names = [_plain(n, 40) for n in d.stakeholders.get(direction.id, [])]
            if names:
                s.lines.append(Line("    " + t["names"].format(names=", ".join(names))))
        thin = d.thin(answered_only=True)
        if thin:
            where = DIRECTIONS_TEXT[lang]["where"]
            s.lines.append(Line(t["thin"].format(names=_join([where.get(x, x) for x in thin], lang)), strong=True))

    s = section("framing")
    if not s.missing:
        f = models["framing"]
        name = {e.id: e.name for e in course.framing.frame_elements}
        answered = {e: f.answer("fixed", e) for e in f.fixed}
        s.lines.append(Line(t["fixed"].format(names=_join([name[e] for e, v in answered.items() if v], lang))))
        s.lines.append(Line(t["elastic"].format(names=_join([name[e] for e, v in answered.items() if v is False],
                                                            lang))))
        if None in answered.values():
            s.lines.append(Line(t["fixed_missing"].format(
                names=_join([name[e] for e, v in answered.items() if v is None], lang))))
        s.lines.append(Line(t["shared"].format(names=_join([name[e] for e in f.elements_shared(answered_only=True)],
                                                           lang))))
        untouched = [name[e] for e in f.fixed if f.answer("influence", e) is None]
        if untouched:
            s.lines.append(Line(t["shared_missing"].format(names=_join(untouched, lang))))

    s = section("timeline")
    if not s.missing:
        from samskabelse.sections.timeline import forecast, upward_sentence

        plan = models["timeline"]
        problems = plan.problems(course)
        if problems:
            s.lines.append(Line(t["timeline_problem"].format(problems=html.unescape(" ".join(problems)))))
        else:
            s.lines.append(Line(upward_sentence(forecast(plan, lang), course), strong=True))

    name = _plain(loaded.name, NAME_CHARS) or "?"
    return Plan(
        lang=lang, name=name, title=t["title"], project=t["project"].format(project=project) if project else "",
        meta=t["meta"].format(name=name, saved=_date(loaded.saved, lang), file=_plain(loaded.course_file, 80)),
        invented=loaded.invented, sections=sections, footer=t["footer"],
        notes=[html.unescape(re.sub(r"<[^>]+>", "", n)) for n in loaded.notes], stem=plan_stem(loaded, lang),
    )


def plan_stem(loaded: LoadedAnswers, lang: str, folder: str | Path | None = None) -> str:
    """The stem of a participant's exported plan, never another person's.

    It is their answers file's stem, which is theirs alone in its folder (mette.json -> "mette", a second
    Mette's mette-2.json -> "mette-2"); a file from another folder than the answers folder here adds that
    folder ("anna-exercises-da"), since two folders may each hold an anna.json; the invented example team's
    files start with "eksempel"/"example". Other exports of a plan (Word) use the same stem.
    """
    stem = safe_stem(loaded.path.stem, "deltager", 60)
    where = loaded.path.parent
    try:
        if is_example_team(where):
            return safe_stem(f"{EXAMPLE_WORD[lang]}-{stem}", "deltager", 80)
        if where.resolve() == answers_folder(folder).resolve():
            return stem
        tag = where.resolve().relative_to(REPO_ROOT.resolve()).as_posix()
    except (OSError, ValueError):  # outside the repository: the folder's name and a short hash of its path
        tag = f"{where.name}-{hashlib.sha256(str(where).encode()).hexdigest()[:6]}"
    tag = re.sub(r"(^|/)answers$", "", tag)
    return safe_stem(f"{stem}-{tag}" if tag else stem, "deltager", 100)


# ---------------------------------------------------------------------------------------------
# Markdown and HTML
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>])")


def _md(text: str) -> str:
    """Plain text made inert in Markdown: no emphasis, links, headings or raw HTML from typed text."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def plan_markdown(plan: Plan) -> str:
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
        y -= (size + 2.5) * 1.45 / 72
        lines = s.lines
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
    stem = f"{plan.stem or safe_stem(plan.name, 'deltager')}-plan"
    pdf, md = folder / f"{stem}.pdf", folder / f"{stem}.md"
    page = draw_page(plan)
    page.figure.savefig(pdf, format="pdf", metadata={"Title": plan.title, "Creator": "samskabelse"})
    md.write_text(plan_markdown(plan), encoding="utf-8")
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
    return any(here.is_relative_to((REPO_ROOT / part).resolve()) for part in ("notebooks", "exercises"))


def answer_folders(course: Course, folder: str | Path | None = None) -> list[Path]:
    """Where a participant's answers may be: the answers folder here, and those beside the notebooks and the
    workbooks of the course's language (a participant may have saved in either)."""
    candidates = [answers_folder(folder)]
    if folder is None and _in_course_folders():
        lang = course.language
        candidates += [REPO_ROOT / "notebooks" / lang / "answers", REPO_ROOT / "exercises" / lang / "answers"]
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


def answer_files(course: Course, folder: str | Path | None = None) -> list[tuple[str, Path]]:
    """(label, path) for the participant's own files first (newest first), then the invented example team.

    A label is the person's name, as the team sees it (two people of the same name told apart, see
    answers.display_labels), with the folder when it is not the answers folder here; a file that cannot be
    read is listed by its file name, so that choosing it says what is wrong with it.
    """
    t = TEXT[course.language]
    own = []
    for base in answer_folders(course, folder):
        own += [p for p in base.glob("*.json") if not p.name.startswith(".")]

    def newest(p: Path) -> float:
        try:
            return -p.stat().st_mtime
        except OSError:
            return 0.0

    own.sort(key=newest)
    here = answers_folder(folder).resolve() if answers_folder(folder).is_dir() else None
    people, unreadable = [], {}
    for p in own:
        try:
            name = read_answers_file(p, course.language)["name"]
        except Exception:
            unreadable[p] = True
            name = p.name
        people.append(LoadedAnswers(path=p, name=name, saved="", language=course.language, course_id="",
                                    course_file="", invented=False, answers={}))
    labels = display_labels([m for m in people if m.path not in unreadable])
    out = []
    for m in people:
        label = m.path.name if m.path in unreadable else labels[m]
        if m.path.parent.resolve() != here:
            where = m.path.parent
            try:
                where = m.path.parent.resolve().relative_to(REPO_ROOT)
            except ValueError:
                pass
            label = f"{label} · {where.as_posix()}"
        out.append((label, m.path))
    for p in sorted(example_team(course.language).glob("*.json")):
        try:
            name = read_answers_file(p, course.language)["name"]
        except Exception:
            name = p.stem.capitalize()
        out.append((t["example_label"].format(name=" ".join(name.split())), p))
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _file_label(path: Path, course: Course) -> str:
    """How a file given to your_plan is listed: the person's name, as in answer_files (a file that cannot be read:
    its file name, so that choosing it says what is wrong with it)."""
    try:
        name = " ".join(str(read_answers_file(path, course.language)["name"]).split())
    except Exception:
        return path.name
    if is_example_team(path.parent):
        return TEXT[course.language]["example_label"].format(name=name)
    return name or path.name


class PlanWidget:
    """Choose an answers file; see the plan; save it as a one-page PDF and a Markdown file."""

    def __init__(self, course: Course, file: str | Path | None = None, *, folder: str | Path | None = None,
                 exports: str | Path | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = TEXT[course.language]
        self.exports = exports
        self.files = answer_files(course, folder)
        if file is not None:
            path = Path(file)
            if not path.exists() and (REPO_ROOT / path).exists():
                path = REPO_ROOT / path
            listed = [(label, p) for label, p in self.files if _same_file(p, path)]  # keep its label ("Mette (2)")
            self.files = [(label, p) for label, p in self.files if not _same_file(p, path)]
            self.files.insert(0, (listed[0][0], path) if listed else (_file_label(path, course), path))
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
        from samskabelse.sections.timeline.export import download_link

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
