"""Tasks used only by the tests of the worker itself."""

from django_tasks import task


@task()
def add(a: int, b: int) -> int:
    return a + b
