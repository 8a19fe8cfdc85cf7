"""`make backup`: the database (pg_dump) and the uploaded files, in one folder under backups/."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hkstp_portal.backup import BackupError, backup_create, configured_target


class Command(BaseCommand):
    help = (
        "Back up the portal's database (pg_dump, custom format), public media and private "
        "media (CVs, exports) into a timestamped folder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=None,
            help="Folder to write the backup under (default: $BACKUP_DIR or backups/).",
        )

    def handle(self, *args, output, **options):
        backup_dir = Path(
            output or os.environ.get("BACKUP_DIR") or Path(settings.BASE_DIR) / "backups"
        )
        try:
            folder = backup_create(configured_target(), backup_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
