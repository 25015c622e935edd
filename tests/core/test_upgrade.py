"""An existing site upgrades to the core app with `migrate` and loses nothing: from the schema
before the move (healthyback 0003 held the worker's models, no core app) with periodic jobs, a
worker's heartbeat, a permission given to a group and queued emails and renditions in it, to the
latest, on whichever database the tests run on."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import ScheduledJob, WorkerHeartbeat
from tests.factories import make_user
from tests.migrations import give_permissions_as_migrate_did, migrate_to, site_at

BEFORE_THE_MOVE = [("healthyback", "0003_scheduled_job"), ("core", None)]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_before_the_move():
    with site_at(BEFORE_THE_MOVE) as apps:
        yield apps


def test_an_existing_site_keeps_its_jobs_heartbeats_permissions_and_queued_tasks(site_before_the_move):
    apps = site_before_the_move
    assert not apps.is_installed("core")
    give_permissions_as_migrate_did(apps)
    OldGroup, OldPermission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    may_view_jobs = OldPermission.objects.get(
        content_type__app_label="healthyback", codename="view_scheduledjob"
    )
    operators, _ = OldGroup.objects.get_or_create(name="Operators")
    operators.permissions.add(may_view_jobs)
    now = timezone.now()
    job = apps.get_model("healthyback", "ScheduledJob").objects.create(
        name="purge comment data",
        schedule="daily at 03:15",
        next_run_at=now,
        last_run_at=now,
        last_task_id="t-1",
    )
    apps.get_model("healthyback", "WorkerHeartbeat").objects.create(
        worker_id="w-1", host="web-1", pid=4242, started_at=now, seen_at=now
    )
    queued = apps.get_model("django_tasks_database", "DBTaskResult").objects
    email = queued.create(
        task_path="healthyback.tasks.deliver_email", args_kwargs={"args": [{}], "kwargs": {}},
        backend_name="default", run_after=now,
    )  # fmt: skip
    renditions = queued.create(
        task_path="healthyback.tasks.make_renditions", args_kwargs={"args": [], "kwargs": {}},
        backend_name="default", run_after=now,
    )  # fmt: skip

    call_command("migrate", verbosity=0)  # the upgrade, as a site runs it (post_migrate included)
    ContentType.objects.clear_cache()

    upgraded = ScheduledJob.objects.get()
    assert (upgraded.pk, upgraded.name, upgraded.last_task_id) == (job.pk, "purge comment data", "t-1")
    assert WorkerHeartbeat.objects.filter(worker_id="w-1", host="web-1", pid=4242).exists()
    # The same content type and permission rows, renamed: nothing was made again beside them.
    assert ContentType.objects.get_for_model(ScheduledJob).app_label == "core"
    assert not ContentType.objects.filter(
        app_label="healthyback", model__in=["scheduledjob", "workerheartbeat"]
    )
    assert list(Permission.objects.filter(codename="view_scheduledjob").values_list("pk", flat=True)) == [
        may_view_jobs.pk
    ]
    operator = make_user("olga", staff=True)
    operator.groups.add(Group.objects.get(name="Operators"))
    assert operator.has_perm("core.view_scheduledjob")
    # Emails and renditions queued before the upgrade run the moved tasks.
    assert DBTaskResult.objects.get(pk=email.pk).task_path == "core.tasks.deliver_email"
    assert DBTaskResult.objects.get(pk=renditions.pk).task_path == "core.tasks.make_renditions"


def test_the_move_can_be_undone(site_before_the_move):
    give_permissions_as_migrate_did(site_before_the_move)
    call_command("migrate", verbosity=0)
    apps = migrate_to(BEFORE_THE_MOVE)

    ContentType.objects.clear_cache()
    assert ContentType.objects.filter(app_label="healthyback", model="scheduledjob").exists()
    assert not ContentType.objects.filter(app_label="core").exists()
    apps.get_model("healthyback", "ScheduledJob").objects.create(
        name="a job", schedule="every 60 s", next_run_at=timezone.now()
    )
