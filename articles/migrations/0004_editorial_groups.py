"""The editorial roles as groups: give a staff account a role by putting it in one.

- Authors write and submit their own drafts (and upload images); they cannot publish.
- Editors edit, schedule, publish and unpublish any article, manage authors and categories, and
  assign medical reviewers.
- Medical reviewers read every article and record completed reviews.
- Moderators (made by comments 0003) also manage newsletter subscribers: comments and subscribers
  only.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Authors": {
        "articles": ["add_article", "change_article", "view_article", "delete_article",
                     "add_reference", "change_reference", "view_reference", "delete_reference",
                     "view_author", "view_category", "add_libraryimage", "view_libraryimage"],
    },
    "Editors": {
        "articles": ["add_article", "change_article", "view_article", "delete_article", "publish_article",
                     "assign_reviewer", "add_reference", "change_reference", "view_reference", "delete_reference",
                     "add_author", "change_author", "view_author", "add_category", "change_category",
                     "view_category", "add_libraryimage", "change_libraryimage", "view_libraryimage",
                     "delete_libraryimage"],
    },
    "Medical reviewers": {
        "articles": ["view_article", "review_article", "view_reference", "view_author", "view_category"],
    },
    "Moderators": {
        "newsletter": ["view_subscriber", "change_subscriber", "view_subscriptionevent"],
    },
}  # fmt: skip


def create_groups(apps, schema_editor):
    # Permissions normally appear after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, apps_codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in apps_codenames.items():
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_workflow"),
        ("comments", "0003_moderators_group"),
        ("newsletter", "0003_campaigns"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
