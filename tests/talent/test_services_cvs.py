"""CV upload, default, delete and the skills confirmed from a CV, through the services."""

import pytest
from django.db import IntegrityError, transaction

from applications.models import Application
from hkstp_portal.errors import DomainError
from skills.models import Skill
from talent.models import CV
from talent.services import cvs
from talent.services.profiles import profile_get_or_create
from tests import factories
from tests.talent import documents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def enqueued_parses(monkeypatch):
    # Parsing has its own tests (test_tasks.py); here an upload only enqueues it.
    calls = []
    monkeypatch.setattr(cvs, "_enqueue_parse", calls.append)
    return calls


def test_a_good_pdf_is_stored_privately_as_the_first_default(candidate, committed, enqueued_parses):
    with committed():
        cv = cvs.cv_upload(
            owner=candidate, file=documents.upload(documents.good_pdf()), name="My CV.pdf"
        )
    cv.refresh_from_db()
    assert (cv.kind, cv.original_name, cv.is_default) == ("pdf", "My CV.pdf", True)
    assert cv.parse_status == CV.ParseStatus.PENDING
    assert cv.size == len(documents.good_pdf())
    assert cv.file.name.startswith("cvs/")
    assert "My CV" not in cv.file.name
    assert cv.file.name in documents.private_files()
    assert enqueued_parses == [cv.pk]  # the parse task is enqueued only after commit


def test_a_good_docx_is_accepted_whatever_its_name_says(candidate):
    cv = cvs.cv_upload(
        owner=candidate, file=documents.upload(documents.good_docx()), name="resume.pdf"
    )
    assert cv.kind == CV.Kind.DOCX
    assert cv.original_name == "resume.docx"


def test_the_second_cv_is_not_the_default(candidate):
    first = cvs.cv_upload(owner=candidate, file=documents.upload(documents.good_pdf()), name="a")
    second = cvs.cv_upload(owner=candidate, file=documents.upload(documents.good_pdf()), name="b")
    assert first.is_default
    assert not second.is_default
    assert (first.original_name, second.original_name) == ("a.pdf", "b.pdf")


BAD_UPLOADS = {
    "png renamed to .pdf": (documents.png_bytes, "photo.pdf", "not a PDF or a Word document"),
    "oversize": (lambda: b"%PDF-" + bytes(5 * 1024 * 1024 - 4), "big.pdf", "larger than 5 MB"),
    "empty": (lambda: b"", "empty.pdf", "empty"),
    "encrypted pdf": (documents.encrypted_pdf, "locked.pdf", "protected with a password"),
    "truncated pdf": (documents.truncated_pdf, "cut.pdf", "damaged or incomplete"),
    "docx zip bomb": (documents.zip_bomb_docx, "bomb.docx", "expands to far more data"),
    "docx with too many parts": (documents.many_entries_docx, "many.docx", "expands to far"),
    "zip that is not a docx": (documents.zip_not_docx, "notes.docx", "not a Word document"),
    "corrupt docx": (lambda: b"PK\x03\x04" + bytes(300), "broken.docx", "damaged"),
    "path-like name": (documents.good_pdf, "../../etc/passwd.pdf", "looks like a path"),
    "windows path": (documents.good_pdf, "C:\\Users\\me\\cv.pdf", "looks like a path"),
    "parent directory": (documents.good_pdf, "..", "looks like a path"),
    "control characters": (documents.good_pdf, "cv\x00\r\n.pdf", "cannot be shown"),
    "very long name": (documents.good_pdf, "a" * 300 + ".pdf", "too long"),
}


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_bad_uploads_are_refused_and_leave_nothing(candidate, committed, enqueued_parses, case):
    build, name, message = BAD_UPLOADS[case]
    before = documents.private_files()
    with committed(), pytest.raises(DomainError, match=message):
        cvs.cv_upload(owner=candidate, file=documents.upload(build()), name=name)
    assert not CV.objects.exists()
    assert documents.private_files() == before
    assert enqueued_parses == []


def test_the_oversize_check_does_not_read_past_the_limit(candidate):
    class Endless:
        """A file claiming no size that would yield bytes forever."""

        read_sizes = []

        def seek(self, offset):
            pass

        def read(self, size=-1):
            assert size != -1, "read everything into memory"
            self.read_sizes.append(size)
            return b"%PDF-" + bytes(size - 5)

    with pytest.raises(DomainError, match="larger than 5 MB"):
        cvs.cv_upload(owner=candidate, file=Endless(), name="cv.pdf")
    assert Endless.read_sizes == [CV.MAX_BYTES + 1]
    with pytest.raises(DomainError, match="larger than 5 MB"):
        cvs.cv_upload(owner=candidate, file=Endless(), name="cv.pdf", size=CV.MAX_BYTES + 1)
    assert Endless.read_sizes == [CV.MAX_BYTES + 1]  # refused on the declared size alone


def test_exactly_5_mb_is_allowed(candidate):
    data = documents.good_pdf()
    # Padding after %%EOF is ignored by PDF readers; the file is still a valid PDF.
    data += b"\n%" + b"x" * (CV.MAX_BYTES - len(data) - 2)
    assert len(data) == CV.MAX_BYTES
    cv = cvs.cv_upload(owner=candidate, file=documents.upload(data), name="full.pdf")
    assert cv.size == CV.MAX_BYTES


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ('My "best" CV.pdf', "pdf", "My best CV.pdf"),
        ("  .hidden.pdf ", "pdf", "hidden.pdf"),
        ("cv.PDF", "docx", "cv.docx"),
        ("no extension", "pdf", "no extension.pdf"),
        ("陳大文 履歷.docx", "docx", "陳大文 履歷.docx"),
        ("", "pdf", "CV.pdf"),
        ("CV..final.pdf", "pdf", "CV..final.pdf"),
        ('<>:"|?*.pdf', "pdf", "CV.pdf"),
        ("x" * 200 + ".pdf", "pdf", "x" * 116 + ".pdf"),
    ],
)
def test_original_names_are_cleaned(name, kind, expected):
    cleaned = cvs.cv_clean_name(name, kind)
    assert cleaned == expected
    assert len(cleaned) <= 120


def test_only_candidates_upload(employer):
    with pytest.raises(DomainError, match="Only candidates"):
        cvs.cv_upload(owner=employer, file=documents.upload(documents.good_pdf()), name="a.pdf")
    assert not CV.objects.exists()


def test_at_most_ten_cvs(candidate):
    factories.CVFactory.create_batch(9, owner=candidate, is_default=False)
    factories.CVFactory(owner=candidate)
    before = documents.private_files()
    with pytest.raises(DomainError, match="at most 10 CVs"):
        cvs.cv_upload(owner=candidate, file=documents.upload(documents.good_pdf()), name="x")
    assert CV.objects.filter(owner=candidate).count() == 10
    assert documents.private_files() == before


def test_make_default_switches_atomically_and_is_idempotent(candidate):
    old = factories.CVFactory(owner=candidate)
    new = factories.CVFactory(owner=candidate, is_default=False)
    for _ in range(2):
        cvs.cv_make_default(cv=new, by=candidate)
        assert list(CV.objects.filter(owner=candidate, is_default=True)) == [new]
    old.refresh_from_db()
    assert not old.is_default


def test_the_database_refuses_two_defaults(candidate):
    factories.CVFactory(owner=candidate)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.CVFactory(owner=candidate, is_default=True)


def test_another_candidate_cannot_touch_my_cv(candidate):
    cv = factories.CVFactory(owner=candidate, is_default=False)
    factories.CVFactory(owner=candidate)
    other = factories.CandidateFactory()
    with pytest.raises(DomainError):
        cvs.cv_make_default(cv=cv, by=other)
    with pytest.raises(DomainError):
        cvs.cv_delete(cv=cv, by=other)
    cv.refresh_from_db()
    assert not cv.is_default


def test_delete_removes_the_file_after_commit_and_passes_the_default_on(candidate, committed):
    oldest = factories.CVFactory(owner=candidate, is_default=False)
    newest = factories.CVFactory(owner=candidate, is_default=False)
    default = factories.CVFactory(owner=candidate)
    file_name = default.file.name
    with committed():
        cvs.cv_delete(cv=default, by=candidate)
        assert file_name in documents.private_files()  # not before the commit
    assert file_name not in documents.private_files()
    assert not CV.objects.filter(pk=default.pk).exists()
    assert list(CV.objects.filter(owner=candidate, is_default=True)) == [newest]
    assert oldest.file.name in documents.private_files()


def test_delete_of_the_last_cv_leaves_no_default(candidate, committed):
    cv = factories.CVFactory(owner=candidate)
    with committed():
        cvs.cv_delete(cv=cv, by=candidate)
    assert not CV.objects.exists()
    assert cv.file.name not in documents.private_files()


def test_a_rolled_back_delete_keeps_the_file(candidate, django_capture_on_commit_callbacks):
    cv = factories.CVFactory(owner=candidate)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cvs.cv_delete(cv=cv, by=candidate)
    # The transaction never committed, so the callback that removes the file never ran
    # (nor the one refreshing the candidate's match features).
    assert len(callbacks) == 2
    assert cv.file.name in documents.private_files()


def test_a_cv_used_in_an_application_can_be_deleted(candidate, committed):
    cv = factories.CVFactory(owner=candidate)
    application = factories.ApplicationFactory(candidate=candidate, cv=cv)
    with committed():
        cvs.cv_delete(cv=cv, by=candidate)
    application = Application.objects.get(pk=application.pk)
    assert application.cv is None


def _skills(*slugs):
    return list(Skill.objects.filter(slug__in=slugs))


def test_confirm_adds_only_the_chosen_suggested_skills(candidate):
    cv = factories.CVFactory(owner=candidate)
    cv.suggested_skills.set(_skills("python", "pytorch", "docker"))
    profile = profile_get_or_create(user=candidate)
    profile.skills.set(_skills("python"))
    added = cvs.profile_skills_add_from_cv(cv=cv, by=candidate, skills=_skills("python", "pytorch"))
    assert [skill.slug for skill in added] == ["pytorch"]
    assert sorted(profile.skills.values_list("slug", flat=True)) == ["python", "pytorch"]
    # Again: nothing new, nothing removed.
    assert cvs.profile_skills_add_from_cv(cv=cv, by=candidate, skills=_skills("pytorch")) == []
    assert profile.skills.count() == 2


def test_confirm_refuses_a_skill_that_was_not_suggested(candidate):
    cv = factories.CVFactory(owner=candidate)
    cv.suggested_skills.set(_skills("python"))
    with pytest.raises(DomainError, match="Only skills found in this CV"):
        cvs.profile_skills_add_from_cv(cv=cv, by=candidate, skills=_skills("python", "verilog"))
    assert not profile_get_or_create(user=candidate).skills.exists()


def test_confirm_refuses_another_candidates_cv(candidate):
    cv = factories.CVFactory()
    cv.suggested_skills.set(_skills("python"))
    with pytest.raises(DomainError):
        cvs.profile_skills_add_from_cv(cv=cv, by=candidate, skills=_skills("python"))
    assert not profile_get_or_create(user=candidate).skills.exists()


def test_a_docx_declaring_too_much_data_in_all_is_refused(candidate, monkeypatch):
    # The total is checked on its own, not only the ratio of each part.
    monkeypatch.setattr(cvs, "DOCX_MAX_UNCOMPRESSED", 1_000)
    with pytest.raises(DomainError, match="expands to far more data"):
        cvs.cv_upload(owner=candidate, file=documents.upload(documents.good_docx()), name="a")
    assert not CV.objects.exists()
