from django.contrib import admin

from events.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "format", "starts_at", "ends_at", "is_published"]
    list_filter = ["kind", "format", "is_published", "site"]
    search_fields = ["title", "title_zh"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"


from events import admin_exhibitors  # noqa: E402, F401  (exhibitors, slots, drops)
