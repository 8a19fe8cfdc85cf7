from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hkstp_portal.demo import CANDIDATE_EMAIL, EMPLOYER_EMAIL, STAFF_EMAIL, demo_data_load
from tests.factories import DEFAULT_PASSWORD


class Command(BaseCommand):
    help = "Create or refresh the demo companies, jobs, candidates, fair and staff user."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo accounts have a known password: run with DEBUG on, or --force."
            )
        counts = demo_data_load()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready: {companies} companies, {jobs} open jobs, "
                "{candidates} candidates, "
                "{applications} applications, {events} events.".format(**counts)
            )
        )
        for role, email in (
            ("staff", STAFF_EMAIL),
            ("employer", EMPLOYER_EMAIL),
            ("candidate", CANDIDATE_EMAIL),
        ):
            self.stdout.write(f"  {role:<10} {email} / {DEFAULT_PASSWORD}")
