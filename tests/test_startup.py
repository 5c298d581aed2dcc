"""What makes a notebook start sooner (issue 16) must not change what it shows.

- the course file read by libyaml gives exactly what the pure-Python parser gives, lines included, and a broken
  file is still reported in the pure-Python parser's words;
- a figure laid out inside its first draw is the figure laid out first and drawn after;
- a moving label's extent, taken from its cached glyph outline, is matplotlib's own;
- `import samskabelse` and the course file's check import neither matplotlib nor the widgets.

How long a start takes is measured by benchmarks/startup.py, not here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from samskabelse.course import REPO_ROOT
from samskabelse.course import file as course_file

COURSE_FILES = sorted(REPO_ROOT.glob("data/*/course.yaml")) + sorted(REPO_ROOT.glob("exercises/*/*.yaml"))


def same(a, b) -> bool:
    """Equal values, and equal line numbers on every mapping, key and list."""
    if isinstance(a, dict):
        return (isinstance(b, dict) and a.keys() == b.keys() and a.line == b.line and a.key_lines == b.key_lines
                and all(same(a[k], b[k]) for k in a))
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and a.line == b.line and all(map(same, a, b))
    return type(a) is type(b) and a == b


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: only the pure-Python parser")
@pytest.mark.parametrize("path", COURSE_FILES, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_libyaml_reads_a_course_file_as_the_pure_python_parser_does(path):
    text = path.read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=course_file._FastLineLoader)  # noqa: S506 - a CSafeLoader subclass
    slow = yaml.load(text, Loader=course_file._LineLoader)  # noqa: S506 - a SafeLoader subclass
    assert same(fast, slow)


@pytest.mark.parametrize("text", ["gains:\n  - id: a\n    name: [unclosed\n", "a: 1\nb: : 2\n", "a:\n\t- tab\n",
                                  "a: 1\na: 2\n"])
def test_a_broken_course_file_is_reported_as_before(text, tmp_path, monkeypatch):
    path = tmp_path / "course.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(course_file.CourseError) as fast:
        course_file.read_yaml(path, "da")
    monkeypatch.setattr(course_file, "_FastLineLoader", None)
    with pytest.raises(course_file.CourseError) as slow:
        course_file.read_yaml(path, "da")
    assert str(fast.value) == str(slow.value)


def test_a_figure_laid_out_in_its_first_draw_is_the_figure_laid_out_before(course):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    from samskabelse.widgets.figures import LiveFigure, figure_png, new_figure

    def build():
        fig = new_figure(8, 4)
        ax = fig.add_subplot()
        ax.barh(range(len(course.gains)), [3] * len(course.gains))
        ax.set_yticks(range(len(course.gains)), [g.name for g in course.gains])
        ax.set_title(course.gains[0].name)
        return fig

    before = build()
    FigureCanvasAgg(before)
    before.draw_without_rendering()  # the layout pass the figures used to make first
    before.set_layout_engine("none")
    live = LiveFigure(build())
    assert not isinstance(live.fig.get_layout_engine(), ConstrainedLayoutEngine), "the layout must stay frozen"
    assert bytes(live.image.value) == figure_png(before)


def test_a_moving_labels_extent_is_matplotlibs_own(course):
    from matplotlib.patches import PathPatch

    from samskabelse.widgets.figures import PathText, new_figure

    fig = new_figure(8, 4)
    ax = fig.add_subplot()
    ax.set_xlim(0, 10)
    renderer = fig.canvas.get_renderer()
    for i, text in enumerate([course.phases[0].name, "Udvalgsmøde: 6 %", "Æ ø å – 95 %", "", "g"]):
        label = PathText(ax, (i, i / 5), text, size=11 + i % 3, box=i % 2 == 0, weight="bold" if i % 2 else "normal")
        label.set_alignment("right" if i % 2 else "center")
        for patch in label.artists:
            exact = PathPatch.get_window_extent(patch, renderer)
            assert patch.get_window_extent(renderer).extents == pytest.approx(exact.extents, abs=1e-6), text


def test_importing_the_package_or_checking_a_course_file_draws_on_nothing():
    code = ("import sys, samskabelse\nfrom samskabelse import load_course, open_course\nload_course('da')\n"
            "print(sorted(m for m in sys.modules if m.startswith(('matplotlib', 'ipywidgets', 'samskabelse.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parent).stdout
    loaded = eval(out)  # noqa: S307 - our own printed list
    assert not [m for m in loaded if m.startswith(("matplotlib", "ipywidgets"))], loaded
    widget_modules = {"samskabelse.sections.gains", "samskabelse.sections.timeline", "samskabelse.widgets.figures",
                      "samskabelse.answers"}
    assert not widget_modules & set(loaded), loaded


@pytest.mark.parametrize("env", ["this environment", ".venv-hub"])
def test_the_environments_come_with_their_bytecode(env):
    """uv installs without bytecode unless asked. A participant's account cannot write `__pycache__` into the
    hub's root-owned environment (nor can anyone with PYTHONDONTWRITEBYTECODE set), so every kernel then compiled
    ipykernel, traitlets, IPython and matplotlib from source: a blank notebook's kernel took 1.64 s of CPU instead
    of 0.64 s (benchmarks/startup.py --kernel-only). make install and make hub-install compile at install."""
    import importlib.util

    prefix = Path(sys.prefix) if env == "this environment" else REPO_ROOT / env  # .venv, or make VENV=...
    site = next((prefix / "lib").glob("python3.*/site-packages"), None)
    if site is None:
        pytest.skip(f"{env} is not installed here")
    for module in ("traitlets/traitlets.py", "IPython/core/interactiveshell.py", "ipykernel/kernelbase.py",
                   "matplotlib/pyplot.py", "ipywidgets/widgets/widget.py"):
        source = site / module
        assert source.exists(), source
        # The bytecode of that environment's Python (python3.11 -> .cpython-311.pyc), which may not be this one's.
        tag = "cpython-" + site.parent.name.removeprefix("python").replace(".", "")
        compiled = Path(importlib.util.cache_from_source(str(source))).with_name(f"{source.stem}.{tag}.pyc")
        assert compiled.exists(), f"{source} has no bytecode ({compiled.name})"
