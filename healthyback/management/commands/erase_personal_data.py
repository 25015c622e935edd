from django.core.management.base import BaseCommand

from comments.services import personal_data_erase as comments_erase
from newsletter.services import personal_data_erase as newsletter_erase


class Command(BaseCommand):
    help = (
        "Erases one email address: from comments (by default the text stays, attributed to "
        '"Former reader", with name, email, website, IP and browser removed; --delete removes the '
        "comments) and from the newsletter (the subscriber is deleted; a keyed hash keeps the address "
        "from being signed up or emailed again)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--delete", action="store_true", help="Delete the comments instead.")

    def handle(self, *args, email, delete, **options):
        count = comments_erase(email=email, delete=delete)
        verb = "Deleted" if delete else "Anonymised"
        self.stdout.write(f"{verb} {count} comment{'s' * (count != 1)} by {email}.")
        if newsletter_erase(email=email):
            self.stdout.write(f"Erased the newsletter subscription of {email}; the address stays blocked.")
