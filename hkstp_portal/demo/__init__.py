"""Demo data: invented park companies, roles, candidates and fairs (no real company or person).

`demo_data_load()` is idempotent: every row has a natural key (email, slug,
company + title), so a second run updates instead of duplicating. A demo
company's job with a catalogue title the plan no longer gives it is deleted.

The jobs come from role templates (ROLES, per cluster) drawn for each company
with a seeded random generator, so every run plans the same jobs; only their
dates move with today. Every facet of the public search gets open jobs, and
each company also has drafts, a job pending review, a closed and an expired one.
"""

import dataclasses
import datetime
import random

import factory
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from companies.models import Company, CompanyMember
from events.models import Event
from hkstp_portal.demo import simplified
from hkstp_portal.demo.alerts import demo_alerts_load
from hkstp_portal.demo.catalogue import (  # noqa: F401 - re-exported for the commands and tests
    ALL_ROLES,
    CANDIDATE_EMAIL,
    COMPANIES,
    DEGREE,
    EMPLOYER_EMAIL,
    EVENTS,
    EXPERIENCE,
    GENERIC_ROLES,
    INNOHK_ROLES,
    INNOPARKS,
    LANGUAGE_NAMES,
    LEVEL_WEIGHTS,
    MODERATION_NOTES,
    OPEN_JOBS_BY_SIZE,
    PENDING_EMPLOYER_EMAIL,
    POOLS,
    REJECTED_EMPLOYER_EMAIL,
    ROLE_BY_TITLE,
    SALARY_BANDS,
    SEED,
    SITE_TEXT,
    STAFF_EMAIL,
    DemoCompany,
    P,
    Role,
)
from hkstp_portal.demo.fair_exhibitors import demo_fair_exhibitors_load
from hkstp_portal.demo.fair_registrations import demo_fair_registrations_load
from hkstp_portal.demo.programmes import demo_programmes_load
from hkstp_portal.demo.talent import demo_talent_load
from hkstp_portal.vocabulary import Education as Ed
from hkstp_portal.vocabulary import EmploymentType as T
from hkstp_portal.vocabulary import ProgrammeTag, Site
from hkstp_portal.vocabulary import Seniority as S
from hkstp_portal.vocabulary import WorkMode as W
from jobs.models import Job
from jobs.services import job_expiry, job_search_index
from matching.services import matching_rebuild
from skills.models import Skill
from skills.services import skills_sync
from talent.models import CV, CandidateProfile
from talent.services.cvs import cv_parse
from tests import factories


@dataclasses.dataclass
class PlannedJob:
    company: DemoCompany
    role: Role
    seniority: str
    status: str
    values: dict  # Job fields that do not depend on today
    required: list  # skill slugs
    preferred: list
    timing: dict  # offsets from now, in days


def _bullets(lines) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _languages(role: Role, site: str) -> list[str]:
    langs = role.lang.split()
    if site == Site.SHENZHEN_BRANCH and "cmn" not in langs:
        langs.append("cmn")
    return [code for code in LANGUAGE_NAMES if code in langs]


def _language_line(langs: list[str]) -> str:
    if langs == ["en"]:
        return "Good written and spoken English"
    if "en" not in langs:
        return f"Spoken {' and '.join(LANGUAGE_NAMES[c] for c in langs)}; basic written English"
    names = [LANGUAGE_NAMES[c] for c in langs]
    return "Good " + (", ".join(names[:-1]) + " and " + names[-1])


def _education_line(role: Role, seniority: str) -> str:
    field = role.discipline
    if role.kind == T.INTERNSHIP:
        return f"A current undergraduate or postgraduate student in {field}"
    if role.kind == T.GRADUATE_PROGRAMME:
        return (
            f"A bachelor's or master's degree in {field}, completed in the last two years "
            "or due next summer"
        )
    if role.education == Ed.NONE:
        return f"No degree required: at least a year of hands-on experience {field}"
    if role.education == Ed.PHD:
        return {
            S.ENTRY: f"A PhD in {field}, or your thesis submitted",
            S.MID: f"A PhD in {field}, with first-author publications",
            S.SENIOR: f"A PhD in {field} and at least 5 years of research experience since",
            S.LEAD: f"A PhD in {field} and 10+ years of research, including leading a group",
        }[seniority]
    return f"{DEGREE[role.education]} in {field}; {EXPERIENCE[seniority]}"


def _duties(role: Role, seniority: str, rng: random.Random) -> list[str]:
    duties = list(role.duties)
    if seniority == S.SENIOR:
        duties.append("Mentor junior colleagues and review their work")
    elif seniority == S.LEAD:
        size = rng.choice(["4", "5 to 8", "8 to 12"])
        duties.append(f"Lead and grow a team of {size}: hiring, coaching and setting priorities")
    elif seniority == S.INTERN:
        duties.append("Present your results to the team at the end of the internship")
    return duties[:6]


def _salary(seniority: str, rng: random.Random) -> tuple[int, int]:
    low, high = SALARY_BANDS[seniority]
    step = 500 if seniority == S.INTERN else 1000
    span = high - low
    width = span * rng.uniform(0.25, 0.45)
    start = low + rng.uniform(0, span - width)
    return round(start / step) * step, round((start + width) / step) * step


def _job_values(company: DemoCompany, role: Role, seniority: str, rng: random.Random) -> dict:
    title, title_zh = role.titled(seniority)
    sites = company.sites
    site = sites[0] if len(sites) == 1 or rng.random() < 0.6 else rng.choice(sites[1:])
    mode = rng.choice(role.modes.split())
    langs = _languages(role, site)
    shenzhen = site == Site.SHENZHEN_BRANCH
    english = "en" in langs

    overseas = english and rng.random() < 0.8
    gba = shenzhen or rng.random() < 0.75
    experienced = seniority in (S.SENIOR, S.LEAD) or role.education == Ed.PHD
    visa = overseas and not shenzhen and rng.random() < (0.6 if experienced else 0.3)
    ttps = not shenzhen and role.kind != T.INTERNSHIP and rng.random() < 0.55

    programmes = []
    if company.programme == P.INNOHK:
        programmes.append(ProgrammeTag.INNOHK)
    if site in INNOPARKS:
        programmes.append(ProgrammeTag.INNOPARK)
    if role.kind == T.INTERNSHIP:
        programmes.append(ProgrammeTag.GLOBAL_INTERNSHIP)

    chinese = shenzhen or "yue" in langs or "cmn" in langs or rng.random() < 0.35
    if not chinese and rng.random() < 0.12:
        title_zh = ""
    site_en, site_zh = SITE_TEXT[site]
    where = {
        W.ON_SITE: f"The role is based at {site_en}.",
        W.HYBRID: f"The role is based at {site_en}, with up to two days a week working from home.",
        W.REMOTE: "The role is remote-first: work from anywhere in Hong Kong or the Greater Bay "
        f"Area, and meet the team at {site_en} once a month.",
    }[mode]
    where_zh = {
        W.ON_SITE: f"工作地點為{site_zh}。",
        W.HYBRID: f"工作地點為{site_zh}，每周最多兩天可在家工作。",
        W.REMOTE: "本職位以遙距工作為主，可在香港或大灣區任何地方工作，"
        f"每月一次到{site_zh}與團隊會面。",
    }[mode]
    description = f"{role.summary}\n\n**About {company.name}.** {company.description} {where}"
    description_zh = ""
    if chinese:
        description_zh = (
            f"{role.summary_zh}\n\n**關於{company.name_zh}**：{company.description_zh}{where_zh}"
        )

    # Written by hand for some companies and roles (hkstp_portal/demo/simplified.py); no
    # random draw here, so the rest of the plan stays as it was.
    title_zh_hans, description_zh_hans = simplified.job_text(
        company.slug, role.title, title, seniority, mode, site
    )

    low, high = _salary(seniority, rng)
    if role.kind == T.INTERNSHIP:
        openings = rng.randint(2, 5)
    elif role.kind == T.GRADUATE_PROGRAMME:
        openings = rng.randint(2, 4)
    elif seniority == S.ENTRY:
        openings = rng.randint(1, 3)
    else:
        openings = 1 if rng.random() < 0.8 else 2

    needs = list(role.needs)
    requirements = [_education_line(role, seniority), *needs[:4], _language_line(langs)]
    return {
        "title": title,
        "title_zh": title_zh,
        "title_zh_hans": title_zh_hans,
        "description": description,
        "description_zh": description_zh,
        "description_zh_hans": description_zh_hans,
        "responsibilities": _bullets(_duties(role, seniority, rng)),
        "requirements": _bullets(requirements),
        "employment_type": role.kind,
        "seniority": seniority,
        "education": role.education,
        "field": role.field,
        "site": site,
        "work_mode": mode,
        "salary_min": low,
        "salary_max": high,
        "show_salary": rng.random() < 0.88,
        "open_to_overseas": overseas,
        "open_to_gba": gba,
        "visa_sponsorship": visa,
        "ttps_welcome": ttps,
        "programmes": programmes,
        "languages": langs,
        "openings": openings,
    }


def _skills(role: Role, rng: random.Random) -> tuple[list[str], list[str]]:
    required = role.skills.split()
    if len(required) > 2 and rng.random() < 0.3:
        required = required[:-1]
    nice = role.nice.split()
    preferred = rng.sample(nice, rng.randint(0, len(nice))) if nice else []
    return required, preferred


def _timing(status: str, role: Role, rng: random.Random) -> dict:
    """Offsets in days from now (negative: in the past); deadlines in days from today."""
    if status == Job.Status.PUBLISHED:
        published = -rng.uniform(0.05, 50)
        with_deadline = role.kind in (T.INTERNSHIP, T.GRADUATE_PROGRAMME) or rng.random() < 0.25
        return {
            "submitted": published - rng.uniform(0, 2),
            "published": published,
            "deadline": rng.randint(7, 42) if with_deadline else None,
        }
    if status == Job.Status.PENDING:
        return {
            "submitted": -rng.uniform(0.1, 5),
            "deadline": rng.randint(21, 45) if rng.random() < 0.4 else None,
        }
    if status == Job.Status.CLOSED:
        published = -rng.uniform(20, 45)
        return {
            "submitted": published - rng.uniform(0, 2),
            "published": published,
            "closed": -rng.uniform(1, 15),
            "closed_reason": rng.choice(Job.CLOSED_BY_COMPANY),
        }
    if status == Job.Status.EXPIRED:
        published = -rng.uniform(62, 110)
        deadline_after = rng.randint(25, 40) if rng.random() < 0.5 else None
        return {
            "submitted": published - rng.uniform(0, 2),
            "published": published,
            # Days after publishing: the deadline passed, so the job expired on its own.
            "deadline_after": deadline_after,
        }
    return {}  # a draft; job_plan adds a moderation note to some


def job_plan() -> list[PlannedJob]:
    """Every demo job, in a fixed order, from a generator seeded with SEED."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    plan = []
    for index, company in enumerate(COMPANIES):
        if company.status == Company.Status.REJECTED:
            continue
        pool = []
        for key in company.pools or company.clusters:
            pool += [role for role in POOLS[key] if role not in pool]
        if company.programme == P.INNOHK:
            pool += INNOHK_ROLES
        signature = [ROLE_BY_TITLE[title] for title in company.signature]
        pool = [role for role in pool if role not in signature]
        generic = [role for role in GENERIC_ROLES if role not in signature]
        rng.shuffle(pool)
        rng.shuffle(generic)

        if company.status == Company.Status.VERIFIED:
            n_open = OPEN_JOBS_BY_SIZE[company.size]
            n_generic = 1 if n_open < 8 else 2
            n_cluster = max(0, n_open - n_generic - len(signature))
            open_roles = signature + pool[:n_cluster] + generic[:n_generic]
            rest = pool[n_cluster:] + generic[n_generic:]
            statuses = [Job.Status.PUBLISHED] * len(open_roles) + [
                Job.Status.PENDING,
                Job.Status.CLOSED,
                Job.Status.EXPIRED,
                Job.Status.DRAFT,
            ]
            if rng.random() < 0.5:
                statuses.append(Job.Status.DRAFT)
            roles = open_roles + rest[: len(statuses) - len(open_roles)]
        else:  # pending verification: drafts only, it cannot submit yet
            roles = signature
            statuses = [Job.Status.DRAFT] * len(roles)

        titles = set()
        sent_back = company.status == Company.Status.VERIFIED and index % 3 == 0
        for role, status in zip(roles, statuses, strict=True):
            levels = role.seniorities
            seniority = rng.choices(levels, weights=[LEVEL_WEIGHTS[s] for s in levels])[0]
            values = _job_values(company, role, seniority, rng)
            assert values["title"] not in titles, (company.slug, values["title"])  # noqa: S101
            titles.add(values["title"])
            required, preferred = _skills(role, rng)
            timing = _timing(status, role, rng)
            if status == Job.Status.DRAFT and sent_back:
                # HKSTP sent this one back with a note; it was submitted once.
                timing = {"note": MODERATION_NOTES[index // 3 % len(MODERATION_NOTES)]}
                sent_back = False
            plan.append(
                PlannedJob(company, role, seniority, status, values, required, preferred, timing)
            )
    return plan


# -- writing it ---------------------------------------------------------------

# Everything but the natural key (company + title), then the lifecycle the services set.
JOB_FIELDS = [field for field in Job.EDITABLE_FIELDS if field != "title"] + [
    "status",
    "moderation_note",
    "submitted_at",
    "published_at",
    "expires_at",
    "closed_at",
    "closed_reason",
    "updated_at",
]


def _lifecycle(planned: PlannedJob, job: Job, now: datetime.datetime) -> None:
    """Set the status and dates the way the services would have left them."""
    today = timezone.localdate(now)
    timing = planned.timing

    def days(offset):
        return None if offset is None else now + datetime.timedelta(days=offset)

    job.status = planned.status
    job.moderation_note = ""
    job.deadline = None
    job.submitted_at = job.published_at = job.expires_at = job.closed_at = None
    job.closed_reason = ""
    if planned.status == Job.Status.DRAFT:
        if timing.get("note"):
            job.submitted_at = now - datetime.timedelta(days=3)
            job.moderation_note = timing["note"]
        return
    job.submitted_at = days(timing["submitted"])
    if planned.status == Job.Status.PENDING:
        if timing["deadline"]:
            job.deadline = today + datetime.timedelta(days=timing["deadline"])
        return
    job.published_at = days(timing["published"])
    if timing.get("deadline"):
        job.deadline = today + datetime.timedelta(days=timing["deadline"])
    if timing.get("deadline_after"):
        published_day = timezone.localdate(job.published_at)
        job.deadline = published_day + datetime.timedelta(days=timing["deadline_after"])
    job.expires_at = job_expiry(job, job.published_at)
    if planned.status == Job.Status.CLOSED:
        job.closed_at = days(timing["closed"])
        job.closed_reason = timing["closed_reason"]


def _companies(now, staff) -> dict[str, Company]:
    companies = {}
    for index, row in enumerate(COMPANIES):
        decided = row.status != Company.Status.PENDING
        company, _ = Company.objects.update_or_create(
            slug=row.slug,
            defaults={
                "name": row.name,
                "name_zh": row.name_zh,
                "name_zh_hans": simplified.COMPANIES.get(row.slug, ("", ""))[0],
                "programme": row.programme,
                "clusters": row.clusters,
                "sites": row.sites,
                "size": row.size,
                "has_offices_outside_hk": row.outside,
                "description": row.description,
                "description_zh": row.description_zh,
                "description_zh_hans": simplified.COMPANIES.get(row.slug, ("", ""))[1],
                "website": f"https://{row.slug}.example",
                "status": row.status,
                "status_reason": row.status_reason,
                "is_trusted": row.trusted,
                "status_changed_at": (
                    now - datetime.timedelta(days=120 - index * 3) if decided else None
                ),
                "status_changed_by": staff if decided else None,
            },
        )
        companies[row.slug] = company
    return companies


def _jobs(companies: dict[str, Company], now: datetime.datetime) -> list[int]:
    plan = job_plan()
    existing = {
        (job.company_id, job.title): job
        for job in Job.objects.filter(company__in=companies.values())
    }
    skills = {skill.slug: skill.pk for skill in Skill.objects.all()}
    new, changed, links = [], [], []
    for planned in plan:
        company = companies[planned.company.slug]
        values = dict(planned.values)
        title = values.pop("title")
        job = existing.get((company.pk, title)) or Job(company=company, title=title)
        for name, value in values.items():
            setattr(job, name, value)
        _lifecycle(planned, job, now)
        job.updated_at = now
        (changed if job.pk else new).append(job)
        try:
            links.append(
                (job, [skills[s] for s in planned.required], [skills[s] for s in planned.preferred])
            )
        except KeyError as error:
            raise LookupError(f"demo job {title!r}: no skill with slug {error}") from error
    # One upsert by primary key: new jobs are inserted, existing ones updated.
    Job.objects.bulk_create(
        new + changed, update_conflicts=True, unique_fields=["id"], update_fields=JOB_FIELDS
    )

    ids = [job.pk for job, _, _ in links]
    for relation, position in ((Job.required_skills, 1), (Job.preferred_skills, 2)):
        through = relation.through
        through.objects.filter(job_id__in=ids).delete()
        through.objects.bulk_create(
            [through(job_id=link[0].pk, skill_id=pk) for link in links for pk in link[position]]
        )
    job_search_index(ids)

    # Jobs an earlier version of this plan made (a catalogue title the plan no
    # longer gives that company) would linger as extra open jobs: remove them.
    # Jobs people posted under other titles are left alone.
    catalogue = {role.titled(level)[0] for role in ALL_ROLES for level in role.seniorities}
    Job.objects.filter(company__in=companies.values(), title__in=catalogue).exclude(
        pk__in=ids
    ).delete()
    return ids


@transaction.atomic
def demo_data_load() -> dict:
    """Create or refresh the demo rows; return what exists afterwards."""
    now = timezone.now()
    skills_sync()  # the jobs point at skills by slug
    # Hashed once: hashing per user is most of the run time.
    password = factory.Transformer.Force(make_password(factories.DEFAULT_PASSWORD))
    staff = factories.SuperuserFactory(
        email=STAFF_EMAIL, name="Staff Demo (HKSTP Talent Services)", password=password
    )
    companies = _companies(now, staff)
    _jobs(companies, now)

    for email, name, slug in (
        (EMPLOYER_EMAIL, "Cheung Wing Sze", COMPANIES[0].slug),
        (PENDING_EMPLOYER_EMAIL, "Lau Chun Yin", "skyward-survey"),
        (REJECTED_EMPLOYER_EMAIL, "Yip Mei Ling", "orchid-wellness"),
    ):
        employer = factories.EmployerFactory(email=email, name=name, password=password)
        CompanyMember.objects.update_or_create(
            user=employer, defaults={"company": companies[slug], "role": CompanyMember.Role.ADMIN}
        )
    talent = demo_talent_load(password=password, company=companies[COMPANIES[0].slug])

    for slug, days_ahead, hour, hours, fields in EVENTS:
        starts_at = timezone.localtime(now + datetime.timedelta(days=days_ahead)).replace(
            hour=hour, minute=0, second=0, microsecond=0
        )
        Event.objects.update_or_create(
            slug=slug,
            defaults={
                **fields,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=hours),
                "site": Site.SCIENCE_PARK,
                "is_published": True,
            },
        )
    fairs = demo_fair_registrations_load(now=now)
    exhibitors = demo_fair_exhibitors_load(password=password)
    programmes = demo_programmes_load(password=password)
    # CVs the fair and programme demos attached directly: read them as the worker would.
    for cv_id in CV.objects.filter(parse_status=CV.ParseStatus.PENDING).values_list(
        "pk", flat=True
    ):
        cv_parse(cv_id=cv_id)
    # The demo rows were written without the publish path: match them all now, then give
    # the demo candidate the alerts a real one would have received.
    matching = matching_rebuild()
    demo_alerts_load(now=now)
    return {
        "companies": Company.objects.count(),
        "jobs": Job.objects.open(now).count(),
        "events": Event.objects.count(),
        "candidates": CandidateProfile.objects.count(),
        **talent,
        "fairs": fairs,
        "exhibitors": exhibitors,
        "programmes": programmes,
        "matches": matching["new_matches"],
    }
