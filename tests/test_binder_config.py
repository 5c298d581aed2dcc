"""Binder builds the course from this repository with repo2docker: environment.yml, then postBuild.

These checks catch what would only show up as a broken Binder session: a notebook importing a package that
environment.yml lacks, a postBuild that carries on after a failed step, a README or site link to a notebook that does
not exist, or a file that makes repo2docker ignore environment.yml.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# The README's Start section, and the course site's pages in docs/ (where the rest of the old README went, issue 23).
START_PAGE = ROOT / "docs" / "participants" / "start.md"


def readme_and_site_pages() -> list[Path]:
    return [README, *sorted((ROOT / "docs").rglob("*.md"))]

sys.path.insert(0, str(ROOT / "scripts"))
import requirements_from_env as env_file  # noqa: E402

ENVIRONMENT = ROOT / "environment.yml"
# environment.yml as it was before issue 11, kept to show that every check below catches what was wrong with it.
OLD_ENVIRONMENT = Path(__file__).parent / "fixtures" / "environment-before-issue-11.yml"

# One row per module: the name you import, the PyPI package that provides it (what environment.yml pins and
# `make test` installs), and the conda-forge package (what a conda user would name). Where the three differ, the
# conda-forge name was checked in its feedstock: conda-forge's `playwright` is the Node.js tool (its recipe runs
# npm), `typst` the Typst command-line program and `yaml` the C library libyaml; matplotlib-base is matplotlib
# without the Qt back end. test_the_name_table_is_true checks the first two columns against the installed packages.
NAMES = [
    # import                 PyPI                     conda-forge
    ("yaml",                 "pyyaml",                "pyyaml"),
    ("PIL",                  "pillow",                "pillow"),
    ("matplotlib",           "matplotlib",            "matplotlib-base"),
    ("mpl_toolkits",         "matplotlib",            "matplotlib-base"),
    ("numpy",                "numpy",                 "numpy"),
    ("IPython",              "ipython",               "ipython"),
    ("ipykernel",            "ipykernel",             "ipykernel"),
    ("ipywidgets",           "ipywidgets",            "ipywidgets"),
    ("traitlets",            "traitlets",             "traitlets"),
    ("jupyterlab",           "jupyterlab",            "jupyterlab"),
    ("voila",                "voila",                 "voila"),
    ("nbformat",             "nbformat",              "nbformat"),
    ("nbclient",             "nbclient",              "nbclient"),
    ("jupyter_client",       "jupyter-client",        "jupyter_client"),
    ("filelock",             "filelock",              "filelock"),
    ("typst",                "typst",                 None),  # conda-forge's typst is the command-line program
    ("pptx",                 "python-pptx",           "python-pptx"),
    ("docx",                 "python-docx",           "python-docx"),
    ("playwright",           "playwright",            "playwright-python"),
    ("axe_playwright_python", "axe-playwright-python", None),
    ("icalendar",            "icalendar",             "icalendar"),
    ("pypdf",                "pypdf",                 "pypdf"),
    ("hypothesis",           "hypothesis",            "hypothesis"),
    ("pytest",               "pytest",                "pytest"),
    ("nbval",                "nbval",                 "nbval"),
    ("ruff",                 "ruff",                  "ruff"),
    ("packaging",            "packaging",             "packaging"),
    ("jupyterhub",           "jupyterhub",            "jupyterhub"),
    ("nbgitpuller",          "nbgitpuller",           "nbgitpuller"),
    ("repo2docker",          "jupyter-repo2docker",   "jupyter-repo2docker"),
    ("requests",             "requests",              "requests"),
    ("websocket",            "websocket-client",      "websocket-client"),
    ("psutil",               "psutil",                "psutil"),
    ("babel",                "babel",                 "babel"),
    ("mistune",              "mistune",               "mistune"),
    ("fontTools",            "fonttools",             "fonttools"),
    ("importlinter",         "import-linter",         "import-linter"),
]
PYPI_OF_IMPORT = {module: pypi for module, pypi, _ in NAMES}
PYPI_OF_CONDA = {conda: pypi for _, pypi, conda in NAMES if conda}
# conda-forge packages named like a Python module that they are not (checked in their feedstocks).
CONDA_LOOKALIKES = {
    "playwright": "is the Node.js Playwright tool on conda-forge, not the Python package: that is playwright-python",
    "typst": "is the Typst command-line program on conda-forge, not the Python module: pin PyPI's typst under pip:",
    "yaml": "is the C library libyaml on conda-forge: the Python module is pyyaml",
}
# The layout: only the interpreter and pip come from conda-forge; everything else is a pip pin made by make lock.
FROM_CONDA = {"python", "pip"}
# Installed by postBuild from this repository, not by environment.yml.
OWN = {"samskabelse"}
# What a Binder session needs besides the imports: the Lab front end, a kernel, widgets in the browser, and Voilà
# for the app links (urlpath=voila/render/...).
RUNTIME = {"jupyterlab", "ipykernel", "ipywidgets", "voila"}


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def spec_name(spec: str) -> str:
    return norm(re.split(r"[=<>!~ ;\[]", spec.strip(), maxsplit=1)[0])


def environment(text: str | None = None) -> dict:
    return yaml.safe_load(ENVIRONMENT.read_text(encoding="utf-8") if text is None else text)


def conda_and_pip(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """environment.yml's conda specs, and its pip requirements with their `# via` notes."""
    return env_file.conda_specs(text), env_file.pip_entries(text)


def dev_tools() -> set[str]:
    """The packages requirements/dev.in names (test and developer tools), and their conda-forge names."""
    text = (ROOT / "requirements" / "dev.in").read_text(encoding="utf-8")
    names = {spec_name(line) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")}
    return names | {norm(conda) for _, pypi, conda in NAMES if conda and norm(pypi) in names}


def provided(text: str) -> set[str]:
    """The PyPI names of what environment.yml installs (a conda package counted by its PyPI name)."""
    conda, pip = conda_and_pip(text)
    return {norm(PYPI_OF_CONDA.get(spec_name(s), spec_name(s))) for s in conda} | {spec_name(s) for s, _ in pip}


# -- the checks, each a function of environment.yml's text, so that the old file can be put through them too ----

def wrong_conda_names(text: str) -> list[str]:
    """conda packages named after what the code imports, where conda-forge calls that something else."""
    problems = []
    for spec in conda_and_pip(text)[0]:
        name = spec_name(spec)
        if name in CONDA_LOOKALIKES:
            problems.append(f"{name}: {CONDA_LOOKALIKES[name]}")
        elif name in {norm(m) for m in PYPI_OF_IMPORT} - {norm(c) for _, _, c in NAMES if c}:
            problems.append(f"{name}: an import name, not a conda-forge package")
    return problems


def tools_in_participant_env(text: str) -> list[str]:
    """Test or developer tools in the participants' environment; one may be there only because a participant
    package needs it (the lock's note then says `via <that package>`)."""
    tools, problems = dev_tools(), []
    conda, pip = conda_and_pip(text)
    for spec in conda:
        if spec_name(spec) in tools:
            problems.append(f"{spec_name(spec)} (conda)")
    for spec, note in pip:
        needed_by = {n.strip() for n in note.removeprefix("via").split(",")} - {"participant.in", ""}
        if spec_name(spec) in tools and not needed_by:
            problems.append(f"{spec_name(spec)} (pip)")
    return problems


def loose_pins(text: str) -> list[str]:
    """Every package pinned to one exact version: `name==X.Y.Z` for conda, `name==version` for pip."""
    conda, pip = conda_and_pip(text)
    problems = [s for s in conda if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*==\d+(\.\d+)+", s)]
    problems += [s for s, _ in pip if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.+!]+", s)]
    return problems


def packages_from_conda(text: str) -> list[str]:
    """conda packages besides Python and pip (everything else is a pip pin that make test installs too)."""
    return [s for s in conda_and_pip(text)[0] if spec_name(s) not in FROM_CONDA]


def takeover_files(root: Path) -> list[str]:
    """Files that make repo2docker build from something other than ./environment.yml (from its buildpacks' detect()
    and binder_dir, repo2docker 2026.4), and files it would silently ignore beside environment.yml."""
    problems = []
    for name in ("binder", ".binder"):
        if (root / name).is_dir():
            problems.append(f"{name}/: repo2docker then reads its configuration only from {name}/")
    takers = {"Dockerfile": "a Docker build", "Project.toml": "Julia", "JuliaProject.toml": "Julia",
              "REQUIRE": "the removed Julia REQUIRE build (an error)", "default.nix": "Nix", "DESCRIPTION": "R"}
    problems += [f"{name}: {why} instead of environment.yml" for name, why in takers.items() if (root / name).exists()]
    runtime = root / "runtime.txt"
    if runtime.exists():
        content = runtime.read_text(encoding="utf-8").strip()
        problems.append(f"runtime.txt ({content!r}): 'r-…' with a date makes it an R build, a malformed one fails "
                        "the build, and with environment.yml a python-… one is ignored; set Python in environment.yml")
    # setup.py (what the wheel carries) is read when postBuild installs the package with pip, so it is not ignored
    installed = (root / "postBuild").exists() and "pip install" in (root / "postBuild").read_text(encoding="utf-8")
    for name in ("environment.yaml", "requirements.txt", "requirements3.txt", "Pipfile", "Pipfile.lock", "setup.py"):
        if (root / name).exists() and not (name == "setup.py" and installed):
            problems.append(f"{name}: ignored by repo2docker's conda build, so not in the Binder image")
    return problems


def missing_imports(text: str, needed: dict[str, set[str]]) -> list[str]:
    """Modules imported by src/ or a notebook that environment.yml does not provide."""
    have, problems = provided(text), []
    for module, where in sorted(needed.items()):
        if module in OWN:
            continue
        if module not in PYPI_OF_IMPORT:
            problems.append(f"{module} (imported in {', '.join(sorted(where))}) is not in NAMES: add a row")
        elif norm(PYPI_OF_IMPORT[module]) not in have:
            problems.append(f"{module} (imported in {', '.join(sorted(where))}): {PYPI_OF_IMPORT[module]} is not "
                            "in environment.yml; add it to requirements/participant.in and run make lock")
    return problems


def top_level_imports(source: str) -> set[str]:
    """Absolute imports in Python source; IPython magics and shell lines are left out."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    tree = ast.parse("\n".join(lines))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def notebook_files() -> list[Path]:
    return sorted([*(ROOT / "notebooks").glob("*/*.ipynb"), *(ROOT / "exercises").rglob("*.ipynb")])


def imports_in(paths_and_sources) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path, source in paths_and_sources:
        for name in top_level_imports(source):
            if name not in sys.stdlib_module_names and name != "__future__":
                found.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    return found


@functools.cache
def imports_needed() -> dict[str, set[str]]:
    """Every third-party module the notebooks and the package import, with where it is imported."""
    sources = [(p, p.read_text(encoding="utf-8")) for p in (ROOT / "src" / "samskabelse").rglob("*.py")]
    for path in notebook_files():
        nb = nbformat.read(path, as_version=4)
        sources += [(path, cell.source) for cell in nb.cells if cell.cell_type == "code"]
    return imports_in(sources)


def test_environment_yml_parses_and_is_conda_forge():
    env = environment()
    assert env.get("name"), "environment.yml needs a name"
    assert env["channels"] == ["conda-forge"]
    assert "python==3.11.14" in env["dependencies"]


def test_conda_names_are_conda_forge_names():
    problems = wrong_conda_names(ENVIRONMENT.read_text(encoding="utf-8"))
    assert not problems, "environment.yml names the wrong conda-forge packages:\n" + "\n".join(problems)


def test_no_test_tool_in_the_participants_environment():
    problems = tools_in_participant_env(ENVIRONMENT.read_text(encoding="utf-8"))
    assert not problems, f"test tools in environment.yml (they belong in requirements/dev.in): {problems}"


def test_every_pin_is_exact():
    problems = loose_pins(ENVIRONMENT.read_text(encoding="utf-8"))
    assert not problems, f"pins that are not exact (run make lock): {problems}"


def test_only_python_and_pip_come_from_conda():
    """So that Binder (conda + pip) and make test (pip) install the very same package versions."""
    problems = packages_from_conda(ENVIRONMENT.read_text(encoding="utf-8"))
    assert not problems, f"add these to requirements/participant.in instead and run make lock: {problems}"


def test_nothing_takes_over_from_environment_yml():
    problems = takeover_files(ROOT)
    assert not problems, "repo2docker would not build from environment.yml alone:\n" + "\n".join(problems)


def test_environment_yml_provides_what_the_course_imports():
    needed = imports_needed()
    assert {"samskabelse", "ipywidgets", "matplotlib"} <= set(needed), "the import scan found nothing: is it broken?"
    problems = missing_imports(ENVIRONMENT.read_text(encoding="utf-8"), needed)
    assert not problems, "\n".join(problems)
    have = provided(ENVIRONMENT.read_text(encoding="utf-8"))
    assert RUNTIME <= have, f"environment.yml lacks {sorted(RUNTIME - have)}"


def test_the_locks_provide_what_the_tests_import():
    tools = [p for folder in ("tests", "benchmarks", "hub", "scripts") for p in (ROOT / folder).rglob("*.py")]
    needed = imports_in((p, p.read_text(encoding="utf-8")) for p in tools)
    local = {p.stem for p in tools} | {p.name for p in (ROOT / "tests").iterdir() if p.is_dir()}
    dev = {spec_name(line) for line in (ROOT / "requirements" / "dev.txt").read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")}
    have = provided(ENVIRONMENT.read_text(encoding="utf-8")) | dev
    problems = [f"{m} ({', '.join(sorted(w))})" for m, w in sorted(needed.items()) if m not in OWN | local
                and norm(PYPI_OF_IMPORT.get(m, m)) not in have]
    assert not problems, f"tests import modules that neither lock provides (add to requirements/dev.in): {problems}"


def test_the_name_table_is_true():
    """Each row's PyPI package really provides the module (from the installed packages' own file lists)."""
    from importlib.metadata import packages_distributions

    providers = {module: {norm(d) for d in dists} for module, dists in packages_distributions().items()}
    wrong = {module: (pypi, sorted(providers.get(module, ()))) for module, pypi, _ in NAMES
             if norm(pypi) not in providers.get(module, set())}
    assert not wrong, f"NAMES rows whose PyPI package does not provide the module (row, installed providers): {wrong}"


def test_the_import_scan_sees_through_notebook_cells():
    assert top_level_imports("%matplotlib inline\nimport numpy as np\nfrom PIL.Image import open\nfrom . import x") \
        == {"numpy", "PIL"}


def test_the_checks_catch_what_was_wrong_before_issue_11():
    """Put the old environment.yml through every check: each must find what the issue found."""
    old = OLD_ENVIRONMENT.read_text(encoding="utf-8")
    assert wrong_conda_names(old) == [f"playwright: {CONDA_LOOKALIKES['playwright']}"]
    assert {p.split()[0] for p in tools_in_participant_env(old)} == {
        "nbval", "pytest", "pytest-timeout", "ruff", "icalendar", "playwright"}
    assert len(loose_pins(old)) == len(environment(old)["dependencies"]), "none of the old pins was exact"
    assert "numpy=2" in loose_pins(old) and "python=3.11" in loose_pins(old)
    assert len(packages_from_conda(old)) == 16
    # The old file left IPython and traitlets to conda's solver; with an exact lock they are pinned by name.
    assert any(p.startswith("IPython ") for p in missing_imports(old, imports_needed()))
    assert wrong_conda_names("dependencies:\n  - yaml=0.2\n  - PIL=1\n  - typst=0.10\n") == [
        f"yaml: {CONDA_LOOKALIKES['yaml']}", "pil: an import name, not a conda-forge package",
        f"typst: {CONDA_LOOKALIKES['typst']}"]


def test_takeover_check_catches_each_file(tmp_path):
    assert takeover_files(tmp_path) == []
    for name in ("Dockerfile", "Project.toml", "JuliaProject.toml", "default.nix", "DESCRIPTION", "runtime.txt",
                 "requirements.txt", "setup.py"):
        (tmp_path / name).write_text("r-4.4-2025-06-01\n" if name == "runtime.txt" else "", encoding="utf-8")
        assert any(p.startswith(f"{name} ") or p.startswith(f"{name}:") for p in takeover_files(tmp_path)), name
    (tmp_path / ".binder").mkdir()
    assert any(p.startswith(".binder/") for p in takeover_files(tmp_path))


# -- repo2docker itself: which build it picks, and what the Dockerfile it writes does --------------------------

def picked_buildpack(path: Path, monkeypatch):
    """The buildpack repo2docker picks for the repository at `path` (its own detection, as in Repo2Docker.build)."""
    from repo2docker.app import Repo2Docker

    monkeypatch.chdir(path)
    app = Repo2Docker()
    for buildpack in app.buildpacks:
        bp = buildpack(base_image=app.base_image)
        if bp.detect():
            return bp
    return app.default_buildpack(base_image=app.base_image)


def binder_config_copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("environment.yml", "postBuild", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, repo / name)
    return repo


def test_repo2docker_builds_from_environment_yml(monkeypatch):
    bp = picked_buildpack(ROOT, monkeypatch)
    assert type(bp).__name__ == "CondaBuildPack", f"repo2docker would build with {type(bp).__name__}"
    assert bp.environment_yaml_path == "environment.yml" and bp.python_version == "3.11"
    assert bp._should_preassemble_env, "environment.yml refers to local files: it could not be installed first"


@pytest.mark.parametrize("name, content, taker", [
    ("Dockerfile", "FROM scratch\n", "DockerBuildPack"),
    ("Project.toml", "", "JuliaProjectTomlBuildPack"),
    ("JuliaProject.toml", "", "JuliaProjectTomlBuildPack"),
    ("default.nix", "", "NixBuildPack"),
    ("DESCRIPTION", "", "RBuildPack"),
    ("runtime.txt", "r-4.4-2025-06-01\n", "RBuildPack"),
    ("binder/", None, "PythonBuildPack"),
    (".binder/", None, "PythonBuildPack"),
])
def test_each_file_of_the_takeover_check_takes_over_in_repo2docker(tmp_path, monkeypatch, name, content, taker):
    repo = binder_config_copy(tmp_path)
    assert type(picked_buildpack(repo, monkeypatch)).__name__ == "CondaBuildPack"
    if content is None:
        (repo / name).mkdir()
        (repo / name / "postBuild").write_text("#!/bin/bash\n", encoding="utf-8")
    else:
        (repo / name).write_text(content, encoding="utf-8")
    assert type(picked_buildpack(repo, monkeypatch)).__name__ == taker
    assert takeover_files(repo), f"takeover_files misses {name}"


@pytest.mark.parametrize("name", ["requirements.txt", "setup.py", "Pipfile"])
def test_files_the_conda_build_ignores_are_flagged_too(tmp_path, monkeypatch, name):
    """The old check forbade these as if they took over; they do not, but Binder would silently not install them."""
    repo = binder_config_copy(tmp_path)
    (repo / name).write_text("", encoding="utf-8")
    assert type(picked_buildpack(repo, monkeypatch)).__name__ == "CondaBuildPack"
    if name == "setup.py":  # read by the pip install of postBuild; without it, ignored as the others are
        assert takeover_files(repo) == []
        (repo / "postBuild").write_text("#!/bin/bash\nset -euo pipefail\n", encoding="utf-8")
    assert takeover_files(repo) == [f"{name}: ignored by repo2docker's conda build, so not in the Binder image"]


def test_repo2docker_installs_environment_yml_before_the_repository(tmp_path):
    """The Dockerfile repo2docker writes (--no-build: no Docker needed) copies environment.yml alone and installs it
    before the rest of the repository, so the pins must be inline (a `-r file` line would lose that cached layer),
    and runs postBuild afterwards."""
    repo = binder_config_copy(tmp_path)
    result = subprocess.run([sys.executable, "-m", "repo2docker", "--no-build", "--debug", "--user-id", "1000",
                             "--user-name", "jovyan", str(repo)], capture_output=True, text=True, timeout=120)
    dockerfile = result.stdout + result.stderr
    assert result.returncode == 0, dockerfile[-2000:]
    copy_env = dockerfile.index("COPY --chown=1000:1000 src/environment.yml")
    update = dockerfile.index('env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"')
    copy_all = dockerfile.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    assert copy_env < update < copy_all < dockerfile.index("RUN ./postBuild")
    assert "Building conda environment for python=3.11" in dockerfile


def test_voila_is_enabled_as_a_server_extension():
    """Binder links with urlpath=voila/render/... need Voilà's Jupyter server extension, which its package enables."""
    config = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / "voila.json"
    assert config.is_file(), f"{config} missing: is voila installed?"
    enabled = json.loads(config.read_text(encoding="utf-8"))["ServerApp"]["jpserver_extensions"]
    assert enabled.get("voila.server_extension") is True


# --------------------------------------------------------------------------------------------------------------
# postBuild

STUB = """#!/bin/sh
echo "$(basename "$0") $PWD $*" >> {log}
case "$*" in *sys.prefix*) echo {prefix}; exit 0;; esac
case "$(basename "$0") $*" in "python -m samskabelse install-templates"*) exec {python} "$@" --prefix {prefix};; esac
[ "$(basename "$0")" = pip ] && exit {pip_exit}
exit 0
"""


def run_postbuild(tmp_path: Path, pip_exit: int) -> tuple[subprocess.CompletedProcess, list[str]]:
    """postBuild in a copy of the repository, with stub `pip`, `python` and `jupyter` that log their arguments.

    The stubs stand for the environment Binder has built; the stub `python` names a temporary prefix, so nothing
    the script installs or copies reaches this machine's environment (`python -m samskabelse install-templates`
    runs for real, into that prefix). `pip` exits with `pip_exit`.
    """
    bin_dir, prefix, log = tmp_path / "bin", tmp_path / "prefix", tmp_path / "calls.log"
    bin_dir.mkdir()
    prefix.mkdir()
    for name in ("pip", "python", "python3", "jupyter"):
        stub = bin_dir / name
        stub.write_text(STUB.format(log=log, prefix=prefix, pip_exit=pip_exit, python=sys.executable),
                        encoding="utf-8")
        stub.chmod(0o755)
    work = tmp_path / "repo"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(".git", ".venv", "build", "__pycache__", "answers"))
    # A line after the real script shows whether it went on after a failure.
    script = work / "postBuild"
    script.write_text((ROOT / "postBuild").read_text(encoding="utf-8") + "\ntouch went-on\n", encoding="utf-8")
    shutil.copymode(ROOT / "postBuild", script)
    env = {"PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(["./postBuild"], cwd=work, env=env, capture_output=True, text=True, timeout=30)
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, calls


def test_postbuild_is_executable():
    assert os.access(ROOT / "postBuild", os.X_OK), "repo2docker runs ./postBuild: chmod +x postBuild"
    assert (ROOT / "postBuild").read_text(encoding="utf-8").startswith("#!"), "postBuild needs a #! line"


def test_postbuild_installs_the_package_from_the_repository(tmp_path):
    result, calls = run_postbuild(tmp_path, pip_exit=0)
    assert result.returncode == 0, result.stderr
    assert f"pip {tmp_path / 'repo'} install --no-deps -e ." in calls, calls
    assert (tmp_path / "repo" / "went-on").exists()


def test_postbuild_stops_on_the_first_error(tmp_path):
    result, calls = run_postbuild(tmp_path, pip_exit=3)
    assert any(call.startswith("pip ") for call in calls), calls
    assert result.returncode != 0, "postBuild succeeded although pip failed"
    assert not (tmp_path / "repo" / "went-on").exists(), "postBuild went on after a failed step: use set -e"


# --------------------------------------------------------------------------------------------------------------
# Links in the README and on the course site

BINDER_URL = re.compile(r"https://mybinder\.org/v2/gh/[^\s)`\"'>\]]+")
HUB_URL = re.compile(r"https?://[^\s)`\"'>\]]*/hub/user-redirect/git-pull\?[^\s)`\"'>\]]+")
VOILA_COMMAND = re.compile(r"\bvoila\s+([^\s`]+\.ipynb)")


def target_of(urlpath: str) -> tuple[str, str]:
    """('lab' | 'voila', path in the repository) for an urlpath such as voila/render/notebooks/da/02-x.ipynb."""
    urlpath = unquote(urlpath).lstrip("/")
    for prefix, kind in (("lab/tree/", "lab"), ("voila/render/", "voila"), ("tree/", "lab"), ("voila/tree/", "voila")):
        if urlpath.startswith(prefix):
            return kind, urlpath[len(prefix):]
    raise AssertionError(f"urlpath {urlpath!r} opens neither JupyterLab nor Voilà")


def readme_links() -> list[tuple[str, str, str]]:
    """(link, kind, repository path) for every Binder, nbgitpuller and local Voilà link in the README and the site."""
    text = "\n".join(page.read_text(encoding="utf-8") for page in readme_and_site_pages())
    links = []
    for url in BINDER_URL.findall(text):
        query = parse_qs(urlsplit(url).query)
        if "urlpath" in query:
            links.append((url, *target_of(query["urlpath"][0])))
    for url in HUB_URL.findall(text):
        query = parse_qs(urlsplit(url.replace("&amp;", "&")).query)
        kind, path = target_of(query["urlpath"][0])
        # nbgitpuller clones into a folder named after the repository (or `targetpath`): drop that first part.
        links.append((url, kind, path.split("/", 1)[1] if "/" in path else ""))
    for path in VOILA_COMMAND.findall(text):
        links.append((f"voila {path}", "voila", path))
    return links


def test_readme_links_point_at_files_that_exist():
    links = readme_links()
    kinds = {kind for _, kind, _ in links}
    assert {"lab", "voila"} <= kinds, f"the README should link the course in Lab and as a Voilà app: {links}"
    for link, kind, path in links:
        target = ROOT / path
        assert path and target.exists(), f"README link {link} points at {path!r}, which does not exist"
        if kind == "voila":
            assert target.suffix == ".ipynb" or target.is_dir(), f"{link}: Voilà renders notebooks"


def test_link_check_catches_a_wrong_path():
    assert target_of("voila%2Frender%2Fnotebooks%2Fda%2F02-x.ipynb") == ("voila", "notebooks/da/02-x.ipynb")
    with pytest.raises(AssertionError):
        target_of("rstudio")
    assert not (ROOT / target_of("lab/tree/notebooks/da/99-nope.ipynb")[1]).exists()


def test_readme_voila_commands_are_the_ones_that_are_tested():
    """The local command on the site is `voila notebooks/da/NN-....ipynb`, as test_browser_voila.py runs it."""
    text = textwrap.dedent((ROOT / "docs" / "participants" / "app-mode.md").read_text(encoding="utf-8"))
    commands = VOILA_COMMAND.findall(text)
    assert any(re.fullmatch(r"notebooks/da/\d\d-[a-z0-9-]+\.ipynb", c) for c in commands), commands


# --------------------------------------------------------------------------------------------------------------
# Binder as a participant sees it

# How the README names a package of requirements/participant.in, where that differs from its PyPI name.
SHOWN_AS = {"voila": "Voilà", "numpy": "NumPy", "pillow": "Pillow", "pyyaml": "PyYAML", "jupyterlab": "JupyterLab"}


def readme_section(title: str) -> str:
    """A section of the site's Start page (in the README before issue 23), up to the next heading of its level."""
    text = START_PAGE.read_text(encoding="utf-8")
    start = text.index(title)
    level = title.split(" ", 1)[0]
    end = text.find(f"\n{level} ", start)
    return text[start:end if end > 0 else None]


def test_readme_says_what_the_binder_image_holds():
    section = readme_section("## On Binder")
    wanted = [line.split("#", 1)[0].strip() for line in
              (ROOT / "requirements" / "participant.in").read_text(encoding="utf-8").splitlines()]
    missing = [name for name in wanted if name and SHOWN_AS.get(name, name) not in section]
    assert not missing, (f"the Binder section of docs/participants/start.md ('What the Binder image holds') does not "
                         f"name {missing}, which requirements/participant.in adds")
    count = len(env_file.requirements(ENVIRONMENT.read_text(encoding="utf-8")))
    said = re.search(r"about (\d+) packages in all", section)
    assert said and abs(int(said[1]) - count) <= 15, \
        f"the Binder section of docs/participants/start.md should say 'about {count} packages'"
    assert "are not in it" in section and "pytest" in section, "say that the test tools are not in the image"


def test_readme_gives_the_binder_build_time_as_an_estimate():
    section = readme_section("## On Binder")
    assert re.search(r"\*\*How long the first start takes \(an estimate[^)]*\)\.\*\*", section)
    assert re.search(r"\d+–\d+ minutes", section), "give the build time as a range of minutes"
    assert re.search(r"\d+ MB of wheels", section), "say what the estimate is based on"


TEST_ONLY = re.compile(r"\b(pytest|nbval|ruff|playwright|hypothesis|make test|pip install|conda install|%pip|!pip|"
                       r"\.venv/bin|requirements/dev)\b", re.I)


def test_the_start_page_assumes_no_test_tools():
    """A participant on Binder has only environment.yml: the start page sends no one to a test tool or a shell."""
    for path in sorted((ROOT / "notebooks").glob("*/00-*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            found = TEST_ONLY.search(cell.source)
            assert not found, f"{path.relative_to(ROOT)}: the start page mentions {found[0]!r}"
    assert TEST_ONLY.search("Run `make test` first") and not TEST_ONLY.search("make lab")


# --------------------------------------------------------------------------------------------------------------
# CI

def test_ci_installs_chromium_and_requires_the_browser_tests():
    """.ci/run brings Debian's Chromium when it is missing and runs make test with CI=true, where the browser tests
    fail instead of skipping without a browser (tests/browser/harness.py: require_browser)."""
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    assert "/usr/bin/chromium" in text and "apt-get install" in text and "chromium" in text
    assert "playwright install" not in text, "never let Playwright download a browser"
    assert re.search(r'export CI="\$\{CI:-true\}"', text)
    assert text.index("apt-get install") < text.index("make test")
