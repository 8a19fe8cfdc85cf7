"""The candidate's own profile: the main form, and experience and education entries.

Entries are found through the signed-in candidate's own profile, so another
candidate's entry id is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import candidate_required
from hkstp_portal.errors import DomainError
from skills.selectors import skill_list
from talent import selectors
from talent.forms import EducationForm, ExperienceForm, ProfileForm
from talent.services import profiles


def _save(form, save):
    """Run a service with the form's data; a domain or model error becomes a form error."""
    try:
        return save(**form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, str(exc))
    except ValidationError as exc:
        form.add_error(None, exc)
    return None


@candidate_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profiles.profile_get_or_create(user=request.user)
    profile = selectors.profile_get_for_page(request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(form, lambda **data: profiles.profile_update(user=request.user, **data))
    ):
        messages.success(request, _("Your profile is saved."))
        return redirect("talent:profile")
    return render(
        request,
        "talent/profile.html",
        {"form": form, "profile": profile, "skills": skill_list()},
    )


def _entry_form(request, *, form_class, entry, create, update, template_title):
    form = form_class(request.POST if request.method == "POST" else None, instance=entry)
    if request.method == "POST" and form.is_valid():
        if entry is None:
            saved = _save(form, lambda **data: create(user=request.user, **data))
        else:
            saved = _save(form, lambda **data: update(user=request.user, entry_id=entry.pk, **data))
        if saved:
            messages.success(request, _("Saved to your profile."))
            return redirect("talent:profile")
    return render(
        request,
        "talent/entry_form.html",
        {"form": form, "entry": entry, "title": template_title},
    )


def _delete(request, delete, pk):
    try:
        delete(user=request.user, entry_id=pk)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Removed from your profile."))
    return redirect("talent:profile")


@candidate_required
@require_http_methods(["GET", "POST"])
def experience_new(request):
    return _entry_form(
        request,
        form_class=ExperienceForm,
        entry=None,
        create=profiles.experience_create,
        update=None,
        template_title=_("Add work experience"),
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def experience_edit(request, pk):
    entry = selectors.experience_get_for_owner(request.user, pk)
    if entry is None:
        raise Http404
    return _entry_form(
        request,
        form_class=ExperienceForm,
        entry=entry,
        create=None,
        update=profiles.experience_update,
        template_title=_("Edit work experience"),
    )


@candidate_required
@require_POST
def experience_delete(request, pk):
    if selectors.experience_get_for_owner(request.user, pk) is None:
        raise Http404
    return _delete(request, profiles.experience_delete, pk)


@candidate_required
@require_http_methods(["GET", "POST"])
def education_new(request):
    return _entry_form(
        request,
        form_class=EducationForm,
        entry=None,
        create=profiles.education_create,
        update=None,
        template_title=_("Add education"),
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def education_edit(request, pk):
    entry = selectors.education_get_for_owner(request.user, pk)
    if entry is None:
        raise Http404
    return _entry_form(
        request,
        form_class=EducationForm,
        entry=entry,
        create=None,
        update=profiles.education_update,
        template_title=_("Edit education"),
    )


@candidate_required
@require_POST
def education_delete(request, pk):
    if selectors.education_get_for_owner(request.user, pk) is None:
        raise Http404
    return _delete(request, profiles.education_delete, pk)
