from django import template

from matching.selectors import invitation_get_for_job, job_match_for_viewer

register = template.Library()


@register.inclusion_tag("matching/_job_match.html", takes_context=True)
def job_match_panel(context, job):
    """On a job's page, for a signed-in candidate: their invitation, if any, and how
    they fit the job, computed live (a few queries). Nothing for anyone else."""
    request = context["request"]
    return {
        "job": job,
        "match": job_match_for_viewer(job, request.user),
        "invitation": invitation_get_for_job(job, request.user),
    }
