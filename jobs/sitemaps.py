from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from companies.models import Company
from jobs.models import Job


class JobSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 10000  # Google accepts 50,000 URLs a file; with 3 languages each counts 3 times
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Job.objects.open().only("pk", "updated_at").order_by("pk")

    def lastmod(self, job):
        return job.updated_at

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default walk over every item.
        return Job.objects.open().aggregate(latest=Max("updated_at"))["latest"]


class CompanySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Company.objects.verified().only("slug", "updated_at").order_by("pk")

    def lastmod(self, company):
        return company.updated_at

    def get_latest_lastmod(self):
        return Company.objects.verified().aggregate(latest=Max("updated_at"))["latest"]
