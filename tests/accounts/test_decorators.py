import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from accounts.decorators import candidate_required, staff_required

pytestmark = pytest.mark.django_db


def _view(request):
    return HttpResponse("inside")


def _call(rf, decorator, user):
    request = rf.get("/somewhere/")
    request.user = user
    return decorator(_view)(request)


@pytest.mark.parametrize("decorator", [candidate_required, staff_required])
def test_anonymous_visitor_goes_to_the_login_page(rf, decorator):
    response = _call(rf, decorator, AnonymousUser())
    assert response.status_code == 302
    assert "next=/somewhere/" in response.url


def test_candidate_required_lets_only_candidates_in(rf, candidate, employer, staff):
    assert _call(rf, candidate_required, candidate).content == b"inside"
    for user in (employer, staff):
        with pytest.raises(PermissionDenied):
            _call(rf, candidate_required, user)


def test_staff_required_lets_only_staff_in(rf, candidate, employer, staff):
    assert _call(rf, staff_required, staff).content == b"inside"
    for user in (candidate, employer):
        with pytest.raises(PermissionDenied):
            _call(rf, staff_required, user)
