"""One home per helper (issue 23, item 6): one slug, one atomic write and create, one data-URL download link.

Each job is done in one place (samskabelse.base.files, samskabelse.widgets.download), and every module that needs
it calls that place: a second copy is how the copies came to differ (three slugs, two atomic creates, three
download links, each a little different)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from samskabelse.base import files

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "samskabelse"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def _modules_matching(pattern: str) -> list[str]:
    found = re.compile(pattern)
    return sorted(p.relative_to(PACKAGE).as_posix() for p in SOURCES if found.search(p.read_text(encoding="utf-8")))


def test_only_base_files_makes_file_names_from_text():
    # folding to ASCII for a file name, the heart of a slug
    assert _modules_matching(r"normalize\(\s*\"NFKD\"") == ["base/files.py"]


def test_only_base_files_writes_through_a_temporary_file():
    assert _modules_matching(r"mkstemp\(|\btmp\.replace\(|with_name\(f\"\.\{[^}]+\}\.tmp\"\)") == ["base/files.py"]


def test_only_widgets_download_builds_a_download_link():
    assert _modules_matching(r"download=.{0,40}\{") == ["widgets/download.py"]
    assert _modules_matching(r"b64encode") == ["sections/typology/__init__.py", "widgets/download.py"]  # + an <img>


def test_the_sections_use_the_shared_helpers():
    from samskabelse.sections.timeline import export
    from samskabelse.widgets.download import download_link

    assert export.slug is files.slug and export.download_link is download_link and export.ics_escape is files.ics_escape


@pytest.mark.parametrize(("text", "stem"), [("Sundhedshus Ærø – fase 2!", "sundhedshus-aeroe-fase-2"),
                                            ("  <script>/../..  ", "script"), ("Straße", "strasse"), ("", ""),
                                            ("con", "_con"), ("x" * 200, "x" * 40)])
def test_the_slug(text, stem):
    assert files.slug(text) == stem
    assert files.slug("", fallback="deltager") == "deltager"


def test_write_atomically_and_create_exclusively(tmp_path):
    path = files.write_atomically(tmp_path / "a.txt", "æøå")
    assert path.read_text(encoding="utf-8") == "æøå"
    files.write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    files.create_exclusively(tmp_path / "b.txt", "first", 0o640)
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o640
    with pytest.raises(FileExistsError):
        files.create_exclusively(tmp_path / "b.txt", "second")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no temporary file left


def test_the_download_link_holds_the_file_and_escapes_names():
    from samskabelse.widgets.download import download_link

    link = download_link("<b>.json", b"{}", "application/json;charset=utf-8", "Hent <i>")
    assert "<b>" not in link and "<i>" not in link and "class='samskabelse-download'" in link
    data = re.search(r"href='data:application/json;charset=utf-8;base64,([^']+)'", link).group(1)
    assert base64.b64decode(data) == b"{}"
