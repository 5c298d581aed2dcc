"""Print the participants' exact pip pins from environment.yml, one per line.

environment.yml is what Binder and conda users install: Python and pip from conda-forge, and every other package
as an exact pin in its `- pip:` list, which `make lock` (scripts/lock.py) writes. The pip path (make, CI, a
JupyterHub) installs what this script prints, so Binder, conda and CI install the same versions.

It runs before anything is installed, so it reads the small YAML subset environment.yml uses with the standard
library only; tests/test_dependencies.py checks it against PyYAML.

    python3 scripts/requirements_from_env.py [environment.yml] > requirements.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_ITEM = re.compile(r"^(?P<indent>\s*)-\s*(?P<spec>[^#]*?)\s*(?:#\s?(?P<comment>.*))?$")


def _items(text: str) -> list[tuple[int, str, str]]:
    """(indent, spec, comment) of every list item under the top-level `dependencies:` key, nested ones included."""
    items, inside = [], False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "-")):
            inside = line.split(":", 1)[0].strip() == "dependencies"
            continue
        match = _ITEM.match(line)
        if inside and match:
            items.append((len(match["indent"]), match["spec"], (match["comment"] or "").strip()))
    return items


def conda_specs(text: str) -> list[str]:
    """The conda package specs directly under `dependencies:` (not those of the nested `- pip:` list)."""
    items = _items(text)
    if not items:
        return []
    top = min(indent for indent, _, _ in items)
    return [spec for indent, spec, _ in items if indent == top and not spec.endswith(":")]


def pip_entries(text: str) -> list[tuple[str, str]]:
    """(requirement, comment) for each line of the `- pip:` list."""
    items = _items(text)
    entries, in_pip, pip_indent = [], False, 0
    for indent, spec, comment in items:
        if spec == "pip:":
            in_pip, pip_indent = True, indent
            continue
        if in_pip and indent > pip_indent:
            entries.append((spec, comment))
        else:
            in_pip = False
    return entries


def requirements(text: str) -> list[str]:
    """The pip requirements of environment.yml, in its order."""
    return [spec for spec, _ in pip_entries(text)]


def replace_pip_list(text: str, lines: list[str]) -> str:
    """environment.yml with its `- pip:` list replaced by `lines` (each 'requirement  # comment' or 'requirement')."""
    out, skipping, pip_indent, found = [], False, 0, False
    for line in text.splitlines():
        if skipping:
            if not line.strip() or len(line) - len(line.lstrip()) > pip_indent:
                continue
            skipping = False
        out.append(line)
        match = _ITEM.match(line)
        if match and match["spec"] == "pip:" and not found:
            found, skipping, pip_indent = True, True, len(match["indent"])
            out.extend(" " * (pip_indent + 4) + "- " + entry for entry in lines)
    if not found:
        raise ValueError("environment.yml has no '- pip:' list under dependencies")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else ROOT / "environment.yml"
    reqs = requirements(path.read_text(encoding="utf-8"))
    if not reqs:
        print(f"{path}: no pip pins found under 'dependencies: - pip:'; run make lock", file=sys.stderr)
        return 1
    print("\n".join(reqs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
