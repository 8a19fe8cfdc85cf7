from django import forms
from django.core.files.images import get_image_dimensions
from django.utils.translation import gettext_lazy as _

from companies.models import Company, CompanyMember
from hkstp_portal.forms import chinese_fields_mark, chinese_versions
from hkstp_portal.vocabulary import Cluster, Site

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


class CompanyProfileForm(forms.ModelForm):
    clusters = forms.MultipleChoiceField(
        label=_("Clusters"),
        choices=Cluster.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sites = forms.MultipleChoiceField(
        label=_("HKSTP sites"),
        choices=Site.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label=_("Website"), assume_scheme="https", required=False)

    class Meta:
        model = Company
        fields = Company.PROFILE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_zh": forms.Textarea(attrs={"rows": 5}),
            "description_zh_hans": forms.Textarea(attrs={"rows": 5}),
            "logo": forms.ClearableFileInput(
                attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_fields_mark(self)

    def chinese_versions(self):
        return chinese_versions(self, ["name", "description"])

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or logo == self.initial.get("logo"):
            return logo
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo must be 1 MB or smaller."))
        # ImageField has opened the file with Pillow; trust its format, not the name.
        image = getattr(logo, "image", None)
        if image is None or image.format not in LOGO_FORMATS:
            raise forms.ValidationError(_("Upload a PNG, JPEG, WebP or GIF image."))
        width, height = get_image_dimensions(logo)
        if not width or width > 4000 or height > 4000:
            raise forms.ValidationError(_("The logo must be at most 4000 × 4000 pixels."))
        return logo

    def _post_clean(self):
        # The model is validated by the service; the form leaves the instance alone.
        pass


class CompanyRegisterForm(CompanyProfileForm):
    class Meta(CompanyProfileForm.Meta):
        fields = [
            f
            for f in CompanyProfileForm.Meta.fields
            if f not in ("logo", "description_zh", "description_zh_hans")
        ]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Their work email"))
    role = forms.ChoiceField(
        label=_("Role"), choices=CompanyMember.Role.choices, initial=CompanyMember.Role.RECRUITER
    )
