"""Exhibitors, booths, interviews, CV drops and the outcome report."""

from django.urls import path

from events.views import booths, exhibitors, report

urlpatterns = [
    # Park companies
    path("employer/fairs/", exhibitors.fair_list, name="fair_list"),
    path("employer/fairs/<slug:slug>/", exhibitors.fair_dashboard_view, name="fair_dashboard"),
    path(
        "employer/fairs/<slug:slug>/apply/", exhibitors.exhibitor_apply_view, name="exhibitor_apply"
    ),
    path("employer/fairs/<slug:slug>/edit/", exhibitors.exhibitor_edit, name="exhibitor_edit"),
    path(
        "employer/fairs/<slug:slug>/withdraw/",
        exhibitors.exhibitor_withdraw_view,
        name="exhibitor_withdraw",
    ),
    path("employer/fairs/<slug:slug>/slots/", exhibitors.slot_series_view, name="slot_series"),
    path(
        "employer/fairs/<slug:slug>/slots/<int:pk>/delete/",
        exhibitors.slot_delete_view,
        name="slot_delete",
    ),
    path(
        "employer/fairs/<slug:slug>/slots/<int:pk>/cancel/",
        exhibitors.slot_cancel_view,
        name="slot_cancel",
    ),
    path(
        "employer/fairs/<slug:slug>/slots/<int:pk>/outcome/",
        exhibitors.slot_outcome_view,
        name="slot_outcome",
    ),
    path("employer/fairs/<slug:slug>/drops/<int:pk>/", exhibitors.drop_detail, name="drop_detail"),
    # The fair's Talent Pool and the booths
    path("events/<slug:slug>/exhibitors/", booths.exhibitor_list, name="exhibitor_list"),
    path("events/<slug:slug>/my-fair/", booths.my_fair, name="my_fair"),
    path(
        "events/<slug:slug>/interviews/<int:pk>/cancel/",
        booths.interview_cancel_view,
        name="interview_cancel",
    ),
    path(
        "events/<slug:slug>/exhibitors/<slug:company_slug>/",
        booths.booth_detail,
        name="booth_detail",
    ),
    path(
        "events/<slug:slug>/exhibitors/<slug:company_slug>/slots/<int:pk>/book/",
        booths.interview_book_view,
        name="interview_book",
    ),
    path(
        "events/<slug:slug>/exhibitors/<slug:company_slug>/drop/",
        booths.booth_drop_view,
        name="booth_drop",
    ),
    path(
        "events/<slug:slug>/exhibitors/<slug:company_slug>/drop/withdraw/",
        booths.booth_drop_withdraw_view,
        name="booth_drop_withdraw",
    ),
    # HKSTP staff
    path("staff/events/<slug:slug>/report/", report.event_report_view, name="event_report"),
    path("staff/events/<slug:slug>/report.csv", report.event_report_csv, name="event_report_csv"),
]
