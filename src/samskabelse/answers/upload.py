"""Collecting answers without a shared folder: the facilitator uploads the files participants downloaded.

    box = UploadAnswers(course, folder_of=lambda: Path("holdet"), on_saved=team.load)   # notebook 08, 02

On Binder or a laptop there is no folder everyone writes to, so participants download their answers file
from the save box and hand it over; the facilitator uploads them here (ipywidgets' FileUpload). Each upload
is written into the team's folder and the folder is then read by the one loader every view uses
(answers.load_team), so a file that cannot be used gets exactly the note a file on disk gets.

Writing never replaces a file: a file already there with the same bytes is left as it is; a different file of
the same name is written beside it (anna-2.json), and the status says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from samskabelse.answers import FILE_MODE
from samskabelse.base.files import create_exclusively, slug
from samskabelse.base.i18n import Texts, format_number
from samskabelse.course import Course
from samskabelse.widgets.access import mark_widget
from samskabelse.widgets.display import user_text

MAX_BYTES = 5 * 1024 * 1024  # an answers file is a few kB; more is not one
DEFAULT_FOLDER = {"da": "holdet", "en": "team"}

TEXT = Texts(
    da={
        "upload": "Upload svarfiler",
        "help": "Uploadede svarfiler (.json, gerne flere ad gangen) lægges i mappen {folder}.",
        "saved": "Lagt i {folder}: {names}.",
        "same": "{name} lå der allerede (samme indhold).",
        "renamed": "{name} fandtes allerede med et andet indhold; den uploadede fil er lagt ved siden af som {new}.",
        "not_json": "{name} er ikke en svarfil fra kurset (den skal ende på .json) og er ikke lagt i mappen.",
        "too_big": "{name} fylder {mb} MB; en svarfil fylder nogle få kB. Den er ikke lagt i mappen.",
        "failed": "Filerne kunne ikke lægges i {folder}: {error}. Vælg en anden mappe i feltet ovenfor.",
    },
    en={
        "upload": "Upload answer files",
        "help": "Uploaded answer files (.json, several at once if you like) go into the folder {folder}.",
        "saved": "Put in {folder}: {names}.",
        "same": "{name} was already there (same content).",
        "renamed": "{name} already existed with other content; the uploaded file was put beside it as {new}.",
        "not_json": "{name} is not an answers file of the course (it must end in .json) and was not put in the folder.",
        "too_big": "{name} is {mb} MB; an answers file is a few kB. It was not put in the folder.",
        "failed": "The files could not be put in {folder}: {error}. Choose another folder in the field above.",
    },
)


@dataclass
class UploadResult:
    saved: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # HTML-safe (names escaped), in the course's language


def safe_name(name: str) -> str:
    """An uploaded file's name made safe for any file system (base.files.slug): no folders, .json."""
    base = Path(str(name).replace("\\", "/")).name
    return f"{slug(base[:-5] if base.lower().endswith('.json') else base, 80, 'svar')}.json"


def _free_name(folder: Path, name: str) -> Path:
    stem = name[:-5]
    for n in range(2, 1000):
        candidate = folder / f"{stem}-{n}.json"
        if not candidate.exists():
            return candidate
    raise OSError(f"no free name for {name} in {folder}")


def save_uploads(files: list[tuple[str, bytes]], folder: str | Path, lang: str) -> UploadResult:
    """Put the uploaded (name, content) pairs into `folder` as answers files; returns what happened."""
    t = TEXT[lang]
    folder = Path(folder)
    out = UploadResult()
    folder.mkdir(parents=True, exist_ok=True)
    for raw_name, content in files:
        shown = user_text(raw_name, 80, "?")
        if not str(raw_name).lower().endswith(".json"):
            out.notes.append(t["not_json"].format(name=shown))
            continue
        if len(content) > MAX_BYTES:
            out.notes.append(t["too_big"].format(name=shown, mb=format_number(len(content) / 1024 / 1024, lang, 1)))
            continue
        target = folder / safe_name(raw_name)
        for _ in range(5):  # someone else may take the name between the check and the link
            if target.exists():
                if target.read_bytes() == content:
                    out.notes.append(t["same"].format(name=user_text(target.name, 80)))
                    break
                new = _free_name(folder, target.name)
                out.notes.append(t["renamed"].format(name=user_text(target.name, 80), new=user_text(new.name, 80)))
                target = new
            try:
                create_exclusively(target, content, FILE_MODE)
                out.saved.append(target)
                break
            except FileExistsError:
                continue
    return out


class UploadAnswers:
    """A FileUpload for answer files, the folder they go to, and what happened; calls on_saved(folder) after."""

    def __init__(self, course: Course, folder_of: Callable[[], Path], on_saved: Callable[[Path], None]):
        import ipywidgets as widgets

        self.course = course
        self.t = TEXT[course.language]
        self.folder_of = folder_of
        self.on_saved = on_saved
        self.upload = widgets.FileUpload(accept=".json,application/json", multiple=True,
                                         description=self.t["upload"], layout=widgets.Layout(width="16em"))
        self.upload.tooltip = self.t["upload"]
        self.upload.observe(self._uploaded, names="value")
        self.help = widgets.HTML()
        self.status = widgets.HTML()
        self.status.add_class("samskabelse-result")
        self.box = widgets.VBox([self.help, self.upload, self.status])
        mark_widget(self.box, course.language, "samskabelse-upload")
        self.refresh_help()
        self.last: UploadResult | None = None

    def refresh_help(self) -> None:
        self.help.value = f"<p>{self.t['help'].format(folder=f'<code>{user_text(self.folder_of(), 200)}</code>')}</p>"

    def _uploaded(self, change) -> None:
        files = [(f["name"], bytes(f["content"])) for f in change["new"] or ()]
        if files:
            self.receive(files)

    def receive(self, files: list[tuple[str, bytes]]) -> UploadResult:
        folder = self.folder_of()
        try:
            result = save_uploads(files, folder, self.course.language)
        except OSError as exc:
            self.status.value = ("<p class='samskabelse-warning'>" + self.t["failed"].format(
                folder=f"<code>{user_text(folder, 200)}</code>", error=user_text(exc, 200)) + "</p>")
            return UploadResult(notes=[str(exc)])
        self.last = result
        lines = []
        if result.saved:
            lines.append(self.t["saved"].format(folder=f"<code>{user_text(folder, 200)}</code>",
                                                names=", ".join(user_text(p.name, 80) for p in result.saved)))
        lines += result.notes
        self.status.value = "".join(f"<p>{line}</p>" for line in lines)
        self.on_saved(folder)
        return result

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def upload_folder(view, lang: str) -> Path:
    """Where uploads go for a team view: the folder in its field, unless that is the invented example team (or
    empty), then holdet/ (team/) beside the notebook."""
    from samskabelse.answers import is_example_team
    from samskabelse.answers.team import resolve_folder

    text = view.folder.value.strip()
    if not text:
        return Path(DEFAULT_FOLDER[lang])
    path = resolve_folder(text)
    try:
        if is_example_team(path):
            return Path(DEFAULT_FOLDER[lang])
    except OSError:
        pass
    return path


def upload_answers(view) -> UploadAnswers:
    """An upload box for a team view (notebook 08's team_answers, notebook 02's compare_team): the files go into
    the view's folder (see upload_folder), the field shows that folder, and the view loads it again."""
    lang = view.course.language

    def reload(folder: Path) -> None:
        view.folder.value = str(folder)
        view.load()

    box = UploadAnswers(view.course, folder_of=lambda: upload_folder(view, lang), on_saved=reload)
    view.folder.observe(lambda _c: box.refresh_help(), names="value")
    return box
