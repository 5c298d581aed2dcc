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


def check_01(ns: dict, shown: Shown, lang: str) -> None:
    import re

    course = ns["course"]
    check(course.language == lang, f"notebook 01 loaded the {course.language} course, expected {lang}")
    # the IAP2 spectrum: cited, all five levels, and which count as co-creation
    check(shown.has(course.involvement.source), "the IAP2 spectrum's source is not cited")
    for level in course.involvement.levels:
        check(shown.has(level.name), f"the involvement level {level.name!r} is not shown")
    # the course's typology: every type and every invented case, labelled as the course's model
    for kind in course.typology.types:
        check(shown.has(kind.name), f"the type {kind.name!r} is not shown")
    for case in course.example_cases:
        check(case.basis == "invented" and shown.has(case.name), f"the invented case {case.name!r} is not shown")
    w = ns["typology"]
    check(shown.widgets() >= 2, "the typology widget and the save box were not both displayed")
    check({"samskabelse-widget", "samskabelse-typology"} <= set(w.box._dom_classes), "widget CSS classes missing")
    check(set(w.cell_labels) == {k.id for k in course.typology.types}, "the figure lacks a cell for some type")
    # default answers: the public organisation, developing -> that type, named in the result
    first = course.typology.type_at(course.typology.initiative.low.id, course.typology.activity.low.id)
    check(w.model.type_id(course) == first.id, f"default type is {w.model.type_id(course)}, expected {first.id}")
    check(html.escape(first.name) in w.result.value, "the result does not name the default type")
    # every pair of answers, set through the sliders, gives its type, text, cell and star position
    before = bytes(w.live.image.value)
    for ini in (course.typology.initiative.low, course.typology.initiative.high):
        for act in (course.typology.activity.low, course.typology.activity.high):
            w.sliders["initiative"].value = (ini.id, "clearly")
            w.sliders["activity"].value = (act.id, "mostly")
            kind = course.typology.type_at(ini.id, act.id)
            check(w.model.type_id(course) == kind.id, f"{ini.id}/{act.id} gave {w.model.type_id(course)}")
            check(html.escape(kind.name) in w.result.value, f"the result does not name {kind.name!r}")
            check(w.cells[kind.id].get_hatch() == "//", f"the cell of {kind.name!r} is not marked")
            (x,), (y,) = w.marker.get_data()
            check((x > 0) == (ini.id == course.typology.initiative.high.id)
                  and (y > 0) == (act.id == course.typology.activity.high.id), "the star is in the wrong cell")
            for case in course.example_cases:
                if case.type == kind.id:
                    check(html.escape(case.name) in w.result.value, f"the result lacks the case {case.name!r}")
    check(bytes(w.live.image.value) != before, "the figure did not change with the sliders")
    w.project.value = "<img src=x onerror=alert(1)> $x$"
    check("<img" not in w.result.value and "&lt;img" in w.result.value, "the project name is not escaped")
    check(re.search(r"[.!?]", w.result.value) is not None, "the result is not a sentence")


def check_03(ns: dict, shown: Shown, lang: str) -> None:
    import re

    course = ns["course"]
    check(course.language == lang, f"notebook 03 loaded the {course.language} course, expected {lang}")
    check(len(course.phases) == 3, "the course should have three phases")
    for ph in course.phases:
        check(shown.has(ph.name), f"the phase {ph.name!r} is not shown")
        check(shown.has(ph.strategic_focus), f"the strategic focus of {ph.name!r} is not shown")
        for f in ph.focus_points:
            check(shown.has(f.text), f"the focus point {f.id!r} of {ph.name!r} is not shown")
            check(shown.has(f"samskabelse-basis-{f.basis}"), f"the basis of {f.id!r} is not shown")
        for q in ph.questions:
            check(shown.has(q), f"the question {q!r} is not shown")
    w = ns["phases"]
    check(shown.widgets() >= 2, "the phase widget and the save box were not both displayed")
    check({"samskabelse-widget", "samskabelse-phases"} <= set(w.box._dom_classes), "widget CSS classes missing")
    ticks = " ".join(t.get_text().replace("\n", " ") for t in w.ax.get_yticklabels())
    check(all(ph.name in ticks for ph in course.phases), "the figure does not show all three phases")

    def listed() -> list[tuple[str, str]]:
        return re.findall(r"data-phase='([a-z_]+)' data-point='([a-z_]+)'", w.result.value)

    # default answers: nothing started -> the first three focus points of the first phase
    p1, p2 = course.phases[0], course.phases[1]
    expected = [(p1.id, f.id) for f in p1.focus_points[:3]]
    check(listed() == expected, f"default next steps {listed()}, expected {expected}")
    # given answers: phase 1 in place except its last point under way; phase 2's first point under way
    for f in p1.focus_points:
        w.sliders[p1.id][f.id].value = "in_place"
    w.sliders[p1.id][p1.focus_points[-1].id].value = "under_way"
    w.chooser.value = p2.id
    check(w.panel.children[0] is w.panels[p2.id], "choosing a phase did not show its focus points")
    w.sliders[p2.id][p2.focus_points[0].id].value = "under_way"
    expected = [(p1.id, p1.focus_points[-1].id), (p2.id, p2.focus_points[1].id), (p2.id, p2.focus_points[2].id)]
    check(listed() == expected, f"next steps {listed()}, expected {expected}")
    check([(s.phase.id, s.focus_point.id) for s in w.model.next_steps(course)] == expected, "model next steps")
    n1 = len(p1.focus_points)
    ready = 100 * (n1 - 0.5) / n1
    check(w.model.readiness(course)[p1.id] == ready, f"readiness of phase 1 should be {ready}")
    check(w.readiness_labels[p1.id].get_text().startswith(f"{ready:.0f}"), "the figure's readiness label is wrong")
    check(w.segments[p1.id]["in_place"].get_width() == 100 * (n1 - 1) / n1, "the in-place bar has the wrong width")


CHECKS: dict[str, Callable[[dict, Shown, str], None]] = {
    name.removeprefix("check_"): fn for name, fn in list(globals().items())
    if name.startswith("check_") and name[6:].isdigit()
}


def run_checks(number: str, lang: str, ns: dict, shown: Shown) -> None:
    if number not in CHECKS:
        raise AssertionError(f"tests/notebook_checks.py has no check_{number}: add one for notebook {number}")
    CHECKS[number](ns, shown, lang)
    print(f"notebook {number} ({lang}): checks passed")
