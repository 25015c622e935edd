from django.db import models
from django.urls import reverse

from healthyback.richtext import sanitize_html


class Page(models.Model):
    """A site page (about, privacy, medical disclaimer, ...) at /pages/<slug>/, edited by staff."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, help_text="The last part of the page's address.")
    summary = models.CharField(
        max_length=200, help_text="One sentence for search engines and link previews (the meta description)."
    )
    body = models.TextField()
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the footer; lower comes first."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})


class WorkerHeartbeat(models.Model):
    """A running background worker (`db_worker`), which writes `seen_at` every few seconds, even
    in the middle of a long task. A task left running by a worker not seen for a while is given to
    another (healthyback.worker)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} on {self.host} (pid {self.pid})"


class ScheduledJob(models.Model):
    """When a periodic job (settings.PERIODIC_JOBS) is next due, and when it last ran. Workers
    enqueue due jobs themselves (healthyback.schedule); rows appear on a worker's first beat."""

    name = models.CharField(max_length=100, unique=True)
    schedule = models.CharField(max_length=100)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "periodic job"

    def __str__(self):
        return self.name
