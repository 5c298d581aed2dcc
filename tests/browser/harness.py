"""Start JupyterLab or Voilà on 127.0.0.1, drive them in Debian's Chromium through Playwright, and read what a
person would see: whether every widget displayed, and whether a slider moved with the keyboard changed the
figure and the result text.

Used by tests/test_browser_lab.py, tests/test_browser_voila.py and benchmarks/browser_latency.py. Every wait is
bounded. Playwright never downloads a browser here: it launches /usr/bin/chromium by `executable_path`.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "build" / "browser-screenshots"
CHROMIUM = Path(os.environ.get("SAMSKABELSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# The notebooks whose widgets the course is about; each has a slider, a figure and a result text, marked with
# the CSS classes below (notebook 00's practice slider has them too).
WIDGET_NOTEBOOKS = ("01", "02", "03", "04", "05", "06")
WIDGET = ".samskabelse-widget"
FIGURE = "img.samskabelse-figure, .samskabelse-figure img"
RESULT = ".samskabelse-result"
HANDLE = ".noUi-handle"

SERVER_START_S = 60          # JupyterLab needs ~3 s here, Voilà ~2 s; the margin is for a busy machine
RUN_ALL_MS = 90_000          # the slowest notebook runs in a few seconds
STEP_MS = 15_000             # one navigation, one widget render or one key press answered


# ---------------------------------------------------------------------------------------------------------------
# Is there a browser?

def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing_browser_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium) "
                "or set SAMSKABELSE_CHROMIUM; Playwright must not download a browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed: run make install"
    return None


def require_browser() -> None:
    """Skip with the reason on a developer's machine without Chromium; fail in CI, where it is required."""
    import pytest

    reason = missing_browser_reason()
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"browser tests are required in CI (CI=true), but {reason}", pytrace=False)
    pytest.skip(reason)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
                                      timeout=30_000)


# ---------------------------------------------------------------------------------------------------------------
# Servers

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A Jupyter server process in its own process group; `url(path)` adds the token."""

    name: str
    argv: list[str]
    port: int
    token: str
    cwd: Path
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/", **query: str) -> str:
        params = [k if v is None else f"{k}={v}" for k, v in query.items()] + [f"token={self.token}"]
        return f"{self.base}{path}{'&' if '?' in path else '?'}{'&'.join(params)}"

    def start(self, ready_path: str, timeout_s: float = SERVER_START_S) -> Server:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdout=out,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url(ready_path), timeout=5) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout_s:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait_s in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait_s)
                return
            except subprocess.TimeoutExpired:
                continue

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def api(self, method: str, path: str, body: dict | None = None) -> object:
        headers = {"Authorization": f"token {self.token}"}
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _isolated_env(workdir: Path, python: str = sys.executable) -> dict[str, str]:
    """The server's environment: that Python's scripts first, and Jupyter's per-user folders in `workdir`."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(python).parent}{os.pathsep}{env.get('PATH', '')}"
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        env[var] = str(workdir / sub)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env.pop("JUPYTER_TOKEN", None)
    return env


# JupyterLab settings for the tests: no news toast, no update check, and every cell kept in the page (with
# windowing, cells scrolled out of view are detached and their widgets would not be found).
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def lab_server(workdir: Path, *, repo: Path = ROOT, python: str = sys.executable) -> Server:
    """JupyterLab serving a COPY of notebooks/ (running cells in Lab saves them; the repository stays clean).

    `repo` and `python`: another checkout and its environment (benchmarks/accessibility_audit.py measures a
    baseline checkout with them)."""
    root = workdir / "root"
    shutil.copytree(repo / "notebooks", root / "notebooks")
    settings = workdir / "app-settings"
    settings.mkdir(parents=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_OVERRIDES), encoding="utf-8")
    def argv(port: int, token: str) -> list[str]:
        args = [
            python, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
            f"--LabApp.app_settings_dir={settings}", f"--LabApp.user_settings_dir={workdir / 'user-settings'}",
            f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
        ]
        if os.geteuid() == 0:
            args.append("--allow-root")  # JupyterLab refuses to run as root without it (CI, containers)
        return args

    return _start("JupyterLab", argv, root, workdir, "/api/status", python=python)


def _start(name: str, argv, cwd: Path, workdir: Path, ready_path: str, tries: int = 3,
           python: str = sys.executable) -> Server:
    """Start on a free port; another process may take the port between choosing and binding it, so retry."""
    for attempt in range(1, tries + 1):
        port, token = free_port(), secrets.token_hex(16)
        log = workdir / f"{name.lower()}-{port}.log"
        server = Server(name, argv(port, token), port, token, cwd, _isolated_env(workdir, python), log)
        try:
            return server.start(ready_path)
        except RuntimeError:
            if attempt == tries or server.process is None or server.process.poll() is None:
                raise
    raise AssertionError("unreachable")


VOILA_READY = "/voila/static/voila.js"  # a static file: answers without running a notebook


def voila_server(target: str, workdir: Path, *, repo: Path = ROOT, python: str = sys.executable) -> Server:
    """Voilà as the README starts it (`voila notebooks/da/NN-....ipynb`, from the repository root)."""
    def argv(port: int, token: str) -> list[str]:
        return [
            python, "-m", "voila", target, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0", f"--Voila.token={token}", "--show_tracebacks=True",
        ]

    return _start("Voila", argv, repo, workdir, VOILA_READY, python=python)


# ---------------------------------------------------------------------------------------------------------------
# Notebooks

def notebook_path(lang: str, number: str) -> Path | None:
    found = sorted((NOTEBOOKS / lang).glob(f"{number}-*.ipynb"))
    return found[0] if found else None


def notebooks_present(lang: str, numbers: tuple[str, ...]) -> list[str]:
    return [n for n in numbers if notebook_path(lang, n) is not None]


@contextmanager
def screenshot_on_failure(page, name: str):
    """On any failure (time-outs included) save what the page showed to build/browser-screenshots/<name>.png."""
    try:
        yield
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / (re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") + ".png")
        try:
            page.screenshot(path=str(target), full_page=True, timeout=10_000)
            print(f"screenshot of the failure: {target}", file=sys.stderr)
        except Exception as error:  # the page may be gone; the original failure matters more
            print(f"could not save a screenshot to {target}: {error}", file=sys.stderr)
        raise


def _menu(page, menu: str, command: str) -> None:
    page.get_by_role("menuitem", name=menu, exact=True).click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').click()


def close_notebooks(page) -> None:
    """File > Save All, then File > Close All Tabs: Lab stays loaded for the next notebook (the files saved are the
    server's copies)."""
    if not page.locator(".jp-NotebookPanel").count():
        return
    _menu(page, "File", "docmanager:save-all")
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=STEP_MS)
    _menu(page, "File", "application:close-all")
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')", timeout=STEP_MS)


def _lab_is_loaded(page) -> bool:
    return page.url.startswith("http") and page.locator("#jp-main-dock-panel").count() > 0


def open_in_lab(page, lab: Server, relpath: str) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is idle.

    The first notebook loads Lab with a fresh workspace (`?reset`); later ones open in the same Lab through
    File > Open from Path (loading Lab again costs seconds per notebook). Any trouble there: load Lab afresh.
    """
    # Start the notebook's kernel first, so that it boots while the page loads; Lab joins the running session.
    lab.api("POST", "/api/sessions", {"path": relpath, "name": relpath.rsplit("/", 1)[-1], "type": "notebook",
                                      "kernel": {"name": "python3"}})
    opened = False
    if _lab_is_loaded(page):
        try:
            close_notebooks(page)
            _menu(page, "File", "filebrowser:open-path")
            page.locator(".jp-Dialog input").fill(relpath)
            page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click()
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=STEP_MS)
            opened = True
        except Exception as error:
            if type(error).__name__ not in ("TimeoutError", "Error"):
                raise
    if not opened:
        page.goto(lab.url(f"/lab/tree/{relpath}", reset=None), timeout=30_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=30_000)
    # Now and then (a race with loading the kernel specs) Lab asks which kernel to start: accept its proposal,
    # the notebook's own python3. The server's session list says when the kernel really runs.
    deadline = time.monotonic() + 30
    while True:
        accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        if accept.count():
            accept.first.click()
        sessions = lab.api("GET", "/api/sessions") or []
        if any(s["path"] == relpath and (s.get("kernel") or {}).get("execution_state") == "idle" for s in sessions):
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"no kernel became idle for {relpath} within 30 s; sessions: {sessions}")
        time.sleep(0.2)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', state="attached", timeout=30_000)


_RUN_FINISHED = r"""() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
  const done = prompts.length > 0 && prompts.every(p => /\[\d+\]/.test(p.textContent));
  const failed = [...document.querySelectorAll('.jp-OutputArea-output')].some(o => /Traceback/.test(o.textContent));
  return done || failed;
}"""


def collapsed_inputs(page) -> tuple[int, int]:
    """(code cells whose code JupyterLab shows collapsed, code cells): the course's code is hidden by metadata."""
    return page.evaluate("""() => {
      const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
      return [cells.filter(c => c.querySelector('.jp-InputPlaceholder')).length, cells.length];
    }""")


def run_all_cells(page, timeout_ms: int = RUN_ALL_MS) -> None:
    """Run > Run All Cells, then wait until every code cell has run (or one raised).

    The course's code cells are collapsed (jupyter.source_hidden), and JupyterLab does not number the prompt of a
    collapsed cell; so View > Expand All Code first, which makes the "[n]" prompts the wait reads visible."""
    _menu(page, "View", "notebook:show-all-cell-code")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_function(_RUN_FINISHED, timeout=timeout_ms)


def shut_down_kernels(lab: Server) -> None:
    """Free the CPU for the next notebook: this machine has two cores."""
    for session in lab.api("GET", "/api/sessions") or []:
        lab.api("DELETE", f"/api/sessions/{session['id']}")


# ---------------------------------------------------------------------------------------------------------------
# What the page shows

def collect_console_errors(page) -> list[str]:
    """The browser console's errors from now on (shown in failure messages: a failed widget logs why)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text[:500]) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"[:500]))
    return errors


_PROBLEMS = r"""() => {
  const out = [];
  for (const el of document.querySelectorAll('.jp-OutputArea-output')) {
    const text = el.textContent || '';
    if (/^\s*(Error displaying widget|Loading widget\.\.\.)/.test(text)) out.push('widget view: ' + text.trim());
    if (/Traceback|There was an error when executing cell/.test(text)) out.push('error output: ' + text.trim());
  }
  // ipywidgets 8 shows a view whose code failed to load as an error icon ("Click to show javascript error.")
  for (const el of document.querySelectorAll('.jupyter-widgets-error-widget')) {
    out.push('widget view: failed to display (' + (el.textContent || '').trim() + ')');
  }
  return [...new Set(out)].map(s => s.slice(0, 1500));
}"""


def problems(page) -> list[str]:
    """Widget views that failed or never loaded, and error outputs (tracebacks)."""
    return page.evaluate(_PROBLEMS)


# Marks each course widget (outermost element with class samskabelse-widget) with data-e2e-widget="i" and reports
# its parts.
_MARK_WIDGETS = r"""([WIDGET, FIGURE, RESULT, HANDLE]) => {
  const roots = [...document.querySelectorAll(WIDGET)].filter(el => !el.parentElement.closest(WIDGET));
  return roots.map((el, i) => {
    el.setAttribute('data-e2e-widget', String(i));
    return {index: i, classes: el.className, figure: FIGURE, result: RESULT,
            sliders: el.querySelectorAll(HANDLE).length, figures: el.querySelectorAll(FIGURE).length,
            results: el.querySelectorAll(RESULT).length};
  });
}"""

_SNAPSHOT = r"""([index, fig, res]) => {
  const root = document.querySelector(`[data-e2e-widget="${index}"]`);
  const img = root.querySelector(fig);
  return {src: img ? img.getAttribute('src') : null,
          text: [...root.querySelectorAll(res)].map(r => r.innerText).join('\n')};
}"""

_CHANGED = r"""([index, fig, res, before]) => {
  const root = document.querySelector(`[data-e2e-widget="${index}"]`);
  const img = root.querySelector(fig);
  const text = [...root.querySelectorAll(res)].map(r => r.innerText).join('\n');
  return img && img.getAttribute('src') !== before.src && img.complete && img.naturalWidth > 0 &&
         text !== before.text;
}"""


@dataclass
class WidgetInfo:
    index: int
    classes: str
    figure: str
    result: str
    sliders: int
    figures: int
    results: int

    @property
    def complete(self) -> bool:
        return self.sliders > 0 and self.figures > 0 and self.results > 0


def wait_for_widgets(page, timeout_ms: int = STEP_MS) -> list[WidgetInfo]:
    """Wait until the course widgets have rendered (and no view is still loading), then mark them."""
    page.wait_for_function(
        r"""([WIDGET]) => {
          const loading = [...document.querySelectorAll('.jp-OutputArea-output')]
            .some(o => /^\s*Loading widget\.\.\./.test(o.textContent));
          return !loading && !!document.querySelector(WIDGET);
        }""",
        arg=[WIDGET], timeout=timeout_ms)
    return [WidgetInfo(**w) for w in page.evaluate(_MARK_WIDGETS, [WIDGET, FIGURE, RESULT, HANDLE])]


def _handle(page, widget: WidgetInfo, slider: int):
    return page.locator(f'[data-e2e-widget="{widget.index}"]').locator(HANDLE).nth(slider)


def _key_for(handle) -> str:
    """ArrowRight, unless the slider is already at its maximum."""
    now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    try:
        return "ArrowLeft" if float(now) >= float(top) else "ArrowRight"
    except (TypeError, ValueError):
        return "ArrowRight"


def press_slider(page, widget: WidgetInfo, slider: int, timeout_ms: int = STEP_MS) -> tuple[bool, str]:
    """Focus one slider handle, press an arrow key, and wait until both the figure and the result changed."""
    handle = _handle(page, widget, slider)
    handle.scroll_into_view_if_needed(timeout=timeout_ms)
    key = _key_for(handle)
    before = page.evaluate(_SNAPSHOT, [widget.index, widget.figure, widget.result])
    value_before = handle.get_attribute("aria-valuenow")
    handle.focus()
    page.keyboard.press(key)
    try:
        page.wait_for_function(_CHANGED, arg=[widget.index, widget.figure, widget.result, before], timeout=timeout_ms)
        return True, f"slider {slider}: {key} {value_before} -> {handle.get_attribute('aria-valuenow')}"
    except Exception as error:
        if type(error).__name__ != "TimeoutError":
            raise
        after = page.evaluate(_SNAPSHOT, [widget.index, widget.figure, widget.result])
        return False, (f"slider {slider}: {key} {value_before} -> {handle.get_attribute('aria-valuenow')}; "
                       f"figure changed: {after['src'] != before['src']}; result changed: "
                       f"{after['text'] != before['text']} (result now {after['text'][:200]!r})")


def check_widget_follows_keyboard(page, widget: WidgetInfo) -> str:
    """Some slider of the widget, moved with the keyboard, changes its figure and its result text."""
    attempts = []
    for slider in range(widget.sliders):
        ok, detail = press_slider(page, widget, slider)
        if ok:
            return detail
        attempts.append(detail)
    raise AssertionError(f"widget {widget.index} ({widget.classes}): no slider changed both the figure and the "
                         "result: " + " | ".join(attempts))


# In-page timing of one key press: keydown -> new image source set -> new image loaded (decoded).
_ARM_TIMER = r"""([index, fig]) => {
  const img = document.querySelector(`[data-e2e-widget="${index}"]`).querySelector(fig);
  const t = window.__e2eTiming = {key: null, src: null, load: null};
  document.addEventListener('keydown', () => { t.key = performance.now(); }, {capture: true, once: true});
  const obs = new MutationObserver(() => { if (t.src === null) t.src = performance.now(); });
  obs.observe(img, {attributes: true, attributeFilter: ['src']});
  img.addEventListener('load', () => { t.load = performance.now(); obs.disconnect(); }, {once: true});
}"""


def timed_press(page, widget: WidgetInfo, slider: int = 0, timeout_ms: int = STEP_MS) -> dict[str, float]:
    """Press an arrow key on a slider; milliseconds from the key press to the new image source and to its load."""
    handle = _handle(page, widget, slider)
    key = _key_for(handle)
    handle.focus()
    page.evaluate(_ARM_TIMER, [widget.index, widget.figure])
    page.keyboard.press(key)
    page.wait_for_function("() => window.__e2eTiming.load !== null", timeout=timeout_ms)
    t = page.evaluate("() => window.__e2eTiming")
    return {"src_ms": t["src"] - t["key"], "load_ms": t["load"] - t["key"]}


# ---------------------------------------------------------------------------------------------------------------
# What a keyboard and a screen reader get

_SLIDER_WORDS = r"""() => [...document.querySelectorAll('.widget-slider, .jupyter-widget-slider')].flatMap(slider => {
  const readout = slider.querySelector('.widget-readout');
  const words = readout ? readout.textContent.trim() : '';
  const label = [...slider.children].find(c => c.classList.contains('widget-label'));
  return [...slider.querySelectorAll('.noUi-handle')].map(handle => ({
    name: (label ? label.textContent : '').trim().slice(0, 80), words,
    valuetext: handle.getAttribute('aria-valuetext'), now: handle.getAttribute('aria-valuenow')}));
})"""


def slider_values(page) -> list[dict]:
    """Every slider handle on the page: its label, the words its readout shows, what a screen reader hears."""
    return page.evaluate(_SLIDER_WORDS)


def sliders_without_words(page) -> list[dict]:
    """Handles whose aria-valuetext is not the words their position shows (ipywidgets' SelectionSlider says the
    position's index, 0/1/2); the page script (widgets/access.py) copies the words."""
    return [s for s in slider_values(page) if not s["words"] or s["valuetext"] != s["words"]]


_LINK_LOOK = r"""(selector) => {
  const rgb = c => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  return [...document.querySelectorAll(selector)].filter(a => {
    const style = getComputedStyle(a), around = getComputedStyle(a.parentElement);
    const underlined = style.textDecorationLine.includes('underline');
    const coloured = rgb(style.color).join() !== rgb(around.color).join();
    return !(underlined && coloured);
  }).map(a => a.textContent.trim().slice(0, 60));
}"""


def links_not_looking_like_links(page, selector: str = "main a[href]") -> list[str]:
    """Links that are not both underlined and in another colour than the text around them."""
    return page.evaluate(_LINK_LOOK, selector)


_FOCUS = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                     return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const background = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                              if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c; } return [255, 255, 255]; };
  const style = getComputedStyle(el);
  const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth) || 0;
  const a = lum(rgb(style.outlineColor)), b = lum(background(el.parentElement));
  const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  // the ring must not be cut off by a box that hides what overflows it
  const r = el.getBoundingClientRect(), reach = width + (parseFloat(style.outlineOffset) || 0);
  let clipped = '';
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p);
    if (!/hidden|clip/.test(o.overflowX + o.overflowY)) continue;
    const q = p.getBoundingClientRect();
    if (r.left - reach < q.left - 0.5 || r.right + reach > q.right + 0.5 ||
        r.top - reach < q.top - 0.5 || r.bottom + reach > q.bottom + 0.5) { clipped = p.className.slice(0, 60); break; }
  }
  const name = (el.getAttribute('aria-label') || el.textContent || el.value || el.getAttribute('placeholder') || '')
    .trim().slice(0, 50);
  const main = document.querySelector('main');
  return {tag: el.tagName.toLowerCase(), cls: (el.className && el.className.baseVal === undefined ? el.className : '')
            .slice(0, 60), name, inside: !!(main && main.contains(el)), width, contrast: Math.round(contrast * 10) / 10,
          clipped, shown: r.width > 0 && r.height > 0};
}"""


def tab_through(page, limit: int = 400) -> list[dict]:
    """Press Tab from the top of the page until the focus leaves the page or comes back; what each stop showed."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops, seen = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUS)
        if stop is None:
            break
        key = page.evaluate("() => { const e = document.activeElement; if (!e.dataset.e2eTab) "
                            "e.dataset.e2eTab = String(Math.random()); return e.dataset.e2eTab; }")
        if key in seen:
            break
        seen.add(key)
        stops.append(stop)
    return stops


def weak_focus(stops: list[dict], min_width: float = 3.0, min_contrast: float = 3.0) -> list[dict]:
    """The stops inside the page's <main> whose focus ring is thinner than 3 px, fainter than 3:1 against what is
    around it, or cut off."""
    return [s for s in stops if s["inside"] and s["shown"]
            and (s["width"] < min_width or s["contrast"] < min_contrast or s["clipped"])]
