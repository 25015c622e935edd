"""`manage.py db_worker`: django-tasks-db's command, running core.worker.ResilientWorker."""

from django_tasks_db.management.commands import db_worker

from core.worker import ResilientWorker


class Command(db_worker.Command):
    def handle(self, *args, **options):
        # django-tasks-db's handle() builds its worker from the module's `Worker`; everything else
        # it does (options, signals, autoreload) stays as it is.
        original, db_worker.Worker = db_worker.Worker, ResilientWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
