"""Commenters' personal data: kept no longer than needed, exported and erased on request."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from comments.models import Comment, ReplySubscriber

pytestmark = pytest.mark.django_db


def make_comment(article, days_old=0, **fields):
    fields.setdefault("name", "Maria T.")
    fields.setdefault("email", "maria@example.com")
    fields.setdefault("status", "approved")
    return Comment.objects.create(
        article=article, body=fields.pop("body", "Thanks."), ip_address="203.0.113.7", user_agent="Firefox",
        created_at=timezone.now() - timedelta(days=days_old), **fields,
    )  # fmt: skip


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_purge_forgets_old_details_and_old_spam_and_says_how_much(article):
    recent = make_comment(article, days_old=10)
    old = make_comment(article, days_old=61, body="Old but approved")
    old_spam = make_comment(article, days_old=31, status="spam", body="spam")
    old_removed = make_comment(article, days_old=40, status="removed", body="removed")
    fresh_spam = make_comment(article, days_old=5, status="spam", body="new spam")

    output = run("purge_comment_data")

    assert (
        output.strip()
        == "Scrubbed IP and browser details from 1 comment; deleted 2 spam or removed comments."
    )
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent, old.body) == (None, "", "Old but approved")
    assert recent.ip_address == "203.0.113.7"
    assert not Comment.objects.filter(pk__in=[old_spam.pk, old_removed.pk]).exists()
    assert Comment.objects.filter(pk=fresh_spam.pk).exists()
    assert "Scrubbed IP and browser details from 0 comments; deleted 0" in run("purge_comment_data")


def test_export_lists_everything_stored_about_an_address(article):
    make_comment(article, body="First")
    make_comment(article, body="Second", email="MARIA@example.com")
    make_comment(article, body="Someone else", email="sam@example.com")

    ReplySubscriber.objects.create(email="maria@example.com", confirmed_at=timezone.now())
    data = json.loads(run("export_personal_data", "maria@example.com"))
    assert data["reply_emails"]["confirmed_at"]

    assert [c["body"] for c in data["comments"]] == ["First", "Second"]
    assert data["comments"][0]["ip_address"] == "203.0.113.7"
    assert data["comments"][0]["url"].startswith("/articles/sciatica/#comment-")


def test_erasure_keeps_the_text_as_former_reader_or_deletes(article, client):
    kept = make_comment(article, body="Walking helped.", website="https://maria.example", notify_replies=True)
    ReplySubscriber.objects.create(email="maria@example.com", confirmed_at=timezone.now())
    make_comment(article, body="Sam's", name="Sam", email="sam@example.com")

    assert (
        run("erase_personal_data", "Maria@Example.com").strip()
        == "Anonymised 1 comment by Maria@Example.com."
    )
    kept.refresh_from_db()
    assert (kept.name, kept.email, kept.website, kept.ip_address, kept.user_agent) == (
        "Former reader", "erased@invalid", "", None, ""
    )  # fmt: skip
    assert not ReplySubscriber.objects.exists()
    assert kept.notify_replies is False
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Former reader" in page
    assert "Walking helped." in page
    assert "maria" not in page.lower()

    assert (
        run("erase_personal_data", "sam@example.com", "--delete").strip()
        == "Deleted 1 comment by sam@example.com."
    )
    assert not Comment.objects.filter(body="Sam's").exists()


def test_staff_export_and_erase_from_the_admin(admin_client, article):
    comment = make_comment(article, body="From the admin")
    url = reverse("admin:comments_comment_changelist")

    export = admin_client.post(url, {"action": "export_personal_data", "_selected_action": [comment.pk]})
    assert export["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    assert json.loads(export.content)[0]["comments"][0]["body"] == "From the admin"

    confirm = admin_client.post(url, {"action": "erase_personal_data", "_selected_action": [comment.pk]})
    assertContains(confirm, "maria@example.com")
    comment.refresh_from_db()
    assert comment.email == "maria@example.com"  # nothing erased before confirming

    done = admin_client.post(
        url,
        {"action": "erase_personal_data", "_selected_action": [comment.pk], "erase": "anonymise"},
        follow=True,
    )
    assertContains(done, "Anonymised 1 comment by 1 address.")
    comment.refresh_from_db()
    assert comment.name == "Former reader"
