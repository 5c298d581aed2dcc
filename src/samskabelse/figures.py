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
    """

    def __init__(self, fig: Figure, *, alt: str = ""):
        import ipywidgets as widgets

        self.fig = fig
        # shown at its own pixel size (sharp), shrinking on narrow screens
        width_px = round(fig.get_figwidth() * fig.dpi)
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width_px}px", max_width="100%",
                                                                       height="auto"))
        if alt:
            self.image.description = alt
        self.last_render_ms = 0.0
        self.renders = 0
        self.relayout()

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
        return self.image


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

    def __init__(self, fig, animated, *, alt: str = "", layout_key: Callable[[], Hashable] | None = None,
                 background_key: Callable[[], Hashable] | None = None,
                 encoder: Callable[[object], bytes] | None = None):
        self.animated: list = []
        self._backgrounds: dict = {}
        self.full_renders = 0
        self.layout_key = layout_key
        self.background_key = background_key
        self.encoder = encoder or rgb_png
        self.set_animated(animated)
        super().__init__(fig, alt=alt)

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
        if self.box is not None:
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

    def _place(self) -> None:
        from matplotlib.transforms import Affine2D, ScaledTranslation

        fig = self.ax.get_figure(root=True)
        transform = (Affine2D().translate(self.dx, self.dy).scale(1 / 72) + fig.dpi_scale_trans
                     + ScaledTranslation(*self.xy, self.ax.transData))
        for patch in self.artists:
            patch.set_transform(transform)
