"""Issue 4's "done when", through the pages a real candidate and recruiter use.

A candidate signs up, builds a profile from a real PDF CV (skills suggested from it)
and applies; the company moves the application through stages; the candidate sees
every change and gets the emails, in their language; export and deletion work; and
bad uploads each get a clear error and leave nothing behind.
"""

import io
import json
import re
import zipfile

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User
from applications.models import Application, Stage
from hkstp_portal.demo.documents import cv_pdf
from talent.models import CV, DataExport
from tests import factories
from tests.storage import assert_no_orphans, isolated_storage_fixture  # noqa: F401
from tests.talent import documents

pytestmark = pytest.mark.django_db

PASSWORD = "Pak-Shek-Kok-2026"


def _sign_up(client, mailoutbox, committed):
    with committed():
        client.post(
            "/zh-hant" + reverse("account_signup"),
            {
                "kind": "candidate",
                "name": "Ng Tsz Ching",
                "email": "tszching@student.example",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "privacy": "on",
            },
        )
    link = re.search(
        re.escape(settings.SITE_URL) + r"(/\S*/confirm-email/\S+/)", mailoutbox[-1].body
    )
    client.post(link.group(1))
    client.post(
        reverse("account_login"), {"login": "tszching@student.example", "password": PASSWORD}
    )
    return User.objects.get(email="tszching@student.example")


def test_from_sign_up_and_a_pdf_cv_to_an_offer_then_export_and_deletion(
    client, mailoutbox, committed, isolated_storage
):
    # 1. A student signs up in Traditional Chinese and verifies the email.
    candidate = _sign_up(client, mailoutbox, committed)
    assert candidate.language == "zh-hant"
    assert candidate.privacy_accepted_at is not None

    # 2. Bad uploads are each refused with a clear message and leave nothing behind.
    bad_uploads = [
        (documents.png_bytes(), "cv.pdf"),  # an image renamed .pdf
        (b"%PDF-1.7\n" + b"0" * CV.MAX_BYTES, "big.pdf"),  # over 5 MB
        (documents.encrypted_pdf(), "locked.pdf"),
        (documents.truncated_pdf(), "broken.pdf"),
        (documents.zip_bomb_docx(), "bomb.docx"),
    ]
    for data, name in bad_uploads:
        response = client.post(
            reverse("talent:cv_list"), {"file": documents.upload(data, name)}, follow=True
        )
        assert response.status_code in (200, 400), name
        assert CV.objects.count() == 0, name
    assert_no_orphans(isolated_storage)

    # 3. A real PDF CV: the worker reads it and suggests skills, the candidate confirms.
    pdf = cv_pdf(
        name="Ng Tsz Ching",
        headline="MPhil in bioinformatics",
        skills=["Python", "Bioinformatics", "Next-generation sequencing", "R"],
        experience=["2024-2026 Research assistant, genomics lab"],
    )
    with committed():
        client.post(
            reverse("talent:cv_list"),
            {"file": documents.upload(pdf, "../../Ng Tsz Ching CV.pdf")},
        )
    cv = CV.objects.get(owner=candidate)
    assert cv.is_default
    assert cv.original_name == "Ng Tsz Ching CV.pdf"
    assert cv.parse_status == CV.ParseStatus.PARSED
    suggested = {skill.name: skill.pk for skill in cv.suggested_skills.all()}
    assert {"Python", "Bioinformatics", "R"} <= set(suggested)
    client.post(
        reverse("talent:cv_skills", args=[cv.pk]),
        {"skills": [suggested["Python"], suggested["Bioinformatics"]]},
    )
    profile = candidate.candidate_profile
    assert set(profile.skills.values_list("name", flat=True)) == {"Python", "Bioinformatics"}

    # 4. ...fills in the rest of the profile.
    response = client.post(
        reverse("talent:profile"),
        {
            "headline": "MPhil in bioinformatics, cfDNA pipelines",
            "eligibility": "hk_permanent",
            "residence": "hong_kong",
            "languages": ["en", "yue"],
            "desired_fields": ["rnd"],
            "visibility": "discoverable",
            "skills": "Python, Bioinformatics, R",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.is_discoverable

    # 5. ...and applies to a job with a screening question, with the default CV.
    job = factories.PublishedJobFactory(title="Bioinformatics Scientist")
    recruiter = factories.CompanyMemberFactory(company=job.company).user
    question = factories.ScreeningQuestionFactory(job=job, position=1)
    with committed():
        response = client.post(
            reverse("applications:apply", args=[job.pk]),
            {"cv": cv.pk, "cover_note": "cfDNA is what I do.", f"q{question.pk}": "yes"},
        )
    assert response.status_code == 302
    application = Application.objects.get(job=job, candidate=candidate)
    assert not application.knocked_out
    assert any(recruiter.email in message.to for message in mailoutbox)
    # Applying twice is refused kindly.
    response = client.post(
        reverse("applications:apply", args=[job.pk]),
        {"cv": cv.pk, f"q{question.pk}": "yes"},
        follow=True,
    )
    assert Application.objects.filter(job=job).count() == 1

    # 6. The recruiter reads the CV and moves the application: screening, interview, offer.
    company = Client()
    company.force_login(recruiter)
    assert company.get(cv.download_url).status_code == 200
    sent_before = len(mailoutbox)
    for stage in (Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER):
        with committed():
            response = company.post(
                reverse("applications:stage_set", args=[application.pk]),
                {"stage": stage, "notify": "on"},
            )
        assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.OFFER
    stage_emails = [m for m in mailoutbox[sent_before:] if candidate.email in m.to]
    assert len(stage_emails) == 3
    # In the candidate's language, with a link to their application.
    assert all(re.search(r"[\u4e00-\u9fff]", m.subject) for m in stage_emails)
    assert f"/me/applications/{application.pk}/" in stage_emails[-1].body

    # 7. The candidate sees every change.
    page = client.get(reverse("applications:my_application", args=[application.pk]))
    assert page.status_code == 200
    assert [change.to_stage for change in application.history.all()] == [
        Stage.NEW,
        Stage.SCREENING,
        Stage.INTERVIEW,
        Stage.OFFER,
    ]

    # 8. Export: a zip with the data and the CV.
    with committed():
        client.post(reverse("talent:privacy_export"))
    export = DataExport.objects.get(user=candidate)
    assert export.status == DataExport.Status.READY
    response = client.get(reverse("talent:privacy_export_download", args=[export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == candidate.email
    assert archive.read("cvs/Ng Tsz Ching CV.pdf") == pdf
    assert any(item["job"] == "Bioinformatics Scientist" for item in data["applications"])

    # 9. Deletion: the account and files go; the company keeps an anonymous row.
    with committed():
        response = client.post(reverse("talent:privacy_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email="tszching@student.example").exists()
    application.refresh_from_db()
    assert application.candidate is None
    assert application.stage == Stage.OFFER
    assert CV.objects.count() == 0
    assert_no_orphans(isolated_storage)
    pipeline = company.get(reverse("applications:pipeline", args=[job.pk]))
    assert "Ng Tsz Ching" not in pipeline.content.decode()
