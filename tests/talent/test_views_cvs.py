"""The CV pages through the client: upload, refusals, default, delete, confirming skills."""

import datetime

import pytest
from django.urls import reverse

from skills.models import Skill
from talent.models import CV
from talent.services import cvs as cv_services
from talent.services.profiles import profile_get_or_create
from tests import factories
from tests.helpers import messages_of
from tests.talent import documents

pytestmark = pytest.mark.django_db

CV_LIST = reverse("talent:cv_list")


def test_upload_a_pdf_reads_it_and_suggests_skills(client, candidate, committed):
    client.force_login(candidate)
    with committed():
        response = client.post(CV_LIST, {"file": documents.upload(documents.good_pdf(), "Me.pdf")})
    assert response.status_code == 302
    assert "We are reading it" in messages_of(response)[0]
    cv = CV.objects.get(owner=candidate)
    assert (cv.original_name, cv.is_default, cv.parse_status) == ("Me.pdf", True, "parsed")
    page = client.get(CV_LIST).content.decode()
    assert "Me.pdf" in page
    assert "Kubernetes" in page


def test_a_path_like_name_never_reaches_storage(client, candidate):
    client.force_login(candidate)
    client.post(CV_LIST, {"file": documents.upload(documents.good_pdf(), "../../etc/passwd.pdf")})
    cv = CV.objects.get(owner=candidate)
    # Django keeps only the base name of an uploaded file; the stored name is random.
    assert cv.original_name == "passwd.pdf"
    assert cv.file.name.startswith("cvs/")
    assert "passwd" not in cv.file.name


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (documents.png_bytes, "photo.pdf", "not a PDF or a Word document"),
        (documents.encrypted_pdf, "locked.pdf", "protected with a password"),
        (documents.zip_bomb_docx, "bomb.docx", "expands to far more data"),
        (lambda: b"%PDF-" + bytes(CV.MAX_BYTES - 4), "big.pdf", "larger than 5 MB"),
        (lambda: b"", "empty.pdf", "empty"),
    ],
)
def test_bad_uploads_show_the_reason_and_leave_nothing(client, candidate, data, name, message):
    client.force_login(candidate)
    before = documents.private_files()
    response = client.post(CV_LIST, {"file": documents.upload(data(), name)})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not CV.objects.exists()
    assert documents.private_files() == before


def test_a_body_declared_too_large_is_refused_before_it_is_read(client, candidate):
    client.force_login(candidate)
    response = client.post(
        CV_LIST,
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(CV.MAX_BYTES * 2),
    )
    assert response.status_code == 302
    assert "larger than 5 MB" in messages_of(response)[0]
    assert not CV.objects.exists()


def test_the_eleventh_cv_is_refused_with_a_message(client, candidate):
    factories.CVFactory.create_batch(9, owner=candidate, is_default=False)
    factories.CVFactory(owner=candidate)
    client.force_login(candidate)
    page = client.get(CV_LIST).content.decode()
    assert "the most you can keep" in page
    response = client.post(CV_LIST, {"file": documents.upload(documents.good_pdf())})
    assert "at most 10 CVs" in " ".join(response.context["form"].errors["file"])
    assert CV.objects.count() == 10


def test_make_default_and_delete(client, candidate, committed):
    first = factories.CVFactory(owner=candidate)
    second = factories.CVFactory(owner=candidate, is_default=False)
    client.force_login(candidate)
    response = client.post(reverse("talent:cv_make_default", args=[second.pk]))
    assert response.url == CV_LIST
    assert CV.objects.get(is_default=True) == second
    with committed():
        client.post(reverse("talent:cv_delete", args=[second.pk]))
    assert CV.objects.get(is_default=True) == first
    assert second.file.name not in documents.private_files()


def test_the_skills_page_says_it_is_reading_while_pending(client, candidate):
    cv = factories.CVFactory(owner=candidate, parse_status=CV.ParseStatus.PENDING)
    client.force_login(candidate)
    page = client.get(reverse("talent:cv_skills", args=[cv.pk])).content.decode()
    assert "Reading your CV…" in page
    assert reverse("talent:cv_status", args=[cv.pk]) in page
    status = client.get(reverse("talent:cv_status", args=[cv.pk]))
    assert status.json() == {"status": "pending"}


def test_the_skills_page_explains_a_failed_read(client, candidate):
    cv = factories.CVFactory(owner=candidate, parse_status=CV.ParseStatus.FAILED)
    client.force_login(candidate)
    page = client.get(reverse("talent:cv_skills", args=[cv.pk])).content.decode()
    assert "could not read the text" in page


def _suggest(cv, *slugs):
    cv.suggested_skills.set(Skill.objects.filter(slug__in=slugs))


def test_confirm_skills_from_a_cv(client, candidate):
    cv = factories.CVFactory(owner=candidate)
    _suggest(cv, "python", "pytorch", "docker")
    profile = profile_get_or_create(user=candidate)
    profile.skills.add(Skill.objects.get(slug="python"))
    client.force_login(candidate)
    url = reverse("talent:cv_skills", args=[cv.pk])
    response = client.get(url)
    offered = {skill.slug for skill in response.context["form"].fields["skills"].queryset}
    assert offered == {"pytorch", "docker"}  # Python is on the profile already
    pytorch = Skill.objects.get(slug="pytorch")
    response = client.post(url, {"skills": [pytorch.pk]})
    assert response.url == url
    assert messages_of(response) == ["Added to your profile: PyTorch."]
    assert sorted(profile.skills.values_list("slug", flat=True)) == ["python", "pytorch"]
    assert "Docker" in client.get(url).content.decode()


def test_confirm_cannot_add_a_skill_that_was_not_suggested(client, candidate):
    cv = factories.CVFactory(owner=candidate)
    _suggest(cv, "python")
    client.force_login(candidate)
    verilog = Skill.objects.get(slug="verilog")
    response = client.post(reverse("talent:cv_skills", args=[cv.pk]), {"skills": [verilog.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["skills"]
    assert not profile_get_or_create(user=candidate).skills.exists()


def test_confirm_with_nothing_ticked_asks_for_a_skill(client, candidate):
    cv = factories.CVFactory(owner=candidate)
    _suggest(cv, "python")
    client.force_login(candidate)
    response = client.post(reverse("talent:cv_skills", args=[cv.pk]), {})
    assert "Tick at least one skill" in str(response.context["form"].errors["skills"])


def test_the_cv_list_query_count_is_pinned(client, candidate, django_assert_num_queries):
    for _ in range(4):
        _suggest(factories.CVFactory(owner=candidate, is_default=False), "python", "docker")
    client.force_login(candidate)
    client.get(CV_LIST)
    # session, user, the CVs, their suggested skills (one query for all CVs)
    with django_assert_num_queries(4):
        response = client.get(CV_LIST)
    assert len(response.context["cvs"]) == 4


def test_max_cvs_constant_matches_the_page(client, candidate):
    client.force_login(candidate)
    assert client.get(CV_LIST).context["max_cvs"] == cv_services.MAX_CVS


def test_from_a_real_pdf_to_profile_skills(client, candidate, committed):
    client.force_login(candidate)
    with committed():
        client.post(CV_LIST, {"file": documents.upload(documents.good_pdf(), "Chan CV.pdf")})
    cv = CV.objects.get(owner=candidate)
    url = reverse("talent:cv_skills", args=[cv.pk])
    page = client.get(url)
    offered = list(page.context["form"].fields["skills"].queryset)
    assert {skill.name for skill in offered} >= {"Python", "PyTorch", "C++", "Kubernetes"}
    assert [form.initial for form in page.context["experience"]] == [
        {
            "title": "Robotics engineer",
            "organisation": "Harbour Robotics",
            "started_on": datetime.date(2022, 7, 1),
            "ended_on": datetime.date(2026, 7, 1),
        }
    ]
    client.post(
        url,
        {
            "skills": [skill.pk for skill in offered],
            "experience-TOTAL_FORMS": "1",
            "experience-INITIAL_FORMS": "0",
            "experience-0-include": "on",
            "experience-0-title": "Robotics engineer",
            "experience-0-organisation": "Harbour Robotics Ltd",  # corrected by the candidate
            "experience-0-started_on": "2022-07-01",
            "experience-0-ended_on": "",  # still there
        },
    )
    profile = profile_get_or_create(user=candidate)
    assert set(profile.skills.all()) == set(offered)
    assert list(profile.experience.values_list("organisation", "ended_on")) == [
        ("Harbour Robotics Ltd", None)
    ]
    page = client.get(url).content.decode()
    assert "already on your profile" in page


def test_the_skills_page_names_the_skills_in_the_reader_s_language(client, candidate):
    cv = factories.CVFactory(owner=candidate)
    skill = Skill.objects.exclude(name_zh="").first()
    cv.suggested_skills.set([skill])
    client.force_login(candidate)
    url = reverse("talent:cv_skills", args=[cv.pk])
    assert skill.name in client.get(url).content.decode()
    chinese = client.get(f"/zh-hant{url}").content.decode()
    assert skill.name_zh in chinese
