"""The models the articles app made in its migration 0008 and gave up in 0010, taken over as they
are: the tables keep their names (db_table) and their rows, so this changes nothing in the database.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import wordpress_import.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0010_wordpress_import_moved"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WordPressImport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("export_file", models.FileField(blank=True, help_text="The .xml file from WordPress's Tools → Export → All content.", storage=wordpress_import.models.wordpress_import_storage, upload_to="exports/", verbose_name="WordPress export")),
                        ("original_name", models.CharField(blank=True, editable=False, max_length=255)),
                        ("dry_run", models.BooleanField(default=False, help_text="Read the whole export and report what would change, without saving anything.", verbose_name="trial run")),
                        ("status", models.CharField(choices=[("queued", "Waiting for the worker"), ("running", "Importing"), ("done", "Finished"), ("failed", "Failed")], default="queued", editable=False, max_length=10)),
                        ("items_done", models.PositiveIntegerField(default=0, editable=False)),
                        ("items_total", models.PositiveIntegerField(default=0, editable=False)),
                        ("report", models.JSONField(blank=True, default=dict, editable=False)),
                        ("error", models.TextField(blank=True, editable=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("started_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        ("finished_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        ("created_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "WordPress import",
                        "db_table": "articles_wordpressimport",
                        "ordering": ["-created_at"],
                        "permissions": [("import_wordpress", "Can import WordPress exports")],
                    },
                ),
                migrations.CreateModel(
                    name="WordPressOrigin",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("site", models.CharField(help_text="The WordPress site's address, from the export.", max_length=200)),
                        ("kind", models.CharField(choices=[("category", "Category"), ("author", "Author"), ("post", "Post"), ("comment", "Comment"), ("attachment", "Image")], max_length=20)),
                        ("wordpress_id", models.PositiveBigIntegerField(verbose_name="WordPress id")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("source_hash", models.CharField(max_length=64)),
                        ("imported_hash", models.CharField(max_length=64)),
                        ("imported_at", models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        "verbose_name": "WordPress origin",
                        "db_table": "articles_wordpressorigin",
                        "constraints": [models.UniqueConstraint(fields=("site", "kind", "wordpress_id"), name="wordpress_origin_unique")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]  # fmt: skip
