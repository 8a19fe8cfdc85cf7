"""The outcome report of a fair: the funnel, per exhibitor, and the job-mix key figures.

Read-only, for HKSTP staff. Every figure is an aggregate computed by the database, in a
fixed number of queries whatever the size of the fair (pinned by the tests).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from applications.models import Application, Stage, StageChange
from events.models import BoothDrop, Event, Exhibitor, InterviewSlot, Registration
from events.services.interviews import HELD_OUTCOMES
from hkstp_portal.vocabulary import Education, JobField, ProgrammeTag, Seniority
from jobs.models import Job

TECH_FIELDS = [JobField.RND, JobField.ENGINEERING, JobField.DATA_AI]
# An offer the pipeline knows: the application is at offer or hired now, or passed offer.
_REACHED_OFFER = Q(stage__in=[Stage.OFFER, Stage.HIRED]) | Q(
    Exists(StageChange.objects.filter(application=OuterRef("pk"), to_stage=Stage.OFFER))
)


@dataclass
class Row:
    label: str
    value: int
    total: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.value / self.total) if self.total else 0


@dataclass
class EventReport:
    event: Event
    funnel: list[Row]
    exhibitors: list[Exhibitor]
    jobs_total: int
    exhibitors_total: int
    programmes: list[Row]
    key_shares: list[Row]
    seniority: list[Row]
    education: list[Row]
    extra: dict = field(default_factory=dict)


def _count(queryset, outer: str) -> Coalesce:
    """Count of `queryset` rows per outer row, as a scalar subquery (no join fan-out)."""
    counted = queryset.filter(**{outer: OuterRef("pk")}).order_by().values(outer)
    return Coalesce(
        Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
        Value(0),
    )


def event_report(event: Event) -> EventReport:
    """The figures of one event (7 queries)."""
    registrations = Registration.objects.filter(event=event).aggregate(
        registered=Count("pk", filter=Q(status__in=Registration.HOLDING)),
        attended=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    drops = BoothDrop.objects.filter(exhibitor__event=event).count()
    slots = InterviewSlot.objects.filter(exhibitor__event=event).aggregate(
        booked=Count("pk", filter=Q(candidate__isnull=False)),
        held=Count("pk", filter=Q(candidate__isnull=False, outcome__in=HELD_OUTCOMES)),
    )
    applications = Application.objects.filter(source_event=event).aggregate(
        made=Count("pk"),
        offers=Count("pk", filter=_REACHED_OFFER),
        hires=Count("pk", filter=Q(stage=Stage.HIRED)),
    )
    funnel = [
        Row(_("Registered"), registrations["registered"]),
        Row(_("Attended (checked in)"), registrations["attended"]),
        Row(_("CVs dropped at booths"), drops),
        Row(_("Interviews booked"), slots["booked"]),
        Row(_("Interviews held"), slots["held"]),
        Row(_("Applications through the fair"), applications["made"]),
        Row(_("Offers"), applications["offers"]),
        Row(_("Hires"), applications["hires"]),
    ]
    top = max((row.value for row in funnel), default=0)
    for row in funnel:
        row.total = top

    fair_applications = Application.objects.filter(source_event=event)
    exhibitors = list(
        Exhibitor.objects.filter(event=event, status=Exhibitor.Status.APPROVED)
        .select_related("company")
        .annotate(
            n_jobs=_count(Exhibitor.featured_jobs.through.objects.all(), "exhibitor"),
            n_drops=_count(BoothDrop.objects.all(), "exhibitor"),
            n_booked=_count(InterviewSlot.objects.filter(candidate__isnull=False), "exhibitor"),
            n_held=_count(
                InterviewSlot.objects.filter(candidate__isnull=False, outcome__in=HELD_OUTCOMES),
                "exhibitor",
            ),
        )
        .annotate(
            n_applications=_company_count(fair_applications),
            n_offers=_company_count(fair_applications.filter(_REACHED_OFFER)),
            n_hires=_company_count(fair_applications.filter(stage=Stage.HIRED)),
        )
        .order_by("booth", "company__name")
    )

    # A job is featured by its own company only, so it appears once per event.
    featured = Job.objects.filter(
        pk__in=Exhibitor.featured_jobs.through.objects.filter(
            exhibitor__event=event, exhibitor__status=Exhibitor.Status.APPROVED
        ).values("job_id")
    )
    mix = featured.aggregate(
        total=Count("pk"),
        overseas_or_gba=Count("pk", filter=Q(open_to_overseas=True) | Q(open_to_gba=True)),
        tech=Count("pk", filter=Q(field__in=TECH_FIELDS)),
        **{
            f"programme_{tag}": Count("pk", filter=Q(programmes__contains=[tag]))
            for tag in ProgrammeTag.values
        },
        **{
            f"seniority_{level}": Count("pk", filter=Q(seniority=level))
            for level in Seniority.values
        },
        **{
            f"education_{level}": Count("pk", filter=Q(education=level))
            for level in Education.values
        },
    )
    companies = Exhibitor.objects.filter(event=event, status=Exhibitor.Status.APPROVED).aggregate(
        total=Count("pk"), outside=Count("pk", filter=Q(company__has_offices_outside_hk=True))
    )
    total = mix["total"]
    return EventReport(
        event=event,
        funnel=funnel,
        exhibitors=exhibitors,
        jobs_total=total,
        exhibitors_total=companies["total"],
        programmes=[
            Row(label, mix[f"programme_{tag}"], total) for tag, label in ProgrammeTag.choices
        ],
        key_shares=[
            Row(_("Jobs open to overseas or GBA talent"), mix["overseas_or_gba"], total),
            Row(_("Jobs in technology and R&D"), mix["tech"], total),
            Row(
                _("Exhibitors with offices in the GBA or abroad"),
                companies["outside"],
                companies["total"],
            ),
        ],
        seniority=[
            Row(label, mix[f"seniority_{level}"], total) for level, label in Seniority.choices
        ],
        education=[
            Row(label, mix[f"education_{level}"], total) for level, label in Education.choices
        ],
    )


def _company_count(applications) -> Coalesce:
    """Applications through the fair to the exhibitor's company's jobs."""
    counted = (
        applications.filter(job__company_id=OuterRef("company_id"))
        .order_by()
        .values("job__company_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def event_report_csv_rows(report: EventReport) -> list[list]:
    """The report as CSV rows: section, label, count, share (%)."""
    rows: list[list] = [[_("Section"), _("Figure"), _("Count"), _("Share (%)")]]
    for row in report.funnel:
        rows.append([_("Funnel"), row.label, row.value, ""])
    rows.append([_("Job mix"), _("Featured jobs"), report.jobs_total, ""])
    rows.append([_("Job mix"), _("Exhibitors"), report.exhibitors_total, ""])
    for section, figures in (
        (_("Jobs by programme"), report.programmes),
        (_("Key shares"), report.key_shares),
        (_("Jobs by seniority"), report.seniority),
        (_("Jobs by education"), report.education),
    ):
        for row in figures:
            rows.append([section, row.label, row.value, row.percent])
    rows.append([])
    rows.append(
        [
            _("Booth"),
            _("Exhibitor"),
            _("Featured jobs"),
            _("CVs dropped"),
            _("Interviews booked"),
            _("Interviews held"),
            _("Applications"),
            _("Offers"),
            _("Hires"),
        ]
    )
    for exhibitor in report.exhibitors:
        rows.append(
            [
                exhibitor.booth,
                exhibitor.company.name,
                exhibitor.n_jobs,
                exhibitor.n_drops,
                exhibitor.n_booked,
                exhibitor.n_held,
                exhibitor.n_applications,
                exhibitor.n_offers,
                exhibitor.n_hires,
            ]
        )
    return rows
