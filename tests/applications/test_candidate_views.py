"""A candidate's pages through the client: the job page's apply box, applying, following
and withdrawing applications, saved jobs; and who may see what."""

import pytest
from django.urls import reverse

from applications.models import Application, Stage
from talent.models import SavedJob
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def job():
    return factories.PublishedJobFactory()


@pytest.fixture
def cv(candidate):
    return factories.CVFactory(owner=candidate, original_name="Chan CV.pdf")


def apply_url(job):
    return reverse("applications:apply", args=[job.pk])


# --- The job page --------------------------------------------------------------------------


def test_job_page_offers_one_click_apply_with_the_default_cv(client, candidate, cv, job):
    client.force_login(candidate)
    content = client.get(job.get_absolute_url()).content.decode()
    assert "Apply with Chan CV.pdf" in content
    assert f'name="cv" value="{cv.pk}"' in content
    assert "Save this job" in content


def test_one_click_apply_from_the_job_page(client, candidate, cv, job):
    client.force_login(candidate)
    response = client.post(apply_url(job), {"cv": cv.pk, "cover_note": "Keen!"})
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("applications:my_application", args=[application.pk])
    assert application.candidate == candidate
    assert application.cover_note == "Keen!"
    content = client.get(job.get_absolute_url()).content.decode()
    assert "You applied on" in content
    assert "New" in content


def test_job_page_with_questions_links_to_the_apply_page(client, candidate, cv, job):
    factories.ScreeningQuestionFactory(job=job, position=1)
    client.force_login(candidate)
    content = client.get(job.get_absolute_url()).content.decode()
    assert "Apply with" not in content
    assert apply_url(job) in content


def test_job_page_tells_a_candidate_without_cv_to_upload_one(client, candidate, job):
    client.force_login(candidate)
    content = client.get(job.get_absolute_url()).content.decode()
    assert "Upload a CV" in content
    assert "Apply with" not in content


def test_job_page_of_a_closed_job_says_applications_closed(client, candidate, cv):
    job = factories.ClosedJobFactory()
    client.force_login(candidate)
    content = client.get(job.get_absolute_url()).content.decode()
    assert "Applications closed" in content
    assert "Apply with" not in content


def test_job_page_for_anonymous_visitors_asks_to_sign_in(client, job):
    content = client.get(job.get_absolute_url()).content.decode()
    assert "Sign in to apply" in content
    assert "Save this job" not in content


# --- Applying ------------------------------------------------------------------------------


def test_apply_page_asks_the_questions(client, candidate, cv, job):
    question = factories.ScreeningQuestionFactory(job=job, position=1, text="Can you relocate?")
    client.force_login(candidate)
    response = client.get(apply_url(job))
    assert "Can you relocate?" in response.content.decode()
    assert not Application.objects.exists()

    response = client.post(apply_url(job), {"cv": cv.pk})
    assert response.status_code == 400
    assert not Application.objects.exists()

    response = client.post(apply_url(job), {"cv": cv.pk, f"q{question.pk}": "no"})
    assert response.status_code == 302
    assert Application.objects.get().knocked_out


def test_apply_with_a_bad_cv_id_is_a_form_error(client, candidate, cv, job):
    client.force_login(candidate)
    other = factories.CVFactory()
    for value in (other.pk, "abc", ""):
        response = client.post(apply_url(job), {"cv": value})
        assert response.status_code == 400
    assert not Application.objects.exists()


def test_apply_twice_leads_to_the_first_application(client, candidate, cv, job):
    application = factories.ApplicationFactory(job=job, candidate=candidate, cv=cv)
    client.force_login(candidate)
    for response in (client.get(apply_url(job)), client.post(apply_url(job), {"cv": cv.pk})):
        assert response.status_code == 302
        assert response.url == reverse("applications:my_application", args=[application.pk])
        assert any("You applied for this job on" in m for m in messages_of(response))
    assert Application.objects.count() == 1


def test_apply_to_a_closed_job_is_refused(client, candidate, cv):
    job = factories.ClosedJobFactory()
    client.force_login(candidate)
    response = client.post(apply_url(job), {"cv": cv.pk})
    assert response.status_code == 302
    assert "no longer taking applications" in messages_of(response)[0]
    assert not Application.objects.exists()


def test_apply_to_a_draft_job_is_404(client, candidate, cv):
    client.force_login(candidate)
    assert client.get(apply_url(factories.JobFactory())).status_code == 404


def test_apply_without_a_cv_explains_what_to_do(client, candidate, job):
    client.force_login(candidate)
    response = client.get(apply_url(job))
    assert "Upload a CV" in response.content.decode()
    response = client.post(apply_url(job), {"cover_note": "hi"})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_only_candidates_apply(client, job):
    assert client.get(apply_url(job)).status_code == 302  # to the login page
    client.force_login(factories.EmployerFactory())
    assert client.post(apply_url(job), {"cv": 1}).status_code == 403


# --- My applications -----------------------------------------------------------------------


def test_my_applications_lists_stage_and_history(client, candidate, cv):
    application = factories.InterviewApplicationFactory(candidate=candidate, cv=cv)
    factories.RejectedApplicationFactory(candidate=candidate, cv=cv)
    client.force_login(candidate)
    content = client.get(reverse("applications:my_applications")).content.decode()
    assert application.job.title in content
    assert "Interview" in content
    assert "Not selected" in content
    # The company's reason stays inside the company.
    assert "Skills or experience do not match" not in content


def test_my_applications_runs_a_fixed_number_of_queries(
    client, candidate, cv, django_assert_num_queries
):
    client.force_login(candidate)
    url = reverse("applications:my_applications")
    factories.ApplicationFactory.create_batch(2, candidate=candidate, cv=cv)
    client.get(url)
    with django_assert_num_queries(4):  # session, user, applications, their histories
        client.get(url)
    factories.ApplicationFactory.create_batch(10, candidate=candidate, cv=cv)
    with django_assert_num_queries(4):
        client.get(url)


def test_my_application_shows_answers_cv_and_history(client, candidate, job):
    question = factories.ScreeningQuestionFactory(job=job, position=1)
    cv = factories.CVFactory(owner=candidate, original_name="Mine.pdf")
    client.force_login(candidate)
    client.post(apply_url(job), {"cv": cv.pk, f"q{question.pk}": "yes"})
    application = Application.objects.get()
    content = client.get(
        reverse("applications:my_application", args=[application.pk])
    ).content.decode()
    assert question.text in content
    assert "Mine.pdf" in content
    assert cv.download_url in content
    assert "Withdraw my application" in content


def test_withdraw_asks_first_then_withdraws(client, candidate):
    application = factories.ApplicationFactory(candidate=candidate)
    client.force_login(candidate)
    url = reverse("applications:withdraw", args=[application.pk])
    response = client.get(url)
    assert "Yes, withdraw it" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.NEW
    response = client.post(url)
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN
    response = client.post(url)
    assert "no longer be withdrawn" in messages_of(response)[-1]


@pytest.mark.parametrize("name", ["applications:my_application", "applications:withdraw"])
def test_another_candidates_application_is_404(client, candidate, name):
    application = factories.ApplicationFactory()
    client.force_login(candidate)
    assert client.get(reverse(name, args=[application.pk])).status_code == 404
    if name == "applications:withdraw":
        assert client.post(reverse(name, args=[application.pk])).status_code == 404
        application.refresh_from_db()
        assert application.stage == Stage.NEW


@pytest.mark.parametrize(
    ("name", "takes_application"),
    [
        ("applications:my_applications", False),
        ("applications:saved_jobs", False),
        ("applications:my_application", True),
        ("applications:withdraw", True),
    ],
)
def test_candidate_pages_need_a_candidate(client, name, takes_application):
    application = factories.ApplicationFactory()
    url = reverse(name, args=[application.pk] if takes_application else [])
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    client.force_login(factories.CompanyMemberFactory(company=application.job.company).user)
    assert client.get(url).status_code == 403


# --- Saved jobs ----------------------------------------------------------------------------


def test_save_and_unsave_from_the_job_page(client, candidate, job):
    client.force_login(candidate)
    save = reverse("applications:save_job", args=[job.pk])
    unsave = reverse("applications:unsave_job", args=[job.pk])
    assert client.get(save).status_code == 405
    assert not SavedJob.objects.exists()
    client.post(save)
    response = client.post(save)
    assert response.url == job.get_absolute_url()
    assert SavedJob.objects.filter(user=candidate, job=job).count() == 1
    content = client.get(reverse("applications:saved_jobs")).content.decode()
    assert job.title in content
    assert "Saved — remove" in client.get(job.get_absolute_url()).content.decode()
    client.post(unsave, {"next": reverse("applications:saved_jobs")})
    assert not SavedJob.objects.exists()


def test_save_redirects_only_to_this_site(client, candidate, job):
    client.force_login(candidate)
    response = client.post(
        reverse("applications:save_job", args=[job.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == job.get_absolute_url()


def test_save_needs_a_candidate_and_a_public_job(client, candidate, employer):
    job = factories.PublishedJobFactory()
    save = reverse("applications:save_job", args=[job.pk])
    assert reverse("account_login") in client.post(save).url
    client.force_login(employer)
    assert client.post(save).status_code == 403
    client.force_login(candidate)
    draft = factories.JobFactory()
    assert client.post(reverse("applications:save_job", args=[draft.pk])).status_code == 404
    assert not SavedJob.objects.exists()


def test_saved_jobs_runs_a_fixed_number_of_queries(client, candidate, django_assert_num_queries):
    client.force_login(candidate)
    url = reverse("applications:saved_jobs")
    factories.SavedJobFactory.create_batch(2, user=candidate)
    client.get(url)
    with django_assert_num_queries(3):
        client.get(url)
    factories.SavedJobFactory.create_batch(8, user=candidate)
    with django_assert_num_queries(3):
        client.get(url)


def test_save_from_search_results_and_back(client, candidate):
    jobs = factories.PublishedJobFactory.create_batch(3)
    client.force_login(candidate)
    search = reverse("jobs:job_list") + "?sort=newest"
    content = client.get(search).content.decode()
    assert content.count("☆ Save") == 3
    response = client.post(reverse("applications:save_job", args=[jobs[0].pk]), {"next": search})
    assert response.url == search
    content = client.get(search).content.decode()
    assert content.count("☆ Save") == 2
    assert content.count("★ Saved") == 1
    assert reverse("applications:unsave_job", args=[jobs[0].pk]) in content


# --- Which CV the company sees -------------------------------------------------------------


def test_the_apply_box_and_page_say_which_cv_the_company_sees(client, candidate, cv, job):
    factories.CVFactory(owner=candidate, is_default=False, original_name="Old CV.pdf")
    client.force_login(candidate)
    box = client.get(job.get_absolute_url()).content.decode()
    assert f"{job.company.name} sees only Chan CV.pdf, not your other CVs." in box
    page = client.get(apply_url(job)).content.decode()
    assert (
        "The company sees only the CV you choose here, not your other CVs, "
        "and no longer once you withdraw." in page
    )


def test_after_withdrawing_the_candidate_reads_that_the_cv_is_no_longer_shared(
    client, candidate, cv, job
):
    application = factories.WithdrawnApplicationFactory(job=job, candidate=candidate, cv=cv)
    client.force_login(candidate)
    url = reverse("applications:my_application", args=[application.pk])
    content = client.get(url).content.decode()
    assert "You withdrew, so the company no longer sees this CV." in content
