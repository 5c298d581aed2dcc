"""The wheel carries the course's own files (everything else about the package is in pyproject.toml).

`pip install <checkout>` (not editable) copies data/, exercises/, notebooks/, lab-settings/ and the app mode's page
template into samskabelse/course_files/ inside the wheel, where samskabelse.base.home finds them when the package
runs without its checkout (a hub image, a second project). An editable install (make install, Binder) copies
nothing: there the checkout's own folders are the course's files. MANIFEST.in puts the same folders into the sdist,
so that a wheel built from the sdist (python -m build, uv build) carries them too.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# The lists of what is shipped and what never is, from the module that finds them (read alone: the package's
# own __init__ would import what the build's environment lacks)
_home = runpy.run_path(str(HERE / "src" / "samskabelse" / "base" / "home.py"))
INSTALLED_FOLDER, NOT_SHIPPED, SHIPPED = _home["INSTALLED_FOLDER"], _home["NOT_SHIPPED"], _home["SHIPPED"]


def course_files(root: Path) -> list[Path]:
    """Every file the wheel carries, from the checkout's root (nothing a participant or a tool left there)."""
    found = []
    for folder in SHIPPED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not set(path.relative_to(root).parts) & set(NOT_SHIPPED):
                found.append(path.relative_to(root))
    return found


class BuildWithCourseFiles(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib, "samskabelse", INSTALLED_FOLDER)
        for relative in course_files(HERE):
            self.mkpath(str((target / relative).parent))
            self.copy_file(str(HERE / relative), str(target / relative))


setup(cmdclass={"build_py": BuildWithCourseFiles})
