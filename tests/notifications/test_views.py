import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from notifications.emails import unsubscribe_token_make
from notifications.models import Channel, Delivery, Kind, Notification, NotificationPreference
from tests import factories

pytestmark = pytest.mark.django_db


def in_app(rows):
    return next(r for r in rows if r.channel == Channel.IN_APP)


# --- The centre --------------------------------------------------------------------------


def test_the_centre_needs_a_login(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_centre_lists_my_notifications_newest_first_unread_highlighted(
    client, candidate, notify
):
    first = in_app(notify(candidate, key="job-match:1"))
    notify(
        candidate,
        key="job-match:2",
        context={"job_title": "Chip designer", "company_name": "Orbit Silicon"},
    )
    notify(factories.CandidateFactory(), key="job-match:3", context={"job_title": "Not mine"})
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    client.force_login(candidate)

    content = client.get(reverse("notifications:inbox")).content.decode()

    newer = content.index("Chip designer at Orbit Silicon")
    older = content.index("Firmware engineer at Lumen Robotics")
    assert newer < older
    assert "Not mine" not in content
    assert content.count("is-unread") == 1
    assert 'aria-label="Notifications, 1 unread"' in content


def test_the_centre_pins_its_queries(client, candidate, notify, django_assert_num_queries):
    for i in range(25):
        notify(candidate, key=f"job-match:{i}")
    client.force_login(candidate)
    client.get(reverse("notifications:inbox"))  # the unread count is now cached

    # session, user, page COUNT, page SELECT; the badge comes from the cache.
    with django_assert_num_queries(4):
        response = client.get(reverse("notifications:inbox"), {"page": 2})

    assert response.status_code == 200
    assert len(response.context["items"]) == 5


def test_the_badge_costs_one_query_on_a_miss_and_none_when_cached(
    client, candidate, notify, django_assert_num_queries
):
    notify(candidate)
    client.force_login(candidate)
    url = reverse("applications:saved_jobs")
    with django_assert_num_queries(4):  # session, user, saved jobs, unread COUNT
        client.get(url)
    with django_assert_num_queries(3):
        content = client.get(url).content.decode()
    assert 'aria-label="Notifications, 1 unread"' in content


def test_reading_clears_the_cached_count(client, candidate, notify, committed):
    rows = notify(candidate)
    client.force_login(candidate)
    assert "1 unread" in client.get(reverse("home")).content.decode()

    with committed():
        client.post(reverse("notifications:open", args=[in_app(rows).pk]))

    content = client.get(reverse("home")).content.decode()
    assert "unread" not in content
    assert 'aria-label="Notifications"' in content


def test_a_new_notification_clears_the_cached_count(client, candidate, notify):
    client.force_login(candidate)
    assert 'aria-label="Notifications"' in client.get(reverse("home")).content.decode()

    notify(candidate)

    assert "1 unread" in client.get(reverse("home")).content.decode()


def test_opening_marks_read_and_follows_the_link(client, candidate, notify):
    item = in_app(notify(candidate, url="/jobs/42/"))
    client.force_login(candidate)

    response = client.post(reverse("notifications:open", args=[item.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/jobs/42/"
    item.refresh_from_db()
    assert item.read_at is not None


def test_opening_is_a_post_only(client, candidate, notify):
    item = in_app(notify(candidate))
    client.force_login(candidate)

    assert client.get(reverse("notifications:open", args=[item.pk])).status_code == 405
    item.refresh_from_db()
    assert item.read_at is None


def test_opening_an_outside_link_stays_on_the_portal(client, candidate, notify):
    item = in_app(notify(candidate, url="https://evil.example/"))
    client.force_login(candidate)

    response = client.post(reverse("notifications:open", args=[item.pk]))

    assert response["Location"] == reverse("notifications:inbox")


def test_another_users_notification_is_404(client, candidate, notify):
    theirs = in_app(notify(factories.CandidateFactory()))
    mine_email = Notification.objects.create(
        recipient=candidate, kind=Kind.ACCOUNT, channel=Channel.EMAIL, key="e:1"
    )
    client.force_login(candidate)

    assert client.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    # An email row is not an in-app item.
    assert client.post(reverse("notifications:open", args=[mine_email.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_opening_goes_to_login(client, candidate, notify):
    item = in_app(notify(candidate))
    response = client.post(reverse("notifications:open", args=[item.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_mark_all_read(client, candidate, notify):
    notify(candidate, key="a")
    notify(candidate, key="b")
    theirs = in_app(notify(factories.CandidateFactory(), key="c"))
    client.force_login(candidate)

    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = client.post(reverse("notifications:mark_all_read"), follow=True)

    assert not Notification.objects.filter(
        recipient=candidate, channel=Channel.IN_APP, read_at__isnull=True
    ).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert "All notifications are marked read." in response.content.decode()


def test_company_members_have_a_centre_too(client, notify):
    member = factories.CompanyAdminFactory().user
    notify(member, kind=Kind.CANDIDATE_MATCH)
    client.force_login(member)

    content = client.get(reverse("notifications:inbox")).content.decode()

    assert "Firmware engineer" in content


# --- Preferences -------------------------------------------------------------------------


def test_preferences_show_the_kinds_for_each_kind_of_user(client, candidate):
    client.force_login(candidate)
    content = client.get(reverse("notifications:preferences")).content.decode()
    assert "Saved search alerts" in content
    assert "New applications to our jobs" not in content

    client.force_login(factories.EmployerFactory())
    content = client.get(reverse("notifications:preferences")).content.decode()
    assert "New applications to our jobs" in content
    assert "Saved search alerts" not in content


def test_preferences_save(client, candidate):
    client.force_login(candidate)
    data = {
        "email_saved_search": "on",
        "email_invitation": "on",
        "email_application_stage": "on",
        "email_account": "on",
        "frequency_job_match": "weekly",
        # job_match email left unticked: off
    }

    response = client.post(reverse("notifications:preferences"), data)

    assert response.status_code == 302
    prefs = {
        p.kind: (p.email_enabled, p.frequency)
        for p in NotificationPreference.objects.filter(user=candidate)
    }
    assert prefs[Kind.JOB_MATCH] == (False, Delivery.WEEKLY)
    assert prefs[Kind.SAVED_SEARCH] == (True, "")
    content = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="email_job_match" id="id_email_job_match">' in content
    assert 'name="email_saved_search" id="id_email_saved_search" checked>' in content


def test_preferences_refuse_a_bad_frequency(client, candidate):
    client.force_login(candidate)
    response = client.post(reverse("notifications:preferences"), {"frequency_job_match": "hourly"})
    assert response.status_code == 200
    assert not NotificationPreference.objects.exists()


def test_preferences_need_a_login(client):
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 302


# --- Unsubscribe ------------------------------------------------------------------------


def test_unsubscribe_get_shows_a_confirmation_and_changes_nothing(client, candidate):
    token = unsubscribe_token_make(candidate.pk, [Kind.JOB_MATCH])

    response = client.get(reverse("notifications:unsubscribe", args=[token]))

    assert response.status_code == 200
    assert "New jobs that match my profile" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_one_click_post_works_without_login_or_csrf_token(candidate):
    client = Client(enforce_csrf_checks=True)
    token = unsubscribe_token_make(candidate.pk, [Kind.JOB_MATCH])

    response = client.post(
        reverse("notifications:unsubscribe", args=[token]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not NotificationPreference.objects.get(user=candidate, kind=Kind.JOB_MATCH).email_enabled


def test_the_link_in_an_email_unsubscribes_from_that_kind(candidate, notify):
    notify(candidate)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://127.0.0.1:8000")

    assert Client(enforce_csrf_checks=True).post(path).status_code == 200
    notify(candidate, key="job-match:2")

    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "token",
    [
        "tampered",
        signing.dumps({"u": 1, "k": ["job_match"]}, salt="another.salt"),
    ],
)
def test_a_tampered_token_is_404_and_changes_nothing(client, candidate, token):
    for method in (client.get, client.post):
        response = method(reverse("notifications:unsubscribe", args=[token]))
        assert response.status_code == 404
    assert not NotificationPreference.objects.exists()


def test_a_token_edited_to_another_user_is_404(client, candidate):
    token = unsubscribe_token_make(candidate.pk, [Kind.JOB_MATCH])
    other = factories.CandidateFactory()
    signature = token.rpartition(":")[2]
    forged = unsubscribe_token_make(other.pk, [Kind.JOB_MATCH]).rpartition(":")[0] + ":" + signature

    assert client.post(reverse("notifications:unsubscribe", args=[forged])).status_code == 404
    assert not NotificationPreference.objects.exists()
