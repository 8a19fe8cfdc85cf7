"""The match score as SQL, built from the same weights and ranks as matching.scoring.

`score_columns(c, j)` turns two maps of SQL fragments (the candidate's and the job's
facts: table columns on one side, query parameters on the other) into the factor
expressions and the score, so job → candidates (candidate columns, job parameters)
and candidate → jobs (the reverse) share one definition. Integer arithmetic only,
exactly as in scoring.py; tests/matching/test_sql.py checks they agree.
"""

from hkstp_portal.vocabulary import Residence, Site, WorkEligibility
from matching import scoring
from matching.scoring import FULL, HALF, WEIGHTS

FACTORS = list(WEIGHTS)


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


def _share(have_ids: str, total_ids: str) -> str:
    # intarray: `&` intersects two int[] (both free of NULLs), icount counts.
    return (
        f"(CASE WHEN cardinality({total_ids}) = 0 THEN {FULL} ELSE "
        f"icount({total_ids} & {have_ids}) * {FULL} / cardinality({total_ids}) END)"
    )


def hard_zero_sql(c: dict, j: dict) -> str:
    """True for the pairs that never match: needs sponsorship, none offered."""
    needs = WorkEligibility.NEEDS_SPONSORSHIP
    return f"({c['eligibility']} = '{needs}' AND NOT {j['visa_sponsorship']})"


def factor_sql(c: dict, j: dict) -> dict[str, str]:
    """One SQL expression per factor (0–1000), as scoring.score computes them."""
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
    return {
        "required": _share(c["skill_ids"], j["required_ids"]),
        "preferred": _share(c["skill_ids"], j["preferred_ids"]),
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


def score_from_factors_sql(prefix: str = "f_") -> str:
    """The score from factor columns named f_<factor>: sum(weight × factor) / 1000."""
    terms = " + ".join(f"{WEIGHTS[name]} * {prefix}{name}" for name in FACTORS)
    return f"(({terms}) / {FULL})"


def factors_json_sql(prefix: str = "f_") -> str:
    pairs = ", ".join(f"'{name}', {prefix}{name}" for name in FACTORS)
    return f"jsonb_build_object({pairs})"


CANDIDATE_FIELDS = [
    "skill_ids",
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
    "required_ids",
    "preferred_ids",
    "gate_ids",
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
    "skill_ids": "int[]",
    "required_ids": "int[]",
    "preferred_ids": "int[]",
    "gate_ids": "int[]",
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
