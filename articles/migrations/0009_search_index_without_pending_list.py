"""Full-text search on PostgreSQL: the GIN index of migration 0007 written through, without a pending list.

By default a GIN index appends new and changed rows to a "pending list" (up to 4 MB) that is only
merged into the index by (auto)vacuum or when it is full. Every search reads that list whole, and
the planner charges it as pages to read: after 10,000 articles were loaded (227 pending pages), it
priced a search of the index ten times higher (1,011 instead of 99 for "pain") and preferred the
status index or a sequential scan, testing each article's vector (80 ms instead of 8 for a common
word). Written through, each save updates
the index itself, about a millisecond more per article saved; the existing list is merged now.
On SQLite nothing happens here (no full-text index, see articles.search).
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER INDEX article_search_vector_idx SET (fastupdate = off)",
    # Turning fastupdate off does not merge what is already pending.
    "SELECT gin_clean_pending_list('article_search_vector_idx'::regclass)",
]
POSTGRES_BACKWARD = [
    "ALTER INDEX article_search_vector_idx RESET (fastupdate)",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_wordpress_import"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(POSTGRES_FORWARD), run_on_postgresql(POSTGRES_BACKWARD)),
    ]
