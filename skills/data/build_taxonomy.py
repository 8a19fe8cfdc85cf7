"""Build skills.csv from the curated list and the ESCO and O*NET source files.

    python skills/data/build_taxonomy.py [--source ../shared/data/skills]

`curated.csv` is what the project team maintains: one row per portal skill (slug,
canonical name, Traditional Chinese name, Simplified Chinese name, category,
hand-written aliases), plus `esco` (the preferredLabel of the ESCO concepts that
are this skill) and `onet` (O*NET Technology Skills product names that mean it).
This script adds the ESCO concepts' altLabels and those O*NET names as aliases,
the Simplified Chinese name where it differs from the Traditional one, drops
aliases that are too short or too vague to find in free text or that would mean
two skills at once, checks that every referenced ESCO concept and O*NET name
exists, and writes `skills.csv` (what `skills.services.skills_sync` loads).
Deterministic: the same inputs always give the same file.

Sources (CC BY 4.0): ESCO v1.1.1 / v1.2.0, European Commission; O*NET 29.2,
USDOL/ETA. See README.md in this folder.
"""

import argparse
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[2] / "shared" / "data" / "skills"
ESCO_FILES = ["esco_digital_skills_en.csv", "esco_skills_en.csv"]
ONET_FILE = "onet_technology_skills.txt"
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


def read_onet(source: Path) -> set[str]:
    with (source / ONET_FILE).open(encoding="utf-8", newline="") as file:
        return {row["Example"].strip() for row in csv.DictReader(file, delimiter="\t")}


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def build(curated: Path, source: Path) -> list[dict]:
    esco, onet = read_esco(source), read_onet(source)
    with curated.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    errors = []
    owner: dict[str, str] = {}  # label key → slug, for the hand-written labels
    for row in rows:
        if row["category"] not in CATEGORIES:
            errors.append(f"{row['slug']}: unknown category {row['category']!r}")
        own = [row["name"], row["name_zh"], row["name_zh_hans"], *_split(row["aliases"])]
        for label in filter(None, own):
            previous = owner.setdefault(_key(label), row["slug"])
            if previous != row["slug"]:
                errors.append(f"{label!r} is written for both {previous} and {row['slug']}")
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
            found.append(name)
        imported[row["slug"]] = [label for label in found if _importable(label)]
    if errors:
        raise SystemExit("\n".join(errors))
    # An imported label that two skills would claim, or that another skill owns, is dropped.
    claims: dict[str, set[str]] = {}
    for slug, labels in imported.items():
        for label in labels:
            claims.setdefault(_key(label), set()).add(slug)
    out = []
    for row in rows:
        aliases, seen = [], {_key(row["name"]), _key(row["name_zh"])}
        candidates = [row["name_zh_hans"], *_split(row["aliases"])]
        extra = [
            label
            for label in imported[row["slug"]]
            if owner.get(_key(label), row["slug"]) == row["slug"]
            and claims[_key(label)] == {row["slug"]}
        ]
        for label in candidates + extra[: MAX_IMPORTED + len(candidates)]:
            key = _key(label)
            if label and key not in seen:
                seen.add(key)
                aliases.append(label.strip())
        hand = len([c for c in candidates if c])
        aliases = aliases[: hand + MAX_IMPORTED]
        out.append(
            {
                "slug": row["slug"],
                "name": row["name"],
                "name_zh": row["name_zh"],
                "category": row["category"],
                "aliases": "|".join(aliases),
            }
        )
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--curated", type=Path, default=HERE / "curated.csv")
    parser.add_argument("--out", type=Path, default=HERE / "skills.csv")
    args = parser.parse_args(argv)
    rows = build(args.curated, args.source)
    with args.out.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(
            file, fieldnames=["slug", "name", "name_zh", "category", "aliases"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} skills written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
