"""CV files: served only through this view, never from a static or media URL."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from talent.models import CV
from talent.selectors import cv_can_view


@login_required
@require_GET
@never_cache
def cv_download(request, pk):
    """The CV file, to its owner, staff and companies allowed to see it; 404 to anyone else
    (a 403 would confirm the CV exists)."""
    cv = get_object_or_404(CV.objects.select_related("owner"), pk=pk)
    if not cv_can_view(cv=cv, user=request.user):
        raise Http404
    content_type = {
        CV.Kind.PDF: "application/pdf",
        CV.Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[cv.kind]
    # FileResponse sets a Content-Disposition with both an ASCII and an RFC 5987 filename.
    response = FileResponse(
        cv.file.open("rb"),
        as_attachment=request.GET.get("inline") != "1",
        filename=cv.original_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
