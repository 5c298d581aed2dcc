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

