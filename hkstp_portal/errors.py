from django.shortcuts import render


class DomainError(Exception):
    """A rule of the portal refused an action; the message is safe to show the user."""


def bad_request(request, exception=None):
    """The 400 page (handler400, and hkstp_portal.middleware.RejectNulMiddleware): in the
    portal's look and the language of the address, saying that nothing was changed."""
    return render(request, "400.html", status=400)
