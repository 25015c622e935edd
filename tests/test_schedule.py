"""Periodic jobs run by the worker itself (no cron): schedules, once per period whatever the number
of workers, shown and triggered in the admin."""

import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import ScheduledJob
from core.schedule import PeriodicJob, enqueue_due_jobs
from tests.factories import make_user
from tests.test_worker import DATABASE_BACKEND, start_worker

TICK = {"task": "tests.tasks.tick", "every": 60}
NIGHTLY = {"task": "tests.tasks.tick", "daily_at": "03:15"}


@pytest.fixture
def jobs(settings):
    settings.TIME_ZONE = "America/New_York"
    settings.PERIODIC_JOBS = {"tick": TICK, "nightly": NIGHTLY}
    return settings.PERIODIC_JOBS


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2026, 12, 3, 12, 0), utc(2026, 12, 4, 8, 15)),  # winter: 03:15 EST is 08:15 UTC
        (utc(2026, 12, 3, 7, 0), utc(2026, 12, 3, 8, 15)),  # still to come today
        (utc(2026, 3, 7, 17, 0), utc(2026, 3, 8, 7, 15)),  # the night summer time begins: 03:15 EDT
        (utc(2026, 10, 31, 16, 0), utc(2026, 11, 1, 8, 15)),  # the night it ends: 03:15 EST
    ],
)
def test_a_daily_job_keeps_its_wall_clock_time_in_the_site_time_zone(jobs, now, expected):
    assert PeriodicJob.from_setting("nightly", NIGHTLY).next_due(now) == expected


def test_schedules_read_as_words(jobs):
    assert PeriodicJob.from_setting("a", {"task": "x", "every": 60}).schedule == "every minute"
    assert PeriodicJob.from_setting("a", {"task": "x", "every": 3600}).schedule == "every hour"
    assert PeriodicJob.from_setting("a", {"task": "x", "every": 90}).schedule == "every 90 seconds"
    assert PeriodicJob.from_setting("a", NIGHTLY).schedule == "daily at 03:15 (America/New_York)"


@pytest.mark.django_db
def test_a_job_is_enqueued_once_per_period_and_missed_periods_run_once(jobs):
    start = utc(2026, 12, 3, 12, 0)
    with time_machine.travel(start, tick=False):
        assert enqueue_due_jobs() == ["tick"]  # a repeating job runs at once; the nightly waits
        assert enqueue_due_jobs() == []  # a second worker's beat, the same moment
        nightly = ScheduledJob.objects.get(name="nightly")
        assert nightly.next_run_at == utc(2026, 12, 4, 8, 15)
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        assert enqueue_due_jobs() == []
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        assert enqueue_due_jobs() == ["tick"]
    # No worker for three days: each job runs once on the first beat, not once per missed period.
    with time_machine.travel(start + timedelta(days=3), tick=False):
        assert sorted(enqueue_due_jobs()) == ["nightly", "tick"]
        assert enqueue_due_jobs() == []
    tick = ScheduledJob.objects.get(name="tick")
    assert tick.last_run_at == start + timedelta(days=3)
    assert DBTaskResult.objects.count() == 0  # (tests run tasks inline)
    assert tick.last_task_id


@pytest.mark.django_db
def test_a_changed_schedule_takes_effect_at_once(jobs, settings):
    with time_machine.travel(utc(2026, 12, 3, 12, 0), tick=False):
        enqueue_due_jobs()
        settings.PERIODIC_JOBS = {"nightly": {**NIGHTLY, "daily_at": "13:00"}}  # 13:00 EST = 18:00 UTC
        enqueue_due_jobs()
    row = ScheduledJob.objects.get(name="nightly")
    assert row.schedule == "daily at 13:00 (America/New_York)"
    assert row.next_run_at == utc(2026, 12, 3, 18, 0)


@pytest.mark.parametrize(
    "config",
    [
        {"task": "tests.tasks.tick"},
        {"task": "tests.tasks.tick", "every": 60, "daily_at": "03:00"},
        {"task": "tests.tasks.tick", "daily_at": "25:00"},
        {"task": "tests.tasks.no_such_task", "every": 60},
        {"task": "tests.settings.PASSWORD_HASHERS", "every": 60},
        {"every": 60},
    ],
)
def test_a_mistyped_job_fails_the_system_checks(settings, config):
    settings.PERIODIC_JOBS = {"broken": config}
    assert [error.id for error in run_checks() if error.id.startswith("core.E")] == ["core.E001"]


def test_the_project_jobs_pass_the_checks():
    assert not [error for error in run_checks() if error.id == "core.E001"]


@pytest.mark.django_db
def test_the_admin_lists_the_jobs_and_a_superuser_can_run_one_now(admin_client, jobs, settings):
    settings.TASKS = DATABASE_BACKEND  # the task waits in the queue, as for a real worker
    with time_machine.travel(utc(2026, 12, 3, 12, 0), tick=False):
        enqueue_due_jobs()
    url = reverse("admin:core_scheduledjob_changelist")
    page = admin_client.get(url).content.decode()
    assert "daily at 03:15 (America/New_York)" in page
    assert "every minute" in page
    assert ">Ready</a>" in page  # the tick's last run, linked to its task result

    nightly = ScheduledJob.objects.get(name="nightly")
    admin_client.post(url, {"action": "run_now", "_selected_action": [nightly.pk]})
    nightly.refresh_from_db()
    assert nightly.next_run_at <= timezone.now()
    assert "nightly" in enqueue_due_jobs()


@pytest.mark.django_db
def test_staff_who_may_only_look_cannot_run_jobs(client, jobs):
    from django.contrib.auth.models import Permission

    viewer = make_user("viewer", staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_scheduledjob"))
    client.force_login(viewer)
    page = client.get(reverse("admin:core_scheduledjob_changelist"))
    assert page.status_code == 200
    assert "run_now" not in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_real_workers_run_a_job_once_per_period_not_once_each(settings):
    settings.TASKS = DATABASE_BACKEND
    fast = {"DJANGO_SETTINGS_MODULE": "tests.worker_settings", "WORKER_HEARTBEAT_SECONDS": "0.2"}
    workers = [start_worker(**fast), start_worker(**fast)]
    try:
        time.sleep(6)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.communicate(timeout=30)
    ticks = DBTaskResult.objects.filter(task_path="tests.tasks.tick")
    # Every second for about 6 s: one worker alone makes about 6; two racing without the shared
    # schedule would make about twice that.
    assert 3 <= ticks.count() <= 8
    # and the workers ran them (the last may have been enqueued just before they stopped).
    assert ticks.filter(status=TaskResultStatus.SUCCESSFUL).count() >= ticks.count() - 1
