"""Reply emails for commenters: only to confirmed addresses, limited, and easy to stop."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, ReplySubscriber
from comments.services import REPLY_EMAILS_PER_DAY, comment_moderate
from tests.comments.conftest import comment_data, set_discussion

pytestmark = pytest.mark.django_db


def post(client, article, **overrides):
    return client.post(reverse("comments:post", args=[article.slug]), comment_data(**overrides))


def link(message, path_part) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"(https?://\S+{path_part}\S+/)", text).group(1).split("8000", 1)[-1]


@pytest.fixture
def asked(client, article, google, smtp_server, django_capture_on_commit_callbacks):
    """Maria comments and ticks "Email me when someone replies"."""
    set_discussion(flood_seconds=0)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, notify_replies="on")
    [confirmation] = smtp_server.messages
    return confirmation


def test_opting_in_sends_a_confirmation_once_a_day(client, article, google, smtp_server, asked,
                                                    django_capture_on_commit_callbacks):  # fmt: skip
    assert asked["To"] == "maria@example.com"
    assert asked["Subject"] == "[Healthy Back] Confirm that you want emails about replies"
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, notify_replies="on", body="Another comment")
    assert len(smtp_server.messages) == 1  # not again within a day
    assert not ReplySubscriber.objects.get().is_active


def test_confirming_asks_first_then_confirms(client, asked):
    url = link(asked, "/comments/replies/confirm/")
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    assert not ReplySubscriber.objects.get().is_active  # a mail scanner's GET or HEAD confirms nothing
    response = client.post(url)
    assert b"Confirmed" in response.content
    assert ReplySubscriber.objects.get().is_active


def test_expired_and_tampered_confirmation_links(client, asked):
    url = link(asked, "/comments/replies/confirm/")
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert client.post(url).status_code == 410
    assert client.post(url[:-4] + "abc/").status_code == 400
    assert not ReplySubscriber.objects.get().is_active


def approve_reply(article, parent, admin_user, body="Try a warm shower first.", email="sam@example.com"):
    reply = Comment.objects.create(article=article, parent=parent, name="Sam", email=email, body=body)
    comment_moderate(comment=reply, status="approved", by=admin_user)
    return reply


def test_a_confirmed_writer_hears_about_approved_replies_and_can_stop(client, article, asked, admin_user, smtp_server,
                                                                      django_capture_on_commit_callbacks):  # fmt: skip
    client.post(link(asked, "/comments/replies/confirm/"))
    parent = Comment.objects.get()
    parent.status = "approved"
    parent.save()

    with django_capture_on_commit_callbacks(execute=True):
        approve_reply(article, parent, admin_user)
        approve_reply(
            article, parent, admin_user, body="Own reply", email="MARIA@example.com"
        )  # no self-notice
    reply_email = smtp_server.messages[-1]
    assert len(smtp_server.messages) == 2
    assert (
        reply_email["Subject"].strip()
        == "[Healthy Back] Sam replied to your comment on “Living with sciatica”"
    )
    assert "Try a warm shower first." in reply_email.get_body(preferencelist=("plain",)).get_content()
    unsubscribe = reply_email["List-Unsubscribe"].strip("<>")
    assert reply_email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # One-click unsubscribe: a POST with no cookies and no CSRF token, as mail programs send it.
    from django.test import Client

    path = unsubscribe.split("8000", 1)[-1]
    assert Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not ReplySubscriber.objects.get().is_active
    assert Client().get(path).status_code == 200  # the link keeps working

    with django_capture_on_commit_callbacks(execute=True):
        approve_reply(article, parent, admin_user, body="After leaving")
    assert len(smtp_server.messages) == 2


def test_nothing_is_sent_before_confirmation_or_past_the_daily_limit(article, asked, admin_user, smtp_server,
                                                                     django_capture_on_commit_callbacks):  # fmt: skip
    parent = Comment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        approve_reply(article, parent, admin_user)
    assert len(smtp_server.messages) == 1  # only the confirmation

    ReplySubscriber.objects.update(confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(REPLY_EMAILS_PER_DAY + 3):
            approve_reply(article, parent, admin_user, body=f"Reply {number}")
    assert len(smtp_server.messages) == 1 + REPLY_EMAILS_PER_DAY


def test_tampered_unsubscribe_links_get_a_clear_page(client):
    response = client.post(reverse("comments:reply_unsubscribe", args=["nonsense"]))
    assert response.status_code == 400
    assert b"This link is not valid" in response.content
