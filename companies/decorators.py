import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from companies.models import CompanyMember
from companies.selectors import membership_get


def company_member_required(view=None, *, admin=False):
    """Let through only members of a company (admins with admin=True); sets request.membership.

    Anonymous visitors go to the login page; an employer without a company goes to
    the dashboard to register one; anyone else signed in gets 403.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_employer:
                raise PermissionDenied
            membership = membership_get(request.user)
            if membership is None:
                return redirect("companies:dashboard")
            if admin and membership.role != CompanyMember.Role.ADMIN:
                raise PermissionDenied
            request.membership = membership
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator(view) if view else decorator
