from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event
from events.tickets import ticket_code_normalise


class EventFilterForm(forms.Form):
    """The filters of the public event list; unknown values are ignored, not an error."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Event.Kind.choices], required=False
    )
    theme = forms.ChoiceField(
        label=_("Theme"),
        # The "all of I&T" theme is stored as "": "general" names it in the URL.
        choices=[("", _("All themes")), ("general", Event.Theme.GENERAL.label)]
        + [(value, label) for value, label in Event.Theme.choices if value],
        required=False,
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {"kind": "", "theme": None}
        theme = self.cleaned_data["theme"]
        return {
            "kind": self.cleaned_data["kind"],
            "theme": None if not theme else ("" if theme == "general" else theme),
        }


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=40,
        help_text=_("Scan the QR code, or type the 8 letters and digits on the ticket."),
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "enterkeyhint": "go",
                "class": "checkin-input",
                # The result of the last code arrives with a new page, where a live region
                # is not announced; the field, focused on load, reads it as its description.
                "aria-describedby": "checkin-result id_code_helptext",
            }
        ),
    )

    def __init__(self, *args, focus: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not focus:
            # Names were just found: the keyboard would open over them on a phone.
            del self.fields["code"].widget.attrs["autofocus"]

    def clean_code(self):
        code = ticket_code_normalise(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Scan or type a ticket code."))
        return code


class CheckInSearchForm(forms.Form):
    """For someone at the door without their ticket: find them by name (or email)."""

    q = forms.CharField(
        label=_("Name or email"),
        min_length=2,
        max_length=100,
        help_text=_("For someone without their ticket: at least 2 letters of their name."),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "spellcheck": "false",
                "enterkeyhint": "search",
                "aria-describedby": "id_q_helptext",
            }
        ),
    )
