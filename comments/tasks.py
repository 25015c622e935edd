"""The comments app's background tasks; each is a thin wrapper around a plain function."""

from django.conf import settings
from django_tasks import task

from comments.emails import notify_moderators, send_held_comment_summaries, send_moderation_digests


@task()
def notify_moderators_of(comment_id: int) -> int:
    return notify_moderators(comment_id)


# Periodic jobs (settings.PERIODIC_JOBS), enqueued by the worker's schedule.


@task()
def send_daily_moderation_digests() -> int:
    return send_moderation_digests()


@task()
def send_held_comments_summary() -> int:
    return send_held_comment_summaries()


@task(priority=-20)
def purge_comment_data() -> dict[str, int]:
    from comments.services import purge_personal_data  # services enqueue this module's tasks

    return purge_personal_data(keep_days=settings.COMMENT_DETAILS_DAYS, spam_days=settings.COMMENT_SPAM_DAYS)
