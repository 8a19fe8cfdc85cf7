"""Writes for CVs: upload (with the content checks), default, delete, parsing, skills.

An upload is checked by what the bytes are, never by the file name or the browser's
content type, and everything is checked before anything is written: a refused upload
leaves no row and no file. Files leave storage only after the deleting transaction
commits, so a rollback never leaves a row pointing to a missing file.
"""

import dataclasses
import io
import logging
import unicodedata
import zipfile
from typing import IO, NoReturn

import docx
import pypdf
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from hkstp_portal.errors import DomainError
from skills.models import Skill
from skills.selectors import skills_find_in_text
from talent.cv_reading import cv_read
from talent.models import CV
from talent.services.files import private_files_delete_on_commit
from talent.services.profiles import education_create, experience_create, profile_get_or_create
from talent.signals import candidate_changed_on_commit

logger = logging.getLogger(__name__)

MAX_CVS = 10
MAX_TEXT_CHARS = 100_000
MAX_NAME_CHARS = 120
# A DOCX is a zip: what its central directory declares must stay small and plausible.
DOCX_MAX_ENTRIES = 1_000
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
DOCX_MAX_RATIO = 100
# Below this an entry's ratio does not matter (small, repetitive XML compresses well).
DOCX_RATIO_FLOOR = 1024 * 1024
DOCX_REQUIRED_PARTS = ("[Content_Types].xml", "word/document.xml")
_EXTENSION = {CV.Kind.PDF: ".pdf", CV.Kind.DOCX: ".docx"}
_NAME_DROPPED = set("\"'`<>:|?*;\\/")


def _refuse(message: str) -> NoReturn:
    raise DomainError(message)


# --- Reading an upload ---------------------------------------------------------------


def cv_read_upload(file: IO[bytes], *, size: int | None = None) -> bytes:
    """The upload's bytes, refusing an empty or oversized file without reading past the limit.

    `size` is what the upload says it is (Django knows it before we read anything);
    the read is capped anyway, so a lying size cannot make us hold more than 5 MB.
    """
    too_big = _(
        "The file is larger than 5 MB. Save a smaller version (fewer images) and try again."
    )
    if size is not None and size > CV.MAX_BYTES:
        _refuse(too_big)
    file.seek(0)
    data = file.read(CV.MAX_BYTES + 1)
    if len(data) > CV.MAX_BYTES:
        _refuse(too_big)
    if not data:
        _refuse(_("The file is empty."))
    return data


def cv_clean_name(name: str, kind: str) -> str:
    """The name shown to people and used in downloads: refused if it is a path or holds
    control characters, otherwise without quotes or reserved characters, at most 120
    characters, ending with the extension of what the file really is."""
    name = unicodedata.normalize("NFC", name or "")
    if "/" in name or "\\" in name or name.strip() in {".", ".."}:
        _refuse(_("The file name looks like a path. Rename the file and upload it again."))
    if any(unicodedata.category(char).startswith("C") for char in name) or len(name) > 255:
        _refuse(
            _(
                "The file name is too long or holds characters that cannot be shown. "
                "Rename the file and upload it again."
            )
        )
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = "".join(char for char in stem if char not in _NAME_DROPPED)
    stem = " ".join(stem.split()).strip(" .-_") or _("CV")
    extension = _EXTENSION[kind]
    return stem[: MAX_NAME_CHARS - len(extension)].rstrip(" .") + extension


def _check_pdf(data: bytes) -> None:
    unreadable = _("This PDF is damaged or incomplete, so it cannot be read. Export it again.")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _refuse(
                _(
                    "This PDF is protected with a password. Save a copy without the "
                    "password and upload that."
                )
            )
        if len(reader.pages) < 1:
            _refuse(_("This PDF has no pages."))
        reader.pages[0].mediabox  # noqa: B018 - the first page must really parse
    except DomainError:
        raise
    except Exception:  # any parser failure means the file is not a usable PDF
        _refuse(unreadable)


def _check_docx(data: bytes) -> None:
    unreadable = _("This Word document is damaged, so it cannot be read. Save it again as .docx.")
    bomb = _(
        "This Word document expands to far more data than a CV holds, so it was refused. "
        "Save it again as a normal .docx."
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(unreadable)
    # The declared sizes are checked before a single entry is decompressed.
    if len(entries) > DOCX_MAX_ENTRIES:
        _refuse(bomb)
    if sum(entry.file_size for entry in entries) > DOCX_MAX_UNCOMPRESSED:
        _refuse(bomb)
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > DOCX_RATIO_FLOOR and ratio > DOCX_MAX_RATIO:
            _refuse(bomb)
        if entry.flag_bits & 0x1:
            _refuse(_("This Word document is protected with a password. Save a copy without it."))
    names = {entry.filename for entry in entries}
    if not all(part in names for part in DOCX_REQUIRED_PARTS):
        _refuse(_("This file is not a Word document (.docx). Upload a PDF or a .docx file."))
    try:
        docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many types on a bad package
        _refuse(unreadable)


def cv_detect_kind(data: bytes) -> str:
    """PDF or DOCX by content: magic bytes, then the file must really open. Refuses
    anything else with a message saying why."""
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return CV.Kind.PDF
    if data.startswith(b"PK\x03\x04"):
        _check_docx(data)
        return CV.Kind.DOCX
    _refuse(
        _(
            "This file is not a PDF or a Word document (.docx), whatever its name says. "
            "Upload your CV as PDF or .docx."
        )
    )


# --- Upload, default, delete ---------------------------------------------------------


def _lock_owner(user: User) -> User:
    # One candidate's CV changes run one at a time: the count and the default stay right.
    return User.objects.select_for_update().get(pk=user.pk)


@transaction.atomic
def cv_upload(*, owner: User, file: IO[bytes], name: str, size: int | None = None) -> CV:
    """Store a candidate's CV after checking what it really is; parse it after commit.

    Candidates only, at most MAX_CVS each. The first CV becomes the default. Every
    check runs before anything is written, and if the row cannot be saved the file
    is removed again: a refused upload leaves no row and no file.
    """
    if not owner.is_candidate:
        _refuse(_("Only candidates can upload CVs."))
    data = cv_read_upload(file, size=size)
    kind = cv_detect_kind(data)
    original_name = cv_clean_name(name, kind)
    _lock_owner(owner)
    count = CV.objects.filter(owner=owner).count()
    if count >= MAX_CVS:
        _refuse(
            _("You can keep at most %(max)d CVs. Delete one you no longer use first.")
            % {"max": MAX_CVS}
        )
    cv = CV(
        owner=owner,
        original_name=original_name,
        kind=kind,
        size=len(data),
        is_default=count == 0,
        parse_status=CV.ParseStatus.PENDING,
    )
    cv.file.save(original_name, ContentFile(data), save=False)
    try:
        cv.full_clean(exclude=["file"])
        cv.save()
    except Exception:
        cv.file.storage.delete(cv.file.name)
        raise
    transaction.on_commit(lambda: _enqueue_parse(cv.pk))
    return cv


def _enqueue_parse(cv_id: int) -> None:
    from talent.tasks import cv_parse  # the task module imports this one

    cv_parse.delay(cv_id)


def _owned_locked(cv: CV, by: User) -> CV:
    if cv.owner_id != by.pk:
        _refuse(_("This is not your CV."))
    _lock_owner(by)
    candidate_changed_on_commit(by.pk)  # default, delete, skills: all come here
    cv = CV.objects.filter(pk=cv.pk, owner=by).first()
    if cv is None:
        _refuse(_("This CV has been deleted."))
    return cv


@transaction.atomic
def cv_make_default(*, cv: CV, by: User) -> CV:
    """Make `cv` its owner's default, atomically (the one-default constraint always holds).
    The owner only; idempotent."""
    cv = _owned_locked(cv, by)
    # Clear first, then set: the partial unique index is checked after each statement.
    CV.objects.filter(owner=by, is_default=True).exclude(pk=cv.pk).update(is_default=False)
    if not cv.is_default:
        cv.is_default = True
        cv.save(update_fields=["is_default"])
    return cv


@transaction.atomic
def cv_delete(*, cv: CV, by: User) -> None:
    """Delete a CV; its file leaves storage after commit. The owner only.

    If it was the default, the newest remaining CV becomes the default. Applications
    made with it keep existing (their CV becomes empty).
    """
    cv = _owned_locked(cv, by)
    file_name, was_default = cv.file.name, cv.is_default
    cv.delete()
    if was_default:
        newest = CV.objects.filter(owner=by).order_by("-uploaded_at", "-pk").first()
        if newest is not None:
            newest.is_default = True
            newest.save(update_fields=["is_default"])
    private_files_delete_on_commit([file_name])


# --- Parsing and suggested skills ----------------------------------------------------


def cv_extract_text(data: bytes, kind: str) -> str:
    """The text of a CV: every PDF page, or a DOCX's paragraphs and table cells."""
    if kind == CV.Kind.PDF:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValueError("encrypted PDF")
        chunks: list[str] = []
        length = 0
        for page in reader.pages:
            chunk = page.extract_text() or ""
            chunks.append(chunk)
            length += len(chunk)
            if length > MAX_TEXT_CHARS:
                break
        return "\n".join(chunks)
    _check_docx(data)  # the same zip-bomb checks as the upload, before opening it
    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines.extend(_table_lines(table))
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            # A merged cell comes back once per grid column it spans.
            if not cells or cell.text != cells[-1]:
                cells.append(cell.text)
            for nested in cell.tables:
                lines.extend(_table_lines(nested))
        lines.append(" | ".join(cells))
    return lines


def _clean_text(text: str) -> str:
    # PostgreSQL text cannot hold NUL; nobody needs more than 100,000 characters of a CV.
    return text.replace("\x00", " ")[:MAX_TEXT_CHARS]


# Fewer letters than this in a whole file: no text layer (a scan or a photo).
MIN_TEXT_LETTERS = 40
# Entries suggested at most, so a strange file cannot flood the confirmation page.
MAX_ENTRIES = 30


@dataclasses.dataclass
class _Reading:
    text: str = ""
    skills: list = dataclasses.field(default_factory=list)
    experience: list = dataclasses.field(default_factory=list)
    education: list = dataclasses.field(default_factory=list)
    notes: list = dataclasses.field(default_factory=list)
    status: str = CV.ParseStatus.PARSED


def _read(cv: CV) -> _Reading:
    with cv.file.open("rb") as handle:
        data = handle.read(CV.MAX_BYTES + 1)
    raw = cv_extract_text(data, cv.kind)
    text = _clean_text(raw)
    if sum(char.isalpha() for char in text) < MIN_TEXT_LETTERS:
        # Honest about a scan: nothing to suggest, and why.
        return _Reading(status=CV.ParseStatus.FAILED, notes=[CV.Note.NO_TEXT])
    reading = cv_read(text)
    notes = [CV.Note.LONG] if len(raw) > MAX_TEXT_CHARS else []
    if not reading.experience and not reading.education:
        notes.append(CV.Note.NO_ENTRIES)
    return _Reading(
        text=text,
        skills=skills_find_in_text(text),
        experience=reading.experience[:MAX_ENTRIES],
        education=reading.education[:MAX_ENTRIES],
        notes=notes,
    )


def cv_parse(*, cv_id: int) -> str | None:
    """Read a CV: its text, the skills in it, and the work experience and education it
    lists (talent.cv_reading), to suggest to its owner; returns the parse status (None if
    the CV is gone). For the Celery task: idempotent (a CV already read is left alone),
    and it never raises on a bad file, which is marked failed instead. A file without a
    text layer (a scan) is failed with the note that says so; a very long one is read
    up to MAX_TEXT_CHARS, with a note."""
    cv = CV.objects.filter(pk=cv_id).first()
    if cv is None:
        return None
    if cv.parse_status != CV.ParseStatus.PENDING:
        return cv.parse_status
    try:
        reading = _read(cv)
    except Exception:  # a bad or missing file must not fail the task
        logger.warning("CV %s could not be read", cv_id, exc_info=True)
        reading = _Reading(status=CV.ParseStatus.FAILED)
    with transaction.atomic():
        cv = CV.objects.select_for_update().filter(pk=cv_id).first()
        if cv is None or cv.parse_status != CV.ParseStatus.PENDING:
            return cv.parse_status if cv else None
        cv.text = reading.text
        cv.parse_status = reading.status
        cv.suggested_experience = reading.experience
        cv.suggested_education = reading.education
        cv.parse_notes = reading.notes
        cv.save(
            update_fields=[
                "text",
                "parse_status",
                "suggested_experience",
                "suggested_education",
                "parse_notes",
            ]
        )
        cv.suggested_skills.set(reading.skills)
        candidate_changed_on_commit(cv.owner_id)
    return reading.status


@dataclasses.dataclass
class AddedFromCV:
    skills: list[Skill]
    experience: int
    education: int

    def __bool__(self) -> bool:
        return bool(self.skills or self.experience or self.education)


@transaction.atomic
def profile_add_from_cv(
    *, cv: CV, by: User, skills: list[Skill], experience: list[dict], education: list[dict]
) -> AddedFromCV:
    """Add to the owner's profile what they confirmed of a CV's reading: skills among
    those suggested, and work experience and education entries as they edited them.

    The owner only. All or nothing: a skill not suggested for this CV or an entry the
    profile would refuse (an end before its start, a year out of range, too many
    entries) raises and nothing is added. An entry the profile already holds (the same
    job title and start; the same level and year) is not added twice, so sending the
    page again is harmless.
    """
    added_skills = profile_skills_add_from_cv(cv=cv, by=by, skills=skills)
    profile = profile_get_or_create(user=by)
    have_jobs = {
        (title.lower(), started)
        for title, started in profile.experience.values_list("title", "started_on")
    }
    have_degrees = set(profile.education.values_list("level", "graduation_year"))
    jobs = degrees = 0
    for entry in experience:
        key = (entry["title"].lower(), entry["started_on"])
        if key not in have_jobs:
            experience_create(user=by, **entry)
            have_jobs.add(key)
            jobs += 1
    for entry in education:
        key = (entry["level"], entry["graduation_year"])
        if key not in have_degrees:
            education_create(user=by, **entry)
            have_degrees.add(key)
            degrees += 1
    return AddedFromCV(added_skills, jobs, degrees)


@transaction.atomic
def profile_skills_add_from_cv(*, cv: CV, by: User, skills: list[Skill]) -> list[Skill]:
    """Add to the owner's profile the chosen skills among those suggested from this CV.

    The owner only; a skill that was not suggested for this CV is refused (nothing is
    added then). Idempotent: a skill already on the profile is left as it is. Returns
    the skills that were new.
    """
    cv = _owned_locked(cv, by)
    suggested = set(cv.suggested_skills.values_list("pk", flat=True))
    if any(skill.pk not in suggested for skill in skills):
        _refuse(_("Only skills found in this CV can be added from it."))
    profile = profile_get_or_create(user=by)
    existing = set(profile.skills.values_list("pk", flat=True))
    new = [skill for skill in skills if skill.pk not in existing]
    profile.skills.add(*new)
    return new
