"""Continue where you left off (issue 24): the save box brings a participant's own saved answers back into the
notebook's widgets, as they were when saved, and knows whether something changed since the last save.

"A reload" here is what Voilà does on a reload: a new kernel runs the notebook again, building new widgets and a new
save box; the answers file and the participant's own record (their id, the name they saved with) stay."""

from __future__ import annotations

import json

import pytest

from samskabelse import answers as A
from samskabelse.answers.save_box import BINDER_ENV_VARS, UNSAVED, save_box


@pytest.fixture(autouse=True)
def participant(monkeypatch, tmp_path):
    for var in (*BINDER_ENV_VARS, A.HUB_USER_ENV):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv(A.CONFIG_ENV, str(tmp_path / "participant"))
    A._SESSION_IDS.clear()


def png(widget) -> bytes:
    return bytes(widget.live.image.value)


def typology_page(course, folder):
    from samskabelse import place_your_project

    typology = place_your_project(course)
    return typology, save_box(course, typology, folder=folder)


def framing_page(course, folder):
    from samskabelse import chalk_the_pitch, share_control

    pitch = chalk_the_pitch(course)
    control = share_control(course, pitch)
    return pitch, control, save_box(course, pitch, folder=folder)


def test_typology_comes_back_as_it_was_saved(course, tmp_path):
    typology, box = typology_page(course, tmp_path / "answers")
    initiative = typology.sliders["initiative"]
    initiative.value = initiative.options[-1][1]  # "Helt: borgere, foreninger ..." (the activity left as shown)
    typology.project.value = "Besøgsvenner på plejecentret"
    box.name.value = "Anna"
    box.save()
    assert box.result is not None and "Anna" in box.status.value
    before = {"model": typology.model.to_dict(), "png": png(typology), "result": typology.result.value,
              "alt": typology.live.alt, "controls": {k: c.value for k, c in typology.controls().items()}}

    again, box2 = typology_page(course, tmp_path / "answers")  # the reload: the name is remembered, nothing else
    assert box2.name.value == "Anna" and again.model.to_dict() != before["model"]
    assert box2.restore_button.layout.display != "none"
    assert box2.restore() is True
    assert again.model.to_dict() == before["model"] and again.model.answered == typology.model.answered
    assert {k: c.value for k, c in again.controls().items()} == before["controls"]
    assert (again.result.value, again.live.alt) == (before["result"], before["alt"])
    assert png(again) == before["png"], "the figure differs from the one on screen when saved"
    assert again.suggestion.box.layout.display == "none"  # answered: no "Kursets forslag" note
    assert "samskabelse-saved" in box2.status.value and not box2.unsaved


def test_framing_comes_back_in_both_widgets(course, tmp_path):
    pitch, control, box = framing_page(course, tmp_path / "answers")
    first, second = list(pitch.sliders)[:2]
    pitch.sliders[first].value = not pitch.sliders[first].value
    decider = pitch.deciders[second]
    decider.value = decider.options[-1][1]
    slider = control.sliders[first]
    slider.value = slider.options[-1][1]
    box.name.value = "Bo"
    box.save()
    before = {"model": pitch.model.to_dict(), "sheet": pitch.result.value, "reflection": control.result.value,
              "pngs": (png(pitch), png(control)),
              "controls": {k: c.value for w in (pitch, control) for k, c in w.controls().items()}}

    pitch2, control2, box2 = framing_page(course, tmp_path / "answers")
    assert box2.restore() is True
    assert pitch2.model is control2.model and pitch2.model.to_dict() == before["model"]
    assert {k: c.value for w in (pitch2, control2) for k, c in w.controls().items()} == before["controls"]
    assert (pitch2.result.value, control2.result.value) == (before["sheet"], before["reflection"])
    assert (png(pitch2), png(control2)) == before["pngs"]
    # nothing is marked by bringing answers back: what counts as answered is what the file says
    assert pitch2.model.answered == pitch.model.answered


def test_the_box_knows_when_something_is_not_saved(course, tmp_path):
    typology, box = typology_page(course, tmp_path / "answers")
    assert not box.unsaved and UNSAVED not in box.box._dom_classes
    typology.project.value = "Legepladsen"
    assert box.unsaved and UNSAVED in box.box._dom_classes
    box.name.value = "Cai"
    box.save()
    assert not box.unsaved and UNSAVED not in box.box._dom_classes
    typology.project.value = "Legepladsen i parken"
    assert UNSAVED in box.box._dom_classes
    typology.project.value = "Legepladsen"  # back to what was saved
    assert UNSAVED not in box.box._dom_classes
    # the app says that a reload clears what is not saved (shown in Voilà, hidden in JupyterLab)
    assert "samskabelse-app-only" in box.reload.value and ("Genindlæser" in box.reload.value
                                                           or "If you reload" in box.reload.value)


def test_only_the_participants_own_file_comes_back(course, tmp_path, monkeypatch):
    typology, box = typology_page(course, tmp_path / "answers")
    typology.project.value = "Mettes projekt"
    box.name.value = "Mette"
    box.save()
    # another participant on the same machine account, with the same name: not Mette's file for them
    monkeypatch.setenv(A.CONFIG_ENV, str(tmp_path / "another"))
    A._SESSION_IDS.clear()
    again, box2 = typology_page(course, tmp_path / "answers")
    box2.name.value = "Mette"
    assert box2.restore() is False and again.model.project == ""
    assert "ingen gemte svar" in box2.status.value or "no saved answers" in box2.status.value
    # ... and without a name there is nothing to look for
    box2.name.value = ""
    assert box2.restore() is False and box2.status.value


def test_on_a_hub_the_answers_come_back_by_themselves(course, tmp_path, monkeypatch):
    monkeypatch.setenv(A.HUB_USER_ENV, "jupyter-anna")
    typology, box = typology_page(course, tmp_path / "answers")
    typology.project.value = "Fælleshaven"
    box.name.value = "Anna"
    box.save()
    again, box2 = typology_page(course, tmp_path / "answers")
    assert again.model.project == "Fælleshaven" and again.project.value == "Fælleshaven"
    assert "samskabelse-saved" in box2.status.value and not box2.unsaved


def test_a_section_without_show_answers_keeps_its_file_and_says_so(course, tmp_path):
    """Until every section widget has show_answers, the box offers what it can bring back and names the rest."""
    from samskabelse import place_your_project

    class Plain:  # a widget that registers on its model but cannot show saved answers
        def __init__(self, model):
            from samskabelse.sections.protocol import show_on_screen

            self.model = model
            show_on_screen(model, self)

    from samskabelse.sections.framing import FramingModel

    framing = Plain(FramingModel.for_course(course))
    assert save_box(course, framing, folder=tmp_path).restore_button.layout.display == "none"
    typology = place_your_project(course)
    box = save_box(course, typology, framing, folder=tmp_path)
    box.name.value = "Dea"
    box.save()
    box2 = save_box(course, place_your_project(course), Plain(FramingModel.for_course(course)), folder=tmp_path)
    assert box2.restore() is True
    from samskabelse.answers.save_box import section_label

    assert section_label("framing", course.language) in box2.status.value.split("<br>")[1], box2.status.value
    assert json.loads((tmp_path / "dea.json").read_text(encoding="utf-8"))["answers"]["framing"]


# -- every notebook and workbook: its own cells, run again as a reload runs them ------------------------------------
ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
WITH_ANSWERS = [*(p for lang in ("da", "en") for p in sorted((ROOT / "notebooks" / lang).glob("0[1-6]-*.ipynb"))),
                *sorted((ROOT / "exercises").glob("*/[0-9]-*.ipynb"))]


def run_cells(path):
    """The notebook's code cells, run as Voilà runs them in a new kernel; returns what each cell shows (the value
    of its last expression) and its names."""
    import ast

    import nbformat

    names: dict = {}
    shown = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(path), "exec"), names)  # noqa: S102 (the course's own notebook)
        if last is not None:
            shown.append(eval(compile(ast.Expression(last.value), str(path), "eval"), names))  # noqa: S307
    return shown, names


def the_box(shown, names):
    from samskabelse.answers.save_box import SaveBox

    return next(x for x in [*shown, *names.values()] if isinstance(x, SaveBox))


def answering_widgets(box):
    from samskabelse.sections.protocol import screens

    return [w for m in box.models for w in screens(m) if callable(getattr(w, "controls", None))]


def flat(control):
    return list(control) if isinstance(control, (list, tuple)) else [control]


def answer(box, lang, every=1):
    """Answer what the notebook's widgets ask, every `every`-th item, with values unlike their starting ones."""
    from datetime import date, timedelta

    import ipywidgets as widgets

    from samskabelse.sections.timeline import format_input_date

    start = date(2027, 3, 1)
    n = 0
    for widget in answering_widgets(box):
        if hasattr(widget, "show_model"):  # 06's working model: answered only while its panel is open
            widget.show_model.value = True
        for item in list(widget.controls()):
            n += 1
            if n % every:
                continue
            for i, c in enumerate(flat(widget.controls()[item])):
                if isinstance(c, widgets.Checkbox):
                    c.value = not c.value
                elif isinstance(c, widgets.Textarea):
                    c.value = f"Første linje {n}\nAnden linje {n}"
                elif isinstance(c, widgets.Text) and item.startswith(("factors.", "correlation", "stalls.")):
                    # 06's working model, numbers as the page writes them (0,9): a little more, still valid
                    number = float(c.value.replace(",", "."))
                    number = min(number + 5, 90) if item.startswith("stalls.") else (
                        min(number + 0.1, 0.9) if item == "correlation" else number + 0.1)
                    text = f"{number:.2f}".rstrip("0").rstrip(".")
                    c.value = text.replace(".", ",") if lang == "da" else text
                elif isinstance(c, widgets.Text) and (item == "start" or item.endswith(".date")):
                    c.value = format_input_date(start if item == "start" else start + timedelta(days=300 + n), lang)
                elif isinstance(c, widgets.Text):
                    c.value = "Anna, Bo" if item.startswith("stakeholders.") else f"Svar {n}-{i}"
                elif isinstance(c, widgets.FloatText):
                    c.value = round(c.value + 0.1, 2)
                elif isinstance(c, widgets.IntSlider):
                    c.value = min(c.max, c.value + 2 + n % 3)
                elif getattr(c, "options", None):
                    values = [o[1] if isinstance(o, tuple) else o for o in c.options]
                    choices = [v for v in values[1:] if v != c.value] or [v for v in values if v != c.value]
                    if choices:
                        c.value = choices[(n + i) % len(choices)]
                else:
                    raise AssertionError(f"{item}: a control the test cannot answer: {type(c).__name__}")


def page(shown, box):
    """Everything the notebook shows but its save box: each widget's value (texts, choices, results, figures as
    PNG bytes) and whether it is shown, in page order; and each model, with what was answered."""
    import ipywidgets as widgets

    out = []

    def walk(w, path):
        if w is box.box:
            return
        out.append((path, type(w).__name__, getattr(w.layout, "display", None) if hasattr(w, "layout") else None,
                    bytes(w.value) if isinstance(w, widgets.Image) else getattr(w, "value", None)))
        for i, child in enumerate(getattr(w, "children", ())):
            walk(child, f"{path}/{i}")

    for k, thing in enumerate(shown):
        root = thing if isinstance(thing, widgets.Widget) else getattr(thing, "box", None)
        if isinstance(root, widgets.Widget):
            walk(root, str(k))
    models = [(m.to_dict(), sorted(m.answered)) for m in box.models]
    return out, models


def same_picture(a: bytes, b: bytes) -> bool:
    """Two PNGs show the same picture: equal pixels, up to the antialiasing of labels drawn again in place (a
    figure redrawn in bands after each change against one drawn whole: edges up to 32 of 255 darker; a bar, mark
    or word that is not the same differs by far more)."""
    import io

    import numpy as np
    from PIL import Image

    pa, pb = (np.asarray(Image.open(io.BytesIO(x)).convert("RGB"), dtype=int) for x in (a, b))
    return pa.shape == pb.shape and int(np.abs(pa - pb).max()) <= 32


def differences(before, after):
    a, b = before[0], after[0]
    assert [x[:2] for x in a] == [x[:2] for x in b], "the page has other widgets after the reload"
    return [(x[0], x[1], x[2:], y[2:]) for x, y in zip(a, b, strict=True) if x != y
            and not (x[1] == "Image" and x[2] == y[2] and same_picture(x[3], y[3]))]


@pytest.mark.parametrize("every", [1, 2], ids=["everything", "every-other-item"])
@pytest.mark.parametrize("path", WITH_ANSWERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_reload_brings_back_the_notebook_as_it_was_saved(path, every, tmp_path, monkeypatch):
    """Set values, save, run the notebook's cells again in a new 'kernel' (a reload in Voilà), press "Hent mine
    gemte svar": every control, result text and figure is as it was when saved, and what was answered is what
    was answered then, not more."""
    monkeypatch.setenv(A.FOLDER_ENV_VAR, str(tmp_path / "answers"))
    lang = "da" if path.parent.name == "da" else "en"
    shown, names = run_cells(path)
    box = the_box(shown, names)
    answer(box, lang, every)
    box.name.value = "Anna"
    box.save()
    assert box.result is not None and not box.unsaved, box.status.value
    saved = page(shown, box)

    A._SESSION_IDS.clear()  # a new kernel: the participant's record is read again from their folder
    shown2, names2 = run_cells(path)
    box2 = the_box(shown2, names2)
    fresh = page(shown2, box2)
    assert fresh[1] != saved[1], "the reload kept the answers by itself: nothing to bring back"
    assert box2.restore_button.layout.display != "none"
    assert box2.restore() is True, box2.status.value
    assert "samskabelse-saved" in box2.status.value and not box2.unsaved
    restored = page(shown2, box2)
    assert restored[1] == saved[1], "the models (and what was answered) differ from the saved ones"
    left = differences(saved, restored)
    # 06's time axis keeps its extent while the plan changes a little (TimelineFigure.right), so the figure on
    # screen before the reload depends on the way there; restored, it is the plan's figure as 06 draws it when
    # opened with that plan (the same dates, chances and labels: its text, compared above, is the same)
    timelines = {id(w.live.image): w for w in answering_widgets(box2) if hasattr(w, "show_model")}
    for where, kind, _before, (_display, png_now) in left[:]:
        image = next((w for w in timelines.values() if bytes(w.live.image.value) == png_now), None)
        if kind == "Image" and image is not None:
            from samskabelse import plan_timeline

            drawn = plan_timeline(image.course, image.model)
            assert same_picture(bytes(drawn.live.image.value), png_now), f"{where}: not the saved plan's figure"
            left.remove((where, kind, _before, (_display, png_now)))
    assert not left, left[:5]
