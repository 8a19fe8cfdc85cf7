import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from programmes.models import ProgrammeApplication
from programmes.services import programme_shortlist
from tests.helpers import messages_of
from tests.programmes.conftest import Status, apply, student

CHANGELIST = "admin:programmes_programmeapplication_changelist"


def _action(client, action, applications, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in applications], **extra},
        follow=True,
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_the_list_filters_by_placement_university_and_country(
    admin_client, programme, placements, application
):
    other = apply(programme, student(), [placements[2]], country="Singapore")
    url = reverse(CHANGELIST)
    response = admin_client.get(url, {"placement": placements[2].pk})
    assert list(response.context["cl"].result_list) == [other]
    response = admin_client.get(url, {"country": "Singapore"})
    assert list(response.context["cl"].result_list) == [other]
    response = admin_client.get(url, {"q": "Genomics"})
    assert list(response.context["cl"].result_list) == [application]


def test_the_list_query_count_is_pinned(
    admin_client, programme, placements, django_assert_num_queries
):
    for _ in range(5):
        apply(programme, student(), placements)
    # session, user, counts, the page, its preferences, the filters' choices, …: 12 whatever
    # the number of rows.
    with django_assert_num_queries(12):
        admin_client.get(reverse(CHANGELIST))
    for _ in range(5):
        apply(programme, student(), placements)
    with django_assert_num_queries(12):
        response = admin_client.get(reverse(CHANGELIST))
    assert len(response.context["cl"].result_list) == 10


def test_bulk_shortlist(admin_client, programme, placements, application, committed):
    other = apply(programme, student(), placements[:1])
    mail.outbox.clear()
    with committed():
        response = _action(admin_client, "shortlist", [application, other])
    assert "Shortlist: 2 done." in messages_of(response)
    assert set(ProgrammeApplication.objects.values_list("status", flat=True)) == {
        Status.SHORTLISTED
    }
    assert len(mail.outbox) == 2


def test_not_selected_asks_to_confirm_first(admin_client, application):
    response = _action(admin_client, "not_selected", [application])
    assert "cannot be undone" in response.text
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    _action(admin_client, "not_selected", [application], apply="1")
    application.refresh_from_db()
    assert application.status == Status.NOT_SELECTED


def test_select_for_a_placement_shows_the_quota_then_selects(admin_client, shortlisted, placements):
    response = _action(admin_client, "select_for_placement", [shortlisted])
    assert "selected 0 of 1" in response.text
    response = _action(
        admin_client, "select_for_placement", [shortlisted], apply="1", placement=placements[0].pk
    )
    assert any("1 selected" in m for m in messages_of(response))
    shortlisted.refresh_from_db()
    assert shortlisted.selected_placement == placements[0]


def test_select_for_a_placement_counts_who_was_selected_in_a_filtered_list(
    admin_client, shortlisted, placements
):
    # Staff work from the list filtered to shortlisted applications; once selected, the
    # application leaves that filter, and the message still counts it.
    response = admin_client.post(
        reverse(CHANGELIST) + "?status__exact=shortlisted",
        {
            "action": "select_for_placement",
            ACTION_CHECKBOX_NAME: [shortlisted.pk],
            "apply": "1",
            "placement": placements[0].pk,
        },
        follow=True,
    )
    assert messages_of(response) == [f"1 selected for “{placements[0].title}”; the offer is sent."]


def test_select_for_a_placement_is_all_or_nothing(
    admin_client, programme, placements, shortlisted, staff
):
    second = programme_shortlist(application=apply(programme, student(), placements[:1]), by=staff)
    response = _action(
        admin_client,
        "select_for_placement",
        [shortlisted, second],
        apply="1",
        placement=placements[0].pk,  # one place for two
    )
    assert any("Nobody was selected" in m and "no place left" in m for m in messages_of(response))
    assert not ProgrammeApplication.objects.filter(status=Status.SELECTED).exists()


def test_select_first_choice_summarises(admin_client, programme, placements, shortlisted, staff):
    response = _action(admin_client, "select_first_choice", [shortlisted])
    (message,) = messages_of(response)
    assert message.startswith("1 selected, the offer is sent: ")
    assert "Genomics Data Intern (choice 1)" in message


def test_select_first_choice_refusal_is_reported(admin_client, application):
    response = _action(admin_client, "select_first_choice", [application])
    assert any("not shortlisted" in m for m in messages_of(response))


def test_the_programme_page_shows_placements_with_their_quota(
    admin_client, programme, placements, offer
):
    response = admin_client.get(reverse("admin:programmes_programme_change", args=[programme.pk]))
    assert response.status_code == 200
    assert "selected 1 of 1" in response.text
    response = admin_client.get(reverse("admin:programmes_placement_changelist"))
    assert "selected 1 of 1" in response.text
    assert "selected 0 of 2" in response.text


def test_the_application_page_is_read_only(admin_client, offer, staff):
    response = admin_client.get(
        reverse("admin:programmes_programmeapplication_change", args=[offer.pk])
    )
    assert response.status_code == 200
    assert 'name="status"' not in response.text
    assert offer.cv.download_url in response.text
