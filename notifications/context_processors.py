"""The unread badge in the header (templates/base.html)."""

import functools

from notifications.selectors import unread_count


def notifications_unread(request):
    """`notifications_unread` for signed-in users: counted once per request, and only if
    the template uses it (the cached count usually costs no query at all)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": functools.cache(lambda: unread_count(user))}
