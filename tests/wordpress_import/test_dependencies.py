"""The WordPress import depends on articles and comments, never the other way round."""

import ast
from pathlib import Path

from django.db.migrations.loader import MigrationLoader

PROJECT = Path(__file__).resolve().parent.parent.parent


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_articles_and_comments_never_import_the_wordpress_import():
    offenders = [
        f"{path.relative_to(PROJECT)} imports {module}"
        for app in ("articles", "comments")
        for path in sorted((PROJECT / app).rglob("*.py"))
        for module in sorted(imported_modules(path))
        if module == "wordpress_import" or module.startswith("wordpress_import.")
    ]
    assert offenders == []


def test_nor_do_their_migrations_depend_on_it():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    needing_it = [
        key
        for key in graph.nodes
        if key[0] in ("articles", "comments")
        and any(app == "wordpress_import" for app, _ in graph.forwards_plan(key))
    ]
    assert needing_it == []
