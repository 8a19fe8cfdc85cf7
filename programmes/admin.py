"""Staff run programme rounds here: programmes with their placements, and the
applications list with the selection actions (each one a service call, so the admin
meets the same rules as everyone else)."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hkstp_portal.admin_widgets import HongKongDateTimeAdminMixin
from hkstp_portal.errors import DomainError
from programmes.models import (
    Placement,
    PlacementPreference,
    Programme,
    ProgrammeApplication,
    StatusChange,
)
from programmes.selectors import QUOTA_STATUSES
from programmes.services import (
    SelectionRefused,
    programme_not_select,
    programme_select,
    programme_select_first_choice,
    programme_shortlist,
)


def _with_taken(queryset):
    return queryset.annotate(
        taken=Count(
            "selected_applications",
            filter=Q(selected_applications__status__in=QUOTA_STATUSES),
        )
    )


def _taken_words(placement) -> str:
    return _("selected %(taken)d of %(quota)d") % {
        "taken": getattr(placement, "taken", 0),
        "quota": placement.quota,
    }


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 1
    autocomplete_fields = ["company"]
    fields = ["company", "title", "title_zh", "cluster", "quota", "description", "selected"]
    readonly_fields = ["selected"]

    def get_queryset(self, request):
        return _with_taken(super().get_queryset(request).select_related("company"))

    @admin.display(description=gettext_lazy("selected"))
    def selected(self, placement):
        return _taken_words(placement) if placement.pk else "—"


@admin.register(Programme)
class ProgrammeAdmin(HongKongDateTimeAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "applications_open_at",
        "applications_close_at",
        "accept_by",
        "is_published",
        "application_count",
        "report_link",
    ]
    list_filter = ["is_published"]
    search_fields = ["name", "name_zh", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PlacementInline]
    fieldsets = [
        (None, {"fields": ["name", "name_zh", "slug", "is_published"]}),
        (gettext_lazy("Description"), {"fields": ["description", "description_zh"]}),
        (
            gettext_lazy("Who may apply"),
            {"fields": ["eligibility", "eligible_levels", "earliest_graduation_year"]},
        ),
        (
            gettext_lazy("Windows (Hong Kong time)"),
            {
                "description": gettext_lazy(
                    "Applications open and close; offers are made by the offers date and "
                    "must be answered by the acceptance date. An offer made later, for a "
                    "place freed by a decline, gets as long to answer as the first round had."
                ),
                "fields": [
                    "applications_open_at",
                    "applications_close_at",
                    "offers_by",
                    "accept_by",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(application_count=Count("applications"))

    def view_on_site(self, programme):
        """ "View on site" once the programme is published (before, its page is a 404)."""
        return programme.get_absolute_url() if programme.is_published else None

    @admin.display(description=gettext_lazy("applications"), ordering="application_count")
    def application_count(self, programme):
        url = reverse("admin:programmes_programmeapplication_changelist")
        return format_html(
            '<a href="{}?programme__id__exact={}">{}</a>',
            url,
            programme.pk,
            programme.application_count,
        )

    @admin.display(description=gettext_lazy("report"))
    def report_link(self, programme):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("programmes:report", args=[programme.slug]),
            _("Report"),
        )


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    """Each placement with how many of its places are taken ("selected 2 of 3")."""

    list_display = ["title", "company", "programme", "cluster", "quota", "selected"]
    list_filter = ["programme", "cluster"]
    list_select_related = ["company", "programme"]
    search_fields = ["title", "title_zh", "company__name"]
    autocomplete_fields = ["company"]

    def get_queryset(self, request):
        return _with_taken(super().get_queryset(request))

    @admin.display(description=gettext_lazy("selected"), ordering="taken")
    def selected(self, placement):
        return _taken_words(placement)


class PreferenceInline(admin.TabularInline):
    model = PlacementPreference
    extra = 0
    fields = ["rank", "placement", "interview_outcome", "interview_note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # the candidate ranks their placements


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["at", "from_status", "to_status", "placement", "by"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = gettext_lazy("history")

    def has_add_permission(self, request, obj=None):
        return False


class PreferredPlacementFilter(admin.SimpleListFilter):
    """Applications that ranked a placement (of the programme filtered on, if any)."""

    title = gettext_lazy("placement preference")
    parameter_name = "placement"

    def lookups(self, request, model_admin):
        placements = Placement.objects.select_related("company").order_by("company__name", "title")
        programme = request.GET.get("programme__id__exact")
        if programme and programme.isdigit():
            placements = placements.filter(programme_id=programme)
        return [(str(p.pk), f"{p.title} — {p.company.name}") for p in placements]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(preferences__placement_id=value)
        return queryset


class ConfirmForm(forms.Form):
    pass


class SelectForPlacementForm(forms.Form):
    placement = forms.ModelChoiceField(
        queryset=Placement.objects.none(), label=gettext_lazy("Placement")
    )

    def __init__(self, *args, programme_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = _with_taken(
            Placement.objects.filter(programme_id__in=programme_ids).select_related("company")
        ).order_by("company__name", "title")
        self.fields["placement"].label_from_instance = lambda placement: (
            f"{placement.title} — {placement.company.name} ({_taken_words(placement)})"
        )


@admin.register(ProgrammeApplication)
class ProgrammeApplicationAdmin(admin.ModelAdmin):
    """The selection desk: filter, search, then shortlist, mark not selected or select with
    the actions. Status moves only through the actions (and the candidate's own pages)."""

    list_display = [
        "candidate",
        "programme",
        "status",
        "university",
        "country",
        "choices",
        "selected_placement",
        "created_at",
    ]
    list_filter = ["status", "programme", PreferredPlacementFilter, "university", "country"]
    list_select_related = ["candidate", "programme", "selected_placement__company"]
    search_fields = [
        "candidate__email",
        "candidate__name",
        "university",
        "country",
        "preferences__placement__title",
        "preferences__placement__company__name",
    ]
    list_per_page = 100
    date_hierarchy = "created_at"
    readonly_fields = [
        "programme",
        "candidate",
        "status",
        "selected_placement",
        "university",
        "country",
        "statement",
        "cv_link",
        "created_at",
        "status_changed_at",
    ]
    fields = readonly_fields
    inlines = [PreferenceInline, StatusChangeInline]
    actions = ["shortlist", "not_selected", "select_for_placement", "select_first_choice"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "preferences",
                    queryset=PlacementPreference.objects.select_related(
                        "placement__company"
                    ).order_by("rank"),
                )
            )
        )

    def has_add_permission(self, request):
        return False  # candidates apply on the portal

    @admin.display(description=gettext_lazy("choices"))
    def choices(self, application):
        rows = (
            (
                preference.placement.title,
                preference.placement.company.name,
                f" ({preference.get_interview_outcome_display()})"
                if preference.interview_outcome
                else "",
            )
            for preference in application.preferences.all()
        )
        return format_html(
            '<ol class="programme-choices">{}</ol>',
            format_html_join("", "<li>{} — {}{}</li>", rows),
        )

    @admin.display(description=gettext_lazy("CV"))
    def cv_link(self, application):
        if application.cv_id is None:
            return "—"
        return format_html('<a href="{}">{}</a>', application.cv.download_url, _("CV"))

    # --- Actions ---------------------------------------------------------------------------

    def _each(self, request, queryset, service, title):
        done, refused = 0, []
        for application in queryset.select_related("candidate"):
            try:
                service(application=application, by=request.user)
            except DomainError as exc:
                refused.append(f"{application.candidate}: {exc}")
            else:
                done += 1
        if done:
            self.message_user(request, _("%(title)s: %(n)d done.") % {"title": title, "n": done})
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    def _confirm_page(self, request, queryset, *, title, form, intro):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "intro": intro,
            "objects": queryset.select_related("candidate", "programme"),
            "form": form,
            "action": request.POST.get("action"),
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/programmes/confirm_action.html", context)

    @admin.action(
        description=gettext_lazy("Shortlist (emails the candidates)"), permissions=["change"]
    )
    def shortlist(self, request, queryset):
        self._each(request, queryset, programme_shortlist, _("Shortlist"))

    @admin.action(
        description=gettext_lazy("Mark not selected… (asks to confirm; emails the candidates)"),
        permissions=["change"],
    )
    def not_selected(self, request, queryset):
        if "apply" not in request.POST:
            return self._confirm_page(
                request,
                queryset,
                title=_("Mark not selected"),
                form=ConfirmForm(),
                intro=_(
                    "These candidates will be told they were not selected. This cannot be undone."
                ),
            )
        self._each(request, queryset, programme_not_select, _("Not selected"))
        return None

    @admin.action(
        description=gettext_lazy("Select for a placement… (makes offers)"), permissions=["change"]
    )
    def select_for_placement(self, request, queryset):
        """All or nothing: if one of the chosen applications cannot be selected for the
        placement (quota, not shortlisted, not one of their choices), nobody is."""
        programme_ids = set(queryset.values_list("programme_id", flat=True))
        form = SelectForPlacementForm(
            request.POST if "apply" in request.POST else None, programme_ids=programme_ids
        )
        if not form.is_valid():
            return self._confirm_page(
                request,
                queryset,
                title=_("Select for a placement"),
                form=form,
                intro=_(
                    "Each candidate gets an offer for this placement, by email, with the "
                    "deadline to accept."
                ),
            )
        placement = form.cleaned_data["placement"]
        problems = []
        # Counted as they are selected: the changelist's queryset is evaluated afresh, and
        # a list filtered to "shortlisted" no longer holds them afterwards.
        selected = 0
        with transaction.atomic():
            for application in queryset.select_related("candidate").order_by("created_at"):
                try:
                    programme_select(application=application, placement=placement, by=request.user)
                except DomainError as exc:
                    problems.append(str(exc))
                else:
                    selected += 1
            if problems:
                transaction.set_rollback(True)
        if problems:
            self.message_user(
                request,
                _("Nobody was selected, because: %(problems)s") % {"problems": " ".join(problems)},
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                ngettext(
                    "%(n)d selected for “%(placement)s”; the offer is sent.",
                    "%(n)d selected for “%(placement)s”; the offers are sent.",
                    selected,
                )
                % {"n": selected, "placement": placement.title},
            )
        return None

    @admin.action(
        description=gettext_lazy(
            "Select for their first choice with a place left (all or nothing)"
        ),
        permissions=["change"],
    )
    def select_first_choice(self, request, queryset):
        try:
            chosen = programme_select_first_choice(applications=queryset, by=request.user)
        except SelectionRefused as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        except DomainError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        lines = "; ".join(
            _("%(who)s → %(placement)s (choice %(rank)d)")
            % {
                "who": selection.application.candidate,
                "placement": selection.placement.title,
                "rank": selection.rank,
            }
            for selection in chosen
        )
        self.message_user(
            request,
            ngettext(
                "%(n)d selected, the offer is sent: %(lines)s",
                "%(n)d selected, the offers are sent: %(lines)s",
                len(chosen),
            )
            % {"n": len(chosen), "lines": lines},
        )
