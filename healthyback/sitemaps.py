"""The sitemap's parts that are not articles."""

from django.urls import reverse

from core.sitemaps import SiteSitemap
from healthyback.models import Page


class HomeSitemap(SiteSitemap):
    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class PageSitemap(SiteSitemap):
    def items(self):
        return Page.objects.order_by("pk")

    def lastmod(self, page):
        return page.updated_at
