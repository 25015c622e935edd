"""Staff edit everything in the admin: every page answers, and the editing flows do what they say."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Author, LibraryImage
from tests.factories import make_article, make_author, make_category, make_reference, uploaded_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    top = make_category("Back Pain Basics", slug="basics")
    child = make_category("Sciatica", slug="sciatica", parent=top)
    reviewer = make_author("Nadia Ferreira", reviewer=True, credentials="MD")
    article = make_article(
        "Sciatica explained", category=child, reviewed_by=reviewer, reviewed_at=timezone.now()
    )
    make_reference(article)
    image = LibraryImage.objects.create(
        title="Walk", alt_text="A walk", file="library/walk.jpg", width=800, height=600
    )
    return {"category": child, "author": reviewer, "article": article, "libraryimage": image}


@pytest.mark.parametrize("model", ["category", "author", "article", "libraryimage"])
def test_every_admin_page_answers(admin_client, content, model):
    changelist = reverse(f"admin:articles_{model}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "a"}).status_code == 200
    assert admin_client.get(reverse(f"admin:articles_{model}_add")).status_code == 200
    change = reverse(f"admin:articles_{model}_change", args=[content[model].pk])
    assert admin_client.get(change).status_code == 200


def test_article_filters_answer(admin_client, content):
    url = reverse("admin:articles_article_changelist")
    for params in [{"status__exact": "published"}, {"review": "reviewed"}, {"review": "assigned"}, {"review": "none"},
                   {"category__id__exact": content["category"].pk}, {"is_featured__exact": "1"}]:  # fmt: skip
        assert admin_client.get(url, params).status_code == 200


def test_article_list_runs_a_fixed_number_of_queries(admin_client, content, django_assert_max_num_queries):
    url = reverse("admin:articles_article_changelist")
    admin_client.get(url)
    for number in range(30):
        make_article(f"More {number}", category=content["category"], author=content["author"])
    with django_assert_max_num_queries(12):
        assert admin_client.get(url).status_code == 200


def test_categories_are_listed_as_a_tree(admin_client):
    sleep_top = make_category("Everyday Life", slug="life", position=2)
    basics = make_category("Back Pain Basics", slug="basics", position=1)
    make_category("Sleep", slug="sleep", parent=sleep_top)
    make_category("Sciatica", slug="sciatica", parent=basics)

    response = admin_client.get(reverse("admin:articles_category_changelist"))

    names = [str(c) for c in response.context["cl"].result_list]
    assert names == ["Back Pain Basics", "Sciatica", "Everyday Life", "Sleep"]
    assertContains(response, '<span class="tree-child">↳ Sciatica</span>', html=True)


def test_the_editor_page_allows_its_import_map_and_nothing_else_inline(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))

    assertContains(response, '<script type="importmap">')
    policy = response.headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert script_src.count("'sha256-") == 1
    assert "unsafe-inline" not in policy


def article_form(category, author, **overrides):
    data = {
        "title": "Walking for back pain",
        "slug": "walking-for-back-pain",
        "summary": "Why walking helps.",
        "body": "<h2>Start small</h2><p>Walk daily.</p><script>alert(1)</script>",
        "category": category.pk,
        "author": author.pk,
        "status": "draft",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-0-position": "1",
        "references-0-citation": "NICE. Low back pain and sciatica in over 16s. 2016.",
        "references-0-url": "https://www.nice.org.uk/guidance/ng59",
    }
    return data | overrides


def test_staff_add_an_article_with_references_and_a_cleaned_body(admin_client, content):
    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form(content["category"], content["author"])
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="walking-for-back-pain")
    assert article.body == "<h2>Start small</h2><p>Walk daily.</p>"
    assert [r.url for r in article.references.all()] == ["https://www.nice.org.uk/guidance/ng59"]
    assert article.status == "draft"
    assert article.published_at is None


def test_a_bad_image_gets_a_form_error_and_keeps_what_was_typed(admin_client, content):
    form = article_form(content["category"], content["author"], title="My long draft title")
    form["featured_image"] = uploaded_image("notes.jpg", image_format="GIF")
    form["featured_image_alt"] = "Alt"

    response = admin_client.post(reverse("admin:articles_article_add"), form)

    assert response.status_code == 200
    assertContains(response, "Upload a JPEG, PNG or WebP image")
    assertContains(response, 'value="My long draft title"')
    assert not Article.objects.filter(slug="walking-for-back-pain").exists()


def test_an_image_without_description_is_refused(admin_client, content):
    form = article_form(content["category"], content["author"])
    form["featured_image"] = uploaded_image("hero.jpg")

    response = admin_client.post(reverse("admin:articles_article_add"), form)

    assertContains(response, "Describe the image for readers who cannot see it.")


def test_publishing_from_the_form_dates_it_and_mark_as_updated_moves_the_updated_date(admin_client, content):
    url = reverse("admin:articles_article_add")
    admin_client.post(url, article_form(content["category"], content["author"], status="published"))
    article = Article.objects.get(slug="walking-for-back-pain")
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert article.substantively_updated_at is None

    change = reverse("admin:articles_article_change", args=[article.pk])
    edit = article_form(
        content["category"], content["author"], status="published", mark_updated="on",
        published_at_0=timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
        published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        **{"references-TOTAL_FORMS": "0"},
    )  # fmt: skip
    assert admin_client.post(change, edit).status_code == 302
    article.refresh_from_db()
    assert article.substantively_updated_at is not None


def test_only_medical_reviewers_are_offered_as_reviewers(admin_client, content):
    writer = make_author("Owen Writer", reviewer=False)
    response = admin_client.get(reverse("admin:articles_article_add"))
    # A completed review (reviewed_by) is recorded only by the reviewer (tests/articles/test_workflow.py).
    assert "reviewed_by" not in response.context["adminform"].form.fields
    reviewers = response.context["adminform"].form.fields["assigned_reviewer"].queryset
    assert content["author"] in reviewers
    assert writer not in reviewers


def test_bulk_publish_and_unpublish(admin_client, content):
    draft = make_article("Draft", status=Article.Status.DRAFT)
    earlier = timezone.now() - timedelta(days=30)
    returning = make_article("Returning", status=Article.Status.DRAFT, published_at=earlier)
    url = reverse("admin:articles_article_changelist")

    response = admin_client.post(
        url, {"action": "publish_selected", "_selected_action": [draft.pk, returning.pk]}, follow=True
    )
    assertContains(response, "Published 2 articles.")
    draft.refresh_from_db()
    returning.refresh_from_db()
    assert set(Article.objects.published().filter(pk__in=[draft.pk, returning.pk])) == {draft, returning}
    assert returning.published_at == earlier  # the first publication date stays honest

    admin_client.post(url, {"action": "unpublish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_scheduled_articles_show_as_scheduled(admin_client, content):
    make_article("Tomorrow", published_at=timezone.now() + timedelta(days=1))
    response = admin_client.get(reverse("admin:articles_article_changelist"))
    assertContains(response, "Scheduled for")


def test_the_image_picker_lists_library_images_for_the_editor(admin_client, content):
    url = reverse("admin:articles_libraryimage_picker")

    response = admin_client.get(url, {"CKEditorFuncNum": "3"})
    assertContains(response, 'data-url="/media/library/walk.jpg"')
    assertContains(response, 'data-callback="3"')
    assertNotContains(admin_client.get(url, {"q": "nothing-like-this"}), "data-url=")


def test_the_admin_is_closed_to_non_staff(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("admin:articles_libraryimage_picker"))
    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]


def test_an_avatar_uploaded_in_the_admin_is_cleaned_renamed_and_rendered(
    admin_client, django_capture_on_commit_callbacks
):
    form = {"name": "Dana Reyes", "slug": "dana-reyes", "credentials": "CFT, CPRS, MFT", "bio": "Coach."}
    form["avatar"] = uploaded_image("dana-home-address.jpg", size=(900, 900))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:articles_author_add"), form)

    assert response.status_code == 302
    author = Author.objects.get(slug="dana-reyes")
    assert author.avatar.name.startswith("avatars/")
    assert "dana" not in author.avatar.name
    assert (author.avatar_width, author.avatar_height) == (900, 900)
    assert [r["width"] for r in author.avatar_renditions] == [400, 800, 900]
