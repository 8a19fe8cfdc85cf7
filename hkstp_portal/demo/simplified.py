"""Simplified Chinese versions of some demo companies and roles, written by hand from the
Traditional ones (not a character-by-character conversion: mainland usage where it
differs, e.g. 機械人 → 机器人, 數碼集成電路 → 数字集成电路, 流動應用程式 → 移动应用).

The companies with a Shenzhen branch all have one, since their GBA readers mostly read
Simplified; the rest leave some companies and roles without, so the demo also shows the
fallback (a Simplified reader then gets the Traditional text).
"""

from hkstp_portal.vocabulary import Site
from hkstp_portal.vocabulary import WorkMode as W

# slug: (name, description)
COMPANIES = {
    "lumen-genomics": (
        "光谱基因有限公司",
        "以基因测序技术提供早期癌症筛查，并在白石角设有临床化验所。",
    ),
    "tidewater-robotics": (
        "潮汐机器人",
        "研发自主巡检机器人，用于隧道、排水渠及建筑物外墙检查。",
    ),
    "junction-silicon": (
        "结点硅科技",
        "为可穿戴设备及物联网设计低功耗 RISC-V 系统级芯片及混合信号 IP。",
    ),
    "citysense-analytics": (
        "城感数据",
        "为商场、港铁站及公共场所提供人流及空气质量感测方案。",
    ),
    "bayside-ledger": (
        "湾畔账本",
        "为虚拟资产平台提供监管报告及反洗钱分析。",
    ),
    "pearl-vision": (
        "明珠视觉人工智能",
        "以计算机视觉检测电子产品装配线上的瑕疵。",
    ),
    "kapok-sensing": (
        "木棉感知科技",
        "研发非接触式雷达传感器，为大湾区养老院检测跌倒及呼吸异常。",
    ),
    "centre-neural-imaging": (
        "神经影像研究中心",
        "InnoHK 研发平台旗下的研究中心，专注以人工智能分析脑部磁共振及正电子扫描影像。",
    ),
}

# English title: (title, summary)
ROLES = {
    "Bioinformatics Scientist": (
        "生物信息科学家",
        "负责把原始测序数据转化为临床报告的分析流程，包括变异检测、cfDNA "
        "片段分析及质量控制。我们以 Python 和 Nextflow 开发，并在自建的计算集群上运行。",
    ),
    "Machine Learning Engineer": (
        "机器学习工程师",
        "把模型从实验带到生产环境：建立数据流程、以 PyTorch 训练及评估模型，"
        "并在 Kubernetes 上部署和监控模型表现。",
    ),
    "Robotics Software Engineer (ROS 2)": (
        "机器人软件工程师（ROS 2）",
        "以 C++ 编写让机器人在隧道、仓库及工地中自主导航的软件，涵盖定位、SLAM、"
        "路径规划及相关的 ROS 2 系统。",
    ),
    "Computer Vision Intern": (
        "计算机视觉实习生",
        "暑期加入视觉团队：整理及标注数据、训练目标检测模型，并以真实生产影像评估模型表现。",
    ),
    "LLM Application Engineer": (
        "大语言模型应用工程师",
        "以大语言模型为客户开发检索增强生成（RAG）助手及智能体，并建立评估机制与安全防护，"
        "确保中英文应用均可靠。",
    ),
    "Blockchain Engineer": (
        "区块链工程师",
        "以 Rust 及 TypeScript 开发链上监控及钱包筛查服务，覆盖主要公链，供虚拟资产客户使用。",
    ),
    "AML Data Analyst": (
        "反洗钱数据分析师",
        "从数以百万计的交易中找出关键模式：优化监控规则、为调查人员建立仪表板，"
        "并评估警报能否有效识别风险。",
    ),
    "Compliance Officer": (
        "合规主任",
        "确保公司符合监管要求：负责交易监控、客户尽职调查、可疑交易报告，"
        "以及向金管局及证监会定期提交申报。",
    ),
    "Data Analyst": (
        "数据分析师",
        "把感测数据转化为场地运营方需要的答案：人流多少、分布在哪里、何时最繁忙，"
        "以及空气质量如何，并以易读的仪表板和报告呈现。",
    ),
    "IoT Firmware Engineer": (
        "物联网固件工程师",
        "为电池供电的传感器编写固件：在 ARM Cortex-M 上以嵌入式 C 开发，涵盖 LoRaWAN "
        "及蓝牙通信，以及为数千台现场设备进行远程升级。",
    ),
    "Digital IC Design Engineer": (
        "数字集成电路设计工程师",
        "设计低功耗系统级芯片的数字模块：以 Verilog／SystemVerilog 编写 RTL，"
        "并负责综合、时序收敛及功耗分析，直至流片。",
    ),
    "Design Verification Engineer": (
        "设计验证工程师",
        "确保芯片一次流片成功：建立 UVM 验证平台、编写以覆盖率为导向的测试，"
        "并完成 SoC 子系统的验证收敛。",
    ),
    "Graduate Engineer, Verification": (
        "验证见习工程师（毕业生计划）",
        "为应届毕业生而设的两年计划：学习 UVM 验证平台、FPGA 原型验证及流片支持，"
        "并在设计及验证团队之间轮岗，由资深导师指导。",
    ),
    "FPGA Engineer": (
        "FPGA工程师",
        "为高速数据采集及实时信号处理开发 FPGA 设计，从 HDL 编写到电路板调试。",
    ),
    "IC Design Intern": (
        "集成电路设计实习生",
        "暑期加入芯片设计团队，为实际模块编写 RTL 及测试，了解芯片从构思到流片的全过程。",
    ),
    "Medical Imaging AI Scientist": (
        "医学影像人工智能科学家",
        "开发应用于磁共振、CT 及正电子扫描的深度学习方法，从影像分割到预后预测，"
        "并与合作医院验证成果。",
    ),
}

LEVEL_PREFIX = {"entry": "初级", "senior": "高级", "lead": "首席"}

SITES = {
    Site.SCIENCE_PARK: "白石角香港科学园",
    Site.INNOCENTRE: "九龙塘创新中心",
    Site.INNOPARK_TAI_PO: "大埔创新园",
    Site.INNOPARK_TKO: "将军澳创新园",
    Site.INNOPARK_YUEN_LONG: "元朗创新园",
    Site.SHENZHEN_BRANCH: "福田科学园深圳分园",
}


def where(mode: str, site: str) -> str:
    place = SITES[site]
    return {
        W.ON_SITE: f"工作地点为{place}。",
        W.HYBRID: f"工作地点为{place}，每周最多两天可居家办公。",
        W.REMOTE: "本职位以远程办公为主，可在香港或大湾区任何地方工作，"
        f"每月一次到{place}与团队见面。",
    }[mode]


def job_text(company_slug: str, role_title: str, title: str, seniority: str, mode: str, site):
    """(title, description) in Simplified Chinese, or ("", "") when not written."""
    role = ROLES.get(role_title)
    company = COMPANIES.get(company_slug)
    if role is None or company is None:
        return "", ""
    title_hans, summary = role
    if title != role_title:
        # A levelled title ("Senior …"); other special titles stay without.
        prefix = LEVEL_PREFIX.get(seniority)
        if prefix is None or not title.endswith(role_title):
            return "", ""
        title_hans = prefix + title_hans
    name, about = company
    return title_hans, f"{summary}\n\n**关于{name}**：{about}{where(mode, site)}"
