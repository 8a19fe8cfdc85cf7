"""Writes for the skills taxonomy."""

import csv
from pathlib import Path

from skills.models import Skill

TAXONOMY_FILE = Path(__file__).parent / "data" / "skills.csv"


def skills_sync(*, using: str = "default", path: Path = TAXONOMY_FILE) -> int:
    """Create or update every skill in the taxonomy file; returns how many rows it holds.

    Idempotent: a second run changes nothing. Keyed by slug, so renaming a
    skill in the file renames it everywhere it is used.
    """
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    existing = {skill.slug: skill for skill in Skill.objects.using(using).all()}
    new, changed = [], []
    for row in rows:
        values = {
            "name": row["name"].strip(),
            "name_zh": row["name_zh"].strip(),
            "category": row["category"].strip(),
            "aliases": [alias.strip() for alias in row["aliases"].split("|") if alias.strip()],
        }
        skill = existing.get(row["slug"])
        if skill is None:
            new.append(Skill(slug=row["slug"], **values))
        elif any(getattr(skill, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(skill, key, value)
            changed.append(skill)
    Skill.objects.using(using).bulk_create(new)
    Skill.objects.using(using).bulk_update(changed, ["name", "name_zh", "category", "aliases"])
    return len(rows)
