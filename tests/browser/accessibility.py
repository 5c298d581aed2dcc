"""axe-core in the browser tests: run it on a page, and tell the course's own elements from Jupyter's chrome.

axe-core comes with the Python package axe-playwright-python (test/dev environment), which vendors one
release of it; this module injects that script into the page and runs it there. Every violation node is
classed as
- the course's own: inside a notebook cell (markdown, widget, figure, table), or one of the page-level rules
  that the course's Voilà template decides (the page's language and title, the main landmark);
- chrome: everything else (JupyterLab's and Voilà's own page furniture), recorded in the README.

The browser tests fail on any serious or critical violation in the course's own elements
(`serious_own(findings)`); benchmarks/accessibility_audit.py prints all of them, per notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What the course decides in app mode although it is not inside a cell (see share/.../samskabelse template).
PAGE_RULES_OURS = {"html-has-lang", "html-lang-valid", "valid-lang", "document-title", "landmark-one-main",
                   "page-has-heading-one"}
SERIOUS = ("serious", "critical")
IMPACT_ORDER = ("minor", "moderate", "serious", "critical")

_RUN = r"""async ([include, ownSelector, pageRules]) => {
  const context = include ? {include: include.map(s => [s])} : document;
  const results = await axe.run(context, {resultTypes: ['violations']});
  const own = (node, rule) => {
    if (!node.target || node.target.length !== 1) return false;   // inside an iframe or a shadow root
    let el = null;
    try { el = document.querySelector(node.target[0]); } catch (e) { return false; }
    if (!el) return false;
    if (el === document.documentElement || el === document.body) return pageRules.includes(rule);
    return !!el.closest(ownSelector);
  };
  return results.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: (n.html || '').slice(0, 300),
                              summary: (n.failureSummary || '').slice(0, 400), own: own(n, v.id)})),
  }));
}"""


@dataclass
class Finding:
    """One axe rule violated on some nodes; `own` and `chrome` split the nodes as described above."""

    rule: str
    impact: str
    help: str
    own: list[dict] = field(default_factory=list)
    chrome: list[dict] = field(default_factory=list)

    @property
    def serious(self) -> bool:
        return self.impact in SERIOUS


def axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def axe_version(page) -> str:
    return page.evaluate("() => window.axe ? axe.version : ''")


def run_axe(page, include: list[str] | None = None, own: str = ".jp-Cell") -> list[Finding]:
    """Run axe-core on the page (or only on the elements matching `include`); its violations, split."""
    if not page.evaluate("() => !!window.axe"):
        page.evaluate(axe_script())
    found = page.evaluate(_RUN, [include, own, sorted(PAGE_RULES_OURS)])
    findings = []
    for v in found:
        f = Finding(v["rule"], v["impact"] or "minor", v["help"])
        for node in v["nodes"]:
            (f.own if node.pop("own") else f.chrome).append(node)
        findings.append(f)
    return findings


def count(findings: list[Finding], *, own: bool, serious_only: bool) -> int:
    """Violating nodes (an element failing a rule counts once per rule)."""
    return sum(len(f.own if own else f.chrome) for f in findings if f.serious or not serious_only)


def serious_own(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.serious and f.own]


def describe(findings: list[Finding], *, own: bool = True, limit: int = 4) -> str:
    """A readable list for a failure message: rule, impact, how many nodes, the first few of them."""
    lines = []
    for f in sorted(findings, key=lambda f: -IMPACT_ORDER.index(f.impact)):
        nodes = f.own if own else f.chrome
        if not nodes:
            continue
        lines.append(f"- {f.rule} ({f.impact}, {len(nodes)}): {f.help}")
        for node in nodes[:limit]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            if node["summary"]:
                lines.append("      " + node["summary"].replace("\n", " ")[:300])
    return "\n".join(lines)
