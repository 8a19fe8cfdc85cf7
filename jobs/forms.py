import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hkstp_portal.forms import chinese_fields_mark, chinese_versions
from hkstp_portal.i18n import localised
from hkstp_portal.vocabulary import Language, ProgrammeTag
from jobs.models import Job
from skills.selectors import skill_resolve


def _problem_message(problem) -> str:
    names = "”, “".join(localised(skill, "name") for skill in problem.suggestions)
    values = {"label": problem.label, "names": names}
    if problem.kind == "several":
        return (
            _("“%(label)s” names several skills: “%(names)s”. Separate them with commas.") % values
        )
    if problem.kind == "ambiguous":
        return _("“%(label)s” can mean “%(names)s”. Type the full name.") % values
    if problem.suggestions:
        return _("Unknown skill “%(label)s”. Did you mean “%(names)s”?") % values
    return _("Unknown skill “%(label)s”.") % values


class SkillsField(forms.CharField):
    """Skills typed as a comma-separated list; each must be in the taxonomy (or an alias)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Separate skills with commas, e.g. Python, PyTorch, Kubernetes.")
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": "skill-names"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return ", ".join(getattr(item, "name", str(item)) for item in items)
        return value

    def clean(self, value):
        value = super().clean(value)
        # Chinese keyboards type the full-width comma or the enumeration comma.
        labels = [label.strip() for label in re.split(r"[,，、]", value or "") if label.strip()]
        if len(labels) > 20:
            raise forms.ValidationError(_("List at most 20 skills."))
        skills, problems = skill_resolve(labels)
        if problems:
            raise forms.ValidationError([_problem_message(problem) for problem in problems])
        return skills


class JobForm(forms.ModelForm):
    required_skills = SkillsField(label=_("Required skills"))
    preferred_skills = SkillsField(label=_("Preferred skills"))
    programmes = forms.MultipleChoiceField(
        label=_("Programmes"),
        choices=ProgrammeTag.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages required"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Job
        fields = [*Job.EDITABLE_FIELDS, "required_skills", "preferred_skills"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "responsibilities": forms.Textarea(attrs={"rows": 5}),
            "requirements": forms.Textarea(attrs={"rows": 5}),
            "description_zh": forms.Textarea(attrs={"rows": 5}),
            "description_zh_hans": forms.Textarea(attrs={"rows": 5}),
            "responsibilities_zh": forms.Textarea(attrs={"rows": 4}),
            "responsibilities_zh_hans": forms.Textarea(attrs={"rows": 4}),
            "requirements_zh": forms.Textarea(attrs={"rows": 4}),
            "requirements_zh_hans": forms.Textarea(attrs={"rows": 4}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "salary_min": forms.NumberInput(attrs={"step": 500, "min": 0}),
            "salary_max": forms.NumberInput(attrs={"step": 500, "min": 0}),
            "openings": forms.NumberInput(attrs={"min": 1, "max": 500}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_fields_mark(self)
        if self.instance.pk:
            self.initial["required_skills"] = self.instance.required_skills.all()
            self.initial["preferred_skills"] = self.instance.preferred_skills.all()

    def chinese_versions(self):
        return chinese_versions(self, ["title", "description", "responsibilities", "requirements"])

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline is in the past."))
        if deadline and deadline > timezone.localdate() + datetime.timedelta(days=365):
            raise forms.ValidationError(_("Choose a deadline within a year."))
        return deadline

    def clean_openings(self):
        openings = self.cleaned_data.get("openings")
        if openings is not None and not 1 <= openings <= 500:
            raise forms.ValidationError(_("Between 1 and 500 openings."))
        return openings

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("The maximum is below the minimum."))
        if high is not None and low is None:
            self.add_error("salary_min", _("Give a minimum too."))
        required = data.get("required_skills") or []
        overlap = [s.name for s in data.get("preferred_skills") or [] if s in required]
        if overlap:
            self.add_error(
                "preferred_skills",
                _("Already required: %(skills)s.") % {"skills": ", ".join(overlap)},
            )
        return data

    def _post_clean(self):
        # The model's own validation runs in the service (job_create/job_update);
        # here the form only checks its fields, so nothing is half-applied.
        pass


class JobCloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you closing this job?"),
        choices=[(reason.value, reason.label) for reason in Job.CLOSED_BY_COMPANY],
        widget=forms.RadioSelect,
    )
