"""Template helpers for applications: stages in plain words for candidates."""

from django import template
from django.utils.translation import gettext_lazy as _

from applications.models import Stage
from applications.selectors import saved_job_ids

register = template.Library()

# What each stage means to the candidate. "Not selected" never carries the company's reason.
STAGE_WORDS = {
    Stage.NEW: _("Received: the company has your application."),
    Stage.SCREENING: _("Under review: the company is looking at your application."),
    Stage.INTERVIEW: _("Interview: the company would like to meet you and will be in touch."),
    Stage.OFFER: _("Offer: the company intends to make you an offer."),
    Stage.HIRED: _("Hired: congratulations!"),
    Stage.REJECTED: _(
        "Not selected: the company will not take your application further this time."
    ),
    Stage.WITHDRAWN: _("Withdrawn: you took this application back."),
}


@register.filter
def stage_words(stage: str) -> str:
    return STAGE_WORDS.get(stage, "")


@register.filter
def stage_label(stage: str) -> str:
    return Stage(stage).label if stage in Stage.values else ""


@register.simple_tag(takes_context=True)
def job_is_saved(context, job) -> bool:
    """Whether the signed-in candidate saved `job`; one query per request for a whole list."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_candidate:
        return False
    if not hasattr(request, "_saved_job_ids"):
        request._saved_job_ids = saved_job_ids(user)
    return job.pk in request._saved_job_ids


@register.filter
def answer_display(answer: str) -> str:
    """A screening answer as the reader says it: "Yes"/"No" in their language, text as typed."""
    return {"yes": _("Yes"), "no": _("No")}.get(answer, answer)
