from django.contrib.sitemaps import Sitemap

from programmes.models import Programme


class ProgrammeSitemap(Sitemap):
    """Every published programme round, open or not: a closed round says when it ran."""

    changefreq = "weekly"
    priority = 0.6
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Programme.objects.filter(is_published=True).only("slug").order_by("pk")
