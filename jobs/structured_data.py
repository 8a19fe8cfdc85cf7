"""schema.org JobPosting, as Google for Jobs reads it.

See developers.google.com/search/docs/appearance/structured-data/job-posting
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from hkstp_portal.i18n import localised
from hkstp_portal.markdown import markdown_to_html
from hkstp_portal.vocabulary import SITE_ADDRESSES, EmploymentType, WorkMode
from jobs.models import Job

EMPLOYMENT_TYPES = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.INTERNSHIP: "INTERN",
    EmploymentType.GRADUATE_PROGRAMME: "FULL_TIME",
}
EDUCATION_CREDENTIALS = {
    "associate": "associate degree",
    "bachelor": "bachelor degree",
    "master": "postgraduate degree",
    "phd": "postgraduate degree",
}


def _eligibility(job: Job) -> str:
    # The same words as the job page's "Who can apply", in the page's language.
    parts = []
    if job.open_to_overseas:
        parts.append(_("Open to overseas talent"))
    if job.open_to_gba:
        parts.append(_("Open to GBA talent"))
    if job.ttps_welcome:
        parts.append(_("TTPS holders welcome"))
    parts.append(
        _("Visa sponsorship offered") if job.visa_sponsorship else _("No visa sponsorship")
    )
    return "; ".join(parts)


def job_posting(job: Job, *, url: str, logo_url: str = "") -> dict | None:
    """The JSON-LD of an open job, or None: a closed job carries none, so it leaves Google.

    Written in the active language (the page's URL: /zh-hant/ gives Traditional Chinese
    where the company wrote it, with the usual fallback), like the page it describes.
    """
    if not job.is_open:
        return None
    description = "".join(
        markdown_to_html(text)
        for text in (
            localised(job, field) for field in ("description", "responsibilities", "requirements")
        )
        if text
    )
    company_name = localised(job.company, "name")
    organization = {"@type": "Organization", "name": company_name}
    if job.company.website:
        organization["sameAs"] = job.company.website
    if logo_url:
        organization["logo"] = logo_url
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": localised(job, "title"),
        "description": description,
        "datePosted": timezone.localtime(job.published_at).isoformat(),
        "validThrough": timezone.localtime(job.expires_at).isoformat(),
        "employmentType": EMPLOYMENT_TYPES[job.employment_type],
        "hiringOrganization": organization,
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", **SITE_ADDRESSES[job.site]},
        },
        "identifier": {"@type": "PropertyValue", "name": company_name, "value": str(job.pk)},
        "url": url,
        # Candidates apply on the job's own page, with their portal profile.
        "directApply": True,
        "eligibilityToWorkRequirement": _eligibility(job),
        "totalJobOpenings": job.openings,
    }
    if job.work_mode == WorkMode.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {
            "@type": "Country",
            "name": SITE_ADDRESSES[job.site]["addressCountry"],
        }
    if job.salary_shown:
        value = {"@type": "QuantitativeValue", "unitText": "MONTH", "minValue": job.salary_min}
        if job.salary_max:
            value["maxValue"] = job.salary_max
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "HKD", "value": value}
    if job.education in EDUCATION_CREDENTIALS:
        data["educationRequirements"] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": EDUCATION_CREDENTIALS[job.education],
        }
    skills = [localised(skill, "name") for skill in job.required_skills.all()] + [
        localised(skill, "name") for skill in job.preferred_skills.all()
    ]
    if skills:
        data["skills"] = ", ".join(skills)
    return data
