import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress_import.importer import import_wxr
from wordpress_import.wxr import WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export → All content): categories, authors, posts, "
        "comments and the posts' old addresses. Running it again with the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The .xml file WordPress exported.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read everything and report what would change, without saving anything.",
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of the site's wp-content/uploads folder, for featured and inline images.",
        )

    def handle(self, *args, export, dry_run, media_dir, verbosity, **options):
        progress = Progress(self.stderr, verbosity)
        try:
            report = import_wxr(export, media_dir=media_dir, dry_run=dry_run, progress=progress)
        except WXRError as error:
            progress.end()
            raise CommandError(str(error)) from None
        progress.end()
        title = "Trial run: nothing was saved. This is what the import would do." if dry_run else "Imported."
        self.stdout.write(self.style.SUCCESS(title))
        for line in report.summary_lines():
            self.stdout.write(f"  {line}")
        if report.notes:
            self.stdout.write("\nNotes:")
            for note in report.notes:
                self.stdout.write(f"  {note['kind']}: {note['title']}: {note['message']}")


class Progress:
    """A progress line: redrawn in place on a terminal, one line per step of 10% otherwise."""

    PHASES = {"checking": "Checking the file", "importing": "Importing"}

    def __init__(self, stream, verbosity: int):
        self.stream, self.verbosity = stream, verbosity
        self.interactive = hasattr(stream, "isatty") and stream.isatty()
        self.last_shown, self.last_step, self.drawn = 0.0, None, False

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.verbosity == 0:
            return
        percent = int(done * 100 / total) if total else 0
        text = f"{self.PHASES.get(phase, phase)}: {percent}%"
        if phase == "importing":
            text += f" ({done} of {total} items)"
        if self.interactive:
            now = time.monotonic()
            if now - self.last_shown > 0.1 or done == total:
                self.stream.write(f"\r{text}\033[K", ending="")
                self.stream.flush()
                self.last_shown, self.drawn = now, True
        elif (phase, percent // 10) != self.last_step:
            self.last_step = (phase, percent // 10)
            self.stream.write(text)

    def end(self) -> None:
        if self.drawn:
            self.stream.write("")
            self.drawn = False
