"""Issue 6's "done when", through the pages HKSTP staff, park companies and candidates use.

Staff create a hybrid fair in the admin; companies apply to exhibit and are approved;
candidates register (one waitlisted, then offered a freed place), get QR tickets, book
an interview and drop CVs; staff check them in at the door; the outcome report shows
the funnel and the job mix. And a programme round runs from application to selection.
"""

import datetime
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from events.models import BoothDrop, Event, Exhibitor, InterviewSlot, Registration
from hkstp_portal.vocabulary import Cluster, Education, JobField, ProgrammeTag, Seniority, Site
from programmes.models import PlacementPreference, Programme, ProgrammeApplication
from talent.models import EducationEntry
from tests import factories
from tests.helpers import csv_rows, messages_of
from tests.storage import isolated_storage_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _admin_datetime(prefix: str, moment: datetime.datetime) -> dict:
    """The admin's split date and time inputs, in Hong Kong time."""
    local = timezone.localtime(moment)
    return {f"{prefix}_0": local.strftime("%Y-%m-%d"), f"{prefix}_1": local.strftime("%H:%M:%S")}


def _inline_management(prefix: str, total: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _sent_to(mailoutbox, user) -> list[str]:
    return [message.subject for message in mailoutbox if user.email in message.to]


# --- Test 1: the fair ----------------------------------------------------------------------------


def test_a_hybrid_fair_from_the_admin_to_the_outcome_report(
    mailoutbox, committed, isolated_storage
):
    # The people and companies that exist before the story.
    superuser = factories.SuperuserFactory()
    staff = _login(superuser)
    quantum = factories.VerifiedCompanyFactory(
        name="Quantum Leaf Robotics Limited", slug="quantum-leaf", has_offices_outside_hk=True
    )
    lumen = factories.VerifiedCompanyFactory(
        name="Lumen Silicon Limited", slug="lumen-silicon", has_offices_outside_hk=False
    )
    quantum_admin = factories.CompanyAdminFactory(company=quantum, user__name="Wong Ka Yan").user
    quantum_recruiter = factories.CompanyMemberFactory(
        company=quantum, user__name="Ho Chi Wai"
    ).user
    lumen_admin = factories.CompanyAdminFactory(company=lumen, user__name="Tam Wing Sze").user
    robotics_lead = factories.PublishedJobFactory(
        company=quantum,
        title="Robot Perception Lead",
        field=JobField.RND,
        seniority=Seniority.SENIOR,
        education=Education.PHD,
        programmes=[ProgrammeTag.INNOHK],
        open_to_overseas=True,
    )
    sales = factories.PublishedJobFactory(
        company=quantum,
        title="Sales Associate",
        field=JobField.BUSINESS,
        seniority=Seniority.ENTRY,
        education=Education.BACHELOR,
        open_to_gba=True,
    )
    chip = factories.PublishedJobFactory(
        company=lumen,
        title="Chip Verification Engineer",
        field=JobField.ENGINEERING,
        seniority=Seniority.MID,
        education=Education.MASTER,
        programmes=[ProgrammeTag.INNOPARK],
    )
    # An open job Lumen does not feature: it stays out of the job mix.
    factories.PublishedJobFactory(
        company=lumen,
        title="Data Intern",
        field=JobField.DATA_AI,
        seniority=Seniority.INTERN,
        education=Education.NONE,
        open_to_overseas=True,
        programmes=[ProgrammeTag.INNOHK],
    )
    alice, ben, chloe = (
        factories.CandidateFactory(name=name, email=email)
        for name, email in [
            ("Chan Siu Ming", "siuming@student.example"),
            ("Lee Ka Ho", "kaho@student.example"),
            ("Cheung Hoi Yan", "hoiyan@student.example"),
        ]
    )
    ben_cv = factories.CVFactory(owner=ben, original_name="Lee Ka Ho CV.pdf")
    chloe_cv = factories.CVFactory(owner=chloe, original_name="Cheung Hoi Yan CV.pdf")

    # 1. Staff create a hybrid recruitment fair with one session in the admin.
    fair_day = timezone.localtime(timezone.now() + datetime.timedelta(days=10)).date()
    starts_at = timezone.make_aware(datetime.datetime.combine(fair_day, datetime.time(10)))
    ends_at = starts_at + datetime.timedelta(hours=7)
    response = staff.post(
        reverse("admin:events_event_add"),
        {
            "title": "Science Park Recruitment Fair",
            "slug": "sp-fair",
            "kind": Event.Kind.RECRUITMENT_FAIR,
            "format": Event.Format.HYBRID,
            "theme": Event.Theme.AI,
            "is_published": "on",
            "title_zh": "科學園招聘會",
            **_admin_datetime("starts_at", starts_at),
            **_admin_datetime("ends_at", ends_at),
            "site": Site.SCIENCE_PARK,
            "venue": "Charles K. Kao Auditorium",
            "stream_url": "https://stream.example/sp-fair",
            "description": "Meet the park's robotics and chip companies.",
            "audience": Event.Audience.EVERYONE,
            "capacity": "2",
            **_admin_datetime("registration_opens_at", timezone.now() - datetime.timedelta(1)),
            "waitlist_enabled": "on",
            "waitlist_offer_hours": "24",
            "exhibitor_registration_open": "on",
            **_inline_management("sessions", 1),
            "sessions-0-kind": "panel",
            "sessions-0-title": "Careers in embodied AI",
            **_admin_datetime("sessions-0-starts_at", starts_at + datetime.timedelta(hours=1)),
            **_admin_datetime("sessions-0-ends_at", starts_at + datetime.timedelta(hours=2)),
            "sessions-0-room": "Auditorium",
            "sessions-0-speakers": "Dr Wong\nProf Lam",
            "sessions-0-capacity": "100",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    fair = Event.objects.get(slug="sp-fair")
    assert fair.format == Event.Format.HYBRID
    assert (fair.capacity, fair.waitlist_enabled, fair.exhibitor_registration_open) == (
        2,
        True,
        True,
    )
    assert timezone.localtime(fair.starts_at).hour == 10
    assert [s.title for s in fair.sessions.all()] == ["Careers in embodied AI"]

    # 2. Both companies apply to exhibit, choosing featured jobs and who attends.
    quantum_team, lumen_team = _login(quantum_recruiter), _login(lumen_admin)
    assert (
        "Science Park Recruitment Fair"
        in quantum_team.get(reverse("events:fair_list")).content.decode()
    )
    response = quantum_team.post(
        reverse("events:exhibitor_apply", args=[fair.slug]),
        {
            "featured_jobs": [robotics_lead.pk, sales.pk],
            "attendees": [quantum_recruiter.pk, quantum_admin.pk],
            "pitch": "See our warehouse robots pick 600 items an hour.",
            "contact_email": "fair@quantumleaf.example",
        },
        follow=True,
    )
    assert "Thank you. HKSTP will review your application to exhibit." in messages_of(response)
    lumen_team.post(
        reverse("events:exhibitor_apply", args=[fair.slug]),
        {"featured_jobs": [chip.pk], "attendees": [lumen_admin.pk], "pitch": "RISC-V chips."},
    )
    quantum_booth = Exhibitor.objects.get(event=fair, company=quantum)
    lumen_booth = Exhibitor.objects.get(event=fair, company=lumen)
    assert quantum_booth.status == lumen_booth.status == Exhibitor.Status.PENDING
    assert set(quantum_booth.featured_jobs.all()) == {robotics_lead, sales}
    assert set(quantum_booth.attendees.all()) == {quantum_recruiter, quantum_admin}
    # Not approved yet: no slots, and no public stand.
    assert (
        "once HKSTP has approved your booth"
        in quantum_team.get(reverse("events:fair_dashboard", args=[fair.slug])).content.decode()
    )
    booth_url = reverse("events:booth_detail", args=[fair.slug, quantum.slug])
    assert Client().get(booth_url).status_code == 404

    # 3. Staff approve both (a confirmation page first), then assign booth numbers.
    changelist = reverse("admin:events_exhibitor_changelist")
    selected = {"action": "approve", ACTION_CHECKBOX_NAME: [quantum_booth.pk, lumen_booth.pk]}
    confirm = staff.post(changelist, selected)
    assert confirm.status_code == 200
    assert "Quantum Leaf Robotics Limited" in confirm.content.decode()
    assert Exhibitor.objects.filter(status=Exhibitor.Status.APPROVED).count() == 0
    with committed():
        response = staff.post(
            changelist, {**selected, "apply": "1", "reason": "Welcome to the fair."}, follow=True
        )
    assert "Approve exhibitors: 2 done." in messages_of(response)
    assert _sent_to(mailoutbox, quantum_admin) == [
        "Your booth at Science Park Recruitment Fair is approved"
    ]
    assert _sent_to(mailoutbox, lumen_admin) == [
        "Your booth at Science Park Recruitment Fair is approved"
    ]
    assert _sent_to(mailoutbox, quantum_recruiter) == []  # admins only
    response = staff.post(
        f"{changelist}?event__id__exact={fair.pk}",
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(quantum_booth.pk),
            "form-0-booth": "A01",
            "form-1-id": str(lumen_booth.pk),
            "form-1-booth": "A02",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    quantum_booth.refresh_from_db()
    lumen_booth.refresh_from_db()
    assert (quantum_booth.booth, lumen_booth.booth) == ("A01", "A02")
    assert quantum_booth.status == Exhibitor.Status.APPROVED
    dashboard_url = reverse("events:fair_dashboard", args=[fair.slug])
    assert "Booth A01" in quantum_team.get(dashboard_url).content.decode()

    # 4. Quantum publishes four 15-minute slots at its booth, 14:00 to 15:00.
    response = quantum_team.post(
        reverse("events:slot_series", args=[fair.slug]),
        {
            "day": fair_day.isoformat(),
            "start": "14:00",
            "end": "15:00",
            "minutes": "15",
            "mode": InterviewSlot.Mode.BOOTH,
        },
        follow=True,
    )
    assert "4 interview slots published." in messages_of(response)
    slots = list(InterviewSlot.objects.filter(exhibitor=quantum_booth).order_by("starts_at"))
    assert [timezone.localtime(s.starts_at).strftime("%H:%M") for s in slots] == [
        "14:00",
        "14:15",
        "14:30",
        "14:45",
    ]
    # The stand is public now, with its pitch, featured jobs and slots.
    stand = Client().get(booth_url).content.decode()
    assert "600 items an hour" in stand
    assert "Robot Perception Lead" in stand
    assert "Sales Associate" in stand
    assert (
        "Lumen Silicon Limited"
        in Client().get(reverse("events:exhibitor_list", args=[fair.slug])).content.decode()
    )

    # 5. Three candidates register: two places, then the waitlist.
    clients = {person: _login(person) for person in (alice, ben, chloe)}
    register_url = reverse("events:register", args=[fair.slug])
    ticket_url = reverse("events:ticket", args=[fair.slug])
    for person in (alice, ben):
        with committed():
            response = clients[person].post(register_url, follow=True)
        assert response.redirect_chain[-1][0] == ticket_url
        assert _sent_to(mailoutbox, person) == ["Your ticket: Science Park Recruitment Fair"]
    with committed():
        response = clients[chloe].post(register_url, follow=True)
    assert (
        "The event is full: you are number 1 on the waitlist. We will email you if a place "
        "frees up." in messages_of(response)
    )
    assert _sent_to(mailoutbox, chloe) == ["You are on the waitlist: Science Park Recruitment Fair"]
    # Registering twice is refused kindly, and changes nothing.
    response = clients[alice].post(register_url, follow=True)
    assert "You are already registered for this event." in messages_of(response)
    assert Registration.objects.filter(event=fair).count() == 3
    statuses = dict(Registration.objects.values_list("candidate__email", "status"))
    assert statuses == {
        alice.email: Registration.Status.CONFIRMED,
        ben.email: Registration.Status.CONFIRMED,
        chloe.email: Registration.Status.WAITLISTED,
    }

    # 6. Each confirmed candidate's ticket: the QR code, the code in text, the .ics.
    codes = {}
    for person in (alice, ben):
        registration = Registration.objects.get(event=fair, candidate=person)
        codes[person] = registration.code
        page = clients[person].get(ticket_url).content.decode()
        assert re.search(r'<figure class="ticket-qr">\s*<svg', page)
        assert f"{registration.code[:4]}-{registration.code[4:]}" in page
        assert person.name in page
        ics = clients[person].get(reverse("events:ticket_ics", args=[fair.slug]))
        assert ics.status_code == 200
        assert ics["Content-Type"].startswith("text/calendar")
        body = ics.content.decode()
        assert "BEGIN:VEVENT" in body
        assert "SUMMARY:Science Park Recruitment Fair" in body
        assert f"DTSTART:{starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in body
        assert registration.code in body
    # The waitlisted candidate has no QR code yet.
    waiting = clients[chloe].get(ticket_url).content.decode()
    assert "You are number 1 on the waitlist" in waiting
    assert "ticket-qr" not in waiting

    # 7. Alice books the 14:15 slot; Ben leaves his CV at the booth.
    with committed():
        response = clients[alice].post(
            reverse("events:interview_book", args=[fair.slug, quantum.slug, slots[1].pk]),
            follow=True,
        )
    assert "Interview booked. We have emailed you the details." in messages_of(response)
    assert (
        "Interview booked with Quantum Leaf Robotics Limited at Science Park Recruitment Fair"
        in _sent_to(mailoutbox, alice)
    )
    # The same slot cannot be booked twice.
    response = clients[ben].post(
        reverse("events:interview_book", args=[fair.slug, quantum.slug, slots[1].pk]),
        follow=True,
    )
    assert "Someone has just booked this slot. Please choose another." in messages_of(response)
    response = clients[ben].post(
        reverse("events:booth_drop", args=[fair.slug, quantum.slug]),
        {"cv": ben_cv.pk, "message": "I built a pick-and-place arm for my FYP."},
        follow=True,
    )
    assert (
        "Quantum Leaf Robotics Limited can now see what you shared. You can take it back at "
        "any time." in messages_of(response)
    )
    slots[1].refresh_from_db()
    assert slots[1].candidate == alice
    assert BoothDrop.objects.get().cv == ben_cv

    # The company sees the drop and the booking, and opens the CV.
    dashboard = quantum_team.get(dashboard_url).content.decode()
    assert "1 CV dropped at your booth" in dashboard
    assert "Lee Ka Ho" in dashboard
    assert "pick-and-place arm" in dashboard
    assert ben_cv.download_url in dashboard
    assert "1 of 4 slots booked." in dashboard
    assert "Chan Siu Ming" in dashboard
    download = quantum_team.get(ben_cv.download_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # ...and the other exhibitor does not.
    assert lumen_team.get(ben_cv.download_url).status_code == 404

    # 8. Ben cancels: Chloe is offered his place by email, and confirms it.
    with committed():
        response = clients[ben].post(reverse("events:cancel", args=[fair.slug]), follow=True)
    assert "Your registration is cancelled." in messages_of(response)
    offer = Registration.objects.get(event=fair, candidate=chloe)
    assert offer.status == Registration.Status.OFFERED
    assert (
        _sent_to(mailoutbox, chloe)[-1] == "A place is free for you: Science Park Recruitment Fair"
    )
    assert "Confirm my place" in clients[chloe].get(fair.get_absolute_url()).content.decode()
    with committed():
        response = clients[chloe].post(
            reverse("events:offer_accept", args=[fair.slug]), follow=True
        )
    assert "Your place is confirmed. Here is your ticket." in messages_of(response)
    assert _sent_to(mailoutbox, chloe)[-1] == "Your ticket: Science Park Recruitment Fair"
    offer.refresh_from_db()
    assert offer.status == Registration.Status.CONFIRMED
    codes[chloe] = offer.code
    assert re.search(
        r'<figure class="ticket-qr">\s*<svg', clients[chloe].get(ticket_url).content.decode()
    )
    # Chloe leaves her CV at Lumen's stand too.
    clients[chloe].post(
        reverse("events:booth_drop", args=[fair.slug, lumen.slug]), {"cv": chloe_cv.pk}
    )

    # 9. The fair day, mid-afternoon: it opened five hours ago and Alice's 14:15 interview
    #    is over (the rows move back in time).
    shift = timezone.now() - datetime.timedelta(hours=5) - fair.starts_at
    Event.objects.filter(pk=fair.pk).update(
        starts_at=fair.starts_at + shift, ends_at=fair.ends_at + shift
    )
    for slot in slots:
        InterviewSlot.objects.filter(pk=slot.pk).update(
            starts_at=slot.starts_at + shift, ends_at=slot.ends_at + shift
        )

    # Staff check people in at the door by typing codes.
    door = reverse("events:check_in", args=[fair.slug])
    assert "0 of 2 checked in" in staff.get(door).content.decode()
    typed = f"{codes[alice][:4].lower()}-{codes[alice][4:].lower()}"
    response = staff.post(door, {"code": typed})
    html = response.content.decode()
    assert "Checked in: Chan Siu Ming" in html
    assert "1 of 2 checked in" in html
    first_at = Registration.objects.get(code=codes[alice]).checked_in_at
    assert first_at is not None
    # A second scan says when, and changes nothing.
    html = staff.post(door, {"code": codes[alice]}).content.decode()
    assert f"Already checked in at {timezone.localtime(first_at):%H:%M}" in html
    assert Registration.objects.get(code=codes[alice]).checked_in_at == first_at
    # Ben's cancelled ticket is refused.
    html = staff.post(door, {"code": codes[ben]}).content.decode()
    assert "Refused: This ticket was cancelled." in html
    assert Registration.objects.get(code=codes[ben]).checked_in_at is None
    html = staff.post(door, {"code": codes[chloe]}).content.decode()
    assert "Checked in: Cheung Hoi Yan" in html
    assert "2 of 2 checked in" in html

    # 10. Chloe applies to a featured job from Quantum's stand.
    apply_url = reverse("applications:apply", args=[robotics_lead.pk])
    assert f"{apply_url}?from_event={fair.slug}" in clients[chloe].get(booth_url).content.decode()
    form = clients[chloe].get(f"{apply_url}?from_event={fair.slug}")
    assert "Applying through Science Park Recruitment Fair." in form.content.decode()
    with committed():
        response = clients[chloe].post(
            f"{apply_url}?from_event={fair.slug}",
            {"cv": chloe_cv.pk, "cover_note": "We met at booth A01."},
        )
    assert response.status_code == 302
    assert Application.objects.get(candidate=chloe).source_event == fair
    # Ben applies to Lumen's job from the job page: not through the fair.
    clients[ben].post(reverse("applications:apply", args=[chip.pk]), {"cv": ben_cv.pk})
    assert Application.objects.get(candidate=ben).source_event is None

    # 11. Quantum records how Alice's interview went.
    response = quantum_team.post(
        reverse("events:slot_outcome", args=[fair.slug, slots[1].pk]),
        {"outcome": InterviewSlot.Outcome.NEXT_ROUND, "note": "Strong on SLAM."},
        follow=True,
    )
    assert "Outcome saved." in messages_of(response)
    slots[1].refresh_from_db()
    assert slots[1].outcome == InterviewSlot.Outcome.NEXT_ROUND
    dashboard = quantum_team.get(dashboard_url).content.decode()
    assert "Next round" in dashboard
    assert "Applications made through the fair" in dashboard
    assert "Cheung Hoi Yan" in dashboard

    # 12. The outcome report: the funnel, per exhibitor, and the job mix.
    #     Registered: Alice and Chloe (Ben cancelled); attended: both; CVs: Ben's and
    #     Chloe's; one interview booked and held; one application through the fair.
    report = staff.get(reverse("events:event_report", args=[fair.slug]))
    assert report.status_code == 200
    funnel = {row.label: row.value for row in report.context["report"].funnel}
    assert funnel == {
        "Registered": 2,
        "Attended (checked in)": 2,
        "CVs dropped at booths": 2,
        "Interviews booked": 1,
        "Interviews held": 1,
        "Applications through the fair": 1,
        "Offers": 0,
        "Hires": 0,
    }
    html = report.content.decode()
    assert "3 featured jobs from 2 exhibitors." in html
    assert 'id="funnel' in html
    assert html.count("<svg") >= 5

    rows = csv_rows(staff.get(reverse("events:event_report_csv", args=[fair.slug])))
    figures = {(row[0], row[1]): row[2:] for row in rows if len(row) == 4}
    assert figures[("Funnel", "Registered")] == ["2", ""]
    assert figures[("Funnel", "Attended (checked in)")] == ["2", ""]
    assert figures[("Funnel", "CVs dropped at booths")] == ["2", ""]
    assert figures[("Funnel", "Interviews booked")] == ["1", ""]
    assert figures[("Funnel", "Interviews held")] == ["1", ""]
    assert figures[("Funnel", "Applications through the fair")] == ["1", ""]
    # Featured: the perception lead (R&D, senior, PhD, InnoHK, overseas), sales (business,
    # entry, bachelor, GBA) and chip verification (engineering, mid, master, INNOPARK).
    assert figures[("Job mix", "Featured jobs")] == ["3", ""]
    assert figures[("Job mix", "Exhibitors")] == ["2", ""]
    assert figures[("Jobs by programme", "InnoHK")] == ["1", "33"]
    assert figures[("Jobs by programme", "INNOPARK")] == ["1", "33"]
    assert figures[("Jobs by programme", "Global Internship Programme")] == ["0", "0"]
    assert figures[("Key shares", "Jobs open to overseas or GBA talent")] == ["2", "67"]
    assert figures[("Key shares", "Jobs in technology and R&D")] == ["2", "67"]
    assert figures[("Key shares", "Exhibitors with offices in the GBA or abroad")] == ["1", "50"]
    assert figures[("Jobs by seniority", "Senior")] == ["1", "33"]
    assert figures[("Jobs by seniority", "Entry level")] == ["1", "33"]
    assert figures[("Jobs by seniority", "Mid level")] == ["1", "33"]
    assert figures[("Jobs by seniority", "Intern")] == ["0", "0"]
    assert figures[("Jobs by education", "PhD")] == ["1", "33"]
    assert figures[("Jobs by education", "Master's degree")] == ["1", "33"]
    assert figures[("Jobs by education", "No requirement")] == ["0", "0"]
    per_exhibitor = {row[1]: row[2:] for row in rows if len(row) == 9 and row[0] != "Booth"}
    # Featured jobs, CVs dropped, booked, held, applications, offers, hires.
    assert per_exhibitor == {
        "Quantum Leaf Robotics Limited": ["2", "1", "1", "1", "1", "0", "0"],
        "Lumen Silicon Limited": ["1", "1", "0", "0", "0", "0", "0"],
    }
    assert [row[0] for row in rows if len(row) == 9][1:] == ["A01", "A02"]
    # The report is for staff only.
    assert quantum_team.get(reverse("events:event_report", args=[fair.slug])).status_code == 403


# --- Test 2: the programme round ---------------------------------------------------------------


def _student(name, email, *, level=Education.BACHELOR, year=2027):
    user = factories.CandidateFactory(name=name, email=email)
    profile = factories.CandidateProfileFactory(user=user)
    EducationEntry.objects.create(
        profile=profile,
        institution="University",
        level=level,
        field_of_study="Engineering",
        graduation_year=year,
    )
    factories.CVFactory(owner=user, original_name=f"{name} CV.pdf")
    return user


def test_a_programme_round_from_application_to_selection(mailoutbox, committed, isolated_storage):
    staff = _login(factories.SuperuserFactory())
    genomics = factories.VerifiedCompanyFactory(name="Helix Genomics Limited", slug="helix")
    drones = factories.VerifiedCompanyFactory(name="SkyFold Drones Limited", slug="skyfold")
    helix_recruiter = factories.CompanyMemberFactory(company=genomics, user__name="Yip Mei").user
    skyfold_admin = factories.CompanyAdminFactory(company=drones, user__name="Fung Kin").user
    mandy = _student("Lau Man Yee", "manyee@hku.example")
    raj = _student("Raj Patel", "raj@nus.example", level=Education.MASTER, year=2028)
    kit = _student("Tsang Kit", "kit@hku.example")
    late = _student("Ho Wing", "wing@alumni.example", year=2020)  # graduated: ineligible

    # 1. Staff create the programme and its two placements in the admin.
    now = timezone.now()
    response = staff.post(
        reverse("admin:programmes_programme_add"),
        {
            "name": "Global Internship Programme 2027",
            "name_zh": "全球實習計劃 2027",
            "slug": "gip-2027",
            "is_published": "on",
            "description": "Ten weeks in a park company.",
            "eligibility": "Bachelor's or master's students graduating in 2026 or later.",
            "eligible_levels": "bachelor,master",
            "earliest_graduation_year": "2026",
            **_admin_datetime("applications_open_at", now - datetime.timedelta(days=1)),
            **_admin_datetime("applications_close_at", now + datetime.timedelta(days=14)),
            **_admin_datetime("offers_by", now + datetime.timedelta(days=21)),
            **_admin_datetime("accept_by", now + datetime.timedelta(days=28)),
            **_inline_management("placements", 2),
            "placements-0-company": str(genomics.pk),
            "placements-0-title": "Genomics Data Intern",
            "placements-0-cluster": Cluster.HEALTHTECH,
            "placements-0-quota": "1",
            "placements-1-company": str(drones.pk),
            "placements-1-title": "Flight Software Intern",
            "placements-1-cluster": Cluster.AI_ROBOTICS,
            "placements-1-quota": "1",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    programme = Programme.objects.get(slug="gip-2027")
    assert programme.eligible_levels == ["bachelor", "master"]
    genomics_place = programme.placements.get(company=genomics)
    drone_place = programme.placements.get(company=drones)

    # 2. Candidates apply with ranked choices.
    apply_url = reverse("programmes:apply", args=[programme.slug])
    people = {person: _login(person) for person in (mandy, raj, kit, late)}
    choices = {
        mandy: ("HKU", "Hong Kong", [genomics_place, drone_place]),
        raj: ("NUS", "Singapore", [genomics_place]),
        kit: ("HKU", "Hong Kong", [drone_place, genomics_place]),
    }
    for person, (university, country, ranked) in choices.items():
        data = {
            "university": university,
            "country": country,
            "cv": person.cvs.get().pk,
            "statement": "I want to see research become a product.",
        }
        data.update({f"choice_{rank}": p.pk for rank, p in enumerate(ranked, start=1)})
        with committed():
            response = people[person].post(apply_url, data, follow=True)
        assert "Your application is in. We have emailed you a copy; follow it here." in messages_of(
            response
        )
        application = ProgrammeApplication.objects.get(candidate=person)
        assert [p.placement for p in application.preferences.order_by("rank")] == ranked
        assert _sent_to(mailoutbox, person) == [
            "We have your application to Global Internship Programme 2027"
        ]
    # Applying twice: back to the first application, nothing new.
    response = people[mandy].post(
        apply_url,
        {
            "university": "HKU",
            "country": "Hong Kong",
            "cv": mandy.cvs.get().pk,
            "choice_1": drone_place.pk,
        },
        follow=True,
    )
    assert any("You applied to this programme on" in m for m in messages_of(response))
    mandy_application = ProgrammeApplication.objects.get(candidate=mandy)
    assert response.redirect_chain[-1][0] == reverse(
        "programmes:my_application", args=[mandy_application.pk]
    )
    assert mandy_application.preferences.get(rank=1).placement == genomics_place
    # A graduate outside the eligibility is told why, on the page and when posting.
    expected = (
        "This programme is for students of these degrees: Bachelor&#x27;s degree, Master&#x27;s "
        "degree, graduating in 2026 or later. The education on your profile does not match."
    )
    assert expected in people[late].get(apply_url).content.decode()
    response = people[late].post(
        apply_url,
        {
            "university": "CUHK",
            "country": "Hong Kong",
            "cv": late.cvs.get().pk,
            "choice_1": genomics_place.pk,
        },
    )
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert ProgrammeApplication.objects.count() == 3
    # A round whose window has closed says so.
    closed = factories.ProgrammeFactory(
        slug="gip-2026",
        applications_open_at=now - datetime.timedelta(days=60),
        applications_close_at=now - datetime.timedelta(days=30),
    )
    response = people[kit].get(reverse("programmes:apply", args=[closed.slug]), follow=True)
    assert any(m.startswith("Applications closed on") for m in messages_of(response))
    assert not closed.applications.exists()

    # 3. Staff shortlist the three with the bulk action; each is emailed.
    applications = {a.candidate: a for a in ProgrammeApplication.objects.all()}
    changelist = reverse("admin:programmes_programmeapplication_changelist")
    with committed():
        response = staff.post(
            changelist,
            {
                "action": "shortlist",
                ACTION_CHECKBOX_NAME: [a.pk for a in applications.values()],
            },
            follow=True,
        )
    assert "Shortlist: 3 done." in messages_of(response)
    assert set(ProgrammeApplication.objects.values_list("status", flat=True)) == {
        ProgrammeApplication.Status.SHORTLISTED
    }
    for person in (mandy, raj, kit):
        assert "You are shortlisted for Global Internship Programme 2027" in _sent_to(
            mailoutbox, person
        )

    # 4. Helix sees the two shortlisted candidates who chose its placement, and records
    #    an interview.
    helix = _login(helix_recruiter)
    page = helix.get(reverse("programmes:employer_programme", args=[programme.slug]))
    html = page.content.decode()
    assert "Lau Man Yee" in html
    assert "Raj Patel" in html
    assert "Tsang Kit" in html  # his second choice
    preference = PlacementPreference.objects.get(
        application=applications[mandy], placement=genomics_place
    )
    response = helix.post(
        reverse("programmes:interview_record", args=[preference.pk]),
        {
            f"p{preference.pk}-interview_outcome": "recommended",
            f"p{preference.pk}-interview_note": "Knows her pipelines.",
        },
        follow=True,
    )
    assert "Interview outcome saved for Lau Man Yee." in messages_of(response)
    preference.refresh_from_db()
    assert preference.interview_outcome == PlacementPreference.Interview.RECOMMENDED
    # Another company cannot record on Helix's candidate.
    skyfold = _login(skyfold_admin)
    response = skyfold.post(
        reverse("programmes:interview_record", args=[preference.pk]),
        {f"p{preference.pk}-interview_outcome": "not_recommended"},
    )
    assert response.status_code == 404

    # 5. Staff select: Mandy for Helix (quota 1), then Raj for the same place is refused.
    def select(application, placement, taken):
        action = {"action": "select_for_placement", ACTION_CHECKBOX_NAME: [application.pk]}
        confirm = staff.post(changelist, action).content.decode()
        # The confirmation page lists the placements with their quota.
        assert f"{placement.title} — {placement.company.name} ({taken})" in confirm
        with committed():
            return staff.post(
                changelist, {**action, "apply": "1", "placement": placement.pk}, follow=True
            )

    response = select(applications[mandy], genomics_place, "selected 0 of 1")
    assert "1 selected for “Genomics Data Intern”; the offer is sent." in messages_of(response)
    response = select(applications[raj], genomics_place, "selected 1 of 1")
    assert (
        "Nobody was selected, because: “Genomics Data Intern” has no place left (1 of 1 "
        "selected)." in messages_of(response)
    )
    applications[raj].refresh_from_db()
    assert applications[raj].status == ProgrammeApplication.Status.SHORTLISTED
    response = select(applications[kit], drone_place, "selected 0 of 1")
    assert "1 selected for “Flight Software Intern”; the offer is sent." in messages_of(response)
    assert "An offer for you: Global Internship Programme 2027" in _sent_to(mailoutbox, mandy)
    assert "Offer made: Lau Man Yee for Genomics Data Intern" in _sent_to(
        mailoutbox, helix_recruiter
    )
    assert "Offer made: Tsang Kit for Flight Software Intern" in _sent_to(mailoutbox, skyfold_admin)
    assert [s for s in _sent_to(mailoutbox, skyfold_admin) if s.startswith("Offer made")] == [
        "Offer made: Tsang Kit for Flight Software Intern"
    ]
    assert "An offer for you: Global Internship Programme 2027" not in _sent_to(mailoutbox, raj)

    # 6. Mandy accepts on her page.
    page = people[mandy].get(reverse("programmes:my_application", args=[mandy_application.pk]))
    assert "Accept the offer" in page.content.decode()
    with committed():
        response = people[mandy].post(
            reverse("programmes:accept", args=[mandy_application.pk]), follow=True
        )
    assert "Congratulations! You accepted the offer." in messages_of(response)
    mandy_application.refresh_from_db()
    assert mandy_application.status == ProgrammeApplication.Status.ACCEPTED
    assert _sent_to(mailoutbox, mandy)[-1] == "You accepted: Genomics Data Intern"
    assert _sent_to(mailoutbox, helix_recruiter)[-1] == "Lau Man Yee accepted Genomics Data Intern"
    # Raj cannot accept an offer he does not have; Mandy's is not his to see.
    response = people[raj].post(
        reverse("programmes:accept", args=[applications[raj].pk]), follow=True
    )
    assert "There is no open offer to answer." in messages_of(response)
    assert (
        people[raj]
        .get(reverse("programmes:my_application", args=[mandy_application.pk]))
        .status_code
        == 404
    )
    # The ineligible graduate was never emailed.
    assert _sent_to(mailoutbox, late) == []

    # 7. The report: applications, shortlisted, selected, by university and country.
    report = staff.get(reverse("programmes:report", args=[programme.slug]))
    assert report.status_code == 200
    data = report.context["report"]
    assert {k: data.totals[k] for k in ("applications", "shortlisted", "selected", "accepted")} == {
        "applications": 3,
        "shortlisted": 3,
        "selected": 2,
        "accepted": 1,
    }
    funnel = ("applications", "shortlisted", "selected", "accepted")
    assert {row["label"]: [row[k] for k in funnel] for row in data.by_university} == {
        "HKU": [2, 2, 2, 1],
        "NUS": [1, 1, 0, 0],
    }
    assert {row["label"]: [row[k] for k in funnel] for row in data.by_country} == {
        "Hong Kong": [2, 2, 2, 1],
        "Singapore": [1, 1, 0, 0],
    }
    rows = csv_rows(staff.get(reverse("programmes:report_csv", args=[programme.slug])))
    assert ["university", "HKU", "2", "2", "2", "1"] in rows
    assert ["country", "Singapore", "1", "1", "0", "0"] in rows
    assert (next(row for row in rows if row[1].startswith("Genomics"))[:6]) == [
        "placement",
        "Genomics Data Intern — Helix Genomics Limited",
        "",
        "",
        "1",
        "1",
    ]
    html = report.content.decode()
    assert "HKU" in html
    assert "Singapore" in html
    # Companies do not see the report.
    assert helix.get(reverse("programmes:report", args=[programme.slug])).status_code == 403
