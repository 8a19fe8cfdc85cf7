"""Finding taxonomy skills in free text (a CV): the punctuation and short names that trip
naive matching."""

from pathlib import Path

import pytest

from skills.selectors import skill_text_normalise, skills_find_in_text
from talent.services.cvs import cv_extract_text

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
        ("Embedded C/C++ on STM32", ["embedded", "c", "cpp", "microcontrollers"]),
        (
            "Backend in Node.js and NodeJS microservice architecture",
            ["backend", "nodejs", "microservices"],
        ),
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
        "R&D engineer at a Science Park company",  # "R" of R&D
        "Curriculum vitae (CV) of Chan Tai Man",  # the document, not computer vision
        "I like to go hiking; my CV is attached.",  # lower-case "go", "cv"
        "Basic knowledge of cooking",  # no skill inside words ("go" in "cooking")
        "Grade C.V. pending",  # "C" glued to ".V"
        "Worked at ABC Ltd",  # "C" inside a word
    ],
)
def test_ordinary_words_are_not_skills(text):
    assert found(text) == []


def test_objective_c_is_not_c():
    assert found("Objective-C developer") == ["objective-c"]


def test_java_is_not_javascript_and_sql_is_not_postgresql():
    assert found("JavaScript and PostgreSQL") == ["javascript", "postgresql"]
    assert found("Java and SQL") == ["java", "sql"]


def test_short_names_only_as_written():
    assert found("Go, Rust and R for statistics") == ["go", "rust", "r", "statistics"]
    assert found("ML and UX research") == ["machine-learning", "ux-design"]
    assert found("html and xml") == ["html-css", "xml"]


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


# --- The curated taxonomy (skills/data/curated.csv, built into skills.csv) --------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ML engineer", ["machine-learning"]),
        ("machine learning and Machine-Learning", ["machine-learning"]),
        ("k8s and Kubernetes", ["kubernetes"]),
        ("C++, then C#, then C", ["cpp", "csharp", "c"]),
        ("C#/.NET Core", ["csharp", "dotnet"]),
        ("PyTorch (torch) and Keras", ["pytorch", "tensorflow"]),
        ("Node.js, NodeJS or node js", ["nodejs"]),
        ("Next.js on Vercel", ["nextjs"]),
        ("SystemVerilog and UVM testbenches", ["systemverilog", "uvm"]),
        ("熟悉機器學習、電腦視覺和區塊鏈", ["machine-learning", "computer-vision", "blockchain"]),
        ("熟悉机器学习、计算机视觉和区块链", ["machine-learning", "computer-vision", "blockchain"]),
        ("負責半導體工藝和 FPGA 設計", ["semiconductor", "fpga"]),
        ("负责半导体工艺和FPGA设计", ["semiconductor", "fpga"]),
        ("Dassault Systemes SolidWorks", ["solidworks"]),
        ("GraphPad Prism and FlowJo", ["statistics", "flow-cytometry"]),
        ("Semi-supervised learning for OCR", ["machine-learning"]),
        ("Retrieval-augmented generation with LangChain", ["rag", "langchain"]),
        ("STM32 microcontrollers (單片機)", ["microcontrollers"]),
    ],
)
def test_taxonomy_aliases_and_chinese_names(text, expected):
    assert found(text) == expected


def test_r_and_d_and_cv_are_still_not_skills_with_the_larger_taxonomy():
    assert found("R&D team; CV attached; go-getter") == []


CVS = Path(__file__).resolve().parents[1] / "fixtures" / "cvs"


@pytest.mark.parametrize(
    ("name", "must", "must_not"),
    [
        (
            "harvey_dent_mle.pdf",
            {"machine-learning", "deep-learning", "python", "pytorch", "tensorflow", "sql"},
            {"javascript", "csharp", "c"},
        ),
        (
            "barry_allen_fe.pdf",
            {"javascript", "typescript", "react", "html-css", "nodejs"},
            {"pytorch", "c", "cpp"},
        ),
        (
            "john_doe.pdf",
            {"java", "spring", "sql", "mysql", "angular"},
            {"pytorch", "c", "machine-learning"},
        ),
    ],
)
def test_real_sample_cvs_give_sensible_skills(name, must, must_not):
    text = cv_extract_text((CVS / name).read_bytes(), "pdf")
    skills = set(found(text))
    assert must <= skills
    assert not skills & must_not
