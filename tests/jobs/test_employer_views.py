"""A company team's job pages through the client: drafting, the lifecycle, and bad input."""

import datetime

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db

NEW = reverse("jobs:employer_job_new")


def days_from_today(days):
    return lambda: (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def job_data(**overrides):
    """A valid JobForm POST; a callable value is called (for dates relative to today)."""
    data = {
        "title": "Robotics Software Engineer",
        "title_zh": "",
        "employment_type": "full_time",
        "seniority": "mid",
        "education": "bachelor",
        "field": "engineering",
        "site": "science_park",
        "work_mode": "hybrid",
        "description": "Build **robot** software for hospital logistics.",
        "responsibilities": "",
        "requirements": "",
        "description_zh": "",
        "required_skills": "Python, PyTorch",
        "preferred_skills": "",
        "salary_min": "30000",
        "salary_max": "45000",
        "show_salary": "on",
        "languages": ["en"],
        "openings": "2",
        "deadline": "",
    }
    data.update(overrides)
    return {key: value() if callable(value) else value for key, value in data.items()}


def job_state(job):
    """A job's row and skills, to show a refused request changed nothing."""
    job = Job.objects.get(pk=job.pk)
    state = model_to_dict(job, exclude=["required_skills", "preferred_skills"])
    state["updated_at"] = job.updated_at
    state["submitted_at"] = job.submitted_at
    state["published_at"] = job.published_at
    state["expires_at"] = job.expires_at
    state["closed_at"] = job.closed_at
    state["required"] = sorted(job.required_skills.values_list("name", flat=True))
    state["preferred"] = sorted(job.preferred_skills.values_list("name", flat=True))
    return state


@pytest.fixture
def member(db):
    """A recruiter of a verified, not trusted company."""
    return factories.CompanyMemberFactory()


def login(client, member):
    client.force_login(member.user)
    return member


# --- drafting ----------------------------------------------------------------


def test_a_recruiter_saves_a_new_draft(client, member):
    login(client, member)

    response = client.post(NEW, job_data(preferred_skills="Kubernetes"))

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("jobs:employer_job", args=[job.pk])
    assert job.company == member.company
    assert job.status == Job.Status.DRAFT
    assert job.title == "Robotics Software Engineer"
    assert (job.salary_min, job.salary_max, job.openings) == (30000, 45000, 2)
    assert job.languages == ["en"]
    assert job.submitted_at is None
    assert sorted(job.required_skills.values_list("name", flat=True)) == ["PyTorch", "Python"]
    assert list(job.preferred_skills.values_list("name", flat=True)) == ["Kubernetes"]
    assert job.search_vector is not None
    assert "Draft saved. Check it, then submit it for review." in messages_of(response)
    assert client.get(response.url).status_code == 200


def test_skills_are_matched_whatever_the_case_and_by_alias(client, member):
    login(client, member)

    client.post(NEW, job_data(required_skills=" python ,  TORCH, py"))

    job = Job.objects.get()
    assert sorted(job.required_skills.values_list("name", flat=True)) == ["PyTorch", "Python"]


# --- submitting --------------------------------------------------------------


def test_submitting_a_draft_of_a_verified_company_sends_it_for_review(client, member):
    job = factories.JobFactory(company=member.company)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_submit", args=[job.pk]))

    assert response.status_code == 302
    assert response.url == reverse("jobs:employer_job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert job.submitted_at is not None
    assert job.published_at is None
    assert job.expires_at is None
    assert not Job.objects.open().exists()
    assert "Submitted. HKSTP reviews jobs within one working day." in messages_of(response)


def test_a_trusted_company_publishes_at_once_for_the_default_lifetime(client):
    member = login(
        client, factories.CompanyMemberFactory(company=factories.TrustedCompanyFactory())
    )
    job = factories.JobFactory(company=member.company)

    response = client.post(reverse("jobs:employer_job_submit", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert job.submitted_at is not None
    assert job.published_at is not None
    assert job.expires_at == job.published_at + datetime.timedelta(days=Job.DEFAULT_LIFETIME_DAYS)
    assert list(Job.objects.open()) == [job]
    assert "Your job is live." in messages_of(response)


def test_a_trusted_companys_job_with_a_deadline_expires_after_that_day(client):
    member = login(
        client, factories.CompanyMemberFactory(company=factories.TrustedCompanyFactory())
    )
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    job = factories.JobFactory(company=member.company, deadline=deadline)

    client.post(reverse("jobs:employer_job_submit", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert timezone.localtime(job.expires_at) == timezone.make_aware(
        datetime.datetime.combine(deadline + datetime.timedelta(days=1), datetime.time.min)
    )


@pytest.mark.parametrize(
    "company_factory",
    [factories.CompanyFactory, factories.RejectedCompanyFactory],
    ids=["pending", "rejected"],
)
def test_an_unverified_company_can_draft_but_not_submit(client, company_factory):
    member = login(client, factories.CompanyMemberFactory(company=company_factory()))
    client.post(NEW, job_data())
    job = Job.objects.get(company=member.company)
    before = job_state(job)

    response = client.post(reverse("jobs:employer_job_submit", args=[job.pk]))

    assert response.status_code == 302
    assert any("must be verified by HKSTP" in text for text in messages_of(response))
    assert job_state(job) == before
    assert before["status"] == Job.Status.DRAFT
    assert before["submitted_at"] is None


def test_submitting_twice_is_refused_the_second_time(client, member):
    job = factories.JobFactory(company=member.company)
    login(client, member)
    url = reverse("jobs:employer_job_submit", args=[job.pk])
    client.post(url)
    after_first = job_state(job)

    response = client.post(url)

    assert response.status_code == 302
    assert "Only a draft can be submitted." in messages_of(response)
    assert job_state(job) == after_first
    assert after_first["status"] == Job.Status.PENDING


def test_a_job_with_a_deadline_that_has_passed_cannot_be_submitted(client, member):
    job = factories.JobFactory(
        company=member.company, deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    before = job_state(job)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_submit", args=[job.pk]))

    assert "The application deadline is in the past." in messages_of(response)
    assert job_state(job) == before


def test_a_pending_job_can_be_taken_back_to_draft(client, member):
    job = factories.PendingJobFactory(company=member.company)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_withdraw", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT
    assert "The job is a draft again." in messages_of(response)


def test_only_a_pending_job_can_be_taken_back(client, member):
    job = factories.PublishedJobFactory(company=member.company)
    before = job_state(job)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_withdraw", args=[job.pk]))

    assert "Only a job pending review can be taken back." in messages_of(response)
    assert job_state(job) == before


# --- editing -----------------------------------------------------------------


def test_editing_a_published_job_sends_it_back_to_review(client, member):
    job = factories.PublishedJobFactory(company=member.company)
    login(client, member)

    response = client.post(
        reverse("jobs:employer_job_edit", args=[job.pk]), job_data(title="Senior Robotics Engineer")
    )

    assert response.status_code == 302
    assert response.url == reverse("jobs:employer_job", args=[job.pk])
    job.refresh_from_db()
    assert job.title == "Senior Robotics Engineer"
    assert job.status == Job.Status.PENDING
    assert job.published_at is None
    assert job.expires_at is None
    assert not Job.objects.open().exists()
    assert "Changes saved. HKSTP will review them before they go live." in messages_of(response)


def test_editing_a_trusted_companys_published_job_keeps_it_live(client):
    member = login(
        client, factories.CompanyMemberFactory(company=factories.TrustedCompanyFactory())
    )
    job = factories.PublishedJobFactory(company=member.company)
    published_at = job.published_at

    response = client.post(
        reverse("jobs:employer_job_edit", args=[job.pk]), job_data(title="Senior Robotics Engineer")
    )

    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert job.title == "Senior Robotics Engineer"
    assert job.published_at == published_at
    assert "Changes saved." in messages_of(response)


def test_the_edit_form_shows_the_jobs_skills(client, member):
    login(client, member)
    client.post(NEW, job_data(required_skills="Python, PyTorch"))
    job = Job.objects.get()

    response = client.get(reverse("jobs:employer_job_edit", args=[job.pk]))

    assert response.status_code == 200
    value = response.context["form"]["required_skills"].value()
    assert sorted(label.strip() for label in value.split(",")) == ["PyTorch", "Python"]


@pytest.mark.parametrize("job_factory", [factories.ClosedJobFactory, factories.ExpiredJobFactory])
def test_a_closed_or_expired_job_cannot_be_edited(client, member, job_factory):
    job = job_factory(company=member.company)
    before = job_state(job)
    login(client, member)

    response = client.post(
        reverse("jobs:employer_job_edit", args=[job.pk]), job_data(title="Reopened")
    )

    assert response.status_code == 302
    assert "A closed or expired job cannot be edited." in messages_of(response)
    assert job_state(job) == before


# --- closing and deleting ----------------------------------------------------


def test_closing_a_published_job_as_filled(client, member):
    job = factories.PublishedJobFactory(company=member.company)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_close", args=[job.pk]), {"reason": "filled"})

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.CLOSED
    assert job.closed_reason == Job.ClosedReason.FILLED
    assert job.closed_at is not None
    assert not Job.objects.open().exists()
    assert "The job is closed and no longer appears in search." in messages_of(response)


@pytest.mark.parametrize("reason", ["", "bored"])
def test_closing_needs_a_known_reason(client, member, reason):
    job = factories.PublishedJobFactory(company=member.company)
    before = job_state(job)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_close", args=[job.pk]), {"reason": reason})

    assert response.status_code == 302
    assert "Say whether the job was filled or withdrawn." in messages_of(response)
    assert job_state(job) == before


def test_only_a_published_job_can_be_closed(client, member):
    job = factories.PendingJobFactory(company=member.company)
    before = job_state(job)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_close", args=[job.pk]), {"reason": "filled"})

    assert "Only a published job can be closed." in messages_of(response)
    assert job_state(job) == before


def test_a_draft_is_deleted(client, member):
    job = factories.JobFactory(company=member.company)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_delete", args=[job.pk]))

    assert response.status_code == 302
    assert response.url == reverse("companies:dashboard")
    assert not Job.objects.filter(pk=job.pk).exists()
    assert "Draft deleted." in messages_of(response)


@pytest.mark.parametrize(
    "make_job",
    [
        pytest.param(lambda company: factories.PendingJobFactory(company=company), id="pending"),
        pytest.param(
            lambda company: factories.PublishedJobFactory(company=company), id="published"
        ),
        pytest.param(
            lambda company: factories.JobFactory(
                company=company,
                submitted_at=timezone.now(),
                moderation_note="Add a salary range.",
            ),
            id="draft-sent-back-by-hkstp",
        ),
    ],
)
def test_a_job_that_was_ever_submitted_cannot_be_deleted(client, member, make_job):
    job = make_job(member.company)
    before = job_state(job)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_delete", args=[job.pk]))

    assert response.status_code == 302
    assert response.url == reverse("jobs:employer_job", args=[job.pk])
    assert "Only a draft that was never submitted can be deleted." in messages_of(response)
    assert job_state(job) == before


# --- state changes only on POST ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "job_factory"),
    [
        ("jobs:employer_job_submit", factories.JobFactory),
        ("jobs:employer_job_withdraw", factories.PendingJobFactory),
        ("jobs:employer_job_close", factories.PublishedJobFactory),
        ("jobs:employer_job_delete", factories.JobFactory),
    ],
)
def test_state_changes_only_on_post(client, member, name, job_factory):
    job = job_factory(company=member.company)
    before = job_state(job)
    login(client, member)

    response = client.get(reverse(name, args=[job.pk]), {"reason": "filled"})

    assert response.status_code == 405
    assert job_state(job) == before


# --- bad input ---------------------------------------------------------------

BAD_INPUT = [
    pytest.param(
        {"salary_min": "50000", "salary_max": "40000"},
        "salary_max",
        "The maximum is below the minimum.",
        id="salary-min-above-max",
    ),
    pytest.param(
        {"salary_min": "", "salary_max": "40000"},
        "salary_min",
        "Give a minimum too.",
        id="salary-max-without-min",
    ),
    pytest.param(
        {"deadline": days_from_today(-1)},
        "deadline",
        "The deadline is in the past.",
        id="deadline-in-the-past",
    ),
    pytest.param(
        {"deadline": days_from_today(400)},
        "deadline",
        "Choose a deadline within a year.",
        id="deadline-too-far",
    ),
    pytest.param(
        {"required_skills": "Pythn"},
        "required_skills",
        "Unknown skill “Pythn”. Did you mean “Python”?",
        id="misspelt-skill-suggests",
    ),
    pytest.param(
        {"required_skills": "Python, Underwater basket weaving"},
        "required_skills",
        "Unknown skill “Underwater basket weaving”.",
        id="unknown-skill",
    ),
    pytest.param(
        {"required_skills": ", ".join(f"Skill {n}" for n in range(21))},
        "required_skills",
        "List at most 20 skills.",
        id="too-many-skills",
    ),
    pytest.param({"openings": "0"}, "openings", "Between 1 and 500 openings.", id="no-openings"),
    pytest.param(
        {"openings": "501"}, "openings", "Between 1 and 500 openings.", id="too-many-openings"
    ),
    pytest.param(
        {"required_skills": "Python, PyTorch", "preferred_skills": "python"},
        "preferred_skills",
        "Already required: Python.",
        id="skill-required-and-preferred",
    ),
    pytest.param({"title": ""}, "title", "This field is required.", id="missing-title"),
    pytest.param(
        {"employment_type": "gig"}, "employment_type", "Select a valid choice.", id="bad-choice"
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUT)
def test_bad_input_on_a_new_job_is_a_field_error_and_creates_nothing(
    client, member, overrides, field, message
):
    login(client, member)

    response = client.post(NEW, job_data(**overrides))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert not Job.objects.exists()


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUT)
def test_bad_input_on_an_edit_is_a_field_error_and_changes_nothing(
    client, member, overrides, field, message
):
    job = factories.PublishedJobFactory(company=member.company)
    before = job_state(job)
    login(client, member)

    response = client.post(reverse("jobs:employer_job_edit", args=[job.pk]), job_data(**overrides))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert job_state(job) == before


def test_an_unknown_skill_without_a_near_match_gets_no_suggestion(client, member):
    login(client, member)

    response = client.post(NEW, job_data(required_skills="Underwater basket weaving"))

    errors = response.context["form"].errors["required_skills"]
    assert errors == ["Unknown skill “Underwater basket weaving”."]
    assert not Job.objects.exists()


def test_skills_may_be_separated_by_chinese_commas():
    from jobs.forms import SkillsField

    skills = SkillsField().clean("Python，PyTorch、機器學習")
    assert [skill.name for skill in skills] == ["Python", "PyTorch", "Machine learning"]


def test_deleting_a_draft_twice_is_a_404_the_second_time(client, member):
    job = factories.JobFactory(company=member.company)
    login(client, member)
    url = reverse("jobs:employer_job_delete", args=[job.pk])
    client.post(url)
    assert client.post(url).status_code == 404
    assert not Job.objects.exists()


def test_closing_twice_is_refused_the_second_time_and_keeps_the_first_reason(client, member):
    job = factories.PublishedJobFactory(company=member.company)
    login(client, member)
    url = reverse("jobs:employer_job_close", args=[job.pk])
    client.post(url, {"reason": "filled"})
    response = client.post(url, {"reason": "withdrawn"})
    assert "Only a published job can be closed." in messages_of(response)
    job.refresh_from_db()
    assert (job.status, job.closed_reason) == (Job.Status.CLOSED, Job.ClosedReason.FILLED)
