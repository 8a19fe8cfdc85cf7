"""Demo candidates: invented people with profiles, experience, education and CVs.

The first is the demo candidate (catalogue.CANDIDATE_EMAIL); the rest fill the demo
employer's applicant pipeline. Skills are taxonomy slugs.
Universities are real institutions; every person and employer named here is invented.
"""

import dataclasses

from hkstp_portal.vocabulary import Education as Ed
from hkstp_portal.vocabulary import EmploymentType as T
from hkstp_portal.vocabulary import JobField as F
from hkstp_portal.vocabulary import Language as L
from hkstp_portal.vocabulary import Residence as R
from hkstp_portal.vocabulary import Site
from hkstp_portal.vocabulary import WorkEligibility as E
from hkstp_portal.vocabulary import WorkMode as W


@dataclasses.dataclass(frozen=True)
class Person:
    email: str
    name: str
    headline: str
    summary: str
    residence: str
    eligibility: str
    languages: tuple
    fields: tuple
    types: tuple
    skills: tuple
    # (title, organisation, from year, to year or None)
    experience: tuple
    # (institution, level, field of study, graduation year)
    education: tuple
    min_salary: int | None = None
    sites: tuple = (Site.SCIENCE_PARK,)
    modes: tuple = (W.ON_SITE, W.HYBRID)
    discoverable: bool = True
    language: str = "en"


D = "@demo.hkstp.example"

PEOPLE = [
    Person(
        "candidate" + D, "Chan Hiu Tung", "Final-year computer engineering student, HKUST",
        "Final-year student who likes turning research code into products. Built a "
        "retinal-image classifier for my final-year project and interned at a fintech start-up.",
        R.HONG_KONG, E.HK_PERMANENT, (L.ENGLISH, L.CANTONESE, L.PUTONGHUA),
        (F.DATA_AI, F.ENGINEERING), (T.GRADUATE_PROGRAMME, T.FULL_TIME, T.INTERNSHIP),
        ("python", "pytorch", "computer-vision", "machine-learning", "sql", "git", "docker"),
        (("Software Engineering Intern", "Northpoint Pay (start-up)", 2025, 2025),),
        (("The Hong Kong University of Science and Technology", Ed.BACHELOR,
          "Computer Engineering", 2027),),
        min_salary=22000, language="zh-hant",
    ),
    Person(
        "wong.kaming" + D, "Wong Ka Ming", "Bioinformatics PhD, cfDNA and Nextflow",
        "Computational biologist working on cell-free DNA fragmentomics for early cancer "
        "detection. Four years of production pipelines in Nextflow on hospital cohorts.",
        R.HONG_KONG, E.HK_PERMANENT, (L.ENGLISH, L.CANTONESE),
        (F.RND, F.DATA_AI), (T.FULL_TIME,),
        ("bioinformatics", "ngs", "python", "r", "statistics", "linux", "machine-learning"),
        (("Postdoctoral Fellow", "Medical faculty research lab", 2024, None),
         ("Research Assistant", "Genomics core facility", 2019, 2020)),
        (("The Chinese University of Hong Kong", Ed.PHD, "Biomedical Sciences", 2024),
         ("The University of Hong Kong", Ed.BACHELOR, "Biochemistry", 2019)),
        min_salary=45000,
    ),
    Person(
        "priya.n" + D, "Priya Natarajan", "IC verification engineer, 4 years UVM",
        "Design-verification engineer: UVM testbenches, coverage closure and formal checks "
        "for mixed-signal SoCs. Moving to Hong Kong under the Top Talent Pass Scheme.",
        R.OVERSEAS, E.TTPS, (L.ENGLISH,), (F.ENGINEERING, F.RND), (T.FULL_TIME,),
        ("verilog", "asic", "fpga", "python", "eda", "semiconductor", "bash"),
        (("Design Verification Engineer", "Silicon design house, Bengaluru", 2021, None),),
        (("Indian Institute of Technology Madras", Ed.MASTER, "Microelectronics", 2021),),
        min_salary=50000, sites=(Site.SCIENCE_PARK, Site.INNOCENTRE),
    ),
    Person(
        "li.xiaoyu" + D, "Li Xiaoyu", "Fintech product analyst, TTPS holder",
        "Product analyst for cross-border payments; SQL every day, dashboards for the "
        "business, and the regulatory side of e-wallet onboarding.",
        R.HONG_KONG, E.TTPS, (L.ENGLISH, L.PUTONGHUA), (F.PRODUCT, F.BUSINESS),
        (T.FULL_TIME,),
        ("product-management", "sql", "data-analysis", "payments", "regtech", "tableau"),
        (("Product Analyst", "Cross-border wallet operator, Shenzhen", 2022, None),),
        (("Peking University", Ed.MASTER, "Finance", 2022),),
        min_salary=38000, language="zh-hans",
    ),
    Person(
        "tom.fischer" + D, "Tom Fischer", "Robotics MSc, ROS 2 and SLAM",
        "Robotics engineer who has shipped ROS 2 navigation on warehouse robots; happiest "
        "between the simulator and the real machine.",
        R.OVERSEAS, E.NEEDS_SPONSORSHIP, (L.ENGLISH,), (F.ENGINEERING, F.RND),
        (T.FULL_TIME, T.CONTRACT),
        ("robotics", "ros", "slam", "cpp", "python", "control-systems", "linux"),
        (("Robotics Software Engineer", "Logistics robot maker, Munich", 2023, None),),
        (("Technical University of Munich", Ed.MASTER, "Robotics", 2023),),
        min_salary=48000, modes=(W.ON_SITE,),
    ),
    Person(
        "ho.wingyan" + D, "Ho Wing Yan", "Molecular biologist, CRISPR screens",
        "Bench scientist with five years of CRISPR knockout screens and cell culture; "
        "comfortable running NGS library prep and first-pass analysis.",
        R.HONG_KONG, E.HK_PERMANENT, (L.ENGLISH, L.CANTONESE), (F.RND,), (T.FULL_TIME,),
        ("molecular-biology", "crispr", "cell-culture", "ngs", "gmp"),
        (("Research Associate", "Antibody discovery start-up", 2021, None),),
        (("The University of Hong Kong", Ed.MASTER, "Molecular Biology", 2020),),
        min_salary=32000,
    ),
    Person(
        "zhang.hao" + D, "Zhang Hao", "Data engineer, Spark and Kafka",
        "Data engineer who builds streaming pipelines for clinical and IoT data.",
        R.GBA, E.GBA_BASED, (L.ENGLISH, L.PUTONGHUA), (F.DATA_AI, F.ENGINEERING),
        (T.FULL_TIME,),
        ("data-engineering", "spark", "kafka", "python", "sql", "aws", "docker"),
        (("Data Engineer", "Health-data platform, Shenzhen", 2020, None),),
        (("Sun Yat-sen University", Ed.BACHELOR, "Software Engineering", 2020),),
        min_salary=35000, sites=(Site.SHENZHEN_BRANCH, Site.SCIENCE_PARK),
        language="zh-hans",
    ),
    Person(
        "leung.chiho" + D, "Leung Chi Ho", "Biostatistician, clinical trials",
        "Biostatistician for phase I–III trials; SAP authoring, R and regulatory submissions.",
        R.HONG_KONG, E.HK_PERMANENT, (L.ENGLISH, L.CANTONESE), (F.REGULATORY, F.RND),
        (T.FULL_TIME,),
        ("biostatistics", "r", "statistics", "clinical-trials", "sql"),
        (("Biostatistician", "Contract research organisation", 2019, None),),
        (("The Chinese University of Hong Kong", Ed.MASTER, "Biostatistics", 2019),),
        min_salary=42000,
    ),
    Person(
        "amelia.ross" + D, "Amelia Ross", "Machine learning engineer, medical imaging",
        "ML engineer who trains and validates imaging models with radiologists in the loop.",
        R.HONG_KONG, E.HK_RIGHT_TO_WORK, (L.ENGLISH,), (F.DATA_AI, F.RND), (T.FULL_TIME,),
        ("python", "pytorch", "medical-imaging", "deep-learning", "computer-vision", "mlops"),
        (("Machine Learning Engineer", "Radiology AI start-up, London", 2021, 2025),),
        (("Imperial College London", Ed.MASTER, "Computing (AI and ML)", 2021),),
        min_salary=55000,
    ),
    Person(
        "chow.kaho" + D, "Chow Ka Ho", "Laboratory technician, GMP and ISO 13485",
        "Lab technician moving from hospital pathology into diagnostics manufacturing.",
        R.HONG_KONG, E.HK_PERMANENT, (L.ENGLISH, L.CANTONESE), (F.OPERATIONS, F.RND),
        (T.FULL_TIME, T.CONTRACT),
        ("gmp", "iso-13485", "cell-culture", "molecular-biology"),
        (("Laboratory Technician", "Public hospital pathology department", 2018, None),),
        (("The Hong Kong Polytechnic University", Ed.BACHELOR, "Medical Laboratory Science",
          2018),),
        min_salary=26000, discoverable=False, language="zh-hant",
    ),
    Person(
        "sara.kim" + D, "Sara Kim", "Regulatory affairs specialist, medical devices",
        "Regulatory specialist: CE and NMPA submissions for class II devices.",
        R.OVERSEAS, E.NEEDS_SPONSORSHIP, (L.ENGLISH,), (F.REGULATORY,), (T.FULL_TIME,),
        ("regulatory-affairs", "medical-devices", "iso-13485", "clinical-trials"),
        (("Regulatory Affairs Specialist", "Device maker, Seoul", 2020, None),),
        (("Seoul National University", Ed.MASTER, "Biomedical Engineering", 2020),),
        min_salary=45000,
    ),
    Person(
        "yeung.mankit" + D, "Yeung Man Kit", "Graduate in statistics, HKBU",
        "New graduate looking for a first data role in healthtech.",
        R.HONG_KONG, E.HK_PERMANENT, (L.ENGLISH, L.CANTONESE), (F.DATA_AI,),
        (T.GRADUATE_PROGRAMME, T.FULL_TIME),
        ("statistics", "r", "python", "sql", "data-analysis"),
        (("Data Analyst Intern", "Insurance company", 2025, 2025),),
        (("Hong Kong Baptist University", Ed.BACHELOR, "Statistics", 2026),),
        min_salary=20000,
    ),
    Person(
        "nguyen.minh" + D, "Nguyen Minh Anh", "Bioinformatics MSc, single-cell",
        "Single-cell RNA-seq analysis and workflow engineering; looking to join a "
        "diagnostics team.",
        R.OVERSEAS, E.TTPS, (L.ENGLISH,), (F.RND, F.DATA_AI), (T.FULL_TIME,),
        ("bioinformatics", "python", "ngs", "statistics", "machine-learning"),
        (("Bioinformatician", "University genomics centre, Singapore", 2022, None),),
        (("National University of Singapore", Ed.MASTER, "Computational Biology", 2022),),
        min_salary=40000,
    ),
    Person(
        "kwok.suetying" + D, "Kwok Suet Ying", "Business development, life sciences",
        "Business developer for lab instruments across Hong Kong and the GBA.",
        R.HONG_KONG, E.HK_PERMANENT, (L.ENGLISH, L.CANTONESE, L.PUTONGHUA), (F.BUSINESS,),
        (T.FULL_TIME,),
        ("business-development", "sales", "marketing", "medical-devices"),
        (("Business Development Manager", "Laboratory equipment distributor", 2017, None),),
        (("City University of Hong Kong", Ed.BACHELOR, "Marketing", 2016),),
        min_salary=40000, discoverable=False,
    ),
]  # fmt: skip
