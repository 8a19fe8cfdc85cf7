"""Who may touch a company's jobs and team, and the team and profile flows through the client.

The rule: a company member can touch only their own company's jobs and team;
anyone else gets 404 (never a 403 that would confirm the object exists).
"""

import datetime
import io
import os
import re
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from companies.forms import LOGO_MAX_BYTES
from companies.models import Company, CompanyInvitation, CompanyMember
from companies.services import member_invite
from jobs.models import Job
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db

TEAM = reverse("companies:team")
DASHBOARD = reverse("companies:dashboard")
PROFILE = reverse("companies:profile_edit")


# --- helpers -----------------------------------------------------------------


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.split("?")[0] == reverse("account_login")
    assert "next=" in response.url


def snapshot():
    """Everything an employer URL could change: jobs, team memberships, invitations."""
    return {
        "jobs": list(
            Job.objects.order_by("pk").values_list(
                "pk", "company_id", "status", "title", "closed_reason", "submitted_at", "updated_at"
            )
        ),
        "members": list(
            CompanyMember.objects.order_by("pk").values_list("pk", "company_id", "user_id", "role")
        ),
        "invitations": list(
            CompanyInvitation.objects.order_by("pk").values_list(
                "pk", "company_id", "email", "role", "accepted_at"
            )
        ),
        "companies": list(
            Company.objects.order_by("pk").values_list("pk", "name", "status", "updated_at")
        ),
    }


def job_data(**overrides):
    data = {
        "title": "Hijacked Title",
        "employment_type": "full_time",
        "seniority": "mid",
        "education": "bachelor",
        "field": "data_ai",
        "site": "science_park",
        "work_mode": "hybrid",
        "description": "Someone else's words.",
        "required_skills": "Python",
        "salary_min": "30000",
        "salary_max": "45000",
        "openings": "1",
    }
    data.update(overrides)
    return data


def profile_data(company, **overrides):
    data = {
        "name": company.name,
        "name_zh": "",
        "programme": company.programme,
        "clusters": company.clusters,
        "sites": company.sites,
        "size": company.size,
        "website": "",
        "description": "Robots for hospitals.",
        "description_zh": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def world(db):
    """One verified company with a team, jobs in each state and an open invitation,
    plus the admin of another company (the outsider)."""
    admin = factories.CompanyAdminFactory()
    company = admin.company
    recruiter = factories.CompanyMemberFactory(company=company)
    invitation = member_invite(
        company=company, by=admin.user, email="future.hire@example.com", role="recruiter"
    )
    return SimpleNamespace(
        company=company,
        admin=admin,
        recruiter=recruiter,
        invitation=invitation,
        draft=factories.JobFactory(company=company),
        pending=factories.PendingJobFactory(company=company),
        published=factories.PublishedJobFactory(company=company),
        outsider=factories.CompanyAdminFactory(),
    )


# Every employer URL that names an object: (URL name, method, the object in `world`, POST data).
OBJECT_URLS = [
    pytest.param("jobs:employer_job", "get", "draft", {}, id="job-manage-get"),
    pytest.param("jobs:employer_job_edit", "get", "published", {}, id="job-edit-get"),
    pytest.param("jobs:employer_job_edit", "post", "published", job_data(), id="job-edit-post"),
    pytest.param("jobs:employer_job_submit", "post", "draft", {}, id="job-submit"),
    pytest.param("jobs:employer_job_withdraw", "post", "pending", {}, id="job-withdraw"),
    pytest.param(
        "jobs:employer_job_close", "post", "published", {"reason": "filled"}, id="job-close"
    ),
    pytest.param("jobs:employer_job_delete", "post", "draft", {}, id="job-delete"),
    pytest.param("companies:member_remove", "post", "recruiter", {}, id="member-remove"),
    pytest.param("companies:member_role", "post", "recruiter", {"role": "admin"}, id="member-role"),
    pytest.param(
        "companies:invitation_withdraw", "post", "invitation", {}, id="invitation-withdraw"
    ),
]

TEAM_ADMIN_URLS = [
    pytest.param("companies:member_remove", "recruiter", {}, id="member-remove"),
    pytest.param("companies:member_role", "recruiter", {"role": "admin"}, id="member-role"),
    pytest.param("companies:invitation_withdraw", "invitation", {}, id="invitation-withdraw"),
]


def request(client, method, url, data):
    return client.post(url, data) if method == "post" else client.get(url)


# --- every object URL: only the owning company's team ------------------------


@pytest.mark.parametrize(("name", "method", "target", "data"), OBJECT_URLS)
def test_a_member_of_another_company_gets_404_and_changes_nothing(
    client, world, name, method, target, data
):
    url = reverse(name, args=[getattr(world, target).pk])
    before = snapshot()
    client.force_login(world.outsider.user)

    response = request(client, method, url, data)

    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "target", "data"), OBJECT_URLS)
def test_the_same_request_from_the_owning_companys_admin_is_not_a_404(
    client, world, name, method, target, data
):
    # Proves the 404 above comes from the ownership check, not from a wrong id.
    url = reverse(name, args=[getattr(world, target).pk])
    client.force_login(world.admin.user)

    response = request(client, method, url, data)

    assert response.status_code == (302 if method == "post" else 200)
    levels = [message.level_tag for message in get_messages(response.wsgi_request)]
    assert "error" not in levels


@pytest.mark.parametrize(("name", "method", "target", "data"), OBJECT_URLS)
def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(
    client, world, name, method, target, data
):
    url = reverse(name, args=[getattr(world, target).pk])
    before = snapshot()

    response = request(client, method, url, data)

    assert_login_redirect(response)
    assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "target", "data"), OBJECT_URLS)
def test_candidates_get_403_and_change_nothing(
    client, world, candidate, name, method, target, data
):
    url = reverse(name, args=[getattr(world, target).pk])
    before = snapshot()
    client.force_login(candidate)

    response = request(client, method, url, data)

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "target", "data"), OBJECT_URLS)
def test_staff_without_a_company_get_403_and_change_nothing(
    client, world, staff, name, method, target, data
):
    url = reverse(name, args=[getattr(world, target).pk])
    before = snapshot()
    client.force_login(staff)

    response = request(client, method, url, data)

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "target", "data"), OBJECT_URLS)
def test_an_employer_without_a_company_is_sent_to_register_one_and_changes_nothing(
    client, world, employer, name, method, target, data
):
    url = reverse(name, args=[getattr(world, target).pk])
    before = snapshot()
    client.force_login(employer)

    response = request(client, method, url, data)

    assert response.status_code == 302
    assert response.url == DASHBOARD
    assert snapshot() == before


@pytest.mark.parametrize(("name", "target", "data"), TEAM_ADMIN_URLS)
def test_a_recruiter_cannot_manage_their_own_team(client, world, name, target, data):
    url = reverse(name, args=[getattr(world, target).pk])
    before = snapshot()
    client.force_login(world.recruiter.user)

    response = client.post(url, data)

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize(("name", "target", "data"), TEAM_ADMIN_URLS)
def test_team_changes_are_post_only(client, world, name, target, data):
    url = reverse(name, args=[getattr(world, target).pk])
    before = snapshot()
    client.force_login(world.admin.user)

    response = client.get(url)

    assert response.status_code == 405
    assert snapshot() == before


# --- the employer pages without an object ------------------------------------

PAGE_URLS = [
    "companies:dashboard",
    "companies:profile_edit",
    "companies:team",
    "jobs:employer_job_new",
]


@pytest.mark.parametrize("name", PAGE_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in_from_employer_pages(client, world, name, method):
    before = snapshot()

    response = getattr(client, method)(reverse(name))

    assert_login_redirect(response)
    assert snapshot() == before


@pytest.mark.parametrize("name", PAGE_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_candidates_get_403_on_employer_pages(client, world, candidate, name, method):
    before = snapshot()
    client.force_login(candidate)

    response = getattr(client, method)(reverse(name))

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("name", ["companies:team", "jobs:employer_job_new"])
def test_a_recruiter_can_open_the_team_and_new_job_pages(client, world, name):
    client.force_login(world.recruiter.user)

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_a_recruiter_does_not_see_the_open_invitations(client, world):
    client.force_login(world.recruiter.user)

    response = client.get(TEAM)

    assert list(response.context["invitations"]) == []
    assert world.invitation.email.encode() not in response.content


def test_a_recruiter_cannot_open_or_save_the_company_profile(client, world):
    before = snapshot()
    client.force_login(world.recruiter.user)

    assert client.get(PROFILE).status_code == 403
    response = client.post(PROFILE, profile_data(world.company, name="Renamed By Recruiter"))

    assert response.status_code == 403
    assert snapshot() == before


def test_a_recruiter_cannot_invite_people(client, world, mailoutbox, committed):
    before = snapshot()
    client.force_login(world.recruiter.user)

    with committed():
        response = client.post(TEAM, {"email": "friend@example.com", "role": "admin"})

    assert response.status_code == 403
    assert snapshot() == before
    assert mailoutbox == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_invitation_token_is_a_404(client, world, employer, method):
    before = snapshot()
    client.force_login(employer)

    response = getattr(client, method)(
        reverse("companies:invitation_accept", args=["no-such-token"])
    )

    assert response.status_code == 404
    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_sign_in_before_seeing_an_invitation(client, world):
    response = client.get(world.invitation.get_absolute_url())

    assert_login_redirect(response)


# --- team flows --------------------------------------------------------------


def test_an_admin_invites_someone_by_email(client, mailoutbox, committed):
    admin = factories.CompanyAdminFactory()
    client.force_login(admin.user)

    with committed():
        response = client.post(TEAM, {"email": "New.Hire@Example.COM", "role": "recruiter"})

    assert response.status_code == 302
    assert response.url == TEAM
    invitation = CompanyInvitation.objects.get()
    assert invitation.company == admin.company
    assert invitation.email == "New.Hire@example.com"
    assert invitation.role == CompanyMember.Role.RECRUITER
    assert invitation.invited_by == admin.user
    assert invitation.accepted_at is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["New.Hire@example.com"]
    assert admin.company.name in mailoutbox[0].subject
    assert invitation.get_absolute_url() in mailoutbox[0].body
    assert "Invitation sent to New.Hire@Example.COM." in messages_of(response)


def test_inviting_a_current_member_is_a_form_error(client, mailoutbox, committed):
    admin = factories.CompanyAdminFactory()
    recruiter = factories.CompanyMemberFactory(company=admin.company)
    client.force_login(admin.user)

    with committed():
        response = client.post(TEAM, {"email": recruiter.user.email.upper(), "role": "admin"})

    assert response.status_code == 200
    assert "already in your team" in response.context["form"].errors["email"][0]
    assert not CompanyInvitation.objects.exists()
    assert mailoutbox == []


def test_inviting_an_address_with_an_open_invitation_is_a_form_error(client, mailoutbox, committed):
    admin = factories.CompanyAdminFactory()
    member_invite(company=admin.company, by=admin.user, email="twice@example.com", role="recruiter")
    client.force_login(admin.user)

    with committed():
        response = client.post(TEAM, {"email": "TWICE@example.com", "role": "admin"})

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    messages = [m for field in errors.values() for e in field for m in e.messages]
    assert any("already been invited" in message for message in messages), messages
    assert CompanyInvitation.objects.count() == 1
    assert CompanyInvitation.objects.get().role == CompanyMember.Role.RECRUITER
    assert mailoutbox == []


def test_the_same_address_may_be_invited_by_two_companies(client):
    other = factories.CompanyAdminFactory()
    member_invite(company=other.company, by=other.user, email="both@example.com", role="recruiter")
    admin = factories.CompanyAdminFactory()
    client.force_login(admin.user)

    response = client.post(TEAM, {"email": "both@example.com", "role": "recruiter"})

    assert response.status_code == 302
    assert CompanyInvitation.objects.filter(email="both@example.com").count() == 2


@pytest.fixture
def invitation(db):
    admin = factories.CompanyAdminFactory()
    return member_invite(
        company=admin.company, by=admin.user, email="invitee@example.com", role="admin"
    )


def test_the_invitee_sees_the_invitation_page(client, invitation):
    invitee = factories.EmployerFactory(email=invitation.email)
    client.force_login(invitee)

    response = client.get(invitation.get_absolute_url())

    assert response.status_code == 200
    assert response.context["expired"] is False
    assert invitation.company.name.encode() in response.content


def test_the_invitee_accepts_and_joins_with_the_invited_role(client, invitation):
    invitee = factories.EmployerFactory(email=invitation.email)
    client.force_login(invitee)

    response = client.post(invitation.get_absolute_url())

    assert response.status_code == 302
    assert response.url == DASHBOARD
    member = CompanyMember.objects.get(user=invitee)
    assert member.company == invitation.company
    assert member.role == CompanyMember.Role.ADMIN
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert f"Welcome to {invitation.company.name}." in messages_of(response)
    # A used link is gone.
    assert client.get(invitation.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("make_user", "message"),
    [
        pytest.param(
            lambda email: factories.CandidateFactory(email=email),
            "Only park company accounts can join a company team.",
            id="candidate-with-the-invited-email",
        ),
        pytest.param(
            lambda email: factories.EmployerFactory(email="someone.else@example.com"),
            "This invitation was sent to invitee@example.com.",
            id="employer-with-another-email",
        ),
        pytest.param(
            lambda email: factories.EmployerFactory(email=email, verified=False),
            "This invitation was sent to invitee@example.com.",
            id="employer-with-the-email-unverified",
        ),
        pytest.param(
            lambda email: factories.CompanyMemberFactory(user__email=email).user,
            "You already belong to a company.",
            id="member-of-another-company",
        ),
    ],
)
def test_the_wrong_account_cannot_accept(client, invitation, make_user, message):
    user = make_user(invitation.email)
    members_before = list(CompanyMember.objects.values_list("pk", "company_id", "role"))
    client.force_login(user)

    response = client.post(invitation.get_absolute_url())

    assert response.status_code == 200
    assert any(message in text for text in messages_of(response)), messages_of(response)
    assert not CompanyMember.objects.filter(user=user, company=invitation.company).exists()
    assert list(CompanyMember.objects.values_list("pk", "company_id", "role")) == members_before
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_expired_invitation_cannot_be_accepted(client, invitation):
    CompanyInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=CompanyInvitation.VALID_DAYS, minutes=1)
    )
    invitee = factories.EmployerFactory(email=invitation.email)
    client.force_login(invitee)

    page = client.get(invitation.get_absolute_url())
    response = client.post(invitation.get_absolute_url())

    assert page.context["expired"] is True
    assert response.status_code == 200
    assert any("expired" in text for text in messages_of(response))
    assert not CompanyMember.objects.filter(user=invitee).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_invitation_one_day_short_of_expiry_still_works(client, invitation):
    CompanyInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=CompanyInvitation.VALID_DAYS - 1)
    )
    invitee = factories.EmployerFactory(email=invitation.email)
    client.force_login(invitee)

    client.post(invitation.get_absolute_url())

    assert CompanyMember.objects.filter(user=invitee, company=invitation.company).exists()


def test_the_last_admin_cannot_remove_themselves(client):
    admin = factories.CompanyAdminFactory()
    client.force_login(admin.user)

    response = client.post(reverse("companies:member_remove", args=[admin.pk]))

    assert response.status_code == 302
    assert response.url == TEAM
    assert any("at least one admin" in text for text in messages_of(response))
    assert CompanyMember.objects.filter(pk=admin.pk, role="admin").exists()


def test_the_last_admin_cannot_be_demoted(client):
    admin = factories.CompanyAdminFactory()
    client.force_login(admin.user)

    response = client.post(reverse("companies:member_role", args=[admin.pk]), {"role": "recruiter"})

    assert response.status_code == 302
    assert any("at least one admin" in text for text in messages_of(response))
    admin.refresh_from_db()
    assert admin.role == CompanyMember.Role.ADMIN


def test_with_a_second_admin_one_admin_can_step_down(client):
    admin = factories.CompanyAdminFactory()
    factories.CompanyAdminFactory(company=admin.company)
    client.force_login(admin.user)

    client.post(reverse("companies:member_role", args=[admin.pk]), {"role": "recruiter"})

    admin.refresh_from_db()
    assert admin.role == CompanyMember.Role.RECRUITER


def test_an_unknown_role_is_refused(client):
    admin = factories.CompanyAdminFactory()
    recruiter = factories.CompanyMemberFactory(company=admin.company)
    client.force_login(admin.user)

    response = client.post(reverse("companies:member_role", args=[recruiter.pk]), {"role": "owner"})

    assert "Unknown role." in messages_of(response)
    recruiter.refresh_from_db()
    assert recruiter.role == CompanyMember.Role.RECRUITER


def test_an_admin_promotes_a_recruiter(client):
    admin = factories.CompanyAdminFactory()
    recruiter = factories.CompanyMemberFactory(company=admin.company)
    client.force_login(admin.user)

    response = client.post(reverse("companies:member_role", args=[recruiter.pk]), {"role": "admin"})

    assert "Role changed." in messages_of(response)
    recruiter.refresh_from_db()
    assert recruiter.role == CompanyMember.Role.ADMIN


def test_an_admin_removes_a_recruiter_whose_account_stays(client):
    admin = factories.CompanyAdminFactory()
    recruiter = factories.CompanyMemberFactory(company=admin.company)
    client.force_login(admin.user)

    response = client.post(reverse("companies:member_remove", args=[recruiter.pk]))

    assert response.status_code == 302
    assert response.url == TEAM
    assert not CompanyMember.objects.filter(pk=recruiter.pk).exists()
    assert CompanyMember.objects.filter(pk=admin.pk).exists()
    recruiter.user.refresh_from_db()  # the account is still there
    assert f"{recruiter.user.name} is no longer in your team." in messages_of(response)


def test_an_admin_withdraws_an_invitation_and_its_link_stops_working(client, invitation):
    admin = invitation.company.members.get()
    invitee = factories.EmployerFactory(email=invitation.email)
    client.force_login(admin.user)

    response = client.post(reverse("companies:invitation_withdraw", args=[invitation.pk]))

    assert response.status_code == 302
    assert "Invitation withdrawn." in messages_of(response)
    assert not CompanyInvitation.objects.filter(pk=invitation.pk).exists()
    client.force_login(invitee)
    assert client.get(invitation.get_absolute_url()).status_code == 404
    assert client.post(invitation.get_absolute_url()).status_code == 404
    assert not CompanyMember.objects.filter(user=invitee).exists()


# --- company profile and logo ------------------------------------------------


def image_bytes(size=(64, 64), *, noise=False, image_format="PNG"):
    if noise:  # random pixels do not compress: the file is about width * height * 3 bytes
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, "teal")
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name, content, content_type="image/png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file())


def test_an_admin_uploads_a_png_logo_saved_under_a_random_name(client, media):
    admin = factories.CompanyAdminFactory()
    client.force_login(admin.user)

    response = client.post(
        PROFILE,
        profile_data(admin.company, logo=upload("Our Logo.PNG", image_bytes())),
    )

    assert response.status_code == 302
    assert response.url == DASHBOARD
    company = Company.objects.get(pk=admin.company.pk)
    assert re.fullmatch(r"logos/[0-9a-f]{32}\.png", company.logo.name)
    assert stored_files(media) == [media / company.logo.name]
    assert company.description == "Robots for hospitals."


def test_a_replaced_logo_file_is_removed_once_the_change_commits(client, media, committed):
    admin = factories.CompanyAdminFactory()
    client.force_login(admin.user)
    client.post(PROFILE, profile_data(admin.company, logo=upload("a.png", image_bytes())))
    first = Company.objects.get(pk=admin.company.pk).logo.name

    with committed():
        client.post(
            PROFILE,
            profile_data(
                admin.company, logo=upload("b.jpg", image_bytes(image_format="JPEG"), "image/jpeg")
            ),
        )

    second = Company.objects.get(pk=admin.company.pk).logo.name
    assert second != first
    assert second.endswith(".jpg")
    assert stored_files(media) == [media / second]


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        pytest.param(
            lambda: upload("logo.png", b"definitely not an image\n" * 10, "image/png"),
            "Upload a valid image",
            id="text-renamed-png",
        ),
        pytest.param(
            lambda: upload("big.png", image_bytes((700, 700), noise=True)),
            "The logo must be 1 MB or smaller.",
            id="over-1-mb",
        ),
    ],
)
def test_a_bad_logo_is_a_form_error_and_nothing_is_saved(client, media, logo, message):
    admin = factories.CompanyAdminFactory()
    before = snapshot()
    client.force_login(admin.user)
    file = logo()
    if "big" in file.name:
        assert file.size > LOGO_MAX_BYTES

    response = client.post(PROFILE, profile_data(admin.company, name="Changed", logo=file))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["logo"])
    assert stored_files(media) == []
    company = Company.objects.get(pk=admin.company.pk)
    assert not company.logo
    assert snapshot() == before


def test_saving_the_profile_without_a_new_file_keeps_the_logo(client, media):
    admin = factories.CompanyAdminFactory()
    client.force_login(admin.user)
    client.post(PROFILE, profile_data(admin.company, logo=upload("a.png", image_bytes())))
    logo = Company.objects.get(pk=admin.company.pk).logo.name

    response = client.post(PROFILE, profile_data(admin.company, description="New words."))

    assert response.status_code == 302
    company = Company.objects.get(pk=admin.company.pk)
    assert company.description == "New words."
    assert company.logo.name == logo
    assert stored_files(media) == [media / logo]


def test_clearing_the_logo_removes_the_file_once_the_change_commits(client, media, committed):
    admin = factories.CompanyAdminFactory()
    client.force_login(admin.user)
    client.post(PROFILE, profile_data(admin.company, logo=upload("a.png", image_bytes())))

    with committed():
        response = client.post(PROFILE, profile_data(admin.company, **{"logo-clear": "on"}))

    assert response.status_code == 302
    assert not Company.objects.get(pk=admin.company.pk).logo
    assert stored_files(media) == []


def test_an_accepted_invitation_cannot_be_withdrawn(client, invitation):
    admin = invitation.company.members.get()
    invitee = factories.EmployerFactory(email=invitation.email)
    client.force_login(invitee)
    client.post(invitation.get_absolute_url())
    client.force_login(admin.user)

    response = client.post(reverse("companies:invitation_withdraw", args=[invitation.pk]))

    assert "This invitation has already been accepted." in messages_of(response)
    assert CompanyInvitation.objects.filter(pk=invitation.pk, accepted_at__isnull=False).exists()
    assert CompanyMember.objects.filter(user=invitee, company=invitation.company).exists()


def test_removing_the_same_member_twice_is_a_404_the_second_time(client):
    admin = factories.CompanyAdminFactory()
    recruiter = factories.CompanyMemberFactory(company=admin.company)
    client.force_login(admin.user)
    url = reverse("companies:member_remove", args=[recruiter.pk])
    client.post(url)
    assert client.post(url).status_code == 404
    assert list(CompanyMember.objects.all()) == [admin]


def test_withdrawing_an_invitation_twice_is_a_404_the_second_time(client, invitation):
    client.force_login(invitation.company.members.get().user)
    url = reverse("companies:invitation_withdraw", args=[invitation.pk])
    client.post(url)
    assert client.post(url).status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not an email", "role": "recruiter"}, "email"),
        ({"email": "", "role": "recruiter"}, "email"),
        ({"email": "x@example.com", "role": "owner"}, "role"),
    ],
)
def test_bad_invitation_input_is_a_form_error_and_sends_nothing(
    client, mailoutbox, committed, data, field
):
    admin = factories.CompanyAdminFactory()
    client.force_login(admin.user)
    with committed():
        response = client.post(TEAM, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not CompanyInvitation.objects.exists()
    assert mailoutbox == []


def test_saving_the_profile_twice_gives_the_same_company(client, media):
    admin = factories.CompanyAdminFactory(company=factories.CompanyFactory())
    client.force_login(admin.user)
    data = {
        "name": "Harbour Photonics",
        "programme": "tenant",
        "clusters": ["microelectronics"],
        "website": "https://hp.example",
    }
    for _ in range(2):
        assert client.post(reverse("companies:profile_edit"), data).status_code == 302
    company = Company.objects.get()
    assert (company.name, company.slug) == ("Harbour Photonics", admin.company.slug)
