from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        # jobs and talent announce their changes and do not import matching (layers).
        from jobs.signals import job_published
        from matching import receivers
        from talent.signals import candidate_changed

        job_published.connect(
            receivers.job_published_record_matches, dispatch_uid="matching_job_published"
        )
        candidate_changed.connect(
            receivers.candidate_changed_refresh_features,
            dispatch_uid="matching_candidate_changed",
        )
