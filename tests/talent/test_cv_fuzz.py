"""Fuzzing the CV upload: any bytes under any name, never a 500.

What arrives is either a CV (a row and its file) or a refusal with the reason on the form;
a refusal leaves no row and no file (tests/storage.py compares storage and database after
every example).
"""

import functools
import io
import warnings
import zipfile

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from talent.models import CV
from tests.fuzz import FINE, examples
from tests.storage import (
    assert_no_orphans,
    isolated_storage_fixture,  # noqa: F401
)
from tests.talent import documents

pytestmark = pytest.mark.django_db

CV_LIST = reverse("talent:cv_list")


@functools.cache
def _good_pdf() -> bytes:
    return documents.good_pdf()


@functools.cache
def _good_docx() -> bytes:
    return documents.good_docx()


ENTRY_NAMES = st.one_of(
    st.sampled_from(
        [
            "[Content_Types].xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "_rels/.rels",
            "../../etc/passwd",
            "/abs/path.xml",
            "word/../../escape.xml",
            "",
            "word/",
            "C:\\windows\\evil.xml",
            "文件/簡歷.xml",
        ]
    ),
    st.text(min_size=1, max_size=30),
)


@st.composite
def zips(draw) -> bytes:
    """A zip archive (what a DOCX is) of odd entries: paths, duplicates, garbage XML,
    stored or deflated, sometimes with the parts a DOCX needs but nonsense inside."""
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        # Duplicate names warn in zipfile; they are one of the odd things a zip can hold.
        warnings.simplefilter("ignore")
        for name in draw(st.lists(ENTRY_NAMES, max_size=6)):
            info = zipfile.ZipInfo(name or "noname")
            info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
            content = draw(st.one_of(st.binary(max_size=300), st.just(b"<?xml version='1.0'?><w")))
            archive.writestr(info, content)
    return buffer.getvalue()


@st.composite
def damaged(draw, document) -> bytes:
    """A real document with a few bytes overwritten, cut short, or with garbage after it."""
    data = document()
    how = draw(st.sampled_from(["flip", "truncate", "append"]))
    if how == "truncate":
        return data[: draw(st.integers(1, len(data)))]
    if how == "append":
        return data + draw(st.binary(min_size=1, max_size=512))
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


CV_BYTES = st.one_of(
    st.binary(max_size=2048),
    st.binary(max_size=2048).map(lambda tail: b"%PDF-" + tail),
    st.binary(max_size=2048).map(lambda tail: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + tail),
    st.binary(max_size=2048).map(lambda tail: b"PK\x03\x04" + tail),
    zips(),
    damaged(_good_pdf),
    damaged(_good_docx),
)


NAMES = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "cv.pdf",
            "cv.docx",
            "../../cv.pdf",
            "..",
            ".",
            "",
            " ",
            "a\x00b.pdf",
            "cv\r\n.pdf",
            'quote".pdf',
            "簡歷.pdf",
            "\u202ecod.pdf",  # right-to-left override: shows as "fdp.doc"
            "x" * 400 + ".pdf",
            "CON.pdf",
            "cv.pdf.exe",
        ]
    ),
)


BOUNDARY = "----hypothesis-cv-boundary-7f3a"


def _multipart(name: str, data: bytes) -> bytes:
    """The body a browser sends for one file field. Built by hand, because the test client's
    upload class refuses some names a browser sends anyway (an empty one, a dot-only one);
    the name is escaped as the HTML standard tells browsers to: " and newlines as %22, %0D%0A."""
    escaped = name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
    head = (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{escaped}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    )
    return head.encode("utf-8", "surrogatepass") + data + f"\r\n--{BOUNDARY}--\r\n".encode()


def _forget_accepted(private) -> None:
    """Drop what an accepted example stored, so the next examples stay under 10 CVs."""
    for cv in CV.objects.all():
        private.delete(cv.file.name)
    CV.objects.all().delete()


@settings(max_examples=examples(150))
@given(data=CV_BYTES, name=NAMES)
@example(data=b"%PDF-", name="cv.pdf")
@example(data=b"PK\x03\x04", name="cv.docx")
@example(data=b"PK\x05\x06" + bytes(18), name="empty.zip.docx")
@example(data=b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF", name="cv.pdf")
def test_any_upload_is_stored_or_refused_cleanly(
    client, signed_in_candidate, isolated_storage, data, name
):
    cache.clear()  # each example starts with fresh rate-limit counters
    response = client.post(
        CV_LIST, _multipart(name, data), content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )
    assert response.status_code in FINE, response.status_code
    rows = CV.objects.filter(owner=signed_in_candidate).count()
    event("stored" if rows else "refused")
    if response.status_code == 302:
        assert rows == 1
    else:
        assert rows == 0
        assert response.status_code != 200 or response.context["form"].errors
    assert_no_orphans(isolated_storage)
    _forget_accepted(isolated_storage)
