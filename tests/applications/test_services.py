"""The rules of applying, screening questions, the pipeline and saved jobs."""

import pytest
from django.core import mail
from django.db import transaction

from applications import services
from applications.models import Application, ScreeningQuestion, Stage, StageChange
from applications.services import (
    AlreadyApplied,
    application_note_add,
    application_stage_bulk_set,
    application_stage_set,
    application_submit,
    application_withdraw,
    question_create,
    question_delete,
    question_update,
    saved_job_add,
    saved_job_remove,
)
from hkstp_portal.errors import DomainError
from talent.models import SavedJob
from tests import factories

pytestmark = pytest.mark.django_db

YES_NO = ScreeningQuestion.Kind.YES_NO
TEXT = ScreeningQuestion.Kind.TEXT


@pytest.fixture
def member():
    return factories.CompanyMemberFactory()


@pytest.fixture
def job(member):
    return factories.PublishedJobFactory(company=member.company)


@pytest.fixture
def cv(candidate):
    return factories.CVFactory(owner=candidate)


def rolled_back(action):
    """Run `action` in a transaction that then fails (a later step of the request breaks)."""
    with transaction.atomic():
        action()
        raise RuntimeError


def submit(job, candidate, cv, **kwargs):
    return application_submit(job=job, candidate=candidate, cv=cv, **kwargs)


# --- Screening questions -------------------------------------------------------------------


def test_questions_take_positions_one_to_five_then_refuse(job, member):
    for n in range(5):
        question = question_create(job=job, by=member.user, text=f"Q{n}", kind=YES_NO)
        assert question.position == n + 1
    with pytest.raises(DomainError, match="at most five"):
        question_create(job=job, by=member.user, text="Sixth", kind=YES_NO)
    assert job.questions.count() == 5


def test_only_the_company_team_edits_questions(job):
    outsider = factories.CompanyMemberFactory()
    with pytest.raises(DomainError):
        question_create(job=job, by=outsider.user, text="Q", kind=YES_NO)
    question = factories.ScreeningQuestionFactory(job=job, position=1)
    with pytest.raises(DomainError):
        question_update(question=question, by=outsider.user, text="X", kind=YES_NO)
    with pytest.raises(DomainError):
        question_delete(question=question, by=outsider.user)
    assert job.questions.get().text == question.text


def test_a_text_question_has_no_knockout(job, member):
    with pytest.raises(DomainError, match="yes-or-no"):
        question_create(job=job, by=member.user, text="Why?", kind=TEXT, knockout_answer="no")
    with pytest.raises(DomainError):
        question_create(job=job, by=member.user, text="Why?", kind="essay")
    with pytest.raises(DomainError):
        question_create(job=job, by=member.user, text="  ", kind=YES_NO)
    assert not job.questions.exists()


def test_questions_of_a_closed_job_are_fixed(member):
    job = factories.ClosedJobFactory(company=member.company)
    with pytest.raises(DomainError, match="closed or expired"):
        question_create(job=job, by=member.user, text="Q", kind=YES_NO)


def test_deleting_a_question_renumbers_the_rest(job, member):
    questions = [
        question_create(job=job, by=member.user, text=f"Q{n}", kind=YES_NO) for n in range(4)
    ]
    question_delete(question=questions[1], by=member.user)
    assert list(job.questions.values_list("text", "position")) == [
        ("Q0", 1),
        ("Q2", 2),
        ("Q3", 3),
    ]


def test_an_answered_question_keeps_its_kind_and_knockout(job, member, candidate, cv):
    question = factories.ScreeningQuestionFactory(job=job, position=1)
    submit(job, candidate, cv, answers={question.pk: "yes"})
    with pytest.raises(DomainError, match="already answered"):
        question_update(question=question, by=member.user, text="Q", kind=TEXT)
    with pytest.raises(DomainError, match="already answered"):
        question_update(
            question=question, by=member.user, text=question.text, kind=YES_NO, knockout_answer=""
        )
    # The wording may improve; the answer keeps the wording it was given against.
    question_update(
        question=question,
        by=member.user,
        text="Can you work in HK?",
        kind=YES_NO,
        knockout_answer="no",
    )
    answer = candidate.applications.get().answers.get()
    assert answer.question_text == "Do you have the right to work in Hong Kong?"
    question_delete(question=question, by=member.user)
    answer.refresh_from_db()
    assert answer.question is None
    assert answer.answer == "yes"


# --- Applying ------------------------------------------------------------------------------


def test_apply_records_the_application_and_its_first_stage(job, candidate, cv, committed):
    with committed():
        application = submit(job, candidate, cv, cover_note="  Hello  ")
    assert application.stage == Stage.NEW
    assert application.cover_note == "Hello"
    assert application.cv == cv
    change = application.history.get()
    assert (change.from_stage, change.to_stage, change.by) == ("", Stage.NEW, candidate)


def test_apply_emails_each_member_in_their_language(job, member, candidate, cv, committed):
    colleague = factories.CompanyMemberFactory(
        company=job.company, user=factories.EmployerFactory(language="zh-hant")
    )
    with committed():
        application = submit(job, candidate, cv)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.user.email, colleague.user.email])
    english = next(m for m in mail.outbox if m.to == [member.user.email])
    chinese = next(m for m in mail.outbox if m.to == [colleague.user.email])
    assert english.subject == f"New application for {job.title}"
    assert f"/employer/applications/{application.pk}/" in english.body
    assert f"/zh-hant/employer/applications/{application.pk}/" in chinese.body
    assert "香港科技園人才平台" in chinese.body


def test_apply_twice_is_refused_with_the_first_application(job, candidate, cv):
    first = submit(job, candidate, cv)
    with pytest.raises(AlreadyApplied) as caught:
        submit(job, candidate, cv)
    assert caught.value.application == first
    assert "already applied" in str(caught.value)
    assert Application.objects.count() == 1


def test_a_parallel_double_apply_meets_the_unique_constraint(job, candidate, cv, monkeypatch):
    first = submit(job, candidate, cv)
    # The other request passed the check before this one inserted: only the constraint stops it.
    real = services._existing_application
    calls = []

    def stale_check(job, candidate):
        calls.append(1)
        return None if len(calls) == 1 else real(job, candidate)

    monkeypatch.setattr(services, "_existing_application", stale_check)
    with pytest.raises(AlreadyApplied) as caught:
        submit(job, candidate, cv)
    assert caught.value.application == first
    assert Application.objects.count() == 1
    assert StageChange.objects.count() == 1


@pytest.mark.parametrize(
    "factory", [factories.ClosedJobFactory, factories.ExpiredJobFactory, factories.JobFactory]
)
def test_a_job_that_is_not_open_refuses_applications(factory, candidate, cv):
    job = factory()
    with pytest.raises(DomainError, match="no longer taking"):
        submit(job, candidate, cv)
    assert not Application.objects.exists()


def test_a_published_job_past_its_expiry_refuses_applications(candidate, cv):
    job = factories.PublishedJobFactory()
    job.expires_at = job.published_at
    job.save()
    with pytest.raises(DomainError, match="no longer taking"):
        submit(job, candidate, cv)


def test_someone_elses_cv_is_refused(job, candidate):
    other_cv = factories.CVFactory()
    with pytest.raises(DomainError, match="your own"):
        submit(job, candidate, other_cv)
    assert not Application.objects.exists()


def test_a_cv_is_required(job, candidate):
    with pytest.raises(DomainError, match="Upload a CV"):
        submit(job, candidate, None)


@pytest.mark.parametrize("user_factory", [factories.EmployerFactory, factories.StaffFactory])
def test_only_candidates_apply(job, user_factory):
    user = user_factory()
    with pytest.raises(DomainError, match="Only candidates"):
        submit(job, user, factories.CVFactory(owner=user))


def test_a_long_cover_note_is_refused(job, candidate, cv):
    with pytest.raises(DomainError, match="4,000"):
        submit(job, candidate, cv, cover_note="x" * 4001)


@pytest.fixture
def questions(job):
    return [
        factories.ScreeningQuestionFactory(job=job, position=1, knockout_answer="no"),
        factories.ScreeningQuestionFactory(
            job=job, position=2, text="Your notice period?", kind=TEXT, knockout_answer=""
        ),
    ]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "every question"),
        ({0: "yes"}, "every question"),
        ({0: "yes", 1: "   "}, "every question"),
        ({0: "maybe", 1: "One month"}, "yes or no"),
        ({0: "yes", 1: "x" * 501}, "500"),
        ({0: "yes", 1: "ok", 99: "extra"}, "changed"),
    ],
)
def test_every_question_needs_a_valid_answer(job, candidate, cv, questions, answers, message):
    ids = [q.pk for q in questions] + [10**9]
    by_id = {ids[k if k != 99 else 2]: v for k, v in answers.items()}
    with pytest.raises(DomainError, match=message):
        submit(job, candidate, cv, answers=by_id)
    assert not Application.objects.exists()


def test_a_knockout_answer_flags_the_application(job, candidate, cv, questions):
    yes_no, text = questions
    application = submit(job, candidate, cv, answers={yes_no.pk: "no", text.pk: "One month"})
    assert application.knocked_out
    answers = {a.question_id: a for a in application.answers.all()}
    assert answers[yes_no.pk].is_knockout
    assert not answers[text.pk].is_knockout
    assert answers[text.pk].question_text == "Your notice period?"


def test_a_non_knockout_answer_does_not_flag(job, candidate, cv, questions):
    yes_no, text = questions
    application = submit(job, candidate, cv, answers={yes_no.pk: "yes", text.pk: "Now"})
    assert not application.knocked_out
    assert not application.answers.filter(is_knockout=True).exists()


def test_a_rolled_back_application_sends_no_email(job, candidate, cv, committed):
    with committed(), pytest.raises(RuntimeError):
        rolled_back(lambda: submit(job, candidate, cv))
    assert mail.outbox == []
    assert not Application.objects.exists()


# --- Withdrawing ---------------------------------------------------------------------------


def test_the_candidate_withdraws(candidate):
    application = factories.InterviewApplicationFactory(candidate=candidate)
    application_withdraw(application=application, by=candidate)
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN
    change = application.history.get()
    assert (change.from_stage, change.to_stage) == (Stage.INTERVIEW, Stage.WITHDRAWN)


@pytest.mark.parametrize(
    "factory",
    [
        factories.RejectedApplicationFactory,
        factories.WithdrawnApplicationFactory,
        lambda candidate: factories.ApplicationFactory(candidate=candidate, stage=Stage.HIRED),
    ],
)
def test_a_decided_application_cannot_be_withdrawn(candidate, factory):
    application = factory(candidate=candidate)
    stage = application.stage
    with pytest.raises(DomainError, match="no longer be withdrawn"):
        application_withdraw(application=application, by=candidate)
    application.refresh_from_db()
    assert application.stage == stage


def test_nobody_else_withdraws(member):
    application = factories.ApplicationFactory(job__company=member.company)
    for user in (factories.CandidateFactory(), member.user):
        with pytest.raises(DomainError, match="Only the candidate"):
            application_withdraw(application=application, by=user)
    application.refresh_from_db()
    assert application.stage == Stage.NEW


# --- The pipeline --------------------------------------------------------------------------


@pytest.fixture
def application(job):
    return factories.ApplicationFactory(job=job, candidate__language="zh-hans")


def test_a_recruiter_moves_an_application_and_the_candidate_is_emailed_in_their_language(
    application, member, committed
):
    with committed():
        application_stage_set(application=application, to_stage=Stage.INTERVIEW, by=member.user)
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEW
    change = application.history.get()
    assert change.by == member.user
    assert change.candidate_notified
    assert application.stage_changed_at == change.at
    (email,) = mail.outbox
    assert email.to == [application.candidate.email]
    assert f"/zh-hans/me/applications/{application.pk}/" in email.body
    assert application.job.title in email.subject
    assert application.job.company.name in email.body


def test_without_notify_no_email(application, member, committed):
    with committed():
        application_stage_set(
            application=application, to_stage=Stage.SCREENING, by=member.user, notify=False
        )
    assert mail.outbox == []
    assert application.history.get().candidate_notified is False


def test_rejection_needs_a_reason_and_the_email_does_not_say_it(application, member, committed):
    with pytest.raises(DomainError, match="reason"):
        application_stage_set(application=application, to_stage=Stage.REJECTED, by=member.user)
    with pytest.raises(DomainError, match="from the list"):
        application_stage_set(
            application=application, to_stage=Stage.REJECTED, by=member.user, reason="rude"
        )
    with committed():
        application_stage_set(
            application=application, to_stage=Stage.REJECTED, by=member.user, reason="salary"
        )
    application.refresh_from_db()
    assert application.rejection_reason == "salary"
    (email,) = mail.outbox
    assert "alary" not in email.body
    # Moving on from "not selected" clears the reason.
    application_stage_set(application=application, to_stage=Stage.SCREENING, by=member.user)
    application.refresh_from_db()
    assert application.rejection_reason == ""


@pytest.mark.parametrize(
    ("to_stage", "reason", "message"),
    [
        (Stage.NEW, "", "already at this stage"),
        (Stage.WITHDRAWN, "", "Only the candidate"),
        ("archived", "", "from the list"),
        (Stage.INTERVIEW, "skills", "only when"),
    ],
)
def test_invalid_moves_are_refused(application, member, to_stage, reason, message):
    with pytest.raises(DomainError, match=message):
        application_stage_set(
            application=application, to_stage=to_stage, by=member.user, reason=reason
        )
    application.refresh_from_db()
    assert application.stage == Stage.NEW
    assert not application.history.exists()


def test_a_withdrawn_application_cannot_be_moved(job, member):
    application = factories.WithdrawnApplicationFactory(job=job)
    with pytest.raises(DomainError, match="withdrew"):
        application_stage_set(application=application, to_stage=Stage.SCREENING, by=member.user)


def test_an_anonymised_application_cannot_be_moved(job, member):
    application = factories.ApplicationFactory(job=job, candidate=None, cv=None)
    with pytest.raises(DomainError, match="anonymised"):
        application_stage_set(application=application, to_stage=Stage.SCREENING, by=member.user)
    with pytest.raises(DomainError, match="anonymised"):
        application_note_add(application=application, by=member.user, body="Hi")


def test_another_company_cannot_move_or_note(application):
    outsider = factories.CompanyMemberFactory()
    with pytest.raises(DomainError, match="not in this company"):
        application_stage_set(application=application, to_stage=Stage.SCREENING, by=outsider.user)
    with pytest.raises(DomainError, match="not in this company"):
        application_note_add(application=application, by=outsider.user, body="Hi")
    with pytest.raises(DomainError, match="not in this company"):
        application_stage_set(
            application=application, to_stage=Stage.SCREENING, by=application.candidate
        )


def test_bulk_move_all_or_nothing(job, member, committed):
    ready = factories.ApplicationFactory.create_batch(2, job=job)
    withdrawn = factories.WithdrawnApplicationFactory(job=job)
    with committed(), pytest.raises(DomainError, match="Nothing was changed") as caught:
        application_stage_bulk_set(
            job=job,
            application_ids=[a.pk for a in [*ready, withdrawn]],
            to_stage=Stage.SCREENING,
            by=member.user,
        )
    assert withdrawn.candidate.name in str(caught.value)
    assert set(job.applications.values_list("stage", flat=True)) == {Stage.NEW, Stage.WITHDRAWN}
    assert not StageChange.objects.exists()
    assert mail.outbox == []

    with committed():
        moved = application_stage_bulk_set(
            job=job,
            application_ids=[a.pk for a in ready],
            to_stage=Stage.REJECTED,
            reason="filled",
            by=member.user,
        )
    assert len(moved) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.candidate.email for a in ready)
    assert set(
        job.applications.filter(pk__in=[a.pk for a in ready]).values_list(
            "stage", "rejection_reason"
        )
    ) == {(Stage.REJECTED, "filled")}


def test_bulk_move_refuses_another_jobs_application(job, member):
    mine = factories.ApplicationFactory(job=job)
    other = factories.ApplicationFactory(job=factories.PublishedJobFactory(company=job.company))
    with pytest.raises(DomainError, match="not for this job"):
        application_stage_bulk_set(
            job=job, application_ids=[mine.pk, other.pk], to_stage=Stage.SCREENING, by=member.user
        )
    with pytest.raises(DomainError, match="at least one"):
        application_stage_bulk_set(
            job=job, application_ids=[], to_stage=Stage.SCREENING, by=member.user
        )
    assert set(Application.objects.values_list("stage", flat=True)) == {Stage.NEW}


def test_a_rolled_back_move_sends_no_email(application, member, committed):
    with committed(), pytest.raises(RuntimeError):
        rolled_back(
            lambda: application_stage_set(
                application=application, to_stage=Stage.OFFER, by=member.user
            )
        )
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.stage == Stage.NEW


def test_notes(application, member):
    note = application_note_add(application=application, by=member.user, body="  Strong C++  ")
    assert note.body == "Strong C++"
    assert note.author == member.user
    with pytest.raises(DomainError):
        application_note_add(application=application, by=member.user, body="   ")
    with pytest.raises(DomainError):
        application_note_add(application=application, by=member.user, body="x" * 4001)
    assert application.notes.count() == 1


# --- Saved jobs ----------------------------------------------------------------------------


def test_saving_is_idempotent(candidate, job):
    saved_job_add(user=candidate, job=job)
    saved_job_add(user=candidate, job=job)
    assert SavedJob.objects.filter(user=candidate).count() == 1
    saved_job_remove(user=candidate, job=job)
    saved_job_remove(user=candidate, job=job)
    assert not SavedJob.objects.exists()


def test_only_candidates_save_published_jobs(candidate, employer):
    with pytest.raises(DomainError):
        saved_job_add(user=employer, job=factories.PublishedJobFactory())
    with pytest.raises(DomainError):
        saved_job_add(user=candidate, job=factories.JobFactory())
    assert not SavedJob.objects.exists()
