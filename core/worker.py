"""The background worker: django-tasks-db's, made to outlive its database and its own death.

- django-tasks-db's worker re-raises any database error but "database is locked" out of its loop,
  so a PostgreSQL restart ended it for good while the web server went on queueing emails. Here a
  database error pauses the worker (1 s, doubling up to 30 s) and its loop starts again, so it
  carries on by itself within seconds of the database's return.
- A task claimed by a worker that then died (`kill -9`, a lost machine) stayed RUNNING forever.
  Each worker now writes a heartbeat every WORKER_HEARTBEAT_SECONDS from a thread of its own (so
  also during a long task), and every worker looks, as often, for tasks left running by a worker
  silent for WORKER_STALE_SECONDS: those are made ready again and run by whoever claims them next,
  within about WORKER_STALE_SECONDS plus a beat of the death (70 s by default).

  Running a task again repeats whatever it had done before the worker died. For an email that is
  one window: accepted by the mail server in the instant before its worker died, before the task
  was marked done, it is sent a second time. A worker alive but cut off from the database for
  longer than WORKER_STALE_SECONDS mid-task looks dead too, and its task may run twice at once.
- Periodic jobs (settings.PERIODIC_JOBS) are enqueued by the same heartbeat thread, so the worker
  service needs no cron.
"""

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Case, F, Max, Min, When
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from core.models import WorkerHeartbeat
from core.schedule import enqueue_due_jobs

logger = logging.getLogger(__name__)

FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 30.0


def reclaim_abandoned_tasks() -> int:
    """Make ready again the tasks left running by workers silent for WORKER_STALE_SECONDS; return
    how many."""
    cutoff = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    reclaimed = 0
    for task in (
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .only("id", "started_at", "worker_ids", "task_path")
    ):
        if task.worker_ids and task.worker_ids[-1] in alive:
            continue  # a long task of a live worker
        # Only if it is still the same run: another worker may have taken it meanwhile.
        if DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        ).update(status=TaskResultStatus.READY, started_at=None):
            reclaimed += 1
            logger.warning(
                "Task %s (%s) was left running by worker %s, silent since before %s: it will run again",
                task.pk, task.task_path, (task.worker_ids or ["?"])[-1], cutoff.isoformat(timespec="seconds"),
            )  # fmt: skip
    return reclaimed


class ResilientWorker(Worker):
    def run(self) -> None:
        stopped = threading.Event()
        heart = threading.Thread(target=self._beat, args=(stopped,), name="heartbeat", daemon=True)
        heart.start()
        try:
            self._run_through_database_errors()
        finally:
            stopped.set()
            heart.join(timeout=5)

    def _run_through_database_errors(self) -> None:
        pause, last_failure = FIRST_PAUSE_SECONDS, None
        while True:
            try:
                return super().run()
            except DatabaseError as error:
                if not self.running:  # asked to stop meanwhile
                    return None
                now = time.monotonic()
                if last_failure is None or now - last_failure > 2 * LONGEST_PAUSE_SECONDS:
                    # A new outage (the last failure was long ago): start with a short pause.
                    pause = FIRST_PAUSE_SECONDS
                    logger.error(
                        "Worker %s: database error (%s); retrying until it answers", self.worker_id, error
                    )
                last_failure = now
                # A broken connection must not be reused: the next attempt opens a new one.
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE_SECONDS)

    def _beat(self, stopped: threading.Event) -> None:
        """The heartbeat thread: says this worker lives, gives abandoned tasks back and enqueues
        the periodic jobs that are due (core.schedule)."""
        started_at = timezone.now()
        while not stopped.is_set():
            try:
                WorkerHeartbeat.objects.update_or_create(
                    worker_id=self.worker_id,
                    defaults={"seen_at": timezone.now()},
                    create_defaults={
                        "host": socket.gethostname()[:255],
                        "pid": os.getpid(),
                        "started_at": started_at,
                        "seen_at": timezone.now(),
                    },
                )
                reclaim_abandoned_tasks()
                enqueue_due_jobs()
            except DatabaseError:
                connections["default"].close()  # the main loop reports the outage
            except Exception:  # a broken job must not stop the heartbeat: the worker would look dead
                logger.exception("Worker %s: the periodic jobs failed", self.worker_id)
            stopped.wait(settings.WORKER_HEARTBEAT_SECONDS)
        try:  # a worker that stops cleanly is not waited for
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            pass
        finally:
            connections["default"].close()


@dataclass(frozen=True)
class WorkerHealth:
    """What /healthz and `manage.py check_worker` say of the background workers."""

    heartbeat_age: float | None  # seconds since the freshest worker's heartbeat; None: none ever
    oldest_waiting: float | None  # seconds the oldest task due to run has waited; None: none waits

    @property
    def alive(self) -> bool:
        return self.heartbeat_age is not None and self.heartbeat_age <= settings.WORKER_STALE_SECONDS

    def as_dict(self) -> dict:
        return {
            "worker": "ok" if self.alive else "stale" if self.heartbeat_age is not None else "none",
            "worker_heartbeat_age_seconds": _rounded(self.heartbeat_age),
            "oldest_waiting_task_seconds": _rounded(self.oldest_waiting),
        }


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)


def worker_health() -> WorkerHealth:
    now = timezone.now()
    last_beat = WorkerHeartbeat.objects.aggregate(latest=Max("seen_at"))["latest"]
    # A task is due from when it was enqueued, or from its run_after when it was delayed (a retry).
    due = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    oldest = DBTaskResult.objects.ready().annotate(due=due).aggregate(oldest=Min("due"))["oldest"]
    return WorkerHealth(
        heartbeat_age=(now - last_beat).total_seconds() if last_beat else None,
        oldest_waiting=max(0.0, (now - oldest).total_seconds()) if oldest else None,
    )
