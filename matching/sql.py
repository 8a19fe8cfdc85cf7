"""The match score as SQL, built from the same weights and ranks as matching.scoring.

`factor_sql(c, j, earned)` turns two maps of SQL fragments (the candidate's and the
job's facts: table columns on one side, query parameters on the other) into the factor
expressions, so job → candidates (candidate columns, job parameters) and candidate →
jobs (the reverse) share one definition. Integer arithmetic only, exactly as in
scoring.py; tests/matching/test_sql.py checks they agree.

Weighted skills as plain integer arrays. A skill of weight w is stored as *units*: the
numbers `id × UNIT_STRIDE + k`, so that the intarray extension's `icount(a & b)` (count of
the numbers two sorted arrays share, in C) is the weighted overlap, with no join:

    job, required skill:        k in [0, 4w)               4w units
    job, preferred skill:       k in [0, 2w)               2w units
    candidate, own skill:       k in [0, 4w)
    candidate, related skill:   k in [0, w) and [2w, 3w)

so a required skill the candidate has shares 4w units, a related one 2w (half), a
preferred skill they have 2w, a related one w (half): exactly `scoring.skills_earned`.
`cardinality()` of the job's units is its skill total. Built in SQL by the feature
refreshes (matching.services, from `units_array_sql`) and in Python for the parameter
side (`job_units`, `candidate_units` here).
"""

from hkstp_portal.vocabulary import Residence, Site, WorkEligibility
from matching import scoring
from matching.scoring import FULL, HALF, JOB_SHARE, PREFERRED_UNITS, REQUIRED_UNITS, WEIGHTS

FACTORS = list(WEIGHTS)
# Weights are 1 to 9, so a skill never has more than 36 units.
UNIT_STRIDE = 64


def job_units(required, preferred) -> list[int]:
    """The job's skill units from (id, weight) pairs (a required skill wins)."""
    required_ids = {pk for pk, _weight in required}
    units = [
        pk * UNIT_STRIDE + k for pk, weight in required for k in range(REQUIRED_UNITS * weight)
    ]
    units += [
        pk * UNIT_STRIDE + k
        for pk, weight in preferred
        if pk not in required_ids
        for k in range(PREFERRED_UNITS * weight)
    ]
    return sorted(units)


def candidate_units(own, related) -> list[int]:
    """The candidate's skill units from (id, weight) pairs of their own and related skills."""
    units = [pk * UNIT_STRIDE + k for pk, weight in own for k in range(REQUIRED_UNITS * weight)]
    units += [
        pk * UNIT_STRIDE + k
        for pk, weight in related
        for k in (*range(weight), *range(2 * weight, 3 * weight))
    ]
    return sorted(units)


def units_array_sql(skill: str, weight: str, kind: str) -> str:
    """The units of one skill row as an int[] expression (`kind`: 'required', 'own',
    'preferred' or 'related'), the same numbers as `job_units` and `candidate_units`."""
    base = f"{skill} * {UNIT_STRIDE}"
    if kind == "related":  # [0, w) and [2w, 3w)
        unit = f"{base} + (CASE WHEN k < {weight} THEN k ELSE k + {weight} END)"
        count = f"2 * {weight}"
    else:
        unit = f"{base} + k"
        count = f"{PREFERRED_UNITS if kind == 'preferred' else REQUIRED_UNITS} * {weight}"
    return f"ARRAY(SELECT {unit} FROM generate_series(0, {count} - 1) k ORDER BY 1)"  # noqa: S608


def title_terms_sql(text: str) -> str:
    """scoring.title_terms in SQL: the sorted, distinct ids of the words of `text`."""
    stopwords = ", ".join(f"'{word}'" for word in sorted(scoring.TITLE_STOPWORDS))
    word = (
        "(CASE WHEN length(w) > 3 AND w LIKE '%%s' AND w NOT LIKE '%%ss' "
        "THEN left(w, -1) ELSE w END)"
    )
    return (
        f"COALESCE(ARRAY(SELECT DISTINCT ('x' || substr(md5({word}), 1, 7))::bit(28)::int "  # noqa: S608
        f"FROM regexp_split_to_table(lower({text}), '[^a-z0-9]+') w "
        f"WHERE w <> '' AND w NOT IN ({stopwords}) ORDER BY 1), '{{}}')"
    )


def _case_rank(column: str, ranks: dict) -> str:
    whens = " ".join(f"WHEN '{key}' THEN {value}" for key, value in ranks.items())
    return f"(CASE {column} {whens} ELSE 0 END)"


def seniority_rank_sql(job_column: str) -> str:
    return _case_rank(job_column, scoring.SENIORITY_RANK)


def education_rank_sql(column: str) -> str:
    return _case_rank(column, scoring.EDUCATION_RANK)


def candidate_seniority_sql(years: str, education: str, studying: str) -> str:
    """scoring.seniority_rank in SQL."""
    degree = " ".join(f"WHEN {rank} THEN {extra}" for rank, extra in scoring.DEGREE_YEARS.items())
    effective = f"({years} + (CASE {education} {degree} ELSE 0 END))"
    steps = " ".join(
        f"WHEN {effective} >= {threshold} THEN {rank}"
        for threshold, rank in scoring.SENIORITY_YEARS
    )
    return f"(CASE WHEN {studying} AND {years} < 1 THEN 0 {steps} ELSE 1 END)"


def earned_sql(c: dict, j: dict) -> str:
    """scoring.skills_earned: the units both sides share (intarray: `&` intersects two
    sorted int[] free of NULLs, icount counts)."""
    return f"icount({j['unit_ids']} & {c['unit_ids']})"


def _share(part: str, whole: str) -> str:
    return f"(CASE WHEN {whole} = 0 THEN 0 ELSE LEAST({FULL}, {part} * {FULL} / {whole}) END)"


def hard_zero_sql(c: dict, j: dict) -> str:
    """True for the pairs that never match: needs sponsorship, none offered."""
    needs = WorkEligibility.NEEDS_SPONSORSHIP
    return f"({c['eligibility']} = '{needs}' AND NOT {j['visa_sponsorship']})"


def factor_sql(c: dict, j: dict, earned: str) -> dict[str, str]:
    """One SQL expression per factor (0–1000), as scoring.score computes them; `earned`
    is a column (or expression) holding `earned_sql(c, j)`."""
    sponsorship = WorkEligibility.NEEDS_SPONSORSHIP
    hk = f"'{WorkEligibility.HK_PERMANENT}', '{WorkEligibility.HK_RIGHT_TO_WORK}'"
    eligibility_base = (
        f"(CASE WHEN {c['eligibility']} = '{sponsorship}' "
        f"THEN (CASE WHEN {j['visa_sponsorship']} THEN {FULL} ELSE 0 END) "
        f"WHEN {c['eligibility']} IN ({hk}) THEN {FULL} "
        f"WHEN {c['eligibility']} = '{WorkEligibility.TTPS}' THEN "
        f"(CASE WHEN {j['ttps_welcome']} OR {j['visa_sponsorship']} THEN {FULL} ELSE {HALF} END) "
        f"WHEN {c['eligibility']} = '{WorkEligibility.GBA_BASED}' THEN "
        f"(CASE WHEN {j['open_to_gba']} OR {j['site']} = '{Site.SHENZHEN_BRANCH}' THEN {FULL} "
        f"WHEN {j['visa_sponsorship']} THEN {HALF} ELSE 0 END) "
        f"ELSE {HALF} END)"
    )
    overseas = (
        f"(CASE WHEN {c['residence']} = '{Residence.OVERSEAS}' AND NOT {j['open_to_overseas']} "
        f"THEN 2 ELSE 1 END)"
    )
    distance = f"abs({c['seniority_rank']} - {j['seniority_rank']})"
    job_cover = _share(earned, j["skill_units"])
    own_cover = _share(earned, c["skill_units"])
    shared_terms = f"icount({j['title_terms']} & {c['title_terms']})"
    job_terms = f"cardinality({j['title_terms']})"
    return {
        "skills": (
            f"(CASE WHEN {j['skill_units']} = 0 THEN {HALF} ELSE "
            f"({JOB_SHARE} * {job_cover} + {FULL - JOB_SHARE} * {own_cover}) / {FULL} END)"
        ),
        "title": (
            f"(CASE WHEN cardinality({j['title_terms']}) = 0 "
            f"OR cardinality({c['title_terms']}) = 0 THEN {HALF} "
            f"ELSE {_share(shared_terms, job_terms)} END)"
        ),
        "seniority": f"(CASE {distance} WHEN 0 THEN {FULL} WHEN 1 THEN {HALF} ELSE 0 END)",
        "education": (
            f"(CASE WHEN {c['education_rank']} >= {j['education_rank']} THEN {FULL} ELSE 0 END)"
        ),
        "eligibility": f"({eligibility_base} / {overseas})",
        "location": (
            f"((CASE WHEN cardinality({c['desired_sites']}) = 0 "
            f"OR {j['site']} = ANY({c['desired_sites']}) THEN {HALF} ELSE 0 END) + "
            f"(CASE WHEN cardinality({c['desired_work_modes']}) = 0 "
            f"OR {j['work_mode']} = ANY({c['desired_work_modes']}) THEN {HALF} ELSE 0 END))"
        ),
        "salary": (
            f"(CASE WHEN {c['min_salary']} IS NULL THEN {FULL} "
            f"WHEN {j['salary_top']} IS NULL THEN {HALF} "
            f"WHEN {j['salary_top']} >= {c['min_salary']} THEN {FULL} ELSE 0 END)"
        ),
        "field": (
            f"(CASE WHEN cardinality({c['desired_fields']}) = 0 THEN {HALF} "
            f"WHEN {j['field']} = ANY({c['desired_fields']}) THEN {FULL} ELSE 0 END)"
        ),
    }


def points_from_factors_sql(prefix: str = "f_") -> str:
    """The points from factor columns named f_<factor>: sum(weight × factor)."""
    return "(" + " + ".join(f"{WEIGHTS[name]} * {prefix}{name}" for name in FACTORS) + ")"


def factors_json_sql(prefix: str = "f_") -> str:
    pairs = ", ".join(f"'{name}', {prefix}{name}" for name in FACTORS)
    return f"jsonb_build_object({pairs})"


CANDIDATE_FIELDS = [
    "unit_ids",
    "reach_ids",
    "skill_units",
    "title_terms",
    "seniority_rank",
    "education_rank",
    "eligibility",
    "residence",
    "desired_sites",
    "desired_work_modes",
    "desired_fields",
    "min_salary",
]
JOB_FIELDS = [
    "unit_ids",
    "gate_ids",
    "skill_units",
    "title_terms",
    "seniority_rank",
    "education_rank",
    "site",
    "work_mode",
    "field",
    "salary_top",
    "open_to_overseas",
    "open_to_gba",
    "visa_sponsorship",
    "ttps_welcome",
]
# Casts for the parameter side, so PostgreSQL knows each parameter's type.
PARAM_TYPES = {
    "unit_ids": "int[]",
    "reach_ids": "int[]",
    "gate_ids": "int[]",
    "skill_units": "int",
    "title_terms": "int[]",
    "seniority_rank": "int",
    "education_rank": "int",
    "eligibility": "text",
    "residence": "text",
    "desired_sites": "text[]",
    "desired_work_modes": "text[]",
    "desired_fields": "text[]",
    "min_salary": "int",
    "site": "text",
    "work_mode": "text",
    "field": "text",
    "salary_top": "int",
    "open_to_overseas": "boolean",
    "open_to_gba": "boolean",
    "visa_sponsorship": "boolean",
    "ttps_welcome": "boolean",
}


def columns(alias: str, fields: list[str]) -> dict[str, str]:
    return {name: f"{alias}.{name}" for name in fields}


def params(prefix: str, fields: list[str]) -> dict[str, str]:
    return {name: f"(%({prefix}{name})s::{PARAM_TYPES[name]})" for name in fields}
