"""A run notebook's widgets as static HTML, for the course site: what a reader sees without a kernel.

A widget on a page needs a running kernel to react; without one, JupyterLab and Voilà show nothing at all where it
was. For the site, each widget output of a notebook run with its widget state stored (nbclient's
`store_widget_state`) becomes a `text/html` output that shows the widget as it first appeared: the figures (the
PNG the kernel drew, with the text alternative the course gives it), every control with its name and starting
value (disabled: nothing here reacts), the texts. A note above it says where the live widget is.

    widget_html(state, model_id, lang)      the HTML for one widget (a tree of models) from the stored state
    make_static(nb)                          every widget output of a notebook replaced, in place
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

NOTE = {
    "da": "Et levende widget: her vist, som det ser ud, før du har rørt det. Det reagerer i JupyterLab, "
          "i app-tilstand (Voilà) eller på Binder.",
    "en": "A live widget, shown here as it looks before you touch it. It reacts in JupyterLab, in app mode "
          "(Voilà) or on Binder.",
}
ALT = re.compile(r"<p class='samskabelse-alt' hidden>(.*?)</p>", re.S)
STYLE = """<style>
.site-widget{border:1px solid #c8ccd2;border-radius:6px;padding:.6rem .8rem;margin:.4rem 0;font-size:.95rem}
.site-widget-note{font-size:.85rem;color:#4a4f57;margin:0 0 .5rem 0;font-style:italic}
.site-widget .box{display:flex;flex-direction:column;gap:.35rem}
.site-widget .hbox{display:flex;flex-direction:row;flex-wrap:wrap;gap:.6rem;align-items:center}
.site-widget .grid{display:grid;gap:.3rem .8rem;align-items:center}
.site-widget .control{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
.site-widget .control label{font-weight:600}
.site-widget .value{font-variant-numeric:tabular-nums;min-width:2ch}
.site-widget img{max-width:100%;height:auto}
.site-widget .tab-title{font-weight:700;margin-top:.4rem}
.site-widget .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
</style>"""


def _ref(value: object) -> str | None:
    if isinstance(value, str) and value.startswith("IPY_MODEL_"):
        return value[len("IPY_MODEL_"):]
    return None


class _Renderer:
    def __init__(self, state: dict):
        self.state = state

    def model(self, model_id: str) -> dict:
        return self.state.get(model_id, {})

    def layout(self, attrs: dict) -> dict:
        ref = _ref(attrs.get("layout"))
        return self.model(ref).get("state", {}) if ref else {}

    def hidden(self, attrs: dict) -> bool:
        layout = self.layout(attrs)
        return layout.get("display") == "none" or layout.get("visibility") == "hidden"

    def render(self, model_id: str) -> str:
        entry = self.model(model_id)
        attrs = entry.get("state", {})
        if not entry or self.hidden(attrs):
            return ""
        name = entry.get("model_name", "")
        method = getattr(self, "_" + name.removesuffix("Model").lower(), None)
        return method(model_id, entry, attrs) if method else self._control(attrs, "")

    def children(self, attrs: dict) -> list[str]:
        return [self.render(ref) for ref in map(_ref, attrs.get("children", [])) if ref]

    # boxes
    def _box(self, model_id, entry, attrs, cls="box", style=""):
        inner = "".join(self.children(attrs))
        alt = ALT.search(inner)
        if alt and "samskabelse-figure-block" in attrs.get("_dom_classes", []):
            inner = inner.replace('<img class="figure" ', f'<img class="figure" alt="{alt.group(1)}" ', 1)
        return f'<div class="{cls}"{style}>{inner}</div>'

    def _vbox(self, *args):
        return self._box(*args)

    def _hbox(self, *args):
        return self._box(*args, cls="hbox")

    def _gridbox(self, model_id, entry, attrs):
        columns = self.layout(attrs).get("grid_template_columns") or "repeat(auto-fill, minmax(8rem, 1fr))"
        return self._box(model_id, entry, attrs, cls="grid",
                         style=f' style="grid-template-columns:{html.escape(columns, quote=True)}"')

    def _accordion(self, model_id, entry, attrs):
        titles = attrs.get("titles") or []
        parts = []
        for i, child in enumerate(self.children(attrs)):
            title = titles[i] if i < len(titles) else ""
            parts.append(f'<div class="tab-title">{html.escape(title)}</div>{child}')
        return f'<div class="box">{"".join(parts)}</div>'

    _tab = _accordion

    # content
    def _html(self, model_id, entry, attrs):
        return f'<div>{attrs.get("value", "")}</div>'

    _htmlmath = _html

    def _label(self, model_id, entry, attrs):
        return f'<div>{html.escape(str(attrs.get("value", "")))}</div>'

    def _image(self, model_id, entry, attrs):
        data = next((b["data"] for b in self.model(model_id).get("buffers", []) if b.get("path") == ["value"]), "")
        if not data:
            return ""
        fmt = attrs.get("format", "png")
        return f'<img class="figure" src="data:image/{fmt};base64,{data}">'

    def _output(self, model_id, entry, attrs):
        parts = []
        for out in attrs.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                parts.append(f'<img src="data:image/png;base64,{data["image/png"]}">')
            elif "text/html" in data:
                parts.append(str(data["text/html"]) if isinstance(data["text/html"], str)
                             else "".join(data["text/html"]))
            elif "text/plain" in data or out.get("text"):
                text = data.get("text/plain", out.get("text", ""))
                parts.append(f"<pre>{html.escape(text if isinstance(text, str) else ''.join(text))}</pre>")
        return f'<div>{"".join(parts)}</div>'

    # controls: their name and starting value, disabled
    def _control(self, attrs: dict, control: str) -> str:
        description = str(attrs.get("description", ""))
        hidden_label = "samskabelse-label-hidden" in attrs.get("_dom_classes", [])
        label = f'<label class="{"visually-hidden" if hidden_label else ""}">{html.escape(description)}</label>' \
            if description else ""
        return f'<div class="control">{label}{control}</div>'

    def _slider(self, attrs: dict, shown: str, low: object, high: object, value: object) -> str:
        name = html.escape(str(attrs.get("description", "")), quote=True)
        return self._control(attrs, f'<input type="range" min="{low}" max="{high}" value="{value}" disabled '
                                    f'aria-label="{name}"><span class="value">{html.escape(shown)}</span>')

    def _intslider(self, model_id, entry, attrs):
        value = attrs.get("value", 0)
        return self._slider(attrs, str(value), attrs.get("min", 0), attrs.get("max", 100), value)

    def _floatslider(self, model_id, entry, attrs):
        value = attrs.get("value", 0)
        return self._slider(attrs, f"{value:g}", attrs.get("min", 0), attrs.get("max", 1), value)

    def _selectionslider(self, model_id, entry, attrs):
        labels, index = attrs.get("_options_labels", []), attrs.get("index", 0) or 0
        shown = labels[index] if 0 <= index < len(labels) else ""
        return self._slider(attrs, shown, 0, max(len(labels) - 1, 0), index)

    def _options(self, attrs: dict) -> tuple[list[str], int | None]:
        index = attrs.get("index")
        return attrs.get("_options_labels", []), index if isinstance(index, int) else None

    def _dropdown(self, model_id, entry, attrs):
        labels, index = self._options(attrs)
        name = html.escape(str(attrs.get("description", "")), quote=True)
        options = "".join(f'<option{" selected" if i == index else ""}>{html.escape(label)}</option>'
                          for i, label in enumerate(labels))
        return self._control(attrs, f'<select disabled aria-label="{name}">{options}</select>')

    def _togglebuttons(self, model_id, entry, attrs):
        labels, index = self._options(attrs)
        buttons = "".join(f'<button disabled aria-pressed="{"true" if i == index else "false"}">'
                          f'{"<b>" if i == index else ""}{html.escape(label)}{"</b>" if i == index else ""}</button>'
                          for i, label in enumerate(labels))
        return self._control(attrs, f'<span class="hbox">{buttons}</span>')

    _radiobuttons = _togglebuttons

    def _checkbox(self, model_id, entry, attrs):
        checked = " checked" if attrs.get("value") else ""
        name = html.escape(str(attrs.get("description", "")))
        return f'<div class="control"><label><input type="checkbox" disabled{checked}> {name}</label></div>'

    def _togglebutton(self, model_id, entry, attrs):
        pressed = "true" if attrs.get("value") else "false"
        return f'<div class="control"><button disabled aria-pressed="{pressed}">' \
               f'{html.escape(str(attrs.get("description", "")))}</button></div>'

    def _button(self, model_id, entry, attrs):
        return f'<div class="control"><button disabled>{html.escape(str(attrs.get("description", "")))}</button></div>'

    def _fileupload(self, model_id, entry, attrs):
        return self._button(model_id, entry, attrs)

    def _text(self, model_id, entry, attrs):
        name = html.escape(str(attrs.get("description", "")), quote=True)
        value = html.escape(str(attrs.get("value", "")), quote=True)
        placeholder = html.escape(str(attrs.get("placeholder", "")), quote=True)
        return self._control(attrs, f'<input type="text" disabled aria-label="{name}" value="{value}" '
                                    f'placeholder="{placeholder}">')

    def _textarea(self, model_id, entry, attrs):
        name = html.escape(str(attrs.get("description", "")), quote=True)
        placeholder = html.escape(str(attrs.get("placeholder", "")), quote=True)
        return self._control(attrs, f'<textarea disabled rows="2" aria-label="{name}" placeholder="{placeholder}">'
                                    f'{html.escape(str(attrs.get("value", "")))}</textarea>')

    _intslidermodel = _intslider
    _boundedinttext = _text
    _inttext = _text


def widget_html(state: dict, model_id: str, lang: str = "en") -> str:
    body = _Renderer(state).render(model_id)
    if not body:
        return ""
    note = NOTE.get(lang, NOTE["en"])
    return f'{STYLE}<div class="site-widget" lang="{lang}"><p class="site-widget-note">{note}</p>{body}</div>'


class _Text(HTMLParser):
    """The text of a static widget page, with each control as `name = value`."""

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []
        self.skip = 0  # inside <style>, or an <option> that is not selected

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("aria-label", "")
        if tag == "style" or (tag == "option" and "selected" not in a):
            self.skip += 1
        elif tag == "img":
            self.lines.append(f"[figure: {a.get('alt', '')}]")
        elif tag == "input" and a.get("type") == "checkbox":
            self.lines.append("[x]" if "checked" in a else "[ ]")
        elif tag == "input":
            self.lines.append(f"{name} = {a.get('value', '')} ({a.get('placeholder', '')})".rstrip(" ()"))
        elif tag in ("select", "textarea"):
            self.lines.append(f"{name} =")
        elif tag == "button" and a.get("aria-pressed") == "true":
            self.lines.append("(pressed)")

    def handle_endtag(self, tag):
        if tag in ("style", "option") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.lines.append(" ".join(data.split()))


def widget_text(state: dict, model_id: str) -> str:
    """What a widget says, as plain text: the names, values, texts and figure descriptions, one per line.

    The same on every machine (no pixels, no fonts): the pictures' check (scripts/pictures.py) compares it.
    """
    parser = _Text()
    parser.feed(_Renderer(state).render(model_id))
    return "\n".join(parser.lines)


def make_static(nb, lang: str = "en") -> int:
    """Replace every widget output of a run notebook with its static HTML; return how many were replaced."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    replaced = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW not in data:
                continue
            model_id = data[WIDGET_VIEW]["model_id"]
            page = widget_html(state, model_id, lang)
            output["data"] = {"text/html": page} if page else {"text/plain": ""}
            replaced += 1
    nb.metadata.pop("widgets", None)
    return replaced
