"""The background worker: a task enqueued by the app is run by a real `db_worker` process."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from tests.tasks import add, slow_the_first_time

PROJECT = Path(__file__).resolve().parent.parent
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def database_url_of_the_test_database() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(
    *, database_url: str | None = None, interval: float = 0.2, output=subprocess.PIPE, **environment
):
    """A real `db_worker` process on the test database (or `database_url`), its settings'
    environment variables given as keywords (WORKER_STALE_SECONDS="2", say)."""
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            str(interval),
        ],
        cwd=PROJECT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "healthyback.settings",
            "DATABASE_URL": database_url or database_url_of_the_test_database(),
            **environment,
        },
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
    )


def fast_beating_worker():
    return start_worker(WORKER_HEARTBEAT_SECONDS="0.3", WORKER_STALE_SECONDS="2")


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


class CuttableRelay:
    """A TCP relay to PostgreSQL that can be cut and restored: the outage the worker meets is a
    real one (refused connections, connections dropped mid-query), only this test's own process
    keeps its direct connection."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        probe = socket.create_server(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.server = None
        self.open_sockets = []

    def restore(self):
        self.server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def cut(self):
        for sock in [self.server, *self.open_sockets]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.open_sockets.clear()

    def _accept(self, server):
        while True:
            try:
                client, _ = server.accept()
                upstream = socket.create_connection(self.target)
            except OSError:
                return
            self.open_sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def wait_until_done(result, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        current = add.get_result(result.id)
        if current.status == TaskResultStatus.SUCCESSFUL:
            return current
        time.sleep(0.2)
    raise AssertionError(f"task {result.id} still {current.status} after {seconds} s")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an outage of a database server")
@pytest.mark.django_db(transaction=True)
def test_the_worker_rides_out_a_database_outage_and_carries_on(settings):
    settings.TASKS = DATABASE_BACKEND
    db = connection.settings_dict
    relay = CuttableRelay(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    relay.restore()
    url = database_url_of_the_test_database().replace(f":{db['PORT'] or 5432}/", f":{relay.port}/")
    worker = start_worker(database_url=url)
    try:
        assert wait_until_done(add.enqueue(1, 2), 60).return_value == 3

        relay.cut()  # PostgreSQL is gone for the worker: its connection drops, new ones are refused
        waiting = add.enqueue(3, 4)
        time.sleep(4)
        assert worker.poll() is None, worker.stdout.read()
        assert add.get_result(waiting.id).status == TaskResultStatus.READY

        relay.restore()
        assert wait_until_done(waiting, 45).return_value == 7
        assert worker.poll() is None
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
        relay.cut()
    assert "database error" in output


def wait_for_status(result, status, seconds: float):
    deadline = time.monotonic() + seconds
    while (current := slow_the_first_time.get_result(result.id)).status != status:
        assert time.monotonic() < deadline, f"task {result.id} still {current.status} after {seconds} s"
        time.sleep(0.1)
    return current


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_was_killed_runs_again_on_another(settings):
    settings.TASKS = DATABASE_BACKEND
    result = slow_the_first_time.enqueue(20, 22, 60)
    first = fast_beating_worker()
    try:
        wait_for_status(result, TaskResultStatus.RUNNING, 60)
        first.kill()  # kill -9, in the middle of the task
        first.communicate(timeout=10)
        time.sleep(1)
        assert slow_the_first_time.get_result(result.id).status == TaskResultStatus.RUNNING  # abandoned

        second = fast_beating_worker()
        try:
            done = wait_for_status(result, TaskResultStatus.SUCCESSFUL, 30)
        finally:
            second.terminate()
            output = second.communicate(timeout=30)[0]
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate(timeout=10)
    assert done.return_value == 42
    assert len(done.worker_ids) == 2  # run again by the second worker
    assert "left running by worker" in output


@pytest.mark.django_db(transaction=True)
def test_a_long_task_of_a_live_worker_is_left_alone(settings):
    settings.TASKS = DATABASE_BACKEND
    result = slow_the_first_time.enqueue(1, 1, 4)
    worker, other = fast_beating_worker(), fast_beating_worker()
    try:
        done = wait_for_status(result, TaskResultStatus.SUCCESSFUL, 60)
    finally:
        for process in (worker, other):
            process.terminate()
            process.communicate(timeout=30)
    # Twice as long as a silent worker may be, yet still beating: never given to the other.
    assert len(done.worker_ids) == 1
    assert WorkerHeartbeat.objects.count() == 0  # both stopped cleanly and said so


@pytest.mark.django_db
def test_healthz_and_check_worker_say_when_the_worker_is_dead_or_stuck(client, settings):
    from datetime import timedelta

    from django.core.management import CommandError, call_command
    from django.utils import timezone

    settings.TASKS = DATABASE_BACKEND
    with pytest.raises(CommandError, match="never seen"):
        call_command("check_worker")

    now = timezone.now()
    beat = WorkerHeartbeat.objects.create(worker_id="w1", host="h", pid=1, started_at=now, seen_at=now)
    call_command("check_worker")  # alive, nothing waiting
    body = client.get("/healthz").json()
    assert (body["worker"], body["oldest_waiting_task_seconds"]) == ("ok", None)

    waiting = add.enqueue(1, 2)
    DBTaskResult.objects.filter(pk=waiting.id).update(enqueued_at=now - timedelta(minutes=10))
    with pytest.raises(CommandError, match="has waited 6"):
        call_command("check_worker")
    assert client.get("/healthz").json()["oldest_waiting_task_seconds"] >= 600

    beat.seen_at = now - timedelta(seconds=settings.WORKER_STALE_SECONDS + 5)
    beat.save()
    response = client.get("/healthz")
    assert response.status_code == 200  # the web server itself is fine: never a 503 for this
    assert response.json()["worker"] == "stale"
    with pytest.raises(CommandError, match="last seen 6"):
        call_command("check_worker")
