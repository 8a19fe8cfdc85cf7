from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from notifications.models import Notification, NotificationPreference, SuppressedAddress
from notifications.suppression import address_suppression_lift


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


class SuppressionInForceFilter(admin.SimpleListFilter):
    title = gettext_lazy("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("In force")), ("no", gettext_lazy("Lifted"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(lifted_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(lifted_at__isnull=False)
        return queryset


@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(admin.ModelAdmin):
    """Addresses the email provider reported (bounce, spam complaint, refusal): nothing is
    sent to them until staff lift the suppression (notifications.suppression)."""

    list_display = ["email", "reason", "esp", "created_at", "lifted_at", "lifted_by"]
    list_filter = [SuppressionInForceFilter, "reason", "esp"]
    list_select_related = ["lifted_by"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    actions = ["lift"]
    # Written by the provider's webhooks; staff only lift (the row stays as the record).
    readonly_fields = [field.name for field in SuppressedAddress._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=gettext_lazy("Lift the suppression (send email again)"),
        permissions=["change"],
    )
    def lift(self, request, queryset):
        lifted = sum(
            address_suppression_lift(suppression=suppression, by=request.user)
            for suppression in queryset
        )
        self.message_user(
            request,
            ngettext("%(n)d address gets email again.", "%(n)d addresses get email again.", lifted)
            % {"n": lifted},
        )
        if lifted < len(queryset):
            self.message_user(request, _("The others were lifted already."))
