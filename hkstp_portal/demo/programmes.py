"""Demo data for internship programmes: a Global Internship Programme 2027 round open now,
with placements at demo park companies and students' applications in every state.

Everything goes through the programme services (eligibility, ranked choices, shortlist,
quota-checked selection, acceptance), so the demo shows what real users see. Idempotent:
the programme and its placements are refreshed on every run (their windows move with
today); students, CVs and applications are made only when missing. Call it after the
demo companies and staff exist (`demo_data_load`).
"""

import datetime
import io

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from companies.models import Company
from hkstp_portal.demo.catalogue import EMPLOYER_EMAIL, STAFF_EMAIL
from hkstp_portal.demo.documents import cv_pdf
from hkstp_portal.vocabulary import Cluster as C
from hkstp_portal.vocabulary import Education as Ed
from hkstp_portal.vocabulary import Residence as R
from programmes.models import Placement, PlacementPreference, Programme, ProgrammeApplication
from programmes.services import (
    programme_application_withdraw,
    programme_apply,
    programme_interview_record,
    programme_not_select,
    programme_offer_accept,
    programme_select,
    programme_shortlist,
)
from talent.models import CV, CandidateProfile, EducationEntry
from talent.services.cvs import cv_upload
from tests import factories

SLUG = "global-internship-programme-2027"
Status = ProgrammeApplication.Status

DESCRIPTION = (
    "Ten weeks at a park company, June to August 2027, for students who want to build "
    "deep tech in Hong Kong. Each intern has a mentor, a real project and a monthly "
    "allowance of HKD 14,000; non-local students get help with their visa and housing.\n\n"
    "Choose up to three placements, in order of preference. HKSTP shortlists candidates, "
    "the companies interview them, and HKSTP makes the offers."
)
DESCRIPTION_ZH = (
    "於 2027 年 6 月至 8 月在園區公司實習十星期，適合希望在香港發展深科技事業的學生。"
    "每位實習生都有導師、真實項目及每月港幣 14,000 元津貼；非本地學生可獲簽證及住宿支援。\n\n"
    "請按志願次序選擇最多三個實習職位。科學園會篩選入圍者，由公司面試，再由科學園發出錄取通知。"
)

# (company slug, title, title in Chinese, cluster, interns, description)
PLACEMENTS = [
    ("lumen-genomics", "Genomics Data Intern", "基因組數據實習生", C.HEALTHTECH, 2,
     "Clean and analyse cfDNA sequencing runs with our bioinformatics team; Python or R."),
    ("aurora-biologics", "Antibody Discovery Lab Intern", "抗體研發實驗室實習生", C.HEALTHTECH, 2,
     "Bench work in our discovery lab: cell culture, ELISA and screening data."),
    ("centre-neural-imaging", "Medical Imaging AI Intern", "醫學影像人工智能實習生",
     C.AI_ROBOTICS, 2, "Train and evaluate segmentation models on brain MRI with our researchers."),
    ("pearl-vision", "Computer Vision Intern", "電腦視覺實習生", C.AI_ROBOTICS, 1,
     "Label-efficient defect detection for electronics assembly lines; PyTorch."),
    ("centre-smart-logistics", "Robot Fleet Planning Intern", "機械人車隊規劃實習生",
     C.AI_ROBOTICS, 1, "Scheduling and simulation for warehouse robot fleets; C++ or Python."),
    ("harbourline-pay", "Payments Data Analyst Intern", "支付數據分析實習生", C.FINTECH, 2,
     "Fraud and conversion dashboards for FPS merchant payments; SQL."),
    ("bayside-ledger", "RegTech Engineering Intern", "監管科技工程實習生", C.FINTECH, 1,
     "Help build AML analytics for virtual-asset platforms at our Futian office."),
    ("precision-forge", "Smart Factory Automation Intern", "智能工廠自動化實習生",
     C.ADVANCED_MANUFACTURING, 2, "PLC and vision-guided robot cells on our Yuen Long line."),
    ("precision-forge", "Manufacturing Data Intern", "製造數據實習生",
     C.ADVANCED_MANUFACTURING, 1, "Predictive maintenance from machine sensor data."),
    ("tidewater-robotics", "Inspection Robotics Intern", "檢測機械人實習生",
     C.ADVANCED_MANUFACTURING, 1, "Field tests and ROS 2 tools for our tunnel inspection robots."),
]  # fmt: skip

# (email, name, language, university, country, residence, level, field, year,
#  choices as indexes into PLACEMENTS, where the application ends up)
STUDENTS = [
    ("gip.lam.tszching", "Lam Tsz Ching", "zh-hant",
     "The University of Hong Kong", "Hong Kong", R.HONG_KONG, Ed.BACHELOR, "Biochemistry", 2027,
     (0, 1), Status.ACCEPTED),
    ("gip.arjun.mehta", "Arjun Mehta", "en",
     "Imperial College London", "United Kingdom", R.OVERSEAS, Ed.MASTER, "Computing (AI)", 2027,
     (2, 3, 0), Status.SELECTED),
    ("gip.chow.kayan", "Chow Ka Yan", "zh-hant",
     "The Chinese University of Hong Kong", "Hong Kong", R.HONG_KONG, Ed.BACHELOR,
     "Computer Science", 2028, (0, 2), Status.SHORTLISTED),
    ("gip.wang.yiting", "Wang Yiting", "zh-hans",
     "Tsinghua University", "Mainland China", R.MAINLAND, Ed.MASTER, "Financial Engineering",
     2027, (5, 6), Status.SHORTLISTED),
    ("gip.sofia.rossi", "Sofia Rossi", "en",
     "Politecnico di Milano", "Italy", R.OVERSEAS, Ed.BACHELOR, "Mechanical Engineering", 2028,
     (7, 9), Status.SUBMITTED),
    ("gip.ng.hoiyin", "Ng Hoi Yin", "en",
     "The Hong Kong Polytechnic University", "Hong Kong", R.HONG_KONG, Ed.BACHELOR,
     "Industrial Engineering", 2027, (8, 7, 9), Status.SUBMITTED),
    ("gip.kenji.sato", "Kenji Sato", "en",
     "The University of Tokyo", "Japan", R.OVERSEAS, Ed.MASTER, "Information Science", 2027,
     (3,), Status.NOT_SELECTED),
    ("gip.yeung.manlok", "Yeung Man Lok", "zh-hant",
     "City University of Hong Kong", "Hong Kong", R.HONG_KONG, Ed.BACHELOR, "Data Science", 2027,
     (5,), Status.WITHDRAWN),
]  # fmt: skip

D = "@demo.hkstp.example"


def _programme(now) -> Programme:
    opened = timezone.localtime(now - datetime.timedelta(days=12)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    closes = opened + datetime.timedelta(days=40, hours=14, minutes=59)  # 23:59
    programme, _ = Programme.objects.update_or_create(
        slug=SLUG,
        defaults={
            "name": "Global Internship Programme 2027",
            "name_zh": "全球實習計劃 2027",
            "description": DESCRIPTION,
            "description_zh": DESCRIPTION_ZH,
            "eligibility": (
                "Undergraduate and master's students at any university, in Hong Kong or "
                "abroad, graduating in 2027 or later."
            ),
            "eligible_levels": [Ed.BACHELOR, Ed.MASTER],
            "earliest_graduation_year": 2027,
            "applications_open_at": opened,
            "applications_close_at": closes,
            "offers_by": closes + datetime.timedelta(days=21),
            "accept_by": closes + datetime.timedelta(days=31),
            "is_published": True,
        },
    )
    return programme


def _placements(programme: Programme) -> list[Placement | None]:
    companies = {c.slug: c for c in Company.objects.filter(slug__in={p[0] for p in PLACEMENTS})}
    placements = []
    for slug, title, title_zh, cluster, quota, description in PLACEMENTS:
        company = companies.get(slug)
        if company is None:
            placements.append(None)
            continue
        placement, _ = Placement.objects.update_or_create(
            programme=programme,
            company=company,
            title=title,
            defaults={
                "title_zh": title_zh,
                "cluster": cluster,
                "quota": quota,
                "description": description,
            },
        )
        placements.append(placement)
    return placements


def _student(row, password) -> User:
    email, name, language, university, _country, residence, level, field, year = row[:9]
    user = factories.CandidateFactory(
        email=email + D, name=name, language=language, password=password
    )
    profile, _ = CandidateProfile.objects.update_or_create(
        user=user,
        defaults={
            "headline": f"{field} student, {university}",
            "summary": f"Expected to graduate in {year}; looking for a summer internship in "
            "Hong Kong's deep-tech companies.",
            "residence": residence,
        },
    )
    EducationEntry.objects.update_or_create(
        profile=profile,
        institution=university,
        defaults={"level": level, "field_of_study": field, "graduation_year": year},
    )
    if not CV.objects.filter(owner=user).exists():
        data = cv_pdf(name=name, headline=f"{field} student", skills=[], experience=[])
        cv_upload(owner=user, file=io.BytesIO(data), name=f"{name} CV.pdf", size=len(data))
    return user


def _advance(application, outcome, placement, staff, interviewer) -> None:
    if outcome == Status.WITHDRAWN:
        programme_application_withdraw(application=application, by=application.candidate)
        return
    if outcome == Status.NOT_SELECTED:
        programme_not_select(application=application, by=staff)
        return
    if outcome == Status.SUBMITTED:
        return
    programme_shortlist(application=application, by=staff)
    if interviewer is not None:
        for preference in PlacementPreference.objects.filter(
            application=application, placement__company__members__user=interviewer
        ):
            programme_interview_record(
                preference=preference,
                by=interviewer,
                outcome=PlacementPreference.Interview.RECOMMENDED,
                note="Well prepared; good questions about our pipeline.",
            )
    if outcome in (Status.SELECTED, Status.ACCEPTED):
        programme_select(application=application, placement=placement, by=staff)
    if outcome == Status.ACCEPTED:
        programme_offer_accept(application=application, by=application.candidate)


@transaction.atomic
def demo_programmes_load(*, password=None) -> dict:
    """Create or refresh the demo programme round; return what it holds afterwards."""
    now = timezone.now()
    password = password or factories.DEFAULT_PASSWORD
    staff = User.objects.filter(email=STAFF_EMAIL).first() or factories.SuperuserFactory(
        email=STAFF_EMAIL, name="Staff Demo (HKSTP Talent Services)", password=password
    )
    interviewer = User.objects.filter(email=EMPLOYER_EMAIL).first()
    programme = _programme(now)
    placements = _placements(programme)
    for row in STUDENTS:
        user = _student(row, password)
        if ProgrammeApplication.objects.filter(programme=programme, candidate=user).exists():
            continue
        chosen = [placements[index] for index in row[9] if placements[index] is not None]
        if not chosen:
            continue
        application = programme_apply(
            programme=programme,
            candidate=user,
            university=row[3],
            country=row[4],
            statement="I want to spend the summer building something real with a park team.",
            cv=CV.objects.filter(owner=user).order_by("-is_default").first(),
            placement_ids=[placement.pk for placement in chosen],
        )
        _advance(application, row[10], chosen[0], staff, interviewer)
    return {
        "programme_placements": programme.placements.count(),
        "programme_applications": programme.applications.count(),
    }
