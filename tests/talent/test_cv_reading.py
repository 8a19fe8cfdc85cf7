"""Reading work experience and education out of a CV's text (talent.cv_reading)."""

from pathlib import Path

import pytest

from talent.cv_reading import cv_read
from talent.services.cvs import cv_extract_text

CVS = Path(__file__).resolve().parents[1] / "fixtures" / "cvs"


def _read(name: str):
    return cv_read(cv_extract_text((CVS / name).read_bytes(), "pdf"))


def _jobs(reading):
    return [
        (e["title"], e["organisation"], e["started_on"], e["ended_on"]) for e in reading.experience
    ]


def _degrees(reading):
    return [
        (e["level"], e["institution"], e["field_of_study"], e["graduation_year"])
        for e in reading.education
    ]


def test_dates_on_their_own_line_before_the_job():
    reading = _read("alfred_pennyworth_pm.pdf")
    assert _jobs(reading) == [
        ("Product Manager", "Google", "2017-07-01", None),
        ("Software Development Engineer III", "Amazon", "2012-07-01", "2017-07-01"),
        ("Software Development Engineer II", "Apple", "2007-07-01", "2012-07-01"),
        ("Software Development Engineer I", "Netflix", "2002-07-01", "2007-07-01"),
        ("Software Development Engineer I", "Facebook", "1999-07-01", "2002-07-01"),
    ]
    assert _degrees(reading) == [
        ("master", "Stanford University", "Business Administration", 2018),
        ("master", "Massachusetts Institute of Technology", "Computer Science", 1999),
        ("bachelor", "University of California", "Computer Science", 1997),
    ]


def test_month_names_and_schools_without_the_word_university():
    reading = _read("bruce_wayne_fullstack.pdf")
    assert _jobs(reading) == [
        ("MERN Stack Developer", "OpenAI", "2020-06-01", None),
        ("Full Stack Developer", "Uber", "2015-07-01", "2020-05-01"),
        ("Software Developer", "Facebook", "2012-06-01", "2015-06-01"),
    ]
    assert [(level, school) for level, school, _f, _y in _degrees(reading)] == [
        ("phd", "CalTech"),
        ("master", "MIT"),
        ("bachelor", "UC San Diego"),
    ]


def test_dates_at_the_end_of_the_heading_line():
    reading = _read("john_doe.pdf")
    assert _jobs(reading) == [
        ("Full Stack Java Developer", "ABC Company, Inc", "2018-06-01", None),
        ("Software Developer", "XYZ Solutions", "2016-07-01", "2018-06-01"),
    ]
    assert _degrees(reading) == [("bachelor", "State University", "Computer Science", 2016)]


@pytest.mark.parametrize(
    "name",
    ["rendercv/John_Doe_ClassicTheme_CV.pdf", "rendercv/John_Doe_EngineeringresumesTheme_CV.pdf"],
)
def test_two_layouts_of_one_cv_read_the_same(name):
    """One theme puts the dates after each job's bullets, the other beside its heading."""
    reading = _read(name)
    assert _jobs(reading)[:2] == [
        ("Co-Founder & CTO", "Nexus AI", "2023-06-01", None),
        ("Research Intern", "NVIDIA Research", "2022-05-01", "2022-08-01"),
    ]
    assert len(reading.experience) == 5
    assert _degrees(reading) == [
        ("phd", "Princeton University", "Computer Science", 2023),
        ("bachelor", "Boğaziçi University", "Computer Engineering", 2018),
    ]


def test_a_traditional_chinese_cv():
    text = """陳大文
電話：+852 9123 4567 | 電郵：taiman@example.com
工作經驗
2021年3月 - 至今
高級嵌入式工程師 | 港科創新科技有限公司
負責 STM32 韌體開發及 PCB 設計審查。
2018年7月 - 2021年2月
硬件工程師，深圳芯智半導體有限公司
教育背景
2014 - 2018 香港科技大學 電子及計算機工程學士
技能
C、Verilog、PCB 設計
"""
    reading = cv_read(text)
    assert _jobs(reading) == [
        ("高級嵌入式工程師", "港科創新科技有限公司", "2021-03-01", None),
        ("硬件工程師", "深圳芯智半導體有限公司", "2018-07-01", "2021-02-01"),
    ]
    assert _degrees(reading) == [("bachelor", "香港科技大學", "電子及計算機工程", 2018)]


def test_a_simplified_chinese_cv_with_dotted_dates():
    text = """李小明
工作经历
2019.07 - 2023.06  数据分析师  上海某某科技有限公司
- 使用 Python 和 SQL 进行数据分析
教育经历
2015.09 - 2019.06  复旦大学  统计学 本科
"""
    reading = cv_read(text)
    assert _jobs(reading) == [("数据分析师", "上海某某科技有限公司", "2019-07-01", "2023-06-01")]
    assert _degrees(reading) == [("bachelor", "复旦大学", "统计学", 2019)]


def test_what_is_not_a_job_or_a_degree_is_left_out():
    text = """Experience
2021 – 2019 Software Engineer, Backwards Ltd
Volunteer tutor 2015 – 2016 at a community centre every Saturday afternoon helping pupils.
• Won a prize in 2020 – 2021 hackathon season
Education
• Scholar (Class of 2022)
Skills
Python 2018 – 2020
"""
    reading = cv_read(text)
    assert reading.experience == []  # an end before its start; a sentence; a bullet
    assert reading.education == []  # a date in a bullet is not a graduation


def test_no_sections_no_entries():
    assert cv_read("Python, SQL and Docker. 2019 – 2021 Engineer.") == cv_read("")
    assert cv_read("").experience == []
    assert cv_read("").education == []
