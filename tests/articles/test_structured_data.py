"""What search engines and link previews read: JSON-LD, Open Graph tags, and related articles."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Author
from articles.services import related_articles, significant_words
from tests.factories import make_article, make_author, make_category, make_reference, make_user
from tests.html import meta, parse_html

pytestmark = pytest.mark.django_db

SITE = "https://healthyback.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def sciatica():
    basics = make_category("Back Pain Basics", slug="basics")
    return make_category("Sciatica", slug="sciatica", parent=basics)


@pytest.fixture
def writer():
    return make_author("Dana Reyes", slug="dana-reyes", credentials="CFT, CPRS, MFT", bio="Dana coaches.")


@pytest.fixture
def reviewer():
    return make_author("Nadia Ferreira", slug="nadia", credentials="MD", reviewer=True)


def json_ld(response) -> list[dict]:
    assert response.status_code == 200
    page = parse_html(response)
    blocks = page.find_all("script", type="application/ld+json")
    return [json.loads("".join(block.content)) for block in blocks]


def graph(response) -> dict[str, dict]:
    """The nodes of the article page's one JSON-LD block, by @type."""
    [data] = json_ld(response)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


class TestArticlePage:
    def test_it_describes_the_article_as_a_medical_web_page(self, client, sciatica, writer):
        published = timezone.now() - timedelta(days=10)
        article = make_article(
            "Living with sciatica", slug="living", summary="How to get through a flare.",
            category=sciatica, author=writer, published_at=published,
        )  # fmt: skip

        page = graph(client.get(article.get_absolute_url()))["MedicalWebPage"]

        assert page["url"] == f"{SITE}/articles/living/"
        assert page["headline"] == "Living with sciatica"
        assert page["description"] == "How to get through a flare."
        assert page["image"] == f"{SITE}/static/img/og-default.png"
        assert page["datePublished"] == timezone.localtime(published).isoformat()
        assert page["dateModified"] == page["datePublished"]
        assert page["datePublished"][-6] in "+-"  # an offset, not a naive time
        assert page["author"] == {
            "@type": "Person",
            "@id": f"{SITE}/author/dana-reyes/#person",
            "name": "Dana Reyes",
            "url": f"{SITE}/author/dana-reyes/",
            "honorificSuffix": "CFT, CPRS, MFT",
        }
        assert page["publisher"] == {
            "@type": "Organization",
            "@id": f"{SITE}/#organization",
            "name": "Healthy Back",
            "url": f"{SITE}/",
            "logo": {"@type": "ImageObject", "url": f"{SITE}/static/img/logo.svg"},
        }
        assert "reviewedBy" not in page
        assert "lastReviewed" not in page
        assert "citation" not in page

    def test_date_modified_is_the_last_substantive_update(self, client, sciatica, writer):
        article = make_article(slug="updated", category=sciatica, author=writer)
        article.substantively_updated_at = article.published_at + timedelta(days=3)
        article.save()

        page = graph(client.get(article.get_absolute_url()))["MedicalWebPage"]

        assert page["dateModified"] == timezone.localtime(article.substantively_updated_at).isoformat()
        assert page["datePublished"] == timezone.localtime(article.published_at).isoformat()

    def test_a_completed_review_names_the_reviewer_and_the_date(self, client, sciatica, writer, reviewer):
        reviewed_at = timezone.now() - timedelta(hours=2)
        article = make_article(
            slug="reviewed", category=sciatica, author=writer, reviewed_by=reviewer, reviewed_at=reviewed_at
        )

        page = graph(client.get(article.get_absolute_url()))["MedicalWebPage"]

        assert page["reviewedBy"] == {
            "@type": "Person",
            "@id": f"{SITE}/author/nadia/#person",
            "name": "Nadia Ferreira",
            "url": f"{SITE}/author/nadia/",
            "honorificSuffix": "MD",
            "jobTitle": "Medical reviewer",
        }
        assert page["lastReviewed"] == timezone.localtime(reviewed_at).isoformat()

    def test_an_assigned_but_unfinished_review_says_nothing(self, client, sciatica, writer, reviewer):
        article = make_article(slug="assigned", category=sciatica, author=writer, assigned_reviewer=reviewer)

        page = graph(client.get(article.get_absolute_url()))["MedicalWebPage"]

        assert "reviewedBy" not in page
        assert "lastReviewed" not in page

    def test_the_references_are_its_citations_in_order(self, client, sciatica, writer):
        article = make_article(slug="cited", category=sciatica, author=writer)
        make_reference(article, 2, "WHO. Guideline for chronic low back pain. 2023.")
        make_reference(article, 1, "NICE. Low back pain. 2016.", "https://www.nice.org.uk/guidance/ng59")

        page = graph(client.get(article.get_absolute_url()))["MedicalWebPage"]

        assert page["citation"] == [
            {
                "@type": "CreativeWork",
                "name": "NICE. Low back pain. 2016.",
                "url": "https://www.nice.org.uk/guidance/ng59",
            },
            {"@type": "CreativeWork", "name": "WHO. Guideline for chronic low back pain. 2023."},
        ]

    def test_the_breadcrumbs_follow_the_category_path(self, client, sciatica, writer):
        article = make_article("Living with sciatica", slug="living", category=sciatica, author=writer)

        nodes = graph(client.get(article.get_absolute_url()))

        trail = nodes["BreadcrumbList"]
        assert nodes["MedicalWebPage"]["breadcrumb"] == {"@id": trail["@id"]}
        assert trail["itemListElement"] == [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{SITE}/"},
            {"@type": "ListItem", "position": 2, "name": "Back Pain Basics", "item": f"{SITE}/category/basics/"},
            {"@type": "ListItem", "position": 3, "name": "Sciatica", "item": f"{SITE}/category/sciatica/"},
            {"@type": "ListItem", "position": 4, "name": "Living with sciatica", "item": f"{SITE}/articles/living/"},
        ]  # fmt: skip

    def test_a_top_level_category_makes_a_shorter_trail(self, client, writer):
        article = make_article(
            "Desk setup", slug="desk", category=make_category("Work", slug="work"), author=writer
        )

        trail = graph(client.get(article.get_absolute_url()))["BreadcrumbList"]

        assert [(item["position"], item["name"]) for item in trail["itemListElement"]] == [
            (1, "Home"), (2, "Work"), (3, "Desk setup"),
        ]  # fmt: skip

    def test_the_image_is_the_featured_images_1200_pixel_rendition(self, client, sciatica, writer):
        article = make_article(
            slug="pictured", category=sciatica, author=writer, featured_image="articles/a.jpg",
            featured_image_alt="A walk", featured_image_width=2400, featured_image_height=1350,
        )  # fmt: skip
        Article.objects.filter(pk=article.pk).update(  # as the worker records them
            featured_image_renditions=[
                {"name": "renditions/a-800.webp", "width": 800, "height": 450},
                {"name": "renditions/a-1200.webp", "width": 1200, "height": 675},
                {"name": "renditions/a-1600.webp", "width": 1600, "height": 900},
            ]
        )

        response = client.get(article.get_absolute_url())

        assert graph(response)["MedicalWebPage"]["image"] == f"{SITE}/media/renditions/a-1200.webp"
        page = parse_html(response)
        assert meta(page, "og:image") == f"{SITE}/media/renditions/a-1200.webp"
        assert meta(page, "og:type") == "article"
        assert meta(page, "twitter:card") == "summary_large_image"

    def test_before_the_worker_made_renditions_the_image_is_the_original(self, client, sciatica, writer):
        article = make_article(
            slug="fresh", category=sciatica, author=writer, featured_image="articles/b.jpg",
            featured_image_alt="A chair", featured_image_width=1600, featured_image_height=900,
        )  # fmt: skip

        page = graph(client.get(article.get_absolute_url()))["MedicalWebPage"]

        assert page["image"] == f"{SITE}/media/articles/b.jpg"

    def test_a_title_cannot_break_out_of_the_script_element(self, client, sciatica, writer):
        title = "Ouch</script><script>alert(1)</script> & <!-- more"
        article = make_article(title, slug="hostile", summary="</script>", category=sciatica, author=writer)

        response = client.get(article.get_absolute_url())

        html = response.content.decode()
        start = html.index('<script type="application/ld+json">')
        block = html[start : html.index("</script>", start)]
        assert "<" not in block.removeprefix('<script type="application/ld+json">')
        assert "</script><script>" not in html
        page = graph(response)["MedicalWebPage"]
        assert page["headline"] == title
        assert page["description"] == "</script>"

    @pytest.mark.parametrize(
        "state",
        [
            {"status": Article.Status.DRAFT, "published_at": None},
            {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
        ],
        ids=["draft", "scheduled"],
    )
    def test_a_staff_preview_renders_its_data_too(self, client, sciatica, writer, state):
        article = make_article("Coming soon", slug="soon", category=sciatica, author=writer, **state)
        client.force_login(make_user("editor", superuser=True))

        page = graph(client.get(article.get_absolute_url()))["MedicalWebPage"]

        assert page["headline"] == "Coming soon"
        if state["published_at"] is None:
            assert "datePublished" not in page
            assert "dateModified" not in page
        else:
            assert page["datePublished"] == timezone.localtime(state["published_at"]).isoformat()


class TestAuthorPage:
    def test_it_is_a_profile_page_about_the_person(self, client, writer):
        data = json_ld(client.get(writer.get_absolute_url()))

        assert data == [
            {
                "@context": "https://schema.org",
                "@type": "ProfilePage",
                "@id": f"{SITE}/author/dana-reyes/",
                "url": f"{SITE}/author/dana-reyes/",
                "name": "Dana Reyes, CFT, CPRS, MFT",
                "inLanguage": "en",
                "mainEntity": {
                    "@type": "Person",
                    "@id": f"{SITE}/author/dana-reyes/#person",
                    "name": "Dana Reyes",
                    "url": f"{SITE}/author/dana-reyes/",
                    "honorificSuffix": "CFT, CPRS, MFT",
                    "description": "Dana coaches.",
                },
                "publisher": {
                    "@type": "Organization",
                    "@id": f"{SITE}/#organization",
                    "name": "Healthy Back",
                    "url": f"{SITE}/",
                    "logo": {"@type": "ImageObject", "url": f"{SITE}/static/img/logo.svg"},
                },
            }
        ]

    def test_the_person_has_the_avatars_rendition(self, client):
        author = make_author(
            "Sam Lee", slug="sam", credentials="", avatar="avatars/s.jpg", avatar_width=900, avatar_height=900
        )
        Author.objects.filter(pk=author.pk).update(  # as the worker records them
            avatar_renditions=[
                {"name": "renditions/s-400.webp", "width": 400, "height": 400},
                {"name": "renditions/s-800.webp", "width": 800, "height": 800},
            ]
        )

        [data] = json_ld(client.get(author.get_absolute_url()))

        assert data["mainEntity"]["image"] == f"{SITE}/media/renditions/s-800.webp"
        assert "honorificSuffix" not in data["mainEntity"]
        assert data["name"] == "Sam Lee"


class TestRelatedArticles:
    def test_significant_words_leave_out_short_common_and_repeated_words(self):
        assert significant_words("What Helps Sciatica? Sciatica, Sleep and Back Pain in 2024") == [
            "sciatica",
            "sleep",
        ]
        assert len(significant_words("alpha bravo charlie delta echoes foxtrot golfer hotel")) == 6

    def test_shared_title_words_beat_an_unrelated_article(self, writer):
        article = make_article("Sleeping positions for sciatica", category=make_category(), author=writer)
        now = timezone.now()
        unrelated = make_article("Choosing an office chair", category=make_category(), author=writer,
                                 published_at=now - timedelta(hours=1))  # fmt: skip
        one_word = make_article("Sciatica explained", category=make_category(), author=writer,
                                published_at=now - timedelta(hours=2))  # fmt: skip
        two_words = make_article("Better sleeping with sciatica", category=make_category(), author=writer,
                                 published_at=now - timedelta(hours=3))  # fmt: skip

        assert list(related_articles(article)) == [two_words, one_word, unrelated]

    def test_the_same_category_still_comes_first(self, writer, sciatica):
        article = make_article("Sleeping positions for sciatica", category=sciatica, author=writer)
        same_category = make_article("Desk stretches", category=sciatica, author=writer,
                                     published_at=timezone.now() - timedelta(days=5))  # fmt: skip
        same_words = make_article("Sleeping positions for sciatica, part two", category=make_category(),
                                  author=writer)  # fmt: skip

        assert list(related_articles(article, count=2)) == [same_category, same_words]

    def test_it_is_one_query_whatever_the_title(self, writer, django_assert_num_queries):
        article = make_article("Sleeping positions, mattresses, pillows and sciatica relief tonight",
                               category=make_category(), author=writer)  # fmt: skip
        make_article("Pillows", category=make_category(), author=writer)

        with django_assert_num_queries(1):
            assert [a.title for a in related_articles(article)] == ["Pillows"]
