"""The facilitator guides (exercises/<lang>/*.md) as printable A4 PDFs, typeset with Typst.

    paths = write_guides("da", "build/kit/da/vejledninger")    # one PDF per guide, the programme first

The guides are Markdown written by people; this reads the part of Markdown they use (headings, paragraphs,
bulleted, numbered and check lists, pipe tables, bold, italics, code and links) into plain blocks, and the
template (templates/guide.typ) sets them. Text is passed as data, never as markup, as everywhere in the kit.
"""

from __future__ import annotations

import re
from pathlib import Path

from samskabelse.base.home import course_path
from samskabelse.base.i18n import Texts
from samskabelse.kit.typeset import typeset

EXERCISES = course_path("exercises")
WORKSHOP = {"da": "workshop-halv-dag.md", "en": "half-day-workshop.md"}

TEXT = Texts(
    da={"footer": "Facilitatorvejledning · Ledelse af samskabelse · bygger på Væksthus for Ledelse (2019)"},
    en={"footer": "Facilitator guide · Ledelse af samskabelse (leading co-creation) · built on Væksthus for "
                  "Ledelse (2019)"},
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
    """The programme first, then the exercise guides in order."""
    folder = EXERCISES / lang
    return [folder / WORKSHOP[lang], *sorted(folder.glob("[0-9]-*.md"))]


def guide_pdf(path: Path, lang: str) -> bytes:
    markdown = path.read_text(encoding="utf-8")
    title = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), path.stem)
    return typeset("guide.typ", {"lang": lang, "title": title, "footer": TEXT[lang]["footer"],
                                 "blocks": parse(markdown)})


def write_guides(lang: str, folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for md in guide_files(lang):
        path = folder / f"{md.stem}.pdf"
        path.write_bytes(guide_pdf(md, lang))
        out.append(path)
    return out
