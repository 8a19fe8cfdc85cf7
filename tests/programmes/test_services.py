import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format

from hkstp_portal.errors import DomainError
from hkstp_portal.vocabulary import Education
from programmes.models import PlacementPreference, ProgrammeApplication
from programmes.selectors import offer_reply_by
from programmes.services import (
    AlreadyApplied,
    SelectionRefused,
    programme_application_withdraw,
    programme_interview_record,
    programme_not_select,
    programme_offer_accept,
    programme_offer_decline,
    programme_offers_expire,
    programme_preferences_update,
    programme_select,
    programme_select_first_choice,
    programme_shortlist,
)
from programmes.tasks import programme_offers_expire_due
from tests import factories
from tests.programmes.conftest import Status, apply, move_windows, student

# --- Applying ------------------------------------------------------------------------------


def test_a_candidate_applies_with_ranked_placements(programme, placements, applicant, committed):
    with committed():
        application = apply(programme, applicant, [placements[2], placements[0]])
    assert application.status == Status.SUBMITTED
    assert [(p.rank, p.placement) for p in application.preferences.all()] == [
        (1, placements[2]),
        (2, placements[0]),
    ]
    assert application.cv.owner == applicant
    assert [change.to_status for change in application.history.all()] == [Status.SUBMITTED]
    (email,) = mail.outbox
    assert email.to == [applicant.email]
    assert "Payments Risk Intern" in email.body
    assert f"/me/programmes/{application.pk}/" in email.body


@pytest.mark.parametrize(
    ("windows", "message"),
    [
        ({"applications_open_at": 2, "applications_close_at": 10}, "Applications open on"),
        (
            {"applications_open_at": -20, "applications_close_at": -1},
            "Applications closed on",
        ),
    ],
)
def test_applying_outside_the_window_is_refused(programme, placements, applicant, windows, message):
    move_windows(programme, **windows)
    with pytest.raises(DomainError, match=message):
        apply(programme, applicant, placements[:1])
    assert not ProgrammeApplication.objects.exists()


def test_an_unpublished_programme_takes_no_application(programme, placements, applicant):
    programme.is_published = False
    programme.save()
    with pytest.raises(DomainError, match="not taking applications"):
        apply(programme, applicant, placements[:1])


def test_a_candidate_without_education_is_told_to_add_it(programme, placements):
    candidate = factories.CandidateFactory()
    factories.CVFactory(owner=candidate)
    with pytest.raises(DomainError, match="Add your studies"):
        apply(programme, candidate, placements[:1])
    assert not ProgrammeApplication.objects.exists()


@pytest.mark.parametrize(
    ("level", "year"),
    [(Education.PHD, 2028), (Education.BACHELOR, 2025), (Education.ASSOCIATE, 2026)],
)
def test_an_ineligible_candidate_is_refused_with_the_rule(programme, placements, level, year):
    candidate = student(level=level, year=year)
    with pytest.raises(DomainError, match="Bachelor's degree, Master's degree, graduating in 2027"):
        apply(programme, candidate, placements[:1])
    assert not ProgrammeApplication.objects.exists()


def test_one_education_entry_must_meet_both_rules(programme, placements):
    # A 2018 bachelor's and a PhD expected in 2028: neither is an eligible, late-enough degree.
    candidate = student(level=Education.BACHELOR, year=2018)
    factories.CandidateProfileFactory(user=candidate).education.create(
        institution="HKU", level=Education.PHD, graduation_year=2028
    )
    with pytest.raises(DomainError, match="does not match"):
        apply(programme, candidate, placements[:1])


def test_a_programme_without_rules_takes_anyone(programme, placements):
    programme.eligible_levels = []
    programme.earliest_graduation_year = None
    programme.save()
    candidate = factories.CandidateFactory()
    factories.CVFactory(owner=candidate)
    assert apply(programme, candidate, placements[:1]).pk


def test_applying_twice_is_refused_and_points_at_the_first(application, programme, placements):
    with pytest.raises(AlreadyApplied) as refused:
        apply(programme, application.candidate, placements[2:])
    assert refused.value.application == application
    assert ProgrammeApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("choose", "message"),
    [
        (lambda placements, other: [], "at least one"),
        (lambda placements, other: [*placements, other], "at most three"),
        (lambda placements, other: [placements[0], placements[0]], "only once"),
        (lambda placements, other: [placements[0], other], "this programme's list"),
    ],
    ids=["none", "four", "duplicate", "other-programme"],
)
def test_bad_placement_choices_are_refused_and_change_nothing(
    programme, placements, applicant, choose, message
):
    other = factories.PlacementFactory()  # in another programme
    with pytest.raises(DomainError, match=message):
        apply(programme, applicant, choose(placements, other))
    assert not ProgrammeApplication.objects.exists()
    assert not PlacementPreference.objects.exists()


def test_a_missing_placement_id_is_refused(programme, placements, applicant):
    with pytest.raises(DomainError, match="this programme's list"):
        apply(programme, applicant, [], placement_ids=[placements[0].pk, 999_999])


def test_someone_elses_cv_is_refused(programme, placements, applicant):
    stranger_cv = factories.CVFactory()
    with pytest.raises(DomainError, match="your own CVs"):
        apply(programme, applicant, placements[:1], cv=stranger_cv)
    assert not ProgrammeApplication.objects.exists()


def test_a_cv_is_required(programme, placements, applicant):
    with pytest.raises(DomainError, match="Upload a CV"):
        apply(programme, applicant, placements[:1], cv=None)


def test_university_and_country_are_required(programme, placements, applicant):
    with pytest.raises(DomainError, match="university"):
        apply(programme, applicant, placements[:1], university="  ")
    with pytest.raises(DomainError, match="country"):
        apply(programme, applicant, placements[:1], country="")


def test_only_candidates_apply(programme, placements, employer):
    with pytest.raises(DomainError, match="Only candidates"):
        apply(programme, employer, placements[:1], cv=factories.CVFactory())


# --- Changing choices and withdrawing ------------------------------------------------------


def test_the_candidate_reranks_while_the_window_is_open_and_interviews_stay(
    shortlisted, placements, member
):
    first = shortlisted.preferences.get(placement=placements[0])
    programme_interview_record(
        preference=first, by=member.user, outcome="recommended", note="Strong in Python"
    )
    programme_preferences_update(
        application=shortlisted,
        by=shortlisted.candidate,
        placement_ids=[placements[2].pk, placements[0].pk],
    )
    preferences = list(shortlisted.preferences.all())
    assert [(p.rank, p.placement) for p in preferences] == [(1, placements[2]), (2, placements[0])]
    assert preferences[1].interview_outcome == "recommended"
    assert preferences[1].interview_note == "Strong in Python"


def test_choices_cannot_change_after_the_window_or_a_decision(application, placements, staff):
    with pytest.raises(DomainError, match="Only the candidate"):
        programme_preferences_update(
            application=application, by=student(), placement_ids=[placements[2].pk]
        )
    with pytest.raises(DomainError, match="at most three"):
        programme_preferences_update(
            application=application,
            by=application.candidate,
            placement_ids=[p.pk for p in placements] + [factories.PlacementFactory().pk],
        )
    move_windows(application.programme, applications_open_at=-20, applications_close_at=-1)
    with pytest.raises(DomainError, match="Applications closed"):
        programme_preferences_update(
            application=application, by=application.candidate, placement_ids=[placements[2].pk]
        )
    programme_not_select(application=application, by=staff)
    with pytest.raises(DomainError, match="decision"):
        programme_preferences_update(
            application=application, by=application.candidate, placement_ids=[placements[2].pk]
        )
    assert [p.placement for p in application.preferences.all()] == placements[:2]


def test_withdrawing_before_selection_only(application, offer):
    with pytest.raises(DomainError, match="no longer be withdrawn"):
        programme_application_withdraw(application=offer, by=offer.candidate)


def test_a_candidate_withdraws_their_own_application(application):
    with pytest.raises(DomainError, match="Only the candidate"):
        programme_application_withdraw(application=application, by=student())
    programme_application_withdraw(application=application, by=application.candidate)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    with pytest.raises(DomainError, match="no longer be withdrawn"):
        programme_application_withdraw(application=application, by=application.candidate)


# --- Staff decisions -----------------------------------------------------------------------


def test_shortlisting_emails_the_candidate_in_their_language(
    programme, placements, staff, committed
):
    candidate = student(language="zh-hant")
    application = apply(programme, candidate, placements[:1])
    mail.outbox.clear()
    with committed():
        programme_shortlist(application=application, by=staff)
    (email,) = mail.outbox
    assert email.to == [candidate.email]
    assert "全球實習計劃 2027" in email.subject
    assert f"/zh-hant/me/programmes/{application.pk}/" in email.body
    assert "香港科技園人才平台" in email.body


def test_only_staff_decide(application, member):
    for service in (programme_shortlist, programme_not_select):
        with pytest.raises(DomainError, match="Only HKSTP staff"):
            service(application=application, by=member.user)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_shortlisting_twice_or_after_a_decision_is_refused(shortlisted, staff):
    with pytest.raises(DomainError, match="Only a submitted application"):
        programme_shortlist(application=shortlisted, by=staff)
    programme_not_select(application=shortlisted, by=staff)
    with pytest.raises(DomainError, match="Only a submitted or shortlisted"):
        programme_not_select(application=shortlisted, by=staff)


def test_not_selected_is_emailed(application, staff, committed):
    with committed():
        programme_not_select(application=application, by=staff)
    (email,) = mail.outbox
    assert email.to == [application.candidate.email]
    assert "not selected" in email.body
    assert application.history.last().to_status == Status.NOT_SELECTED


def test_selecting_makes_an_offer_and_tells_the_candidate_and_the_company(
    shortlisted, placements, staff, member, committed
):
    chinese = factories.CompanyMemberFactory(
        company=placements[0].company, user=factories.EmployerFactory(language="zh-hans")
    )
    with committed():
        offer = programme_select(application=shortlisted, placement=placements[0], by=staff)
    assert offer.status == Status.SELECTED
    assert offer.selected_placement == placements[0]
    assert offer.history.last().placement == placements[0]
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [shortlisted.candidate.email, member.user.email, chinese.user.email]
    )
    to_candidate = next(m for m in mail.outbox if m.to == [shortlisted.candidate.email])
    assert "Genomics Data Intern" in to_candidate.body
    deadline = date_format(timezone.localtime(offer.programme.accept_by), "j M Y, H:i")
    assert f"by {deadline} (Hong Kong time)" in to_candidate.body
    to_chinese = next(m for m in mail.outbox if m.to == [chinese.user.email])
    assert "/zh-hans/employer/programmes/gip-2027/" in to_chinese.body


def test_selecting_someone_not_shortlisted_is_refused(application, placements, staff):
    with pytest.raises(DomainError, match="not shortlisted"):
        programme_select(application=application, placement=placements[0], by=staff)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_selecting_for_a_placement_they_did_not_choose_is_refused(shortlisted, placements, staff):
    with pytest.raises(DomainError, match="did not choose"):
        programme_select(application=shortlisted, placement=placements[2], by=staff)
    with pytest.raises(DomainError, match="did not choose"):
        programme_select(application=shortlisted, placement=factories.PlacementFactory(), by=staff)


def test_a_full_placement_refuses_another_selection(programme, placements, offer, staff):
    other = programme_shortlist(application=apply(programme, student(), placements[:1]), by=staff)
    with pytest.raises(DomainError, match="no place left"):
        programme_select(application=other, placement=placements[0], by=staff)
    other.refresh_from_db()
    assert other.status == Status.SHORTLISTED
    assert other.selected_placement is None


def test_a_declined_offer_frees_the_place(programme, placements, offer, staff):
    other = programme_shortlist(application=apply(programme, student(), placements[:1]), by=staff)
    programme_offer_decline(application=offer, by=offer.candidate)
    programme_select(application=other, placement=placements[0], by=staff)
    other.refresh_from_db()
    assert other.status == Status.SELECTED


# --- Bulk: best choice with a place left ---------------------------------------------------


def test_first_choice_bulk_takes_the_best_choice_with_a_place(programme, placements, staff):
    # placements[0] has one place: the older application gets it, the next its second choice.
    first = programme_shortlist(
        application=apply(programme, student(), [placements[0], placements[1]]), by=staff
    )
    second = programme_shortlist(
        application=apply(programme, student(), [placements[0], placements[1]]), by=staff
    )
    chosen = programme_select_first_choice(applications=[second, first], by=staff)
    assert [(s.application.pk, s.placement, s.rank) for s in chosen] == [
        (first.pk, placements[0], 1),
        (second.pk, placements[1], 2),
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.selected_placement) == (Status.SELECTED, placements[0])
    assert (second.status, second.selected_placement) == (Status.SELECTED, placements[1])


def test_first_choice_bulk_skips_a_placement_that_did_not_recommend(
    shortlisted, placements, staff, member
):
    preference = shortlisted.preferences.get(placement=placements[0])
    programme_interview_record(preference=preference, by=member.user, outcome="not_recommended")
    (selection,) = programme_select_first_choice(applications=[shortlisted], by=staff)
    assert selection.placement == placements[1]


def test_first_choice_bulk_is_all_or_nothing(programme, placements, staff, committed):
    placed = programme_shortlist(application=apply(programme, student(), [placements[1]]), by=staff)
    stuck = programme_shortlist(application=apply(programme, student(), [placements[0]]), by=staff)
    submitted = apply(programme, student(), [placements[2]])
    # placements[0] is full already.
    holder = programme_shortlist(application=apply(programme, student(), [placements[0]]), by=staff)
    programme_select(application=holder, placement=placements[0], by=staff)
    mail.outbox.clear()
    with committed(), pytest.raises(SelectionRefused) as refused:
        programme_select_first_choice(applications=[placed, stuck, submitted], by=staff)
    assert len(refused.value.problems) == 2
    assert "none of their placements has a place left" in str(refused.value)
    assert "not shortlisted" in str(refused.value)
    placed.refresh_from_db()
    assert placed.status == Status.SHORTLISTED
    assert mail.outbox == []


# --- Company interviews --------------------------------------------------------------------


def test_only_the_placements_company_records_an_interview(shortlisted, placements, member):
    preference = shortlisted.preferences.get(placement=placements[0])
    stranger = factories.CompanyMemberFactory()
    with pytest.raises(DomainError, match="not in this company's team"):
        programme_interview_record(preference=preference, by=stranger.user, outcome="recommended")
    with pytest.raises(DomainError, match="from the list"):
        programme_interview_record(preference=preference, by=member.user, outcome="maybe")
    with pytest.raises(DomainError, match="2,000"):
        programme_interview_record(
            preference=preference, by=member.user, outcome="recommended", note="x" * 2001
        )
    programme_interview_record(preference=preference, by=member.user, outcome="recommended")
    preference.refresh_from_db()
    assert preference.interview_outcome == "recommended"


def test_no_interview_before_the_shortlist(application, placements, member):
    preference = application.preferences.get(placement=placements[0])
    with pytest.raises(DomainError, match="not on the shortlist"):
        programme_interview_record(preference=preference, by=member.user, outcome="recommended")


# --- Offers --------------------------------------------------------------------------------


def test_accepting_an_offer_tells_the_candidate_and_the_company(offer, member, committed):
    mail.outbox.clear()
    with committed():
        programme_offer_accept(application=offer, by=offer.candidate)
    offer.refresh_from_db()
    assert offer.status == Status.ACCEPTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [offer.candidate.email, member.user.email]
    )
    to_company = next(m for m in mail.outbox if m.to == [member.user.email])
    assert offer.candidate.email in to_company.body  # so they can get in touch


def test_only_the_candidate_answers_and_only_an_open_offer(offer, shortlisted):
    with pytest.raises(DomainError, match="Only the candidate"):
        programme_offer_accept(application=offer, by=student())
    programme_offer_accept(application=offer, by=offer.candidate)
    with pytest.raises(DomainError, match="no open offer"):
        programme_offer_decline(application=offer, by=offer.candidate)


def test_accepting_after_the_deadline_is_refused(offer):
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
    with pytest.raises(DomainError, match="had to be accepted by"):
        programme_offer_accept(application=offer, by=offer.candidate)
    offer.refresh_from_db()
    assert offer.status == Status.SELECTED


def test_a_late_offer_gets_as_long_as_the_first_round(offer):
    programme = offer.programme
    offer.status_changed_at = programme.offers_by + datetime.timedelta(days=10)
    assert offer_reply_by(offer) == offer.status_changed_at + (
        programme.accept_by - programme.offers_by
    )
    offer.status_changed_at = programme.offers_by - datetime.timedelta(days=1)
    assert offer_reply_by(offer) == programme.accept_by


def test_unanswered_offers_lapse_once_and_free_the_place(
    programme, placements, offer, member, staff, committed
):
    accepted = programme_shortlist(
        application=apply(programme, student(), [placements[1]]), by=staff
    )
    waiting = programme_shortlist(application=apply(programme, student(), placements[:1]), by=staff)
    programme_select(application=accepted, placement=placements[1], by=staff)
    programme_offer_accept(application=accepted, by=accepted.candidate)
    ProgrammeApplication.objects.update(
        status_changed_at=timezone.now() - datetime.timedelta(days=60)
    )
    move_windows(
        programme, applications_open_at=-60, applications_close_at=-40, offers_by=-30, accept_by=-1
    )
    mail.outbox.clear()
    with committed():
        assert programme_offers_expire_due() == 1
    offer.refresh_from_db()
    accepted.refresh_from_db()
    assert offer.status == Status.DECLINED
    assert offer.history.last().by is None
    assert accepted.status == Status.ACCEPTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [offer.candidate.email, member.user.email]
    )
    assert "lapsed" in mail.outbox[0].body
    mail.outbox.clear()
    with committed():
        assert programme_offers_expire() == 0  # idempotent
    assert mail.outbox == []
    # The place is free again for staff to offer to someone else.
    programme_select(application=waiting, placement=placements[0], by=staff)


def test_offers_not_yet_due_do_not_lapse(offer):
    assert programme_offers_expire() == 0
    offer.refresh_from_db()
    assert offer.status == Status.SELECTED
