from django.urls import path

from talent import views

app_name = "talent"

urlpatterns = [
    path("me/", views.dashboard, name="dashboard"),
]
