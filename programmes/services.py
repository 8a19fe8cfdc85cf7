"""Writes for internship programmes: applying, staff selection, company interviews, offers.

Every rule lives here (backed by the constraints in programmes.models), so the
candidate's pages, the company's page, the admin and the beat task meet the same
ones; an action the rules refuse raises DomainError with a message safe to show.
Emails leave through notifications.outbox.email_render_and_enqueue, in each person's
language, after commit.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import CompanyMember
from hkstp_portal.errors import DomainError
from notifications.outbox import email_render_and_enqueue
from programmes.models import (
    Placement,
    PlacementPreference,
    Programme,
    ProgrammeApplication,
    StatusChange,
)
from programmes.selectors import (
    QUOTA_STATUSES,
    apply_window_problem,
    candidate_eligibility_problem,
    hk_time,
    offer_reply_by,
)
from talent.models import CV

Status = ProgrammeApplication.Status

MAX_PREFERENCES = PlacementPreference.MAX_RANK
# The candidate may still change their choices or withdraw.
OPEN_STATUSES = [Status.SUBMITTED, Status.SHORTLISTED]
# A company may record interviews for these (shortlisted, or decided after a shortlist).
INTERVIEW_STATUSES = [Status.SHORTLISTED, Status.SELECTED, Status.ACCEPTED, Status.DECLINED]
MAX_NOTE_LENGTH = 2000


class AlreadyApplied(DomainError):
    """The candidate already applied to this programme; `application` is the earlier one."""

    def __init__(self, application: ProgrammeApplication | None):
        super().__init__(_("You have already applied to this programme."))
        self.application = application


class SelectionRefused(DomainError):
    """A bulk selection changed nothing; `problems` says, per application, why."""

    def __init__(self, problems: list[str]):
        super().__init__(
            _("Nobody was selected, because: %(problems)s") % {"problems": " ".join(problems)}
        )
        self.problems = problems


def _require_staff(by: User) -> None:
    if not (by.is_authenticated and by.is_staff):
        raise DomainError(_("Only HKSTP staff can decide on programme applications."))


def _record(
    application: ProgrammeApplication, to_status: str, *, by: User | None, placement=None
) -> None:
    StatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=to_status,
        placement=placement,
        by=by,
    )
    application.status = to_status
    application.status_changed_at = timezone.now()


def _notify(users: Iterable[User], template: str, context: dict) -> None:
    for user in users:
        email_render_and_enqueue(
            to=user.email,
            template=template,
            context={**context, "user": user},
            language=user.language,
        )


def _company_members(placement: Placement) -> list[User]:
    return [
        member.user
        for member in CompanyMember.objects.filter(company_id=placement.company_id).select_related(
            "user"
        )
    ]


def _locked(application: ProgrammeApplication) -> ProgrammeApplication:
    return (
        ProgrammeApplication.objects.select_for_update(of=("self",))
        .select_related("programme", "candidate")
        .get(pk=application.pk)
    )


# --- Applying ------------------------------------------------------------------------------


def _check_window(programme: Programme) -> None:
    problem = apply_window_problem(programme)
    if problem:
        raise DomainError(problem)


def _placements_checked(programme: Programme, placement_ids: Sequence) -> list[Placement]:
    """The chosen placements in rank order: one to three, each once, all of this programme."""
    try:
        ids = [int(pk) for pk in placement_ids if pk not in (None, "")]
    except (TypeError, ValueError):
        raise DomainError(_("Choose placements from this programme's list.")) from None
    if not ids:
        raise DomainError(_("Choose at least one placement."))
    if len(ids) > MAX_PREFERENCES:
        raise DomainError(_("Choose at most three placements."))
    if len(set(ids)) != len(ids):
        raise DomainError(_("Choose each placement only once."))
    placements = Placement.objects.in_bulk(ids)
    if len(placements) != len(ids) or any(
        placement.programme_id != programme.pk for placement in placements.values()
    ):
        raise DomainError(_("Choose placements from this programme's list."))
    return [placements[pk] for pk in ids]


def _existing(programme: Programme, candidate: User) -> ProgrammeApplication | None:
    return ProgrammeApplication.objects.filter(programme=programme, candidate=candidate).first()


@transaction.atomic
def programme_apply(
    *,
    programme: Programme,
    candidate: User,
    university: str,
    country: str,
    statement: str,
    cv: CV | None,
    placement_ids: Sequence,
) -> ProgrammeApplication:
    """Apply to a published programme while its application window is open.

    Candidates only, and only if their profile's education meets the programme's
    eligibility; once per programme (AlreadyApplied, also when a parallel request wins:
    the unique constraint `programme_application_once` decides); one to three placements
    of this programme, ranked in the order given, each once; one of the candidate's own
    CVs. Emails the candidate a confirmation after commit.
    """
    if not candidate.is_candidate:
        raise DomainError(_("Only candidates can apply to programmes."))
    _check_window(programme)
    existing = _existing(programme, candidate)
    if existing is not None:
        raise AlreadyApplied(existing)
    problem = candidate_eligibility_problem(programme, candidate)
    if problem:
        raise DomainError(problem)
    university = (university or "").strip()
    country = (country or "").strip()
    statement = (statement or "").strip()
    if not university:
        raise DomainError(_("Enter your university."))
    if not country:
        raise DomainError(_("Enter the country or region where you study."))
    if len(university) > 200 or len(country) > 100:
        raise DomainError(_("Shorten the university or country name."))
    if len(statement) > 3000:
        raise DomainError(_("Keep your statement to at most 3,000 characters."))
    if cv is None:
        raise DomainError(_("Upload a CV before you apply."))
    if cv.owner_id != candidate.pk:
        raise DomainError(_("Choose one of your own CVs."))
    placements = _placements_checked(programme, placement_ids)
    try:
        with transaction.atomic():
            application = ProgrammeApplication.objects.create(
                programme=programme,
                candidate=candidate,
                university=university,
                country=country,
                statement=statement,
                cv=cv,
            )
    except IntegrityError:
        # A parallel request (a double click) inserted first.
        raise AlreadyApplied(_existing(programme, candidate)) from None
    PlacementPreference.objects.bulk_create(
        PlacementPreference(application=application, placement=placement, rank=rank)
        for rank, placement in enumerate(placements, start=1)
    )
    StatusChange.objects.create(
        application=application, from_status="", to_status=Status.SUBMITTED, by=candidate
    )
    _notify(
        [candidate],
        "programme_applied",
        {"application": application, "programme": programme, "placements": placements},
    )
    return application


@transaction.atomic
def programme_preferences_update(
    *, application: ProgrammeApplication, by: User, placement_ids: Sequence
) -> ProgrammeApplication:
    """The candidate re-ranks their placements (one to three of the programme, each once)
    while the application window is open and no decision is made. A company's interview
    notes stay with a placement the candidate keeps."""
    application = _locked(application)
    if application.candidate_id != by.pk:
        raise DomainError(_("Only the candidate can change their choices."))
    if application.status not in OPEN_STATUSES:
        raise DomainError(_("A decision has been made, so your choices can no longer change."))
    _check_window(application.programme)
    placements = _placements_checked(application.programme, placement_ids)
    kept = {
        preference.placement_id: preference
        for preference in application.preferences.all()
        if preference.placement_id in {placement.pk for placement in placements}
    }
    application.preferences.all().delete()
    PlacementPreference.objects.bulk_create(
        PlacementPreference(
            application=application,
            placement=placement,
            rank=rank,
            interview_outcome=getattr(kept.get(placement.pk), "interview_outcome", ""),
            interview_note=getattr(kept.get(placement.pk), "interview_note", ""),
        )
        for rank, placement in enumerate(placements, start=1)
    )
    return application


@transaction.atomic
def programme_application_withdraw(
    *, application: ProgrammeApplication, by: User
) -> ProgrammeApplication:
    """The candidate takes their application back, before any selection decision. Final:
    they cannot apply to this programme again."""
    application = _locked(application)
    if application.candidate_id != by.pk:
        raise DomainError(_("Only the candidate can withdraw an application."))
    if application.status not in OPEN_STATUSES:
        raise DomainError(_("This application can no longer be withdrawn."))
    _record(application, Status.WITHDRAWN, by=by)
    application.save(update_fields=["status", "status_changed_at"])
    return application


# --- Staff decisions -----------------------------------------------------------------------


@transaction.atomic
def programme_shortlist(*, application: ProgrammeApplication, by: User) -> ProgrammeApplication:
    """Staff put a submitted application on the shortlist: the companies it ranked can now
    see it and interview. Emails the candidate."""
    _require_staff(by)
    application = _locked(application)
    if application.status != Status.SUBMITTED:
        raise DomainError(
            _("Only a submitted application can be shortlisted (this one is “%(status)s”).")
            % {"status": application.get_status_display()}
        )
    _record(application, Status.SHORTLISTED, by=by)
    application.save(update_fields=["status", "status_changed_at"])
    _notify(
        [application.candidate],
        "programme_shortlisted",
        {"application": application, "programme": application.programme},
    )
    return application


@transaction.atomic
def programme_not_select(*, application: ProgrammeApplication, by: User) -> ProgrammeApplication:
    """Staff close a submitted or shortlisted application without an offer. Final. Emails
    the candidate."""
    _require_staff(by)
    application = _locked(application)
    if application.status not in OPEN_STATUSES:
        raise DomainError(
            _("Only a submitted or shortlisted application can be marked not selected.")
        )
    _record(application, Status.NOT_SELECTED, by=by)
    application.save(update_fields=["status", "status_changed_at"])
    _notify(
        [application.candidate],
        "programme_not_selected",
        {"application": application, "programme": application.programme},
    )
    return application


def _select_problem(
    application: ProgrammeApplication, placement: Placement, taken: int
) -> str | None:
    if application.status != Status.SHORTLISTED:
        return _("%(who)s is not shortlisted, so cannot be selected.") % {
            "who": application.candidate
        }
    if placement.programme_id != application.programme_id or not any(
        preference.placement_id == placement.pk for preference in application.preferences.all()
    ):
        return _("%(who)s did not choose “%(placement)s”.") % {
            "who": application.candidate,
            "placement": placement.title,
        }
    if taken >= placement.quota:
        return _("“%(placement)s” has no place left (%(taken)d of %(quota)d selected).") % {
            "placement": placement.title,
            "taken": taken,
            "quota": placement.quota,
        }
    return None


def _taken(placement: Placement) -> int:
    return ProgrammeApplication.objects.filter(
        selected_placement=placement, status__in=QUOTA_STATUSES
    ).count()


def _make_offer(application: ProgrammeApplication, placement: Placement, by: User) -> None:
    _record(application, Status.SELECTED, by=by, placement=placement)
    application.selected_placement = placement
    application.save(update_fields=["status", "status_changed_at", "selected_placement"])
    context = {
        "application": application,
        "programme": application.programme,
        "placement": placement,
        "reply_by": offer_reply_by(application),
    }
    _notify([application.candidate], "programme_offer", context)
    _notify(_company_members(placement), "programme_offer_company", context)


@transaction.atomic
def programme_select(
    *, application: ProgrammeApplication, placement: Placement, by: User
) -> ProgrammeApplication:
    """Staff select a shortlisted candidate for one of the placements they ranked: an offer
    (status selected) the candidate must answer by the programme's acceptance deadline.

    Refused when the placement's quota is full (offers out and accepted count; declined
    ones free their place). The placement row is locked first, so two staff selecting two
    candidates for its last place get one winner. Emails the candidate and the
    company's team.
    """
    _require_staff(by)
    placement = Placement.objects.select_for_update().select_related("company").get(pk=placement.pk)
    application = _locked(application)
    problem = _select_problem(application, placement, _taken(placement))
    if problem:
        raise DomainError(problem)
    _make_offer(application, placement, by)
    return application


@dataclass(frozen=True)
class Selection:
    application: ProgrammeApplication
    placement: Placement
    rank: int


@transaction.atomic
def programme_select_first_choice(
    *, applications: Iterable[ProgrammeApplication], by: User
) -> list[Selection]:
    """Select each shortlisted application for its highest-ranked placement that still has
    a place (applications taken oldest first; a placement its company did not recommend
    after the interview is skipped). All or nothing: if any application cannot be
    placed, nobody is selected and SelectionRefused lists why. Locks every placement
    concerned (in id order, so two bulk runs cannot deadlock)."""
    _require_staff(by)
    ids = sorted({application.pk for application in applications})
    if not ids:
        raise DomainError(_("Choose at least one application."))
    locked = list(
        ProgrammeApplication.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("programme", "candidate")
        .prefetch_related("preferences")
        .order_by("created_at", "id")
    )
    placement_ids = sorted(
        {preference.placement_id for app in locked for preference in app.preferences.all()}
    )
    placements = {
        placement.pk: placement
        for placement in Placement.objects.select_for_update()
        .filter(pk__in=placement_ids)
        .select_related("company")
        .order_by("pk")
    }
    taken = dict.fromkeys(placements, 0)
    for placement_id in ProgrammeApplication.objects.filter(
        selected_placement__in=placement_ids, status__in=QUOTA_STATUSES
    ).values_list("selected_placement", flat=True):
        taken[placement_id] += 1

    chosen, problems = [], []
    for application in locked:
        if application.status != Status.SHORTLISTED:
            problems.append(_("%(who)s is not shortlisted.") % {"who": application.candidate})
            continue
        for preference in application.preferences.all():  # ordered by rank
            placement = placements[preference.placement_id]
            if preference.interview_outcome == PlacementPreference.Interview.NOT_RECOMMENDED:
                continue
            if taken[placement.pk] < placement.quota:
                taken[placement.pk] += 1
                chosen.append(Selection(application, placement, preference.rank))
                break
        else:
            problems.append(
                _("%(who)s: none of their placements has a place left.")
                % {"who": application.candidate}
            )
    if problems:
        raise SelectionRefused(problems)
    for selection in chosen:
        _make_offer(selection.application, selection.placement, by)
    return chosen


# --- Company interviews --------------------------------------------------------------------


@transaction.atomic
def programme_interview_record(
    *, preference: PlacementPreference, by: User, outcome: str, note: str = ""
) -> PlacementPreference:
    """A member of the placement's company records how the interview of a shortlisted
    candidate went (recommended, not recommended, or not yet) with a private note that
    HKSTP staff see when selecting."""
    preference = (
        PlacementPreference.objects.select_for_update(of=("self",))
        .select_related("placement", "application")
        .get(pk=preference.pk)
    )
    if not CompanyMember.objects.filter(
        company_id=preference.placement.company_id, user_id=by.pk
    ).exists():
        raise DomainError(_("You are not in this company's team."))
    if preference.application.status not in INTERVIEW_STATUSES:
        raise DomainError(_("This candidate is not on the shortlist."))
    if outcome not in PlacementPreference.Interview.values:
        raise DomainError(_("Choose an interview outcome from the list."))
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise DomainError(_("Keep the note to at most 2,000 characters."))
    preference.interview_outcome = outcome
    preference.interview_note = note
    preference.save(update_fields=["interview_outcome", "interview_note"])
    return preference


# --- Offers --------------------------------------------------------------------------------


def _answered(application: ProgrammeApplication, *, expired: bool = False) -> None:
    placement = application.selected_placement
    template = (
        "programme_offer_accepted"
        if application.status == Status.ACCEPTED
        else "programme_offer_declined"
    )
    context = {
        "application": application,
        "programme": application.programme,
        "placement": placement,
        "expired": expired,
    }
    _notify([application.candidate], template, {**context, "to_candidate": True})
    _notify(_company_members(placement), template, {**context, "to_candidate": False})


def _own_offer(application: ProgrammeApplication, by: User) -> ProgrammeApplication:
    application = _locked(application)
    if application.candidate_id != by.pk:
        raise DomainError(_("Only the candidate can answer their offer."))
    if application.status != Status.SELECTED:
        raise DomainError(_("There is no open offer to answer."))
    return application


@transaction.atomic
def programme_offer_accept(*, application: ProgrammeApplication, by: User) -> ProgrammeApplication:
    """The candidate accepts their offer, before its reply deadline. Emails them and the
    placement company's team."""
    application = _own_offer(application, by)
    deadline = offer_reply_by(application)
    if timezone.now() > deadline:
        raise DomainError(
            _("The offer had to be accepted by %(when)s (Hong Kong time); that time has passed.")
            % {"when": hk_time(deadline)}
        )
    _record(application, Status.ACCEPTED, by=by, placement=application.selected_placement)
    application.save(update_fields=["status", "status_changed_at"])
    _answered(application)
    return application


@transaction.atomic
def programme_offer_decline(*, application: ProgrammeApplication, by: User) -> ProgrammeApplication:
    """The candidate turns their offer down; the place goes back to the placement's quota
    for staff to offer to someone else. Emails them and the company's team."""
    application = _own_offer(application, by)
    _record(application, Status.DECLINED, by=by, placement=application.selected_placement)
    application.save(update_fields=["status", "status_changed_at"])
    _answered(application)
    return application


def programme_offers_expire(now: datetime.datetime | None = None) -> int:
    """Mark offers left unanswered past their reply deadline as declined, freeing their
    places. Idempotent (only open offers are looked at, each under a row lock, so a
    candidate accepting at the same moment is not overridden). For the beat task."""
    now = now or timezone.now()
    due = [
        application
        for application in ProgrammeApplication.objects.filter(
            status=Status.SELECTED, programme__accept_by__lt=now
        ).select_related("programme")
        if offer_reply_by(application) < now
    ]
    expired = 0
    for application in due:
        with transaction.atomic():
            application = (
                ProgrammeApplication.objects.select_for_update(of=("self",))
                .select_related("programme", "candidate", "selected_placement")
                .get(pk=application.pk)
            )
            if application.status != Status.SELECTED or offer_reply_by(application) >= now:
                continue
            _record(application, Status.DECLINED, by=None, placement=application.selected_placement)
            application.save(update_fields=["status", "status_changed_at"])
            _answered(application, expired=True)
            expired += 1
    return expired
