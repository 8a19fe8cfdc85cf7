"""/sitemap.xml: one section per kind of public page, each address in the three languages
(with hreflang alternates), as the apps that own the pages list them."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.sitemaps import EventSitemap, ExhibitorListSitemap
from jobs.sitemaps import CompanySitemap, JobSitemap
from programmes.sitemaps import ProgrammeSitemap


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return [
            "home",
            "jobs:job_list",
            "companies:company_list",
            "events:event_list",
            "programmes:programme_list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "jobs": JobSitemap,
    "companies": CompanySitemap,
    "events": EventSitemap,
    "exhibitors": ExhibitorListSitemap,
    "programmes": ProgrammeSitemap,
}
