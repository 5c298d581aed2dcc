"""What the notebooks show as text: the course banner, the course map, labelled boxes, safe user text."""

from __future__ import annotations

import html
from pathlib import Path

from samskabelse.base.i18n import Texts
from samskabelse.course import Course, CourseError, load_course

BASIS_LABELS = Texts(
    da={
        "publication": "Fra publikationen",
        "lederweb": "Fra Lederwebs omtale af publikationen",
        "course": "Kursets arbejdsmodel",
        "invented": "Opdigtet træningscase",
    },
    en={
        "publication": "From the publication",
        "lederweb": "From Lederweb's coverage of the publication",
        "course": "The course's working model",
        "invented": "Invented training case",
    },
)

TEXT = Texts(
    da={
        "override": "Du bruger kursusfilen <code>{path}</code> i stedet for kursets egen.",
        "map_number": "Nr.", "map_title": "Notebook", "map_covers": "Del af publikationen",
        "map_minutes": "Minutter", "map_total": "I alt",
        "empty": "(tom)",
        "saved_files": "Gemt:",
    },
    en={
        "override": "You are using the course file <code>{path}</code> instead of the course's own.",
        "map_number": "No.", "map_title": "Notebook", "map_covers": "Part of the publication",
        "map_minutes": "Minutes", "map_total": "Total",
        "empty": "(empty)",
        "saved_files": "Saved:",
    },
)


class HTMLText:
    """HTML that Jupyter displays and tests can read back as text."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


class SavedFiles(tuple):
    """The paths of files just written. A tuple (so `pdf, md = files` works), shown as a list of links with the
    folder they are in – never as a tuple of PosixPath, which means nothing to a participant."""

    def __new__(cls, paths, lang: str = "da"):
        files = super().__new__(cls, (Path(p) for p in paths))
        files.lang = lang
        return files

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except (ValueError, OSError):
            return str(path)

    def _repr_html_(self) -> str:
        items = "".join(f"<li><a href='{html.escape(self._relative(p), quote=True)}' download target='_blank'>"
                        f"{html.escape(p.name)}</a> <small>({html.escape(self._relative(p.parent))})</small></li>"
                        for p in self)
        return f"<p>{TEXT[self.lang]['saved_files']}</p><ul class='samskabelse-files'>{items}</ul>"

    def __repr__(self) -> str:
        return f"{TEXT[self.lang]['saved_files']} " + ", ".join(self._relative(p) for p in self)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


def own_words(text: object, max_chars: int) -> str:
    """Free text a manager writes (a motivation, own next steps), as the model keeps it: plain text, spaces
    collapsed within each line, empty lines dropped, at most max_chars (shortened with "…"). Escape it before HTML."""
    lines = [" ".join(line.split()) for line in str(text if text is not None else "").splitlines()]
    value = "\n".join(line for line in lines if line)
    if len(value) > max_chars:
        value = value[: max_chars - 1].rstrip() + "…"
    return value


def plain_text(text: object, max_chars: int = 120, empty: str = "") -> str:
    """Text someone typed, as one line: spaces collapsed, shortened with "…". Not escaped: escape it for HTML."""
    value = " ".join(str(text if text is not None else "").split())
    if not value:
        return empty
    if len(value) > max_chars:
        value = value[: max_chars - 1].rstrip() + "…"
    return value


def user_text(text: object, max_chars: int = 120, empty: str = "") -> str:
    """Text someone typed, made safe to put into HTML: trimmed, shortened, escaped."""
    return html.escape(plain_text(text, max_chars, empty), quote=True)


def _show_course_error(shell, etype, value, tb, tb_offset=None):
    """Show a CourseError as its message, not as a traceback: the message already says what to do."""
    from IPython.display import display

    display(value)  # CourseError._repr_html_
    return None


def open_course(lang: str, path: str | None = None) -> Course:
    """The first call of every notebook: load the course, set up the figures' look, say which file is used."""
    from IPython import get_ipython
    from IPython.display import display

    from samskabelse.widgets.access import page_support
    from samskabelse.widgets.figures import use_course_style

    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((CourseError,), _show_course_error)
    course = load_course(lang, path)
    use_course_style()
    display(page_support())  # the page script that names the widgets' controls for screen readers (access.py)
    if not course.is_default:
        note = TEXT[lang]["override"].format(path=user_text(course.path, 300))
        display(HTMLText(f'<p class="samskabelse-override">{note}</p>'))
    return course


def course_map(course: Course) -> HTMLText:
    """The course's notebooks, what part of the publication each covers, and the time each takes."""
    t = TEXT[course.language]
    rows = "".join(
        f"<tr><td>{html.escape(m.number)}</td><td style='text-align:left'>{html.escape(m.title)}</td>"
        f"<td style='text-align:left'>{html.escape(m.covers)}</td><td style='text-align:right'>{m.minutes}</td></tr>"
        for m in course.modules
    )
    total = sum(m.minutes for m in course.modules)
    return HTMLText(
        f"<table class='samskabelse-map'><thead><tr><th>{t['map_number']}</th>"
        f"<th style='text-align:left'>{t['map_title']}</th><th style='text-align:left'>{t['map_covers']}</th>"
        f"<th style='text-align:right'>{t['map_minutes']}</th></tr></thead><tbody>{rows}"
        f"<tr><td></td><td><b>{t['map_total']}</b></td><td></td><td style='text-align:right'><b>{total}</b></td></tr>"
        f"</tbody></table>"
    )


def basis_label(basis: str, lang: str) -> str:
    return BASIS_LABELS[lang][basis]


def publication_card(course: Course) -> HTMLText:
    """Title, publisher, year and where to get the publication, from the course file."""
    p = course.publication
    return HTMLText(
        f"<p><b><i>{html.escape(p.title)}</i></b><br>{html.escape(p.publisher)}, {p.year}.<br>"
        f"{html.escape(p.where)} <a href='{html.escape(p.url, quote=True)}' target='_blank'>"
        f"{html.escape(p.url)}</a></p>"
    )
