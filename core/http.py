"""Request helpers shared by the apps."""

import ipaddress

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render


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


FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class FormEncodingMiddleware:
    """A form POST whose body cannot be read (a urlencoded one that says it is not UTF-8, a
    multipart one without a boundary or cut short) gets the site's 400 page, here.

    Django refuses such a body (BadRequest, MultiPartParserError) whenever request.POST is read, and
    its own error views (the 404 page of an unknown address) read it again for their CSRF check, so
    the refusal escaped them as the server's bare 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            try:
                request.POST  # noqa: B018 - parsed now, as the CSRF check would parse it anyway
            except (BadRequest, MultiPartParserError):
                return render(request, "400.html", status=400)
        return self.get_response(request)
