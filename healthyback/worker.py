"""The background worker: django-tasks-db's, made to outlive its database.

django-tasks-db's worker re-raises any database error but "database is locked" out of its loop,
so a PostgreSQL restart ended it for good while the web server went on queueing emails. Here a
database error pauses the worker (1 s, doubling up to 30 s) and its loop starts again, so it
carries on by itself within seconds of the database's return; nothing else in the loop changes.
"""

import logging
import time

from django.db import DatabaseError, connections
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)

FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 30.0


class ResilientWorker(Worker):
    def run(self) -> None:
        pause, last_failure = FIRST_PAUSE_SECONDS, None
        while True:
            try:
                return super().run()
            except DatabaseError as error:
                if not self.running:  # asked to stop meanwhile
                    return None
                now = time.monotonic()
                if last_failure is None or now - last_failure > 2 * LONGEST_PAUSE_SECONDS:
                    # A new outage (the last failure was long ago): start with a short pause.
                    pause = FIRST_PAUSE_SECONDS
                    logger.error(
                        "Worker %s: database error (%s); retrying until it answers", self.worker_id, error
                    )
                last_failure = now
                # A broken connection must not be reused: the next attempt opens a new one.
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE_SECONDS)
