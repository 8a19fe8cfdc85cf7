"""Input validation for exhibitors, interview slots and CV drops; the rules are in services."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from events.models import InterviewSlot
from events.services.exhibitors import MAX_PITCH
from events.services.interviews import MAX_MESSAGE
from hkstp_portal.i18n import localised

SLOT_LENGTHS = [
    (10, _("10 minutes")),
    (15, _("15 minutes")),
    (20, _("20 minutes")),
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
]


class JobChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, job):
        return f"{localised(job, 'title')} · {job.get_seniority_display()}"


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return f"{user.name} ({user.email})"


class ExhibitorForm(forms.Form):
    """Apply to exhibit, or change the booth: jobs to feature, who attends, the stand's text."""

    featured_jobs = JobChoiceField(
        queryset=None,
        label=_("Jobs to feature"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your open jobs. Visitors can apply for them from your booth."),
    )
    attendees = PersonChoiceField(
        queryset=None,
        label=_("Team members attending"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pitch = forms.CharField(
        label=_("Booth description"),
        required=False,
        max_length=MAX_PITCH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What visitors see on your stand: who you are, whom you hire."),
    )
    contact_email = forms.EmailField(label=_("Contact email"), required=False)

    def __init__(self, *args, jobs, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["featured_jobs"].queryset = jobs
        self.fields["attendees"].queryset = User.objects.filter(
            pk__in=[member.user_id for member in people]
        ).order_by("name")


class SlotSeriesForm(forms.Form):
    """A series of back-to-back interview slots on one day, in Hong Kong time."""

    # A browser's date and time inputs read ISO values only, whatever the page's language
    # (Chinese formats would write 2027/01/21, which leaves the field empty).
    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    minutes = forms.TypedChoiceField(
        label=_("Length of each slot"), choices=SLOT_LENGTHS, coerce=int, initial=15
    )
    mode = forms.ChoiceField(
        label=_("Where"),
        choices=InterviewSlot.Mode.choices,
        widget=forms.RadioSelect,
        initial=InterviewSlot.Mode.BOOTH,
    )
    meeting_url = forms.URLField(
        label=_("Online meeting link"),
        required=False,
        help_text=_("Needed for online interviews; sent to the candidate who books."),
    )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            zone = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, start), zone)
            data["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, end), zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("The end must be after the start."))
        if data.get("mode") == InterviewSlot.Mode.ONLINE and not data.get("meeting_url"):
            self.add_error("meeting_url", _("Online interviews need a meeting link."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[c for c in InterviewSlot.Outcome.choices if c[0]]
    )
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only your team sees it."),
    )


class CVChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, cv):
        label = cv.original_name
        return _("%(name)s (default)") % {"name": label} if cv.is_default else label


class BoothDropForm(forms.Form):
    """Which CV to leave at a booth (or only the profile), and a short message."""

    cv = CVChoiceField(
        queryset=None,
        label=_("What to share"),
        required=False,
        empty_label=_("Only my profile, no CV"),
        help_text=_(
            "The company sees only the CV you choose here, not your other CVs, "
            "until you take it back."
        ),
    )
    message = forms.CharField(
        label=_("Message to the company (optional)"),
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, cvs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cv"].queryset = cvs
