"""Saved-search forms: input checks only; alerts.services applies the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import SavedSearch


class SavedSearchEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=SavedSearch.NAME_MAX_LENGTH)
    frequency = forms.ChoiceField(
        label=_("Alerts"),
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.DAILY,
        help_text=_("Paused: no alerts, and new jobs are not collected for it."),
    )


class SavedSearchCreateForm(SavedSearchEditForm):
    # The search's query string as the search page shows it (/jobs/?…).
    query = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new search is not saved paused; the hint belongs to the edit form.
        self.fields["frequency"].help_text = ""
