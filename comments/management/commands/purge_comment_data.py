from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

from comments.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Deletes commenters' IP addresses and user agents after COMMENT_DETAILS_DAYS (60) and spam and "
        "removed comments after COMMENT_SPAM_DAYS (30). The worker does it every night by itself "
        "(settings.PERIODIC_JOBS); this runs it by hand."
    )

    def handle(self, *args, **options):
        counts = purge_personal_data(
            keep_days=settings.COMMENT_DETAILS_DAYS, spam_days=settings.COMMENT_SPAM_DAYS
        )
        scrubbed, deleted = counts["details_scrubbed"], counts["comments_deleted"]
        self.stdout.write(
            f"Scrubbed IP and browser details from {scrubbed} comment{pluralize(scrubbed)}; "
            f"deleted {deleted} spam or removed comment{pluralize(deleted)}."
        )
