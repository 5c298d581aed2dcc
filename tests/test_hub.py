"""The workshop hub on a real JupyterHub (hub/jupyterhub_config.py), driven as participants' browsers drive it.

One hub for the module (its own ports, state folder, upstream clone of this repository and user names; all
removed afterwards): three participants and the facilitator log in through the login page and the token API,
each gets a server running as their own system account, an nbgitpuller link gives them the course, they save
answers to the shared folder at the same time, and the facilitator's notebook 08 shows the team. Marked `hub`:
`.venv/bin/pytest -m hub` runs only these; they need root, `make hub-install` and git (skipped without, failed in
CI). Every wait is bounded.
"""

from __future__ import annotations

import ast
import json
import os
import pwd
import stat
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from samskabelse import open_course
from samskabelse.answers import load_answers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hub"))

from hubclient import Hub, HubError, Participant  # noqa: E402
from launch import LocalHub, git, missing  # noqa: E402

pytestmark = pytest.mark.hub

PEOPLE = {"anna": "Anna", "bo": "Bo", "carl": "Carl"}  # hub user (before the tag) -> the name typed in the box
COURSE = "samskabelse"  # the folder nbgitpuller pulls the course into (hub/jupyterhub_config.py)
GROUP = "jupyterhub-users"


def in_parallel(fn, items):
    """fn(item) for every item at once, in threads; returns the results in order, re-raises the first error."""
    results, errors = [None] * len(items), []

    def run(i, item):
        try:
            results[i] = fn(item)
        except BaseException as exc:  # noqa: BLE001 (re-raised below, in the test's thread)
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, x)) for i, x in enumerate(items)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    if errors:
        raise errors[0]
    assert not any(t.is_alive() for t in threads), "a participant's step did not finish within 180 s"
    return results


@pytest.fixture(scope="module")
def hub():
    reason = missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the hub tests must run in CI: {reason}")
        pytest.skip(reason)
    local = LocalHub()
    local.start()
    yield local
    local.stop()


@pytest.fixture(scope="module")
def room(hub):
    """Three participants and the facilitator, logged in, with running servers and the course pulled."""
    client = Hub(hub.url)

    def arrive(who):
        person, password = who
        p = client.participant(person, password)
        p.started_in = p.start_server(timeout=150)
        p.pull(hub.course_repo, hub.branch, COURSE, timeout=120)
        return p

    people = [(hub.name(x), hub.password) for x in PEOPLE] + [(hub.admin, hub.admin_password)]
    try:
        *participants, facilitator = in_parallel(arrive, people)
    except HubError as exc:
        raise AssertionError(f"{exc}\n--- hub log ---\n{hub.log_tail()}") from exc
    by_person = dict(zip(PEOPLE, participants, strict=True))
    yield {"hub": hub, "client": client, "facilitator": facilitator, **by_person}


def run(p: Participant, code: str, notebook: str = "02-gevinster.ipynb", timeout: float = 120) -> str:
    """Run code in a kernel of `notebook` (in the participant's copy of the course) and return what it printed."""
    kernel = p.open_notebook(f"{COURSE}/notebooks/da/{notebook}")
    try:
        return kernel.execute(code, timeout=timeout).text
    finally:
        kernel.close()


# ------------------------------------------------------------------------------------------------------------
def test_login_needs_the_workshop_password(hub, room):
    client = room["client"]
    anna = hub.name("anna")
    for wrong in ["", "wrong-password", hub.admin_password]:
        with pytest.raises(HubError, match="refused"):
            client.login(anna, wrong)
    with pytest.raises(HubError, match="403"):
        client.token(anna, "wrong-password")
    # the facilitator's name with the participants' password does not let anyone in as the admin
    with pytest.raises(HubError, match="refused"):
        client.login(hub.admin, hub.password)
    assert room["anna"].model()["admin"] is False
    assert room["facilitator"].model()["admin"] is True
    # nobody without a token or a login gets at a server or the hub's API
    assert client.login(anna, hub.password).get(f"{hub.url}/hub/api/users", timeout=10).status_code == 403
    bare = Participant(client, anna, token="not-a-token")
    assert bare.api("GET", "api/contents", allow_redirects=False).status_code in (302, 401, 403)


def test_typed_names_become_valid_accounts(hub, room):
    """Danish letters and spaces in a typed name give a user name that can be a system account."""
    typed = f"{hub.tag.upper()}-Søren Ærø Åse"
    session = room["client"].login(typed, hub.password)
    me = session.get(f"{hub.url}/hub/api/user", timeout=10).json()
    assert me["name"] == f"{hub.tag}-soeren-aeroe-aase"


def test_each_participant_runs_as_their_own_account(hub, room):
    probe = ("import grp, os, pwd\n"
             "home = os.path.expanduser('~')\n"
             "print(pwd.getpwuid(os.getuid()).pw_name, oct(os.stat(home).st_mode & 0o777),"
             " grp.getgrgid(os.getgid()).gr_name in [g.gr_name for g in grp.getgrall()],"
             " 'jupyterhub-users' in [grp.getgrgid(g).gr_name for g in os.getgroups()],"
             " os.environ['SAMSKABELSE_ANSWERS'], oct(os.umask(0o027)))")
    for person in PEOPLE:
        p = room[person]
        account, home_mode, _, in_group, answers, umask = run(p, probe).split()
        assert account == f"jupyter-{p.name}"
        assert home_mode == "0o700"
        assert in_group == "True"
        assert answers == str(hub.answers)
        assert umask == "0o27"
    # one participant cannot look into another's home
    out = run(room["bo"], f"import os\ntry:\n    os.listdir('/home/jupyter-{room['anna'].name}')\n"
                          "except PermissionError:\n    print('refused')")
    assert out.strip() == "refused"
    assert stat.S_IMODE(hub.answers.stat().st_mode) == 0o3770
    assert all(p.started_in < 150 for p in (room["anna"], room["bo"], room["carl"]))


def test_the_pull_link_opens_the_danish_start_page(room):
    anna = room["anna"]
    start = f"{COURSE}/notebooks/da/00-velkommen.ipynb"
    # the hub's default address for a participant is the nbgitpuller link to the Danish start page
    page = anna.api("GET", "", allow_redirects=True)
    assert page.status_code == 200, page.text[:300]
    assert "/git-pull?" in page.url
    assert f"lab/tree/{start}" in page.text  # where nbgitpuller's page goes once the pull is done
    assert anna.contents(start)["type"] == "notebook"
    lab = anna.api("GET", f"lab/tree/{start}")
    assert lab.status_code == 200 and "JupyterLab" in lab.text
    nb = anna.contents(start, content=True)["content"]
    assert nb["cells"][0]["source"].startswith("# ")  # the notebook, as pulled


def test_a_second_pull_keeps_own_edits_and_saved_answers(hub, room):
    anna = room["anna"]
    own = f"{COURSE}/notebooks/da/02-gevinster.ipynb"
    model = anna.contents(own, content=True)
    nb = model["content"]
    nb["cells"].append({"cell_type": "markdown", "id": "annas-note", "metadata": {},
                        "source": "Annas egne noter: tal med borgerrådet først."})
    anna.save_contents(own, {"type": "notebook", "format": "json", "content": nb})
    saved = run(anna, "from samskabelse import open_course, save_box, weigh_gains\n"
                      "course = open_course('da')\ngains = weigh_gains(course)\n"
                      "gains.importance[course.gains[0].id].value = 5\n"
                      "box = save_box(course, gains)\nbox.name.value = 'Anna'\nbox.save()\nprint(box.result.path)")
    answers_file = Path(saved.strip().splitlines()[-1])
    if not answers_file.is_absolute():
        answers_file = hub.answers / answers_file.name
    before = answers_file.read_bytes()

    upstream = hub.upstream
    for name, text in [("03-fasemodellen.ipynb", "Opdateret af kurset (03)."),
                       ("02-gevinster.ipynb", "Opdateret af kurset (02).")]:
        path = upstream / "notebooks" / "da" / name
        up = nbformat.read(path, as_version=4)
        up.cells.insert(1, nbformat.v4.new_markdown_cell(text))
        nbformat.write(up, path)
    git("commit", "-qam", "Course update", cwd=upstream)

    events = anna.pull(hub.course_repo, hub.branch, COURSE)
    assert events[-1]["phase"] == "finished"
    mine = json.dumps(anna.contents(own, content=True)["content"], ensure_ascii=False)
    assert "Annas egne noter" in mine  # her own edit survives (nbgitpuller: the participant's change wins)
    assert "Opdateret af kurset (02)." in mine  # and the course's change to the same notebook is merged in
    updated = json.dumps(anna.contents(f"{COURSE}/notebooks/da/03-fasemodellen.ipynb", content=True)["content"],
                         ensure_ascii=False)
    assert "Opdateret af kurset (03)." in updated  # the course's update arrives
    assert answers_file.read_bytes() == before  # saved answers untouched


SAVE_MANY = """
import time
from samskabelse import open_course, save_box
from samskabelse.sections.gains import weigh_gains
course = open_course('da')
gains = weigh_gains(course)
box = save_box(course, gains)
box.name.value = {typed!r}
first = course.gains[0].id
time.sleep(max(0.0, {at} - time.time()))   # all three start saving at the same moment
for i in range(12):
    gains.importance[first].value = i % 6
    box.save()
print(box.result.path, gains.importance[first].value)
"""


def test_three_participants_save_at_once_and_the_facilitator_sees_all(hub, room):
    at = time.time() + 8  # time for the three kernels to start and build the widget

    def save(person):
        return run(room[person], SAVE_MANY.format(typed=PEOPLE[person], at=at)).split()

    results = dict(zip(PEOPLE, in_parallel(save, list(PEOPLE)), strict=True))
    group_gid = os.stat(hub.answers).st_gid
    course = open_course("da")
    for person, (path, last) in results.items():
        file = hub.answers / Path(path).name
        loaded = load_answers(file, course)
        assert loaded.name == PEOPLE[person]
        first = course.gains[0].id
        assert str(loaded.models["gains"].gains[first].importance) == last == "5"  # the last of 12 saves
        info = file.stat()
        assert info.st_uid == pwd.getpwnam(f"jupyter-{room[person].name}").pw_uid
        assert info.st_gid == group_gid  # the folder's group (setgid), so the facilitator can read it
        assert stat.S_IMODE(info.st_mode) & 0o022 == 0  # nobody else may write it
        assert stat.S_IMODE(info.st_mode) & 0o040  # the group (the room) may read it: notebook 08 shows it

    # the facilitator opens notebook 08 and runs its cells: the team's view shows all three
    facilitator = room["facilitator"]
    nb = nbformat.read(ROOT / "notebooks" / "da" / "08-holdets-svar.ipynb", as_version=4)
    kernel = facilitator.open_notebook(f"{COURSE}/notebooks/da/08-holdets-svar.ipynb")
    try:
        for cell in nb.cells:
            if cell.cell_type == "code":
                kernel.execute(cell.source, timeout=120)
        shown = " ".join(str(v) for state in kernel.comms.values() for v in state.values() if isinstance(v, str))
    finally:
        kernel.close()
    for typed in PEOPLE.values():
        assert typed in shown, f"{typed} is not in the facilitator's notebook 08"
    assert "example-team" not in shown and "opfundet" not in shown.lower()  # the room, not the invented team


ATTACKS = """
import os, shutil, tempfile
target = {target!r}
tried = {{}}
def attempt(name, fn):
    try:
        fn()
        tried[name] = 'DONE'
    except PermissionError:
        tried[name] = 'refused'
fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target))
os.write(fd, b'{{}}'); os.close(fd)
attempt('write', lambda: open(target, 'w').write('{{}}'))
attempt('append', lambda: open(target, 'a').write(' '))
attempt('truncate', lambda: os.truncate(target, 0))
attempt('delete', lambda: os.remove(target))
attempt('rename', lambda: os.rename(target, target + '.mine'))
attempt('replace', lambda: os.replace(tmp, target))
attempt('chmod', lambda: os.chmod(target, 0o666))
os.remove(tmp)
print(tried)
"""


def test_a_participant_cannot_overwrite_rename_or_delete_anothers_file(hub, room):
    anna_files = sorted(p for p in hub.answers.iterdir()
                        if p.stat().st_uid == pwd.getpwnam(f"jupyter-{room['anna'].name}").pw_uid)
    assert anna_files, "Anna has saved nothing yet (the tests above save first)"
    before = {p: p.read_bytes() for p in anna_files}
    for target in anna_files:  # her answers file, and its backup when there is one
        out = run(room["bo"], ATTACKS.format(target=str(target)))
        tried = ast.literal_eval(out.strip().splitlines()[-1])
        assert tried and set(tried.values()) == {"refused"}, (target.name, tried)
    # and the course's own save, pointed at Anna's name, never touches her file
    run(room["bo"], "from samskabelse import open_course, save_box, weigh_gains\n"
                    "course = open_course('da')\nbox = save_box(course, weigh_gains(course))\n"
                    "box.name.value = 'Anna'\nbox.save()")
    assert {p: p.read_bytes() for p in anna_files} == before


SQUAT = """
import json, os
from samskabelse.answers import answers_path
target = {target!r}
with open(target, 'x') as f:   # a file under the facilitator's name, made first by another participant
    json.dump({{"kind": "samskabelse-answers", "schema": 1, "name": "Facilitator", "owner": "hub:{owner}",
               "saved": "2026-01-01T00:00:00+00:00", "language": "da",
               "course": {{"id": "x", "file": "data/da/course.yaml"}},
               "answers": {{"typology": {{"planted": "by Bo"}}}}}}, f)
print(os.stat(target).st_uid)
"""


def test_a_file_made_first_under_someone_elses_name_never_costs_them_their_answers(hub, room):
    """Bo creates the facilitator's answers file before the facilitator saves, claiming it is theirs and planting an
    answer in it: the facilitator's save goes to a file of their own (the system says whose a file is, not what
    the file claims), without Bo's planted answer."""
    facilitator = room["facilitator"]
    where = run(facilitator, "from samskabelse.answers import answers_path\nprint(answers_path('Facilitator'))")
    target = hub.answers / Path(where.strip().splitlines()[-1]).name
    run(room["bo"], SQUAT.format(target=str(target), owner=facilitator.name))
    squatted = target.read_bytes()
    out = run(facilitator, "from samskabelse import open_course, save_box, weigh_gains\n"
                           "course = open_course('da')\ngains = weigh_gains(course)\n"
                           "gains.importance[course.gains[0].id].value = 4\n"
                           "box = save_box(course, gains)\nbox.name.value = 'Facilitator'\nbox.save()\n"
                           "print(box.result.path if box.result else None)\nprint(box.status.value)")
    path_line, status = out.strip().split("\n", 1)
    uid = pwd.getpwnam(f"jupyter-{facilitator.name}").pw_uid
    own = [p for p in hub.answers.glob("*.json") if p.stat().st_uid == uid]
    saved = [p for p in own if load_answers(p, open_course("da")).name == "Facilitator"]
    assert saved, (path_line, status)
    assert all("planted" not in p.read_text() for p in saved)
    assert target.read_bytes() == squatted  # and Bo's file is Bo's
