"""An import-linter contract of the course's own (pyproject.toml, [tool.importlinter]): private names stay home.

A name that starts with "_" is its module's own. A module may import one from its own package (a section's
views from the section's model), never from another: the gathering modules (answers, plan, team, kit) use a
section's public names and its DEFINITION, and no section reaches into another. import-linter's own contracts
check which modules import which; this one checks what they import from them.
"""

from __future__ import annotations

import ast
import importlib.util

from importlinter import Contract, ContractCheck, fields, output


def _own_package(module: str, is_package: bool) -> str:
    return module if is_package else module.rpartition(".")[0]


class PrivateNamesContract(Contract):
    """No module of `packages` imports a private name from outside its own package."""

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        broken = []
        for module in sorted(m for m in graph.modules if m.split(".")[0] in self.packages):
            spec = importlib.util.find_spec(module)
            if spec is None or not spec.origin or not spec.origin.endswith(".py"):
                continue
            is_package = spec.submodule_search_locations is not None
            own = _own_package(module, is_package)
            with open(spec.origin, encoding="utf-8") as source:
                tree = ast.parse(source.read(), spec.origin)
            for node in ast.walk(tree):
                if not isinstance(node, ast.ImportFrom):
                    continue
                if node.level:  # relative: resolve against this module's package
                    base = own.split(".")
                    target = ".".join(base[: len(base) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] not in self.packages:
                    continue
                for alias in node.names:
                    private = alias.name.startswith("_") and not alias.name.startswith("__")
                    if private and not (target == own or target.startswith(own + ".")):
                        broken.append((module, node.lineno, target, alias.name))
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, line, target, name in check.metadata["broken"]:
            output.print_error(f"{module} (line {line}) imports the private name {name} from {target}: make it "
                               "public in its own module, or ask through the section's DEFINITION.")
            output.new_line()
