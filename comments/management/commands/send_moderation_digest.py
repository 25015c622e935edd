from django.core.management.base import BaseCommand

from comments.emails import send_moderation_digests


class Command(BaseCommand):
    help = (
        "Emails each moderator who chose the daily digest the comments held since their last one. "
        "The worker does it every morning by itself (settings.PERIODIC_JOBS); this runs it by hand."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {send_moderation_digests()} digest email(s).")
