from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("employer/", views.dashboard, name="dashboard"),
]
