"""Course and participant text in figures is drawn as it was written: a "$" is a dollar sign, never mathtext."""

from __future__ import annotations

import matplotlib as mpl
import pytest
import yaml
from every_widget import draw_everything
from matplotlib.text import Text

from samskabelse.course import default_course_path, read_course
from samskabelse.course.file import max_chars
from samskabelse.widgets.figures import new_figure

# mathtext cannot parse this: drawn as math, it stops the figure with a ValueError
DOLLARS = r"$\frac$ 5$"
TEXT_KEYS = {"name", "text", "who", "title", "label", "when"}


def with_dollars(data, path: str = ""):
    """Every name and short text of the course file starting with DOLLARS (cut to the field's limit)."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key in TEXT_KEYS and isinstance(value, str):
                out[key] = f"{DOLLARS} {value}"[: max_chars(path, key)]
            else:
                out[key] = with_dollars(value, f"{path}.{key}" if path else key)
        return out
    if isinstance(data, list):
        return [with_dollars(v, path) for v in data]
    return data


@pytest.fixture(scope="module", params=["da", "en"])
def dollar_course(request, tmp_path_factory):
    lang = request.param
    data = with_dollars(yaml.safe_load(default_course_path(lang).read_text(encoding="utf-8")))
    path = tmp_path_factory.mktemp("dollars") / "course.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return read_course(path, lang)


def texts_of(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text()]


def test_the_course_style_turns_mathtext_off():
    fig = new_figure(3, 2)
    label = fig.text(0.1, 0.5, "$5 or $10")
    assert mpl.rcParams["text.parse_math"] is False
    assert label._preprocess_math(label.get_text()) == ("$5 or $10", False), "drawn as typed, no backslash"


def test_dollar_names_in_every_figure_of_every_notebook(dollar_course, tmp_path):
    course = dollar_course
    assert course.gains[0].name.startswith(DOLLARS) and course.phases[0].name.startswith(DOLLARS)
    built = draw_everything(course, tmp_path)  # draws every figure from the course file's "$" names
    # and what participants type
    built["typology"].project.value = DOLLARS
    built["gains"].own_names[0].value = DOLLARS
    built["gains"].own_importance[0].value = 4
    built["directions"].names[course.directions[0].id].value = f"{DOLLARS}, Anna $x$"
    built["timeline"].project.value = DOLLARS
    next(iter(built["timeline"].deadline_names.values())).value = DOLLARS
    for name, widget in built.items():
        errors = getattr(widget, "errors", None)
        assert errors is None or not errors.showing, f"{name}: {errors.alert.value}"
        live = getattr(widget, "live", None)
        if live is None:
            continue
        live.fig.canvas.draw()
        drawn = texts_of(live.fig)
        assert drawn, name
        for text in drawn:
            assert not text.get_parse_math(), f"{name}: {text.get_text()!r} would be read as mathtext"
    title = built["timeline"].figure.title.get_text()
    assert DOLLARS in title, "the project's name in the title, as typed"


def test_a_character_the_font_lacks_is_drawn_without_a_warning_under_the_figure():
    import warnings

    from samskabelse.widgets.figures import figure_png

    fig = new_figure(3, 2)
    fig.text(0.1, 0.5, "Projekt \U00100eda 🙂")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # as a notebook shows them
        new_figure(1, 1)  # the course style is set again with every figure
        figure_png(fig)
    assert not [w for w in caught if "missing from font" in str(w.message)]
