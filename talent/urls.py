from django.urls import path

from talent.views import cvs, dashboard

app_name = "talent"

urlpatterns = [
    path("me/", dashboard.dashboard, name="dashboard"),
    path("me/cvs/<int:pk>/download/", cvs.cv_download, name="cv_download"),
]
