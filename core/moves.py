"""For the migrations that move a model or a background task from one app to another and leave the
database as it is (the tables keep their names; see wordpress_import and core's migrations)."""

from django.contrib.contenttypes.models import ContentType


def move_content_types(models: list[str], from_label: str, to_label: str):
    """A RunPython function renaming the models' content types from one app to the other, so what
    points at them keeps working: permissions given to groups and people, the admin's history.

    Renaming keeps the rows' ids. Left alone, the next `migrate` would make new content types and
    permissions under the new app, and every group holding the old ones would lose the right."""

    def move(apps, schema_editor):
        HistoricalContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        db = schema_editor.connection.alias
        for model in models:
            old = HistoricalContentType.objects.using(db).filter(app_label=from_label, model=model).first()
            if old is None:  # a new database: `migrate` makes them under the new label afterwards
                continue
            new = HistoricalContentType.objects.using(db).filter(app_label=to_label, model=model).first()
            if new is not None:
                # Made during this same `migrate` (a migration making permissions since): nothing
                # but those fresh permissions can point at it. Their holders move to the old ones.
                for fresh in Permission.objects.using(db).filter(content_type=new):
                    kept = (
                        Permission.objects.using(db).filter(content_type=old, codename=fresh.codename).first()
                    )
                    if kept is not None:
                        kept.group_set.add(*fresh.group_set.all())
                        kept.user_set.add(*fresh.user_set.all())
                new.delete()
            old.app_label = to_label
            old.save(update_fields=["app_label"])
        ContentType.objects.clear_cache()

    return move


def rename_task_paths(renames: dict[str, str]):
    """A RunPython function pointing queued tasks at their new module: the worker stores a task's
    import path, and a task queued before the upgrade must still run after it."""

    def rename(apps, schema_editor):
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        queued = DBTaskResult.objects.using(schema_editor.connection.alias)
        for old, new in renames.items():
            queued.filter(task_path=old).update(task_path=new)

    return rename
