"""The staff programme report: the funnel by university and country, and each
placement's demand and selections; as a page and as CSV."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from hkstp_portal.csv_export import csv_response
from programmes.models import Programme
from programmes.selectors import programme_report, programme_report_csv_rows

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
    report = _report_or_403(request, slug)
    return csv_response(
        programme_report_csv_rows(report), filename=f"{report.programme.slug}-report.csv"
    )
