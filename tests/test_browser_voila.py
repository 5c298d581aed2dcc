"""App mode: every widget notebook works as a Voilà app that hides the code.

Two kinds of check:
- without a browser (they run wherever the suite runs): Voilà renders every widget notebook (Danish, and one in
  English) with its widgets, with no cell raising and with no line of code on the page;
- in Chromium (marked `browser`): one app started exactly as the README says (`voila notebooks/da/NN-....ipynb`),
  its widgets displayed, and a slider moved with the keyboard changes the figure and the result text.
"""

from __future__ import annotations

import html
import json
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from browser import harness as h

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LAB_ADVICE = re.compile(r"(?i)shift\s*\+\s*enter|kør (cellen|den igen)|run (the cell|it again)")
# JupyterLab's vocabulary, which means nothing in an app (its page shows no cells, kernel or file browser)
LAB_WORDS = re.compile(r"(?i:shift\s*\+\s*enter|højreklik|right-click|filoversigt|file browser|jupyterlab|"
                       r"\b(kode)?celle(n|r|rne)?\b|code cells?|\brun (a|the|all) cells?|cells from top)|\bKernel\b")
LOADING = {"da": "Siden gøres klar", "en": "Getting the page ready"}
DANISH = h.notebooks_present("da", ("00", *h.WIDGET_NOTEBOOKS))
ENGLISH = next(n for n in ("02", "06", "00") if h.notebook_path("en", n) is not None)
RENDERED = [("da", n) for n in DANISH] + [("en", ENGLISH)]
# The app the browser drives: the gains widget once it exists.
APP = next(n for n in ("02", "06", "01", "03", "04", "05", "00") if h.notebook_path("da", n) is not None)


def code_lines(path) -> list[str]:
    """The lines of the notebook's code cells that could only come from the code (not from prose)."""
    nb = nbformat.read(path, as_version=4)
    lines = [line.strip() for cell in nb.cells if cell.cell_type == "code" for line in cell.source.splitlines()]
    return [line for line in lines if len(line) >= 12 and ("(" in line or "import " in line)]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=80) as response:
        assert response.status == 200, f"{url}: HTTP {response.status}"
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def voila_pages(tmp_path_factory):
    """One Voilà server for notebooks/, rendering every notebook in RENDERED, two or three at a time."""
    server = h.voila_server("notebooks", tmp_path_factory.mktemp("voila-tree"))
    pool = ThreadPoolExecutor(max_workers=3)
    pages = {}
    for lang, number in RENDERED:
        url = server.url(f"/voila/render/{lang}/{h.notebook_path(lang, number).name}")
        pages[(lang, number)] = pool.submit(fetch, url)
    yield pages
    pool.shutdown(wait=True, cancel_futures=True)
    server.stop()


@pytest.mark.timeout(90)
@pytest.mark.parametrize(("lang", "number"), RENDERED, ids=[f"{lang}-{n}" for lang, n in RENDERED])
def test_notebook_renders_as_a_voila_app_without_code(lang, number, voila_pages):
    path = h.notebook_path(lang, number)
    page = voila_pages[(lang, number)].result(timeout=85)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))  # highlighted code is split up by tags
    for sign in ("Traceback", "There was an error when executing cell"):
        assert sign not in text, f"{path.name} raised in Voilà:\n{text[text.index(sign) - 200:][:3000]}"
    assert WIDGET_VIEW in page, f"{path.name}: Voilà showed no widget"
    assert code_lines(path), f"{path.name}: no code lines to look for"
    shown = [line for line in code_lines(path) if line in text]
    assert not shown, f"{path.name}: Voilà shows code: {shown}"
    # the course's page template: the page's language, the notebook's heading as its title, no lab-only advice
    nb = nbformat.read(path, as_version=4)
    assert f'<html lang="{lang}">' in page, f"{path.name}: the page does not say lang={lang!r}"
    heading = html.escape(nb.cells[0].source.splitlines()[0].lstrip("# ").strip(), quote=False)
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and title.group(1).strip().startswith(heading), f"{path.name}: title {title and title.group(1)!r}"
    # the loading screen in the page's language, in a reader's words (not "Running ... Executing 6 of 27")
    assert json.dumps(LOADING[lang])[1:-1] in page, f"{path.name}: Voilà's own loading screen"
    advice = LAB_ADVICE.search(text)
    assert not advice, f"{path.name}: the app tells the reader to run cells: {text[advice.start() - 80:][:200]!r}"


@pytest.mark.browser
@pytest.mark.timeout(90)
def test_a_voila_app_hides_the_code_and_follows_the_keyboard(tmp_path):
    h.require_browser()
    from playwright.sync_api import sync_playwright

    path = h.notebook_path("da", APP)
    relpath = path.relative_to(h.ROOT).as_posix()
    with h.voila_server(relpath, tmp_path) as app, sync_playwright() as playwright:
        browser = h.launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(h.STEP_MS)
        console = h.collect_console_errors(page)
        try:
            with h.screenshot_on_failure(page, f"voila-da-{APP}"):
                # Voilà runs the notebook before it answers; the page links a font stylesheet on a CDN that is
                # not reachable offline, so wait for the document, not for every resource.
                page.goto(app.url("/"), wait_until="domcontentloaded", timeout=60_000)
                widgets = h.wait_for_widgets(page, timeout_ms=60_000)
                assert not h.problems(page), f"{relpath}: {h.problems(page)}\nconsole: {console}"
                body = page.inner_text("body")
                shown = [line for line in code_lines(path) if line in body]
                assert not shown, f"Voilà shows code: {shown}"
                assert page.locator(".jp-InputArea .cm-editor, .jp-InputArea pre").count() == 0, "code cells shown"
                complete = [w for w in widgets if w.complete]
                assert complete, f"{relpath}: no widget with a slider, a figure and a result: {widgets}"
                for widget in complete:
                    alt = page.locator(f'[data-e2e-widget="{widget.index}"] img.samskabelse-figure').first
                    before = alt.get_attribute("alt")
                    h.check_widget_follows_keyboard(page, widget)
                    # the text alternative follows the figure (the page script copies it in the next frame)
                    page.wait_for_function("([el, old]) => el.alt && el.alt !== old", arg=[alt.element_handle(),
                                                                                          before])
                assert not h.problems(page), f"{relpath} after moving the sliders: {h.problems(page)}"
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.timeout(120)
def test_the_timeline_app_delivers_every_export_as_a_download(tmp_path):
    """Voilà 06: nothing is written when the app loads; the button makes the four files, each link downloads one,
    and each opens as what it claims to be (CSV rows, a PNG image, a one-page PDF, a calendar with events)."""
    h.require_browser()
    import csv
    import io

    import icalendar
    from PIL import Image
    from playwright.sync_api import sync_playwright

    path = h.notebook_path("da", "06")
    relpath = path.relative_to(h.ROOT).as_posix()
    exports = path.parent / "exports"
    existed = exports.exists()
    with h.voila_server(relpath, tmp_path) as app, sync_playwright() as playwright:
        browser = h.launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page.set_default_timeout(h.STEP_MS)
        try:
            with h.screenshot_on_failure(page, "voila-da-06-downloads"):
                page.goto(app.url("/"), wait_until="domcontentloaded", timeout=60_000)
                h.wait_for_widgets(page, timeout_ms=60_000)
                assert existed or not exports.exists(), f"loading the app wrote {exports}"
                page.locator(".samskabelse-make-downloads").click()
                links = page.locator("a.samskabelse-download")
                links.first.wait_for()
                names = links.all_inner_texts()
                assert sorted(n.rsplit(".", 1)[-1] for n in names) == ["csv", "ics", "pdf", "png"], names
                saved = {}
                for i, name in enumerate(names):
                    with page.expect_download() as info:
                        links.nth(i).click()
                    download = info.value
                    assert download.suggested_filename == name
                    target = tmp_path / "downloads" / name
                    download.save_as(target)
                    saved[name.rsplit(".", 1)[-1]] = target.read_bytes()
        finally:
            browser.close()
    assert existed or not exports.exists(), f"the downloads wrote {exports} on the server"
    rows = list(csv.reader(io.StringIO(saved["csv"].decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Type", "Navn", "Fase"] and len(rows) >= 8, rows[:3]
    with Image.open(io.BytesIO(saved["png"])) as image:
        assert image.format == "PNG" and image.width >= 1500
    assert saved["pdf"].startswith(b"%PDF") and b"/Count 1" in saved["pdf"]
    events = icalendar.Calendar.from_ical(saved["ics"]).walk("VEVENT")
    assert len(events) == 5 and all(str(e["SUMMARY"]) for e in events)


# ---------------------------------------------------------------------------------------------------------------
# Accessibility: axe-core on every widget app, in both languages

# Every app: 00's try-out, 01-06, 07's plan (no figure), 08's team view with its upload and export, each with its
# save box, upload or downloads where it has them; and 09, text only (its words and its links).
AXE_NOTEBOOKS = ("00", *h.WIDGET_NOTEBOOKS, "07", "08", "09")
AXE_APPS = [(lang, n) for lang in ("da", "en") for n in h.notebooks_present(lang, AXE_NOTEBOOKS)]
WITHOUT_FIGURE = ("07", "09")
WITHOUT_WIDGETS = ("09",)


@pytest.fixture(scope="module")
def app_browser(tmp_path_factory):
    """One Voilà server for notebooks/ (the apps as Binder's voila/render links open them) and one Chromium."""
    h.require_browser()
    from playwright.sync_api import sync_playwright

    server = h.voila_server("notebooks", tmp_path_factory.mktemp("voila-axe"))
    with sync_playwright() as playwright:
        browser = h.launch_chromium(playwright)
        try:
            yield server, browser
        finally:
            browser.close()
            server.stop()


@pytest.mark.browser
@pytest.mark.timeout(90)
@pytest.mark.parametrize(("lang", "number"), AXE_APPS, ids=[f"{lang}-{n}" for lang, n in AXE_APPS])
def test_the_app_is_accessible(lang, number, app_browser):
    """No serious or critical axe-core violation in the course's own elements (Voilà's own page furniture has
    none either; README, "Accessibility"), the page in the notebook's language with a real title, every figure
    with its text alternative and shown at its own size at 1366 x 768 (never shrunk, so its text stays at
    projector size), one Tab stop per slider, and toggle buttons that say whether they are pressed."""
    from browser import accessibility as a11y

    server, browser = app_browser
    path = h.notebook_path(lang, number)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(h.STEP_MS)
    try:
        with h.screenshot_on_failure(page, f"axe-voila-{lang}-{number}"):
            page.goto(server.url(f"/voila/render/{lang}/{path.name}"), wait_until="domcontentloaded",
                      timeout=60_000)
            if number in WITHOUT_WIDGETS:
                page.wait_for_selector("#rendered_cells .jp-Cell", state="visible", timeout=60_000)
            else:
                h.wait_for_widgets(page, timeout_ms=60_000)
            team = page.locator(".samskabelse-gains-team button")  # 02's team figure is made when asked
            if team.count():
                team.first.click()
                page.wait_for_selector(".samskabelse-gains-team img.samskabelse-figure", timeout=30_000)
            if number == "06":  # the downloads, made: their links are checked too
                page.locator(".samskabelse-make-downloads").click()
                page.locator("a.samskabelse-download").first.wait_for()
            page.wait_for_function("() => [...document.images].every(i => i.complete) && "
                                   "[...document.querySelectorAll('img.samskabelse-figure')].every(i => i.alt)",
                                   timeout=h.STEP_MS)
            assert not h.problems(page), h.problems(page)
            body = page.inner_text("main")
            lab_words = [body[max(0, m.start() - 40):m.end() + 20] for m in LAB_WORDS.finditer(body)]
            assert not lab_words, f"{path.name}: the app speaks JupyterLab: {lab_words}"
            wordless = h.sliders_without_words(page)
            assert not wordless, f"{path.name}: sliders whose value a screen reader hears as a number: {wordless}"
            if number == "06":
                plain = h.links_not_looking_like_links(page, "a.samskabelse-download")
                assert not plain, f"download links that do not look like links: {plain}"
            findings = a11y.run_axe(page)
            serious = a11y.serious_own(findings)
            assert not serious, f"{path.name}: axe-core finds in the course's elements:\n{a11y.describe(serious)}"
            assert not a11y.count(findings, own=False, serious_only=True), a11y.describe(findings, own=False)
            state = page.evaluate(r"""() => ({
              lang: document.documentElement.lang, title: document.title,
              tabbableReadouts: document.querySelectorAll('.widget-readout:not([tabindex="-1"])').length,
              unnamedHandles: [...document.querySelectorAll('.noUi-handle')].filter(h => {
                const id = h.getAttribute('aria-labelledby'); const el = id && document.getElementById(id);
                return !(el && el.textContent.trim()); }).length,
              toggles: [...document.querySelectorAll('button.widget-toggle-button')].map(
                b => [b.getAttribute('aria-pressed'), b.classList.contains('mod-active')]),
              alts: [...document.querySelectorAll('img.samskabelse-figure')].map(i => i.alt),
              tracks: ['.samskabelse-readout-7', '.samskabelse-readout-9'].map(group => [...new Set(
                [...document.querySelectorAll(group + ' .noUi-target')].map(
                  t => Math.round(t.getBoundingClientRect().width / 2)))]),
              shrunk: [...document.querySelectorAll('img.samskabelse-figure')].filter(
                i => i.getBoundingClientRect().width < i.naturalWidth - 1).map(
                i => [i.naturalWidth, Math.round(i.getBoundingClientRect().width), i.alt.slice(0, 40)]),
            })""")
            assert state["lang"] == lang and "–" in state["title"], state
            assert state["tabbableReadouts"] == 0, "a slider's number beside it takes its own Tab stop"
            assert state["unnamedHandles"] == 0, "a slider handle without the name of its label"
            assert all(p == ("true" if on else "false") for p, on in state["toggles"]), state["toggles"]
            assert (number in WITHOUT_FIGURE or state["alts"]) and all(len(a) > 20 for a in state["alts"]), \
                state["alts"]
            assert all(len(widths) <= 1 for widths in state["tracks"]), f"05's rows of sliders: {state['tracks']}"
            assert not state["shrunk"], f"figures shrunk to fit the page (own width, shown width): {state['shrunk']}"
    finally:
        page.close()


# ---------------------------------------------------------------------------------------------------------------
# The keyboard: every control shows where the focus is

FOCUS_APPS = [(lang, n) for lang in ("da", "en") for n in h.notebooks_present(lang, ("02", "05", "06"))]


@pytest.mark.browser
@pytest.mark.timeout(150)
@pytest.mark.parametrize(("lang", "number"), FOCUS_APPS, ids=[f"{lang}-{n}" for lang, n in FOCUS_APPS])
def test_tab_reaches_every_control_with_a_visible_focus(lang, number, app_browser):
    """Tab from the top of the app to its end: every stop (text fields, drop-downs, buttons, sliders, links, the
    "Sådan regner kurset" summaries) shows a ring of at least 3 px at 3:1 against what is around it, not cut off;
    and a slider moved with the arrow keys says its new value in words."""
    server, browser = app_browser
    path = h.notebook_path(lang, number)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(h.STEP_MS)
    try:
        with h.screenshot_on_failure(page, f"focus-voila-{lang}-{number}"):
            page.goto(server.url(f"/voila/render/{lang}/{path.name}"), wait_until="domcontentloaded",
                      timeout=60_000)
            h.wait_for_widgets(page, timeout_ms=60_000)
            stops = h.tab_through(page)
            kinds = {s["tag"] for s in stops if s["inside"]}
            assert {"input", "button", "div"} <= kinds, f"{path.name}: Tab reached only {kinds}"  # div: handles
            if number in ("05", "06"):
                assert "select" in kinds, f"{path.name}: no drop-down reached with Tab: {kinds}"
            weak = h.weak_focus(stops)
            assert not weak, f"{path.name}: {len(weak)} of {len(stops)} stops without a visible focus: {weak[:6]}"
            # a word slider, moved with the keyboard, says its new words
            word = next((i for i, s in enumerate(h.slider_values(page)) if not s["words"].isdigit()), None)
            if word is not None:
                handle = page.locator(".noUi-handle").nth(word)
                handle.focus()
                before = handle.get_attribute("aria-valuetext")
                page.keyboard.press("ArrowRight" if handle.get_attribute("aria-valuenow") != handle.get_attribute(
                    "aria-valuemax") else "ArrowLeft")
                page.wait_for_function("([el, old]) => el.getAttribute('aria-valuetext') !== old",
                                       arg=[handle.element_handle(), before])
                assert not h.sliders_without_words(page), h.sliders_without_words(page)
    finally:
        page.close()


# ---------------------------------------------------------------------------------------------------------------
# Continue where you left off: a real reload, and the saved answers brought back

RELOAD_APPS = [(lang, n) for lang in ("da", "en") for n in h.notebooks_present(lang, ("02", "06"))]
SAVE = {"da": ("Gem mine svar", "Hent mine gemte svar"), "en": ("Save my answers", "Bring back my saved answers")}
# what the page shows of the participant's answers, the save box left out: each slider's words, each field's text
# or choice, each result and figure text, and each figure's pixels (drawn into a canvas)
_PAGE_STATE = r"""() => {
  const mine = el => !el.closest('.samskabelse-save');
  const all = sel => [...document.querySelectorAll('main ' + sel)].filter(mine);
  return {
    sliders: all('.noUi-handle').map(h => h.getAttribute('aria-valuetext')),
    fields: all('input[type=text], textarea, select').map(e => e.value),
    results: all('.samskabelse-result').map(e => e.innerText.trim()),
    alts: all('img.samskabelse-figure').map(i => i.alt),
    pixels: all('img.samskabelse-figure').map(i => {
      const c = document.createElement('canvas'); c.width = i.naturalWidth; c.height = i.naturalHeight;
      c.getContext('2d').drawImage(i, 0, 0); return c.toDataURL('image/png'); }),
  };
}"""


def _page_state(page, settle_ms: int = 800, timeout_ms: int = 30_000) -> dict:
    """The page's state once it has stopped changing (the kernel answers each change a moment later)."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    last = page.evaluate(_PAGE_STATE)
    while time.monotonic() < deadline:
        page.wait_for_timeout(settle_ms)
        now = page.evaluate(_PAGE_STATE)
        if now == last:
            return now
        last = now
    return last


def _same_page(before: dict, after: dict) -> list[str]:
    """What differs between two states; figures compared by their pixels (up to antialiasing, see test_continue)."""
    import base64

    from test_continue import same_picture

    out = [f"{k}: {before[k]!r} then {after[k]!r}" for k in ("sliders", "fields", "results", "alts")
           if before[k] != after[k]]
    if len(before["pixels"]) != len(after["pixels"]):
        return [*out, "another number of figures"]
    for i, (a, b) in enumerate(zip(before["pixels"], after["pixels"], strict=True)):
        if not same_picture(*(base64.b64decode(x.split(",", 1)[1]) for x in (a, b))):
            out.append(f"figure {i} ({before['alts'][i][:60]!r}) is drawn differently")
    return out


def _answer_in_the_browser(page, number: str) -> None:
    """What a participant does with mouse and keyboard: move sliders with the arrow keys, type in fields."""
    def type_into(locator, text):
        locator.scroll_into_view_if_needed()
        locator.fill(text)
        locator.press("Tab")  # the course's text fields send their value when left (continuous_update=False)

    if number == "02":
        for k, presses in ((0, 3), (1, 5), (4, 2)):
            handle = page.locator(".samskabelse-gains .noUi-handle").nth(k)
            handle.scroll_into_view_if_needed()
            handle.focus()
            for _ in range(presses):
                page.keyboard.press("ArrowRight")
        type_into(page.locator(".samskabelse-gains input[type=text]").first, "Bedre naboskab")
        type_into(page.locator(".samskabelse-gains textarea").first, "Borgerne vil selv være med.")
        handle = page.locator(".samskabelse-demands .noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        page.keyboard.press("ArrowRight")
    else:  # 06: words in the figure's title and its deadlines' labels (the plan's extent stays as it is)
        fields = page.locator(".samskabelse-timeline input[type=text]")
        type_into(fields.first, "Fælleshaven")
        type_into(fields.nth(2), "Møde med direktionen")


@pytest.mark.browser
@pytest.mark.timeout(240)
@pytest.mark.parametrize(("lang", "number"), RELOAD_APPS, ids=[f"{lang}-{n}" for lang, n in RELOAD_APPS])
def test_a_reload_and_the_saved_answers_come_back(lang, number, tmp_path, monkeypatch):
    """In the app: answer, see the page ask before it is left, save, reload (a new kernel: every control back at
    its start), press "Hent mine gemte svar": the same sliders, fields, result texts and figures as before."""
    h.require_browser()
    from playwright.sync_api import sync_playwright

    # the kernel's answers folder and the participant's own record, away from the repository and the home folder
    monkeypatch.setenv("SAMSKABELSE_ANSWERS", str(tmp_path / "answers"))
    monkeypatch.setenv("SAMSKABELSE_CONFIG_DIR", str(tmp_path / "participant"))
    save, restore = SAVE[lang]
    path = h.notebook_path(lang, number)
    (tmp_path / "server").mkdir()
    with h.voila_server("notebooks", tmp_path / "server") as app, sync_playwright() as playwright:
        browser = h.launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_default_timeout(h.STEP_MS)
        url = app.url(f"/voila/render/{lang}/{path.name}")
        try:
            with h.screenshot_on_failure(page, f"reload-voila-{lang}-{number}"):
                page.goto(url, wait_until="domcontentloaded", timeout=60_000)
                h.wait_for_widgets(page, timeout_ms=60_000)
                start = _page_state(page)
                _answer_in_the_browser(page, number)
                answered = _page_state(page)
                assert _same_page(start, answered), "the answers changed nothing on the page"
                # something is not saved: the page asks before it is left, and a reader who then stays keeps the
                # kernel (Voilà shuts it down in its own beforeunload handler: saving below needs it running)
                page.wait_for_selector(".samskabelse-unsaved", state="attached")
                asked = page.evaluate("() => { const e = new Event('beforeunload', {cancelable: true}); "
                                      "window.dispatchEvent(e); return e.defaultPrevented; }")
                assert asked, "the page would be left without asking"
                box = page.locator(".samskabelse-save")
                name = box.locator("input[type=text]").first
                name.fill("Anna")
                name.press("Tab")
                box.get_by_role("button", name=save).click()
                box.locator(".samskabelse-saved, .samskabelse-warning").first.wait_for(timeout=60_000)
                assert box.locator(".samskabelse-saved").count(), box.inner_text()
                page.wait_for_selector(".samskabelse-unsaved", state="detached")

                page.reload(wait_until="domcontentloaded", timeout=60_000)  # nothing unsaved: no question
                h.wait_for_widgets(page, timeout_ms=60_000)
                reloaded = _page_state(page)
                assert not _same_page(start, reloaded), _same_page(start, reloaded)  # all back at its start
                box = page.locator(".samskabelse-save")
                assert box.locator("input[type=text]").first.input_value() == "Anna"  # the name is remembered
                box.get_by_role("button", name=restore).click()
                box.locator(".samskabelse-saved, .samskabelse-warning").first.wait_for(timeout=60_000)
                assert box.locator(".samskabelse-saved").count(), box.inner_text()
                back = _page_state(page)
                assert not _same_page(answered, back), _same_page(answered, back)
                assert page.locator(".samskabelse-unsaved").count() == 0, "brought back, and still 'unsaved'"
        finally:
            browser.close()
