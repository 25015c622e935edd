"""The import's background task moved from articles.tasks to wordpress_import.tasks: an import
queued before the upgrade (the worker stores the task's path) still runs after it."""

from django.db import migrations

from core.moves import rename_task_paths

OLD = "articles.tasks.run_wordpress_import"
NEW = "wordpress_import.tasks.run_wordpress_import"


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress_import", "0002_content_types_from_articles"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(rename_task_paths({OLD: NEW}), rename_task_paths({NEW: OLD}))]
