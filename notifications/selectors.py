"""Reads for notifications: the centre, the unread badge, the preferences page."""

import contextlib

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from notifications.models import (
    KIND_AUDIENCE,
    Channel,
    Kind,
    Notification,
    NotificationPreference,
)
from notifications.services import UNREAD_CACHE_SECONDS, unread_cache_key

PAGE_SIZE = 20


def inbox_list(user) -> QuerySet[Notification]:
    """The user's in-app notifications, newest first."""
    return Notification.objects.filter(recipient=user, channel=Channel.IN_APP).order_by(
        "-created_at", "-id"
    )


def inbox_page(user, page_number) -> Page:
    """One page of the centre: a COUNT and one SELECT, whatever the page size."""
    return Paginator(inbox_list(user), PAGE_SIZE).get_page(page_number)


def unread_count(user) -> int:
    """The badge: cached per user for a minute and forgotten when a notification is created
    or read, so most pages cost no query; a miss costs one COUNT on a partial index."""
    key = unread_cache_key(user.pk)
    try:
        count = cache.get(key)
    except Exception:
        count = None
    if count is None:
        count = Notification.objects.filter(
            recipient=user, channel=Channel.IN_APP, read_at__isnull=True
        ).count()
        with contextlib.suppress(Exception):  # the badge works without the cache
            cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def preference_kinds(user) -> list[str]:
    """The kinds of notification this user can receive, in display order."""
    return list(KIND_AUDIENCE.get(user.kind, [Kind.ACCOUNT]))


def preferences_for(user) -> dict[str, tuple[bool, str]]:
    """(email on?, digest frequency) per kind the user can receive; defaults where unset."""
    saved = {
        p.kind: (p.email_enabled, p.frequency)
        for p in NotificationPreference.objects.filter(user=user)
    }
    return {kind: saved.get(kind, (True, "")) for kind in preference_kinds(user)}
