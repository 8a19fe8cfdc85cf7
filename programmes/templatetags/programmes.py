"""Template helpers for programme pages and emails."""

from django import template
from django.utils.translation import gettext_lazy as _

from hkstp_portal import i18n
from programmes.models import ProgrammeApplication

register = template.Library()

Status = ProgrammeApplication.Status

STATUS_WORDS = {
    Status.SUBMITTED: _(
        "HKSTP has your application. Staff review every application and shortlist "
        "candidates for the companies to interview."
    ),
    Status.SHORTLISTED: _(
        "You are on the shortlist. The companies you chose may contact you for an "
        "interview; HKSTP then makes the offers."
    ),
    Status.SELECTED: _("You have an offer. Accept or decline it before the deadline."),
    Status.ACCEPTED: _("You accepted your offer. The company will contact you about starting."),
    Status.DECLINED: _("The offer was declined, so the place went back to the programme."),
    Status.NOT_SELECTED: _(
        "You were not selected this time. Thank you for applying; we hope to see you in a "
        "future round."
    ),
    Status.WITHDRAWN: _("You withdrew this application."),
}

HISTORY_WORDS = {
    Status.SUBMITTED: _("You applied"),
    Status.SHORTLISTED: _("Shortlisted"),
    Status.SELECTED: _("Offer made"),
    Status.ACCEPTED: _("Offer accepted"),
    Status.DECLINED: _("Offer declined"),
    Status.NOT_SELECTED: _("Not selected"),
    Status.WITHDRAWN: _("Withdrawn"),
}


@register.filter
def localized(obj, field: str) -> str:
    """Programme text in the page's language: the project's one fallback rule
    (hkstp_portal.i18n.localised); programmes have one Chinese version, `<field>_zh`."""
    return i18n.localised(obj, field)


@register.filter
def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, "")


@register.filter
def history_words(change) -> str:
    if change.to_status == Status.DECLINED and change.by_id is None:
        return str(_("Offer lapsed: no answer by the deadline"))
    return str(HISTORY_WORDS.get(change.to_status, change.to_status))


@register.filter
def percent_of(value, total) -> int:
    """`value` as a whole percentage of `total` (0 when total is 0), for bar widths."""
    try:
        return round(100 * int(value) / int(total)) if int(total) else 0
    except (TypeError, ValueError):
        return 0


BAR_PX = 240


@register.filter
def bar_px(value, total) -> int:
    """The length in SVG units of a bar for `value` when `total` fills the chart."""
    return round(BAR_PX * percent_of(value, total) / 100)


@register.filter
def times(value, factor) -> int:
    return int(value) * int(factor)
