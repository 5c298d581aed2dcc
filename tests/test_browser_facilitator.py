"""Notebook 10 as the facilitator meets it on Binder or a hub: a Voilà app, no terminal, no files served.

In Chromium (marked `browser`): the app opens at 1366 x 768 with nothing chosen; the facilitator uploads the team's
course file and the answer files through the page, types the repository, shows the links, builds the kit and
downloads it as one zip from the page itself (Voilà serves no files) – and the zip holds the whole kit, the fork
copy of the uploaded file and every plan, while nothing was written into the course's folders.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from browser import harness as h

PATH = h.notebook_path("da", "10")
EXAMPLE = h.ROOT / "exercises" / "da" / "eksempel-hold-havneby.yaml"
TEAM = sorted((h.ROOT / "data" / "example-team" / "da").glob("*.json"))
WATCHED = ("notebooks", "exercises", "data")


def repository_files() -> dict[str, tuple[int, int]]:
    out = {}
    for top in WATCHED:
        for path in (h.ROOT / top).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts:
                out[path.relative_to(h.ROOT).as_posix()] = (path.stat().st_size, path.stat().st_mtime_ns)
    return out


def upload(page, step, files) -> None:
    """Choose files in a step's upload button, as a person does (ipywidgets makes its file input on the click)."""
    with page.expect_file_chooser() as chooser:
        step.locator("button.widget-upload").click()
    chooser.value.set_files([str(p) for p in files])


@pytest.mark.browser
@pytest.mark.timeout(420)
@pytest.mark.skipif(PATH is None, reason="no notebook 10")
def test_the_facilitator_builds_and_downloads_the_kit_from_the_voila_app(tmp_path):
    h.require_browser()
    from playwright.sync_api import sync_playwright

    relpath = PATH.relative_to(h.ROOT).as_posix()
    before = repository_files()
    with h.voila_server(relpath, tmp_path) as app, sync_playwright() as playwright:
        browser = h.launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page.set_default_timeout(h.STEP_MS)
        try:
            with h.screenshot_on_failure(page, "voila-da-10-kit"):
                page.goto(app.url("/"), wait_until="domcontentloaded", timeout=60_000)
                h.wait_for_widgets(page, timeout_ms=60_000)
                assert not h.problems(page), h.problems(page)
                for kind in ("course", "team", "links", "kit"):
                    assert page.locator(f".samskabelse-desk-{kind}").count() == 1, f"step {kind} is not shown"
                course = page.locator(".samskabelse-desk-course")
                assert "data/da/course.yaml" in course.inner_text()
                # 1. the team's course file, uploaded through the page and checked
                upload(page, course, [EXAMPLE])
                course.get_by_text("kan bruges").wait_for(timeout=30_000)
                assert "ikke kursets egen fil" in course.inner_text()
                # 2. the answer files, uploaded
                team = page.locator(".samskabelse-desk-team")
                upload(page, team, TEAM)
                team.get_by_text("5 uploadede svarfiler: Anna, Bo, Camilla, Dennis og Emine.").wait_for(timeout=30_000)
                # 3. the links
                links = page.locator(".samskabelse-desk-links")
                links.get_by_label("REPO (ejer/navn)").fill("kommune/samskabelse")
                links.get_by_role("button", name="Vis links").click()
                links.get_by_text("Startsiden til deltagerne").wait_for(timeout=30_000)
                assert links.locator("a[download='links.md']").count() == 1
                # 4. the kit, built and downloaded from the page
                kit = page.locator(".samskabelse-desk-kit")
                assert "eksempel-hold-havneby.yaml" in kit.inner_text() and "5 svarfiler" in kit.inner_text()
                started = time.perf_counter()
                kit.locator(".samskabelse-build-kit").click()
                zip_link = kit.locator("a.samskabelse-download")
                zip_link.wait_for(timeout=300_000)
                built_s = time.perf_counter() - started
                name = zip_link.get_attribute("download")
                assert name == "materiale-eksempel-hold-havneby.zip", name
                with page.expect_download() as info:
                    zip_link.click()
                download = info.value
                assert download.suggested_filename == name and download.failure() is None
                target = tmp_path / "downloads" / name
                download.save_as(target)
                # accessible as every course app is: no serious axe-core finding in the course's elements, with
                # the check's message, the links and the download on the page
                from browser import accessibility as a11y

                serious = a11y.serious_own(a11y.run_axe(page))
                assert not serious, a11y.describe(serious)
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                h.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(h.SCREENSHOTS / "voila-da-10-kit-built.png"))
                assert not h.problems(page), h.problems(page)
        finally:
            browser.close()
    data = target.read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(data))
    top = "materiale-eksempel-hold-havneby/"
    inside = {n.removeprefix(top) for n in archive.namelist()}
    assert all(n.startswith(top) for n in archive.namelist())
    for wanted in ("INDHOLD.md", "links.md", "dias.pptx", "til-jeres-kopi/LAES-MIG.md",
                   "holdets-svar/holdets-svar.pdf", "vejledninger/workshop-halv-dag.pdf"):
        assert wanted in inside, sorted(inside)
    assert archive.read(top + "til-jeres-kopi/data/da/course.yaml") == EXAMPLE.read_bytes()
    assert sorted(n for n in inside if n.endswith("-plan.pdf")) == [
        f"holdets-svar/{p.stem}-plan.pdf" for p in TEAM], "the uploaded team's plans, named after their files"
    assert len([n for n in inside if n.startswith("arbejdsark/")]) == 4
    after = repository_files()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"the app wrote into the course's folders: {changed}"
    print(f"kit zip: {len(data):,} bytes, built in {built_s:.1f} s in the app")
