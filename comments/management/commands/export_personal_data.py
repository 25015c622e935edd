import json

from django.core.management.base import BaseCommand

from comments.services import personal_data_export


class Command(BaseCommand):
    help = "Prints, as JSON, everything stored about one email address (for a reader's access request)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(json.dumps(personal_data_export(email=email), indent=2, ensure_ascii=False))
