"""Middleware of the portal's own: requests refused before any view runs, and the
headers every response carries."""

import functools
import logging
import re

from django.conf import settings
from django.utils.cache import patch_cache_control

from hkstp_portal.errors import bad_request

logger = logging.getLogger(__name__)

NUL = "\x00"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _carries_nul(request) -> bool:
    """A NUL character, raw or percent-encoded (%00), in the path, a query key or value, a
    posted form field's name or value, or a cookie. Uploaded files are not read: a PDF holds
    NUL bytes by nature, and they reach storage, never a text column."""
    if NUL in request.path_info:
        return True
    if any(
        NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
    ):
        return True
    if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
        return True
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        return any(
            NUL in key or any(NUL in value for value in values)
            for key, values in request.POST.lists()
        )
    return False


class RejectNulMiddleware:
    """Answers a request that carries a NUL character with the 400 page, before any view
    runs. PostgreSQL text cannot hold NUL: a view that looked such a value up (a slug, an
    invitation token, an admin filter) failed with a 500, and one that stored it would half
    write. No person types a NUL; it is a scanner or a script, so refusing it whole is
    simpler and safer than cleaning each field.

    It sits after the session and locale middleware (the page is in the address's language
    and still gets the CSP header) but before authentication, so the page never loads the
    session: a NUL in the session cookie would otherwise reach the database too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            logger.warning("Refused a request with a NUL character: %r", request.path)
            return bad_request(request)
        return self.get_response(request)


# --- Headers ---------------------------------------------------------------------------------


def permissions_policy(**features):
    """View decorator: this page may use `features` (feature="self"), which
    settings.PERMISSIONS_POLICY denies everywhere else. The door's check-in page uses it
    for the camera that scans tickets."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.permissions_policy = features
            return response

        return wrapped

    return decorator


def _policy_header(overrides) -> str:
    """camera=(), geolocation=(), …: "" allows no origin, "self" the portal's own."""
    policy = {**settings.PERMISSIONS_POLICY, **overrides}
    return ", ".join(f"{feature}=({origins})" for feature, origins in policy.items())


def _is_personal(path_info: str) -> bool:
    path = re.sub(r"^/zh-han[st]/", "/", path_info)
    return any(re.match(pattern, path) for pattern in settings.PERSONAL_PATHS)


class SecurityHeadersMiddleware:
    """Headers that Django's SecurityMiddleware does not send, on every response (the 400,
    429 and static files included):

    - Permissions-Policy: the browser features the portal never uses are off
      (settings.PERMISSIONS_POLICY); a view opts in with @permissions_policy.
    - Cross-Origin-Resource-Policy: same-origin. No other site embeds the portal's files:
      emails carry no images from it, the feed and JSON-LD are read by servers (which this
      header does not concern), and logos are shown only on the portal's own pages.
    - Cache-Control: private, no-store on personal pages and files (settings.PERSONAL_PATHS:
      /me/, tickets, applications, CVs, exports, the employer and staff pages), so neither a
      shared cache nor the browser's disk keeps a copy after the person signs out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", _policy_header(getattr(response, "permissions_policy", {}))
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if _is_personal(request.path_info):
            patch_cache_control(response, private=True, no_store=True)
        return response
