"""Two environments, one source each, pinned exactly for every supported Python, and .venv built from those pins.

- requirements/participant.txt: the participants' packages (make lab, a hub, pip on Windows), one universal lock
  written by `make lock` from requirements/participant.in for every Python in pyproject.toml's classifiers;
- environment.yml: the same pins as they apply to Binder's Python on Linux (Binder, conda);
- requirements/dev.txt: the test and developer tools, written by `make lock` from requirements/dev.in, constrained
  to the participant pins.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from importlib.metadata import distribution, distributions
from pathlib import Path

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import lock  # noqa: E402
import requirements_from_env as env_file  # noqa: E402

ENVIRONMENT = ROOT / "environment.yml"
PARTICIPANT_LOCK = ROOT / "requirements" / "participant.txt"
DEV_LOCK = ROOT / "requirements" / "dev.txt"
EXACT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")


def environment() -> dict:
    return yaml.safe_load(ENVIRONMENT.read_text(encoding="utf-8"))


def pins(lines: list[str], where: str) -> dict[str, str]:
    """{canonical name: version} of `name==version` lines; anything else fails."""
    found = {}
    for line in lines:
        match = EXACT.match(line)
        assert match, f"{where}: {line!r} is not an exact pin (name==version); run make lock"
        found[canonicalize_name(match["name"])] = match["version"]
    return found


def binder_pins() -> dict[str, str]:
    return pins(env_file.requirements(ENVIRONMENT.read_text(encoding="utf-8")), "environment.yml")


def lock_pins(path: Path) -> dict[str, str]:
    """Every pin of a universal lock, markers left out ({name: version}; one version per package)."""
    lines = [line.split("#", 1)[0].split(";", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return pins([line for line in lines if line], path.relative_to(ROOT).as_posix())


def here(path: Path) -> dict[str, str]:
    """The pins of a universal lock that apply to this interpreter on this machine."""
    return lock.pins_for(path.read_text(encoding="utf-8"), default_environment())


def participant_pins() -> dict[str, str]:
    return here(PARTICIPANT_LOCK)


def dev_pins() -> dict[str, str]:
    return here(DEV_LOCK)


def in_names(name: str) -> set[str]:
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    return {canonicalize_name(re.split(r"[\s#=<>!~;\[]", line.strip(), maxsplit=1)[0])
            for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")}


# --------------------------------------------------------------------------------------------------------------
# The files

def test_stdlib_reader_agrees_with_pyyaml():
    """make runs the reader with the system Python before anything is installed: it must read what conda reads."""
    text = ENVIRONMENT.read_text(encoding="utf-8")
    deps = environment()["dependencies"]
    assert env_file.conda_specs(text) == [d for d in deps if isinstance(d, str)]
    [pip_list] = [d["pip"] for d in deps if isinstance(d, dict)]
    assert env_file.requirements(text) == pip_list


def test_reader_handles_comments_and_nesting():
    text = ("# head\nname: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11.14  # the one\n"
            "  - pip=25.2\n  - pip:\n      - a==1  # via b\n      # a comment line\n      - b==2\nvariables:\n"
            "  X: 1\n")
    assert env_file.conda_specs(text) == ["python=3.11.14", "pip=25.2"]
    assert env_file.requirements(text) == ["a==1", "b==2"]
    replaced = env_file.replace_pip_list(text, ["c==3  # via participant.in"])
    assert yaml.safe_load(replaced)["dependencies"][2] == {"pip": ["c==3"]}
    assert yaml.safe_load(replaced)["variables"] == {"X": 1}
    assert replaced.startswith("# head\n")


def test_reader_runs_without_third_party_packages():
    out = subprocess.run([sys.executable, "-S", "-I", str(ROOT / "scripts" / "requirements_from_env.py")],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == env_file.requirements(ENVIRONMENT.read_text(encoding="utf-8"))
    assert any(line.startswith("jupyterlab==") for line in out)


def test_every_participant_package_is_pinned_exactly():
    found = lock_pins(PARTICIPANT_LOCK)
    assert len(found) > 50, "the lock should hold every transitive dependency, not only the top-level names"
    missing = in_names("participant.in") - set(found)
    assert not missing, (f"requirements/participant.in names {sorted(missing)}, which requirements/participant.txt "
                         "lacks: make lock")
    assert binder_pins(), "environment.yml pins nothing"


def test_every_dev_tool_is_pinned_exactly():
    found = lock_pins(DEV_LOCK)
    missing = in_names("dev.in") - set(found)
    assert not missing, f"requirements/dev.in names {sorted(missing)}, which requirements/dev.txt lacks: make lock"


def test_the_locks_never_disagree():
    participant, dev, binder = lock_pins(PARTICIPANT_LOCK), lock_pins(DEV_LOCK), binder_pins()
    clashes = {name: (participant[name], dev[name]) for name in participant.keys() & dev.keys()
               if participant[name] != dev[name]}
    assert not clashes, f"participant.txt and dev.txt pin different versions (participant, dev): {clashes}"
    other = {name: (version, participant.get(name)) for name, version in binder.items()
             if participant.get(name) != version}
    assert not other, f"environment.yml pins what participant.txt does not (environment.yml, participant.txt): {other}"


def test_environment_yml_is_the_lock_as_binders_python_on_linux_needs_it():
    """Binder installs environment.yml, make install the universal lock: for Binder's Python on Linux x86_64 the
    two are the same list, so `make test` on that Python tests what Binder installs."""
    text = ENVIRONMENT.read_text(encoding="utf-8")
    binder = lock.marker_environment(lock.python_full_version(text))
    assert binder_pins() == lock.pins_for(PARTICIPANT_LOCK.read_text(encoding="utf-8"), binder)


SYSTEMS = [("linux", "x86_64"), ("linux", "aarch64"), ("darwin", "arm64"), ("windows", "AMD64")]


@pytest.mark.parametrize("python", lock.supported_pythons())
@pytest.mark.parametrize("system, machine", SYSTEMS)
def test_each_supported_python_gets_one_version_of_each_package(python, system, machine):
    """Read as each supported Python on each system reads them, both locks name every package of the .in files
    once (a package pinned twice there fails in pins_for), and where both name a package they name one version."""
    environment = lock.marker_environment(python, system, machine)
    participant = lock.pins_for(PARTICIPANT_LOCK.read_text(encoding="utf-8"), environment)
    dev = lock.pins_for(DEV_LOCK.read_text(encoding="utf-8"), environment)
    assert in_names("participant.in") <= set(participant) and in_names("dev.in") <= set(dev)
    shared = participant.keys() & dev.keys()
    assert {name: dev[name] for name in shared} == {name: participant[name] for name in shared}
    if system == "windows":
        assert "pywinpty" in participant, "Jupyter's terminals need pywinpty on Windows: the lock is not universal"
    else:
        assert "pywinpty" not in participant


def test_the_locks_say_which_pythons_they_are_checked_for():
    """make lock checks the wheels for pyproject.toml's classifiers and says so in each lock's header."""
    pythons = lock.supported_pythons()
    assert pythons[0] == lock.python_version(ENVIRONMENT.read_text(encoding="utf-8")), "Binder's Python is the oldest"
    for path in (PARTICIPANT_LOCK, DEV_LOCK):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# This file was autogenerated by uv via the following command:\n#    make lock\n")
        assert f"# One lock for Python {', '.join(pythons)} on Linux, macOS and Windows" in text, \
            f"{path.name} was not made for pyproject.toml's Pythons ({pythons}): make lock"


def test_the_oldest_supported_python_is_the_packages_floor():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["requires-python"] == f">={lock.supported_pythons()[0]}"


def test_lock_is_made_by_uv_from_the_in_files():
    assert DEV_LOCK.read_text(encoding="utf-8").startswith("# This file was autogenerated by uv")
    assert "make lock" in ENVIRONMENT.read_text(encoding="utf-8")
    assert "uv" in dev_pins(), "uv, the resolver of make lock, is pinned with the dev tools"
    assert lock.python_version(ENVIRONMENT.read_text(encoding="utf-8")) == "3.11"


def test_lock_notes_are_readable():
    assert lock.pins_with_notes("# header\nfoo==1.0  # via -r requirements/participant.in\nbar==2\n") == [
        "foo==1.0  # via participant.in", "bar==2"]


def test_marker_reading_catches_a_package_pinned_twice():
    text = "a==1 ; python_full_version < '3.12'\na==2 ; python_full_version >= '3.12'\nb==1 ; sys_platform == 'win32'\n"
    assert lock.pins_for(text, lock.marker_environment("3.11")) == {"a": "1"}
    assert lock.pins_for(text, lock.marker_environment("3.13", "windows", "AMD64")) == {"a": "2", "b": "1"}
    with pytest.raises(ValueError, match="pinned twice"):
        lock.pins_for(text + "a==3\n", lock.marker_environment("3.13"))
    assert lock.for_binder("# h\na==1 ; python_full_version < '3.12'  # via x\nb==1 ; sys_platform == 'win32'\n",
                           "3.11.14") == ["a==1  # via x"]


# --------------------------------------------------------------------------------------------------------------
# What make install put into .venv

def installed() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}


def test_venv_holds_exactly_the_participant_pins():
    """.venv holds the version requirements/participant.txt pins for this Python, for every package a participant
    gets."""
    here = installed()
    wrong = {name: (version, here.get(name, "not installed")) for name, version in participant_pins().items()
             if here.get(name) != version}
    assert not wrong, f"installed versions differ from participant.txt (pinned, installed): {wrong}; make install"


def test_venv_holds_exactly_the_dev_pins():
    here = installed()
    wrong = {name: (version, here.get(name, "not installed")) for name, version in dev_pins().items()
             if here.get(name) != version}
    assert not wrong, f"installed versions differ from requirements/dev.txt (pinned, installed): {wrong}"


def test_pip_freeze_agrees_with_the_lock():
    """The same comparison through pip itself, as the issue states it."""
    freeze = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True,
                            text=True, check=True, timeout=60).stdout
    frozen = {canonicalize_name(n): v for n, _, v in (line.partition("==") for line in freeze.splitlines()) if v}
    wrong = {n: (v, frozen.get(n)) for n, v in participant_pins().items() if frozen.get(n) != v}
    assert not wrong, f"pip freeze differs from participant.txt (pinned, frozen): {wrong}"


def test_the_lock_is_complete():
    """Every dependency of a pinned package is pinned too for this Python (read from the installed packages' own
    metadata), so a pip install of the list brings nothing unpinned. make lock checks the other Pythons and
    platforms with uv."""
    env = default_environment() | {"extra": ""}
    participant = participant_pins()
    everything = participant | dev_pins()
    for pinned, where in ((participant, "requirements/participant.txt"), (everything, "requirements/dev.txt")):
        for name in pinned:
            for spec in distribution(name).requires or []:
                req = Requirement(spec)
                if req.marker and not req.marker.evaluate(env):
                    continue
                assert canonicalize_name(req.name) in pinned, f"{name} needs {req.name}, which {where} does not pin"


def test_pip_sees_a_consistent_environment():
    """What pip itself would say in the Binder image: no package lacks a dependency or has a wrong version."""
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_is_installed_from_this_checkout():
    spec = importlib.util.find_spec("samskabelse")
    assert spec is not None and Path(spec.origin).resolve().is_relative_to(ROOT), "run make install"


def test_postbuild_installs_the_package_and_stops_on_errors():
    post = ROOT / "postBuild"
    assert os.access(post, os.X_OK), "postBuild must be executable"
    text = post.read_text(encoding="utf-8")
    assert text.startswith(("#!/bin/bash", "#!/usr/bin/env bash"))
    assert "set -e" in text
    assert "pip install --no-deps -e ." in text


def test_ci_runs_make_test():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in text
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def make_dry_run(*args: str) -> str:
    result = subprocess.run(["make", "-n", *args, "install"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_skips_the_install_when_nothing_changed():
    assert "uv pip install" not in make_dry_run(), "a lock file changed since .venv was built: run make install"


@pytest.mark.parametrize("changed", ["requirements/participant.txt", "requirements/dev.txt", "pyproject.toml"])
def test_make_reinstalls_when_a_lock_changes(changed):
    """make -W FILE: as if FILE had just changed."""
    out = make_dry_run("-W", changed)
    assert "uv pip install" in out and "requirements/participant.txt" in out and "requirements/dev.txt" in out, out


# --------------------------------------------------------------------------------------------------------------
# Packaging metadata (postBuild's `pip install -e .` builds with the newest setuptools)

def test_license_is_an_spdx_expression_with_a_setuptools_that_reads_it():
    import tomllib

    from packaging.version import Version

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT", "PEP 639: license = \"MIT\", not the table form"
    [setuptools] = [Requirement(r) for r in pyproject["build-system"]["requires"] if r.startswith("setuptools")]
    floors = [Version(s.version) for s in setuptools.specifier if s.operator == ">="]
    assert floors and min(floors) >= Version("77.0.3"), "setuptools reads license expressions from 77.0 (77.0.3 fixed)"


def test_the_built_package_declares_its_license():
    from importlib.metadata import metadata

    assert metadata("samskabelse")["License-Expression"] == "MIT"
