"""Print the pip requirements that match environment.yml, one per line.

environment.yml is the project's one list of dependencies. The pip path (make, CI)
installs what this script derives from it, so the two cannot drift. It runs before
anything is installed, so it reads the small YAML subset environment.yml uses with
the standard library only; tests/test_dependencies.py checks it against PyYAML.

Conda's "name=4" means any 4.x release; pip spells that "name==4.*".
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# conda-forge package names whose PyPI name differs.
CONDA_TO_PIP = {"matplotlib-base": "matplotlib"}
# Present in a conda environment, but not something pip installs.
NOT_FOR_PIP = {"python", "pip"}

_ITEM = re.compile(r"^\s*-\s*(?P<spec>[^#]+?)\s*(#.*)?$")


_NAME = re.compile(r"^(?P<name>[A-Za-z0-9_.\-]+)\s*(?P<version>.*)$")


def conda_specs(text: str) -> list[str]:
    """The package specs directly under `dependencies:` (not those of a nested `- pip:` list)."""
    specs: list[str] = []
    inside, indent = False, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "-")):
            inside, indent = line.split(":", 1)[0].strip() == "dependencies", None
            continue
        match = _ITEM.match(line)
        if not (inside and match):
            continue
        depth = len(line) - len(line.lstrip())
        indent = depth if indent is None else indent
        if depth == indent and not match["spec"].endswith(":"):
            specs.append(match["spec"])
    return specs


def pip_requirement(spec: str) -> str | None:
    """Turn one conda spec ("jupyterlab=4", "nbclient=0.11", "baz>=1,<3") into a pip requirement."""
    match = _NAME.match(spec.strip())
    if not match:
        raise ValueError(f"environment.yml: cannot read the dependency {spec!r}")
    name, version = match["name"], match["version"].strip()
    if name in NOT_FOR_PIP:
        return None
    name = CONDA_TO_PIP.get(name, name)
    if not version:
        return name
    if version.startswith("=") and not version.startswith("=="):
        return f"{name}=={version[1:].strip()}.*"
    return f"{name}{version}"


def requirements(text: str) -> list[str]:
    return [req for spec in conda_specs(text) if (req := pip_requirement(spec))]


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "environment.yml"
    reqs = requirements(path.read_text(encoding="utf-8"))
    if not reqs:
        print(f"{path}: no dependencies found under 'dependencies:'", file=sys.stderr)
        return 1
    print("\n".join(reqs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
