"""Labelled sets: job ads and CVs, and which CV each job is right for.

O*NET sets: for each of N occupations of the park (skills/data/park_occupations.csv),
at most one per O*NET broad occupation, one job ad and one CV, each written from an
independent sample of the technologies O*NET lists for that occupation. A technology is
drawn as often as a recruiter would name it: more often when O*NET flags it hot or in
demand, and more often the fewer occupations use it (an ad for a chip designer names
Cadence before Outlook; both can appear). Most of a job's and a CV's technologies come
from the occupation's core (its most named ones), a few from the rest of its list, as a
real ad and CV share the trade's core tools and differ in the rest (`Mix` sets how
much). The CV adds a few technologies of another occupation (a side project), a contact
block, a dated job (seven in ten) or a student's projects, colleagues' skills ("worked
with UX designers") and an education line, as CVs do. Jobs name their technologies as
a recruiter types them into the job form; CVs are free text, read as an upload is. A
pair is right when both come from the same occupation, close when the occupations share
a park cluster. Every draw comes from one seeded generator: a seed is always the same
set.

Real set: the resume-matcher sample CVs and job descriptions (PDF; copies in
tests/fixtures/cvs), read exactly as an upload and a pasted job ad are.
"""

import csv
import dataclasses
import math
import random
import re
from collections import defaultdict
from pathlib import Path

from matching.evaluation.metrics import CLOSE, RIGHT

DATA = Path(__file__).resolve().parents[2] / "skills" / "data"
PARK_OCCUPATIONS = DATA / "park_occupations.csv"
PARK_TECHNOLOGIES = DATA / "park_technologies.csv"
HOT_BIAS = 3


@dataclasses.dataclass(frozen=True)
class Mix:
    """How a set is drawn: the size of an occupation's core, and how many technologies
    a job requires and a CV names from the core and from the rest (ranges)."""

    name: str
    core: int
    job_core: tuple[int, int]
    job_rest: tuple[int, int]
    cv_core: tuple[int, int]
    cv_rest: tuple[int, int]


# Ads and CVs that share their trade's core tools, as in the set (where a plain
# Jaccard overlap put the right job first about nine times in ten), and a noisier mix
# where they share few (Jaccard about half as good): both are reported.
CORE_MIX = Mix("O*NET", core=10, job_core=(4, 7), job_rest=(0, 1), cv_core=(5, 8), cv_rest=(1, 3))
BROAD_MIX = Mix(
    "O*NET broad", core=15, job_core=(3, 6), job_rest=(0, 2), cv_core=(4, 8), cv_rest=(1, 4)
)
MIXES = (CORE_MIX, BROAD_MIX)


@dataclasses.dataclass(frozen=True)
class Occupation:
    code: str
    cluster: str
    title: str
    job_title: str
    cv_title: str
    # (technology name, how often a recruiter names it) as O*NET lists them.
    technologies: tuple[tuple[str, float], ...]

    @property
    def broad(self) -> str:
        return self.code[:6]  # "15-125": the O*NET-SOC broad occupation


@dataclasses.dataclass
class JobAd:
    key: str
    occupation: str
    title: str
    required: list[str]  # as typed into the job form
    preferred: list[str]
    years: int = 3  # what the ad asks ("3 years of experience")
    text: str = ""  # a pasted job description, when the skills are to be found in it


@dataclasses.dataclass
class Resume:
    key: str
    occupation: str
    text: str  # read as an upload is: skills, jobs and degrees (talent.cv_reading)


@dataclasses.dataclass
class LabelledSet:
    name: str
    jobs: list[JobAd]
    resumes: list[Resume]
    grades: dict[tuple[str, str], int]  # (resume key, job key) → RIGHT / CLOSE; else 0

    def grade(self, resume: str, job: str) -> int:
        return self.grades.get((resume, job), 0)


def read_occupations() -> list[Occupation]:
    """The park's occupations with their O*NET technologies, each weighted by how often
    a recruiter names it (from skills/data/park_technologies.csv, which the taxonomy
    build derives from O*NET 29.2, CC BY 4.0: no O*NET file is needed here)."""
    from skills.services import ONET_OCCUPATIONS

    technologies: dict[str, list[tuple[str, float]]] = defaultdict(list)
    with PARK_TECHNOLOGIES.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            weight = (HOT_BIAS if row["hot"] else 1) * (2 if row["in_demand"] else 1)
            weight *= math.log(ONET_OCCUPATIONS / int(row["onet_occupations"])) + 1
            technologies[row["code"]].append((row["technology"], weight))
    with PARK_OCCUPATIONS.open(encoding="utf-8", newline="") as file:
        return [
            Occupation(
                code=row["code"],
                cluster=row["cluster"],
                title=row["title"],
                job_title=row["job_title"],
                cv_title=row["cv_title"],
                technologies=tuple(technologies[row["code"]]),
            )
            for row in csv.DictReader(file)
            if technologies[row["code"]]
        ]


def _sample(rng: random.Random, technologies, k: int, exclude=()) -> list[str]:
    pool = [(name, weight) for name, weight in technologies if name not in exclude]
    chosen: list[str] = []
    while pool and len(chosen) < k:
        total = sum(weight for _name, weight in pool)
        pick = rng.uniform(0, total)
        for index, (name, weight) in enumerate(pool):
            pick -= weight
            if pick <= 0:
                chosen.append(name)
                del pool[index]
                break
    return chosen


_FIRST = ["Chan", "Wong", "Lee", "Cheung", "Lau", "Ng", "Ho", "Leung", "Tsang", "Yeung"]
_GIVEN = ["Ka Yan", "Wing Sze", "Chun Kit", "Hoi Lam", "Tsz Ho", "Mei Ling", "Wai Man"]
_SCHOOLS = ["HKUST", "The University of Hong Kong", "CUHK", "PolyU", "CityU", "HKBU"]
_VERBS = [
    "Built internal tools with {a} and {b}.",
    "Used {a} daily, together with {b}, to deliver projects on time.",
    "Introduced {a} to the team and maintained our {b} setup.",
    "Delivered a reporting pipeline based on {a}; documented it in {b}.",
    "Day-to-day work in {a}; trained two juniors on {b}.",
]
_COLLEAGUES = [
    "Worked closely with UX designers and data scientists on releases.",
    "Collaborated with Java developers and QA engineers across two time zones.",
    "Partnered with machine learning engineers to ship a recommendation feature.",
]


_COMPANIES = ["Harbour Labs Ltd", "Tolo Robotics Limited", "Shing Mun Bio Co.", "Lion Rock AI"]


def _resume_text(rng, name: str, title: str, mine: list[str], side: list[str], years: int):
    """A CV as a candidate writes one: contact block, headline, skills, and, for someone
    with work experience, a dated job (else a student's projects), then education."""
    handle = name.lower().replace(" ", "")
    listed, described = mine[: len(mine) // 2 + 1], mine[len(mine) // 2 + 1 :]
    headline = title if years else "Final-year student"
    lines = [
        name,
        headline,
        f"{handle}@example.com | +852 9123 4567 | github.com/{handle}",
        f"/github {handle}",
        "Summary",
        f"{headline} with hands-on experience in {listed[0]}.",
        "Skills",
        ", ".join(listed),
    ]
    if years:
        started = 2026 - years
        lines += ["Experience", f"{title}, {rng.choice(_COMPANIES)} | {started} – Present"]
    else:
        lines += ["Projects"]
    pairs = described + side
    for index in range(0, len(pairs), 2):
        a, b = pairs[index], pairs[index + 1] if index + 1 < len(pairs) else listed[-1]
        lines.append(rng.choice(_VERBS).format(a=a, b=b))
    lines.append(rng.choice(_COLLEAGUES))
    graduated = 2026 - years if years else 2027
    lines += ["Education", f"BSc, {rng.choice(_SCHOOLS)}, {graduated - 4} – {graduated}"]
    return "\n".join(lines)


def onet_set(
    occupations: list[Occupation], *, seed: int, size: int = 40, mix: Mix = CORE_MIX
) -> LabelledSet:
    """One job ad and one CV for each of `size` occupations drawn with `seed`."""
    rng = random.Random(seed)  # noqa: S311 — a reproducible sample, not a secret
    # At most one occupation of each O*NET broad occupation, so that "the right job" is
    # one job (database administrators and database architects are close, not right).
    chosen, broads = [], set()
    for occupation in rng.sample(occupations, len(occupations)):
        if occupation.broad not in broads and len(chosen) < size:
            chosen.append(occupation)
            broads.add(occupation.broad)
    jobs, resumes = [], []
    for index, occupation in enumerate(chosen):
        ranked = sorted(occupation.technologies, key=lambda tech: (-tech[1], tech[0]))
        core, rest = ranked[: mix.core], ranked[mix.core :]
        required = _sample(rng, core, rng.randint(*mix.job_core))
        required += _sample(rng, rest, rng.randint(*mix.job_rest))
        preferred = _sample(rng, ranked, rng.randint(0, 3), exclude=required)
        jobs.append(
            JobAd(f"job-{index}", occupation.code, occupation.job_title, required, preferred)
        )
        mine = _sample(rng, core, rng.randint(*mix.cv_core))
        mine += _sample(rng, rest, rng.randint(*mix.cv_rest))
        rng.shuffle(mine)
        other = rng.choice([o for o in chosen if o.code != occupation.code])
        side = _sample(rng, other.technologies, rng.randint(0, 2), exclude=mine)
        name = f"{rng.choice(_GIVEN)} {rng.choice(_FIRST)}"
        years = rng.randint(1, 8) if rng.random() < 0.7 else 0
        text = _resume_text(rng, name, occupation.cv_title, mine, side, years)
        resumes.append(Resume(f"cv-{index}", occupation.code, text))
    by_code = {occupation.code: occupation for occupation in chosen}
    grades = {}
    for resume in resumes:
        mine = by_code[resume.occupation]
        for job in jobs:
            theirs = by_code[job.occupation]
            if theirs.code == mine.code:
                grades[(resume.key, job.key)] = RIGHT
            elif theirs.cluster == mine.cluster:
                grades[(resume.key, job.key)] = CLOSE
    return LabelledSet(f"{mix.name} seed {seed}", jobs, resumes, grades)


# --- The resume-matcher CVs and job descriptions ----------------------------------------

RESUME_MATCHER_PAIRS = {
    "barry_allen_fe.pdf": "job_desc_front_end_engineer.pdf",
    "bruce_wayne_fullstack.pdf": "job_desc_full_stack_engineer.pdf",
    "alfred_pennyworth_pm.pdf": "job_desc_product_manager.pdf",
}
_AD_TITLE = re.compile(r"Job Description:\s*(.+?)\s*\((\d+)\+?\s*Years? of\s+Experience\)", re.S)


def pdf_text(path: Path) -> str:
    from talent.services.cvs import cv_extract_text  # the upload's own reader

    return cv_extract_text(path.read_bytes(), "pdf")


def resume_matcher_set(folder: Path) -> LabelledSet:
    """The sample CVs against the four job descriptions: each of the three obvious CVs is
    right for one job; the others (a Java full-stack CV, an ML engineer) have no label."""
    jobs = []
    for path in sorted((folder / "job-descriptions").glob("*.pdf")):
        text = pdf_text(path)
        match = _AD_TITLE.search(text)
        title = " ".join(match.group(1).split()) if match else path.stem
        years = int(match.group(2)) if match else 3
        jobs.append(JobAd(path.name, path.name, title, [], [], years=years, text=text))
    resumes = [
        Resume(path.name, path.name, pdf_text(path)) for path in sorted(folder.glob("*.pdf"))
    ]
    grades = dict.fromkeys(RESUME_MATCHER_PAIRS.items(), RIGHT)
    return LabelledSet("resume-matcher", jobs, resumes, grades)
