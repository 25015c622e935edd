from django.core.management.base import BaseCommand, CommandError


def positive_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Creates the demo content (original writing, safe to run again: existing demo content is "
        "kept, nothing is duplicated)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=positive_int, default=0, help="Extra generated articles, for load tests."
        )
        parser.add_argument(
            "--comments-per-article", type=positive_int, default=0, help="Generated comments per article."
        )

    def handle(self, *args, articles, comments_per_article, **options):
        if articles or comments_per_article:
            raise CommandError("Articles and comments don't exist yet, so there is nothing to generate.")
        # The content models arrive with the articles, comments and newsletter apps; each one adds
        # its demo content here.
        self.stdout.write("Demo content is up to date (no content types to seed yet).")
