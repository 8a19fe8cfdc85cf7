"""What people, feed readers and search engines get without logging in."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.selectors import job_get_public
from skills.models import Skill
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def jsonld(response) -> dict | None:
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(found[0]) if found else None


def test_an_open_job_carries_google_s_required_and_recommended_fields(client):
    company = factories.VerifiedCompanyFactory(
        name="Junction Silicon", website="https://js.example"
    )
    job = factories.PublishedJobFactory(
        company=company,
        title="Verification Engineer",
        description="Verify **RISC-V** cores.",
        site="shenzhen_branch",
        work_mode="remote",
        employment_type="contract",
        open_to_gba=True,
        visa_sponsorship=True,
        salary_min=40000,
        salary_max=55000,
    )
    job.required_skills.set([Skill.objects.get(slug="verilog")])

    data = jsonld(client.get(job.get_absolute_url()))

    assert data["@type"] == "JobPosting"
    assert data["title"] == "Verification Engineer"
    assert "<strong>RISC-V</strong>" in data["description"]
    assert data["datePosted"].startswith(timezone.localdate(job.published_at).isoformat())
    assert data["validThrough"] > data["datePosted"]
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Junction Silicon",
        "sameAs": "https://js.example",
    }
    assert data["jobLocation"]["address"]["addressCountry"] == "CN"
    assert data["jobLocation"]["address"]["addressLocality"] == "Shenzhen"
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"]["@type"] == "Country"
    assert data["employmentType"] == "CONTRACTOR"
    assert data["baseSalary"]["currency"] == "HKD"
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "MONTH",
        "minValue": 40000,
        "maxValue": 55000,
    }
    assert data["identifier"]["value"] == str(job.pk)
    assert "visa sponsorship offered" in data["eligibilityToWorkRequirement"].lower()
    assert data["skills"] == "Verilog"


def test_the_job_posting_says_candidates_apply_here_and_shows_the_company_logo(client):
    company = factories.VerifiedCompanyFactory()
    company.logo.name = "logos/lumen.png"
    company.save(update_fields=["logo"])
    job = factories.PublishedJobFactory(company=company)

    data = jsonld(client.get(job.get_absolute_url(), {"event": "some-fair"}))

    assert data["directApply"] is True
    assert data["hiringOrganization"]["logo"] == "http://testserver/media/logos/lumen.png"
    # The page's own address, not the link it was reached by.
    assert data["url"] == f"http://testserver/jobs/{job.pk}/"


def test_a_hidden_salary_stays_out_of_the_json_ld_and_the_page(client):
    job = factories.PublishedJobFactory(salary_min=88000, salary_max=99000, show_salary=False)
    response = client.get(job.get_absolute_url())
    assert "baseSalary" not in jsonld(response)
    assert b"88,000" not in response.content


def test_user_text_cannot_break_out_of_the_json_ld_script(client):
    job = factories.PublishedJobFactory(title="</script><script>alert(1)</script>")
    response = client.get(job.get_absolute_url())
    assert b"<script>alert(1)</script>" not in response.content
    assert jsonld(response)["title"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("factory", [factories.ClosedJobFactory, factories.ExpiredJobFactory])
def test_a_closed_or_expired_job_page_says_so_and_has_no_json_ld(client, factory):
    job = factory()
    response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    assert b"This job is closed." in response.content
    assert jsonld(response) is None
    assert b'<meta name="robots" content="noindex">' in response.content


def test_a_job_past_its_expiry_is_closed_before_the_beat_task_runs(client):
    job = factories.PublishedJobFactory(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(job.get_absolute_url())
    assert b"This job is closed." in response.content
    assert jsonld(response) is None


@pytest.mark.parametrize("factory", [factories.JobFactory, factories.PendingJobFactory])
def test_drafts_and_jobs_in_review_have_no_public_page(client, factory):
    assert client.get(factory().get_absolute_url()).status_code == 404


def test_job_description_markdown_is_sanitised_on_the_page(client):
    job = factories.PublishedJobFactory(
        description="Hello <script>alert('x')</script> [click](javascript:alert(1))",
        responsibilities="- <img src=x onerror=alert(1)> lead",
    )
    content = client.get(job.get_absolute_url()).content
    assert b"alert('x')" not in content
    assert b"javascript:" not in content
    assert b"onerror" not in content


def test_the_search_page_links_a_feed_with_the_same_filters(client):
    response = client.get(reverse("jobs:job_list"), {"q": "robot", "site": "innocentre"})
    assert b'<link rel="alternate" type="application/atom+xml"' in response.content
    assert b"/jobs/feed/?q=robot&amp;site=innocentre" in response.content


def test_the_feed_applies_the_search_and_lists_only_open_jobs(client):
    company = factories.VerifiedCompanyFactory(name="Tidewater Robotics")
    factories.PublishedJobFactory(company=company, title="Robotics Engineer", site="innocentre")
    factories.PublishedJobFactory(title="Robotics Intern", site="science_park")
    factories.ClosedJobFactory(title="Robotics Lead", site="innocentre")

    response = client.get(reverse("jobs:job_feed"), {"q": "robotics", "site": "innocentre"})

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert entries == ["Robotics Engineer — Tidewater Robotics"]
    assert "robotics" in feed.find(f"{ATOM}title").text


def test_the_sitemap_lists_open_jobs_and_verified_companies_in_every_language(client):
    open_job = factories.PublishedJobFactory()
    closed = factories.ClosedJobFactory()
    pending_company = factories.CompanyFactory()

    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert any(s.endswith("/sitemap-jobs.xml") for s in sections)

    jobs = client.get("/sitemap-jobs.xml").content.decode()
    assert f"/jobs/{open_job.pk}/" in jobs
    assert f"/zh-hant/jobs/{open_job.pk}/" in jobs
    assert f"/jobs/{closed.pk}/" not in jobs
    companies = client.get("/sitemap-companies.xml").content.decode()
    assert f"/companies/{open_job.company.slug}/" in companies
    assert pending_company.slug not in companies


def test_robots_txt_allows_public_pages_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Disallow: /employer/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_a_company_page_lists_its_open_jobs_only(client):
    company = factories.VerifiedCompanyFactory(name="Lumen Genomics", description_zh="癌症篩查")
    factories.PublishedJobFactory(company=company, title="Bioinformatician")
    factories.ClosedJobFactory(company=company, title="Lab Manager")
    factories.JobFactory(company=company, title="Draft Role")

    response = client.get(company.get_absolute_url())

    assert [job.title for job in response.context["jobs"]] == ["Bioinformatician"]
    assert "癌症篩查" in response.content.decode()


@pytest.mark.parametrize("factory", [factories.CompanyFactory, factories.RejectedCompanyFactory])
def test_unverified_companies_have_no_public_page(client, factory):
    assert client.get(factory().get_absolute_url()).status_code == 404


def test_the_company_directory_counts_open_jobs_and_filters_by_cluster(client):
    fintech = factories.VerifiedCompanyFactory(name="Pay Co", clusters=["fintech"])
    factories.PublishedJobFactory.create_batch(2, company=fintech)
    factories.ClosedJobFactory(company=fintech)
    factories.VerifiedCompanyFactory(name="Bio Co", clusters=["healthtech"])
    factories.CompanyFactory(name="Pending Co", clusters=["fintech"])

    response = client.get(reverse("companies:company_list"), {"cluster": "fintech"})

    assert [(c.name, c.open_jobs) for c in response.context["page"]] == [("Pay Co", 2)]
    assert client.get(reverse("companies:company_list"), {"cluster": "nope"}).status_code == 200


def test_the_feed_ignores_bad_parameters(client):
    factories.PublishedJobFactory(title="Kept")
    response = client.get(
        reverse("jobs:job_feed"),
        {"site": "the-moon", "salary": "lots", "posted": "-1", "q": "'\\:*&|!()" + "x" * 3000},
    )
    assert response.status_code == 200
    assert client.get(reverse("jobs:job_feed"), {"site": "the-moon"}).content.count(b"<entry>") == 1


@pytest.mark.parametrize("q", ["\x01robot", "robot\x07", "\x1f\x0b"])
def test_control_characters_in_the_keywords_leave_a_valid_feed(client, q):
    # Found by tests/jobs/test_search_fuzz.py: the raw keywords went into the feed's title,
    # and Django's XML writer refuses control characters (a 500).
    factories.PublishedJobFactory(title="Robotics Engineer")
    response = client.get(reverse("jobs:job_feed"), {"q": q})
    assert response.status_code == 200
    title = ET.fromstring(response.content).find(f"{ATOM}title").text
    assert not re.search(r"[\x00-\x1f]", title)


def test_a_nul_in_the_keywords_is_refused_before_the_feed(client):
    # A NUL never reaches a view (RejectNulMiddleware: PostgreSQL refuses it in text).
    response = client.get(reverse("jobs:job_feed"), {"q": "robot\x00"})
    assert response.status_code == 400


def test_a_control_character_in_a_job_s_text_leaves_a_valid_feed(client):
    company = factories.VerifiedCompanyFactory(name="Bell\x07 Labs")
    factories.PublishedJobFactory(
        company=company, title="Robotics\x01 Engineer", description="Build\x0b robots."
    )
    feed = ET.fromstring(client.get(reverse("jobs:job_feed")).content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Robotics Engineer — Bell Labs"


def test_unknown_jobs_and_companies_are_404(client):
    assert client.get(reverse("jobs:job_detail", args=[999999])).status_code == 404
    assert client.get(reverse("companies:company_detail", args=["no-such-co"])).status_code == 404


def test_a_job_s_required_and_preferred_skills_come_in_one_query(django_assert_num_queries):
    job = factories.PublishedJobFactory()
    job.required_skills.set(Skill.objects.filter(slug__in=["rust", "python"]))
    job.preferred_skills.set(Skill.objects.filter(slug__in=["kubernetes"]))
    bare = factories.PublishedJobFactory()

    with django_assert_num_queries(2):  # the job with its company, then its skills
        found = job_get_public(job.pk)
        required = [skill.slug for skill in found.required_skills.all()]
        preferred = [skill.slug for skill in found.preferred_skills.all()]
    with django_assert_num_queries(2):
        empty = job_get_public(bare.pk)
        assert list(empty.required_skills.all()) == list(empty.preferred_skills.all()) == []

    assert required == ["python", "rust"]
    assert preferred == ["kubernetes"]
    assert job_get_public(0) is None


def test_a_job_page_lists_its_skills_and_names_them_in_its_json_ld(client):
    job = factories.PublishedJobFactory()
    job.required_skills.set(Skill.objects.filter(slug__in=["rust", "python"]))
    job.preferred_skills.set(Skill.objects.filter(slug__in=["kubernetes"]))

    response = client.get(job.get_absolute_url())

    html = response.content.decode()
    required, preferred = html.split("Required skills")[1].split("Nice to have")
    assert "Python" in required
    assert "Rust" in required
    assert "Kubernetes" not in required
    assert "Kubernetes" in preferred
    assert jsonld(response)["skills"] == "Python, Rust, Kubernetes"
