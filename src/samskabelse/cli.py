"""`python -m samskabelse COMMAND`: what the Makefile's targets do, on Windows, macOS and Linux, with or without make.

    python -m samskabelse lab [--lang en] [--port 9999]     the course in JupyterLab (make lab)
    python -m samskabelse check [FILE ...]                  check course files (make's course check)
    python -m samskabelse kit [COURSE ...] [--team DIR]     the facilitator's kit (make kit)
    python -m samskabelse links OWNER/REPO [--hub HOST]     every Binder, Voilà and nbgitpuller link (make links)
    python -m samskabelse install-templates                 the app mode's page template and the JupyterLab
                                                            settings for a course room, into this environment
    python -m samskabelse test [--fast] [PYTEST OPTIONS]    the tests (make test, make test-fast; Linux, macOS)

Each command's module is imported only when that command runs, by the module path in COMMANDS: when a module
moves, change its path there and nowhere else. This module imports nothing of the course at start.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
from importlib import import_module
from pathlib import Path

# command -> (module, function taking the command's arguments and returning an exit status, one line of help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "lab": ("samskabelse.cli", "lab", "the course in JupyterLab on 127.0.0.1 (--lang en, --port 9999)"),
    "check": ("samskabelse.course", "_main", "check course files (no FILE: the ones the notebooks use)"),
    "kit": ("samskabelse.kit", "main", "the facilitator's kit: worksheets, slides, guides (build/kit/)"),
    "links": ("samskabelse.kit.links", "main", "every Binder, Voilà and nbgitpuller link for OWNER/REPO (--hub HOST)"),
    "install-templates": ("samskabelse.cli", "install_templates",
                          "the app mode's page template and the lab settings, into this environment"),
    "test": ("samskabelse.cli", "run_tests", "the test suite (--fast: unit tests and notebooks only)"),
}
# Where the course's files are, checkout or installed package (module, function).
COURSE_ROOT = ("samskabelse.base.home", "course_root")

START = {"da": "notebooks/da/00-velkommen.ipynb", "en": "notebooks/en/00-welcome.ipynb"}
# What install-templates copies: (in the checkout, under the environment's prefix).
TEMPLATES = [
    ("share/jupyter/voila/templates/samskabelse", "share/jupyter/voila/templates/samskabelse"),
    ("lab-settings/overrides.json", "share/jupyter/lab/settings/overrides.json"),
]
# make test-fast: what a developer's loop leaves out, slowest first (each takes half a minute to minutes): the
# browser, hub and installed-wheel tests (marked), the voila servers, the Hypothesis tests, every notebook at every
# course limit and the course site's build.
FAST_SKIP_MARKERS = "not browser and not hub and not install"
FAST_SKIP_FILES = [
    "tests/test_browser_lab.py", "tests/test_browser_voila.py", "tests/test_hub.py",
    "tests/test_course_properties.py", "tests/test_widget_values.py", "tests/test_answers_properties.py",
    "tests/test_course_limits.py", "tests/test_site_build.py",  # the site: every notebook run again, ~2 minutes
]


def course_root() -> Path:
    module, function = COURSE_ROOT
    return Path(getattr(import_module(module), function)())


def is_checkout() -> bool:
    return import_module(COURSE_ROOT[0]).is_checkout()


def _say(message: str) -> None:
    print(message, file=sys.stderr)


# -- install-templates ------------------------------------------------------------------------------------------

def _same_tree(a: Path, b: Path) -> bool:
    if a.is_file():
        return b.is_file() and filecmp.cmp(a, b, shallow=False)
    if not b.is_dir():
        return False
    names = sorted(p.name for p in a.iterdir() if p.name != "__pycache__")
    if names != sorted(p.name for p in b.iterdir()):
        return False
    return all(_same_tree(a / name, b / name) for name in names)


def stale_templates(prefix: Path | None = None) -> list[tuple[Path, Path]]:
    """(source, target) of every template that is missing or differs under `prefix` (default: this environment)."""
    root, prefix = course_root(), Path(prefix or sys.prefix)
    return [(root / src, prefix / dst) for src, dst in TEMPLATES if not _same_tree(root / src, prefix / dst)]


def install_templates(argv: list[str] | None = None) -> int:
    """Copy the app mode's page template (Voilà looks for it under <prefix>/share/jupyter/voila/templates) and the
    JupyterLab settings for a course room (no news or update pop-ups) into this environment, as make install and
    Binder's postBuild do. Copies only what is missing or differs."""
    parser = argparse.ArgumentParser(prog="python -m samskabelse install-templates",
                                     description=install_templates.__doc__.split(".")[0] + ".")
    parser.add_argument("--prefix", help="the environment to install into (default: this Python's, sys.prefix)")
    args = parser.parse_args(argv)
    prefix = Path(args.prefix or sys.prefix)
    try:
        for src, dst in stale_templates(prefix):
            if src.is_dir():
                shutil.rmtree(dst, ignore_errors=True)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
            print(f"installed {dst}")
    except OSError as exc:
        _say(f"Could not install the templates into {prefix}: {exc.strerror or exc} ({exc.filename}). Run this "
             "as the environment's owner, or give --prefix.")
        return 1
    return 0


# -- lab --------------------------------------------------------------------------------------------------------

def lab_command(lang: str, port: int, root: Path, extra: list[str]) -> list[str]:
    """The `jupyter lab` command line that `make lab` runs: this Python's JupyterLab, on 127.0.0.1 only,
    serving the whole course folder and opening at the start notebook."""
    cmd = [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", f"--port={port}", f"--ServerApp.root_dir={root}",
           f"--LabApp.default_url=/lab/tree/{START[lang]}"]
    if os.name == "posix" and os.geteuid() == 0:
        cmd.append("--allow-root")  # JupyterLab refuses to run as root without it (containers, CI machines)
    return cmd + extra


def lab(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samskabelse lab",
        description="The course in JupyterLab, at the start page of one language, on http://127.0.0.1:PORT. Other "
                    "options (such as --no-browser) go to JupyterLab.")
    parser.add_argument("--lang", choices=sorted(START), default="da", help="the start page's language (da)")
    parser.add_argument("--port", type=int, default=8888, help="the port (8888; the next free one if taken)")
    args, extra = parser.parse_known_args(argv)
    # A checkout serves itself; an installed package serves the current folder, a copy of the course of the
    # participant's own (never the installation, where answers would be saved among the package's files)
    root = course_root() if is_checkout() else Path.cwd()
    if not (root / START[args.lang]).is_file():
        _say(f"No course at {root} ({START[args.lang]} is missing). Run this in a copy of the course (the folder "
             "with notebooks/), or install the package from a checkout of it: pip install -e <that folder>.")
        return 2
    if stale_templates():
        install_templates([])  # a failure is reported; the lab still runs, only the app mode lacks its template
    cmd = lab_command(args.lang, args.port, root, extra)
    if os.name == "posix":
        os.execv(cmd[0], cmd)  # JupyterLab takes this process over: Ctrl-C and signals reach it alone
    process = subprocess.Popen(cmd)  # Windows, where exec starts a second process and returns at once
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:  # JupyterLab got the Ctrl-C too and asks or stops: wait for it
            continue


# -- test -------------------------------------------------------------------------------------------------------

def pytest_command(fast: bool, extra: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "pytest"]
    if fast:
        cmd += ["-m", FAST_SKIP_MARKERS, *(f"--ignore={path}" for path in FAST_SKIP_FILES)]
    return cmd + extra


def run_tests(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samskabelse test",
        description="The test suite of this checkout (make test). Other options go to pytest.")
    parser.add_argument("--fast", action="store_true",
                        help="unit tests and notebooks only: no browser, hub or Hypothesis-heavy tests "
                             "(make test-fast)")
    args, extra = parser.parse_known_args(argv)
    root = course_root()
    if not (root / "tests").is_dir():
        _say(f"No tests at {root}: the tests come with a checkout of the course.")
        return 2
    try:
        import_module("pytest")
    except ImportError:
        _say("pytest is not installed here: the test tools are pinned in requirements/dev.txt "
             "(python -m pip install -r requirements/dev.txt).")
        return 2
    return subprocess.call(pytest_command(args.fast, extra), cwd=root)


# -- dispatch ---------------------------------------------------------------------------------------------------

def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {text}" for name, (_, _, text) in COMMANDS.items()]
    return ("usage: python -m samskabelse COMMAND [OPTIONS]   (python -m samskabelse COMMAND --help for each)\n\n"
            + "\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        _say(f"Unknown command {command!r}.\n{usage()}")
        return 2
    module, function, _ = COMMANDS[command]
    status = getattr(import_module(module), function)(rest)
    return int(status or 0)
