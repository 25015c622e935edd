"""The emails the comments app sends: one function each."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from comments.links import make_token, reply_confirm_token, reply_unsubscribe_token
from comments.models import Comment, ModeratorPreference
from healthyback.mail import queue_message, render_message

MODERATORS_GROUP = "Moderators"
EACH = ModeratorPreference.Frequency.EACH


def moderators():
    return get_user_model().objects.filter(groups__name=MODERATORS_GROUP, is_active=True).exclude(email="")


def moderator_links(comment: Comment, moderator) -> dict[str, str]:
    return {
        f"{action}_path": reverse(
            "comments:moderate", args=[make_token(comment_id=comment.pk, user_id=moderator.pk, action=action)]
        )
        for action in ("approve", "spam")
    } | {"admin_path": reverse("admin:comments_comment_change", args=[comment.pk])}


def notify_moderators(comment_id: int) -> int:
    """Tell each moderator about a held comment, with links that only work for them."""
    comment = (
        Comment.objects.select_related("article").filter(pk=comment_id, status=Comment.Status.PENDING).first()
    )
    if comment is None:  # handled (or deleted) before the worker got here
        return 0
    sent = 0
    # Moderators without a preference get an email for each comment.
    wanting_each = moderators().filter(
        Q(moderation_preference=None) | Q(moderation_preference__frequency=EACH)
    )
    for moderator in wanting_each:
        context = {"comment": comment, "article": comment.article, **moderator_links(comment, moderator)}
        queue_message(render_message("comments/emails/moderation", context, to=[moderator.email]))
        sent += 1
    return sent


def send_moderation_digests() -> int:
    """One email per daily-digest moderator listing the comments held since their last digest."""
    now = timezone.now()
    sent = 0
    for moderator in moderators().filter(
        moderation_preference__frequency=ModeratorPreference.Frequency.DAILY
    ):
        preference = moderator.moderation_preference
        since = preference.last_digest_at or now - timedelta(days=1)
        waiting = list(
            Comment.objects.filter(status=Comment.Status.PENDING, created_at__gt=since).select_related(
                "article"
            )
        )
        if waiting:
            items = [{"comment": c, "article": c.article, **moderator_links(c, moderator)} for c in waiting]
            queue_message(render_message("comments/emails/digest", {"items": items}, to=[moderator.email]))
            sent += 1
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])
    return sent


def reply_confirmation(subscriber) -> None:
    path = reverse("comments:reply_confirm", args=[reply_confirm_token(subscriber.token)])
    queue_message(
        render_message("comments/emails/reply_confirm", {"confirm_path": path}, to=[subscriber.email])
    )


def reply_notification(subscriber, reply: Comment) -> None:
    unsubscribe_url = settings.SITE_URL + reverse(
        "comments:reply_unsubscribe", args=[reply_unsubscribe_token(subscriber.token)]
    )
    context = {"reply": reply, "article": reply.article, "unsubscribe_url": unsubscribe_url}
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    queue_message(render_message("comments/emails/reply", context, to=[subscriber.email], headers=headers))
