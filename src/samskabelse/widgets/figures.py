"""The look of every figure, and a figure that updates in place inside a widget.

Figures are made with matplotlib's object API (no pyplot state), drawn once, and re-rendered to PNG
into an ipywidgets.Image when the model changes: no figure is rebuilt per change.
"""

from __future__ import annotations

import functools
import math
import struct
import time
import warnings
import zlib
from collections.abc import Callable, Hashable
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

# Okabe & Ito's colour-blind-safe palette. Never rely on colour alone: label and hatch as well.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#7F7F7F",
}
SERIES = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "yellow", "black")]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "++", "--"]

# Sizes chosen to be readable on a projector from the back of a room.
STYLE = {
    "font.size": 13,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=SERIES),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "lines.linewidth": 2.5,
    # Text in a figure is what a participant typed or a facilitator wrote in the course file: a "$" in a
    # name is a dollar sign, never the start of a formula ("$5 or $10" would turn into italics, "$\\frac$"
    # would stop the figure).
    "text.parse_math": False,
}


def use_course_style() -> None:
    mpl.rcParams.update(STYLE)
    # A character the font lacks (an emoji, a rare script) is drawn as a box; a warning under the participant's
    # figure would say nothing they can act on.
    warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)


# JupyterLab's output area at a 1366-pixel laptop screen, with the file browser open, is 934 pixels wide; a figure
# inside a widget's box gets 930 of them, an image in an HTML output 914 (Voilà's are wider; measured with
# tests/browser/look.py and checked by the browser tests): a wider figure would be shrunk, and its 11-point text
# with it, below what a projector at the back of a room needs.
MAX_WIDTH = 9.0  # inches, at 100 dpi: 900 pixels
MIN_FONT = 11.0  # points


def figure_text(text: object, max_chars: int = 26) -> str:
    """Text someone typed, as one line shortened for a matplotlib label (figures never read `$` as mathtext: see
    STYLE)."""
    value = " ".join(str(text if text is not None else "").split())
    if len(value) > max_chars:
        value = value[: max_chars - 1].rstrip() + "…"
    return value


def new_figure(width: float = 8.0, height: float = 5.0) -> Figure:
    """A figure outside pyplot, so that nothing is displayed twice and nothing leaks between cells.

    The course style is applied globally first: matplotlib reads font sizes when each artist is made.
    """
    use_course_style()
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png_chunk(tag: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)


def rgb_png(rgba) -> bytes:
    """An RGBA pixel array (height x width x 4) as an RGB PNG: rows unfiltered, fastest compression.

    Written with numpy and zlib, about twice as fast as Pillow here (which tries five filters on every row),
    at nearly the same size; the PNG encoding is most of what a slider change costs."""
    rgba = np.asarray(rgba)
    height, width = rgba.shape[:2]
    raw = np.empty((height, width * 3 + 1), dtype=np.uint8)
    raw[:, 0] = 0  # each row starts with its filter type: 0, none
    rgb = raw[:, 1:].reshape(height, width, 3)
    for channel in range(3):  # one channel at a time: numpy copies these strides several times faster
        rgb[:, :, channel] = rgba[:, :, channel]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(raw, 1))
            + _png_chunk(b"IEND", b""))


def figure_png(fig: Figure) -> bytes:
    """The whole figure drawn on the Agg canvas, as PNG bytes at its own dpi."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return rgb_png(canvas.buffer_rgba())


_ADLER_BASE = 65521


def _adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """The Adler-32 of two byte strings joined, from theirs (zlib's adler32_combine, which Python lacks)."""
    rem = len2 % _ADLER_BASE
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % _ADLER_BASE
    sum1 = (sum1 + (adler2 & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    sum2 = (sum2 + (adler1 >> 16) + (adler2 >> 16) + _ADLER_BASE - rem) % _ADLER_BASE
    return sum1 | (sum2 << 16)


class BandedPNG:
    """A PNG encoder that recompresses only the bands of rows that changed since the previous frame.

    A slider change redraws a bar or a point; most of the image stays the same. Each band of BAND rows is
    deflated on its own (byte-aligned by a full flush, so the pieces can be joined into one valid zlib
    stream) and kept with its Adler-32; the next frame recompresses only the bands whose pixels differ.
    That halves the encoding time of a bar chart, which is most of what a change costs. Output: 8-bit RGB PNG.
    Use one encoder per figure: `BlitLiveFigure(..., encoder=BandedPNG().encode)`.
    """

    BAND = 16

    def __init__(self, level: int = 1):
        self.level = level
        self._previous = None  # the last frame's pixels (RGBA), to find the bands that changed
        self._bands: list[tuple[bytes, int, int]] = []  # per band: deflated bytes, Adler-32, raw length

    def encode(self, rgba) -> bytes:
        rgba = np.ascontiguousarray(rgba)
        h, w = rgba.shape[:2]
        n = -(-h // self.BAND)
        if self._previous is None or self._previous.shape != rgba.shape:
            self._bands = [None] * n
            changed = np.ones(n, bool)
        else:  # compare whole pixels (as 32-bit words), row by row, then band by band
            rows_changed = (rgba.view(np.uint32) != self._previous.view(np.uint32)).reshape(h, w).any(axis=1)
            changed = np.zeros(n * self.BAND, bool)
            changed[:h] = rows_changed
            changed = changed.reshape(n, self.BAND).any(axis=1)
        for b in range(n):
            if not changed[b]:
                continue
            band = rgba[b * self.BAND:(b + 1) * self.BAND]
            raw = np.zeros((band.shape[0], 1 + 3 * w), np.uint8)  # a 0 (no filter) byte before each row
            raw[:, 1:].reshape(band.shape[0], w, 3)[...] = band[:, :, :3]
            data = raw.tobytes()
            deflate = zlib.compressobj(self.level, zlib.DEFLATED, -15)
            self._bands[b] = (deflate.compress(data) + deflate.flush(zlib.Z_FULL_FLUSH), zlib.adler32(data),
                              len(data))
        self._previous = rgba.copy()
        adler = 1
        for _, band_adler, length in self._bands:
            adler = _adler32_combine(adler, band_adler, length)
        # zlib header (deflate, fastest), the bands, an empty final block, the checksum of all raw bytes
        stream = b"\x78\x01" + b"".join(d for d, _, _ in self._bands) + b"\x03\x00" + struct.pack(">I", adler)
        return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + _png_chunk(b"IDAT", stream) + _png_chunk(b"IEND", b""))


def freeze_layout(fig: Figure) -> None:
    """Compute the constrained layout once, then keep it: re-running it on every change costs ~40 ms."""
    if isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
        fig.draw_without_rendering()
        fig.set_layout_engine("none")


class LiveFigure:
    """One figure shown in an ipywidgets.Image and re-rendered in place after each change.

        live = LiveFigure(fig)
        ...change artists (bar.set_height, line.set_data, text.set_text)...
        live.refresh()          # or live.relayout() when labels changed size

    The layout is computed once and then frozen, so a change costs one draw and one PNG encoding.

    `widget` is the figure with its text alternative: `describe(alt, header, rows)` after each change says in
    words what the figure shows (the page script makes it the image's alt text) and gives the same numbers as a
    table, which a check box under the figure shows (access.py).
    """

    def __init__(self, fig: Figure, *, alt: str = "", lang: str = "da"):
        import ipywidgets as widgets

        from samskabelse.widgets.access import TEXT, alt_html

        self.fig = fig
        # shown at its own pixel size (sharp), shrinking on narrow screens
        width_px = round(fig.get_figwidth() * fig.dpi)
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width_px}px", max_width="100%",
                                                                       height="auto"))
        self.image.add_class("samskabelse-figure")
        self.alt = alt
        self.table: tuple[list[str], list[list[object]]] | None = None
        self.text = widgets.HTML(alt_html(alt))
        self.text.add_class("samskabelse-figure-text")
        self.show_table = widgets.Checkbox(value=False, description=TEXT[lang]["show_table"], indent=False,
                                           layout=widgets.Layout(display="none", width="auto"))
        self.show_table.observe(lambda change: self._show_text(), names="value")
        self.block = widgets.VBox([self.image, self.show_table, self.text])
        self.block.add_class("samskabelse-figure-block")
        self.last_render_ms = 0.0
        self.renders = 0
        self.relayout()

    def describe(self, alt: str, header: list[str] | None = None, rows: list[list[object]] | None = None) -> None:
        """What the figure shows, in words (its text alternative), and the same numbers as a table."""
        self.alt = alt
        if header is not None:
            self.table = (list(header), [list(r) for r in rows or []])
            if self.show_table.layout.display == "none":
                self.show_table.layout.display = None
        self._show_text()

    def _show_text(self) -> None:
        from samskabelse.widgets.access import alt_html, data_table

        value = alt_html(self.alt)
        if self.table is not None and self.show_table.value:
            value += data_table(*self.table)
        if self.text.value != value:
            self.text.value = value

    def relayout(self) -> None:
        """Lay the figure out anew (after labels change size), then render it.

        The constrained layout runs inside the next full draw (matplotlib lays a figure out at the start of
        its draw) and is frozen right after it: one pass instead of a layout pass and then a draw."""
        self.fig.set_layout_engine("constrained")
        self.refresh()
        self.fig.set_layout_engine("none")

    def refresh(self) -> None:
        start = time.perf_counter()
        self.image.value = figure_png(self.fig)
        self.last_render_ms = (time.perf_counter() - start) * 1000
        self.renders += 1

    @property
    def widget(self):
        """The figure, its text alternative and its table, to put in the widget's box."""
        return self.block


_LAYOUTS: dict = {}  # layout key -> the axes' positions, for figures that are laid out alike


class BlitLiveFigure(LiveFigure):
    """A LiveFigure that draws its static part once and then, per change, only the artists that move.

    Text is what costs most in a matplotlib draw, and most of a figure's text never changes. The figure is
    drawn once without the `animated` artists and kept as a background; a refresh restores it and draws the
    animated artists on top (in z-order; list order within the same z-order). Here that takes a change from
    50-70 ms to 10-25 ms.

    - `invalidate()` when something static changed (a title, axis limits); the next refresh redraws it.
    - `background_key`: a function naming the current static state; one background is kept per key, so a
      figure whose static part switches between a few states (a highlighted cell) redraws none of them twice.
    - `layout_key`: a function naming the layout; figures with the same key reuse the first one's layout
      (the constrained layout costs several hundred milliseconds when there are many tick labels).
    - `encoder`: turns the canvas pixels into PNG bytes (default `rgb_png`; `BandedPNG().encode` re-encodes
      only the bands of rows that changed).
    - `refresh(dirty)`: restore and redraw only some boxes of the figure (see there).
    """

    def __init__(self, fig, animated, *, alt: str = "", lang: str = "da",
                 layout_key: Callable[[], Hashable] | None = None,
                 background_key: Callable[[], Hashable] | None = None,
                 encoder: Callable[[object], bytes] | None = None):
        self.animated: list = []
        self._backgrounds: dict = {}
        self.full_renders = 0
        self.layout_key = layout_key
        self.background_key = background_key
        self.encoder = encoder or rgb_png
        self.set_animated(animated)
        super().__init__(fig, alt=alt, lang=lang)

    def set_animated(self, artists) -> None:
        """Name the artists that change (e.g. after parts of the figure were rebuilt); refresh or relayout next."""
        self.animated = list(artists)
        for artist in self.animated:
            artist.set_animated(True)
        self._backgrounds.clear()

    def invalidate(self) -> None:
        self._backgrounds.clear()

    def relayout(self) -> None:
        self._backgrounds.clear()
        key = self.layout_key() if self.layout_key is not None else None
        known = _LAYOUTS.get(key) if key is not None else None
        if known is not None and len(known) == len(self.fig.axes):
            for ax, position in zip(self.fig.axes, known, strict=True):
                ax.set_position(position)
            self.fig.set_layout_engine("none")
            self.refresh()
            return
        super().relayout()
        if key is not None:
            _LAYOUTS[key] = [ax.get_position().frozen() for ax in self.fig.axes]

    def refresh(self, dirty=None) -> None:
        """Render again. `dirty`, optional: a list of (box, artists), box = (x0, y0, x1, y1) in display pixels;
        only those boxes are restored from the background and only those artists drawn. The boxes must hold
        everything the artists covered before and cover now, and no other changing artist."""
        start = time.perf_counter()
        canvas = self.fig.canvas
        key = self.background_key() if self.background_key is not None else None
        background = self._backgrounds.get(key)
        if background is None:
            canvas.draw()  # animated artists are left out of a full draw
            background = self._backgrounds[key] = canvas.copy_from_bbox(self.fig.bbox)
            self.full_renders += 1
            dirty = None
        elif dirty is None:
            canvas.restore_region(background)
        if dirty is None:
            artists = self.animated
        else:
            width, height = canvas.get_width_height()
            artists = []
            for (x0, y0, x1, y1), drawn in dirty:
                # Agg counts rows from the top, and `xy` is an offset from the saved region (here: none)
                box = (max(0, math.floor(x0)), max(0, math.floor(height - y1)),
                       min(width, math.ceil(x1)), min(height, math.ceil(height - y0)))
                canvas.restore_region(background, bbox=box, xy=(0, 0))
                artists += [a for a in drawn if a not in artists]
        renderer = canvas.get_renderer()
        for artist in sorted(artists, key=lambda a: a.get_zorder()):  # stable: list order within a z-order
            if artist.get_visible():
                artist.draw(renderer)
        self.image.value = self.encoder(canvas.buffer_rgba())
        self.last_render_ms = (time.perf_counter() - start) * 1000
        self.renders += 1

    @contextmanager
    def complete(self):
        """The figure with every artist drawn normally (for savefig); the background is redrawn after."""
        for artist in self.animated:
            artist.set_animated(False)
        try:
            yield self.fig
        finally:
            for artist in self.animated:
                artist.set_animated(True)
            self._backgrounds.clear()
            self.refresh()


# ---------------------------------------------------------------------------------------------
# Labels that change with every slider move, drawn as cached glyph outlines
@functools.lru_cache(maxsize=2048)
def _glyphs(text: str, size: float, weight: str):
    """The outline of `text` in points (baseline at y=0) and its horizontal extent. Never parses math ($)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.path import Path
    from matplotlib.textpath import text_to_path

    if not text:
        return Path(np.zeros((1, 2))), 0.0, 0.0
    verts, codes = text_to_path.get_text_path(FontProperties(size=size, weight=weight), text)
    verts = np.asarray(verts, dtype=float) * (size / text_to_path.FONT_SCALE)
    if not len(verts):
        return Path(np.zeros((1, 2))), 0.0, 0.0
    path = Path(verts, codes)
    path.vertices.flags.writeable = False
    return path, float(verts[:, 0].min()), float(verts[:, 0].max())


@functools.lru_cache(maxsize=2048)
def _path_extents(path) -> tuple[float, float, float, float]:
    """The extents (x0, y0, x1, y1) of a cached, read-only glyph outline, from its control points.

    A Bézier curve lies inside the hull of its control points, so this box holds the outline; for the font
    the course uses (DejaVu Sans, which puts a point at every extreme) it is the outline's exact box, and it
    costs a min and a max instead of solving every curve for its extremes."""
    from matplotlib.path import Path

    points = path.vertices if path.codes is None else path.vertices[path.codes != Path.CLOSEPOLY]
    return (float(points[:, 0].min()), float(points[:, 1].min()), float(points[:, 0].max()),
            float(points[:, 1].max()))


@functools.cache
def _glyph_patch_class():
    """A PathPatch whose window extent comes from its glyph outline's cached extents.

    matplotlib computes a patch's extent from the exact Bézier extremes of its whole path, on every call; a
    35-letter label has some 200 curves, and the constrained layout asks for the extent of every unclipped
    patch (that was over half of the timeline figure's first draw). A label's path is a cached, read-only
    glyph outline moved by an affine transform without rotation, so the transformed corners of its extents
    are the extents of the transformed path."""
    from matplotlib.patches import PathPatch
    from matplotlib.transforms import Bbox

    class GlyphPatch(PathPatch):
        def get_window_extent(self, renderer=None):
            path, transform = self.get_path(), self.get_transform()
            if path.vertices.flags.writeable or not transform.is_affine:
                return super().get_window_extent(renderer)
            x0, y0, x1, y1 = _path_extents(path)
            corners = transform.transform([[x0, y0], [x1, y0], [x0, y1], [x1, y1]])
            return Bbox([corners.min(axis=0), corners.max(axis=0)])

    return GlyphPatch


@functools.lru_cache(maxsize=32)
def _font_extent(size: float, weight: str) -> tuple[float, float]:
    """Descender and cap height, so that every label of a size sits at the same height."""
    path, _, _ = _glyphs("Hg", size, weight)
    return float(path.vertices[:, 1].min()), float(path.vertices[:, 1].max())


class PathText:
    """A label drawn as glyph outlines cached per string, positioned in data coordinates.

    matplotlib 3.11 renders a Text glyph by glyph (about 0.1 ms a glyph here, 3 ms for a 35-letter label);
    the same label as a cached path draws in about 0.1 ms. For labels that change with every slider move.
    `box=True` puts a white rounded box behind the text, so that it stays readable on a hatched bar.
    """

    def __init__(self, ax, xy=(0.0, 0.0), text: str = "", *, size: float = 11, ha: str = "left",
                 va: str = "center", color: str = "black", weight: str = "normal", box: bool = False,
                 zorder: float = 6):
        PathPatch = _glyph_patch_class()

        self.ax, self.size, self.ha, self.va, self.weight = ax, float(size), ha, va, weight
        self.xy = (float(xy[0]), float(xy[1]))
        self.text: str | None = None
        empty = _glyphs("", 1, "normal")[0]
        self.box = PathPatch(empty, facecolor="white", edgecolor="none", alpha=0.85, clip_on=False,
                             zorder=zorder - 0.01) if box else None
        self.glyphs = PathPatch(empty, facecolor=color, edgecolor="none", linewidth=0, clip_on=False, zorder=zorder)
        for patch in self.artists:
            ax.add_artist(patch)
        self.set_text(text)

    @property
    def artists(self) -> list:
        return [a for a in (self.box, self.glyphs) if a is not None]

    def set_text(self, text: str) -> None:
        from matplotlib.patches import BoxStyle

        if text == self.text:
            return
        self.text = text
        path, left, right = _glyphs(text, self.size, self.weight)
        self.left, self.right = left, right
        descent, cap = _font_extent(self.size, self.weight)
        self.dx = {"left": -left, "center": -(left + right) / 2, "right": -right}[self.ha]
        self.dy = {"center": -(descent + cap) / 2, "top": -cap, "bottom": -descent, "baseline": 0.0}[self.va]
        self.glyphs.set_path(path)
        if self.box is not None and not text:  # no text, no box
            self.box.set_path(path)
        elif self.box is not None:
            pad = self.size * 0.25
            style = BoxStyle.Round(pad=0, rounding_size=pad)
            self.box.set_path(style(left - pad, descent - pad, right - left + 2 * pad, cap - descent + 2 * pad, 1.0))
        self._place()

    def set_position(self, xy) -> None:
        self.xy = (float(xy[0]), float(xy[1]))
        self._place()

    def set_alignment(self, ha: str) -> None:
        if ha != self.ha:
            self.ha = ha
            self.dx = {"left": -self.left, "center": -(self.left + self.right) / 2, "right": -self.right}[ha]
            self._place()

    @property
    def width(self) -> float:
        """In points."""
        return self.right - self.left

    def extent(self, ha: str | None = None) -> tuple[float, float, float, float]:
        """The drawn box (box included) relative to the anchor, in points: x0, x1, y0, y1 (y upward)."""
        dx = self.dx if ha is None else {"left": -self.left, "center": -(self.left + self.right) / 2,
                                          "right": -self.right}[ha]
        descent, cap = _font_extent(self.size, self.weight)
        pad = self.size * 0.25 if self.box is not None else 0.0
        return (self.left + dx - pad, self.right + dx + pad, descent + self.dy - pad, cap + self.dy + pad)

    def _transform(self):
        from matplotlib.transforms import Affine2D, ScaledTranslation

        fig = self.ax.get_figure(root=True)
        return (Affine2D().translate(self.dx, self.dy).scale(1 / 72) + fig.dpi_scale_trans
                + ScaledTranslation(*self.xy, self.ax.transData))

    def _place(self) -> None:
        transform = self._transform()
        for patch in self.artists:
            patch.set_transform(transform)

    def as_text(self):
        """The label as a matplotlib Text drawn where its outline is (the pen starts at the same point, on the same
        baseline, in the same font): for a PDF or SVG, text that can be selected, searched and read aloud. The
        caller removes it (labels_as_text)."""
        return self.ax.text(0, 0, self.text or "", transform=self._transform(), ha="left", va="baseline",
                            fontsize=self.size, fontweight=self.weight, color=self.glyphs.get_facecolor(),
                            zorder=self.glyphs.get_zorder(), clip_on=False, parse_math=False)


@contextmanager
def labels_as_text(labels):
    """For saving a figure to a file: every shown PathText in `labels` drawn as text instead of glyph outlines
    (their white boxes stay); afterwards the outlines again, for the live figure."""
    texts, swapped = [], []
    try:
        for label in labels:
            if label.text and label.glyphs.get_visible():
                texts.append(label.as_text())
                label.glyphs.set_visible(False)
                swapped.append(label)
        yield
    finally:
        for text in texts:
            text.remove()
        for label in swapped:
            label.glyphs.set_visible(True)


class LabelSpace:
    """Where labels may go on one axes without overlapping each other, lines or markers.

    Everything is kept as boxes in display pixels (x0, x1, y0, y1): obstacles (`line_x`, `line_y`, `point`,
    `rect`) and each label placed. `place(label, candidates)` puts a PathText at the first candidate position
    (x, y, ha) in data coordinates whose box is inside the axes and free. A vertical line across the axes
    (`line_x`) is a lesser obstacle: where no position is free, a label may lie over one (its white box then
    hides the line behind it, so no line strikes through text) rather than be shortened or overlap anything
    else. The data-to-pixel mapping is read once (the axes must be linear and laid out), so a placement costs
    arithmetic only: it runs on every slider move.
    """

    GAP = 3.0  # pixels between a label and anything else

    def __init__(self, ax, *, bounds=None):
        (x0, y0), (x1, y1) = ax.transData.transform([(0.0, 0.0), (1.0, 1.0)])
        self.ox, self.oy, self.sx, self.sy = x0, y0, x1 - x0, y1 - y0
        self.scale = ax.get_figure(root=True).dpi / 72
        box = ax.bbox if bounds is None else bounds
        self.bounds = (box.x0, box.x1, box.y0, box.y1)
        self.obstacles: list[tuple[float, float, float, float]] = []
        self.lines: list[tuple[float, float, float, float]] = []
        self.labels: list[tuple[float, float, float, float]] = []

    def x(self, x: float) -> float:
        return self.ox + x * self.sx

    def y(self, y: float) -> float:
        return self.oy + y * self.sy

    def line_x(self, x: float, width_pt: float = 2.0) -> None:
        """A vertical line across the axes."""
        half = width_pt * self.scale / 2
        self.lines.append((self.x(x) - half, self.x(x) + half, self.bounds[2], self.bounds[3]))

    def line_y(self, x0: float, x1: float, y: float, width_pt: float = 2.0) -> None:
        half = width_pt * self.scale / 2
        a, b = sorted((self.x(x0), self.x(x1)))
        self.obstacles.append((a - half, b + half, self.y(y) - half, self.y(y) + half))

    def point(self, x: float, y: float, size_pt: float) -> None:
        half = size_pt * self.scale / 2
        self.obstacles.append((self.x(x) - half, self.x(x) + half, self.y(y) - half, self.y(y) + half))

    def rect(self, x0: float, x1: float, y0: float, y1: float) -> None:
        a, b = sorted((self.x(x0), self.x(x1)))
        c, d = sorted((self.y(y0), self.y(y1)))
        self.obstacles.append((a, b, c, d))

    def point_is_clear(self, x: float, y: float, size_pt: float) -> bool:
        """Whether a marker drawn at (x, y) would be clear of the labels placed so far."""
        half = size_pt * self.scale / 2 + self.GAP
        px, py = self.x(x), self.y(y)
        return not any(a0 < px + half and px - half < a1 and b0 < py + half and py - half < b1
                       for a0, a1, b0, b1 in self.labels)

    def box_of(self, label: PathText, x: float, y: float, ha: str) -> tuple[float, float, float, float]:
        x0, x1, y0, y1 = label.extent(ha)
        px, py, k = self.x(x), self.y(y), self.scale
        return (px + x0 * k, px + x1 * k, py + y0 * k, py + y1 * k)

    def overlap(self, box) -> tuple[float, float]:
        """How much `box` (grown by the gap) overlaps labels, markers and bars, plus how far it sticks out of the
        axes; and how much it overlaps vertical lines."""
        g = self.GAP
        x0, x1, y0, y1 = box[0] - g, box[1] + g, box[2] - g, box[3] + g

        def area(boxes) -> float:
            total = 0.0
            for a0, a1, b0, b1 in boxes:
                w, h = min(x1, a1) - max(x0, a0), min(y1, b1) - max(y0, b0)
                if w > 0 and h > 0:
                    total += w * h + 1.0
            return total

        bx0, bx1, by0, by1 = self.bounds
        outside = max(0.0, bx0 - box[0]) + max(0.0, box[1] - bx1) + max(0.0, by0 - box[2]) + max(0.0, box[3] - by1)
        return area(self.obstacles) + area(self.labels) + outside * 1000.0, area(self.lines)

    def place(self, label: PathText, candidates, *, texts: list[str] | None = None, keep: bool = True,
              or_hide: bool = False) -> int | None:
        """Put `label` at the best candidate (x, y, ha); returns the candidate's index.

        `texts`: the label's text, longest first (e.g. a name shortened further and further). In order of
        preference: the full text where it is free; the full text over a line only; a shorter text where it is
        free; a shorter text over a line only; else, with `or_hide`, no label at all (returns None: the
        figure's table has it); else the full text where it overlaps least."""
        options = texts or [label.text or ""]
        scored = []  # (text rank, index, heavy, lines, box)
        for rank, text in enumerate(options):
            label.set_text(text)
            for i, (x, y, ha) in enumerate(candidates):
                box = self.box_of(label, x, y, ha)
                heavy, lines = self.overlap(box)
                scored.append((rank, i, heavy, lines, box))
                if heavy == 0 and lines == 0 and rank == 0:
                    break
            if any(h == 0 and r == rank for r, _, h, _, _ in scored):
                break

        def pick(rank_ok, free_of_lines):
            fits = [c for c in scored if rank_ok(c[0]) and c[2] == 0 and (c[3] == 0 or not free_of_lines)]
            return min(fits, key=lambda c: (c[0], c[3], c[1])) if fits else None

        best = (pick(lambda r: r == 0, True) or pick(lambda r: r == 0, False) or pick(lambda r: r > 0, True)
                or pick(lambda r: r > 0, False))
        if best is None and or_hide:
            label.set_text("")
            return None
        best = best or min((c for c in scored if c[0] == 0), key=lambda c: (c[2], c[3], c[1]))
        rank, index, _, _, box = best
        x, y, ha = candidates[index]
        label.set_text(options[rank])
        label.set_alignment(ha)
        label.set_position((x, y))
        if keep:
            self.labels.append(box)
        return index
