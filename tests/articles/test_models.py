"""Articles, categories, authors: the rules the database and the models keep."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Category
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db


def violates_database_rule(callable_):
    try:
        with transaction.atomic():
            callable_()
    except IntegrityError:
        return True
    return False


def test_slugs_are_unique_in_the_database():
    make_article(slug="sciatica")
    assert violates_database_rule(lambda: make_article(slug="sciatica"))
    make_category(slug="sleep")
    assert violates_database_rule(lambda: make_category(slug="sleep"))
    make_author(slug="dana")
    assert violates_database_rule(lambda: make_author(slug="dana"))


def test_a_published_article_needs_a_publication_date_in_the_database():
    article = make_article(status=Article.Status.DRAFT)
    assert violates_database_rule(lambda: Article.objects.filter(pk=article.pk).update(status="published"))


def test_a_completed_review_needs_reviewer_and_date_together():
    reviewer = make_author(reviewer=True)
    article = make_article()
    assert violates_database_rule(lambda: Article.objects.filter(pk=article.pk).update(reviewed_by=reviewer))
    assert violates_database_rule(
        lambda: Article.objects.filter(pk=article.pk).update(reviewed_at=timezone.now())
    )


def test_only_medical_reviewers_can_review_even_bypassing_the_forms():
    writer = make_author(reviewer=False)
    reviewer = make_author(reviewer=True)
    article = make_article()
    now = timezone.now()

    assert violates_database_rule(
        lambda: Article.objects.filter(pk=article.pk).update(reviewed_by=writer, reviewed_at=now)
    )
    assert violates_database_rule(
        lambda: Article.objects.filter(pk=article.pk).update(assigned_reviewer=writer)
    )
    assert violates_database_rule(lambda: make_article(reviewed_by=writer, reviewed_at=now))
    Article.objects.filter(pk=article.pk).update(reviewed_by=reviewer, reviewed_at=now)


def test_a_past_review_survives_its_reviewer_leaving_the_role():
    reviewer = make_author(reviewer=True)
    article = make_article(reviewed_by=reviewer, reviewed_at=timezone.now() - timedelta(days=3))
    reviewer.is_medical_reviewer = False
    reviewer.save()

    article.title = "Edited later"
    article.save()  # the historical review is kept; only new assignments are checked

    article.refresh_from_db()
    assert article.reviewed_by == reviewer


def test_a_review_cannot_be_dated_in_the_future_even_bypassing_the_forms():
    reviewer = make_author(reviewer=True)
    article = make_article()
    tomorrow = timezone.now() + timedelta(days=1)

    assert violates_database_rule(
        lambda: Article.objects.filter(pk=article.pk).update(reviewed_by=reviewer, reviewed_at=tomorrow)
    )
    article.reviewed_by, article.reviewed_at = reviewer, tomorrow
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.error_dict["reviewed_at"][0].code == "future_review"


def test_a_featured_image_needs_a_description():
    article = make_article()
    assert violates_database_rule(
        lambda: Article.objects.filter(pk=article.pk).update(
            featured_image="articles/x.jpg", featured_image_alt=""
        )
    )


def test_an_update_cannot_predate_the_first_publication():
    article = make_article()
    earlier = article.published_at - timedelta(days=2)
    assert violates_database_rule(
        lambda: Article.objects.filter(pk=article.pk).update(substantively_updated_at=earlier)
    )


def test_a_category_cannot_be_its_own_parent():
    category = make_category()
    assert violates_database_rule(lambda: Category.objects.filter(pk=category.pk).update(parent=category))


def test_categories_go_two_levels_deep():
    top = make_category("Back Pain Basics")
    child = make_category("Sciatica", parent=top)
    grandchild = Category(name="Too deep", slug="too-deep", parent=child)

    with pytest.raises(ValidationError) as error:
        grandchild.full_clean()
    assert error.value.error_dict["parent"][0].code == "too_deep"

    top.parent = make_category("Other")
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert error.value.error_dict["parent"][0].code == "has_children"


class TestPublishedQueryset:
    def test_only_published_articles_dated_in_the_past_are_public(self):
        now = timezone.now()
        public = make_article(status=Article.Status.PUBLISHED, published_at=now - timedelta(minutes=1))
        make_article(status=Article.Status.DRAFT)
        make_article(status=Article.Status.IN_REVIEW)
        scheduled = make_article(status=Article.Status.PUBLISHED, published_at=now + timedelta(hours=1))
        # A draft that was once published keeps its date but is not public.
        make_article(status=Article.Status.DRAFT, published_at=now - timedelta(days=3))

        assert list(Article.objects.published()) == [public]
        assert list(Article.objects.scheduled()) == [scheduled]
        assert [
            a.is_live
            for a in Article.objects.with_visibility().filter(pk__in=[public.pk, scheduled.pk]).order_by("pk")
        ] == [True, False]
        assert scheduled.is_scheduled
        assert not public.is_scheduled

    def test_a_scheduled_article_appears_on_its_own_when_its_time_comes(self):
        go_live = timezone.now() + timedelta(days=2)
        scheduled = make_article(published_at=go_live)

        with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
            assert not Article.objects.published().exists()
        with time_machine.travel(go_live, tick=False):
            assert list(Article.objects.published()) == [scheduled]


def test_publishing_sets_the_first_publication_date_once():
    article = make_article(status=Article.Status.DRAFT)
    with time_machine.travel("2026-03-01 09:00Z", tick=False):
        article.publish()
    first = article.published_at
    article.unpublish()
    article.publish()
    assert article.published_at == first
    assert article.status == Article.Status.PUBLISHED


def test_publishing_from_the_form_without_a_date_uses_now():
    article = make_article(status=Article.Status.DRAFT)
    article.status = Article.Status.PUBLISHED
    article.full_clean()
    assert article.published_at is not None
    assert abs(article.published_at - timezone.now()) < timedelta(seconds=5)


def test_updated_date_moves_only_when_marked():
    article = make_article()
    article.title = "Typo fixed"
    article.save()
    assert article.substantively_updated_at is None

    with time_machine.travel(timezone.now() + timedelta(days=10), tick=False):
        article.mark_updated()
        article.save()
        assert article.substantively_updated_at == timezone.now()


def test_saving_cleans_the_body():
    article = make_article(body='<p onclick="steal()">Hi<script>alert(1)</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"


def test_author_name_with_credentials():
    assert (
        make_author("Dana Reyes", credentials="CFT, CPRS, MFT").name_with_credentials
        == "Dana Reyes, CFT, CPRS, MFT"
    )
    assert make_author("Sam Lee", credentials="").name_with_credentials == "Sam Lee"
