"""Privacy under Hong Kong's PDPO: data export, account deletion, retention, file clean-up.

Files in the private storage follow their rows: a file is written as the last step
before its row commits, and deleted only after the deleting transaction commits, so
a rollback never leaves a row without its file, nor (barring a crash) a file without
its row. `data_exports_expire` also sweeps export files that no row names.
"""

import datetime
import json
import logging
import re
import tempfile
import unicodedata
import zipfile
from pathlib import PurePosixPath

from allauth.account.models import EmailAddress
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from alerts.models import SavedSearch
from applications.models import Application, ApplicationNote, ScreeningAnswer, Stage
from companies.models import CompanyMember
from events.models import BoothDrop, InterviewSlot, Registration
from hkstp_portal.errors import DomainError
from matching.models import Invitation, Match
from notifications.emails import notification_title
from notifications.models import Notification
from notifications.outbox import email_render_and_enqueue
from programmes.models import ProgrammeApplication
from talent.models import CV, CandidateProfile, DataExport, SavedJob, private_storage
from talent.services.files import private_files_delete, private_files_delete_on_commit

logger = logging.getLogger(__name__)

EXPORTS_PER_DAY = 3
# A pending export older than this was lost by its worker; it stops blocking new requests.
EXPORT_STALE_AFTER = datetime.timedelta(hours=2)
UNSUCCESSFUL_STAGES = (Stage.REJECTED, Stage.WITHDRAWN)
DELETE_CONFIRMATION_WORD = "DELETE"


# --- Export -----------------------------------------------------------------------


def data_export_expires_at(export: DataExport) -> datetime.datetime:
    return (export.ready_at or export.requested_at) + datetime.timedelta(days=DataExport.VALID_DAYS)


@transaction.atomic
def data_export_request(*, user: User) -> DataExport:
    """Start preparing a zip of everything the portal holds about `user` (the user only).

    Refused while another export is being prepared, and after EXPORTS_PER_DAY requests in
    24 hours (failed ones do not count). The Celery task is enqueued after commit.
    """
    from talent.tasks import data_export_build_task

    # Serialises two clicks of the button: the second sees the first one's row.
    User.objects.select_for_update().filter(pk=user.pk).first()
    now = timezone.now()
    exports = DataExport.objects.filter(user=user)
    if exports.filter(
        status=DataExport.Status.PENDING, requested_at__gt=now - EXPORT_STALE_AFTER
    ).exists():
        raise DomainError(
            _("Your data is already being prepared. We will email you when it is ready.")
        )
    recent = exports.filter(requested_at__gt=now - datetime.timedelta(hours=24)).exclude(
        status=DataExport.Status.FAILED
    )
    if recent.count() >= EXPORTS_PER_DAY:
        raise DomainError(
            _(
                "You can download your data at most %(count)d times in 24 hours. "
                "Please use a recent download or try again tomorrow."
            )
            % {"count": EXPORTS_PER_DAY}
        )
    export = DataExport.objects.create(user=user)
    transaction.on_commit(lambda: data_export_build_task.delay(export.pk))
    return export


def _zip_safe_name(name: str, fallback: str) -> str:
    """A file name that stays inside its folder when the zip is extracted."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/")
    name = PurePosixPath(name).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    return name[:120] or fallback


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}).{suffix}" if dot else f"{stem} ({n})"
    taken.add(candidate.lower())
    return candidate


def _export_data(user: User, cv_paths: dict[int, str]) -> dict:
    """Everything about `user`, except what belongs to others: a company's private notes
    about their applications, and who at the company moved them."""
    data = {
        "about": (
            "Your data held by the HKSTP Talent Portal, exported at your request under the "
            "Personal Data (Privacy) Ordinance (Cap. 486). Times are in UTC (ISO 8601). "
            "Companies' private notes about your applications are their own records and "
            "are not included."
        ),
        "exported_at": timezone.now(),
        "account": {
            "name": user.name,
            "email": user.email,
            "account_type": user.kind,
            "language": user.language,
            "joined": user.date_joined,
            "last_sign_in": user.last_login,
            "privacy_notice_accepted": user.privacy_accepted_at,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
        },
    }
    membership = CompanyMember.objects.select_related("company").filter(user=user).first()
    if membership:
        data["company_membership"] = {
            "company": membership.company.name,
            "role": membership.role,
            "since": membership.created_at,
        }
    profile = (
        CandidateProfile.objects.filter(user=user)
        .prefetch_related("skills", "experience", "education")
        .first()
    )
    if profile:
        data["candidate_profile"] = {
            **{field: getattr(profile, field) for field in CandidateProfile.EDITABLE_FIELDS},
            "updated_at": profile.updated_at,
            "skills": sorted(skill.name for skill in profile.skills.all()),
            "experience": [
                {
                    "title": entry.title,
                    "organisation": entry.organisation,
                    "from": entry.started_on,
                    "to": entry.ended_on,
                    "description": entry.description,
                }
                for entry in profile.experience.all()
            ],
            "education": [
                {
                    "institution": entry.institution,
                    "level": entry.level,
                    "field_of_study": entry.field_of_study,
                    "graduation_year": entry.graduation_year,
                }
                for entry in profile.education.all()
            ],
        }
    cvs = CV.objects.filter(owner=user).prefetch_related("suggested_skills").order_by("pk")
    data["cvs"] = [
        {
            "file_in_this_zip": cv_paths[cv.pk],
            "original_name": cv.original_name,
            "type": cv.kind,
            "size_bytes": cv.size,
            "default": cv.is_default,
            "uploaded_at": cv.uploaded_at,
            "reading_status": cv.parse_status,
            "text_read_from_it": cv.text,
            "skills_found_in_it": sorted(skill.name for skill in cv.suggested_skills.all()),
        }
        for cv in cvs
    ]
    applications = (
        Application.objects.filter(candidate=user)
        .select_related("job__company", "cv")
        .prefetch_related("answers", "history")
        .order_by("created_at", "pk")
    )
    with translation.override(user.language):
        data["applications"] = [
            {
                "job": application.job.title,
                "company": application.job.company.name,
                "stage": application.stage,
                "stage_label": str(application.get_stage_display()),
                "rejection_reason": application.rejection_reason,
                "applied_at": application.created_at,
                "stage_changed_at": application.stage_changed_at,
                "cv": application.cv.original_name if application.cv else None,
                "cover_note": application.cover_note,
                "screening_answers": [
                    {"question": answer.question_text, "answer": answer.answer}
                    for answer in application.answers.all()
                ],
                "history": [
                    {"from": change.from_stage, "to": change.to_stage, "at": change.at}
                    for change in application.history.all()
                ],
            }
            for application in applications
        ]
    data["saved_jobs"] = [
        {"job": saved.job.title, "company": saved.job.company.name, "saved_at": saved.created_at}
        for saved in SavedJob.objects.filter(user=user).select_related("job__company")
    ]
    data.update(_export_activity(user))
    data["previous_data_exports"] = [
        {"requested_at": export.requested_at, "status": export.status, "ready_at": export.ready_at}
        for export in DataExport.objects.filter(user=user).order_by("requested_at")
    ]
    return data


def _export_activity(user: User) -> dict:
    """What the person did and received beyond their profile and applications: saved
    searches, fairs (tickets, CVs left at booths, interviews booked), internship
    programmes, invitations, the jobs we matched them to, and their notifications.
    Companies' own notes (interview outcomes, programme interview notes) are left out,
    as for applications."""
    data = {
        "saved_searches": [
            {
                "name": search.name,
                "search": search.query,
                "frequency": search.frequency,
                "saved_at": search.created_at,
                "last_alert_at": search.last_notified_at,
            }
            for search in SavedSearch.objects.filter(user=user).order_by("created_at")
        ],
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at,
                "status": registration.status,
                "ticket_code": registration.code,
                "registered_at": registration.created_at,
                "checked_in_at": registration.checked_in_at,
                "cancelled_at": registration.cancelled_at,
                "sessions": [
                    entry.session.title for entry in registration.session_registrations.all()
                ],
            }
            for registration in Registration.objects.filter(candidate=user)
            .select_related("event")
            .prefetch_related("session_registrations__session")
            .order_by("created_at")
        ],
        "cvs_left_at_booths": [
            {
                "event": drop.exhibitor.event.title,
                "company": drop.exhibitor.company.name,
                "cv": drop.cv.original_name if drop.cv else None,
                "message": drop.message,
                "left_at": drop.created_at,
            }
            for drop in BoothDrop.objects.filter(candidate=user)
            .select_related("exhibitor__event", "exhibitor__company", "cv")
            .order_by("created_at")
        ],
        "interviews_booked": [
            {
                "event": slot.exhibitor.event.title,
                "company": slot.exhibitor.company.name,
                "starts_at": slot.starts_at,
                "ends_at": slot.ends_at,
                "where": slot.mode,
                "booked_at": slot.booked_at,
            }
            for slot in InterviewSlot.objects.filter(candidate=user)
            .select_related("exhibitor__event", "exhibitor__company")
            .order_by("starts_at")
        ],
        "programme_applications": [
            {
                "programme": application.programme.name,
                "status": application.status,
                "university": application.university,
                "country": application.country,
                "statement": application.statement,
                "applied_at": application.created_at,
                "choices": [
                    {
                        "rank": preference.rank,
                        "placement": preference.placement.title,
                        "company": preference.placement.company.name,
                    }
                    for preference in application.preferences.all()
                ],
            }
            for application in ProgrammeApplication.objects.filter(candidate=user)
            .select_related("programme")
            .prefetch_related("preferences__placement__company")
            .order_by("created_at")
        ],
        "invitations_to_apply": [
            {
                "job": invitation.job.title,
                "company": invitation.job.company.name,
                "invited_at": invitation.created_at,
                "message": invitation.message,
            }
            for invitation in Invitation.objects.filter(candidate=user)
            .select_related("job__company")
            .order_by("created_at")
        ],
        "jobs_matched_to_you": [
            {"job": match.job.title, "company": match.job.company.name, "score": match.score}
            for match in Match.objects.filter(candidate=user)
            .select_related("job__company")
            .order_by("-score", "job_id")
        ],
    }
    with translation.override(user.language):
        data["notifications"] = [
            {
                "kind": notification.kind,
                "channel": notification.channel,
                "title": notification_title(notification),
                "created_at": notification.created_at,
                "sent_at": notification.sent_at,
                "read_at": notification.read_at,
            }
            for notification in Notification.objects.filter(recipient=user).order_by(
                "created_at", "pk"
            )
        ]
    return data


def _export_zip_write(user: User, out) -> None:
    """data.json plus every CV file under cvs/<its original name>, deduplicated."""
    cvs = list(CV.objects.filter(owner=user).order_by("pk"))
    taken: set[str] = set()
    cv_paths = {
        cv.pk: "cvs/" + _unique(_zip_safe_name(cv.original_name, f"cv.{cv.kind}"), taken)
        for cv in cvs
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(
                _export_data(user, cv_paths), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
            ),
        )
        for cv in cvs:
            with cv.file.open("rb") as source, archive.open(cv_paths[cv.pk], "w") as target:
                while chunk := source.read(1024 * 1024):
                    target.write(chunk)


def data_export_build(*, export_id: int) -> DataExport | None:
    """Build the zip of a pending export, store it privately and email its owner.

    Idempotent: the export row is locked while it is built, and only a pending export
    is built, so two runs make one file and a ready export is never rebuilt. On any
    error the export is marked failed and no file is left behind. Called by the task.
    """
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update().select_related("user").filter(pk=export_id)
        ).first()
        if export is None or export.status != DataExport.Status.PENDING:
            return export
        stored_name = ""
        try:
            with transaction.atomic(), tempfile.TemporaryFile() as scratch:
                _export_zip_write(export.user, scratch)
                scratch.seek(0)
                # The file is written last, just before the row that names it commits.
                export.file.save("data.zip", File(scratch), save=False)
                stored_name = export.file.name
                export.status = DataExport.Status.READY
                export.ready_at = timezone.now()
                export.save(update_fields=["file", "status", "ready_at"])
        except Exception:
            logger.exception("Data export %s failed", export_id)
            private_files_delete([stored_name])
            export.file = ""
            export.status = DataExport.Status.FAILED
            export.ready_at = None
            export.save(update_fields=["file", "status", "ready_at"])
            template = "data_export_failed"
        else:
            template = "data_export_ready"
        user = export.user
        email_render_and_enqueue(
            to=user.email,
            template=template,
            context={"user": user, "valid_days": DataExport.VALID_DAYS},
            language=user.language,
        )
    return export


@transaction.atomic
def data_exports_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete exports older than DataExport.VALID_DAYS (rows, then their files after commit),
    mark exports lost by a worker as failed, and sweep export files no row names.
    Idempotent; run hourly by beat. Returns how many exports were deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=DataExport.VALID_DAYS)
    expired = DataExport.objects.filter(ready_at__lt=cutoff) | DataExport.objects.filter(
        ready_at__isnull=True, requested_at__lt=cutoff
    )
    expired = DataExport.objects.select_for_update().filter(pk__in=expired.values("pk"))
    names = [export.file.name for export in expired]
    count = expired.delete()[0]
    private_files_delete_on_commit(names)
    DataExport.objects.filter(
        status=DataExport.Status.PENDING, requested_at__lt=now - EXPORT_STALE_AFTER
    ).update(status=DataExport.Status.FAILED)
    transaction.on_commit(lambda: _export_files_sweep(older_than=now - EXPORT_STALE_AFTER))
    return count


def _export_files_sweep(*, older_than: datetime.datetime) -> None:
    """Delete export files that no row names (a worker killed between writing the file
    and committing its row). Only files older than a running build can be are touched."""
    storage = private_storage()
    try:
        _, files = storage.listdir("exports")
    except FileNotFoundError:
        return
    known = set(
        DataExport.objects.filter(file__startswith="exports/").values_list("file", flat=True)
    )
    for filename in files:
        name = f"exports/{filename}"
        if name not in known and storage.get_modified_time(name) < older_than:
            private_files_delete([name])


# --- Anonymising applications ----------------------------------------------------


def _applications_anonymise(applications: QuerySet, *, now: datetime.datetime) -> int:
    """Strip the personal data from these applications in a few set-based queries.

    The row stays for the company's figures: job, stage, rejection reason, dates and the
    stage history (who at the company moved it included). Gone: the candidate, the CV
    link, the cover note, the screening answers and the company's private notes.
    """
    ids = list(applications.filter(anonymised_at__isnull=True).values_list("pk", flat=True))
    if not ids:
        return 0
    ScreeningAnswer.objects.filter(application_id__in=ids).delete()
    ApplicationNote.objects.filter(application_id__in=ids).delete()
    return Application.objects.filter(pk__in=ids).update(
        candidate=None, cv=None, cover_note="", anonymised_at=now
    )


def application_retention_cutoff(now: datetime.datetime) -> datetime.datetime:
    return now - relativedelta(months=settings.APPLICATION_RETENTION_MONTHS)


@transaction.atomic
def applications_retention_apply(*, now: datetime.datetime | None = None) -> int:
    """Anonymise unsuccessful (rejected or withdrawn) applications whose last stage change
    is older than APPLICATION_RETENTION_MONTHS. Idempotent; run daily by beat.

    The candidate's CV files stay (they still own them, in their account); the application
    only stops pointing to one. Returns how many applications were anonymised.
    """
    now = now or timezone.now()
    due = Application.objects.select_for_update().filter(
        stage__in=UNSUCCESSFUL_STAGES,
        stage_changed_at__lt=application_retention_cutoff(now),
        anonymised_at__isnull=True,
    )
    return _applications_anonymise(due, now=now)


# --- Account deletion ---------------------------------------------------------------


def account_delete_check(*, user: User) -> None:
    """Raise DomainError if `user` may not delete their own account (shown before asking)."""
    if user.is_staff:
        raise DomainError(
            _("HKSTP staff accounts cannot be deleted here. Ask a portal administrator.")
        )
    membership = CompanyMember.objects.filter(user=user).select_related("company").first()
    if membership and membership.role == CompanyMember.Role.ADMIN:
        admins = CompanyMember.objects.filter(
            company=membership.company, role=CompanyMember.Role.ADMIN
        )
        if admins.count() <= 1:
            raise DomainError(
                _(
                    "You are the only admin of %(company)s. Make a colleague admin on the "
                    "team page first, so the company is not left without one."
                )
                % {"company": membership.company.name}
            )


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a candidate's or park company member's own account, for good.

    In one transaction: their applications are anonymised (kept for company figures),
    their CVs, profile, saved jobs, data exports, email addresses and company membership
    are deleted, then the account. CV and export files leave the storage only after
    commit, so a failure leaves everything as it was. Refused for staff and for a
    company's last admin. The person may call it only for themselves (after confirming);
    the confirmation email goes out after commit, in their language.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    # Lock the team, so two admins cannot both leave and leave the company without one.
    list(
        CompanyMember.objects.select_for_update().filter(
            company__members__user=user, role=CompanyMember.Role.ADMIN
        )
    )
    account_delete_check(user=user)
    email, language, name = user.email, user.language, user.name

    _applications_anonymise(Application.objects.filter(candidate=user), now=timezone.now())
    files = [cv.file.name for cv in CV.objects.filter(owner=user)]
    files += [export.file.name for export in DataExport.objects.filter(user=user)]
    CV.objects.filter(owner=user).delete()
    CandidateProfile.objects.filter(user=user).delete()
    SavedJob.objects.filter(user=user).delete()
    DataExport.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    CompanyMember.objects.filter(user=user).delete()
    user.delete()

    private_files_delete_on_commit(files)
    email_render_and_enqueue(
        to=email, template="account_deleted", context={"name": name}, language=language
    )
