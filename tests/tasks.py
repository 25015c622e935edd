"""Tasks used only by the tests of the worker itself."""

import time

from django_tasks import task


@task()
def add(a: int, b: int) -> int:
    return a + b


@task(takes_context=True)
def slow_the_first_time(context, a: int, b: int, seconds: float) -> int:
    """Long enough, on its first attempt, for a test to kill the worker running it."""
    if context.attempt == 1:
        time.sleep(seconds)
    return a + b


@task()
def tick() -> str:
    """A periodic job for the schedule's tests."""
    return "tick"
