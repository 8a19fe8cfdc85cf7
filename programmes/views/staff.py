"""The staff programme report: the funnel by university and country, and each
placement's demand and selections; as a page and as CSV."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from programmes.models import Programme
from programmes.selectors import programme_report

REPORT_PERMISSION = "programmes.view_programmeapplication"


def _report_or_403(request, slug):
    if not (request.user.is_staff and request.user.has_perm(REPORT_PERMISSION)):
        raise PermissionDenied
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404
    return programme_report(programme)


@login_required
def report(request, slug):
    return render(
        request, "programmes/staff/report.html", {"report": _report_or_403(request, slug)}
    )


@login_required
def report_csv(request, slug):
    """One table: a section column (total, university, country, placement) then the
    figures, so a spreadsheet can filter by section."""
    report = _report_or_403(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.programme.slug}-report.csv"'
    response.write("\ufeff")  # so Excel reads the Chinese names as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("section"),
            _("name"),
            _("applications"),
            _("shortlisted"),
            _("selected"),
            _("accepted"),
            _("first choices"),
            _("all choices"),
            _("quota"),
        ]
    )
    totals = report.totals
    funnel = ["applications", "shortlisted", "selected", "accepted"]
    writer.writerow([_("total"), report.programme.name, *(totals[key] for key in funnel)])
    for section, rows in (
        (_("university"), report.by_university),
        (_("country"), report.by_country),
    ):
        for row in rows:
            writer.writerow([section, row["label"], *(row[key] for key in funnel)])
    for placement in report.placements:
        writer.writerow(
            [
                _("placement"),
                f"{placement.title} — {placement.company.name}",
                "",
                "",
                placement.taken,
                placement.accepted,
                placement.first_choices,
                placement.all_choices,
                placement.quota,
            ]
        )
    return response
