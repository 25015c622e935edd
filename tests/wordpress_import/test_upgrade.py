"""An existing site upgrades to the wordpress_import app with `migrate` and loses nothing: from the
schema before the move (articles 0009, no wordpress_import) with imports, origins, a permission
given to a group and a queued import in it, to the latest, on whichever database the tests run on."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import make_user
from tests.migrations import give_permissions_as_migrate_did, migrate_to, site_at
from wordpress_import.models import WordPressImport, WordPressOrigin

# The last migrations before the move; every other app is where it was then already.
BEFORE_THE_MOVE = [("articles", "0009_search_index_without_pending_list"), ("wordpress_import", None)]
OLD_TASK = "articles.tasks.run_wordpress_import"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_before_the_move():
    with site_at(BEFORE_THE_MOVE) as apps:
        yield apps


def test_an_existing_site_keeps_its_imports_origins_and_permissions(site_before_the_move):
    apps = site_before_the_move
    assert not apps.is_installed("wordpress_import")
    give_permissions_as_migrate_did(apps)
    # Editors were given the right to import, as a site's administrator might have done.
    OldGroup, OldPermission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    may_import = OldPermission.objects.get(content_type__app_label="articles", codename="import_wordpress")
    editors, _ = OldGroup.objects.get_or_create(name="Editors")
    editors.permissions.add(may_import)
    wp_import = apps.get_model("articles", "WordPressImport").objects.create(
        original_name="export.xml",
        status="done",
        items_done=25,
        items_total=25,
        report={"counts": {"posts": {}}},
    )
    origin = apps.get_model("articles", "WordPressOrigin").objects.create(
        site="https://old.example.com", kind="post", wordpress_id=42, object_id=7,
        source_hash="s" * 64, imported_hash="i" * 64,
    )  # fmt: skip
    queued = apps.get_model("django_tasks_database", "DBTaskResult").objects.create(
        task_path=OLD_TASK, args_kwargs={"args": [wp_import.pk], "kwargs": {}}, backend_name="default",
        run_after=timezone.now(),
    )  # fmt: skip

    call_command("migrate", verbosity=0)  # the upgrade, as a site runs it (post_migrate included)
    ContentType.objects.clear_cache()

    upgraded = WordPressImport.objects.get()
    assert (upgraded.pk, upgraded.original_name, upgraded.status) == (wp_import.pk, "export.xml", "done")
    assert (upgraded.items_done, upgraded.report) == (25, {"counts": {"posts": {}}})
    assert WordPressOrigin.objects.filter(
        pk=origin.pk,
        site="https://old.example.com",
        kind=WordPressOrigin.Kind.POST,
        wordpress_id=42,
        object_id=7,
    ).exists()
    # The same content type and permission rows, renamed: nothing was made again beside them.
    content_type = ContentType.objects.get_for_model(WordPressImport)
    assert content_type.app_label == "wordpress_import"
    assert not ContentType.objects.filter(app_label="articles", model__startswith="wordpress").exists()
    assert list(Permission.objects.filter(codename="import_wordpress").values_list("pk", flat=True)) == [
        may_import.pk
    ]
    assert Group.objects.get(name="Editors").permissions.filter(pk=may_import.pk).exists()
    editor = make_user("edith", staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    assert editor.has_perm("wordpress_import.import_wordpress")
    # The import queued before the upgrade runs the moved task.
    assert DBTaskResult.objects.get(pk=queued.pk).task_path == "wordpress_import.tasks.run_wordpress_import"


def test_the_move_can_be_undone(site_before_the_move):
    give_permissions_as_migrate_did(site_before_the_move)
    call_command("migrate", verbosity=0)
    apps = migrate_to(BEFORE_THE_MOVE)

    ContentType.objects.clear_cache()
    assert ContentType.objects.filter(app_label="articles", model="wordpressimport").exists()
    assert not ContentType.objects.filter(app_label="wordpress_import").exists()
    apps.get_model("articles", "WordPressImport").objects.create(original_name="export.xml")
