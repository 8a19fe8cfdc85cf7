"""The outcome report on a hand-built fair: exact figures, a pinned query count, the CSV."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Stage, StageChange
from events.charts import bar_chart_svg
from events.models import Registration
from events.services.reports import event_report
from hkstp_portal.vocabulary import Education, JobField, ProgrammeTag, Seniority
from tests import factories
from tests.helpers import csv_rows

pytestmark = pytest.mark.django_db


def _job(company, **fields):
    return factories.PublishedJobFactory(company=company, **fields)


@pytest.fixture
def fair():
    event = factories.EventFactory(slug="hand-built-fair")
    now = timezone.now()
    for checked_in in (True, True, False):
        factories.RegistrationFactory(event=event, checked_in_at=now if checked_in else None)
    factories.RegistrationFactory(
        event=event,
        status=Registration.Status.OFFERED,
        offer_expires_at=now + datetime.timedelta(days=1),
    )
    factories.WaitlistedRegistrationFactory(event=event)
    factories.CancelledRegistrationFactory(event=event)
    factories.RegistrationFactory()  # another event

    a = factories.ApprovedExhibitorFactory(
        event=event, booth="A1", company__name="Alpha Labs", company__has_offices_outside_hk=True
    )
    b = factories.ApprovedExhibitorFactory(event=event, booth="B1", company__name="Beta Bio")
    pending = factories.ExhibitorFactory(event=event, company__has_offices_outside_hk=True)
    j1 = _job(
        a.company,
        field=JobField.RND,
        seniority=Seniority.ENTRY,
        education=Education.BACHELOR,
        open_to_overseas=True,
        programmes=[ProgrammeTag.INNOHK],
    )
    j2 = _job(
        a.company,
        field=JobField.DATA_AI,
        seniority=Seniority.MID,
        education=Education.MASTER,
        open_to_gba=True,
        programmes=[ProgrammeTag.INNOHK, ProgrammeTag.INNOPARK],
    )
    j3 = _job(b.company, field=JobField.BUSINESS, seniority=Seniority.ENTRY)
    j4 = _job(
        b.company,
        field=JobField.ENGINEERING,
        seniority=Seniority.INTERN,
        education=Education.PHD,
        open_to_overseas=True,
        open_to_gba=True,
    )
    a.featured_jobs.add(j1, j2)
    b.featured_jobs.add(j3, j4)
    pending.featured_jobs.add(_job(pending.company, field=JobField.RND))

    factories.BoothDropFactory.create_batch(2, exhibitor=a, cv=None)
    factories.BoothDropFactory(exhibitor=b, cv=None)
    for index, outcome in enumerate(["held", "no_show", "", None]):
        booked = outcome is not None
        factories.InterviewSlotFactory(
            exhibitor=a,
            index=index,
            candidate=factories.CandidateFactory() if booked else None,
            booked_at=now if booked else None,
            outcome=outcome or "",
        )
    factories.InterviewSlotFactory(
        exhibitor=b, index=0, candidate=factories.CandidateFactory(), booked_at=now, outcome="offer"
    )

    def applied(job, stage, **kwargs):
        return factories.ApplicationFactory(
            job=job, stage=stage, source_event=event, cv=None, **kwargs
        )

    applied(j1, Stage.NEW)
    applied(j2, Stage.OFFER)
    applied(j3, Stage.HIRED)
    after_offer = applied(j3, Stage.REJECTED, rejection_reason="other")
    StageChange.objects.create(application=after_offer, from_stage="interview", to_stage="offer")
    factories.ApplicationFactory(job=j1, cv=None)  # not through the fair
    return event


def _values(rows):
    return [(str(row.label), row.value) for row in rows]


def test_the_funnel_per_exhibitor_and_job_mix_are_exact(fair, django_assert_num_queries):
    with django_assert_num_queries(7):
        report = event_report(fair)
    assert _values(report.funnel) == [
        ("Registered", 4),
        ("Attended (checked in)", 2),
        ("CVs dropped at booths", 3),
        ("Interviews booked", 4),
        ("Interviews held", 2),
        ("Applications through the fair", 4),
        ("Offers", 3),
        ("Hires", 1),
    ]
    per_exhibitor = [
        (
            e.booth,
            e.company.name,
            e.n_jobs,
            e.n_drops,
            e.n_booked,
            e.n_held,
            e.n_applications,
            e.n_offers,
            e.n_hires,
        )
        for e in report.exhibitors
    ]
    assert per_exhibitor == [
        ("A1", "Alpha Labs", 2, 2, 3, 1, 2, 1, 0),
        ("B1", "Beta Bio", 2, 1, 1, 1, 2, 2, 1),
    ]
    assert (report.jobs_total, report.exhibitors_total) == (4, 2)
    assert [(r.value, r.percent) for r in report.programmes] == [(2, 50), (1, 25), (0, 0)]
    assert [(r.value, r.total, r.percent) for r in report.key_shares] == [
        (3, 4, 75),  # open to overseas or GBA
        (3, 4, 75),  # technology and R&D
        (1, 2, 50),  # exhibitors with offices in the GBA or abroad
    ]
    assert [(r.value, r.percent) for r in report.seniority] == [
        (1, 25),
        (2, 50),
        (1, 25),
        (0, 0),
        (0, 0),
    ]
    assert [(r.value, r.percent) for r in report.education] == [
        (0, 0),
        (0, 0),
        (2, 50),
        (1, 25),
        (1, 25),
    ]


def test_the_query_count_does_not_grow_with_the_fair(fair, django_assert_num_queries):
    for _ in range(5):
        extra = factories.ApprovedExhibitorFactory(event=fair)
        extra.featured_jobs.add(_job(extra.company))
        factories.BoothDropFactory(exhibitor=extra, cv=None)
    with django_assert_num_queries(7):
        report = event_report(fair)
    assert len(report.exhibitors) == 7


def test_an_empty_fair_reports_zeros():
    report = event_report(factories.EventFactory())
    assert all(row.value == 0 for row in report.funnel)
    assert report.exhibitors == []
    assert report.jobs_total == 0
    assert all(row.percent == 0 for row in report.key_shares)


def test_the_staff_page_with_charts_and_tables(client, staff, fair, django_assert_num_queries):
    client.force_login(staff)
    # +1: the header's unread-notification count (cold cache in tests).
    with django_assert_num_queries(11):  # session, user, event + the report's 7
        response = client.get(reverse("events:event_report", args=[fair.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') == 5
    assert '<title id="funnel-title">From registration to hire</title>' in html
    assert "Alpha Labs" in html
    assert "Beta Bio" in html
    assert "75%" in html
    assert reverse("events:event_report_csv", args=[fair.slug]) in html


def test_the_csv_has_the_same_figures(client, staff, fair):
    client.force_login(staff)
    response = client.get(reverse("events:event_report_csv", args=[fair.slug]))
    assert "hand-built-fair-report.csv" in response["Content-Disposition"]
    rows = csv_rows(response)  # UTF-8 with a byte-order mark, for Excel
    assert rows[0] == ["Section", "Figure", "Count", "Share (%)"]
    assert ["Funnel", "Registered", "4", ""] in rows
    assert ["Funnel", "Hires", "1", ""] in rows
    assert ["Key shares", "Jobs open to overseas or GBA talent", "3", "75"] in rows
    assert ["Jobs by programme", "InnoHK", "2", "50"] in rows
    assert ["A1", "Alpha Labs", "2", "2", "3", "1", "2", "1", "0"] in rows
    assert ["B1", "Beta Bio", "2", "1", "1", "1", "2", "2", "1"] in rows


def test_the_csv_keeps_chinese_names_and_never_carries_a_formula(client, staff, fair):
    factories.ApprovedExhibitorFactory(event=fair, booth="C1", company__name="晶片科技有限公司")
    factories.ApprovedExhibitorFactory(event=fair, booth="=1+1", company__name="@SUM(A1:A9)")
    client.force_login(staff)
    rows = csv_rows(client.get(reverse("events:event_report_csv", args=[fair.slug])))
    names = {row[1] for row in rows if len(row) > 1}
    assert "晶片科技有限公司" in names
    assert "'@SUM(A1:A9)" in names
    assert ["'=1+1", "'@SUM(A1:A9)"] in [row[:2] for row in rows]


def test_only_staff_see_the_report(client, fair):
    urls = [
        reverse("events:event_report", args=[fair.slug]),
        reverse("events:event_report_csv", args=[fair.slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    for user in (factories.CandidateFactory(), factories.CompanyAdminFactory().user):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403
    client.force_login(factories.StaffFactory())
    assert client.get(reverse("events:event_report", args=["no-such-fair"])).status_code == 404


def test_the_bar_chart_is_accessible_svg_and_escapes_labels():
    svg = bar_chart_svg(title="Jobs <by> level", rows=[("A & B", 3), ("C", 0)], chart_id="x")
    assert svg.startswith('<svg class="chart" role="img" aria-labelledby="x-title"')
    assert '<title id="x-title">Jobs &lt;by&gt; level</title>' in svg
    assert "A &amp; B" in svg
    assert 'width="300"' in svg  # the largest bar is full width
    assert 'width="0"' in svg
