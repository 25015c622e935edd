from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_comment", "change_comment", "delete_comment", "view_discussionsettings", "change_discussionsettings"]


def create_group(apps, schema_editor):
    # Permissions normally appear after all migrations; this group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="comments", codename__in=PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_discussion_settings_row"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
