"""Moderators work in the admin: lists with counts, bulk actions, the thread, replies as staff."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from comments.models import Comment, DiscussionSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(article):
    return Comment.objects.create(
        article=article, name="Sam", email="sam@example.com", body="Does heat help?", ip_address="203.0.113.9",
        held_reason="awaiting moderation",
    )  # fmt: skip


def test_the_comment_list_shows_counts_and_what_moderators_need(admin_client, held):
    Comment.objects.create(article=held.article, name="Bot", email="b@x.org", body="buy", status="spam")
    response = admin_client.get(reverse("admin:comments_comment_changelist"))
    assertContains(response, "sam@example.com")
    assertContains(response, "203.0.113.9")
    assertContains(response, "Living with sciatica")
    assertContains(response, "Pending (1)")
    assertContains(response, "Spam (1)")
    assert admin_client.get(reverse("admin:comments_comment_changelist"), {"q": "heat"}).status_code == 200


def test_bulk_actions_record_who_moderated(admin_client, admin_user, held):
    url = reverse("admin:comments_comment_changelist")
    for action, status in [
        ("mark_spam", "spam"),
        ("restore", "pending"),
        ("remove", "removed"),
        ("approve", "approved"),
    ]:
        admin_client.post(url, {"action": action, "_selected_action": [held.pk]})
        held.refresh_from_db()
        assert held.status == status
        assert held.moderated_by == admin_user


def test_the_change_form_shows_the_thread_and_a_staff_reply_is_published(admin_client, admin_user, held):
    url = reverse("admin:comments_comment_change", args=[held.pk])
    response = admin_client.get(url)
    assertContains(response, "Does heat help?")
    assertContains(response, 'class="admin-thread"')

    response = admin_client.post(url, {
        "status": "approved", "name": "Sam", "email": "sam@example.com", "website": "", "body": "Does heat help?",
        "staff_reply": "Many readers find a warm pack soothing; ask your clinician if it persists.",
    })  # fmt: skip
    assert response.status_code == 302
    reply = Comment.objects.get(parent=held)
    assert reply.status == "approved"
    assert reply.staff_author == admin_user
    held.refresh_from_db()
    assert held.status == "approved"
    assert held.moderated_by == admin_user


def test_discussion_settings_open_in_one_click(admin_client):
    response = admin_client.get(reverse("admin:comments_discussionsettings_changelist"))
    assert response.status_code == 302
    page = admin_client.get(response.headers["Location"])
    assertContains(page, "chest pain")
    assert DiscussionSettings.objects.count() == 1


def test_view_on_site_points_at_the_comment(admin_client, held):
    response = admin_client.get(reverse("admin:comments_comment_change", args=[held.pk]))
    assertContains(response, f"#comment-{held.pk}")
