import pytest

from skills.models import Skill
from skills.selectors import skill_resolve
from skills.services import TAXONOMY_FILE, skills_sync

pytestmark = pytest.mark.django_db


def test_the_taxonomy_file_is_in_the_database_after_migrate():
    rows = TAXONOMY_FILE.read_text(encoding="utf-8").strip().count("\n")
    assert Skill.objects.count() == rows
    ml = Skill.objects.get(slug="machine-learning")
    assert ml.name_zh == "機器學習"
    assert "ml" in ml.aliases


def test_sync_is_idempotent_and_repairs_edits():
    Skill.objects.filter(slug="python").update(name="Pithon", aliases=[])
    skills_sync()
    skills_sync()
    python = Skill.objects.get(slug="python")
    assert python.name == "Python"
    assert "py" in python.aliases
    assert Skill.objects.filter(name__iexact="python").count() == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("python", "Python"),
        ("  PyTorch ", "PyTorch"),
        ("k8s", "Kubernetes"),
        ("ML", "Machine learning"),
        ("C++", "C++"),
        ("c#", "C#"),
        ("C", "C"),
        ("機器學習", "Machine learning"),
        ("Deep  Learning", "Deep learning"),
    ],
)
def test_typed_names_and_aliases_resolve_to_one_canonical_skill(typed, expected):
    found, problems = skill_resolve([typed])
    assert problems == []
    assert [skill.name for skill in found] == [expected]


def test_unknown_skills_come_back_with_the_closest_name():
    found, problems = skill_resolve(["Python", "Pythn", "Underwater basket weaving", "python"])
    assert [skill.name for skill in found] == ["Python"]  # no repeat
    assert [(p.label, p.kind, [s.name for s in p.suggestions]) for p in problems] == [
        ("Pythn", "unknown", ["Python"]),
        ("Underwater basket weaving", "unknown", []),
    ]
