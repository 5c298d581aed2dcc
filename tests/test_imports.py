"""The package has no import circles: each module can be read (and imported) after the ones it uses."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "samskabelse"
# Circles someone is untangling now; remove an entry when it is gone (the test then keeps it gone).
KNOWN: set[frozenset[str]] = set()


def package_imports() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, at the top or inside a function."""
    graph = {}
    for path in PACKAGE.glob("*.py"):
        used = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    used.add(node.module.split(".")[0])
                else:
                    used.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("samskabelse."):
                used.add(node.module.split(".")[1])
        graph[path.stem] = used - {path.stem}
    return graph


def circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """Every pair of modules that reach each other."""
    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    reached = {m: reach(m) for m in graph}
    return {frozenset({a, b}) for a in graph for b in reached[a] if a != b and a in reached.get(b, ())}


def test_the_course_model_does_not_import_what_displays_it():
    graph = package_imports()
    assert "display" not in graph["course"] and "display" not in graph["course_file"]
    assert frozenset({"course", "display"}) not in circles(graph)


def test_no_import_circles_in_the_package():
    found = circles(package_imports())
    assert found <= KNOWN, f"import circles: {sorted(sorted(c) for c in found - KNOWN)}"
