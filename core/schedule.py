"""Periodic jobs, run by the background worker itself: no cron to install.

settings.PERIODIC_JOBS names each job's task and its schedule, either `"every": seconds` or
`"daily_at": "HH:MM"` in TIME_ZONE. Every worker's heartbeat thread (core.worker) calls
`enqueue_due_jobs()`; a job's row in ScheduledJob holds when it is next due, and moving that time on
is one conditional UPDATE, so with several workers each job is enqueued once per period, not once
per worker. A job missed while no worker ran (a machine down overnight) runs once when one is back,
not once for each missed period.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.checks import Error, register
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from core.models import ScheduledJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task_path: str
    every: timedelta | None = None
    daily_at: time | None = None

    @classmethod
    def from_setting(cls, name: str, config: dict) -> "PeriodicJob":
        every, daily_at = config.get("every"), config.get("daily_at")
        if (every is None) == (daily_at is None):
            raise ValueError(
                f"PERIODIC_JOBS[{name!r}] needs either 'every' (seconds) or 'daily_at' ('HH:MM')"
            )
        return cls(
            name=name,
            task_path=config["task"],
            every=timedelta(seconds=every) if every is not None else None,
            daily_at=time.fromisoformat(daily_at) if daily_at is not None else None,
        )

    @property
    def schedule(self) -> str:
        """The schedule in words, shown in the admin (and compared to notice a changed setting)."""
        if self.daily_at is not None:
            return f"daily at {self.daily_at:%H:%M} ({settings.TIME_ZONE})"
        seconds = int(self.every.total_seconds())
        if seconds % 3600 == 0:
            return "every hour" if seconds == 3600 else f"every {seconds // 3600} hours"
        if seconds % 60 == 0:
            return "every minute" if seconds == 60 else f"every {seconds // 60} minutes"
        return f"every {seconds} seconds"

    def first_due(self, now: datetime) -> datetime:
        """A job seen for the first time: one that repeats runs at once, a daily one at its hour."""
        return now if self.every is not None else self.next_due(now)

    def next_due(self, now: datetime) -> datetime:
        if self.every is not None:
            return now + self.every
        # Wall-clock time in TIME_ZONE, so that 03:15 stays 03:15 when summer time begins or ends.
        zone = timezone.get_default_timezone()
        today = timezone.localtime(now, zone).date()
        moment = datetime.combine(today, self.daily_at, tzinfo=zone)
        return (
            moment
            if moment > now
            else datetime.combine(today + timedelta(days=1), self.daily_at, tzinfo=zone)
        )


def periodic_jobs() -> list[PeriodicJob]:
    return [PeriodicJob.from_setting(name, config) for name, config in settings.PERIODIC_JOBS.items()]


def enqueue_due_jobs(now: datetime | None = None) -> list[str]:
    """Enqueue every job that is due; return their names."""
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        row, _ = ScheduledJob.objects.get_or_create(
            name=job.name, defaults={"schedule": job.schedule, "next_run_at": job.first_due(now)}
        )
        if row.schedule != job.schedule:  # the setting changed since the row was written
            ScheduledJob.objects.filter(pk=row.pk, schedule=row.schedule).update(
                schedule=job.schedule, next_run_at=job.first_due(now)
            )
            continue
        if row.next_run_at > now:
            continue
        with transaction.atomic():
            # Only one worker moves the time on from what it read; the others find nothing to update.
            taken = ScheduledJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
                next_run_at=job.next_due(now), last_run_at=now
            )
            if taken:
                result = import_string(job.task_path).enqueue()
                ScheduledJob.objects.filter(pk=row.pk).update(last_task_id=str(result.id))
                enqueued.append(job.name)
                logger.info("Periodic job %s enqueued (task %s)", job.name, result.id)
    return enqueued


def run_now(names: list[str]) -> int:
    """Make jobs due at once: the next heartbeat of any worker enqueues them."""
    return ScheduledJob.objects.filter(name__in=names).update(next_run_at=timezone.now())


@register()
def periodic_jobs_are_valid(app_configs, **kwargs):
    """A mistyped schedule or task path fails `manage.py check` (and every start), not a 3 a.m. job."""
    errors = []
    for name, config in settings.PERIODIC_JOBS.items():
        try:
            job = PeriodicJob.from_setting(name, config)
            if not hasattr(import_string(job.task_path), "enqueue"):
                raise TypeError(f"{job.task_path} is not a task")
        except (ImportError, KeyError, TypeError, ValueError) as error:
            errors.append(Error(f"PERIODIC_JOBS[{name!r}] is invalid: {error}", id="core.E001"))
    return errors
