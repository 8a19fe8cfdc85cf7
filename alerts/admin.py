from django.contrib import admin

from alerts.models import SavedSearch, SavedSearchHit


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    """Read-mostly: the filters are written only by alerts.services from a search."""

    list_display = ["name", "user", "frequency", "created_at", "last_notified_at"]
    # Its address is the owner's page to edit it, a 404 to anyone else.
    view_on_site = False
    list_filter = ["frequency"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email", "keyword"]
    raw_id_fields = ["user"]
    readonly_fields = [
        "user",
        "query",
        "keyword",
        "clusters",
        "sites",
        "employment_types",
        "seniorities",
        "educations",
        "job_fields",
        "eligibility",
        "programmes",
        "salary_floor",
        "posted_within_days",
        "created_at",
        "last_notified_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(SavedSearchHit)
class SavedSearchHitAdmin(admin.ModelAdmin):
    list_display = ["saved_search", "job", "created_at", "notified_at"]
    list_select_related = ["saved_search", "job"]
    raw_id_fields = ["saved_search", "job"]
    readonly_fields = ["saved_search", "job", "created_at", "notified_at"]

    def has_add_permission(self, request):
        return False
