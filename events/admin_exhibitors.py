"""Staff admin for exhibitors (decisions with a reason, booth numbers), interview slots and
CV drops (read-only: they belong to companies and candidates)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.models import BoothDrop, Exhibitor, InterviewSlot
from events.services.exhibitors import exhibitor_approve, exhibitor_booth_set, exhibitor_decline
from hkstp_portal.admin_actions import Decision, DecisionButtonsMixin, decision_action
from hkstp_portal.admin_widgets import HongKongDateTimeAdminMixin
from hkstp_portal.errors import DomainError


class ExhibitorAdminForm(forms.ModelForm):
    """Checks a booth number before saving. The event is not a field of the form, so Django
    would skip the (event, booth) unique constraint: check it here with a clear message."""

    def clean_booth(self):
        booth = (self.cleaned_data.get("booth") or "").strip()
        exhibitor = self.instance
        if booth and exhibitor.status != Exhibitor.Status.APPROVED:
            raise forms.ValidationError(_("Only an approved exhibitor can have a booth."))
        if (
            booth
            and Exhibitor.objects.filter(event_id=exhibitor.event_id, booth=booth)
            .exclude(pk=exhibitor.pk)
            .exists()
        ):
            raise forms.ValidationError(_("Another exhibitor already has this booth."))
        return booth


def _approve(exhibitor, by, reason):
    return exhibitor_approve(exhibitor=exhibitor, by=by, reason=reason)


def _decline(exhibitor, by, reason):
    return exhibitor_decline(exhibitor=exhibitor, by=by, reason=reason)


class ExhibitorAdmin(DecisionButtonsMixin, admin.ModelAdmin):
    """Per-event exhibitor lists: filter by event; booth numbers are edited in the list.
    Approve and Decline are buttons on an exhibitor's page and actions on the list."""

    list_display = [
        "company",
        "event",
        "status",
        "booth",
        "featured_count",
        "booked_count",
        "created_at",
        "decided_at",
        "report_link",
    ]
    list_display_links = ["company"]
    list_editable = ["booth"]
    list_filter = ["event", "status"]
    list_select_related = ["company", "event"]
    search_fields = ["company__name", "company__name_zh", "event__title", "booth"]
    # The company chooses its featured jobs and team on its fair pages (its own only).
    readonly_fields = [
        "event",
        "company",
        "status",
        "decision_reason",
        "created_at",
        "decided_at",
        "featured_jobs",
        "attendees",
    ]
    fields = [
        "event",
        "company",
        "status",
        "decision_reason",
        "decided_at",
        "booth",
        "pitch",
        "contact_email",
        "featured_jobs",
        "attendees",
        "created_at",
    ]
    actions = ["approve", "decline"]
    form = ExhibitorAdminForm

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=ExhibitorAdminForm, **kwargs)

    def has_add_permission(self, request):
        return False  # companies apply from their fair pages

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_featured=Count("featured_jobs", distinct=True),
                n_booked=Count(
                    "interview_slots",
                    filter=Q(interview_slots__candidate__isnull=False),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("featured jobs"), ordering="n_featured")
    def featured_count(self, exhibitor):
        return exhibitor.n_featured

    @admin.display(description=_("interviews booked"), ordering="n_booked")
    def booked_count(self, exhibitor):
        return exhibitor.n_booked

    @admin.display(description=_("report"))
    def report_link(self, exhibitor):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("events:event_report", args=[exhibitor.event.slug]),
            _("Outcome report"),
        )

    def save_model(self, request, obj, form, change):
        # The booth number goes through the service (staff only, approved only, unique);
        # the form has already shown a duplicate as an error on the field.
        booth = form.cleaned_data.get("booth", obj.booth)
        if change and "booth" in form.changed_data:
            obj.booth = Exhibitor.objects.values_list("booth", flat=True).get(pk=obj.pk)
            super().save_model(request, obj, form, change)
            try:
                exhibitor_booth_set(exhibitor=obj, by=request.user, booth=booth)
            except DomainError as exc:
                self.message_user(request, f"{obj}: {exc}", messages.ERROR)
            return
        super().save_model(request, obj, form, change)

    decisions = (
        Decision(
            name="approve",
            label=_("Approve"),
            service=_approve,
            offered=lambda exhibitor: exhibitor.status != Exhibitor.Status.APPROVED,
            done=_("The exhibitor is approved; the company's admins are emailed."),
        ),
        Decision(
            name="decline",
            label=_("Decline"),
            service=_decline,
            offered=lambda exhibitor: exhibitor.status != Exhibitor.Status.DECLINED,
            done=_("The exhibitor is declined; the company's admins are emailed the reason."),
            asks_reason=True,
        ),
    )

    approve = decision_action(
        service=_approve,
        title=_("Approve exhibitors"),
        reason_required=False,
        description=_("Approve the selected exhibitors (emails their admins)"),
    )
    decline = decision_action(
        service=_decline,
        title=_("Decline exhibitors"),
        reason_required=True,
        description=_("Decline the selected exhibitors, with a reason (emails their admins)"),
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InterviewSlotAdmin(HongKongDateTimeAdminMixin, ReadOnlyAdmin):
    list_display = ["exhibitor", "starts_at", "ends_at", "mode", "candidate", "outcome"]
    list_filter = ["exhibitor__event", "mode", "outcome"]
    list_select_related = ["exhibitor__company", "exhibitor__event", "candidate"]
    search_fields = ["exhibitor__company__name", "candidate__email", "candidate__name"]
    date_hierarchy = "starts_at"


class BoothDropAdmin(ReadOnlyAdmin):
    list_display = ["candidate", "exhibitor", "cv", "created_at"]
    list_filter = ["exhibitor__event"]
    list_select_related = ["candidate", "exhibitor__company", "exhibitor__event", "cv"]
    search_fields = ["exhibitor__company__name", "candidate__email", "candidate__name"]
    # The CV file itself opens only through talent:cv_download and its permission rule.
    exclude = ["cv"]


admin.site.register(Exhibitor, ExhibitorAdmin)
admin.site.register(InterviewSlot, InterviewSlotAdmin)
admin.site.register(BoothDrop, BoothDropAdmin)
