"""The models healthyback made in its migrations 0002 and 0003 and gives up in 0004, taken over as
they are: the tables keep their names (db_table) and their rows, so this changes nothing in the
database."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("healthyback", "0003_scheduled_job")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WorkerHeartbeat",
                    fields=[
                        ("worker_id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                        ("host", models.CharField(max_length=255)),
                        ("pid", models.PositiveIntegerField()),
                        ("started_at", models.DateTimeField()),
                        ("seen_at", models.DateTimeField(db_index=True)),
                    ],
                    options={"db_table": "healthyback_workerheartbeat"},
                ),
                migrations.CreateModel(
                    name="ScheduledJob",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, unique=True)),
                        ("schedule", models.CharField(max_length=100)),
                        ("next_run_at", models.DateTimeField()),
                        ("last_run_at", models.DateTimeField(blank=True, null=True)),
                        ("last_task_id", models.CharField(blank=True, max_length=64)),
                    ],
                    options={
                        "db_table": "healthyback_scheduledjob",
                        "ordering": ["name"],
                        "verbose_name": "periodic job",
                    },
                ),
            ],
        ),
    ]
