"""The worker's heartbeat and the periodic jobs belong to the shared library (core), which takes
them over in its migration 0001 with their tables as they are; nothing changes in the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("healthyback", "0003_scheduled_job"), ("core", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel("WorkerHeartbeat"), migrations.DeleteModel("ScheduledJob")],
        ),
    ]
