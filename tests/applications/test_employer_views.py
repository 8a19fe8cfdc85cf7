"""A company team's pages through the client: screening questions, the pipeline table and
board, the application page, bulk moves, CSV export; and who may see what."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from applications.models import Application, ApplicationNote, ScreeningQuestion, Stage
from tests import factories
from tests.helpers import csv_rows, messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return factories.CompanyMemberFactory()


@pytest.fixture
def job(member):
    return factories.PublishedJobFactory(company=member.company)


@pytest.fixture
def application(job):
    return factories.ApplicationFactory(job=job)


@pytest.fixture
def question(job):
    return factories.ScreeningQuestionFactory(job=job, position=1)


JOB_URLS = [
    ("applications:questions", "get"),
    ("applications:questions", "post"),
    ("applications:pipeline", "get"),
    ("applications:board", "get"),
    ("applications:export_csv", "get"),
    ("applications:bulk_stage", "post"),
]
APPLICATION_URLS = [
    ("applications:application", "get"),
    ("applications:stage_set", "post"),
    ("applications:note_add", "post"),
]
QUESTION_URLS = [
    ("applications:question_edit", "get"),
    ("applications:question_edit", "post"),
    ("applications:question_delete", "post"),
]


def all_urls(job, application, question):
    return [
        *[(reverse(name, args=[job.pk]), method) for name, method in JOB_URLS],
        *[(reverse(name, args=[application.pk]), method) for name, method in APPLICATION_URLS],
        *[(reverse(name, args=[job.pk, question.pk]), method) for name, method in QUESTION_URLS],
    ]


def state(job):
    return (
        list(job.applications.order_by("pk").values_list("stage", "rejection_reason")),
        list(job.questions.values_list("text", "kind", "knockout_answer", "position")),
        ApplicationNote.objects.count(),
    )


def test_another_company_gets_404_everywhere(client, job, application, question):
    client.force_login(factories.CompanyMemberFactory().user)
    before = state(job)
    data = {"stage": "screening", "applications": [application.pk], "body": "x", "text": "Q"}
    for url, method in all_urls(job, application, question):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, url
    assert state(job) == before


def test_candidates_get_403_and_anonymous_visitors_log_in(client, job, application, question):
    urls = all_urls(job, application, question)
    for url, method in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("account_login") in response.url, url
    client.force_login(application.candidate)
    for url, method in urls:
        assert getattr(client, method)(url).status_code == 403, url


def test_question_of_another_job_of_the_same_company_is_404(client, member, job):
    other = factories.ScreeningQuestionFactory(
        job=factories.PublishedJobFactory(company=member.company), position=1
    )
    client.force_login(member.user)
    url = reverse("applications:question_edit", args=[job.pk, other.pk])
    assert client.get(url).status_code == 404


def test_get_never_changes_state(client, member, job, application, question):
    client.force_login(member.user)
    before = state(job)
    for url, method in all_urls(job, application, question):
        response = client.get(url)
        if (method == "post" and "questions" not in url) or url.endswith("/delete/"):
            assert response.status_code == 405, url
        else:
            assert response.status_code == 200, url
    assert state(job) == before


# --- Screening questions -------------------------------------------------------------------


def test_add_edit_and_delete_questions(client, member, job):
    client.force_login(member.user)
    url = reverse("applications:questions", args=[job.pk])
    response = client.post(
        url, {"text": "Can you start in May?", "kind": "yes_no", "knockout_answer": "no"}
    )
    assert response.status_code == 302
    question = job.questions.get()
    assert (question.position, question.knockout_answer) == (1, "no")

    edit = reverse("applications:question_edit", args=[job.pk, question.pk])
    client.post(edit, {"text": "Your notice period?", "kind": "text", "knockout_answer": ""})
    question.refresh_from_db()
    assert (question.text, question.kind) == ("Your notice period?", "text")

    client.post(reverse("applications:question_delete", args=[job.pk, question.pk]))
    assert not job.questions.exists()


def test_bad_question_input_is_a_form_error(client, member, job):
    client.force_login(member.user)
    url = reverse("applications:questions", args=[job.pk])
    for data in (
        {"text": "", "kind": "yes_no"},
        {"text": "Why?", "kind": "text", "knockout_answer": "no"},
        {"text": "Why?", "kind": "essay"},
        {"text": "x" * 301, "kind": "yes_no"},
    ):
        assert client.post(url, data).status_code == 400
    assert not job.questions.exists()


def test_a_sixth_question_is_refused(client, member, job):
    for position in range(1, 6):
        factories.ScreeningQuestionFactory(job=job, position=position)
    client.force_login(member.user)
    url = reverse("applications:questions", args=[job.pk])
    response = client.post(url, {"text": "Sixth?", "kind": "yes_no", "knockout_answer": ""})
    assert response.status_code == 400
    assert "at most five" in response.content.decode()
    assert job.questions.count() == ScreeningQuestion.MAX_PER_JOB


def test_an_answered_question_cannot_change_kind(client, member, job, question):
    factories.ApplicationFactory(job=job).answers.create(
        question=question, question_text=question.text, answer="yes"
    )
    client.force_login(member.user)
    edit = reverse("applications:question_edit", args=[job.pk, question.pk])
    response = client.post(edit, {"text": "Anything?", "kind": "text", "knockout_answer": ""})
    assert response.status_code == 400
    assert "already answered" in response.content.decode()
    question.refresh_from_db()
    assert question.kind == "yes_no"


# --- The pipeline --------------------------------------------------------------------------


def test_pipeline_table_shows_applicants_and_filters(client, member, job):
    alice = factories.ApplicationFactory(job=job, candidate__name="Alice Wong")
    bob = factories.InterviewApplicationFactory(
        job=job, candidate__name="Bob Chan", knocked_out=True
    )
    factories.ApplicationFactory(job=job, candidate=None, cv=None)
    client.force_login(member.user)
    url = reverse("applications:pipeline", args=[job.pk])
    content = client.get(url).content.decode()
    assert "Alice Wong" in content
    assert "Bob Chan" in content
    assert "Anonymised candidate" in content
    assert "Knock-out answer" in content
    assert alice.cv.download_url in content

    content = client.get(url, {"stage": "interview"}).content.decode()
    assert "Bob Chan" in content
    assert "Alice Wong" not in content
    content = client.get(url, {"q": "alice"}).content.decode()
    assert "Alice Wong" in content
    assert "Bob Chan" not in content
    content = client.get(url, {"order": "oldest"}).content.decode()
    assert content.index("Alice Wong") < content.index("Bob Chan")
    # Nonsense filters are ignored, never a 500.
    assert client.get(url, {"stage": "nope", "order": "x", "page": "zz"}).status_code == 200
    assert f"pick-{bob.pk}" in content


def test_pipeline_page_has_no_duplicate_ids(client, member, job):
    # The filter form and the bulk-move form both have a `stage`: "Move to" must label
    # the bulk form's select, not the filter's.
    factories.ApplicationFactory(job=job)
    client.force_login(member.user)
    content = client.get(reverse("applications:pipeline", args=[job.pk])).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', content)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert '<label for="id_bulk_stage">' in content


def test_pipeline_pages_run_a_fixed_number_of_queries(
    client, member, job, django_assert_num_queries
):
    client.force_login(member.user)
    table = reverse("applications:pipeline", args=[job.pk])
    board = reverse("applications:board", args=[job.pk])

    factories.ApplicationFactory.create_batch(3, job=job)
    client.get(table)
    # session, user, membership, job (+ its skill lists, one query), count, page, answers,
    # stage counts
    with django_assert_num_queries(9):
        client.get(table)
    with django_assert_num_queries(7):
        client.get(board)
    applications = factories.ApplicationFactory.create_batch(27, job=job)
    for application in applications[:5]:
        application.answers.create(question_text="Q", answer="yes")
    with django_assert_num_queries(9):
        client.get(table)
    with django_assert_num_queries(7):
        client.get(board)


def test_board_moves_a_card(client, member, application, committed):
    client.force_login(member.user)
    content = client.get(reverse("applications:board", args=[application.job.pk])).content.decode()
    assert application.candidate.name in content
    with committed():
        response = client.post(
            reverse("applications:stage_set", args=[application.pk]),
            {"stage": "screening", "reason": "", "notify": "on", "next": "board"},
        )
    assert response.url == reverse("applications:board", args=[application.job.pk])
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert len(mail.outbox) == 1


def test_application_page_shows_the_profile_answers_and_notes(client, member, job):
    profile = factories.CandidateProfileFactory(
        headline="FPGA engineer", summary="I build chips.", eligibility="ttps"
    )
    profile.experience.create(title="Intern", organisation="Chip Co", started_on="2024-01-01")
    profile.education.create(institution="HKUST", level="master", graduation_year=2025)
    application = factories.ApplicationFactory(job=job, candidate=profile.user, knocked_out=True)
    application.answers.create(question_text="Right to work?", answer="no", is_knockout=True)
    application.notes.create(author=member.user, body="Call on Monday")
    client.force_login(member.user)
    content = client.get(
        reverse("applications:application", args=[application.pk])
    ).content.decode()
    for text in (
        "FPGA engineer",
        "I build chips.",
        "Chip Co",
        "HKUST",
        "Right to work?",
        "knock-out answer",
        "Call on Monday",
    ):
        assert text in content, text
    assert application.cv.download_url in content


def test_the_candidate_never_sees_private_notes(client, member, application):
    application.notes.create(author=member.user, body="Secret remark")
    client.force_login(application.candidate)
    content = client.get(
        reverse("applications:my_application", args=[application.pk])
    ).content.decode()
    assert "Secret remark" not in content


def test_anonymised_application_page_has_no_move_form(client, member, job):
    application = factories.ApplicationFactory(job=job, candidate=None, cv=None)
    client.force_login(member.user)
    content = client.get(
        reverse("applications:application", args=[application.pk])
    ).content.decode()
    assert "Anonymised candidate" in content
    assert reverse("applications:stage_set", args=[application.pk]) not in content
    response = client.post(
        reverse("applications:stage_set", args=[application.pk]),
        {"stage": "screening", "notify": "on"},
    )
    assert "anonymised" in messages_of(response)[0]


def test_stage_change_with_reason_and_without_email(client, member, application, committed):
    client.force_login(member.user)
    url = reverse("applications:stage_set", args=[application.pk])
    with committed():
        response = client.post(url, {"stage": "rejected", "reason": "filled"})
    assert "not emailed" in messages_of(response)[0]
    application.refresh_from_db()
    assert (application.stage, application.rejection_reason) == ("rejected", "filled")
    assert mail.outbox == []


@pytest.mark.parametrize(
    "data",
    [
        {"stage": "rejected", "reason": ""},
        {"stage": "interview", "reason": "skills"},
        {"stage": "withdrawn"},
        {"stage": "new"},
        {"stage": "bogus"},
        {},
    ],
)
def test_bad_stage_changes_change_nothing(client, member, application, data):
    client.force_login(member.user)
    response = client.post(reverse("applications:stage_set", args=[application.pk]), data)
    assert response.status_code == 302
    assert messages_of(response)
    application.refresh_from_db()
    assert application.stage == Stage.NEW
    assert not application.history.exists()


def test_add_a_note(client, member, application):
    client.force_login(member.user)
    url = reverse("applications:note_add", args=[application.pk])
    client.post(url, {"body": "Strong portfolio"})
    client.post(url, {"body": ""})
    assert list(application.notes.values_list("body", "author")) == [
        ("Strong portfolio", member.user.pk)
    ]


def test_bulk_move_from_the_table(client, member, job, committed):
    first, second = factories.ApplicationFactory.create_batch(2, job=job)
    withdrawn = factories.WithdrawnApplicationFactory(job=job)
    client.force_login(member.user)
    url = reverse("applications:bulk_stage", args=[job.pk])

    response = client.post(
        url, {"applications": [first.pk, withdrawn.pk], "stage": "screening", "notify": "on"}
    )
    assert "Nothing was changed" in messages_of(response)[0]
    assert set(job.applications.values_list("stage", flat=True)) == {"new", "withdrawn"}

    for bad in (
        {"applications": ["x"], "stage": "screening"},
        {"stage": "screening"},
        {"applications": [first.pk], "stage": "rejected"},
        {"applications": [factories.ApplicationFactory().pk], "stage": "screening"},
    ):
        response = client.post(url, bad)
        assert response.status_code == 302
    assert set(job.applications.values_list("stage", flat=True)) == {"new", "withdrawn"}

    with committed():
        response = client.post(
            url,
            {
                "applications": [first.pk, second.pk],
                "stage": "interview",
                "notify": "on",
                "query": "stage=new",
            },
        )
    assert response.url.endswith("?stage=new")
    assert "2 applicants moved" in messages_of(response)[-1]
    assert set(job.applications.exclude(pk=withdrawn.pk).values_list("stage", flat=True)) == {
        "interview"
    }
    assert len(mail.outbox) == 2

    with committed():
        response = client.post(url, {"applications": [first.pk], "stage": "offer"})
    assert messages_of(response)[-1] == "1 applicant moved to Offer."


# --- CSV export ----------------------------------------------------------------------------


def test_csv_export_is_complete_and_injection_safe(client, member, job):
    application = factories.ApplicationFactory(
        job=job, candidate__name='=HYPERLINK("http://evil.example")', knocked_out=True
    )
    application.answers.create(question_text="Notice?", answer="+1 month")
    factories.ApplicationFactory(
        job=job, candidate__name="陳大文 Alice Wong", candidate__email="alice@example.com"
    )
    factories.ApplicationFactory(job=job, candidate=None, cv=None)
    factories.ApplicationFactory(candidate__name="Other company's applicant")
    client.force_login(member.user)
    response = client.get(reverse("applications:export_csv", args=[job.pk]))
    assert response["Cache-Control"] == "private, no-store"
    rows = csv_rows(response)  # UTF-8 with a byte-order mark, for Excel
    assert rows[0] == ["Name", "Email", "Stage", "Applied", "Knock-out answer", "Answers"]
    assert len(rows) == 4
    evil = rows[1]
    assert evil[0] == '\'=HYPERLINK("http://evil.example")'
    assert evil[2] == "New"
    assert evil[4] == "yes"
    assert evil[5] == "Notice?: +1 month"
    assert rows[2][:2] == ["陳大文 Alice Wong", "alice@example.com"]
    assert rows[3][0] == "Anonymised candidate"
    assert rows[3][1] == ""
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


# --- The job's page for its team -----------------------------------------------------------


def test_job_manage_links_to_the_pipeline_with_counts(client, member, job):
    factories.ApplicationFactory.create_batch(2, job=job)
    factories.InterviewApplicationFactory(job=job)
    client.force_login(member.user)
    content = client.get(reverse("jobs:employer_job", args=[job.pk])).content.decode()
    assert reverse("applications:pipeline", args=[job.pk]) in content
    assert reverse("applications:questions", args=[job.pk]) in content
    assert "New <strong>2</strong>" in content
    assert "Interview <strong>1</strong>" in content
    assert Application.objects.count() == 3


def test_a_withdrawn_application_no_longer_links_its_cv(client, member, job):
    """The CV link would be a 404 (talent.selectors.cv_can_view): the pages leave it out."""
    withdrawn = factories.WithdrawnApplicationFactory(job=job, candidate__name="Wing Lee")
    url = withdrawn.cv.download_url
    client.force_login(member.user)
    pipeline = client.get(reverse("applications:pipeline", args=[job.pk])).content.decode()
    assert "Wing Lee" in pipeline
    assert url not in pipeline
    page = client.get(reverse("applications:application", args=[withdrawn.pk])).content.decode()
    assert url not in page
    assert "The candidate withdrew, so their CV is no longer shared with you." in page
