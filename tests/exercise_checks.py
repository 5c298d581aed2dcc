"""What each participant's workbook (exercises/<lang>/N-*.ipynb) must show and save, checked in its kernel.

conftest.py runs checked copies of the workbooks, as it does for the notebooks: a recording cell first and a
cell last that calls `run_exercise_checks`. A workbook must run while still unanswered (its widgets give
feedback, they do not raise), and its save box must save exactly the sections the workbook edits.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from notebook_checks import Shown, check, check_no_raw_values


def _saves(ns: dict, lang: str, sections: dict) -> None:
    """Press the workbook's Save button as a participant would, and read the file back."""
    from samskabelse.answers import load_answers

    box = ns["saved"]
    check({"samskabelse-widget", "samskabelse-save"} <= set(box.box._dom_classes), "the save box lacks its classes")
    box.name.value = ""  # the box offers the name this participant saved with before (if any); clear it
    box.button.click()  # no name: feedback, not an exception, and nothing written
    check(box.result is None and box.status.value, "saving without a name must only ask for the name")
    box.name.value = "Prøve <b>Deltager</b>"
    box.button.click()
    check(box.result is not None, f"the save box did not save: {box.status.value}")
    check("<b>Deltager</b>" not in box.status.value, "the name is not escaped in the save box")
    path = Path(box.result.path)
    loaded = load_answers(path, ns["course"])
    check(sorted(loaded.answers) == sorted(sections), f"the file holds {sorted(loaded.answers)}")
    for section, model in sections.items():
        check(loaded.answers[section] == model.to_dict(), f"the saved {section} differ from the widget's model")
        check(loaded.models[section].to_dict() == model.to_dict(), f"{section} does not survive a round trip")
    check(loaded.language == lang and loaded.name == "Prøve <b>Deltager</b>", "name or language not saved")
    path.unlink()


def check_1(ns: dict, shown: Shown, lang: str) -> None:
    from samskabelse.sections.gains import TEXT, GainsModel
    from samskabelse.sections.typology import TypologyAnswer

    course = ns["course"]
    gains, demands, typology = ns["gains"], ns["demands"], ns["typology"]
    check(shown.widgets() >= 4, "the typology, the gains, the demands and the save box must all be shown")
    check(isinstance(typology.model, TypologyAnswer), "the workbook asks for the project's type (notebook 08 shows it)")
    check(gains.model == GainsModel.for_course(course), "the workbook must start unanswered")
    check(demands.model is gains.model, "the demands widget must share the gains model")
    check(html.escape(TEXT[lang]["none_weighed"]) in gains.result.value or TEXT[lang]["none_weighed"] in
          html.unescape(gains.result.value), "an unanswered workbook must say that nothing is weighed yet")
    gains.model.rate("quality", importance=4, likelihood=3)
    gains.model.set_demand("time", 4)
    ty = course.typology
    typology.model.set_axis("initiative", ty.initiative.high.id, "clearly", course)
    _saves(ns, lang, {"typology": typology.model, "gains": gains.model})


def check_2(ns: dict, shown: Shown, lang: str) -> None:
    from samskabelse.sections.phases import TEXT, PhaseReadiness

    course = ns["course"]
    phases = ns["phases"]
    check(shown.widgets() >= 2, "the phases widget and the save box must both be shown")
    check(phases.model == PhaseReadiness.new(course) and not phases.model.answered,
          "the workbook must start unanswered")
    check("samskabelse-next-step" not in phases.result.value and TEXT[lang]["suggest_waiting"] in phases.result.value,
          "unanswered, the workbook must not state next steps")
    first = course.phases[0]
    phases.sliders[first.id][first.focus_points[0].id].value = "in_place"
    phases.sliders[first.id][first.focus_points[1].id].value = "not_started"
    check(html.escape(first.focus_points[1].text) in phases.result.value, "the course's suggestion is not shown")
    phases.start.value = f"{first.id}.{first.focus_points[1].id}"
    phases.reason.value = "Fordi <b>det</b> haster"
    check(phases.model.start_point(course).focus_point.id == first.focus_points[1].id, "where to begin not kept")
    _saves(ns, lang, {"phases": phases.model})


def check_3(ns: dict, shown: Shown, lang: str) -> None:
    from samskabelse.sections.directions import TEXT, DirectionsModel

    course = ns["course"]
    compass = ns["compass"]
    check(shown.widgets() >= 2, "the directions widget and the save box must both be shown")
    check(compass.model == DirectionsModel.for_course(course) and not compass.model.answered,
          "the workbook must start unanswered")
    check(TEXT[lang]["waiting"] in compass.result.value, "unanswered, the workbook must not state a result")
    compass.need["outward"].value = 4
    compass.sliders["outward"].value = 1
    check(compass.model.gap("outward") == 3 and compass.model.largest_gap() == ["outward"], "the gap is wrong")
    compass.names["outward"].value = "Ældreforeningen, <script>x</script>"
    _saves(ns, lang, {"directions": compass.model})


def check_4(ns: dict, shown: Shown, lang: str) -> None:
    from samskabelse.sections.framing import FramingModel

    course = ns["course"]
    pitch, control, timeline = ns["pitch"], ns["control"], ns["timeline"]
    check(shown.widgets() >= 4, "the frame sheet, the partners' influence, the timeline and the save box must be shown")
    check(pitch.model == FramingModel.for_course(course), "the workbook must start from the course's suggestion")
    check(control.model is pitch.model, "the partners' influence must be asked of the same frames")
    # the paper asks the partners' influence of every frame: so does the screen
    on_screen = set(pitch.controls()) | set(control.controls())
    check({f"influence.{e.id}" for e in course.framing.frame_elements} <= on_screen,
          "workbook 4 must ask the partners' influence, as its paper version does")
    check(not timeline.model.problems(course), "the default timeline must have no problems")
    first = course.framing.frame_elements[0]
    pitch.model.set_fixed(first.id, not first.fixed)
    _saves(ns, lang, {"framing": pitch.model, "timeline": timeline.model})


EXERCISE_CHECKS: dict[str, Callable[[dict, Shown, str], None]] = {
    "1": check_1, "2": check_2, "3": check_3, "4": check_4,
}


def run_exercise_checks(number: str, lang: str, ns: dict, shown: Shown) -> None:
    if number not in EXERCISE_CHECKS:
        raise AssertionError(f"tests/exercise_checks.py has no check for workbook {number}: add one")
    check(ns["course"].language == lang, f"workbook {number} loaded the wrong language")
    EXERCISE_CHECKS[number](ns, shown, lang)
    check_no_raw_values(shown)
    print(f"workbook {number} ({lang}): checks passed")
