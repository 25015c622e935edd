"""What an import leaves behind: the WordPress origin of each imported object, and the exports
uploaded in the admin. Both tables were made by the articles app (migration 0008) and keep their
names, so moving the models here moved no data."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone


class WordPressOrigin(models.Model):
    """What an imported object was in WordPress, so importing the same export again updates or
    skips it instead of making a second copy.

    `object_id` is the primary key of the Category, Author, Article, Comment or LibraryImage made
    from it. The two fingerprints tell apart "changed in WordPress since" (`source_hash`) from
    "edited here since" (`imported_hash`, the imported fields as we left them): an import never
    overwrites work done here.
    """

    class Kind(models.TextChoices):
        CATEGORY = "category", "Category"
        AUTHOR = "author", "Author"
        POST = "post", "Post"
        COMMENT = "comment", "Comment"
        ATTACHMENT = "attachment", "Image"

    site = models.CharField(max_length=200, help_text="The WordPress site's address, from the export.")
    kind = models.CharField(max_length=20, choices=Kind)
    wordpress_id = models.PositiveBigIntegerField("WordPress id")
    object_id = models.PositiveBigIntegerField()
    source_hash = models.CharField(max_length=64)
    imported_hash = models.CharField(max_length=64)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "articles_wordpressorigin"  # made by the articles app, kept as it was
        verbose_name = "WordPress origin"
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "wordpress_id"], name="wordpress_origin_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.wordpress_id} from {self.site}"


class WordPressImportStorage(FileSystemStorage):
    """Uploaded exports, in WORDPRESS_IMPORT_ROOT: they hold commenters' emails and IP addresses, so
    they live outside MEDIA_ROOT and are never served. The folder is read from the settings at each
    use (as MEDIA_ROOT is), not fixed when the models load."""

    @property
    def base_location(self):
        return settings.WORDPRESS_IMPORT_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Uploaded WordPress exports are never served.")


def wordpress_import_storage():
    return WordPressImportStorage()


class WordPressImport(models.Model):
    """An export uploaded in the admin and imported by the background worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    export_file = models.FileField(
        "WordPress export",
        storage=wordpress_import_storage,
        upload_to="exports/",
        blank=True,
        help_text="The .xml file from WordPress's Tools → Export → All content.",
    )
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    dry_run = models.BooleanField(
        "trial run",
        default=False,
        help_text="Read the whole export and report what would change, without saving anything.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED, editable=False)
    items_done = models.PositiveIntegerField(default=0, editable=False)
    items_total = models.PositiveIntegerField(default=0, editable=False)
    report = models.JSONField(default=dict, blank=True, editable=False)
    error = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "articles_wordpressimport"  # made by the articles app, kept as it was
        verbose_name = "WordPress import"
        ordering = ["-created_at"]
        permissions = [("import_wordpress", "Can import WordPress exports")]

    def __str__(self):
        return self.original_name or f"Import {self.pk}"
