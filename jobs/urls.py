from django.urls import path

from jobs.feeds import JobSearchFeed
from jobs.views import employer, public

app_name = "jobs"

urlpatterns = [
    path("jobs/", public.job_list, name="job_list"),
    path("jobs/feed/", JobSearchFeed(), name="job_feed"),
    path("jobs/<int:pk>/", public.job_detail, name="job_detail"),
    path("employer/jobs/new/", employer.job_new, name="employer_job_new"),
    path("employer/jobs/<int:pk>/", employer.job_manage, name="employer_job"),
    path("employer/jobs/<int:pk>/edit/", employer.job_edit, name="employer_job_edit"),
    path("employer/jobs/<int:pk>/submit/", employer.job_submit_view, name="employer_job_submit"),
    path(
        "employer/jobs/<int:pk>/withdraw/",
        employer.job_withdraw_view,
        name="employer_job_withdraw",
    ),
    path("employer/jobs/<int:pk>/close/", employer.job_close_view, name="employer_job_close"),
    path("employer/jobs/<int:pk>/delete/", employer.job_delete_view, name="employer_job_delete"),
]
