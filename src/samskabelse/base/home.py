"""Where the course's own files are, checkout or installed package: one answer, used by every module that reads them.

    course_root()               the folder holding data/, exercises/, notebooks/, lab-settings/ and share/
    course_path("data/da/course.yaml")       a course file by its path from that folder
    find(Path("data/example-team/da"))       a path someone typed: as given if it exists, else from course_root()
    shown(path)                 a path as the course names it: from course_root() when inside it, else as given
    output_root()               where the course's commands write by default (build/kit/...)

From a checkout (make install, Binder's postBuild: an editable install) the course's files are the checkout's own
folders. From an installed package (`pip install <checkout>`, a hub image, a second project) they are the copies
the wheel carries in samskabelse/course_files/ (setup.py puts them there when the wheel is built), found beside
this package with importlib.resources; the commands then write into the current folder, never into the
installation. A facilitator's own course file is read from wherever its path says (course.load_course).
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path

# What the wheel carries, as paths from the checkout's root (setup.py copies them into samskabelse/course_files/).
SHIPPED = ("data", "exercises", "notebooks", "lab-settings", "share/jupyter/voila/templates/samskabelse")
INSTALLED_FOLDER = "course_files"
# Never in a wheel: what participants and tools leave in the folders (the same as .gitignore's).
NOT_SHIPPED = ("answers", "exports", "__pycache__", ".ipynb_checkpoints")

_CHECKOUT = Path(__file__).resolve().parents[3]  # src/samskabelse/base/home.py -> the checkout's root


def is_checkout(folder: Path = _CHECKOUT) -> bool:
    """Whether this package runs from a checkout of the course (src/samskabelse beside data/)."""
    return (folder / "src" / "samskabelse").is_dir() and (folder / "data").is_dir()


@functools.cache
def course_root() -> Path:
    """The folder that holds the course's files: the checkout this package runs from, else the copies the
    installed package carries."""
    if is_checkout():
        return _CHECKOUT
    return Path(str(files("samskabelse").joinpath(INSTALLED_FOLDER))).resolve()


def course_path(relative: str | Path) -> Path:
    """One of the course's own files or folders by its path from the course's root ("data/da/course.yaml")."""
    return course_root() / relative


def output_root() -> Path:
    """Where the course's commands write by default: the checkout, else the current folder."""
    return _CHECKOUT if is_checkout() else Path.cwd()


def find(path: str | Path) -> Path:
    """A path someone typed or gave: as given when it is absolute or exists (from the current folder, the
    notebook's), else one of the course's own files of that name (data/example-team/da), else as given."""
    path = Path(path)
    if path.is_absolute() or path.exists() or not (course_root() / path).exists():
        return path
    return course_root() / path


def shown(path: str | Path, fallback: str | None = None) -> str:
    """A path as the course names it on screen and on paper: from the course's root when it lies inside it (the
    same in a checkout and an installed package), else `fallback` (e.g. its name), else as given."""
    path = Path(path)
    try:
        return path.resolve().relative_to(course_root()).as_posix()
    except (OSError, ValueError):
        return str(path) if fallback is None else fallback
