"""`manage.py check_worker`: exit 1 when the background worker looks dead or stuck, for monitoring
(cron, a systemd timer, Nagios and the like); 0 otherwise. One line says why either way."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.worker import worker_health


class Command(BaseCommand):
    help = "Exit 1 when no background worker has been seen lately, or tasks wait too long."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-waiting",
            type=float,
            default=300,
            help="Seconds a due task may wait before the worker counts as stuck (default: 300).",
        )

    def handle(self, *args, max_waiting, **options):
        health = worker_health()
        if not health.alive:
            seen = (
                "never seen"
                if health.heartbeat_age is None
                else f"last seen {health.heartbeat_age:.0f} s ago"
            )
            raise CommandError(
                f"No background worker alive: {seen} (a worker beats every "
                f"{settings.WORKER_HEARTBEAT_SECONDS:g} s). Start `manage.py db_worker`."
            )
        if health.oldest_waiting is not None and health.oldest_waiting > max_waiting:
            raise CommandError(
                f"A task has waited {health.oldest_waiting:.0f} s to run (more than {max_waiting:g} s): "
                "the workers are stuck or too few."
            )
        waiting = (
            "no task waiting"
            if health.oldest_waiting is None
            else (f"oldest task waiting {health.oldest_waiting:.0f} s")
        )
        self.stdout.write(f"Worker ok: seen {health.heartbeat_age:.0f} s ago, {waiting}.")
