"""The rows the background workers keep. They were made by the healthyback app before the shared
library became an app of its own, and keep their tables' names (core's migration 0001)."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running background worker (`db_worker`), which writes `seen_at` every few seconds, even
    in the middle of a long task. A task left running by a worker not seen for a while is given to
    another (core.worker)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "healthyback_workerheartbeat"

    def __str__(self):
        return f"{self.worker_id} on {self.host} (pid {self.pid})"


class ScheduledJob(models.Model):
    """When a periodic job (settings.PERIODIC_JOBS) is next due, and when it last ran. Workers
    enqueue due jobs themselves (core.schedule); rows appear on a worker's first beat."""

    name = models.CharField(max_length=100, unique=True)
    schedule = models.CharField(max_length=100)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        db_table = "healthyback_scheduledjob"
        ordering = ["name"]
        verbose_name = "periodic job"

    def __str__(self):
        return self.name
