import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.validators import validate_email

from newsletter.models import Subscriber
from newsletter.services import suppress_addresses

REASONS = [Subscriber.Reason.BOUNCED, Subscriber.Reason.COMPLAINED, Subscriber.Reason.STAFF]


class Command(BaseCommand):
    help = (
        "Suppresses the addresses in a file (one per line; '-' reads standard input), for example a "
        "mail provider's bounce or complaint list. Suppressed addresses are never emailed again and "
        "cannot be signed up by visitors."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a text file with one address per line, or - for standard input")
        parser.add_argument("--reason", choices=REASONS, required=True)

    def handle(self, *args, file, reason, **options):
        lines = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        with lines:
            candidates = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        valid, invalid = [], []
        for address in candidates:
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
            else:
                valid.append(address)
        counts = suppress_addresses(emails_to_suppress=valid, reason=reason, note=f"{reason} list")
        self.stdout.write(
            f"Suppressed {counts['suppressed']} address(es); {counts['already']} already suppressed; "
            f"{len(invalid)} line(s) skipped as not an address."
        )
        for address in invalid:
            self.stderr.write(f"Skipped: {address!r}")
