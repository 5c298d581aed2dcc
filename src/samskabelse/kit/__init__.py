"""The facilitator's kit: everything printed or projected for a workshop, built from one course file into one folder.

    python -m samskabelse.kit                              # the kit for both shipped course files (da, en)
    python -m samskabelse.kit mit-hold.yaml --out kit/     # the kit for a team's adapted file
    python -m samskabelse.kit mit-hold.yaml --team holdet/ # ... with the team's answers (overview, plans)

`make kit COURSE=mit-hold.yaml` calls this. What the folder holds is listed in its own contents file
(INDHOLD.md / CONTENTS.md) and in exercises/README.md. A broken course file gets the course check's message
(file, line, field, fix) and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from samskabelse.base.i18n import LANGUAGES, Texts
from samskabelse.course import REPO_ROOT, Course, CourseError, default_course_path, read_course
from samskabelse.kit.links import LinkError, Published, published

DEFAULT_OUT = REPO_ROOT / "build" / "kit"

TEXT = Texts(
    da={
        "contents_file": "INDHOLD.md",
        "worksheets": "arbejdsark",
        "title": "Facilitatorens materiale: {course}",
        "built": "Bygget {when} fra kursusfilen `{file}`.",
        "intro": "Alt her er lavet ud fra samme kursusfil som notebooks, så holdets tilpasninger står overalt. "
                 "Byg det igen efter hver ændring af filen: `make kit COURSE={file}`.",
        "h_worksheets": "Arbejdsark til print (A4)",
        "worksheets_about": "Papirudgaven af arbejdsark 1–4: samme spørgsmål og skalaer som på skærmen. Print et "
                            "sæt pr. deltager som reserve, hvis computere, Binder eller nettet svigter.",
        "h_slides": "Dias til intro-punkterne (PowerPoint)",
        "slides_about": "Ét dias pr. intro-punkt i programmet, med talepunkter i noterne. Ret dem frit i PowerPoint; "
                        "byg igen, når kursusfilen ændres.",
        "slides_file": "dias.pptx",
        "h_guides": "Vejledninger til print (PDF)",
        "guides_about": "Programmet for halvdagsworkshoppen og facilitatorvejledningen til hver øvelse.",
        "guides": "vejledninger",
        "h_team": "Holdets svar (til projektor og print)",
        "team_about": "Notebook 08's overblik: figuren, spørgsmålene til drøftelsen og tabellerne, som PDF; de "
                      "samme dias står sidst i dias-filen. Og hver deltagers plan på én side som PDF, Word og "
                      "Markdown.",
        "team_dir": "holdets-svar",
        "team_problems": "Nogle svarfiler kunne ikke læses (resten af holdet er med):",
        "h_links": "Links til deltagerne",
        "links_about": "Binder-, Voilà- og nbgitpuller-links til jeres udgave af kurset. Send startsiden til "
                       "deltagerne, og prøv den dagen før.",
        "links_file": "links.md",
        "done": "Kittet ligger i {folder} ({n} filer, {seconds:.1f} s).",
        "one_page": "Hvert ark fylder én side.",
        "more_pages": "Med denne kursusfil fylder {sheets} mere end én side ved 9 punkter (den mindste skrift, "
                      "arkene sættes i): print dobbeltsidet, eller kort listerne i kursusfilen ned.",
        "sheet": "arbejdsark {n} ({pages} sider)",
        "part_failed": "{part} kunne ikke laves: {reason}",
        "fix_write": "Tjek, at der kan skrives i mappen {folder}, og at disken ikke er fuld – eller vælg en anden "
                     "mappe med KIT_DIR=… (make kit) eller --out.",
        "fix_bug": "Det er en fejl i kurset, ikke i jeres kursusfil: skriv til den, der vedligeholder kurset, og send "
                   "denne besked med (SAMSKABELSE_DEBUG=1 viser de tekniske detaljer).",
        "incomplete": "Kittet i {folder} mangler noget (se ovenfor); resten er bygget ({n} filer).",
    },
    en={
        "contents_file": "CONTENTS.md",
        "worksheets": "worksheets",
        "title": "The facilitator's kit: {course}",
        "built": "Built {when} from the course file `{file}`.",
        "intro": "Everything here is made from the same course file as the notebooks, so the team's adaptations "
                 "appear everywhere. Build it again after each change to the file: `make kit COURSE={file}`.",
        "h_worksheets": "Worksheets to print (A4)",
        "worksheets_about": "The paper version of workbooks 1–4: the same questions and scales as on screen. Print "
                            "one set per participant as a fallback for when laptops, Binder or the network fail.",
        "h_slides": "Slides for the intro slots (PowerPoint)",
        "slides_about": "One slide per intro slot of the programme, with talking points in the notes. Edit them "
                        "freely in PowerPoint; build again when the course file changes.",
        "slides_file": "slides.pptx",
        "h_guides": "Guides to print (PDF)",
        "guides_about": "The half-day programme and the facilitator guide to each exercise.",
        "guides": "guides",
        "h_team": "The team's answers (for the projector and print)",
        "team_about": "Notebook 08's overview: the figure, the discussion questions and the tables, as a PDF; the "
                      "same slides are at the end of the slides file. And each participant's plan on one page as "
                      "PDF, Word and Markdown.",
        "team_dir": "team-answers",
        "team_problems": "Some answer files could not be read (the rest of the team is included):",
        "h_links": "Links for the participants",
        "links_about": "Binder, Voilà and nbgitpuller links to your copy of the course. Send the start page to the "
                       "participants, and try it the day before.",
        "links_file": "links.md",
        "done": "The kit is in {folder} ({n} files, {seconds:.1f} s).",
        "one_page": "Each sheet takes one page.",
        "more_pages": "With this course file {sheets} take more than one page at 9 points (the smallest type the "
                      "sheets are set in): print them double-sided, or shorten the lists in the course file.",
        "sheet": "worksheet {n} ({pages} pages)",
        "part_failed": "{part} could not be made: {reason}",
        "fix_write": "Check that the folder {folder} can be written to and that the disk is not full – or choose "
                     "another folder with KIT_DIR=… (make kit) or --out.",
        "fix_bug": "This is a fault in the course, not in your course file: write to whoever maintains the course "
                   "and send this message along (SAMSKABELSE_DEBUG=1 shows the technical details).",
        "incomplete": "The kit in {folder} is missing something (see above); the rest is built ({n} files).",
    },
)


@dataclass
class Kit:
    course: Course
    folder: Path
    files: list[Path] = field(default_factory=list)
    contents: list[tuple[str, str, list[Path]]] = field(default_factory=list)  # heading, about, files
    failures: list[str] = field(default_factory=list)  # a part that could not be made: what happened, what to do

    def add(self, heading: str, about: str, files: list[Path]) -> None:
        self.files += files
        self.contents.append((heading, about, files))


def shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def contents_markdown(kit: Kit) -> str:
    t = TEXT[kit.course.language]
    lines = [f"# {t['title'].format(course=kit.course.title)}", "",
             t["built"].format(when=time.strftime("%Y-%m-%d %H:%M"), file=shown(kit.course.path)), "",
             t["intro"].format(file=shown(kit.course.path)), ""]
    for heading, about, files in kit.contents:
        lines += [f"## {heading}", "", about, ""]
        lines += [f"- `{p.relative_to(kit.folder).as_posix()}`" for p in files] + [""]
    return "\n".join(lines)


def build_kit(course: Course, folder: str | Path, *, links: Published | None = None,
              team: str | Path | None = None) -> Kit:
    """Build every part of the kit for `course` into `folder` (created; files of the same name are replaced).

    `links`: where the course is published (links.published("owner/name", "hub")), for a page of links.
    `team`: a folder of the team's answer files, for the team's overview and each participant's plan."""
    from samskabelse.kit.guides import write_guides
    from samskabelse.kit.links import links_markdown
    from samskabelse.kit.slides import write_deck
    from samskabelse.kit.worksheets import write_worksheets

    t = TEXT[course.language]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    kit = Kit(course, folder)
    with _part(kit, t["h_worksheets"]):
        sheets = write_worksheets(course, folder / t["worksheets"])
        kit.add(t["h_worksheets"], t["worksheets_about"] + " " + _pages_note(sheets, course.language), sheets)
    extra = []
    if team is not None:
        with _part(kit, t["h_team"]):
            extra = _team_part(kit, Path(team))
    with _part(kit, t["h_slides"]):
        kit.add(t["h_slides"], t["slides_about"], [write_deck(course, folder / t["slides_file"], extra=extra)])
    with _part(kit, t["h_guides"]):
        kit.add(t["h_guides"], t["guides_about"], write_guides(course, folder / t["guides"]))
    if links is not None:
        with _part(kit, t["h_links"]):
            page = folder / t["links_file"]
            page.write_text(links_markdown(links, (course.language,)), encoding="utf-8")
            kit.add(t["h_links"], t["links_about"], [page])
    with _part(kit, t["contents_file"]):
        contents = folder / t["contents_file"]
        contents.write_text(contents_markdown(kit), encoding="utf-8")
        kit.files.insert(0, contents)
    return kit


def _pages_note(sheets: list[Path], lang: str) -> str:
    """Which sheets take more than one page (a long course file), so that the facilitator prints them right."""
    from samskabelse.base.i18n import join_names
    from samskabelse.kit.typeset import page_count

    t = TEXT[lang]
    long = [(int(p.name[0]), page_count(p.read_bytes())) for p in sheets if p.name[:1].isdigit()]
    long = [(n, pages) for n, pages in long if pages > 1]
    if not long:
        return t["one_page"]
    return t["more_pages"].format(sheets=join_names([t["sheet"].format(n=n, pages=k) for n, k in long], lang))


@contextmanager
def _part(kit: Kit, part: str):
    """Build one part of the kit; if it fails, say what and what to do, and go on with the other parts."""
    import os

    t = TEXT[kit.course.language]
    try:
        yield
    except OSError as exc:
        if os.environ.get("SAMSKABELSE_DEBUG"):
            raise
        reason = f"{exc.strerror or exc}" + (f" ({exc.filename})" if getattr(exc, "filename", None) else "")
        kit.failures.append(t["part_failed"].format(part=part, reason=reason) + " " +
                            t["fix_write"].format(folder=shown(kit.folder)))
    except Exception as exc:  # whatever else goes wrong in one part must not stop the others, nor show a traceback
        if os.environ.get("SAMSKABELSE_DEBUG"):
            raise
        kit.failures.append(t["part_failed"].format(part=part, reason=f"{type(exc).__name__}: {exc}"[:300]) + " "
                            + t["fix_bug"])


def _team_part(kit: Kit, team_folder: Path) -> list:
    """The team's overview (PDF) and each participant's plan; returns the team's slides for the deck."""
    from samskabelse.answers import load_team
    from samskabelse.answers.plan import TEXT as HANDOUT
    from samskabelse.answers.plan import build_plan, write_handout
    from samskabelse.answers.plan_word import write_plan_docx
    from samskabelse.kit.team_export import team_overview, team_slides, write_team_overview

    course, t = kit.course, TEXT[kit.course.language]
    team, problems = load_team(team_folder, course)
    out = kit.folder / t["team_dir"]
    files: list[Path] = []
    overview = team_overview(team, course)
    pdf, pptx = write_team_overview(overview, out)
    files += [pdf, pptx]
    for member in team:
        plan = build_plan(member, course)
        files += [*write_handout(plan, out), write_plan_docx(plan, out, HANDOUT[course.language])]
    about = t["team_about"]
    if problems:
        about += "\n\n" + t["team_problems"] + "\n\n" + "\n".join(f"- {p}" for p in problems)
        for p in problems:
            print(p, file=sys.stderr)
    kit.add(t["h_team"], about, files)
    return team_slides(overview)


def default_folder(course_path: Path, lang: str) -> Path:
    """build/kit/da and build/kit/en for the shipped files; build/kit/<file name> for an adapted file."""
    if course_path.resolve() == default_course_path(lang).resolve():
        return DEFAULT_OUT / lang
    return DEFAULT_OUT / course_path.stem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samskabelse.kit", description=__doc__.split("\n\n")[0])
    parser.add_argument("course", nargs="*", help="course files (default: data/da/course.yaml and data/en/course.yaml)")
    parser.add_argument("--out", help="the kit's folder (default: build/kit/<language or file name>)")
    parser.add_argument("--repo", default="", help="the published copy on GitHub (owner/name): adds links.md")
    parser.add_argument("--hub", default="", help="a JupyterHub's address: adds nbgitpuller links to links.md")
    parser.add_argument("--team", help="a folder of the team's answer files: adds the team's overview and plans")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.course] or [default_course_path(lang) for lang in LANGUAGES]
    status = 0
    for path in paths:
        if not path.exists() and (REPO_ROOT / path).exists():
            path = REPO_ROOT / path
        started = time.perf_counter()
        try:
            course = read_course(path)
        except CourseError as exc:
            print(exc, file=sys.stderr)
            status = 1
            continue
        try:
            where = published(args.repo, args.hub, lang=course.language) if args.repo else None
        except LinkError as exc:
            print(exc, file=sys.stderr)
            return 2
        folder = Path(args.out) / (course.language if len(paths) > 1 else "") if args.out else \
            default_folder(path, course.language)
        t = TEXT[course.language]
        try:
            kit = build_kit(course, folder, links=where, team=args.team)
        except OSError as exc:  # the folder itself could not be made
            if os.environ.get("SAMSKABELSE_DEBUG"):
                raise
            print(t["part_failed"].format(part=shown(folder), reason=exc.strerror or exc), t["fix_write"].format(
                folder=shown(folder)), file=sys.stderr)
            status = 1
            continue
        for failure in kit.failures:
            print(failure, file=sys.stderr)
        if kit.failures:
            print(t["incomplete"].format(folder=shown(folder), n=len(kit.files)), file=sys.stderr)
            status = 1
            continue
        print(t["done"].format(folder=shown(folder), n=len(kit.files), seconds=time.perf_counter() - started))
    return status

