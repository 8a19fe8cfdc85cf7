from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import User

format_html_lazy = lazy(format_html, str)


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth adds email and password.

    AccountAdapter.save_user applies them, so the new user is written once.
    """

    field_order = ["kind", "name", "email", "password1", "password2", "privacy"]

    kind = forms.ChoiceField(
        label=_("I am"),
        choices=[
            (User.Kind.CANDIDATE, _("Looking for a job or internship")),
            (User.Kind.EMPLOYER, _("Hiring for a park company")),
        ],
        widget=forms.RadioSelect,
        initial=User.Kind.CANDIDATE,
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    privacy = forms.BooleanField(
        label=format_html_lazy(
            _(
                'I have read the <a href="{}" target="_blank">privacy notice</a> and agree '
                "that HKSTP processes my data as it describes."
            ),
            reverse_lazy("privacy"),
        ),
        error_messages={"required": _("Please accept the privacy notice to create an account.")},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def signup(self, request, user):
        """Nothing left to do: see the class docstring."""


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]
