from events import urls_fairs as fairs

app_name = "events"

urlpatterns = [*fairs.urlpatterns]
