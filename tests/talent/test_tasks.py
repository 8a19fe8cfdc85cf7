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
