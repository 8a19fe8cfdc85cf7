import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from applications.models import Application, Stage
from programmes.models import ProgrammeApplication
from programmes.selectors import REVIEWED_STATUSES
from skills.models import Skill
from talent.models import (
    CV,
    CandidateProfile,
    DataExport,
    EducationEntry,
    ExperienceEntry,
    SavedJob,
)


def cv_can_view(*, cv: CV, user: User) -> bool:
    """May `user` open this CV? The owner and HKSTP staff always. A park company's members
    only for a CV the candidate sent to that company, for as long as what carried it keeps
    the candidate's data: a job application not withdrawn nor anonymised
    (Application.objects.sharing_cv), a CV dropped at the company's fair booth (until the
    candidate takes the drop back), or a programme application that ranked one of the
    company's placements, once shortlisted (programmes.selectors.REVIEWED_STATUSES). A CV
    the candidate uploaded but never sent stays theirs. Everyone else gets 404 from the
    views."""
    if not user.is_authenticated:
        return False
    if user.pk == cv.owner_id or user.is_staff:
        return True
    if not user.is_employer:
        return False
    if Application.objects.sharing_cv().filter(cv=cv, job__company__members__user=user).exists():
        return True
    if cv.booth_drops.filter(exhibitor__company__members__user=user).exists():
        return True
    return ProgrammeApplication.objects.filter(
        cv=cv,
        status__in=REVIEWED_STATUSES,
        preferences__placement__company__members__user=user,
    ).exists()


def cv_list_for_owner(user: User) -> QuerySet[CV]:
    """A candidate's CVs, the default first, then the newest."""
    return CV.objects.filter(owner=user).order_by("-is_default", "-uploaded_at")


def cv_list_with_suggestions(user: User) -> QuerySet[CV]:
    """The CV list page: each CV with the skills found in it (one extra query in all)."""
    return (
        cv_list_for_owner(user)
        .defer("text")
        .prefetch_related(Prefetch("suggested_skills", queryset=Skill.objects.order_by("name")))
    )


def cv_get_for_owner(user: User, pk: int) -> CV | None:
    """One of the user's own CVs, or None (the views turn it into 404)."""
    return CV.objects.filter(owner=user, pk=pk).defer("text").first()


def cv_suggestions_new(*, cv: CV, profile: CandidateProfile) -> QuerySet[Skill]:
    """Skills found in the CV that the candidate does not list yet."""
    return (
        Skill.objects.filter(pk__in=cv.suggested_skills.values("pk"))
        .exclude(pk__in=profile.skills.values("pk"))
        .order_by("name")
    )


def cv_suggested_entries(*, cv: CV, profile: CandidateProfile) -> tuple[list[dict], list[dict]]:
    """The experience and education read from the CV that the profile does not hold yet
    (the same job title and start, the same level and year: a corrected entry counts),
    as initial values of the confirmation forms (dates as dates)."""
    have_jobs = {
        (title.lower(), started)
        for title, started in profile.experience.values_list("title", "started_on")
    }
    have_degrees = set(profile.education.values_list("level", "graduation_year"))
    jobs = []
    for entry in cv.suggested_experience or []:
        started = _iso_date(entry.get("started_on"))
        if ((entry.get("title") or "").lower(), started) in have_jobs:
            continue  # on the profile already, maybe corrected
        jobs.append(
            {
                "title": entry.get("title", ""),
                "organisation": entry.get("organisation", ""),
                "started_on": started,
                "ended_on": _iso_date(entry.get("ended_on")),
            }
        )
    degrees = [
        {key: entry.get(key) or "" for key in EDUCATION_KEYS}
        for entry in cv.suggested_education or []
        if (entry.get("level"), entry.get("graduation_year")) not in have_degrees
    ]
    return jobs, degrees


EDUCATION_KEYS = ("level", "institution", "field_of_study", "graduation_year")


def _iso_date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def profile_get_for_page(user: User) -> CandidateProfile | None:
    """The profile with its skills, experience and education for the profile page."""
    return (
        CandidateProfile.objects.filter(user=user)
        .prefetch_related(
            Prefetch("skills", queryset=Skill.objects.order_by("name")),
            Prefetch("experience", queryset=ExperienceEntry.objects.all()),
            Prefetch("education", queryset=EducationEntry.objects.all()),
        )
        .first()
    )


def experience_get_for_owner(user: User, pk: int) -> ExperienceEntry | None:
    return ExperienceEntry.objects.filter(profile__user=user, pk=pk).first()


def education_get_for_owner(user: User, pk: int) -> EducationEntry | None:
    return EducationEntry.objects.filter(profile__user=user, pk=pk).first()


@dataclass(frozen=True)
class CompletenessItem:
    label: Promise
    done: bool
    url: str


@dataclass(frozen=True)
class Completeness:
    items: list[CompletenessItem]

    @property
    def percent(self) -> int:
        return round(100 * sum(item.done for item in self.items) / len(self.items))

    @property
    def missing(self) -> list[CompletenessItem]:
        return [item for item in self.items if not item.done]


def profile_completeness(user: User) -> Completeness:
    """What a park company would miss in this profile, each with where to fix it.
    Two queries: the profile with counts, and whether a CV exists."""
    profile = (
        CandidateProfile.objects.filter(user=user)
        .annotate(
            skill_count=Count("skills", distinct=True),
            experience_count=Count("experience", distinct=True),
            education_count=Count("education", distinct=True),
        )
        .first()
    )
    has_cv = CV.objects.filter(owner=user).exists()
    profile_url = reverse("talent:profile")

    def has(attribute):
        return bool(profile and getattr(profile, attribute))

    items = [
        CompletenessItem(_("A headline"), has("headline"), f"{profile_url}#id_headline"),
        CompletenessItem(_("A few lines about you"), has("summary"), f"{profile_url}#id_summary"),
        CompletenessItem(_("Your skills"), has("skill_count"), f"{profile_url}#id_skills"),
        CompletenessItem(
            _("Work experience"),
            has("experience_count"),
            reverse("talent:experience_new"),
        ),
        CompletenessItem(_("Education"), has("education_count"), reverse("talent:education_new")),
        CompletenessItem(
            _("Your work eligibility"), has("eligibility"), f"{profile_url}#id_eligibility"
        ),
        CompletenessItem(
            _("The fields you want to work in"),
            has("desired_fields"),
            f"{profile_url}#id_desired_fields",
        ),
        CompletenessItem(_("A CV"), has_cv, reverse("talent:cv_list")),
    ]
    return Completeness(items)


# --- Privacy (PDPO) ------------------------------------------------------------


FINISHED_STAGES = [Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN]


def data_export_list_for_user(user: User) -> list[DataExport]:
    """The person's own exports, newest first (one query)."""
    return list(DataExport.objects.filter(user=user).order_by("-requested_at"))


def _count(queryset, field):
    # A scalar subquery per count: joining the three relations would multiply the rows.
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def privacy_data_summary(user: User) -> dict:
    """How much the portal holds about the person, for the privacy page (one query)."""
    return (
        User.objects.filter(pk=user.pk)
        .annotate(
            cv_count=_count(CV.objects.all(), "owner"),
            application_count=_count(Application.objects.all(), "candidate"),
            open_application_count=_count(
                Application.objects.exclude(stage__in=FINISHED_STAGES), "candidate"
            ),
            saved_job_count=_count(SavedJob.objects.all(), "user"),
        )
        .values("cv_count", "application_count", "open_application_count", "saved_job_count")
        .get()
    )
