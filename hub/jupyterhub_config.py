"""JupyterHub for a course room: the workshop hub that `make hub` starts (JupyterHub 5.3 or newer).

Read from top to bottom, this file is the whole set-up. What changes on a real server is marked
"ON A REAL SERVER" and described, with The Littlest JupyterHub (TLJH) and Zero to JupyterHub (Z2JH)
equivalents, in the README's section "For course organisers".

    sudo make hub        # JupyterHub on http://127.0.0.1:8000 (SAMSKABELSE_HUB_PORT=... for another port)

What it does:
- Participants log in with a name of their choice and the workshop password (JupyterHub's
  SharedPasswordAuthenticator). The facilitator logs in as "facilitator" with the admin password and is the
  hub's admin. Both passwords are generated at the first start and kept in the hub's state folder (mode 0700);
  the cookie secret and the proxy's token are generated there too. Nothing secret is in the repository.
- Each participant gets an operating-system account of their own, jupyter-<name>, created at their first start
  (as TLJH does), and a single-user server running as that account (JupyterHub's LocalProcessSpawner).
- Saved answers go to one shared folder ($SAMSKABELSE_ANSWERS), owned by the group jupyterhub-users, mode 3770:
  every participant may create their own file there, and read the team's files (notebook 08 shows them), but the
  sticky bit means nobody can delete, rename or replace a file that is not their own.
- The course's notebooks reach each participant through nbgitpuller: opening the hub pulls this repository into
  ~/samskabelse and opens the Danish start page. A second pull keeps the participant's own changes.

Settings a test or an organiser may change (environment variables, all optional):
    SAMSKABELSE_HUB_PORT         the public port (8000); the hub uses PORT+1 and the proxy's API PORT+2
    SAMSKABELSE_HUB_STATE        the hub's folder (build/hub): state/ (secrets, database; 0700) and answers/
    SAMSKABELSE_ANSWERS          the shared answers folder (default: <state folder>/answers)
    SAMSKABELSE_HUB_PASSWORD     the workshop password (8 characters or more; default: generated once)
    SAMSKABELSE_HUB_ADMIN        the facilitator's user name (facilitator)
    SAMSKABELSE_HUB_COURSE_REPO  the repository that nbgitpuller pulls (default: this clone, as a file URL)
    SAMSKABELSE_HUB_BRANCH       its branch (default: the branch this clone is on)
    SAMSKABELSE_HUB_LANG         the start page's language, da or en (da)
    SAMSKABELSE_HUB_USER_ENV     the participants' Python environment (.venv-hub; TLJH's is /opt/tljh/user)
"""

import grp
import os
import pwd
import re
import secrets
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlencode

from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid

c = get_config()  # noqa: F821 (JupyterHub provides get_config when it loads this file)

REPO = Path(__file__).resolve().parent.parent
HUB = REPO / "hub"
PORT = int(os.environ.get("SAMSKABELSE_HUB_PORT", "8000"))
STATE = Path(os.environ.get("SAMSKABELSE_HUB_STATE") or REPO / "build" / "hub").resolve()
SECRETS = STATE / "state"  # the database, cookie secret, passwords and pid files: root only
ANSWERS = Path(os.environ.get("SAMSKABELSE_ANSWERS") or STATE / "answers").resolve()
ADMIN = os.environ.get("SAMSKABELSE_HUB_ADMIN", "facilitator")
GROUP = "jupyterhub-users"  # the group TLJH gives its users; members may write to the answers folder
USER_PREFIX = "jupyter-"  # hub user anna runs as the system account jupyter-anna (TLJH's convention)
START_PAGES = {"da": "notebooks/da/00-velkommen.ipynb", "en": "notebooks/en/00-welcome.ipynb"}
COURSE_FOLDER = "samskabelse"  # where nbgitpuller puts the course in each participant's home
# The participants' environment must be readable by every account: `make hub` builds it from the system's
# Python (the developers' .venv may use an interpreter under /root, which other accounts cannot run).
USER_ENV = Path(os.environ.get("SAMSKABELSE_HUB_USER_ENV") or REPO / ".venv-hub").resolve()

if os.geteuid() != 0:
    sys.exit("The workshop hub starts each participant's server as their own system account (jupyter-<name>),\n"
             "so it must run as root, as TLJH's hub does: sudo make hub")


# --- Secrets, generated at the first start and kept in a folder only root can read ---------------------------
def _secret(name: str, make) -> str:
    path = SECRETS / name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(make() + "\n")
    return path.read_text().strip()


SECRETS.mkdir(parents=True, exist_ok=True)
os.chmod(SECRETS, 0o700)
USER_PASSWORD = os.environ.get("SAMSKABELSE_HUB_PASSWORD") or _secret(
    "workshop-password", lambda: "-".join(secrets.token_hex(2) for _ in range(3)))
ADMIN_PASSWORD = _secret("admin-password", lambda: secrets.token_urlsafe(24))  # 32 characters, as required

c.JupyterHub.cookie_secret_file = str(SECRETS / "jupyterhub_cookie_secret")  # JupyterHub makes it (0600)
c.JupyterHub.db_url = f"sqlite:///{SECRETS / 'jupyterhub.sqlite'}"
c.JupyterHub.pid_file = str(SECRETS / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(SECRETS / "proxy.pid")
# The proxy's token: JupyterHub generates a new one at each start when CONFIGPROXY_AUTH_TOKEN is not set.


# --- Network: everything on this machine ---------------------------------------------------------------------
# ON A REAL SERVER: a public address with HTTPS (TLJH: `tljh-config set https.enabled true`; Z2JH:
# proxy.https in config.yaml). Never serve the login page over plain HTTP beyond 127.0.0.1.
c.JupyterHub.bind_url = f"http://127.0.0.1:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{PORT + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [str(HUB / "node_modules" / ".bin" / "configurable-http-proxy")]


# --- Who may log in ------------------------------------------------------------------------------------------
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"})


def hub_name(typed: str) -> str:
    """The user name a typed name becomes: 'Søren Ærø' -> 'soeren-aeroe' (letters, digits and '-')."""
    text = unicodedata.normalize("NFKD", typed.strip().lower().translate(_FOLD))
    text = text.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


class WorkshopAuthenticator(SharedPasswordAuthenticator):
    """JupyterHub's shared-password login, with names that can become system accounts (æ, ø, å folded)."""

    def normalize_username(self, username):
        return hub_name(super().normalize_username(username))


# ON A REAL SERVER: per-person accounts (TLJH's default FirstUseAuthenticator, or an OAuth login through
# the organisation; Z2JH: hub.config.JupyterHub.authenticator_class). With a shared password anyone who has it
# can log in under any participant's name: fine for a half-day room, not for a programme.
c.JupyterHub.authenticator_class = WorkshopAuthenticator
c.SharedPasswordAuthenticator.user_password = USER_PASSWORD
c.SharedPasswordAuthenticator.admin_password = ADMIN_PASSWORD
c.Authenticator.admin_users = {ADMIN}
c.Authenticator.allow_all = True  # anyone with the workshop password, under a name of their choice
# 2-24 characters, so that jupyter-<name> is a valid system account (at most 32 characters)
c.Authenticator.username_pattern = r"^[a-z0-9][a-z0-9-]{1,23}$"


# --- Each participant's server: their own system account, the course, the shared answers folder --------------
def system_user(hub_user_name: str) -> str:
    return USER_PREFIX + hub_user_name


def prepare_answers_folder() -> None:
    """The shared answers folder: group jupyterhub-users may create files, the sticky bit protects each file."""
    try:
        grp.getgrnam(GROUP)
    except KeyError:
        subprocess.run(["groupadd", "--system", GROUP], check=True)
    ANSWERS.mkdir(parents=True, exist_ok=True)
    os.chown(ANSWERS, 0, grp.getgrnam(GROUP).gr_gid)
    os.chmod(ANSWERS, 0o3770)  # setgid: files belong to the group; sticky: only a file's owner may remove it


def create_system_user(spawner) -> None:
    """Before a participant's first start: their account jupyter-<name>, in the group, with a private home."""
    name = system_user(spawner.user.name)
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "--groups", GROUP, name],
                       check=True, capture_output=True)
        account = pwd.getpwnam(name)
    if GROUP not in {g.gr_name for g in grp.getgrall() if name in g.gr_mem}:
        raise RuntimeError(f"{name} exists but is not in the group {GROUP}: not an account this hub created")
    os.chmod(account.pw_dir, 0o700)  # participants cannot read each other's homes


class WorkshopSpawner(LocalProcessSpawner):
    """LocalProcessSpawner that runs hub user anna as the system account jupyter-anna, with umask 027."""

    def make_preexec_fn(self, name):
        setuid = set_user_setuid(system_user(name))

        def preexec():
            setuid()
            os.umask(0o027)  # what a participant writes is never readable by accounts outside the group

        return preexec

    def user_env(self, env):
        account = pwd.getpwnam(system_user(self.user.name))
        env.update(USER=account.pw_name, HOME=account.pw_dir, SHELL=account.pw_shell)
        return env


def _branch() -> str:
    out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--abbrev-ref", "HEAD"],
                         capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() != "HEAD" else "main"


COURSE_REPO = os.environ.get("SAMSKABELSE_HUB_COURSE_REPO") or REPO.as_uri()
BRANCH = os.environ.get("SAMSKABELSE_HUB_BRANCH") or _branch()
LANG = os.environ.get("SAMSKABELSE_HUB_LANG", "da")


def pull_link(urlpath: str) -> str:
    """The nbgitpuller link (relative to a user's server) that pulls the course and opens `urlpath`."""
    return "git-pull?" + urlencode({"repo": COURSE_REPO, "branch": BRANCH, "targetpath": COURSE_FOLDER,
                                    "urlpath": urlpath}, quote_via=quote)


# A repository on this machine belongs to root; git refuses to read it for another account unless it is
# declared safe. A small system git configuration, given only to the participants' servers, does that.
GITCONFIG = STATE / "gitconfig"
if COURSE_REPO.startswith("file://"):
    repo_path = COURSE_REPO[len("file://"):]
    GITCONFIG.write_text(f"[include]\n\tpath = /etc/gitconfig\n[safe]\n\tdirectory = {repo_path}\n"
                         f"\tdirectory = {repo_path}/.git\n")
    os.chmod(GITCONFIG, 0o644)

# Everything a participant's server uses must be reachable by their account: say so now, not at each spawn.
sys.path.insert(0, str(HUB))
from reach import unreachable  # noqa: E402

_problem = unreachable({
    "the participants' environment (SAMSKABELSE_HUB_USER_ENV)": USER_ENV,
    "the shared answers folder (SAMSKABELSE_ANSWERS)": ANSWERS,
    "the hub's git settings for participants (in SAMSKABELSE_HUB_STATE)": GITCONFIG,
    **({"the course repository (SAMSKABELSE_HUB_COURSE_REPO)": Path(COURSE_REPO[len("file://"):])}
       if COURSE_REPO.startswith("file://") else {}),
})
if _problem:
    sys.exit(_problem)

prepare_answers_folder()
c.JupyterHub.spawner_class = WorkshopSpawner
c.Spawner.pre_spawn_hook = create_system_user
c.Spawner.cmd = [str(USER_ENV / "bin" / "jupyterhub-singleuser")]  # the course's environment
c.Spawner.default_url = "/" + pull_link(f"lab/tree/{COURSE_FOLDER}/{START_PAGES[LANG]}")
c.Spawner.environment = {
    "SAMSKABELSE_ANSWERS": str(ANSWERS),  # everyone saves here: one file per hub user
    "SAMSKABELSE_TEAM": str(ANSWERS),  # notebook 08 shows the team from here
    **({"GIT_CONFIG_SYSTEM": str(GITCONFIG)} if COURSE_REPO.startswith("file://") else {}),
}
# ON A REAL SERVER: memory limits (TLJH: `tljh-config set limits.memory 1G`; Z2JH: singleuser.memory.limit).
# LocalProcessSpawner cannot enforce them.
c.Spawner.http_timeout = 120  # a room that starts together on two cores: servers may need a minute
c.Spawner.start_timeout = 120
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every participant's server

print(f"""
Workshop hub (JupyterHub) starting on http://127.0.0.1:{PORT}/

  Participants: any name (letters, digits, '-'; æ, ø, å become ae, oe, aa) and the workshop password
                {USER_PASSWORD}
  Facilitator:  the name '{ADMIN}' and the admin password in {SECRETS / 'admin-password'}
  Answers:      {ANSWERS}  (shared; notebook 08 shows the team)
  Course:       {COURSE_REPO} ({BRANCH}), pulled into ~/{COURSE_FOLDER} at each login

Stop the hub with Ctrl+C; it stops every participant's server.
""", file=sys.stderr, flush=True)
