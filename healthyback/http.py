"""Request helpers shared by the apps."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's IP address, for rate limits and consent records.

    Behind DJANGO_TRUSTED_PROXIES proxies (nginx, a load balancer) every visitor would otherwise share
    the proxy's address. Each proxy appends the address it saw to X-Forwarded-For, so the entry
    that many places from the end is the visitor's; anything further left was written by the
    visitor and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def on_csrf_failure(handler):
    """Let a view answer a POST that failed the CSRF check itself, usually with its form again,
    what was typed kept and a valid token. The forms of cached pages carry no token of their own,
    so a visitor without JavaScript (or whose script could not fetch one) meets this on their
    first try; healthyback.views.csrf_failure calls `handler(request, *args, **kwargs)`."""

    def decorate(view):
        view.on_csrf_failure = handler
        return view

    return decorate
