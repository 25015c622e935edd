"""Old addresses: where a renamed article, or an imported WordPress post, lives now."""

import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from articles.models import Article, Redirect

WORDPRESS_POST_ID = re.compile(r"[1-9][0-9]{0,18}")


def redirect_for(path: str, query_string: str = "") -> str | None:
    """The current address of the live article that `path` used to be, or None; one query.

    The query string (campaign tags, say) travels along.
    """
    if "\x00" in path:  # no address holds one, and PostgreSQL refuses it in a query: a 404
        return None
    redirect = (
        Redirect.objects.filter(old_path=path, article__in=Article.objects.published())
        .select_related("article")
        .first()
    )
    if redirect is None:
        return None
    url = redirect.article.get_absolute_url()
    if url == path:
        return None
    return f"{url}?{query_string}" if query_string else url


def permanent_redirect(url: str) -> HttpResponsePermanentRedirect:
    response = HttpResponsePermanentRedirect(url)
    # Browsers keep a 301 for as long as they are allowed to. A rename can be undone (b → a), and a
    # browser still holding a → b would then loop; an hour keeps the hop cheap and any loop short.
    patch_cache_control(response, public=True, max_age=60 * 60)
    return response


class OldAddressMiddleware:
    """Old addresses answer 301 with the article's address: any page that would be a 404, and
    WordPress's `/?p=<id>` links, whose path is our home page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in {"GET", "HEAD"}:
            return self.get_response(request)
        post_id = request.GET.get("p", "") if request.path == "/" else ""
        if WORDPRESS_POST_ID.fullmatch(post_id) and (url := redirect_for(f"/?p={post_id}")):
            return permanent_redirect(url)
        response = self.get_response(request)
        if response.status_code == 404 and not getattr(request, "old_address_checked", False):
            return self.redirect(request) or response
        return response

    def process_exception(self, request, exception):
        # A view's 404 (an article no longer at this address) is caught before the 404 page is
        # rendered: a renamed article's old address costs two queries.
        if isinstance(exception, Http404) and request.method in {"GET", "HEAD"}:
            return self.redirect(request)
        return None

    def redirect(self, request):
        request.old_address_checked = True
        query = request.META.get("QUERY_STRING", "")
        url = redirect_for(request.path, query)
        if url is None and not request.path.endswith("/"):  # WordPress answers both; so do we
            url = redirect_for(request.path + "/", query)
        return permanent_redirect(url) if url else None
