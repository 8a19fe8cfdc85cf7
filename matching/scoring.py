"""The one candidate–job match score: 0 to 100, with the reasons behind it.

Pure Python on two small value objects, so the same rules run for one job page
(live) and are mirrored, weight for weight, by the set-based SQL in
`matching.sql` (a test checks both give the same figures for many pairs).

Every factor is a whole number from 0 to 1000 ("thousandths of its weight"). The
*points* are `sum(weight × factor)`, 0 to 100,000, and rank; the *score* shown to people
is `points // 1000`. Integer arithmetic only, so Python and PostgreSQL never round
differently, and points fine enough that two jobs rarely tie.

Factors (weights in WEIGHTS, which sum to 100):
- skills: the skills both sides share, each weighed by how specific it is
  (`Skill.weight`: Verilog tells more than Excel), counted both ways: how much of the
  job the candidate covers (JOB_SHARE) and how much of the candidate's own profile the
  job is about. A required skill is worth four units per weight, a preferred one two; a
  related skill earns half: the candidate has a narrower one (SystemVerilog for a job
  that asks Verilog, Scrum for Agile; knowing Verilog is not half of SystemVerilog).
- title: the job title's words found in the candidate's past job titles and headline;
  neutral (half) when either side has none.
- seniority: the candidate's level (see `seniority_rank`) against the job's: the same
  level is a full fit, one level away half, further none.
- education: the candidate's highest level meets the job's minimum, or not.
- eligibility: the right to work against the job's openness. A candidate who needs
  visa sponsorship for a job that offers none is a hard zero: never a match.
- location: the job's site and work mode against the candidate's preferences.
- salary: the job's shown salary reaches the candidate's minimum.
- field: the job's field is one the candidate wants.
Missing preferences are neutral (half or full marks, never a penalty for not saying).

A job is only *matched* (recorded, recommended, notified) when the candidate is
eligible, has at least one of its gate skills or a skill related to one (its required
skills, or its preferred ones if it requires none) and scores at least MATCH_THRESHOLD.
"""

import dataclasses
import datetime
import hashlib
import re
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hkstp_portal.i18n import localised
from hkstp_portal.vocabulary import Education, Residence, Seniority, Site, WorkEligibility

WEIGHTS = {
    "skills": 60,
    "title": 10,
    "seniority": 6,
    "education": 4,
    "eligibility": 10,
    "location": 4,
    "salary": 3,
    "field": 3,
}
FULL = 1000
HALF = 500
# Of the skills factor, the share that is how much of the job the candidate covers (the
# rest: how much of the candidate's profile the job uses), in thousandths.
JOB_SHARE = 700
# Units a skill of weight w is worth: required 4w, preferred 2w; a related skill earns
# half of either (see matching.sql for how the SQL counts them).
REQUIRED_UNITS = 4
PREFERRED_UNITS = 2
# A match is shown (recommended jobs, recommended candidates) from MATCH_THRESHOLD, and
# emailed from NOTIFY_THRESHOLD: tuned on the evaluation sets (docs/matching.md) so that
# most emails are about the candidate's own occupation or a close one.
MATCH_THRESHOLD = 25
MATCH_THRESHOLD_POINTS = MATCH_THRESHOLD * FULL
NOTIFY_THRESHOLD = 55
NOTIFY_THRESHOLD_POINTS = NOTIFY_THRESHOLD * FULL

SENIORITY_RANK = {
    Seniority.INTERN: 0,
    Seniority.ENTRY: 1,
    Seniority.MID: 2,
    Seniority.SENIOR: 3,
    Seniority.LEAD: 4,
}
EDUCATION_RANK = {
    Education.NONE: 0,
    Education.ASSOCIATE: 1,
    Education.BACHELOR: 2,
    Education.MASTER: 3,
    Education.PHD: 4,
}
# Years a research degree counts as, towards seniority.
DEGREE_YEARS = {EDUCATION_RANK[Education.MASTER]: 1, EDUCATION_RANK[Education.PHD]: 3}
# Effective years of experience at which each level starts (entry below the first).
SENIORITY_YEARS = [(10, 4), (5, 3), (2, 2)]

assert sum(WEIGHTS.values()) == 100  # noqa: S101 — the score is out of 100


def experience_years(spans: list[tuple[datetime.date, datetime.date | None]], today) -> int:
    """Whole years of work from (started_on, ended_on or None for current) spans: the
    days of every span added up (overlaps counted twice, as on a CV), over 365."""
    days = sum(((end or today) - start).days for start, end in spans if (end or today) >= start)
    return max(days, 0) // 365


def seniority_rank(*, years: int, education_rank: int, studying: bool) -> int:
    """The candidate's level on the job scale (intern 0 … lead 4).

    Still studying with under a year of work: intern. Otherwise the years of work plus
    DEGREE_YEARS for a master's or PhD: under 2 entry, 2–4 mid, 5–9 senior, 10+ lead.
    """
    if studying and years < 1:
        return 0
    effective = years + DEGREE_YEARS.get(education_rank, 0)
    for threshold, rank in SENIORITY_YEARS:
        if effective >= threshold:
            return rank
    return 1


# --- Title words ---------------------------------------------------------------------

# Words that say the level or join others, not what the job is.
TITLE_STOPWORDS = frozenset(
    {"senior", "junior", "sr", "jr", "lead", "principal", "staff", "chief", "head", "intern"}
    | {"internship", "trainee", "graduate", "entry", "level", "i", "ii", "iii", "iv", "v"}
    | {"of", "and", "the", "for", "in", "at", "to", "with", "a", "an", "on", "or"}
)


def title_word(word: str) -> str:
    """One lower-case title word without its plural "s" (as matching.sql does)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def term_id(word: str) -> int:
    """A 28-bit number for a title word (the first 7 hex digits of its MD5, as SQL
    computes it), so title words compare as integer arrays."""
    return int(hashlib.md5(word.encode(), usedforsecurity=False).hexdigest()[:7], 16)


def title_terms(*texts: str) -> frozenset[int]:
    """The words of job titles (ASCII letters and digits, lower case, no level words)."""
    terms = set()
    for text in texts:
        for word in re.split(r"[^a-z0-9]+", (text or "").lower()):
            if word and word not in TITLE_STOPWORDS:
                terms.add(term_id(title_word(word)))
    return frozenset(terms)


# --- The facts -----------------------------------------------------------------------


class SkillName(NamedTuple):
    """A skill's name in each script; it reads as the active language's (reasons are
    written once and rendered in each reader's language)."""

    name: str
    name_zh: str = ""
    name_zh_hans: str = ""

    def __str__(self) -> str:
        return localised(self, "name")


@dataclasses.dataclass(frozen=True)
class CandidateFacts:
    """What the score needs to know about a candidate."""

    skill_ids: frozenset[int] = frozenset()
    # The broader skills of theirs they do not list (Verilog for SystemVerilog), each
    # with the name of a skill of theirs it comes from, for the reasons.
    related: tuple[tuple[int, SkillName], ...] = ()
    # Σ REQUIRED_UNITS x weight over skill_ids: the size of their profile.
    skill_units: int = 0
    title_terms: frozenset[int] = frozenset()
    years: int = 0
    education_rank: int = 0
    seniority_rank: int = 1
    eligibility: str = ""
    residence: str = ""
    desired_sites: tuple[str, ...] = ()
    desired_work_modes: tuple[str, ...] = ()
    desired_fields: tuple[str, ...] = ()
    min_salary: int | None = None
    # Their skills as the SQL's weighted units (matching.sql), for queries that take the
    # candidate as parameters; empty where only Python scores them.
    unit_ids: tuple[int, ...] = ()

    @property
    def related_ids(self) -> frozenset[int]:
        return frozenset(pk for pk, _source in self.related)

    @property
    def reach_ids(self) -> frozenset[int]:
        """Their skills and the related ones: what may pass a job's gate."""
        return self.skill_ids | self.related_ids


@dataclasses.dataclass(frozen=True)
class JobFacts:
    """What the score needs to know about a job. Skills are (id, name, weight) triples;
    a skill both required and preferred counts as required only."""

    required: tuple[tuple[int, SkillName, int], ...] = ()
    preferred: tuple[tuple[int, SkillName, int], ...] = ()
    title_terms: frozenset[int] = frozenset()
    seniority_rank: int = 2
    education_rank: int = 0
    site: str = Site.SCIENCE_PARK
    work_mode: str = "on_site"
    field: str = ""
    # The top of the salary range when the company shows it; None when hidden or unknown.
    salary_top: int | None = None
    salary_text: str = ""
    open_to_overseas: bool = False
    open_to_gba: bool = False
    visa_sponsorship: bool = False
    ttps_welcome: bool = False

    def __post_init__(self):
        required = {pk for pk, _name, _weight in self.required}
        preferred = tuple(skill for skill in self.preferred if skill[0] not in required)
        object.__setattr__(self, "preferred", preferred)

    @property
    def gate_ids(self) -> frozenset[int]:
        """The skills a candidate must share (or have a related one of) to be matched."""
        return frozenset(pk for pk, _name, _weight in (self.required or self.preferred))

    @property
    def skill_units(self) -> int:
        return REQUIRED_UNITS * sum(w for _pk, _name, w in self.required) + PREFERRED_UNITS * sum(
            w for _pk, _name, w in self.preferred
        )


@dataclasses.dataclass(frozen=True)
class MatchScore:
    points: int  # 0 to 100,000: what ranks
    eligible: bool
    gated: bool  # shares a gate skill, or a skill related to one
    factors: dict[str, int]
    required_have: tuple[SkillName, ...]
    required_missing: tuple[SkillName, ...]
    # (the job's skill, the candidate's skill it is related to), required and preferred.
    related_have: tuple[tuple[SkillName, SkillName], ...]
    preferred_have: tuple[SkillName, ...]

    @property
    def score(self) -> int:
        return self.points // FULL

    @property
    def is_match(self) -> bool:
        return self.eligible and self.gated and self.points >= MATCH_THRESHOLD_POINTS


def _share(part: int, whole: int) -> int:
    return min(FULL, part * FULL // whole) if whole else 0


def skills_earned(candidate: CandidateFacts, job: JobFacts) -> int:
    """The units of the job's skills the candidate earns: all of a skill they have, half
    of one related to theirs."""
    related = candidate.related_ids
    earned = 0
    for units, skills in ((REQUIRED_UNITS, job.required), (PREFERRED_UNITS, job.preferred)):
        for pk, _name, weight in skills:
            if pk in candidate.skill_ids:
                earned += units * weight
            elif pk in related:
                earned += units * weight // 2
    return earned


def factor_skills(candidate: CandidateFacts, job: JobFacts) -> int:
    job_units = job.skill_units
    if not job_units:
        return HALF  # a job that names no skill: neither for nor against anyone
    earned = skills_earned(candidate, job)
    job_cover = _share(earned, job_units)
    own_cover = _share(earned, candidate.skill_units)
    return (JOB_SHARE * job_cover + (FULL - JOB_SHARE) * own_cover) // FULL


def factor_title(candidate: CandidateFacts, job: JobFacts) -> int:
    if not job.title_terms or not candidate.title_terms:
        return HALF
    return _share(len(job.title_terms & candidate.title_terms), len(job.title_terms))


def factor_eligibility(candidate: CandidateFacts, job: JobFacts) -> int | None:
    """0–1000, or None for the hard zero (needs sponsorship, none offered)."""
    eligibility = candidate.eligibility
    if eligibility == WorkEligibility.NEEDS_SPONSORSHIP:
        if not job.visa_sponsorship:
            return None
        value = FULL
    elif eligibility in (WorkEligibility.HK_PERMANENT, WorkEligibility.HK_RIGHT_TO_WORK):
        value = FULL
    elif eligibility == WorkEligibility.TTPS:
        value = FULL if job.ttps_welcome or job.visa_sponsorship else HALF
    elif eligibility == WorkEligibility.GBA_BASED:
        if job.open_to_gba or job.site == Site.SHENZHEN_BRANCH:
            value = FULL
        else:
            value = HALF if job.visa_sponsorship else 0
    else:
        value = HALF  # not said
    if candidate.residence == Residence.OVERSEAS and not job.open_to_overseas:
        value //= 2
    return value


def factor_seniority(candidate: CandidateFacts, job: JobFacts) -> int:
    distance = abs(candidate.seniority_rank - job.seniority_rank)
    return FULL if distance == 0 else HALF if distance == 1 else 0


def factor_education(candidate: CandidateFacts, job: JobFacts) -> int:
    return FULL if candidate.education_rank >= job.education_rank else 0


def factor_location(candidate: CandidateFacts, job: JobFacts) -> int:
    site = not candidate.desired_sites or job.site in candidate.desired_sites
    mode = not candidate.desired_work_modes or job.work_mode in candidate.desired_work_modes
    return HALF * site + HALF * mode


def factor_salary(candidate: CandidateFacts, job: JobFacts) -> int:
    if candidate.min_salary is None:
        return FULL
    if job.salary_top is None:
        return HALF
    return FULL if job.salary_top >= candidate.min_salary else 0


def factor_field(candidate: CandidateFacts, job: JobFacts) -> int:
    if not candidate.desired_fields:
        return HALF
    return FULL if job.field in candidate.desired_fields else 0


def score(candidate: CandidateFacts, job: JobFacts) -> MatchScore:
    """Score one candidate against one job."""
    skills = candidate.skill_ids
    source = dict(candidate.related)
    required_have = tuple(name for pk, name, _w in job.required if pk in skills)
    required_missing = tuple(
        name for pk, name, _w in job.required if pk not in skills and pk not in source
    )
    related_have = tuple(
        (name, source[pk])
        for pk, name, _w in (*job.required, *job.preferred)
        if pk not in skills and pk in source
    )
    preferred_have = tuple(name for pk, name, _w in job.preferred if pk in skills)
    eligibility = factor_eligibility(candidate, job)
    factors = {
        "skills": factor_skills(candidate, job),
        "title": factor_title(candidate, job),
        "seniority": factor_seniority(candidate, job),
        "education": factor_education(candidate, job),
        "eligibility": eligibility or 0,
        "location": factor_location(candidate, job),
        "salary": factor_salary(candidate, job),
        "field": factor_field(candidate, job),
    }
    return MatchScore(
        points=0 if eligibility is None else points(factors),
        eligible=eligibility is not None,
        gated=bool(job.gate_ids & candidate.reach_ids),
        factors=factors,
        required_have=required_have,
        required_missing=required_missing,
        related_have=related_have,
        preferred_have=preferred_have,
    )


def points(factors: dict[str, int]) -> int:
    return sum(WEIGHTS[name] * value for name, value in factors.items())


# --- Reasons -----------------------------------------------------------------------

CANDIDATE = "candidate"
RECRUITER = "recruiter"


@dataclasses.dataclass(frozen=True)
class Reason:
    text: str
    good: bool


def _names(names) -> str:
    return ", ".join(str(name) for name in names)


def _skills_reason(result: MatchScore, job: JobFacts, audience: str) -> Reason | None:
    total = len(job.required)
    if not total:
        return None
    have = len(result.required_have)
    missing = _names(result.required_missing)
    if audience == CANDIDATE:
        if have == total == 2:
            text = _("You have both required skills")
        elif have == total:
            text = ngettext(
                "You have the required skill", "You have all %(total)d required skills", total
            ) % {"total": total}
        elif not missing:
            text = ngettext(
                "You have %(have)d of %(total)d required skill; the rest are related to yours",
                "You have %(have)d of %(total)d required skills; the rest are related to yours",
                total,
            ) % {"have": have, "total": total}
        else:
            text = ngettext(
                "You have %(have)d of %(total)d required skill; missing: %(missing)s",
                "You have %(have)d of %(total)d required skills; missing: %(missing)s",
                total,
            ) % {"have": have, "total": total, "missing": missing}
    elif have == total == 2:
        text = _("Has both required skills")
    elif have == total:
        text = ngettext("Has the required skill", "Has all %(total)d required skills", total) % {
            "total": total
        }
    elif not missing:
        text = ngettext(
            "Has %(have)d of %(total)d required skill; the rest are related to theirs",
            "Has %(have)d of %(total)d required skills; the rest are related to theirs",
            total,
        ) % {"have": have, "total": total}
    else:
        text = ngettext(
            "Has %(have)d of %(total)d required skill; missing: %(missing)s",
            "Has %(have)d of %(total)d required skills; missing: %(missing)s",
            total,
        ) % {"have": have, "total": total, "missing": missing}
    return Reason(text, good=have * 2 >= total)


def _related_reason(result: MatchScore, audience: str) -> Reason | None:
    if not result.related_have:
        return None
    pairs = _names(
        _("%(theirs)s (from %(own)s)") % {"theirs": job_skill, "own": own}
        for job_skill, own in result.related_have
    )
    text = (
        _("Related to your skills, counted in part: %(pairs)s")
        if audience == CANDIDATE
        else _("Related to their skills, counted in part: %(pairs)s")
    )
    return Reason(text % {"pairs": pairs}, good=True)


def _eligibility_reason(
    candidate: CandidateFacts, job: JobFacts, result: MatchScore, audience: str
) -> Reason | None:
    you = audience == CANDIDATE
    eligibility = candidate.eligibility
    if not result.eligible:
        return Reason(
            _("Needs visa sponsorship, which this job does not offer")
            if not you
            else _("You need visa sponsorship, which this job does not offer"),
            good=False,
        )
    if eligibility == WorkEligibility.NEEDS_SPONSORSHIP:
        return Reason(_("Visa sponsorship offered"), good=True)
    if eligibility == WorkEligibility.TTPS:
        if job.ttps_welcome:
            return Reason(_("Open to TTPS holders"), good=True)
        return Reason(_("The job does not say it welcomes TTPS holders"), good=False)
    if eligibility == WorkEligibility.GBA_BASED:
        if job.site == Site.SHENZHEN_BRANCH:
            return Reason(_("A Shenzhen branch role, open to GBA-based talent"), good=True)
        if job.open_to_gba:
            return Reason(_("Open to GBA talent"), good=True)
        return Reason(_("Not open to GBA talent"), good=False)
    if candidate.residence == Residence.OVERSEAS:
        if job.open_to_overseas:
            return Reason(_("Open to overseas talent"), good=True)
        return Reason(_("Not open to overseas talent"), good=False)
    if eligibility in (WorkEligibility.HK_PERMANENT, WorkEligibility.HK_RIGHT_TO_WORK):
        return Reason(
            _("You can work in Hong Kong") if you else _("Can work in Hong Kong"), good=True
        )
    return None


def reasons(candidate: CandidateFacts, job: JobFacts, result: MatchScore, audience: str):
    """Short, translated sentences explaining `result`, for the candidate ("You have …")
    or the recruiter ("Has …"); the most important first."""
    you = audience == CANDIDATE
    out: list[Reason] = []
    if skills := _skills_reason(result, job, audience):
        out.append(skills)
    if eligibility := _eligibility_reason(candidate, job, result, audience):
        out.append(eligibility)
    if related := _related_reason(result, audience):
        out.append(related)
    if result.preferred_have:
        out.append(
            Reason(
                (
                    _("Nice-to-have skills you have: %(skills)s")
                    if you
                    else _("Also has: %(skills)s")
                )
                % {"skills": _names(result.preferred_have)},
                good=True,
            )
        )
    if result.factors["title"] >= HALF and job.title_terms and candidate.title_terms:
        out.append(
            Reason(
                _("Your past roles are close to this job's title")
                if you
                else _("Past roles close to this job's title"),
                good=True,
            )
        )
    level = Seniority(_rank_key(SENIORITY_RANK, job.seniority_rank)).label
    if result.factors["seniority"] == FULL:
        out.append(Reason(_("Experience fits the level: %(level)s") % {"level": level}, good=True))
    elif result.factors["seniority"] == 0:
        out.append(
            Reason(
                (
                    _("Your experience (%(years)d years) is far from the level asked: %(level)s")
                    if you
                    else _("Experience (%(years)d years) is far from the level asked: %(level)s")
                )
                % {"years": candidate.years, "level": level},
                good=False,
            )
        )
    education = Education(_rank_key(EDUCATION_RANK, job.education_rank)).label
    if job.education_rank and result.factors["education"] == 0:
        out.append(Reason(_("Asks for at least: %(level)s") % {"level": education}, good=False))
    if candidate.min_salary is not None and job.salary_top is not None:
        if result.factors["salary"] == FULL:
            text = (
                _("Salary %(range)s meets your minimum")
                if you
                else _("Salary %(range)s meets their minimum")
            )
            out.append(Reason(text % {"range": job.salary_text}, good=True))
        else:
            text = (
                _("Salary %(range)s is below your minimum")
                if you
                else _("Salary %(range)s is below their minimum")
            )
            out.append(Reason(text % {"range": job.salary_text}, good=False))
    if candidate.desired_sites and job.site not in candidate.desired_sites:
        out.append(
            Reason(
                (_("Not at a site you chose") if you else _("Not at a site they chose")),
                good=False,
            )
        )
    if candidate.desired_work_modes and job.work_mode not in candidate.desired_work_modes:
        out.append(
            Reason(
                _("Not a work mode you chose") if you else _("Not a work mode they chose"),
                good=False,
            )
        )
    if candidate.desired_fields and job.field in candidate.desired_fields:
        out.append(
            Reason(_("In a field you want") if you else _("In a field they want"), good=True)
        )
    return out


def _rank_key(ranks: dict, rank: int):
    return next(key for key, value in ranks.items() if value == rank)
