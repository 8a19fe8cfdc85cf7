from django.contrib import admin

from matching.models import Invitation, Match


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["job", "candidate", "score", "created_at", "updated_at"]
    list_select_related = ["job", "candidate"]
    raw_id_fields = ["job", "candidate"]
    search_fields = ["job__title", "candidate__email"]
    readonly_fields = ["job", "candidate", "score", "factors", "created_at", "updated_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["job", "candidate", "invited_by", "created_at"]
    list_select_related = ["job", "candidate", "invited_by"]
    raw_id_fields = ["job", "candidate", "invited_by"]
    search_fields = ["job__title", "candidate__email"]
