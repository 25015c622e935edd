"""How comments appear under an article: escaped, safe links, threads, no emails, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from tests.factories import make_user
from tests.html import parse_html

pytestmark = pytest.mark.django_db


def approved(article, body="Nice article.", **fields):
    fields.setdefault("name", "Maria T.")
    fields.setdefault("email", "maria.private@example.com")
    return Comment.objects.create(article=article, body=body, status="approved", **fields)


def comments_of(client, article):
    return parse_html(client.get(article.get_absolute_url())).find("section", id="comments")


def test_bodies_are_escaped_with_paragraphs_and_safe_links(client, article):
    comment = approved(
        article,
        body='<script>alert("x")</script> See https://example.org/guide\n\nSecond <b>paragraph</b>\nline two',
        website="https://maria.example",
    )

    section = comments_of(client, article)
    body = section.find("div", class_="comment-body")
    assert [p.text for p in body.find_all("p")] == [
        '<script>alert("x")</script> See https://example.org/guide',
        "Second <b>paragraph</b> line two",
    ]
    assert not body.find_all("script")
    assert not body.find_all("b")
    link = body.find("a")
    assert (link.attrs["href"], link.attrs["rel"]) == ("https://example.org/guide", "nofollow ugc noopener")
    author = section.find("li", id=f"comment-{comment.pk}").find("span", class_="comment-author").find("a")
    assert (author.attrs["href"], author.attrs["rel"]) == ("https://maria.example", "nofollow ugc noopener")


def test_names_are_text_wherever_the_thread_shows_them(client, article):
    name = '<img src=x onerror=alert(1)> "Bo" & Co'
    approved(article, name=name, website='https://bo.example/?a=1&b="2"')
    section = comments_of(client, article)
    assert not section.find_all("img")
    author = section.find("span", class_="comment-author").find("a")
    assert author.text == name
    assert author.attrs["href"] == 'https://bo.example/?a=1&b="2"'
    reply = section.find("a", class_="comment-reply")
    assert (reply.attrs["data-reply-name"], reply.attrs["aria-label"]) == (name, f"Reply to {name}")


def test_a_website_that_is_not_http_is_never_linked(client, article):
    approved(article, website="javascript:alert(1)")
    section = comments_of(client, article)
    assert not section.find("span", class_="comment-author").find_all("a")


def test_emails_never_reach_the_page(client, article):
    approved(article)
    response = client.get(article.get_absolute_url())
    assert b"maria.private@example.com" not in response.content
    assert b"gravatar" not in response.content.lower()


def test_avatars_are_initials_made_here(client, article):
    approved(article, name="maria torres")
    avatar = comments_of(client, article).find("span", class_="comment-avatar")
    assert avatar.text == "MT"


def test_threads_nest_in_order_with_permalinks_and_reply_links(client, article):
    first = approved(article, body="First")
    reply = approved(article, body="Reply", parent=first)
    deeper = approved(article, body="Deeper", parent=reply)
    second = approved(article, body="Second")

    section = comments_of(client, article)
    top = section.find("ol", class_="comment-list")
    assert [li.attrs["id"] for li in top.children] == [f"comment-{first.pk}", f"comment-{second.pk}"]
    nested = section.find("li", id=f"comment-{reply.pk}")
    assert nested.find("li", id=f"comment-{deeper.pk}")
    assert nested.find("a", class_="comment-permalink").attrs["href"] == f"#comment-{reply.pk}"
    # The default depth is 3: the third level gets no Reply link.
    assert section.find("li", id=f"comment-{first.pk}").find("a", class_="comment-reply")
    assert (
        not section.find("li", id=f"comment-{deeper.pk}")
        .find("article")
        .find_all("a", class_="comment-reply")
    )
    assert section.find("h2").text == "4 comments"


def test_pending_spam_and_removed_comments_are_not_shown(client, article):
    for status in ["pending", "spam", "removed"]:
        Comment.objects.create(
            article=article, name="X", email="x@x.org", body=f"{status} body", status=status
        )
    section = comments_of(client, article)
    assert "body" not in section.text
    assert section.find("h2").text == "Comments"


def test_staff_replies_carry_a_badge(client, article):
    approved(article, name="Editor", staff_author=make_user("editor", staff=True))
    assert comments_of(client, article).find("span", class_="badge-staff").text == "Healthy Back team"


@pytest.mark.usefixtures("uncached_pages")
def test_the_article_page_runs_the_same_queries_with_0_and_50_comments(client, article):
    url = article.get_absolute_url()
    with CaptureQueriesContext(connection) as without:
        client.get(url)
    tops = [approved(article, body=f"Comment {n}") for n in range(25)]
    for n, parent in enumerate(tops):
        approved(article, body=f"Reply {n}", parent=parent)
    with CaptureQueriesContext(connection) as with_50:
        response = client.get(url)
    assert len(parse_html(response).find_all("div", class_="comment-body")) == 50
    assert len(with_50) == len(without)


def test_approving_in_the_admin_shows_the_comment_at_once(client, article, admin_client):
    pending = Comment.objects.create(article=article, name="Sam", email="s@x.org", body="Helpful, thanks.")
    admin_client.post(
        reverse("admin:comments_comment_changelist"), {"action": "approve", "_selected_action": [pending.pk]}
    )
    assert "Helpful, thanks." in comments_of(client, article).text
    admin_client.post(
        reverse("admin:comments_comment_changelist"), {"action": "remove", "_selected_action": [pending.pk]}
    )
    assert "Helpful, thanks." not in comments_of(client, article).text


def test_a_staff_preview_of_a_draft_takes_no_comments(admin_client, article):
    type(article).objects.filter(pk=article.pk).update(status="draft")
    section = parse_html(admin_client.get(article.get_absolute_url())).find("section", id="comments")
    assert not section.find_all("form")


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_readers_without_javascript_are_told_what_commenting_needs(client, article, settings, version):
    settings.RECAPTCHA_VERSION = version
    form = parse_html(client.get(article.get_absolute_url())).find("form", class_="comment-form")
    assert (
        form.find("noscript").text.strip() == "Commenting needs JavaScript for the “I'm not a robot” check."
    )
    assert form.find(class_="recaptcha-slot").attrs["data-version"] == version
