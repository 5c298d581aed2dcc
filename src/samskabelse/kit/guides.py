"""The facilitator guides (exercises/<lang>/*.md) as printable A4 PDFs, typeset with Typst.

    paths = write_guides(course, "build/kit/da/vejledninger")   # one PDF per guide, the programmes first

The guides are Markdown written by people; this reads the part of Markdown they use (headings, paragraphs,
bulleted, numbered and check lists, pipe tables, bold, italics, code and links) into plain blocks, and the
template (templates/guide.typ) sets them. Text is passed as data, never as markup, as everywhere in the kit.

The guides are written for the shipped course file; the printed guides follow the course file in use (adapt()):
a list of the shipped gains (or phases, directions, demands, frame elements) in the text becomes the course
file's own, the slide numbers in the programme follow the deck as this course file makes it (a long list of
gains can take more than one slide), a link to another guide names its PDF in the kit, and for an adapted course
file each exercise's guide begins with what that file asks in the exercise.
"""

from __future__ import annotations

import re
from pathlib import Path

from samskabelse.base.home import course_path
from samskabelse.base.i18n import Texts
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

_INLINE = re.compile(r"\*\*(?P<b>.+?)\*\*|\*(?P<i>[^*\s][^*]*?)\*|`(?P<c>[^`]+)`|\[(?P<l>[^\]]+)\]\((?P<u>[^)]+)\)")


def inline(text: str) -> list[dict]:
    """Runs of text with their emphasis: [{"t": "...", "b": bool, "i": bool, "c": bool}]."""
    runs, pos = [], 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            runs.append({"t": text[pos:m.start()]})
        if m["b"] is not None:
            runs += [{**r, "b": True} for r in inline(m["b"])]
        elif m["i"] is not None:
            runs += [{**r, "i": True} for r in inline(m["i"])]
        elif m["c"] is not None:
            runs.append({"t": m["c"], "c": True})
        else:  # a link: its text (the file it names is in the same folder of the kit or the repository)
            runs += inline(m["l"])
        pos = m.end()
    if pos < len(text):
        runs.append({"t": text[pos:]})
    return runs


def parse(markdown: str) -> list[dict]:
    """Blocks: heading (level, runs), para (runs), list (ordered, items: runs, checkbox), table (rows of runs)."""
    blocks: list[dict] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if line.startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            blocks.append({"kind": "code", "text": "\n".join(lines[i + 1:j])})
            i = j + 1
            continue
        if m := re.match(r"^(#{1,4})\s+(.*)$", line):
            blocks.append({"kind": "heading", "level": len(m[1]), "runs": inline(m[2])})
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append([inline(c) for c in cells])
                i += 1
            blocks.append({"kind": "table", "rows": rows})
            continue
        if m := re.match(r"^(\s*)([-*]|\d+\.)\s+(.*)$", line):
            ordered = m[2][0].isdigit()
            items = []
            while i < len(lines) and (m := re.match(r"^(\s*)([-*]|\d+\.)\s+(.*)$", lines[i])):
                text = m[3]
                i += 1
                while i < len(lines) and lines[i].startswith("  ") and lines[i].strip() and \
                        not re.match(r"^\s*([-*]|\d+\.)\s+", lines[i]):
                    text += " " + lines[i].strip()
                    i += 1
                box = re.match(r"^\[( |x)\]\s+(.*)$", text)
                items.append({"runs": inline(box[2] if box else text), "box": bool(box)})
            blocks.append({"kind": "list", "ordered": ordered, "items": items})
            continue
        text = line.strip()
        i += 1
        while i < len(lines) and lines[i].strip() and not re.match(r"^(#|\||\s*([-*]|\d+\.)\s|```)", lines[i]):
            text += " " + lines[i].strip()
            i += 1
        quote = text.startswith(">")
        blocks.append({"kind": "para", "runs": inline(text.lstrip("> ").strip()), "quote": quote})
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
    last = " og " if course.language == "da" else " and "

    def rewrite(m: re.Match, new: list[str]) -> str:
        shown = [_as_written(n, m.group(0)[:1].islower()) for n in new]
        goes_on = re.match(r",?\s+(eller|or)\b", m.string[m.end():])
        if len(shown) == 1 or goes_on:
            return ", ".join(shown)
        return ", ".join(shown[:-1]) + last + shown[-1]

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


def _pdf_links(markdown: str, lang: str) -> str:
    """A link to another guide names that guide's PDF in the kit ("[2-faser-og-fokus.md](...)" is printed as
    2-faser-og-fokus.pdf); a link with words of its own keeps them."""
    guides = {p.name for p in guide_files(lang)}

    def rewrite(m: re.Match) -> str:
        text, target = m[1], m[2]
        if target in guides and text == target:
            return f"[{target[:-3]}.pdf]({target[:-3]}.pdf)"
        return m.group(0)

    return re.sub(r"\[([^\]]+)\]\(([^)]+)\)", rewrite, markdown)


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
    markdown = _pdf_links(markdown, lang)
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
    title = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), path.stem)
    blocks = parse(markdown)
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
