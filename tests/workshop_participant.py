"""One participant of the workshop test (tests/test_workshop.py), run in a process of their own.

    python tests/workshop_participant.py spec.json

The spec says who they are (name, the initial they give if the save box asks), the course file, the folder they
save into, which notebooks they do and how ("set": they set every control; "half": every other one; "accept":
they look and save without changing anything). Their own configuration folder (their participant id) comes from
the environment the test gives the process. Each notebook's widgets are built as the notebook builds them, the
controls are set, the notebook's save box saves (asked for an initial when the name is taken, they give it), and
what each widget showed at that moment is written to spec["out"]: per section the value each control showed (as
its words on screen), the model as saved, and what the save box said was still unanswered.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path


def flat(controls: dict) -> list[tuple[str, object]]:
    out = []
    for key, control in controls.items():
        for c in control if isinstance(control, list | tuple) else [control]:
            out.append((key, c))
    return out


def shown(control) -> str:
    """The words a control shows: a choice's label, a number, a text."""
    label = getattr(control, "label", None)
    if isinstance(label, str) and hasattr(control, "options"):
        return label
    return str(getattr(control, "value", ""))


def act(widgets, style: str, rng: random.Random, name: str) -> None:
    import ipywidgets as w

    from samskabelse.widgets.answering import NOT_RATED

    if style == "accept":
        return
    controls = [c for widget in widgets for c in flat(widget.controls())]
    for i, (key, control) in enumerate(controls):
        if style == "half" and i % 2:
            continue
        if hasattr(control, "options") and control.options:
            values = [v for _, v in control.options] if isinstance(control.options[0], tuple) else list(control.options)
            values = [v for v in values if v not in (NOT_RATED, "")]
            if values:
                control.value = rng.choice(values)
        elif isinstance(control, w.Textarea):
            control.value = f"Første skridt for {name}\nAndet skridt"
        elif isinstance(control, w.Text):
            if not control.value.strip():  # dates and names the course gave stay as shown
                control.value = f"{key.split('.')[-1]} ({name})"
        elif isinstance(control, w.IntSlider | w.FloatSlider):
            low, high = control.min, min(control.max, control.min + 30)
            control.value = rng.randint(int(low), int(high))


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    from samskabelse.answers.save_box import save_box
    from samskabelse.course import read_course
    from samskabelse.sections import section

    course = read_course(spec["course"], spec["lang"])
    rng = random.Random(spec["seed"])
    record = {"sections": {}, "saves": []}
    for rounds, style in enumerate(spec["rounds"]):  # "half" then "set": the same notebooks saved twice
        for name in spec["sections"]:
            widgets = section(name).screen(course)
            act(widgets, style, rng, spec["name"])
            box = save_box(course, *widgets, folder=spec["folder"])
            box.name.value = spec["name"]
            box.save()
            if box.addition.layout.display != "none":  # the name is taken: she gives her initial
                box.addition.value = spec["addition"]
                box.save()
            model = widgets[0].model
            definition = section(name)
            record["sections"][name] = {
                "shown": {k: shown(c) for widget in widgets for k, c in flat(widget.controls())},
                "model": json.loads(json.dumps(model.to_dict())),
                "answered": sorted(model.answered),
                "not_answered": definition.not_answered(model, course),
                "status": box.status.value,
            }
            record["saves"].append({"round": rounds, "section": name, "path": str(box.result.path),
                                    "bytes": Path(box.result.path).read_text(encoding="utf-8")})
            record["file"] = str(box.result.path)
            record["label"] = box.result.payload["name"]
    Path(spec["out"]).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
