from django.urls import path

from talent.views import cvs, dashboard, profile
from talent.views import privacy as privacy_views

app_name = "talent"

urlpatterns = [
    path("me/", dashboard.dashboard, name="dashboard"),
    path("me/profile/", profile.profile_edit, name="profile"),
    path("me/profile/experience/new/", profile.experience_new, name="experience_new"),
    path("me/profile/experience/<int:pk>/", profile.experience_edit, name="experience_edit"),
    path(
        "me/profile/experience/<int:pk>/delete/",
        profile.experience_delete,
        name="experience_delete",
    ),
    path("me/profile/education/new/", profile.education_new, name="education_new"),
    path("me/profile/education/<int:pk>/", profile.education_edit, name="education_edit"),
    path(
        "me/profile/education/<int:pk>/delete/",
        profile.education_delete,
        name="education_delete",
    ),
    path("me/cvs/", cvs.cv_list, name="cv_list"),
    path("me/cvs/<int:pk>/default/", cvs.cv_make_default, name="cv_make_default"),
    path("me/cvs/<int:pk>/delete/", cvs.cv_delete, name="cv_delete"),
    path("me/cvs/<int:pk>/skills/", cvs.cv_skills, name="cv_skills"),
    path("me/cvs/<int:pk>/status/", cvs.cv_status, name="cv_status"),
    path("me/cvs/<uuid:token>/download/", cvs.cv_download, name="cv_download"),
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
