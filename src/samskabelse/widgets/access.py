"""What every widget needs to be usable with a screen reader, a keyboard and a projector, built once.

ipywidgets 8 ties a control's `description` to its input with <label for> (text fields, drop-downs, number
fields, check boxes), and that is used first: every control gets a description (`named`), shown as its label or,
where the visible label is elsewhere (a column heading and a row name), kept for assistive technology only
(`shown=False`: visually hidden, the visible words included, so that voice control finds it).

What ipywidgets 8 cannot do (jupyter-widgets/ipywidgets#2650: no ARIA attributes), a small script does, in the
page: `page_support()` is displayed once by `open_course` (the first cell of every notebook) and keeps doing it
for widgets shown later. It
- names every slider's handle (role="slider") by its own label (aria-labelledby), and takes the editable number
  beside it out of the Tab order (the handle is the one Tab stop; the arrow keys change the value);
- says a slider's value in the words its position shows (aria-valuetext = the readout's text, "Helt: Den
  offentlige organisation", "– ikke vurderet –"), where ipywidgets' SelectionSlider says the position's index;
- tells whether a toggle button is pressed (aria-pressed) and names a row of toggle buttons as a group;
- gives every live figure (img.samskabelse-figure) its text alternative (alt) from the figure's description,
  which the kernel updates with the figure (figures.LiveFigure.describe);
- sets the language (lang="da") on the course's widgets, so that a screen reader in an English JupyterLab reads
  them with a Danish voice;
- shows words meant for one mode only (class samskabelse-app-only, hidden in JupyterLab; samskabelse-lab-only,
  hidden in the app), and drops the file count Voilà's upload button adds ("Upload svarfiler (0)");
- adds the course's styles: helper text at the body size, tables left-aligned and wrapping between words (never
  inside one), links that look like links, and a focus ring of 3 px in the course's blue (5:1 against white) on
  every control, where ipywidgets gives text fields, drop-downs and buttons a 1 px light-blue border.
It needs no JupyterLab extension: JupyterLab and Voilà run a notebook's JavaScript output when the notebook's
outputs are trusted, which they are when the cells were run in this session.
"""

from __future__ import annotations

import html

from samskabelse.base.i18n import Texts

TEXT = Texts(
    da={"show_table": "Vis tallene bag figuren som tabel", "figure": "Figur"},
    en={"show_table": "Show the numbers behind the figure as a table", "figure": "Figure"},
)

HIDDEN_LABEL = "samskabelse-label-hidden"  # on a control whose label is for assistive technology only

STYLE = r"""
.samskabelse-label-hidden > .widget-label, .samskabelse-label-hidden > label.widget-label,
.samskabelse-sr-only {
  position: absolute !important; width: 1px !important; height: 1px !important; padding: 0 !important;
  margin: -1px !important; overflow: hidden !important; clip: rect(0 0 0 0) !important;
  white-space: nowrap !important; border: 0 !important;
}
.samskabelse-widget { font-size: var(--jp-content-font-size1, 14px); }
.samskabelse-widget .widget-html-content, .samskabelse-widget .widget-label, .samskabelse-widget label,
.samskabelse-widget .widget-readout, .samskabelse-widget select, .samskabelse-widget input,
.samskabelse-widget button { font-size: var(--jp-content-font-size1, 14px); }
.samskabelse-widget .widget-html-content { line-height: 1.45; }
.samskabelse-widget textarea {
  font-family: var(--jp-content-font-family, inherit); font-size: var(--jp-content-font-size1, 14px); line-height: 1.4;
}
.samskabelse-widget small, [class^="samskabelse-"] small, [class*=" samskabelse-"] small {
  font-size: 100%; color: var(--jp-content-font-color2, #444);
}
.samskabelse-widget .widget-html, .samskabelse-widget .widget-html-content { height: auto; }
.samskabelse-widget table, table[class*="samskabelse-"] {
  border-collapse: collapse; table-layout: auto; max-width: 100%; margin: 0.4em 0;
  font-size: var(--jp-content-font-size1, 14px);
}
.samskabelse-widget th, .samskabelse-widget td, table[class*="samskabelse-"] th, table[class*="samskabelse-"] td {
  text-align: left !important; vertical-align: top; white-space: normal !important;
  overflow-wrap: normal !important; word-break: normal !important; hyphens: manual; padding: 0.25em 0.8em 0.25em 0;
}
.samskabelse-widget caption, table[class*="samskabelse-"] caption { text-align: left; font-weight: bold; }
.samskabelse-widget :focus-visible, .samskabelse-widget input:focus, .samskabelse-widget select:focus,
.samskabelse-widget textarea:focus {
  outline: 3px solid #0072B2 !important; outline-offset: 2px !important;
}
/* Lumino clips every widget (overflow: hidden), and with it the ring of a handle at either end of its slider or
   of a control at the edge of its row: the course's boxes let it show */
.samskabelse-widget .widget-slider, .samskabelse-widget .jupyter-widget-slider, .samskabelse-widget .widget-box,
.samskabelse-widget .widget-inline-hbox, .samskabelse-widget .widget-inline-vbox,
.samskabelse-widget .widget-checkbox, .samskabelse-widget .widget-label-basic { overflow: visible; }
/* ... and the output area clips too: a course widget keeps the ring's width free around its controls */
.samskabelse-widget { padding: 5px 6px; box-sizing: border-box; }
.samskabelse-widget .samskabelse-widget { padding: 0; }
.samskabelse-widget input[type="checkbox"]:focus-visible { outline-offset: 1px !important; }
/* ... and the window: a control Tab scrolls to at the page's edge is shown with its whole ring */
.samskabelse-widget :is(input, select, textarea, button, a, [tabindex]) { scroll-margin: 12px; }
.samskabelse-widget a[href], .samskabelse-widget a[href]:visited {
  color: var(--jp-content-link-color, #1a5fb4); text-decoration: underline; text-underline-offset: 0.15em;
}
.samskabelse-widget a.samskabelse-download { font-weight: bold; }
.samskabelse-widget button.mod-active.widget-toggle-button,
.samskabelse-widget button.mod-active.jupyter-widget-toggle-button {
  background: #0072B2; color: #ffffff; font-weight: bold; box-shadow: inset 0 -3px 0 #003d61;
}
.samskabelse-figure-block img.samskabelse-figure { display: block; }
/* words for one mode only: in the app (Voilà's page says data-voila) or in JupyterLab */
body[data-voila] .samskabelse-app-only[hidden] { display: block !important; }
body[data-voila] span.samskabelse-app-only[hidden] { display: inline !important; }
body[data-voila] .samskabelse-lab-only { display: none !important; }
.samskabelse-readout-7 .widget-readout, .samskabelse-readout-9 .widget-readout { text-align: left; }
.samskabelse-readout-7 .widget-readout { min-width: 7em; }
.samskabelse-readout-9 .widget-readout { min-width: 9em; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var VERSION = 4;
  if (window.__samskabelseAccess && window.__samskabelseAccess.version >= VERSION) { return; }
  var next = 0;
  function idOf(el) { if (!el.id) { next += 1; el.id = "samskabelse-a11y-" + next; } return el.id; }
  function set(el, name, value) { if (el.getAttribute(name) !== value) { el.setAttribute(name, value); } }
  function ownLabel(el) {
    for (var i = 0; i < el.children.length; i++) {
      var c = el.children[i];
      if (c.classList.contains("widget-label") && (c.textContent || "").trim()) { return c; }
    }
    return null;
  }
  function words(slider) {
    var readout = slider.querySelector(".widget-readout");
    var text = readout ? (readout.textContent || "").trim() : "";
    if (!text) { return; }
    slider.querySelectorAll(".noUi-handle").forEach(function (handle) { set(handle, "aria-valuetext", text); });
  }
  function fix(root) {
    root.querySelectorAll(".widget-slider, .jupyter-widget-slider").forEach(function (slider) {
      var label = ownLabel(slider);
      slider.querySelectorAll(".noUi-handle").forEach(function (handle) {
        if (label) { set(handle, "aria-labelledby", idOf(label)); }
      });
      slider.querySelectorAll(".widget-readout").forEach(function (readout) {
        set(readout, "tabindex", "-1"); set(readout, "aria-hidden", "true");
      });
      // noUiSlider writes the position (0, 1, 2) as aria-valuetext, then tells ipywidgets, which writes the
      // position's words into the readout (also when the readout is not shown); this listener, added after
      // ipywidgets' own, puts the words on the handle in the same turn, before a screen reader reads it.
      var target = slider.querySelector(".noUi-target");
      if (target && target.noUiSlider && target.__samskabelseWords !== target.noUiSlider) {
        target.__samskabelseWords = target.noUiSlider;
        target.noUiSlider.on("update.samskabelse", function () { words(slider); });
      }
      words(slider);
    });
    root.querySelectorAll(".widget-toggle-buttons, .jupyter-widget-toggle-buttons").forEach(function (group) {
      var box = group.querySelector(".widget-toggle-buttons > div, div") || group;
      set(box, "role", "group");
      var label = ownLabel(group);
      if (label) { set(box, "aria-labelledby", idOf(label)); }
    });
    root.querySelectorAll("button.widget-toggle-button, button.jupyter-widget-toggle-button").forEach(function (b) {
      set(b, "aria-pressed", b.classList.contains("mod-active") ? "true" : "false");
    });
    root.querySelectorAll(".samskabelse-figure-block").forEach(function (block) {
      var img = block.querySelector("img.samskabelse-figure");
      var alt = block.querySelector(".samskabelse-alt");
      if (img && alt) { set(img, "alt", (alt.textContent || "").trim()); }
    });
    // Voilà's FileUpload counts the files chosen ("Upload svarfiler (0)"), which a reader takes for files lost
    root.querySelectorAll("button.widget-upload").forEach(function (b) {
      var last = b.lastChild;
      if (last && last.nodeType === 3 && /\s\(\d+\)$/.test(last.textContent)) {
        last.textContent = last.textContent.replace(/\s\(\d+\)$/, "");
      }
    });
    root.querySelectorAll("[class*='samskabelse-lang-']").forEach(function (el) {
      var m = /(?:^|\s)samskabelse-lang-([a-z]{2})(?:\s|$)/.exec(el.className);
      if (m) { set(el, "lang", m[1]); }
    });
  }
  var style = document.getElementById("samskabelse-style");
  if (!style) {
    style = document.createElement("style");
    style.id = "samskabelse-style";
    document.head.appendChild(style);
  }
  style.textContent = __STYLE__;
  // After a change, look again only inside the course widgets that changed (a slider move changes its own
  // widget's figure text and result), or inside whatever else was added (a new output).
  var pending = null;
  function schedule(mutations) {
    var first = pending === null;
    if (first) { pending = new Set(); }
    mutations.forEach(function (m) {
      var el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (el) { pending.add(el.closest(".samskabelse-widget") || el); }
    });
    if (!first) { return; }
    (window.requestAnimationFrame || window.setTimeout)(function () {
      var roots = pending;
      pending = null;
      roots.forEach(function (root) {
        if (root.isConnected) { fix(root.parentElement || root); }
      });
    });
  }
  var observer = new MutationObserver(schedule);
  observer.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
                                   attributeFilter: ["class"]});
  if (window.__samskabelseAccess && window.__samskabelseAccess.observer) {
    window.__samskabelseAccess.observer.disconnect();
  }
  window.__samskabelseAccess = {version: VERSION, observer: observer, fix: fix};
  fix(document);
})();
"""


def page_script() -> str:
    """The script (with the styles) that `page_support` runs in the page."""
    import json

    return SCRIPT.replace("__STYLE__", json.dumps(STYLE))


def page_support():
    """A display object that makes the page's course widgets accessible (see the module's docstring)."""
    from IPython.display import Javascript

    return Javascript(page_script())


def lang_class(lang: str) -> str:
    return f"samskabelse-lang-{lang}"


def mark_widget(box, lang: str, *kinds: str):
    """The outer box of a course widget: its CSS classes (samskabelse-widget and its kinds) and its language."""
    for cls in (lang_class(lang), "samskabelse-widget", *kinds):
        box.add_class(cls)
    return box


def named(control, text: str, *, shown: bool = True):
    """Give `control` its accessible name: its description, tied to it by ipywidgets' <label> (and, for a slider,
    by the page script). `shown=False` when the visible label is elsewhere (a row name and a column heading): the
    name is then kept for assistive technology only, so include the visible words in it."""
    control.description = text
    control.description_allow_html = False
    if shown:
        control.remove_class(HIDDEN_LABEL)
    else:
        control.add_class(HIDDEN_LABEL)
    return control


class GroupNames:
    """Controls that belong to one thing shown in a row of alike rows (a deadline's name, date and phase), named so
    that a screen reader tells the rows apart: the visible label stays "Dato", the accessible name says whose,
    "Dato – Fagudvalgsmøde" (the thing's own name, followed as it is typed), or "Dato – frist 2" while it has none.

        group = GroupNames(t["deadline_n"].format(n=2), source=name_field)   # the field holding the thing's name
        group.add(name_field, "Frist")
        group.add(date_field, "Dato")

    Each control's description becomes its label, escaped, with the thing's name in a visually hidden span
    (ipywidgets puts the description in the control's <label>; the visible words come first, so voice control
    finds the control by what it shows)."""

    SEPARATOR = " – "

    def __init__(self, fallback: str, source=None, *, max_chars: int = 60):
        self.fallback = fallback
        self.source = source
        self.max_chars = max_chars
        self.members: list[tuple[object, str]] = []
        if source is not None:
            source.observe(lambda _change: self.refresh(), names="value")

    def name(self) -> str:
        """The thing's name as the group says it: its own (as typed, one line, shortened), else the fallback."""
        own = " ".join(str(getattr(self.source, "value", "") or "").split()) if self.source is not None else ""
        if len(own) > self.max_chars:
            own = own[: self.max_chars - 1].rstrip() + "…"
        return own or self.fallback

    def add(self, control, label: str):
        self.members.append((control, label))
        self._name(control, label)
        return control

    def refresh(self) -> None:
        for control, label in self.members:
            self._name(control, label)

    def _name(self, control, label: str) -> None:
        hidden = html.escape(self.SEPARATOR + self.name(), quote=False)
        control.description = f"{html.escape(label, quote=False)}<span class='samskabelse-sr-only'>{hidden}</span>"
        control.description_allow_html = True
        control.remove_class(HIDDEN_LABEL)


def accessible_name(control) -> str:
    """A control's name as assistive technology reads it (its description, without tags)."""
    import re

    text = control.description
    if getattr(control, "description_allow_html", False):
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(text.split())


def data_table(header: list[str], rows: list[list[object]], *, caption: str = "") -> str:
    """An HTML table of plain values (escaped), left-aligned and wrapping (the course's style)."""
    head = "".join(f"<th scope='col'>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(
        (f"<th scope='row'>{html.escape(str(cell))}</th>" if i == 0 else f"<td>{html.escape(str(cell))}</td>")
        for i, cell in enumerate(row)) + "</tr>" for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table class='samskabelse-table'>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def alt_html(text: str) -> str:
    """The figure's text alternative, where the page script finds it (hidden: the image carries it as alt)."""
    return f"<p class='samskabelse-alt' hidden>{html.escape(' '.join(text.split()))}</p>"
