from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("employer/", views.dashboard, name="dashboard"),
    path("employer/company/", views.profile_edit, name="profile_edit"),
    path(
        "employer/company/name-changes/<int:pk>/withdraw/",
        views.name_change_withdraw_view,
        name="name_change_withdraw",
    ),
    path("employer/team/", views.team, name="team"),
    path("employer/team/<int:pk>/remove/", views.member_remove_view, name="member_remove"),
    path("employer/team/<int:pk>/role/", views.member_role_view, name="member_role"),
    path(
        "employer/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw_view,
        name="invitation_withdraw",
    ),
    path("employer/join/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
    path("companies/", views.company_list, name="company_list"),
    path("companies/<slug:slug>/", views.company_detail, name="company_detail"),
]
