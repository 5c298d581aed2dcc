"""The hub's configuration files, checked without starting anything: the Zero to JupyterHub config.yaml holds what
the organiser page promises, the local hub's config commits no secret and lets nobody in without a password, and the
proxy's npm lock pins what package.json asks for. (tests/test_hub.py runs the hub itself.)
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "hub"
Z2JH = HUB / "z2jh" / "config.yaml"
ORGANISERS = ROOT / "docs" / "organisers" / "organisers.md"  # the site page (the README before issue 23)


@pytest.fixture(scope="module")
def z2jh() -> dict:
    return yaml.safe_load(Z2JH.read_text(encoding="utf-8"))


def organisers_section() -> str:
    return ORGANISERS.read_text(encoding="utf-8")


def test_z2jh_participants_get_the_course_image_and_the_measured_limits(z2jh):
    single = z2jh["singleuser"]
    assert single["image"]["name"] and single["image"]["tag"]
    section = organisers_section()
    # the organiser page names the same image settings and the same memory limit as config.yaml
    assert "singleuser.image.name" in section and "singleuser.image.tag" in section
    limit = re.search(r"`singleuser\.memory\.limit`[^`]*`([0-9.]+[MG])`", section)
    assert limit, "the site's organiser page states singleuser.memory.limit"
    assert single["memory"]["limit"] == limit.group(1)
    assert _bytes(single["memory"]["guarantee"]) <= _bytes(single["memory"]["limit"])
    assert float(single["cpu"]["guarantee"]) <= float(single["cpu"]["limit"])


def _bytes(size: str) -> float:
    number, unit = re.fullmatch(r"([0-9.]+)([KMG]i?)", str(size)).groups()
    return float(number) * {"K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}[unit]


def test_z2jh_default_url_is_an_nbgitpuller_link_to_the_danish_start_page(z2jh):
    url = urlsplit(z2jh["singleuser"]["defaultUrl"])
    assert url.path == "/git-pull"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query["repo"].startswith("https://") and query["branch"]
    target = query["targetpath"]
    urlpath = unquote(query["urlpath"])
    assert urlpath.startswith(f"lab/tree/{target}/")
    assert (ROOT / urlpath[len(f"lab/tree/{target}/"):]).is_file()  # the start page exists in the repository
    assert urlpath.endswith("notebooks/da/00-velkommen.ipynb")


def test_z2jh_answers_are_a_shared_volume_each_participant_writes_only_their_own_folder(z2jh):
    single = z2jh["singleuser"]
    env = single["extraEnv"]
    volumes = single["storage"]["extraVolumes"]
    mounts = {m["mountPath"]: m for m in single["storage"]["extraVolumeMounts"].values()}
    claim = [v for v in volumes.values() if "persistentVolumeClaim" in v]
    assert len(claim) == 1
    mine, team = mounts[env["SAMSKABELSE_ANSWERS"]], mounts[env["SAMSKABELSE_TEAM"]]
    assert mine["name"] == team["name"] == claim[0]["name"]
    assert mine["subPath"] == "{username}" and not mine.get("readOnly", False)
    assert team["readOnly"] is True and "subPath" not in team


def test_z2jh_login_needs_a_password_and_none_is_committed(z2jh):
    config = z2jh["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"] not in ("dummy", "null", "nullauthenticator")
    assert config["Authenticator"]["admin_users"] == ["facilitator"]
    assert "SharedPasswordAuthenticator" not in config  # the passwords come from the organiser's own file
    assert not re.search(r"^\s*(user|admin)_password\s*:\s*[^\s\"<#]", Z2JH.read_text(), re.M)
    assert z2jh["proxy"]["https"]["enabled"] is True


def test_local_hub_config_commits_no_secret_and_lets_nobody_in_without_one():
    source = (HUB / "jupyterhub_config.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    assigned = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                assigned[ast.unparse(target)] = node.value
    # the passwords and cookie secret are generated (or read from the environment), never literals
    for name in ("c.SharedPasswordAuthenticator.user_password", "c.SharedPasswordAuthenticator.admin_password"):
        assert not isinstance(assigned[name], ast.Constant), name
    assert "c.JupyterHub.cookie_secret" not in assigned
    assert "secrets.token" in source
    assert ast.unparse(assigned["c.JupyterHub.authenticator_class"]) == "WorkshopAuthenticator"
    assert "SharedPasswordAuthenticator" in source and "DummyAuthenticator" not in source
    assert "127.0.0.1" in ast.unparse(assigned["c.JupyterHub.bind_url"])


def test_proxy_lock_pins_what_package_json_asks_for():
    package = json.loads((HUB / "package.json").read_text())
    lock = json.loads((HUB / "package-lock.json").read_text())
    wanted = package["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", wanted), "pin an exact version"
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == wanted
    assert lock["lockfileVersion"] >= 2
    assert all("integrity" in p for k, p in lock["packages"].items() if k)  # npm ci checks every package


def test_readme_tells_how_to_start_and_log_in():
    section = organisers_section()
    assert "make hub" in section
    for setting in ("authenticator", "spawner", "HTTPS"):
        assert setting.lower() in section.lower()
    assert "TLJH" in section and "Zero to JupyterHub" in section


def test_a_team_folder_with_one_folder_per_participant_loads_everyone(tmp_path, da):
    """Zero to JupyterHub's answers volume: each participant writes only their own folder (subPath), and notebook 08
    reads the whole volume, so the team's files are one folder down."""
    from samskabelse.answers import load_team, save_answers
    from samskabelse.sections.gains import GainsModel

    for person, name in [("anna", "Anna"), ("bo", "Bo")]:
        save_answers(tmp_path / person / f"{person}.json", name, da, {"gains": GainsModel.for_course(da)})
    (tmp_path / ".hidden").mkdir()
    save_answers(tmp_path / ".hidden" / "x.json", "Hidden", da, {"gains": GainsModel.for_course(da)})
    team, problems = load_team(tmp_path, da)
    assert sorted(m.name for m in team) == ["Anna", "Bo"], problems


def test_a_clone_in_a_closed_folder_is_named_before_any_participant_arrives():
    """A clone under /root or in a `mktemp -d` folder (0700): the hub says which folder closes the way and how to
    open it, instead of each participant's server failing with 'Permission denied' (seen on a fresh clone)."""
    import shutil
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))
    from reach import closed_folder, unreachable

    tmp_path = Path(tempfile.mkdtemp())  # in /tmp, which every account may pass (pytest's own folder is 0700)
    closed = tmp_path / "closed"
    env = closed / "clone" / ".venv-hub"
    env.mkdir(parents=True)
    tmp_path.chmod(0o755)
    closed.chmod(0o700)
    try:
        assert closed_folder(env) == closed
        message = unreachable({"the participants' environment": env, "answers": tmp_path / "answers"})
        assert str(closed) in message and "0700" in message and "chmod o+x" in message
        assert "answers" not in message.split("Fix:")[0].replace("environment", "")  # only what is closed
        closed.chmod(0o711)  # passing through is enough; nothing in it becomes listable
        assert closed_folder(env) is None and unreachable({"the participants' environment": env}) is None
        assert closed_folder(tmp_path / "not-made-yet" / "x") is None
    finally:
        shutil.rmtree(tmp_path)
