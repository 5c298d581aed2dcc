"""Whether the participants' accounts can reach a path: every folder on the way must let others through (o+x).

The hub runs as root, but each participant's server runs as their own account (jupyter-<name>). A clone of the
course under /root or in a `mktemp -d` folder (both mode 0700) is closed to those accounts: their servers could
not start the participants' environment, pull the course or save answers. The hub checks this at start and says
which folder closes the way, instead of failing later, participant by participant.
"""

from __future__ import annotations

import stat
from pathlib import Path


def closed_folder(path: str | Path) -> Path | None:
    """The outermost existing folder on the way to `path` that other accounts cannot pass through, or None."""
    path = Path(path).absolute()
    for folder in [*reversed(path.parents), path]:
        try:
            mode = folder.stat().st_mode
        except FileNotFoundError:
            return None  # not made yet: the hub makes it (with the right modes) under a folder checked above
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return folder
    return None


def unreachable(paths: dict[str, Path]) -> str | None:
    """A message naming what the participants cannot reach and how to fix it, or None when they reach all."""
    closed = {what: folder for what, p in paths.items() if (folder := closed_folder(p)) is not None}
    if not closed:
        return None
    lines = [f"- {what} ({paths[what]}): the folder {folder} lets no other account through (mode "
             f"{stat.S_IMODE(folder.stat().st_mode):04o})" for what, folder in closed.items()]
    return ("The participants' accounts (jupyter-<name>) cannot reach what their servers need:\n" + "\n".join(lines)
            + "\nFix: clone the course into a folder every account may pass through (e.g. /srv/samskabelse or "
            "/opt/samskabelse; /root and `mktemp -d` folders are closed), then `sudo make hub-install` there; or "
            "point SAMSKABELSE_HUB_USER_ENV, SAMSKABELSE_HUB_STATE and SAMSKABELSE_HUB_COURSE_REPO at places they "
            "can reach; or open the folder for passing only: chmod o+x FOLDER (lists and reads nothing in it).")
