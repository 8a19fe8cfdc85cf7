from django import forms

from companies.models import Company
from hkstp_portal.vocabulary import Cluster, Site


class CompanyRegisterForm(forms.ModelForm):
    clusters = forms.MultipleChoiceField(
        choices=Cluster.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    sites = forms.MultipleChoiceField(
        choices=Site.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    website = forms.URLField(assume_scheme="https", required=False)

    class Meta:
        model = Company
        fields = [
            "name",
            "name_zh",
            "programme",
            "clusters",
            "sites",
            "size",
            "has_offices_outside_hk",
            "website",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
