"""A first widget to practise on (notebook 00): one slider, one figure that follows it."""

from __future__ import annotations

from dataclasses import dataclass

from samskabelse.base.i18n import Texts
from samskabelse.course import Course
from samskabelse.widgets.access import mark_widget
from samskabelse.widgets.figures import PALETTE, LiveFigure, new_figure
from samskabelse.widgets.guard import ErrorBoundary

TEXT = Texts(
    da={
        "slider": "Hvor vigtig?",
        "alt": "Søjle: {gain} står på {value} af 5.", "alt_col": "Gevinst",
        "title": "Prøv: hvor vigtig er gevinsten »{gain}« for dig?",
        "scale": "0 = slet ikke · 5 = helt afgørende",
        "said": "Du har valgt {value} ud af 5.",
    },
    en={
        "slider": "How important?",
        "alt": "Bar: {gain} is at {value} out of 5.", "alt_col": "Gain",
        "title": "Try it: how important is the gain “{gain}” to you?",
        "scale": "0 = not at all · 5 = decisive",
        "said": "You chose {value} out of 5.",
    },
)


@dataclass
class TryoutModel:
    value: int = 3

    def set(self, value: int) -> None:
        if not 0 <= int(value) <= 5:
            raise ValueError(f"value must be between 0 and 5, got {value}")
        self.value = int(value)


class TryoutWidget:
    """A slider and a one-bar figure; moving the slider redraws the bar in place."""

    def __init__(self, course: Course, model: TryoutModel | None = None):
        import ipywidgets as widgets

        t = TEXT[course.language]
        self.t = t
        self.model = model or TryoutModel()
        gain = course.gains[0].name
        fig = new_figure(7, 2.2)
        ax = fig.add_subplot()
        (self.bar,) = ax.barh([0], [self.model.value], color=PALETTE["blue"], height=0.6)
        self.label = ax.text(self.model.value + 0.1, 0, str(self.model.value), va="center", fontsize=16,
                             fontweight="bold")
        ax.set_xlim(0, 5.6)
        ax.set_yticks([])
        ax.set_xticks(range(6))
        ax.set_title(t["title"].format(gain=gain), loc="left")
        ax.set_xlabel(t["scale"])
        self.live = LiveFigure(fig, lang=course.language)
        self.slider = widgets.IntSlider(value=self.model.value, min=0, max=5, description=t["slider"],
                                        continuous_update=True, style={"description_width": "initial"})
        self.said = widgets.HTML(t["said"].format(value=self.model.value))
        self.errors = ErrorBoundary(course.language)
        self.slider.observe(self.errors.guard(self._changed), names="value")
        self.box = widgets.VBox([self.slider, self.errors.alert, self.live.widget, self.said])
        # the browser tests find the parts by these classes
        mark_widget(self.box, course.language, "samskabelse-tryout")
        self.said.add_class("samskabelse-result")
        self.gain = gain
        self._describe()

    def _describe(self) -> None:
        t = self.t
        self.live.describe(t["alt"].format(gain=self.gain, value=self.model.value), [t["alt_col"], t["slider"]],
                           [[self.gain, self.model.value]])

    def _changed(self, change) -> None:
        self.model.set(change["new"])
        self.bar.set_width(self.model.value)
        self.label.set_x(self.model.value + 0.1)
        self.label.set_text(str(self.model.value))
        self.said.value = self.t["said"].format(value=self.model.value)
        self.live.refresh()
        self._describe()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def try_a_slider(course: Course) -> TryoutWidget:
    return TryoutWidget(course)
