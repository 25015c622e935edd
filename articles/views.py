from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from articles.models import Article, Author, Category
from articles.search import clean_query, search_page
from articles.services import article_for_page, article_page_context
from core.pagecache import public_page
from core.pagination import page_of


@public_page
@require_safe
def article_detail(request, slug):
    try:
        article = article_for_page(slug)
    except Article.DoesNotExist:
        article = None
    if article is not None and article.is_live:
        return render(request, "articles/article_detail.html", article_page_context(article))
    if article is not None and request.user.has_perm("articles.view_article"):
        return article_preview(request, article)
    # A live article at an address always wins over a redirect from it; an address given to a new
    # article keeps leading to its old one until the new one is out (articles.redirects).
    raise Http404("No such article")


def article_preview(request, article):
    """Drafts, articles in review and scheduled ones exist only for staff, as a preview at the
    address they will have; a preview is never cached and never indexed."""
    response = render(
        request, "articles/article_detail.html", {**article_page_context(article), "preview": True}
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@public_page
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


@public_page
@require_safe
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().for_listing().filter(author=author).order_by("-published_at")
    return render(
        request, "articles/author_detail.html", {"author": author, "page_obj": page_of(request, articles)}
    )


@public_page
@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {"query": query, "page_obj": None}
    if query:
        context["page_obj"] = search_page(query, request.GET.get("page"))
    if not context["page_obj"]:
        context["categories"] = Category.objects.filter(parent=None)
    response = render(request, "articles/search.html", context)
    # Result pages are endless and thin: not for search engines, though their links may be followed.
    response["X-Robots-Tag"] = "noindex, follow"
    return response
