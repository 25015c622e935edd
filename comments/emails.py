"""The emails the comments app sends: one function each."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from comments.links import make_token, reply_confirm_token, reply_unsubscribe_token
from comments.models import Comment, ModeratorPreference
from core.mail import queue_message, render_message

MODERATORS_GROUP = "Moderators"
EACH = ModeratorPreference.Frequency.EACH
SUMMARY_LISTS = 50  # comments listed in one summary; the email says how many more wait in the admin


def moderators():
    return get_user_model().objects.filter(groups__name=MODERATORS_GROUP, is_active=True).exclude(email="")


def moderator_links(comment: Comment, moderator) -> dict[str, str]:
    return {
        f"{action}_path": reverse(
            "comments:moderate", args=[make_token(comment_id=comment.pk, user_id=moderator.pk, action=action)]
        )
        for action in ("approve", "spam")
    } | {"admin_path": reverse("admin:comments_comment_change", args=[comment.pk])}


def wanting_each_comment():
    """Moderators without a preference get an email for each comment."""
    return moderators().filter(Q(moderation_preference=None) | Q(moderation_preference__frequency=EACH))


def notify_moderators(comment_id: int) -> int:
    """Tell each moderator about a held comment, with links that only work for them; beyond
    MODERATION_EMAILS_PER_HOUR held comments an hour (a flood: bots, or Google unreachable), the rest
    wait for the hourly summary, so a flood costs moderators one email an hour."""
    now = timezone.now()
    emailed_this_hour = Comment.objects.filter(
        moderators_told="email", moderators_told_at__gt=now - timedelta(hours=1)
    ).count()
    if emailed_this_hour >= settings.MODERATION_EMAILS_PER_HOUR:
        return 0
    # Claimed by one UPDATE: the summary (or a second run of this task) never tells it again.
    if not Comment.objects.filter(pk=comment_id, status=Comment.Status.PENDING, moderators_told="").update(
        moderators_told="email", moderators_told_at=now
    ):
        return 0  # handled (or deleted, or summed up) before the worker got here
    comment = Comment.objects.select_related("article").get(pk=comment_id)
    sent = 0
    for moderator in wanting_each_comment():
        context = {"comment": comment, "article": comment.article, **moderator_links(comment, moderator)}
        queue_message(render_message("comments/emails/moderation", context, to=[moderator.email]))
        sent += 1
    return sent


def send_held_comment_summaries() -> int:
    """The hourly job: one email to each moderator who wants every comment, listing the held
    comments that had no email of their own (over the hourly limit)."""
    with transaction.atomic():
        waiting = list(
            Comment.objects.select_for_update()
            .filter(status=Comment.Status.PENDING, moderators_told="")
            .select_related("article")
            .order_by("created_at", "pk")
        )
        Comment.objects.filter(pk__in=[comment.pk for comment in waiting]).update(
            moderators_told="summary", moderators_told_at=timezone.now()
        )
    if not waiting:
        return 0
    shown, more = waiting[:SUMMARY_LISTS], len(waiting) - SUMMARY_LISTS
    sent = 0
    for moderator in wanting_each_comment():
        items = [{"comment": c, "article": c.article, **moderator_links(c, moderator)} for c in shown]
        context = {"items": items, "total": len(waiting), "more": max(more, 0), "summary": True}
        queue_message(render_message("comments/emails/digest", context, to=[moderator.email]))
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
            context = {"items": items, "total": len(items), "more": 0}
            queue_message(render_message("comments/emails/digest", context, to=[moderator.email]))
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
