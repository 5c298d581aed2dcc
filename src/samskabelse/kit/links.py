"""Every link participants need for a published copy of the course: Binder, Voilà and nbgitpuller.

    make links REPO=kommune/samskabelse                           # Binder (JupyterLab and Voilà) links
    make links REPO=kommune/samskabelse HUB=hub.kommune.dk         # ... and nbgitpuller links for that hub
    python -m samskabelse.kit.links kommune/samskabelse --hub hub.kommune.dk --lang da

The README shows the links with OWNER/REPO (and HUB) as placeholders; this prints them filled in, one per
notebook and workbook, so that no placeholder reaches a participant. The nbgitpuller links have the form the
README's organiser section gives: https://HUB/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=...,
with the course landing in the folder `samskabelse` (targetpath), whatever the repository is called.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from samskabelse.base.home import course_path, course_root
from samskabelse.base.i18n import LANGUAGES, Texts

FACILITATOR_NOTEBOOKS = ("10",)  # for the facilitator, not in the participants' course map (notebook 10)
COURSE_FOLDER = "samskabelse"  # where nbgitpuller puts the course (as hub/jupyterhub_config.py and hub/z2jh do)
_REPO = re.compile(r"^(?:https://github\.com/)?([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100}?)(?:\.git)?/?$")
_HOST = re.compile(r"^(?:https?://)?([A-Za-z0-9.-]+(?::\d+)?)(/.*)?$")

TEXT = Texts(
    da={
        "title": "Links til kurset: {repo}",
        "start": "Startside",
        "notebooks": "Kursets notebooks",
        "workbooks": "Workshoppens arbejdsark",
        "facilitator": "Til facilitatoren (kursusfilen, materialet og links uden terminal)",
        "binder_lab": "Binder, i JupyterLab (intet at installere; sessionen er midlertidig – download svarene)",
        "binder_voila": "Binder, som app i Voilà (kun tekst og skydere, ingen kode)",
        "hub_lab": "JupyterHub med nbgitpuller, i JupyterLab (kurset kopieres ind i deltagerens mappe)",
        "hub_voila": "JupyterHub med nbgitpuller, som app i Voilà",
        "no_hub": "Links til en JupyterHub (nbgitpuller): tilføj HUB=jeres-hub.dk (make links REPO=… HUB=…).",
        "bad_repo": "»{value}« er ikke et GitHub-repository. Skriv ejer/navn, fx REPO=kommune/samskabelse.",
        "bad_hub": "»{value}« er ikke en adresse på en JupyterHub. Skriv fx HUB=hub.kommune.dk.",
        "check": "Prøv startsiden på Binder dagen før: første start efter en ændring bygger kurset (flere minutter).",
        "serves": "Hvilken kursusfil linkene viser",
        "serves_binder": "Binder-linkene viser kursusfilen `data/{lang}/course.yaml` i {repo}, som den er i den "
                         "version, Binder bygger ({ref}).",
        "serves_hub": "Hub-linkene henter notebooks fra {repo} (grenen {branch}); kursusfilen læser kurset fra "
                      "hubbens egen installation (`data/{lang}/course.yaml` dér): bed organisatoren hente den nye "
                      "udgave af {repo} dér efter hver ændring.",
        "same_file": "Materialet i pakken er bygget af den samme fil i denne kopi af kurset (`{file}`). Er filen i "
                     "{repo} ændret siden, så byg materialet igen.",
        "other_file": "**Materialet i pakken er bygget af en anden fil: `{file}`.** Indtil den ligger som "
                      "`data/{lang}/course.yaml` i {repo}, viser skærmen noget andet end papiret. Se `{readme}`: "
                      "tre trin.",
    },
    en={
        "title": "Links to the course: {repo}",
        "start": "Start page",
        "notebooks": "The course's notebooks",
        "workbooks": "The workshop's workbooks",
        "facilitator": "For the facilitator (the course file, the kit and the links without a terminal)",
        "binder_lab": "Binder, in JupyterLab (nothing to install; the session is temporary – download your answers)",
        "binder_voila": "Binder, as an app in Voilà (text and sliders only, no code)",
        "hub_lab": "JupyterHub with nbgitpuller, in JupyterLab (the course is copied into the participant's folder)",
        "hub_voila": "JupyterHub with nbgitpuller, as an app in Voilà",
        "no_hub": "Links to a JupyterHub (nbgitpuller): add HUB=your-hub.org (make links REPO=… HUB=…).",
        "bad_repo": "“{value}” is not a GitHub repository. Write owner/name, e.g. REPO=council/samskabelse.",
        "bad_hub": "“{value}” is not the address of a JupyterHub. Write e.g. HUB=hub.council.org.",
        "check": "Try the start page on Binder the day before: the first start after a change builds the course "
                 "(several minutes).",
        "serves": "Which course file the links show",
        "serves_binder": "The Binder links show the course file `data/{lang}/course.yaml` in {repo}, as it is in the "
                         "version Binder builds ({ref}).",
        "serves_hub": "The hub links fetch the notebooks from {repo} (branch {branch}); the course reads its course "
                      "file from the hub's own installation (`data/{lang}/course.yaml` there): ask the organiser to "
                      "pull the new version of {repo} there after every change.",
        "same_file": "The kit is built from the same file in this copy of the course (`{file}`). If the file in "
                     "{repo} has changed since, build the kit again.",
        "other_file": "**The kit is built from another file: `{file}`.** Until it is `data/{lang}/course.yaml` in "
                      "{repo}, the screen shows something other than the paper. See `{readme}`: three steps.",
    },
)


class LinkError(ValueError):
    """A repository or hub address that cannot make a link; the message says what to write instead."""


@dataclass(frozen=True)
class Published:
    owner: str
    name: str
    ref: str = "HEAD"  # what Binder builds
    branch: str = "main"  # what nbgitpuller pulls
    hub: str = ""  # host (and port) of a JupyterHub, without https://

    @property
    def repo(self) -> str:
        return f"{self.owner}/{self.name}"

    def binder(self, path: str, app: str = "lab") -> str:
        urlpath = f"lab/tree/{path}" if app == "lab" else f"voila/render/{path}"
        return f"https://mybinder.org/v2/gh/{self.owner}/{self.name}/{self.ref}?urlpath={urlpath}"

    def nbgitpuller(self, path: str, app: str = "lab") -> str:
        """The README's form: the repository, the folder the course lands in, the path inside it."""
        urlpath = f"lab/tree/{COURSE_FOLDER}/{path}" if app == "lab" else f"voila/render/{COURSE_FOLDER}/{path}"
        return (f"https://{self.hub}/hub/user-redirect/git-pull?repo="
                f"{quote(f'https://github.com/{self.repo}', safe='')}&branch={quote(self.branch, safe='')}"
                f"&targetpath={COURSE_FOLDER}&urlpath={quote(urlpath, safe='')}")


def published(repo: str, hub: str = "", *, ref: str = "HEAD", branch: str = "main", lang: str = "en") -> Published:
    t = TEXT[lang]
    found = _REPO.match(repo.strip())
    if not found or found.group(2) in (".", "..") or (found.group(1), found.group(2)) == ("OWNER", "REPO"):
        raise LinkError(t["bad_repo"].format(value=repo))
    host = ""
    if hub.strip():
        h = _HOST.match(hub.strip().rstrip("/"))
        if not h or "." not in h.group(1) and not h.group(1).startswith("localhost") or (h.group(2) or "/") != "/":
            raise LinkError(t["bad_hub"].format(value=hub))
        host = h.group(1)
    return Published(found.group(1), found.group(2), ref, branch, host)


def _found(folder: str, lang: str, pattern: str) -> list[str]:
    return sorted(p.relative_to(course_root()).as_posix() for p in course_path(f"{folder}/{lang}").glob(pattern))


def course_files(lang: str) -> tuple[list[str], list[str]]:
    """The participants' notebooks and the workbooks of one language, as paths from the repository root."""
    notebooks = [p for p in _found("notebooks", lang, "[0-9][0-9]-*.ipynb")
                 if Path(p).name[:2] not in FACILITATOR_NOTEBOOKS]
    return notebooks, _found("exercises", lang, "[0-9]-*.ipynb")


def facilitator_files(lang: str) -> list[str]:
    """The facilitator's notebooks of one language (notebook 10), as paths from the repository root."""
    return [p for p in _found("notebooks", lang, "[0-9][0-9]-*.ipynb") if Path(p).name[:2] in FACILITATOR_NOTEBOOKS]


def served(where: Published, lang: str, built_from: tuple[str, str | None] | None = None) -> list[str]:
    """Which course file each kind of link shows, as Markdown lines; with `built_from` (the kit's course file, and
    the fork copy's instructions when it is not the repository's own) whether that is what the paper shows."""
    t = TEXT[lang]
    lines = [f"## {t['serves']}", "", "- " + t["serves_binder"].format(lang=lang, repo=where.repo, ref=where.ref)]
    if where.hub:
        lines.append("- " + t["serves_hub"].format(lang=lang, repo=where.repo, branch=where.branch))
    if built_from is not None:
        file, readme = built_from
        lines += ["", t["other_file"].format(file=file, lang=lang, repo=where.repo, readme=readme) if readme
                  else t["same_file"].format(file=file, repo=where.repo)]
    return [*lines, ""]


def links_markdown(where: Published, langs: tuple[str, ...] = LANGUAGES,
                   built_from: tuple[str, str | None] | None = None) -> str:
    """All links as Markdown: per language, the start page first, which course file the links show, then every
    notebook and workbook. `built_from`: see served()."""
    out = []
    for lang in langs:
        t = TEXT[lang]
        notebooks, workbooks = course_files(lang)
        out += [f"# {t['title'].format(repo=where.repo)}", "", f"**{t['start']}:** {where.binder(notebooks[0])}", "",
                t["check"], "", *served(where, lang, built_from)]
        kinds = [("binder_lab", where.binder, "lab"), ("binder_voila", where.binder, "voila")]
        if where.hub:
            kinds += [("hub_lab", where.nbgitpuller, "lab"), ("hub_voila", where.nbgitpuller, "voila")]
        for key, make, app in kinds:
            out += [f"## {t[key]}", ""]
            for group, paths in (("notebooks", notebooks), ("workbooks", workbooks),
                                 ("facilitator", facilitator_files(lang))):
                if not paths:
                    continue
                out += [f"{t[group]}:", ""] + [f"- {Path(p).stem}: {make(p, app)}" for p in paths] + [""]
        if not where.hub:
            out += [t["no_hub"], ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samskabelse.kit.links", description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", nargs="?", default="", help="the published copy on GitHub: owner/name")
    parser.add_argument("--hub", default="", help="a JupyterHub's address, for nbgitpuller links")
    parser.add_argument("--ref", default="HEAD", help="what Binder builds (default HEAD)")
    parser.add_argument("--branch", default="main", help="what nbgitpuller pulls (default main)")
    parser.add_argument("--lang", choices=LANGUAGES, help="only this language's links")
    args = parser.parse_args(argv)
    lang = args.lang or "da"
    try:
        where = published(args.repo, args.hub, ref=args.ref, branch=args.branch, lang=lang)
    except LinkError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(links_markdown(where, (args.lang,) if args.lang else LANGUAGES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
