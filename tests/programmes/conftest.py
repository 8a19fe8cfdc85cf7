import datetime

import pytest
from django.utils import timezone

from hkstp_portal.vocabulary import Cluster, Education
from programmes.models import ProgrammeApplication
from programmes.services import programme_apply, programme_select, programme_shortlist
from talent.models import EducationEntry
from tests import factories

Status = ProgrammeApplication.Status


def student(*, level=Education.BACHELOR, year=2027, language="en", **kwargs):
    """A candidate with a profile, one education entry and a CV."""
    user = factories.CandidateFactory(language=language, **kwargs)
    profile = factories.CandidateProfileFactory(user=user)
    EducationEntry.objects.create(
        profile=profile,
        institution="The Hong Kong University of Science and Technology",
        level=level,
        field_of_study="Computer Science",
        graduation_year=year,
    )
    factories.CVFactory(owner=user)
    return user


def apply(programme, candidate, placements, **overrides):
    values = {
        "programme": programme,
        "candidate": candidate,
        "university": "HKUST",
        "country": "Hong Kong",
        "statement": "I would love to learn how a lab turns research into products.",
        "cv": candidate.cvs.first(),
        "placement_ids": [placement.pk for placement in placements],
    }
    values.update(overrides)
    return programme_apply(**values)


@pytest.fixture
def programme(db):
    return factories.ProgrammeFactory(
        name="Global Internship Programme 2027",
        name_zh="全球實習計劃 2027",
        slug="gip-2027",
        eligible_levels=[Education.BACHELOR, Education.MASTER],
        earliest_graduation_year=2027,
    )


@pytest.fixture
def placements(programme):
    """Three placements at three companies: quota 1, 2 and 1."""
    return [
        factories.PlacementFactory(
            programme=programme, title="Genomics Data Intern", cluster=Cluster.HEALTHTECH, quota=1
        ),
        factories.PlacementFactory(
            programme=programme, title="ML Platform Intern", cluster=Cluster.AI_ROBOTICS, quota=2
        ),
        factories.PlacementFactory(
            programme=programme, title="Payments Risk Intern", cluster=Cluster.FINTECH, quota=1
        ),
    ]


@pytest.fixture
def applicant(db):
    return student()


@pytest.fixture
def application(programme, placements, applicant):
    return apply(programme, applicant, placements[:2])


@pytest.fixture
def shortlisted(application, staff):
    return programme_shortlist(application=application, by=staff)


@pytest.fixture
def offer(shortlisted, placements, staff):
    return programme_select(application=shortlisted, placement=placements[0], by=staff)


@pytest.fixture
def member(placements):
    """A team member of the first placement's company."""
    return factories.CompanyMemberFactory(company=placements[0].company)


def move_windows(programme, **days):
    """Shift the programme's windows so that now is where the test needs it."""
    now = timezone.now()
    for field, offset in days.items():
        setattr(programme, field, now + datetime.timedelta(days=offset))
    programme.save()
    return programme
