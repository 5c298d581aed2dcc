"""The "save your answers" box at the end of notebooks 01-06: a name, a Save button and what happened.

    save_box(course, gains)                 # gains: a notebook's widget (its .model) or a model

The answers go to answers/<name>.json in the notebook's working directory (or to the folder named by the
environment variable SAMSKABELSE_ANSWERS; on a JupyterHub, but not on Binder, the file is named after the hub
user and the name typed is only shown); each notebook adds its own section to the same file, and the
previous version is kept as <file>.bak (see answers.py for whose file it is, the lock and the backup). The
name field offers only the name this participant last saved with, never one found in the folder. When the name
typed is already another participant's in the folder, the box asks for an initial or surname first and saves under
"Mette J." (answers.name_taken, name_options), so that the plan and the team's overview can tell them apart. On
Binder, where files vanish with the session, the box says so and offers the file as a download after every save.

Continue where you left off: "Hent mine gemte svar" brings the participant's own saved answers (the file saving
would write: answers.own_answers_file) back into the notebook's widgets, through each section widget's
show_answers(model) (sections/protocol.py's screens); on a JupyterHub it does so by itself when the page opens. In
the app, the box says that a reload clears what is not saved, and carries the class samskabelse-unsaved while
something changed since the last save, so that the page asks before it is left (the app's template does).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from samskabelse.answers import (
    BINDER_ENV_VARS,
    SaveError,
    answers_folder,
    answers_path,
    current_owner,
    hub_user,
    name_options,
    name_taken,
    on_binder,
    read_answers_file,
    remembered_name,
    save_answers,
)
from samskabelse.base.i18n import Texts, join_names
from samskabelse.course import Course
from samskabelse.sections.protocol import answered_changed, confirm, items_on_screen, screens, shown_items
from samskabelse.widgets.access import mark_widget
from samskabelse.widgets.display import user_text
from samskabelse.widgets.download import download_link

MAX_LISTED = 8  # unanswered items named after a save; the rest are counted
UNSAVED = "samskabelse-unsaved"  # while something changed since the last save (the app then asks before leaving)

__all__ = ["BINDER_ENV_VARS", "SaveBox", "answers_link", "last_name", "on_binder", "save_box"]


TEXT = Texts(
    da={
        "name": "Dit navn",
        "placeholder": "fx Anna eller et kaldenavn",
        "save": "Gem mine svar",
        "where": "Svarene fra denne notebook ({sections}) gemmes i én fil pr. person, så du kan bruge dem i din "
        "plan (07) og på holdet.<span class='samskabelse-lab-only'> Filen ligger i <code>{folder}/</code> i samme "
        "mappe som notebooken.</span> Gem igen, når du har ændret noget.",
        "reload": "Genindlæser eller lukker du siden, forsvinder det, du ikke har gemt.",
        "restore": "Hent mine gemte svar",
        "restored": "Dine svar fra {when} er hentet ind: {sections}. Ændrer du noget, så gem igen.",
        "restored_auto": "Dine gemte svar fra {when} er hentet ind: {sections}.",
        "restore_missing": "Svarene til {sections} kan denne side ikke hente ind endnu; de er bevaret i filen.",
        "restore_none": "Du har ingen gemte svar under navnet {name} endnu.",
        "restore_empty": "Din fil har endnu ingen svar fra denne notebook.",
        "restore_no_name": "Skriv det navn, du gemte med, i feltet, og tryk så på knappen igen.",
        "restore_failed": "Dine gemte svar kunne ikke hentes ind: {error}",
        "saved_as": "Gemt under navnet {name}.",
        "at": "{day}.{month}.{year} kl. {hour:02d}.{minute:02d}",
        "binder": "<b>Du kører på Binder: sessionen er midlertidig.</b> Filerne forsvinder, når du lukker fanen, "
        "eller når sessionen har stået stille et stykke tid. Download filen, hver gang du har gemt.",
        "hub": "På kursets JupyterHub er filen din egen (den er opkaldt efter dit brugernavn<span "
        "class='samskabelse-lab-only'>: <code>{file}</code></span>); navnet, du skriver, er det, holdet ser.",
        "download": "Download {file}",
        "no_name": "Skriv dit navn (eller et kaldenavn) i feltet, og tryk så på knappen igen.",
        "failed": "Svarene kunne ikke gemmes: {error}",
        "kept": "Intet er gået tabt: download dine svar her:",
        "also": "Filen indeholder nu: {sections}.",
        "unanswered": "Ikke besvaret endnu i denne notebook ({n}): {items}. Det tæller som »ikke besvaret« i din "
        "plan og i holdets oversigt, til du svarer og gemmer igen.",
        "all_answered": "Alt, hvad denne notebook spørger om, er besvaret.",
        "taken": "Der er allerede en anden deltager, der hedder {name}, i mappen <code>{folder}</code>. Skriv dit "
        "forbogstav eller efternavn i feltet herunder, så I kan kendes fra hinanden på planen og i holdets oversigt, "
        "og tryk på knappen igen. Dine svar er ikke gemt endnu.",
        "all_taken": "Også {names} er taget af andre deltagere. Skriv noget andet, der kendetegner dig, fx dit "
        "mellemnavn eller din afdeling. Dine svar er ikke gemt endnu.",
        "addition": "Forbogstav eller efternavn",
        "addition_placeholder": "fx H eller Hansen",
        "save_as": "Gem som {name}",
        "same_name_hint": "Hedder en anden på holdet det samme som dig, så skriv også dit efternavns forbogstav "
        "(fx »Mette H.«), så holdets oversigt kan kende jer fra hinanden.",
    },
    en={
        "name": "Your name",
        "placeholder": "e.g. Anna, or a nickname",
        "save": "Save my answers",
        "where": "The answers from this notebook ({sections}) are saved in one file per person, so that you can use "
        "them in your plan (07) and in the team.<span class='samskabelse-lab-only'> The file is in "
        "<code>{folder}/</code> in the notebook's folder.</span> Save again after you change something.",
        "reload": "If you reload or close the page, what you have not saved is gone.",
        "restore": "Bring back my saved answers",
        "restored": "Your answers from {when} are back: {sections}. If you change anything, save again.",
        "restored_auto": "Your saved answers from {when} are back: {sections}.",
        "restore_missing": "This page cannot bring back the answers for {sections} yet; they are kept in the file.",
        "restore_none": "You have no saved answers under the name {name} yet.",
        "restore_empty": "Your file holds no answers from this notebook yet.",
        "restore_no_name": "Write the name you saved with in the field, then press the button again.",
        "restore_failed": "Your saved answers could not be brought back: {error}",
        "saved_as": "Saved under the name {name}.",
        "at": "{year}-{month:02d}-{day:02d} at {hour:02d}:{minute:02d}",
        "binder": "<b>You are on Binder: the session is temporary.</b> The files vanish when you close the tab or "
        "when the session has been idle for a while. Download the file after every save.",
        "hub": "On the course's JupyterHub the file is your own (it is named after your user name<span "
        "class='samskabelse-lab-only'>: <code>{file}</code></span>); the name you type is the one the team sees.",
        "download": "Download {file}",
        "no_name": "Write your name (or a nickname) in the field, then press the button again.",
        "failed": "The answers could not be saved: {error}",
        "kept": "Nothing is lost: download your answers here:",
        "also": "The file now holds: {sections}.",
        "unanswered": "Not answered yet in this notebook ({n}): {items}. They count as “not answered” in your plan "
        "and in the team's overview until you answer them and save again.",
        "all_answered": "Everything this notebook asks is answered.",
        "taken": "Another participant called {name} has already saved in the folder <code>{folder}</code>. Type your "
        "initial or surname in the field below, so that the plan and the team's overview can tell you apart, and "
        "press the button again. Your answers are not saved yet.",
        "all_taken": "{names} are taken by other participants too. Type something else that tells you apart, e.g. "
        "your middle name or your department. Your answers are not saved yet.",
        "addition": "Initial or surname",
        "addition_placeholder": "e.g. H or Hansen",
        "save_as": "Save as {name}",
        "same_name_hint": "If someone else on the team has your name, add the initial of your surname (e.g. "
        "“Mette H.”), so that the team's overview can tell you apart.",
    },
)


QUOTE = {"da": "»{}«", "en": "“{}”"}


def quoted(name: str, lang: str) -> str:
    """A name as a sentence quotes it: »Mette H.« / “Mette H.” (plain text)."""
    return QUOTE[lang].format(name)


def section_label(name: str, lang: str) -> str:
    """How the box names a section: "gevinster (02)"; a section this version does not know, by its key."""
    from samskabelse.sections import NAMES, section

    return section(name).label(lang) if name in NAMES else name


def answers_link(payload: dict, file_name: str, label: str) -> str:
    """A link that downloads the answers from the page itself (works even when the disk does not)."""
    data = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return download_link(file_name, data, "application/json;charset=utf-8", label)


def _model(thing: Any) -> Any:
    model = getattr(thing, "model", thing)
    if not isinstance(getattr(model, "SECTION", None), str) or not hasattr(model, "to_dict"):
        raise TypeError(f"save_box: {type(thing).__name__} is neither a course widget with .model nor a model")
    return model


def last_name(folder: Path | None = None) -> str:
    """The name this participant saved with last, to pre-fill the box; never another person's.

    On a JupyterHub: the name in the hub user's own answers file (or the name they last saved with).
    Elsewhere: the name kept in the participant's own configuration folder (answers.remembered_name), never
    the newest file of a shared answers folder, which may be anyone's.
    """
    name = remembered_name()
    if name or folder is None or not hub_user():
        return name
    path = answers_path("", folder)
    try:
        data = read_answers_file(path)
    except Exception:  # no file yet, or one that cannot be read: no suggestion
        return ""
    return data["name"] if data.get("owner") == current_owner() else ""


class SaveBox:
    """Name field, Save button and a status line; saving merges this notebook's sections into the person's file."""

    def __init__(self, course: Course, *things: Any, folder: str | Path | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = TEXT[course.language]
        self.models = [_model(x) for x in things]
        self.folder = answers_folder(folder)
        self.binder = on_binder()
        self.result = None  # the last SaveResult
        sections = ", ".join(section_label(m.SECTION, self.course.language) for m in self.models) or "-"
        self.name = widgets.Text(value=last_name(self.folder), description=self.t["name"],
                                 placeholder=self.t["placeholder"], style={"description_width": "initial"},
                                 layout=widgets.Layout(width="24em"))
        self.button = widgets.Button(description=self.t["save"], icon="save", button_style="primary",
                                     layout=widgets.Layout(width="auto"))
        self.button.on_click(lambda _b: self.save())
        # asked only when the name is taken by another participant in the folder (name_taken)
        self.addition = widgets.Text(value="", description=self.t["addition"],
                                     placeholder=self.t["addition_placeholder"], style={"description_width": "initial"},
                                     layout=widgets.Layout(width="24em", display="none"))
        self.addition.observe(lambda _c: self._button_text(), names="value")
        self.name.observe(lambda _c: self._button_text(), names="value")
        intro = self.t["where"].format(sections=user_text(sections, 200), folder=user_text(self.folder, 200))
        if hub_user():
            intro += "<br>" + self.t["hub"].format(file=user_text(answers_path("", self.folder).name, 100))
        if self.binder:
            intro += f"<br>{self.t['binder']}"
        if self.binder or hub_user():  # nobody else's files to compare with here: say it once
            intro += f"<br>{self.t['same_name_hint']}"
        self.intro = widgets.HTML(f"<p>{intro}</p>")
        self.status = widgets.HTML("")
        self.status.add_class("samskabelse-result")
        # "Hent mine gemte svar": shown when a widget of this notebook can show saved answers (show_answers)
        self.restore_button = widgets.Button(description=self.t["restore"], icon="history",
                                             layout=widgets.Layout(width="auto"))
        self.restore_button.on_click(lambda _b: self.restore())
        if not self.restorable():
            self.restore_button.layout.display = "none"
        self.reload = widgets.HTML(f"<p class='samskabelse-app-only' hidden>{self.t['reload']}</p>")
        self.box = widgets.VBox([self.intro, widgets.HBox([self.name, self.button, self.restore_button]),
                                 self.addition, self.status, self.reload])
        mark_widget(self.box, course.language, "samskabelse-save")
        # the page asks before it is left while something changed since the last save (access.py's page script)
        self._saved_state = self._state()
        for control in self._controls():
            control.observe(lambda _c: self._mark(), names="value")
        if hub_user() and self.restorable():  # on a hub the file is the participant's own: bring it back at once
            self.restore(automatic=True)

    @property
    def asking(self) -> bool:
        """The name was taken: the box asks for an initial or surname before it saves."""
        return self.addition.layout.display != "none"

    def _options(self) -> list[str]:
        return name_options(self.name.value, self.addition.value) if self.asking else []

    def _button_text(self) -> None:
        options = self._options()
        self.button.description = (self.t["save_as"].format(name=quoted(options[0], self.course.language))
                                   if options else self.t["save"])

    def _ask(self, message: str) -> None:
        self.addition.layout.display = None
        self.status.value = f"<p class='samskabelse-warning' role='alert'>{message}</p>"
        self._button_text()
        self.addition.focus()

    def save(self) -> None:
        """Save under the typed name; when another participant in the folder has it, first ask for an initial or
        surname (name_taken, name_options), and save under the name that makes (»Mette H.«)."""
        t, lang = self.t, self.course.language
        name = " ".join(self.name.value.split())
        if not name:
            self.status.value = f'<p class="samskabelse-warning">{t["no_name"]}</p>'
            return
        options = self._options()
        if options:
            free = [o for o in options if not name_taken(self.folder, o)]
            if not free:
                names = join_names([quoted(o, lang) for o in options], lang)
                self._ask(t["all_taken"].format(names=user_text(names, 300)))
                return
            name = free[0]
        elif name_taken(self.folder, name):
            self._ask(t["taken"].format(name=user_text(quoted(name, lang), 140), folder=user_text(self.folder, 200)))
            return
        self._save(name)
        if self.result is not None and self.asking:  # saved under the new name: the field shows it from now on
            self.addition.layout.display = "none"
            self.addition.value = ""
            self.name.value = name

    def _save(self, name: str) -> None:
        t = self.t
        self.result = None
        # what the notebook showed with a value is what the participant answered; when that changes anything, every
        # widget of the page says it again (also one that reads another section: workbook 1's demands, the type)
        if [m for m in self.models if confirm(m, shown_items(m))]:
            for m in self.models:
                answered_changed(m)
        sections = {m.SECTION: m for m in self.models}
        try:
            self.result = save_answers(answers_path(name, self.folder), name, self.course, sections)
        except SaveError as exc:
            link = answers_link(exc.payload, exc.path.name, t["download"].format(file=exc.path.name))
            self.status.value = (f'<p class="samskabelse-warning">{t["failed"].format(error=user_text(exc, 600))}'
                                 f'<br>{t["kept"]} {link}</p>')
            return
        except (ValueError, TypeError) as exc:  # a model that cannot be saved: say which, keep the notebook running
            self.status.value = f'<p class="samskabelse-warning">{t["failed"].format(error=user_text(exc, 600))}</p>'
            return
        self._saved_state = self._state()
        self._mark()
        result = self.result
        # where the file is (and its backup) only where files are seen: in JupyterLab, not in the app
        where = [user_text(m, 600) for m in result.messages[:1] + result.messages[len(result.messages) - (
            1 if result.backup is not None else 0):]]
        told = result.messages[1:len(result.messages) - (1 if result.backup is not None else 0)]
        lines = [t["saved_as"].format(name=user_text(quoted(result.payload["name"], self.course.language), 140))
                 + "<span class='samskabelse-lab-only'> " + " ".join(where) + "</span>",
                 *(user_text(m, 600) for m in told)]
        held = ", ".join(section_label(s, self.course.language) for s in result.payload["answers"])
        lines.append(t["also"].format(sections=user_text(held, 300)))
        if unanswered := self._unanswered():
            lines.append(unanswered)
        if self.binder or result.redirected:
            lines.append(answers_link(result.payload, result.path.name, t["download"].format(file=result.path.name)))
        css = "samskabelse-warning" if result.redirected else "samskabelse-saved"
        self.status.value = f'<p class="{css}">' + "<br>".join(lines) + "</p>"

    # -- continue where you left off (issue 24) -------------------------------------------------------------
    def _screens(self, model: Any) -> list[Any]:
        """The widgets on screen for a model that can show saved answers (a section widget's show_answers)."""
        return [w for w in screens(model) if callable(getattr(w, "show_answers", None))]

    def restorable(self) -> bool:
        return any(self._screens(m) for m in self.models)

    def restore(self, *, automatic: bool = False) -> bool:
        """Bring this participant's saved answers back into the notebook's widgets: their own file only (the one
        saving under the name in the field would write; on a hub, the hub user's), each section through its
        widgets' show_answers. Returns whether anything was brought back."""
        from samskabelse.answers import AnswersFileError, load_answers, own_answers_file

        t, lang = self.t, self.course.language
        name = " ".join(self.name.value.split()) or remembered_name()

        def say(text: str, css: str = "samskabelse-warning") -> bool:
            if not automatic:
                self.status.value = f"<p class='{css}'>{text}</p>"
            return False

        if not name and not hub_user():
            return say(t["restore_no_name"])
        path = own_answers_file(name, self.folder)
        if path is None:
            return say(t["restore_none"].format(name=user_text(quoted(name, lang), 140)))
        try:
            loaded = load_answers(path, self.course)
        except AnswersFileError as exc:
            return say(t["restore_failed"].format(error=user_text(exc, 600)))
        brought, missing = [], []
        for m in self.models:
            saved = loaded.models.get(m.SECTION)
            if saved is None or type(saved) is not type(m):
                continue
            shown = self._screens(m)
            if not shown:
                missing.append(m.SECTION)
                continue
            try:
                for widget in shown:
                    widget.show_answers(saved)
            except Exception as exc:  # one section that cannot be shown must not stop the others
                return say(t["restore_failed"].format(error=user_text(f"{m.SECTION}: {exc}", 600)))
            brought.append(m.SECTION)
        if not brought:
            return say(t["restore_empty"] if not missing else t["restore_missing"].format(
                sections=user_text(", ".join(section_label(s, lang) for s in missing), 300)))
        if not self.name.value.strip():
            self.name.value = loaded.name
        self._saved_state = self._state()
        self._mark()
        labels = ", ".join(section_label(s, lang) for s in brought)
        lines = [t["restored_auto" if automatic else "restored"].format(
            when=self._when(loaded.saved), sections=user_text(labels, 300))]
        if missing:
            lines.append(t["restore_missing"].format(
                sections=user_text(", ".join(section_label(s, lang) for s in missing), 300)))
        lines += loaded.notes  # HTML-safe already
        self.status.value = "<p class='samskabelse-saved'>" + "<br>".join(lines) + "</p>"
        return True

    def _when(self, saved: str) -> str:
        """When a file was saved, in the participant's words and the kernel's time zone: 12.3.2027 kl. 14.05."""
        from datetime import datetime

        try:
            at = datetime.fromisoformat(saved).astimezone()
        except ValueError:
            return user_text(saved, 40)
        return self.t["at"].format(day=at.day, month=at.month, year=at.year, hour=at.hour, minute=at.minute)

    def _controls(self) -> list[Any]:
        """Every control on screen that gives one of this notebook's answers (the widgets' controls())."""
        out = []
        for m in self.models:
            for w in screens(m):
                items = getattr(w, "controls", None)
                for control in (items() if callable(items) else {}).values():
                    out += list(control) if isinstance(control, (list, tuple)) else [control]
        return [c for c in out if hasattr(c, "observe")]

    def _state(self) -> str:
        return json.dumps([m.to_dict() for m in self.models], sort_keys=True, default=str)

    @property
    def unsaved(self) -> bool:
        """Has something changed since the answers were last saved or brought back (or since the page opened)?"""
        return self._state() != self._saved_state

    def _mark(self) -> None:
        """The box's class says whether there is something unsaved: the page asks before it is left then."""
        if self.unsaved:
            self.box.add_class(UNSAVED)
        else:
            self.box.remove_class(UNSAVED)

    def unanswered(self) -> list[str]:
        """The items this notebook's widgets ask that are still not answered (labels, plain text)."""
        from samskabelse.sections import NAMES, section

        return [label for m in self.models if m.SECTION in NAMES
                for label in section(m.SECTION).unanswered(m, self.course)]

    def _unanswered(self) -> str:
        items = self.unanswered()
        if not items:
            return self.t["all_answered"] if any(items_on_screen(m) for m in self.models) else ""
        shown = join_names(items[:MAX_LISTED] + ([f"+{len(items) - MAX_LISTED}"] if len(items) > MAX_LISTED else []),
                           self.course.language)
        return self.t["unanswered"].format(n=len(items), items=user_text(shown, 600))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def save_box(course: Course, *things: Any, folder: str | Path | None = None) -> SaveBox:
    """The box that saves this notebook's answers (give it the notebook's widget or widgets)."""
    return SaveBox(course, *things, folder=folder)
