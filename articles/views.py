from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from articles.models import Article


@require_safe
def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.for_listing()
        .with_visibility()
        .select_related("reviewed_by")
        .prefetch_related("references"),
        slug=slug,
    )
    if article.is_live:
        return render(request, "articles/article_detail.html", {"article": article})
    # Drafts, articles in review and scheduled ones exist only for staff, as a preview at the
    # address they will have; a preview is never cached and never indexed.
    if not request.user.has_perm("articles.view_article"):
        raise Http404("No such article")
    response = render(request, "articles/article_detail.html", {"article": article, "preview": True})
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
