"""Rate limits on the portal's own views, and the 429 page they and allauth show.

The rates live in settings.PORTAL_RATE_LIMITS; django-ratelimit counts them in the
default cache (Redis), so every gunicorn worker shares one counter. Over a limit the
view is not called at all: nothing is written, and the person gets templates/429.html
with a Retry-After header.
"""

import functools
import ipaddress
import logging
import math

from allauth.account import app_settings as allauth_account_settings
from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_PERIOD_SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def client_ip(request):
    """The client's address. With settings.TRUSTED_PROXY_COUNT = n proxies in front of
    the app, it is the n-th address from the right of X-Forwarded-For (each proxy appends
    the address it saw; everything further left is whatever the client chose to send).
    With 0, or a header that is too short or not an address, REMOTE_ADDR."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("X-Forwarded-For", "")
    if count and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        if len(addresses) >= count:
            try:
                return str(ipaddress.ip_address(addresses[-count]))
            except ValueError:
                logger.warning("Unusable X-Forwarded-For: %r", forwarded)
    return request.META.get("REMOTE_ADDR", "")


def key_user(group, request):
    return f"user:{request.user.pk}"


def key_ip(group, request):
    return f"ip:{client_ip(request)}"


def key_posted_username(group, request):
    """The username typed into a login form, so spreading guesses over many addresses
    does not help against one account."""
    return "username:" + request.POST.get("username", "").strip().lower()


def rate_limited(group, *, key, methods=("POST",)):
    """Decorator: requests with one of `methods` count against settings.PORTAL_RATE_LIMITS
    [group] under `key(group, request)`; over the limit the view is not called and the
    answer is the 429 page. Put it under login/permission decorators, so only requests
    that would reach the view count."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                retry_after = _over_limit(request, group, key)
                if retry_after is not None:
                    logger.warning(
                        "Rate limit %s hit by %s (user %s)",
                        group,
                        client_ip(request),
                        getattr(request.user, "pk", None),
                    )
                    return too_many_requests(request, retry_after=retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _over_limit(request, group, key):
    """Counts this request against each of the group's rates; the seconds until every
    exceeded window has ended, or None when none is exceeded."""
    waits = []
    for rate in settings.PORTAL_RATE_LIMITS[group].split(","):
        try:
            usage = get_usage(
                request, group=f"portal:{group}", key=key, rate=rate.strip(), increment=True
            )
        except RedisError:
            # Redis down: let the request through rather than stop the queue at the door
            # or an application with a 500; the limits are back with Redis.
            logger.warning("Rate limit %s not counted: the cache is unavailable", group)
            return None
        if usage is not None and usage["should_limit"]:
            waits.append(max(usage["time_left"], 1))
    return max(waits) if waits else None


def too_many_requests(request, retry_after=None):
    """The 429 page. allauth calls it (as hkstp_portal.urls.handler429) with the request
    only; then the wait is the longest window among the rates of the allauth action the
    page belongs to, an upper bound (allauth's windows slide)."""
    if retry_after is None:
        retry_after = _allauth_wait(request)
    response = render(
        request,
        "429.html",
        {"retry_minutes": math.ceil(retry_after / 60)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


# allauth's rate-limited actions by the URL name of the page that counts them.
_ALLAUTH_ACTIONS = {
    "account_login": ("login", "login_failed"),
    "account_signup": ("signup",),
    "account_reset_password": ("reset_password",),
    "account_reset_password_from_key": ("reset_password_from_key",),
    "account_email_verification_sent": ("confirm_email",),
    "account_email": ("confirm_email", "manage_email"),
    "account_change_password": ("change_password",),
    "account_reauthenticate": ("reauthenticate",),
}


def _allauth_wait(request):
    rates = allauth_account_settings.RATE_LIMITS
    try:
        actions = _ALLAUTH_ACTIONS.get(resolve(request.path_info).url_name, tuple(rates))
    except Resolver404:
        actions = tuple(rates)
    windows = [
        _window_seconds(rate)
        for action in actions
        for rate in (rates.get(action) or "").split(",")
        if rate.strip()
    ]
    return max(windows, default=60)


def _window_seconds(rate):
    """'5/5m/key' -> 300; allauth's format: count/duration[/per], duration as in '5m', 'm'."""
    duration = rate.strip().split("/")[1]
    unit = duration[-1]
    amount = float(duration[:-1] or 1)
    return math.ceil(amount * _PERIOD_SECONDS[unit])
