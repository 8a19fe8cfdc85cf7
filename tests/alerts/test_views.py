"""The saved-search pages through the client: saving from the search page, the list,
rename, frequency, delete, and who may see what."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from alerts.models import SavedSearch
from tests import factories
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db

LIST = reverse("alerts:saved_search_list")
NEW = reverse("alerts:saved_search_create")
SEARCH = reverse("jobs:job_list")


def edit_url(saved):
    return reverse("alerts:saved_search_edit", args=[saved.pk])


def delete_url(saved):
    return reverse("alerts:saved_search_delete", args=[saved.pk])


# -- the search page offers to save the search -------------------------------------------


def test_the_search_page_offers_a_candidate_the_form_with_a_default_name(client, candidate):
    client.force_login(candidate)
    page = client.get(
        SEARCH, {"q": "python", "site": "science_park", "employment_type": "full_time", "page": "2"}
    )
    content = page.content.decode()
    assert 'action="/me/searches/new/"' in content
    assert 'value="python · Hong Kong Science Park, Pak Shek Kok · Full-time"' in content
    assert (
        'name="query" value="q=python&amp;site=science_park&amp;employment_type=full_time"'
        in content
    )
    assert '<option value="daily" selected>' in content
    assert 'href="#save-search"' in content


def test_the_search_page_offers_anonymous_visitors_a_sign_in_that_comes_back(client):
    content = client.get(SEARCH, {"q": "python", "site": "science_park"}).content.decode()
    login = reverse("account_login")
    assert f'href="{login}?next={quote("/jobs/?q=python&site=science_park", safe="/")}"' in content
    assert "Sign in to get alerts" in content
    assert 'action="/me/searches/new/"' not in content


def test_employers_are_not_offered_saved_searches(client, employer):
    client.force_login(employer)
    content = client.get(SEARCH, {"q": "python"}).content.decode()
    assert "save-search" not in content


# -- saving -----------------------------------------------------------------------------


def test_save_a_search_and_go_back_to_it(client, candidate):
    client.force_login(candidate)
    response = client.post(
        NEW,
        {
            "query": "site=science_park&q=python",
            "name": "Python at the park",
            "frequency": "weekly",
        },
    )
    saved = SavedSearch.objects.get(user=candidate)
    assert response.status_code == 302
    assert response.url == "/jobs/?q=python&site=science_park"
    assert "Search saved as “Python at the park”" in messages_of(response)[0]
    assert (saved.name, saved.frequency, saved.sites) == (
        "Python at the park",
        "weekly",
        ["science_park"],
    )


def test_the_save_page_shows_the_form_for_a_search(client, candidate):
    client.force_login(candidate)
    response = client.get(NEW, {"q": "機器學習", "salary": "40000"})
    assert response.status_code == 200
    assert response.context["form"].initial["name"] == "機器學習 · HK$40,000+"
    assert (
        response.context["form"].initial["query"]
        == "q=%E6%A9%9F%E5%99%A8%E5%AD%B8%E7%BF%92&salary=40000"
    )


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"query": "q=python", "name": "", "frequency": "daily"}, "This field is required."),
        ({"query": "q=python", "name": "x", "frequency": "hourly"}, "Select a valid choice."),
        ({"query": "q=the", "name": "x", "frequency": "daily"}, "only very common words"),
    ],
)
def test_bad_saves_show_the_error_and_save_nothing(client, candidate, data, error):
    client.force_login(candidate)
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_the_twenty_first_search_is_refused(client, candidate):
    for i in range(SavedSearch.MAX_PER_USER):
        factories.SavedSearchFactory(user=candidate, query=f"q=skill{i}")
    client.force_login(candidate)
    response = client.post(NEW, {"query": "q=rust", "name": "Rust", "frequency": "daily"})
    assert response.status_code == 400
    assert "the most you can have" in response.content.decode()
    assert SavedSearch.objects.count() == SavedSearch.MAX_PER_USER


def test_saving_the_same_search_twice_is_refused(client, candidate):
    factories.SavedSearchFactory(user=candidate, query="q=python", name="First")
    client.force_login(candidate)
    response = client.post(
        NEW, {"query": "q=python&sort=newest", "name": "Second", "frequency": "daily"}
    )
    assert "already saved this search as “First”" in response.content.decode()
    assert SavedSearch.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_sign_in_and_come_back_to_the_search(client, method):
    data = {"query": "q=python&site=science_park", "name": "x", "frequency": "daily"}
    if method == "get":
        response = client.get(NEW, {"q": "python", "site": "science_park"})
    else:
        response = client.post(NEW, data)
    assert response.status_code == 302
    assert (
        response.url
        == f"{reverse('account_login')}?next={quote('/jobs/?q=python&site=science_park', safe='/')}"
    )
    assert not SavedSearch.objects.exists()


def test_employers_and_staff_cannot_save_searches(client, employer, staff):
    for user in (employer, staff):
        client.force_login(user)
        response = client.post(NEW, {"query": "q=python", "name": "x", "frequency": "daily"})
        assert response.status_code == 403
    assert not SavedSearch.objects.exists()


# -- the list, edit and delete ----------------------------------------------------------


def test_the_list_shows_each_search_with_a_link_that_reruns_it(client, candidate):
    saved = factories.SavedSearchFactory(
        user=candidate, query="q=python&cluster=fintech&salary=60000", name="Fintech Python"
    )
    factories.SavedSearchFactory(user=candidate, query="", name="Everything", frequency="paused")
    factories.SavedSearchFactory(query="q=secret", name="Someone else's")
    client.force_login(candidate)
    content = client.get(LIST).content.decode()
    assert "Fintech Python" in content
    assert 'href="/jobs/?q=python&amp;cluster=fintech&amp;salary=60000"' in content
    assert "HK$60,000+" in content
    assert "Everything" in content
    assert "<strong>Paused</strong>" in content
    assert "Someone else" not in content
    assert f'action="{edit_url(saved)}"' in content


def test_the_list_is_empty_at_first(client, candidate):
    client.force_login(candidate)
    assert "You have no saved searches yet" in client.get(LIST).content.decode()


def test_the_list_runs_a_fixed_number_of_queries(client, candidate, django_assert_num_queries):
    client.force_login(candidate)
    factories.SavedSearchFactory(user=candidate, query="q=python")
    client.get(LIST)
    with django_assert_num_queries(3):  # session, user, saved searches with their counts
        client.get(LIST)
    for i in range(8):
        saved = factories.SavedSearchFactory(user=candidate, query=f"q=skill{i}&site=science_park")
        from alerts.services import saved_search_hits_record

        saved_search_hits_record(factories.PublishedJobFactory(title=f"skill{i} engineer").pk)
    with django_assert_num_queries(3):
        response = client.get(LIST)
    assert saved.name in response.content.decode()
    assert "1 new job found" in response.content.decode()


def test_rename_and_pause_from_the_list(client, candidate):
    saved = factories.SavedSearchFactory(user=candidate, name="Python")
    client.force_login(candidate)
    response = client.post(edit_url(saved), {"name": "Python, paused", "frequency": "paused"})
    assert response.status_code == 302
    assert response.url == LIST
    assert messages_of(response) == ["Your saved search is updated."]
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Python, paused", "paused")


def test_a_bad_edit_shows_the_error_and_changes_nothing(client, candidate):
    saved = factories.SavedSearchFactory(user=candidate, name="Python")
    factories.SavedSearchFactory(user=candidate, name="Java", query="q=java")
    client.force_login(candidate)
    for data, error in (
        ({"name": "java", "frequency": "daily"}, "called “java”"),
        ({"name": "", "frequency": "daily"}, "This field is required."),
        ({"name": "Other", "frequency": "sometimes"}, "Select a valid choice."),
    ):
        response = client.post(edit_url(saved), data)
        assert response.status_code == 400
        assert error in response.content.decode()
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Python", "daily")


def test_the_edit_page_shows_the_form(client, candidate):
    saved = factories.SavedSearchFactory(user=candidate, name="Python", frequency="instant")
    client.force_login(candidate)
    response = client.get(edit_url(saved))
    assert response.status_code == 200
    assert response.context["form"].initial == {"name": "Python", "frequency": "instant"}


def test_delete(client, candidate):
    saved = factories.SavedSearchFactory(user=candidate, name="Python")
    client.force_login(candidate)
    response = client.post(delete_url(saved))
    assert response.status_code == 302
    assert messages_of(response) == ["“Python” is deleted."]
    assert not SavedSearch.objects.exists()
    assert client.get(delete_url(saved)).status_code == 405  # state changes only on POST


# -- permissions --------------------------------------------------------------------------


def test_another_candidates_search_is_a_404(client, candidate):
    theirs = factories.SavedSearchFactory(name="Theirs")
    client.force_login(candidate)
    assert client.get(edit_url(theirs)).status_code == 404
    assert client.post(edit_url(theirs), {"name": "Mine", "frequency": "daily"}).status_code == 404
    assert client.post(delete_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Theirs"


def test_employers_get_403(client, employer):
    saved = factories.SavedSearchFactory()
    client.force_login(employer)
    for url in (LIST, edit_url(saved)):
        assert client.get(url).status_code == 403
    assert client.post(delete_url(saved)).status_code == 403
    assert SavedSearch.objects.exists()


def test_anonymous_visitors_go_to_the_login_page(client):
    saved = factories.SavedSearchFactory()
    for url in (LIST, edit_url(saved)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    assert client.post(delete_url(saved)).status_code == 302
    assert SavedSearch.objects.exists()


def test_the_dashboard_and_the_account_menu_link_to_saved_searches(client, candidate):
    client.force_login(candidate)
    content = client.get(reverse("talent:dashboard")).content.decode()
    assert content.count(f'href="{LIST}"') == 2  # the dashboard card and the account menu
