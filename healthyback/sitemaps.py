"""The sitemap's parts that are not articles, and the base every part shares."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps
from django.urls import reverse

from healthyback.models import Page


class SiteSitemap(sitemaps.Sitemap):
    """Addresses built from SITE_URL, not from the Host header of whoever asked: the sitemap must
    name the canonical site even when fetched through another name (a load balancer, localhost)."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


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
