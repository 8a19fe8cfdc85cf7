from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from companies.models import Company, CompanyInvitation, CompanyMember, CompanyNameChange
from companies.services import (
    company_reject,
    company_trust_set,
    company_verify,
    name_change_approve,
    name_change_refuse,
)
from hkstp_portal.admin_actions import Decision, DecisionButtonsMixin, decision_action
from hkstp_portal.errors import DomainError


class CompanyMemberInline(admin.TabularInline):
    model = CompanyMember
    extra = 0
    fields = ["user", "role"]
    autocomplete_fields = ["user"]


class CompanyInvitationInline(admin.TabularInline):
    model = CompanyInvitation
    extra = 0
    fields = ["email", "role", "invited_by", "created_at", "accepted_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _verify(company, by, reason):
    return company_verify(company=company, by=by, reason=reason)


def _refuse(company, by, reason):
    return company_reject(company=company, by=by, reason=reason)


@admin.register(Company)
class CompanyAdmin(DecisionButtonsMixin, admin.ModelAdmin):
    """The verification queue: filter by status "Pending verification", oldest first.

    Verify and Refuse are buttons on a company's page and actions on the list."""

    list_display = [
        "name",
        "name_zh",
        "programme",
        "status",
        "is_trusted",
        "member_count",
        "created_at",
    ]
    list_filter = ["status", "is_trusted", "programme", "size", "has_offices_outside_hk"]
    list_select_related = ["status_changed_by"]
    search_fields = ["name", "name_zh", "name_zh_hans", "slug", "members__user__email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "status_reason", "status_changed_at", "status_changed_by"]
    inlines = [CompanyMemberInline, CompanyInvitationInline]
    actions = ["verify", "refuse", "trust", "untrust"]
    fieldsets = [
        (None, {"fields": ["name", "name_zh", "name_zh_hans", "slug", "logo", "website"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "programme",
                    "clusters",
                    "sites",
                    "size",
                    "has_offices_outside_hk",
                    "description",
                    "description_zh",
                    "description_zh_hans",
                ]
            },
        ),
        (
            _("Verification"),
            {
                "description": _(
                    "Verify or refuse with the buttons at the top of this page (or the "
                    "actions on the list); the company's admins are emailed."
                ),
                "fields": [
                    "status",
                    "status_reason",
                    "status_changed_at",
                    "status_changed_by",
                    "is_trusted",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("team"), ordering="member_count")
    def view_on_site(self, company):
        """ "View on site" for a verified company: the others have no public page."""
        return company.get_absolute_url() if company.status == Company.Status.VERIFIED else None

    def member_count(self, company):
        return company.member_count

    def get_ordering(self, request):
        if request.GET.get("status__exact") == Company.Status.PENDING:
            return ["created_at"]  # the queue: whoever has waited longest first
        return ["name"]

    decisions = (
        Decision(
            name="verify",
            label=_("Verify"),
            service=_verify,
            offered=lambda company: company.status != Company.Status.VERIFIED,
            done=_("The company is verified; its admins are emailed."),
        ),
        Decision(
            name="refuse",
            label=_("Refuse verification"),
            service=_refuse,
            offered=lambda company: company.status != Company.Status.REJECTED,
            done=_(
                "Verification refused: the company's open jobs are closed, and its team is "
                "emailed the reason."
            ),
            asks_reason=True,
        ),
    )

    verify = decision_action(
        service=_verify,
        title=_("Verify"),
        reason_required=False,
        description=_("Verify the selected companies (emails their admins)"),
    )
    refuse = decision_action(
        service=_refuse,
        title=_("Refuse verification"),
        reason_required=True,
        description=_("Refuse verification, with a reason (emails their admins)"),
    )

    @admin.action(description=_("Mark as trusted (jobs skip review)"), permissions=["change"])
    def trust(self, request, queryset):
        self._trust(request, queryset, trusted=True)

    @admin.action(description=_("Remove trusted status"), permissions=["change"])
    def untrust(self, request, queryset):
        self._trust(request, queryset, trusted=False)

    def _trust(self, request, queryset, *, trusted):
        for company in queryset:
            try:
                company_trust_set(company=company, by=request.user, trusted=trusted)
            except DomainError as exc:
                self.message_user(request, f"{company}: {exc}", level="error")
        self.message_user(request, _("Done."))


@admin.register(CompanyMember)
class CompanyMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "company"]
    search_fields = ["user__email", "user__name", "company__name"]
    autocomplete_fields = ["user", "company"]
    # Kept by the dashboard itself.
    readonly_fields = ["dashboard_visited_at", "dashboard_previous_visit_at"]


@admin.register(CompanyInvitation)
class CompanyInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "company", "role", "invited_by", "created_at", "accepted_at"]
    list_filter = ["role"]
    list_select_related = ["company", "invited_by"]
    search_fields = ["email", "company__name"]
    readonly_fields = ["company", "email", "role", "invited_by", "created_at", "accepted_at"]
    # Its address is the invitee's, to accept with their own account.
    view_on_site = False

    def has_add_permission(self, request):
        return False  # invitations come from company admins, by email


def _approve_name(change, by, reason):
    return name_change_approve(change=change, by=by, reason=reason)


def _refuse_name(change, by, reason):
    return name_change_refuse(change=change, by=by, reason=reason)


def _name_is_pending(change):
    return change.status == CompanyNameChange.Status.PENDING


@admin.register(CompanyNameChange)
class CompanyNameChangeAdmin(DecisionButtonsMixin, admin.ModelAdmin):
    """Verified companies' new names: filter by "Pending review", oldest first. Approve
    and Refuse are buttons on a change's page, actions on the list, and buttons in the
    work queue on the admin home; the company's admins are emailed either way."""

    list_display = [
        "company",
        "name",
        "name_zh",
        "name_zh_hans",
        "status",
        "requested_by",
        "requested_at",
    ]
    list_filter = ["status"]
    list_select_related = ["company", "requested_by"]
    search_fields = ["name", "name_zh", "name_zh_hans", "company__name", "company__slug"]
    fields = [
        "company",
        "current_name",
        "name",
        "name_zh",
        "name_zh_hans",
        "status",
        "reason",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields
    actions = ["approve", "refuse"]
    # The company's page shows the name that is live; this change has no page of its own.
    view_on_site = False

    @admin.display(description=_("current name"))
    def current_name(self, change):
        company = change.company
        return " · ".join(
            name for name in (company.name, company.name_zh, company.name_zh_hans) if name
        )

    def get_ordering(self, request):
        if request.GET.get("status__exact") == CompanyNameChange.Status.PENDING:
            return ["requested_at"]
        return ["-requested_at", "-id"]

    def has_add_permission(self, request):
        return False  # proposed by a company's admin on its profile form

    def has_delete_permission(self, request, obj=None):
        return False  # the record of what a company asked to be called

    decisions = (
        Decision(
            name="approve",
            label=_("Approve the new name"),
            service=_approve_name,
            offered=_name_is_pending,
            done=_("The company now has its new name; its admins are emailed."),
        ),
        Decision(
            name="refuse",
            label=_("Refuse the new name"),
            service=_refuse_name,
            offered=_name_is_pending,
            done=_("The company keeps its name; its admins are emailed the reason."),
            asks_reason=True,
        ),
    )

    approve = decision_action(
        service=_approve_name,
        title=_("Approve the new name"),
        reason_required=False,
        ask=False,
        description=_("Approve the selected new names (emails the companies' admins)"),
    )
    refuse = decision_action(
        service=_refuse_name,
        title=_("Refuse the new name"),
        reason_required=True,
        description=_("Refuse the selected new names, with a reason (emails their admins)"),
    )
