"""The facilitator guides (exercises/<lang>/*.md) as printable A4 PDFs, typeset with Typst.

    paths = write_guides(course, "build/kit/da/vejledninger")   # one PDF per guide, the programmes first

The guides are Markdown written by people; mistune reads them (CommonMark, with GitHub's pipe tables and task
lists) and parse() turns what they use (headings, paragraphs, quotes, bulleted, numbered and check lists, tables,
code, bold, italics and links) into plain blocks, which the template (templates/guide.typ) sets. Text is passed as
data, never as markup, as everywhere in the kit.

The guides are written for the shipped course file; the printed guides follow the course file in use (adapt()):
a list of the shipped gains (or phases, directions, demands, frame elements) in the text becomes the course
file's own, the slide numbers in the programme follow the deck as this course file makes it (a long list of
gains can take more than one slide), a link to another guide names its PDF in the kit (pdf_names), and for an
adapted course file each exercise's guide begins with what that file asks in the exercise.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from samskabelse.base.home import course_path
from samskabelse.base.i18n import Texts, join_names
from samskabelse.kit.typeset import typeset

EXERCISES = course_path("exercises")
WORKSHOP = {"da": "workshop-halv-dag.md", "en": "half-day-workshop.md"}
FULL_DAY = {"da": "workshop-hel-dag.md", "en": "full-day-workshop.md"}

TEXT = Texts(
    da={"footer": "Facilitatorvejledning · Ledelse af samskabelse · bygger på Væksthus for Ledelse (2019)",
        "slide": ("dias", "dias"),
        "own_title": "I jeres kursusfil ({file})",
        "own_intro": "Vejledningen er skrevet til kursets egen fil; her er det, jeres fil spørger om i øvelsen:",
        "gains": "Gevinster", "demands": "Krav", "phases": "Faser", "focus": "{n} fokuspunkter",
        "directions": "Retninger", "frames": "Rammeelementer", "deadlines": "Faste frister"},
    en={"footer": "Facilitator guide · Ledelse af samskabelse (leading co-creation) · built on Væksthus for "
                  "Ledelse (2019)",
        "slide": ("slide", "slides"),
        "own_title": "In your course file ({file})",
        "own_intro": "The guide is written for the course's own file; this is what your file asks in the exercise:",
        "gains": "Gains", "demands": "Demands", "phases": "Phases", "focus": "{n} focus points",
        "directions": "Directions", "frames": "Frame elements", "deadlines": "Fixed deadlines"},
)

FLAGS = {"strong": "b", "emphasis": "i"}  # the Markdown marks the guides use, as the template's run flags


@functools.cache
def _markdown():
    """mistune's CommonMark parser, giving its syntax tree (no HTML), with GitHub's tables and task lists."""
    import mistune

    return mistune.create_markdown(renderer=None, plugins=["table", "task_lists"])


def _runs(tokens: list[dict], flags: dict | None = None, links: dict[str, str] | None = None) -> list[dict]:
    """Runs of text with their emphasis, [{"t": "...", "b": bool, "i": bool, "c": bool}], from inline tokens; a
    link whose words are its address, and the address one of `links`, is printed as links[address]."""
    flags, links = flags or {}, links or {}
    runs: list[dict] = []
    for tok in tokens:
        kind = tok["type"]
        if kind in FLAGS:
            runs += _runs(tok["children"], {**flags, FLAGS[kind]: True}, links)
        elif kind == "link" and tok["attrs"]["url"] in links and \
                "".join(r["t"] for r in _runs(tok["children"])) == tok["attrs"]["url"]:
            runs.append({"t": links[tok["attrs"]["url"]], **flags})
        elif kind == "codespan":
            runs.append({"t": tok["raw"], **flags, "c": True})
        elif kind in ("softbreak", "linebreak"):
            runs.append({"t": " ", **flags})
        elif "children" in tok:  # a link or an image: its words (the file it names is in the same folder of the kit)
            runs += _runs(tok["children"], flags, links)
        else:  # text, inline HTML: as written
            runs.append({"t": tok.get("raw", ""), **flags})
    return _merged(runs)


def _merged(runs: list[dict]) -> list[dict]:
    """One run per stretch of the same emphasis, none empty."""
    merged: list[dict] = []
    for run in runs:
        if run["t"] and merged and {**merged[-1], "t": ""} == {**run, "t": ""}:
            merged[-1] = {**merged[-1], "t": merged[-1]["t"] + run["t"]}
        elif run["t"]:
            merged.append(run)
    return merged


def inline(text: str) -> list[dict]:
    """One line of Markdown as runs of text with their emphasis (bold, italic, code; a link as its words)."""
    tokens = _markdown()(text)
    return _runs(tokens[0].get("children", [])) if tokens else []


def _text_of(blocks: list[dict], links: dict[str, str]) -> list[dict]:
    """The runs of a list item's own text blocks, one space between them."""
    runs: list[dict] = []
    for tok in blocks:
        if tok["type"] in ("block_text", "paragraph"):
            runs += ([{"t": " "}] if runs else []) + _runs(tok["children"], links=links)
    return _merged(runs)


def _items(tok: dict, links: dict[str, str]) -> list[dict]:
    """A list's items, with a nested list's items after their parent's (the guides' lists are printed flat)."""
    items = []
    for item in tok["children"]:
        items.append({"runs": _text_of(item["children"], links), "box": item["type"] == "task_list_item"})
        for child in item["children"]:
            if child["type"] == "list":
                items += _items(child, links)
    return items


def parse(markdown: str, links: dict[str, str] | None = None) -> list[dict]:
    """Blocks: heading (level, runs), para (runs, quote), list (ordered, items: runs, box), table (rows of runs),
    code (text), read by mistune. `links`: {address: words} for links printed as other words (a guide's PDF)."""
    links = links or {}

    def cells(row: dict) -> list[list[dict]]:
        return [_runs(cell["children"], links=links) for cell in row["children"]]

    blocks: list[dict] = []
    for tok in _markdown()(markdown):
        kind = tok["type"]
        if kind == "heading":
            blocks.append({"kind": "heading", "level": tok["attrs"]["level"],
                           "runs": _runs(tok["children"], links=links)})
        elif kind == "paragraph":
            blocks.append({"kind": "para", "runs": _runs(tok["children"], links=links), "quote": False})
        elif kind == "block_quote":
            blocks += [{"kind": "para", "runs": _runs(p["children"], links=links), "quote": True}
                       for p in tok["children"] if p["type"] == "paragraph"]
        elif kind == "list":
            blocks.append({"kind": "list", "ordered": tok["attrs"]["ordered"], "items": _items(tok, links)})
        elif kind == "table":
            rows = []
            for part in tok["children"]:  # table_head (one row of cells), table_body (rows)
                rows += [cells(part)] if part["type"] == "table_head" else [cells(r) for r in part["children"]]
            blocks.append({"kind": "table", "rows": rows})
        elif kind == "block_code":
            blocks.append({"kind": "code", "text": tok["raw"].rstrip("\n")})
    return blocks


def guide_files(lang: str) -> list[Path]:
    """The programmes first (half a day, a whole day), then the exercise guides in order."""
    folder = EXERCISES / lang
    return [folder / WORKSHOP[lang], folder / FULL_DAY[lang], *sorted(folder.glob("[0-9]-*.md"))]


# ---------------------------------------------------------------------------------------------
# The guides follow the course file in use
def _names_pattern(names: list[str]) -> re.Pattern | None:
    """A run of all these names in order, as a sentence lists them ("a, b, c og d", "a, b, or c")."""
    if len(names) < 2:
        return None
    sep = r"(?:,\s+(?:og\s+|and\s+|eller\s+|or\s+)?|\s+(?:og|and|eller|or)\s+)"
    return re.compile(r"\b" + sep.join(re.escape(n) for n in names) + r"\b", re.IGNORECASE)


def _as_written(name: str, lowercase: bool) -> str:
    if lowercase and name[:1].isupper() and name[1:2].islower():
        return name[:1].lower() + name[1:]
    return name


def _lists(course) -> dict[str, list[str]]:
    return {"gains": [g.name for g in course.gains], "demands": [d.name for d in course.demands],
            "phases": [p.name for p in course.phases], "directions": [d.name for d in course.directions],
            "frames": [e.name for e in course.framing.frame_elements]}


def _replace_lists(text: str, shipped, course) -> str:
    """Each list of the shipped course's names in the text, as the course file in use names them (in lower case
    where the text wrote them so; "og"/"and" before the last, unless the sentence goes on with "eller ...")."""
    theirs = _lists(course)

    def rewrite(m: re.Match, new: list[str]) -> str:
        shown = [_as_written(n, m.group(0)[:1].islower()) for n in new]
        goes_on = re.match(r",?\s+(eller|or)\b", m.string[m.end():])
        return ", ".join(shown) if goes_on else join_names(shown, course.language)

    for key, names in _lists(shipped).items():
        pattern = _names_pattern(names)
        if pattern is not None and names != theirs[key]:
            text = pattern.sub(lambda m, new=theirs[key]: rewrite(m, new), text)
    return text


def _renumber_slides(text: str, lang: str, shipped: dict[int, str], numbers: dict[str, tuple[int, int]]) -> str:
    """"dias 3–4" as the deck made from the course file in use numbers those slots."""
    one, many = TEXT[lang]["slide"]

    def rewrite(m: re.Match) -> str:
        first, last = int(m["a"]), int(m["b"] or m["a"])
        if first not in shipped or last not in shipped:
            return m.group(0)
        a, b = numbers[shipped[first]][0], numbers[shipped[last]][1]
        word = one if a == b else many
        word = word[:1].upper() + word[1:] if m["w"][:1].isupper() else word
        return f"{word} {a}" if a == b else f"{word} {a}–{b}"

    return re.sub(r"\b(?P<w>[Dd]ias|[Ss]lides?) (?P<a>\d+)(?:–(?P<b>\d+))?", rewrite, text)


def pdf_names(lang: str) -> dict[str, str]:
    """A link to another guide names that guide's PDF in the kit: {"2-faser-og-fokus.md": "2-faser-og-fokus.pdf"}
    (parse's `links`; a link with words of its own keeps them)."""
    return {p.name: f"{p.stem}.pdf" for p in guide_files(lang)}


def _own_box(course, number: int) -> list[dict]:
    """For an adapted course file: what it asks in exercise `number`, as a labelled box at the top of its guide."""
    t = TEXT[course.language]
    join = ", ".join
    items = {
        1: [(t["gains"], join(g.name for g in course.gains)), (t["demands"], join(d.name for d in course.demands))],
        2: [(t["phases"], join(f"{p.number}. {p.name} ({t['focus'].format(n=len(p.focus_points))})"
                               for p in course.phases))],
        3: [(t["directions"], join(f"{d.name} ({d.who})" for d in course.directions))],
        4: [(t["frames"], join(e.name for e in course.framing.frame_elements)),
            (t["phases"], join(f"{p.number}. {p.name}" for p in course.phases))]
        + ([(t["deadlines"], join(d.name for d in course.timeline.deadlines))] if course.timeline.deadlines else []),
    }.get(number, [])
    if not items:
        return []
    return [{"kind": "own", "title": t["own_title"].format(file=course.path.name), "intro": t["own_intro"],
             "items": [{"head": h, "text": x} for h, x in items]}]


def adapt(markdown: str, course, path: Path | None = None) -> tuple[str, list[dict]]:
    """The guide's Markdown as the course file in use makes it, and the blocks to put first (an adapted file's
    own lists in an exercise's guide)."""
    from samskabelse.course import load_course
    from samskabelse.kit.slides import slide_numbers

    lang = course.language
    shipped = load_course(lang)
    shipped_slots = {n: slot for slot, (a, b) in slide_numbers(shipped).items() for n in range(a, b + 1)}
    markdown = _renumber_slides(markdown, lang, shipped_slots, slide_numbers(course))
    if course.is_default:
        return markdown, []
    markdown = _replace_lists(markdown, shipped, course)
    number = int(path.name[0]) if path is not None and path.name[:1].isdigit() else 0
    return markdown, _own_box(course, number)


def guide_pdf(path: Path, course_or_lang) -> bytes:
    """A guide as a PDF, adapted to the course (adapt()); given a language, to that language's shipped course."""
    from samskabelse.course import load_course

    course = load_course(course_or_lang) if isinstance(course_or_lang, str) else course_or_lang
    lang = course.language
    markdown, first = adapt(path.read_text(encoding="utf-8"), course, path)
    blocks = parse(markdown, pdf_names(lang))
    title = next(("".join(r["t"] for r in b["runs"]) for b in blocks if b["kind"] == "heading" and b["level"] == 1),
                 path.stem)
    at = next((i + 1 for i, b in enumerate(blocks) if b["kind"] == "heading" and b["level"] == 1), 0)
    if at < len(blocks) and blocks[at]["kind"] == "para":  # after the guide's italic opening paragraph
        at += 1
    blocks[at:at] = first
    return typeset("guide.typ", {"lang": lang, "title": title, "footer": TEXT[lang]["footer"], "blocks": blocks})


def write_guides(course_or_lang, folder: str | Path) -> list[Path]:
    """Every guide as a PDF in `folder`; given a Course (not just a language), adapted to its course file."""
    lang = course_or_lang if isinstance(course_or_lang, str) else course_or_lang.language
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for md in guide_files(lang):
        path = folder / f"{md.stem}.pdf"
        path.write_bytes(guide_pdf(md, course_or_lang))
        out.append(path)
    return out
