"""View decorators that need only the signed-in user's role (User.is_candidate, is_staff).

They live with the User model, the lowest layer, so every app above can use the same one."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def candidate_required(view):
    """Candidates only: anonymous visitors go to the login page, employers and staff get 403."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_candidate:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def staff_required(view):
    """HKSTP staff only: anonymous visitors go to the login page, anyone else gets 403."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)
