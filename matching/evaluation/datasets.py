"""Labelled sets: job ads and CVs, and which CV each job is right for.

O*NET set: for each of N occupations of the park (skills/data/park_occupations.csv) one
job ad and one CV, each written from an independent sample of the technologies O*NET
lists for that occupation (hot technologies three times as likely, as recruiters name
them more), the CV with a few technologies of another occupation (a side project), a
contact block, colleagues' skills ("worked with UX designers") and an education line, as
CVs are. Jobs name their technologies as a recruiter types them into the job form; CVs
are free text that the skill finder reads. A pair is right when both come from the same
occupation, close when the occupations share an O*NET broad occupation or a park
cluster. Every draw comes from one seeded generator: a seed is always the same set.

Real set: the resume-matcher sample CVs and job descriptions (PDF), read exactly as an
upload and a pasted job ad are.
"""

import csv
import dataclasses
import random
import re
from collections import defaultdict
from pathlib import Path

from matching.evaluation.metrics import CLOSE, RIGHT

PARK_OCCUPATIONS = Path(__file__).resolve().parents[2] / "skills" / "data" / "park_occupations.csv"
HOT_BIAS = 3


@dataclasses.dataclass(frozen=True)
class Occupation:
    code: str
    cluster: str
    title: str
    job_title: str
    cv_title: str
    # (technology name, hot) as O*NET lists them.
    technologies: tuple[tuple[str, bool], ...]

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
    text: str
    # A past job (title, years) the candidate confirms from their CV, or None.
    past_title: str | None = None
    years: int = 0


@dataclasses.dataclass
class LabelledSet:
    name: str
    jobs: list[JobAd]
    resumes: list[Resume]
    grades: dict[tuple[str, str], int]  # (resume key, job key) → RIGHT / CLOSE; else 0

    def grade(self, resume: str, job: str) -> int:
        return self.grades.get((resume, job), 0)


def read_occupations(source: Path) -> list[Occupation]:
    """The park's occupations with their O*NET technologies (`source` is shared/data)."""
    technologies: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    with (source / "skills" / "onet_technology_skills.txt").open(encoding="utf-8") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            technologies[row["O*NET-SOC Code"]].append(
                (row["Example"].strip(), row["Hot Technology"] == "Y")
            )
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
    pool = [(name, HOT_BIAS if hot else 1) for name, hot in technologies if name not in exclude]
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


def _resume_text(rng: random.Random, name: str, title: str, mine: list[str], side: list[str]):
    handle = name.lower().replace(" ", "")
    listed, described = mine[: len(mine) // 2 + 1], mine[len(mine) // 2 + 1 :]
    lines = [
        name,
        title,
        f"{handle}@example.com | +852 9123 4567 | github.com/{handle}",
        f"/github {handle}",
        "Summary",
        f"{title} with hands-on experience in {listed[0]}.",
        "Skills",
        ", ".join(listed),
        "Experience",
    ]
    pairs = described + side
    for index in range(0, len(pairs), 2):
        a, b = pairs[index], pairs[index + 1] if index + 1 < len(pairs) else listed[-1]
        lines.append(rng.choice(_VERBS).format(a=a, b=b))
    lines.append(rng.choice(_COLLEAGUES))
    lines += ["Education", f"BSc, {rng.choice(_SCHOOLS)}, 2016 – 2020"]
    return "\n".join(lines)


def onet_set(occupations: list[Occupation], *, seed: int, size: int = 40) -> LabelledSet:
    """One job ad and one CV for each of `size` occupations drawn with `seed`."""
    rng = random.Random(seed)  # noqa: S311 — a reproducible sample, not a secret
    chosen = rng.sample(occupations, min(size, len(occupations)))
    jobs, resumes = [], []
    for index, occupation in enumerate(chosen):
        techs = occupation.technologies
        required = _sample(rng, techs, rng.randint(4, 8))
        preferred = _sample(rng, techs, rng.randint(0, 3), exclude=required)
        jobs.append(
            JobAd(f"job-{index}", occupation.code, occupation.job_title, required, preferred)
        )
        mine = _sample(rng, techs, rng.randint(6, 12))
        other = rng.choice([o for o in chosen if o.code != occupation.code])
        side = _sample(rng, other.technologies, rng.randint(0, 2))
        name = f"{rng.choice(_GIVEN)} {rng.choice(_FIRST)}"
        experienced = rng.random() < 0.7
        resumes.append(
            Resume(
                f"cv-{index}",
                occupation.code,
                _resume_text(rng, name, occupation.cv_title, mine, side),
                past_title=occupation.cv_title if experienced else None,
                years=rng.randint(1, 8) if experienced else 0,
            )
        )
    by_code = {occupation.code: occupation for occupation in chosen}
    grades = {}
    for resume in resumes:
        mine = by_code[resume.occupation]
        for job in jobs:
            theirs = by_code[job.occupation]
            if theirs.code == mine.code:
                grades[(resume.key, job.key)] = RIGHT
            elif theirs.broad == mine.broad or theirs.cluster == mine.cluster:
                grades[(resume.key, job.key)] = CLOSE
    return LabelledSet(f"O*NET seed {seed}", jobs, resumes, grades)


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
