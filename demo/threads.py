"""Threaded demo comments for `seed_demo --comments-per-article M`, inserted in bulk."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model

from articles.models import Article
from comments.models import Comment, render_body
from demo import content


def seed_comments(per_article: int) -> int:
    """Give every published article that has no comments `per_article` approved ones, in threads:
    about two thirds start a thread, the rest reply (sometimes as the editorial team)."""
    rng = random.Random(20261125)  # noqa: S311 - repeatable demo data, not a secret
    team = get_user_model().objects.filter(is_staff=True).order_by("pk").first()
    articles = list(Article.objects.published().filter(comments__isnull=True).only("id", "published_at"))
    tops, plans = [], []
    for article in articles:
        threads = max(1, round(per_article * 2 / 3))
        for number in range(threads):
            tops.append(Comment(
                article_id=article.pk, depth=1, created_at=article.published_at + timedelta(hours=3 + 7 * number),
                name=rng.choice(content.COMMENTERS), email=f"reader{rng.randrange(10**6)}@example.com",
                body=rng.choice(content.TOP_LEVEL), status=Comment.Status.APPROVED, held_reason="demo",
            ))  # fmt: skip
        plans.append((article, len(tops) - threads, threads, per_article - threads))
    for comment in tops:
        comment.body_html = render_body(comment.body)  # bulk_create skips save(), which derives it
    Comment.objects.bulk_create(tops, batch_size=1000)
    replies = []
    for _article, first, threads, reply_count in plans:
        for _ in range(reply_count):
            parent = tops[first + rng.randrange(threads)]
            by_team = team is not None and rng.random() < 0.25
            replies.append(Comment(
                article_id=parent.article_id, parent=parent, depth=2,
                created_at=parent.created_at + timedelta(hours=rng.randint(1, 30)),
                name="Healthy Back team" if by_team else rng.choice(content.COMMENTERS),
                email="team@healthyback.example" if by_team else f"reader{rng.randrange(10**6)}@example.com",
                body=rng.choice(content.STAFF_REPLIES if by_team else content.REPLIES),
                staff_author=team if by_team else None, status=Comment.Status.APPROVED, held_reason="demo",
            ))  # fmt: skip
    for comment in replies:
        comment.body_html = render_body(comment.body)
    Comment.objects.bulk_create(replies, batch_size=1000)
    return len(tops) + len(replies)
