from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Saved searches and alerts")

    def ready(self):
        # Published jobs are announced by jobs, which does not import alerts (layers).
        from alerts import receivers
        from jobs.signals import job_published

        job_published.connect(
            receivers.job_published_record_hits, dispatch_uid="alerts_job_published"
        )
