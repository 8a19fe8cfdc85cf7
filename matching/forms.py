from django import forms
from django.utils.translation import gettext_lazy as _

from matching.models import Invitation


class InvitationForm(forms.Form):
    """The optional personal message a recruiter sends with an invitation to apply."""

    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=Invitation.MESSAGE_MAX_LENGTH,
        help_text=_("The candidate reads it in the invitation email and on the job's page."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
