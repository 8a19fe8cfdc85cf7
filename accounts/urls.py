from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("settings/", views.preferences, name="preferences"),
]
