"""Skill finding measured on labelled sentences (tests/skills/data/skill_sentences.csv):
more than a hundred across the park's clusters, in English and both Chinese scripts,
with traps (homonyms, colleagues' roles, profile links, ordinary words). Prints
precision, recall and F1; the goal is F1 >= 0.90."""

import csv
from pathlib import Path

import pytest

from skills.models import Skill
from skills.selectors import skills_find_in_text

pytestmark = pytest.mark.django_db

SENTENCES = Path(__file__).parent / "data" / "skill_sentences.csv"


def _rows():
    with SENTENCES.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_labelled_set_is_broad_and_names_real_skills():
    rows = _rows()
    assert len(rows) >= 100
    slugs = set(Skill.objects.values_list("slug", flat=True))
    for row in rows:
        assert {s for s in row["expected"].split("|") if s} <= slugs, row["text"]
    traps = [row for row in rows if row["note"].startswith(("trap", "homonym"))]
    chinese = [row for row in rows if "Chinese" in row["note"]]
    assert len(traps) >= 15
    assert len(chinese) >= 10


def test_skill_finding_precision_recall_and_f1(capsys):
    true_positives = false_positives = false_negatives = 0
    wrong = []
    for row in _rows():
        expected = {slug for slug in row["expected"].split("|") if slug}
        found = {skill.slug for skill in skills_find_in_text(row["text"])}
        true_positives += len(found & expected)
        false_positives += len(found - expected)
        false_negatives += len(expected - found)
        if found != expected:
            wrong.append((row["text"], sorted(expected - found), sorted(found - expected)))
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    f1 = 2 * precision * recall / (precision + recall)
    with capsys.disabled():
        print(f"\nskill finding: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}")
        for text, missing, extra in wrong:
            print(f"  {text[:60]!r}: missing {missing}, extra {extra}")
    assert f1 >= 0.90
