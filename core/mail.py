"""Email: each message is a subject/text/HTML template triple, rendered in the request and
delivered by the background worker, which retries while the mail server is unavailable."""

import smtplib
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

# How long the worker keeps retrying a message before giving up (the failure stays in the admin).
GIVE_UP_AFTER = timedelta(days=1)
MAX_DELAY = timedelta(hours=1)


def render_message(
    template: str, context: dict, *, to: list[str], headers: dict | None = None, skip_if: tuple | None = None
) -> dict:
    """Render `<template>_subject.txt`, `_body.txt` and `_body.html` into a JSON-ready message.

    `skip_if` names a check registered with `register_skip_check` and its arguments, asked before
    every try whether the message has become unwanted meanwhile (say, the address was suppressed
    while the server was down).
    """
    context = {"site_url": settings.SITE_URL, **context}
    # Header injection: whatever the context holds, a subject is one line.
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    return {
        "subject": subject,
        "text": render_to_string(f"{template}_body.txt", context),
        "html": render_to_string(f"{template}_body.html", context),
        "to": to,
        "headers": {name: " ".join(str(value).split()) for name, value in (headers or {}).items()},
        "skip_if": list(skip_if) if skip_if else None,
    }


# Checks a queued message can name in its `skip_if`, filled in by the apps' AppConfig.ready (a name,
# not an import path, so this library imports no app and a message keeps no code path).
SKIP_CHECKS: dict[str, Callable[..., bool]] = {}


def register_skip_check(name: str, check: Callable[..., bool]) -> None:
    SKIP_CHECKS[name] = check


def queue_message(message: dict) -> None:
    """Hand a rendered message to the worker once the current transaction commits."""
    from core.tasks import deliver_email

    transaction.on_commit(lambda: deliver_email.enqueue(message))


def send_message(message: dict, connection=None) -> None:
    """Send a rendered message now (the worker's job); `connection` lets a batch share one."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["text"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message["to"],
        headers=message["headers"],
        connection=connection,
    )
    email.attach_alternative(message["html"], "text/html")
    email.send()


def retry_delay(attempt: int) -> timedelta:
    base = timedelta(seconds=settings.EMAIL_RETRY_SECONDS)
    return min(base * 2 ** (attempt - 1), MAX_DELAY)


def deliver(message: dict, *, first_tried_at: str | None, attempt: int) -> str:
    """Send now; if the mail server is unavailable, schedule another try (until GIVE_UP_AFTER)."""
    from core.tasks import deliver_email

    started = datetime.fromisoformat(first_tried_at) if first_tried_at else timezone.now()
    if message.get("skip_if"):
        name, args = message["skip_if"]
        if SKIP_CHECKS[name](*args):  # an unknown name fails the task, visibly: never a silent send
            return "not sent: no longer wanted"
    try:
        send_message(message)
    except (OSError, smtplib.SMTPException):
        if timezone.now() - started >= GIVE_UP_AFTER:
            raise  # the task is recorded as failed, with this error, in the admin's Task results
        run_after = timezone.now() + retry_delay(attempt)
        deliver_email.using(run_after=run_after).enqueue(message, started.isoformat(), attempt + 1)
        return f"mail server unavailable; try {attempt + 1} at {run_after.isoformat()}"
    return f"sent to {len(message['to'])} recipient(s)"
