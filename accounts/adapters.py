from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from hkstp_portal.ratelimit import client_ip
from notifications.outbox import email_enqueue


@dataclass(frozen=True)
class PortalSite:
    """What allauth's emails call `current_site` ("Hello from {name}!", "Thank you for
    using {name}! {domain}"): the portal's name in the reader's language, and its address.
    The portal runs one site, so no django.contrib.sites row to keep in step with SITE_URL."""

    name: str
    domain: str


def at_site_url(url: str) -> str:
    """`url` (a path, or an absolute URL built from a request's host) at SITE_URL."""
    parts = urlsplit(url)
    return settings.SITE_URL + urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


class AccountAdapter(DefaultAccountAdapter):
    """The portal's hooks into allauth: who a new user is, where they land, how mail leaves."""

    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.name = data["name"].strip()
        user.kind = data["kind"]
        user.language = translation.get_language() or "en"
        user.privacy_accepted_at = timezone.now()
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        return reverse("accounts:start")

    def get_client_ip(self, request):
        # allauth's per-IP rate limits read the address the way the portal's own do.
        return client_ip(request)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """allauth's security notices (ACCOUNT_EMAIL_NOTIFICATIONS): in the account's own
        language, whoever made the change, with links to check the addresses and to reset
        the password (made absolute at SITE_URL by send_mail)."""
        with translation.override(user.language or settings.LANGUAGE_CODE):
            links = {
                "email_url": reverse("account_email"),
                "password_reset_url": reverse("account_reset_password"),
            }
            super().send_notification_mail(
                template_prefix, user, context={**links, **(context or {})}, email=email
            )

    def send_mail(self, template_prefix, email, context):
        """Rendered now, in the language of the request; sent by a Celery worker.

        allauth would name the site and build its links (activate_url, password_reset_url,
        signup_url) from the request's host: like every other email, these name the portal
        and link to SITE_URL instead.
        """
        links = {
            key: at_site_url(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str)
        }
        context = {
            "request": self.request,
            "email": email,
            **context,
            **links,
            "current_site": PortalSite(name=settings.PORTAL_NAME, domain=settings.SITE_URL),
        }
        email_enqueue(self.render_mail(template_prefix, email, context))
