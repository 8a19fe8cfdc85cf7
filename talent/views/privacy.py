"""The person's own data (PDPO): see it, download it, delete the account."""

import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hkstp_portal.errors import DomainError
from hkstp_portal.ratelimit import key_user, rate_limited
from talent.forms import AccountDeleteForm
from talent.models import DataExport
from talent.selectors import data_export_list_for_user, privacy_data_summary
from talent.services.privacy import (
    EXPORTS_PER_DAY,
    account_delete,
    account_delete_check,
    data_export_expires_at,
    data_export_request,
)

logger = logging.getLogger(__name__)


@login_required
@require_GET
def privacy(request):
    """What the portal holds about me, my exports, and the way to delete my account."""
    exports = data_export_list_for_user(request.user)
    for export in exports:
        export.expires_at = data_export_expires_at(export)
    return render(
        request,
        "talent/privacy/privacy.html",
        {
            "exports": exports,
            "exports_per_day": EXPORTS_PER_DAY,
            "valid_days": DataExport.VALID_DAYS,
            "summary": privacy_data_summary(request.user),
            "has_pending": any(e.status == DataExport.Status.PENDING for e in exports),
        },
    )


@login_required
@require_POST
def export_request(request):
    try:
        data_export_request(user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "We are preparing your data. We will email you when it is ready to "
                "download from this page."
            ),
        )
    return redirect("talent:privacy")


@login_required
@require_GET
@never_cache
def export_download(request, pk):
    """The owner's ready, unexpired export; 404 to anyone else."""
    export = get_object_or_404(DataExport, pk=pk, user=request.user, status=DataExport.Status.READY)
    if data_export_expires_at(export) <= timezone.now():
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        logger.error("Data export %s is ready but its file %s is missing", pk, export.file.name)
        raise Http404 from None
    filename = f"hkstp-talent-my-data-{timezone.localdate(export.ready_at):%Y-%m-%d}.zip"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("account_delete", key=key_user)
def account_delete_confirm(request):
    """Explain what deletion removes, ask for the password (or DELETE), then delete.
    Staff get 403; a company's last admin is told why not. GET changes nothing.
    Each POST checks the password, so it is limited per person like a login: someone
    holding only a stolen session cookie cannot use this form to guess the password."""
    try:
        account_delete_check(user=request.user)
    except DomainError as error:
        return render(
            request,
            "talent/privacy/delete.html",
            {"refusal": str(error)},
            status=403 if request.user.is_staff else 200,
        )
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(
                request,
                _("Your account and your data are deleted. We have emailed you a confirmation."),
            )
            return redirect("home")
    return render(request, "talent/privacy/delete.html", {"form": form})
