from django.core.management.base import BaseCommand

from newsletter.services import CONSENT_RECORD_DAYS, UNCONFIRMED_DAYS, purge_old_records


class Command(BaseCommand):
    help = (
        f"Deletes newsletter sign-ups never confirmed within {UNCONFIRMED_DAYS} days, and subscribers who "
        f"left more than {CONSENT_RECORD_DAYS // 365} years ago. Their consent events stay, without address "
        "or IP, so the counts remain. The worker does it every night by itself; this runs it by hand."
    )

    def handle(self, *args, **options):
        counts = purge_old_records()
        self.stdout.write(
            f"Deleted {counts['unconfirmed_deleted']} unconfirmed sign-up(s) and "
            f"{counts['departed_deleted']} subscriber(s) who left over {CONSENT_RECORD_DAYS // 365} years ago."
        )
