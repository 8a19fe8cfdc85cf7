from django import forms

from talent.models import CandidateProfile


class ProfileIntroForm(forms.ModelForm):
    class Meta:
        model = CandidateProfile
        fields = ["headline", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}
