from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page

from hkstp_portal import views
from hkstp_portal.sitemaps import SITEMAPS

admin.site.site_header = _("HKSTP Talent Portal — staff")
admin.site.site_title = _("HKSTP Talent staff")
admin.site.index_title = _("Companies, jobs, candidates and events")

SITEMAP_CACHE_SECONDS = 60 * 60

# allauth's rate limits answer with this view (allauth.core.ratelimit.respond_429).
handler429 = "hkstp_portal.ratelimit.too_many_requests"
handler400 = "hkstp_portal.errors.bad_request"

urlpatterns = [
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico whatever the page links; send them to the real icon.
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]

# English at /, Chinese under /zh-hant/ and /zh-hans/, so every page has a
# shareable address in each language.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("", include("jobs.urls")),
    path("", include("companies.urls")),
    path("", include("talent.urls")),
    path("", include("applications.urls")),
    path("", include("alerts.urls")),
    path("", include("matching.urls")),
    path("", include("events.urls")),
    path("", include("programmes.urls")),
    path("", include("notifications.urls")),
    # Before admin.site.urls, which would otherwise serve the same path without limits.
    path("admin/login/", views.admin_login),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# The email provider's bounce and complaint webhook (django-anymail), behind the basic
# auth of ANYMAIL_WEBHOOK_SECRET: without it anyone could post a bounce and stop an
# address's email, so it is not served at all. Only the configured provider's tracking
# webhook: the others answer a 500 without their provider's package (boto3 for
# amazon_ses), and the portal reads no inbound mail.
if settings.ANYMAIL.get("WEBHOOK_SECRET") and settings.ANYMAIL_WEBHOOK_ESP:
    from anymail import urls as anymail_urls

    _webhooks = [
        pattern
        for pattern in anymail_urls.urlpatterns
        if pattern.name == f"{settings.ANYMAIL_WEBHOOK_ESP}_tracking_webhook"
    ]
    urlpatterns += [path("anymail/", include((_webhooks, "anymail")))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
