"""The one rule for content written in several languages (hkstp_portal.i18n.localised):
the reader's script, then the other Chinese script, then English."""

import pytest
from django.template import Context, Template
from django.utils import translation

from hkstp_portal.i18n import (
    alternative,
    localised,
    localised_context,
    localised_versions,
    url_in_language,
)
from tests import factories

ALL = {"en": "Data Engineer", "zh-hant": "數據工程師", "zh-hans": "数据工程师"}


def _job(title_zh="", title_zh_hans=""):
    return factories.JobFactory.build(
        title="Data Engineer", title_zh=title_zh, title_zh_hans=title_zh_hans
    )


def _company(name_zh="", name_zh_hans=""):
    return factories.CompanyFactory.build(
        name="Harbour Data", name_zh=name_zh, name_zh_hans=name_zh_hans
    )


def _event(title_zh="", title_zh_hans=""):
    return factories.EventFactory.build(
        title="Data Engineer", title_zh=title_zh, title_zh_hans=title_zh_hans
    )


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("make", [_job, _event])
def test_each_language_reads_its_own_version(language, make):
    obj = make(title_zh=ALL["zh-hant"], title_zh_hans=ALL["zh-hans"])
    assert localised(obj, "title", language) == ALL[language]


@pytest.mark.parametrize(
    ("language", "hant", "hans", "expected"),
    [
        ("zh-hant", "", "数据工程师", "数据工程师"),  # Simplified before English
        ("zh-hans", "數據工程師", "", "數據工程師"),  # Traditional before English
        ("zh-hant", "", "", "Data Engineer"),
        ("zh-hans", "", "", "Data Engineer"),
        ("en", "數據工程師", "数据工程师", "Data Engineer"),
    ],
)
@pytest.mark.parametrize("make", [_job, _event])
def test_a_missing_version_falls_back_to_the_other_script_then_english(
    language, hant, hans, expected, make
):
    assert localised(make(title_zh=hant, title_zh_hans=hans), "title", language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Harbour Data"), ("zh-hant", "港灣數據"), ("zh-hans", "港灣數據")],
)
def test_company_names_follow_the_same_rule(language, expected):
    assert localised(_company(name_zh="港灣數據"), "name", language) == expected


@pytest.mark.parametrize("field", ["title", "description", "responsibilities", "requirements"])
def test_every_job_text_has_three_versions(field):
    job = factories.JobFactory.build(
        **{field: "English", f"{field}_zh": "繁體", f"{field}_zh_hans": "简体"}
    )
    assert [localised(job, field, lang) for lang in ("en", "zh-hant", "zh-hans")] == [
        "English",
        "繁體",
        "简体",
    ]


def test_programmes_have_one_chinese_version_and_use_the_same_rule():
    placement = factories.PlacementFactory.build(title="Data intern", title_zh="數據實習生")
    template = Template('{% load programmes %}{{ placement|localized:"title" }}')
    for language, expected in [("en", "Data intern"), ("zh-hans", "數據實習生")]:
        with translation.override(language):
            assert template.render(Context({"placement": placement})) == expected


def test_the_template_filters_use_the_active_language_and_mark_the_text_language():
    job = _job(title_zh_hans="数据工程师")
    template = Template(
        "{% load localised %}"
        '<h1 lang="{{ job|content_lang:"title" }}">{{ job|localised:"title" }}</h1>'
        '{% with other=job|alternative:"title" %}{{ other.text }}|{{ other.lang }}{% endwith %}'
    )
    with translation.override("zh-hant"):
        assert template.render(Context({"job": job})) == (
            '<h1 lang="zh-Hans">数据工程师</h1>Data Engineer|en'
        )
    with translation.override("en"):
        assert template.render(Context({"job": job})) == (
            '<h1 lang="en">Data Engineer</h1>数据工程师|zh-Hans'
        )


def test_no_alternative_when_there_is_only_english():
    assert alternative(_job(), "title", "zh-hant") is None
    assert alternative(_job(), "title", "en") is None


def test_a_stored_context_is_rendered_later_in_the_readers_language():
    job = _job(title_zh="數據工程師")
    context = {
        **localised_versions(job, "title", "job_title"),
        **localised_versions(_company(), "name", "company_name"),
        "count": 3,
    }
    assert context == {"job_title": "Data Engineer", "job_title_zh": "數據工程師",
                       "company_name": "Harbour Data", "count": 3}  # fmt: skip
    with translation.override("zh-hans"):
        assert localised_context(context)["job_title"] == "數據工程師"
        assert localised_context(context)["company_name"] == "Harbour Data"
    with translation.override("en"):
        assert localised_context(context)["job_title"] == "Data Engineer"
    # A row stored before the Chinese versions existed still renders.
    with translation.override("zh-hant"):
        assert localised_context({"job_title": "Data Engineer"}) == {"job_title": "Data Engineer"}


def test_an_english_reader_sees_an_optional_text_written_only_in_chinese():
    company = factories.CompanyFactory.build(description="", description_zh_hans="癌症筛查")
    assert localised(company, "description", "en") == "癌症筛查"
    assert localised(company, "description", "zh-hant") == "癌症筛查"


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/zh-hant/jobs/?q=ai", "en", "/jobs/?q=ai"),
        ("/zh-hant/jobs/?q=ai", "zh-hans", "/zh-hans/jobs/?q=ai"),
        ("/zh-hans/", "zh-hant", "/zh-hant/"),
        ("/jobs/", "zh-hant", "/zh-hant/jobs/"),
        ("/jobs/", "en", "/jobs/"),
        (
            "http://testserver/zh-hant/events/#programme",
            "en",
            "http://testserver/events/#programme",
        ),
        # No page: the prefix alone changes.
        ("/zh-hant/nowhere/", "en", "/nowhere/"),
        ("/zh-hant", "zh-hans", "/zh-hans/"),
        ("/nowhere/", "zh-hans", "/zh-hans/nowhere/"),
    ],
)
def test_url_in_language_resolves_a_path_in_its_own_language(url, language, expected):
    # The active language (English here) is not the one of the path.
    assert url_in_language(url, language) == expected
