"""A download link that holds the file itself: the package's one builder of data-URL links.

    download_link("mette-plan.pdf", pdf_bytes, "application/pdf")              # the link's text is the file name
    download_link("anna.json", data, "application/json;charset=utf-8", "Download anna.json")

The browser saves the file without asking the server, so the link works in Voilà (which serves no files but the
notebook), on Binder and in JupyterLab alike, and even when the disk cannot be written (the save box offers the
answers this way when saving fails). Names and labels are escaped: they may hold what a person typed.
"""

from __future__ import annotations

import base64

from samskabelse.widgets.display import user_text

__all__ = ["download_link"]


def download_link(name: str, data: bytes, media_type: str, label: str | None = None) -> str:
    """An <a download> whose address is a data: URL holding `data`; its text is `label` (default: `name`)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f"<a class='samskabelse-download' download='{user_text(name, 160)}' "
            f"href='data:{user_text(media_type, 120)};base64,{encoded}'>{user_text(label or name, 200)}</a>")
