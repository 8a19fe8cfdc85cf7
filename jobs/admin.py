from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from hkstp_portal.admin_actions import Decision, DecisionButtonsMixin, decision_action
from hkstp_portal.admin_widgets import HongKongDateTimeAdminMixin
from jobs.models import Job
from jobs.services import job_approve, job_reject, job_search_index


class CompanyStatusFilter(admin.SimpleListFilter):
    title = _("company verification")
    parameter_name = "company_status"

    def lookups(self, request, model_admin):
        return Company.Status.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(company__status=self.value())
        return queryset


def _approve(job, by, reason):
    return job_approve(job=job, by=by)


def _send_back(job, by, reason):
    return job_reject(job=job, by=by, reason=reason)


@admin.register(Job)
class JobAdmin(DecisionButtonsMixin, HongKongDateTimeAdminMixin, admin.ModelAdmin):
    """The moderation queue: filter by status "Pending review", oldest submission first.

    Status changes go through the buttons on a job's page and the list's actions (the
    lifecycle services), never the form.
    """

    list_display = [
        "title",
        "company",
        "company_status",
        "status",
        "submitted_at",
        "published_at",
        "expires_at",
    ]
    list_filter = ["status", CompanyStatusFilter, "employment_type", "seniority", "field", "site"]
    list_select_related = ["company"]
    search_fields = [
        "title",
        "title_zh",
        "title_zh_hans",
        "company__name",
        "company__name_zh",
        "company__name_zh_hans",
    ]
    autocomplete_fields = ["company", "required_skills", "preferred_skills"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "status",
        "moderation_note",
        "submitted_at",
        "published_at",
        "expires_at",
        "closed_at",
        "closed_reason",
    ]
    actions = ["approve", "send_back"]

    @admin.display(description=_("company status"), ordering="company__status")
    def view_on_site(self, job):
        """ "View on site" once the job has a page (a draft or one waiting for review has
        none: the link answered 404)."""
        return job.get_absolute_url() if job.has_public_page else None

    def company_status(self, job):
        return job.company.get_status_display()

    def get_ordering(self, request):
        if request.GET.get("status__exact") == Job.Status.PENDING:
            return ["submitted_at"]
        return ["-published_at", "-id"]

    decisions = (
        Decision(
            name="approve",
            label=_("Approve and publish"),
            service=_approve,
            offered=lambda job: job.status == Job.Status.PENDING,
            done=_("The job is published."),
        ),
        Decision(
            name="send-back",
            label=_("Send back to the company"),
            service=_send_back,
            offered=lambda job: job.status == Job.Status.PENDING,
            done=_("The job is back with the company as a draft; its team is emailed the reason."),
            asks_reason=True,
        ),
    )

    approve = decision_action(
        service=_approve,
        title=_("Approve and publish"),
        reason_required=False,
        ask=False,
        description=_("Approve and publish the selected jobs"),
    )
    send_back = decision_action(
        service=_send_back,
        title=_("Send back to the company"),
        reason_required=True,
        description=_("Send back to the company, with a reason"),
    )

    def save_related(self, request, form, formsets, change):
        # After the skills are saved, so the search vector includes them.
        super().save_related(request, form, formsets, change)
        job_search_index([form.instance.pk])
