"""RSS and Atom feeds: the whole site, one category (with its subcategories), one author."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles.models import Article, Author, Category

FEED_LENGTH = 20
FEED_MAX_AGE = 15 * 60


def absolute(path: str) -> str:
    # SITE_URL rather than the request's host: feed readers keep these links for years.
    return settings.SITE_URL + path


class ArticleFeed(Feed):
    """The latest published articles; never drafts, articles in review or scheduled ones."""

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def articles(self, obj):
        return Article.objects.published().for_listing()

    def items(self, obj):
        return self.articles(obj).order_by("-published_at")[:FEED_LENGTH]

    url_name = "feed"

    def feed_url(self, obj):
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return absolute(reverse(self.url_name, kwargs=kwargs))

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take an RSS description and an Atom summary as HTML; the summary is plain text.
        return escape(item.summary)

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.substantively_updated_at or item.published_at

    def item_author_name(self, item):
        return item.author.name

    def item_author_email(self, item):
        # Nobody's address goes into a feed, not even a staff author's.
        return None

    def item_author_link(self, item):
        return absolute(item.author.get_absolute_url())

    def item_categories(self, item):
        category = item.category
        return [category.parent.name, category.name] if category.parent_id else [category.name]


class SiteFeed(ArticleFeed):
    title = "Healthy Back"
    description = "Clear, medically reviewed guidance for people living with back pain."

    def link(self, obj):
        return absolute(reverse("home"))


class CategoryFeed(ArticleFeed):
    url_name = "category_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def articles(self, obj):
        # A section's feed carries its topics' articles too, as its page does.
        return super().articles(obj).filter(Q(category=obj) | Q(category__parent=obj))

    def title(self, obj):
        return f"Healthy Back: {obj.name}"

    def description(self, obj):
        return obj.description or f"The latest Healthy Back articles on {obj.name}."

    def link(self, obj):
        return absolute(obj.get_absolute_url())


class AuthorFeed(ArticleFeed):
    url_name = "author_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def articles(self, obj):
        return super().articles(obj).filter(author=obj)

    def title(self, obj):
        return f"Healthy Back: articles by {obj.name}"

    def description(self, obj):
        return f"The latest Healthy Back articles by {obj.name_with_credentials}."

    def link(self, obj):
        return absolute(obj.get_absolute_url())


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self._get_dynamic_attr("description", obj)


class SiteAtomFeed(AtomMixin, SiteFeed):
    url_name = "feed_atom"


class CategoryAtomFeed(AtomMixin, CategoryFeed):
    url_name = "category_feed_atom"


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    url_name = "author_feed_atom"
