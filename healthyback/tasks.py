"""Background tasks shared by the apps; each is a thin wrapper around a plain function."""

from django_tasks import task

from healthyback.images import store_renditions


@task()
def make_renditions(model_label: str, pk: int, field: str, renditions_field: str, name: str) -> int:
    return len(store_renditions(model_label, pk, field, renditions_field, name))
