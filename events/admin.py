from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventSession, Registration
from events.selectors import registration_csv_rows
from events.tickets import ticket_code_display, ticket_code_normalise
from hkstp_portal.admin_widgets import HongKongDateTimeAdminMixin
from hkstp_portal.csv_export import csv_response


class EventSessionInline(HongKongDateTimeAdminMixin, admin.StackedInline):
    model = EventSession
    extra = 0
    fields = [
        ("kind", "title", "title_zh"),
        ("starts_at", "ends_at"),
        ("room", "stream_url"),
        "speakers",
        "description",
        ("capacity", "recording_url"),
    ]


@admin.register(Event)
class EventAdmin(HongKongDateTimeAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "format",
        "starts_at",
        "is_published",
        "capacity",
        "registered",
        "waitlisted",
        "links",
    ]
    list_filter = ["kind", "format", "theme", "audience", "is_published", "site"]
    search_fields = ["title", "title_zh", "title_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    inlines = [EventSessionInline]
    readonly_fields = ["links"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "format", "theme", "is_published", "links"]}),
        (
            _("Text in other languages"),
            {
                "classes": ["collapse"],
                "fields": ["title_zh", "title_zh_hans", "description_zh", "description_zh_hans"],
            },
        ),
        (
            _("When and where"),
            {"fields": ["starts_at", "ends_at", "site", "venue", "stream_url"]},
        ),
        (_("About"), {"fields": ["description", "partners"]}),
        (
            _("Registration"),
            {
                "fields": [
                    "audience",
                    "audience_universities",
                    "capacity",
                    ("registration_opens_at", "registration_closes_at"),
                    ("waitlist_enabled", "waitlist_offer_hours"),
                ]
            },
        ),
        (_("Exhibitors"), {"fields": ["exhibitor_registration_open"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered_count=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
                ),
                waitlisted_count=Count(
                    "registrations",
                    filter=Q(registrations__status=Registration.Status.WAITLISTED),
                ),
            )
        )

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered(self, obj):
        return obj.registered_count

    @admin.display(description=_("waitlist"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return obj.waitlisted_count

    @admin.display(description=_("pages"))
    def links(self, obj):
        if obj.pk is None:
            return "—"
        # The outcome report was linked only from the exhibitors' list, so an event
        # without exhibitors (a workshop, a talk) had no way to it.
        links = format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("events:check_in", args=[obj.slug]),
            _("Check-in"),
            reverse("admin:events_registration_changelist") + f"?event__id__exact={obj.pk}",
            _("Registrations"),
            reverse("events:event_report", args=[obj.slug]),
            _("Outcome report"),
        )
        if not obj.is_published:  # no public page yet: the link answered 404
            return links
        public = format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Public page"))
        return format_html("{} · {}", links, public)

    def view_on_site(self, event):
        """ "View on site" once the event is published (before, its page is a 404)."""
        return event.get_absolute_url() if event.is_published else None


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: places change only through the services (registering, cancelling, the
    waitlist's offers, check-in), so the admin never skips a waitlist or a check."""

    list_display = [
        "ticket",
        "candidate_name",
        "candidate_email",
        "event",
        "status",
        "created_at",
        "checked_in_at",
    ]
    list_filter = ["status", "event", ("checked_in_at", admin.EmptyFieldListFilter)]
    list_select_related = ["event", "candidate"]
    search_fields = ["code", "candidate__name", "candidate__email"]
    date_hierarchy = "created_at"
    fields = [
        "code",
        "event",
        "candidate",
        "status",
        "created_at",
        "offer_expires_at",
        "cancelled_at",
        "checked_in_at",
        "checked_in_by",
        "reminded_at",
    ]
    readonly_fields = fields
    actions = ["export_csv"]

    def get_search_results(self, request, queryset, search_term):
        # Staff type codes as printed on tickets: "abcd-2345" finds ABCD2345.
        normalised = ticket_code_normalise(search_term)
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if normalised and normalised != search_term:
            queryset |= self.model.objects.filter(code=normalised)
        return queryset, duplicates

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("ticket code"), ordering="code")
    def ticket(self, obj):
        return ticket_code_display(obj.code)

    @admin.display(description=_("name"), ordering="candidate__name")
    def candidate_name(self, obj):
        return obj.candidate.name

    @admin.display(description=_("email"), ordering="candidate__email")
    def candidate_email(self, obj):
        return obj.candidate.email

    @admin.action(description=_("Export the selected registrations (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return csv_response(registration_csv_rows(queryset), filename=f"registrations-{stamp}.csv")


from events import admin_exhibitors  # noqa: E402, F401  (exhibitors, slots, drops)
