import time

from django.core.management.base import BaseCommand

from core import pagecache
from demo.seed import seed_demo
from demo.threads import seed_comments


def count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Creates the demo content: categories, authors with photos, and articles with images and "
        "references, all original writing. Safe to run again: existing content is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=count,
            default=0,
            help="Also create this many extra articles (variations reusing the demo images), for load tests.",
        )
        parser.add_argument(
            "--comments-per-article",
            type=count,
            default=0,
            help="Threaded demo comments for each published article that has none yet.",
        )

    def handle(self, *args, articles, comments_per_article, **options):
        started = time.monotonic()
        with pagecache.one_invalidation():
            report = seed_demo(extra_articles=articles)
            if comments_per_article:
                report.add("comments", seed_comments(comments_per_article))
            pagecache.invalidate()  # bulk inserts send no signals
        self.stdout.write(f"{report} ({time.monotonic() - started:.1f} s)")
