from django.urls import path

from programmes.views import candidate, employer, public, staff

app_name = "programmes"

urlpatterns = [
    # Everyone
    path("programmes/", public.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", public.programme_detail, name="programme_detail"),
    # Candidates
    path("programmes/<slug:slug>/apply/", candidate.apply, name="apply"),
    path("me/programmes/", candidate.my_applications, name="my_applications"),
    path("me/programmes/<int:pk>/", candidate.my_application, name="my_application"),
    path("me/programmes/<int:pk>/choices/", candidate.preferences, name="preferences"),
    path("me/programmes/<int:pk>/withdraw/", candidate.withdraw, name="withdraw"),
    path("me/programmes/<int:pk>/accept/", candidate.accept, name="accept"),
    path("me/programmes/<int:pk>/decline/", candidate.decline, name="decline"),
    # Company teams
    path("employer/programmes/", employer.programme_list, name="employer_programmes"),
    path(
        "employer/programmes/<slug:slug>/",
        employer.programme_detail,
        name="employer_programme",
    ),
    path(
        "employer/programme-candidates/<int:pk>/interview/",
        employer.interview_record,
        name="interview_record",
    ),
    # HKSTP staff
    path("staff/programmes/<slug:slug>/report/", staff.report, name="report"),
    path("staff/programmes/<slug:slug>/report.csv", staff.report_csv, name="report_csv"),
]
