"""Writes for jobs: editing, the posting lifecycle, and the search index.

The lifecycle (draft → pending review → published → closed or expired) is
enforced here, so the employer pages, the admin and the beat task all meet
the same rules; an invalid move raises DomainError.
"""

import datetime
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import F, Func, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Company, CompanyMember
from hkstp_portal.errors import DomainError
from hkstp_portal.pagecache import home_jobs_changed
from jobs.models import Job
from jobs.search_index import search_changes_record
from jobs.signals import job_published
from notifications.outbox import email_render_and_enqueue
from skills.models import Skill

Status = Job.Status


def _member(company: Company, user: User) -> CompanyMember:
    member = CompanyMember.objects.filter(company=company, user=user).first()
    if member is None:
        raise DomainError(_("You are not in this company's team."))
    return member


def _check_deadline(job: Job) -> None:
    if job.deadline and job.deadline < timezone.localdate():
        raise DomainError(_("The application deadline is in the past."))


def _set_fields(job: Job, fields: dict) -> tuple[list[Skill] | None, list[Skill] | None]:
    required = fields.pop("required_skills", None)
    preferred = fields.pop("preferred_skills", None)
    for key, value in fields.items():
        if key not in Job.EDITABLE_FIELDS:
            raise TypeError(f"unexpected job field {key!r}")
        setattr(job, key, value)
    return required, preferred


def _save_with_skills(job: Job, required, preferred) -> None:
    job.full_clean(exclude=["company"] if job.company_id else None)
    job.save()
    if required is not None:
        job.required_skills.set(required)
    if preferred is not None:
        # A skill is either required or preferred, never both.
        job.preferred_skills.set([s for s in preferred if s not in (required or [])])
    job_search_index([job.pk])


@transaction.atomic
def job_create(*, company: Company, by: User, **fields) -> Job:
    """A new draft. Any member of the company may draft, verified or not."""
    _member(company, by)
    job = Job(company=company, status=Status.DRAFT)
    required, preferred = _set_fields(job, fields)
    _check_deadline(job)
    _save_with_skills(job, required, preferred)
    return job


@transaction.atomic
def job_update(*, job: Job, by: User, **fields) -> Job:
    """Edit a draft, pending or published job. Members of the job's company only.

    A published job of a company that is not trusted goes back to review, so
    what is live is always what HKSTP approved.
    """
    _member(job.company, by)
    job = _locked(job)
    if job.status not in (Status.DRAFT, Status.PENDING, Status.PUBLISHED):
        raise DomainError(_("A closed or expired job cannot be edited."))
    required, preferred = _set_fields(job, fields)
    _check_deadline(job)
    if job.status == Status.PUBLISHED:
        if job.company.is_trusted:
            job.expires_at = job_expiry(job, job.published_at)
        else:
            job.status = Status.PENDING
            job.submitted_at = timezone.now()
            job.published_at = None
            job.expires_at = None
    _save_with_skills(job, required, preferred)
    return job


def job_expiry(job: Job, published_at: datetime.datetime) -> datetime.datetime:
    """The end of the deadline day in Hong Kong, or the default lifetime after publishing."""
    if job.deadline:
        next_day = job.deadline + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))
    return published_at + datetime.timedelta(days=Job.DEFAULT_LIFETIME_DAYS)


def _publish(job: Job, now: datetime.datetime) -> None:
    job.status = Status.PUBLISHED
    job.published_at = now
    job.expires_at = job_expiry(job, now)
    job.moderation_note = ""
    # Alerts and matching enqueue their tasks (their receivers.py).
    transaction.on_commit(lambda: job_published.send(sender=Job, job_id=job.pk))


def _locked(job: Job) -> Job:
    """The job, locked, with its company locked first.

    Company, then job: the order in which companies.services.company_reject takes them
    (it closes the company's jobs), so a refusal and a job's change wait for each other
    instead of deadlocking, and the change sees the company's status as decided.
    """
    Company.objects.select_for_update().filter(pk=job.company_id).values("pk").first()
    return Job.objects.select_for_update(of=("self",)).select_related("company").get(pk=job.pk)


@transaction.atomic
def job_submit(*, job: Job, by: User) -> Job:
    """Send a draft for review, or publish it at once if the company is trusted.

    Refused unless the company is verified, and for a deadline in the past.
    """
    _member(job.company, by)
    job = _locked(job)
    if job.status != Status.DRAFT:
        raise DomainError(_("Only a draft can be submitted."))
    if not job.company.is_verified:
        raise DomainError(
            _("Your company must be verified by HKSTP before its jobs can be published.")
        )
    _check_deadline(job)
    now = timezone.now()
    job.submitted_at = now
    if job.company.is_trusted:
        _publish(job, now)
    else:
        job.status = Status.PENDING
    job.save()
    search_changed([job.pk])
    return job


@transaction.atomic
def job_approve(*, job: Job, by: User) -> Job:
    """Publish a job pending review. HKSTP staff only."""
    if not by.is_staff:
        raise DomainError(_("Only HKSTP staff can moderate jobs."))
    job = _locked(job)
    if job.status != Status.PENDING:
        raise DomainError(_("Only a job pending review can be approved."))
    if not job.company.is_verified:
        raise DomainError(_("The company is not verified."))
    _check_deadline(job)
    _publish(job, timezone.now())
    job.save()
    search_changed([job.pk])
    return job


@transaction.atomic
def job_reject(*, job: Job, by: User, reason: str) -> Job:
    """Send a pending job back to draft with a reason the company sees and is emailed.

    HKSTP staff only.
    """
    if not by.is_staff:
        raise DomainError(_("Only HKSTP staff can moderate jobs."))
    if not reason.strip():
        raise DomainError(_("Give the company a reason."))
    job = _locked(job)
    if job.status != Status.PENDING:
        raise DomainError(_("Only a job pending review can be sent back."))
    job.status = Status.DRAFT
    job.moderation_note = reason.strip()
    job.save()
    for member in job.company.members.select_related("user"):
        email_render_and_enqueue(
            to=member.user.email,
            template="job_rejected",
            context={"job": job, "user": member.user},
            language=member.user.language,
        )
    return job


@transaction.atomic
def job_close(*, job: Job, by: User, reason: str) -> Job:
    """Close a published job as filled or withdrawn. Members of its company only."""
    _member(job.company, by)
    if reason not in Job.CLOSED_BY_COMPANY:
        raise DomainError(_("Say whether the job was filled or withdrawn."))
    job = _locked(job)
    if job.status != Status.PUBLISHED:
        raise DomainError(_("Only a published job can be closed."))
    job.status = Status.CLOSED
    job.closed_reason = reason
    job.closed_at = timezone.now()
    job.save()
    search_changed([job.pk])
    return job


def jobs_close_for_unverified_company(*, company: Company) -> list[int]:
    """Close every published job of `company`, which HKSTP has just refused to verify (or
    whose verification it withdrew); return their ids.

    For companies.services.company_reject, inside its transaction with the company row
    locked: each job is locked in turn, so an application being made waits, or is made
    before the job closes; one made after finds it closed (applications.services
    .application_submit locks the job). The jobs leave the search, the feed and the
    sitemap on commit (search_changed), and keep the reason COMPANY_NOT_VERIFIED, which
    the company's team and the admin see and which a later verification reopens.
    """
    ids = list(
        Job.objects.select_for_update(of=("self",))
        .filter(company=company, status=Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    now = timezone.now()  # once the locks are held: after any application they waited for
    if ids:
        Job.objects.filter(pk__in=ids).update(
            status=Status.CLOSED,
            closed_reason=Job.ClosedReason.COMPANY_NOT_VERIFIED,
            closed_at=now,
            updated_at=now,
        )
        search_changed(ids)
    return ids


def jobs_reopen_for_verified_company(*, company: Company) -> list[int]:
    """Reopen the jobs that were closed only because `company` was not verified, now that it
    is; return the reopened ids.

    For companies.services.company_verify, inside its transaction with the company row
    locked. A job whose expiry or application deadline passed meanwhile is not reopened
    but marked expired, as it would be had it stayed open. A reopened job keeps its
    publication date and expiry (HKSTP had approved it; it goes live as it was), and no
    alert or recommendation is sent again for it.
    """
    now = timezone.now()
    closed = Job.objects.select_for_update(of=("self",)).filter(
        company=company, status=Status.CLOSED, closed_reason=Job.ClosedReason.COMPANY_NOT_VERIFIED
    )
    reopen, expire = [], []
    for job in closed.order_by("pk").only("pk", "expires_at", "deadline"):
        past_deadline = job.deadline is not None and job.deadline < timezone.localdate(now)
        ended = job.expires_at is None or job.expires_at <= now or past_deadline
        (expire if ended else reopen).append(job.pk)
    if reopen:
        Job.objects.filter(pk__in=reopen).update(
            status=Status.PUBLISHED, closed_reason="", closed_at=None, updated_at=now
        )
    if expire:
        Job.objects.filter(pk__in=expire).update(
            status=Status.EXPIRED, closed_reason="", closed_at=None, updated_at=now
        )
    if reopen or expire:
        search_changed(reopen + expire)
    return reopen


@transaction.atomic
def job_withdraw_submission(*, job: Job, by: User) -> Job:
    """Take a job pending review back to draft. Members of its company only."""
    _member(job.company, by)
    job = _locked(job)
    if job.status != Status.PENDING:
        raise DomainError(_("Only a job pending review can be taken back."))
    job.status = Status.DRAFT
    job.save()
    return job


@transaction.atomic
def job_delete(*, job: Job, by: User) -> None:
    """Delete a draft. Anything ever submitted stays, for the record."""
    _member(job.company, by)
    job = _locked(job)
    if job.status != Status.DRAFT or job.submitted_at is not None:
        raise DomainError(_("Only a draft that was never submitted can be deleted."))
    job.delete()


def jobs_expire(*, now: datetime.datetime | None = None) -> int:
    """Mark every published job past its expiry as expired; returns how many.

    Idempotent and safe to run concurrently with itself (one UPDATE).
    """
    now = now or timezone.now()
    due = list(
        Job.objects.filter(status=Status.PUBLISHED, expires_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    if not due:
        return 0
    # The status test again: a job closed meanwhile stays closed.
    expired = Job.objects.filter(pk__in=due, status=Status.PUBLISHED).update(
        status=Status.EXPIRED, updated_at=now
    )
    search_changed(due)
    return expired


RANK_WEIGHTS = "%(function)s(%(expressions)s, '{a,b}'::\"char\"[])"


def search_changed(job_ids: Iterable[int]) -> None:
    """Tell the search bitmaps (jobs.search_index) and the home page's cached jobs that
    these jobs changed, once committed.

    Inside a transaction it is also recorded at once: a search in the same transaction
    (a shell, a test, a caller's atomic block) then reads its own writes, and a search
    elsewhere before the commit only re-reads the old rows, which the entry recorded
    on commit makes it read again. Nothing wrong is left behind by a rollback.
    """
    ids = list(job_ids)
    if transaction.get_connection().in_atomic_block:
        search_changes_record(ids)
    transaction.on_commit(lambda: search_changes_record(ids))
    # The home page's cached list of the latest jobs and their count.
    transaction.on_commit(home_jobs_changed)


def _skill_names(relation: str) -> Subquery:
    names = (
        Skill.objects.filter(**{relation: OuterRef("pk")})
        .order_by()
        .values(relation)
        .annotate(text=Func(F("name"), Value(" "), function="string_agg", output_field=TextField()))
        .values("text")
    )
    return Coalesce(Subquery(names, output_field=TextField()), Value(""), output_field=TextField())


def _company(field: str) -> Subquery:
    # update() cannot join, so the company's name comes in as a subquery.
    return Subquery(
        Company.objects.filter(pk=OuterRef("company_id")).order_by().values(field)[:1],
        output_field=TextField(),
    )


def _bigrams(expression) -> Func:
    return Func(expression, function="cjk_bigrams", output_field=TextField())


# The Chinese versions of a job's long texts, indexed as bigrams at weight C.
CHINESE_BODY_FIELDS = [
    "description_zh",
    "description_zh_hans",
    "responsibilities_zh",
    "responsibilities_zh_hans",
    "requirements_zh",
    "requirements_zh_hans",
]


def _joined(*fields: str) -> Func:
    # A newline between the texts: cjk_bigrams never pairs characters across a break.
    return Func(Value("\n"), *fields, function="concat_ws", output_field=TextField())


def job_search_index(job_ids: Iterable[int]) -> int:
    """Recompute the stored search vector of the given jobs in one UPDATE.

    Weights: A title (English words and Chinese bigrams), B skills and company
    name, C description, responsibilities and requirements. Each text is indexed in
    all its languages (English, Traditional and Simplified Chinese), so a search in
    either script finds a job written in it.
    """
    vector = (
        SearchVector("title", "title_zh", "title_zh_hans", weight="A", config="english")
        + SearchVector(_bigrams(_joined("title_zh", "title_zh_hans")), weight="A", config="simple")
        + SearchVector(
            _skill_names("jobs_requiring"),
            _skill_names("jobs_preferring"),
            _company("name"),
            weight="B",
            config="english",
        )
        + SearchVector(_bigrams(_company("name_zh")), weight="B", config="simple")
        + SearchVector(_bigrams(_company("name_zh_hans")), weight="B", config="simple")
        + SearchVector(
            "description", "responsibilities", "requirements", weight="C", config="english"
        )
        + SearchVector(_bigrams(_joined(*CHINESE_BODY_FIELDS)), weight="C", config="simple")
    )
    ids = list(job_ids)
    if not ids:
        return 0
    jobs = Job.objects.filter(pk__in=ids)
    count = jobs.update(search_vector=vector)
    jobs.update(rank_vector=Func(F("search_vector"), function="ts_filter", template=RANK_WEIGHTS))
    search_changed(ids)
    return count
