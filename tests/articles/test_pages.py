"""What visitors see: the article page's anatomy, home, category and author pages."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core import pagecache
from healthyback.models import Page
from tests.factories import make_article, make_author, make_category, make_reference, make_user
from tests.html import meta, parse_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    basics = make_category("Back Pain Basics", slug="basics", description="Start here.")
    sciatica = make_category(
        "Sciatica", slug="sciatica", parent=basics, description="Nerve pain down the leg."
    )
    exercise = make_category("Exercise", slug="exercise")
    writer = make_author(
        "Dana Reyes", slug="dana-reyes", credentials="CFT, CPRS, MFT", bio="Dana coaches movement."
    )
    reviewer = make_author("Nadia Ferreira", slug="nadia", credentials="MD", reviewer=True)
    Page.objects.create(
        slug="medical-disclaimer", title="Medical Disclaimer", summary="Not advice.", body="<p>x</p>"
    )
    return {
        "basics": basics,
        "sciatica": sciatica,
        "exercise": exercise,
        "writer": writer,
        "reviewer": reviewer,
    }


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse_html(response)


class TestArticlePage:
    def test_it_has_the_anatomy_of_a_health_article(self, client, site):
        published = timezone.now() - timedelta(days=10)
        article = make_article(
            "Living with sciatica",
            slug="living-with-sciatica",
            summary="How to get through a flare.",
            body="<h2>Moving</h2><p>Keep walking.</p>",
            category=site["sciatica"],
            author=site["writer"],
            published_at=published,
        )
        make_reference(
            article,
            1,
            "NICE. Low back pain and sciatica in over 16s. 2016.",
            "https://www.nice.org.uk/guidance/ng59",
        )
        make_reference(article, 2, "WHO. Guideline for chronic low back pain. 2023.")
        related = make_article("Sciatica stretches", category=site["sciatica"], author=site["writer"])

        page = get_page(client, "/articles/living-with-sciatica/")

        assert [h.text for h in page.find_all("h1")] == ["Living with sciatica"]
        byline = page.find("p", class_="byline")
        assert byline.text.startswith("Written By Dana Reyes · Published")
        assert byline.find("a").attrs["href"] == "/author/dana-reyes/"
        assert byline.find("time").attrs["datetime"] == timezone.localtime(published).isoformat()
        assert not page.find_all("p", class_="reviewed")
        assert page.find("div", class_="article-body").find("h2").text == "Moving"
        references = page.find("section", class_="references").find_all("li")
        assert [r.text for r in references] == [
            "NICE. Low back pain and sciatica in over 16s. 2016. https://www.nice.org.uk/guidance/ng59",
            "WHO. Guideline for chronic low back pain. 2023.",
        ]
        filed = page.find("p", class_="filed-under")
        assert filed.text == "Filed Under: Back Pain Basics › Sciatica"
        assert [a.attrs["href"] for a in filed.find_all("a")] == ["/category/basics/", "/category/sciatica/"]
        box = page.find("aside", class_="author-box")
        assert box.find("h2").text == "Dana Reyes, CFT, CPRS, MFT"
        assert box.find("a").attrs["href"] == "/author/dana-reyes/"
        assert "Dana coaches movement." in box.text
        assert page.find("aside", class_="newsletter-box")
        disclaimer = page.find("p", class_="disclaimer-line")
        assert disclaimer.find("a").attrs["href"] == "/pages/medical-disclaimer/"
        assert [a.text for a in page.find("section", class_="related").find_all("h3")] == [related.title]
        crumbs = [li.text for li in page.find("nav", aria_label="Breadcrumb").find_all("li")]
        assert crumbs == ["Home", "Back Pain Basics", "Sciatica", "Living with sciatica"]

    def test_the_date_says_updated_only_after_a_substantive_update(self, client, site):
        article = make_article(slug="dated", category=site["exercise"], author=site["writer"])
        article.substantively_updated_at = article.published_at + timedelta(days=3)
        article.save()

        byline = get_page(client, "/articles/dated/").find("p", class_="byline")

        assert "· Updated" in byline.text
        assert "Published" not in byline.text
        time = byline.find("time")
        assert time.attrs["datetime"] == timezone.localtime(article.substantively_updated_at).isoformat()

    def test_the_review_line_appears_only_after_a_completed_review(self, client, site):
        article = make_article(slug="reviewed", category=site["exercise"], author=site["writer"])
        article.assigned_reviewer = site["reviewer"]
        article.save()
        assert not get_page(client, "/articles/reviewed/").find_all("p", class_="reviewed")

        reviewed_at = timezone.now() - timedelta(hours=2)
        article.reviewed_by, article.reviewed_at = site["reviewer"], reviewed_at
        article.save()

        line = get_page(client, "/articles/reviewed/").find("p", class_="reviewed")
        assert (
            line.text
            == f"✓ Medically reviewed by Nadia Ferreira, MD on {timezone.localtime(reviewed_at):%B %-d, %Y}"
        )
        assert line.find("time").attrs["datetime"] == timezone.localtime(reviewed_at).isoformat()

    def test_meta_tags_describe_the_article(self, client, site, settings):
        settings.SITE_URL = "https://healthyback.example"
        make_article(
            "Sleep and back pain",
            slug="sleep",
            summary="Sleep better.",
            category=site["exercise"],
            author=site["writer"],
        )

        page = get_page(client, "/articles/sleep/?utm_source=x")

        assert page.find("title").text == "Sleep and back pain · Healthy Back"
        assert meta(page, "description") == "Sleep better."
        assert (
            page.find("link", rel="canonical").attrs["href"] == "https://healthyback.example/articles/sleep/"
        )
        assert meta(page, "og:title") == "Sleep and back pain"
        assert meta(page, "og:type") == "article"
        assert meta(page, "og:description") == "Sleep better."
        assert meta(page, "og:image") == "https://healthyback.example/static/img/og-default.png"
        assert page.find("html").attrs["lang"] == "en"

    def test_the_featured_image_of_an_article_is_its_preview_image(self, client, site, settings):
        settings.SITE_URL = "https://healthyback.example"
        article = make_article(
            slug="pictured", category=site["exercise"], author=site["writer"], featured_image="articles/a.jpg",
            featured_image_alt="A walk", featured_image_width=1600, featured_image_height=900,
        )  # fmt: skip
        Article.objects.filter(pk=article.pk).update(  # as the worker records them
            featured_image_renditions=[{"name": "renditions/a-800.webp", "width": 800, "height": 450},
                                       {"name": "renditions/a-1600.webp", "width": 1600, "height": 900}]
        )  # fmt: skip

        page = get_page(client, "/articles/pictured/")

        assert meta(page, "og:image") == "https://healthyback.example/media/renditions/a-1600.webp"
        image = page.find("figure", class_="featured-image").find("img")
        assert image.attrs["alt"] == "A walk"
        assert image.attrs["srcset"].endswith("/media/renditions/a-1600.webp 1600w")

    @pytest.mark.usefixtures("uncached_pages")
    def test_the_page_runs_the_same_queries_with_0_and_50_references(
        self, client, site, django_assert_num_queries
    ):
        article = make_article(slug="refs", category=site["sciatica"], author=site["writer"], reviewed_by=site["reviewer"],
                               reviewed_at=timezone.now())  # fmt: skip
        make_article(category=site["sciatica"], author=site["writer"])
        without = queries_for(client, "/articles/refs/")
        for position in range(50):
            make_reference(article, position, f"Source {position}.")
        with django_assert_num_queries(without):
            response = client.get("/articles/refs/")
        assert len(parse_html(response).find("section", class_="references").find_all("li")) == 50


class TestListings:
    def test_home_shows_featured_and_latest_articles_and_topics(self, client, site):
        featured = make_article(
            "Start here", category=site["sciatica"], author=site["writer"], is_featured=True
        )
        latest = make_article(
            "Newest", category=site["exercise"], author=site["writer"], published_at=timezone.now()
        )
        make_article("Draft", status=Article.Status.DRAFT, category=site["exercise"], author=site["writer"])

        page = get_page(client, "/")

        assert [h.text for h in page.find_all("h1")] == ["Less pain, more life"]
        assert [a.text for a in page.find("section", class_="featured").find_all("h3")] == ["Start here"]
        titles = [h.text for h in page.find("section", class_="latest").find_all("h3")]
        assert titles == [latest.title, featured.title]
        card = page.find("section", class_="latest").find("article", class_="card")
        assert card.find("p", class_="card-category").text == "Exercise"
        assert card.find("p", class_="card-summary").text == "A short summary."
        assert card.find("time")
        topics = page.find("nav", class_="topics")
        assert [a.text for a in topics.find_all("a")] == ["Back Pain Basics", "Sciatica", "Exercise"]

    def test_category_page_lists_its_own_and_its_subcategories_articles(self, client, site):
        in_sciatica = make_article("Sciatica article", category=site["sciatica"], author=site["writer"])
        in_basics = make_article("Basics article", category=site["basics"], author=site["writer"])
        make_article("Exercise article", category=site["exercise"], author=site["writer"])

        page = get_page(client, "/category/basics/")

        assert page.find("h1").text == "Back Pain Basics"
        assert [a.text for a in page.find("nav", class_="subcategories").find_all("a")] == ["Sciatica"]
        assert {h.text for h in page.find_all("h2", class_="card-title")} == {
            in_sciatica.title,
            in_basics.title,
        }
        crumbs = [li.text for li in page.find("nav", aria_label="Breadcrumb").find_all("li")]
        assert crumbs == ["Home", "Back Pain Basics"]
        assert meta(page, "description") == "Start here."

    def test_subcategory_breadcrumbs_include_the_parent(self, client, site):
        page = get_page(client, "/category/sciatica/")
        crumbs = [li.text for li in page.find("nav", aria_label="Breadcrumb").find_all("li")]
        assert crumbs == ["Home", "Back Pain Basics", "Sciatica"]

    def test_author_page_shows_the_profile_and_their_articles(self, client, site):
        mine = make_article("Mine", category=site["exercise"], author=site["writer"])
        make_article("Someone else's", category=site["exercise"], author=site["reviewer"])

        page = get_page(client, "/author/dana-reyes/")

        assert page.find("h1").text == "Dana Reyes"
        assert page.find("p", class_="credentials").text == "CFT, CPRS, MFT"
        assert "Dana coaches movement." in page.find("header", class_="author-profile").text
        assert [h.text for h in page.find_all("h3", class_="card-title")] == [mine.title]

    @pytest.mark.usefixtures("uncached_pages")
    @pytest.mark.parametrize("url", ["/", "/category/basics/", "/author/dana-reyes/"])
    def test_listings_run_the_same_queries_with_1_and_100_articles(
        self, client, site, url, django_assert_num_queries
    ):
        make_article(category=site["sciatica"], author=site["writer"], is_featured=True)
        few = queries_for(client, url)
        Article.objects.bulk_create(
            Article(title=f"Article {n}", slug=f"bulk-{n}", summary="s", category=site["sciatica"], author=site["writer"],
                    status="published", published_at=timezone.now() - timedelta(hours=n), is_featured=n % 2 == 0)
            for n in range(99)
        )  # fmt: skip
        pagecache.invalidate()  # bulk inserts send no signal: as code that makes them must do
        with django_assert_num_queries(few):
            response = client.get(url)
        assert len(parse_html(response).find_all("article", class_="card")) >= 10

    @pytest.mark.parametrize("page_param", ["abc", "-3", "0", "99999999999999999999", "2.5", "%00"])
    @pytest.mark.parametrize("url", ["/", "/category/basics/", "/author/dana-reyes/"])
    def test_bad_page_numbers_answer_a_real_page(self, client, site, url, page_param):
        for n in range(12):
            make_article(f"A{n}", category=site["basics"], author=site["writer"])
        response = client.get(url, {"page": page_param})
        assert response.status_code == 200
        assert len(parse_html(response).find_all("article", class_="card")) >= 2

    def test_second_pages_have_their_own_canonical_link(self, client, site, settings):
        settings.SITE_URL = "https://healthyback.example"
        for n in range(12):
            make_article(f"A{n}", category=site["basics"], author=site["writer"])
        page = get_page(client, "/category/basics/?page=2")
        assert (
            page.find("link", rel="canonical").attrs["href"]
            == "https://healthyback.example/category/basics/?page=2"
        )
        assert page.find("title").text == "Back Pain Basics, page 2 · Healthy Back"
        assert page.find("a", rel="prev").attrs["href"] == "?page=1"

    @pytest.mark.parametrize(
        "url", ["/category/nope/", "/author/nobody/", "/articles/nothing/", "/pages/none/"]
    )
    def test_unknown_addresses_are_404(self, client, url):
        assert client.get(url).status_code == 404


def test_site_pages_show_their_text(client, site):
    Page.objects.create(
        slug="privacy",
        title="Privacy Policy",
        summary="What we keep.",
        body="<h2>Comments</h2><p>60 days.</p>",
    )

    page = get_page(client, "/pages/privacy/")

    assert page.find("h1").text == "Privacy Policy"
    assert page.find("div", class_="article-body").find("h2").text == "Comments"
    assert meta(page, "description") == "What we keep."
    footer_links = [a.attrs["href"] for a in page.find("footer").find_all("a")]
    assert "/pages/privacy/" in footer_links
    assert "/pages/medical-disclaimer/" in footer_links


def test_staff_edit_site_pages_in_the_admin(client, site):
    client.force_login(make_user("boss", superuser=True))
    response = client.post(
        "/admin/healthyback/page/add/",
        {"title": "Contact Us", "slug": "contact", "summary": "Reach us.", "body": "<p>Write to us</p><script>x</script>",
         "position": "5"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Page.objects.get(slug="contact").body == "<p>Write to us</p>"
    assert client.get("/admin/healthyback/page/").status_code == 200
