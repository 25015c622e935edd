"""`manage.py seed_demo`: original demo content, safe to run again, and fast in bulk."""

import re
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils.html import strip_tags

from articles.models import Article, Author, Category, Reference
from demo import content as demo_content

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_creates_the_demo_site():
    output = seed()

    assert "Created 5 site pages, 9 categories, 4 authors, 14 articles" in output
    assert Category.objects.filter(parent=None).count() >= 3
    assert Category.objects.exclude(parent=None).count() >= 4
    assert Author.objects.filter(is_medical_reviewer=True).exists()
    assert Article.objects.published().count() == len(demo_content.ARTICLES) >= 12
    for article in Article.objects.all():
        assert article.references.exists()
        assert article.body.count("<h2>") >= 3
        assert len(strip_tags(article.body).split()) > 400
        assert article.featured_image_alt
        assert default_storage.exists(article.featured_image.name)
        assert [r["width"] for r in article.featured_image_renditions] == [400, 800, 1200, 1600]
    for author in Author.objects.all():
        assert default_storage.exists(author.avatar.name)
        assert author.avatar_renditions
    reviewed = Article.objects.exclude(reviewed_by=None).select_related("reviewed_by")
    assert reviewed
    assert all(a.reviewed_by.is_medical_reviewer for a in reviewed)


def test_seed_demo_is_idempotent():
    seed()
    counts = (
        Category.objects.count(),
        Author.objects.count(),
        Article.objects.count(),
        Reference.objects.count(),
    )

    output = seed()

    assert "already in place" in output
    assert counts == (
        Category.objects.count(),
        Author.objects.count(),
        Article.objects.count(),
        Reference.objects.count(),
    )


def test_extra_articles_reuse_the_demo_images_and_are_idempotent():
    seed()
    output = seed("--articles", "300")

    assert "Created 300 extra articles" in output
    assert Article.objects.published().count() == len(demo_content.ARTICLES) + 300
    extra = Article.objects.filter(slug__startswith="reader-question-").first()
    base_images = set(
        Article.objects.exclude(slug__startswith="reader-question-").values_list("featured_image", flat=True)
    )
    assert extra.featured_image.name in base_images
    assert extra.featured_image_renditions
    assert extra.references.exists()

    assert "already in place" in seed("--articles", "300")
    assert "Created 50 extra articles" in seed("--articles", "350")


def test_demo_content_is_internally_consistent():
    categories = {c["slug"] for c in demo_content.CATEGORIES}
    reviewers = {a["slug"] for a in demo_content.AUTHORS if a["is_medical_reviewer"]}
    for spec in demo_content.ARTICLES:
        assert spec["category"] in categories
        assert spec["reviewer"] in reviewers | {None}
        assert spec["reviewer"] != spec["author"]
        assert re.fullmatch(r"[a-z0-9-]+", spec["slug"])


def test_comments_per_article_makes_threads_once():
    from comments.models import Comment

    assert "Created 5 site pages" in seed("--comments-per-article", "6")
    per_article = {a.pk: a.comments.count() for a in Article.objects.all()}
    assert set(per_article.values()) == {6}
    assert Comment.objects.filter(depth=2).exists()
    assert "already in place" in seed("--comments-per-article", "6")
    assert Comment.objects.count() == 6 * len(per_article)
