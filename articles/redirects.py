"""Old addresses: where a renamed article (later, an imported WordPress permalink) lives now."""

from articles.models import Article, Redirect


def redirect_for(path: str, query_string: str = "") -> str | None:
    """The current address of the live article that `path` used to be, or None; one query.

    The query string (campaign tags, say) travels along.
    """
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
