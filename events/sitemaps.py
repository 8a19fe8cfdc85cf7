from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from events.models import Event, Exhibitor
from events.selectors_fairs import PUBLIC_BOOTH


class EventSitemap(Sitemap):
    """Every published event: past ones too, their pages keep the recordings."""

    changefreq = "daily"
    priority = 0.7
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Event.objects.filter(is_published=True).only("slug").order_by("pk")


class ExhibitorListSitemap(Sitemap):
    """The Talent Pool of each published event that has public booths (approved exhibitors
    of verified companies)."""

    changefreq = "daily"
    priority = 0.6
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        approved = Exhibitor.objects.filter(PUBLIC_BOOTH, event=OuterRef("pk"))
        return Event.objects.filter(Exists(approved), is_published=True).only("slug").order_by("pk")

    def location(self, event):
        return reverse("events:exhibitor_list", args=[event.slug])
