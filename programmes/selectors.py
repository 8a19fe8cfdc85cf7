"""Reads for internship programmes, each with the joins its page needs."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Company
from hkstp_portal.vocabulary import Cluster, Education, Residence
from programmes.models import (
    Placement,
    PlacementPreference,
    Programme,
    ProgrammeApplication,
    StatusChange,
)
from talent.models import CandidateProfile, EducationEntry

Status = ProgrammeApplication.Status

# Offers out and offers accepted take a place of a placement's quota.
QUOTA_STATUSES = [Status.SELECTED, Status.ACCEPTED]
# Shortlisted, or decided after a shortlist: what a company that was ranked may see.
REVIEWED_STATUSES = [Status.SHORTLISTED, Status.SELECTED, Status.ACCEPTED, Status.DECLINED]
CLUSTER_ORDER = list(Cluster.values)
WITHDRAWN = Status.WITHDRAWN


# --- Rules read by the services and the pages ----------------------------------------------


def offer_reply_by(application: ProgrammeApplication) -> datetime.datetime:
    """When an offer must be answered: the programme's acceptance deadline for an offer
    made by its offers date; a later offer (a place freed by a decline) gets as long as
    the first round had, counted from when it was made."""
    programme = application.programme
    offered_at = application.status_changed_at
    if offered_at <= programme.offers_by:
        return programme.accept_by
    return offered_at + (programme.accept_by - programme.offers_by)


def hk_time(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "j M Y, H:i")


def apply_window_problem(programme: Programme, now: datetime.datetime | None = None) -> str | None:
    """Why the programme is not taking applications now, or None."""
    now = now or timezone.now()
    if not programme.is_published:
        return _("This programme is not taking applications.")
    if now < programme.applications_open_at:
        return _("Applications open on %(when)s (Hong Kong time).") % {
            "when": hk_time(programme.applications_open_at)
        }
    if now >= programme.applications_close_at:
        return _("Applications closed on %(when)s (Hong Kong time).") % {
            "when": hk_time(programme.applications_close_at)
        }
    return None


def _levels_words(levels) -> str:
    labels = dict(Education.choices)
    return ", ".join(str(labels.get(level, level)) for level in levels)


def candidate_eligibility_problem(programme: Programme, candidate: User) -> str | None:
    """Why the candidate's profile does not meet the programme's eligibility, in plain
    words, or None. One education entry must match both the level and the graduation
    year (a student of an eligible degree graduating late enough)."""
    levels = list(programme.eligible_levels)
    year = programme.earliest_graduation_year
    if not levels and not year:
        return None
    entries = list(
        EducationEntry.objects.filter(profile__user=candidate).values_list(
            "level", "graduation_year"
        )
    )
    if not entries:
        return _(
            "Add your studies to your profile first (Education): this programme checks "
            "your degree and graduation year."
        )
    for level, graduation_year in entries:
        if (not levels or level in levels) and (not year or graduation_year >= year):
            return None
    if levels and year:
        return _(
            "This programme is for students of these degrees: %(levels)s, graduating in "
            "%(year)d or later. The education on your profile does not match."
        ) % {"levels": _levels_words(levels), "year": year}
    if levels:
        return _(
            "This programme is for students of these degrees: %(levels)s. The education "
            "on your profile does not match."
        ) % {"levels": _levels_words(levels)}
    return _(
        "This programme is for students graduating in %(year)d or later. The education "
        "on your profile does not match."
    ) % {"year": year}


def eligibility_words(programme: Programme) -> list[str]:
    """The rules the portal checks when someone applies, in plain words, for its page."""
    parts = []
    if programme.eligible_levels:
        parts.append(
            _("Studying for: %(levels)s.") % {"levels": _levels_words(programme.eligible_levels)}
        )
    if programme.earliest_graduation_year:
        parts.append(
            _("Graduating in %(year)d or later.") % {"year": programme.earliest_graduation_year}
        )
    return parts


# --- Public pages --------------------------------------------------------------------------


def programme_list_public() -> QuerySet[Programme]:
    """Published programmes, the newest round first, each with how many placements and
    places it offers."""
    return Programme.objects.filter(is_published=True).annotate(
        placement_count=Count("placements", distinct=True),
        company_count=Count("placements__company", distinct=True),
    )


def programme_get_public(slug: str) -> Programme | None:
    return Programme.objects.filter(is_published=True, slug=slug).first()


def placement_list_for_programme(programme: Programme) -> list[Placement]:
    """The programme's placements, grouped by cluster (in the vocabulary's order), then by
    company and title."""
    placements = programme.placements.select_related("company").order_by("company__name", "title")
    return sorted(placements, key=lambda placement: CLUSTER_ORDER.index(placement.cluster))


def apply_state(programme: Programme, now: datetime.datetime | None = None) -> str:
    """Where the programme's application window stands: "not_open", "open" or "closed"."""
    now = now or timezone.now()
    if now < programme.applications_open_at:
        return "not_open"
    if now >= programme.applications_close_at:
        return "closed"
    return "open"


# --- Candidates ----------------------------------------------------------------------------


def programme_application_for(programme: Programme, candidate: User) -> ProgrammeApplication | None:
    if not candidate.is_authenticated:
        return None
    return ProgrammeApplication.objects.filter(programme=programme, candidate=candidate).first()


def _preferences_prefetch():
    return Prefetch(
        "preferences",
        queryset=PlacementPreference.objects.select_related("placement__company").order_by("rank"),
    )


def programme_application_list_for_candidate(candidate: User) -> QuerySet[ProgrammeApplication]:
    """The candidate's programme applications, newest first, with their choices and
    history (three queries in all)."""
    return (
        ProgrammeApplication.objects.filter(candidate=candidate)
        .select_related("programme", "selected_placement__company")
        .prefetch_related(
            _preferences_prefetch(),
            Prefetch("history", queryset=StatusChange.objects.select_related("placement")),
        )
        .order_by("-created_at")
    )


def programme_application_get_for_candidate(
    candidate: User, pk: int
) -> ProgrammeApplication | None:
    """One of the candidate's own applications, or None (the views turn it into 404)."""
    return programme_application_list_for_candidate(candidate).filter(pk=pk).first()


def apply_defaults(candidate: User) -> dict:
    """University and country for the apply form, from the profile: the latest
    education entry's institution, and where the candidate lives (editable)."""
    profile = CandidateProfile.objects.filter(user=candidate).first()
    if profile is None:
        return {}
    latest = profile.education.order_by("-graduation_year").first()
    country = {
        Residence.HONG_KONG: "Hong Kong",
        Residence.GBA: "Mainland China",
        Residence.MAINLAND: "Mainland China",
    }.get(profile.residence, "")
    return {"university": latest.institution if latest else "", "country": country}


# --- Companies -----------------------------------------------------------------------------


def programme_list_for_company(company: Company) -> QuerySet[Programme]:
    """Programmes in which the company offers placements, with its number of placements
    and of shortlisted candidates who ranked them."""
    return (
        Programme.objects.filter(placements__company=company)
        .annotate(
            my_placements=Count("placements", filter=Q(placements__company=company), distinct=True),
            my_candidates=Count(
                "placements__preferences__application",
                filter=Q(
                    placements__company=company,
                    placements__preferences__application__status__in=REVIEWED_STATUSES,
                ),
                distinct=True,
            ),
        )
        .order_by("-applications_open_at")
    )


def programme_get_for_company(company: Company, slug: str) -> Programme | None:
    """The programme if the company offers a placement in it (else None: 404)."""
    return Programme.objects.filter(slug=slug, placements__company=company).distinct().first()


def placement_list_for_company(company: Company, programme: Programme) -> list[Placement]:
    """The company's placements in the programme, each with the shortlisted (or later)
    candidates who ranked it: rank, application, candidate, profile and CV (three
    queries), and how many of its places are taken."""
    preferences = (
        PlacementPreference.objects.filter(application__status__in=REVIEWED_STATUSES)
        .select_related(
            "application__candidate__candidate_profile",
            "application__cv",
            "application__selected_placement",
        )
        .order_by("rank", "application__created_at")
    )
    return list(
        Placement.objects.filter(programme=programme, company=company)
        .annotate(
            taken=Count(
                "selected_applications",
                filter=Q(selected_applications__status__in=QUOTA_STATUSES),
            )
        )
        .prefetch_related(Prefetch("preferences", queryset=preferences, to_attr="candidates"))
        .order_by("title")
    )


def preference_get_for_company(company: Company, pk: int) -> PlacementPreference | None:
    """A preference for one of the company's placements by a shortlisted (or later)
    candidate, or None (404)."""
    return (
        PlacementPreference.objects.filter(
            pk=pk,
            placement__company=company,
            application__status__in=REVIEWED_STATUSES,
        )
        .select_related("placement__programme", "application")
        .first()
    )


# --- Staff report --------------------------------------------------------------------------


def _funnel():
    return {
        "applications": Count("id"),
        "shortlisted": Count("id", filter=Q(status__in=REVIEWED_STATUSES)),
        "selected": Count("id", filter=Q(status__in=QUOTA_STATUSES)),
        "accepted": Count("id", filter=Q(status=Status.ACCEPTED)),
    }


@dataclass
class ProgrammeReport:
    programme: Programme
    totals: dict
    by_university: list[dict]
    by_country: list[dict]
    placements: list[Placement]

    @property
    def max_applications(self) -> int:
        rows = self.by_university + self.by_country
        return max((row["applications"] for row in rows), default=0)


def _grouped(applications, field: str) -> list[dict]:
    # Free text typed by candidates: "HKUST " and "hkust" count as one; the most common
    # spelling is not worth a second query, so the label is the smallest one seen.
    return list(
        applications.annotate(key=Lower(Trim(F(field))))
        .values("key")
        .annotate(label=Min(Trim(F(field))), **_funnel())
        .order_by("-applications", "key")
    )


def programme_report(programme: Programme) -> ProgrammeReport:
    """Applications, shortlisted (ever), selected (offers out and accepted) and accepted:
    in total, by university and by country; and per placement the preferences it
    received (first choices and all), and its selected places against its quota. Four
    queries whatever the size of the round."""
    applications = ProgrammeApplication.objects.filter(programme=programme).order_by()
    totals = applications.aggregate(
        **_funnel(), withdrawn=Count("id", filter=Q(status=Status.WITHDRAWN))
    )
    placements = list(
        programme.placements.select_related("company")
        .annotate(
            first_choices=Count(
                "preferences",
                filter=Q(preferences__rank=1)
                & ~Q(preferences__application__status=Status.WITHDRAWN),
                distinct=True,
            ),
            all_choices=Count(
                "preferences",
                filter=~Q(preferences__application__status=WITHDRAWN),
                distinct=True,
            ),
            taken=Count(
                "selected_applications",
                filter=Q(selected_applications__status__in=QUOTA_STATUSES),
                distinct=True,
            ),
            accepted=Count(
                "selected_applications",
                filter=Q(selected_applications__status=Status.ACCEPTED),
                distinct=True,
            ),
        )
        .order_by("company__name", "title")
    )
    return ProgrammeReport(
        programme=programme,
        totals=totals,
        by_university=_grouped(applications, "university"),
        by_country=_grouped(applications, "country"),
        placements=placements,
    )


def programme_report_csv_rows(report: ProgrammeReport) -> list[list]:
    """The report as one table (hkstp_portal.csv_export writes it): a section column
    (total, university, country, placement) then the figures, so a spreadsheet can
    filter by section."""
    funnel = ["applications", "shortlisted", "selected", "accepted"]
    rows = [
        [
            _("section"),
            _("name"),
            _("applications"),
            _("shortlisted"),
            _("selected"),
            _("accepted"),
            _("first choices"),
            _("all choices"),
            _("quota"),
        ],
        [_("total"), report.programme.name, *(report.totals[key] for key in funnel)],
    ]
    for section, grouped in (
        (_("university"), report.by_university),
        (_("country"), report.by_country),
    ):
        rows += [[section, row["label"], *(row[key] for key in funnel)] for row in grouped]
    rows += [
        [
            _("placement"),
            f"{placement.title} — {placement.company.name}",
            "",
            "",
            placement.taken,
            placement.accepted,
            placement.first_choices,
            placement.all_choices,
            placement.quota,
        ]
        for placement in report.placements
    ]
    return rows
