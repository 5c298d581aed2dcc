"""What each notebook must show, checked inside the kernel that nbval runs it in.

nbval compares no outputs of notebooks committed without outputs, so a notebook that computed a wrong
result would still pass. conftest.py therefore runs checked copies: the notebook with one cell put
first (it starts recording everything the notebook displays) and one cell put last, which calls
`run_checks`. A check looks at the notebook's variables and at what it showed, and fails the run when
either is wrong. Add a `check_NN` function for every new notebook: a notebook without one fails.
"""

from __future__ import annotations

import html
from collections.abc import Callable


class Shown:
    """Everything a notebook displayed: rich outputs (HTML, plain text) and printed text."""

    def __init__(self):
        self.bundles: list[dict] = []
        self.stdout: list[str] = []

    def text(self) -> str:
        parts = []
        for bundle in self.bundles:
            parts += [str(bundle.get(k, "")) for k in ("text/html", "text/markdown", "text/plain")]
        parts += self.stdout
        return "\n".join(parts)

    def has(self, text: str) -> bool:
        """True when `text` was shown, as it is or HTML-escaped."""
        everything = self.text()
        return text in everything or html.escape(text) in everything or html.escape(text, quote=False) in everything

    def widgets(self) -> int:
        return sum("application/vnd.jupyter.widget-view+json" in b for b in self.bundles)


def install_recorder() -> Shown:
    """Record every display and execute result, and what is printed, in the running kernel."""
    import sys

    from IPython import get_ipython

    shown = Shown()
    shell = get_ipython()
    original_format = shell.display_formatter.format

    def recording_format(obj, *args, **kwargs):
        data, metadata = original_format(obj, *args, **kwargs)
        shown.bundles.append(dict(data))
        return data, metadata

    shell.display_formatter.format = recording_format

    class Tee:
        def __init__(self, stream):
            self._stream = stream

        def write(self, s):
            shown.stdout.append(s)
            return self._stream.write(s)

        def __getattr__(self, name):
            return getattr(self._stream, name)

    sys.stdout = Tee(sys.stdout)
    return shown


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


# ---------------------------------------------------------------------------------------------
def check_00(ns: dict, shown: Shown, lang: str) -> None:
    course = ns["course"]
    check(course.language == lang, f"notebook 00 loaded the {course.language} course, expected {lang}")
    check(shown.has(course.publication.title), "the publication's title is not shown")
    check(shown.has(str(course.publication.year)), "the publication's year is not shown")
    check(shown.has(course.publication.url), "where to download the publication is not shown")
    for module in course.modules:
        check(shown.has(module.title), f"the course map lacks notebook {module.number} {module.title!r}")
    total = sum(m.minutes for m in course.modules)
    check(shown.has(f"<b>{total}</b>"), f"the course map does not show the total time {total}")
    check(shown.widgets() >= 1, "the try-it slider was not displayed")


CHECKS: dict[str, Callable[[dict, Shown, str], None]] = {
    name.removeprefix("check_"): fn for name, fn in list(globals().items())
    if name.startswith("check_") and name[6:].isdigit()
}


def run_checks(number: str, lang: str, ns: dict, shown: Shown) -> None:
    if number not in CHECKS:
        raise AssertionError(f"tests/notebook_checks.py has no check_{number}: add one for notebook {number}")
    CHECKS[number](ns, shown, lang)
    print(f"notebook {number} ({lang}): checks passed")
