import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from newsletter.models import Subscriber

LINK = re.compile(r"https?://[^\s<>\"]+/newsletter/(confirm|unsubscribe)/[^\s<>\"]+/")


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """POST the sign-up box as a visitor from an address, running what the request queued."""

    def post(email="reader@example.com", *, ip="198.51.100.7", client=client, **fields):
        data = {"email": email, "source": "/articles/sciatica/", **fields}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/newsletter/subscribe/", data, REMOTE_ADDR=ip)

    return post


@pytest.fixture
def run_commits(django_capture_on_commit_callbacks):
    """Run a block and then the emails its transaction queued."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def link_in(message, kind: str) -> str:
    """The path of the confirm or unsubscribe link in an email's text part."""
    for match in LINK.finditer(message.body):
        if match.group(1) == kind:
            return urlsplit(match.group(0)).path
    raise AssertionError(f"no {kind} link in {message.body!r}")


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def make_subscriber(email="reader@example.com", status=Subscriber.Status.PENDING, **fields) -> Subscriber:
    return Subscriber.objects.create(email=email, status=status, **fields)
