"""allauth's email forms, customised (ACCOUNT_FORMS). Apart from accounts/forms.py, which
allauth's own forms module imports (ACCOUNT_SIGNUP_FORM_CLASS): importing allauth's forms
from there would be circular."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm as AllauthAddEmailForm


class AddEmailForm(AllauthAddEmailForm):
    """allauth's form for adding an email address (ACCOUNT_FORMS), which also tells the
    primary address: allauth notifies a removed address and a changed primary one, but
    not an added one, the first step of moving an account to someone else's address."""

    def save(self, request):
        address = super().save(request)
        if address.pk:
            get_adapter(request).send_notification_mail(
                "account/email/email_added", self.user, {"added_email": address.email}
            )
        return address
