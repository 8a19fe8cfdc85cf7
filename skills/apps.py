from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = _("Skills")

    def ready(self):
        # The taxonomy file is the source of truth; syncing after every migrate
        # (and after a test flush) means every database has the same skills.
        post_migrate.connect(_skills_sync, sender=self, dispatch_uid="skills_sync")


def _skills_sync(sender, using, **kwargs):
    from skills.services import skills_sync

    skills_sync(using=using)
