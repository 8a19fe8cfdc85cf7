"""The demo catalogue: invented companies, role templates, candidates and events."""

import dataclasses

from companies.models import Company
from events.models import Event
from hkstp_portal.vocabulary import Cluster as C
from hkstp_portal.vocabulary import Education as Ed
from hkstp_portal.vocabulary import EmploymentType as T
from hkstp_portal.vocabulary import JobField as F
from hkstp_portal.vocabulary import Seniority as S
from hkstp_portal.vocabulary import Site

P = Company.Programme
SEED = 2026


@dataclasses.dataclass(frozen=True)
class DemoCompany:
    slug: str
    name: str
    name_zh: str
    programme: str
    clusters: list
    sites: list
    size: str
    outside: bool  # offices in the GBA or abroad
    description: str
    description_zh: str
    signature: tuple = ()  # role titles this company always hires for
    pools: tuple = ()  # where its other roles come from (POOLS keys); default: its clusters
    trusted: bool = False
    status: str = Company.Status.VERIFIED
    status_reason: str = ""


# fmt: off
COMPANIES = [
    DemoCompany(
        "lumen-genomics", "Lumen Genomics Limited", "光譜基因有限公司", P.TENANT,
        [C.HEALTHTECH], [Site.SCIENCE_PARK], "51-200", True,
        "Sequencing-based early cancer screening, with a clinical lab in Pak Shek Kok.",
        "以基因測序技術提供早期癌症篩查，並在白石角設有臨床化驗所。",
        signature=("Bioinformatics Scientist",),
        pools=("biotech", "digital_health"),
    ),
    DemoCompany(
        "tidewater-robotics", "Tidewater Robotics", "潮汐機械人", P.INCUBATEE,
        [C.AI_ROBOTICS], [Site.SCIENCE_PARK], "11-50", False,
        "Autonomous inspection robots for tunnels, drainage and building facades.",
        "研發自主巡檢機械人，用於隧道、渠務及建築物外牆檢查。",
        signature=("Robotics Software Engineer (ROS 2)", "Robot Operations Technician"),
        pools=("ai", "robotics"),
    ),
    DemoCompany(
        "junction-silicon", "Junction Silicon Technologies", "結點矽科技", P.TENANT,
        [C.MICROELECTRONICS], [Site.SCIENCE_PARK, Site.SHENZHEN_BRANCH], "51-200", True,
        "Low-power RISC-V SoCs and mixed-signal IP for wearables and IoT.",
        "為穿戴裝置及物聯網設計低功耗 RISC-V 系統單晶片及混合訊號 IP。",
        signature=("Digital IC Design Engineer", "Graduate Engineer, Verification"),
        trusted=True,
    ),
    DemoCompany(
        "harbourline-pay", "Harbourline Pay", "港線支付", P.TENANT,
        [C.FINTECH], [Site.INNOCENTRE], "51-200", True,
        "Cross-border payments and FPS merchant tools for SMEs in the Greater Bay Area.",
        "為大灣區中小企提供跨境支付及「轉數快」商戶工具。",
        signature=("Backend Engineer (Payments)", "Product Manager, Merchant Tools"),
        trusted=True,
    ),
    DemoCompany(
        "centre-neural-imaging", "Centre for Neural Imaging Research", "神經影像研究中心",
        P.INNOHK, [C.HEALTHTECH, C.AI_ROBOTICS], [Site.SCIENCE_PARK], "51-200", True,
        "An InnoHK research centre developing AI methods for brain MRI and PET.",
        "InnoHK 研發平台轄下的研究中心，專注以人工智能分析腦部磁力共振及正電子掃描影像。",
        signature=("Medical Imaging AI Scientist",),
        pools=("ai", "digital_health"),
        trusted=True,
    ),
    DemoCompany(
        "greenloop-materials", "GreenLoop Materials", "綠環物料", P.TENANT,
        [C.NEW_MATERIALS, C.SUSTAINABILITY], [Site.INNOPARK_TKO], "11-50", False,
        "Bio-based packaging films made from food-industry waste.",
        "將食品業廢料轉化為生物基包裝薄膜。",
        signature=("Materials Scientist", "Process Engineer"),
    ),
    DemoCompany(
        "meridian-medtech", "Meridian Medtech", "子午醫療科技", P.TENANT,
        [C.MEDTECH], [Site.SCIENCE_PARK, Site.INNOPARK_TAI_PO], "51-200", True,
        "Class II wearable cardiac monitors, designed and assembled in Hong Kong.",
        "在香港設計及組裝第二類穿戴式心臟監測器。",
        signature=("Regulatory Affairs Specialist", "Embedded Engineer, Wearables"),
    ),
    DemoCompany(
        "citysense-analytics", "CitySense Analytics", "城感數據", P.INCUBATEE,
        [C.SMART_CITY], [Site.INNOCENTRE], "11-50", False,
        "Crowd-flow and air-quality sensing for malls, MTR stations and public venues.",
        "為商場、港鐵站及公共場所提供人流及空氣質素感測方案。",
        signature=("IoT Firmware Engineer", "Data Analyst"),
    ),
    DemoCompany(
        "kowloon-quantum", "Kowloon Quantum Devices", "九龍量子器件", P.INCUBATEE,
        [C.MICROELECTRONICS, C.NEW_MATERIALS], [Site.SCIENCE_PARK], "1-10", False,
        "Superconducting single-photon detectors for quantum communication.",
        "研製用於量子通訊的超導單光子探測器。",
        signature=("Research Scientist, Quantum Devices",),
    ),
    DemoCompany(
        "precision-forge", "Precision Forge Automation", "精鍛自動化", P.TENANT,
        [C.ADVANCED_MANUFACTURING], [Site.INNOPARK_YUEN_LONG, Site.SCIENCE_PARK], "201+", True,
        "Smart production lines for precision metal parts, with a plant in Yuen Long.",
        "設計精密金屬零件智能生產線，於元朗設有廠房。",
        signature=("Automation Engineer", "Maintenance Technician", "Production Planner"),
        trusted=True,
    ),
    DemoCompany(
        "bayside-ledger", "Bayside Ledger", "灣畔賬本", P.SHENZHEN,
        [C.FINTECH], [Site.SHENZHEN_BRANCH], "11-50", True,
        "Regulatory reporting and AML analytics for virtual-asset platforms.",
        "為虛擬資產平台提供監管報告及反洗錢分析。",
        signature=("Compliance Officer", "AML Data Analyst"),
    ),
    DemoCompany(
        "aurora-biologics", "Aurora Biologics", "曙光生物製劑", P.TENANT,
        [C.HEALTHTECH], [Site.SCIENCE_PARK, Site.INNOPARK_TKO], "51-200", True,
        "Monoclonal antibody discovery and GMP pilot manufacturing.",
        "從事單克隆抗體研發及符合 GMP 標準的中試生產。",
        signature=("Scientist, Antibody Discovery", "QA Specialist (GMP)"),
        pools=("biotech",),
        trusted=True,
    ),
    DemoCompany(
        "solstice-energy", "Solstice Energy Systems", "至日能源系統", P.INCUBATEE,
        [C.SUSTAINABILITY], [Site.INNOCENTRE], "1-10", False,
        "Battery analytics that extend the life of commercial energy storage.",
        "以電池數據分析延長商業儲能系統的壽命。",
        signature=("Battery Data Scientist",),
    ),
    DemoCompany(
        "centre-smart-logistics", "Centre for Smart Logistics Robotics", "智慧物流機械人中心",
        P.INNOHK, [C.AI_ROBOTICS, C.SMART_CITY], [Site.SCIENCE_PARK], "51-200", True,
        "An InnoHK centre working on warehouse robots and fleet planning.",
        "InnoHK 研究中心，研究倉儲機械人及車隊調度。",
        signature=("Postdoctoral Fellow, Robot Learning",),
        pools=("ai", "robotics", C.SMART_CITY),
    ),
    DemoCompany(
        "pearl-vision", "Pearl Vision AI", "明珠視覺人工智能", P.TENANT,
        [C.AI_ROBOTICS], [Site.SCIENCE_PARK, Site.SHENZHEN_BRANCH], "11-50", True,
        "Computer vision for defect detection on electronics assembly lines.",
        "以電腦視覺檢測電子產品裝配線上的瑕疵。",
        signature=("Machine Learning Engineer", "Computer Vision Intern"),
        pools=("ai",),
    ),
    DemoCompany(
        "hillside-health", "Hillside Digital Health", "山城數碼健康", P.INCUBATEE,
        [C.HEALTHTECH], [Site.INNOCENTRE], "11-50", False,
        "A Cantonese-first telehealth app for chronic disease care.",
        "以廣東話為本的遙距醫療應用程式，照顧慢性病患者。",
        signature=("Mobile App Engineer",),
        pools=("digital_health",),
    ),
    DemoCompany(
        "kapok-sensing", "Kapok Sensing Technology", "木棉感知科技", P.SHENZHEN,
        [C.MEDTECH, C.AI_ROBOTICS], [Site.SHENZHEN_BRANCH], "51-200", True,
        "Contact-free radar sensors that detect falls and breathing problems in elderly "
        "homes across the Greater Bay Area.",
        "研發非接觸式雷達感測器，為大灣區安老院舍偵測跌倒及呼吸異常。",
        signature=("Hardware Engineer (Medical Devices)", "Clinical Applications Specialist"),
        pools=(C.MEDTECH, "ai"),
    ),
    DemoCompany(
        "centre-photonic-materials", "Centre for Photonic Materials Innovation",
        "光子材料創新中心", P.INNOHK, [C.NEW_MATERIALS, C.MICROELECTRONICS],
        [Site.SCIENCE_PARK], "51-200", True,
        "An InnoHK centre developing perovskite and metasurface materials for displays and "
        "optical sensing.",
        "InnoHK 研究中心，開發應用於顯示屏及光學感測的鈣鈦礦與超構表面材料。",
        signature=("Postdoctoral Fellow, Photonic Materials", "Technology Transfer Manager"),
    ),
    DemoCompany(
        "verdant-cell", "Verdant Cell Therapeutics", "翠生細胞治療", P.TENANT,
        [C.HEALTHTECH], [Site.INNOPARK_TAI_PO, Site.SCIENCE_PARK], "51-200", True,
        "Cell therapy process development and GMP manufacturing in Tai Po InnoPark.",
        "在大埔創新園從事細胞治療工藝開發及 GMP 生產。",
        signature=("Process Development Engineer, Cell Therapy", "Laboratory Technician"),
        pools=("cell_therapy",),
    ),
    DemoCompany(
        "kestrel-additive", "Kestrel Additive Works", "隼鷹增材製造", P.TENANT,
        [C.ADVANCED_MANUFACTURING, C.NEW_MATERIALS],
        [Site.INNOPARK_YUEN_LONG, Site.INNOPARK_TKO], "11-50", False,
        "Metal 3D printing and finishing of parts for medical and aerospace customers.",
        "為醫療及航空客戶以金屬 3D 打印製造並精加工零件。",
        signature=("Additive Manufacturing Engineer",),
    ),
    DemoCompany(
        "lab-trustworthy-financial-ai", "Laboratory for Trustworthy Financial AI",
        "可信金融人工智能實驗室", P.INNOHK, [C.FINTECH, C.AI_ROBOTICS],
        [Site.SCIENCE_PARK], "51-200", True,
        "An InnoHK laboratory researching explainable credit, fraud and market models with "
        "partner banks.",
        "InnoHK 實驗室，與合作銀行研究可解釋的信貸、防詐騙及市場模型。",
        signature=("Quantitative Researcher", "Research Scientist, Multimodal AI"),
        pools=(C.FINTECH, "ai"),
    ),
    # For HKSTP's verification queue: one waiting, one turned down.
    DemoCompany(
        "skyward-survey", "Skyward Survey Drones", "天際航測無人機", P.INCUBATEE,
        [C.SMART_CITY], [Site.INNOCENTRE], "1-10", False,
        "Drone photogrammetry and digital twins for slope and building surveys.",
        "以無人機攝影測量及數碼孿生技術進行斜坡和建築物勘測。",
        signature=("Drone Survey Specialist", "GIS Developer"),
        status=Company.Status.PENDING,
    ),
    DemoCompany(
        "orchid-wellness", "Orchid Wellness Trading", "蘭心健康貿易", P.TENANT,
        [C.HEALTHTECH], [Site.INNOCENTRE], "1-10", False,
        "Retail distribution of imported health supplements.",
        "零售分銷進口保健品。",
        status=Company.Status.REJECTED,
        status_reason="We could not find a tenancy, incubation or programme agreement with "
        "HKSTP for this business registration number, and retail distribution of supplements "
        "is outside the park's technology clusters. If you have since joined a park "
        "programme, reply with your agreement number and we will review the application again.",
    ),
]
# fmt: on


@dataclasses.dataclass(frozen=True)
class Role:
    """A role template: one job per (company, seniority), titled for its level."""

    title: str
    title_zh: str
    field: str
    education: str
    levels: str  # space-separated Seniority values; the title is for the first
    summary: str
    summary_zh: str
    duties: tuple
    needs: tuple
    skills: str  # required skill slugs (skills/data/skills.csv)
    nice: str = ""  # preferred skill slugs
    kind: str = T.FULL_TIME
    modes: str = "on_site hybrid"
    lang: str = "en"
    discipline: str = "a related field"
    titles: tuple = ()  # (seniority, title, title_zh) for levels that are not "Senior …" etc.

    @property
    def seniorities(self) -> list[str]:
        return self.levels.split()

    def titled(self, seniority: str) -> tuple[str, str]:
        for level, title, title_zh in self.titles:
            if level == seniority:
                return title, title_zh
        if seniority == self.seniorities[0]:
            return self.title, self.title_zh
        prefix, prefix_zh = LEVEL_PREFIX[seniority]
        return prefix + self.title, prefix_zh + self.title_zh


LEVEL_PREFIX = {
    S.ENTRY: ("Junior ", "初級"),
    S.SENIOR: ("Senior ", "高級"),
    S.LEAD: ("Lead ", "首席"),
}

# fmt: off
ROLES = {
    C.HEALTHTECH: [
        Role(
            "Bioinformatics Scientist", "生物資訊科學家", F.RND, Ed.PHD, "mid senior",
            "Own the pipelines that turn raw sequencing reads into clinical reports: variant "
            "calling, cfDNA fragment analysis and quality control, written in Python and "
            "Nextflow and run on our own compute cluster.",
            "負責把原始測序數據轉化為臨床報告的分析流程，包括變異檢測、cfDNA "
            "片段分析及質量控制。我們以 Python 和 Nextflow 開發，並在自建的運算集群上運行。",
            ("Develop, validate and version the NGS pipelines used for clinical samples",
             "Benchmark new variant callers and models against reference datasets",
             "Troubleshoot failed runs with the wet-lab team and improve QC metrics",
             "Write the validation reports our ISO 15189 accreditation needs"),
            ("Hands-on work with NGS data (FASTQ, BAM, VCF) and tools such as BWA and GATK",
             "Fluent Python or R, and comfortable on Linux and a job scheduler",
             "Publications in genomics or cancer biology are a plus"),
            "bioinformatics ngs python statistics", "r linux docker",
            discipline="bioinformatics, computational biology or a related field",
        ),
        Role(
            "Research Assistant, Molecular Biology", "分子生物學研究助理", F.RND, Ed.BACHELOR,
            "entry",
            "Support our assay development team at the bench: nucleic-acid extraction, qPCR, "
            "NGS library preparation and ELISA, with careful records in our electronic lab "
            "notebook.",
            "協助化驗開發團隊進行實驗室工作，包括核酸提取、qPCR、NGS "
            "文庫製備及 ELISA，並在電子實驗記錄簿中妥善記錄。",
            ("Run extractions, qPCR and library preparation to written protocols",
             "Keep reagents, equipment logs and the sample inventory in order",
             "Record results in the lab notebook and flag anomalies early"),
            ("PCR and basic cell or molecular techniques from your degree or a placement",
             "Careful, organised and happy to work in a regulated lab"),
            "molecular-biology cell-culture", "ngs crispr",
            modes="on_site", lang="en yue",
            discipline="biology, biochemistry, biotechnology or a related field",
        ),
        Role(
            "Clinical Data Intern", "臨床數據實習生", F.DATA_AI, Ed.BACHELOR, "intern",
            "A summer internship in our clinical study team: clean and analyse trial data in R, "
            "build the tables and figures for study reports, and learn how the evidence for a "
            "diagnostic test is built.",
            "暑期實習，加入臨床研究團隊：用 R 清理及分析試驗數據、製作研究報告圖表，"
            "了解診斷測試的臨床證據如何建立。",
            ("Clean and reconcile case report form data",
             "Produce summary tables and figures in R",
             "Help write the statistical sections of study reports"),
            ("Coursework in statistics and some R or Python",
             "Attention to detail with sensitive data"),
            "r statistics data-analysis", "sql python",
            kind=T.INTERNSHIP, modes="hybrid",
            discipline="statistics, biomedical sciences, data science or a related field",
        ),
        Role(
            "Scientist, Antibody Discovery", "抗體研發科學家", F.RND, Ed.PHD, "mid senior lead",
            "Design and run discovery campaigns for therapeutic monoclonal antibodies, from "
            "immunisation and hybridoma or phage display to lead characterisation, working "
            "closely with our process development and GMP teams.",
            "設計並執行治療性單克隆抗體的研發項目，由免疫、雜交瘤或噬菌體展示篩選到"
            "先導分子鑑定，並與工藝開發及 GMP 團隊緊密合作。",
            ("Plan discovery campaigns and screening cascades",
             "Run binding, functional and developability assays",
             "Analyse and present data to project teams and partners",
             "Write study reports and contribute to patent filings"),
            ("Hands-on antibody discovery (hybridoma, phage display or B-cell methods)",
             "Strong immunology and cell-based assay skills",
             "Experience with SPR or flow cytometry is a plus"),
            "immunology drug-discovery cell-culture", "molecular-biology ngs ip",
            modes="on_site",
            discipline="immunology, biochemistry or a related life science",
            titles=((S.LEAD, "Principal Scientist, Antibody Discovery", "首席科學家（抗體研發）"),),
        ),
        Role(
            "QA Specialist (GMP)", "質量保證專員（GMP）", F.REGULATORY, Ed.BACHELOR,
            "mid entry senior",
            "Keep our pilot manufacturing facility inspection-ready: review batch records, "
            "manage deviations and CAPAs, and run the document control behind every GMP batch.",
            "確保中試生產設施隨時符合 GMP 檢查要求：審核批記錄、處理偏差及糾正預防措施，"
            "並管理每批產品背後的文件控制。",
            ("Review executed batch records and release documentation",
             "Investigate deviations and follow CAPAs to closure",
             "Maintain SOPs and training records",
             "Support audits by clients and regulators"),
            ("Working knowledge of PIC/S or EU GMP",
             "Clear, precise writing"),
            "gmp regulatory-affairs", "technical-writing project-management",
            modes="on_site", lang="en yue",
            discipline="pharmacy, biotechnology, chemistry or a related field",
        ),
        Role(
            "Laboratory Technician", "實驗室技術員", F.OPERATIONS, Ed.ASSOCIATE, "entry",
            "Keep the lab running: prepare media and buffers, maintain cell lines and "
            "equipment, and manage stock so our scientists can focus on their experiments.",
            "維持實驗室日常運作：配製培養基及緩衝液、保養細胞株及儀器、管理庫存，"
            "讓科學家專注做實驗。",
            ("Prepare media, buffers and reagents",
             "Maintain cell cultures to SOPs",
             "Calibrate and log equipment; manage stock and waste"),
            ("Lab experience from your studies or a previous job",
             "Able to work an occasional weekend shift on a rota"),
            "cell-culture molecular-biology", "gmp",
            modes="on_site", lang="en yue",
            discipline="applied science, biotechnology or a related field",
        ),
        Role(
            "Clinical Research Coordinator (Part-time)", "臨床研究統籌員（兼職）",
            F.REGULATORY, Ed.BACHELOR, "entry",
            "Coordinate our study sites for about 20 hours a week: schedule participant visits, "
            "keep consent forms and case records complete, and be the first contact for "
            "clinic staff.",
            "每周約 20 小時，協調各研究中心的工作：安排參與者覆診、確保同意書及病例記錄完整，"
            "並作為診所職員的首要聯絡人。",
            ("Schedule participant visits and reminders",
             "Check consent forms and case report forms for completeness",
             "Track study supplies and site payments"),
            ("Knowledge of ICH-GCP, or willing to be certified in your first month",
             "Friendly and organised with patients and clinicians"),
            "clinical-trials data-analysis", "biostatistics",
            kind=T.PART_TIME, modes="on_site", lang="en yue",
            discipline="nursing, health sciences or a related field",
        ),
        Role(
            "Biostatistician", "生物統計師", F.DATA_AI, Ed.MASTER, "mid senior",
            "Plan and analyse our clinical validation studies: sample sizes, statistical "
            "analysis plans, and the analyses behind regulatory submissions and publications.",
            "負責臨床驗證研究的統計工作：計算樣本量、撰寫統計分析計劃，"
            "並為監管申報及學術發表進行分析。",
            ("Write statistical analysis plans and sample-size justifications",
             "Analyse study data in R and review each other's code",
             "Present results to clinicians and regulators",
             "Advise on study design for new products"),
            ("Experience analysing clinical or epidemiological studies",
             "Strong R; SAS is a plus"),
            "biostatistics r clinical-trials statistics", "python sql",
            modes="hybrid remote",
            discipline="statistics, biostatistics or epidemiology",
        ),
        Role(
            "Cell Therapy Research Intern", "細胞治療研究實習生", F.RND, Ed.BACHELOR, "intern",
            "Spend the summer in our process development lab, running T-cell expansion "
            "experiments and helping to test new culture media and activation conditions.",
            "暑期加入工藝開發實驗室，參與 T 細胞擴增實驗，協助測試新的培養基及激活條件。",
            ("Run T-cell expansion and characterisation experiments",
             "Analyse flow cytometry data with a scientist mentor",
             "Keep a clear, complete lab notebook"),
            ("Lab coursework in cell biology; aseptic technique is a plus",
             "Curious and careful"),
            "cell-culture immunology", "molecular-biology",
            kind=T.INTERNSHIP, modes="on_site",
            discipline="biomedical sciences, biotechnology or a related field",
        ),
        Role(
            "Process Development Engineer, Cell Therapy", "細胞治療工藝開發工程師",
            F.ENGINEERING, Ed.MASTER, "mid senior",
            "Turn lab-scale cell therapy processes into robust, closed and automated GMP "
            "processes, and transfer them to manufacturing.",
            "把實驗室規模的細胞治療工藝發展為穩健、封閉及自動化的 GMP 工藝，並轉移至生產線。",
            ("Design and run process characterisation studies (DoE)",
             "Evaluate closed and automated systems for cell processing",
             "Write batch records and technology-transfer packages",
             "Support investigations during GMP runs"),
            ("Experience developing cell therapy or biologics manufacturing processes",
             "Design of experiments and statistical analysis"),
            "cell-culture gmp statistics", "immunology project-management",
            modes="on_site",
            discipline="bioengineering, chemical engineering or a related field",
        ),
        Role(
            "Mobile App Engineer", "流動應用程式工程師", F.ENGINEERING, Ed.BACHELOR,
            "mid entry senior",
            "Build the app our patients use every day to log readings, message nurses and "
            "join video consultations, in React Native with native modules where it matters.",
            "開發病人每日使用的應用程式，讓他們記錄健康數據、與護士溝通及進行視像診症。"
            "我們以 React Native 開發，並在需要時編寫原生模組。",
            ("Ship features across iOS and Android",
             "Work with designers and nurses on accessible, Cantonese-first flows",
             "Write tests and keep crash rates low",
             "Help choose the next steps for our architecture"),
            ("Apps shipped to the App Store or Google Play",
             "Solid TypeScript and REST APIs"),
            "ios android react typescript", "rest-api ui-design testing",
            modes="hybrid remote",
            discipline="computer science or a related field",
        ),
    ],
    C.AI_ROBOTICS: [
        Role(
            "Machine Learning Engineer", "機器學習工程師", F.DATA_AI, Ed.MASTER,
            "mid entry senior lead",
            "Take models from notebook to production: data pipelines, PyTorch training, "
            "evaluation and serving on Kubernetes, with monitoring that tells us when a model "
            "drifts.",
            "把模型由實驗帶到生產環境：建立數據流程、以 PyTorch 訓練及評估模型，"
            "並在 Kubernetes 上部署和監察模型表現。",
            ("Train, evaluate and ship models for our products",
             "Build reproducible training and data pipelines",
             "Own serving, monitoring and retraining in production",
             "Work with researchers to turn prototypes into services"),
            ("Production machine-learning experience, or strong projects for junior roles",
             "Solid Python and PyTorch; Docker and Kubernetes",
             "Good judgement about metrics and evaluation"),
            "machine-learning pytorch python mlops", "kubernetes docker aws",
            modes="hybrid remote",
            discipline="computer science, statistics or a related field",
        ),
        Role(
            "Robotics Software Engineer (ROS 2)", "機械人軟件工程師（ROS 2）", F.ENGINEERING,
            Ed.BACHELOR, "mid senior",
            "Write the C++ that lets our robots find their way in tunnels, warehouses and "
            "building sites: localisation, SLAM, motion planning and the ROS 2 stack around them.",
            "以 C++ 編寫讓機械人在隧道、倉庫及工地中自主導航的軟件，"
            "涵蓋定位、SLAM、路徑規劃及相關的 ROS 2 系統。",
            ("Develop navigation, SLAM and planning modules in C++",
             "Test in simulation and on real robots in the field",
             "Improve reliability, logging and diagnostics",
             "Review code and keep our ROS 2 packages tidy"),
            ("Robotics software experience with ROS or ROS 2",
             "Modern C++ and Linux",
             "Field testing experience is a plus"),
            "cpp ros slam linux", "python control-systems computer-vision",
            discipline="computer science, robotics, mechanical or electrical engineering",
        ),
        Role(
            "Computer Vision Intern", "電腦視覺實習生", F.DATA_AI, Ed.BACHELOR, "intern",
            "Join our vision team for the summer: curate and label data, train detection "
            "models and measure how they do on real production images.",
            "暑期加入視覺團隊：整理及標註數據、訓練物件檢測模型，並以真實生產影像評估模型表現。",
            ("Curate and label image datasets",
             "Train and evaluate detection and segmentation models",
             "Write up experiments clearly"),
            ("A deep-learning course or project",
             "Python, and ideally PyTorch or OpenCV"),
            "python computer-vision deep-learning", "pytorch",
            kind=T.INTERNSHIP, modes="hybrid",
            discipline="computer science, electronic engineering or a related field",
        ),
        Role(
            "Research Scientist, Multimodal AI", "多模態人工智能研究科學家", F.RND, Ed.PHD,
            "mid senior lead",
            "Research vision-language and foundation models for real-world domains, publish "
            "at top venues and work with our engineers to put the best ideas into products.",
            "研究應用於實際場景的視覺語言模型及基礎模型，在頂級會議發表成果，"
            "並與工程團隊把最好的想法應用到產品中。",
            ("Lead research projects from idea to publication",
             "Train and evaluate large models on our GPU cluster",
             "Supervise research assistants and interns",
             "Transfer results to product teams"),
            ("First-author papers at venues such as CVPR, NeurIPS, ICML or ACL",
             "Strong PyTorch and experience with large-scale training"),
            "deep-learning pytorch computer-vision nlp", "llm reinforcement-learning",
            modes="hybrid",
            discipline="computer science, electrical engineering or a related field",
            titles=((S.LEAD, "Principal Research Scientist, Multimodal AI",
                     "首席研究科學家（多模態人工智能）"),),
        ),
        Role(
            "Mechanical Design Engineer", "機械設計工程師", F.ENGINEERING, Ed.BACHELOR,
            "mid entry senior",
            "Design the chassis, arms and enclosures of our robots for wet, dusty and tight "
            "spaces, from CAD to prototype to small-batch production with local suppliers.",
            "為機械人設計底盤、機械臂及外殼，應付潮濕、多塵及狹窄的環境，"
            "由 CAD 設計、原型製作到與本地供應商進行小批量生產。",
            ("Design parts and assemblies in SolidWorks",
             "Build and test prototypes in our workshop",
             "Prepare drawings and work with machine shops and suppliers",
             "Run design reviews and failure analysis"),
            ("Experience designing mechanical products for production",
             "GD&T and design-for-manufacture knowledge"),
            "mechanical-design robotics", "control-systems project-management",
            modes="on_site", lang="en yue",
            discipline="mechanical engineering or a related field",
        ),
        Role(
            "Robot Operations Technician", "機械人營運技術員", F.OPERATIONS, Ed.NONE, "entry",
            "Keep our robot fleet working at customer sites: daily checks, battery swaps, "
            "first-line repairs and clear reports back to the engineering team.",
            "負責客戶現場機械人的日常運作：每日檢查、更換電池、進行基本維修，"
            "並向工程團隊清楚匯報。",
            ("Run daily checks and battery changes across customer sites",
             "Diagnose and fix common faults; escalate the rest",
             "Log incidents and feedback for the engineers"),
            ("Willing to travel between sites; a driving licence is a plus",),
            "robotics iot", "linux networking",
            modes="on_site", lang="yue en",
            discipline="maintaining electrical or mechanical equipment",
        ),
        Role(
            "LLM Application Engineer", "大型語言模型應用工程師", F.DATA_AI, Ed.BACHELOR,
            "mid senior",
            "Build retrieval-augmented assistants and agents on large language models for our "
            "customers, with evaluation and guardrails that make them safe to use in Chinese "
            "and English.",
            "以大型語言模型為客戶開發檢索增強生成（RAG）助理及智能代理，"
            "並建立評估機制與安全防護，確保中英文應用均可靠。",
            ("Design RAG pipelines and prompting or fine-tuning strategies",
             "Build evaluation sets and automated tests for model quality",
             "Ship APIs in Python and FastAPI",
             "Keep an eye on cost, latency and data privacy"),
            ("Production experience with LLM APIs or open models",
             "Good Python and REST API design",
             "Experience with Chinese NLP is a plus"),
            "llm python nlp rest-api", "fastapi docker aws",
            modes="remote hybrid",
            discipline="computer science or a related field",
        ),
        Role(
            "Embedded Control Engineer", "嵌入式控制工程師", F.ENGINEERING, Ed.MASTER,
            "mid senior",
            "Write the real-time control software for our robot arms and drives: motor "
            "control, sensor fusion and safety logic on embedded processors.",
            "為機械臂及驅動系統編寫實時控制軟件，包括電機控制、感測器融合及安全邏輯。",
            ("Develop motor and motion control firmware",
             "Model and tune controllers in MATLAB and Simulink",
             "Bring up new boards with the hardware team",
             "Write safety-relevant code to our coding standard"),
            ("Embedded C on microcontrollers with an RTOS",
             "Control theory and hands-on tuning experience"),
            "control-systems embedded c rtos", "matlab robotics",
            modes="on_site",
            discipline="electrical, mechanical or control engineering",
        ),
        Role(
            "Postdoctoral Fellow, Robot Learning", "機械人學習博士後研究員", F.RND, Ed.PHD, "mid",
            "A two-year postdoctoral position on learning-based manipulation and navigation "
            "for logistics robots, with our robot lab, a GPU cluster and industrial partners "
            "to test with.",
            "為期兩年的博士後職位，研究物流機械人的學習型抓取及導航技術。"
            "你可使用我們的機械人實驗室及 GPU 集群，並與業界夥伴進行實地測試。",
            ("Lead research on reinforcement and imitation learning for manipulation",
             "Publish at top robotics and machine-learning venues",
             "Co-supervise PhD students and interns",
             "Work with partners on field trials"),
            ("Publications in robot learning or a related area",
             "Strong PyTorch; experience with real robots"),
            "reinforcement-learning robotics pytorch", "slam computer-vision ros",
            kind=T.CONTRACT,
            discipline="robotics, computer science or a related field",
        ),
        Role(
            "Graduate Engineer, AI", "人工智能見習工程師（畢業生計劃）", F.DATA_AI, Ed.BACHELOR,
            "entry",
            "A two-year graduate programme with three rotations across our data, modelling "
            "and deployment teams, a mentor throughout and a place on the team at the end.",
            "為期兩年的畢業生計劃，輪流於數據、模型開發及部署團隊工作，"
            "全程有導師指導，完成後正式加入團隊。",
            ("Rotate across data engineering, modelling and MLOps",
             "Deliver a real project in each rotation",
             "Take part in our training sessions and reading groups"),
            ("Good Python and a machine-learning course or project",),
            "python machine-learning git", "sql docker",
            kind=T.GRADUATE_PROGRAMME, modes="hybrid",
            discipline="computer science, data science, engineering or a related field",
        ),
    ],
    C.FINTECH: [
        Role(
            "Backend Engineer (Payments)", "後端工程師（支付）", F.ENGINEERING, Ed.BACHELOR,
            "mid senior lead",
            "Build the Go services behind our FPS, card and cross-border payment rails: "
            "reliable, idempotent and observable, because every bug is someone's money.",
            "以 Go 開發支援「轉數快」、信用卡及跨境支付的後端服務。"
            "每個錯誤都關乎客戶的資金，因此系統必須可靠、冪等及可觀測。",
            ("Design and build payment APIs and ledgers in Go",
             "Integrate with banks, FPS and card schemes",
             "Take your turn on call for the services you own",
             "Improve observability and incident response"),
            ("Backend experience in Go, Java or Kotlin with PostgreSQL",
             "Understanding of distributed systems and idempotency",
             "Payments or banking experience is a plus"),
            "go postgresql microservices payments", "kafka kubernetes aws",
            modes="hybrid remote",
            discipline="computer science or a related field",
        ),
        Role(
            "Compliance Officer", "合規主任", F.REGULATORY, Ed.BACHELOR, "mid entry senior",
            "Keep us on the right side of the regulators: transaction monitoring, KYC reviews, "
            "suspicious transaction reports and the regular returns we file with the HKMA "
            "and the SFC.",
            "確保公司符合監管要求：負責交易監察、客戶盡職審查、可疑交易報告，"
            "以及向金管局及證監會定期提交申報。",
            ("Review transaction-monitoring alerts and escalate cases",
             "Perform KYC and enhanced due diligence",
             "Prepare regulatory returns and board reports",
             "Keep policies up to date with new guidance"),
            ("Knowledge of Hong Kong AML/CFT rules",
             "Careful writing and good judgement"),
            "regtech risk-management", "data-analysis sql",
            modes="hybrid", lang="en yue",
            discipline="law, finance, business or a related field",
            titles=((S.ENTRY, "Compliance Analyst", "合規分析員"),),
        ),
        Role(
            "Product Manager, Merchant Tools", "產品經理（商戶工具）", F.PRODUCT, Ed.BACHELOR,
            "mid senior",
            "Own the roadmap for the dashboard thousands of small merchants use to get paid, "
            "reconcile and grow, from discovery interviews to launch and adoption.",
            "負責數千家小商戶日常收款、對賬及業務增長所用的管理平台，"
            "由用戶訪談、制定路線圖到產品推出及推廣。",
            ("Talk to merchants every week and turn what you learn into priorities",
             "Write clear specs and work daily with engineers and designers",
             "Define metrics and run experiments",
             "Coordinate launches with sales and support"),
            ("Product management experience on a B2B or payments product",
             "Comfortable with data and SQL"),
            "product-management agile payments", "sql ux-design",
            modes="hybrid", lang="en yue",
            discipline="business, computer science or a related field",
        ),
        Role(
            "Quantitative Researcher", "量化研究員", F.RND, Ed.PHD, "mid senior",
            "Research models for credit, fraud and market risk that are accurate and "
            "explainable, and test them with partner banks on real, anonymised data.",
            "研究準確且可解釋的信貸、欺詐及市場風險模型，並與合作銀行以真實、"
            "經匿名處理的數據進行測試。",
            ("Develop and backtest quantitative models",
             "Study explainability and fairness methods for credit decisions",
             "Write papers and technical reports for partners",
             "Build research code other people can reuse"),
            ("Research in statistics, machine learning or financial econometrics",
             "Strong Python and pandas"),
            "quant statistics python machine-learning",
            "financial-modelling pandas risk-management",
            modes="hybrid",
            discipline="statistics, mathematics, finance, computer science or a related field",
        ),
        Role(
            "Blockchain Engineer", "區塊鏈工程師", F.ENGINEERING, Ed.BACHELOR, "mid senior",
            "Build the on-chain monitoring and wallet-screening services our virtual-asset "
            "clients rely on, in Rust and TypeScript, across the major public chains.",
            "以 Rust 及 TypeScript 開發鏈上監察及錢包篩查服務，覆蓋主要公鏈，供虛擬資產客戶使用。",
            ("Index and decode transactions from public chains",
             "Build risk-scoring services for wallets and transfers",
             "Harden our systems against attacks",
             "Document integrations for clients"),
            ("Experience with Ethereum, Bitcoin or other chains at the protocol level",
             "Rust or Go in production"),
            "blockchain rust cybersecurity", "typescript go postgresql",
            modes="remote hybrid",
            discipline="computer science or a related field",
        ),
        Role(
            "AML Data Analyst", "反洗錢數據分析員", F.DATA_AI, Ed.BACHELOR, "mid entry",
            "Find the patterns that matter in millions of transactions: tune monitoring rules, "
            "build dashboards for investigators and measure how well our alerts catch real risk.",
            "從數以百萬計的交易中找出關鍵模式：優化監察規則、為調查人員建立儀表板，"
            "並評估警報能否有效識別風險。",
            ("Analyse transaction data and tune monitoring scenarios",
             "Build dashboards and reports for the compliance team",
             "Test new rules and document the results"),
            ("Strong SQL and data analysis",
             "Interest in financial crime and regulation"),
            "sql data-analysis regtech", "python power-bi risk-management",
            modes="hybrid",
            discipline="data science, finance, statistics or a related field",
        ),
        Role(
            "Software Engineering Intern (Fintech)", "金融科技軟件工程實習生", F.ENGINEERING,
            Ed.BACHELOR, "intern",
            "Spend the summer shipping real code with our payments team: a project of your "
            "own, code reviews every day and a demo to the whole company at the end.",
            "暑期與支付團隊一起編寫真正上線的程式：負責自己的項目、每日參與程式碼審查，"
            "並在實習結束時向全公司展示成果。",
            ("Build and test a feature end to end",
             "Take part in code reviews and stand-ups",
             "Write documentation for what you build"),
            ("Programming projects in any language; Python or Go is a plus",
             "Basic SQL and Git"),
            "python sql git", "go react",
            kind=T.INTERNSHIP, modes="hybrid",
            discipline="computer science, engineering or a related field",
        ),
        Role(
            "Credit Risk Modeller", "信貸風險建模師", F.DATA_AI, Ed.MASTER, "mid senior",
            "Build and validate the scorecards and machine-learning models behind our SME "
            "lending decisions, and explain them to credit committees and regulators.",
            "開發及驗證中小企貸款決策所用的評分卡及機器學習模型，並向信貸委員會及監管機構解釋模型。",
            ("Develop application and behaviour scorecards",
             "Validate and monitor models in production",
             "Write model documentation to HKMA expectations",
             "Work with product teams on credit policy"),
            ("Experience building credit risk models",
             "Strong Python or SAS, and statistics"),
            "risk-management statistics python", "scikit-learn sql financial-modelling",
            modes="hybrid",
            discipline="statistics, finance, mathematics or a related field",
        ),
    ],
    C.SMART_CITY: [
        Role(
            "IoT Firmware Engineer", "物聯網韌體工程師", F.ENGINEERING, Ed.BACHELOR,
            "mid entry senior",
            "Write the firmware for our battery-powered sensors: embedded C on ARM Cortex-M, "
            "LoRaWAN and BLE radios, and over-the-air updates for thousands of devices in the "
            "field.",
            "為電池供電的感測器編寫韌體：在 ARM Cortex-M 上以嵌入式 C 開發，"
            "涵蓋 LoRaWAN 及藍牙通訊，以及為數千部現場裝置進行遠程更新。",
            ("Develop low-power firmware in C on an RTOS",
             "Integrate sensors and radio modules",
             "Build over-the-air updates and device diagnostics",
             "Debug hardware with the electronics team"),
            ("Embedded C on microcontrollers",
             "Experience with LoRaWAN, BLE or NB-IoT"),
            "c embedded iot rtos", "networking pcb python",
            discipline="electronic engineering, computer engineering or a related field",
        ),
        Role(
            "Data Analyst", "數據分析員", F.DATA_AI, Ed.BACHELOR, "mid entry",
            "Turn sensor data into answers for venue operators: how many people, where, when, "
            "and what the air is like, in dashboards and reports they actually read.",
            "把感測數據轉化為場地營運者需要的答案：人流多少、分佈在哪裏、何時最繁忙，"
            "以及空氣質素如何，並以易讀的儀表板和報告呈現。",
            ("Write SQL and Python to clean and analyse sensor data",
             "Build dashboards for clients",
             "Present findings to venue managers",
             "Check data quality with the engineering team"),
            ("Strong SQL and a dashboard tool such as Tableau or Power BI",
             "Clear communication with non-technical clients"),
            "sql python data-analysis", "tableau power-bi gis",
            modes="hybrid", lang="en yue",
            discipline="statistics, data science, geography or a related field",
        ),
        Role(
            "GIS Developer", "地理資訊系統開發員", F.ENGINEERING, Ed.BACHELOR, "mid",
            "Build the maps and spatial services behind our products, from PostGIS queries to "
            "web maps that show live conditions across a district.",
            "開發產品背後的地圖及空間數據服務，由 PostGIS 查詢到顯示整個地區實時狀況的網上地圖。",
            ("Build spatial APIs with PostGIS",
             "Develop web map front ends",
             "Integrate government open data and spatial data layers"),
            ("GIS development experience",
             "Python and SQL; a JavaScript mapping library"),
            "gis python postgresql", "javascript react",
            modes="hybrid remote",
            discipline="geomatics, geography, computer science or a related field",
        ),
        Role(
            "Solutions Engineer (Smart Buildings)", "方案工程師（智慧建築）", F.BUSINESS,
            Ed.BACHELOR, "mid senior",
            "Work with property managers and contractors to design sensor deployments that fit "
            "their buildings, from site survey and BIM models to proposals and handover.",
            "與物業管理公司及承建商合作，因應建築物設計感測器部署方案，"
            "由實地勘察、BIM 模型到建議書及交付。",
            ("Survey sites and design sensor layouts",
             "Prepare technical proposals and pricing with sales",
             "Coordinate installations with contractors",
             "Train client teams at handover"),
            ("Experience in building services, IoT or systems integration",
             "Confident presenting to clients"),
            "iot bim networking", "project-management sales",
            lang="en yue",
            discipline="building services, electrical engineering or a related field",
        ),
        Role(
            "Drone Survey Specialist", "無人機測量專員", F.OPERATIONS, Ed.ASSOCIATE,
            "mid entry",
            "Plan and fly survey missions over slopes, rooftops and construction sites, "
            "process the images into 3D models and make sure every flight follows Civil "
            "Aviation Department rules.",
            "策劃並執行斜坡、天台及工地的航測任務，把影像處理成三維模型，"
            "並確保每次飛行均符合民航處規定。",
            ("Plan and fly survey missions",
             "Process imagery into orthophotos and 3D models",
             "Keep flight logs and permissions in order"),
            ("Drone flying experience; a registered remote pilot is a plus",
             "Photogrammetry software"),
            "gis bim", "project-management",
            modes="on_site", lang="yue en",
            discipline="surveying, geomatics or a related field",
        ),
        Role(
            "Project Coordinator (Smart City Deployments)", "項目統籌（智慧城市部署）",
            F.OPERATIONS, Ed.ASSOCIATE, "entry mid",
            "Keep our deployments on time: schedule installers, track equipment and permits, "
            "and keep clients informed from purchase order to go-live.",
            "確保項目按時完成：安排安裝人員、跟進設備及許可證，由訂單到正式啟用期間與客戶保持溝通。",
            ("Plan schedules and track progress for each site",
             "Order equipment and manage stock",
             "Update clients and write progress reports"),
            ("Experience coordinating projects or installations",
             "Good written English and Chinese"),
            "project-management iot", "bim",
            modes="on_site", lang="en yue",
            discipline="engineering, business or a related field",
            titles=((S.MID, "Project Manager (Smart City Deployments)",
                     "項目經理（智慧城市部署）"),),
        ),
        Role(
            "Data Science Intern (Smart City)", "智慧城市數據科學實習生", F.DATA_AI,
            Ed.BACHELOR, "intern",
            "A summer project on real city data: forecast crowd flows, map air quality or "
            "test a new sensor, with a data scientist as your mentor.",
            "暑期參與真實城市數據項目：預測人流、繪製空氣質素地圖或測試新感測器，"
            "由數據科學家擔任導師。",
            ("Explore and clean sensor and open data",
             "Build a forecasting or mapping prototype",
             "Document your code and findings"),
            ("Python and basic statistics",
             "Interest in cities and transport"),
            "python data-analysis statistics", "gis pandas",
            kind=T.INTERNSHIP, modes="hybrid",
            discipline="data science, geography, engineering or a related field",
        ),
    ],
    C.MICROELECTRONICS: [
        Role(
            "Digital IC Design Engineer", "數碼集成電路設計工程師", F.ENGINEERING, Ed.MASTER,
            "mid senior lead",
            "Design the digital blocks of our low-power SoCs: RTL in Verilog and "
            "SystemVerilog, synthesis, timing closure and power analysis through to tape-out.",
            "設計低功耗系統單晶片的數碼模組：以 Verilog／SystemVerilog 編寫 RTL，"
            "並負責綜合、時序收斂及功耗分析，直至流片。",
            ("Write and review RTL for SoC subsystems",
             "Run synthesis, static timing and power analysis",
             "Work with verification and physical design on closure",
             "Support silicon bring-up in the lab"),
            ("RTL design experience on taped-out chips",
             "Synthesis and STA tools from Synopsys or Cadence"),
            "verilog asic eda", "fpga python c",
            discipline="electronic engineering, computer engineering or a related field",
        ),
        Role(
            "Analog Layout Engineer", "模擬版圖工程師", F.ENGINEERING, Ed.BACHELOR,
            "mid senior",
            "Draw custom layout for our mixed-signal blocks in Cadence Virtuoso: matching, "
            "parasitics and reliability on advanced nodes, DRC and LVS clean every time.",
            "以 Cadence Virtuoso 為混合訊號模組繪製全定制版圖，處理匹配、寄生效應及可靠性問題，"
            "並確保 DRC 及 LVS 檢查通過。",
            ("Create layout for ADCs, PLLs and power management blocks",
             "Run DRC, LVS and parasitic extraction",
             "Work with circuit designers on floorplans"),
            ("Custom analogue layout on 40 nm or below",
             "Cadence Virtuoso and Calibre"),
            "analog-ic eda", "semiconductor",
            modes="on_site",
            discipline="electronic engineering or a related field",
        ),
        Role(
            "Graduate Engineer, Verification", "驗證見習工程師（畢業生計劃）", F.ENGINEERING,
            Ed.BACHELOR, "entry",
            "A two-year programme for new graduates: UVM testbenches, FPGA prototyping and "
            "tape-out support, with rotations through design and verification and a senior "
            "mentor.",
            "為應屆畢業生而設的兩年計劃：學習 UVM 測試平台、FPGA 原型驗證及流片支援，"
            "並在設計及驗證團隊之間輪調，由資深導師指導。",
            ("Write tests and testbench components in SystemVerilog",
             "Prototype designs on FPGA boards",
             "Rotate through the design and verification teams"),
            ("Digital design coursework and some Verilog",
             "Scripting in Python or another language"),
            "verilog fpga", "python c",
            kind=T.GRADUATE_PROGRAMME,
            discipline="electronic or computer engineering",
        ),
        Role(
            "Design Verification Engineer", "設計驗證工程師", F.ENGINEERING, Ed.BACHELOR,
            "mid senior",
            "Make sure our chips work first time: build UVM testbenches, write coverage-driven "
            "tests and close verification for SoC subsystems.",
            "確保晶片一次成功：建立 UVM 測試平台、編寫以覆蓋率為導向的測試，並完成 SoC "
            "子系統的驗證收斂。",
            ("Write verification plans from specifications",
             "Build UVM testbenches and reusable components",
             "Drive coverage closure and debug failures with designers",
             "Automate regressions in Python"),
            ("UVM and SystemVerilog experience",
             "Scripting in Python"),
            "verilog asic python", "fpga c eda",
            modes="hybrid",
            discipline="electronic or computer engineering",
        ),
        Role(
            "Analogue IC Design Engineer", "模擬集成電路設計工程師", F.ENGINEERING, Ed.MASTER,
            "mid senior lead",
            "Design the analogue heart of our chips: low-noise amplifiers, data converters and "
            "power management circuits, from specification to silicon measurement.",
            "設計晶片中的模擬核心電路，包括低噪聲放大器、數據轉換器及電源管理電路，"
            "由規格制定到矽片量測。",
            ("Design and simulate analogue and mixed-signal circuits",
             "Guide layout and review parasitics",
             "Measure silicon in the lab and write characterisation reports"),
            ("Analogue design experience with taped-out silicon",
             "Cadence Spectre or a similar simulator"),
            "analog-ic eda signal-processing", "matlab semiconductor",
            modes="on_site",
            discipline="electronic engineering or a related field",
        ),
        Role(
            "FPGA Engineer", "FPGA工程師", F.ENGINEERING, Ed.BACHELOR, "mid entry",
            "Build FPGA designs for high-speed data acquisition and real-time signal "
            "processing, from HDL to board bring-up.",
            "為高速數據採集及實時訊號處理開發 FPGA 設計，由 HDL 編寫到電路板調試。",
            ("Write and simulate HDL for FPGA designs",
             "Bring up boards with the hardware team",
             "Optimise timing and resource use"),
            ("VHDL or Verilog on AMD Xilinx or Intel FPGAs",
             "Lab skills with oscilloscopes and logic analysers"),
            "fpga vhdl verilog", "signal-processing c",
            discipline="electronic engineering or a related field",
        ),
        Role(
            "Research Scientist, Quantum Devices", "量子器件研究科學家", F.RND, Ed.PHD,
            "mid senior",
            "Fabricate and characterise superconducting nanowire detectors in our cleanroom "
            "and cryogenic lab, and push their efficiency, timing jitter and yield.",
            "在潔淨室及低溫實驗室製作並測試超導納米線探測器，提升其效率、時間抖動表現及良率。",
            ("Develop thin-film and nanofabrication processes",
             "Characterise devices at cryogenic temperatures",
             "Analyse data and write papers and patents"),
            ("Cleanroom fabrication (lithography, deposition, etching)",
             "Cryogenic or optical measurement experience"),
            "semiconductor materials-science matlab", "python signal-processing ip",
            modes="on_site",
            discipline="physics, materials science, electrical engineering or a related field",
        ),
        Role(
            "Product Test Engineer", "產品測試工程師", F.ENGINEERING, Ed.BACHELOR, "mid entry",
            "Take our chips from first silicon to mass production: test programs, "
            "characterisation across temperature and voltage, and yield analysis with our "
            "test houses.",
            "帶領晶片由首批樣片走向量產：開發測試程式、在不同溫度及電壓下進行特性測試，"
            "並與封測廠分析良率。",
            ("Develop ATE test programs and load boards",
             "Characterise silicon and analyse yield",
             "Work with test houses in the Greater Bay Area"),
            ("Semiconductor test or characterisation experience",
             "Python for data analysis"),
            "semiconductor python pcb", "linux data-analysis",
            modes="on_site", lang="en cmn",
            discipline="electronic engineering or a related field",
        ),
        Role(
            "IC Design Intern", "集成電路設計實習生", F.ENGINEERING, Ed.BACHELOR, "intern",
            "Spend the summer in our chip design team, writing RTL and tests for a real block "
            "and seeing how a chip goes from idea to tape-out.",
            "暑期加入晶片設計團隊，為實際模組編寫 RTL 及測試，了解晶片由構思到流片的全過程。",
            ("Write and simulate RTL for a small block",
             "Build tests and check coverage",
             "Take part in design reviews"),
            ("Digital logic coursework and some Verilog",
             "Curiosity about how chips are made"),
            "verilog c", "python fpga",
            kind=T.INTERNSHIP, modes="on_site",
            discipline="electronic or computer engineering",
        ),
    ],
    C.NEW_MATERIALS: [
        Role(
            "Materials Scientist", "材料科學家", F.RND, Ed.PHD, "mid senior",
            "Develop new polymer and composite formulations, characterise them from rheology "
            "to barrier properties, and take the best ones to pilot scale.",
            "開發新型聚合物及複合材料配方，由流變性能到阻隔性能進行全面表徵，"
            "並把最具潛力的配方推進至中試規模。",
            ("Design formulation experiments and run them in the lab",
             "Characterise films with DSC, TGA, rheology and barrier tests",
             "Work with process engineers on scale-up",
             "File invention disclosures"),
            ("Research experience in polymer or materials science",
             "Hands-on characterisation skills"),
            "materials-science data-analysis", "matlab python ip",
            modes="on_site",
            discipline="materials science, polymer chemistry or a related field",
        ),
        Role(
            "Process Engineer", "工藝工程師", F.ENGINEERING, Ed.BACHELOR, "mid",
            "A 12-month contract to scale our film extrusion from pilot line to production: "
            "set process windows, cut scrap and hand over a stable, documented process.",
            "12 個月合約職位，負責把薄膜擠出工藝由中試線擴展至量產：設定工藝參數範圍、"
            "減少廢料，並交付穩定且有完善文件的工藝。",
            ("Run trials and set process windows",
             "Analyse scrap and downtime and fix root causes",
             "Write work instructions and train operators"),
            ("Experience in extrusion, moulding or a similar process",
             "Basic statistics and design of experiments"),
            "materials-science statistics", "project-management mechanical-design",
            kind=T.CONTRACT, modes="on_site", lang="en yue",
            discipline="chemical, materials or mechanical engineering",
        ),
        Role(
            "Thin-Film Process Engineer", "薄膜工藝工程師", F.ENGINEERING, Ed.MASTER,
            "mid senior",
            "Develop and run deposition processes (sputtering, ALD and evaporation) for our "
            "optical and electronic materials, and keep our cleanroom tools in top condition.",
            "開發並運行濺射、原子層沉積及蒸鍍等沉積工藝，服務光學及電子材料研發，"
            "並確保潔淨室設備處於最佳狀態。",
            ("Develop deposition recipes and document them",
             "Characterise films (thickness, stress, optical constants)",
             "Maintain tools and train users"),
            ("Cleanroom process experience",
             "Thin-film characterisation techniques"),
            "semiconductor materials-science", "statistics python",
            modes="on_site",
            discipline="materials science, physics or electrical engineering",
        ),
        Role(
            "Materials Testing Technician", "材料測試技術員", F.OPERATIONS, Ed.ASSOCIATE,
            "entry",
            "Run the mechanical and chemical tests behind every batch we ship, keep the lab's "
            "ISO 17025 records in order and help scientists with new test methods.",
            "負責每批出貨產品的機械及化學測試，妥善保存 ISO 17025 實驗室記錄，"
            "並協助科學家建立新的測試方法。",
            ("Prepare samples and run standard tests",
             "Record and report results",
             "Calibrate and maintain equipment"),
            ("Lab experience from your studies or work",
             "Careful record-keeping"),
            "materials-science data-analysis", "statistics",
            modes="on_site", lang="yue en",
            discipline="applied science, chemistry or materials technology",
        ),
        Role(
            "Postdoctoral Fellow, Photonic Materials", "光子材料博士後研究員", F.RND, Ed.PHD,
            "mid",
            "A two-year postdoctoral position on perovskite and metasurface materials for "
            "displays and sensing, in a centre with its own cleanroom and partners in industry.",
            "為期兩年的博士後職位，研究應用於顯示及感測的鈣鈦礦與超構表面材料。"
            "中心設有自己的潔淨室，並與業界緊密合作。",
            ("Lead experiments on material synthesis and device fabrication",
             "Model optical properties and compare them with measurements",
             "Publish, and help write grant reports"),
            ("PhD research in photonics, materials or device physics",
             "First-author publications"),
            "materials-science semiconductor matlab", "python signal-processing",
            kind=T.CONTRACT, modes="on_site",
            discipline="physics, materials science, chemistry or electrical engineering",
        ),
        Role(
            "Materials R&D Intern", "材料研發實習生", F.RND, Ed.BACHELOR, "intern",
            "A summer in our materials lab: run formulation experiments, test samples and help "
            "decide which recipe goes to the pilot line.",
            "暑期在材料實驗室實習：進行配方實驗、測試樣本，並協助決定哪個配方進入中試線。",
            ("Prepare and test samples",
             "Analyse results and keep a clear lab notebook",
             "Help with literature and patent searches"),
            ("Lab coursework in chemistry or materials",
             "Careful and safety-minded"),
            "materials-science data-analysis", "statistics",
            kind=T.INTERNSHIP, modes="on_site",
            discipline="chemistry, materials science or chemical engineering",
        ),
    ],
    C.SUSTAINABILITY: [
        Role(
            "Battery Data Scientist", "電池數據科學家", F.DATA_AI, Ed.MASTER, "mid senior",
            "Model how batteries age from the telemetry of thousands of cells, and turn those "
            "models into warnings and advice our customers act on.",
            "利用數以千計電池芯的運行數據建立電池老化模型，並將模型轉化為客戶可據此行動的預警及建議。",
            ("Build degradation and state-of-health models",
             "Analyse time series from battery management systems",
             "Put models into production with the engineering team",
             "Explain results to customers' engineers"),
            ("Time-series modelling experience",
             "Python and its data stack; battery knowledge is a strong plus"),
            "battery python machine-learning statistics", "pandas aws",
            modes="hybrid remote",
            discipline="data science, electrical or chemical engineering, physics or a "
            "related field",
        ),
        Role(
            "Business Development Manager (ESG)", "業務發展經理（ESG）", F.BUSINESS,
            Ed.BACHELOR, "mid senior",
            "Win property owners and utilities across the Greater Bay Area for our energy and "
            "ESG products, from first meeting to signed contract and a reference we can use.",
            "為公司的能源及 ESG 方案在大灣區開拓物業業主及公用事業客戶，由首次會面到簽約，"
            "並建立可供引用的成功案例。",
            ("Build a pipeline of property and utility clients",
             "Lead proposals and commercial negotiations",
             "Represent us at industry events",
             "Feed market insight back to the product team"),
            ("B2B sales in energy, property or sustainability",
             "A network in Hong Kong and the Greater Bay Area"),
            "business-development sales", "environmental-engineering marketing",
            modes="hybrid", lang="en yue cmn",
            discipline="business, engineering or environmental studies",
        ),
        Role(
            "Environmental Engineer", "環境工程師", F.ENGINEERING, Ed.BACHELOR, "mid entry",
            "Measure and reduce the environmental footprint of our products and our clients' "
            "sites: life-cycle assessments, waste audits and the data behind our "
            "sustainability claims.",
            "量度並減少產品及客戶場地的環境影響：進行生命周期評估、廢物審核，"
            "並整理支持可持續發展聲明的數據。",
            ("Run life-cycle assessments and waste audits",
             "Collect and check environmental data",
             "Prepare reports for clients and certification bodies"),
            ("Knowledge of LCA methods or Hong Kong environmental regulations",
             "Good report writing"),
            "environmental-engineering data-analysis", "gis project-management",
            lang="en yue",
            discipline="environmental engineering or a related field",
        ),
        Role(
            "Energy Storage Systems Engineer", "儲能系統工程師", F.ENGINEERING, Ed.BACHELOR,
            "mid senior",
            "Design and commission battery storage systems for commercial buildings: sizing, "
            "controls integration and the firmware that talks to the battery management system.",
            "為商業大廈設計及調試電池儲能系統，包括容量規劃、控制系統整合及與電池管理系統通訊的韌體。",
            ("Size and specify storage systems for sites",
             "Integrate battery management systems, inverters and building controls",
             "Commission systems on site"),
            ("Experience with battery systems or power electronics",
             "Embedded or controls programming"),
            "battery control-systems embedded", "python iot",
            discipline="electrical engineering or a related field",
        ),
        Role(
            "Carbon Accounting Analyst", "碳核算分析員", F.REGULATORY, Ed.BACHELOR, "mid entry",
            "Measure our clients' emissions across scopes 1 to 3, prepare their climate "
            "disclosures under the ISSB-aligned standards and find where the biggest "
            "reductions are.",
            "為客戶計算範圍一至三的碳排放，按照與 ISSB 接軌的準則準備氣候相關披露，"
            "並找出最具減排潛力的環節。",
            ("Collect activity data and calculate emissions",
             "Prepare disclosure reports and audit trails",
             "Build dashboards of progress against targets"),
            ("Knowledge of the GHG Protocol",
             "Strong Excel or SQL"),
            "accounting data-analysis environmental-engineering", "power-bi sql",
            modes="hybrid remote",
            discipline="accounting, environmental science or a related field",
        ),
        Role(
            "Sustainability Intern", "可持續發展實習生", F.BUSINESS, Ed.BACHELOR, "intern",
            "Help our commercial team with market research, case studies and customer data "
            "analysis for our ESG products over the summer.",
            "暑期協助商業團隊為 ESG 方案進行市場研究、撰寫案例及分析客戶數據。",
            ("Research markets and competitors",
             "Write case studies with customers",
             "Analyse data for proposals"),
            ("Interest in climate and energy",
             "Good writing in English and Chinese"),
            "data-analysis business-development", "marketing environmental-engineering",
            kind=T.INTERNSHIP, modes="hybrid", lang="en yue",
            discipline="business, environmental studies or a related field",
        ),
    ],
    C.MEDTECH: [
        Role(
            "Regulatory Affairs Specialist", "法規事務專員", F.REGULATORY, Ed.BACHELOR,
            "mid senior lead",
            "Get our devices approved and keep them on the market: technical files under "
            "ISO 13485, EU MDR, FDA and NMPA submissions, and post-market surveillance.",
            "負責醫療器械註冊及上市後合規：依 ISO 13485 整理技術文件，準備歐盟 MDR、"
            "美國 FDA 及國家藥監局的申報，並進行上市後監督。",
            ("Prepare and maintain technical files",
             "Plan and write submissions for new markets",
             "Run post-market surveillance and vigilance",
             "Advise engineers on design controls"),
            ("Regulatory experience with medical devices",
             "Knowledge of ISO 13485 and ISO 14971"),
            "regulatory-affairs iso-13485 medical-devices", "clinical-trials technical-writing",
            modes="hybrid", lang="en cmn",
            discipline="biomedical engineering, life sciences or a related field",
            titles=((S.LEAD, "Head of Regulatory Affairs", "法規事務主管"),),
        ),
        Role(
            "Embedded Engineer, Wearables", "穿戴裝置嵌入式工程師", F.ENGINEERING, Ed.BACHELOR,
            "mid senior",
            "Write the low-power firmware and signal processing for our wearable ECG monitors, "
            "so they run for a week on a charge and never miss an arrhythmia.",
            "為穿戴式心電監測器編寫低功耗韌體及訊號處理程式，令裝置充電一次可用一星期，"
            "同時不漏掉任何心律不正。",
            ("Develop firmware in C on an RTOS",
             "Implement filters and detection algorithms",
             "Optimise battery life",
             "Write software documentation to IEC 62304"),
            ("Embedded C on low-power microcontrollers",
             "Digital signal processing"),
            "embedded c signal-processing rtos", "pcb iot medical-devices",
            discipline="electronic or biomedical engineering",
        ),
        Role(
            "Hardware Engineer (Medical Devices)", "醫療器械硬件工程師", F.ENGINEERING,
            Ed.BACHELOR, "mid entry senior",
            "Design the electronics of our monitoring devices, from analogue front ends to PCB "
            "layout, and take them through safety and EMC testing.",
            "設計監測裝置的電子部分，由模擬前端到 PCB 佈線，並完成安全及電磁兼容測試。",
            ("Design schematics and PCB layouts",
             "Bring up and debug boards",
             "Prepare for IEC 60601 safety and EMC tests",
             "Work with contract manufacturers"),
            ("Analogue and digital circuit design",
             "Altium or a similar PCB tool"),
            "pcb medical-devices signal-processing", "embedded iso-13485",
            modes="on_site",
            discipline="electronic or biomedical engineering",
        ),
        Role(
            "Quality Engineer", "質量工程師", F.ENGINEERING, Ed.BACHELOR, "mid entry",
            "Keep our quality system alive: supplier quality, incoming inspection, "
            "non-conformances and the internal audits behind our ISO 13485 certificate.",
            "維持公司的質量管理體系：負責供應商質量、來料檢驗、不合格品處理，"
            "以及支持 ISO 13485 認證的內部審核。",
            ("Handle non-conformances and CAPAs",
             "Qualify and audit suppliers",
             "Run internal audits"),
            ("Quality experience in medical devices or electronics",
             "Statistical methods for inspection"),
            "iso-13485 medical-devices statistics", "gmp technical-writing",
            modes="on_site", lang="en yue",
            discipline="engineering or a related field",
        ),
        Role(
            "Medical Imaging AI Scientist", "醫學影像人工智能科學家", F.RND, Ed.PHD,
            "mid senior",
            "Develop deep-learning methods for MRI, CT and PET, from segmentation to outcome "
            "prediction, and validate them with our partner hospitals.",
            "開發應用於磁力共振、電腦掃描及正電子掃描的深度學習方法，"
            "由影像分割到預後預測，並與合作醫院驗證成果。",
            ("Develop and train imaging models",
             "Design validation studies with clinicians",
             "Publish and present your work",
             "Make code and models reproducible"),
            ("Research in medical image analysis or computer vision",
             "PyTorch and imaging libraries such as MONAI or SimpleITK"),
            "medical-imaging deep-learning pytorch python", "computer-vision statistics",
            modes="hybrid",
            discipline="computer science, biomedical engineering, physics or a related field",
        ),
        Role(
            "Clinical Applications Specialist", "臨床應用專員", F.BUSINESS, Ed.BACHELOR,
            "mid entry",
            "Be the clinical face of our products: train nurses and doctors, support first "
            "uses in hospitals and elderly homes, and bring their feedback to our engineers.",
            "作為產品的臨床專家：培訓護士及醫生、在醫院及安老院舍支援首次使用，"
            "並把使用者意見帶回工程團隊。",
            ("Train clinical users and run demonstrations",
             "Support installations and first uses",
             "Collect feedback and case studies"),
            ("A clinical background (nursing, physiotherapy, radiography or similar)",
             "Comfortable presenting and travelling within the Greater Bay Area"),
            "medical-devices sales", "clinical-trials",
            modes="on_site", lang="en yue cmn",
            discipline="nursing, allied health or biomedical engineering",
        ),
        Role(
            "Biomedical Engineering Intern", "生物醫學工程實習生", F.ENGINEERING, Ed.BACHELOR,
            "intern",
            "A summer working on real medical devices: bench tests, signal analysis in MATLAB "
            "and the design documentation regulators expect.",
            "暑期參與真實醫療器械的開發：進行台架測試、以 MATLAB 分析訊號，"
            "並撰寫監管機構要求的設計文件。",
            ("Run bench tests on prototypes",
             "Analyse signals in MATLAB or Python",
             "Help write design verification records"),
            ("Biomedical or electronic engineering coursework",
             "MATLAB or Python"),
            "medical-devices matlab", "signal-processing python",
            kind=T.INTERNSHIP, modes="on_site",
            discipline="biomedical or electronic engineering",
        ),
    ],
    C.ADVANCED_MANUFACTURING: [
        Role(
            "Automation Engineer", "自動化工程師", F.ENGINEERING, Ed.BACHELOR,
            "mid entry senior",
            "Design, program and commission the automated cells on our smart production lines: "
            "PLCs, robots, machine vision and the link to our MES.",
            "設計、編程及調試智能生產線上的自動化工作站，涵蓋 PLC、機械人、機器視覺"
            "及與製造執行系統（MES）的連接。",
            ("Program PLCs and industrial robots",
             "Integrate vision systems and sensors",
             "Commission lines and train operators",
             "Improve cycle time and uptime"),
            ("PLC programming (Siemens, Mitsubishi or Omron)",
             "Hands-on commissioning experience"),
            "control-systems robotics computer-vision", "python mechanical-design iot",
            modes="on_site", lang="en yue",
            discipline="mechanical, electrical or automation engineering",
        ),
        Role(
            "Production Planner", "生產計劃員", F.OPERATIONS, Ed.ASSOCIATE, "entry mid",
            "Plan what we make, when and on which line: shift schedules, materials and "
            "capacity, kept in step with sales orders in our ERP.",
            "規劃生產內容、時間及生產線安排：制定輪班表、物料及產能計劃，"
            "並在 ERP 中與銷售訂單保持同步。",
            ("Build weekly production plans",
             "Check material availability and raise purchase requests",
             "Track output and report delays"),
            ("Planning experience in a factory",
             "Good Excel; ERP experience"),
            "supply-chain data-analysis", "project-management",
            modes="on_site", lang="yue en",
            discipline="industrial engineering, logistics or a related field",
            titles=((S.MID, "Senior Production Planner", "高級生產計劃員"),),
        ),
        Role(
            "Maintenance Technician", "維修技術員", F.OPERATIONS, Ed.NONE, "entry",
            "Keep our machines running: preventive maintenance, fast fault-finding on the line "
            "and a tidy record of every repair. Rotating shifts, with a shift allowance.",
            "確保機器運作暢順：進行預防性保養、迅速排除生產線故障，並妥善記錄每次維修。"
            "須輪班工作，另設輪班津貼。",
            ("Carry out preventive maintenance",
             "Find and fix electrical and mechanical faults",
             "Record repairs and spare parts"),
            ("A registered electrical worker is a plus",),
            "control-systems mechanical-design", "iot",
            modes="on_site", lang="yue",
            discipline="maintaining production machinery",
        ),
        Role(
            "Manufacturing Data Engineer", "製造數據工程師", F.DATA_AI, Ed.BACHELOR,
            "mid senior",
            "Connect machines, MES and ERP into one data platform, and build the pipelines and "
            "dashboards that show yield, downtime and energy use in real time.",
            "把機器、製造執行系統及 ERP 連接成統一的數據平台，"
            "並建立實時顯示良率、停機時間及能源消耗的數據流程與儀表板。",
            ("Build streaming and batch pipelines from the shop floor",
             "Model manufacturing data for analytics",
             "Run and monitor the data platform"),
            ("Data engineering with SQL and Python",
             "Streaming tools such as Kafka"),
            "data-engineering sql python kafka", "iot spark power-bi",
            modes="hybrid",
            discipline="computer science, industrial engineering or a related field",
        ),
        Role(
            "Additive Manufacturing Engineer", "增材製造工程師", F.ENGINEERING, Ed.MASTER,
            "mid senior",
            "Develop print parameters, support strategies and post-processing for titanium and "
            "stainless-steel parts, and qualify them for medical and aerospace customers.",
            "為鈦合金及不銹鋼零件開發打印參數、支撐策略及後處理工藝，並按醫療及航空客戶要求完成驗證。",
            ("Develop and validate process parameters",
             "Design builds and supports",
             "Run qualification tests with the quality team"),
            ("Experience with metal powder-bed fusion",
             "Materials testing and metallography"),
            "mechanical-design materials-science", "python statistics",
            modes="on_site",
            discipline="mechanical engineering, materials science or a related field",
        ),
        Role(
            "Graduate Trainee, Smart Manufacturing", "智能製造見習生（畢業生計劃）",
            F.ENGINEERING, Ed.BACHELOR, "entry",
            "An 18-month programme through automation, quality, planning and data, with a "
            "mentor in each team and a permanent role when you finish.",
            "為期 18 個月的計劃，輪流於自動化、質量、生產計劃及數據團隊工作，"
            "每個團隊均有導師指導，完成後轉為長期職位。",
            ("Rotate through four teams",
             "Lead an improvement project in each rotation",
             "Join our training and site visits in the Greater Bay Area"),
            ("Engineering coursework and hands-on projects",
             "Willing to work on the shop floor"),
            "control-systems project-management", "python supply-chain",
            kind=T.GRADUATE_PROGRAMME, modes="on_site", lang="en yue",
            discipline="engineering",
        ),
        Role(
            "Operations Manager", "營運經理", F.OPERATIONS, Ed.BACHELOR, "senior lead",
            "Run our plant day to day: safety, output, quality and cost, with a team of "
            "supervisors and engineers, and a plan to make the line smarter every quarter.",
            "負責廠房日常運作，兼顧安全、產量、質量及成本，帶領主管及工程師團隊，"
            "並持續推動生產線智能化。",
            ("Lead the production, maintenance and planning teams",
             "Own safety, output and cost targets",
             "Drive lean and automation projects",
             "Report to management monthly"),
            ("Experience managing a production site",
             "Lean or Six Sigma training"),
            "supply-chain project-management", "agile",
            modes="on_site", lang="en yue cmn",
            discipline="engineering, operations management or a related field",
            titles=((S.LEAD, "Head of Manufacturing Operations", "生產營運主管"),),
        ),
        Role(
            "Manufacturing Engineering Intern", "製造工程實習生", F.ENGINEERING, Ed.BACHELOR,
            "intern",
            "A summer on the factory floor: time studies, small automation projects and data "
            "from the line, with an engineer as your mentor.",
            "暑期在廠房實習：進行工時研究、參與小型自動化項目及分析生產線數據，由工程師擔任導師。",
            ("Run time studies and map processes",
             "Help with small automation or fixture projects",
             "Analyse line data"),
            ("Engineering coursework",
             "Practical and safety-minded"),
            "mechanical-design control-systems", "data-analysis",
            kind=T.INTERNSHIP, modes="on_site",
            discipline="mechanical, industrial or electrical engineering",
        ),
    ],
}

# Roles any company may have.
GENERIC_ROLES = [
    Role(
        "Frontend Engineer", "前端工程師", F.ENGINEERING, Ed.BACHELOR, "mid entry senior",
        "Build the web apps our customers use every day in React and TypeScript: fast, "
        "accessible and available in English and Chinese.",
        "以 React 及 TypeScript 開發客戶日常使用的網頁應用程式，做到快速、無障礙，"
        "並提供中英文版本。",
        ("Build features from design to release",
         "Write tests and keep to our performance budgets",
         "Work with designers on our component library"),
        ("React and TypeScript experience",
         "Care for accessibility and internationalisation"),
        "react typescript html-css", "graphql testing",
        modes="hybrid remote",
        discipline="computer science or a related field",
    ),
    Role(
        "DevOps Engineer", "DevOps工程師", F.ENGINEERING, Ed.BACHELOR, "mid senior",
        "Run our cloud platform: Kubernetes clusters, infrastructure as code, CI/CD and the "
        "monitoring that wakes us up before customers notice.",
        "負責雲端平台的運作：管理 Kubernetes 集群、以程式碼管理基礎設施、維護 CI/CD 流程，"
        "並建立在客戶察覺前就發出警報的監察系統。",
        ("Manage Kubernetes clusters and cloud accounts",
         "Write Terraform and CI/CD pipelines",
         "Improve monitoring, backups and incident response",
         "Work with engineers on secure defaults"),
        ("Production experience with Kubernetes and Terraform",
         "Linux and networking fundamentals"),
        "kubernetes terraform ci-cd linux", "aws alibaba-cloud cybersecurity",
        modes="remote hybrid",
        discipline="computer science or a related field",
    ),
    Role(
        "Full-stack Developer", "全端開發員", F.ENGINEERING, Ed.BACHELOR, "mid entry",
        "Build internal tools and customer portals end to end with Django, PostgreSQL and a "
        "sprinkle of JavaScript.",
        "以 Django、PostgreSQL 及 JavaScript 開發內部工具及客戶平台，由後端到前端一手包辦。",
        ("Build features across backend and frontend",
         "Design database schemas and APIs",
         "Write tests and deploy with CI"),
        ("Python and a web framework (Django, Flask or FastAPI)",
         "SQL and basic JavaScript"),
        "python django postgresql javascript", "react docker",
        modes="remote hybrid",
        discipline="computer science or a related field",
    ),
    Role(
        "UX/UI Designer", "用戶體驗及介面設計師", F.PRODUCT, Ed.BACHELOR, "mid senior",
        "Design products that scientists, engineers and patients find simple: research, "
        "flows, prototypes and a design system that works in two languages.",
        "為科學家、工程師及病人設計簡單易用的產品：進行用戶研究、設計流程及原型，"
        "並建立適用於中英雙語的設計系統。",
        ("Run user research and usability tests",
         "Design flows, wireframes and high-fidelity UI",
         "Maintain our design system"),
        ("A portfolio of shipped products",
         "Figma and prototyping"),
        "ux-design ui-design", "html-css",
        modes="hybrid remote",
        discipline="design, human-computer interaction or a related field",
    ),
    Role(
        "Marketing Manager", "市場推廣經理", F.BUSINESS, Ed.BACHELOR, "mid senior",
        "Tell our story to customers in Hong Kong, the Greater Bay Area and abroad: campaigns, "
        "content, events and the numbers that show what works.",
        "向香港、大灣區及海外客戶講好我們的故事：策劃宣傳活動、內容及展覽，並以數據衡量成效。",
        ("Plan and run campaigns across channels",
         "Produce content in English and Chinese",
         "Run trade shows and events",
         "Report on leads and pipeline"),
        ("B2B marketing experience in technology",
         "Excellent writing in English and Chinese"),
        "marketing project-management", "data-analysis",
        modes="hybrid", lang="en yue cmn",
        discipline="marketing, communications or a related field",
    ),
    Role(
        "HR and Office Manager", "人力資源及行政經理", F.OPERATIONS, Ed.BACHELOR, "mid",
        "Look after our people and our office: hiring, onboarding, payroll, visas for overseas "
        "hires and everything that makes a growing team work.",
        "照顧公司員工及辦公室事務：招聘、入職安排、薪酬、海外同事的簽證申請，"
        "以及讓團隊順利運作的大小事務。",
        ("Run hiring and onboarding",
         "Handle payroll, MPF and benefits",
         "Manage work visas and talent scheme applications",
         "Keep the office running"),
        ("HR generalist experience in Hong Kong",
         "Knowledge of the Employment Ordinance"),
        "hr project-management", "accounting",
        modes="on_site", lang="en yue",
        discipline="human resources, business or a related field",
    ),
    Role(
        "Accounting Officer", "會計主任", F.OPERATIONS, Ed.ASSOCIATE, "mid entry",
        "Keep our books in order: payables, receivables, bank reconciliations and the records "
        "our auditors and grant bodies ask for.",
        "負責公司賬目：處理應付及應收賬款、銀行對賬，並準備核數師及資助機構所需的記錄。",
        ("Process invoices, payments and expense claims",
         "Reconcile bank accounts monthly",
         "Prepare schedules for the audit and for grant reports"),
        ("Accounting experience with Xero or a similar system",
         "Careful with numbers"),
        "accounting financial-modelling", "data-analysis",
        modes="on_site", lang="en yue",
        discipline="accounting or a related field",
        titles=((S.ENTRY, "Accounts Assistant", "會計助理"),),
    ),
    Role(
        "Technical Writer", "技術文件撰寫員", F.PRODUCT, Ed.BACHELOR, "mid",
        "Write the manuals, API docs and release notes our customers rely on, from a "
        "docs-as-code repository next to our engineers.",
        "撰寫客戶所依賴的使用手冊、API 文件及版本說明，與工程師在同一套「文件即程式碼」的"
        "儲存庫中協作。",
        ("Write and maintain product and API documentation",
         "Interview engineers and try features yourself",
         "Improve structure, search and style"),
        ("Technical writing samples",
         "Comfortable with Markdown and Git"),
        "technical-writing git", "html-css rest-api",
        modes="remote hybrid",
        discipline="English, communications, engineering or a related field",
    ),
    Role(
        "Marketing Assistant (Part-time)", "市場推廣助理（兼職）", F.BUSINESS, Ed.ASSOCIATE,
        "entry",
        "Three days a week helping with social media, newsletters and events: ideal alongside "
        "part-time study.",
        "每周工作三天，協助社交媒體、電子通訊及活動工作，適合兼讀課程的同學。",
        ("Draft social posts and newsletters",
         "Help run events and webinars",
         "Track campaign results"),
        ("Good written English and Chinese",
         "Some design skills (Canva or similar)"),
        "marketing ui-design", "data-analysis",
        kind=T.PART_TIME, modes="hybrid", lang="en yue",
        discipline="marketing, communications or a related field",
    ),
    Role(
        "Chief Technology Officer", "首席技術官", F.ENGINEERING, Ed.MASTER, "lead",
        "Lead our engineering team through the next stage of growth: architecture, hiring, "
        "delivery and security, as a member of the founding team.",
        "作為創始團隊成員，帶領工程團隊邁向下一個發展階段，負責系統架構、招聘、交付及資訊安全。",
        ("Set technical direction and architecture",
         "Own delivery, reliability and security",
         "Work with investors and customers on the roadmap"),
        ("Experience leading engineering teams in a start-up or scale-up",
         "A hands-on background in cloud software"),
        "microservices agile aws", "kubernetes cybersecurity",
        modes="hybrid",
        discipline="computer science or a related field",
    ),
    Role(
        "Business Development Intern", "業務發展實習生", F.BUSINESS, Ed.BACHELOR, "intern",
        "Help our founders find and win customers this summer: market research, lead lists, "
        "pitch decks and the meetings you will join.",
        "暑期協助創辦人開拓客戶：進行市場研究、整理潛在客戶名單、製作簡報，並一同出席客戶會議。",
        ("Research markets and build lead lists",
         "Prepare pitch decks and proposals",
         "Join client meetings and write up notes"),
        ("Good writing and presentation skills",
         "Curious about technology businesses"),
        "business-development data-analysis", "marketing power-bi",
        kind=T.INTERNSHIP, modes="hybrid", lang="en yue cmn",
        discipline="business or any discipline",
    ),
    Role(
        "IT Support Engineer", "IT支援工程師", F.OPERATIONS, Ed.ASSOCIATE, "entry",
        "Keep our team's laptops, network and accounts working and secure, and help connect "
        "the lab's instruments to the network.",
        "維護同事的手提電腦、網絡及帳戶運作暢順並確保安全，並協助把實驗室儀器接駁至網絡。",
        ("Handle support tickets and onboarding",
         "Manage devices, accounts and backups",
         "Maintain the office network and Wi-Fi"),
        ("IT support experience",
         "Microsoft 365 and basic networking"),
        "networking linux", "cybersecurity",
        modes="on_site", lang="en yue",
        discipline="information technology or a related field",
    ),
    Role(
        "Software Engineering Intern", "軟件工程實習生", F.ENGINEERING, Ed.BACHELOR, "intern",
        "Join our engineering team for the summer and build a feature that ships, with a "
        "mentor, daily code review and real users.",
        "暑期加入工程團隊，開發一個真正上線的功能：有導師指導、每日程式碼審查，並服務真實用戶。",
        ("Build and test a feature with your mentor",
         "Join stand-ups, code reviews and planning",
         "Document what you build"),
        ("Programming projects in any language",
         "Basic Git"),
        "python git", "javascript sql",
        kind=T.INTERNSHIP, modes="hybrid remote",
        discipline="computer science, engineering or a related field",
    ),
    Role(
        "Cybersecurity Engineer", "網絡安全工程師", F.ENGINEERING, Ed.BACHELOR, "mid senior",
        "Protect our systems and our customers' data: cloud security, vulnerability "
        "management, incident response and the controls behind our ISO 27001 certificate.",
        "保護公司系統及客戶數據：負責雲端安全、漏洞管理、事故應變，"
        "以及支持 ISO 27001 認證的各項控制措施。",
        ("Harden cloud and endpoint configurations",
         "Run vulnerability scans and penetration tests",
         "Lead incident response",
         "Maintain our ISO 27001 controls"),
        ("Security engineering experience",
         "Certifications such as OSCP or CISSP are a plus"),
        "cybersecurity networking linux", "aws python",
        modes="hybrid",
        discipline="computer science, information security or a related field",
    ),
    Role(
        "Data Engineer", "數據工程師", F.DATA_AI, Ed.BACHELOR, "mid senior",
        "Build the data platform our analysts and models rely on: ingestion, modelling and "
        "quality checks, in SQL, Python and Spark on the cloud.",
        "建立分析師及模型所依賴的數據平台，包括數據匯入、建模及質量檢查，"
        "在雲端以 SQL、Python 及 Spark 開發。",
        ("Build and maintain batch and streaming pipelines",
         "Model data for analytics",
         "Add tests and monitoring for data quality"),
        ("Data engineering in Python and SQL",
         "Spark or a similar engine"),
        "data-engineering sql spark python", "kafka aws",
        modes="remote hybrid",
        discipline="computer science or a related field",
    ),
    Role(
        "R&D Project Manager", "研發項目經理", F.PRODUCT, Ed.BACHELOR, "senior",
        "Keep our R&D projects and grants on track: plans, budgets, milestones and the reports "
        "for funded and partner projects, between scientists, engineers and funders.",
        "確保研發項目及資助計劃如期推進：負責計劃、預算、里程碑及資助項目報告，"
        "協調科學家、工程師及資助機構。",
        ("Plan projects and track milestones and budgets",
         "Write progress and final reports for funders",
         "Coordinate partners and suppliers"),
        ("Project management in R&D or engineering",
         "PMP or PRINCE2 is a plus"),
        "project-management agile", "technology-transfer",
        modes="hybrid", lang="en yue",
        discipline="science, engineering or a related field",
    ),
]

# Roles of the InnoHK research centres, on top of their clusters' roles.
INNOHK_ROLES = [
    Role(
        "Technology Transfer Manager", "技術轉移經理", F.BUSINESS, Ed.MASTER, "mid senior",
        "Bring our centre's research to market: spot inventions, protect them, and license "
        "them to companies or help our scientists start one.",
        "把中心的研究成果推向市場：發掘發明、保護知識產權，並授權予企業或協助科學家創業。",
        ("Review invention disclosures with researchers",
         "Manage patent filings with our attorneys",
         "Negotiate licences and collaboration agreements",
         "Support spin-off teams"),
        ("Technology transfer, IP or business development experience",
         "A scientific background"),
        "technology-transfer ip business-development", "project-management",
        modes="hybrid", lang="en yue",
        discipline="science, engineering, law or business",
    ),
    Role(
        "Research Assistant", "研究助理", F.RND, Ed.BACHELOR, "entry",
        "Support our research teams with experiments, data processing and literature reviews: "
        "a good first step towards a research degree.",
        "協助研究團隊進行實驗、數據處理及文獻回顧，是修讀研究院課程前的理想第一步。",
        ("Run experiments and process data",
         "Review literature and summarise findings",
         "Help prepare papers and presentations"),
        ("A strong academic record",
         "Python or MATLAB"),
        "python data-analysis statistics", "matlab",
        discipline="science, engineering or a related field",
    ),
    Role(
        "Research Programme Manager", "研究項目經理", F.OPERATIONS, Ed.PHD, "senior",
        "Run our centre's research programme: plan projects with the principal investigators, "
        "track milestones and budgets, and report to our funders and university partners.",
        "統籌中心的研究項目：與首席研究員規劃項目、跟進里程碑及預算，並向資助機構及合作大學匯報。",
        ("Plan and track research projects and budgets",
         "Prepare reports for funders and the board",
         "Organise seminars, visits and partnerships"),
        ("A research background and project management experience",
         "Excellent writing"),
        "project-management technology-transfer", "ip",
        modes="hybrid",
        discipline="science or engineering",
    ),
    Role(
        "Summer Research Intern", "暑期研究實習生", F.RND, Ed.BACHELOR, "intern",
        "Ten weeks in one of our research groups on a real project, with a postdoc as your "
        "mentor and a poster session at the end.",
        "在研究小組進行為期十周的真實項目，由博士後研究員擔任導師，並在實習結束時參加海報展示。",
        ("Work on a defined research project",
         "Run experiments or simulations and analyse the data",
         "Read and present papers in group meetings"),
        ("Strong grades and an interest in research",
         "Python or MATLAB"),
        "python data-analysis", "machine-learning statistics",
        kind=T.INTERNSHIP,
        discipline="science, engineering or computer science",
    ),
]
# fmt: on

ALL_ROLES = [role for roles in ROLES.values() for role in roles] + GENERIC_ROLES + INNOHK_ROLES
ROLE_BY_TITLE = {role.title: role for role in ALL_ROLES}
# Roles too specific to be drawn at random: only the companies that name them have them.
SIGNATURE_ONLY = {
    "Postdoctoral Fellow, Robot Learning",
    "Research Scientist, Quantum Devices",
    "Postdoctoral Fellow, Photonic Materials",
}
# Finer pools than the clusters, for companies whose cluster roles would not fit.
NAMED_POOLS = {
    "biotech": [
        "Bioinformatics Scientist",
        "Research Assistant, Molecular Biology",
        "Scientist, Antibody Discovery",
        "QA Specialist (GMP)",
        "Laboratory Technician",
    ],
    "cell_therapy": [
        "Cell Therapy Research Intern",
        "Process Development Engineer, Cell Therapy",
        "QA Specialist (GMP)",
        "Laboratory Technician",
        "Research Assistant, Molecular Biology",
    ],
    "digital_health": [
        "Clinical Data Intern",
        "Clinical Research Coordinator (Part-time)",
        "Biostatistician",
        "Mobile App Engineer",
    ],
    "ai": [
        "Machine Learning Engineer",
        "Computer Vision Intern",
        "Research Scientist, Multimodal AI",
        "LLM Application Engineer",
        "Graduate Engineer, AI",
    ],
    "robotics": [
        "Robotics Software Engineer (ROS 2)",
        "Mechanical Design Engineer",
        "Robot Operations Technician",
        "Embedded Control Engineer",
    ],
}
POOLS = {
    **{
        cluster: [role for role in roles if role.title not in SIGNATURE_ONLY]
        for cluster, roles in ROLES.items()
    },
    **{name: [ROLE_BY_TITLE[title] for title in titles] for name, titles in NAMED_POOLS.items()},
}

SITE_TEXT = {
    Site.SCIENCE_PARK: ("Hong Kong Science Park in Pak Shek Kok", "白石角香港科學園"),
    Site.INNOCENTRE: ("InnoCentre in Kowloon Tong", "九龍塘創新中心"),
    Site.INNOPARK_TAI_PO: ("Tai Po InnoPark", "大埔創新園"),
    Site.INNOPARK_TKO: ("Tseung Kwan O InnoPark", "將軍澳創新園"),
    Site.INNOPARK_YUEN_LONG: ("Yuen Long InnoPark", "元朗創新園"),
    Site.SHENZHEN_BRANCH: ("the Science Park Shenzhen Branch in Futian", "福田科學園深圳分園"),
}
INNOPARKS = {Site.INNOPARK_TAI_PO, Site.INNOPARK_TKO, Site.INNOPARK_YUEN_LONG}
LANGUAGE_NAMES = {"en": "English", "yue": "Cantonese", "cmn": "Putonghua"}

# Monthly HKD by seniority: the band a job's range is drawn from.
SALARY_BANDS = {
    S.INTERN: (12000, 18000),
    S.ENTRY: (20000, 32000),
    S.MID: (32000, 55000),
    S.SENIOR: (55000, 90000),
    S.LEAD: (80000, 130000),
}
LEVEL_WEIGHTS = {S.INTERN: 2, S.ENTRY: 4, S.MID: 4, S.SENIOR: 2, S.LEAD: 1}
OPEN_JOBS_BY_SIZE = {"1-10": 4, "11-50": 6, "51-200": 8, "201+": 10}
EXPERIENCE = {
    S.ENTRY: "fresh graduates are welcome",
    S.MID: "at least 3 years of relevant experience",
    S.SENIOR: "at least 6 years of relevant experience",
    S.LEAD: "at least 10 years of experience, including 3 leading a team",
}
DEGREE = {
    Ed.ASSOCIATE: "A higher diploma or associate degree",
    Ed.BACHELOR: "A bachelor's degree",
    Ed.MASTER: "A master's degree",
}
MODERATION_NOTES = [
    "Please add a salary range and say whether overseas candidates can apply.",
    "Please remove the preferred age range from the requirements: job adverts on the portal "
    "follow the Equal Opportunities Commission's guidance.",
    "The responsibilities describe a different role from the title; please check and resubmit.",
]

STAFF_EMAIL = "staff@demo.hkstp.example"
EMPLOYER_EMAIL = "employer@demo.hkstp.example"
PENDING_EMPLOYER_EMAIL = "pending-employer@demo.hkstp.example"
REJECTED_EMPLOYER_EMAIL = "rejected-employer@demo.hkstp.example"

# The demo candidate; every demo person is in people.py.
CANDIDATE_EMAIL = "candidate@demo.hkstp.example"

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


# -- the plan: which jobs each company has (pure, seeded) ---------------------
