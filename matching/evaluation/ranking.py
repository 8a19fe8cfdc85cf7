"""Rank a labelled set three ways: the portal, a Jaccard overlap, a random order.

The portal's ranking is the real thing: the jobs become published jobs of a verified
company (skills typed as into the job form, or found in a pasted ad), the CVs become
candidates (skills, past job and education confirmed from the CV as a candidate does
in one click), the feature rows are refreshed, and then

- jobs for a candidate: `matching.selectors.job_recommendation_ids`, the query behind
  "Recommended for you" (only jobs that pass the gate and the threshold are shown);
- candidates for a job: `matching.services.matches_for_job_record`, what runs when a
  job is published, read back in the order of the recommended-candidates page.

All of it inside one transaction that is rolled back: the database is left as it was.
Jaccard ranks every pair by |A ∩ B| / |A ∪ B| of the same skill sets (the job's
required and preferred skills, the candidate's own), random by a seeded shuffle; both
break ties at random.
"""

import dataclasses
import datetime
import random

from django.db import transaction

from matching.evaluation.datasets import LabelledSet
from matching.evaluation.metrics import RIGHT, summary

BASELINES = ("portal", "jaccard", "random")
TODAY = datetime.date(2026, 12, 1)


class _Rollback(Exception):
    pass


@dataclasses.dataclass
class Result:
    name: str
    # direction ("jobs for a candidate" / "candidates for a job") → ranker → figures
    figures: dict[str, dict[str, dict[str, float]]]
    # Every (grade, points) pair recorded as a match when the jobs were published: who
    # would be notified at a given threshold.
    matched: list[tuple[int, int]]
    # How many right pairs there are, for the recall of notifications.
    right_pairs: int
    # Per resume: the jobs the portal shows, with their points, best first.
    portal_jobs: dict[str, list[tuple[str, int]]]

    def first(self, resume: str) -> str | None:
        shown = self.portal_jobs.get(resume)
        return shown[0][0] if shown else None


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _order(keys, score, rng) -> list:
    noise = {key: rng.random() for key in keys}
    scores = {key: score(key) for key in keys}
    return sorted(keys, key=lambda key: (-scores[key], noise[key]))


def evaluate(labelled: LabelledSet, *, seed: int = 0, k: int = 5) -> Result:
    """Put the set in the database, rank it every way, roll back."""
    holder: dict = {}
    try:
        with transaction.atomic():
            holder["result"] = _evaluate(labelled, seed, k)
            raise _Rollback
    except _Rollback:
        pass
    return holder["result"]


def _evaluate(labelled: LabelledSet, seed: int, k: int) -> Result:
    from matching.evaluation import portal  # the database side

    jobs, candidates = portal.load(labelled, TODAY)
    rng = random.Random(seed)  # noqa: S311 — a reproducible tie-break, not a secret
    job_skills = {key: portal.job_skill_ids(job) for key, job in jobs.items()}
    cv_skills = {key: portal.candidate_skill_ids(user) for key, user in candidates.items()}
    figures: dict[str, dict] = {"jobs for a candidate": {}, "candidates for a job": {}}

    # Jobs for each candidate.
    rankings: dict[str, list] = {name: [] for name in BASELINES}
    portal_jobs: dict[str, list[tuple[str, int]]] = {}
    matched = []
    job_keys = list(jobs)
    for resume in labelled.resumes:
        grades = [labelled.grade(resume.key, job) for job in job_keys]
        portal_jobs[resume.key] = portal.jobs_for(candidates[resume.key], jobs)
        shown = [job for job, _points in portal_jobs[resume.key]]
        orders = {
            "portal": shown,
            "jaccard": _order(
                job_keys,
                lambda j, mine=cv_skills[resume.key]: _jaccard(mine, job_skills[j]),
                rng,
            ),
            "random": _order(job_keys, lambda _j: 0, rng),
        }
        for name, order in orders.items():
            rankings[name].append(([labelled.grade(resume.key, job) for job in order], grades))
    figures["jobs for a candidate"] = {name: summary(r, k) for name, r in rankings.items()}

    # Candidates for each job.
    rankings = {name: [] for name in BASELINES}
    cv_keys = list(candidates)
    for job in labelled.jobs:
        grades = [labelled.grade(cv, job.key) for cv in cv_keys]
        recorded = portal.candidates_for(jobs[job.key], candidates)
        matched += [(labelled.grade(cv, job.key), points) for cv, points in recorded]
        shown = [cv for cv, _points in recorded]
        orders = {
            "portal": shown,
            "jaccard": _order(
                cv_keys, lambda c, theirs=job_skills[job.key]: _jaccard(cv_skills[c], theirs), rng
            ),
            "random": _order(cv_keys, lambda _c: 0, rng),
        }
        for name, order in orders.items():
            rankings[name].append(([labelled.grade(cv, job.key) for cv in order], grades))
    figures["candidates for a job"] = {name: summary(r, k) for name, r in rankings.items()}
    right = sum(grade >= RIGHT for grade in labelled.grades.values())
    return Result(labelled.name, figures, matched, right, portal_jobs)
