"""Input validation for applying and the pipeline; the rules themselves are in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import RejectionReason, ScreeningQuestion, Stage
from applications.services import MAX_ANSWER_LENGTH, NO, RECRUITER_STAGES, YES

YES_NO_CHOICES = [(YES, _("Yes")), (NO, _("No"))]


class QuestionForm(forms.ModelForm):
    class Meta:
        model = ScreeningQuestion
        fields = ["text", "kind", "knockout_answer"]
        widgets = {"kind": forms.RadioSelect, "knockout_answer": forms.RadioSelect}
        help_texts = {
            "knockout_answer": _(
                "Applications with this answer are flagged in your pipeline, not refused."
            )
        }

    def clean(self):
        data = super().clean()
        if data.get("kind") == ScreeningQuestion.Kind.TEXT and data.get("knockout_answer"):
            self.add_error(
                "knockout_answer", _("Only a yes-or-no question can have a knock-out answer.")
            )
        return data


class ApplyForm(forms.Form):
    """The CV, a cover note, and one field per screening question (`q<id>`)."""

    cv = forms.ModelChoiceField(
        queryset=None,
        label=_("CV"),
        empty_label=None,
        help_text=_(
            "The company sees only the CV you choose here, not your other CVs, "
            "and no longer once you withdraw."
        ),
    )
    cover_note = forms.CharField(
        label=_("Cover note (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few lines on why this role suits you."),
    )

    def __init__(self, *args, cvs, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cv"].queryset = cvs
        self.questions = list(questions)
        for question in self.questions:
            if question.kind == ScreeningQuestion.Kind.YES_NO:
                field = forms.ChoiceField(
                    label=question.text, choices=YES_NO_CHOICES, widget=forms.RadioSelect
                )
            else:
                field = forms.CharField(label=question.text, max_length=MAX_ANSWER_LENGTH)
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}

    def question_fields(self):
        return [self[f"q{q.pk}"] for q in self.questions]


class QuickApplyForm(forms.Form):
    """One-click apply from the job page: the default CV is sent as a hidden id."""

    cv = forms.IntegerField(widget=forms.HiddenInput)
    cover_note = forms.CharField(
        label=_("Cover note (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


RECRUITER_STAGE_CHOICES = [(stage.value, stage.label) for stage in RECRUITER_STAGES]


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=RECRUITER_STAGE_CHOICES)
    reason = forms.ChoiceField(
        label=_("Reason (when not selected)"),
        choices=[("", "—"), *RejectionReason.choices],
        required=False,
        help_text=_("Kept inside your team: the candidate only sees “Not selected”."),
    )
    notify = forms.BooleanField(
        label=_("Email the candidate about this change"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        if data.get("stage") == Stage.REJECTED and not data.get("reason"):
            self.add_error("reason", _("Choose a reason for not selecting the candidate."))
        if data.get("stage") and data.get("stage") != Stage.REJECTED and data.get("reason"):
            self.add_error("reason", _("A reason is given only when a candidate is not selected."))
        return data


class IdListField(forms.Field):
    """Several ids from checkboxes of the same name; which ones may be used is the service's
    question (it refuses ids of another job's applications)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Select at least one applicant."),
        "invalid": _("The selection is not valid."),
    }

    def to_python(self, value):
        if not value:
            return []
        try:
            return sorted({int(item) for item in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class BulkStageForm(StageForm):
    applications = IdListField(label=_("Applicants"))

    def __init__(self, *args, **kwargs):
        # It shares the pipeline page with PipelineFilterForm, which has a `stage` too:
        # with the same ids, "Move to" would label the filter's select.
        kwargs.setdefault("auto_id", "id_bulk_%s")
        super().__init__(*args, **kwargs)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Private note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only your company's team sees notes."),
    )


class PipelineFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All stages")), *Stage.choices], required=False
    )
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    order = forms.ChoiceField(
        label=_("Sort"),
        choices=[("newest", _("Newest first")), ("oldest", _("Oldest first"))],
        required=False,
    )
