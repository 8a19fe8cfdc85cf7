"""Input checks for the privacy pages (kept apart from talent/forms.py, the profile forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from talent.services.privacy import DELETE_CONFIRMATION_WORD


class AccountDeleteForm(forms.Form):
    """Confirm deletion with the password, or by typing DELETE when the account has none
    (a password is not required to exist: an account may sign in another way)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirmation = forms.CharField(
        label=_("Type DELETE to confirm"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            del self.fields["confirmation"]
            self.fields["password"].required = True
        else:
            del self.fields["password"]
            self.fields["confirmation"].required = True

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean_confirmation(self):
        word = self.cleaned_data["confirmation"].strip()
        if word != DELETE_CONFIRMATION_WORD:
            raise forms.ValidationError(
                _("Type %(word)s in capital letters to confirm.")
                % {"word": DELETE_CONFIRMATION_WORD}
            )
        return word
