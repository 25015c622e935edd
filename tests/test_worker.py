"""The background worker: a task enqueued by the app is run by a real `db_worker` process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import TaskResultStatus

from tests.tasks import add

PROJECT = Path(__file__).resolve().parent.parent
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def database_url_of_the_test_database() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_process_runs_an_enqueued_task(settings):
    settings.TASKS = DATABASE_BACKEND
    result = add.enqueue(2, 3)
    assert result.status == TaskResultStatus.READY

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=PROJECT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "healthyback.settings",
            "DATABASE_URL": database_url_of_the_test_database(),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert worker.returncode == 0, worker.stderr
    finished = add.get_result(result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == 5


@pytest.mark.django_db
def test_tests_run_tasks_inline():
    result = add.enqueue(20, 22)

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 42
