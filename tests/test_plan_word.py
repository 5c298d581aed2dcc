"""The plan in Word: read back with python-docx; one A4 page when LibreOffice lays it out."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from kit_readers import docx_text, pdf_pages

from samskabelse.answers import EXAMPLE_TEAM, load_answers
from samskabelse.answers.plan import TEXT, build_plan
from samskabelse.answers.plan_word import plan_document, write_plan_docx
from samskabelse.course import REPO_ROOT, read_course

ADAPTED = REPO_ROOT / "exercises" / "da" / "eksempel-hold-havneby.yaml"
LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def adapted_answers(tmp_path):
    """Anna's invented answers, with the adapted file's own gain weighed highest."""
    data = json.loads((EXAMPLE_TEAM / "anna.json").read_text(encoding="utf-8"))
    gains = data["answers"]["gains"]
    gains["gains"]["less_loneliness"] = {"importance": 5, "likelihood": 5}
    gains["answered"] += ["gains.less_loneliness.importance", "gains.less_loneliness.likelihood"]  # as if set
    data["course"] = {"id": "havneby-spisefaellesskaber", "file": "exercises/da/eksempel-hold-havneby.yaml"}
    path = tmp_path / "anna.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_word_plan_holds_what_the_pdf_plan_holds(tmp_path, course):
    plan = build_plan(load_answers(EXAMPLE_TEAM / "bo.json", course), course)
    path = write_plan_docx(plan, tmp_path, TEXT[plan.lang])
    assert path.name == f"{plan.stem}-plan.docx" and "bo" in path.name  # named like the PDF plan
    text = docx_text(path)
    assert plan.title in text and plan.footer in text
    for s in plan.sections:
        assert s.title in text
        for line in s.lines:
            assert line.text.strip() in text
    assert not list(tmp_path.glob(".*tmp"))  # written to a temporary name, then renamed


def test_an_adapted_file_flows_into_the_word_plan(tmp_path):
    course = read_course(ADAPTED, "da")
    plan = build_plan(load_answers(adapted_answers(tmp_path), course), course)
    text = docx_text(write_plan_docx(plan, tmp_path / "out", TEXT[plan.lang]))
    assert "mindre ensomhed" in text.lower()  # the team's own gain, named in the motivation
    assert "Spis sammen i lokalområderne" in text  # the team's name for phase 2
    assert all(ch in text for ch in "æøå")
    assert "arbejdsmodel" in text


def test_a4_with_the_language_set(tmp_path, course):
    from docx.oxml.ns import qn
    from docx.shared import Cm

    plan = build_plan(load_answers(EXAMPLE_TEAM / "anna.json", course), course)
    doc = plan_document(plan, TEXT[plan.lang])
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21.0)) < Cm(0.05) and abs(section.page_height - Cm(29.7)) < Cm(0.05)
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val"))
    assert lang == {"da": "da-DK", "en": "en-GB"}[course.language]
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [plan.title]
    assert {p.text for p in doc.paragraphs if p.style.name == "Heading 1"} == {s.title for s in plan.sections}


def test_typed_text_stays_text(tmp_path, da):
    plan = build_plan(load_answers(EXAMPLE_TEAM / "anna.json", da), da)
    plan.name = "Anna <b>&amp; *Bo*"
    plan.sections[0].lines[0].text = "{{ field }} <w:t> & æ"
    text = docx_text(write_plan_docx(plan, tmp_path, TEXT[plan.lang]))
    assert "{{ field }} <w:t> & æ" in text


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice lays out the .docx to count its pages")
def test_every_plan_fits_one_a4_page_in_libreoffice(tmp_path):
    """The example team's plans with five next steps, and a plan with long stakeholder lists, in both languages."""
    docs = []
    for lang in ("da", "en"):
        course = read_course(REPO_ROOT / "data" / lang / "course.yaml", lang)
        for f in ("camilla.json", "dennis.json"):
            plan = build_plan(load_answers(EXAMPLE_TEAM / f, course), course, steps=5)
            plan.name = f"{lang}-{plan.name}"
            docs.append(write_plan_docx(plan, tmp_path / lang, TEXT[plan.lang]))
        heavy = build_plan(load_answers(EXAMPLE_TEAM / "emine.json", course), course, steps=5)
        for s in heavy.sections:
            s.lines = s.lines + [type(s.lines[0])("Et langt ekstra punkt " * 6)] * 6 if s.lines else s.lines
        heavy.name = f"heavy-{lang}"
        docs.append(write_plan_docx(heavy, tmp_path / lang, TEXT[heavy.lang]))
    out = tmp_path / "pdf"
    subprocess.run([LIBREOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, docs)],
                   check=True, capture_output=True, timeout=240)
    for doc in docs:
        pages = pdf_pages(out / f"{doc.stem}.pdf")
        assert len(pages) == 1, doc.name
