"""make links: every Binder, Voilà and nbgitpuller link for a published copy, with no placeholder left."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from samskabelse.course import REPO_ROOT
from samskabelse.kit.links import LinkError, course_files, facilitator_files, links_markdown, main, published


def urls(text: str) -> list[str]:
    return re.findall(r"https://\S+", text)


def test_every_notebook_and_workbook_has_a_binder_and_a_voila_link():
    text = links_markdown(published("kommune/samskabelse"))
    found = urls(text)
    for lang in ("da", "en"):
        notebooks, workbooks = course_files(lang)
        everything = list((REPO_ROOT / "notebooks" / lang).glob("[0-9][0-9]-*.ipynb"))
        assert len(notebooks) + len(facilitator_files(lang)) == len(everything) and len(notebooks) >= 9
        assert len(workbooks) >= 4
        assert facilitator_files(lang) == [p.relative_to(REPO_ROOT).as_posix() for p in sorted(everything)
                                           if p.name.startswith("10-")], "notebook 10 is the facilitator's"
        for path in notebooks + workbooks + facilitator_files(lang):
            assert f"https://mybinder.org/v2/gh/kommune/samskabelse/HEAD?urlpath=lab/tree/{path}" in found
            assert f"https://mybinder.org/v2/gh/kommune/samskabelse/HEAD?urlpath=voila/render/{path}" in found
            assert (REPO_ROOT / path).exists()
    assert "OWNER" not in text and "/REPO" not in text and "https://HUB" not in text


def test_nbgitpuller_links_have_the_readme_form_and_point_at_real_files():
    where = published("kommune/samskabelse", "https://hub.kommune.dk/")
    link = where.nbgitpuller("notebooks/da/00-velkommen.ipynb")
    page = (REPO_ROOT / "docs" / "organisers" / "organisers.md").read_text(encoding="utf-8")
    template = re.search(r"https://HUB/hub/user-redirect/git-pull\?\S+?00-velkommen\.ipynb", page)
    # the organiser page (the README's organiser section before issue 23) shows this exact form with placeholders
    assert template, "the site's organiser page shows the nbgitpuller link with placeholders"
    expected = template.group(0).replace("HUB", "hub.kommune.dk").replace("OWNER", "kommune") \
        .replace("REPO", "samskabelse")
    assert link == expected
    query = parse_qs(urlparse(link).query)
    assert query["repo"] == ["https://github.com/kommune/samskabelse"] and query["branch"] == ["main"]
    assert unquote(query["urlpath"][0]) == "lab/tree/samskabelse/notebooks/da/00-velkommen.ipynb"
    text = links_markdown(where, ("da",))
    pulled = [u for u in urls(text) if "git-pull" in u]
    assert len(pulled) == 2 * (sum(len(x) for x in course_files("da")) + len(facilitator_files("da")))
    for u in pulled:
        path = parse_qs(urlparse(u).query)["urlpath"][0].split("/samskabelse/", 1)[1]
        assert (REPO_ROOT / path).exists()


@pytest.mark.parametrize("repo", ["", "OWNER/REPO", "just-a-name", "a/b/c", "https://gitlab.com/a/b"])
def test_a_repository_that_cannot_make_links_is_refused_with_a_message(repo):
    with pytest.raises(LinkError, match="ejer/navn"):
        published(repo, lang="da")


def test_a_hub_with_a_path_is_refused():
    with pytest.raises(LinkError, match="HUB="):
        published("a/b", "https://hub.dk/hub/login")


def test_cli_prints_links_and_fails_cleanly(capsys):
    assert main(["kommune/samskabelse", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "00-welcome.ipynb" in out and "00-velkommen" not in out
    assert main(["OWNER/REPO"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_make_links_target():
    result = subprocess.run(["make", "-s", "links", "REPO=kommune/samskabelse", "HUB=hub.kommune.dk",
                             f"PYTHON={sys.executable}", "LINKS_LANG=da"], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "git-pull?repo=https%3A%2F%2Fgithub.com%2Fkommune%2Fsamskabelse" in result.stdout


def test_the_links_say_which_course_file_they_show():
    """Binder shows the repository's data/<lang>/course.yaml; a hub, its own installation's; and a kit built from
    another file says that the screen differs from the paper until that file is in the repository."""
    where = published("kommune/samskabelse", "hub.kommune.dk", ref="v2")
    text = links_markdown(where, ("en",))
    assert "The Binder links show the course file `data/en/course.yaml` in kommune/samskabelse, as it is in the " \
           "version Binder builds (v2)." in text
    assert "from the hub's own installation (`data/en/course.yaml` there)" in text
    assert text.index("Which course file") < text.index("00-welcome: "), "said before the links"
    kit = links_markdown(where, ("da",), built_from=("mit-hold.yaml", "til-jeres-kopi/LAES-MIG.md"))
    assert "**Materialet i pakken er bygget af en anden fil: `mit-hold.yaml`.** Indtil den ligger som " \
           "`data/da/course.yaml` i kommune/samskabelse, viser skærmen noget andet end papiret." in kit
    same = links_markdown(published("kommune/samskabelse"), ("da",), built_from=("data/da/course.yaml", None))
    assert "bygget af den samme fil i denne kopi af kurset (`data/da/course.yaml`)" in same and "Hub-links" not in same
