"""The emails the newsletter app sends to subscribers: one function each. Every one carries the
one-click unsubscribe headers (RFC 8058) and the publisher's postal address, and none repeats
anything a visitor typed except their own address."""

from django.conf import settings
from django.urls import reverse

from healthyback.mail import queue_message, render_message
from newsletter.models import Subscriber
from newsletter.tokens import confirm_token, unsubscribe_token


def unsubscribe_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])


def unwanted(subscriber_id: int) -> bool:
    """Asked by the worker before each try: an erased or suppressed address gets nothing more."""
    status = Subscriber.objects.filter(pk=subscriber_id).values_list("status", flat=True).first()
    return status in (None, Subscriber.Status.SUPPRESSED)


def send(template: str, subscriber: Subscriber, **context) -> None:
    leave = unsubscribe_url(subscriber)
    context |= {"unsubscribe_url": leave, "postal_address": settings.NEWSLETTER_POSTAL_ADDRESS}
    headers = {"List-Unsubscribe": f"<{leave}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    message = render_message(
        f"newsletter/emails/{template}",
        context,
        to=[subscriber.email],
        headers=headers,
        skip_if=("newsletter.emails.unwanted", [subscriber.pk]),
    )
    queue_message(message)


def confirmation(subscriber: Subscriber) -> None:
    path = reverse("newsletter:confirm", args=[confirm_token(subscriber)])
    send("confirm", subscriber, confirm_url=settings.SITE_URL + path)


def already_subscribed(subscriber: Subscriber) -> None:
    send("already_subscribed", subscriber)


def welcome(subscriber: Subscriber) -> None:
    send("welcome", subscriber)
