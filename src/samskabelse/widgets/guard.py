"""Widgets that never die silently: one error boundary around every widget's observers.

    self.errors = ErrorBoundary(course.language)
    slider.observe(self.errors.guard(self._changed), names="value")
    box = widgets.VBox([..., self.errors.alert, self.live.widget, ...])

Without it, an exception inside an observer (a value the code did not foresee, a figure that cannot be
drawn) reaches only JupyterLab's log console: the widget stops following its controls and the participant
is told nothing. The boundary catches the exception, shows a short message in the widget in the course's
language (role="alert", so a screen reader announces it), and leaves the figure as it was: an image is
replaced only after a complete render, so the figure on screen is the last one that could be drawn. The
widget stays usable, and the next change that works clears the message. The exception itself goes to the
"samskabelse" logger (JupyterLab's log console), for whoever maintains the course.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from typing import Any

from samskabelse.base.i18n import Texts

TEXT = Texts(
    da={
        "failed": "Din sidste ændring kunne ikke vises.",
        "kept": "Figuren viser stadig det sidste, der kunne vises. Prøv en anden værdi; virker det stadig ikke, "
                "så kør cellen igen.",
        "details": "Teknisk beskrivelse (til den, der vedligeholder kurset)",
    },
    en={
        "failed": "Your last change could not be shown.",
        "kept": "The figure still shows the last thing that could be shown. Try another value; if it still does "
                "not work, run the cell again.",
        "details": "Technical description (for whoever maintains the course)",
    },
)
ALERT_CLASS = "samskabelse-alert"
log = logging.getLogger("samskabelse")


class ErrorBoundary:
    """Catches what a widget's observers raise and shows it in the widget instead.

    - `guard(fn)`: `fn` wrapped so that an exception becomes a message in `alert` (and a return of None).
    - `explained`: exception types whose message is already written for the participant, in the course's
      language and HTML-safe (e.g. the timeline's PlanError); it is shown as it is. Any other exception
      is shown as a general sentence, with its type and text in a folded technical description.
    - `on_error`: called after a failure, to put the widget's figure back in step with what it shows.
    """

    def __init__(self, lang: str, *, explained: tuple[type[BaseException], ...] = (),
                 on_error: Callable[[], Any] | None = None):
        import ipywidgets as widgets

        self.t = TEXT[lang]
        self.explained = explained
        self.on_error = on_error
        self.alert = widgets.HTML("", layout=widgets.Layout(display="none"))  # no gap above the figure while empty
        self.alert.add_class(ALERT_CLASS)
        self.failures = 0
        self.last_error: BaseException | None = None

    def guard(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def guarded(*args, **kwargs):
            try:
                result = fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the boundary: anything an observer raises is shown
                self.show(exc)
                return None
            self.clear()
            return result

        return guarded

    def show(self, exc: BaseException) -> None:
        self.failures += 1
        self.last_error = exc
        log.warning("A widget could not show a change", exc_info=exc)
        t = self.t
        if isinstance(exc, self.explained):
            reason, details = f"{exc}", ""
        else:
            technical = html.escape(f"{type(exc).__name__}: {exc}"[:500])
            reason = t["failed"]
            details = (f"<details style='margin-top:0.2em'><summary>{t['details']}</summary>"
                       f"<code>{technical}</code></details>")
        self.alert.value = (f"<div role='alert' class='{ALERT_CLASS}-box' style='border-left:4px solid #D55E00;"
                            f"padding:0.2em 0.8em'><b>⚠ {reason}</b> <i>{t['kept']}</i>{details}</div>")
        self.alert.layout.display = None
        if self.on_error is not None:
            try:
                self.on_error()
            except Exception:  # noqa: BLE001 - putting the figure back must not hide the first message
                log.warning("A widget could not return to its last good state", exc_info=True)

    def clear(self) -> None:
        if self.alert.value:
            self.alert.value = ""
            self.alert.layout.display = "none"

    @property
    def showing(self) -> bool:
        return bool(self.alert.value)


__all__ = ["ErrorBoundary", "ALERT_CLASS"]
