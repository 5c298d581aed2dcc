"""`python -m samskabelse lab | check | kit | links | install-templates | test`: the make targets without make.

Each command is run here as a user runs it, in a subprocess of this environment's Python: the lab starts a real
JupyterLab on 127.0.0.1 and is stopped again; check, kit and links do their work on the shipped course files.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from importlib import import_module
from pathlib import Path

import pytest
import requests

from samskabelse import cli

ROOT = Path(__file__).resolve().parents[1]


def entry(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "samskabelse", *args], capture_output=True, text=True,
                          timeout=timeout, **kwargs)


def test_without_a_command_it_lists_every_command():
    result = entry()
    assert result.returncode == 0, result.stderr
    for name in ("lab", "check", "kit", "links", "install-templates", "test"):
        assert re.search(rf"^  {re.escape(name)} +\S", result.stdout, re.M), result.stdout


def test_an_unknown_command_is_named_with_the_list_and_no_traceback():
    result = entry("labb")
    assert result.returncode == 2
    assert "Unknown command 'labb'" in result.stderr and "install-templates" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_command_of_the_dispatch_table_can_be_imported():
    """The table holds the module paths (the package's modules may move): each must name a callable."""
    for name, (module, function, text) in cli.COMMANDS.items():
        assert callable(getattr(import_module(module), function)), name
        assert text and len(text) < 100, name
    module, function = cli.COURSE_ROOT
    assert (Path(getattr(import_module(module), function)()) / "notebooks").is_dir()


def test_importing_the_main_module_runs_nothing():
    """Code that imports every module of the package (answers.model_classes looks for widget models so) must not
    run the command line: it exited with 'Unknown command' inside load_team."""
    import samskabelse.__main__  # noqa: F401
    from samskabelse.answers import model_classes

    assert model_classes(), "the widget models are found"


def test_importing_the_entry_point_loads_no_command():
    code = "import sys, samskabelse.cli; print(sorted(m for m in sys.modules if m.startswith('samskabelse')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert eval(out) == ["samskabelse", "samskabelse.cli"]  # noqa: S307 - our own printed list


# -- check, kit, links ------------------------------------------------------------------------------------------

def test_check_checks_the_shipped_course_files():
    result = entry("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("OK  ") == 3, result.stdout  # both files and their ids


def test_check_names_the_line_of_a_broken_file(tmp_path):
    broken = tmp_path / "kursus.yaml"
    text = (ROOT / "data" / "da" / "course.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("schema: 1", "schema: 7", 1), encoding="utf-8")
    result = entry("check", str(broken))
    assert result.returncode == 1
    assert "kursus.yaml" in result.stderr and "Traceback" not in result.stderr
    assert re.search(r"linje \d+", result.stderr), result.stderr


def test_kit_builds_the_facilitators_kit(tmp_path):
    out = tmp_path / "kit"
    result = entry("kit", "data/en/course.yaml", "--out", str(out), cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (out / "CONTENTS.md").is_file()
    assert any(out.rglob("*.pdf")), sorted(p.name for p in out.rglob("*"))


def test_links_prints_every_link_filled_in():
    result = entry("links", "kommune/samskabelse", "--hub", "hub.kommune.dk", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "https://mybinder.org/v2/gh/kommune/samskabelse/HEAD?urlpath=" in result.stdout
    assert "https://hub.kommune.dk/hub/user-redirect/git-pull?repo=" in result.stdout
    assert "OWNER" not in result.stdout


def test_links_without_a_repository_says_what_to_give():
    result = entry("links")
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.strip()


# -- install-templates ------------------------------------------------------------------------------------------

def test_install_templates_copies_what_is_missing_or_changed(tmp_path):
    prefix = tmp_path / "env"
    first = entry("install-templates", "--prefix", str(prefix))
    assert first.returncode == 0, first.stderr
    template = prefix / "share/jupyter/voila/templates/samskabelse"
    settings = prefix / "share/jupyter/lab/settings/overrides.json"
    assert (template / "conf.json").is_file() or any(template.iterdir())
    assert settings.read_bytes() == (ROOT / "lab-settings" / "overrides.json").read_bytes()
    assert cli.stale_templates(prefix) == []
    again = entry("install-templates", "--prefix", str(prefix))
    assert again.returncode == 0 and again.stdout == "", "an installed template is not copied again"
    settings.write_text("{}", encoding="utf-8")
    assert [dst for _, dst in cli.stale_templates(prefix)] == [settings]
    third = entry("install-templates", "--prefix", str(prefix))
    assert third.stdout.strip() == f"installed {settings}"
    assert settings.read_bytes() == (ROOT / "lab-settings" / "overrides.json").read_bytes()


def test_install_templates_says_why_it_cannot_write(tmp_path):
    prefix = tmp_path / "env"
    prefix.mkdir()
    (prefix / "share").write_text("a file where a folder should be", encoding="utf-8")
    result = entry("install-templates", "--prefix", str(prefix))
    assert result.returncode == 1
    assert "Could not install the templates" in result.stderr and "Traceback" not in result.stderr


def test_this_environment_has_the_templates():
    """make install runs install-templates: nothing is missing or stale in the environment the tests run in."""
    assert cli.stale_templates() == []


# -- lab --------------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_lab_command_is_the_one_make_lab_ran():
    cmd = cli.lab_command("en", 9999, ROOT, ["--no-browser"])
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--ip=127.0.0.1" in cmd and "--port=9999" in cmd and f"--ServerApp.root_dir={ROOT}" in cmd
    assert "--LabApp.default_url=/lab/tree/notebooks/en/00-welcome.ipynb" in cmd
    assert cmd[-1] == "--no-browser"
    assert ("--allow-root" in cmd) == (os.name == "posix" and os.geteuid() == 0)
    assert (ROOT / cli.START["da"]).is_file() and (ROOT / cli.START["en"]).is_file()


def test_lab_serves_the_course_on_localhost_and_stops(tmp_path):
    """`python -m samskabelse lab --lang en --port P` from another folder: JupyterLab on 127.0.0.1:P, serving the
    course (not the folder it was started in) and opening at the English start page; stopped with SIGTERM (on
    Windows the same command is a child of the entry point)."""
    port, token = free_port(), "entry-point-test"
    env = os.environ | {"JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg")}
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "samskabelse", "lab", "--lang", "en", "--port", str(port), "--no-browser",
             f"--IdentityProvider.token={token}"], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
    headers = {"Authorization": f"token {token}"}
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, log.read_text(encoding="utf-8")[-3000:]
            try:
                status = requests.get(f"{url}/api/status", headers=headers, timeout=5)
                if status.status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "JupyterLab did not answer within 90 s\n" + log.read_text()[-3000:]
            time.sleep(0.5)
        start = requests.get(f"{url}/", headers=headers, allow_redirects=False, timeout=10)
        assert start.status_code == 302
        assert start.headers["Location"].split("?")[0].endswith("/lab/tree/notebooks/en/00-welcome.ipynb")
        listing = requests.get(f"{url}/api/contents/notebooks/en", headers=headers, timeout=10).json()
        assert "00-welcome.ipynb" in {item["name"] for item in listing["content"]}
        assert requests.get(f"{url}/api/status", timeout=5).status_code == 403, "the token is required"
        listening = {conn.laddr.ip for conn in _listening(process.pid, port)}
        assert listening == {"127.0.0.1"}, f"JupyterLab listens on {listening}, not only on 127.0.0.1"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
            pytest.fail("JupyterLab did not stop within 30 s of SIGTERM")
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "the port is still served after the lab stopped"


def _listening(pid: int, port: int):
    import psutil

    return [c for c in psutil.Process(pid).net_connections(kind="tcp")
            if c.status == psutil.CONN_LISTEN and c.laddr.port == port]


# -- test -------------------------------------------------------------------------------------------------------

def test_the_fast_tier_leaves_out_files_that_exist():
    cmd = cli.pytest_command(True, ["-q"])
    assert cmd[:3] == [sys.executable, "-m", "pytest"] and cmd[-1] == "-q"
    assert cmd[cmd.index("-m", 3) + 1] == "not browser and not hub and not install"
    for path in cli.FAST_SKIP_FILES:
        assert (ROOT / path).is_file(), f"{path} is gone: update FAST_SKIP_FILES"
        assert f"--ignore={path}" in cmd
    assert cli.pytest_command(False, []) == [sys.executable, "-m", "pytest"]


def test_the_test_command_runs_pytest_in_the_checkout(tmp_path):
    result = entry("test", "--fast", "-q", "-p", "no:cacheprovider", "tests/test_links.py", cwd=tmp_path,
                   timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout), result.stdout[-500:]


# -- make uses the entry point ------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["lab"], "-m samskabelse lab --lang da --port 8888"),
    (["lab", "COURSE_LANG=en", "PORT=9999"], "-m samskabelse lab --lang en --port 9999"),
    (["test-fast"], "-m samskabelse test --fast"),
    (["kit", "COURSE=mit-hold.yaml", "TEAM=holdet"], '-m samskabelse kit mit-hold.yaml --team "holdet"'),
    (["links", "REPO=kommune/samskabelse", "HUB=hub.dk"], '-m samskabelse links "kommune/samskabelse" --hub "hub.dk"'),
])
def test_make_targets_run_the_entry_point(args, expected):
    result = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout, result.stdout


# -- the routes without make, as the site's start page gives them -------------------------------------------------

START_PAGE = ROOT / "docs" / "participants" / "start.md"


def code_block(heading: str) -> list[str]:
    text = START_PAGE.read_text(encoding="utf-8")
    section = text[text.index(f"\n## {heading}\n"):]
    match = re.search(r"```[a-z]*\n(.*?)```", section, re.S)
    assert match, f"{START_PAGE.name}: no code block under '## {heading}'"
    return [line for line in match[1].splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_the_windows_route_names_only_commands_windows_has():
    """The Windows lines: Python's launcher and the venv's python, backslash paths, nothing of make or a Unix
    shell; they make a venv, install the lock and the package, and start the lab through the entry point."""
    lines = code_block("On Windows, without make")
    for line in lines:
        assert line.split()[0] in ("py", r".venv\Scripts\python"), line
        assert not re.search(r"\b(make|source|cp|mkdir|rm|export|sudo|bash|sh)\b|/", line), line
    assert lines[0].startswith("py -3.") and "-m venv .venv" in lines[0]
    assert r"-m pip install -r requirements\participant.txt" in lines[1]
    assert lines[-1] == r".venv\Scripts\python -m samskabelse lab"
    version = re.search(r"py -(3\.\d+)", lines[0])[1]
    assert version in lock_pythons()


def test_the_conda_route_needs_no_shell_specific_command():
    lines = code_block("With conda instead")
    assert not [line for line in lines if re.search(r"\b(mkdir|cp|rm|export)\b|\$CONDA_PREFIX", line)], lines
    assert lines[-1] == "python -m samskabelse lab"


def lock_pythons() -> list[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import lock

    return lock.supported_pythons()
