"""Comment flows: posting, publishing (and telling whoever asked), threads, and personal data."""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from comments import emails
from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings, ReplySubscriber
from comments.moderation import Decision, Facts, decide, words
from comments.tasks import notify_moderators_of
from core import pagecache

# The session remembers a visitor's own held comments, so they (and nobody else) see them.
PENDING_SESSION_KEY = "comments_pending"


class CommentsClosed(Exception):
    pass


class TooFast(Exception):
    pass


class Duplicate(Exception):
    pass


@dataclass
class Posted:
    comment: Comment
    decision: Decision


def comment_submit(
    *, form: CommentForm, discussion: DiscussionSettings, ip: str, user_agent: str, user
) -> Posted:
    """Decide on a valid form's comment and store it. Raises CommentsClosed, TooFast or Duplicate."""
    article = form.article
    if not discussion.comments_open_for(article):
        raise CommentsClosed
    data = form.cleaned_data
    if Comment.objects.filter(article=article, email__iexact=data["email"], body=data["body"]).exists():
        raise Duplicate
    # cache.add is atomic: only the first comment from an address in the interval gets through.
    # With Redis down it answers None rather than False, so the limit fails open.
    if (
        discussion.flood_seconds
        and cache.add(f"comments:flood:{ip}", 1, timeout=discussion.flood_seconds) is False
    ):
        raise TooFast
    by_staff = bool(user.is_authenticated and user.is_staff)
    facts = Facts(
        name=data["name"],
        email=data["email"],
        website=data.get("website") or "",
        body=data["body"],
        ip=ip,
        honeypot_filled=bool(data.get("phone")),
        seconds_to_fill=form.seconds_to_fill(),
        known_commenter=Comment.objects.approved()
        .filter(name=data["name"], email__iexact=data["email"])
        .exists(),
        recaptcha_unreachable=form.recaptcha_unreachable,
        by_staff=by_staff,
        max_links=discussion.max_links,
        min_fill_seconds=discussion.min_fill_seconds,
        auto_approve_known=discussion.auto_approve_known,
        hold_words=words(discussion.hold_words),
        block_words=words(discussion.block_words),
        health_phrases=words(discussion.health_phrases),
    )
    decision = decide(facts)
    comment = form.save(commit=False)
    comment.article = article
    comment.parent = data.get("parent")
    comment.status = decision.status
    comment.held_reason = decision.reason
    comment.ip_address = ip or None
    # A header is the client's to write: PostgreSQL refuses a NUL in text, so it is never stored.
    comment.user_agent = user_agent.replace("\x00", "")[:300]
    comment.staff_author = user if by_staff else None
    comment.notify_replies = bool(data.get("notify_replies")) and decision.status != Comment.Status.SPAM
    comment.save()
    if comment.status == Comment.Status.PENDING:
        transaction.on_commit(partial(notify_moderators_of.enqueue, comment.pk))
    if comment.status == Comment.Status.APPROVED:
        comment_published(comment)
    if comment.notify_replies:
        reply_subscription_request(email=comment.email)
    return Posted(comment=comment, decision=decision)


REPLY_EMAILS_PER_DAY = 10
CONFIRMATION_INTERVAL = timedelta(hours=24)


def reply_subscription_request(*, email: str) -> None:
    """Ask an address to confirm it wants reply emails, at most once a day (it may not be theirs)."""
    subscriber, _ = ReplySubscriber.objects.get_or_create(email=email.strip().lower())
    now = timezone.now()
    if subscriber.is_active:
        return
    if subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < CONFIRMATION_INTERVAL:
        return
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["confirmation_sent_at"])
    emails.reply_confirmation(subscriber)


def comment_moderate(*, comment: Comment, status: str, by) -> None:
    """Change a comment's status; a newly published reply tells its parent's writer."""
    newly_published = status == Comment.Status.APPROVED and comment.status != Comment.Status.APPROVED
    comment.moderate(status, by=by)
    if newly_published:
        comment_published(comment)


def comment_staff_reply(*, parent: Comment, body: str, by) -> Comment:
    """A reply written by staff in the admin: published at once, with a staff badge."""
    reply = Comment.objects.create(
        article=parent.article,
        parent=parent,
        name=by.get_full_name() or by.get_username(),
        email=by.email or "staff@localhost",
        body=body,
        status=Comment.Status.APPROVED,
        held_reason="written by staff",
        staff_author=by,
    )
    comment_published(reply)
    return reply


def comment_published(comment: Comment) -> bool:
    """Email the writer of the comment replied to, if they confirmed and are under today's limit."""
    parent = comment.parent
    if parent is None or not parent.notify_replies or parent.email.lower() == comment.email.lower():
        return False
    with transaction.atomic():
        # Locked: two replies approved at once must not both pass the daily limit.
        subscriber = ReplySubscriber.objects.select_for_update().filter(email=parent.email.lower()).first()
        if subscriber is None or not subscriber.is_active:
            return False
        today = timezone.localdate()
        if subscriber.sent_on != today:
            subscriber.sent_on, subscriber.sent_that_day = today, 0
        if subscriber.sent_that_day >= REPLY_EMAILS_PER_DAY:
            return False
        subscriber.sent_that_day += 1
        subscriber.save(update_fields=["sent_on", "sent_that_day"])
    emails.reply_notification(subscriber, comment)
    return True


@dataclass
class Node:
    comment: Comment
    children: list["Node"]


def build_threads(comments: list[Comment]) -> list[Node]:
    """Nest comments (already in date order) under their parents; orphans become top level."""
    nodes = {comment.pk: Node(comment, []) for comment in comments}
    roots = []
    for comment in comments:
        parent = nodes.get(comment.parent_id)
        (parent.children if parent else roots).append(nodes[comment.pk])
    return roots


def purge_personal_data(*, now=None, keep_days: int = 60, spam_days: int = 30) -> dict[str, int]:
    """Forget what comments no longer need: IP and user agent after `keep_days`, spam and removed
    comments entirely after `spam_days`. Returns counts for the command's output."""
    now = now or timezone.now()
    old_details = Comment.objects.filter(created_at__lt=now - timedelta(days=keep_days)).exclude(
        ip_address=None, user_agent=""
    )
    scrubbed = old_details.update(ip_address=None, user_agent="")
    # Replies to a deleted comment go with it (CASCADE): count them as deleted too.
    discarded = (
        Comment.objects.filter(
            status__in=[Comment.Status.SPAM, Comment.Status.REMOVED],
            created_at__lt=now - timedelta(days=spam_days),
        )
        .delete()[1]
        .get("comments.Comment", 0)
    )
    return {"details_scrubbed": scrubbed, "comments_deleted": discarded}


FORMER_READER = "Former reader"


def personal_data_export(*, email: str) -> dict:
    """Everything stored about one email address across comments, as JSON-ready data."""
    comments = Comment.objects.filter(email__iexact=email).select_related("article").order_by("created_at")
    subscriber = ReplySubscriber.objects.filter(email=email.strip().lower()).first()
    return {
        "email": email,
        "reply_emails": None
        if subscriber is None
        else {
            "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
            "unsubscribed_at": subscriber.unsubscribed_at and subscriber.unsubscribed_at.isoformat(),
        },
        "comments": [
            {
                "article": comment.article.title,
                "url": comment.get_absolute_url(),
                "name": comment.name,
                "website": comment.website,
                "body": comment.body,
                "status": comment.status,
                "created_at": comment.created_at.isoformat(),
                "ip_address": comment.ip_address,
                "user_agent": comment.user_agent,
            }
            for comment in comments
        ],
    }


def personal_data_erase(*, email: str, delete: bool = False) -> int:
    """Erase one email address from comments (and its reply-email sign-up): delete the comments,
    or keep their text as "Former reader" with nothing that identifies the writer. Returns how many
    comments were changed."""
    ReplySubscriber.objects.filter(email=email.strip().lower()).delete()
    comments = Comment.objects.filter(email__iexact=email)
    if delete:
        return comments.delete()[1].get("comments.Comment", 0)
    erased = comments.update(
        name=FORMER_READER,
        email="erased@invalid",
        website="",
        ip_address=None,
        user_agent="",
        notify_replies=False,
    )
    if erased:
        pagecache.invalidate()  # their name must leave the cached pages too
    return erased
