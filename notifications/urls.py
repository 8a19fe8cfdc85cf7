from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("me/notifications/", views.inbox, name="inbox"),
    path("me/notifications/read-all/", views.mark_all_read, name="mark_all_read"),
    path("me/notifications/<int:pk>/open/", views.open_notification, name="open"),
    path("me/notifications/preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
