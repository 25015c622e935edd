"""WordPressOrigin and WordPressImport now belong to the wordpress_import app.

They leave the articles app's state only: their tables stay where they are, with their rows, and
wordpress_import's first migration takes them over under the same names. Nothing points at either
model, so the two steps need no order between them beyond wordpress_import's coming after this
one, and articles never depends on wordpress_import.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_search_index_without_pending_list"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="WordPressImport"),
                migrations.DeleteModel(name="WordPressOrigin"),
            ],
            database_operations=[],
        ),
    ]
