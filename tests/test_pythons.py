"""The Pythons people have: make finds a supported one (scripts/find-python) or says which to install, the hub's
environment takes any supported Python every account can run, and the supported list is one list everywhere.

The locks themselves (one version per package for each supported Python and platform) are checked in
tests/test_dependencies.py; CI runs the whole suite on Binder's Python and the quick tier on a newer one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIND = ROOT / "scripts" / "find-python"
sys.path.insert(0, str(ROOT / "scripts"))
import lock  # noqa: E402

THIS = f"{sys.version_info.major}.{sys.version_info.minor}"
TOOLS_DIR: Path | None = None


def script_list(name: str) -> list[str]:
    match = re.search(rf'^{name}="([^"]*)"', FIND.read_text(encoding="utf-8"), re.M)
    assert match, f"scripts/find-python has no {name}=..."
    return match[1].split()


TOOLS = ("sed", "grep", "ls", "sort")  # what find-python runs besides the shell's own commands


@pytest.fixture(scope="module")
def tools(tmp_path_factory) -> Path:
    """A folder with only the tools find-python needs, to put at the end of a PATH that holds no Python."""
    folder = tmp_path_factory.mktemp("tools")
    for name in TOOLS:
        (folder / name).symlink_to(shutil.which(name))
    return folder


def find(*args: str, path: str, home: Path | None = None) -> subprocess.CompletedProcess:
    """scripts/find-python with PATH = `path` (and the tools), HOME = `home` (where pyenv's Pythons are)."""
    env = {"PATH": f"{path}:{TOOLS_DIR}", "HOME": str(home or "/nonexistent")}
    return subprocess.run(["/bin/sh", str(FIND), *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture(autouse=True)
def _tools_on_path(tools):
    global TOOLS_DIR
    TOOLS_DIR = tools


def fake_python(folder: Path, name: str, version: str, verdict: str = "ok") -> Path:
    """An executable that answers find-python's two questions as a Python `version` would: its version, then its
    path and a verdict ('ok', 'venv' for a Python without its venv module)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'#!/bin/sh\ncase "$2" in *version_info*) echo {version} ;; *) echo "$0"; echo {verdict} ;; '
                    "esac\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def broken(folder: Path, name: str) -> Path:
    """A command that exists but does not run a Python (as a pyenv shim of a version not activated)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\necho \"pyenv: $0: command not found\" >&2\nexit 127\n", encoding="utf-8")
    path.chmod(0o755)
    return path


# -- one list of supported Pythons ------------------------------------------------------------------------------

def test_the_supported_pythons_are_one_list():
    """pyproject.toml's classifiers (what make lock checks the wheels for) are what find-python accepts; the
    preferred order names each of them once, and the oldest is Binder's."""
    supported = lock.supported_pythons()
    assert script_list("SUPPORTED") == supported
    assert sorted(script_list("PREFERRED")) == sorted(supported)
    assert supported[0] == "3.11" and {"3.12", "3.13"} <= set(supported)


def test_this_python_is_a_supported_one():
    assert THIS in lock.supported_pythons()


# -- scripts/find-python ----------------------------------------------------------------------------------------

def test_it_takes_the_first_preferred_python_that_runs(tmp_path):
    first, then = tmp_path / "shims", tmp_path / "bin"
    broken(first, "python3.13")  # a pyenv shim that does not run hides nothing behind it
    fake_python(then, "python3.13", "3.13")
    fake_python(then, "python3.12", "3.12")
    result = find(path=f"{first}:{then}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(then / "python3.13")
    (then / "python3.13").unlink()
    assert find(path=f"{first}:{then}").stdout.strip() == str(then / "python3.12")


def test_preferred_order_then_plain_python3(tmp_path):
    preferred = script_list("PREFERRED")
    for i, version in enumerate(preferred):
        fake_python(tmp_path / f"d{i}", f"python{version}", version)
    fake_python(tmp_path / "plain", "python3", preferred[-1])
    folders = [tmp_path / f"d{i}" for i in reversed(range(len(preferred)))] + [tmp_path / "plain"]
    path = ":".join(map(str, folders))
    for version in preferred:
        assert find(path=path).stdout.strip().endswith(f"python{version}")
        (next(f for f in folders if (f / f"python{version}").exists()) / f"python{version}").unlink()
    assert find(path=path).stdout.strip() == str(tmp_path / "plain" / "python3")


def test_pyenvs_installs_are_found_when_nothing_on_path_fits(tmp_path):
    home = tmp_path / "home"
    fake_python(home / ".pyenv/versions/3.12.1/bin", "python3.12", "3.12")
    fake_python(home / ".pyenv/versions/3.12.10/bin", "python3.12", "3.12")
    fake_python(home / ".pyenv/versions/3.12.4t/bin", "python3.12", "3.12")  # free-threaded: not chosen
    result = find(path=str(tmp_path / "empty"), home=home)
    assert result.stdout.strip() == str(home / ".pyenv/versions/3.12.10/bin/python3.12"), result.stderr
    assert find("3.12", path=str(tmp_path / "empty"), home=home).stdout.strip().endswith("3.12.10/bin/python3.12")


def test_a_version_asked_for_is_found_or_refused_with_what_to_install(tmp_path):
    fake_python(tmp_path, "python3.12", "3.12")
    assert find("3.12", path=str(tmp_path)).stdout.strip() == str(tmp_path / "python3.12")
    missing = find("3.13", path=str(tmp_path))
    assert missing.returncode == 1 and missing.stdout == ""
    assert "PYTHON=3.13 asks for Python 3.13" in missing.stderr and "python3.13: not found" in missing.stderr
    old = find("3.9", path=str(tmp_path))
    assert old.returncode == 1 and "Python 3.9 is not one the pins are for (3.11, 3.12" in old.stderr


def test_too_old_or_too_new_pythons_are_refused_with_the_supported_ones(tmp_path):
    fake_python(tmp_path, "python3", "3.10")
    fake_python(tmp_path, "python3.15", "3.15")
    result = find(path=str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path}/python3: Python 3.10 (the pins are for 3.11, 3.12, 3.13, 3.14)" in result.stderr
    assert "Debian 13, Ubuntu 24.04" in result.stderr and "brew install python@3.13" in result.stderr
    named = find(str(tmp_path / "python3.15"), path=str(tmp_path))
    assert named.returncode == 1 and "Python 3.15 (the pins are for" in named.stderr


def test_a_python_without_venv_is_refused_with_the_package_that_brings_it(tmp_path):
    fake_python(tmp_path, "python3.12", "3.12", verdict="venv")
    result = find(path=str(tmp_path))
    assert result.returncode == 1
    assert "without its venv module" in result.stderr and "sudo apt install python3.12-venv" in result.stderr


def test_a_python_named_on_the_command_line_is_checked(tmp_path):
    python = fake_python(tmp_path, "mypython", "3.13")
    assert find("mypython", path=str(tmp_path)).stdout.strip() == str(python)
    assert find(str(python), path="/nonexistent").stdout.strip() == str(python)
    result = find("nopython", path=str(tmp_path))
    assert result.returncode == 1 and "nopython: not found on PATH" in result.stderr


def test_this_interpreter_passes_the_real_check():
    """Not a stand-in: find-python's own questions put to the interpreter the tests run in."""
    result = subprocess.run(["sh", str(FIND), sys.executable], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == sys.executable


@pytest.mark.skipif(os.name != "posix", reason="Unix folder modes")
def test_shared_refuses_a_python_other_accounts_cannot_reach():
    """make hub-install's Python: one inside a folder closed to other accounts (pyenv's under /root, a
    `mktemp -d` folder) is refused with the folder named; once that folder is open, it is not named again."""
    import tempfile

    real = Path(os.path.realpath(sys.executable))
    base = Path(tempfile.mkdtemp(prefix="find-python-"))  # pytest's own folders are closed (0700) already
    try:
        base.chmod(0o755)
        closed = base / "closed"
        (closed / "bin").mkdir(parents=True)
        python = closed / "bin" / real.name
        shutil.copy2(real, python)
        closed.chmod(0o700)
        result = subprocess.run(["sh", str(FIND), "--shared", str(python)], capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 1, result.stdout
        assert f"other accounts cannot run it, {closed} is closed to them" in result.stderr
        assert "--shared" not in result.stderr and "Tried:" in result.stderr
        closed.chmod(0o755)
        opened = subprocess.run(["sh", str(FIND), "--shared", str(python)], capture_output=True, text=True,
                                timeout=60)
        # A pyenv interpreter's standard library stays under /root (closed); a system one's is open.
        assert opened.returncode == 0 or (f"{closed} is closed" not in opened.stderr and "is closed" in opened.stderr)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_matches_compares_a_venvs_python_with_the_one_asked_for(tmp_path):
    venv_python = fake_python(tmp_path, "python", "3.12")
    assert find("--matches", str(venv_python), "3.12", path="/usr/bin:/bin").returncode == 0
    assert find("--matches", str(venv_python), "3.13", path="/usr/bin:/bin").returncode == 1
    assert find("--matches", str(venv_python), "", path="/usr/bin:/bin").returncode == 0  # any supported one
    assert find("--matches", str(fake_python(tmp_path / "old", "python", "3.10")), "", path="/bin").returncode == 1
    assert find("--matches", str(tmp_path / "missing"), "3.12", path="/bin").returncode == 1


# -- the Makefile -----------------------------------------------------------------------------------------------

def make_n(*args: str) -> str:
    result = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_rebuilds_the_venv_when_python_asks_for_another_version():
    other = next(v for v in lock.supported_pythons() if v != THIS)
    venv = Path(sys.prefix).relative_to(ROOT).as_posix() if Path(sys.prefix).is_relative_to(ROOT) else None
    if venv is None:
        pytest.skip("the tests do not run in a venv of this checkout")
    out = make_n("install", f"PYTHON={other}", f"VENV={venv}")
    assert f"scripts/find-python {other}" in out and "-m venv --clear" in out and "uv pip install" in out, out
    same = make_n("install", f"PYTHON={THIS}", f"VENV={venv}")
    assert "uv pip install" not in same, "a .venv of the asked-for version is kept"


def test_make_install_and_the_hub_name_no_python_version():
    """Neither environment needs one exact Python: the Makefile asks scripts/find-python, never `== (3, 11)`."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "version_info" not in text and "python3.11" not in text
    assert "$(FIND_PYTHON) --shared $(HUB_PYTHON)" in text and "$(FIND_PYTHON) $(PYTHON)" in text
    assert re.search(r"^HUB_PYTHON\s*\?=\s*$", text, re.M) and re.search(r"^PYTHON\s*\?=\s*$", text, re.M)


def test_make_help_lists_every_target_with_one_line():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = set(" ".join(re.findall(r"^\.PHONY:((?:.*\\\n)*.*)", text, re.M)).replace("\\\n", " ").split())
    targets = phony - {"FORCE"}
    result = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    listed = {m[1]: m[2] for m in re.finditer(r"^  make (\S+) +(.+)$", result.stdout, re.M)}
    assert set(listed) == targets, f"make help lacks {targets - set(listed)}, or lists {set(listed) - targets}"
    assert all(len(line) <= 120 for line in result.stdout.splitlines())


# -- CI ---------------------------------------------------------------------------------------------------------

def test_ci_runs_the_suite_on_binders_python_and_the_quick_tier_on_a_newer_one():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    binder = lock.python_version((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert re.search(rf"^make test PYTHON={re.escape(binder)}$", text, re.M), text
    newer = re.search(r"^make test-fast PYTHON=(3\.\d+) VENV=(\.venv-[\w.]+)$", text, re.M)
    assert newer and newer[1] in lock.supported_pythons() and newer[1] != binder, text
    ignored = subprocess.run(["git", "check-ignore", "-q", f"{newer[2]}/bin/python"], cwd=ROOT, timeout=30)
    assert ignored.returncode == 0, f"{newer[2]} is not in .gitignore"
