from django import template
from django.contrib.auth.views import redirect_to_login

from alerts.criteria import search_criteria
from alerts.forms import SavedSearchCreateForm
from alerts.models import SavedSearch

register = template.Library()


@register.simple_tag(takes_context=True)
def saved_search_offer(context) -> dict:
    """What the search page offers for saving the current search (no query).

    A candidate gets the form, prefilled; an anonymous visitor a sign-in link that
    comes back to this search; employers and staff nothing.
    """
    request = context["request"]
    user = request.user
    criteria = search_criteria(request.GET, search=context.get("search"))
    offer = {"labels": criteria.labels, "form": None, "login_url": ""}
    if not user.is_authenticated:
        search = request.path + (f"?{criteria.query}" if criteria.query else "")
        offer["login_url"] = redirect_to_login(search).url
    elif user.is_candidate:
        offer["form"] = SavedSearchCreateForm(
            initial={
                "query": criteria.query,
                "name": criteria.default_name(SavedSearch.NAME_MAX_LENGTH),
                "frequency": SavedSearch.Frequency.DAILY,
            },
            auto_id="save-search-%s",
        )
    return offer
