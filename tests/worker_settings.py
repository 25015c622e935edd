"""Settings for worker processes started by the schedule's tests: a periodic job of their own,
frequent enough to count in seconds."""

from healthyback.settings import *  # noqa: F403

PERIODIC_JOBS = {"tick": {"task": "tests.tasks.tick", "every": 1}}
