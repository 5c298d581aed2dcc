"""Typesetting with Typst: a template in templates/ plus plain data in, a PDF out.

    pdf = typeset("worksheet.typ", data)          # bytes of a PDF; data is JSON-safe (dicts, lists, str, numbers)
    pages = page_count(pdf)

Why Typst: a real typesetting engine (line breaking, Danish hyphenation with `lang: "da"`, tables, tagged PDF)
that ships as one Python wheel and compiles offline in milliseconds, with no TeX installation.

The data reaches the template as JSON through `sys.inputs`, never spliced into markup: a participant's or a
facilitator's text is shown as text, whatever characters it holds (no escaping to get wrong).

Fonts: the kit must look the same wherever it is built (a laptop, Binder, CI), so system fonts are ignored.
The body font is DejaVu Sans from matplotlib's own font folder (matplotlib is a course dependency, so the font
is there wherever the course runs; it covers æ, ø, å and more), and Typst's embedded fonts are the fallback.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from samskabelse.base.files import safe_texts

TEMPLATES = Path(__file__).resolve().parent / "templates"
BODY_FONT = "DejaVu Sans"


class TypesetError(RuntimeError):
    """Typst could not compile a document (a bug in a template, not in the user's data)."""


@cache
def font_paths() -> tuple[str, ...]:
    import matplotlib

    return (str(Path(matplotlib.get_data_path()) / "fonts" / "ttf"),)


def typeset(template: str, data: dict, files: dict[str, bytes] | None = None) -> bytes:
    """Compile templates/<template> with `data` (available in the template as `sys.inputs.data`, JSON).

    `files`: e.g. {"figure.svg": b"..."}, placed beside the template for it to read (a figure to show)."""
    import shutil
    import tempfile

    import typst

    inputs = {"data": json.dumps(safe_texts(data), ensure_ascii=False)}  # what a PDF can show (base.files)
    with tempfile.TemporaryDirectory(prefix="samskabelse-typst-") as tmp:
        root = TEMPLATES
        if files:
            root = Path(tmp)
            for t in TEMPLATES.glob("*.typ"):
                shutil.copy(t, root / t.name)
            for name, content in files.items():
                (root / Path(name).name).write_bytes(content)
        try:
            return typst.compile(str(root / template), root=str(root), font_paths=list(font_paths()),
                                 ignore_system_fonts=True, sys_inputs=inputs)
        except RuntimeError as exc:  # typst raises RuntimeError (TypstError) with the compiler's message
            raise TypesetError(f"{template}: {exc}") from exc


def page_count(pdf: bytes) -> int:
    """Pages in a PDF that Typst wrote (counts the page objects; no PDF reader needed at run time)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
