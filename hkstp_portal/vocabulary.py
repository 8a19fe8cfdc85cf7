"""The park's domain words (../shared/PRODUCT.md), shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cluster(models.TextChoices):
    HEALTHTECH = "healthtech", _("Healthtech & biotech")
    AI_ROBOTICS = "ai_robotics", _("AI & robotics")
    FINTECH = "fintech", _("Fintech")
    SMART_CITY = "smart_city", _("Smart city")
    MICROELECTRONICS = "microelectronics", _("Microelectronics")
    NEW_MATERIALS = "new_materials", _("New materials")
    SUSTAINABILITY = "sustainability", _("Sustainability")
    MEDTECH = "medtech", _("Medtech")
    ADVANCED_MANUFACTURING = "advanced_manufacturing", _("Advanced manufacturing")


class Site(models.TextChoices):
    SCIENCE_PARK = "science_park", _("Hong Kong Science Park, Pak Shek Kok")
    INNOCENTRE = "innocentre", _("InnoCentre, Kowloon Tong")
    INNOPARK_TAI_PO = "innopark_tai_po", _("Tai Po InnoPark")
    INNOPARK_TKO = "innopark_tko", _("Tseung Kwan O InnoPark")
    INNOPARK_YUEN_LONG = "innopark_yuen_long", _("Yuen Long InnoPark")
    SHENZHEN_BRANCH = "shenzhen_branch", _("Science Park Shenzhen Branch, Futian")


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    CONTRACT = "contract", _("Contract")
    INTERNSHIP = "internship", _("Internship")
    GRADUATE_PROGRAMME = "graduate_programme", _("Graduate programme")


class Seniority(models.TextChoices):
    INTERN = "intern", _("Intern")
    ENTRY = "entry", _("Entry level")
    MID = "mid", _("Mid level")
    SENIOR = "senior", _("Senior")
    LEAD = "lead", _("Lead / executive")


class Education(models.TextChoices):
    NONE = "none", _("No requirement")
    ASSOCIATE = "associate", _("Associate degree / higher diploma")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    PHD = "phd", _("PhD")


class JobField(models.TextChoices):
    RND = "rnd", _("Research & development")
    ENGINEERING = "engineering", _("Engineering")
    DATA_AI = "data_ai", _("Data & AI")
    PRODUCT = "product", _("Product & design")
    BUSINESS = "business", _("Business & sales")
    OPERATIONS = "operations", _("Operations")
    REGULATORY = "regulatory", _("Clinical & regulatory")


class WorkMode(models.TextChoices):
    ON_SITE = "on_site", _("On-site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class ProgrammeTag(models.TextChoices):
    INNOHK = "innohk", _("InnoHK")
    INNOPARK = "innopark", _("INNOPARK")
    GLOBAL_INTERNSHIP = "gip", _("Global Internship Programme")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    CANTONESE = "yue", _("Cantonese")
    PUTONGHUA = "cmn", _("Putonghua")


class Eligibility(models.TextChoices):
    """What a job is open to; each is a boolean field of the same name on Job."""

    OPEN_TO_OVERSEAS = "open_to_overseas", _("Open to overseas talent")
    OPEN_TO_GBA = "open_to_gba", _("Open to GBA talent")
    VISA_SPONSORSHIP = "visa_sponsorship", _("Visa sponsorship offered")
    TTPS_WELCOME = "ttps_welcome", _("TTPS holders welcome")


# Postal addresses of the sites, for schema.org JobPosting (Google needs a jobLocation).
SITE_ADDRESSES = {
    Site.SCIENCE_PARK: {
        "streetAddress": "Hong Kong Science Park, Pak Shek Kok",
        "addressLocality": "Sha Tin",
        "addressRegion": "New Territories",
        "addressCountry": "HK",
    },
    Site.INNOCENTRE: {
        "streetAddress": "InnoCentre, 72 Tat Chee Avenue",
        "addressLocality": "Kowloon Tong",
        "addressRegion": "Kowloon",
        "addressCountry": "HK",
    },
    Site.INNOPARK_TAI_PO: {
        "streetAddress": "Tai Po InnoPark",
        "addressLocality": "Tai Po",
        "addressRegion": "New Territories",
        "addressCountry": "HK",
    },
    Site.INNOPARK_TKO: {
        "streetAddress": "Tseung Kwan O InnoPark",
        "addressLocality": "Tseung Kwan O",
        "addressRegion": "New Territories",
        "addressCountry": "HK",
    },
    Site.INNOPARK_YUEN_LONG: {
        "streetAddress": "Yuen Long InnoPark",
        "addressLocality": "Yuen Long",
        "addressRegion": "New Territories",
        "addressCountry": "HK",
    },
    Site.SHENZHEN_BRANCH: {
        "streetAddress": "Hong Kong Science Park Shenzhen Branch, Futian",
        "addressLocality": "Shenzhen",
        "addressRegion": "Guangdong",
        "addressCountry": "CN",
    },
}


class WorkEligibility(models.TextChoices):
    """A candidate's right to work in Hong Kong (or in the Shenzhen branch's GBA roles)."""

    HK_PERMANENT = "hk_permanent", _("Hong Kong permanent resident")
    HK_RIGHT_TO_WORK = (
        "hk_right_to_work",
        _("Right to work in Hong Kong (dependant, IANG or other visa)"),
    )
    TTPS = "ttps", _("Top Talent Pass Scheme holder or eligible")
    NEEDS_SPONSORSHIP = "needs_sponsorship", _("Needs visa sponsorship")
    GBA_BASED = "gba_based", _("Based in the Greater Bay Area (Shenzhen branch roles)")


class Residence(models.TextChoices):
    """Where a candidate lives now."""

    HONG_KONG = "hong_kong", _("Hong Kong")
    GBA = "gba", _("Greater Bay Area (Mainland)")
    MAINLAND = "mainland", _("Elsewhere in the Mainland")
    OVERSEAS = "overseas", _("Overseas")
