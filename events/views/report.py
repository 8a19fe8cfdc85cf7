"""The outcome report of a fair: a staff page with charts, and the same figures as CSV."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.decorators import staff_required
from events.charts import bar_chart_svg
from events.models import Event
from events.services.reports import event_report, event_report_csv_rows
from hkstp_portal.csv_export import csv_response


def _event_or_404(slug) -> Event:
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


@staff_required
def event_report_view(request, slug):
    report = event_report(_event_or_404(slug))

    def chart(key, title, rows, suffix=""):
        return bar_chart_svg(
            title=title,
            chart_id=key,
            rows=[(row.label, row.percent if suffix else row.value) for row in rows],
            suffix=suffix,
        )

    charts = {
        "funnel": chart("funnel", _("From registration to hire"), report.funnel),
        "programmes": chart("programmes", _("Featured jobs by programme"), report.programmes),
        "key_shares": chart("key-shares", _("Key shares"), report.key_shares, suffix="%"),
        "seniority": chart("seniority", _("Featured jobs by seniority"), report.seniority, "%"),
        "education": chart("education", _("Featured jobs by education"), report.education, "%"),
    }
    return render(
        request,
        "events/fairs/report.html",
        {"report": report, "event": report.event, "charts": charts},
    )


@staff_required
def event_report_csv(request, slug):
    report = event_report(_event_or_404(slug))
    return csv_response(event_report_csv_rows(report), filename=f"{report.event.slug}-report.csv")
