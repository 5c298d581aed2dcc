"""The README is short and the course site holds the rest (issue 23).

Checked on the sources, without building anything: the README stays a three-minute read, every section of the
775-line README it replaced is a heading of a site page, and every relative link in the README and the site's pages
points at a file that exists. (tests/test_site_build.py builds the site and checks the links of the built pages.)
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"

# Every heading of README.md as it was before issue 23 moved its sections into the site (commit fa985b9, 775 lines),
# in its order. Each must stay a heading of a page in docs/: nothing the README said is lost by the split.
README_HEADINGS_BEFORE_THE_SITE = [
    "Ledelse af samskabelse · Leading co-creation",
    "Start here",
    "With conda instead",
    "On Binder, with nothing to install",
    "App mode (Voilà)",
    "Preheated kernels: the app at once (make voila), but not on a hub",
    "Accessibility",
    "What is in the repository",
    "What the course says about the publication",
    "Exports: taking the timeline along (notebook 06)",
    "For facilitators: a team workshop, and the course adapted to your team",
    "Adapting the course to your team, without touching Python code",
    "Saved answers",
    "The team's answers (notebook 08) and each participant's plan (notebook 07)",
    "For course organisers: running the course for a room",
    "A workshop hub on one machine: `make hub`",
    "On a real server: what changes",
    "The Littlest JupyterHub",
    "Zero to JupyterHub",
    "One link that gives everyone the notebooks: nbgitpuller",
    "Capacity, measured",
    "Binder, and its limits",
    "For developers",
    "Benchmarks: how fast a widget answers",
    "Benchmarks: how soon the first widget appears",
    "Browser tests",
]

HEADING = re.compile(r"^(#{1,6}) +(.+?) *$")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")


def markdown_lines(path: Path) -> list[str]:
    """The lines of a Markdown file outside fenced code blocks."""
    lines, fenced = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def headings(path: Path) -> list[str]:
    return [m.group(2) for line in markdown_lines(path) if (m := HEADING.match(line))]


def site_pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def test_the_readme_is_a_three_minute_read():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"README.md has {len(lines)} lines: move the detail into a page of docs/"


def test_every_section_of_the_old_readme_is_on_the_site():
    on_site = {heading for page in site_pages() for heading in headings(page)}
    missing = [h for h in README_HEADINGS_BEFORE_THE_SITE if h not in on_site]
    assert not missing, f"sections of the old README that no page in docs/ has as a heading: {missing}"


def test_the_heading_check_catches_a_lost_section(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Start here\n\n```bash\n# With conda instead\n```\n", encoding="utf-8")
    assert headings(page) == ["Start here"], "a comment in a code block is not a heading"


def relative_links(path: Path) -> list[str]:
    found = []
    for line in markdown_lines(path):
        for m in LINK.finditer(line):
            target = m.group(1) or m.group(2)
            if not re.match(r"[a-z][a-z0-9+.-]*:", target) and not target.startswith("#"):
                found.append(target)
    return found


def test_every_relative_link_of_the_readme_and_the_site_points_at_a_file():
    broken = []
    for page in [README, *site_pages()]:
        for target in relative_links(page):
            path = target.split("#", 1)[0]
            if not (page.parent / path).exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert not broken, "links to files that do not exist:\n" + "\n".join(broken)


def test_the_link_check_sees_a_broken_link(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("[a](nope.md) [b](https://example.org) ![c](pic.png) [d](#here)\n", encoding="utf-8")
    assert relative_links(page) == ["nope.md", "pic.png"]


def toc_files(entries: list[dict]) -> list[str]:
    files = []
    for entry in entries:
        if "file" in entry:
            files.append(entry["file"])
        files += toc_files(entry.get("children", []))
    return files


def test_every_page_and_notebook_is_in_the_sites_table_of_contents():
    toc = toc_files(yaml.safe_load((DOCS / "myst.yml").read_text(encoding="utf-8"))["project"]["toc"])
    listed = {(DOCS / f).resolve() for f in toc}
    assert all(path.exists() for path in listed), [f for f in toc if not (DOCS / f).exists()]
    wanted = {*site_pages(), *(ROOT / "notebooks").glob("*/[0-9][0-9]-*.ipynb"),
              *(ROOT / "exercises").glob("*/[0-9]-*.*"), *(ROOT / "exercises").glob("*/*workshop*.md")}
    wanted = {p.resolve() for p in wanted if p.suffix in (".md", ".ipynb")}
    assert not wanted - listed, f"not in docs/myst.yml's toc: {sorted(str(p) for p in wanted - listed)}"
