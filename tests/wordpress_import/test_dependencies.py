"""The WordPress import depends on articles and comments, never the other way round: their code
(tests/test_layout.py) and, here, their migrations."""

from django.db.migrations.loader import MigrationLoader


def test_the_migrations_of_articles_and_comments_never_depend_on_it():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    needing_it = [
        key
        for key in graph.nodes
        if key[0] in ("articles", "comments")
        and any(app == "wordpress_import" for app, _ in graph.forwards_plan(key))
    ]
    assert needing_it == []
