import time
import urllib.error
from unittest import mock

import pytest
from django.core import signing
from django_recaptcha.client import RecaptchaResponse

from core.forms import STARTED_SALT
from tests.factories import make_article, make_author, make_category


@pytest.fixture
def article(db):
    return make_article(
        "Living with sciatica",
        slug="sciatica",
        category=make_category("Sciatica"),
        author=make_author("Dana Reyes"),
    )


def google_fails(error):
    return mock.patch("django_recaptcha.client.submit", side_effect=error)


def google_answers(**answer):
    return mock.patch("django_recaptcha.client.submit", return_value=RecaptchaResponse(**answer))


NETWORK_ERRORS = [
    urllib.error.URLError(OSError(-2, "Name or service not known")),
    TimeoutError("timed out"),
    urllib.error.HTTPError("https://www.google.com/recaptcha/api/siteverify", 503, "Unavailable", {}, None),
]


def comment_data(**overrides):
    data = {
        "name": "Maria T.",
        "email": "maria@example.com",
        "website": "",
        "body": "Short walks every morning helped me more than anything else.",
        "parent": "",
        "phone": "",
        "started": signing.dumps(int(time.time()) - 60, salt=STARTED_SALT),
        "g-recaptcha-response": "token-from-the-widget",
    }
    return data | overrides


def set_discussion(**changes):
    """Change the discussion settings (the row may have been flushed by a transactional test)."""
    from comments.models import DiscussionSettings

    settings_row = DiscussionSettings.current()
    for name, value in changes.items():
        setattr(settings_row, name, value)
    settings_row.save()
