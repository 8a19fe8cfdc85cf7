"""The CV parsing task: real text, real skills, idempotent, and never raising on a bad file."""

import pytest
from django.core.files.base import ContentFile

from talent.models import CV
from talent.services import cvs
from talent.tasks import cv_parse
from tests import factories
from tests.talent import documents

pytestmark = pytest.mark.django_db


def slugs(cv):
    return sorted(cv.suggested_skills.values_list("slug", flat=True))


EXPECTED = ["cpp", "kubernetes", "python", "pytorch", "robotics", "ros", "slam"]


@pytest.mark.parametrize("build", [documents.good_pdf, documents.good_docx], ids=["pdf", "docx"])
def test_an_upload_is_read_after_commit(candidate, committed, build):
    with committed():
        cv = cvs.cv_upload(owner=candidate, file=documents.upload(build()), name="cv")
        assert CV.objects.get(pk=cv.pk).parse_status == CV.ParseStatus.PENDING
    cv.refresh_from_db()
    assert cv.parse_status == CV.ParseStatus.PARSED
    assert "Robotics engineer" in cv.text
    assert "Harbour Robotics" in cv.text
    assert slugs(cv) == EXPECTED


def test_docx_tables_are_read(candidate):
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Wong Siu Ming")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Skills"
    table.cell(0, 1).text = "Verilog, FPGA design"
    table.cell(1, 0).text = "Languages"
    table.cell(1, 1).text = "Cantonese, English"
    buffer = io.BytesIO()
    document.save(buffer)
    cv = cvs.cv_upload(owner=candidate, file=documents.upload(buffer.getvalue()), name="cv")
    assert cv_parse(cv.pk) == CV.ParseStatus.PARSED
    cv.refresh_from_db()
    assert "Skills | Verilog, FPGA design" in cv.text
    assert slugs(cv) == ["cantonese", "english", "fpga", "verilog"]


def test_parsing_again_changes_nothing(candidate):
    cv = cvs.cv_upload(owner=candidate, file=documents.upload(documents.good_pdf()), name="cv")
    assert cv_parse(cv.pk) == CV.ParseStatus.PARSED
    cv.refresh_from_db()
    text, skills = cv.text, slugs(cv)
    CV.objects.filter(pk=cv.pk).update(text="edited by nobody")
    assert cv_parse(cv.pk) == CV.ParseStatus.PARSED  # already read: left alone
    cv.refresh_from_db()
    assert cv.text == "edited by nobody"
    assert slugs(cv) == skills == EXPECTED
    assert text


def test_a_corrupt_file_is_marked_failed_without_raising(candidate):
    cv = factories.CVFactory(owner=candidate, parse_status=CV.ParseStatus.PENDING, text="")
    cv.file.save("x", ContentFile(b"%PDF-1.7 this is not really a PDF"), save=True)
    assert cv_parse(cv.pk) == CV.ParseStatus.FAILED
    cv.refresh_from_db()
    assert cv.parse_status == CV.ParseStatus.FAILED
    assert cv.text == ""
    assert not cv.suggested_skills.exists()


def test_a_docx_bomb_that_slipped_into_storage_is_not_opened(candidate):
    cv = factories.CVFactory(
        owner=candidate, kind=CV.Kind.DOCX, parse_status=CV.ParseStatus.PENDING, text=""
    )
    cv.file.save("x", ContentFile(documents.zip_bomb_docx()), save=True)
    assert cv_parse(cv.pk) == CV.ParseStatus.FAILED


def test_a_missing_file_is_marked_failed(candidate):
    cv = factories.CVFactory(owner=candidate, parse_status=CV.ParseStatus.PENDING, text="")
    cv.file.storage.delete(cv.file.name)
    assert cv_parse(cv.pk) == CV.ParseStatus.FAILED


def test_a_deleted_cv_is_skipped():
    assert cv_parse(987654321) is None


def test_nul_bytes_and_huge_text_are_cleaned(candidate, monkeypatch):
    cv = factories.CVFactory(owner=candidate, parse_status=CV.ParseStatus.PENDING, text="")
    monkeypatch.setattr(cvs, "cv_extract_text", lambda data, kind: "Python\x00" + "x" * 200_000)
    assert cv_parse(cv.pk) == CV.ParseStatus.PARSED
    cv.refresh_from_db()
    assert len(cv.text) == cvs.MAX_TEXT_CHARS
    assert "\x00" not in cv.text
    assert slugs(cv) == ["python"]


def _pdf_without_text() -> bytes:
    """A scan: a page with a drawing and no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 170, 250, style="F")
    return bytes(pdf.output())


def test_a_scan_without_text_is_failed_with_the_reason(candidate):
    cv = cvs.cv_upload(owner=candidate, file=documents.upload(_pdf_without_text()), name="scan")
    assert cv_parse(cv.pk) == CV.ParseStatus.FAILED
    cv.refresh_from_db()
    assert cv.parse_notes == [CV.Note.NO_TEXT]
    assert cv.suggested_experience == cv.suggested_education == []
    assert not cv.suggested_skills.exists()


def test_a_long_cv_is_read_up_to_the_limit_and_says_so(candidate, monkeypatch):
    cv = factories.CVFactory(owner=candidate, parse_status=CV.ParseStatus.PENDING, text="")
    long_text = "Experience\n2019 – 2023 Data Engineer, Harbour Labs\n" + "Python. " * 13_000
    monkeypatch.setattr(cvs, "cv_extract_text", lambda data, kind: long_text)
    assert cv_parse(cv.pk) == CV.ParseStatus.PARSED
    cv.refresh_from_db()
    assert cv.parse_notes == [CV.Note.LONG]
    assert [entry["title"] for entry in cv.suggested_experience] == ["Data Engineer"]


def test_a_chinese_cv_is_read_into_skills_jobs_and_degrees(candidate):
    data = documents.cv_docx(
        name="陳大文",
        headline="嵌入式工程師",
        skills=["C 語言", "FPGA 設計", "機器學習"],
        experience=["2021年3月 - 至今  嵌入式工程師 | 港科創新科技有限公司"],
        education=["2014 - 2018  香港科技大學 電子工程學士"],
    )
    upload = documents.upload(data, "cv.docx", "application/octet-stream")
    cv = cvs.cv_upload(owner=candidate, file=upload, name="cv.docx")
    assert cv_parse(cv.pk) == CV.ParseStatus.PARSED
    cv.refresh_from_db()
    assert {"c", "fpga", "machine-learning"} <= set(slugs(cv))
    assert cv.suggested_experience == [
        {
            "title": "嵌入式工程師",
            "organisation": "港科創新科技有限公司",
            "started_on": "2021-03-01",
            "ended_on": None,
        }
    ]
    assert [(e["level"], e["institution"]) for e in cv.suggested_education] == [
        ("bachelor", "香港科技大學")
    ]
    assert cv.parse_notes == []


def test_a_cv_without_dated_entries_says_so(candidate):
    cv = cvs.cv_upload(owner=candidate, file=documents.upload(documents.good_pdf()), name="cv")
    CV.objects.filter(pk=cv.pk).update(parse_status=CV.ParseStatus.PENDING)
    assert cv_parse(cv.pk) == CV.ParseStatus.PARSED
    cv.refresh_from_db()
    assert cv.parse_notes == []  # the good PDF has a dated job
    bare = documents.cv_pdf(name="Wong Siu Ming", skills=["Python"], experience=["Freelance"])
    cv = cvs.cv_upload(owner=candidate, file=documents.upload(bare), name="bare")
    assert cv_parse(cv.pk) == CV.ParseStatus.PARSED
    cv.refresh_from_db()
    assert cv.parse_notes == [CV.Note.NO_ENTRIES]
