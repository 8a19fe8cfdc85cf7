from django.contrib import admin

from talent.models import CandidateProfile


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name", "headline"]
    autocomplete_fields = ["user"]
