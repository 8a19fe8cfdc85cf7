"""A candidate's saved searches: save one from the search page, list, rename, change
the alert frequency (or pause), delete.

Saved searches are found through the signed-in candidate, so another candidate's
id is a 404; employers and staff get 403, anonymous visitors the login page.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import candidate_required
from alerts import selectors, services
from alerts.criteria import search_criteria
from alerts.forms import SavedSearchCreateForm, SavedSearchEditForm
from alerts.models import SavedSearch
from hkstp_portal.errors import DomainError


def _own_or_404(request, pk) -> SavedSearch:
    saved_search = selectors.saved_search_get_for_owner(request.user, pk)
    if saved_search is None:
        raise Http404
    return saved_search


def search_path(query: str) -> str:
    url = reverse("jobs:job_list")
    return f"{url}?{query}" if query else url


@require_http_methods(["GET", "POST"])
def saved_search_create(request):
    """Save a job search. GET shows the form for the search in its parameters; POST
    saves the search in the form's `query`. Anonymous visitors sign in first and come
    back to the same search; employers and staff get 403."""
    if request.method == "POST":
        criteria = search_criteria(QueryDict(request.POST.get("query", "")))
    else:
        criteria = search_criteria(request.GET)
    if not request.user.is_authenticated:
        return redirect_to_login(search_path(criteria.query))
    if not request.user.is_candidate:
        raise PermissionDenied
    if request.method == "POST":
        form = SavedSearchCreateForm(request.POST)
        if form.is_valid():
            try:
                saved_search = services.saved_search_create(
                    user=request.user,
                    params=QueryDict(form.cleaned_data["query"]),
                    name=form.cleaned_data["name"],
                    frequency=form.cleaned_data["frequency"],
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "Search saved as “%(name)s”. New jobs that match it will be "
                        "collected for you."
                    )
                    % {"name": saved_search.name},
                )
                return redirect(saved_search.search_url)
    else:
        form = SavedSearchCreateForm(
            initial={
                "query": criteria.query,
                "name": criteria.default_name(SavedSearch.NAME_MAX_LENGTH),
                "frequency": SavedSearch.Frequency.DAILY,
            }
        )
    return render(
        request,
        "alerts/saved_search_new.html",
        {"form": form, "labels": criteria.labels, "search_url": search_path(criteria.query)},
        status=400 if form.errors else 200,
    )


@candidate_required
def saved_search_list(request):
    return render(
        request,
        "alerts/saved_search_list.html",
        {
            "saved_searches": selectors.saved_search_list_for_user(request.user),
            "max_searches": SavedSearch.MAX_PER_USER,
            "frequencies": SavedSearch.Frequency.choices,
        },
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def saved_search_edit(request, pk):
    """Rename a saved search or change how often it alerts (including pausing it)."""
    saved_search = _own_or_404(request, pk)
    if request.method == "POST":
        form = SavedSearchEditForm(request.POST)
        if form.is_valid():
            try:
                services.saved_search_update(
                    saved_search=saved_search,
                    by=request.user,
                    name=form.cleaned_data["name"],
                    frequency=form.cleaned_data["frequency"],
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Your saved search is updated."))
                return redirect("alerts:saved_search_list")
    else:
        form = SavedSearchEditForm(
            initial={"name": saved_search.name, "frequency": saved_search.frequency}
        )
    return render(
        request,
        "alerts/saved_search_edit.html",
        {"form": form, "saved_search": saved_search},
        status=400 if form.errors else 200,
    )


@candidate_required
@require_POST
def saved_search_delete(request, pk):
    saved_search = _own_or_404(request, pk)
    try:
        services.saved_search_delete(saved_search=saved_search, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("“%(name)s” is deleted.") % {"name": saved_search.name})
    return redirect("alerts:saved_search_list")
