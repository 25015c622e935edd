from django.db import migrations

FIRST_TEXT = (
    "We will email you our newsletter about once a week, and nothing else. You can unsubscribe in "
    "one click at any time."
)


def create_first_version(apps, schema_editor):
    ConsentText = apps.get_model("newsletter", "ConsentText")
    if not ConsentText.objects.exists():
        ConsentText.objects.create(version=1, text=FIRST_TEXT)


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0001_subscribers")]

    operations = [migrations.RunPython(create_first_version, migrations.RunPython.noop)]
