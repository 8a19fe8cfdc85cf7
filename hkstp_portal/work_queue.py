"""What waits for HKSTP staff: the admin home's work queue.

A top-layer read (like urls.py): it reads several apps' tables, and no app imports it.
Each line is shown only to staff who may see its list in the admin, and the queue costs
a fixed number of queries however many rows wait (one COUNT per line, one for the events).
"""

import dataclasses
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Company, CompanyNameChange
from events.models import Event, Exhibitor, Registration
from jobs.models import Job
from notifications.models import Notification
from notifications.models import Status as NotificationStatus

UPCOMING_EVENTS = 6
# The new names waiting for a decision that the queue shows with their buttons.
NAME_CHANGES_SHOWN = 10


@dataclasses.dataclass(frozen=True)
class QueueLine:
    """One kind of work: how many wait, and the admin list that shows them."""

    label: str
    count: int
    url: str


@dataclasses.dataclass(frozen=True)
class WorkQueue:
    lines: list[QueueLine]
    # Events from now on, soonest first, each with `confirmed`, `waitlisted`, `checked_in`.
    events: list[Event] | None  # None: the user may not see events
    events_url: str = ""
    # Verified companies' new names waiting for staff, oldest first, each with the
    # company; None: the user may not decide them.
    name_changes: list[CompanyNameChange] | None = None

    def __bool__(self):
        return bool(self.lines) or self.events is not None or self.name_changes is not None


def _changelist(model, **filters) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def _may_view(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def upcoming_events_for_staff(*, limit: int = UPCOMING_EVENTS) -> QuerySet[Event]:
    """Events that have not ended, soonest first, with their registrations counted (one
    query): published or not, since staff prepare them before they are announced."""
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    return (
        Event.objects.filter(ends_at__gte=timezone.now())
        .annotate(
            confirmed=Count("registrations", filter=confirmed),
            waitlisted=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
            ),
            checked_in=Count(
                "registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)
            ),
        )
        .only(
            "pk",
            "slug",
            "title",
            "title_zh",
            "title_zh_hans",
            "starts_at",
            "ends_at",
            "capacity",
            "is_published",
        )
        .order_by("starts_at", "pk")[:limit]
    )


def staff_work_queue(user) -> WorkQueue:
    """The admin home's queue for `user`: companies to verify, companies' new names to
    approve (with their buttons), jobs to review, exhibitors to decide, notifications
    that gave up, and the coming events' registrations."""
    lines = []
    if _may_view(user, Company):
        lines.append(
            QueueLine(
                label=_("Companies pending verification"),
                count=Company.objects.filter(status=Company.Status.PENDING).count(),
                url=_changelist(Company, status__exact=Company.Status.PENDING),
            )
        )
    name_changes = None
    if user.has_perm("companies.change_companynamechange"):
        # The first few with the count of all (a window): one query.
        name_changes = list(
            CompanyNameChange.objects.filter(status=CompanyNameChange.Status.PENDING)
            .select_related("company")
            .annotate(waiting=Window(Count("pk")))
            .order_by("requested_at", "pk")[:NAME_CHANGES_SHOWN]
        )
        lines.append(
            QueueLine(
                label=_("Company names to review"),
                count=name_changes[0].waiting if name_changes else 0,
                url=_changelist(CompanyNameChange, status__exact=CompanyNameChange.Status.PENDING),
            )
        )
    if _may_view(user, Job):
        lines.append(
            QueueLine(
                label=_("Jobs pending review"),
                count=Job.objects.filter(status=Job.Status.PENDING).count(),
                url=_changelist(Job, status__exact=Job.Status.PENDING),
            )
        )
    if _may_view(user, Exhibitor):
        lines.append(
            QueueLine(
                label=_("Exhibitors to approve"),
                # Only for events still to come: a past fair's applications are history.
                count=Exhibitor.objects.filter(
                    status=Exhibitor.Status.PENDING, event__ends_at__gte=timezone.now()
                ).count(),
                url=_changelist(Exhibitor, status__exact=Exhibitor.Status.PENDING),
            )
        )
    if _may_view(user, Notification):
        lines.append(
            QueueLine(
                label=_("Notifications that could not be sent"),
                count=Notification.objects.filter(status=NotificationStatus.DEAD).count(),
                url=_changelist(Notification, status__exact=NotificationStatus.DEAD),
            )
        )
    events = None
    if _may_view(user, Event):
        events = list(upcoming_events_for_staff())
    return WorkQueue(
        lines=lines,
        events=events,
        name_changes=name_changes,
        events_url=_changelist(Event, starts_at__gte=timezone.localdate().isoformat())
        if events is not None
        else "",
    )
