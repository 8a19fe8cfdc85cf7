import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.models import ProgrammeApplication
from programmes.services import programme_offer_accept, programme_select, programme_shortlist
from tests import factories
from tests.helpers import csv_rows, messages_of
from tests.programmes.conftest import Status, apply, move_windows, student

# --- Public pages --------------------------------------------------------------------------


def test_the_list_shows_published_programmes_only(client, programme, placements):
    factories.ProgrammeFactory(name="Hidden round", is_published=False)
    response = client.get(reverse("programmes:programme_list"))
    assert response.status_code == 200
    assert "Global Internship Programme 2027" in response.text
    assert "Hidden round" not in response.text


def test_the_detail_page_groups_placements_by_cluster_and_shows_the_rules(
    client, programme, placements
):
    placements[1].description = "Build the feature store for our vision models."
    placements[1].save()
    response = client.get(programme.get_absolute_url())
    text = response.text
    assert response.status_code == 200
    assert text.index("Healthtech &amp; biotech") < text.index("Genomics Data Intern")
    assert text.index("AI &amp; robotics") < text.index("ML Platform Intern")
    assert "Build the feature store" in text
    assert placements[0].company.name in text
    assert "2 interns" in text
    assert "Graduating in 2027 or later." in text
    assert "Sign in to apply" in text


def test_the_detail_page_falls_back_to_english_in_chinese(client, programme, placements):
    programme.description = "Spend the summer at a park company."
    programme.description_zh = ""
    programme.save()
    response = client.get(f"/zh-hant{programme.get_absolute_url()}")
    assert "全球實習計劃 2027" in response.text
    assert "Spend the summer at a park company." in response.text


@pytest.mark.parametrize(
    ("windows", "words"),
    [
        ({"applications_open_at": 2, "applications_close_at": 10}, "Applications open"),
        ({"applications_open_at": -20, "applications_close_at": -1}, "Applications are closed"),
        ({}, "Apply now"),
    ],
)
def test_the_apply_button_follows_the_window(client, programme, applicant, windows, words):
    move_windows(programme, **windows)
    client.force_login(applicant)
    assert words in client.get(programme.get_absolute_url()).text


def test_the_apply_button_leads_an_applicant_to_their_application(client, application):
    client.force_login(application.candidate)
    response = client.get(application.programme.get_absolute_url())
    assert reverse("programmes:my_application", args=[application.pk]) in response.text


def test_an_unpublished_programme_is_404(client, db):
    programme = factories.ProgrammeFactory(is_published=False)
    assert (
        client.get(reverse("programmes:programme_detail", args=[programme.slug])).status_code == 404
    )


def test_the_detail_page_query_count_is_pinned(
    client, programme, placements, applicant, django_assert_num_queries
):
    factories.PlacementFactory.create_batch(5, programme=programme)
    client.force_login(applicant)
    # session, user, programme, placements with companies, the visitor's application
    # +1: the header's unread-notification count (cold cache in tests).
    with django_assert_num_queries(6):
        client.get(programme.get_absolute_url())


# --- Applying ------------------------------------------------------------------------------


def _apply_data(placements, cv, **overrides):
    data = {
        "choice_1": placements[1].pk,
        "choice_2": placements[0].pk,
        "choice_3": "",
        "university": "City University of Hong Kong",
        "country": "Hong Kong",
        "cv": cv.pk,
        "statement": "I build things.",
    }
    data.update(overrides)
    return data


def test_the_apply_form_is_prefilled_from_the_profile(client, programme, placements, applicant):
    profile = applicant.candidate_profile
    profile.residence = "hong_kong"
    profile.save()
    client.force_login(applicant)
    response = client.get(reverse("programmes:apply", args=[programme.slug]))
    assert response.status_code == 200
    assert 'value="The Hong Kong University of Science and Technology"' in response.text
    assert 'value="Hong Kong"' in response.text


def test_a_candidate_applies_through_the_form(client, programme, placements, applicant):
    client.force_login(applicant)
    cv = applicant.cvs.get()
    response = client.post(
        reverse("programmes:apply", args=[programme.slug]), _apply_data(placements, cv)
    )
    application = ProgrammeApplication.objects.get(candidate=applicant)
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:my_application", args=[application.pk])
    assert application.university == "City University of Hong Kong"
    assert [p.placement for p in application.preferences.all()] == [placements[1], placements[0]]


def test_duplicate_choices_get_a_form_error_and_nothing_is_saved(
    client, programme, placements, applicant
):
    client.force_login(applicant)
    cv = applicant.cvs.get()
    response = client.post(
        reverse("programmes:apply", args=[programme.slug]),
        _apply_data(placements, cv, choice_2=placements[1].pk),
    )
    assert response.status_code == 400
    assert "Choose each placement only once." in response.text
    assert not ProgrammeApplication.objects.exists()


def test_another_candidates_cv_is_not_a_valid_choice(client, programme, placements, applicant):
    client.force_login(applicant)
    response = client.post(
        reverse("programmes:apply", args=[programme.slug]),
        _apply_data(placements, factories.CVFactory()),
    )
    assert response.status_code == 400
    assert not ProgrammeApplication.objects.exists()


def test_an_ineligible_candidate_sees_why_before_filling_the_form(client, programme, placements):
    candidate = student(year=2024)
    client.force_login(candidate)
    response = client.get(reverse("programmes:apply", args=[programme.slug]))
    assert "graduating in 2027 or later" in response.text
    assert "Update my education" in response.text


def test_applying_after_the_window_redirects_with_the_reason(
    client, programme, placements, applicant
):
    move_windows(programme, applications_open_at=-20, applications_close_at=-1)
    client.force_login(applicant)
    response = client.get(reverse("programmes:apply", args=[programme.slug]))
    assert response.status_code == 302
    assert any("Applications closed on" in m for m in messages_of(response))


def test_applying_again_leads_to_the_first_application(client, application):
    client.force_login(application.candidate)
    response = client.get(reverse("programmes:apply", args=[application.programme.slug]))
    assert response["Location"] == reverse("programmes:my_application", args=[application.pk])


def test_employers_and_staff_cannot_apply(client, programme, employer, staff):
    for user in (employer, staff):
        client.force_login(user)
        assert client.get(reverse("programmes:apply", args=[programme.slug])).status_code == 403


# --- The candidate's pages -----------------------------------------------------------------


def test_my_applications_show_status_and_history_in_words(client, shortlisted):
    client.force_login(shortlisted.candidate)
    response = client.get(reverse("programmes:my_applications"))
    assert "You are on the shortlist." in response.text
    assert "You applied" in response.text
    assert "Shortlisted" in response.text


def test_my_applications_query_count_is_pinned(
    client, programme, placements, applicant, staff, django_assert_num_queries
):
    apply(programme, applicant, placements)
    for _ in range(3):
        other = factories.ProgrammeFactory(eligible_levels=[], earliest_graduation_year=None)
        programme_shortlist(
            application=apply(
                other, applicant, factories.PlacementFactory.create_batch(3, programme=other)
            ),
            by=staff,
        )
    client.force_login(applicant)
    # session, user, applications, their preferences, their history
    # +1: the header's unread-notification count (cold cache in tests).
    with django_assert_num_queries(6):
        client.get(reverse("programmes:my_applications"))


def test_the_candidate_changes_their_choices(client, application, placements):
    client.force_login(application.candidate)
    response = client.post(
        reverse("programmes:preferences", args=[application.pk]),
        {"choice_1": placements[2].pk, "choice_2": "", "choice_3": ""},
    )
    assert response.status_code == 302
    assert [p.placement for p in application.preferences.all()] == [placements[2]]


def test_changing_choices_after_the_window_is_refused(client, application, placements):
    move_windows(application.programme, applications_open_at=-20, applications_close_at=-1)
    client.force_login(application.candidate)
    response = client.post(
        reverse("programmes:preferences", args=[application.pk]),
        {"choice_1": placements[2].pk},
    )
    assert response.status_code == 302
    assert "Applications closed" in messages_of(response)[0]
    assert [p.placement for p in application.preferences.all()] == placements[:2]


def test_an_empty_first_choice_is_a_form_error(client, application, placements):
    client.force_login(application.candidate)
    response = client.post(reverse("programmes:preferences", args=[application.pk]), {})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert [p.placement for p in application.preferences.all()] == placements[:2]


def test_withdraw_asks_then_withdraws(client, application):
    client.force_login(application.candidate)
    url = reverse("programmes:withdraw", args=[application.pk])
    assert "Withdraw your application?" in client.get(url).text
    client.post(url)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


def test_the_candidate_accepts_the_offer(client, offer):
    client.force_login(offer.candidate)
    page = client.get(reverse("programmes:my_application", args=[offer.pk]))
    assert "Accept the offer" in page.text
    response = client.post(reverse("programmes:accept", args=[offer.pk]))
    assert messages_of(response) == ["Congratulations! You accepted the offer."]
    offer.refresh_from_db()
    assert offer.status == Status.ACCEPTED


def test_after_the_deadline_the_page_says_so_and_accepting_is_refused(client, offer):
    ProgrammeApplication.objects.filter(pk=offer.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=60)
    )
    move_windows(
        offer.programme,
        applications_open_at=-60,
        applications_close_at=-40,
        offers_by=-30,
        accept_by=-1,
    )
    client.force_login(offer.candidate)
    page = client.get(reverse("programmes:my_application", args=[offer.pk]))
    assert "that time has passed" in page.text
    assert "Accept the offer" not in page.text
    response = client.post(reverse("programmes:accept", args=[offer.pk]))
    assert "that time has passed" in messages_of(response)[0]
    offer.refresh_from_db()
    assert offer.status == Status.SELECTED


def test_the_candidate_declines_the_offer(client, offer):
    client.force_login(offer.candidate)
    url = reverse("programmes:decline", args=[offer.pk])
    assert "Decline your offer?" in client.get(url).text
    client.post(url)
    offer.refresh_from_db()
    assert offer.status == Status.DECLINED


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("my_application", "get"),
        ("preferences", "post"),
        ("withdraw", "get"),
        ("withdraw", "post"),
        ("accept", "post"),
        ("decline", "get"),
        ("decline", "post"),
    ],
)
def test_another_candidate_gets_404_and_anonymous_visitors_log_in(client, offer, name, method):
    url = reverse(f"programmes:{name}", args=[offer.pk])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(student())
    assert getattr(client, method)(url).status_code == 404
    offer.refresh_from_db()
    assert offer.status == Status.SELECTED


def test_state_changes_need_post(client, offer):
    client.force_login(offer.candidate)
    assert client.get(reverse("programmes:accept", args=[offer.pk])).status_code == 405
    assert client.get(reverse("programmes:preferences", args=[offer.pk])).status_code == 405


# --- Companies -----------------------------------------------------------------------------


def test_the_company_sees_its_shortlisted_candidates_with_rank_and_cv(
    client, shortlisted, placements, member, programme
):
    submitted = apply(programme, student(name="Not Yet Shortlisted"), placements[:1])
    client.force_login(member.user)
    response = client.get(reverse("programmes:employer_programme", args=[programme.slug]))
    assert response.status_code == 200
    assert shortlisted.candidate.name in response.text
    assert "Choice 1" in response.text
    assert shortlisted.cv.download_url in response.text
    assert submitted.candidate.name not in response.text
    assert "selected 0 of 1" in response.text
    assert "ML Platform Intern" not in response.text  # another company's placement


def test_the_companys_programme_list(client, shortlisted, member):
    client.force_login(member.user)
    response = client.get(reverse("programmes:employer_programmes"))
    assert "Global Internship Programme 2027" in response.text


def test_the_company_page_query_count_is_pinned(
    client, programme, placements, member, staff, django_assert_num_queries
):
    for _ in range(4):
        programme_shortlist(application=apply(programme, student(), placements[:2]), by=staff)
    client.force_login(member.user)
    # session, user, membership, programme, placements, candidates (with profile and CV)
    # +1: the header's unread-notification count (cold cache in tests).
    with django_assert_num_queries(7):
        client.get(reverse("programmes:employer_programme", args=[programme.slug]))


def test_another_company_gets_404(client, shortlisted, programme, placements):
    outsider = factories.CompanyMemberFactory()
    preference = shortlisted.preferences.get(placement=placements[0])
    client.force_login(outsider.user)
    assert (
        client.get(reverse("programmes:employer_programme", args=[programme.slug])).status_code
        == 404
    )
    response = client.post(
        reverse("programmes:interview_record", args=[preference.pk]),
        {f"p{preference.pk}-interview_outcome": "recommended"},
    )
    assert response.status_code == 404
    preference.refresh_from_db()
    assert preference.interview_outcome == ""


def test_a_company_member_records_an_interview(client, shortlisted, placements, member):
    preference = shortlisted.preferences.get(placement=placements[0])
    client.force_login(member.user)
    response = client.post(
        reverse("programmes:interview_record", args=[preference.pk]),
        {
            f"p{preference.pk}-interview_outcome": "recommended",
            f"p{preference.pk}-interview_note": "Clear thinker.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#candidate-{preference.pk}")
    preference.refresh_from_db()
    assert (preference.interview_outcome, preference.interview_note) == (
        "recommended",
        "Clear thinker.",
    )


def test_an_unshortlisted_candidates_preference_is_404(client, application, placements, member):
    preference = application.preferences.get(placement=placements[0])
    client.force_login(member.user)
    response = client.post(
        reverse("programmes:interview_record", args=[preference.pk]),
        {f"p{preference.pk}-interview_outcome": "recommended"},
    )
    assert response.status_code == 404


def test_the_employer_pages_need_a_company(client, programme, candidate):
    assert client.get(reverse("programmes:employer_programmes")).status_code == 302
    client.force_login(candidate)
    assert client.get(reverse("programmes:employer_programmes")).status_code == 403


# --- Staff report --------------------------------------------------------------------------


@pytest.fixture
def round_with_outcomes(programme, placements, staff):
    hkust = apply(programme, student(), [placements[0], placements[1]])
    programme_select(
        application=programme_shortlist(application=hkust, by=staff),
        placement=placements[0],
        by=staff,
    )
    programme_offer_accept(application=hkust, by=hkust.candidate)
    apply(programme, student(), [placements[0]], university="  hkust ")
    overseas = apply(
        programme,
        student(),
        [placements[1]],
        university="Imperial College London",
        country="United Kingdom",
    )
    programme_shortlist(application=overseas, by=staff)
    return programme


def test_the_report_counts_by_university_country_and_placement(
    client, superuser, round_with_outcomes, placements
):
    client.force_login(superuser)
    response = client.get(reverse("programmes:report", args=[round_with_outcomes.slug]))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.totals == {
        "applications": 3,
        "shortlisted": 2,
        "selected": 1,
        "accepted": 1,
        "withdrawn": 0,
    }
    universities = {row["key"]: row for row in report.by_university}
    assert universities["hkust"]["applications"] == 2  # "HKUST" and "  hkust " are one
    assert universities["hkust"]["accepted"] == 1
    countries = {row["label"]: row["applications"] for row in report.by_country}
    assert countries == {"Hong Kong": 2, "United Kingdom": 1}
    by_placement = {p.title: p for p in report.placements}
    assert by_placement["Genomics Data Intern"].first_choices == 2
    assert by_placement["Genomics Data Intern"].taken == 1
    assert by_placement["ML Platform Intern"].all_choices == 2
    assert 'role="img"' in response.text
    assert "1 of 1" in response.text


def test_the_report_csv(client, superuser, round_with_outcomes):
    client.force_login(superuser)
    response = client.get(reverse("programmes:report_csv", args=[round_with_outcomes.slug]))
    rows = csv_rows(response)  # UTF-8 with a byte-order mark, for Excel
    assert rows[0][:3] == ["section", "name", "applications"]
    assert ["total", "Global Internship Programme 2027", "3", "2", "1", "1"] in rows
    assert ["country", "United Kingdom", "1", "1", "0", "0"] in rows


def test_the_report_csv_keeps_chinese_names_and_never_carries_a_formula(
    client, superuser, programme, placements
):
    apply(programme, student(), [placements[0]], university="香港大學", country="中國香港")
    apply(programme, student(), [placements[0]], university="=HYPERLINK(1)", country="+852")
    # Typed with a Chinese input method: Excel in a Chinese locale evaluates these too.
    apply(programme, student(), [placements[0]], university="＝HYPERLINK(2)", country="＠A1")
    client.force_login(superuser)
    rows = csv_rows(client.get(reverse("programmes:report_csv", args=[programme.slug])))
    assert ["university", "香港大學", "1", "0", "0", "0"] in rows
    assert ["country", "中國香港", "1", "0", "0", "0"] in rows
    assert ["university", "'=HYPERLINK(1)", "1", "0", "0", "0"] in rows
    assert ["country", "'+852", "1", "0", "0", "0"] in rows
    assert ["university", "'＝HYPERLINK(2)", "1", "0", "0", "0"] in rows
    assert ["country", "'＠A1", "1", "0", "0", "0"] in rows


def test_the_report_query_count_does_not_grow(
    client, superuser, round_with_outcomes, placements, django_assert_num_queries
):
    client.force_login(superuser)
    url = reverse("programmes:report", args=[round_with_outcomes.slug])
    # session, user, programme, totals, universities, countries, placements
    # +1: the header's unread-notification count (cold cache in tests).
    with django_assert_num_queries(8):
        client.get(url)
    for index in range(5):
        apply(round_with_outcomes, student(), placements, university=f"University {index}")
    with django_assert_num_queries(7):  # the unread count is cached by now
        client.get(url)


def test_the_report_is_for_staff_only(client, programme, candidate, employer, staff):
    url = reverse("programmes:report", args=[programme.slug])
    csv_url = reverse("programmes:report_csv", args=[programme.slug])
    assert client.get(url).status_code == 302  # log in first
    for user in (candidate, employer, staff):  # plain staff lack the view permission
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.get(csv_url).status_code == 403


def test_the_report_of_an_unknown_programme_is_404(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("programmes:report", args=["no-such-round"])).status_code == 404


def test_applying_over_the_limit_is_429_and_saves_nothing(
    client, programme, placements, applicant, settings
):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "programme_apply": "1/d"}
    client.force_login(applicant)
    url = reverse("programmes:apply", args=[programme.slug])
    cv = applicant.cvs.get()
    bad = {**_apply_data(placements, cv), "university": ""}
    assert client.post(url, bad).status_code == 400  # a form error, counted

    response = client.post(url, _apply_data(placements, cv))

    assert response.status_code == 429
    assert not ProgrammeApplication.objects.filter(candidate=applicant).exists()


def test_the_apply_page_says_which_cv_the_companies_see(client, programme, placements, applicant):
    client.force_login(applicant)
    response = client.get(reverse("programmes:apply", args=[programme.slug]))
    assert (
        "If you are shortlisted, the companies of the placements you chose see only this CV, "
        "not your other CVs." in response.text
    )
