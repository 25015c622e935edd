"""The WordPress import's background task: a thin wrapper around a plain function."""

from django_tasks import task

from wordpress_import import jobs


@task()
def run_wordpress_import(import_id: int) -> str:
    return jobs.run_import(import_id)
