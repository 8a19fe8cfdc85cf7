"""Small helpers for work done on someone's behalf in their own language."""

from django.utils import translation


def in_language(language: str, build, *args, **kwargs):
    """Call `build` with `language` active: e.g. a URL with the recipient's language prefix
    for a notification written by a task that runs in the default language."""
    with translation.override(language):
        return build(*args, **kwargs)
