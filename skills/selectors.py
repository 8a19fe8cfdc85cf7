"""Reads for the skills taxonomy: turning what people write or type into canonical skills.

The rules live in `skills.finder` (pure Python, shared with the taxonomy build); this
module builds its index from the Skill table, once per process until the table changes.
"""

import csv
import dataclasses
import functools
import threading
from pathlib import Path

from django.db.models import QuerySet

from skills.finder import TYPED_ONLY, Homonym, Label, SkillIndex, label_key, text_normalise
from skills.models import Skill

HOMONYMS_FILE = Path(__file__).parent / "data" / "homonyms.csv"

_lock = threading.Lock()
_cache: dict = {"fingerprint": None, "index": None, "skills": {}}


@functools.cache
def _homonym_rows() -> list[dict]:
    with HOMONYMS_FILE.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _homonyms(by_slug: dict[str, Skill]) -> list[Homonym]:
    """The homonyms file's rows, one Homonym per label as the finder reads it ("Swift"
    and "SWIFT" are one label with two meanings)."""
    labels: dict[tuple, str] = {}
    meanings: dict[tuple, list] = {}
    for row in _homonym_rows():
        skill = by_slug.get(row["slug"])
        if skill is None:
            continue
        key = label_key(row["label"])
        cues = tuple(label_key(cue) for cue in row["cues"].split("|") if cue.strip())
        labels.setdefault(key, row["label"])
        meanings.setdefault(key, []).append((skill.pk, cues))
    return [Homonym(labels[key], tuple(found)) for key, found in meanings.items()]


def skill_index() -> tuple[SkillIndex, dict[int, Skill]]:
    """The finder's index over every skill (keys are skill ids), and the skills by id.

    Two queries a call (skills, broader links), to notice an edited taxonomy; the index
    itself is rebuilt only when a name, alias or link changed."""
    skills = list(
        Skill.objects.only("id", "slug", "name", "name_zh", "name_zh_hans", "aliases", "category")
    )
    edges = sorted(Skill.broader.through.objects.values_list("from_skill_id", "to_skill_id"))
    fingerprint = hash(
        (
            tuple(
                (s.pk, s.slug, s.name, s.name_zh, s.name_zh_hans, tuple(s.aliases), s.category)
                for s in skills
            ),
            tuple(edges),
        )
    )
    with _lock:
        if _cache["fingerprint"] != fingerprint:
            labels = []
            for skill in skills:
                for name in (skill.name, skill.name_zh, skill.name_zh_hans):
                    if name:
                        labels.append(Label(skill.pk, name, canonical=True))
                labels += [
                    Label(skill.pk, alias, canonical=False, typed_only=alias.lower() in TYPED_ONLY)
                    for alias in skill.aliases
                ]
            by_slug = {skill.slug: skill for skill in skills}
            broader: dict[int, set[int]] = {}
            for narrow, broad in edges:
                broader.setdefault(narrow, set()).add(broad)
            languages = [s.pk for s in skills if s.category == Skill.Category.PROGRAMMING]
            _cache.update(
                fingerprint=fingerprint,
                index=SkillIndex(labels, _homonyms(by_slug), broader=broader, languages=languages),
                skills={skill.pk: skill for skill in skills},
            )
        return _cache["index"], _cache["skills"]


@dataclasses.dataclass(frozen=True)
class SkillProblem:
    """A typed label that is not one skill: `kind` is "unknown" (`suggestions` holds the
    closest skill, if any), "several" (it names each of `suggestions`) or "ambiguous" (it
    means one of `suggestions`, and nothing says which)."""

    label: str
    kind: str
    suggestions: tuple[Skill, ...] = ()


def skill_resolve(labels: list[str]) -> tuple[list[Skill], list[SkillProblem]]:
    """Map typed skill names to skills, exactly as the finder reads them in text.

    Returns (skills in the order given, without repeats) and a SkillProblem for every
    label that is not exactly one skill.
    """
    index, by_id = skill_index()
    found: list[Skill] = []
    problems: list[SkillProblem] = []
    for label in labels:
        resolved = index.resolve(label)
        if resolved.skill is not None:
            skill = by_id[resolved.skill]
            if skill not in found:
                found.append(skill)
            continue
        if resolved.problem == "unknown":
            close = (by_id[resolved.suggestion],) if resolved.suggestion else ()
            problems.append(SkillProblem(label, "unknown", close))
        else:
            problems.append(
                SkillProblem(label, resolved.problem, tuple(by_id[pk] for pk in resolved.skills))
            )
    return found, problems


def skill_list() -> QuerySet[Skill]:
    return Skill.objects.order_by("name")


def skill_text_normalise(text: str) -> str:
    """Text as the skill finder reads it: Unicode-compatible forms folded (full-width
    "Ｐｙｔｈｏｎ" and "Ｃ＋＋" become ASCII), NUL bytes dropped, every run of whitespace
    one space."""
    return " ".join(text_normalise(text).split())


def skills_find_in_text(text: str) -> list[Skill]:
    """Skills named in free text (a CV, a job ad): canonical names, Chinese names in
    either script and aliases, read as `skills.finder` explains. Returns each skill once,
    in the order it first appears in the text."""
    if not (text or "").strip():
        return []
    index, by_id = skill_index()
    return [by_id[pk] for pk in index.find(text)]
