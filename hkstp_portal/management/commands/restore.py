"""`make restore BACKUP=backups/<name>`: put a backup back into the configured database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hkstp_portal.backup import MEDIA, PRIVATE, BackupError, backup_restore, configured_target
from hkstp_portal.pagecache import home_jobs_changed
from jobs.search_index import search_bitmaps_forget


class Command(BaseCommand):
    help = (
        "Restore a backup folder (made by `manage.py backup`) into the configured database "
        "and media folders. Refuses a database or folders that already hold data unless "
        "--force."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder, e.g. backups/backup-20261125-1200")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that has tables and folders that hold files.",
        )

    def handle(self, *args, backup, force, **options):
        folder = Path(backup)
        target = configured_target()
        try:
            manifest = backup_restore(folder, target, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        # The search's bitmaps and the home page's cached jobs describe the old database.
        search_bitmaps_forget()
        home_jobs_changed()
        files = manifest["files"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {folder} (made {manifest['created_at']}) into database "
                f"{target.database['NAME']!r}: {files[MEDIA]['count']} public and "
                f"{files[PRIVATE]['count']} private files."
            )
        )
