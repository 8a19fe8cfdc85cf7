"""The demo candidate's saved searches, and the alerts they and their matches brought.

Runs after the jobs, profiles and matches exist. Uses the real services, so the
notification centre and the saved-search page show what a real candidate sees; the
ledger keys make a second run add nothing.
"""

import datetime

from django.http import QueryDict

from accounts.models import User
from alerts.models import SavedSearch
from alerts.services import saved_search_create, saved_search_hits_notify, saved_search_hits_record
from hkstp_portal.demo.catalogue import CANDIDATE_EMAIL
from jobs.models import Job
from matching.models import Match
from matching.services import job_matches_notify

SEARCHES = [
    ("Machine learning at the park", "q=machine+learning&site=science_park", "instant"),
    ("Graduate roles in data", "field=data_ai&seniority=entry&seniority=intern", "daily"),
    ("機器學習", "q=機器學習", "weekly"),
]


def demo_alerts_load(*, now: datetime.datetime) -> dict:
    candidate = User.objects.filter(email=CANDIDATE_EMAIL).first()
    if candidate is None:
        return {}
    for name, query, frequency in SEARCHES:
        if not SavedSearch.objects.filter(user=candidate, name=name).exists():
            saved_search_create(
                user=candidate, params=QueryDict(query), name=name, frequency=frequency
            )
    # The newest jobs, as if each had just been published.
    recent = Job.objects.open(now).order_by("-published_at").values_list("pk", flat=True)[:20]
    for job_id in recent:
        saved_search_hits_record(job_id, now=now)
    hits = saved_search_hits_notify(now=now)
    best = Match.objects.filter(candidate=candidate).order_by("-score")[:3]
    for match in best:
        job_matches_notify(match.job_id, [candidate.pk])
    return {"saved_searches": SavedSearch.objects.filter(user=candidate).count(), "alerts": hits}
