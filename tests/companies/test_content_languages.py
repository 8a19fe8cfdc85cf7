"""A company's name and description in English, Traditional and Simplified Chinese."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.companies.test_views import company_data

pytestmark = pytest.mark.django_db


def test_the_profile_form_saves_both_chinese_versions(client):
    # Not yet verified: its names change at once (a verified company's wait for HKSTP).
    admin = factories.CompanyAdminFactory(company=factories.CompanyFactory())
    client.force_login(admin.user)
    data = company_data(
        name_zh="港灣光子有限公司",
        name_zh_hans="港湾光子有限公司",
        description_zh="矽光子收發器。",
        description_zh_hans="硅光子收发器。",
    )

    client.post(reverse("companies:profile_edit"), data)

    admin.company.refresh_from_db()
    assert admin.company.name_zh_hans == "港湾光子有限公司"
    assert admin.company.description_zh == "矽光子收發器。"
    assert admin.company.description_zh_hans == "硅光子收发器。"


def test_the_profile_form_groups_the_chinese_versions(client):
    admin = factories.CompanyAdminFactory(company__name_zh="港灣光子")
    client.force_login(admin.user)

    page = client.get(reverse("companies:profile_edit")).content.decode()

    groups = re.findall(r'<details class="language-version"( open)?>\s*<summary>([^<]+)', page)
    assert groups == [(" open", "Traditional Chinese"), ("", "Simplified Chinese")]
    assert page.index('name="name"') < page.index("In Chinese (optional)")
    assert page.index("In Chinese (optional)") < page.index('name="name_zh"')


@pytest.mark.parametrize(
    ("prefix", "name", "description"),
    [
        ("", "Harbour Photonics", "Silicon photonics."),
        ("/zh-hant", "港灣光子", "矽光子收發器。"),
        ("/zh-hans", "港湾光子", "硅光子收发器。"),
    ],
)
def test_the_company_page_and_its_job_list_are_in_the_readers_language(
    client, prefix, name, description
):
    company = factories.VerifiedCompanyFactory(
        name="Harbour Photonics",
        name_zh="港灣光子",
        name_zh_hans="港湾光子",
        description="Silicon photonics.",
        description_zh="矽光子收發器。",
        description_zh_hans="硅光子收发器。",
    )
    factories.PublishedJobFactory(
        company=company, title="Optical Engineer", title_zh="光學工程師", title_zh_hans="光学工程师"
    )

    # Both paths before the first request: a Chinese page leaves its language active.
    directory_path = reverse("companies:company_list")
    page = client.get(f"{prefix}{company.get_absolute_url()}").content.decode()

    assert re.search(rf"<h1[^>]*>{name}</h1>", page)
    assert description in page
    job_title = {"": "Optical Engineer", "/zh-hant": "光學工程師", "/zh-hans": "光学工程师"}
    assert f">{job_title[prefix]}</a></h3>" in page
    directory = client.get(f"{prefix}{directory_path}").content.decode()
    assert f">{name}</a></h2>" in directory


def test_the_employer_dashboard_lists_jobs_in_the_readers_language(client):
    member = factories.CompanyMemberFactory(company__name_zh_hans="港湾光子")
    factories.JobFactory(
        company=member.company, title="Optical Engineer", title_zh_hans="光学工程师"
    )
    client.force_login(member.user)

    page = client.get("/zh-hans" + reverse("companies:dashboard")).content.decode()

    assert ">光学工程师</a>" in page
    assert "港湾光子" in page
