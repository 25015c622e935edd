from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from articles.models import Article, Author, Category
from healthyback.pagination import page_of


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


@require_safe
def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.for_listing()
        .with_visibility()
        .select_related("reviewed_by")
        .prefetch_related("references"),
        slug=slug,
    )
    context = {"article": article, "related": related_articles(article)}
    if article.is_live:
        return render(request, "articles/article_detail.html", context)
    # Drafts, articles in review and scheduled ones exist only for staff, as a preview at the
    # address they will have; a preview is never cached and never indexed.
    if not request.user.has_perm("articles.view_article"):
        raise Http404("No such article")
    response = render(request, "articles/article_detail.html", {**context, "preview": True})
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def category_detail(request, slug):
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    subcategories = list(category.children.all())
    articles = (
        Article.objects.published()
        .for_listing()
        .filter(Q(category=category) | Q(category__parent=category))
        .order_by("-published_at")
    )
    context = {"category": category, "subcategories": subcategories, "page_obj": page_of(request, articles)}
    return render(request, "articles/category_detail.html", context)


@require_safe
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().for_listing().filter(author=author).order_by("-published_at")
    return render(
        request, "articles/author_detail.html", {"author": author, "page_obj": page_of(request, articles)}
    )
