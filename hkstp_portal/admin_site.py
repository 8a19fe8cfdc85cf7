"""The staff admin: Django's, with a work queue on its home page.

INSTALLED_APPS names PortalAdminConfig instead of "django.contrib.admin", so `admin.site`
(and every `@admin.register`) is a PortalAdminSite. Nothing here imports a model at import
time: this module is loaded while the app registry is being populated.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PortalAdminSite(admin.AdminSite):
    index_template = "admin/portal_index.html"

    def index(self, request, extra_context=None):
        from hkstp_portal.work_queue import staff_work_queue

        context = {"work_queue": staff_work_queue(request.user), **(extra_context or {})}
        return super().index(request, extra_context=context)


class PortalAdminConfig(AdminConfig):
    default_site = "hkstp_portal.admin_site.PortalAdminSite"
