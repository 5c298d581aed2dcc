"""Run every notebook under nbval, as checked copies (see notebook_checks.py).

`pytest` with no paths (what `make test` runs) collects the unit tests and every notebook in both
languages, and the participants' workbooks in exercises/ (checked by exercise_checks.py).
`pytest --notebooks 02` runs only notebooks whose name starts with 02, plus the paths given;
`--notebooks exercises` runs only the workbooks.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest
from hypothesis import settings

# Saving answers keeps the participant's id and name in their own configuration folder: the tests, and the
# notebooks they run, use a folder of their own instead of the home folder of whoever runs them; and they
# run as a participant outside any JupyterHub (tests of the hub set JUPYTERHUB_USER themselves).
os.environ.setdefault("SAMSKABELSE_CONFIG_DIR", tempfile.mkdtemp(prefix="samskabelse-config-"))
os.environ.pop("JUPYTERHUB_USER", None)

# Hypothesis: `make test` (and CI) tries the same generated examples on every run (derandomized), so a failure
# shows up the same on every machine; SAMSKABELSE_HYPOTHESIS=explore draws new ones each run, and
# SAMSKABELSE_EXAMPLES=500 makes the property tests hunt longer (README, "For developers").
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("SAMSKABELSE_HYPOTHESIS", "ci"))

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
EXERCISES = ROOT / "exercises"
# SAMSKABELSE_CHECKED_DIR gives a run its own folder, so that two runs at once do not delete each other's copies.
CHECKED = Path(os.environ.get("SAMSKABELSE_CHECKED_DIR") or ROOT / "build" / "nbval").resolve()
TESTS = Path(__file__).resolve().parent


def pytest_addoption(parser):
    parser.addoption("--notebooks", action="store", default=None, metavar="PREFIX",
                     help="run the checked notebooks whose file name starts with PREFIX ('all' for every one)")


def notebook_files() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*/[0-9][0-9]-*.ipynb"))


def exercise_files() -> list[Path]:
    """The participants' workbooks: exercises/<lang>/<N>-<slug>.ipynb."""
    return sorted(EXERCISES.glob("*/[0-9]-*.ipynb"))


def build_checked_copy(src: Path, dest: Path) -> None:
    """The notebook with a recording cell first and a checking cell last."""
    nb = nbformat.read(src, as_version=4)
    lang, number = src.parent.name, src.name[:2]
    prelude = nbformat.v4.new_code_cell(
        f"import sys\nsys.path.insert(0, {str(TESTS)!r})\n"
        "from notebook_checks import install_recorder\n_shown = install_recorder()"
    )
    if src.is_relative_to(EXERCISES):
        number = src.name.split("-")[0]
        final = nbformat.v4.new_code_cell(
            f"from exercise_checks import run_exercise_checks\n"
            f"run_exercise_checks({number!r}, {lang!r}, globals(), _shown)"
        )
    else:
        final = nbformat.v4.new_code_cell(
            f"from notebook_checks import run_checks\nrun_checks({number!r}, {lang!r}, globals(), _shown)"
        )
    prelude["id"], final["id"] = "nbcheck-prelude", "nbcheck-final"
    nb.cells = [prelude, *nb.cells, final]
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)


def pytest_configure(config):
    prefix = config.getoption("--notebooks")
    no_paths = config.args_source != pytest.Config.ArgsSource.ARGS
    if prefix is None and not no_paths:
        return
    prefix = "" if prefix in (None, "all") else prefix
    shutil.rmtree(CHECKED, ignore_errors=True)
    copies = []
    for src in notebook_files():
        if src.name.startswith(prefix) and prefix != "exercises":
            dest = CHECKED / src.parent.name / src.name
            build_checked_copy(src, dest)
            copies.append(str(dest))
    for src in exercise_files():
        if prefix in ("", "exercises") or src.name.startswith(prefix):
            dest = CHECKED / "exercises" / src.parent.name / src.name
            build_checked_copy(src, dest)
            copies.append(str(dest))
    config.option.nbval_lax = True
    config.option.nbval_current_env = True
    config.option.nbval_cell_timeout = 300
    if no_paths:
        config.args[:] = [str(TESTS), *copies]
    else:
        config.args.extend(copies)


# -- the course in both languages, for the unit tests (Course is frozen, so one per module is safe) --------
@pytest.fixture(scope="module", params=["da", "en"])
def course(request):
    from samskabelse import load_course

    return load_course(request.param)


@pytest.fixture(scope="module")
def da():
    from samskabelse import load_course

    return load_course("da")


@pytest.fixture(scope="module")
def en():
    from samskabelse import load_course

    return load_course("en")
