from django.contrib import admin

from jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "status", "employment_type", "site", "published_at"]
    list_filter = ["status", "employment_type", "seniority", "field", "site"]
    list_select_related = ["company"]
    search_fields = ["title", "title_zh", "company__name"]
    autocomplete_fields = ["company"]
    date_hierarchy = "published_at"
