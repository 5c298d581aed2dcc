"""ruff over the package, the tests, the scripts and the notebooks (it reads .ipynb itself)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is not installed: run make install"
    folders = ("src", "tests", "scripts", "benchmarks", "notebooks", "exercises", "hub")
    targets = [p for p in folders if (ROOT / p).exists()]
    result = subprocess.run([ruff, "check", "--no-cache", *targets], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
