from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("me/searches/", views.saved_search_list, name="saved_search_list"),
    path("me/searches/new/", views.saved_search_create, name="saved_search_create"),
    path("me/searches/<int:pk>/", views.saved_search_edit, name="saved_search_edit"),
    path("me/searches/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
]
