"""Writes for the skills taxonomy."""

import csv
import math
from pathlib import Path

from skills.models import Skill

TAXONOMY_FILE = Path(__file__).parent / "data" / "skills.csv"
# O*NET occupations with technology data (O*NET 29.2): the scale of `onet_occupations`.
ONET_OCCUPATIONS = 923


def skill_weight(onet_occupations: int | None, override: int | None = None) -> int:
    """How specific a skill is, 1 to 9: an inverse frequency over the labour market.

    `onet_occupations` is how many O*NET occupations use the skill (the taxonomy build
    counts them): Excel, used by 859 of 923, weighs 1; Python (131) 4; Verilog (8) 7; a
    skill of one occupation 9. A skill O*NET does not list (a lab technique, a method)
    takes the hand-set `override` from the taxonomy, or Skill.DEFAULT_WEIGHT.
    """
    if override:
        return max(Skill.MIN_WEIGHT, min(Skill.MAX_WEIGHT, override))
    if not onet_occupations:
        return Skill.DEFAULT_WEIGHT
    idf = math.log(ONET_OCCUPATIONS / (onet_occupations + 1))
    top = math.log(ONET_OCCUPATIONS / 2)  # one occupation
    span = Skill.MAX_WEIGHT - Skill.MIN_WEIGHT
    return max(Skill.MIN_WEIGHT, min(Skill.MAX_WEIGHT, 1 + round(max(idf, 0) * span / top)))


def _int(value: str) -> int | None:
    return int(value) if (value or "").strip() else None


def skills_sync(*, using: str = "default", path: Path = TAXONOMY_FILE) -> int:
    """Create or update every skill in the taxonomy file, with its broader skills and its
    weight; returns how many rows it holds.

    Idempotent: a second run changes nothing. Keyed by slug, so renaming a skill in the
    file renames it everywhere it is used. After a change of weights or broader skills,
    `manage.py matching_rebuild` recomputes the matches.
    """
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    fields = ["name", "name_zh", "name_zh_hans", "category", "aliases", "weight"]
    existing = {skill.slug: skill for skill in Skill.objects.using(using).all()}
    new, changed = [], []
    for row in rows:
        values = {
            "name": row["name"].strip(),
            "name_zh": row["name_zh"].strip(),
            "name_zh_hans": row["name_zh_hans"].strip(),
            "category": row["category"].strip(),
            "aliases": [alias.strip() for alias in row["aliases"].split("|") if alias.strip()],
            "weight": skill_weight(_int(row["onet_occupations"]), _int(row["weight"])),
        }
        skill = existing.get(row["slug"])
        if skill is None:
            new.append(Skill(slug=row["slug"], **values))
        elif any(getattr(skill, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(skill, key, value)
            changed.append(skill)
    Skill.objects.using(using).bulk_create(new)
    Skill.objects.using(using).bulk_update(changed, fields)
    _broader_sync(rows, using)
    return len(rows)


def _broader_sync(rows: list[dict], using: str) -> None:
    ids = dict(Skill.objects.using(using).values_list("slug", "pk"))
    wanted = {
        (ids[row["slug"]], ids[parent])
        for row in rows
        for parent in row["broader"].split("|")
        if parent.strip()
    }
    through = Skill.broader.through
    have = set(through.objects.using(using).values_list("from_skill_id", "to_skill_id"))
    stale = have - wanted
    if stale:
        for from_id, to_id in stale:
            through.objects.using(using).filter(from_skill_id=from_id, to_skill_id=to_id).delete()
    through.objects.using(using).bulk_create(
        [through(from_skill_id=a, to_skill_id=b) for a, b in sorted(wanted - have)]
    )
