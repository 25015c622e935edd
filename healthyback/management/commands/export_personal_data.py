import json

from django.core.management.base import BaseCommand

from comments.services import personal_data_export as comments_export
from newsletter.services import personal_data_export as newsletter_export


class Command(BaseCommand):
    help = "Prints, as JSON, everything stored about one email address (for a reader's access request)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        data = comments_export(email=email) | {"newsletter": newsletter_export(email=email)}
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
