"""environment.yml is the one list of dependencies; the pip path installs exactly what it lists."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import requirements_from_env as derive  # noqa: E402


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_environment_is_conda_forge_python_311_with_major_versions_pinned():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    deps = env["dependencies"]
    assert "python=3.11" in deps
    for spec in deps:
        assert isinstance(spec, str), "no nested pip section: Binder installs the package in postBuild"
        name, _, version = spec.partition("=")
        assert version, f"{name}: pin the major version (name=MAJOR)"
    names = {d.partition("=")[0] for d in deps}
    assert {"jupyterlab", "ipywidgets", "matplotlib-base", "nbval", "pytest", "pyyaml"} <= names
    assert not any(d.startswith("-e") or d == "." for d in deps)


def test_derived_requirements_match_what_pyyaml_reads():
    """The stdlib-only reader used before anything is installed agrees with a real YAML parser."""
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert derive.conda_specs(text) == environment()["dependencies"]
    expected = []
    for spec in environment()["dependencies"]:
        name, _, version = spec.partition("=")
        if name in ("python", "pip"):
            continue
        expected.append(f"{derive.CONDA_TO_PIP.get(name, name)}=={version}.*")
    assert derive.requirements(text) == expected


def test_derivation_handles_the_forms_conda_allows():
    text = "name: x\ndependencies:\n  - python=3.11\n  - foo  # any\n  - bar=2\n  - baz>=1,<3\n  - pip:\n    - qux\n"
    assert derive.requirements(text) == ["foo", "bar==2.*", "baz>=1,<3"]


def test_installed_environment_matches_environment_yml():
    """Every requirement derived from environment.yml is installed here at a matching version."""
    from importlib.metadata import PackageNotFoundError, version

    for req in derive.requirements((ROOT / "environment.yml").read_text(encoding="utf-8")):
        name, _, pattern = req.partition("==")
        try:
            installed = version(name)
        except PackageNotFoundError:
            raise AssertionError(f"{name} is in environment.yml but not installed: run make install") from None
        prefix = pattern.removesuffix("*")
        assert installed.startswith(prefix), f"{name} {installed} does not match {req}"


def test_every_import_in_the_package_is_listed():
    import ast

    listed = {derive.CONDA_TO_PIP.get(s.partition("=")[0], s.partition("=")[0]).lower().replace("-", "_")
              for s in environment()["dependencies"]}
    import_names = {"yaml": "pyyaml", "PIL": "pillow", "IPython": "ipykernel", "ipywidgets": "ipywidgets",
                    "pptx": "python-pptx", "docx": "python-docx"}
    stdlib = set(sys.stdlib_module_names)
    for path in (ROOT / "src" / "samskabelse").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module.split(".")[0]]
            for name in names:
                if name in stdlib or name == "samskabelse":
                    continue
                dist = import_names.get(name, name).lower().replace("-", "_")
                assert dist in listed, f"{path.name} imports {name}, which environment.yml does not list"


def test_postbuild_installs_the_package_and_stops_on_errors():
    post = ROOT / "postBuild"
    assert os.access(post, os.X_OK), "postBuild must be executable"
    text = post.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/bash") or text.startswith("#!/usr/bin/env bash")
    assert "set -e" in text or "set -euo pipefail" in text
    assert "pip install --no-deps -e ." in text
    assert not (ROOT / "binder").exists(), "a binder/ folder would make repo2docker ignore the root files"


def test_ci_runs_make_test():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in text
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_package_is_installed_from_this_checkout():
    spec = importlib.util.find_spec("samskabelse")
    assert spec is not None and Path(spec.origin).resolve().is_relative_to(ROOT), "run make install"


def test_script_runs_without_third_party_packages():
    """make runs the derivation with the system python, before the venv has anything in it."""
    out = subprocess.run([sys.executable, "-S", "-I", str(ROOT / "scripts" / "requirements_from_env.py")],
                         capture_output=True, text=True, check=True).stdout
    assert "jupyterlab==4.*" in out.splitlines()
