"""The emails the comments app sends: one function each."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from comments.links import make_token
from comments.models import Comment
from healthyback.mail import queue_message, render_message

MODERATORS_GROUP = "Moderators"


def moderators():
    return get_user_model().objects.filter(groups__name=MODERATORS_GROUP, is_active=True).exclude(email="")


def notify_moderators(comment_id: int) -> int:
    """Tell each moderator about a held comment, with links that only work for them."""
    comment = (
        Comment.objects.select_related("article").filter(pk=comment_id, status=Comment.Status.PENDING).first()
    )
    if comment is None:  # handled (or deleted) before the worker got here
        return 0
    sent = 0
    for moderator in moderators():
        links = {
            action: reverse(
                "comments:moderate",
                args=[make_token(comment_id=comment.pk, user_id=moderator.pk, action=action)],
            )
            for action in ("approve", "spam")
        }
        message = render_message(
            "comments/emails/moderation",
            {
                "comment": comment,
                "article": comment.article,
                "approve_path": links["approve"],
                "spam_path": links["spam"],
                "admin_path": reverse("admin:comments_comment_change", args=[comment.pk]),
            },
            to=[moderator.email],
        )
        queue_message(message)
        sent += 1
    return sent
