"""The emails the newsletter app sends to subscribers: one function each. Every one carries the
one-click unsubscribe headers (RFC 8058) and the publisher's postal address, and none repeats
anything a visitor typed except their own address."""

from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.mail import queue_message, render_message
from core.richtext import html_as_text, with_absolute_urls
from newsletter.models import Campaign, Subscriber
from newsletter.tokens import confirm_token, unsubscribe_token


def unsubscribe_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])


def unsubscribe_headers(url: str) -> dict:
    """RFC 8058 one-click unsubscribe: mail providers show an "Unsubscribe" button and POST here."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# The name newsletter emails give the worker's check (registered in NewsletterConfig.ready); it is
# the function's old dotted path, which messages queued before the check was registered carry too.
UNWANTED_CHECK = "newsletter.emails.unwanted"


def unwanted(subscriber_id: int) -> bool:
    """Asked by the worker before each try: an erased or suppressed address gets nothing more."""
    status = Subscriber.objects.filter(pk=subscriber_id).values_list("status", flat=True).first()
    return status in (None, Subscriber.Status.SUPPRESSED)


def send(template: str, subscriber: Subscriber, **context) -> None:
    leave = unsubscribe_url(subscriber)
    context |= {"unsubscribe_url": leave, "postal_address": settings.NEWSLETTER_POSTAL_ADDRESS}
    headers = unsubscribe_headers(leave)
    message = render_message(
        f"newsletter/emails/{template}",
        context,
        to=[subscriber.email],
        headers=headers,
        skip_if=(UNWANTED_CHECK, [subscriber.pk]),
    )
    queue_message(message)


def confirmation(subscriber: Subscriber) -> None:
    path = reverse("newsletter:confirm", args=[confirm_token(subscriber)])
    send("confirm", subscriber, confirm_url=settings.SITE_URL + path)


def already_subscribed(subscriber: Subscriber) -> None:
    send("already_subscribed", subscriber)


def welcome(subscriber: Subscriber) -> None:
    send("welcome", subscriber)


# Campaigns. An issue goes to thousands of people, so it is rendered once (the CSS inlining is the
# costly part) with this stand-in for the unsubscribe link, and each recipient's copy only swaps it.
UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/placeholder/"


class CampaignEmail:
    """A campaign rendered for sending: HTML with inlined CSS and a plain-text part, every link
    absolute. No tracking pixel and no rewritten links: what readers click is what we wrote."""

    def __init__(self, campaign: Campaign, *, test: bool = False):
        body = with_absolute_urls(campaign.body, settings.SITE_URL)
        context = {
            "campaign": campaign,
            "body": mark_safe(body),  # noqa: S308 - cleaned by the allowlist just above
            "body_text": html_as_text(body),
            "site_url": settings.SITE_URL,
            "site_host": urlsplit(settings.SITE_URL).hostname,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "postal_address": settings.NEWSLETTER_POSTAL_ADDRESS,
            "test": test,
        }
        # Header injection: whatever staff typed, a subject is one line.
        self.subject = " ".join(campaign.subject.split())
        if test:
            self.subject = f"[Test] {self.subject}"
        html = render_to_string("newsletter/emails/campaign_body.html", context)
        # Media queries stay in a <style> element for the clients that read it; the rest is inlined.
        self.html = css_inline.inline(html, keep_at_rules=True, load_remote_stylesheets=False)
        self.text = render_to_string("newsletter/emails/campaign_body.txt", context)
        self.list_id = f"Healthy Back newsletter <newsletter.{context['site_host']}>"

    def message(self, address: str, unsubscribe: str) -> dict:
        """The copy for one recipient, with their own unsubscribe link (see core.mail)."""
        return {
            "subject": self.subject,
            "text": self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
            "html": self.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe)),
            "to": [address],
            "headers": {**unsubscribe_headers(unsubscribe), "List-Id": self.list_id},
            "skip_if": None,
        }

    def for_subscriber(self, email: str, token: str) -> dict:
        return self.message(email, unsubscribe_url(Subscriber(token=token)))
