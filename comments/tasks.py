from django_tasks import task

from comments.emails import notify_moderators


@task()
def notify_moderators_of(comment_id: int) -> int:
    return notify_moderators(comment_id)
