"""Helpers for the upgrade tests: a database at an earlier schema, with the models as they were."""

from contextlib import contextmanager

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets):
    """Migrate the database to `targets`; the models as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    graph, apps_at = executor.loader.graph, dict(targets)
    nodes = [
        (app, apps_at.get(app, name))
        for app, name in graph.leaf_nodes()
        if apps_at.get(app, name) is not None
    ]
    return executor.loader.project_state(nodes, at_end=True).apps


def give_permissions_as_migrate_did(apps):
    """Content types and permissions as `migrate` made them before the move (under the app that had the models then)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


@contextmanager
def site_at(targets):
    """A site whose database is at `targets` (the models as they were then, with content types and
    permissions as `migrate` made them), migrated to the latest again afterwards, whatever the test did."""
    ContentType.objects.clear_cache()
    apps = migrate_to(targets)
    try:
        yield apps
    finally:
        call_command("migrate", verbosity=0)
        ContentType.objects.clear_cache()
