"""The notification centre, email preferences, and the one-click unsubscribe endpoint."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from hkstp_portal.errors import DomainError
from notifications.emails import notification_title, unsubscribe_token_read
from notifications.forms import PreferencesForm
from notifications.models import DIGEST_KINDS, Kind, Notification
from notifications.selectors import inbox_page, preference_kinds, preferences_for
from notifications.services import (
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
    notifications_unsubscribe,
)


@login_required
@require_http_methods(["GET"])
def inbox(request):
    page = inbox_page(request.user, request.GET.get("page"))
    items = [(n, notification_title(n)) for n in page.object_list]
    return render(request, "notifications/inbox.html", {"page": page, "items": items})


@login_required
@require_POST
def mark_all_read(request):
    count = notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect("notifications:inbox")


@login_required
@require_POST
def open_notification(request, pk):
    """Mark one of my notifications read, then go where it points (POST: it changes state)."""
    try:
        notification = notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    url = notification.url
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(url)
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    kinds = preference_kinds(request.user)
    form = PreferencesForm(
        request.POST or None,
        kinds=kinds,
        digest_kinds=DIGEST_KINDS,
        initial_choices=preferences_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            notification_preferences_set(user=request.user, choices=form.choices())
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your email preferences are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _token_or_404(token):
    try:
        user_id, kinds = unsubscribe_token_read(token)
    except signing.BadSignature:
        raise Http404 from None
    user = User.objects.filter(pk=user_id).first()
    kinds = [kind for kind in kinds if kind in Kind.values and kind != Kind.DIGEST]
    if user is None or not kinds:
        raise Http404
    return user, kinds


# Mail clients send the RFC 8058 one-click POST with no cookie and no CSRF token; the
# signed token is the authentication, and it can only switch email off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a confirmation (mail scanners fetch links; a GET changes nothing);
    POST, from that page or from the mail client's one-click button, unsubscribes."""
    user, kinds = _token_or_404(token)
    labels = [Kind(kind).label for kind in kinds]
    if request.method == "POST":
        try:
            notifications_unsubscribe(user=user, kinds=kinds)
        except DomainError:
            raise Http404 from None
        return render(request, "notifications/unsubscribed.html", {"labels": labels})
    return render(
        request, "notifications/unsubscribe_confirm.html", {"labels": labels, "email": user.email}
    )
