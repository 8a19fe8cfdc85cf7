"""Email addresses (allauth's /accounts/email/): adding, removing and making primary an
address needs the password again, and the account's addresses are told of each change."""

import time
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tests import factories

pytestmark = pytest.mark.django_db

EMAIL = reverse("account_email")
REAUTHENTICATE = reverse("account_reauthenticate")
SITE = "https://talent.hkstp.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def person(client):
    """A candidate signed in with only a session cookie (no password typed yet), with a
    second, verified address."""
    user = factories.CandidateFactory(email="chan@example.com")
    EmailAddress.objects.create(user=user, email="chan.work@example.com", verified=True)
    client.force_login(user)
    return user


def _addresses(user):
    return {(a.email, a.primary) for a in EmailAddress.objects.filter(user=user)}


def _reauthenticate(client, password=factories.DEFAULT_PASSWORD):
    return client.post(f"{REAUTHENTICATE}?next={EMAIL}", {"password": password, "next": EMAIL})


CHANGES = {
    "add": {"action_add": "", "email": "someone.else@example.com"},
    "remove": {"action_remove": "", "email": "chan.work@example.com"},
    "primary": {"action_primary": "", "email": "chan.work@example.com"},
}


@pytest.mark.parametrize("change", CHANGES)
def test_without_the_password_again_nothing_changes(client, person, change, committed):
    before = _addresses(person)
    with committed():
        response = client.post(EMAIL, CHANGES[change])
    assert response.status_code == 302
    assert response["Location"].startswith(f"{REAUTHENTICATE}?next=")
    assert _addresses(person) == before
    assert mail.outbox == []
    person.refresh_from_db()
    assert person.email == "chan@example.com"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'autocomplete="current-password"' in page.content.decode()


def test_a_wrong_password_changes_nothing(client, person, committed):
    client.post(EMAIL, CHANGES["primary"])
    with committed():
        response = _reauthenticate(client, password="not-my-password")
    assert response.status_code == 200
    assert _addresses(person) == {("chan@example.com", True), ("chan.work@example.com", False)}
    assert mail.outbox == []


def test_making_another_address_primary_after_the_password_tells_the_old_one(
    client, person, committed
):
    client.post(EMAIL, CHANGES["primary"])
    with committed():
        response = _reauthenticate(client)  # carries out the change that was asked for
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "chan.work@example.com"
    assert _addresses(person) == {("chan@example.com", False), ("chan.work@example.com", True)}

    (notice,) = mail.outbox
    assert notice.to == ["chan@example.com"]
    assert notice.subject == "The email address you sign in with was changed"
    assert "from chan@example.com to chan.work@example.com" in notice.body
    assert f"{SITE}/accounts/password/reset/" in notice.body
    assert f"{SITE}/accounts/email/" in notice.body
    assert "IP address: 127.0.0.1" in notice.body
    assert "(Hong Kong time)" in notice.body


def test_adding_an_address_after_the_password_tells_the_primary_one(client, person, committed):
    client.post(EMAIL, CHANGES["add"])
    with committed():
        _reauthenticate(client)
    assert ("someone.else@example.com", False) in _addresses(person)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"chan@example.com", "someone.else@example.com"}
    notice = by_recipient["chan@example.com"]
    assert notice.subject == "An email address was added to your account"
    assert "someone.else@example.com was added to your account" in notice.body
    # The new address gets its confirmation link, as before.
    assert "/accounts/confirm-email/" in by_recipient["someone.else@example.com"].body


def test_removing_an_address_after_the_password_tells_the_primary_one(client, person, committed):
    client.post(EMAIL, CHANGES["remove"])
    with committed():
        _reauthenticate(client)
    assert _addresses(person) == {("chan@example.com", True)}
    (notice,) = mail.outbox
    assert notice.to == ["chan@example.com"]
    assert "chan.work@example.com was removed from your account" in notice.body


def test_the_password_holds_for_five_minutes(client, person, committed, monkeypatch):
    client.post(EMAIL, CHANGES["add"])
    _reauthenticate(client)
    # Within the window, the next change needs no password.
    response = client.post(EMAIL, {"action_add": "", "email": "third@example.com"})
    assert response["Location"] == EMAIL
    assert ("third@example.com", False) in _addresses(person)

    later = time.time() + settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1
    monkeypatch.setattr(
        "allauth.account.internal.flows.reauthentication.time", SimpleNamespace(time=lambda: later)
    )
    response = client.post(EMAIL, CHANGES["remove"])
    assert response["Location"].startswith(REAUTHENTICATE)
    assert ("chan.work@example.com", False) in _addresses(person)


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_the_notice_is_in_the_account_s_language_whoever_changed_it(
    client, person, lang, committed
):
    person.language = lang
    person.save(update_fields=["language"])
    prefix = "" if lang == "en" else f"/{lang}"
    client.post(EMAIL, CHANGES["primary"])
    with committed():
        _reauthenticate(client)  # in English
    (notice,) = mail.outbox
    with translation.override(lang):
        assert notice.subject == _("The email address you sign in with was changed")
        name = str(settings.PORTAL_NAME)
        assert notice.body.splitlines()[0] == _("Hello from %(site_name)s.") % {"site_name": name}
    assert f"{SITE}{prefix}/accounts/password/reset/" in notice.body
    assert f"{SITE}{prefix}/accounts/email/" in notice.body


def test_a_password_change_is_notified_too(client, person, committed):
    with committed():
        client.post(
            reverse("account_change_password"),
            {
                "oldpassword": factories.DEFAULT_PASSWORD,
                "password1": "Pak-Shek-Kok-2027",
                "password2": "Pak-Shek-Kok-2027",
            },
        )
    (notice,) = mail.outbox
    assert notice.to == ["chan@example.com"]
    assert notice.subject == "Your password was changed"
