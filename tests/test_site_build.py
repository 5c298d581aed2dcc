"""The course site builds from the repository, its links hold, and the README's pictures are current (issue 23).

One build per test session (about two minutes: the notebooks run; MyST's book theme is built once per machine and
kept in a cache, docs/developers/site.md). It needs Node.js with npm, as `make hub` does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import build_site  # noqa: E402
import pictures  # noqa: E402


@pytest.fixture(scope="module")
def built() -> Path:
    if shutil.which("npm") is None:
        pytest.skip("the course site needs Node.js and npm")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py")], cwd=ROOT,
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, f"make docs failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return build_site.SITE


def test_the_site_builds_without_warnings_and_every_internal_link_resolves(built):
    assert (built / "index.html").is_file()
    assert not build_site.check_links(built), "make docs passed a broken link"


def test_every_notebook_is_a_page_with_its_figures(built):
    page = (built / "gevinster" / "index.html").read_text(encoding="utf-8")
    assert "Hvorfor samskabe?" in page
    texts = json.loads(build_site.WIDGET_TEXTS.read_text(encoding="utf-8"))
    every = sorted(p.relative_to(ROOT).as_posix() for p in [*ROOT.glob("notebooks/*/[0-9][0-9]-*.ipynb"),
                                                            *ROOT.glob("exercises/*/[0-9]-*.ipynb")])
    assert sorted(texts) == every  # every notebook and workbook of both languages (30 since notebook 10)
    run = (build_site.SITE_SRC / "notebooks" / "da" / "02-gevinster.ipynb").read_text(encoding="utf-8")
    assert "site-widget" in run and 'class=\\"figure\\" alt=' in run, "02's widget became a static figure with its alt"
    assert "application/vnd.jupyter.widget-view+json" not in run


def test_the_readmes_pictures_are_current(built):
    texts = json.loads(build_site.WIDGET_TEXTS.read_text(encoding="utf-8"))
    assert not pictures.stale(texts), "\n".join(pictures.stale(texts))


def test_the_picture_check_sees_a_changed_widget(built):
    texts = json.loads(build_site.WIDGET_TEXTS.read_text(encoding="utf-8"))
    name, notebook, index, _ = pictures.PICTURES[0]
    changed = {**texts, notebook: [t.replace("0", "3") for t in texts[notebook]]}
    assert any(name in problem for problem in pictures.stale(changed))


def test_the_link_check_sees_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="/a#here">ok</a>'
                                               '<a href="/b">gone</a><a href="/a#nowhere">no anchor</a>'
                                               '<a href="https://example.org/x">outside</a>', encoding="utf-8")
    problems = build_site.check_links(tmp_path)
    assert len(problems) == 2 and "/b" in problems[0] and "#nowhere" in problems[1], problems
