"""The portal template library (hkstp_portal/templatetags/portal.py)."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import escape

from hkstp_portal.vocabulary import Education, EmploymentType, JobField, Seniority, Site, WorkMode
from tests import factories

CHOICE_FIELDS = {
    "site": Site,
    "employment_type": EmploymentType,
    "seniority": Seniority,
    "work_mode": WorkMode,
    "education": Education,
    "field": JobField,
}


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("name", list(CHOICE_FIELDS))
def test_display_is_get_foo_display_for_every_choice_and_language(name, language):
    template = Template("{% load portal %}{{ job|display:name }}")
    for value in CHOICE_FIELDS[name].values:
        job = factories.JobFactory.build(**{name: value})
        with translation.override(language):
            expected = getattr(job, f"get_{name}_display")()
            assert template.render(Context({"job": job, "name": name})) == escape(expected)


def test_display_shows_an_unknown_value_as_is():
    job = factories.JobFactory.build(site="moon_base")
    assert (
        Template('{% load portal %}{{ job|display:"site" }}').render(Context({"job": job}))
        == job.get_site_display()
        == "moon_base"
    )
