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

from samskabelse.base import home
from samskabelse.base.i18n import LANGUAGES, Texts, format_number
from samskabelse.course import Course, CourseError, default_course_path, read_course
from samskabelse.kit.links import LinkError, Published, published

DEFAULT_OUT = Path("build", "kit")  # in the checkout, else in the current folder (base.home.output_root)

TEXT = Texts(
    da={
        "contents_file": "INDHOLD.md",
        "worksheets": "arbejdsark",
        "title": "Facilitatorens materiale: {course}",
        "built": "Bygget {when} fra kursusfilen `{file}`.",
        "intro": "Alt her er lavet ud fra samme kursusfil som notebooks, så holdets tilpasninger står overalt. "
                 "Byg det igen efter hver ændring af filen: i notebook 10 (For facilitatorer), eller med "
                 "`{command}`.",
        "h_worksheets": "Arbejdsark til print (A4)",
        "worksheets_about": "Papirudgaven af arbejdsark 1–4: samme spørgsmål og skalaer som på skærmen. Print et "
                            "sæt pr. deltager som reserve, hvis computere, Binder eller nettet svigter.",
        "h_slides": "Dias til intro-punkterne (PowerPoint)",
        "slides_about": "Ét dias pr. intro-punkt i programmet, med talepunkter i noterne. Ret dem frit i PowerPoint; "
                        "byg igen, når kursusfilen ændres.",
        "slides_file": "dias.pptx",
        "h_guides": "Vejledninger til print (PDF)",
        "guides_about": "Programmerne for halv- og heldagsworkshoppen og facilitatorvejledningen til hver øvelse, "
                        "med jeres kursusfils gevinster, faser og rammer, hvor de nævnes.",
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
        "done": "Kittet ligger i {folder} ({n} filer, {seconds} s).",
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
        "h_fork": "Skærm og papir fra samme fil: jeres kopi af kurset",
        "fork_about": "Materialet er bygget af `{file}`, ikke af kursets egen `data/{lang}/course.yaml`. Links til "
                      "Binder og hubben viser den fil, der ligger i kursets repository, indtil jeres fil ligger i "
                      "jeres egen kopi af kurset{example}. Denne mappe har filen dér, hvor Binder og hubben læser "
                      "den, og de tre trin til at lægge den ind: `{readme}`.",
        "example": " – indtil da ser deltagerne fx »{shipped}« på skærmen, men »{adapted}« på papiret",
        "example_added": " – indtil da står fx »{adapted}« på papiret, men ikke på skærmen",
        "warning": "Bemærk: {file} er ikke kursets egen kursusfil. Links til Binder og hubben viser den, der ligger i "
                   "repositoryet, indtil I lægger jeres ind i jeres kopi: se {readme} (tre trin).",
        "fork_dir": "til-jeres-kopi",
        "fork_readme": "LAES-MIG.md",
        "patch_file": "kursusfil.patch",
        "readme": """# Jeres kopi af kurset, med holdets kursusfil

Materialet i pakken er bygget af kursusfilen `{file}`. Deltagerne ser kun det samme på skærmen som på papiret,
når deres links åbner en kopi af kurset, hvor denne fil er `data/{lang}/course.yaml`. Filen ligger klar her, på
samme sted: `data/{lang}/course.yaml`. Tre trin:

1. **Lav jeres egen kopi af kurset på GitHub.** Log ind på GitHub, åbn kursets repository, og tryk **Fork** og
   **Create fork**.{have_repo}
2. **Læg kursusfilen ind i kopien.** Åbn mappen `data/{lang}/` i kopien på GitHub, tryk **Add file** og
   **Upload files**, træk filen `data/{lang}/course.yaml` herfra derind (den erstatter den gamle), og tryk
   **Commit changes**. Med git i stedet: `git apply {patch}` i en klon af kopien, så `git commit -a` og `git push`.
3. **Lav links til kopien, og prøv dem.** Skriv kopiens navn (ejer/navn) i notebook 10 (For facilitatorer) – eller
   kør `make links REPO=ejer/navn` – og send startsiden til deltagerne. Åbn kurset fra linket dagen før:{check}
   På en JupyterHub læser kurset filen fra hubbens egen installation: bed organisatoren hente kopien igen dér.

Notebooks på det andet sprog bruger fortsat kursets egen fil for det sprog.
""",
        "have_repo": " Er `{repo}` allerede jeres kopi (links.md peger på den), så spring trinnet over.",
        "check_gain": " i notebook {notebook} skal der stå »{adapted}« (ikke »{shipped}«).",
        "check_added": " i notebook {notebook} skal »{adapted}« stå med.",
        "check_any": " gevinster, faser og rammer skal være holdets.",
    },
    en={
        "contents_file": "CONTENTS.md",
        "worksheets": "worksheets",
        "title": "The facilitator's kit: {course}",
        "built": "Built {when} from the course file `{file}`.",
        "intro": "Everything here is made from the same course file as the notebooks, so the team's adaptations "
                 "appear everywhere. Build it again after each change to the file: in notebook 10 (For "
                 "facilitators), or with `{command}`.",
        "h_worksheets": "Worksheets to print (A4)",
        "worksheets_about": "The paper version of workbooks 1–4: the same questions and scales as on screen. Print "
                            "one set per participant as a fallback for when laptops, Binder or the network fail.",
        "h_slides": "Slides for the intro slots (PowerPoint)",
        "slides_about": "One slide per intro slot of the programme, with talking points in the notes. Edit them "
                        "freely in PowerPoint; build again when the course file changes.",
        "slides_file": "slides.pptx",
        "h_guides": "Guides to print (PDF)",
        "guides_about": "The half-day and full-day programmes and the facilitator guide to each exercise, with "
                        "your course file's gains, phases and boundaries where they name them.",
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
        "done": "The kit is in {folder} ({n} files, {seconds} s).",
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
        "h_fork": "Screen and paper from the same file: your copy of the course",
        "fork_about": "The kit is built from `{file}`, not from the course's own `data/{lang}/course.yaml`. Links to "
                      "Binder and the hub show the file in the course's repository until your file is in your own "
                      "copy of the course{example}. This folder has the file where Binder and the hub read it, and "
                      "the three steps to put it there: `{readme}`.",
        "example": " – until then participants see e.g. “{shipped}” on screen but “{adapted}” on paper",
        "example_added": " – until then “{adapted}”, for example, is on paper but not on screen",
        "warning": "Note: {file} is not the course's own course file. Links to Binder and the hub show the one in the "
                   "repository until you put yours into your copy: see {readme} (three steps).",
        "fork_dir": "for-your-copy",
        "fork_readme": "README.md",
        "patch_file": "course-file.patch",
        "readme": """# Your copy of the course, with the team's course file

The kit is built from the course file `{file}`. Participants see on screen what the paper shows only when their
links open a copy of the course in which this file is `data/{lang}/course.yaml`. The file is ready here, at that
same place: `data/{lang}/course.yaml`. Three steps:

1. **Make your own copy of the course on GitHub.** Sign in to GitHub, open the course's repository, and press
   **Fork** and **Create fork**.{have_repo}
2. **Put the course file into the copy.** Open the folder `data/{lang}/` of the copy on GitHub, press **Add file**
   and **Upload files**, drag the file `data/{lang}/course.yaml` from here into it (it replaces the old one), and
   press **Commit changes**. With git instead: `git apply {patch}` in a clone of the copy, then `git commit -a` and
   `git push`.
3. **Make links to the copy, and try them.** Type the copy's name (owner/name) in notebook 10 (For facilitators) –
   or run `make links REPO=owner/name` – and send the start page to the participants. Open the course from the
   link the day before:{check}
   On a JupyterHub the course reads the file from the hub's own installation: ask the organiser to pull the copy
   again there.

Notebooks in the other language keep the course's own file for that language.
""",
        "have_repo": " If `{repo}` is already your copy (links.md points to it), skip this step.",
        "check_gain": " notebook {notebook} must say “{adapted}” (not “{shipped}”).",
        "check_added": " notebook {notebook} must list “{adapted}”.",
        "check_any": " the gains, phases and frames must be the team's.",
    },
)


@dataclass
class Kit:
    course: Course
    folder: Path
    files: list[Path] = field(default_factory=list)
    contents: list[tuple[str, str, list[Path]]] = field(default_factory=list)  # heading, about, files
    failures: list[str] = field(default_factory=list)  # a part that could not be made: what happened, what to do
    command: str = ""  # the command that builds this kit again
    adapted: bool = False  # built from a course file that is not the repository's own
    fork_readme: Path | None = None  # then: the three steps to put it into a copy of the course

    def add(self, heading: str, about: str, files: list[Path]) -> None:
        self.files += files
        self.contents.append((heading, about, files))


def shown(path: Path) -> str:
    """A path as the facilitator knows it: from the repository's root inside it, else as given."""
    return home.shown(path)


def is_adapted(course: Course) -> bool:
    """Whether `course` was read from a file that differs from the repository's own data/<lang>/course.yaml (what
    Binder and a hub read): a copy with the same text is not adapted."""
    if course.is_default:
        return False
    try:
        return course.path.read_bytes() != default_course_path(course.language).read_bytes()
    except OSError:
        return True


def kit_command(course_file: str, *, team: str | None = None, links: Published | None = None,
                out: str | None = None) -> str:
    """`make kit COURSE=... TEAM=... REPO=... HUB=...` for these sources: what builds the same kit again."""
    from shlex import quote

    parts = ["make kit"]
    if course_file:
        parts.append(f"COURSE={quote(course_file)}")
    if team:
        parts.append(f"TEAM={quote(team)}")
    if links is not None:
        parts.append(f"REPO={links.repo}")
        if links.hub:
            parts.append(f"HUB={links.hub}")
    if out:
        parts.append(f"KIT_DIR={quote(out)}")
    return " ".join(parts)


def contents_markdown(kit: Kit, file: str) -> str:
    t = TEXT[kit.course.language]
    lines = [f"# {t['title'].format(course=kit.course.title)}", "",
             t["built"].format(when=time.strftime("%Y-%m-%d %H:%M"), file=file), "",
             t["intro"].format(command=kit.command), ""]
    for heading, about, files in kit.contents:
        lines += [f"## {heading}", "", about, ""]
        lines += [f"- `{p.relative_to(kit.folder).as_posix()}`" for p in files] + [""]
    return "\n".join(lines)


def first_difference(adapted: Course, shipped: Course) -> tuple[str, str, str] | None:
    """A name the adapted file shows and the shipped one does not, as (notebook, adapted name, shipped name or ""
    when the item is new): a gain first (notebook 02), then a phase (03), a direction (04), a frame element (05);
    None when the names are the same."""
    for notebook, ours, theirs in (("02", adapted.gains, shipped.gains), ("03", adapted.phases, shipped.phases),
                                   ("04", adapted.directions, shipped.directions),
                                   ("05", adapted.framing.frame_elements, shipped.framing.frame_elements)):
        names = {item.id: item.name for item in theirs}
        for item in ours:
            if names.get(item.id) != item.name and item.name not in names.values():
                return notebook, item.name, names.get(item.id, "")
    return None


def _difference_texts(course: Course, t: dict) -> tuple[str, str]:
    """What the contents file and the fork copy's steps say the participants would see wrongly, and what to
    look for on screen once the copy is published."""
    difference = first_difference(course, read_course(default_course_path(course.language), course.language))
    if difference is None:
        return "", t["check_any"]
    notebook, adapted, shipped = difference
    if shipped:
        return (t["example"].format(shipped=shipped, adapted=adapted),
                t["check_gain"].format(notebook=notebook, shipped=shipped, adapted=adapted))
    return t["example_added"].format(adapted=adapted), t["check_added"].format(notebook=notebook, adapted=adapted)


def git_patch(old: str, new: str, path: str) -> str:
    """A patch `git apply` takes: the repository's `path` changed from `old` to `new` (unified diff, a/ b/)."""
    import difflib

    def lines(text: str) -> list[str]:
        out = text.splitlines(keepends=True)
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n\\ No newline at end of file\n"
        return out

    body = "".join(difflib.unified_diff(lines(old), lines(new), f"a/{path}", f"b/{path}"))
    return f"diff --git a/{path} b/{path}\n{body}" if body else ""


def write_fork_copy(course: Course, folder: Path, file: str, links: Published | None) -> list[Path]:
    """The adapted course where Binder and a hub read it, in a folder shaped like the repository
    (data/<lang>/course.yaml), with a patch for git and the three steps to publish it. Returns the files."""
    t = TEXT[course.language]
    lang = course.language
    shipped_path = default_course_path(lang)
    target = folder / "data" / lang / "course.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = course.path.read_bytes()
    target.write_bytes(text)
    patch = folder / t["patch_file"]
    patch.write_text(git_patch(shipped_path.read_text(encoding="utf-8"), text.decode("utf-8"),
                               f"data/{lang}/course.yaml"), encoding="utf-8")
    check = _difference_texts(course, t)[1]
    readme = folder / t["fork_readme"]
    readme.write_text(t["readme"].format(file=file, lang=lang, patch=patch.name, check=check,
                                         have_repo=t["have_repo"].format(repo=links.repo) if links else ""),
                      encoding="utf-8")
    return [readme, target, patch]


def build_kit(course: Course, folder: str | Path, *, links: Published | None = None,
              team: str | Path | None = None, course_name: str | None = None,
              team_name: str | None = None) -> Kit:
    """Build every part of the kit for `course` into `folder` (created; files of the same name are replaced).

    `links`: where the course is published (links.published("owner/name", "hub")), for a page of links.
    `team`: a folder of the team's answer files, for the team's overview and each participant's plan.
    `course_name`, `team_name`: how the contents file names the course file and the team's folder (default: their
    paths from the repository's root; the facilitator's notebook gives an uploaded file's own name).

    A course file that is not the repository's own gets a copy ready for a fork of the course (write_fork_copy),
    and the contents file and links.md say that the links show the repository's file until it is there."""
    from samskabelse.kit.guides import write_guides
    from samskabelse.kit.links import links_markdown
    from samskabelse.kit.slides import write_deck
    from samskabelse.kit.worksheets import write_worksheets

    t = TEXT[course.language]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    file = course_name or shown(course.path)
    kit = Kit(course, folder, adapted=is_adapted(course))
    kit.command = kit_command(file if not course.is_default else shown(course.path),
                              team=team_name or (shown(Path(team)) if team is not None else None), links=links)
    if kit.adapted:
        with _part(kit, t["h_fork"]):
            fork = write_fork_copy(course, folder / t["fork_dir"], file, links)
            kit.fork_readme = fork[0]
            readme = fork[0].relative_to(folder).as_posix()
            example = _difference_texts(course, t)[0]
            kit.add(t["h_fork"], t["fork_about"].format(file=file, lang=course.language, example=example,
                                                        readme=readme), fork)
    with _part(kit, t["h_worksheets"]):
        sheets = write_worksheets(course, folder / t["worksheets"])
        kit.add(t["h_worksheets"], t["worksheets_about"] + " " + _pages_note(sheets, course.language), sheets)
    extra = []
    if team is not None:
        with _part(kit, t["h_team"]):
            extra = _team_part(kit, Path(team), team_name or Path(team).name)
    with _part(kit, t["h_slides"]):
        kit.add(t["h_slides"], t["slides_about"], [write_deck(course, folder / t["slides_file"], extra=extra)])
    with _part(kit, t["h_guides"]):
        kit.add(t["h_guides"], t["guides_about"], write_guides(course, folder / t["guides"]))
    if links is not None:
        with _part(kit, t["h_links"]):
            page = folder / t["links_file"]
            built_from = (file, kit.fork_readme.relative_to(folder).as_posix() if kit.fork_readme else None)
            page.write_text(links_markdown(links, (course.language,), built_from=built_from), encoding="utf-8")
            kit.add(t["h_links"], t["links_about"], [page])
    with _part(kit, t["contents_file"]):
        contents = folder / t["contents_file"]
        contents.write_text(contents_markdown(kit, file), encoding="utf-8")
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


def kit_plan_stem(member, team_folder: Path, lang: str) -> str:
    """A plan's file name in the kit, as the docs give it: the participant's label, which no one else in the team
    has (mette.json -> mette-plan.pdf; a second Mette's "Mette J." -> mette-j-plan.pdf; an Anna in the folder holm
    beside another Anna -> anna-holm-plan.pdf; a participant uploaded twice is one plan under their own name, not
    the upload's carsten-2.json); the invented example team's plans begin with eksempel-/example-."""
    from samskabelse.answers import is_example_team
    from samskabelse.answers.plan import EXAMPLE_WORD
    from samskabelse.base.files import slug

    stem = member.stem or slug(member.path.stem, 60, "deltager")
    if is_example_team(member.path.parent):
        return slug(f"{EXAMPLE_WORD[lang]}-{stem}", 80, "deltager")
    return stem


def _team_part(kit: Kit, team_folder: Path, team_name: str) -> list:
    """The team's overview (PDF) and each participant's plan; returns the team's slides for the deck."""
    from dataclasses import replace

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
        plan = replace(build_plan(member, course), stem=kit_plan_stem(member, team_folder, course.language))
        files += [*write_handout(plan, out), write_plan_docx(plan, out, HANDOUT[course.language])]
    about = t["team_about"]
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        # on paper, a file is named from the team's folder, never by the facilitator's local path
        here = [str(team_folder.resolve()), str(team_folder.absolute()), str(team_folder)]
        try:
            here.insert(0, team_folder.resolve().relative_to(Path.cwd().resolve()).as_posix())
        except (OSError, ValueError):
            pass
        for where in sorted(set(here), key=len, reverse=True):
            problems = [p.replace(where + "/", f"{team_name}/") for p in problems]
        about += "\n\n" + t["team_problems"] + "\n\n" + "\n".join(f"- {p}" for p in problems)
    kit.add(t["h_team"], about, files)
    return team_slides(overview)


def default_folder(course_path: Path, lang: str) -> Path:
    """build/kit/da and build/kit/en for the shipped files; build/kit/<file name> for an adapted file."""
    if course_path.resolve() == default_course_path(lang).resolve():
        return home.output_root() / DEFAULT_OUT / lang
    return home.output_root() / DEFAULT_OUT / course_path.stem


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
        path = home.find(path)
        started = time.perf_counter()
        try:
            course = read_course(path)
        except CourseError as exc:
            print(exc.report(command_line=True), file=sys.stderr)
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
        else:
            seconds = format_number(time.perf_counter() - started, course.language, 1)
            print(t["done"].format(folder=shown(folder), n=len(kit.files), seconds=seconds))
        if kit.fork_readme is not None:
            print(t["warning"].format(file=shown(course.path), readme=shown(kit.fork_readme)))
    return status
