from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from articles.models import Article, Author, Category
from articles.services import article_for_page, article_page_context
from healthyback.pagination import page_of


@require_safe
def article_detail(request, slug):
    try:
        article = article_for_page(slug)
    except Article.DoesNotExist:
        raise Http404("No such article") from None
    if article.is_live:
        return render(request, "articles/article_detail.html", article_page_context(article))
    # Drafts, articles in review and scheduled ones exist only for staff, as a preview at the
    # address they will have; a preview is never cached and never indexed.
    if not request.user.has_perm("articles.view_article"):
        raise Http404("No such article")
    response = render(
        request, "articles/article_detail.html", {**article_page_context(article), "preview": True}
    )
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
