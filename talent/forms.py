import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hkstp_portal.i18n import localised
from hkstp_portal.vocabulary import EmploymentType, JobField, Language, Site, WorkMode
from jobs.forms import SkillsField
from talent.models import CV, CandidateProfile, EducationEntry, ExperienceEntry
from talent.services.privacy import DELETE_CONFIRMATION_WORD

MAX_MONTHLY_SALARY = 1_000_000


class _ServiceValidatedModelForm(forms.ModelForm):
    def _post_clean(self):
        # The model's own validation runs in the service (profile_update, …), so the
        # instance is never half-changed by a form that then fails.
        pass


class ProfileIntroForm(_ServiceValidatedModelForm):
    class Meta:
        model = CandidateProfile
        fields = ["headline", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


def _choices_field(label, choices):
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class ProfileForm(_ServiceValidatedModelForm):
    skills = SkillsField(
        label=_("Skills"),
        help_text=_("Separate skills with commas, e.g. Python, PCB design, Molecular biology."),
    )
    languages = _choices_field(_("Languages I work in"), Language.choices)
    desired_fields = _choices_field(_("Fields I want to work in"), JobField.choices)
    desired_employment_types = _choices_field(_("Employment types"), EmploymentType.choices)
    desired_sites = _choices_field(_("Sites I can work at"), Site.choices)
    desired_work_modes = _choices_field(_("Work modes"), WorkMode.choices)

    class Meta:
        model = CandidateProfile
        fields = [*CandidateProfile.EDITABLE_FIELDS, "skills"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "min_salary": forms.NumberInput(attrs={"step": 500, "min": 0}),
            "visibility": forms.RadioSelect,
        }
        labels = {"visibility": _("Who can see my profile")}
        help_texts = {
            "min_salary": _("Per month, in Hong Kong dollars. Leave empty if you are open."),
            "visibility": _(
                "Discoverable: verified park companies can find your profile (not your CV "
                "files or contact details) in the Talent Pool and invite you to apply. "
                "Private: only companies you apply to see your profile. You can change "
                "this at any time."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["skills"] = self.instance.skills.all()

    def clean_min_salary(self):
        salary = self.cleaned_data.get("min_salary")
        if salary is not None and salary > MAX_MONTHLY_SALARY:
            raise forms.ValidationError(_("Enter a monthly salary, in HKD."))
        return salary


class ExperienceForm(_ServiceValidatedModelForm):
    class Meta:
        model = ExperienceEntry
        fields = ["title", "organisation", "started_on", "ended_on", "description"]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end date is before the start date."))
        if started and started > timezone.localdate() + datetime.timedelta(days=366):
            self.add_error("started_on", _("The start date is more than a year away."))
        return data


class EducationForm(_ServiceValidatedModelForm):
    class Meta:
        model = EducationEntry
        fields = ["institution", "level", "field_of_study", "graduation_year"]
        widgets = {"graduation_year": forms.NumberInput(attrs={"min": 1950, "max": 2100})}


class CVUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CV file"),
        help_text=_("PDF or Word (.docx), up to 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )

    def clean_file(self):
        # The size is known before the content is read; the content checks are the service's.
        upload = self.cleaned_data["file"]
        if upload.size > CV.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Save a smaller version and try again.")
            )
        return upload


class CVSkillsForm(forms.Form):
    """The skills found in a CV that the candidate does not have yet, to tick and add."""

    skills = forms.ModelMultipleChoiceField(
        label=_("Skills found in your CV"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = suggestions
        # Ticked to start with, as the jobs and degrees are: the candidate unticks the wrong.
        self.fields["skills"].initial = list(suggestions)
        self.fields["skills"].label_from_instance = lambda skill: localised(skill, "name")


class _SuggestedEntryForm:
    """A suggested entry from a CV: ticked to add (the default), and editable first. An
    unticked entry is not checked at all; a ticked one is validated as on the profile."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"include": forms.BooleanField(required=False, initial=True)} | self.fields
        self.fields["include"].label = _("Add this")

    def full_clean(self):
        super().full_clean()
        if self.is_bound and not self.cleaned_data.get("include") and hasattr(self, "_errors"):
            self._errors.clear()  # left out: nothing of it matters

    @property
    def included(self) -> bool:
        return bool(self.cleaned_data.get("include"))


class SuggestedExperienceForm(_SuggestedEntryForm, ExperienceForm):
    class Meta(ExperienceForm.Meta):
        fields = ["title", "organisation", "started_on", "ended_on"]


class SuggestedEducationForm(_SuggestedEntryForm, EducationForm):
    class Meta(EducationForm.Meta):
        pass


SuggestedExperienceFormSet = forms.formset_factory(SuggestedExperienceForm, extra=0)
SuggestedEducationFormSet = forms.formset_factory(SuggestedEducationForm, extra=0)


# --- Privacy (PDPO) ------------------------------------------------------------


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
