import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation

from accounts.services import MODERATORS
from tests import factories


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
