import io

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hkstp_portal.errors import DomainError
from hkstp_portal.vocabulary import WorkEligibility
from jobs.services import job_submit
from matching import scoring, services
from matching.models import CandidateFeatures, Invitation, Match
from matching.selectors import job_match_for_viewer
from matching.services import (
    candidate_features_refresh,
    invitation_create,
    job_matches_notify,
    job_matches_record_and_notify,
    matches_for_job_record,
)
from matching.tasks import job_matches_record
from notifications.models import Notification
from talent.services.profiles import profile_update
from tests import factories
from tests.matching.conftest import make_candidate, make_job


@pytest.fixture
def world(skills):
    """A job needing Python and PyTorch, and candidates around it."""
    python, torch, verilog = skills["Python"], skills["PyTorch"], skills["Verilog"]
    job = make_job(required=[python, torch], preferred=[skills["Docker"]])
    people = {
        "strong": make_candidate(skills=[python, torch]),
        "half": make_candidate(skills=[python]),
        "private": make_candidate(skills=[python, torch], visibility="private"),
        "needs_visa": make_candidate(
            skills=[python, torch], eligibility=WorkEligibility.NEEDS_SPONSORSHIP
        ),
        "unrelated": make_candidate(skills=[verilog]),
    }
    candidate_features_refresh()
    return job, people


def test_records_only_discoverable_eligible_candidates_who_fit(world):
    job, people = world
    run = matches_for_job_record(job.pk)
    matched = set(Match.objects.filter(job=job).values_list("candidate_id", flat=True))
    assert people["strong"].pk in matched
    assert people["private"].pk not in matched
    assert people["needs_visa"].pk not in matched
    assert people["unrelated"].pk not in matched
    assert set(run.created) == matched
    strong = Match.objects.get(job=job, candidate=people["strong"])
    assert strong.score >= scoring.NOTIFY_THRESHOLD
    assert strong.score == strong.points // 1000
    assert strong.factors["skills"] > Match.objects.get(candidate=people["half"]).factors["skills"]
    assert people["strong"].pk in run.to_notify
    assert strong.created_at == strong.updated_at


def test_a_job_keeps_its_best_candidates_and_everyone_good_enough_to_email(skills, monkeypatch):
    python, torch, sql = skills["Python"], skills["PyTorch"], skills["SQL"]
    job = make_job(required=[python, torch])
    strong = [make_candidate(skills=[python, torch]) for _ in range(3)]
    weak = [make_candidate(skills=[python, sql], years=0) for _ in range(3)]
    candidate_features_refresh()
    monkeypatch.setattr(services, "MATCHES_KEPT", 1)
    run = matches_for_job_record(job.pk)
    kept = set(Match.objects.filter(job=job).values_list("candidate_id", flat=True))
    # Past the cap of one: the three who will be emailed stay, the weak ones go.
    assert kept == {user.pk for user in strong} == set(run.to_notify)
    assert not kept & {user.pk for user in weak}
    monkeypatch.setattr(services, "MATCHES_KEPT", 1000)
    matches_for_job_record(job.pk)
    assert Match.objects.filter(job=job).count() == 6


def test_the_task_is_idempotent_and_keeps_one_row_per_pair(world):
    job, _people = world
    first = job_matches_record(job.pk)
    rows = list(Match.objects.filter(job=job).values_list("candidate_id", "score", "created_at"))
    assert first == len(rows) > 0
    assert job_matches_record(job.pk) == 0  # nobody new to notify
    again = list(Match.objects.filter(job=job).values_list("candidate_id", "score", "created_at"))
    assert again == rows


def test_a_rerun_drops_a_candidate_who_no_longer_fits(world):
    job, people = world
    matches_for_job_record(job.pk)
    profile_update(user=people["strong"], eligibility=WorkEligibility.NEEDS_SPONSORSHIP)
    candidate_features_refresh([people["strong"].pk])
    run = matches_for_job_record(job.pk)
    assert run.removed == 1
    assert not Match.objects.filter(job=job, candidate=people["strong"]).exists()


def test_a_job_that_is_not_open_gets_no_matches(world, skills):
    closed = make_job(required=[skills["Python"]], factory=factories.ClosedJobFactory)
    assert matches_for_job_record(closed.pk).created == []
    assert not Match.objects.filter(job=closed).exists()
    assert matches_for_job_record(999_999).created == []


def test_the_database_refuses_a_second_row_for_a_pair(world):
    job, _people = world
    matches_for_job_record(job.pk)
    match = Match.objects.filter(job=job).first()
    with pytest.raises(IntegrityError):
        Match.objects.create(
            job=job,
            candidate=match.candidate,
            score=60,
            created_at=match.created_at,
            updated_at=match.updated_at,
        )


def test_publishing_a_job_records_its_matches_after_commit(skills, committed):
    python = skills["Python"]
    person = make_candidate(skills=[python])
    candidate_features_refresh()
    member = factories.CompanyMemberFactory(company=factories.TrustedCompanyFactory())
    job = make_job(required=[python], factory=factories.JobFactory, company=member.company)
    with committed():
        job_submit(job=job, by=member.user)
        assert not Match.objects.exists()  # nothing before the commit
    assert Match.objects.filter(job=job, candidate=person).exists()


def test_profile_changes_refresh_the_candidates_features_after_commit(skills, committed):
    person = make_candidate(skills=[])
    with committed():
        profile_update(user=person, skills=[skills["Verilog"]], visibility="discoverable")
    features = CandidateFeatures.objects.get(user=person)
    assert features.skill_ids == [skills["Verilog"].pk]
    assert features.discoverable


def test_features_include_the_default_cvs_skills(skills):
    person = make_candidate(skills=[skills["Python"]])
    cv = factories.CVFactory(owner=person)
    cv.suggested_skills.set([skills["Docker"]])
    candidate_features_refresh([person.pk])
    assert set(CandidateFeatures.objects.get(user=person).skill_ids) == {
        skills["Python"].pk,
        skills["Docker"].pk,
    }


# --- Invitations ---------------------------------------------------------------------


@pytest.fixture
def member(world):
    job, _people = world
    return factories.CompanyMemberFactory(company=job.company).user


def test_a_member_invites_a_discoverable_candidate_once(world, member):
    job, people = world
    invitation = invitation_create(job=job, candidate=people["strong"], by=member)
    assert (invitation.job, invitation.invited_by) == (job, member)
    with pytest.raises(DomainError, match="already been invited"):
        invitation_create(job=job, candidate=people["strong"], by=member)
    assert Invitation.objects.count() == 1


def test_invitations_are_refused_by_the_rules(world, member):
    job, people = world
    outsider = factories.CompanyMemberFactory().user
    with pytest.raises(DomainError, match="company's team"):
        invitation_create(job=job, candidate=people["strong"], by=outsider)
    with pytest.raises(DomainError, match="cannot be invited"):
        invitation_create(job=job, candidate=people["private"], by=member)
    factories.ApplicationFactory(job=job, candidate=people["half"])
    with pytest.raises(DomainError, match="already applied"):
        invitation_create(job=job, candidate=people["half"], by=member)
    closed = factories.ClosedJobFactory(company=job.company)
    with pytest.raises(DomainError, match="closed"):
        invitation_create(job=closed, candidate=people["strong"], by=member)
    assert not Invitation.objects.exists()


def test_rebuild_refreshes_everything_and_records_every_open_jobs_matches(world):
    from django.core.management import call_command

    job, people = world
    Match.objects.all().delete()
    CandidateFeatures.objects.all().delete()
    out = io.StringIO()
    call_command("matching_rebuild", stdout=out)
    assert "new matches" in out.getvalue()
    assert Match.objects.filter(job=job, candidate=people["strong"]).exists()
    assert CandidateFeatures.objects.count() == 5


def test_prune_forgets_the_features_of_jobs_no_longer_open(skills):
    from matching.models import JobFeatures
    from matching.services import job_features_prune, job_features_refresh

    open_job = make_job(required=[skills["Python"]])
    closed = make_job(required=[skills["Python"]], factory=factories.ClosedJobFactory)
    job_features_refresh()
    assert job_features_prune() == 1
    assert list(JobFeatures.objects.values_list("job_id", flat=True)) == [open_job.pk]
    assert job_features_prune() == 0
    assert closed.pk not in JobFeatures.objects.values_list("job_id", flat=True)


# --- Notifying the new matches ---------------------------------------------------------


def _languages(users, languages):
    for user, language in zip(users, languages, strict=True):
        user.language = language
        user.save(update_fields=["language"])


def test_each_candidate_gets_the_job_pages_reasons_in_their_own_language(skills):
    python, torch, docker = skills["Python"], skills["PyTorch"], skills["Docker"]
    job = make_job(required=[python, torch], preferred=[docker], title="ML Engineer")
    users = [
        make_candidate(skills=[python, torch], min_salary=20000),
        make_candidate(skills=[python, torch, docker]),
        make_candidate(skills=[python, torch], years=12, desired_sites=["shenzhen_branch"]),
        make_candidate(skills=[python, torch, docker]),
    ]
    _languages(users, ["zh-hant", "en", "zh-hans", "zh-hant"])
    candidate_features_refresh()

    run = job_matches_record_and_notify(job.pk)

    assert sorted(run.created) == sorted(user.pk for user in users)
    for user in users:
        row = Notification.objects.get(recipient=user, kind="job_match", channel="in_app")
        assert row.key == f"job-match:{job.pk}:{user.pk}:in_app"
        with translation.override(user.language):  # what the job page shows them
            live = job_match_for_viewer(job, user)
            url = job.get_absolute_url()
            assert row.context["reasons"] == [str(reason.text) for reason in live.reasons[:4]]
        assert row.context["score"] == live.score
        prefix = "" if user.language == "en" else f"/{user.language}"
        assert row.url == url == f"{prefix}/jobs/{job.pk}/"
        assert Notification.objects.filter(recipient=user, channel="email").count() == 1
    # The same facts, two languages: the same reasons, translated differently.
    chinese = Notification.objects.get(recipient=users[3], channel="in_app").context["reasons"]
    english = Notification.objects.get(recipient=users[1], channel="in_app").context["reasons"]
    assert len(chinese) == len(english)
    assert chinese != english


def test_notifying_runs_the_same_queries_for_one_candidate_or_many(skills, monkeypatch):
    python = skills["Python"]
    first, second = make_job(required=[python]), make_job(required=[python])
    users = [make_candidate(skills=[python]) for _ in range(7)]
    _languages(users, ["en", "zh-hant", "zh-hans"] * 2 + ["en"])
    candidate_features_refresh()

    def queries(job, people):
        with CaptureQueriesContext(connection) as captured:
            assert job_matches_notify(job.pk, [user.pk for user in people]) == len(people)
        return len(captured)

    one = queries(first, users[:1])
    assert queries(first, users[1:]) == one  # six more, three languages: no more queries
    # Per chunk of NOTIFY_CHUNK candidates: a savepoint, their facts and languages, the
    # skills related to theirs, their preferences, the INSERT, the savepoint's release.
    monkeypatch.setattr(services, "NOTIFY_CHUNK", 2)
    assert queries(second, users) == one + 3 * 6  # four chunks
    assert Notification.objects.filter(kind="job_match").count() == 2 * 7 * 2


def test_notifying_again_creates_nothing(skills):
    python = skills["Python"]
    job = make_job(required=[python])
    users = [make_candidate(skills=[python]) for _ in range(3)]
    candidate_features_refresh()
    ids = [user.pk for user in users]
    job_matches_notify(job.pk, ids)
    before = list(Notification.objects.order_by("pk").values_list("pk", "key"))

    job_matches_notify(job.pk, ids)

    assert list(Notification.objects.order_by("pk").values_list("pk", "key")) == before
    assert len(before) == 6
