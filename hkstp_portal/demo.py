"""Demo data: invented park companies, roles, candidates and a fair (no real company or person).

`demo_data_load()` is idempotent: every row has a natural key (email, slug,
company + title), so a second run updates instead of duplicating.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from companies.models import Company, CompanyMember
from events.models import Event
from hkstp_portal.vocabulary import Cluster as C
from hkstp_portal.vocabulary import Education as Ed
from hkstp_portal.vocabulary import EmploymentType as T
from hkstp_portal.vocabulary import JobField as F
from hkstp_portal.vocabulary import Seniority as S
from hkstp_portal.vocabulary import Site
from hkstp_portal.vocabulary import WorkMode as W
from jobs.models import Job
from tests import factories

P = Company.Programme

# slug, name, Chinese name, programme, clusters, sites, size, offices outside HK, description
COMPANIES = [
    (
        "lumen-genomics",
        "Lumen Genomics Limited",
        "光譜基因有限公司",
        P.TENANT,
        [C.HEALTHTECH],
        [Site.SCIENCE_PARK],
        "51-200",
        True,
        "Sequencing-based early cancer screening, with a clinical lab in Pak Shek Kok.",
    ),
    (
        "tidewater-robotics",
        "Tidewater Robotics",
        "潮汐機械人",
        P.INCUBATEE,
        [C.AI_ROBOTICS],
        [Site.SCIENCE_PARK],
        "11-50",
        False,
        "Autonomous inspection robots for tunnels, drainage and building facades.",
    ),
    (
        "junction-silicon",
        "Junction Silicon Technologies",
        "結點矽科技",
        P.TENANT,
        [C.MICROELECTRONICS],
        [Site.SCIENCE_PARK, Site.SHENZHEN_BRANCH],
        "51-200",
        True,
        "Low-power RISC-V SoCs and mixed-signal IP for wearables and IoT.",
    ),
    (
        "harbourline-pay",
        "Harbourline Pay",
        "港線支付",
        P.TENANT,
        [C.FINTECH],
        [Site.INNOCENTRE],
        "51-200",
        True,
        "Cross-border payments and FPS merchant tools for SMEs in the Greater Bay Area.",
    ),
    (
        "centre-neural-imaging",
        "Centre for Neural Imaging Research",
        "神經影像研究中心",
        P.INNOHK,
        [C.HEALTHTECH, C.AI_ROBOTICS],
        [Site.SCIENCE_PARK],
        "51-200",
        True,
        "An InnoHK research centre developing AI methods for brain MRI and PET.",
    ),
    (
        "greenloop-materials",
        "GreenLoop Materials",
        "綠環物料",
        P.TENANT,
        [C.NEW_MATERIALS, C.SUSTAINABILITY],
        [Site.INNOPARK_TKO],
        "11-50",
        False,
        "Bio-based packaging films made from food-industry waste.",
    ),
    (
        "meridian-medtech",
        "Meridian Medtech",
        "子午醫療科技",
        P.TENANT,
        [C.MEDTECH],
        [Site.SCIENCE_PARK, Site.INNOPARK_TAI_PO],
        "51-200",
        True,
        "Class II wearable cardiac monitors, designed and assembled in Hong Kong.",
    ),
    (
        "citysense-analytics",
        "CitySense Analytics",
        "城感數據",
        P.INCUBATEE,
        [C.SMART_CITY],
        [Site.INNOCENTRE],
        "11-50",
        False,
        "Crowd-flow and air-quality sensing for malls, MTR stations and public venues.",
    ),
    (
        "kowloon-quantum",
        "Kowloon Quantum Devices",
        "九龍量子器件",
        P.INCUBATEE,
        [C.MICROELECTRONICS, C.NEW_MATERIALS],
        [Site.SCIENCE_PARK],
        "1-10",
        False,
        "Superconducting single-photon detectors for quantum communication.",
    ),
    (
        "precision-forge",
        "Precision Forge Automation",
        "精鍛自動化",
        P.TENANT,
        [C.ADVANCED_MANUFACTURING],
        [Site.INNOPARK_YUEN_LONG],
        "201+",
        True,
        "Smart production lines for precision metal parts, with a plant in Yuen Long.",
    ),
    (
        "bayside-ledger",
        "Bayside Ledger",
        "灣畔賬本",
        P.SHENZHEN,
        [C.FINTECH],
        [Site.SHENZHEN_BRANCH],
        "11-50",
        True,
        "Regulatory reporting and AML analytics for virtual-asset platforms.",
    ),
    (
        "aurora-biologics",
        "Aurora Biologics",
        "曙光生物製劑",
        P.TENANT,
        [C.HEALTHTECH],
        [Site.SCIENCE_PARK, Site.INNOPARK_TKO],
        "51-200",
        True,
        "Monoclonal antibody discovery and GMP pilot manufacturing.",
    ),
    (
        "solstice-energy",
        "Solstice Energy Systems",
        "至日能源系統",
        P.INCUBATEE,
        [C.SUSTAINABILITY],
        [Site.INNOCENTRE],
        "1-10",
        False,
        "Battery analytics that extend the life of commercial energy storage.",
    ),
    (
        "centre-smart-logistics",
        "Centre for Smart Logistics Robotics",
        "智慧物流機械人中心",
        P.INNOHK,
        [C.AI_ROBOTICS, C.SMART_CITY],
        [Site.SCIENCE_PARK],
        "51-200",
        True,
        "An InnoHK centre working on warehouse robots and fleet planning.",
    ),
    (
        "pearl-vision",
        "Pearl Vision AI",
        "明珠視覺人工智能",
        P.TENANT,
        [C.AI_ROBOTICS],
        [Site.SCIENCE_PARK, Site.SHENZHEN_BRANCH],
        "11-50",
        True,
        "Computer vision for defect detection on electronics assembly lines.",
    ),
    (
        "hillside-health",
        "Hillside Digital Health",
        "山城數碼健康",
        P.INCUBATEE,
        [C.HEALTHTECH],
        [Site.INNOCENTRE],
        "11-50",
        False,
        "A Cantonese-first telehealth app for chronic disease care.",
    ),
]

# cluster -> roles: title, Chinese title, field, type, seniority, education, salary range, text
ROLES = {
    C.HEALTHTECH: [
        (
            "Bioinformatics Scientist",
            "生物資訊科學家",
            F.RND,
            T.FULL_TIME,
            S.MID,
            Ed.PHD,
            (45000, 65000),
            "Build variant-calling and cfDNA pipelines in Python and Nextflow.",
        ),
        (
            "Research Assistant, Molecular Biology",
            "分子生物學研究助理",
            F.RND,
            T.FULL_TIME,
            S.ENTRY,
            Ed.BACHELOR,
            (20000, 26000),
            "Run qPCR, NGS library prep and ELISA assays.",
        ),
        (
            "Clinical Data Intern",
            "臨床數據實習生",
            F.DATA_AI,
            T.INTERNSHIP,
            S.INTERN,
            Ed.BACHELOR,
            (12000, 14000),
            "Clean and analyse trial data in R for our study team.",
        ),
    ],
    C.AI_ROBOTICS: [
        (
            "Machine Learning Engineer",
            "機器學習工程師",
            F.DATA_AI,
            T.FULL_TIME,
            S.MID,
            Ed.MASTER,
            (38000, 55000),
            "Train and deploy PyTorch models; own the MLOps on Kubernetes.",
        ),
        (
            "Robotics Software Engineer (ROS 2)",
            "機械人軟件工程師（ROS 2）",
            F.ENGINEERING,
            T.FULL_TIME,
            S.SENIOR,
            Ed.BACHELOR,
            (50000, 70000),
            "C++ and ROS 2 for navigation, SLAM and motion planning.",
        ),
        (
            "Computer Vision Intern",
            "電腦視覺實習生",
            F.DATA_AI,
            T.INTERNSHIP,
            S.INTERN,
            Ed.BACHELOR,
            (12000, 15000),
            "Label, train and evaluate detection models with OpenCV.",
        ),
    ],
    C.MICROELECTRONICS: [
        (
            "Digital IC Design Engineer",
            "數字集成電路設計工程師",
            F.ENGINEERING,
            T.FULL_TIME,
            S.MID,
            Ed.MASTER,
            (40000, 60000),
            "RTL design in Verilog/SystemVerilog, synthesis, STA.",
        ),
        (
            "Analog Layout Engineer",
            "模擬版圖工程師",
            F.ENGINEERING,
            T.FULL_TIME,
            S.SENIOR,
            Ed.BACHELOR,
            (45000, 62000),
            "Custom layout in Cadence Virtuoso for 28nm mixed-signal.",
        ),
        (
            "Graduate Engineer, Verification",
            "驗證畢業工程師",
            F.ENGINEERING,
            T.GRADUATE_PROGRAMME,
            S.ENTRY,
            Ed.BACHELOR,
            (24000, 28000),
            "Two-year programme: UVM testbenches, FPGA prototyping, tape-out support.",
        ),
    ],
    C.FINTECH: [
        (
            "Backend Engineer (Payments)",
            "後端工程師（支付）",
            F.ENGINEERING,
            T.FULL_TIME,
            S.MID,
            Ed.BACHELOR,
            (40000, 58000),
            "Go and PostgreSQL services behind FPS and card rails.",
        ),
        (
            "Compliance Analyst",
            "合規分析員",
            F.REGULATORY,
            T.FULL_TIME,
            S.ENTRY,
            Ed.BACHELOR,
            (25000, 32000),
            "Transaction monitoring, KYC reviews and HKMA reporting.",
        ),
        (
            "Product Manager, Merchant Tools",
            "產品經理（商戶工具）",
            F.PRODUCT,
            T.FULL_TIME,
            S.SENIOR,
            Ed.BACHELOR,
            (55000, 75000),
            "Own the roadmap for our SME merchant dashboard.",
        ),
    ],
    C.SMART_CITY: [
        (
            "IoT Firmware Engineer",
            "物聯網韌體工程師",
            F.ENGINEERING,
            T.FULL_TIME,
            S.MID,
            Ed.BACHELOR,
            (35000, 48000),
            "Embedded C on ARM Cortex-M, LoRaWAN and BLE.",
        ),
        (
            "Data Analyst",
            "數據分析員",
            F.DATA_AI,
            T.FULL_TIME,
            S.ENTRY,
            Ed.BACHELOR,
            (24000, 30000),
            "SQL, Python and dashboards for venue operators.",
        ),
    ],
    C.NEW_MATERIALS: [
        (
            "Materials Scientist",
            "材料科學家",
            F.RND,
            T.FULL_TIME,
            S.MID,
            Ed.PHD,
            (42000, 58000),
            "Polymer formulation, rheology and film characterisation.",
        ),
        (
            "Process Engineer",
            "工藝工程師",
            F.ENGINEERING,
            T.CONTRACT,
            S.MID,
            Ed.BACHELOR,
            (30000, 40000),
            "Scale up extrusion from pilot to production.",
        ),
    ],
    C.SUSTAINABILITY: [
        (
            "Battery Data Scientist",
            "電池數據科學家",
            F.DATA_AI,
            T.FULL_TIME,
            S.MID,
            Ed.MASTER,
            (38000, 52000),
            "Degradation models from cell telemetry; Python and time series.",
        ),
        (
            "Business Development Manager (ESG)",
            "業務發展經理（ESG）",
            F.BUSINESS,
            T.FULL_TIME,
            S.SENIOR,
            Ed.BACHELOR,
            (45000, 60000),
            "Win property and utility clients across the GBA.",
        ),
    ],
    C.MEDTECH: [
        (
            "Regulatory Affairs Specialist",
            "法規事務專員",
            F.REGULATORY,
            T.FULL_TIME,
            S.MID,
            Ed.BACHELOR,
            (35000, 45000),
            "ISO 13485, MDR and NMPA submissions for our devices.",
        ),
        (
            "Embedded Engineer, Wearables",
            "穿戴裝置嵌入式工程師",
            F.ENGINEERING,
            T.FULL_TIME,
            S.MID,
            Ed.BACHELOR,
            (36000, 50000),
            "Low-power firmware and signal processing for ECG.",
        ),
    ],
    C.ADVANCED_MANUFACTURING: [
        (
            "Automation Engineer",
            "自動化工程師",
            F.ENGINEERING,
            T.FULL_TIME,
            S.MID,
            Ed.BACHELOR,
            (32000, 45000),
            "PLC, machine vision and MES integration on our smart lines.",
        ),
        (
            "Production Planner",
            "生產計劃員",
            F.OPERATIONS,
            T.FULL_TIME,
            S.ENTRY,
            Ed.ASSOCIATE,
            (20000, 25000),
            "Plan shifts and materials with our ERP; Cantonese required.",
        ),
    ],
}

CANDIDATES = [
    (
        "candidate@demo.hkstp.example",
        "Chan Hiu Tung",
        "Final-year computer engineering student, HKUST",
    ),
    ("wong.kaming@demo.hkstp.example", "Wong Ka Ming", "Bioinformatics PhD, cfDNA and Nextflow"),
    ("priya.n@demo.hkstp.example", "Priya Natarajan", "IC verification engineer, 4 years UVM"),
    ("li.xiaoyu@demo.hkstp.example", "Li Xiaoyu", "Fintech product analyst, TTPS holder"),
    ("tom.fischer@demo.hkstp.example", "Tom Fischer", "Robotics MSc, ROS 2 and SLAM"),
]

# slug, days from today, Hong Kong start hour, length in hours, fields
EVENTS = [
    ("ai-in-action-career-day", 21, 10, 7, {
        "kind": Event.Kind.THEMED_CAREER_DAY,
        "format": Event.Format.HYBRID,
        "title": "AI in Action Career Day",
        "title_zh": "「AI in Action」職涯日",
        "description": "Meet AI and robotics companies of the park, join workshops on personal "
        "branding and job-search technique, and browse the online Talent Pool.",
        "venue": "Charles K. Kao Auditorium, Hong Kong Science Park",
        "capacity": 3000,
    }),
    ("top-talent-recruitment-fair", 45, 14, 4, {
        "kind": Event.Kind.RECRUITMENT_FAIR,
        "format": Event.Format.PHYSICAL,
        "title": "Top Talent Recruitment Fair",
        "title_zh": "高端人才招聘會",
        "description": "For Top Talent Pass Scheme holders and eligible graduates: meet 40+ "
        "park companies, drop your CV at their booths and interview on the day.",
        "venue": "Conference Hall, Core Building 1, Hong Kong Science Park",
        "capacity": 300,
    }),
]  # fmt: skip

STAFF_EMAIL = "staff@demo.hkstp.example"
EMPLOYER_EMAIL = "employer@demo.hkstp.example"
CANDIDATE_EMAIL = CANDIDATES[0][0]


def _jobs_for(company, index, now):
    roles = ROLES[company.clusters[0]]
    sites = company.sites
    for n, role in enumerate(roles):
        title, title_zh, field, kind, seniority, education, (low, high), text = role
        published = now - datetime.timedelta(days=(index * 3 + n * 5) % 40, hours=n)
        Job.objects.update_or_create(
            company=company,
            title=title,
            defaults={
                "title_zh": title_zh,
                "description": f"{company.name} — {company.description}\n\n{text}",
                "employment_type": kind,
                "seniority": seniority,
                "education": education,
                "field": field,
                "site": sites[n % len(sites)],
                "work_mode": [W.ON_SITE, W.HYBRID, W.HYBRID, W.REMOTE][(index + n) % 4],
                "salary_min": low,
                "salary_max": high,
                "show_salary": (index + n) % 5 != 0,
                "status": Job.Status.PUBLISHED,
                "published_at": published,
                "deadline": (published + datetime.timedelta(days=60)).date(),
            },
        )


@transaction.atomic
def demo_data_load() -> dict:
    """Create or refresh the demo rows; return what exists afterwards."""
    now = timezone.now()
    factories.SuperuserFactory(email=STAFF_EMAIL, name="Staff Demo (HKSTP Talent Services)")
    companies = []
    for index, row in enumerate(COMPANIES):
        slug, name, name_zh, programme, clusters, sites, size, outside, description = row
        company, _ = Company.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_zh": name_zh,
                "programme": programme,
                "clusters": clusters,
                "sites": sites,
                "size": size,
                "has_offices_outside_hk": outside,
                "description": description,
                "website": f"https://{slug}.example",
                "status": Company.Status.VERIFIED,
            },
        )
        companies.append(company)
        _jobs_for(company, index, now)

    employer = factories.EmployerFactory(email=EMPLOYER_EMAIL, name="Cheung Wing Sze")
    CompanyMember.objects.update_or_create(
        user=employer, defaults={"company": companies[0], "role": CompanyMember.Role.ADMIN}
    )
    for email, name, headline in CANDIDATES:
        user = factories.CandidateFactory(email=email, name=name)
        factories.CandidateProfileFactory(user=user, headline=headline)

    for slug, days_ahead, hour, hours, fields in EVENTS:
        starts_at = timezone.localtime(now + datetime.timedelta(days=days_ahead)).replace(
            hour=hour, minute=0, second=0, microsecond=0
        )
        Event.objects.update_or_create(
            slug=slug,
            defaults={
                **fields,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=hours),
                "site": Site.SCIENCE_PARK,
                "is_published": True,
            },
        )
    return {
        "companies": Company.objects.count(),
        "jobs": Job.objects.published().count(),
        "events": Event.objects.count(),
    }
