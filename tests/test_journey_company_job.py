"""The issue's "done when", through the pages a real employer and HKSTP staff use.

A new employer signs up and registers a company; staff verify it in the admin;
the employer posts a job; staff approve it; it is then in search, on the
company page, in the feed, in the sitemap and carries JSON-LD; and it expires
on its own.
"""

import datetime
import json
import re

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from jobs.models import Job
from jobs.tasks import jobs_expire_due
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "Pak-Shek-Kok-2026"


def test_from_sign_up_to_a_published_job_that_expires(client, mailoutbox, committed):
    # 1. An employer signs up and verifies the email.
    with committed():
        client.post(
            reverse("account_signup"),
            {
                "kind": "employer",
                "name": "Lau Mei Ling",
                "email": "meiling@quartzwave.example",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "privacy": "on",
            },
        )
    link = re.search(
        re.escape(settings.SITE_URL) + r"(/\S*/confirm-email/\S+/)", mailoutbox[-1].body
    )
    client.post(link.group(1))

    # 2. ...registers the company, which waits for HKSTP.
    client.post(
        reverse("companies:dashboard"),
        {
            "name": "Quartzwave Materials Limited",
            "name_zh": "石英波材料有限公司",
            "programme": "incubatee",
            "clusters": ["new_materials"],
            "sites": ["innopark_tko"],
            "size": "11-50",
            "description": "Perovskite coatings for solar glass.",
        },
    )
    company = Company.objects.get(slug="quartzwave-materials-limited")
    assert company.status == Company.Status.PENDING

    # 3. ...drafts a job, but cannot publish before verification.
    client.post(
        reverse("jobs:employer_job_new"),
        {
            "title": "Thin-Film Process Engineer",
            "title_zh": "薄膜工藝工程師",
            "employment_type": "full_time",
            "seniority": "mid",
            "education": "master",
            "field": "engineering",
            "site": "innopark_tko",
            "work_mode": "on_site",
            "description": "Scale up **perovskite** coating lines.",
            "description_zh": "負責鈣鈦礦塗層生產線的工藝放大。",
            "responsibilities": "- Run pilot line trials\n- Write SOPs",
            "required_skills": "Materials science, Statistics",
            "preferred_skills": "Python",
            "salary_min": "38000",
            "salary_max": "52000",
            "show_salary": "on",
            "open_to_overseas": "on",
            "ttps_welcome": "on",
            "programmes": ["innopark"],
            "languages": ["en", "yue"],
            "openings": "2",
        },
    )
    job = Job.objects.get(company=company)
    client.post(reverse("jobs:employer_job_submit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT

    # 4. Staff verify the company in the admin, with a note; its admin is emailed.
    staff = Client()
    staff.force_login(factories.SuperuserFactory())
    changelist = reverse("admin:companies_company_changelist")
    with committed():
        staff.post(
            changelist,
            {
                "action": "verify",
                ACTION_CHECKBOX_NAME: [company.pk],
                "apply": "1",
                "reason": "Incubation agreement confirmed.",
            },
        )
    company.refresh_from_db()
    assert company.status == Company.Status.VERIFIED
    assert "verified" in mailoutbox[-1].subject

    # 5. The employer submits; staff approve in the moderation queue.
    client.post(reverse("jobs:employer_job_submit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    queue = staff.get(reverse("admin:jobs_job_changelist"), {"status__exact": "pending"})
    assert "Thin-Film Process Engineer" in queue.content.decode()
    staff.post(
        reverse("admin:jobs_job_changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [job.pk]},
    )
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED

    # 6. Everyone can now find it: search (English and Chinese), company page,
    #    feed, sitemap, and JSON-LD on its page.
    visitor = Client()
    for q in ["perovskite", "thin film engineer", "鈣鈦礦", "薄膜"]:
        found = visitor.get(reverse("jobs:job_list"), {"q": q, "eligibility": "ttps_welcome"})
        assert [j.pk for j in found.context["result"].page] == [job.pk], q
    assert job.title in visitor.get(company.get_absolute_url()).content.decode()
    assert job.title in visitor.get(reverse("jobs:job_feed"), {"q": "coating"}).content.decode()
    assert f"/jobs/{job.pk}/" in visitor.get("/sitemap-jobs.xml").content.decode()
    page = visitor.get(job.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["hiringOrganization"]["name"] == "Quartzwave Materials Limited"
    assert data["jobLocation"]["address"]["addressLocality"] == "Tseung Kwan O"
    assert data["skills"] == "Materials science, Statistics, Python"

    # 7. Sixty days later the beat task expires it: gone from search and feed,
    #    its page says it is closed and carries no JSON-LD.
    Job.objects.filter(pk=job.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=61),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert jobs_expire_due.delay().get() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.EXPIRED
    assert visitor.get(reverse("jobs:job_list"), {"q": "perovskite"}).context["result"].total == 0
    assert job.title not in visitor.get(reverse("jobs:job_feed")).content.decode()
    closed_page = visitor.get(job.get_absolute_url()).content.decode()
    assert "This job is closed." in closed_page
    assert "application/ld+json" not in closed_page
