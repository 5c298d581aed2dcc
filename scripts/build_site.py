"""Build the course site (make docs): docs/ with the notebooks, run, and the facilitator's material.

    .venv/bin/python scripts/build_site.py                 build build/site/ (the theme once per machine, cached)
    .venv/bin/python scripts/build_site.py --check-only    only check the links of an already built build/site/
    BASE_URL=/REPO .venv/bin/python scripts/build_site.py  for a site served under /REPO (GitHub Pages of a project)

Steps (docs/developers/site.md):
1. The book theme of MyST, built from its source in docs/theme/ with the versions its package-lock.json pins (npm
   ci from the npm registry), once per machine: it is kept in a cache folder named after the hash of
   docs/theme/ (~/.cache/samskabelse/, or SAMSKABELSE_SITE_CACHE). MyST would otherwise download the theme at
   build time from outside the package registries. The same install brings the MyST command line (mystmd);
   both run on the machine's Node.js (20 or newer), which nothing here downloads.
2. build/site-src/: docs/, exercises/ and every notebook and workbook in docs/myst.yml's table of contents, run
   in a kernel of this environment (two at a time) with their widget state; each widget becomes static HTML
   (scripts/static_widgets.py), and the notebook's page script is left out.
3. `myst build --html` there; any warning or error it prints fails the build; the result moves to build/site/.
4. Every link and image of every built page is checked: a page, file or #anchor of the site that does not exist
   fails the build.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
THEME_SRC = DOCS / "theme"
BUILD = ROOT / "build"
SITE_SRC = BUILD / "site-src"
SITE = BUILD / "site"

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pictures  # noqa: E402
import static_widgets  # noqa: E402

WIDGET_TEXTS = SITE_SRC / "widget-texts.json"  # what each course widget said, for the pictures' check


def log(message: str) -> None:
    print(f"[site] {message}", flush=True)


# ---------------------------------------------------------------------------------------------------------------
# 1. The theme


def theme_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in THEME_SRC.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(THEME_SRC)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    if os.environ.get("SAMSKABELSE_SITE_CACHE"):
        return Path(os.environ["SAMSKABELSE_SITE_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "samskabelse"


def npm(args: list[str], cwd: Path) -> None:
    subprocess.run(["npm", *args, "--no-audit", "--no-fund", "--loglevel=error"], cwd=cwd, check=True)


def inline_widget_css(node_modules: Path) -> None:
    """@jupyter-widgets/controls' widgets-base.css @imports two CSS files beside it, which Remix's bundler refuses
    inside a package's CSS ("Cannot import ... into a CSS file"): put their text in place of the @import."""
    for base in node_modules.rglob("@jupyter-widgets/controls/css/widgets-base.css"):
        text = base.read_text(encoding="utf-8")
        folder = base.parent
        text = re.sub(r"@import '\./([a-z-]+\.css)';",
                      lambda m, folder=folder: (folder / m.group(1)).read_text(encoding="utf-8"), text)
        base.write_text(text, encoding="utf-8")


def build_theme() -> tuple[Path, Path]:
    """(the theme's template.yml, the myst command), building them first when this theme is not in the cache."""
    home = cache_root() / f"site-theme-{theme_hash()}"
    template, myst = home / "book" / "template.yml", home / "src" / "node_modules" / ".bin" / "myst"
    if not ((home / ".built").exists() and template.exists() and myst.exists()):
        _build_theme(home)
    # build/theme: where docs/myst.yml looks for the theme, for `myst start` in docs/ (a preview without the runs)
    link = BUILD / "theme"
    BUILD.mkdir(exist_ok=True)
    if link.is_symlink() or link.exists():
        link.unlink() if link.is_symlink() else shutil.rmtree(link)
    link.symlink_to(home, target_is_directory=True)
    return template, myst


def _build_theme(home: Path) -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        sys.exit("The course site needs Node.js 20 or newer with npm (Debian: apt-get install nodejs npm).")
    started = time.monotonic()
    log(f"building MyST's book theme from docs/theme/ into {home} (once per machine: a few minutes)")
    shutil.rmtree(home, ignore_errors=True)
    src = home / "src"
    shutil.copytree(THEME_SRC, src, ignore=shutil.ignore_patterns("server"))
    npm(["ci"], src)
    inline_widget_css(src / "node_modules")
    npm(["run", "build"], src)
    book = home / "book"
    shutil.copytree(THEME_SRC / "server", book)
    for part in ("build", "public"):
        shutil.copytree(src / part, book / part)
    shutil.copy2(src / "template.yml", book / "template.yml")
    npm(["ci", "--omit=dev"], book)
    (home / ".built").write_text(json.dumps({"seconds": round(time.monotonic() - started)}), encoding="utf-8")
    log(f"theme built in {time.monotonic() - started:.0f} s")


# ---------------------------------------------------------------------------------------------------------------
# 2. The sources, with the notebooks run


def toc_files(entries: list[dict]) -> list[str]:
    files = []
    for entry in entries:
        if "file" in entry:
            files.append(entry["file"])
        files += toc_files(entry.get("children", []))
    return files


def kernel_env(scratch: Path) -> dict[str, str]:
    """The notebooks run as a new participant would: no course settings, no saved name, nothing written in the
    repository (answers and exports go to a scratch folder)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMSKABELSE_")}
    env.update(SAMSKABELSE_CONFIG_DIR=str(scratch / "config"), SAMSKABELSE_ANSWERS=str(scratch / "answers"),
               SAMSKABELSE_EXPORTS=str(scratch / "exports"), PYTHONDONTWRITEBYTECODE="1")
    return env


def run_notebook(source: str, target: str, scratch: str) -> tuple[str, float, int, list[str]]:
    import nbformat
    from nbclient import NotebookClient

    started = time.monotonic()
    nb = nbformat.read(source, as_version=4)
    lang = nb.metadata.get("samskabelse", {}).get("lang") or ("da" if "/da/" in source else "en")
    os.environ.update(kernel_env(Path(scratch)))
    client = NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(Path(target).parent)}})
    client.execute()
    texts = pictures.texts_of_run(nb)
    widgets = static_widgets.make_static(nb, lang)
    for cell in nb.cells:  # the page script that names the live widgets' controls has nothing to name here
        cell["outputs"] = [o for o in cell.get("outputs", [])
                           if "application/javascript" not in o.get("data", {})]
    nbformat.write(nb, target)
    return source, time.monotonic() - started, widgets, texts


def stage(jobs: int) -> None:
    import yaml

    shutil.rmtree(SITE_SRC, ignore_errors=True)
    shutil.copytree(DOCS, SITE_SRC / "docs", ignore=shutil.ignore_patterns("theme", "_build"))
    shutil.copytree(ROOT / "exercises", SITE_SRC / "exercises", ignore=shutil.ignore_patterns("*.ipynb", "answers"))
    config = yaml.safe_load((DOCS / "myst.yml").read_text(encoding="utf-8"))
    notebooks = [f for f in toc_files(config["project"]["toc"]) if f.endswith(".ipynb")]
    started, texts = time.monotonic(), {}
    with tempfile.TemporaryDirectory() as scratch, \
            concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = []
        for rel in notebooks:
            source = (DOCS / rel).resolve()
            target = SITE_SRC / source.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            futures.append(pool.submit(run_notebook, str(source), str(target), scratch))
        for future in concurrent.futures.as_completed(futures):
            source, seconds, widgets, said = future.result()
            texts[Path(source).relative_to(ROOT).as_posix()] = said
            log(f"ran {Path(source).relative_to(ROOT)} in {seconds:.1f} s ({widgets} widgets made static)")
    WIDGET_TEXTS.write_text(json.dumps(texts, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    log(f"{len(notebooks)} notebooks run in {time.monotonic() - started:.0f} s")


# ---------------------------------------------------------------------------------------------------------------
# 3. MyST


WARNING = re.compile(r"⚠️|⛔|\bwarning\b|\berror\b", re.I)


def myst_build(template: Path, myst: Path) -> None:
    config_path = SITE_SRC / "docs" / "myst.yml"
    text = config_path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*template:).*$", lambda m: f"{m.group(1)} {template}", text, count=1)
    config_path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    # Not --strict: in MyST it also checks every external link over the network, which the build must not need.
    result = subprocess.run([str(myst), "build", "--html", "--ci"], cwd=SITE_SRC / "docs",
                            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    output = result.stdout + result.stderr
    (BUILD / "site-build.log").write_text(output, encoding="utf-8")
    warnings = [line for line in output.splitlines() if WARNING.search(line) and "GET " not in line]
    if result.returncode != 0 or warnings:
        print(output[-6000:])
        sys.exit(f"myst build: exit {result.returncode}, {len(warnings)} warnings or errors (build/site-build.log):\n"
                 + "\n".join(warnings[:40]))
    shutil.rmtree(SITE, ignore_errors=True)
    shutil.move(str(SITE_SRC / "docs" / "_build" / "html"), SITE)
    log(f"myst build --html in {time.monotonic() - started:.0f} s")


# ---------------------------------------------------------------------------------------------------------------
# 4. The links


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.links.append(attrs[name])


def parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser


def target_file(site: Path, page: Path, path: str, base_url: str) -> Path | None:
    if path.startswith("/"):
        if base_url and path.startswith(base_url.rstrip("/") + "/"):
            path = path[len(base_url.rstrip("/")):]
        candidate = site / path.lstrip("/")
    else:
        candidate = page.parent / path
    for option in (candidate, candidate / "index.html", candidate.with_name(candidate.name + ".html")):
        if option.is_file():
            return option
    return None


def check_links(site: Path = SITE, base_url: str = "") -> list[str]:
    """Every internal link, image and #anchor of every page of the built site: what does not resolve."""
    problems, parsed = [], {}
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        parsed[page] = parse(page)
    for page in pages:
        for link in parsed[page].links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            path, anchor = unquote(parts.path), unquote(parts.fragment)
            target = target_file(site, page, path, base_url) if path else page
            where = page.relative_to(site)
            if target is None:
                problems.append(f"{where}: {link} (no such page or file)")
            elif anchor and target.suffix == ".html":
                ids = parsed.get(target) or parse(target)
                if anchor not in ids.ids:
                    problems.append(f"{where}: {link} (no #{anchor} on that page)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check-only", action="store_true", help="only check the links of build/site/")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default 2)")
    args = parser.parse_args(argv)
    base_url = os.environ.get("BASE_URL", "")
    started = time.monotonic()
    if not args.check_only:
        template, myst = build_theme()
        stage(args.jobs)
        myst_build(template, myst)
    problems = check_links(SITE, base_url)
    pages = len(list(SITE.rglob("*.html")))
    if problems:
        print("\n".join(problems))
        print(f"[site] {len(problems)} broken links in {pages} pages")
        return 1
    log(f"{pages} pages, every internal link and anchor resolves; {time.monotonic() - started:.0f} s in all: "
        f"{SITE.relative_to(ROOT)}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
