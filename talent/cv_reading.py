"""Reading a CV's text into work experience and education entries, for the candidate to
confirm (English and Chinese CVs; pure functions, no database).

A CV is read by its sections ("Experience", "工作經驗", "Education", "學歷"…) and, inside
them, by its dates: every date range in an experience section is one job, every range
or graduation date in an education section one degree. The line that names the job or
the degree is the date's own line, or the nearest line shaped like a heading ("Product
Manager, Google"; "Nexus AI, Co-Founder & CTO"; "軟件工程師 | 科技有限公司") after or
before it, never crossing another entry. Whatever cannot be read with confidence is
left out rather than guessed: the candidate adds it by hand.
"""

import dataclasses
import datetime
import re

from hkstp_portal.vocabulary import Education

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s*,?\s*{_YEAR}"  # June 2022, Sept. 2018
    rf"|{_YEAR}\s*年\s*\d{{1,2}}\s*月"  # 2019年6月
    rf"|{_YEAR}\s*[./-]\s*\d{{1,2}}(?!\d)"  # 2019.06, 2019-6
    rf"|\d{{1,2}}\s*[./]\s*{_YEAR}"  # 06/2019
    rf"|{_YEAR}\s*年?)"  # 2019, 2019年
)
_NOW = r"(?:present|current|now|today|date|至今|現在|现在|目前|今)"
_DASH = r"\s*(?:–|—|-|‐|‑|~|～|to|until|至)\s*"
_RANGE = re.compile(rf"(?<![\w/.])({_DATE}){_DASH}({_DATE}|{_NOW})(?![\w/])", re.IGNORECASE)
_SINGLE = re.compile(rf"(?<![\w/.])({_DATE})(?![\w/])", re.IGNORECASE)
_DURATION = re.compile(r"^\(?\d+\s*(?:years?|yrs?|months?|mos?)(?:\s+\d+\s*months?)?\)?$", re.I)

_HEADINGS = {
    "experience": (
        r"(?:work(?:ing)?|professional|employment|career|relevant|industry|research)?\s*"
        r"(?:experience|history|employment)|experience|employment|"
        r"工作經驗|工作经验|工作經歷|工作经历|職業經歷|职业经历|工作履歷|实习经历|實習經歷|經歷|经历"
    ),
    "education": (
        r"education(?:al background)?|academic (?:background|qualifications?)|"
        r"qualifications?|教育背景|教育經歷|教育经历|學歷|学历|教育"
    ),
    "other": (
        r"skills?|technical skills|projects?|personal projects?|certifications?|certificates?|"
        r"awards?|honou?rs?|publications?|languages?|interests?|hobbies|references?|summary|"
        r"professional summary|profile|objective|about me|activities|volunteer(?:ing)?|"
        r"leadership|achievements?|courses?|training|patents?|"
        r"技能|專業技能|专业技能|項目|项目|項目經驗|项目经验|證書|证书|獎項|奖项|自我評價|自我评价|"
        r"個人簡介|个人简介|語言|语言|興趣|兴趣"
    ),
}
_HEADING = {
    kind: re.compile(rf"^\s*(?:{pattern})\s*[:：]?\s*$", re.IGNORECASE)
    for kind, pattern in _HEADINGS.items()
}

_ROLE = re.compile(
    r"\b(?:engineer|developer|programmer|manager|analyst|scientist|researcher|intern|"
    r"assistant|associate|designer|consultant|director|officer|specialist|architect|"
    r"technician|technologist|coordinator|lead|head|founder|co-founder|cto|ceo|cfo|coo|"
    r"president|administrator|accountant|auditor|writer|editor|tester|trainee|fellow|"
    r"chemist|biologist|statistician|advisor|adviser|executive|representative|"
    r"supervisor|instructor|lecturer|professor|teacher|tutor|nurse|pharmacist|partner|"
    r"owner|strategist|marketer|recruiter|planner|operator|inspector|surveyor|"
    r"postdoc(?:toral)?|phd student|student)s?\b"
    r"|工程師|工程师|經理|经理|分析師|分析师|實習生|实习生|實習|实习|研究員|研究员|主管|總監|总监|"
    r"設計師|设计师|顧問|顾问|助理|專員|专员|技術員|技术员|科學家|科学家|開發|开发|主任|總裁|总裁|"
    r"創辦人|创始人|會計師|会计师|講師|讲师|教授|組長|组长|架構師|架构师|測試|测试",
    re.IGNORECASE,
)
_ORG = re.compile(
    r"\b(?:ltd|limited|inc|llc|plc|corp(?:oration)?|company|co|group|holdings|labs?|"
    r"laborator(?:y|ies)|technolog(?:y|ies)|solutions|systems|university|college|institute|"
    r"school|hospital|bank|centre|center|research|ai)\b\.?"
    r"|有限公司|公司|集團|集团|大學|大学|學院|学院|研究所|研究院|醫院|医院|銀行|银行|中心|實驗室|实验室",
    re.IGNORECASE,
)
_SCHOOL = re.compile(
    r"\b(?:university|college|institute|school|polytechnic|academy)\b|大學|大学|學院|学院",
    re.IGNORECASE,
)
_DEGREES = [
    (
        Education.PHD,
        r"\bph\.?\s?d\b|\bd\.?phil\b|\bdoctor(?:ate)?\b|博士",
    ),
    (
        Education.MASTER,
        r"\bmaster(?:'?s)?\b|\bm\.?\s?sc\b|\bm\.?\s?phil\b|\bm\.?\s?eng\b|\bmba\b|\bm\.?\s?a\.?(?=\s|,|$)"
        r"|\bm\.?\s?s\.?(?=\s|,|$)|碩士|硕士|研究生",
    ),
    (
        Education.BACHELOR,
        r"\bbachelor(?:'?s)?\b|\bb\.?\s?sc\b|\bb\.?\s?eng\b|\bb\.?\s?tech\b|\bbba\b|\bb\.?\s?a\.?(?=\s|,|$)"
        r"|\bb\.?\s?s\.?(?=\s|,|$)|\bundergraduate\b|學士|学士|本科",
    ),
    (
        Education.ASSOCIATE,
        r"\bassociate(?:'?s)? degree\b|\bhigher diploma\b|\bdiploma\b"
        r"|副學士|副学士|高級文憑|高级文凭|大專|大专",
    ),
]
_DEGREE = [(level, re.compile(pattern, re.IGNORECASE)) for level, pattern in _DEGREES]
_BULLET = re.compile(r"^\s*[•·▪◦●\-*–]\s*")
_SEPARATORS = re.compile(r"\s*(?:,|，|\||｜|\s@\s|\sat\s|\s[–—-]\s|、)\s*|\s{2,}", re.IGNORECASE)
_MAX_HEADER_WORDS = 16
_LOOK = 8  # lines searched before or after a date for its heading


@dataclasses.dataclass
class CvReading:
    experience: list[dict]
    education: list[dict]


_NUMERIC_MONTH = [
    re.compile(r"年\s*(\d{1,2})\s*月"),
    re.compile(rf"{_YEAR}\s*[./-]\s*(\d{{1,2}})"),
    re.compile(rf"(\d{{1,2}})\s*[./]\s*{_YEAR}"),
]


def _date(text: str) -> datetime.date | None:
    """A date from one match of _DATE: the first of its month, or 1 July of a bare year
    (a year alone is a span's middle, so "2012 – 2017" counts five years)."""
    text = text.strip().lower()
    if re.fullmatch(_NOW, text):
        return None
    year = int(re.search(_YEAR, text).group(0))
    month = None
    if found := re.search(_MONTH, text):
        month = _MONTHS[found.group(0)[:3]]
    else:
        found = next(filter(None, (pattern.search(text) for pattern in _NUMERIC_MONTH)), None)
        month = int(found.group(1)) if found else None
    if month is None or not 1 <= month <= 12:
        month = 7
    return datetime.date(year, month, 1)


def _sections(lines: list[str]) -> dict[str, list[int]]:
    """Line numbers of each section's body, by kind."""
    sections: dict[str, list[int]] = {"experience": [], "education": []}
    current = None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if len(stripped) <= 40:
            kind = next((k for k, pattern in _HEADING.items() if pattern.match(stripped)), None)
            if kind is not None:
                current = kind if kind in sections else None
                continue
        if current:
            sections[current].append(number)
    return sections


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text)) + len(re.findall(r"[\u4e00-\u9fff]", text)) // 3


_PLACES = re.compile(
    r"(?i)^(?:remote|hybrid|usa|us|u\.s\.a?\.?|uk|united states|united kingdom|hong kong|"
    r"hong kong sar|hk|china|prc|singapore|taiwan|macau|macao|japan|korea|india|canada|"
    r"australia|germany|france|netherlands|switzerland|sweden|türkiye|turkey|israel|"
    r"shenzhen|guangzhou|shanghai|beijing|kowloon|new territories|香港|中國|中国|深圳|"
    r"廣州|广州|上海|北京|台灣|台湾|新加坡)$"
)


def _is_place(part: str) -> bool:
    part = part.strip(" .")
    return bool(_PLACES.match(part) or re.fullmatch(r"[A-Z]{2}", part))


def _is_location(text: str) -> bool:
    """A line that is only a place: "San Francisco, CA", "London, UK", "Remote"."""
    if _ROLE.search(text) or _DEGREE_ANY.search(text):
        return False
    parts = [part for part in re.split(r"\s*,\s*", text.strip()) if part]
    return bool(parts) and len(parts) <= 3 and _words(text) <= 6 and _is_place(parts[-1])


_NOT_SCHOOL = re.compile(r"(?i)^(?:speciali[sz]ation|major|minor|concentration|thesis|gpa)\b")
_DEGREE_ANY = re.compile("|".join(f"(?:{pattern})" for _level, pattern in _DEGREES), re.I)


def _strip_dates(text: str) -> str:
    text = _RANGE.sub(" ", text)
    text = _SINGLE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" ,|–—-:")


def _heading_like(line: str, *, kind: str) -> bool:
    text = _strip_dates(line)
    if not text or _BULLET.match(line) or _DURATION.match(text) or _is_location(text):
        return False
    if _words(text) > _MAX_HEADER_WORDS or text.endswith((".", "。")):
        return False
    if kind == "education":
        return bool(_DEGREE_ANY.search(text) or _SCHOOL.search(text))
    return bool(_ROLE.search(text))


def _parts(text: str) -> list[str]:
    # "(ROS, SLAM)" after a heading lists tools, not more parts of it.
    text = re.sub(r"\s*[(（][^()（）]*[,，][^()（）]*[)）]", " ", text)
    parts = [part.strip(" .;:") for part in _SEPARATORS.split(text) if part and part.strip()]
    # "ABC Company, Inc." is one organisation.
    merged: list[str] = []
    for part in parts:
        if merged and re.fullmatch(r"(?i)(inc|ltd|limited|llc|plc|co|corp)\.?", part):
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    return [part for part in merged if part]


def _job_heading(text: str) -> tuple[str, str] | None:
    """(title, organisation) from a heading line without its dates."""
    parts = _parts(_strip_dates(text))
    if not parts:
        return None
    if len(parts) == 1 and re.search(r"[\u4e00-\u9fff]", parts[0]):
        parts = parts[0].split()  # "科技有限公司 軟件工程師"
    index = next((i for i, part in enumerate(parts[:3]) if _ROLE.search(part)), None)
    if index is None:
        return None
    # The organisation sits beside the title: after it ("Product Manager, Google") or,
    # when the title comes second, before it ("Nexus AI, Co-Founder & CTO").
    beside = parts[index + 1] if index == 0 and len(parts) > 1 else parts[index - 1]
    organisation = "" if index == 0 and len(parts) == 1 else beside
    if _is_place(organisation):
        organisation = ""
    return parts[index][:160], organisation[:200]


def _degree_heading(text: str) -> dict | None:
    text = _strip_dates(text)
    level = next((level for level, pattern in _DEGREE if pattern.search(text)), None)
    if level is None:
        return None
    parts = []
    for part in _parts(text):
        if re.search(r"[\u4e00-\u9fff]", part):  # "香港科技大學 電子工程學士"
            for piece in part.split():
                parts += [p for p in re.split(r"(?<=大學|大学|學院|学院)", piece) if p]
        else:
            parts.append(part)
    degree_part = next((part for part in parts if _DEGREE_ANY.search(part)), "")
    school = next((part for part in parts if _SCHOOL.search(part)), "")
    if school == degree_part and school:
        # "PhD Princeton University": the school follows the degree's word.
        school = _DEGREE_ANY.sub("", school).strip(" ,")
    if not school:
        index = parts.index(degree_part) if degree_part in parts else -1
        rest = [p for p in parts[index + 1 :] if not _NOT_SCHOOL.match(p) and not _is_place(p)]
        school = rest[0] if rest else ""
    field = ""
    if found := re.search(r"\b(?:in|of)\s+(.+)$", degree_part):
        field = found.group(1)
        field = re.sub(r"(?i)^(?:science|arts|engineering|philosophy)\s+in\s+", "", field)
    else:
        rest = [
            p
            for p in parts
            if p not in (degree_part, school) and not _SCHOOL.search(p) and not _is_place(p)
        ]
        field = rest[0] if rest and not _NOT_SCHOOL.match(rest[0]) else ""
    if re.fullmatch(r"(?i)(science|arts|business administration)", field.strip()):
        field = field if "administration" in field.lower() else ""
    if not field and re.search(r"[\u4e00-\u9fff]", degree_part):
        field = _DEGREE_ANY.sub("", degree_part).strip()  # "電子工程學士" → 電子工程
    return {
        "level": str(level),
        "institution": school[:200],
        "field_of_study": field.strip()[:160],
    }


def _join_broken_ranges(text: str) -> str:
    # PDF layouts break "2017 -" and "Present" onto two lines.
    return re.sub(r"([–—-])[ \t]*\n[ \t]*(?=\S)", r"\1 ", text)


def _dates_first(lines, numbers, kind: str) -> bool:
    """Does this section put each entry's dates before its heading (or on it)?"""
    for number in numbers:
        dated = bool(_RANGE.search(lines[number]) or _SINGLE.search(lines[number]))
        if dated:
            return True
        if _heading_like(lines[number], kind=kind):
            return False
    return True


def _heading_near(lines, numbers, index: int, kind: str, taken: set[int], first: bool):
    """The line number of the heading for the date on lines[numbers[index]]: on the same
    line, else after it when the section puts dates first, else before it."""
    here = numbers[index]
    if here not in taken and _heading_like(lines[here], kind=kind):
        return here
    after = numbers[index + 1 : index + 1 + _LOOK]
    before = list(reversed(numbers[max(0, index - _LOOK * 5) : index]))
    # The layout's own direction first, as far as the entry goes; the other only next door.
    for candidates in (after, before[:2]) if first else (before, after[:2]):
        for number in candidates:
            if number in taken or _RANGE.search(lines[number]):
                break  # another entry: its heading is not ours
            if _heading_like(lines[number], kind=kind):
                return number
    return None


def _experience(lines: list[str], numbers: list[int]) -> list[dict]:
    entries, taken = [], set()
    first = _dates_first(lines, numbers, "experience")
    for index, number in enumerate(numbers):
        found = not _BULLET.match(lines[number]) and _RANGE.search(lines[number])
        if not found:
            continue
        heading = _heading_near(lines, numbers, index, "experience", taken, first)
        parsed = _job_heading(lines[heading]) if heading is not None else None
        start, end = _date(found.group(1)), _date(found.group(2))
        if parsed is None or (end is not None and end < start):
            continue
        taken.add(heading)
        title, organisation = parsed
        entries.append(
            {
                "title": title,
                "organisation": organisation,
                "started_on": start.isoformat(),
                "ended_on": end.isoformat() if end else None,
            }
        )
    return entries


def _education(lines: list[str], numbers: list[int]) -> list[dict]:
    entries, taken = [], set()
    first = _dates_first(lines, numbers, "education")
    for index, number in enumerate(numbers):
        if _BULLET.match(lines[number]):
            continue  # "• Scholar (Class of 2022)" is not when the degree ended
        found = _RANGE.search(lines[number]) or _SINGLE.search(lines[number])
        if not found:
            continue
        heading = _heading_near(lines, numbers, index, "education", taken, first)
        parsed = _degree_heading(lines[heading]) if heading is not None else None
        if parsed is None:
            continue
        last = found.group(found.lastindex or 0)
        end = _date(last)
        year = end.year if end else datetime.date.today().year  # noqa: DTZ011 - a year only
        taken.add(heading)
        entries.append({**parsed, "graduation_year": year})
    return entries


def cv_read(text: str) -> CvReading:
    """Experience and education entries found in a CV's text, in the CV's order."""
    text = _join_broken_ranges(text or "")
    lines = text.splitlines()
    sections = _sections(lines)
    return CvReading(
        experience=_experience(lines, sections["experience"]),
        education=_education(lines, sections["education"]),
    )
