from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # The staff groups need permissions that exist only once every app has
        # migrated; post_migrate is the one moment that is true everywhere.
        post_migrate.connect(_staff_groups_sync, sender=self, dispatch_uid="staff_groups_sync")


def _staff_groups_sync(sender, using, **kwargs):
    from accounts.services import staff_groups_sync

    staff_groups_sync(using=using)
