"""The public search: keywords in English and Chinese, facets with counts, order, queries."""

import datetime

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from hkstp_portal.vocabulary import Site
from jobs.search import cjk_tsquery, keyword_query
from jobs.search_index import search_changes_record
from jobs.selectors import job_search
from skills.models import Skill
from tests import factories

pytestmark = pytest.mark.django_db


def titles(params: str) -> list[str]:
    return [job.title for job in job_search(QueryDict(params)).page]


def test_cjk_runs_become_phrases_of_bigrams():
    assert cjk_tsquery("機器學習") == "機器 <-> 器學 <-> 學習"
    assert cjk_tsquery("研") == "研:*"
    assert keyword_query("   ") is None
    assert keyword_query("!!!") is None


def test_keywords_are_stemmed_and_weighted_title_above_skills_above_description():
    kubernetes = Skill.objects.get(slug="kubernetes")
    in_description = factories.PublishedJobFactory(
        title="Platform Engineer", description="You will run Kubernetes clusters."
    )
    in_skills = factories.PublishedJobFactory(title="Site Reliability Engineer")
    in_skills.required_skills.set([kubernetes])
    factories.PublishedJobFactory(title="Kubernetes Administrator")
    from jobs.services import job_search_index

    job_search_index([in_description.pk, in_skills.pk])

    assert titles("q=kubernetes") == [
        "Kubernetes Administrator",
        "Site Reliability Engineer",
        "Platform Engineer",
    ]
    assert titles("q=k8s") == []  # aliases are for typed skills, not free text
    # "engineers" is stemmed to match "Engineer" in both titles.
    assert set(titles("q=engineers")) == {"Platform Engineer", "Site Reliability Engineer"}


def test_a_company_name_finds_its_jobs():
    company = factories.VerifiedCompanyFactory(name="Tidewater Robotics", name_zh="潮汐機械人")
    factories.PublishedJobFactory(company=company, title="Controls Engineer")
    factories.PublishedJobFactory(title="Accountant")
    assert titles("q=tidewater") == ["Controls Engineer"]
    assert titles("q=潮汐") == ["Controls Engineer"]


@pytest.mark.parametrize("word", ["機器學習", "學習", "工程師", "深度學習", "研"])
def test_a_chinese_word_finds_the_job_with_it_in_its_chinese_title_or_description(word):
    factories.PublishedJobFactory(
        title="Machine Learning Engineer",
        title_zh="機器學習工程師",
        description_zh="負責研發深度學習模型。",
    )
    factories.PublishedJobFactory(
        title="Accountant", title_zh="會計師", description_zh="處理帳目。"
    )
    assert titles(f"q={word}") == ["Machine Learning Engineer"]


def test_chinese_words_must_be_contiguous_and_mixed_queries_need_both_parts():
    factories.PublishedJobFactory(title="Data Scientist", title_zh="數據科學家")
    factories.PublishedJobFactory(
        title="Lab Technician", title_zh="實驗室技術員", description_zh="數據"
    )
    assert titles("q=據科") == ["Data Scientist"]
    assert titles("q=科數") == []  # characters present, but not in that order
    assert titles("q=scientist 數據") == ["Data Scientist"]
    assert titles("q=technician 科學") == []


def test_only_open_jobs_are_searched():
    factories.PublishedJobFactory(title="Open Role")
    factories.JobFactory(title="Draft Role")
    factories.PendingJobFactory(title="Pending Role")
    factories.ClosedJobFactory(title="Closed Role")
    factories.ExpiredJobFactory(title="Expired Role")
    factories.PublishedJobFactory(
        title="Past Expiry Role", expires_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert titles("q=role") == ["Open Role"]
    assert titles("") == ["Open Role"]


def test_facets_filter_and_count_disjunctively():
    factories.PublishedJobFactory(title="A", site="science_park", employment_type="full_time")
    factories.PublishedJobFactory(title="B", site="science_park", employment_type="internship")
    factories.PublishedJobFactory(title="C", site="innocentre", employment_type="full_time")

    result = job_search(QueryDict("site=science_park"))
    assert result.total == 2
    # The site facet ignores its own filter: ticking InnoCentre as well would add 1.
    assert result.facets["site"]["innocentre"] == 1
    assert result.facets["site"]["science_park"] == 2
    # Other facets count within the site filter.
    assert result.facets["employment_type"] == {
        "full_time": 1,
        "part_time": 0,
        "contract": 0,
        "internship": 1,
        "graduate_programme": 0,
    }
    assert sorted(titles("site=science_park&site=innocentre&employment_type=full_time")) == [
        "A",
        "C",
    ]


def test_every_facet_filters():
    company = factories.VerifiedCompanyFactory(clusters=["fintech"])
    match = factories.PublishedJobFactory(
        title="Match",
        company=company,
        seniority="senior",
        education="phd",
        field="rnd",
        open_to_overseas=True,
        programmes=["innohk"],
        salary_min=60000,
        salary_max=90000,
        published_at=timezone.now() - datetime.timedelta(hours=2),
    )
    factories.PublishedJobFactory(
        title="Other",
        seniority="entry",
        education="bachelor",
        field="business",
        programmes=["gip"],
        salary_min=20000,
        salary_max=25000,
        published_at=timezone.now() - datetime.timedelta(days=20),
    )
    for params in [
        "cluster=fintech",
        "seniority=senior",
        "education=phd",
        "field=rnd",
        "eligibility=open_to_overseas",
        "programme=innohk",
        "salary=60000",
        "posted=1",
    ]:
        assert titles(params) == [match.title], params


def test_the_salary_floor_ignores_hidden_salaries_and_sort_by_salary_puts_them_last():
    factories.PublishedJobFactory(
        title="Hidden", salary_min=90000, salary_max=120000, show_salary=False
    )
    factories.PublishedJobFactory(title="High", salary_min=50000, salary_max=80000)
    factories.PublishedJobFactory(title="Low", salary_min=20000, salary_max=30000)
    assert titles("salary=60000") == ["High"]
    assert titles("sort=salary") == ["High", "Low", "Hidden"]


def test_newest_first_without_keywords_and_relevance_with():
    old = factories.PublishedJobFactory(
        title="Python Developer", published_at=timezone.now() - datetime.timedelta(days=5)
    )
    factories.PublishedJobFactory(title="Accountant", description="Some Python scripting.")
    assert titles("")[-1] == old.title
    assert titles("q=python")[0] == old.title
    assert titles("q=python&sort=newest")[0] == "Accountant"


def test_an_empty_result_says_which_filter_to_loosen():
    factories.PublishedJobFactory(title="Robotics Engineer", site="science_park", seniority="mid")
    factories.PublishedJobFactory(title="Robotics Intern", site="innocentre", seniority="intern")
    result = job_search(QueryDict("q=robotics&site=innocentre&seniority=mid"))
    assert result.total == 0
    assert dict(result.loosen) == {"site": 1, "seniority": 1}

    result = job_search(QueryDict("q=quantum&site=innocentre"))
    assert dict(result.loosen) == {"q": 1}


def test_bad_parameters_are_ignored_not_errors(client):
    factories.PublishedJobFactory(title="Kept")
    response = client.get(
        reverse("jobs:job_list"),
        {"site": "the-moon", "salary": "lots", "posted": "-1", "sort": "random", "page": "x"},
    )
    assert response.status_code == 200
    assert [job.title for job in response.context["result"].page] == ["Kept"]
    for q in ["x" * 5000, "'\"\\:*&|!()<>", "a & b | !c", "機器學習 & <-> :*"]:
        assert client.get(reverse("jobs:job_list"), {"q": q}).status_code == 200


@pytest.mark.parametrize("jobs_on_page", [1, 20])
def test_the_search_page_runs_a_constant_number_of_queries(
    client, django_assert_num_queries, jobs_on_page
):
    company = factories.VerifiedCompanyFactory()
    jobs = factories.PublishedJobFactory.create_batch(jobs_on_page, company=company)
    url = reverse("jobs:job_list")
    params = {"q": "engineer", "site": "science_park", "cluster": "ai_robotics"}
    # Nothing cached yet: the facet index; the keyword's matches (a savepoint, the
    # planner settings, the query, the release: the savepoint is there only because
    # the test runs in a transaction); the page of jobs with their companies.
    with django_assert_num_queries(6):
        response = client.get(url, params)
    assert len(response.context["result"].page) == jobs_on_page

    # Right after a job changed: the triggers' log (for writes that bypassed the
    # services), that job read again, then the page.
    search_changes_record([jobs[0].pk])
    with django_assert_num_queries(3):
        response = client.get(url, params)
    assert len(response.context["result"].page) == jobs_on_page

    # Nothing changed: only the page.
    with django_assert_num_queries(1):
        response = client.get(url, params)
    assert len(response.context["result"].page) == jobs_on_page

    # By date: every open job in date order, once (it serves every search by date),
    # then only the page, however narrow the filters or deep the page.
    with django_assert_num_queries(2):
        response = client.get(url, {**params, "sort": "newest"})
    assert len(response.context["result"].page) == jobs_on_page
    with django_assert_num_queries(1):
        response = client.get(url, {**params, "sort": "newest", "education": "bachelor"})


def test_the_page_links_keep_the_filters(client):
    factories.PublishedJobFactory.create_batch(25, site="innocentre")
    response = client.get(reverse("jobs:job_list"), {"site": "innocentre"})
    content = response.content.decode()
    assert "site=innocentre&amp;page=2" in content
    assert response.context["result"].total == 25
    second = client.get(reverse("jobs:job_list"), {"site": "innocentre", "page": 2})
    assert len(second.context["result"].page) == 5


def test_counts_are_reused_across_pages_and_sorts_until_a_job_changes(
    client, django_assert_num_queries, staff, committed
):
    from jobs.services import job_approve

    factories.PublishedJobFactory.create_batch(3, site="innocentre")
    pending = factories.PendingJobFactory(site="innocentre")
    url = reverse("jobs:job_list")
    client.get(url, {"site": "innocentre"})

    # The counts come from the cache: the salary order (built once for every search by
    # salary), then the page; then only the page.
    with django_assert_num_queries(2):
        response = client.get(url, {"site": "innocentre", "sort": "salary"})
    assert response.context["result"].total == 3
    with django_assert_num_queries(1):
        response = client.get(url, {"site": "innocentre", "sort": "salary", "page": "2"})

    with committed():
        job_approve(job=pending, by=staff)  # publishing makes the cached counts stale
    response = client.get(url, {"site": "innocentre"})
    assert response.context["result"].total == 4
    assert response.context["result"].facets["site"]["innocentre"] == 4


def test_ranking_uses_title_skills_and_company_then_newest():
    factories.PublishedJobFactory(title="Accountant", description="Knows some Rust.")
    factories.PublishedJobFactory(
        title="Rust Engineer", published_at=timezone.now() - datetime.timedelta(days=9)
    )
    assert titles("q=rust") == ["Rust Engineer", "Accountant"]


def test_the_filter_form_carries_only_a_sort_the_visitor_chose(client):
    factories.PublishedJobFactory()
    url = reverse("jobs:job_list")
    # The default order ("newest" without keywords) must not stick once a keyword is
    # typed into the same form: keyword results come by relevance.
    assert 'type="hidden" name="sort"' not in client.get(url).content.decode()
    chosen = client.get(url, {"sort": "salary"}).content.decode()
    assert '<input type="hidden" name="sort" value="salary">' in chosen


def test_facet_labels_are_in_the_language_of_each_search():
    # The labels are translated once per language and kept: a search in one language
    # must not show the labels of the one before.
    seen = {}
    for language in ("en", "zh-hant", "zh-hans", "en"):
        with translation.override(language):
            groups = job_search(QueryDict("site=science_park")).facet_groups
            site = next(group for group in groups if group["name"] == "site")
            option = next(o for o in site["options"] if o["value"] == Site.SCIENCE_PARK)
            assert option["label"] == str(Site.SCIENCE_PARK.label)
            assert site["label"] == str(translation.gettext("Site"))
            seen[language] = option["label"]
    assert len(set(seen.values())) == 3
