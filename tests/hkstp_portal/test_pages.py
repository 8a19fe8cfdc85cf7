import pytest
from django.db import OperationalError
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_home_shows_open_jobs_and_upcoming_events_only(client):
    open_job = factories.PublishedJobFactory(title="FPGA Engineer")
    factories.JobFactory(title="Secret Draft Role")
    factories.EventFactory(title="Top Talent Pass Recruitment Fair")

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert open_job.title.encode() in response.content
    assert b"Secret Draft Role" not in response.content
    assert b"Top Talent Pass Recruitment Fair" in response.content


def test_base_layout_has_landmarks_search_switcher_and_local_assets(client):
    content = client.get(reverse("home")).content.decode()

    for landmark in ("<header", "<main", "<footer", 'role="search"', 'class="skip-link"'):
        assert landmark in content
    assert 'name="language" value="zh-hant"' in content
    assert 'name="language" value="zh-hans"' in content
    assert "/static/css/portal.css" in content
    assert "cdn" not in content.lower()
    assert "https://" not in content.split("<body")[0]  # nothing fetched from elsewhere


def test_empty_portal_says_so(client):
    response = client.get(reverse("home"))
    assert b"No jobs are open right now" in response.content


@pytest.mark.parametrize(("prefix", "lang"), [("", "en-HK"), ("/zh-hant", "zh-Hant-HK"),
                                               ("/zh-hans", "zh-Hans")])  # fmt: skip
def test_each_language_has_its_own_address(client, prefix, lang):
    response = client.get(f"{prefix}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">'.encode() in response.content


def test_language_switcher_remembers_the_choice(client):
    response = client.post("/i18n/setlang/", {"language": "zh-hant", "next": "/jobs/"})

    assert response.status_code == 302
    assert response.url == "/zh-hant/jobs/"
    assert client.cookies["django_language"].value == "zh-hant"


PREFIXES = {"en": "", "zh-hant": "/zh-hant", "zh-hans": "/zh-hans"}


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("source", PREFIXES)
@pytest.mark.parametrize("target", PREFIXES)
def test_language_switcher_reaches_every_language_from_every_other(
    client, candidate, source, target, signed_in
):
    # The switcher posts to /i18n/setlang/, outside the language prefixes: Django looked
    # for /zh-hant/jobs/ among the English pages, found none, and sent the reader back.
    job = factories.PublishedJobFactory()
    if signed_in:
        client.force_login(candidate)
    for path in ["/", "/jobs/?q=robotics&sort=newest", f"/jobs/{job.pk}/", "/events/"]:
        page = f"{PREFIXES[source]}{path}"
        assert client.get(page).status_code == 200

        response = client.post(reverse("set_language"), {"language": target, "next": page})

        assert response.status_code == 302
        assert response.url == f"{PREFIXES[target]}{path}"
        assert client.cookies["django_language"].value == target


def test_language_switcher_on_a_page_not_found_keeps_the_address(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/zh-hant/no-such-page/?a=1"}
    )
    assert response.url == "/no-such-page/?a=1"


def test_language_switcher_does_not_leave_the_portal(client):
    response = client.post(
        reverse("set_language"),
        {"language": "zh-hans", "next": "https://elsewhere.example/zh-hant/jobs/"},
    )
    assert response.url == "/zh-hans/"


def test_job_search_box_finds_by_title_and_chinese_title(client):
    factories.PublishedJobFactory(title="Bioinformatics Scientist", title_zh="生物資訊科學家")
    factories.PublishedJobFactory(title="Compliance Analyst")

    english = client.get(reverse("jobs:job_list"), {"q": "bioinformatics"})
    chinese = client.get(reverse("jobs:job_list"), {"q": "生物資訊"})

    assert [j.title for j in english.context["result"].page] == ["Bioinformatics Scientist"]
    assert [j.title for j in chinese.context["result"].page] == ["Bioinformatics Scientist"]


def test_job_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    factories.PublishedJobFactory.create_batch(25)
    with django_assert_max_num_queries(3):
        client.get(reverse("jobs:job_list"))


def test_job_search_with_bad_input_is_a_page_not_an_error(client):
    response = client.get(
        reverse("jobs:job_list"), {"site": "the-moon", "page": "999", "q": "x" * 500}
    )
    assert response.status_code == 200


def test_only_published_jobs_have_a_page(client):
    draft = factories.JobFactory()
    published = factories.PublishedJobFactory()

    assert client.get(reverse("jobs:job_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("jobs:job_detail", args=[published.pk])).status_code == 200


def test_privacy_notice_is_public(client):
    response = client.get(reverse("privacy"))
    assert b"Personal Data (Privacy) Ordinance" in response.content


def test_admin_is_branded_and_open_to_staff_only(client, candidate):
    client.force_login(candidate)
    assert client.get("/admin/").status_code == 302

    client.force_login(factories.SuperuserFactory())
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"HKSTP Talent Portal" in response.content
    assert b"/static/css/admin.css" in response.content
    for path in ("/admin/accounts/user/", "/admin/companies/company/", "/admin/jobs/job/",
                 "/admin/events/event/", "/admin/talent/candidateprofile/"):  # fmt: skip
        assert client.get(path).status_code == 200, path


def test_salary_reads_the_same_in_every_language(client):
    factories.PublishedJobFactory(salary_min=38000, salary_max=55000)
    for prefix in ("", "/zh-hant", "/zh-hans"):
        assert "HK$38,000–55,000" in client.get(f"{prefix}/").content.decode()


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_the_home_page_is_served_from_cache_until_a_job_changes(
    client, committed, django_assert_num_queries
):
    with committed():
        factories.PublishedJobFactory(title="FPGA Engineer")
    client.get(reverse("home"))

    with django_assert_num_queries(0):  # no jobs, count or events read again
        assert b"FPGA Engineer" in client.get(reverse("home")).content

    with committed():
        factories.PublishedJobFactory(title="Photonics Scientist")
    content = client.get(reverse("home")).content
    assert b"Photonics Scientist" in content
    assert b"<strong>2</strong>" in content


def test_health_check_answers_when_the_database_and_redis_do(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.content == b"ok"  # hkstp_portal.health, before any other middleware
    assert "no-store" in response["Cache-Control"]


def test_health_check_says_unavailable_without_redis(client, settings):
    # A port nothing listens on: the connection is refused at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }

    response = client.get("/health/")
    assert response.status_code == 503
    assert response.content == b"cache unavailable"


def test_health_check_says_unavailable_without_the_database(client, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("hkstp_portal.health.connection", Unreachable())
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.content == b"database unavailable"


def test_health_check_answers_head_and_leaves_other_methods_to_the_site(client):
    assert client.head("/health/").status_code == 200
    for response in (client.post("/health/"), client.put("/health/")):
        assert response.content != b"ok"  # the normal chain: no such page
        assert response.status_code == 404
