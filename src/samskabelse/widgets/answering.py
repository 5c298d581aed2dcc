"""The parts every section widget uses to tell an answer from a suggestion (sections/protocol.py's rule).

    options = rating_options([(str(v), v) for v in range(6)], "da")   # "– ikke vurderet –" first
    slider = widgets.SelectionSlider(options=options, value=NOT_RATED)
    note = SuggestionNote("da", on_agree=lambda: ...)                  # "Kursets forslag – ..." + "Jeg er enig"

A rating control starts at NOT_RATED, shown as "– ikke vurderet –": a participant who has not looked at an item
never appears to have rated it 0 or "ikke startet". A result built from the course's suggestions (a frame
"fixed" as the course file has it, a typology placed where it starts) says so until the participant acts, and
one button lets a participant who agrees say so.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

from samskabelse.base.i18n import Texts
from samskabelse.widgets.access import mark_widget

NOT_RATED = "not_rated"  # a rating control's value until the participant sets it

TEXT = Texts(
    da={
        "not_rated": "– ikke vurderet –",
        "suggestion": "<b>Kursets forslag</b> – du har ikke ændret noget endnu. Ændr det, der ikke passer til dit "
                      "projekt, eller sig, at du er enig.",
        "agree": "Jeg er enig i forslaget",
        "agreed": "Du har sagt, at forslaget passer til dit projekt. Det gemmes som dine svar.",
    },
    en={
        "not_rated": "– not rated –",
        "suggestion": "<b>The course's suggestion</b> – you have not changed anything yet. Change what does not fit "
                      "your project, or say that you agree.",
        "agree": "I agree with the suggestion",
        "agreed": "You have said that the suggestion fits your project. It is saved as your answers.",
    },
)


def not_rated(lang: str) -> str:
    return TEXT[lang]["not_rated"]


def rating_options(options: Iterable[tuple[str, Any]], lang: str) -> list[tuple[str, Any]]:
    """A rating control's options with "– ikke vurderet –" (value NOT_RATED) first."""
    return [(TEXT[lang]["not_rated"], NOT_RATED), *options]


def rated(value: Any) -> Any:
    """A control's value as an answer: None while it is "– ikke vurderet –"."""
    return None if value == NOT_RATED else value


class SuggestionNote:
    """"Kursets forslag – du har ikke ændret noget endnu" and a button to agree, until the participant acts.

    `update(acted)` shows the note while nothing is answered and hides it once something is; `on_agree` is called
    when the button is pressed (the widget confirms what it shows), and the note then says so."""

    def __init__(self, lang: str, on_agree: Callable[[], None]):
        import ipywidgets as widgets

        self.t = TEXT[lang]
        self.on_agree = on_agree
        self.text = widgets.HTML(f"<p>{self.t['suggestion']}</p>")
        self.button = widgets.Button(description=self.t["agree"], icon="check", layout=widgets.Layout(width="auto"))
        self.button.on_click(lambda _b: self.agree())
        self.box = widgets.VBox([self.text, self.button])
        self.box.add_class("samskabelse-suggestion")
        mark_widget(self.box, lang, "samskabelse-suggestion-note")
        self.agreed = False

    def agree(self) -> None:
        self.on_agree()
        self.agreed = True
        self.text.value = f"<p>{html.escape(self.t['agreed'])}</p>"
        self.button.layout.display = "none"

    def update(self, acted: bool) -> None:
        """Hide the note once the participant has answered something (after agreeing, the note says so)."""
        self.box.layout.display = "none" if acted and not self.agreed else ""
