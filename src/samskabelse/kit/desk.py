"""Notebook 10, for facilitators: the team's course file checked, the team's answers, the links, and the whole kit
as one zip file, in JupyterLab, in Voilà or on Binder, without a terminal.

    desk = facilitator_desk(course)   # nothing is read, written or built until the facilitator acts
    desk.choose_course()              # upload a course file, or give its path: the course check's messages
    desk.add_answers()                # the team's answer files (upload, or a folder): the overview and the plans
    desk.make_links()                 # REPO and HUB: every Binder, Voilà and nbgitpuller link
    desk.build_kit()                  # the kit (make kit's folder) as one zip, downloaded from the page

What `make kit` and `make links` take, the notebook takes too: COURSE (the file chosen in step 1; by default the
file this notebook's course came from), TEAM (step 2), REPO and HUB (step 3); the kit's folder (KIT_DIR) becomes
the zip. Uploaded files and the kit are made in a temporary folder of their own, never in the course's folders,
and the zip reaches the browser inside the page (widgets.download: a data: URL), since Voilà serves no files. The
kit of a course with a team of five is about 1.5 MB (the zip's size is shown beside its link).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from samskabelse.base import home
from samskabelse.base.i18n import Texts, format_number
from samskabelse.course import Course, CourseError, read_course
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.display import user_text

MAX_COURSE_BYTES = 1_000_000  # a course file is about 40 kB; the check reads nothing larger
STYLE = (".samskabelse-desk a { color: #0b5cad; text-decoration: underline; }"
         " .samskabelse-desk a.samskabelse-download { display: inline-block; padding: 0.45em 1em; margin: 0.2em 0;"
         " background: #0072B2; color: #ffffff; border-radius: 3px; font-weight: bold; text-decoration: none; }"
         " .samskabelse-desk a.samskabelse-download:focus-visible { outline: 3px solid #003d61; outline-offset: 2px; }"
         " .samskabelse-desk .samskabelse-error { background: #fff4f2;"
         " border-left: 4px solid #b3261e; padding: 0.6em 0.8em; color: #1a1a1a; }")

TEXT = Texts(
    da={
        "language": {"da": "dansk", "en": "engelsk"},
        # step 1
        "upload_course": "Upload kursusfil",
        "path": "Sti til kursusfilen",
        "path_placeholder": "fx mit-hold.yaml eller exercises/da/eksempel-hold-havneby.yaml",
        "check": "Kontrollér",
        "now": "Materialet bygges af: <code>{name}</code> – {what}.",
        "shipped": "kursets egen fil for dette sprog",
        "override": "den fil, notebooken er startet med",
        "no_path": "Skriv stien til en kursusfil i feltet, eller upload filen.",
        "ok": "Kursusfilen <code>{name}</code> kan bruges: {gains} gevinster, {phases} faser, {directions} "
              "ledelsesretninger og {frames} rammer, på {language}.",
        "ok_adapted": "Den er ikke kursets egen fil: materialet får en kopi af den, klar til jeres kopi af kurset "
                      "på GitHub, med tre trin, så links viser det samme som papiret.",
        "ok_shipped": "Det er kursets egen fil: links viser den samme.",
        "other_language": "Filen er på {language}: materialet bliver på {language}.",
        "too_big": "{name} fylder {mb} MB; en kursusfil fylder omkring 40 kB. Vælg den rigtige fil.",
        "refused": "Materialet bygges ikke, før kursusfilen kan bruges.",
        # step 2
        "upload_answers": "Upload svarfiler",
        "folder": "Mappe med svarfiler",
        "folder_placeholder": "fx holdet eller data/example-team/da",
        "use_folder": "Brug mappen",
        "no_team": "Uden holdets svar",
        "team_none": "Ingen svarfiler valgt: materialet bygges uden holdets svar.",
        "team_ok": "{n} svarfiler i <code>{name}</code>: {names}.",
        "team_problems": "Disse filer kan ikke læses (resten af holdet kommer med):",
        "team_empty": "Ingen svarfiler kunne læses i <code>{name}</code>.",
        "team_uploaded": "{n} uploadede svarfiler: {names}.",
        # step 3
        "repo": "REPO (ejer/navn)",
        "repo_placeholder": "fx kommune/samskabelse",
        "hub": "HUB (valgfrit)",
        "hub_placeholder": "fx hub.kommune.dk",
        "show_links": "Vis links",
        "start": "Startsiden til deltagerne: {link}",
        "all_links": "Alle links (Binder, Voilà{hub})",
        "hub_part": " og nbgitpuller",
        "links_file": "links.md",
        "download_links": "Download links.md (begge sprog)",
        "no_repo": "Skriv jeres kopi af kurset som ejer/navn i feltet REPO.",
        # step 4
        "build": "Byg materialet som zip",
        "summary": "Kursusfil: <code>{course}</code> · holdets svar: {team} · links: {links}. Det tager typisk "
                   "10–40 sekunder at bygge.",
        "summary_team": "{n} svarfiler",
        "summary_none": "ingen",
        "building": "Bygger materialet … (typisk 10–40 sekunder)",
        "built": "Materialet er bygget: {n} filer, {mb} MB som zip ({seconds:.0f} s).",
        "download": "Download {name} ({mb} MB)",
        "adapted": "Kursusfilen er ikke kursets egen: læs <code>{readme}</code> i zip-filen – tre trin, så "
                   "deltagernes links viser det samme som papiret.",
        "inside": "I zip-filen:",
        "failed": "Materialet kunne ikke bygges: {error}",
        "zip": "materiale-{name}",
    },
    en={
        "language": {"da": "Danish", "en": "English"},
        "upload_course": "Upload course file",
        "path": "Path to the course file",
        "path_placeholder": "e.g. my-team.yaml or exercises/en/team-template.yaml",
        "check": "Check",
        "now": "The kit is built from: <code>{name}</code> – {what}.",
        "shipped": "the course's own file for this language",
        "override": "the file this notebook started with",
        "no_path": "Type the path of a course file in the field, or upload the file.",
        "ok": "The course file <code>{name}</code> can be used: {gains} gains, {phases} phases, {directions} "
              "leadership directions and {frames} frames, in {language}.",
        "ok_adapted": "It is not the course's own file: the kit gets a copy of it, ready for your copy of the "
                      "course on GitHub, with three steps, so that the links show what the paper shows.",
        "ok_shipped": "It is the course's own file: the links show the same.",
        "other_language": "The file is in {language}: the kit will be in {language}.",
        "too_big": "{name} is {mb} MB; a course file is about 40 kB. Choose the right file.",
        "refused": "The kit is not built until the course file can be used.",
        "upload_answers": "Upload answer files",
        "folder": "Folder of answer files",
        "folder_placeholder": "e.g. team or data/example-team/en",
        "use_folder": "Use folder",
        "no_team": "Without the team's answers",
        "team_none": "No answer files chosen: the kit is built without the team's answers.",
        "team_ok": "{n} answer files in <code>{name}</code>: {names}.",
        "team_problems": "These files cannot be read (the rest of the team is included):",
        "team_empty": "No answer file could be read in <code>{name}</code>.",
        "team_uploaded": "{n} uploaded answer files: {names}.",
        "repo": "REPO (owner/name)",
        "repo_placeholder": "e.g. council/samskabelse",
        "hub": "HUB (optional)",
        "hub_placeholder": "e.g. hub.council.org",
        "show_links": "Show links",
        "start": "The start page for the participants: {link}",
        "all_links": "All links (Binder, Voilà{hub})",
        "hub_part": " and nbgitpuller",
        "links_file": "links.md",
        "download_links": "Download links.md (both languages)",
        "no_repo": "Type your copy of the course as owner/name in the field REPO.",
        "build": "Build the kit as a zip",
        "summary": "Course file: <code>{course}</code> · the team's answers: {team} · links: {links}. Building "
                   "usually takes 10–40 seconds.",
        "summary_team": "{n} answer files",
        "summary_none": "none",
        "building": "Building the kit … (usually 10–40 seconds)",
        "built": "The kit is built: {n} files, {mb} MB as a zip ({seconds:.0f} s).",
        "download": "Download {name} ({mb} MB)",
        "adapted": "The course file is not the course's own: read <code>{readme}</code> in the zip file – three "
                   "steps, so that the participants' links show what the paper shows.",
        "inside": "In the zip file:",
        "failed": "The kit could not be built: {error}",
        "zip": "kit-{name}",
    },
)
# What to do after the course check's messages, in the file's language: here there is no cell to run again.
FOOTER = Texts(
    da={"footer": "Ret filen, og upload den igen – eller tryk Kontrollér igen, når den er rettet."},
    en={"footer": "Fix the file and upload it again – or press Check again once it is fixed."},
)


def _mb(size: int, lang: str) -> str:
    return format_number(max(size, 1) / 1_000_000, lang, 1)


def _resolve(text: str) -> Path:
    """A path typed in the notebook: as given (from the notebook's folder), else from the repository's root."""
    return home.find(Path(text.strip().strip("'\"")).expanduser())


def _name(path: Path) -> str:
    """How a chosen file or folder is named on screen and on paper: from the repository's root when it lies
    inside it, else by its own name (never a local path)."""
    return home.shown(path, fallback=path.name)


def zip_folder(folder: Path, top: str) -> bytes:
    """Every file under `folder`, in a zip whose one top folder is `top` (what unzipping gives)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    return out.getvalue()


class Step:
    """One step's widgets: shown by displaying it (its box)."""

    def __init__(self, box):
        self.box = box

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


class FacilitatorDesk:
    """The state of notebook 10: which course file, which answers, which links; each step's widgets."""

    def __init__(self, course: Course):
        self.course = course  # the notebook's own course: the default
        self.lang = course.language
        self.t = TEXT[self.lang]
        self.chosen: Course | None = None  # a course file chosen in step 1 that passed the check
        self.chosen_name = ""
        self.refused = False  # the last file chosen did not pass the check
        self.team: Path | None = None
        self.team_name = ""
        self.team_count = 0
        self._work: tempfile.TemporaryDirectory | None = None
        self._steps: dict[str, Step] = {}
        self.zip_bytes: bytes | None = None  # the last kit built
        self.zip_name = ""

    # -- shared ---------------------------------------------------------------------------------------------
    def work_folder(self) -> Path:
        """This notebook's own temporary folder, for uploads (made when the first file arrives, removed with
        the kernel)."""
        if self._work is None:
            self._work = tempfile.TemporaryDirectory(prefix="samskabelse-desk-")
        return Path(self._work.name)

    def current(self) -> Course:
        return self.chosen or self.course

    def current_name(self) -> str:
        return self.chosen_name or _name(self.course.path)

    def _widgets(self):
        import ipywidgets as widgets

        return widgets

    def _box(self, kind: str, children: list):
        widgets = self._widgets()
        box = widgets.VBox(children)
        mark_widget(box, self.lang, "samskabelse-desk", f"samskabelse-desk-{kind}")
        return box

    def _style(self):
        """The steps' links and downloads, visible as such (each step carries it: any one may be shown alone)."""
        return self._widgets().HTML(f"<style>{STYLE}</style>", layout={"height": "0", "margin": "0"})

    def _status(self):
        status = self._widgets().HTML()
        status.add_class("samskabelse-result")
        return status

    # -- step 1: the course file ----------------------------------------------------------------------------
    def choose_course(self) -> Step:
        if "course" in self._steps:
            return self._steps["course"]
        widgets, t = self._widgets(), self.t
        self.course_upload = named(widgets.FileUpload(accept=".yaml,.yml", multiple=False,
                                                      layout=widgets.Layout(width="16em")), t["upload_course"])
        self.course_upload.tooltip = t["upload_course"]
        self.course_upload.observe(self._course_uploaded, names="value")
        self.course_path = named(widgets.Text(placeholder=t["path_placeholder"],
                                              layout=widgets.Layout(width="46em"),
                                              style={"description_width": "12em"}), t["path"])
        self.course_check = widgets.Button(description=t["check"], tooltip=t["check"],
                                           layout=widgets.Layout(width="10em"))
        self.course_check.on_click(lambda _b: self.check_path())
        self.course_status = self._status()
        what = t["shipped"] if self.course.is_default else t["override"]
        self.course_status.value = f"<p>{t['now'].format(name=user_text(self.current_name(), 200), what=what)}</p>"
        step = Step(self._box("course", [self._style(), self.course_upload,
                                         widgets.HBox([self.course_path, self.course_check]), self.course_status]))
        self._steps["course"] = step
        return step

    def _course_uploaded(self, change) -> None:
        files = list(change["new"] or ())
        if files:
            self.receive_course(files[-1]["name"], bytes(files[-1]["content"]))

    def receive_course(self, name: str, content: bytes) -> Course | None:
        """An uploaded course file: kept under its own name in this notebook's folder, then checked."""
        from samskabelse.base.files import slug

        self.choose_course()
        stem = slug(Path(str(name).replace("\\", "/")).stem, 60, "kursusfil")
        shown = f"{stem}.yaml"
        if len(content) > MAX_COURSE_BYTES:
            message = self.t["too_big"].format(name=user_text(name, 100), mb=_mb(len(content), self.lang))
            self._refuse(f"<p class='samskabelse-warning' role='alert'>{message}</p>")
            return None
        folder = self.work_folder() / "kursusfil"
        folder.mkdir(exist_ok=True)
        path = folder / shown
        path.write_bytes(content)
        return self.use_course(path, shown)

    def check_path(self) -> Course | None:
        self.choose_course()
        text = self.course_path.value.strip()
        if not text:
            self._refuse(f"<p class='samskabelse-warning' role='alert'>{self.t['no_path']}</p>")
            return None
        path = _resolve(text)
        return self.use_course(path, _name(path))

    def use_course(self, path: Path, name: str) -> Course | None:
        """Check a course file; use it for the kit when it passes, else show the check's messages."""
        from html import escape

        from samskabelse.kit import is_adapted

        self.choose_course()
        t = self.t
        try:
            course = read_course(path)
        except CourseError as exc:
            lines = exc.report(footer=FOOTER[exc.lang]["footer"], name=name).splitlines()
            items = "".join(f"<li>{escape(line.removeprefix('  - '))}</li>" for line in lines[1:-1])
            self._refuse(f'<div class="samskabelse-error" role="alert" lang="{exc.lang}"><p>{escape(lines[0])}</p>'
                         f"<ul>{items}</ul><p>{escape(lines[-1])}</p></div>")
            return None
        self.chosen, self.chosen_name, self.refused = course, name, False
        tc = TEXT[course.language]
        lines = [tc["ok"].format(name=user_text(name, 200), gains=len(course.gains), phases=len(course.phases),
                                 directions=len(course.directions), frames=len(course.framing.frame_elements),
                                 language=tc["language"][course.language]),
                 tc["ok_adapted"] if is_adapted(course) else tc["ok_shipped"]]
        if course.language != self.lang:
            lines.append(t["other_language"].format(language=t["language"][course.language]))
        self.course_status.value = (f"<div lang='{course.language}'>" + "".join(f"<p>{line}</p>" for line in lines)
                                    + "</div>")
        self._refresh_summary()
        return course

    def _refuse(self, message: str) -> None:
        self.chosen, self.chosen_name, self.refused = None, "", True
        self.course_status.value = message
        self._refresh_summary()

    # -- step 2: the team's answers -------------------------------------------------------------------------
    def add_answers(self) -> Step:
        if "team" in self._steps:
            return self._steps["team"]
        widgets, t = self._widgets(), self.t
        self.team_upload = named(widgets.FileUpload(accept=".json,application/json", multiple=True,
                                                    layout=widgets.Layout(width="16em")), t["upload_answers"])
        self.team_upload.tooltip = t["upload_answers"]
        self.team_upload.observe(self._answers_uploaded, names="value")
        self.team_path = named(widgets.Text(placeholder=t["folder_placeholder"], layout=widgets.Layout(width="46em"),
                                            style={"description_width": "12em"}), t["folder"])
        use = widgets.Button(description=t["use_folder"], tooltip=t["use_folder"], layout=widgets.Layout(width="10em"))
        use.on_click(lambda _b: self.use_team_folder())
        clear = widgets.Button(description=t["no_team"], tooltip=t["no_team"], layout=widgets.Layout(width="16em"))
        clear.on_click(lambda _b: self.use_team(None))
        self.team_status = self._status()
        self.team_status.value = f"<p>{t['team_none']}</p>"
        step = Step(self._box("team", [self._style(), self.team_upload, widgets.HBox([self.team_path, use]), clear,
                                       self.team_status]))
        self._steps["team"] = step
        return step

    def _answers_uploaded(self, change) -> None:
        files = [(f["name"], bytes(f["content"])) for f in change["new"] or ()]
        if files:
            self.receive_answers(files)

    def receive_answers(self, files: list[tuple[str, bytes]]) -> int:
        """Uploaded answer files: put into this notebook's own team folder (answers.upload's rules: nothing is
        replaced), then read as the team."""
        from samskabelse.answers.upload import DEFAULT_FOLDER, save_uploads

        self.add_answers()
        folder = self.work_folder() / "answers"
        result = save_uploads(files, folder, self.lang)
        # named as the folder `make kit TEAM=...` would read them from (notebook 08 uploads into it too)
        count = self.use_team(folder, DEFAULT_FOLDER[self.lang], uploaded=True)
        if result.notes:
            self.team_status.value += "".join(f"<p>{note}</p>" for note in result.notes)
        return count

    def use_team_folder(self) -> int:
        self.add_answers()
        text = self.team_path.value.strip()
        if not text:
            return self.use_team(None)
        path = _resolve(text)
        return self.use_team(path, _name(path))

    def use_team(self, folder: Path | None, name: str = "", *, uploaded: bool = False) -> int:
        """Read a folder of answer files as the team (for the current course); None: no team. Returns how many
        files loaded."""
        from samskabelse.answers import load_team
        from samskabelse.base.i18n import join_names

        self.add_answers()
        t = self.t
        if folder is None:
            self.team, self.team_name, self.team_count = None, "", 0
            self.team_status.value = f"<p>{t['team_none']}</p>"
            self._refresh_summary()
            return 0
        team, problems = load_team(folder, self.current())
        shown = user_text(name, 200)
        if team:
            self.team, self.team_name, self.team_count = folder, name, len(team)
            names = join_names([user_text(m.name, 60) for m in team], self.lang)
            said = t["team_uploaded"] if uploaded else t["team_ok"]
            lines = [f"<p>{said.format(n=len(team), name=shown, names=names)}</p>"]
        else:
            self.team, self.team_name, self.team_count = None, "", 0
            lines = [f"<p class='samskabelse-warning' role='alert'>{t['team_empty'].format(name=shown)}</p>"]
        if problems:
            lines.append(f"<p>{t['team_problems']}</p><ul>"
                         + "".join(f"<li>{user_text(p, 400)}</li>" for p in problems) + "</ul>")
        self.team_status.value = "".join(lines)
        self._refresh_summary()
        return self.team_count

    # -- step 3: the links ----------------------------------------------------------------------------------
    def make_links(self) -> Step:
        if "links" in self._steps:
            return self._steps["links"]
        widgets, t = self._widgets(), self.t
        style = {"description_width": "12em"}
        self.repo = named(widgets.Text(placeholder=t["repo_placeholder"], layout=widgets.Layout(width="34em"),
                                       style=style), t["repo"])
        self.hub = named(widgets.Text(placeholder=t["hub_placeholder"], layout=widgets.Layout(width="34em"),
                                      style=style), t["hub"])
        show = widgets.Button(description=t["show_links"], tooltip=t["show_links"],
                              layout=widgets.Layout(width="10em"))
        show.on_click(lambda _b: self.show_links())
        for field in (self.repo, self.hub):
            field.observe(lambda _c: self._refresh_summary(), names="value")
        self.links_status = self._status()
        step = Step(self._box("links", [self._style(), self.repo, self.hub, show, self.links_status]))
        self._steps["links"] = step
        return step

    def published(self, lang: str | None = None):
        """The links' Published (REPO, HUB), None without a REPO; LinkError when what is typed cannot make links."""
        from samskabelse.kit.links import published

        self.make_links()
        if not self.repo.value.strip():
            return None
        return published(self.repo.value, self.hub.value, lang=lang or self.lang)

    def show_links(self) -> str:
        """The links for the current course's language on screen, and links.md with both languages to download."""
        import mistune

        from samskabelse.kit.links import LinkError, course_files, links_markdown
        from samskabelse.widgets.download import download_link

        self.make_links()
        t = self.t
        try:
            where = self.published()
        except LinkError as exc:
            self.links_status.value = f"<p class='samskabelse-warning' role='alert'>{user_text(exc, 300)}</p>"
            return ""
        if where is None:
            self.links_status.value = f"<p class='samskabelse-warning' role='alert'>{t['no_repo']}</p>"
            return ""
        lang = self.current().language
        page = mistune.create_markdown(escape=True, plugins=["url"])(links_markdown(where, (lang,)))
        start = where.binder(course_files(lang)[0][0])
        both = links_markdown(where)
        link = f"<a href='{user_text(start, 400)}' target='_blank'>{user_text(start, 400)}</a>"
        summary = t["all_links"].format(hub=t["hub_part"] if where.hub else "")
        download = download_link(t["links_file"], both.encode("utf-8"), "text/markdown;charset=utf-8",
                                 t["download_links"])
        self.links_status.value = (f"<p><b>{t['start'].format(link=link)}</b></p>"
                                   f"<details><summary>{summary}</summary><div lang='{lang}'>{page}</div></details>"
                                   f"<p>{download}</p>")
        return both

    # -- step 4: the kit --------------------------------------------------------------------------------------
    def build_kit(self) -> Step:
        if "kit" in self._steps:
            return self._steps["kit"]
        widgets, t = self._widgets(), self.t
        self.summary = widgets.HTML()
        self.build_button = widgets.Button(description=t["build"], tooltip=t["build"], button_style="primary",
                                           icon="file-archive-o", layout=widgets.Layout(width="22em"))
        self.build_button.add_class("samskabelse-build-kit")
        self.build_button.on_click(lambda _b: self.build())
        self.kit_status = self._status()
        step = Step(self._box("kit", [self._style(), self.summary, self.build_button, self.kit_status]))
        self._steps["kit"] = step
        self._refresh_summary()
        return step

    def _refresh_summary(self) -> None:
        if "kit" not in self._steps:
            return
        t = self.t
        repo = self.repo.value.strip() if "links" in self._steps else ""
        hub = self.hub.value.strip() if "links" in self._steps else ""
        links = user_text(f"{repo} · {hub}" if repo and hub else repo, 200) or t["summary_none"]
        team = t["summary_team"].format(n=self.team_count) if self.team is not None else t["summary_none"]
        self.summary.value = "<p>" + t["summary"].format(course=user_text(self.current_name(), 200), team=team,
                                                         links=links) + "</p>"

    def build(self) -> bytes | None:
        """Build the kit into a temporary folder, zip it, and offer the zip as a download; None if it failed."""
        import time

        from samskabelse.kit import TEXT as KIT
        from samskabelse.kit import build_kit
        from samskabelse.kit.links import LinkError
        from samskabelse.widgets.download import download_link

        self.build_kit()
        t = self.t
        if self.refused:
            self.kit_status.value = f"<p class='samskabelse-warning' role='alert'>{t['refused']}</p>"
            return None
        course = self.current()
        started = time.perf_counter()
        self.build_button.disabled = True
        self.kit_status.value = f"<p role='status'>{t['building']}</p>"
        try:
            where = self.published(course.language) if "links" in self._steps else None
            name = _zip_stem(self.current_name(), course)
            top = t["zip"].format(name=name)
            with tempfile.TemporaryDirectory(prefix="samskabelse-kit-") as tmp:
                folder = Path(tmp) / top
                kit = build_kit(course, folder, links=where, team=self.team, course_name=self.current_name(),
                                team_name=self.team_name or None)
                data = zip_folder(folder, top)
                readme = kit.fork_readme.relative_to(folder).as_posix() if kit.fork_readme else ""
                contents = [(heading, len(files)) for heading, _about, files in kit.contents]
                count = len(kit.files)
                failures = list(kit.failures)  # a part that could not be made: named, with what to do
        except LinkError as exc:
            self.kit_status.value = f"<p class='samskabelse-warning' role='alert'>{user_text(exc, 300)}</p>"
            return None
        except Exception as exc:  # noqa: BLE001 - whatever fails, the facilitator gets a sentence, not a traceback
            error = f"{exc}" if isinstance(exc, (CourseError, OSError, ValueError)) else f"{type(exc).__name__}: {exc}"
            self.kit_status.value = (f"<p class='samskabelse-warning' role='alert'>"
                                     f"{t['failed'].format(error=user_text(error, 600))}</p>")
            return None
        finally:
            self.build_button.disabled = False
        self.zip_bytes, self.zip_name = data, f"{top}.zip"
        mb = _mb(len(data), self.lang)
        link = download_link(self.zip_name, data, "application/zip", t["download"].format(name=self.zip_name, mb=mb))
        lines = [f"<p>{t['built'].format(n=count, mb=mb, seconds=time.perf_counter() - started)}</p>",
                 f"<p>{link}</p>"]
        if failures:
            lines.insert(0, "<div class='samskabelse-warning' role='alert'><ul>"
                         + "".join(f"<li>{user_text(f, 600)}</li>" for f in failures) + "</ul></div>")
        if readme:
            lines.append(f"<p class='samskabelse-warning'>{t['adapted'].format(readme=f'{top}/{readme}')}</p>")
        listed = [f"<code>{user_text(KIT[course.language]['contents_file'], 60)}</code>"]
        listed += [f"{user_text(heading, 200)} ({n})" for heading, n in contents]
        lines.append(f"<p>{t['inside']}</p><ul lang='{course.language}'>"
                     + "".join(f"<li>{item}</li>" for item in listed) + "</ul>")
        self.kit_status.value = "".join(lines)
        return data


def _zip_stem(name: str, course: Course) -> str:
    """The zip's name: the course file's own name (mit-hold), or the language for the course's own file."""
    from samskabelse.base.files import slug

    if course.is_default:
        return course.language
    return slug(Path(name).stem, 60, course.language)


def facilitator_desk(course: Course) -> FacilitatorDesk:
    """Notebook 10: the facilitator's steps from a course file to the kit and the links, without a terminal."""
    return FacilitatorDesk(course)
