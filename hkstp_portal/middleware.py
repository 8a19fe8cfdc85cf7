"""Middleware of the portal's own: requests refused before any view runs."""

import logging

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
