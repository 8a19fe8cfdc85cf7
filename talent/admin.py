from django.contrib import admin

from hkstp_portal.admin_widgets import HongKongDateTimeAdminMixin
from talent.models import CV, CandidateProfile, DataExport, EducationEntry, ExperienceEntry


class ExperienceInline(HongKongDateTimeAdminMixin, admin.TabularInline):
    model = ExperienceEntry
    extra = 0


class EducationInline(admin.TabularInline):
    model = EducationEntry
    extra = 0


@admin.register(CandidateProfile)
class CandidateProfileAdmin(HongKongDateTimeAdminMixin, admin.ModelAdmin):
    list_display = ["user", "headline", "eligibility", "visibility", "updated_at"]
    list_filter = ["visibility", "eligibility", "residence"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name", "headline"]
    autocomplete_fields = ["user", "skills"]
    inlines = [ExperienceInline, EducationInline]


@admin.register(CV)
class CVAdmin(admin.ModelAdmin):
    """Metadata only: staff open a CV through the permission-checked download view."""

    list_display = ["original_name", "owner", "kind", "size", "is_default", "parse_status"]
    list_filter = ["kind", "parse_status", "is_default"]
    list_select_related = ["owner"]
    search_fields = ["owner__email", "owner__name", "original_name"]
    fields = ["owner", "original_name", "kind", "size", "is_default", "parse_status", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(DataExport)
class DataExportAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "requested_at", "ready_at"]
    list_filter = ["status"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    fields = ["user", "status", "requested_at", "ready_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
