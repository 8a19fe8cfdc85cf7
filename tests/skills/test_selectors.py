"""Finding taxonomy skills in free text (a CV): the punctuation and short names that trip
naive matching."""

import pytest

from skills.selectors import skill_text_normalise, skills_find_in_text

pytestmark = pytest.mark.django_db


def found(text):
    return [skill.slug for skill in skills_find_in_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Languages: C, C++ and C#.", ["c", "cpp", "csharp"]),
        ("Skills: C++", ["cpp"]),
        ("Skills: C#", ["csharp"]),
        ("Skills: C", ["c"]),
        ("Embedded C/C++ on STM32", ["embedded", "c", "cpp"]),
        ("Backend in Node.js and NodeJS microservice architecture", ["nodejs", "microservices"]),
        ("Deployed on k8s", ["kubernetes"]),
        ("Kubernetes, K8S", ["kubernetes"]),
        ("Python3, pandas, scikit-learn", ["python", "pandas", "scikit-learn"]),
        ("熟悉機器學習和深度學習", ["machine-learning", "deep-learning"]),
        ("熟悉Python和C語言", ["python", "c"]),
        ("Ｐｙｔｈｏｎ and Ｃ＋＋", ["python", "cpp"]),
        ("machine\nlearning engineer", ["machine-learning"]),
    ],
)
def test_skills_are_found_with_their_punctuation(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Objective-C developer",  # "C" inside another name
        "R&D engineer at a Science Park company",  # "R" of R&D
        "Curriculum vitae (CV) of Chan Tai Man",  # the document, not computer vision
        "I like to go hiking; my CV is attached.",  # lower-case "go", "cv"
        "Basic knowledge of cooking",  # no skill inside words ("go" in "cooking")
        "Microsoft Excel, Grade C.V. pending",  # "C" glued to ".V"
        "Worked at ABC Ltd",  # "C" inside a word
    ],
)
def test_ordinary_words_are_not_skills(text):
    assert found(text) == []


def test_java_is_not_javascript_and_sql_is_not_postgresql():
    assert found("JavaScript and PostgreSQL") == ["javascript", "postgresql"]
    assert found("Java and SQL") == ["java", "sql"]


def test_short_names_only_as_written():
    assert found("Go, Rust and R for statistics") == ["go", "rust", "r", "statistics"]
    assert found("ML and UX research") == ["machine-learning", "ux-design"]
    assert found("html and xml") == ["html-css"]


def test_each_skill_once_in_order_of_first_mention():
    assert found("Docker. Python. Docker again, python again, PyTorch") == [
        "docker",
        "python",
        "pytorch",
    ]


def test_empty_text_finds_nothing():
    assert found("") == []
    assert found("   \n ") == []


def test_normaliser_folds_width_and_spaces_and_drops_nul():
    assert skill_text_normalise("Ｃ＋＋\x00 \n\t ａｎｄ  Go") == "C++ and Go"
