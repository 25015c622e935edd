"""Old addresses: a renamed article answers 301 from every address it had, in one hop, never a loop."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from articles.admin import RedirectAdminForm
from articles.models import Article, Redirect
from articles.redirects import redirect_for
from tests.factories import NOT_YET_PUBLIC, NOT_YET_PUBLIC_IDS, make_article, make_user

pytestmark = pytest.mark.django_db


def rename(article, slug):
    article.slug = slug
    article.save()
    return article


def old_paths():
    return sorted(Redirect.objects.values_list("old_path", flat=True))


def test_a_renamed_article_answers_301_from_its_old_address(client):
    article = make_article(slug="a")

    rename(article, "b")

    assertRedirects(client.get("/articles/a/"), "/articles/b/", status_code=301)


def test_a_chain_of_renames_collapses_to_one_hop(client):
    article = make_article(slug="a")

    rename(article, "b")
    rename(article, "c")

    for old in ["/articles/a/", "/articles/b/"]:
        response = client.get(old, follow=True)
        assert response.redirect_chain == [("/articles/c/", 301)]
        assertContains(response, f"<h1>{article.title}</h1>", html=True)


def test_taking_back_an_old_slug_serves_the_article_there_and_never_loops(client):
    article = make_article(slug="a")

    rename(article, "b")
    rename(article, "a")

    assert client.get("/articles/a/").status_code == 200
    response = client.get("/articles/b/", follow=True)
    assert response.redirect_chain == [("/articles/a/", 301)]
    assert old_paths() == ["/articles/b/"]


@pytest.mark.parametrize("state", NOT_YET_PUBLIC, ids=NOT_YET_PUBLIC_IDS)
def test_renaming_an_article_that_was_never_public_leaves_nothing_behind(client, state):
    article = make_article(slug="a", **state)

    rename(article, "b")

    assert old_paths() == []
    assert client.get("/articles/a/").status_code == 404


def test_saving_without_a_new_slug_leaves_nothing_behind():
    article = make_article(slug="a")

    article.title = "A better title"
    article.save()

    assert old_paths() == []


def test_an_old_address_of_an_unpublished_article_is_404_until_it_returns(client, admin_client):
    article = make_article(slug="a")
    rename(article, "b")

    article.unpublish()
    article.save()

    assert client.get("/articles/a/").status_code == 404
    assert admin_client.get("/articles/a/").status_code == 404
    article.publish()
    article.save()
    assertRedirects(client.get("/articles/a/"), "/articles/b/", status_code=301)


def test_an_article_renamed_while_unpublished_keeps_the_address_it_had_in_public(client):
    article = make_article(slug="a")
    article.unpublish()
    article.save()

    rename(article, "b")
    article.publish()
    article.save()

    assertRedirects(client.get("/articles/a/"), "/articles/b/", status_code=301)


def test_another_article_given_an_old_address_wins_once_it_is_live(client, admin_client):
    moved = rename(make_article(slug="a"), "b")
    newcomer = make_article("The newcomer", slug="a", status=Article.Status.DRAFT)

    # Until the newcomer is out, readers following old links still reach the article they wanted;
    # staff see the newcomer's preview at its address.
    assertRedirects(client.get("/articles/a/"), "/articles/b/", status_code=301)
    assertContains(admin_client.get("/articles/a/"), "Only staff can see this page.")

    newcomer.publish()
    newcomer.save()
    response = client.get("/articles/a/")
    assert response.status_code == 200
    assert response.context["article"] == newcomer

    # When the newcomer moves on in turn, the address follows its latest occupant.
    rename(newcomer, "c")
    assertRedirects(client.get("/articles/a/"), "/articles/c/", status_code=301)
    assert client.get(moved.get_absolute_url()).status_code == 200


def test_the_query_string_travels_and_browsers_keep_the_redirect_only_an_hour(client):
    rename(make_article(slug="a"), "b")

    response = client.get("/articles/a/", {"utm_source": "newsletter"})

    assert response.status_code == 301
    assert response["Location"] == "/articles/b/?utm_source=newsletter"
    assert "max-age=3600" in response["Cache-Control"]


def test_a_redirect_runs_the_same_two_queries_however_long_the_history(client, django_assert_num_queries):
    article = rename(make_article(slug="a"), "b")
    with django_assert_num_queries(2):
        assert client.get("/articles/a/").status_code == 301

    for number in range(20):
        rename(article, f"name-{number}")
    make_article(slug="other")

    with django_assert_num_queries(2):
        assert client.get("/articles/a/").status_code == 301


def test_deleting_an_article_deletes_its_old_addresses(client):
    article = rename(make_article(slug="a"), "b")

    article.delete()

    assert old_paths() == []
    assert client.get("/articles/a/").status_code == 404


def test_a_redirect_from_an_articles_own_address_is_never_followed():
    article = make_article(slug="a")
    Redirect.objects.create(old_path="/articles/a/", article=article)

    assert redirect_for("/articles/a/") is None


def test_old_addresses_are_paths_in_the_database():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Redirect.objects.create(old_path="articles/a/", article=article)


class TestAdmin:
    def test_every_page_answers(self, admin_client):
        redirect = Redirect.objects.create(old_path="/articles/old/", article=make_article())

        assert admin_client.get(reverse("admin:articles_redirect_changelist")).status_code == 200
        assert (
            admin_client.get(reverse("admin:articles_redirect_changelist"), {"q": "old"}).status_code == 200
        )
        assert admin_client.get(reverse("admin:articles_redirect_add")).status_code == 200
        change = reverse("admin:articles_redirect_change", args=[redirect.pk])
        assert admin_client.get(change).status_code == 200

    def test_staff_add_a_redirect_by_hand(self, admin_client, client):
        article = make_article(slug="new-home")

        response = admin_client.post(
            reverse("admin:articles_redirect_add"), {"old_path": " /articles/moved/ ", "article": article.pk}
        )

        assert response.status_code == 302
        assertRedirects(client.get("/articles/moved/"), "/articles/new-home/", status_code=301)

    @pytest.mark.parametrize(
        ("old_path", "code"),
        [
            ("articles/old/", "not_a_path"),
            ("https://healthyback.example/articles/old/", "not_a_path"),
            ("/category/old/", "not_an_article_address"),
            ("/2019/05/old-post/", "not_an_article_address"),
            ("/articles/old/?p=1", "not_an_article_address"),
            ("/articles/live/", "live_address"),
        ],
    )
    def test_an_address_that_could_never_redirect_is_refused(self, old_path, code):
        make_article("Live", slug="live")

        form = RedirectAdminForm(data={"old_path": old_path, "article": make_article().pk})

        assert form.has_error("old_path", code=code)

    def test_an_address_of_a_draft_is_accepted_it_redirects_until_the_draft_is_out(self):
        make_article(slug="coming", status=Article.Status.DRAFT)

        form = RedirectAdminForm(data={"old_path": "/articles/coming/", "article": make_article().pk})

        assert form.is_valid()

    def test_an_article_cannot_redirect_from_its_own_address(self):
        draft = make_article(slug="draft", status=Article.Status.DRAFT)

        form = RedirectAdminForm(data={"old_path": "/articles/draft/", "article": draft.pk})

        assert form.has_error("old_path", code="own_address")

    def test_the_error_names_the_live_article(self, admin_client):
        make_article("Sciatica explained", slug="sciatica")

        response = admin_client.post(
            reverse("admin:articles_redirect_add"),
            {"old_path": "/articles/sciatica/", "article": make_article().pk},
        )

        assertContains(response, "This is the address of the published article “Sciatica explained”")

    def test_editors_without_superuser_rights_need_the_redirect_permissions(self, client):
        client.force_login(make_user("writer", staff=True))

        assert client.get(reverse("admin:articles_redirect_add")).status_code == 403


@pytest.mark.parametrize("path", ["/%00", "/articles/%00/", "/no%00where", "/wp/?x=%00"])
def test_a_nul_byte_in_an_unknown_address_is_a_404(client, path):
    make_article(slug="walking")
    assert client.get(path).status_code == 404
