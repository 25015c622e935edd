"""Articles as pages show them, and the editorial workflow that gets them there."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles.models import Article, ArticleEvent, Author

# Words too common in titles here to say two articles are about the same thing.
STOP_WORDS = frozenset({
    "about", "after", "again", "also", "back", "before", "being", "best", "does", "down", "each", "every",
    "from", "have", "help", "helps", "into", "just", "know", "more", "most", "much", "need", "only",
    "other", "over", "pain", "should", "some", "than", "that", "their", "them", "then", "there", "these",
    "they", "thing", "things", "this", "those", "through", "ways", "what", "when", "where", "which",
    "while", "will", "with", "without", "your",
})  # fmt: skip
MAX_SHARED_WORDS = 6


def significant_words(title: str) -> list[str]:
    """The title's distinctive words, lowercased, in order, at most MAX_SHARED_WORDS."""
    words = []
    for word in re.findall(r"[^\W\d_]+", title.lower()):
        if len(word) >= 4 and word not in STOP_WORDS and word not in words:
            words.append(word)
    return words[:MAX_SHARED_WORDS]


def related_articles(article: Article, count: int = 3):
    """Same category first, then the same section; within those, the most title words in common,
    then the newest. One query, the word count done by the database."""
    same_branch = Q(category__parent_id=article.category.parent_id or article.category_id) | Q(
        category_id=article.category.parent_id
    )
    shared_words = sum(
        (
            Case(When(title__icontains=word, then=Value(1)), default=Value(0), output_field=IntegerField())
            for word in significant_words(article.title)
        ),
        start=Value(0, output_field=IntegerField()),
    )
    return (
        Article.objects.published()
        .for_listing()
        .exclude(pk=article.pk)
        .annotate(
            closeness=Case(
                When(category_id=article.category_id, then=Value(2)),
                When(same_branch, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            shared_words=shared_words,
        )
        .order_by("-closeness", "-shared_words", "-published_at")[:count]
    )


def article_for_page(slug: str) -> Article:
    """The article with the rows its page shows on every render, or DoesNotExist. (Its
    references and related articles are read only when the page's remembered parts are rendered
    again: see {% memo %} in the template.)"""
    return Article.objects.for_listing().with_visibility().select_related("reviewed_by").get(slug=slug)


def article_page_context(article: Article) -> dict:
    return {"article": article, "related": SimpleLazyObject(lambda: list(related_articles(article)))}


# The editorial workflow: draft → in review → published, and the medical review beside it. Each
# step checks the role of the person taking it, so a crafted request cannot skip one, and leaves an
# ArticleEvent saying who did it and why.


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied


def may_edit(user, article: Article) -> bool:
    """Editors edit any article; an author edits their own while it is a draft."""
    if user.has_perm("articles.publish_article"):
        return user.has_perm("articles.change_article")
    return (
        user.has_perm("articles.change_article")
        and article.status == Article.Status.DRAFT
        and article.author.user_id == user.pk
    )


def article_submit(*, article: Article, by) -> None:
    if not may_edit(by, article):
        raise PermissionDenied
    article.submit_for_review()
    article.save(update_fields=["status", "modified_at"])
    ArticleEvent.objects.create(article=article, kind=ArticleEvent.Kind.SUBMITTED, actor=by)


def article_send_back(*, article: Article, note: str, by) -> None:
    _require(by, "articles.publish_article")
    if not note.strip():
        raise ValidationError("Tell the author what to change.", code="note_required")
    article.send_back()
    article.save(update_fields=["status", "modified_at"])
    ArticleEvent.objects.create(
        article=article, kind=ArticleEvent.Kind.SENT_BACK, note=note.strip(), actor=by
    )


def editor_note(article: Article) -> ArticleEvent | None:
    """Why a draft came back from review: the latest "sent back" since it was last submitted."""
    if article.status != Article.Status.DRAFT:
        return None
    latest = article.events.filter(
        kind__in=[ArticleEvent.Kind.SENT_BACK, ArticleEvent.Kind.SUBMITTED]
    ).first()
    return latest if latest and latest.kind == ArticleEvent.Kind.SENT_BACK else None


def articles_publish(*, articles, by, at=None) -> int:
    """Publish now (or at `at`: scheduled). Articles already published keep their date."""
    _require(by, "articles.publish_article")
    published = 0
    for article in articles:
        if article.status == Article.Status.PUBLISHED and at is None:
            continue
        article.publish(at=at)
        article.save(update_fields=["status", "published_at", "modified_at"])
        _record_publication(article, by)
        published += 1
    return published


def article_status_changed(*, article: Article, previous: str | None, by) -> None:
    """An editor changed the status in the article's form (already saved): record it in the
    editorial history, as the publish and unpublish actions do."""
    if article.status == Article.Status.PUBLISHED and previous != Article.Status.PUBLISHED:
        _record_publication(article, by)
    elif previous == Article.Status.PUBLISHED and article.status != Article.Status.PUBLISHED:
        ArticleEvent.objects.create(article=article, kind=ArticleEvent.Kind.UNPUBLISHED, actor=by)


def _record_publication(article: Article, by) -> None:
    note = f"for {timezone.localtime(article.published_at):%Y-%m-%d %H:%M}" if article.is_scheduled else ""
    ArticleEvent.objects.create(article=article, kind=ArticleEvent.Kind.PUBLISHED, note=note, actor=by)


def articles_unpublish(*, articles, by) -> int:
    _require(by, "articles.publish_article")
    unpublished = 0
    for article in articles:
        if article.status != Article.Status.PUBLISHED:
            continue
        article.unpublish()
        article.save(update_fields=["status", "modified_at"])
        ArticleEvent.objects.create(article=article, kind=ArticleEvent.Kind.UNPUBLISHED, actor=by)
        unpublished += 1
    return unpublished


def reviewer_assign(*, articles, reviewer: Author, by) -> int:
    _require(by, "articles.assign_reviewer")
    if not reviewer.is_medical_reviewer:
        raise ValidationError("Choose a medical reviewer.", code="not_reviewer")
    assigned = 0
    for article in articles:
        if article.assigned_reviewer_id == reviewer.pk:
            continue
        article.assigned_reviewer = reviewer
        article.save(update_fields=["assigned_reviewer", "modified_at"])
        ArticleEvent.objects.create(
            article=article, kind=ArticleEvent.Kind.REVIEWER_ASSIGNED, note=reviewer.name, actor=by
        )
        assigned += 1
    return assigned


def review_complete(*, article: Article, notes: str, by) -> None:
    """Only a signed-in medical reviewer completes a review, in their own name."""
    _require(by, "articles.review_article")
    reviewer = Author.objects.filter(user=by, is_medical_reviewer=True).first()
    if reviewer is None:
        raise PermissionDenied
    article.complete_review(reviewer, notes=notes.strip())
    article.save(
        update_fields=["reviewed_by", "reviewed_at", "assigned_reviewer", "review_notes", "modified_at"]
    )
    ArticleEvent.objects.create(
        article=article, kind=ArticleEvent.Kind.REVIEW_COMPLETED, note=notes.strip(), actor=by
    )
