from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter.campaigns import resume_stalled


class Command(BaseCommand):
    help = (
        "Resumes newsletter campaigns that stopped making progress (a worker died mid-send) and starts "
        "scheduled ones whose start was lost. Nobody gets an issue twice. The worker does it every minute "
        "by itself (settings.PERIODIC_JOBS); this runs it by hand."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-for",
            type=float,
            metavar="SECONDS",
            help="How long a campaign must have shown no progress to count as stalled "
            f"(default {settings.NEWSLETTER_STALLED_AFTER.total_seconds():.0f}).",
        )

    def handle(self, *args, quiet_for=None, **options):
        quiet = None if quiet_for is None else timedelta(seconds=quiet_for)
        resumed = resume_stalled(timezone.now(), quiet)
        for campaign in resumed:
            self.stdout.write(f"Resumed “{campaign.subject}” (campaign {campaign.pk}).")
        if not resumed:
            self.stdout.write("No campaign needed resuming.")
