import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from accounts.services import MODERATORS
from tests import factories
from tests.workers import broker  # noqa: F401 - the worker tests' fixture

# The fuzz tests (tests/*/test_*_fuzz.py) drive views through the test client and the real
# PostgreSQL: no per-example deadline (a first query warms caches), function-scoped fixtures
# (client, db) are shared by the examples on purpose, and derandomize makes every run try
# the same inputs, so CI is reproducible and a failure is the same failure on a laptop.
hypothesis_settings.register_profile(
    "portal",
    deadline=None,
    derandomize=True,
    database=None,
    max_examples=60,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
# A longer, random hunt for a developer's machine: HYPOTHESIS_PROFILE=hunt pytest -k fuzz
hypothesis_settings.register_profile(
    "hunt", parent=hypothesis_settings.get_profile("portal"), derandomize=False, max_examples=1000
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "portal"))


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate-limit counters live in the (real, Redis) cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english():
    # A request under /zh-hant/ leaves its language active in the thread, and
    # reverse() would then build Chinese URLs in the next test.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def candidate(db):
    return factories.CandidateFactory()


@pytest.fixture
def signed_in_candidate(client, candidate):
    """The `candidate`, signed in with the test `client`."""
    client.force_login(candidate)
    return candidate


@pytest.fixture
def employer(db):
    return factories.EmployerFactory()


@pytest.fixture
def staff(db):
    return factories.StaffFactory()


@pytest.fixture
def superuser(db):
    return factories.SuperuserFactory()


@pytest.fixture
def moderator(db):
    """Staff in the Moderators group: verification and job moderation, nothing else."""
    user = factories.StaffFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs, on leaving the block, the on-commit callbacks registered
    inside it (the Celery enqueues), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
