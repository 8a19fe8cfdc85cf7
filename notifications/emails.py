"""Turning a ledger row into an email: templates, language, unsubscribe link and headers.

Templates live in templates/notifications/emails/: `<template>_subject.txt` and
`<template>_body.txt` (plus an optional `<template>_body.html`), rendered in the
recipient's language. The subject is also shown in the notification centre, so it
must use the stored context only; a body may use objects loaded by a context loader
(`context_loader` below) from the ids in the context.
"""

import hashlib
from collections.abc import Callable
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.defaultfilters import linebreaks_filter, urlize
from django.template.loader import TemplateDoesNotExist, get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from hkstp_portal import plain_text
from hkstp_portal.i18n import localised_context

UNSUBSCRIBE_SALT = "notifications.unsubscribe"

ContextLoader = Callable[[dict], dict]
_CONTEXT_LOADERS: dict[str, ContextLoader] = {}


def context_loader(template: str) -> Callable[[ContextLoader], ContextLoader]:
    """Register a function that turns a stored context (ids, plain values) into the
    objects a template's body needs, at send time."""

    def register(func: ContextLoader) -> ContextLoader:
        _CONTEXT_LOADERS[template] = func
        return func

    return register


def context_load(template: str, context: dict) -> dict:
    loader = _CONTEXT_LOADERS.get(template)
    return loader(dict(context)) if loader else dict(context)


def message_id_for(key: str) -> str:
    """A Message-ID that is the same every time the same ledger row is sent, so a
    receiving server can recognise a repeat (see docs/architecture.md on "exactly once")."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"<{digest}@{domain}>"


def unsubscribe_token_make(user_id: int, kinds: list[str]) -> str:
    """A signed, unguessable token naming a user and the kinds of email to stop.

    No expiry: RFC 8058 links sit in old emails and must keep working; the token
    can only ever switch email off, never on.
    """
    return signing.dumps({"u": user_id, "k": sorted(kinds)}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[int, list[str]]:
    """(user id, kinds) from a token; raises signing.BadSignature when it was tampered with."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    try:
        return int(data["u"]), [str(kind) for kind in data["k"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise signing.BadSignature("malformed unsubscribe token") from exc


def subject_render(template: str, context: dict) -> str:
    """The one-line subject of a templated notification, in the active language, as plain
    text: whoever shows it in HTML (the centre, the email's HTML part) escapes it."""
    return plain_text.subject_render(
        f"notifications/emails/{template}_subject.txt", localised_context(context)
    )


def notification_title(notification) -> str:
    """What a notification says in one line, in the active language."""
    if notification.template:
        return subject_render(notification.template, notification.context)
    return notification.subject


def absolute_url(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") else url


def _html_or_none(template_name: str, context: dict) -> str | None:
    try:
        template = get_template(template_name)
    except TemplateDoesNotExist:
        return None
    return template.render(context)


def email_message_build(notification, *, connection=None) -> EmailMultiAlternatives:
    """The email for one ledger row, rendered in its recipient's language, with the
    one-click unsubscribe link and the RFC 8058 List-Unsubscribe headers."""
    user = notification.recipient
    kinds = notification.context.get("kinds") if notification.template == "digest" else None
    token = unsubscribe_token_make(user.pk, kinds or [notification.kind])
    with translation.override(user.language or settings.LANGUAGE_CODE):
        base = {
            "site_url": settings.SITE_URL,
            "user": user,
            "notification": notification,
            "unsubscribe_url": settings.SITE_URL
            + reverse("notifications:unsubscribe", args=[token]),
            "preferences_url": settings.SITE_URL + reverse("notifications:preferences"),
        }
        if notification.template:
            # Names stored in each language (hkstp_portal.i18n.localised_versions) in the
            # recipient's.
            loaded = context_load(notification.template, notification.context)
            context = {**base, **localised_context(loaded)}
            if notification.template == "digest":
                context["items"] = [
                    {"title": notification_title(item), "url": absolute_url(item.url)}
                    for item in notification.digest_items
                ]
            subject = subject_render(notification.template, context)
            text = plain_text.plain_text_render(
                f"notifications/emails/{notification.template}_body.txt", context
            )
            html = _html_or_none(f"notifications/emails/{notification.template}_body.html", context)
        else:
            subject, text, html = notification.subject, notification.body, None
        text = text.strip()
        if html is None:
            html = linebreaks_filter(urlize(escape(text), autoescape=False))
        layout = {**base, "subject": subject, "content": html, "text": text}
        text_full = plain_text.plain_text_render("notifications/emails/base.txt", layout)
        html_full = render_to_string("notifications/emails/base.html", layout)
    # The address on the row's recipient now, not when the row was written.
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_full,
        to=[user.email],
        connection=connection,
        headers={
            "Message-ID": message_id_for(notification.key),
            "List-Unsubscribe": f"<{layout['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html_full, "text/html")
    return message
