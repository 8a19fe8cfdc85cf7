"""The rules the database itself keeps for applications and screening questions."""

import pytest
from django.db import IntegrityError

from applications.models import ScreeningQuestion
from tests import factories


@pytest.mark.django_db
def test_one_application_per_candidate_and_job():
    application = factories.ApplicationFactory()
    with pytest.raises(IntegrityError):
        factories.ApplicationFactory(job=application.job, candidate=application.candidate)


@pytest.mark.django_db
def test_anonymised_applications_do_not_collide():
    job = factories.PublishedJobFactory()
    factories.ApplicationFactory(job=job, candidate=None, cv=None)
    factories.ApplicationFactory(job=job, candidate=None, cv=None)
    assert job.applications.count() == 2


@pytest.mark.django_db
def test_at_most_five_questions_per_job():
    job = factories.PublishedJobFactory()
    for position in range(1, ScreeningQuestion.MAX_PER_JOB + 1):
        factories.ScreeningQuestionFactory(job=job, position=position)
    with pytest.raises(IntegrityError):
        factories.ScreeningQuestionFactory(job=job, position=6)


@pytest.mark.django_db
def test_a_rejection_reason_needs_the_rejected_stage():
    with pytest.raises(IntegrityError):
        factories.ApplicationFactory(rejection_reason="skills")


@pytest.mark.django_db
def test_cv_factory_stores_a_real_pdf_privately(settings):
    cv = factories.CVFactory()
    with cv.file.open("rb") as file:
        assert file.read(5) == b"%PDF-"
    assert str(settings.PRIVATE_MEDIA_ROOT) in cv.file.path
    assert not cv.file.path.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.django_db
def test_shares_cv_and_sharing_cv_agree_on_every_stage():
    """The pages ask the row (`shares_cv`), the download asks the database (`sharing_cv`):
    the same rule, so a link is shown exactly when it opens."""
    from django.utils import timezone

    from applications.models import Application, Stage

    rows = [
        factories.ApplicationFactory(stage=stage) for stage in Stage.values if stage != "rejected"
    ]
    rows.append(factories.RejectedApplicationFactory())
    rows.append(factories.ApplicationFactory(cv=None))
    rows.append(
        factories.ApplicationFactory(
            stage=Stage.REJECTED,
            rejection_reason="skills",
            candidate=None,
            cv=None,
            anonymised_at=timezone.now(),
        )
    )
    sharing = set(Application.objects.sharing_cv().values_list("pk", flat=True))
    assert {row.pk for row in rows if row.shares_cv} == sharing
    assert {Application.objects.get(pk=pk).stage for pk in sharing} == set(Stage.values) - {
        Stage.WITHDRAWN
    }
