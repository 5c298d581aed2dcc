"""How wide a text is in the kit's fonts, so that the kit lays a slide or a table out before PowerPoint,
LibreOffice or Typst does.

    width = text_width("Ahmed", 20, bold=True)        # points, in the slides' Arial
    width = text_width("Ahmed", 11, font=DEJAVU)      # points, in the PDFs' DejaVu Sans (typeset.py)
    lines = wrap("En lang tekst ...", 300, 20)        # lines that each fit 300 points, broken at spaces only

The slides are set in Arial (slides.py). Arial has the character widths of Helvetica, by design, and LibreOffice
shows Arial with Liberation Sans, which has them too. Helvetica's widths ship with matplotlib (a course
dependency) as Adobe font metrics, so they are here wherever the kit is built, and read with fontTools (a
matplotlib dependency). A character Helvetica lacks is counted as one em wide: wider than almost any glyph, so
that a guess errs towards room to spare. The PDFs are set in DejaVu Sans from matplotlib's own font folder
(typeset.py): its widths are read from the same font files with matplotlib's FreeType binding.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LINE_HEIGHT = 1.2  # a line of text, in ems: what PowerPoint and LibreOffice set for Arial at single spacing
UNKNOWN = 1000  # a character Helvetica does not have, in 1/1000 em
ARIAL, DEJAVU = "Arial", "DejaVu Sans"


@cache
def _dejavu(bold: bool):
    import matplotlib
    from matplotlib.ft2font import FT2Font

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return FT2Font(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name))


@cache
def _dejavu_width(char: str, bold: bool) -> float:
    """A character's advance in DejaVu Sans, in 1/1000 em."""
    from matplotlib.ft2font import LoadFlags

    font = _dejavu(bold)
    if not font.get_char_index(ord(char)):
        return UNKNOWN
    glyph = font.load_char(ord(char), flags=LoadFlags.NO_SCALE)
    return glyph.horiAdvance * 1000 / font.units_per_EM


@cache
def _widths(bold: bool) -> dict[str, int]:
    import matplotlib
    from fontTools.afmLib import AFM
    from fontTools.agl import toUnicode

    name = "Helvetica-Bold.afm" if bold else "Helvetica.afm"
    afm = AFM(str(Path(matplotlib.get_data_path()) / "fonts" / "pdfcorefonts" / name))
    out: dict[str, int] = {}
    for glyph in afm.chars():
        char = toUnicode(glyph)
        if len(char) == 1:
            out[char] = afm[glyph][1]
    out.setdefault("\u00a0", out.get(" ", 278))  # a no-break space is a space
    return out


def text_width(text: str, size: float, bold: bool = False, font: str = ARIAL) -> float:
    """The width of `text` on one line at `size` points, in points."""
    if font == DEJAVU:
        return sum(_dejavu_width(ch, bold) for ch in text) * size / 1000
    widths = _widths(bold)
    return sum(widths.get(ch, UNKNOWN) for ch in text) * size / 1000


def longest_word(text: str, size: float, bold: bool = False, font: str = ARIAL) -> float:
    """The width of the widest word: a box narrower than this would break a word inside it."""
    return max((text_width(w, size, bold, font) for w in text.split()), default=0.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` in lines that each fit `width` points, broken at spaces as PowerPoint breaks them (a line break in
    the text starts a new line). A single word wider than the box is broken where it must (after as many
    characters as fit): the layout avoids that by making boxes at least as wide as their longest word."""
    out: list[str] = []
    space = text_width(" ", size, bold)
    for paragraph in str(text).split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            w = text_width(word, size, bold)
            if line and used + space + w <= width:
                line, used = f"{line} {word}", used + space + w
                continue
            if line:
                out.append(line)
            while w > width and len(word) > 1:  # only a word wider than the whole box
                cut = max(1, max(k for k in range(1, len(word) + 1)
                                 if text_width(word[:k], size, bold) <= width or k == 1))
                out.append(word[:cut])
                word = word[cut:]
                w = text_width(word, size, bold)
            line, used = word, w
        out.append(line)
    return out


def lines_needed(text: str, width: float, size: float, bold: bool = False) -> int:
    return len(wrap(text, width, size, bold))


def runs_lines(runs: list[tuple[str, bool]], width: float, size: float) -> int:
    """Lines for one paragraph made of runs (text, bold), as a bold head followed by its text."""
    words: list[tuple[str, bool]] = []
    for text, bold in runs:
        words += [(w, bold) for w in text.split()]
    lines, used = 1, 0.0
    for word, bold in words:
        w = text_width(word, size, bold)
        space = text_width(" ", size, bold)
        if used and used + space + w > width:
            lines += 1
            used = w
            while used > width:  # a word wider than the box
                lines += 1
                used -= width
        else:
            used = used + space + w if used else w
    return lines


# ---------------------------------------------------------------------------------------------
# Tables: columns as wide as their content, never narrower than their longest word
def column_needs(rows: list[list[str]], size: float, pad: float, font: str = ARIAL,
                 bold=lambda r, c: r == 0) -> tuple[list[float], list[float]]:
    """Per column, in points with `pad` (a cell's margins) added: the least width (its longest word) and the
    width at which none of its cells wraps (its longest line)."""
    least, natural = [], []
    for c in range(len(rows[0])):
        cells = [(r, row[c]) for r, row in enumerate(rows)]
        least.append(max(longest_word(x, size, bold(r, c), font) for r, x in cells) + pad)
        natural.append(max(max((text_width(line, size, bold(r, c), font) for line in x.split("\n")), default=0)
                           for r, x in cells) + pad)
    return least, natural


def column_widths(rows: list[list[str]], width: float, size: float, pad: float, font: str = ARIAL,
                  bold=lambda r, c: r == 0) -> list[float] | None:
    """Points per column: as wide as the content when the table fits `width` unwrapped; else each column at least
    as wide as its longest word, and the rest of the width shared by how much more each column's text needs
    (as a web browser lays out a table). None when even the longest words do not fit side by side."""
    least, natural = column_needs(rows, size, pad, font, bold)
    if sum(natural) <= width:
        return natural
    if sum(least) > width:
        return None
    extra = [n - m for n, m in zip(natural, least, strict=True)]
    spare = width - sum(least)
    return [m + spare * e / (sum(extra) or 1) for m, e in zip(least, extra, strict=True)]


def column_groups(rows: list[list[str]], keys: int, width: float, size: float, pad: float, font: str = ARIAL,
                  bold=lambda r, c: r == 0) -> list[list[int]] | None:
    """The columns in groups that each fit `width` beside the first `keys` columns (which every group repeats:
    they name the row); all in one group when they fit. None when a column does not fit even beside the keys."""
    n = len(rows[0])
    keys = max(0, min(keys, n - 1))
    least, _ = column_needs(rows, size, pad, font, bold)
    if sum(least) <= width:
        return [list(range(n))]
    room = width - sum(least[:keys])
    groups: list[list[int]] = [[]]
    used = 0.0
    for c in range(keys, n):
        if least[c] > room:
            return None
        if groups[-1] and used + least[c] > room:
            groups.append([])
            used = 0.0
        groups[-1].append(c)
        used += least[c]
    return [list(range(keys)) + g for g in groups]
