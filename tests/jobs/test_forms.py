"""The skills fields of the job and profile forms read typed skills as CVs are read."""

import pytest
from django.utils import translation

from jobs.forms import SkillsField

pytestmark = pytest.mark.django_db


def _clean(value):
    return [skill.slug for skill in SkillsField().clean(value)]


def test_typed_variants_resolve_as_in_text():
    assert _clean("Shell script, RESTful APIs, unit tests, Microsoft Excel") == [
        "bash",
        "rest-api",
        "testing",
        "excel",
    ]
    assert _clean("機器學習，机器学习、PCB 設計") == ["machine-learning", "pcb"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Pythn", "Unknown skill “Pythn”. Did you mean “Python”?"),
        ("Underwater basket weaving", "Unknown skill “Underwater basket weaving”."),
        (
            "Python Django",
            "“Python Django” names several skills: “Python”, “Django”. Separate them with commas.",
        ),
        ("GCP", "“GCP” can mean “Google Cloud”, “Good Clinical Practice”. Type the full name."),
    ],
)
def test_what_is_not_one_skill_is_explained(typed, message):
    from django import forms

    with pytest.raises(forms.ValidationError) as raised:
        SkillsField().clean(typed)
    assert message in raised.value.messages


def test_the_messages_name_skills_in_the_reader_s_language():
    from django import forms

    with translation.override("zh-hant"), pytest.raises(forms.ValidationError) as raised:
        SkillsField().clean("機器學習 深度學習")
    assert "機器學習" in raised.value.messages[0]
    assert "深度學習" in raised.value.messages[0]
