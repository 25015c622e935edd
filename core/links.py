"""Emailed links that act (confirm, unsubscribe, moderate): reading their signed tokens, and the
page that answers them. Shared by the apps, so every such page keeps its token to itself."""

from django.core import signing
from django.shortcuts import render


class LinkInvalid(Exception):
    """Forged, cut short by an email program, or not one of ours."""


class LinkExpired(Exception):
    """Genuine but too old; `value` still says what it named, so a fresh link can be offered."""

    def __init__(self, value=None):
        super().__init__(value)
        self.value = value


def read_signed(token: str, *, salt: str, max_age=None):
    """The value signed into `token` (signing.dumps), or LinkInvalid / LinkExpired."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkExpired(signing.loads(token, salt=salt)) from None
    except signing.BadSignature:
        raise LinkInvalid from None


def link_page(request, template: str, context: dict, *, status: int = 200):
    """A page answering an emailed link: never indexed, never stored, and its address (which holds
    the token) never sent to another site as a Referer. (Not "no-referrer": browsers then send
    "Origin: null" with the page's own form, and the CSRF check refuses it.)"""
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response
