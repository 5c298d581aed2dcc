"""The package's layers and the sections' independence, held by import-linter (contracts in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "samskabelse"


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {c["id"]: c for c in config["contracts"]}


def test_the_import_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_every_top_level_part_of_the_package_is_a_layer():
    """A new sub-package or module must take its place in the layers (or be the package's own entry points)."""
    layers = {m.removeprefix("samskabelse.") for m in contracts()["layers"]["layers"]}
    parts = {p.stem for p in PACKAGE.iterdir() if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"}
    assert parts - {"__init__", "__main__", "cli"} == layers


def test_every_section_is_its_own_independent_sub_package():
    from samskabelse.sections import NAMES

    independent = contracts()["sections"]["modules"]
    assert independent == [f"samskabelse.sections.{name}" for name in NAMES]
    found = sorted(p.name for p in (PACKAGE / "sections").iterdir() if (p / "__init__.py").exists())
    assert found == sorted(NAMES)


def test_the_contracts_catch_a_section_reached_into(tmp_path):
    """A copy of the package with one gathering module importing a section's private name, and one section
    importing another: lint-imports says both, with the module and the line."""
    import shutil

    shutil.copytree(PACKAGE, tmp_path / "src" / "samskabelse", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    worksheets = tmp_path / "src" / "samskabelse" / "kit" / "worksheets.py"
    reach_in = "\nfrom samskabelse.sections.gains import _private\n"
    worksheets.write_text(worksheets.read_text(encoding="utf-8") + reach_in, encoding="utf-8")
    typology = tmp_path / "src" / "samskabelse" / "sections" / "typology" / "views.py"
    typology.write_text(typology.read_text(encoding="utf-8") + "\nimport samskabelse.sections.gains\n",
                        encoding="utf-8")
    lint = Path(sys.executable).parent / "lint-imports"
    import os

    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    done = subprocess.run([str(lint), "--no-cache"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 1, done.stdout[-2000:]
    assert "samskabelse.kit.worksheets" in done.stdout and "_private" in done.stdout
    assert "samskabelse.sections.typology.views -> samskabelse.sections.gains" in done.stdout
