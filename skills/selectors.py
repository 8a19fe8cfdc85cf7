"""Reads for the skills taxonomy: turning what people type into canonical skills."""

import difflib
import re

from django.db.models import QuerySet

from skills.models import Skill


def _key(text: str) -> str:
    # Case and spacing never matter; the punctuation that tells C, C++ and C# apart does.
    return re.sub(r"\s+", " ", text).strip().lower()


def skill_lookup() -> dict[str, Skill]:
    """Every canonical name and alias, normalised, mapped to its skill."""
    lookup: dict[str, Skill] = {}
    for skill in Skill.objects.all():
        for label in [skill.name, skill.name_zh, *skill.aliases]:
            if label:
                lookup.setdefault(_key(label), skill)
    return lookup


def skill_resolve(labels: list[str]) -> tuple[list[Skill], list[tuple[str, str | None]]]:
    """Map typed skill names to skills.

    Returns (skills in the order given, without repeats) and (unknown label,
    closest known name or None) for every label that is not in the taxonomy.
    """
    lookup = skill_lookup()
    found: list[Skill] = []
    unknown: list[tuple[str, str | None]] = []
    for label in labels:
        skill = lookup.get(_key(label))
        if skill is None:
            close = difflib.get_close_matches(_key(label), lookup, n=1, cutoff=0.75)
            unknown.append((label, lookup[close[0]].name if close else None))
        elif skill not in found:
            found.append(skill)
    return found, unknown


def skill_list() -> QuerySet[Skill]:
    return Skill.objects.order_by("name")
