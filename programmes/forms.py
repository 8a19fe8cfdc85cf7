"""Input validation for programme pages; the rules themselves are in programmes.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hkstp_portal.i18n import localised
from programmes.models import PlacementPreference
from programmes.services import MAX_NOTE_LENGTH

CHOICE_LABELS = [_("First choice"), _("Second choice (optional)"), _("Third choice (optional)")]


class PreferencesForm(forms.Form):
    """Up to three ranked placements (`choice_1`..`choice_3`) of one programme."""

    def __init__(self, *args, placements, **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", _("— none —"))] + [
            (
                str(placement.pk),
                f"{localised(placement, 'title')} — {localised(placement.company, 'name')}",
            )
            for placement in placements
        ]
        for rank, label in enumerate(CHOICE_LABELS, start=1):
            self.fields[f"choice_{rank}"] = forms.ChoiceField(
                label=label, choices=options, required=rank == 1
            )

    def placement_ids(self) -> list[str]:
        return [
            self.cleaned_data[f"choice_{rank}"]
            for rank in range(1, len(CHOICE_LABELS) + 1)
            if self.cleaned_data.get(f"choice_{rank}")
        ]

    def choice_fields(self):
        return [self[f"choice_{rank}"] for rank in range(1, len(CHOICE_LABELS) + 1)]


class ApplyForm(PreferencesForm):
    university = forms.CharField(label=_("University"), max_length=200)
    country = forms.CharField(label=_("Country or region where you study"), max_length=100)
    cv = forms.ModelChoiceField(
        queryset=None,
        label=_("CV"),
        empty_label=None,
        help_text=_(
            "If you are shortlisted, the companies of the placements you chose see only "
            "this CV, not your other CVs."
        ),
    )
    statement = forms.CharField(
        label=_("Why this programme? (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few lines on what you hope to learn and bring. At most 3,000 characters."),
    )

    def __init__(self, *args, cvs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cv"].queryset = cvs


class InterviewForm(forms.Form):
    interview_outcome = forms.ChoiceField(
        label=_("Interview"),
        choices=PlacementPreference.Interview.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    interview_note = forms.CharField(
        label=_("Note for HKSTP (not shown to the candidate)"),
        required=False,
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
