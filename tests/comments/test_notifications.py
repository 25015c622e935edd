"""Moderators hear about held comments at once, by email, with one-click links for them only."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from comments.emails import notify_moderators
from comments.links import make_token
from comments.models import Comment
from tests.comments.conftest import comment_data
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    user = make_user("mod", staff=True)
    user.email = "mod@healthyback.example"
    user.save()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def held_comment(article, **fields):
    fields.setdefault("name", "Maria T.")
    return Comment.objects.create(
        article=article, email="maria@example.com", body=fields.pop("body", "Does heat help?"),
        held_reason="awaiting moderation", **fields,
    )  # fmt: skip


def links_in(message) -> dict[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return dict(re.findall(r"^(Approve|Mark as spam|Open in the admin): (\S+)\r?$", text, re.M))


def test_posting_a_held_comment_emails_each_moderator(client, article, google, moderator, smtp_server,
                                                      django_capture_on_commit_callbacks, settings):  # fmt: skip
    settings.SITE_URL = "https://healthyback.example"
    make_user("other-staff", staff=True)  # not a moderator: no email
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comments:post", args=[article.slug]), comment_data(name="Maria T."))

    [message] = smtp_server.messages
    assert message["To"] == "mod@healthyback.example"
    # (The parser keeps a space left by the RFC 2047 encoding of the curly quotes.)
    assert message["Subject"].strip() == "[Healthy Back] New comment to moderate on “Living with sciatica”"
    links = links_in(message)
    assert links["Approve"].startswith("https://healthyback.example/comments/moderate/")
    assert links["Open in the admin"].endswith(f"/admin/comments/comment/{Comment.objects.get().pk}/change/")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Short walks every morning" in html


def test_the_email_escapes_the_comment_and_keeps_headers_on_one_line(article, moderator, smtp_server,
                                                                     django_capture_on_commit_callbacks):  # fmt: skip
    article.title = "Sleep\r\nBcc: victim@example.com"
    article.save()
    comment = held_comment(
        article, name="Eve\nBcc: x@example.com", body='<script>alert("x")</script> & <b>bold</b>'
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify_moderators(comment.pk)

    [message] = smtp_server.messages
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"]
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    assert "<b>bold</b>" not in html


def act(client, token, method="get"):
    url = reverse("comments:moderate", args=[token])
    return getattr(client, method)(url)


def test_a_link_asks_first_then_acts_once(client, article, moderator):
    comment = held_comment(article)
    token = make_token(comment_id=comment.pk, user_id=moderator.pk, action="approve")

    page = act(client, token)
    assert page.status_code == 200
    assert b"Approve this comment?" in page.content
    assert act(client, token, "head").status_code == 200
    comment.refresh_from_db()
    assert comment.status == "pending"  # a mail scanner opening the link changes nothing

    done = act(client, token, "post")
    assert done.status_code == 200
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == ("approved", moderator)

    again = act(client, token, "post")
    assert again.status_code == 409
    assert b"Already handled" in again.content


def test_spam_link(client, article, moderator):
    comment = held_comment(article)
    act(client, make_token(comment_id=comment.pk, user_id=moderator.pk, action="spam"), "post")
    comment.refresh_from_db()
    assert comment.status == "spam"


def test_expired_tampered_and_foreign_links_get_clear_pages(client, article, moderator):
    comment = held_comment(article)
    token = make_token(comment_id=comment.pk, user_id=moderator.pk, action="approve")

    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        expired = act(client, token, "post")
    assert expired.status_code == 410
    assert b"This link has expired" in expired.content

    tampered = act(client, token[:-3] + "xyz", "post")
    assert tampered.status_code == 400
    assert b"This link is not valid" in tampered.content
    assert act(client, "not-a-token").status_code == 400

    other = make_user("other-mod", staff=True)
    other.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(other)
    foreign = act(client, token, "post")
    assert foreign.status_code == 403

    client.logout()
    moderator.groups.clear()  # no longer a moderator
    assert act(client, token, "post").status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_no_email_for_spam_or_approved_comments(
    article, moderator, smtp_server, django_capture_on_commit_callbacks
):
    comment = held_comment(article, status="spam")
    assert notify_moderators(comment.pk) == 0
    assert smtp_server.messages == []


def prefer(user, frequency):
    from comments.models import ModeratorPreference

    ModeratorPreference.objects.update_or_create(user=user, defaults={"frequency": frequency})


def test_digest_moderators_get_one_daily_email_instead(article, moderator, smtp_server,
                                                       django_capture_on_commit_callbacks):  # fmt: skip
    from io import StringIO

    from django.core.management import call_command

    prefer(moderator, "daily")
    first = held_comment(article, body="First question")
    held_comment(article, body="Second question")
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_moderators(first.pk) == 0  # no email per comment
        out = StringIO()
        call_command("send_moderation_digest", stdout=out)
    assert out.getvalue().strip() == "Queued 1 digest email(s)."

    [digest] = smtp_server.messages
    assert digest["Subject"] == "[Healthy Back] 2 comments waiting for moderation"
    text = digest.get_body(preferencelist=("plain",)).get_content()
    assert "First question" in text
    assert "Second question" in text
    assert text.count("Approve: ") == 2

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_moderation_digest", stdout=StringIO())  # nothing new since
    assert len(smtp_server.messages) == 1


def test_moderators_can_turn_emails_off(article, moderator, smtp_server, django_capture_on_commit_callbacks):
    from comments.emails import send_moderation_digests

    prefer(moderator, "off")
    comment = held_comment(article)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_moderators(comment.pk) == 0
        assert send_moderation_digests() == 0
    assert smtp_server.messages == []


def test_a_flood_of_held_comments_costs_moderators_a_few_emails_then_one_summary(
    client, article, moderator, smtp_server, django_capture_on_commit_callbacks, settings
):
    from comments.emails import send_held_comment_summaries
    from tests.comments.conftest import NETWORK_ERRORS, google_fails

    settings.MODERATION_EMAILS_PER_HOUR = 3
    # Google down for us too: every comment is let through, held (the case a bot would love).
    with google_fails(NETWORK_ERRORS[0]), django_capture_on_commit_callbacks(execute=True):
        for number in range(20):
            client.post(
                reverse("comments:post", args=[article.slug]),
                comment_data(body=f"Buy pills number {number} now", email=f"bot{number}@example.com"),
                REMOTE_ADDR=f"198.51.100.{number + 1}",
            )
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 20
    assert len(smtp_server.messages) == 3  # the hourly allowance of single emails

    Comment.objects.filter(body__contains="number 19").update(status=Comment.Status.SPAM)  # handled meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        assert send_held_comment_summaries() == 1
        assert send_held_comment_summaries() == 0  # each comment is summed up once
    summary = smtp_server.messages[-1]
    assert summary["Subject"] == "[Healthy Back] 16 comments waiting for moderation"
    text = summary.get_body(preferencelist=("plain",)).get_content()
    assert text.count("Approve: ") == 16
    assert "number 19" not in text
    assert "More comments were held in the last hour than we email one by one" in text

    # An hour on, single emails resume.
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=61)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert notify_moderators(held_comment(article, body="A real question").pk) == 1


def test_a_summary_lists_fifty_and_says_how_many_more(article, moderator, smtp_server, settings,
                                                      django_capture_on_commit_callbacks):  # fmt: skip
    from comments.emails import send_held_comment_summaries

    for number in range(53):
        held_comment(article, body=f"Question {number}")
    with django_capture_on_commit_callbacks(execute=True):
        send_held_comment_summaries()
    [summary] = smtp_server.messages
    text = summary.get_body(preferencelist=("plain",)).get_content()
    assert text.count("Approve: ") == 50
    assert "And 3 more: " in text
