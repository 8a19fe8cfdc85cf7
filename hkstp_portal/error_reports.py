"""Where errors are reported in production: Sentry when SENTRY_DSN is set, and mail to
ADMINS (DJANGO_ADMINS) through Django's own 500 handler.

The portal holds CVs, cover notes and contact details, so what leaves for Sentry is the
error, its stack (code, not variables) and the request's method, path and harmless
headers: no body, no cookies, no user's email or address (send_default_pii off), and the
scrub below for whatever an integration adds anyway.
"""

from email.utils import getaddresses

from django.views.debug import SafeExceptionReporterFilter

# Request headers that identify a person or a session; never sent.
_PRIVATE_HEADERS = {"cookie", "authorization", "x-forwarded-for", "x-real-ip", "x-csrftoken"}


def admins_parse(value: str) -> list[tuple[str, str]]:
    """DJANGO_ADMINS="Ops <ops@hkstp.example>, oncall@hkstp.example" -> [(name, email)],
    the form Django's ADMINS takes; an entry without an address is an error at start."""
    admins = []
    for name, address in getaddresses([value]):
        if not address:
            continue
        if "@" not in address:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(f"DJANGO_ADMINS: {address!r} is not an email address.")
        admins.append((name or address, address))
    return admins


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's report of a 500 (the email to ADMINS) without the values a form posted:
    a cover note, a screening answer or a profile is not the operator's to read by email.
    The field names stay, which is usually what the diagnosis needs; cookies and secret
    settings are hidden by Django already."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)


def _scrub(event, hint):
    """Last look at each event before it leaves: drop request bodies, cookies and
    identifying headers, whatever the SDK's options already left out."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("data", None)
        request.pop("cookies", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value
                for name, value in headers.items()
                if name.lower() not in _PRIVATE_HEADERS
            }
    user = event.get("user")
    if isinstance(user, dict):
        # The id says whose session it was without saying who they are.
        event["user"] = {"id": user["id"]} if "id" in user else {}
    return event


def sentry_init(
    *,
    dsn: str,
    environment: str = "production",
    release: str = "",
    traces_sample_rate: float = 0.0,
    transport=None,
) -> bool:
    """Switch Sentry on for this process (web, worker or beat) when `dsn` is set; returns
    whether it did. `transport` is for tests (no network)."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        # A frame's variables hold what the code was working on: a CV's text, a cover note.
        include_local_variables=False,
        before_send=_scrub,
        traces_sample_rate=traces_sample_rate,
        transport=transport,
    )
    return True
