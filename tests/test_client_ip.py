"""Rate limits and consent records need the visitor's address, also behind a proxy, and never one
the visitor wrote into a header."""

import pytest
from django.test import RequestFactory

from core.http import client_ip


def request(remote="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_ip(request(remote="198.51.100.7", forwarded="203.0.113.1")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the visitor's own claim is ignored
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "", "10.0.0.2"),  # no header: the proxy's address rather than nothing
        (2, "198.51.100.7", "10.0.0.2"),  # fewer hops than proxies: not trustworthy
        (1, "not-an-ip", "10.0.0.2"),
    ],
)
def test_behind_proxies_the_address_they_saw_is_used(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    assert client_ip(request(forwarded=forwarded)) == expected


@pytest.mark.django_db
def test_the_newsletter_limit_counts_visitors_not_the_proxy(settings, client):
    from newsletter.models import Subscriber

    settings.TRUSTED_PROXIES = 1
    for n in range(12):
        client.post("/newsletter/subscribe/", {"email": f"p{n}@example.com"}, REMOTE_ADDR="10.0.0.2",
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")  # fmt: skip
    assert Subscriber.objects.count() == 12  # one proxy address would have stopped at 10
