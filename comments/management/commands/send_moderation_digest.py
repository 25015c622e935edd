from django.core.management.base import BaseCommand

from comments.emails import send_moderation_digests


class Command(BaseCommand):
    help = (
        "Emails each moderator who chose the daily digest the comments held since their last one. "
        "Run it once a day, e.g. from cron: 0 8 * * * cd /srv/healthyback && "
        ".venv/bin/python manage.py send_moderation_digest"
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {send_moderation_digests()} digest email(s).")
