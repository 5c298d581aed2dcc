"""The look of every figure, and a figure that updates in place inside a widget.

Figures are made with matplotlib's object API (no pyplot state), drawn once, and re-rendered to PNG
into an ipywidgets.Image when the model changes: no figure is rebuilt per change.
"""

from __future__ import annotations

import io
import time

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from PIL import Image

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
}


def use_course_style() -> None:
    mpl.rcParams.update(STYLE)


def new_figure(width: float = 8.0, height: float = 5.0) -> Figure:
    """A figure outside pyplot, so that nothing is displayed twice and nothing leaks between cells.

    The course style is applied globally first: matplotlib reads font sizes when each artist is made.
    """
    use_course_style()
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes, drawn at its own dpi.

    Drawn on the Agg canvas and encoded by Pillow with light compression: about 20 ms for an 8x5 inch
    figure here, against about 30 ms through savefig and 65 ms with a layout engine recomputing.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1)
    return buf.getvalue()


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
        """Lay the figure out anew (after labels change size), then render it."""
        self.fig.set_layout_engine("constrained")
        freeze_layout(self.fig)
        self.refresh()

    def refresh(self) -> None:
        start = time.perf_counter()
        self.image.value = figure_png(self.fig)
        self.last_render_ms = (time.perf_counter() - start) * 1000
        self.renders += 1

    @property
    def widget(self):
        return self.image
