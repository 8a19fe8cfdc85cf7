from django.urls import path

from applications.views import candidate, employer

app_name = "applications"

urlpatterns = [
    # Candidates
    path("jobs/<int:pk>/apply/", candidate.apply, name="apply"),
    path("jobs/<int:pk>/save/", candidate.save_job, name="save_job"),
    path("jobs/<int:pk>/unsave/", candidate.unsave_job, name="unsave_job"),
    path("me/applications/", candidate.my_applications, name="my_applications"),
    path("me/applications/<int:pk>/", candidate.my_application, name="my_application"),
    path("me/applications/<int:pk>/withdraw/", candidate.withdraw, name="withdraw"),
    path("me/saved/", candidate.saved_jobs, name="saved_jobs"),
    # Company teams
    path("employer/jobs/<int:pk>/questions/", employer.questions, name="questions"),
    path(
        "employer/jobs/<int:pk>/questions/<int:question_pk>/edit/",
        employer.question_edit,
        name="question_edit",
    ),
    path(
        "employer/jobs/<int:pk>/questions/<int:question_pk>/delete/",
        employer.question_delete_view,
        name="question_delete",
    ),
    path("employer/jobs/<int:pk>/applicants/", employer.pipeline, name="pipeline"),
    path("employer/jobs/<int:pk>/applicants/board/", employer.board, name="board"),
    path("employer/jobs/<int:pk>/applicants/move/", employer.bulk_stage, name="bulk_stage"),
    path("employer/jobs/<int:pk>/applicants.csv", employer.export_csv, name="export_csv"),
    path("employer/applications/<int:pk>/", employer.application_detail, name="application"),
    path("employer/applications/<int:pk>/stage/", employer.stage_set, name="stage_set"),
    path("employer/applications/<int:pk>/notes/", employer.note_add, name="note_add"),
]
