"""Build skills.csv from the curated list and the ESCO and O*NET source files.

    python skills/data/build_taxonomy.py [--source ../shared/data/skills]

`curated.csv` is what the project team maintains: one row per portal skill (slug,
canonical name, Traditional and Simplified Chinese names, category, hand-written
aliases), plus `esco` (the preferredLabel of the ESCO concepts that are this skill),
`onet` (O*NET Technology Skills product names that mean it), `broader` (the skills it
is a kind of) and `weight` (a specificity set by hand, for skills O*NET cannot tell).
This script adds the ESCO concepts' altLabels and those O*NET names as aliases, drops
aliases that are too short or too vague to find in free text or that would mean two
skills at once, checks that every referenced ESCO concept, O*NET name and broader skill
exists (and that no skill is its own ancestor), counts for each skill the O*NET
occupations whose technologies resolve to it (`onet_occupations`: how common the skill
is across the labour market, which sets its weight in matching), and writes
`skills.csv` (what `skills.services.skills_sync` loads) and `park_technologies.csv`
(the O*NET technologies of the park's occupations, `park_occupations.csv`, with how many
of them use each: the coverage test checks the taxonomy resolves them).
Deterministic: the same inputs always give the same files.

Sources (CC BY 4.0): ESCO v1.1.1 / v1.2.0, European Commission; O*NET 29.2,
USDOL/ETA. See README.md in this folder.
"""

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # the repository, for skills.finder (no Django)

from skills.finder import Label, SkillIndex, label_key  # noqa: E402

DEFAULT_SOURCE = HERE.parents[2] / "shared" / "data" / "skills"
ESCO_FILES = ["esco_digital_skills_en.csv", "esco_skills_en.csv"]
ONET_FILE = "onet_technology_skills.txt"
OUT_FIELDS = [
    "slug",
    "name",
    "name_zh",
    "name_zh_hans",
    "category",
    "aliases",
    "broader",
    "onet_occupations",
    "weight",
]
CATEGORIES = {
    "programming",
    "data_ai",
    "cloud",
    "hardware",
    "life_sciences",
    "engineering",
    "finance",
    "business",
    "design",
}
# Imported aliases at most this many per skill, so one concept's long tail of
# variants cannot drown the hand-written ones.
MAX_IMPORTED = 6
MAX_WORDS = 5
# Imported labels that are everyday words, or another skill's name, in a CV.
VAGUE = {"data", "analysis", "engineering", "design", "programming", "software", "testing"}
# Imported labels reviewed and refused: another tool or language, or too loose a term.
REFUSED = {
    "mocha",
    "escript",
    "live script",
    "csjs",
    "subquery",
    "sequel",
    "informix 4gl/sql",
    "use of data",
    "use of statistics",
    "ocr",
    "image interpretation",
    "visual detection",
    "logistics",
    "rights",
    "ics",
    "gps",
    "global positioning systems",
    "remote sensing",
    "sustainability",
    "smart devices",
    "information appliances",
    "regulatory systems",
    "system control",
    "control devices",
    "industrial control devices",
    "control system",
    "hazard manamagent",
    "medical products",
    "risk administration",
    "biological computing",
    "analogic transmission digital transmission",
    "manufacture mechanisms",
    "personal home page",
    "nano-objects",
    "assembly",  # an assembly line, in most CVs
}
# ESCO turns one skill into many "X techniques", "coding in X"…: not what a CV says.
GENERIC = re.compile(
    r"\b(algorithms?|techniques|principles|paradigms|coding in|programming in|testing in|"
    r"methods|development principles|use of|tools|software|typology|types of|kinds of|field of|"
    r"study of|science of|fundamentals of|management of|managing of|manage|of a|theories|"
    r"application of|used in|analyse|design mechanisms|maintain|supervision|oversight|"
    r"functioning of|activities)\b"
)


def _key(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip().lower()


def _importable(label: str) -> bool:
    """An imported label is kept only if it could stand for the skill in a CV."""
    key = _key(label)
    return (
        len(key) >= 3
        and "(" not in key
        and "," not in key
        and len(key.split()) <= MAX_WORDS
        and key not in VAGUE
        and key not in REFUSED
        and not GENERIC.search(key)
        and not key.endswith(" types")
    )


def read_esco(source: Path) -> dict[str, list[str]]:
    """ESCO preferredLabel (lower case) → its altLabels."""
    labels: dict[str, list[str]] = {}
    for name in ESCO_FILES:
        with (source / name).open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                alt = [a.strip() for a in re.split(r"[\n|]", row["altLabels"] or "") if a.strip()]
                labels.setdefault(_key(row["preferredLabel"]), alt)
    return labels


def read_onet(source: Path) -> dict[str, list[tuple[str, bool, bool]]]:
    """O*NET technology name → (occupation code, hot, in demand) of every row naming it."""
    rows: dict[str, list[tuple[str, bool, bool]]] = defaultdict(list)
    with (source / ONET_FILE).open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            rows[row["Example"].strip()].append(
                (row["O*NET-SOC Code"], row["Hot Technology"] == "Y", row["In Demand"] == "Y")
            )
    return rows


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _check_broader(rows: list[dict], errors: list[str]) -> None:
    slugs = {row["slug"] for row in rows}
    parents = {row["slug"]: _split(row.get("broader", "")) for row in rows}
    for slug, broader in parents.items():
        for parent in broader:
            if parent not in slugs:
                errors.append(f"{slug}: no broader skill {parent!r}")
    for slug in parents:  # no skill may be its own ancestor
        seen, todo = set(), list(parents[slug])
        while todo:
            parent = todo.pop()
            if parent == slug:
                errors.append(f"{slug}: is its own broader skill (a cycle)")
                break
            if parent not in seen and parent in parents:
                seen.add(parent)
                todo.extend(parents[parent])


def build(curated: Path, source: Path) -> list[dict]:
    esco, onet = read_esco(source), read_onet(source)
    with curated.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    errors = []
    # Label normal form (skills.finder.label_key: plural, case, script folded) → slug, for
    # the hand-written labels: two skills may never share one.
    owner: dict[tuple, str] = {}
    for row in rows:
        if row["category"] not in CATEGORIES:
            errors.append(f"{row['slug']}: unknown category {row['category']!r}")
        if row.get("weight") and not 1 <= int(row["weight"]) <= 9:
            errors.append(f"{row['slug']}: weight {row['weight']} is not 1 to 9")
        own = [row["name"], row["name_zh"], row["name_zh_hans"], *_split(row["aliases"])]
        for label in filter(None, own):
            previous = owner.setdefault(label_key(label), row["slug"])
            if previous != row["slug"]:
                errors.append(f"{label!r} is written for both {previous} and {row['slug']}")
    _check_broader(rows, errors)
    imported: dict[str, list[str]] = {}
    for row in rows:
        found = []
        for concept in _split(row["esco"]):
            if _key(concept) not in esco:
                errors.append(f"{row['slug']}: no ESCO concept {concept!r}")
                continue
            found += [concept, *esco[_key(concept)]]
        for name in _split(row["onet"]):
            if name not in onet:
                errors.append(f"{row['slug']}: no O*NET technology {name!r}")
        # An O*NET name mapped by hand is kept whatever its words: it is how O*NET
        # resolves ("SAP software"); imported ESCO labels must look like a CV's words.
        imported[row["slug"]] = [
            *_split(row["onet"]),
            *(label for label in found if _importable(label)),
        ]
    if errors:
        raise SystemExit("\n".join(errors))
    # An imported label that two skills would claim, or that another skill owns, is dropped.
    claims: dict[tuple, set[str]] = {}
    for slug, labels in imported.items():
        for label in labels:
            claims.setdefault(label_key(label), set()).add(slug)
    out = []
    for row in rows:
        aliases, seen = [], {label_key(row["name"]), label_key(row["name_zh"])}
        seen.add(label_key(row["name_zh_hans"]))
        candidates = _split(row["aliases"])
        extra = [
            label
            for label in imported[row["slug"]]
            if owner.get(label_key(label), row["slug"]) == row["slug"]
            and claims[label_key(label)] == {row["slug"]}
        ]
        # O*NET names mapped by hand are always kept (they are how O*NET resolves).
        onet_names = [name for name in _split(row["onet"]) if name in extra]
        esco_labels = [label for label in extra if label not in onet_names]
        for label in candidates + onet_names + esco_labels[:MAX_IMPORTED]:
            key = label_key(label)
            if label and key not in seen:
                seen.add(key)
                aliases.append(label.strip())
        out.append(
            {
                "slug": row["slug"],
                "name": row["name"],
                "name_zh": row["name_zh"],
                "name_zh_hans": row["name_zh_hans"],
                "category": row["category"],
                "aliases": "|".join(aliases),
                "broader": "|".join(_split(row.get("broader", ""))),
                "onet_occupations": "",
                "weight": row.get("weight", ""),
            }
        )
    index = index_of(out)
    occupations: dict[str, set[str]] = defaultdict(set)
    for name, uses in onet.items():
        skill = index.resolve(name, suggest=False).skill
        if skill is not None:
            occupations[skill].update(code for code, _hot, _demand in uses)
    for row in out:
        row["onet_occupations"] = str(len(occupations[row["slug"]]) or "")
    return out


def index_of(rows: list[dict]) -> SkillIndex:
    """The finder's index over built rows (slugs as keys), as the portal builds it."""
    broader = {row["slug"]: set(_split(row["broader"])) for row in rows}
    languages = [row["slug"] for row in rows if row["category"] == "programming"]
    labels = []
    for row in rows:
        for name in (row["name"], row["name_zh"], row["name_zh_hans"]):
            if name:
                labels.append(Label(row["slug"], name, canonical=True))
        labels += [Label(row["slug"], alias, canonical=False) for alias in _split(row["aliases"])]
    return SkillIndex(labels, broader=broader, languages=languages)


PARK_FIELDS = ["code", "technology", "hot", "in_demand", "onet_occupations"]


def park_technologies(source: Path) -> list[dict]:
    """Every O*NET technology of each of the park's occupations: hot, in demand, and how
    many O*NET occupations use it (the taxonomy's coverage test and the matching
    evaluation's labelled sets read this file, so neither needs the O*NET files)."""
    with (HERE / "park_occupations.csv").open(encoding="utf-8", newline="") as file:
        park = {row["code"] for row in csv.DictReader(file)}
    out = []
    for name, uses in read_onet(source).items():
        everyone = len({code for code, _hot, _demand in uses})
        for code, hot, demand in uses:
            if code in park:
                out.append(
                    {
                        "code": code,
                        "technology": name,
                        "hot": "Y" if hot else "",
                        "in_demand": "Y" if demand else "",
                        "onet_occupations": everyone,
                    }
                )
    return sorted(out, key=lambda row: (row["code"], row["technology"]))


def _write(path: Path, rows: list[dict], fields: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--curated", type=Path, default=HERE / "curated.csv")
    parser.add_argument("--out", type=Path, default=HERE / "skills.csv")
    parser.add_argument("--park-out", type=Path, default=HERE / "park_technologies.csv")
    args = parser.parse_args(argv)
    rows = build(args.curated, args.source)
    _write(args.out, rows, OUT_FIELDS)
    technologies = park_technologies(args.source)
    _write(args.park_out, technologies, PARK_FIELDS)
    index = index_of(rows)
    hot = sorted({row["technology"] for row in technologies if row["hot"]})
    typed = sum(index.resolve(name, suggest=False).skill is not None for name in hot)
    print(
        f"{len(rows)} skills written to {args.out}; {typed} of {len(hot)} hot technologies "
        "of the park's occupations resolve when typed",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
