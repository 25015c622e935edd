from django.db.models import Exists, OuterRef

from articles.models import Article, Author, Category
from core.sitemaps import SiteSitemap


class ArticleSitemap(SiteSitemap):
    def items(self):
        # Published only: drafts and scheduled articles are previews for staff, kept out of search.
        return (
            Article.objects.published()
            .only("slug", "published_at", "substantively_updated_at")
            .order_by("pk")
        )

    def lastmod(self, article):
        return article.substantively_updated_at or article.published_at


class CategorySitemap(SiteSitemap):
    def items(self):
        return Category.objects.order_by("pk")


class AuthorSitemap(SiteSitemap):
    def items(self):
        # Writers with something published; a page of nobody's articles is not worth a crawl.
        return Author.objects.filter(
            Exists(Article.objects.published().filter(author=OuterRef("pk")))
        ).order_by("pk")
