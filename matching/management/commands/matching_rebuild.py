from django.core.management.base import BaseCommand

from matching.services import matching_rebuild


class Command(BaseCommand):
    help = "Rebuild the matching features and the matches of every open job (idempotent)."

    def handle(self, *args, **options):
        result = matching_rebuild()
        self.stdout.write(
            f"{result['candidates']} candidates and {result['jobs']} jobs refreshed; "
            f"{result['new_matches']} new matches."
        )
