"""The taxonomy file: curated, built reproducibly from the curated list and ESCO/O*NET."""

import csv
import importlib.util
from pathlib import Path

import pytest

from skills.models import Skill

DATA = Path(__file__).resolve().parents[2] / "skills" / "data"


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_taxonomy", DATA / "build_taxonomy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(path):
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_taxonomy_is_curated_and_every_skill_has_a_category():
    rows = _rows(DATA / "skills.csv")
    assert 600 <= len(rows) <= 1200
    assert {row["category"] for row in rows} <= set(Skill.Category.values)
    assert len({row["slug"] for row in rows}) == len(rows)
    with_chinese = [row for row in rows if row["name_zh"]]
    assert len(with_chinese) > len(rows) / 2


def test_no_label_means_two_skills():
    owner = {}
    for row in _rows(DATA / "skills.csv"):
        labels = [row["name"], row["name_zh"], *row["aliases"].split("|")]
        for label in filter(None, labels):
            key = " ".join(label.lower().split())
            assert owner.setdefault(key, row["slug"]) == row["slug"], label


@pytest.mark.skipif(
    not _load_builder().DEFAULT_SOURCE.exists(), reason="the shared ESCO/O*NET files are not here"
)
def test_skills_csv_is_exactly_what_the_build_script_makes(tmp_path):
    builder = _load_builder()
    out = tmp_path / "skills.csv"
    assert builder.main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (DATA / "skills.csv").read_text(encoding="utf-8")


def test_the_build_refuses_a_label_written_for_two_skills(tmp_path):
    builder = _load_builder()
    if not builder.DEFAULT_SOURCE.exists():
        pytest.skip("the shared ESCO/O*NET files are not here")
    curated = tmp_path / "curated.csv"
    curated.write_text(
        "slug,name,name_zh,name_zh_hans,category,aliases,esco,onet\n"
        "a,Alpha,,,programming,shared,,\n"
        "b,Beta,,,programming,shared,,\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit, match="written for both a and b"):
        builder.build(curated, builder.DEFAULT_SOURCE)
