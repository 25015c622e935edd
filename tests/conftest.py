import os
from contextlib import contextmanager

import pytest

from tests.factories import make_user

# Playwright's sync API runs an event loop in the test thread; the ORM calls that tests make
# alongside it (live_server data set-up) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # With REDIS_URL set the caches outlive a test; start every test from empty ones. (Stored pages
    # must go too: the database is rolled back after each test, the content generation is not.)
    from django.core.cache import caches

    from core import pagecache

    for cache in caches.all():
        cache.clear()
    # Nor may a test inherit another's pause after a store error (a dead Redis it set up).
    pagecache._paused_until = 0.0
    pagecache._owed_invalidation = False
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def uncached_pages(settings):
    """Every request renders its page: for tests that count the queries of a render."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a throwaway folder, never the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def import_root(settings, tmp_path):
    """Uploaded WordPress exports (private, outside MEDIA_ROOT) go to a throwaway folder too."""
    settings.WORDPRESS_IMPORT_ROOT = tmp_path / "imports"
    return settings.WORDPRESS_IMPORT_ROOT


@pytest.fixture
def google():
    """Google's reCAPTCHA verification says yes, patched at the one function that calls Google."""
    from unittest import mock

    from django_recaptcha.client import RecaptchaResponse

    with mock.patch(
        "django_recaptcha.client.submit", return_value=RecaptchaResponse(is_valid=True)
    ) as submit:
        yield submit


@pytest.fixture
def outsider(db):
    """A signed-in account with no staff rights."""
    return make_user("outsider")


class MailBox:
    """What a real SMTP server on this machine received (aiosmtpd)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def send_mail_to(settings, port: int) -> None:
    """Django's real SMTP backend, pointed at 127.0.0.1:port."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


@contextmanager
def smtp_server_on(port: int, mailbox: "MailBox | None" = None):
    """A real SMTP server (aiosmtpd) on 127.0.0.1:port for the duration of the block."""
    from aiosmtpd.controller import Controller

    mailbox = mailbox or MailBox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailbox.port = port
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(settings):
    """Django's real SMTP backend talking to a real SMTP server on 127.0.0.1."""
    port = free_port()
    send_mail_to(settings, port)
    with smtp_server_on(port) as mailbox:
        yield mailbox
