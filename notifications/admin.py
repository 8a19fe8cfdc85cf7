from django.contrib import admin

from notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "key",
        "recipient",
        "kind",
        "channel",
        "delivery",
        "status",
        "tries",
        "created_at",
    ]
    list_filter = ["status", "channel", "kind", "delivery"]
    list_select_related = ["recipient"]
    search_fields = ["key", "recipient__email", "subject"]
    raw_id_fields = ["recipient", "digest"]
    date_hierarchy = "created_at"
    # The ledger is written by the services only; staff read it to see what left and why.
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email_enabled", "frequency", "updated_at"]
    list_filter = ["kind", "email_enabled"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    search_fields = ["user__email"]
