"""The import's background task moved from articles.tasks to wordpress_import.tasks: an import
queued before the upgrade (the worker stores the task's path) still runs after it."""

from django.db import migrations

OLD = "articles.tasks.run_wordpress_import"
NEW = "wordpress_import.tasks.run_wordpress_import"


def rename_task(from_path, to_path):
    def rename(apps, schema_editor):
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        DBTaskResult.objects.using(schema_editor.connection.alias).filter(task_path=from_path).update(
            task_path=to_path
        )

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress_import", "0002_content_types_from_articles"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(rename_task(OLD, NEW), rename_task(NEW, OLD))]
