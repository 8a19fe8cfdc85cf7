from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import timezone, translation

from accounts.services import email_enqueue
from hkstp_portal.ratelimit import client_ip


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

    def send_mail(self, template_prefix, email, context):
        # Rendered now, in the language of the request; sent by a Celery worker.
        email_enqueue(self.render_mail(template_prefix, email, context))
