from django.contrib import admin

from applications.models import Application, ScreeningAnswer, StageChange


class AnswerInline(admin.TabularInline):
    model = ScreeningAnswer
    extra = 0
    fields = ["question_text", "answer", "is_knockout"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    fields = ["at", "from_stage", "to_stage", "by", "candidate_notified"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only for staff: the stage changes only through the company's pipeline."""

    list_display = ["job", "candidate", "stage", "knocked_out", "created_at", "stage_changed_at"]
    list_filter = ["stage", "knocked_out", "job__company"]
    list_select_related = ["job", "job__company", "candidate"]
    search_fields = ["candidate__email", "candidate__name", "job__title", "job__company__name"]
    date_hierarchy = "created_at"
    fields = [
        "job",
        "candidate",
        "stage",
        "rejection_reason",
        "knocked_out",
        "created_at",
        "stage_changed_at",
        "anonymised_at",
    ]
    readonly_fields = fields
    inlines = [AnswerInline, StageChangeInline]

    def has_add_permission(self, request):
        return False
