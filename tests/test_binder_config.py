"""Binder builds the course from this repository with repo2docker: environment.yml, then postBuild.

These checks catch what would only show up as a broken Binder session: a notebook importing a package that
environment.yml lacks, a postBuild that carries on after a failed step, a README link to a notebook that does not
exist, or a file that makes repo2docker ignore environment.yml.
"""

from __future__ import annotations

import ast
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

# Import name -> the PyPI package in environment.yml's pip pins that provides it.
PROVIDED_BY = {
    "yaml": "pyyaml",
    "PIL": "pillow",
    "matplotlib": "matplotlib",
    "mpl_toolkits": "matplotlib",
    "IPython": "ipython",
    "traitlets": "traitlets",
    "ipywidgets": "ipywidgets",
    "numpy": "numpy",
    "nbformat": "nbformat",
    "jupyter_client": "jupyter-client",
    "filelock": "filelock",
    "typst": "typst",
    "pptx": "python-pptx",
    "docx": "python-docx",
}
# Installed by postBuild from this repository, not by conda.
OWN = {"samskabelse"}
# What a Binder session needs besides the imports: the Lab front end, a kernel, widgets in the browser, and Voilà
# for the app links (urlpath=voila/render/...).
RUNTIME = {"jupyterlab", "ipykernel", "ipywidgets", "voila"}


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def listed_packages() -> set[str]:
    """The conda packages and the pip packages environment.yml names (lower case, '-' for '_')."""
    names = set()
    for spec in environment()["dependencies"]:
        for item in spec["pip"] if isinstance(spec, dict) else [spec]:
            names.add(re.split(r"[=<>! ;\[]", item, maxsplit=1)[0].lower().replace("_", "-"))
    return names


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


def imports_needed() -> dict[str, set[str]]:
    """Every third-party module the notebooks and the package import, with where it is imported."""
    found: dict[str, set[str]] = {}
    sources = [(p, p.read_text(encoding="utf-8")) for p in (ROOT / "src" / "samskabelse").rglob("*.py")]
    for path in notebook_files():
        nb = nbformat.read(path, as_version=4)
        sources += [(path, cell.source) for cell in nb.cells if cell.cell_type == "code"]
    for path, source in sources:
        for name in top_level_imports(source):
            if name not in sys.stdlib_module_names and name != "__future__":
                found.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_environment_yml_parses_and_is_conda_forge():
    env = environment()
    assert env.get("name"), "environment.yml needs a name"
    assert env["channels"] == ["conda-forge"]
    assert any(str(spec).startswith("python=3.11.") for spec in env["dependencies"])


def test_environment_yml_holds_what_the_notebooks_import():
    listed = listed_packages()
    needed = imports_needed()
    assert {"samskabelse", "ipywidgets"} <= set(needed), "the import scan found nothing: is it broken?"
    for name, where in sorted(needed.items()):
        if name in OWN:
            continue
        assert name in PROVIDED_BY, (f"{name} (imported in {', '.join(sorted(where))}) is not known here: add it to "
                                     "environment.yml and to PROVIDED_BY in tests/test_binder_config.py")
        assert PROVIDED_BY[name] in listed, (f"{name} is imported in {', '.join(sorted(where))}, but "
                                             f"{PROVIDED_BY[name]} is not in environment.yml")
    assert RUNTIME <= listed, f"environment.yml lacks {sorted(RUNTIME - listed)}"


def test_the_import_scan_sees_through_notebook_cells():
    assert top_level_imports("%matplotlib inline\nimport numpy as np\nfrom PIL.Image import open\nfrom . import x") \
        == {"numpy", "PIL"}


def test_voila_is_enabled_as_a_server_extension():
    """Binder links with urlpath=voila/render/... need Voilà's Jupyter server extension, which its package enables."""
    config = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / "voila.json"
    assert config.is_file(), f"{config} missing: is voila installed?"
    enabled = json.loads(config.read_text(encoding="utf-8"))["ServerApp"]["jpserver_extensions"]
    assert enabled.get("voila.server_extension") is True


def test_nothing_makes_repo2docker_ignore_environment_yml():
    for name in ("binder", ".binder"):
        assert not (ROOT / name).exists(), f"a {name}/ folder would make repo2docker ignore the root files"
    for name in ("Dockerfile", "requirements.txt", "runtime.txt", "Pipfile", "setup.py"):
        assert not (ROOT / name).exists(), f"{name} at the root changes how repo2docker builds: keep environment.yml"


# --------------------------------------------------------------------------------------------------------------
# postBuild

STUB = """#!/bin/sh
echo "$(basename "$0") $PWD $*" >> {log}
case "$*" in *sys.prefix*) echo {prefix}; exit 0;; esac
[ "$(basename "$0")" = pip ] && exit {pip_exit}
exit 0
"""


def run_postbuild(tmp_path: Path, pip_exit: int) -> tuple[subprocess.CompletedProcess, list[str]]:
    """postBuild in a copy of the repository, with stub `pip`, `python` and `jupyter` that log their arguments.

    The stubs stand for the environment Binder has built; the stub `python` names a temporary prefix, so nothing
    the script installs or copies reaches this machine's environment. `pip` exits with `pip_exit`.
    """
    bin_dir, prefix, log = tmp_path / "bin", tmp_path / "prefix", tmp_path / "calls.log"
    bin_dir.mkdir()
    prefix.mkdir()
    for name in ("pip", "python", "python3", "jupyter"):
        stub = bin_dir / name
        stub.write_text(STUB.format(log=log, prefix=prefix, pip_exit=pip_exit), encoding="utf-8")
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
# Links in the README

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
    """(link, kind, repository path) for every Binder, nbgitpuller and local Voilà link in the README."""
    text = README.read_text(encoding="utf-8")
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
    """The local command in the README is `voila notebooks/da/NN-....ipynb`, as test_browser_voila.py runs it."""
    text = textwrap.dedent(README.read_text(encoding="utf-8"))
    commands = VOILA_COMMAND.findall(text)
    assert any(re.fullmatch(r"notebooks/da/\d\d-[a-z0-9-]+\.ipynb", c) for c in commands), commands


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
