"""The articles app's background tasks; each is a thin wrapper around a plain function."""

from django_tasks import task

from articles.wordpress import jobs


@task()
def run_wordpress_import(import_id: int) -> str:
    return jobs.run_import(import_id)
