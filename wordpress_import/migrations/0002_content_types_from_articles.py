"""The two models' content types move from articles to wordpress_import, so what points at them
keeps working: the permissions (the "Can import WordPress exports" given to a group or a person) and
the admin's history of each import.

Renaming the rows keeps their ids. Left alone, the next `migrate` would make new content types and
new permissions under wordpress_import, and every group holding the old ones would lose the right.
"""

from django.db import migrations

MODELS = ["wordpressimport", "wordpressorigin"]


def move_content_types(from_label, to_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        db = schema_editor.connection.alias
        for model in MODELS:
            old = ContentType.objects.using(db).filter(app_label=from_label, model=model).first()
            if old is None:  # a new database: `migrate` makes them under the new label afterwards
                continue
            new = ContentType.objects.using(db).filter(app_label=to_label, model=model).first()
            if new is not None:
                # Made during this same `migrate` (a migration making permissions since): nothing
                # but those fresh permissions can point at it. Their holders move to the old ones.
                for fresh in Permission.objects.using(db).filter(content_type=new):
                    kept = Permission.objects.using(db).filter(content_type=old, codename=fresh.codename).first()
                    if kept is not None:
                        kept.group_set.add(*fresh.group_set.all())
                        kept.user_set.add(*fresh.user_set.all())
                new.delete()
            old.app_label = to_label
            old.save(update_fields=["app_label"])
        ContentType.objects.clear_cache()

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress_import", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(
            move_content_types("articles", "wordpress_import"),
            move_content_types("wordpress_import", "articles"),
        ),
    ]
