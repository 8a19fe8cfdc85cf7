"""Privacy services: data export, account deletion, retention."""

import datetime
import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone, translation

from accounts.models import User
from applications.models import (
    Application,
    ApplicationNote,
    ScreeningAnswer,
    Stage,
    StageChange,
)
from companies.models import CompanyMember
from hkstp_portal.errors import DomainError
from notifications.outbox import email_render_and_enqueue
from skills.models import Skill
from talent.models import (
    CV,
    CandidateProfile,
    DataExport,
    EducationEntry,
    ExperienceEntry,
    SavedJob,
)
from talent.services import privacy
from tests import factories
from tests.storage import assert_no_orphans, isolated_storage_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(isolated_storage):
    """A candidate with a full profile, two CVs, two applications and a saved job."""
    user = factories.CandidateFactory(name="Chan Tai Man", language="zh-hant")
    user.privacy_accepted_at = timezone.now()
    user.save()
    profile = factories.CandidateProfileFactory(user=user, summary="FPGA and embedded C")
    skill = Skill.objects.first() or Skill.objects.create(name="Verilog", slug="verilog")
    profile.skills.add(skill)
    ExperienceEntry.objects.create(
        profile=profile,
        title="Intern",
        organisation="Harbour Labs",
        started_on=datetime.date(2024, 6, 1),
        ended_on=datetime.date(2024, 8, 31),
    )
    EducationEntry.objects.create(
        profile=profile, institution="HKUST", level="bachelor", graduation_year=2025
    )
    cv = factories.CVFactory(owner=user, original_name="CV.pdf")
    other_cv = factories.CVFactory(owner=user, original_name="CV.pdf", is_default=False)
    application = factories.InterviewApplicationFactory(candidate=user, cv=cv)
    ScreeningAnswer.objects.create(
        application=application, question_text="Right to work in HK?", answer="yes"
    )
    StageChange.objects.create(application=application, from_stage="new", to_stage="interview")
    ApplicationNote.objects.create(application=application, body="Strong FPGA, weak English")
    factories.RejectedApplicationFactory(candidate=user, cv=other_cv)
    factories.SavedJobFactory(user=user)
    return user


def _zip(export):
    with export.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


# --- Export request ------------------------------------------------------------------


def test_request_creates_a_pending_export_and_builds_it_after_commit(person, committed):
    with committed():
        export = privacy.data_export_request(user=person)
        assert DataExport.objects.get(pk=export.pk).status == DataExport.Status.PENDING

    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    assert export.ready_at is not None
    assert export.file.name.startswith("exports/")


def test_only_one_pending_export_at_a_time(person):
    privacy.data_export_request(user=person)  # on_commit never runs: it stays pending
    with pytest.raises(DomainError, match="already being prepared"):
        privacy.data_export_request(user=person)
    assert DataExport.objects.filter(user=person).count() == 1


def test_a_pending_export_lost_by_its_worker_stops_blocking(person):
    stale = DataExport.objects.create(user=person)
    DataExport.objects.filter(pk=stale.pk).update(
        requested_at=timezone.now() - privacy.EXPORT_STALE_AFTER - datetime.timedelta(minutes=1)
    )
    privacy.data_export_request(user=person)
    assert DataExport.objects.filter(user=person).count() == 2


def test_at_most_three_exports_in_24_hours_failed_ones_excepted(person):
    for _ in range(privacy.EXPORTS_PER_DAY):
        DataExport.objects.create(user=person, status=DataExport.Status.FAILED)
    for _ in range(privacy.EXPORTS_PER_DAY):
        export = privacy.data_export_request(user=person)
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
        # Failed requests do not count; mark this one "ready" instead so it does.
        DataExport.objects.filter(pk=export.pk).update(
            status=DataExport.Status.READY, file="exports/x.zip", ready_at=timezone.now()
        )
    with pytest.raises(DomainError, match="at most 3 times in 24 hours"):
        privacy.data_export_request(user=person)

    # A day later the oldest no longer count.
    DataExport.objects.filter(user=person).update(
        requested_at=timezone.now() - datetime.timedelta(hours=25)
    )
    privacy.data_export_request(user=person)


# --- Export contents -------------------------------------------------------------------


def test_the_zip_holds_all_the_persons_data_and_cv_files(person, committed):
    previous = DataExport.objects.create(user=person, status=DataExport.Status.FAILED)
    with committed():
        export = privacy.data_export_request(user=person)
    export.refresh_from_db()
    archive = _zip(export)

    assert sorted(archive.namelist()) == ["cvs/CV (2).pdf", "cvs/CV.pdf", "data.json"]
    for cv in CV.objects.filter(owner=person):
        assert any(archive.read(n) == cv.file.open("rb").read() for n in archive.namelist())
    data = json.loads(archive.read("data.json"))
    account = data["account"]
    assert account["name"] == "Chan Tai Man"
    assert account["email"] == person.email
    assert account["language"] == "zh-hant"
    assert account["privacy_notice_accepted"] is not None
    assert account["email_addresses"] == [
        {"email": person.email, "verified": True, "primary": True}
    ]
    profile = data["candidate_profile"]
    assert set(CandidateProfile.EDITABLE_FIELDS) <= set(profile)
    assert profile["summary"] == "FPGA and embedded C"
    assert len(profile["skills"]) == 1
    assert profile["experience"][0]["organisation"] == "Harbour Labs"
    assert profile["education"][0]["institution"] == "HKUST"
    assert {cv["file_in_this_zip"] for cv in data["cvs"]} == {"cvs/CV.pdf", "cvs/CV (2).pdf"}
    assert len(data["applications"]) == 2
    interview = next(a for a in data["applications"] if a["stage"] == "interview")
    with translation.override("zh-hant"):
        assert interview["stage_label"] == str(Stage.INTERVIEW.label)
    assert interview["cover_note"] == "I would love to join the team."
    assert interview["screening_answers"] == [{"question": "Right to work in HK?", "answer": "yes"}]
    assert interview["history"][0]["to"] == "interview"
    assert len(data["saved_jobs"]) == 1
    assert [e["status"] for e in data["previous_data_exports"]] == ["failed", "pending"]
    assert str(previous.requested_at.year) in data["previous_data_exports"][0]["requested_at"]
    # The company's private notes are its own data, not the candidate's.
    assert "weak English" not in archive.read("data.json").decode()


def test_the_zip_also_holds_fairs_programmes_alerts_and_notifications(person, committed):
    from alerts.models import SavedSearch
    from events.models import InterviewSlot
    from notifications.services import notification_create

    SavedSearch.objects.create(user=person, name="FPGA roles", query="q=fpga")
    registration = factories.RegistrationFactory(candidate=person)
    drop = factories.BoothDropFactory(candidate=person, cv=CV.objects.filter(owner=person)[0])
    slot = factories.InterviewSlotFactory(exhibitor=drop.exhibitor)
    InterviewSlot.objects.filter(pk=slot.pk).update(
        candidate=person, booked_at=slot.starts_at, outcome_note="Nervous but sharp"
    )
    programme_application = factories.ProgrammeApplicationFactory(candidate=person)
    placement = factories.PlacementFactory(programme=programme_application.programme)
    programme_application.preferences.create(placement=placement, rank=1)
    notification_create(
        recipient=person,
        kind="application_stage",
        key="test:export",
        template="application_stage",
        context={"job_title": "FPGA Engineer", "company_name": "Harbour Labs", "stage": "offer"},
        channels=("in_app",),
    )
    with committed():
        export = privacy.data_export_request(user=person)
    export.refresh_from_db()
    data = json.loads(_zip(export).read("data.json"))

    assert [s["name"] for s in data["saved_searches"]] == ["FPGA roles"]
    assert data["event_registrations"][0]["ticket_code"] == registration.code
    assert data["cvs_left_at_booths"][0]["company"] == drop.exhibitor.company.name
    assert len(data["interviews_booked"]) == 1
    assert data["programme_applications"][0]["choices"] == [
        {"rank": 1, "placement": placement.title, "company": placement.company.name}
    ]
    (notification,) = data["notifications"]
    assert "FPGA Engineer" in notification["title"]
    # The company's own interview notes stay out, like private notes on applications.
    assert "Nervous" not in json.dumps(data, ensure_ascii=False)


def test_cv_names_cannot_escape_the_cvs_folder(isolated_storage, committed):
    cv = factories.CVFactory(original_name='../../etc/passwd "CV".pdf')
    factories.CVFactory(owner=cv.owner, original_name="..\\..\\x", is_default=False)
    with committed():
        export = privacy.data_export_request(user=cv.owner)
    export.refresh_from_db()
    names = _zip(export).namelist()
    assert sorted(names) == ['cvs/passwd "CV".pdf', "cvs/x", "data.json"]


def test_an_employer_exports_their_account_and_membership(isolated_storage, committed):
    member = factories.CompanyAdminFactory()
    with committed():
        export = privacy.data_export_request(user=member.user)
    export.refresh_from_db()
    data = json.loads(_zip(export).read("data.json"))
    assert data["account"]["account_type"] == "employer"
    assert data["company_membership"]["company"] == member.company.name
    assert data["cvs"] == []
    assert data["applications"] == []


def test_the_ready_email_links_to_the_privacy_page_not_the_file(person, committed, mailoutbox):
    with committed():
        export = privacy.data_export_request(user=person)
    export.refresh_from_db()
    (message,) = mailoutbox
    assert message.to == [person.email]
    assert "/me/privacy/" in message.body
    assert export.file.name not in message.body
    assert "download" not in message.body.split("/me/privacy/")[1].split()[0]


# --- Export build: idempotence and failure ------------------------------------------------


def test_building_twice_makes_one_file_and_a_ready_export_is_not_rebuilt(person, mailoutbox):
    export = DataExport.objects.create(user=person)
    privacy.data_export_build(export_id=export.pk)
    export.refresh_from_db()
    first = (export.file.name, export.ready_at)

    privacy.data_export_build(export_id=export.pk)
    export.refresh_from_db()
    assert (export.file.name, export.ready_at) == first
    assert_no_orphans(export.file.storage)


def test_building_an_unknown_export_does_nothing(db):
    assert privacy.data_export_build(export_id=987654) is None


def test_a_failed_build_marks_failed_leaves_no_file_and_says_so(
    person, monkeypatch, committed, mailoutbox
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    export = DataExport.objects.create(user=person)
    monkeypatch.setattr(privacy, "_export_data", broken)
    with committed():
        privacy.data_export_build(export_id=export.pk)

    export.refresh_from_db()
    assert export.status == DataExport.Status.FAILED
    assert not export.file
    assert_no_orphans(CV._meta.get_field("file").storage)
    assert "未能準備" in mailoutbox[0].subject  # in the person's language (zh-hant)


def test_a_failure_while_saving_the_row_removes_the_stored_zip(person, monkeypatch):
    export = DataExport.objects.create(user=person)
    real_save = DataExport.save

    def save_fails_once_ready(self, *args, **kwargs):
        if self.status == DataExport.Status.READY:
            raise RuntimeError("database went away")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(DataExport, "save", save_fails_once_ready)
    privacy.data_export_build(export_id=export.pk)

    export.refresh_from_db()
    assert export.status == DataExport.Status.FAILED
    storage = CV._meta.get_field("file").storage
    assert not storage.exists("exports") or storage.listdir("exports")[1] == []


# --- Export expiry -----------------------------------------------------------------------


def test_expired_exports_are_deleted_with_their_files(person, committed):
    old = DataExport.objects.create(user=person)
    privacy.data_export_build(export_id=old.pk)
    fresh = DataExport.objects.create(user=person)
    privacy.data_export_build(export_id=fresh.pk)
    old.refresh_from_db()
    DataExport.objects.filter(pk=old.pk).update(
        ready_at=timezone.now() - datetime.timedelta(days=DataExport.VALID_DAYS, minutes=1)
    )
    storage = old.file.storage

    with committed():
        assert privacy.data_exports_expire() == 1

    assert list(DataExport.objects.filter(user=person)) == [fresh]
    assert not storage.exists(old.file.name)
    assert storage.exists(fresh.file.name)
    assert_no_orphans(storage)
    with committed():
        assert privacy.data_exports_expire() == 0


def test_expiry_marks_lost_pending_exports_failed_and_sweeps_unnamed_files(person, committed):
    lost = DataExport.objects.create(user=person)
    long_ago = timezone.now() - datetime.timedelta(hours=3)
    DataExport.objects.filter(pk=lost.pk).update(requested_at=long_ago)
    storage = CV._meta.get_field("file").storage
    leftover = storage.save("exports/leftover.zip", io.BytesIO(b"PK"))
    import os

    os.utime(storage.path(leftover), (long_ago.timestamp(), long_ago.timestamp()))
    building = storage.save("exports/being-built.zip", io.BytesIO(b"PK"))

    with committed():
        privacy.data_exports_expire()

    lost.refresh_from_db()
    assert lost.status == DataExport.Status.FAILED
    assert not storage.exists(leftover)
    assert storage.exists(building)  # a build still running may be writing it


# --- Account deletion -------------------------------------------------------------------


def test_deleting_a_candidate_anonymises_applications_and_removes_everything_else(
    person, committed, mailoutbox, monkeypatch
):
    export = DataExport.objects.create(user=person)
    privacy.data_export_build(export_id=export.pk)
    mailoutbox.clear()
    storage = CV._meta.get_field("file").storage
    files = [cv.file.name for cv in CV.objects.filter(owner=person)]
    files.append(DataExport.objects.get(pk=export.pk).file.name)
    application_ids = set(person.applications.values_list("pk", flat=True))
    recruiter = factories.EmployerFactory()
    StageChange.objects.filter(application__candidate=person).update(by=recruiter)
    pk, email = person.pk, person.email
    languages = []

    def record_language(**kwargs):
        languages.append(kwargs["language"])
        return email_render_and_enqueue(**kwargs)

    monkeypatch.setattr(privacy, "email_render_and_enqueue", record_language)
    with committed():
        privacy.account_delete(user=person)

    assert not User.objects.filter(pk=pk).exists()
    assert not CV.objects.filter(owner_id=pk).exists()
    assert not CandidateProfile.objects.filter(user_id=pk).exists()
    assert not SavedJob.objects.filter(user_id=pk).exists()
    assert not DataExport.objects.filter(user_id=pk).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not any(storage.exists(name) for name in files)
    # The company still counts the applications, without anything about the person.
    kept = Application.objects.filter(pk__in=application_ids)
    assert kept.count() == 2
    assert set(kept.values_list("stage", flat=True)) == {Stage.INTERVIEW, Stage.REJECTED}
    for application in kept:
        assert application.candidate_id is None
        assert application.cv_id is None
        assert application.cover_note == ""
        assert application.anonymised_at is not None
    assert not ScreeningAnswer.objects.filter(application__in=kept).exists()
    assert not ApplicationNote.objects.filter(application__in=kept).exists()
    assert list(StageChange.objects.filter(application__in=kept).values_list("by", flat=True)) == [
        recruiter.pk
    ]
    assert_no_orphans(storage)
    (message,) = mailoutbox
    assert message.to == [email]
    assert "已刪除" in message.subject
    assert languages == ["zh-hant"]  # the person's language


def test_a_rollback_after_deletion_leaves_rows_and_files(person, committed, mailoutbox):
    from django.db import transaction

    storage = CV._meta.get_field("file").storage
    files = [cv.file.name for cv in CV.objects.filter(owner=person)]

    class Abort(Exception):
        pass

    def delete_then_fail():
        with transaction.atomic():
            privacy.account_delete(user=person)
            raise Abort

    with committed(), pytest.raises(Abort):
        delete_then_fail()

    assert User.objects.filter(pk=person.pk).exists()
    assert CV.objects.filter(owner=person).count() == 2
    assert Application.objects.filter(candidate=person, anonymised_at__isnull=True).count() == 2
    assert all(storage.exists(name) for name in files)
    assert mailoutbox == []
    assert_no_orphans(storage)


def test_staff_cannot_delete_their_account(staff):
    with pytest.raises(DomainError, match="staff"):
        privacy.account_delete(user=staff)
    assert User.objects.filter(pk=staff.pk).exists()


def test_the_last_admin_of_a_company_cannot_leave_it_without_one(db):
    member = factories.CompanyAdminFactory()
    factories.CompanyMemberFactory(company=member.company)  # a recruiter is not enough
    with pytest.raises(DomainError, match="only admin"):
        privacy.account_delete(user=member.user)
    assert CompanyMember.objects.filter(pk=member.pk).exists()


def test_an_admin_with_a_co_admin_leaves_and_the_company_stays(db, committed):
    member = factories.CompanyAdminFactory()
    other = factories.CompanyAdminFactory(company=member.company)
    application = factories.ApplicationFactory(job__company=member.company)
    note = ApplicationNote.objects.create(application=application, author=member.user, body="ok")
    with committed():
        privacy.account_delete(user=member.user)
    assert not User.objects.filter(pk=member.user.pk).exists()
    assert list(member.company.members.all()) == [other]
    note.refresh_from_db()
    assert note.author is None
    application.refresh_from_db()
    assert application.candidate is not None  # the company's applicants are not touched


def test_a_recruiter_deletes_their_account(db, committed):
    member = factories.CompanyMemberFactory()
    with committed():
        privacy.account_delete(user=member.user)
    assert not CompanyMember.objects.filter(pk=member.pk).exists()
    assert member.company.__class__.objects.filter(pk=member.company.pk).exists()


# --- Retention ----------------------------------------------------------------------------

NOW = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=datetime.UTC)


def _at(application, when):
    Application.objects.filter(pk=application.pk).update(stage_changed_at=when)


@pytest.fixture
def cutoff(settings):
    settings.APPLICATION_RETENTION_MONTHS = 24
    return datetime.datetime(2024, 11, 25, 10, 0, tzinfo=datetime.UTC)


def test_retention_cutoff_is_the_configured_months_ago(settings, cutoff):
    assert privacy.application_retention_cutoff(NOW) == cutoff
    settings.APPLICATION_RETENTION_MONTHS = 6
    assert privacy.application_retention_cutoff(NOW) == datetime.datetime(
        2026, 5, 25, 10, 0, tzinfo=datetime.UTC
    )


def test_retention_boundary_exactly_at_the_limit_is_kept_a_day_older_goes(
    isolated_storage,
    cutoff,
):
    at_limit = factories.RejectedApplicationFactory()
    day_older = factories.RejectedApplicationFactory()
    ScreeningAnswer.objects.create(application=day_older, question_text="Q", answer="A")
    ApplicationNote.objects.create(application=day_older, body="not for us")
    _at(at_limit, cutoff)
    _at(day_older, cutoff - datetime.timedelta(days=1))

    assert privacy.applications_retention_apply(now=NOW) == 1

    at_limit.refresh_from_db()
    day_older.refresh_from_db()
    assert at_limit.candidate is not None
    assert at_limit.anonymised_at is None
    assert day_older.candidate is None
    assert day_older.cv is None
    assert day_older.cover_note == ""
    assert day_older.anonymised_at == NOW
    assert day_older.stage == Stage.REJECTED
    assert day_older.rejection_reason == "skills"
    assert not day_older.answers.exists()
    assert not day_older.notes.exists()


def test_retention_touches_only_rejected_and_withdrawn(isolated_storage, cutoff):
    old = cutoff - datetime.timedelta(days=400)
    touched = [factories.RejectedApplicationFactory(), factories.WithdrawnApplicationFactory()]
    untouched = [
        factories.ApplicationFactory(),
        factories.InterviewApplicationFactory(),
        factories.ApplicationFactory(stage=Stage.HIRED),
        factories.ApplicationFactory(stage=Stage.OFFER),
    ]
    for application in touched + untouched:
        _at(application, old)

    assert privacy.applications_retention_apply(now=NOW) == 2
    assert set(
        Application.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
    ) == {a.pk for a in touched}


def test_retention_is_idempotent_and_keeps_the_candidates_cv(isolated_storage, cutoff):
    application = factories.WithdrawnApplicationFactory()
    cv = application.cv
    _at(application, cutoff - datetime.timedelta(days=1))

    assert privacy.applications_retention_apply(now=NOW) == 1
    assert privacy.applications_retention_apply(now=NOW) == 0
    assert privacy.applications_retention_apply(now=NOW + datetime.timedelta(days=1)) == 0

    application.refresh_from_db()
    assert application.anonymised_at == NOW  # not moved by the later runs
    assert CV.objects.filter(pk=cv.pk).exists()
    assert isolated_storage.exists(cv.file.name)
    assert_no_orphans(isolated_storage)


def test_retention_runs_in_a_fixed_number_of_queries(
    isolated_storage,
    cutoff,
    django_assert_max_num_queries,
):
    for _ in range(5):
        _at(factories.RejectedApplicationFactory(), cutoff - datetime.timedelta(days=2))
    with django_assert_max_num_queries(8):
        assert privacy.applications_retention_apply(now=NOW) == 5
