"""The two models' content types move from articles to wordpress_import, so what points at them
keeps working: the permissions (the "Can import WordPress exports" given to a group or a person) and
the admin's history of each import."""

from django.db import migrations

from core.moves import move_content_types

MODELS = ["wordpressimport", "wordpressorigin"]


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress_import", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(
            move_content_types(MODELS, "articles", "wordpress_import"),
            move_content_types(MODELS, "wordpress_import", "articles"),
        ),
    ]
