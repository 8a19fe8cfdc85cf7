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


# --- Coverage of the park's work ------------------------------------------------------

PARK_TECHNOLOGIES = DATA / "park_technologies.csv"


def _hot_technologies():
    return sorted({row["technology"] for row in _rows(PARK_TECHNOLOGIES) if row["hot"]})


@pytest.mark.django_db
def test_nine_in_ten_hot_technologies_of_the_park_resolve_typed_and_in_text():
    from skills.selectors import skill_index

    index, _skills = skill_index()
    hot = _hot_technologies()
    assert len(hot) > 150
    typed = [name for name in hot if index.resolve(name).skill is not None]
    in_text = [name for name in hot if index.find(f"Five years of {name} at work.")]
    print(f"\nhot technologies: {len(typed)}/{len(hot)} typed, {len(in_text)}/{len(hot)} in text")
    assert len(typed) >= 0.9 * len(hot)
    assert len(in_text) >= 0.9 * len(hot)


@pytest.mark.django_db
def test_typing_a_skill_resolves_exactly_as_the_text_does():
    """The job and profile forms read a typed skill as the finder reads a CV: the same
    variants, filler words and scripts. The one difference is deliberate: a homonym
    that is also an everyday word ("Go", "Slack", "Word") is found in free text only
    beside words of its trade, while typed into a skills field it is that skill."""
    from skills.selectors import HOMONYMS_FILE, skill_index

    index, _skills = skill_index()
    homonyms = {row["label"].lower() for row in _rows(HOMONYMS_FILE)}
    names = [*_hot_technologies(), "Shell script", "RESTful APIs", "unit tests", "機器學習"]
    checked = 0
    for name in names:
        typed = index.resolve(name).skill
        if typed is not None and name.lower() not in homonyms:
            assert index.find(f"Five years of {name} at work.")[:1] == [typed], name
            checked += 1
    assert checked > 150


AREAS = {
    "lab techniques": [
        "Western blot",
        "RNA-seq",
        "immunohistochemistry",
        "flow cytometry",
        "Good Clinical Practice",
    ],
    "chip making": [
        "photolithography",
        "etching",
        "thin-film deposition",
        "XRD",
        "electron microscopy",
        "static timing analysis",
        "DRC/LVS",
    ],
    "robotics": ["Gazebo", "Kalman filter"],
    "IoT": ["MQTT", "LoRaWAN", "Raspberry Pi"],
    "fintech": ["Basel III", "SIEM", "incident response"],
    "everyday tools": ["Microsoft Office", "PowerPoint", "SAP", "Perl"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("area", list(AREAS))
def test_every_area_the_park_asked_for_is_covered(area):
    from skills.selectors import skill_resolve, skills_find_in_text

    for name in AREAS[area]:
        found, problems = skill_resolve([name])
        assert problems == [], name
        assert len(found) == 1, name
        # The text may also hold its broader skill (electron → microscopy).
        assert skills_find_in_text(f"Experience: {name}.")[:1] == found, name


def test_skills_people_write_in_chinese_have_both_scripts():
    rows = _rows(DATA / "skills.csv")
    traditional = [row for row in rows if row["name_zh"]]
    both = [row for row in traditional if row["name_zh_hans"]]
    assert len(traditional) >= 400
    assert len(both) >= 0.95 * len(traditional)


def test_broader_skills_exist_and_form_no_cycle():
    rows = {row["slug"]: row for row in _rows(DATA / "skills.csv")}
    for slug, row in rows.items():
        seen, todo = set(), [b for b in row["broader"].split("|") if b]
        while todo:
            parent = todo.pop()
            assert parent in rows, (slug, parent)
            assert parent != slug, slug
            if parent not in seen:
                seen.add(parent)
                todo += [b for b in rows[parent]["broader"].split("|") if b]
