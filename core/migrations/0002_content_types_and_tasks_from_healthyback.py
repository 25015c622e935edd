"""What points at the moved models and tasks keeps working: their content types (and so their
permissions) are renamed from healthyback to core, and emails and image renditions queued before
the upgrade (the worker stores a task's path) run the tasks where they now live."""

from django.db import migrations

from core.moves import move_content_types, rename_task_paths

MODELS = ["workerheartbeat", "scheduledjob"]
TASKS = {
    "healthyback.tasks.deliver_email": "core.tasks.deliver_email",
    "healthyback.tasks.make_renditions": "core.tasks.make_renditions",
}


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(
            move_content_types(MODELS, "healthyback", "core"),
            move_content_types(MODELS, "core", "healthyback"),
        ),
        migrations.RunPython(
            rename_task_paths(TASKS),
            rename_task_paths({new: old for old, new in TASKS.items()}),
        ),
    ]
