"""The base every part of the sitemap shares."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps


class SiteSitemap(sitemaps.Sitemap):
    """Addresses built from SITE_URL, not from the Host header of whoever asked: the sitemap must
    name the canonical site even when fetched through another name (a load balancer, localhost)."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc
