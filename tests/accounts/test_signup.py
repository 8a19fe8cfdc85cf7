import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from companies.models import CompanyMember

pytestmark = pytest.mark.django_db

PASSWORD = "Kowloon-Tong-42"


def signup_data(**overrides):
    data = {
        "kind": "candidate",
        "name": "Chan Tai Man",
        "email": "taiman@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy": "on",
    }
    data.update(overrides)
    return data


def verification_link(message):
    return re.search(
        re.escape(settings.SITE_URL) + r"(/\S*/confirm-email/\S+/)", message.body
    ).group(1)


def test_candidate_signs_up_verifies_and_lands_on_dashboard(client, mailoutbox, committed):
    with committed():
        response = client.post(reverse("account_signup"), signup_data())
    mailbox = mailoutbox

    assert response.status_code == 302
    user = User.objects.get(email="taiman@example.com")
    assert user.kind == User.Kind.CANDIDATE
    assert user.name == "Chan Tai Man"
    assert user.privacy_accepted_at is not None
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailbox) == 1
    assert mailbox[0].to == ["taiman@example.com"]

    # Mandatory verification: no session before the link is followed.
    login = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert login.url == reverse("account_email_verification_sent")

    link = verification_link(mailbox[-1])
    assert client.get(link).status_code == 200  # the confirmation page asks, GET changes nothing
    assert not EmailAddress.objects.get(user=user).verified
    response = client.post(link)

    assert EmailAddress.objects.get(user=user).verified
    assert response.url == reverse("accounts:start")
    assert client.get(response.url).url == reverse("talent:dashboard")
    assert client.get(reverse("talent:dashboard")).status_code == 200


def test_employer_signup_gets_the_employer_role(client, mailoutbox, committed):
    with committed():
        client.post(reverse("account_signup"), signup_data(kind="employer", email="hr@example.com"))
    mailbox = mailoutbox

    user = User.objects.get(email="hr@example.com")
    assert user.kind == User.Kind.EMPLOYER
    assert not CompanyMember.objects.filter(user=user).exists()
    response = client.post(verification_link(mailbox[0]))
    assert client.get(response.url).url == reverse("companies:dashboard")


def test_signup_records_the_language_it_was_made_in(client, mailoutbox, committed):
    with committed():
        client.post("/zh-hant/accounts/signup/", signup_data())
    mailbox = mailoutbox

    assert User.objects.get().language == "zh-hant"
    assert "/zh-hant/" in mailbox[0].body


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"privacy": ""}, "privacy"),
        ({"kind": "staff"}, "kind"),
        ({"name": "   "}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"password2": "something-else-1"}, "password2"),
    ],
)
def test_bad_signup_shows_the_error_and_creates_nothing(
    client, mailoutbox, committed, overrides, field
):
    with committed():
        response = client.post(reverse("account_signup"), signup_data(**overrides))
    mailbox = mailoutbox

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.exists()
    assert mailbox == []


def test_second_signup_with_the_same_email_makes_no_second_account(client, committed):
    with committed():
        client.post(reverse("account_signup"), signup_data())
        client.logout()
        client.post(reverse("account_signup"), signup_data(email="TAIMAN@example.com"))

    assert User.objects.filter(email__iexact="taiman@example.com").count() == 1


def test_login_and_logout(client, candidate):
    response = client.post(
        reverse("account_login"), {"login": candidate.email, "password": "portal-pass-2026"}
    )
    assert response.url == reverse("accounts:start")
    assert client.get(reverse("talent:dashboard")).status_code == 200

    assert client.get(reverse("account_logout")).status_code == 200  # a confirmation page
    response = client.post(reverse("account_logout"))
    assert response.url == reverse("home")
    assert client.get(reverse("talent:dashboard")).status_code == 302


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Signed in as "), ("zh-hant", "已登入："), ("zh-hans", "已登录：")],
)
def test_the_signed_in_message_reads_well_in_each_language(client, candidate, language, expected):
    # allauth's own Traditional Chinese read "成功以 Chan Tai Man..的身份登入。"
    prefix = "" if language == "en" else f"/{language}"
    response = client.post(
        f"{prefix}/accounts/login/",
        {"login": candidate.email, "password": "portal-pass-2026"},
        follow=True,
    )
    html = response.content.decode()
    assert f"{expected}{candidate.get_full_name()}" in html
    assert ".." not in html


def test_failed_logins_are_rate_limited_through_the_redis_cache(client, candidate):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": candidate.email, "password": "wrong"})

    response = client.post(
        reverse("account_login"), {"login": candidate.email, "password": "portal-pass-2026"}
    )

    assert response.status_code in (200, 429)
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_password_reset_email_goes_through_celery_and_the_link_works(
    client, candidate, mailoutbox, committed
):
    with committed():
        client.post(reverse("account_reset_password"), {"email": candidate.email})
    mailbox = mailoutbox

    assert len(mailbox) == 1
    link = re.search(
        re.escape(settings.SITE_URL) + r"(/\S+/password/reset/key/\S+/)", mailbox[0].body
    )
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"password1": "New-Harbour-2026", "password2": "New-Harbour-2026"})

    candidate.refresh_from_db()
    assert candidate.check_password("New-Harbour-2026")


@pytest.mark.parametrize(
    ("factory", "destination"),
    [
        ("CandidateFactory", "talent:dashboard"),
        ("EmployerFactory", "companies:dashboard"),
        ("StaffFactory", "admin:index"),
    ],
)
def test_each_kind_of_user_starts_on_its_own_page(client, factory, destination):
    from tests import factories

    client.force_login(getattr(factories, factory)())
    assert client.get(reverse("accounts:start")).url == reverse(destination)


def test_candidate_and_employer_pages_refuse_the_other_kind(client, candidate, employer):
    client.force_login(candidate)
    assert client.get(reverse("companies:dashboard")).status_code == 403
    client.force_login(employer)
    assert client.get(reverse("talent:dashboard")).status_code == 403


def test_every_allauth_page_uses_the_portal_look(client, candidate):
    for name in ("account_login", "account_signup", "account_reset_password"):
        response = client.get(reverse(name))
        assert b'class="site-header"' in response.content, name
    client.force_login(candidate)
    for name in ("account_email", "account_change_password"):
        response = client.get(reverse(name))
        assert b'class="site-header"' in response.content, name
