from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import Delivery, Kind


class PreferencesForm(forms.Form):
    """Per kind: email on or off, and how often, for kinds that can come as a digest."""

    FREQUENCIES = [
        ("", _("As it happens")),
        (Delivery.DAILY, _("Daily digest (08:00)")),
        (Delivery.WEEKLY, _("Weekly digest (Monday 08:00)")),
    ]

    def __init__(self, *args, kinds, digest_kinds, initial_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = list(kinds)
        self.rows = []
        for kind in self.kinds:
            enabled, frequency = initial_choices.get(kind, (True, ""))
            label = Kind(kind).label
            self.fields[f"email_{kind}"] = forms.BooleanField(
                label=_("Email me: %(kind)s") % {"kind": label},
                required=False,
                initial=enabled,
            )
            frequency_field = None
            if kind in digest_kinds:
                frequency_field = f"frequency_{kind}"
                self.fields[frequency_field] = forms.ChoiceField(
                    label=_("How often: %(kind)s") % {"kind": label},
                    choices=self.FREQUENCIES,
                    required=False,
                    initial=frequency,
                )
            self.rows.append(
                {
                    "label": label,
                    "email": self[f"email_{kind}"],
                    "frequency": self[frequency_field] if frequency_field else None,
                }
            )

    def choices(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {
            kind: (data.get(f"email_{kind}", False), data.get(f"frequency_{kind}") or "")
            for kind in self.kinds
        }
