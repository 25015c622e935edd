"""Posting comments and building the threads shown under an article."""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.cache import cache
from django.db import transaction

from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings
from comments.moderation import Decision, Facts, decide, words
from comments.tasks import notify_moderators_of

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
    comment.user_agent = user_agent[:300]
    comment.staff_author = user if by_staff else None
    comment.save()
    if comment.status == Comment.Status.PENDING:
        transaction.on_commit(partial(notify_moderators_of.enqueue, comment.pk))
    return Posted(comment=comment, decision=decision)


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
    from django.utils import timezone

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
    return {
        "email": email,
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
    """Erase one email address from comments: delete them, or keep the text as "Former reader"
    with nothing that identifies the writer. Returns how many comments were changed."""
    comments = Comment.objects.filter(email__iexact=email)
    if delete:
        return comments.delete()[1].get("comments.Comment", 0)
    return comments.update(
        name=FORMER_READER, email="erased@invalid", website="", ip_address=None, user_agent=""
    )
