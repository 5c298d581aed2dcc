"""The package installs like one: `pip install <checkout>` (not editable) into a fresh environment gives a working
course, run from a folder that is not the checkout (a hub image, a second project; issue 23, item 5).

The wheel is built from the sdist (as python -m build and uv build do: MANIFEST.in and setup.py must both carry the
course's files), installed into a new virtual environment in a temporary folder with the participants' pins as
constraints (from uv's cache where it can, offline), and then, from another folder: the course check, the course
in both languages, one widget of each section, a plan written to PDF, Markdown and Word, the facilitator's kit of
one language, and one notebook run from a copy of notebooks/ outside the checkout. About 30-60 s (most of it the
kit's typesetting and the notebook's kernel, in an environment without bytecode yet): marked `install`, which
make test runs and make test-fast leaves out.
"""

from __future__ import annotations

import ast
import json
import os
import runpy
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
UV = Path(sys.executable).parent / "uv"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONSTRAINTS = ROOT / "requirements" / "participant.txt"


def declared() -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, PYPROJECT["project"]["dependencies"])}


def locked() -> dict[str, str]:
    """{name: version} of the participants' universal lock (markers left out: one version per package)."""
    found = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if line:
            name, version = line.split("==")
            found[canonicalize_name(name)] = version
    return found


# -- the declared dependencies -----------------------------------------------------------------------------------

def test_the_dependencies_are_ranges_that_hold_the_locked_versions():
    pins = locked()
    for name, req in declared().items():
        assert not any(s.operator == "==" for s in req.specifier), f"{req}: a range, the exact pin is the lock's"
        assert any(s.operator == "<" for s in req.specifier), f"{req}: an upper bound (the next major version)"
        assert name in pins, f"{name} is not in requirements/participant.txt: add it to participant.in, make lock"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"{req} does not hold the locked {name}=={pins[name]}"


def test_every_participant_package_is_a_dependency():
    text = (ROOT / "requirements" / "participant.in").read_text(encoding="utf-8")
    wanted = {canonicalize_name(line.split("#", 1)[0].strip()) for line in text.splitlines()
              if line.split("#", 1)[0].strip()}
    assert wanted <= set(declared()), f"not in pyproject.toml's dependencies: {sorted(wanted - set(declared()))}"


def test_every_module_the_package_imports_is_declared():
    """A third-party module imported anywhere in src/ comes from a declared dependency (or one they bring for
    sure: IPython with ipykernel), so that pip install brings it."""
    imported = set()
    for path in (ROOT / "src" / "samskabelse").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {m for m in imported - set(sys.stdlib_module_names) if m not in ("samskabelse", "__future__")}
    providers = packages_distributions()
    brought = {"IPython": "ipykernel", "matplotlib_inline": "ipykernel"}
    missing = {}
    for module in sorted(third_party):
        names = {canonicalize_name(d) for d in providers.get(module, [])} | {brought.get(module, "")}
        if not names & set(declared()):
            missing[module] = sorted(names - {""})
    assert not missing, f"imported but not declared in pyproject.toml (module: distributions): {missing}"


def test_a_dependency_left_out_is_caught(monkeypatch):
    """The check above fails when a package the code imports is missing from the list."""
    shortened = [d for d in PYPROJECT["project"]["dependencies"] if not d.startswith("pyyaml")]
    monkeypatch.setitem(PYPROJECT["project"], "dependencies", shortened)
    with pytest.raises(AssertionError, match="yaml"):
        test_every_module_the_package_imports_is_declared()


# -- where the course's files are ---------------------------------------------------------------------------------

def test_one_module_knows_where_the_course_files_are():
    """No module finds a course file from its own place (Path(__file__).parents[...]) but base/home.py; the kit's
    Typst templates lie beside their module, as package data."""
    found = []
    for path in (ROOT / "src" / "samskabelse").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if ("parents[" in text or "REPO_ROOT /" in text) and path.name != "home.py":
            found.append(path.relative_to(ROOT).as_posix())
    assert not found, f"find the course's files with samskabelse.base.home instead: {found}"


def test_from_a_checkout_the_course_root_is_the_checkout(tmp_path, monkeypatch):
    from samskabelse.base import home

    assert home.course_root() == ROOT and home.is_checkout() and home.output_root() == ROOT
    assert not home.is_checkout(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert home.find("data/da/course.yaml") == ROOT / "data" / "da" / "course.yaml"  # not here: the course's
    (tmp_path / "data" / "da").mkdir(parents=True)
    (tmp_path / "data" / "da" / "course.yaml").write_text("x", encoding="utf-8")
    assert home.find("data/da/course.yaml") == Path("data/da/course.yaml")  # here: the one typed
    assert home.find("nowhere.yaml") == Path("nowhere.yaml")  # neither: as typed, for the message
    assert home.shown(ROOT / "data" / "en" / "course.yaml") == "data/en/course.yaml"
    assert home.shown(tmp_path / "x.yaml") == str(tmp_path / "x.yaml")
    assert home.shown(tmp_path / "x.yaml", fallback="x.yaml") == "x.yaml"


# -- the wheel, installed ----------------------------------------------------------------------------------------

def uv(*args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    """uv from its cache (offline) where it can; from the index when the cache lacks something (a cold CI)."""
    done = subprocess.run([str(UV), *args, "--offline"], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        done = subprocess.run([str(UV), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"uv {' '.join(args)}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


SMOKE = r'''
import json, sys, time
from pathlib import Path

from samskabelse import (chalk_the_pitch, load_course, mark_your_readiness, place_your_project, plan_timeline,
                         rate_directions, weigh_gains, your_plan)
from samskabelse.base.home import course_root, is_checkout

timings = {}
started = time.perf_counter()
courses = {lang: load_course(lang) for lang in ("da", "en")}
widgets = [make(courses["da"]) for make in (place_your_project, weigh_gains, mark_your_readiness, rate_directions,
                                             chalk_the_pitch, plan_timeline)]
plan = your_plan(courses["en"])  # no answers here: the invented example team's, from the installed data/
saved = plan.save()
print(json.dumps({
    "root": str(course_root()), "checkout": is_checkout(), "courses": {k: str(c.path) for k, c in courses.items()},
    "widgets": [type(w).__name__ for w in widgets], "plan_files": [str(p) for p in plan.saved or ()],
    "plan_label": plan.files[0][0] if plan.files else "", "seconds": round(time.perf_counter() - started, 2),
}))
'''


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of a fresh venv with the wheel installed, the folder it runs from, the wheel, timings)."""
    tmp = tmp_path_factory.mktemp("install")
    timings = {}
    started = time.perf_counter()
    uv("build", "--quiet", "--out-dir", str(tmp / "dist"), str(ROOT), cwd=tmp)
    timings["build"] = time.perf_counter() - started
    [wheel] = (tmp / "dist").glob("*.whl")
    started = time.perf_counter()
    uv("venv", "--quiet", "--python", sys._base_executable, str(tmp / "venv"), cwd=tmp)
    python = tmp / "venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    uv("pip", "install", "--quiet", "--python", str(python), str(wheel), "-c", str(CONSTRAINTS), cwd=tmp)
    timings["install"] = time.perf_counter() - started
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return python, elsewhere, wheel, timings


def run(python: Path, *args: str, cwd: Path, env: dict | None = None, timeout: int = 300):
    # Nothing of the checkout on the path: PYTHONPATH and the like are cleared, the kernel finds the installed package
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SAMSKABELSE_", "VIRTUAL_ENV"))}
    return subprocess.run([str(python), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=clean | (env or {}))


@pytest.mark.install
def test_the_wheel_carries_the_package_and_the_course_files(installed):
    _, _, wheel, timings = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {f"samskabelse/{p.relative_to(ROOT / 'src' / 'samskabelse').as_posix()}"
               for p in (ROOT / "src" / "samskabelse").rglob("*") if p.suffix in (".py", ".typ")
               and "__pycache__" not in p.parts}
    assert modules - names == set(), "modules missing from the wheel"
    shipped_folders = runpy.run_path(str(ROOT / "src" / "samskabelse" / "base" / "home.py"))["SHIPPED"]
    tracked = subprocess.run(["git", "ls-files", *shipped_folders], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert tracked, "git lists the course's files"
    shipped = {f"samskabelse/course_files/{p}" for p in tracked}
    assert shipped - names == set(), "course files missing from the wheel"
    assert not [n for n in names if "/answers/" in n and n.endswith(".json")], "a participant's answers in the wheel"
    print(f"\nwheel {wheel.stat().st_size / 1000:.0f} kB, build {timings['build']:.1f} s, "
          f"venv and install {timings['install']:.1f} s")


@pytest.mark.install
def test_the_installed_course_checks_and_loads_from_another_folder(installed):
    python, elsewhere, _, _ = installed
    check = run(python, "-m", "samskabelse", "check", cwd=elsewhere)
    assert check.returncode == 0, check.stderr
    assert check.stdout.count("OK  ") == 3 and "site-packages" in check.stdout, check.stdout

    done = run(python, "-c", SMOKE, cwd=elsewhere)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert not out["checkout"] and "site-packages" in out["root"], out
    assert all(Path(p).is_relative_to(out["root"]) for p in out["courses"].values()), out
    assert len(set(out["widgets"])) == 6, out
    files = [elsewhere / p for p in out["plan_files"]]  # exports/..., from the folder the plan was made in
    assert sorted(p.suffix for p in files) == [".docx", ".md", ".pdf"], out
    assert all(p.is_relative_to(elsewhere) and p.stat().st_size > 1000 for p in files), out
    assert not any((Path(out["root"]) / "notebooks").rglob("*.pdf")), "nothing written into the installation"


@pytest.mark.install
def test_a_facilitators_own_course_file_by_path_works_installed(installed, tmp_path):
    python, elsewhere, _, _ = installed
    own = tmp_path / "mit-hold.yaml"
    shutil.copy(ROOT / "exercises" / "da" / "eksempel-hold-havneby.yaml", own)
    check = run(python, "-m", "samskabelse", "check", str(own), cwd=elsewhere)
    assert check.returncode == 0 and f"OK  {own}" in check.stdout, check.stdout + check.stderr
    code = "from samskabelse import load_course; print(load_course('da').path)"
    done = run(python, "-c", code, cwd=elsewhere, env={"SAMSKABELSE_COURSE": str(own)})
    assert done.returncode == 0 and done.stdout.strip() == str(own), done.stdout + done.stderr


@pytest.mark.install
def test_the_installed_kit_builds_in_the_current_folder(installed):
    python, elsewhere, _, _ = installed
    done = run(python, "-m", "samskabelse", "kit", "data/en/course.yaml", cwd=elsewhere)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    kit = elsewhere / "build" / "kit" / "en"
    pdfs = sorted(p.name for p in kit.rglob("*.pdf"))
    assert len(pdfs) >= 5, pdfs  # worksheets and guides: the exercises/ and the Typst templates travel too
    contents = (kit / "CONTENTS.md").read_text(encoding="utf-8") if (kit / "CONTENTS.md").exists() else ""
    assert "site-packages" not in contents, "a path of the installation on paper"


@pytest.mark.install
def test_a_notebook_runs_from_a_copy_of_the_notebooks_outside_the_checkout(installed, tmp_path):
    python, _, _, _ = installed
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns("answers", "exports", ".ipynb_checkpoints"))
    notebook = tmp_path / "notebooks" / "da" / "02-gevinster.ipynb"
    code = ("import sys, nbformat; from nbclient import NotebookClient\n"
            "nb = nbformat.read(sys.argv[1], as_version=4)\n"
            "NotebookClient(nb, timeout=120, kernel_name='python3', resources={'metadata': {'path': sys.argv[2]}})"
            ".execute()\n"
            "errors = [o for c in nb.cells for o in c.get('outputs', []) if o.get('output_type') == 'error']\n"
            "print(len([c for c in nb.cells if c.cell_type == 'code']), len(errors))\n")
    done = run(python, "-c", code, str(notebook), str(notebook.parent), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    cells, errors = map(int, done.stdout.split()[-2:])
    assert cells >= 3 and errors == 0, done.stdout
