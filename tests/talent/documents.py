"""CV files for the tests: real good ones, and every kind of bad upload built on the spot."""

import io
import zipfile
from pathlib import Path

import pypdf
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from hkstp_portal.demo.documents import cv_docx, cv_pdf

SKILLS = ["Python", "PyTorch", "C++", "Kubernetes"]
EXPERIENCE = ["2022-2026 Robotics engineer, Harbour Robotics (ROS, SLAM)"]


def good_pdf() -> bytes:
    return cv_pdf(
        name="Chan Tai Man", headline="Robotics engineer", skills=SKILLS, experience=EXPERIENCE
    )


def good_docx() -> bytes:
    return cv_docx(
        name="陳大文", headline="Robotics engineer", skills=SKILLS, experience=EXPERIENCE
    )


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)


def encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(good_pdf())))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def truncated_pdf() -> bytes:
    data = good_pdf()
    return data[: len(data) // 2]


def zip_bomb_docx(*, zeros: int = 20 * 1024 * 1024) -> bytes:
    """A real DOCX with one extra part: a long run of zeros that deflates to almost nothing."""
    buffer = io.BytesIO(good_docx())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", bytes(zeros))
    return buffer.getvalue()


def many_entries_docx(entries: int = 1_200) -> bytes:
    buffer = io.BytesIO(good_docx())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for number in range(entries):
            archive.writestr(f"word/media/part{number}.xml", "<x/>")
    return buffer.getvalue()


def zip_not_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("readme.txt", "not a Word document")
    return buffer.getvalue()


def upload(data: bytes, name: str = "cv.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def private_files() -> set[str]:
    """Every file in the private storage (CVs and exports), as paths under its root."""
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    if not root.exists():
        return set()
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}
