"""SQLite set-up that lets the web server and the worker write at the same time."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections, transaction

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite-specific: PostgreSQL has row locks and MVCC"
)


@sqlite_only
@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_wait_instead_of_failing_with_database_is_locked():
    errors: list[Exception] = []

    def writer(name: str):
        try:
            for number in range(40):
                with transaction.atomic():
                    # Read then write in one transaction: the pattern that deadlocks SQLite's
                    # deferred transactions ("database is locked") when two connections do it.
                    Group.objects.filter(name__startswith=name).count()
                    Group.objects.create(name=f"{name}-{number}")
        except Exception as error:  # the assertion below reports it
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(f"writer{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert Group.objects.filter(name__startswith="writer").count() == 160
