"""Background tasks shared by the apps; each is a thin wrapper around a plain function."""

from django_tasks import task

from core.images import store_renditions
from core.mail import deliver


@task()
def make_renditions(model_label: str, pk: int, field: str, renditions_field: str, name: str) -> int:
    return len(store_renditions(model_label, pk, field, renditions_field, name))


@task()
def deliver_email(message: dict, first_tried_at: str | None = None, attempt: int = 1) -> str:
    return deliver(message, first_tried_at=first_tried_at, attempt=attempt)
