"""CV pages: the list with upload, default, delete and the skills found in a CV; and the
download, the only way a CV file ever leaves the server (never a static or media URL).

A candidate's CVs are found through the signed-in candidate, so another candidate's
CV id is a 404. The download is addressed by the CV's random token instead of its id, as
its link is shown to companies.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import candidate_required
from hkstp_portal.errors import DomainError
from hkstp_portal.i18n import localised
from hkstp_portal.ratelimit import key_user, rate_limited
from talent import selectors
from talent.forms import (
    CVSkillsForm,
    CVUploadForm,
    SuggestedEducationFormSet,
    SuggestedExperienceFormSet,
)
from talent.models import CV
from talent.selectors import EDUCATION_KEYS, cv_can_view
from talent.services import cvs as cv_services
from talent.services.profiles import profile_get_or_create

# A multipart body a little larger than the file itself (boundaries, the CSRF token).
_MAX_REQUEST_BYTES = CV.MAX_BYTES + 64 * 1024


def _own_cv_or_404(request, pk) -> CV:
    cv = selectors.cv_get_for_owner(request.user, pk)
    if cv is None:
        raise Http404
    return cv


def _request_too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > _MAX_REQUEST_BYTES
    except ValueError:
        return False


@candidate_required
@require_http_methods(["GET", "POST"])
@rate_limited("cv_upload", key=key_user)
def cv_list(request):
    """The candidate's CVs with an upload form; a POST uploads one."""
    form = CVUploadForm()
    if request.method == "POST":
        if _request_too_large(request):
            # Refused on the declared length, before the body is read at all.
            messages.error(
                request, _("The file is larger than 5 MB. Save a smaller version and try again.")
            )
            return redirect("talent:cv_list")
        form = CVUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                cv_services.cv_upload(
                    owner=request.user, file=upload, name=upload.name, size=upload.size
                )
            except DomainError as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(request, _("Your CV is uploaded. We are reading it now."))
                return redirect("talent:cv_list")
    return render(
        request,
        "talent/cv_list.html",
        {
            "form": form,
            "cvs": selectors.cv_list_with_suggestions(request.user),
            "max_cvs": cv_services.MAX_CVS,
        },
    )


@candidate_required
@require_POST
def cv_make_default(request, pk):
    cv = _own_cv_or_404(request, pk)
    try:
        cv_services.cv_make_default(cv=cv, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("“%(name)s” is now your default CV.") % {"name": cv})
    return redirect("talent:cv_list")


@candidate_required
@require_POST
def cv_delete(request, pk):
    cv = _own_cv_or_404(request, pk)
    try:
        cv_services.cv_delete(cv=cv, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("“%(name)s” is deleted.") % {"name": cv})
    return redirect("talent:cv_list")


def _added_message(added) -> str:
    parts = []
    if added.skills:
        parts.append(", ".join(localised(skill, "name") for skill in added.skills))
    if added.experience:
        parts.append(
            ngettext("%(count)d job", "%(count)d jobs", added.experience)
            % {"count": added.experience}
        )
    if added.education:
        parts.append(
            ngettext("%(count)d degree", "%(count)d degrees", added.education)
            % {"count": added.education}
        )
    return _("Added to your profile: %(what)s.") % {"what": "; ".join(parts)}


@candidate_required
@require_http_methods(["GET", "POST"])
def cv_skills(request, pk):
    """What was read from one CV and is not on the profile yet (skills, work experience,
    education), to tick, correct and add in one step."""
    cv = _own_cv_or_404(request, pk)
    profile = profile_get_or_create(user=request.user)
    suggestions = selectors.cv_suggestions_new(cv=cv, profile=profile)
    jobs, degrees = selectors.cv_suggested_entries(cv=cv, profile=profile)
    data = request.POST if request.method == "POST" else None
    form = CVSkillsForm(data, suggestions=suggestions)
    experience = _entries(SuggestedExperienceFormSet, data, jobs, "experience")
    education = _entries(SuggestedEducationFormSet, data, degrees, "education")
    if request.method == "POST" and all(
        [form.is_valid(), experience.is_valid(), education.is_valid()]
    ):
        skills = list(form.cleaned_data["skills"])
        chosen_jobs = [_fields(f.cleaned_data, EXPERIENCE_KEYS) for f in experience if f.included]
        chosen_degrees = [_fields(f.cleaned_data, EDUCATION_KEYS) for f in education if f.included]
        if not (skills or chosen_jobs or chosen_degrees):
            form.add_error("skills", _("Tick at least one skill, job or degree to add."))
        else:
            try:
                added = cv_services.profile_add_from_cv(
                    cv=cv,
                    by=request.user,
                    skills=skills,
                    experience=chosen_jobs,
                    education=chosen_degrees,
                )
            except (DomainError, ValidationError) as exc:
                messages_ = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                form.add_error(None, messages_)
            else:
                if added:
                    messages.success(request, _added_message(added))
                else:
                    messages.info(request, _("All of that is on your profile already."))
                return redirect("talent:cv_skills", pk=cv.pk)
    return render(
        request,
        "talent/cv_skills.html",
        {
            "cv": cv,
            "form": form,
            "experience": experience,
            "education": education,
            "has_suggestions": bool(form.fields["skills"].queryset.exists() or jobs or degrees),
            "notes": [CV.Note(note) for note in cv.parse_notes if note in CV.Note.values],
        },
    )


EXPERIENCE_KEYS = ("title", "organisation", "started_on", "ended_on")


def _entries(formset_class, data, initial, prefix):
    """The suggested entries' forms; a POST that did not send them (a page with none, an
    older client) chooses none of them rather than failing."""
    if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
        none = {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
        return formset_class(none, prefix=prefix)
    return formset_class(data, initial=initial, prefix=prefix)


def _fields(data: dict, keys) -> dict:
    return {key: data.get(key) for key in keys}


@candidate_required
@require_GET
@never_cache
def cv_status(request, pk):
    """Whether the CV has been read yet, for the page's small poll."""
    cv = _own_cv_or_404(request, pk)
    return JsonResponse({"status": cv.parse_status})


@login_required
@require_GET
@never_cache
def cv_download(request, token):
    """The CV file, to its owner, staff and companies allowed to see it; 404 to anyone else
    (a 403 would confirm the CV exists). Found by its random token, never by its id."""
    cv = get_object_or_404(CV.objects.select_related("owner"), token=token)
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
