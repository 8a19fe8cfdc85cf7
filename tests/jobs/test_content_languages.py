"""A job written in English, Traditional and Simplified Chinese: the form, the page, search
results, the feed and the JSON-LD each show the reader's version (English as fallback)."""

import json
import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from jobs.models import Job
from jobs.selectors import job_search
from tests import factories
from tests.jobs.test_employer_views import NEW, job_data

pytestmark = pytest.mark.django_db

VERSIONS = {
    "title": ("Machine Learning Engineer", "機器學習工程師", "机器学习工程师"),
    "description": ("Train vision models.", "訓練視覺模型。", "训练视觉模型。"),
    "responsibilities": ("Ship models weekly.", "每周發佈模型。", "每周发布模型。"),
    "requirements": ("Fluent PyTorch.", "熟悉 PyTorch 框架。", "熟悉 PyTorch 框架及部署。"),
}


def written_in_three(**extra):
    fields = {}
    for name, (en, hant, hans) in VERSIONS.items():
        fields.update({name: en, f"{name}_zh": hant, f"{name}_zh_hans": hans})
    company = factories.VerifiedCompanyFactory(
        name="Tidewater Robotics", name_zh="潮汐機械人", name_zh_hans="潮汐机器人"
    )
    return factories.PublishedJobFactory(company=company, **fields, **extra)


def test_the_form_saves_every_language_version(client):
    member = factories.CompanyMemberFactory()
    client.force_login(member.user)
    data = job_data()
    for name, (en, hant, hans) in VERSIONS.items():
        data.update({name: en, f"{name}_zh": hant, f"{name}_zh_hans": hans})

    client.post(NEW, data)

    job = Job.objects.get()
    for name, versions in VERSIONS.items():
        assert (
            getattr(job, name),
            getattr(job, f"{name}_zh"),
            getattr(job, f"{name}_zh_hans"),
        ) == (versions)


def test_the_form_groups_the_chinese_versions_and_opens_only_the_written_ones(client):
    member = factories.CompanyMemberFactory()
    client.force_login(member.user)
    job = factories.JobFactory(company=member.company, title_zh_hans="机器学习工程师")

    page = client.get(reverse("jobs:employer_job_edit", args=[job.pk])).content.decode()

    groups = re.findall(r'<details class="language-version"( open)?>\s*<summary>([^<]+)', page)
    assert groups == [("", "Traditional Chinese"), (" open", "Simplified Chinese")]
    assert re.search(r'<input[^>]*name="title_zh_hans"[^>]*lang="zh-Hans"', page)
    assert re.search(r'<textarea[^>]*name="requirements_zh"[^>]*lang="zh-Hant"', page)


@pytest.mark.parametrize(("prefix", "index"), [("", 0), ("/zh-hant", 1), ("/zh-hans", 2)])
def test_the_job_page_is_in_the_readers_language(client, prefix, index):
    job = written_in_three()

    page = client.get(f"{prefix}{job.get_absolute_url()}").content.decode()

    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page).group(1)
    assert h1 == VERSIONS["title"][index]
    for name in ("description", "responsibilities", "requirements"):
        assert VERSIONS[name][index] in page
        for other in {0, 1, 2} - {index}:
            assert VERSIONS[name][other] not in page
    company = ["Tidewater Robotics", "潮汐機械人", "潮汐机器人"][index]
    assert f">{company}</a>" in page


def test_a_simplified_reader_gets_the_traditional_text_when_there_is_no_simplified(client):
    job = factories.PublishedJobFactory(title="Data Engineer", title_zh="數據工程師")

    page = client.get(f"/zh-hans{job.get_absolute_url()}").content.decode()

    assert re.search(r'<h1 lang="zh-Hant">數據工程師</h1>', page)
    assert '<p class="muted" lang="en">Data Engineer</p>' in page


@pytest.mark.parametrize(("prefix", "index"), [("", 0), ("/zh-hant", 1), ("/zh-hans", 2)])
def test_search_result_cards_are_in_the_readers_language(client, prefix, index):
    written_in_three()

    page = client.get(f"{prefix}{reverse('jobs:job_list')}").content.decode()

    assert f">{VERSIONS['title'][index]}</a></h2>" in page  # cards are h2 in search


def test_a_simplified_only_word_is_found_by_search():
    factories.PublishedJobFactory(
        title="Research Engineer", description_zh_hans="负责机器学习模型的训练及部署。"
    )
    factories.PublishedJobFactory(title="Accountant", description_zh="處理帳目。")

    found = [job.title for job in job_search(QueryDict("q=机器学习")).page]

    assert found == ["Research Engineer"]


@pytest.mark.parametrize(
    "fields",
    [
        {"title_zh_hans": "嵌入式工程师"},
        {"responsibilities_zh": "嵌入式工程師"},
        {"requirements_zh_hans": "嵌入式工程师"},
    ],
)
def test_every_chinese_field_is_searched(fields):
    factories.PublishedJobFactory(title="Firmware", **fields)
    word = next(iter(fields.values()))[:3]
    assert [job.title for job in job_search(QueryDict(f"q={word}")).page] == ["Firmware"]


def test_a_simplified_company_name_finds_its_jobs():
    company = factories.VerifiedCompanyFactory(name="Kapok Sensing", name_zh_hans="木棉感知科技")
    factories.PublishedJobFactory(company=company, title="Radar Engineer")
    assert [job.title for job in job_search(QueryDict("q=木棉感知")).page] == ["Radar Engineer"]


def test_the_feed_is_in_the_language_of_its_url(client):
    written_in_three()

    feed = client.get("/zh-hans" + reverse("jobs:job_feed")).content.decode()

    assert "<title>机器学习工程师 — 潮汐机器人</title>" in feed
    assert "训练视觉模型。" in feed
    assert 'xml:lang="zh-hans"' in feed


@pytest.mark.parametrize(("prefix", "index"), [("", 0), ("/zh-hant", 1), ("/zh-hans", 2)])
def test_the_json_ld_is_in_the_language_of_the_page(client, prefix, index):
    job = written_in_three(open_to_overseas=True)

    page = client.get(f"{prefix}{job.get_absolute_url()}").content.decode()

    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["title"] == VERSIONS["title"][index]
    assert VERSIONS["requirements"][index] in data["description"]
    name = ["Tidewater Robotics", "潮汐機械人", "潮汐机器人"][index]
    assert data["hiringOrganization"]["name"] == name
    overseas = ["Open to overseas talent", "歡迎海外人才", "欢迎海外人才"][index]
    assert data["eligibilityToWorkRequirement"].startswith(overseas)
