from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from hkstp_portal.errors import DomainError
from talent.services.privacy import account_delete, account_delete_check


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "kind", "is_active", "date_joined", "last_login"]
    list_filter = ["kind", "is_active", "is_staff", "groups", "language"]
    search_fields = ["email", "name"]
    readonly_fields = ["date_joined", "last_login", "privacy_accepted_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "kind", "language", "privacy_accepted_at"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "name", "kind", "password1", "password2"]},
        ),
    ]

    # Deleting a person here goes through the same service as self-service deletion, so
    # their applications are anonymised and their CV files leave the storage.
    def delete_view(self, request, object_id, extra_context=None):
        user = self.get_object(request, object_id)
        if user is not None and not user.is_staff:
            try:
                account_delete_check(user=user)
            except DomainError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect("admin:accounts_user_change", user.pk)
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        if obj.is_staff:
            super().delete_model(request, obj)
        else:
            account_delete(user=obj)

    def delete_queryset(self, request, queryset):
        people = list(queryset)
        refused = []
        for user in people:
            if user.is_staff:
                continue
            try:
                account_delete_check(user=user)
            except DomainError as error:
                refused.append(f"{user.email}: {error}")
        if refused:
            # All or nothing: the admin's "deleted" message must not lie about some rows.
            raise DomainError(" ".join(refused))
        for user in people:
            self.delete_model(request, user)

    def response_action(self, request, queryset):
        try:
            return super().response_action(request, queryset)
        except DomainError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:accounts_user_changelist")
