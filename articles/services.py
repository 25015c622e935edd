"""Plain functions other parts of the site use to show articles."""

from django.db.models import Case, IntegerField, Q, Value, When

from articles.models import Article


def related_articles(article: Article, count: int = 3):
    """Same category first, then the same section, then the newest; one query."""
    same_branch = Q(category__parent_id=article.category.parent_id or article.category_id) | Q(
        category_id=article.category.parent_id
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
            )
        )
        .order_by("-closeness", "-published_at")[:count]
    )


def article_for_page(slug: str) -> Article:
    """The article with everything its page shows, or DoesNotExist."""
    return (
        Article.objects.for_listing()
        .with_visibility()
        .select_related("reviewed_by")
        .prefetch_related("references")
        .get(slug=slug)
    )


def article_page_context(article: Article) -> dict:
    return {"article": article, "related": related_articles(article)}
