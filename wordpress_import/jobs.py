"""Importing an export uploaded in the admin: the background worker runs it, the admin follows it.

The progress goes through a small JSON file, not the database. `import_wxr` imports everything in
one transaction, so anything the worker wrote to the WordPressImport row during the import would
stay invisible to the web process until the very end (and on SQLite the write would wait for the
import's own lock). The file sits in WORDPRESS_IMPORT_ROOT next to the uploaded export, a folder the
web process and the worker share already, since the worker reads the export from it. Only the
start (status "running") and the end (status, report, counts) are written to the row.
"""

import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from wordpress_import.importer import import_wxr
from wordpress_import.models import WordPressImport
from wordpress_import.wxr import WXRError

logger = logging.getLogger(__name__)

Status = WordPressImport.Status
FINISHED = (Status.DONE, Status.FAILED)
WRITE_INTERVAL = 0.25  # seconds: at most four progress writes a second, however often we are called
# The importer reports every item (and every 16 kB while checking): this long without a word means
# the worker was stopped. The transaction died with it, so nothing of the import was saved.
STALLED_AFTER = timedelta(minutes=10)
UNEXPECTED = (
    "The import stopped on an unexpected error ({name}). Nothing was imported. "
    "Whoever looks after the site can find the details in the background worker's log."
)
NOT_SHARED = (
    "The worker cannot find the uploaded export. The web server and the background worker must share "
    "the folder WORDPRESS_IMPORT_ROOT. Nothing was imported."
)


def enqueue_import(wp_import: WordPressImport) -> None:
    """Have the worker run the import once the upload's row is committed (it reads the row)."""
    from wordpress_import.tasks import run_wordpress_import

    transaction.on_commit(lambda: run_wordpress_import.enqueue(wp_import.pk))


def run_import(import_id: int) -> str:
    """Import a queued upload: mark it running, import, store the report or the error, and delete
    the uploaded export whatever happened, since it holds commenters' emails and IP addresses."""
    # Claimed by one UPDATE: a task that runs twice (enqueued twice, or retried) imports once.
    claimed = WordPressImport.objects.filter(pk=import_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "not queued"
    wp_import = WordPressImport.objects.get(pk=import_id)
    progress = ProgressFile(progress_path(import_id))
    try:
        outcome = _import(wp_import, progress)
    except Exception as error:
        logger.exception("WordPress import %s failed", import_id)
        _finish(wp_import, progress, status=Status.FAILED, error=UNEXPECTED.format(name=type(error).__name__))
        raise  # the task's result keeps the traceback too
    _finish(wp_import, progress, **outcome)
    return outcome["status"]


def _import(wp_import: WordPressImport, progress: "ProgressFile") -> dict:
    export = wp_import.export_file
    if not export or not export.storage.exists(export.name):
        return {"status": Status.FAILED, "error": NOT_SHARED}
    try:
        # No media folder here: the admin upload has no copy of wp-content/uploads, so the report
        # lists the images as missing; the `import_wordpress` command imports them.
        report = import_wxr(export.path, dry_run=wp_import.dry_run, progress=progress)
    except WXRError as error:
        return {"status": Status.FAILED, "error": str(error)}
    return {"status": Status.DONE, "report": report.as_dict()}


def _finish(wp_import: WordPressImport, progress: "ProgressFile", *, status, error="", report=None) -> None:
    # The row first, then the progress file: a poll that finds no file then finds the row finished.
    # An UPDATE, not save(): a record deleted meanwhile is not brought back.
    WordPressImport.objects.filter(pk=wp_import.pk).update(
        status=status,
        error=error,
        report=report or {},
        items_done=progress.items_done,
        items_total=progress.items_total,
        finished_at=timezone.now(),
        export_file="",
    )
    progress.remove()
    try:
        wp_import.export_file.delete(save=False)
    except OSError:
        # The import itself is over and recorded; this needs someone to delete the file by hand.
        logger.exception("Could not delete the WordPress export %s", wp_import.export_file.name)


def progress_path(import_id: int) -> Path:
    storage = WordPressImport._meta.get_field("export_file").storage
    return Path(storage.path(f"progress/{import_id}.json"))


class ProgressFile:
    """The `progress` callback for `import_wxr`: writes where the import is to a JSON file.

    Each write goes to a temporary file renamed over the old one, so a reader never sees half a
    file. Writing is best effort: a full disk must not stop the import.
    """

    def __init__(self, path: Path):
        self.path = path
        self.phase = None
        self.items_done = self.items_total = 0
        self.written_at = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase == "importing":
            self.items_done, self.items_total = done, total
        now = time.monotonic()
        if phase == self.phase and done < total and now - self.written_at < WRITE_INTERVAL:
            return
        self.phase, self.written_at = phase, now
        self.write({"phase": phase, "done": done, "total": total})

    def write(self, data: dict) -> None:
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".progress-", suffix=".tmp")
            with os.fdopen(handle, "w") as file:
                json.dump(data, file)
            os.chmod(temporary, 0o644)  # the web process may run as another user: no personal data here
            os.replace(temporary, self.path)
        except OSError:
            logger.warning("Could not write the import's progress to %s", self.path, exc_info=True)
            if temporary:
                Path(temporary).unlink(missing_ok=True)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def read_progress_file(import_id: int) -> dict | None:
    try:
        data = json.loads(progress_path(import_id).read_text())
    except (OSError, ValueError):
        return None  # not written yet, or already removed because the import finished
    return data if isinstance(data, dict) else None


@dataclass
class Progress:
    """Where an import is, for its page and the page's polling."""

    status: str
    status_label: str
    phase: str = ""
    done: int = 0
    total: int = 0
    stalled: bool = False

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int | None:
        if self.status == Status.QUEUED or (self.status == Status.RUNNING and not self.phase):
            return None  # an indeterminate bar: nothing is known yet
        if not self.total:
            return 100 if self.finished else 0
        return min(100, self.done * 100 // self.total)

    @property
    def step(self) -> str:
        if self.status == Status.QUEUED:
            return "Waiting for the background worker to start the import."
        if self.status != Status.RUNNING:
            return ""
        if self.stalled:
            return (
                "No progress for over ten minutes: the background worker was probably stopped. An import "
                "is all or nothing, so nothing of this one was saved. Delete this record and upload the "
                "export again."
            )
        if self.phase == "checking":
            return "Step 1 of 2: checking that the whole file can be read."
        if self.phase == "importing":
            return "Step 2 of 2: importing."
        return "Starting."

    @property
    def text(self) -> str:
        if self.phase == "checking":
            return f"{filesizeformat(self.done)} of {filesizeformat(self.total)} read"
        if self.status == Status.QUEUED or self.percent is None:
            return "Not started"
        return f"{self.done:,} of {self.total:,} items"

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "status_label": self.status_label,
            "phase": self.phase,
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "step": self.step,
            "text": self.text,
            "finished": self.finished,
            "stalled": self.stalled,
        }


def progress_of(import_id: int) -> Progress | None:
    """The import's progress: from the progress file while it runs, from its row otherwise."""
    # The file before the row: the worker writes the row, then removes the file (see _finish).
    data = read_progress_file(import_id)
    wp_import = WordPressImport.objects.filter(pk=import_id).first()
    if wp_import is None:
        return None
    progress = Progress(wp_import.status, wp_import.get_status_display())
    if wp_import.status == Status.RUNNING and data:
        progress.phase = str(data.get("phase", ""))
        progress.done, progress.total = _count(data.get("done")), _count(data.get("total"))
    elif wp_import.status == Status.DONE:
        progress.phase = "importing"
        progress.done, progress.total = wp_import.items_done, wp_import.items_total
    progress.stalled = is_stalled(wp_import)
    return progress


def _count(value) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


def is_stalled(wp_import: WordPressImport) -> bool:
    """Running, but silent for longer than STALLED_AFTER: its worker is gone."""
    if wp_import.status != Status.RUNNING:
        return False
    try:
        last_word = datetime.fromtimestamp(progress_path(wp_import.pk).stat().st_mtime, tz=UTC)
    except OSError:
        last_word = wp_import.started_at
    return last_word is not None and timezone.now() - last_word > STALLED_AFTER
