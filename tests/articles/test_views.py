"""The article address: public once published, a never-cached, unindexed preview for staff before."""

import pytest
from pytest_django.asserts import assertContains

from articles.models import Article
from tests.factories import NOT_YET_PUBLIC, NOT_YET_PUBLIC_IDS, make_article, make_user

pytestmark = pytest.mark.django_db


def test_a_published_article_is_public(client):
    article = make_article("Sciatica explained", body="<h2>What it is</h2><p>Nerve pain.</p>")

    response = client.get(article.get_absolute_url())

    assertContains(response, "<h1>Sciatica explained</h1>", html=True)
    assertContains(response, "<h2>What it is</h2>", html=True)
    assert "noindex" not in response.headers.get("X-Robots-Tag", "")


@pytest.mark.parametrize("state", NOT_YET_PUBLIC, ids=NOT_YET_PUBLIC_IDS)
def test_unpublished_articles_are_404_for_visitors_and_a_preview_for_staff(client, state):
    article = make_article("Not yet", **state)
    url = article.get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(make_user("reader"))
    assert client.get(url).status_code == 404

    client.force_login(make_user("editor", superuser=True))
    response = client.get(url)
    assertContains(response, "Only staff can see this page.")
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response.headers["Cache-Control"]
    assertContains(response, '<meta name="robots" content="noindex, nofollow">', html=True)


def test_unknown_articles_are_404(client):
    assert client.get("/articles/no-such-article/").status_code == 404


def test_the_page_renders_the_body_cleaned_even_if_the_row_was_not(client):
    article = make_article("Legacy")
    Article.objects.filter(pk=article.pk).update(body='<p>Old</p><script>alert("x")</script>')

    response = client.get(article.get_absolute_url())

    assertContains(response, "<p>Old</p>", html=True)
    assert b'alert("x")' not in response.content
