"""Saving searches (the rules) and recording the new jobs they find."""

import datetime
import random

import pytest
from django.http import QueryDict
from django.utils import timezone

from alerts.models import SavedSearch, SavedSearchHit
from alerts.services import (
    saved_search_create,
    saved_search_delete,
    saved_search_hits_mark_notified,
    saved_search_hits_record,
    saved_search_update,
)
from hkstp_portal.errors import DomainError
from hkstp_portal.vocabulary import (
    Cluster,
    Education,
    Eligibility,
    EmploymentType,
    JobField,
    ProgrammeTag,
    Seniority,
    Site,
)
from jobs.search_index import search_bitmaps_forget
from jobs.selectors import job_search
from tests import factories

pytestmark = pytest.mark.django_db


def save(user, query="", name=None, frequency="daily"):
    return saved_search_create(
        user=user,
        params=QueryDict(query),
        name=name or f"search {query}"[:100],
        frequency=frequency,
    )


# -- saving: what is stored ------------------------------------------------------------


def test_saving_normalises_the_search_as_the_search_page_reads_it(candidate):
    saved = save(
        candidate,
        "site=innocentre&q=+python+&cluster=fintech&site=science_park&page=3&sort=salary"
        "&salary=40000&posted=7&eligibility=ttps_welcome&site=moon",
    )
    # "moon" is no site: the search page drops the whole site filter, and so does saving.
    assert saved.query == "q=python&cluster=fintech&eligibility=ttps_welcome&salary=40000&posted=7"
    assert saved.keyword == "python"
    assert saved.clusters == ["fintech"]
    assert saved.sites == []
    assert saved.eligibility == ["ttps_welcome"]
    assert saved.salary_floor == 40000
    assert saved.posted_within_days == 7
    assert saved.keyword_tsquery == "'python'"
    assert saved.search_url == "/jobs/?" + saved.query


def test_facet_values_are_stored_in_the_facets_order_so_equal_searches_are_equal(candidate):
    first = save(candidate, "site=innocentre&site=science_park", name="one")
    with pytest.raises(DomainError, match="already saved this search as “one”"):
        save(candidate, "site=science_park&site=innocentre&sort=newest", name="two")
    assert first.sites == ["science_park", "innocentre"]
    assert SavedSearch.objects.count() == 1


def test_keywords_become_the_same_tsquery_as_the_search(candidate):
    english = save(candidate, "q=Engineers -intern", name="a")
    chinese = save(candidate, "q=機器學習 python", name="b")
    single = save(candidate, "q=研", name="c")
    assert english.keyword_tsquery == "'engin' & !'intern'"
    assert chinese.keyword_tsquery == "'python' & '機器' <-> '器學' <-> '學習'"
    assert single.keyword_tsquery == "'研':*"
    no_words = save(candidate, "q=!!!", name="d")  # nothing the search can use: no keyword filter
    assert no_words.keyword_tsquery is None


def test_keywords_of_only_common_words_are_refused_and_nothing_is_saved(candidate):
    with pytest.raises(DomainError, match="only very common words"):
        save(candidate, "q=the and of")
    assert not SavedSearch.objects.exists()


def test_a_long_keyword_is_refused(candidate):
    with pytest.raises(DomainError, match="at most 100 characters"):
        save(candidate, "q=" + "python " * 20)
    assert not SavedSearch.objects.exists()


def test_an_empty_search_is_all_jobs(candidate):
    saved = save(candidate, "", name="Everything")
    assert saved.query == ""
    assert saved.keyword_tsquery is None
    assert saved.filter_labels() == []


# -- saving: the rules -----------------------------------------------------------------


def test_only_candidates_save_searches(employer, staff):
    for user in (employer, staff):
        with pytest.raises(DomainError, match="Only candidates"):
            save(user, "q=python")
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_name_is_required_and_short(candidate, name):
    with pytest.raises(DomainError):
        saved_search_create(user=candidate, params=QueryDict("q=python"), name=name)
    assert not SavedSearch.objects.exists()


def test_names_are_unique_per_candidate_ignoring_case(candidate):
    save(candidate, "q=python", name="Python jobs")
    with pytest.raises(DomainError, match="already have a saved search called"):
        save(candidate, "q=java", name="  python   JOBS ")
    other = factories.CandidateFactory()
    assert save(other, "q=python", name="Python jobs").name == "Python jobs"


def test_a_candidate_keeps_at_most_twenty_saved_searches(candidate):
    for i in range(SavedSearch.MAX_PER_USER):
        save(candidate, f"q=skill{i}", name=f"search {i}")
    with pytest.raises(DomainError, match="20 saved searches"):
        save(candidate, "q=one-too-many", name="one too many")
    assert SavedSearch.objects.filter(user=candidate).count() == SavedSearch.MAX_PER_USER


def test_a_bad_frequency_is_refused(candidate):
    with pytest.raises(DomainError, match="how often"):
        save(candidate, "q=python", frequency="hourly")
    assert not SavedSearch.objects.exists()


def test_the_database_refuses_a_second_search_with_the_same_name(candidate):
    from django.db import IntegrityError, transaction

    save(candidate, "q=python", name="Mine")
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedSearch.objects.create(user=candidate, name="MINE", query="q=java")


def test_rename_and_change_frequency(candidate):
    saved = save(candidate, "q=python", name="Python")
    save(candidate, "q=java", name="Java")
    saved_search_update(saved_search=saved, by=candidate, name="Python, weekly", frequency="weekly")
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Python, weekly", "weekly")
    # Keeping its own name is fine; taking another's is not.
    saved_search_update(saved_search=saved, by=candidate, name="python, WEEKLY", frequency="paused")
    with pytest.raises(DomainError, match="called “java”"):
        saved_search_update(saved_search=saved, by=candidate, name="java", frequency="daily")
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("python, WEEKLY", "paused")


def test_only_the_owner_updates_or_deletes(candidate):
    saved = save(candidate, "q=python", name="Python")
    other = factories.CandidateFactory()
    with pytest.raises(DomainError, match="not yours"):
        saved_search_update(saved_search=saved, by=other, name="Mine now", frequency="daily")
    with pytest.raises(DomainError, match="not yours"):
        saved_search_delete(saved_search=saved, by=other)
    saved.refresh_from_db()
    assert saved.name == "Python"
    saved_search_delete(saved_search=saved, by=candidate)
    assert not SavedSearch.objects.exists()


# -- recording hits ----------------------------------------------------------------------


def test_a_new_job_hits_the_matching_searches_once(candidate):
    job = factories.PublishedJobFactory(title="Python Engineer", site=Site.SCIENCE_PARK)
    hit = save(candidate, "q=python&site=science_park", name="hit")
    save(candidate, "q=python&site=innocentre", name="other site")
    save(candidate, "q=java", name="other word")

    assert saved_search_hits_record(job.pk) == 1
    assert list(SavedSearchHit.objects.values_list("saved_search_id", "job_id")) == [
        (hit.pk, job.pk)
    ]
    # Idempotent: the second run inserts nothing.
    assert saved_search_hits_record(job.pk) == 0
    assert SavedSearchHit.objects.count() == 1


def test_paused_searches_never_hit(candidate):
    job = factories.PublishedJobFactory(title="Python Engineer")
    saved = save(candidate, "q=python", frequency="paused")
    assert saved_search_hits_record(job.pk) == 0
    saved_search_update(saved_search=saved, by=candidate, name=saved.name, frequency="instant")
    assert saved_search_hits_record(job.pk) == 1


def test_jobs_that_are_not_open_hit_nothing(candidate):
    save(candidate, "")
    for job in (
        factories.JobFactory(),
        factories.PendingJobFactory(),
        factories.ClosedJobFactory(),
        factories.ExpiredJobFactory(),
        factories.PublishedJobFactory(expires_at=timezone.now() - datetime.timedelta(minutes=1)),
    ):
        assert saved_search_hits_record(job.pk) == 0
    assert saved_search_hits_record(0) == 0  # no such job
    assert not SavedSearchHit.objects.exists()


def test_inactive_accounts_get_no_hits(candidate):
    save(candidate, "")
    candidate.is_active = False
    candidate.save()
    assert saved_search_hits_record(factories.PublishedJobFactory().pk) == 0


def test_the_salary_floor_counts_only_shown_salaries(candidate):
    save(candidate, "salary=40000", name="40k")
    shown = factories.PublishedJobFactory(salary_min=30000, salary_max=45000)
    hidden = factories.PublishedJobFactory(salary_min=50000, salary_max=60000, show_salary=False)
    low = factories.PublishedJobFactory(salary_min=30000, salary_max=39000)
    open_ended = factories.PublishedJobFactory(salary_min=42000, salary_max=None)
    none = factories.PublishedJobFactory(salary_min=None, salary_max=None)
    assert saved_search_hits_record(shown.pk) == 1
    assert saved_search_hits_record(hidden.pk) == 0
    assert saved_search_hits_record(low.pk) == 0
    assert saved_search_hits_record(open_ended.pk) == 1
    assert saved_search_hits_record(none.pk) == 0


# -- the matcher finds exactly what the search finds -----------------------------------

KEYWORDS = [
    "",
    "",
    "",
    "python",
    "engineers",
    "machine learning",
    "機器學習",
    "學習",
    "數據 scientist",
    "研",
    "-intern",
    "senior -python",
    "tidewater",
    "潮汐",
    "kubernetes",
    '"data scientist"',
    "!!!",
]
FACETS = {
    "cluster": Cluster.values,
    "site": Site.values,
    "employment_type": EmploymentType.values,
    "seniority": Seniority.values,
    "education": Education.values,
    "field": JobField.values,
    "eligibility": Eligibility.values,
    "programme": ProgrammeTag.values,
}


def _random_query(rng: random.Random) -> str:
    params = QueryDict(mutable=True)
    keyword = rng.choice(KEYWORDS)
    if keyword:
        params["q"] = keyword
    for name, values in FACETS.items():
        if rng.random() < 0.3:
            params.setlist(name, rng.sample(values, rng.randint(1, 3)))
    if rng.random() < 0.3:
        params["salary"] = rng.choice(["20000", "30000", "40000", "60000", "80000"])
    if rng.random() < 0.1:
        params["posted"] = rng.choice(["1", "7", "30"])
    return params.urlencode()


def _varied_jobs(rng: random.Random) -> list:
    from skills.models import Skill

    kubernetes = Skill.objects.get(slug="kubernetes")
    tidewater = factories.VerifiedCompanyFactory(
        name="Tidewater Robotics",
        name_zh="潮汐機械人",
        clusters=[Cluster.AI_ROBOTICS, Cluster.SMART_CITY],
    )
    fintech = factories.VerifiedCompanyFactory(clusters=[Cluster.FINTECH])
    bio = factories.VerifiedCompanyFactory(clusters=[Cluster.HEALTHTECH, Cluster.MEDTECH])
    specs = [
        {"title": "Python Engineer", "company": tidewater},
        {"title": "Machine Learning Intern", "title_zh": "機器學習實習生", "company": fintech},
        {"title": "Data Scientist", "title_zh": "數據科學家", "company": bio},
        {"title": "Senior Platform Engineer", "description": "Run clusters.", "company": fintech},
        {"title": "Research Assistant", "description_zh": "負責研發深度學習模型。", "company": bio},
        {"title": "Accountant", "company": tidewater},
        {"title": "Lab Technician", "company": bio},
        {"title": "Senior Python Developer", "company": fintech},
    ]
    jobs = []
    for spec in specs:
        low = rng.choice([None, 18000, 25000, 35000, 45000, 70000])
        job = factories.PublishedJobFactory(
            **spec,
            site=rng.choice(Site.values),
            employment_type=rng.choice(EmploymentType.values),
            seniority=rng.choice(Seniority.values),
            education=rng.choice(Education.values),
            field=rng.choice(JobField.values),
            salary_min=low,
            salary_max=None if low is None or rng.random() < 0.3 else low + 10000,
            show_salary=rng.random() < 0.7,
            open_to_overseas=rng.random() < 0.5,
            open_to_gba=rng.random() < 0.5,
            visa_sponsorship=rng.random() < 0.3,
            ttps_welcome=rng.random() < 0.3,
            programmes=rng.sample(ProgrammeTag.values, rng.randint(0, 2)),
        )
        jobs.append(job)
    jobs[3].required_skills.set([kubernetes])
    from jobs.services import job_search_index

    job_search_index([jobs[3].pk])
    return jobs


@pytest.mark.parametrize("seed", [1, 2])
def test_hits_are_exactly_the_searches_whose_results_hold_the_job(seed):
    rng = random.Random(seed)  # noqa: S311 - test data
    jobs = _varied_jobs(rng)
    users = [factories.CandidateFactory() for _ in range(8)]
    searches = []
    for i in range(120):
        query = _random_query(rng)
        user = users[i % len(users)]
        if SavedSearch.objects.filter(user=user, query=query).exists():
            continue
        try:
            searches.append(saved_search_create(user=user, params=QueryDict(query), name=f"s{i}"))
        except DomainError:
            continue  # a repeat of the same normalised search
    # A paused copy of every search: never a hit.
    paused_user = factories.CandidateFactory()
    for saved in searches[: SavedSearch.MAX_PER_USER]:
        saved_search_create(
            user=paused_user, params=QueryDict(saved.query), name=saved.name, frequency="paused"
        )
    search_bitmaps_forget()  # the search index must see every job made by the factories

    results = {
        saved.pk: {job.pk for job in job_search(QueryDict(saved.query), page_size=100).page}
        for saved in searches
    }
    found_any = set()
    for job in jobs:
        hits = saved_search_hits_record(job.pk)
        hit_ids = set(
            SavedSearchHit.objects.filter(job=job).values_list("saved_search_id", flat=True)
        )
        expected = {pk for pk, job_ids in results.items() if job.pk in job_ids}
        assert hit_ids == expected, job.title
        assert hits == len(expected)
        found_any |= expected
    # The random searches are varied enough to hit and to miss.
    assert 10 < len(found_any) < len(searches)


def test_a_chinese_keyword_and_a_hidden_salary(candidate):
    job = factories.PublishedJobFactory(
        title="Machine Learning Engineer",
        title_zh="機器學習工程師",
        salary_min=60000,
        salary_max=80000,
        show_salary=False,
    )
    chinese = save(candidate, "q=機器學習", name="zh")
    save(candidate, "q=學習機器", name="zh reversed")
    save(candidate, "q=機器學習&salary=40000", name="zh 40k")
    assert saved_search_hits_record(job.pk) == 1
    assert SavedSearchHit.objects.get().saved_search == chinese


# -- marking hits notified ---------------------------------------------------------------


def test_mark_notified_marks_once_and_stamps_the_search(candidate):
    saved = save(candidate, "")
    jobs = factories.PublishedJobFactory.create_batch(3)
    for job in jobs:
        saved_search_hits_record(job.pk)
    hits = list(SavedSearchHit.objects.order_by("pk"))
    first = timezone.now()
    assert saved_search_hits_mark_notified([hits[0].pk, hits[1].pk], first) == 2
    later = first + datetime.timedelta(hours=1)
    assert saved_search_hits_mark_notified([hits[0].pk, hits[2].pk], later) == 1
    assert saved_search_hits_mark_notified([], later) == 0
    notified = dict(SavedSearchHit.objects.values_list("pk", "notified_at"))
    assert notified == {hits[0].pk: first, hits[1].pk: first, hits[2].pk: later}
    saved.refresh_from_db()
    assert saved.last_notified_at == later


def test_deleting_the_account_deletes_its_saved_searches_and_hits(candidate):
    from talent.services.privacy import account_delete

    save(candidate, "")
    saved_search_hits_record(factories.PublishedJobFactory().pk)
    account_delete(user=candidate)
    assert not SavedSearch.objects.exists()
    assert not SavedSearchHit.objects.exists()
