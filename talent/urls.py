from django.urls import path

from talent.views import cvs, dashboard
from talent.views import privacy as privacy_views

app_name = "talent"

urlpatterns = [
    path("me/", dashboard.dashboard, name="dashboard"),
    path("me/cvs/<int:pk>/download/", cvs.cv_download, name="cv_download"),
    # Privacy (PDPO): my data, its export, account deletion.
    path("me/privacy/", privacy_views.privacy, name="privacy"),
    path("me/privacy/export/", privacy_views.export_request, name="privacy_export"),
    path(
        "me/privacy/exports/<int:pk>/download/",
        privacy_views.export_download,
        name="privacy_export_download",
    ),
    path("me/privacy/delete/", privacy_views.account_delete_confirm, name="privacy_delete"),
]
