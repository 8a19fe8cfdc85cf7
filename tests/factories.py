"""factory_boy factories, one per meaningful status; shared by the tests and `demo_data`."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from applications.models import Application, ScreeningQuestion, Stage
from companies.models import Company, CompanyMember
from events.models import BoothDrop, Event, Exhibitor, InterviewSlot, Registration
from hkstp_portal.demo.documents import cv_pdf
from hkstp_portal.vocabulary import (
    Cluster,
    Education,
    EmploymentType,
    JobField,
    Seniority,
    Site,
    WorkMode,
)
from jobs.models import Job
from jobs.services import job_search_index
from programmes.models import Placement, Programme, ProgrammeApplication
from talent.models import CV, CandidateProfile, SavedJob

DEFAULT_PASSWORD = "portal-pass-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    name = factory.Sequence(lambda n: f"Person {n}")
    kind = User.Kind.CANDIDATE
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """A verified primary email, so the user can sign in (verified=False to skip)."""
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class CandidateFactory(UserFactory):
    kind = User.Kind.CANDIDATE


class EmployerFactory(UserFactory):
    kind = User.Kind.EMPLOYER


class StaffFactory(UserFactory):
    kind = User.Kind.STAFF
    is_staff = True


class SuperuserFactory(StaffFactory):
    is_superuser = True


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(CandidateFactory)
    headline = "Recent graduate in computer science"


class DiscoverableProfileFactory(CandidateProfileFactory):
    """A candidate who lets verified park companies find them in the Talent Pool."""

    visibility = CandidateProfile.Visibility.DISCOVERABLE


class CVFactory(factory.django.DjangoModelFactory):
    """A real one-page PDF CV, already read (text extracted), the owner's default."""

    class Meta:
        model = CV

    owner = factory.SubFactory(CandidateFactory)
    file = factory.django.FileField(
        filename="cv.pdf",
        data=factory.LazyAttribute(
            lambda o: cv_pdf(
                name="Chan Tai Man",
                headline="Machine learning engineer",
                skills=["Python", "PyTorch", "Docker"],
                experience=["2023-2026 ML Engineer, Harbour Labs"],
            )
        ),
    )
    original_name = "Chan Tai Man CV.pdf"
    kind = CV.Kind.PDF
    size = factory.LazyAttribute(lambda o: o.file.size)
    is_default = True
    text = "Chan Tai Man Machine learning engineer Skills Python, PyTorch, Docker"
    parse_status = CV.ParseStatus.PARSED


class CompanyFactory(factory.django.DjangoModelFactory):
    """A company waiting for HKSTP to verify it."""

    class Meta:
        model = Company
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Harbour Labs {n} Limited")
    slug = factory.Sequence(lambda n: f"harbour-labs-{n}")
    programme = Company.Programme.TENANT
    clusters = factory.LazyFunction(lambda: [Cluster.AI_ROBOTICS])
    sites = factory.LazyFunction(lambda: [Site.SCIENCE_PARK])
    size = Company.Size.SMALL
    status = Company.Status.PENDING


class VerifiedCompanyFactory(CompanyFactory):
    status = Company.Status.VERIFIED


class TrustedCompanyFactory(VerifiedCompanyFactory):
    """Verified, and its jobs publish without review."""

    is_trusted = True


class RejectedCompanyFactory(CompanyFactory):
    status = Company.Status.REJECTED
    status_reason = "We could not confirm the business registration."


class CompanyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyMember
        django_get_or_create = ("user",)

    company = factory.SubFactory(VerifiedCompanyFactory)
    user = factory.SubFactory(EmployerFactory)
    role = CompanyMember.Role.RECRUITER


class CompanyAdminFactory(CompanyMemberFactory):
    role = CompanyMember.Role.ADMIN


class JobFactory(factory.django.DjangoModelFactory):
    """A draft job."""

    class Meta:
        model = Job

    company = factory.SubFactory(VerifiedCompanyFactory)
    title = factory.Sequence(lambda n: f"Machine Learning Engineer {n}")
    description = "Build and ship models for our products."
    employment_type = EmploymentType.FULL_TIME
    seniority = Seniority.MID
    education = Education.BACHELOR
    field = JobField.DATA_AI
    site = Site.SCIENCE_PARK
    work_mode = WorkMode.HYBRID
    salary_min = 30000
    salary_max = 45000
    status = Job.Status.DRAFT

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            # Searchable like a job saved through the services.
            job_search_index([instance.pk])


class PendingJobFactory(JobFactory):
    status = Job.Status.PENDING
    submitted_at = factory.LazyFunction(timezone.now)


class PublishedJobFactory(JobFactory):
    status = Job.Status.PUBLISHED
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(
        lambda o: o.published_at + datetime.timedelta(days=Job.DEFAULT_LIFETIME_DAYS)
    )


class ClosedJobFactory(PublishedJobFactory):
    status = Job.Status.CLOSED
    closed_reason = Job.ClosedReason.FILLED
    closed_at = factory.LazyFunction(timezone.now)


class ExpiredJobFactory(PublishedJobFactory):
    status = Job.Status.EXPIRED
    published_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=Job.DEFAULT_LIFETIME_DAYS + 1)
    )


class EventFactory(factory.django.DjangoModelFactory):
    """A published, upcoming recruitment fair."""

    class Meta:
        model = Event
        django_get_or_create = ("slug",)

    kind = Event.Kind.RECRUITMENT_FAIR
    format = Event.Format.HYBRID
    title = factory.Sequence(lambda n: f"Park Recruitment Fair {n}")
    slug = factory.Sequence(lambda n: f"park-recruitment-fair-{n}")
    site = Site.SCIENCE_PARK
    # 10:00 to 17:00 Hong Kong time, as fairs run: a start at the clock's time of day would
    # put a test run late in the evening past midnight (slots of one day end before they start).
    starts_at = factory.LazyFunction(
        lambda: timezone.localtime(timezone.now() + datetime.timedelta(days=14)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=7))
    capacity = 300
    is_published = True


class SavedJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedJob

    user = factory.SubFactory(CandidateFactory)
    job = factory.SubFactory(PublishedJobFactory)


class ScreeningQuestionFactory(factory.django.DjangoModelFactory):
    """A yes/no question; answering "no" flags the application."""

    class Meta:
        model = ScreeningQuestion

    job = factory.SubFactory(PublishedJobFactory)
    position = factory.Sequence(lambda n: n % ScreeningQuestion.MAX_PER_JOB + 1)
    text = "Do you have the right to work in Hong Kong?"
    kind = ScreeningQuestion.Kind.YES_NO
    knockout_answer = ScreeningQuestion.Knockout.NO


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A new application to an open job, with the candidate's default CV."""

    class Meta:
        model = Application

    job = factory.SubFactory(PublishedJobFactory)
    candidate = factory.SubFactory(CandidateFactory)
    cv = factory.LazyAttribute(lambda o: CVFactory(owner=o.candidate))
    cover_note = "I would love to join the team."
    stage = Stage.NEW


class InterviewApplicationFactory(ApplicationFactory):
    stage = Stage.INTERVIEW


class RejectedApplicationFactory(ApplicationFactory):
    stage = Stage.REJECTED
    rejection_reason = "skills"


class WithdrawnApplicationFactory(ApplicationFactory):
    stage = Stage.WITHDRAWN


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place (a ticket) at an upcoming fair."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    candidate = factory.SubFactory(CandidateFactory)
    status = Registration.Status.CONFIRMED


class WaitlistedRegistrationFactory(RegistrationFactory):
    status = Registration.Status.WAITLISTED


class CancelledRegistrationFactory(RegistrationFactory):
    status = Registration.Status.CANCELLED
    cancelled_at = factory.LazyFunction(timezone.now)


class ExhibitorFactory(factory.django.DjangoModelFactory):
    """A company's application to exhibit, waiting for HKSTP."""

    class Meta:
        model = Exhibitor

    event = factory.SubFactory(EventFactory)
    company = factory.SubFactory(VerifiedCompanyFactory)
    status = Exhibitor.Status.PENDING
    pitch = "Meet our engineers and see the robots at work."


class ApprovedExhibitorFactory(ExhibitorFactory):
    status = Exhibitor.Status.APPROVED
    booth = factory.Sequence(lambda n: f"B{n + 1:02d}")
    decided_at = factory.LazyFunction(timezone.now)


class InterviewSlotFactory(factory.django.DjangoModelFactory):
    """A free 15-minute slot at an approved exhibitor's booth, during the fair."""

    class Meta:
        model = InterviewSlot

    exhibitor = factory.SubFactory(ApprovedExhibitorFactory)
    starts_at = factory.LazyAttribute(
        lambda o: o.exhibitor.event.starts_at + datetime.timedelta(minutes=15 * o.index)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=15))
    mode = InterviewSlot.Mode.BOOTH

    class Params:
        index = factory.Sequence(lambda n: n % 24)


class BoothDropFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothDrop

    exhibitor = factory.SubFactory(ApprovedExhibitorFactory)
    candidate = factory.SubFactory(CandidateFactory)
    cv = factory.LazyAttribute(lambda o: CVFactory(owner=o.candidate))


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A published internship round taking applications now."""

    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Global Internship Programme {2027 + n}")
    slug = factory.Sequence(lambda n: f"global-internship-programme-{2027 + n}")
    eligibility = "Undergraduate and postgraduate students graduating in 2027 or later."
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    applications_close_at = factory.LazyAttribute(
        lambda o: o.applications_open_at + datetime.timedelta(days=30)
    )
    offers_by = factory.LazyAttribute(
        lambda o: o.applications_close_at + datetime.timedelta(days=21)
    )
    accept_by = factory.LazyAttribute(lambda o: o.offers_by + datetime.timedelta(days=7))
    is_published = True


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    programme = factory.SubFactory(ProgrammeFactory)
    company = factory.SubFactory(VerifiedCompanyFactory)
    title = factory.Sequence(lambda n: f"Data Science Intern {n}")
    cluster = Cluster.AI_ROBOTICS
    quota = 2


class ProgrammeApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeApplication

    programme = factory.SubFactory(ProgrammeFactory)
    candidate = factory.SubFactory(CandidateFactory)
    university = "The Hong Kong University of Science and Technology"
    country = "Hong Kong"


class SavedSearchFactory(factory.django.DjangoModelFactory):
    """A saved search through the service, so its filters and keywords are matchable.

    `query` is the job search's query string, e.g. "q=python&site=science_park".
    """

    class Meta:
        model = "alerts.SavedSearch"

    user = factory.SubFactory(CandidateFactory)
    name = factory.Sequence(lambda n: f"My search {n}")
    query = "q=python"
    frequency = "daily"

    @classmethod
    def _create(cls, model_class, *, user, name, query, frequency, **kwargs):
        from django.http import QueryDict

        from alerts.services import saved_search_create

        return saved_search_create(
            user=user, params=QueryDict(query), name=name, frequency=frequency
        )
