from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("employer/jobs/<int:pk>/candidates/", views.job_candidates, name="job_candidates"),
    path(
        "employer/jobs/<int:pk>/candidates/<int:user_id>/invite/",
        views.candidate_invite,
        name="candidate_invite",
    ),
]
