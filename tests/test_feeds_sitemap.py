"""RSS and Atom feeds, the sitemap and robots.txt: what feed readers and crawlers are given."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from healthyback.models import Page
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db

SITE_URL = "https://www.healthyback.example"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def content():
    """A section with a topic, two authors, live, updated, draft, in-review and scheduled articles,
    and a comment carrying its writer's email address."""
    now = timezone.now().replace(microsecond=0)
    section = make_category("Back pain", slug="back-pain", description="All about back pain.")
    topic = make_category("Sciatica & nerves", slug="sciatica", parent=section)
    other = make_category("Posture", slug="posture")
    dana = make_author("Dana Reyes", slug="dana-reyes", user=None)
    sam = make_author("Sam Okafor", slug="sam-okafor")
    live = make_article(
        "Living with sciatica & leg pain",
        slug="living-with-sciatica",
        summary="What helps <sciatica> and when to see someone.",
        category=topic,
        author=dana,
        published_at=now - timedelta(days=3),
        substantively_updated_at=now - timedelta(days=1),
    )
    older = make_article(
        "Lifting without fear",
        slug="lifting",
        summary="Bend your knees, or not.",
        category=section,
        author=sam,
        published_at=now - timedelta(days=5),
    )
    elsewhere = make_article(
        "Sitting well", slug="sitting", category=other, author=sam, published_at=now - timedelta(days=7)
    )
    hidden = [
        make_article("Draft piece", slug="draft-piece", status=Article.Status.DRAFT, category=topic, author=dana),
        make_article("In review piece", slug="review-piece", status=Article.Status.IN_REVIEW, category=topic,
                     author=dana),
        make_article("Scheduled piece", slug="scheduled-piece", category=topic, author=dana,
                     published_at=now + timedelta(days=2)),
    ]  # fmt: skip
    Comment.objects.create(
        article=live, name="Maria T.", email="maria.commenter@example.com", body="Thanks!", status="approved"
    )
    page = Page.objects.create(title="About us", slug="about", summary="Who we are.", body="<p>Us.</p>")
    return {
        "section": section, "topic": topic, "other": other, "dana": dana, "sam": sam, "live": live,
        "older": older, "elsewhere": elsewhere, "hidden": hidden, "page": page,
    }  # fmt: skip


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    assert not EMAIL.search(response.content), f"{url} contains an email address"
    return response, feed


def utc(parsed_time) -> datetime:
    return datetime(*parsed_time[:6], tzinfo=UTC)


FEEDS = ["/feed/", "/feed/atom/"]


@pytest.mark.parametrize("url", FEEDS)
def test_site_feed_gives_a_reader_the_latest_live_articles(client, content, url):
    response, feed = parse(client, url)

    assert response.headers["Cache-Control"] == "public, max-age=900"
    assert feed.feed.title == "Healthy Back"
    assert feed.feed.link == f"{SITE_URL}/"
    assert [entry.title for entry in feed.entries] == [
        "Living with sciatica & leg pain",
        "Lifting without fear",
        "Sitting well",
    ]
    entry = feed.entries[0]
    assert entry.link == f"{SITE_URL}/articles/living-with-sciatica/"
    assert entry.id == entry.link
    # HTML, as readers take it: the plain-text summary escaped, shown as written.
    assert entry.summary == "What helps &lt;sciatica&gt; and when to see someone."
    assert entry.author == "Dana Reyes"
    assert {tag.term for tag in entry.tags} == {"Back pain", "Sciatica & nerves"}
    live = content["live"]
    assert utc(entry.published_parsed) == live.published_at
    if url.endswith("atom/"):
        assert utc(entry.updated_parsed) == live.substantively_updated_at
        assert utc(feed.entries[1].updated_parsed) == content["older"].published_at
    for entry in feed.entries:
        assert entry.link.startswith(SITE_URL + "/")
        assert client.get(entry.link.removeprefix(SITE_URL)).status_code == 200


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_a_sections_feed_carries_its_topics_articles(client, content, suffix):
    _, feed = parse(client, f"/category/back-pain/{suffix}")

    assert feed.feed.title == "Healthy Back: Back pain"
    assert feed.feed.link == f"{SITE_URL}/category/back-pain/"
    assert [entry.title for entry in feed.entries] == [
        "Living with sciatica & leg pain",
        "Lifting without fear",
    ]

    _, feed = parse(client, f"/category/sciatica/{suffix}")
    assert [entry.title for entry in feed.entries] == ["Living with sciatica & leg pain"]


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_an_authors_feed_carries_their_articles(client, content, suffix):
    _, feed = parse(client, f"/author/sam-okafor/{suffix}")

    assert feed.feed.title == "Healthy Back: articles by Sam Okafor"
    assert feed.feed.link == f"{SITE_URL}/author/sam-okafor/"
    assert [entry.title for entry in feed.entries] == ["Lifting without fear", "Sitting well"]
    assert {entry.author for entry in feed.entries} == {"Sam Okafor"}


def test_feeds_of_unknown_categories_and_authors_answer_404(client, db):
    assert client.get("/category/nope/feed/").status_code == 404
    assert client.get("/author/nope/feed/atom/").status_code == 404


def test_feeds_hold_the_latest_twenty(client, db):
    category, author = make_category(), make_author()
    start = timezone.now() - timedelta(days=30)
    for day in range(25):
        make_article(f"Day {day}", category=category, author=author, published_at=start + timedelta(days=day))

    _, feed = parse(client, "/feed/")

    assert [entry.title for entry in feed.entries] == [f"Day {day}" for day in range(24, 4, -1)]


def test_pages_name_the_site_feed_and_their_own(client, content):
    home = client.get("/").content.decode()
    assert f'href="{SITE_URL}/feed/"' in home
    assert "/category/" not in re.findall(r'<link rel="alternate"[^>]*>', home)[0]

    for path in ["/category/back-pain/", "/author/dana-reyes/"]:
        alternates = re.findall(r'<link rel="alternate" type="application/rss\+xml"[^>]*href="([^"]+)"',
                                client.get(path).content.decode())  # fmt: skip
        assert alternates == [f"{SITE_URL}/feed/", f"{SITE_URL}{path}feed/"]
        parse(client, f"{path}feed/")


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response, not untrusted input)
    return response, {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_lists_live_articles_categories_authors_and_pages(client, content):
    unpublished = make_author("Ghost Writer", slug="ghost-writer")
    make_article(status=Article.Status.DRAFT, author=unpublished)

    response, entries = sitemap_entries(client)

    assert response.headers["Cache-Control"] == "public, max-age=900"
    paths = {loc.removeprefix(SITE_URL) for loc in entries}
    assert all(loc.startswith(SITE_URL + "/") for loc in entries)
    assert paths >= {
        "/",
        "/articles/living-with-sciatica/",
        "/articles/lifting/",
        "/articles/sitting/",
        "/category/back-pain/",
        "/category/sciatica/",
        "/category/posture/",
        "/author/dana-reyes/",
        "/author/sam-okafor/",
        "/pages/about/",
    }
    for article in content["hidden"]:
        assert article.get_absolute_url() not in paths
    assert "/author/ghost-writer/" not in paths
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_sitemap_dates_articles_by_their_substantive_update_or_publication(client, content):
    _, entries = sitemap_entries(client)

    def day(moment):
        return timezone.localdate(moment).isoformat()

    assert entries[f"{SITE_URL}/articles/living-with-sciatica/"] == day(
        content["live"].substantively_updated_at
    )
    assert entries[f"{SITE_URL}/articles/lifting/"] == day(content["older"].published_at)
    assert entries[f"{SITE_URL}/pages/about/"] == day(Page.objects.get(slug="about").updated_at)


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in lines


def make_many(count):
    sections = [make_category(), make_category()]
    topics = [make_category(parent=section) for section in sections]
    authors = [make_author(), make_author()]
    for number in range(count):
        make_article(category=(sections + topics)[number % 4], author=authors[number % 2])
    Page.objects.create(title=f"Page {count}", slug=f"page-{count}", summary="A page.", body="<p>A.</p>")
    return sections[0], authors[0]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    ["/feed/", "/feed/atom/", "/category/{section}/feed/", "/author/{author}/feed/atom/", "/sitemap.xml"],
)
def test_feeds_and_sitemap_cost_the_same_queries_for_3_or_30_articles(client, url):
    section, author = make_many(3)
    few = queries_for(client, url.format(section=section.slug, author=author.slug))

    section, author = make_many(27)
    many = queries_for(client, url.format(section=section.slug, author=author.slug))

    assert Article.objects.published().count() == 30
    assert few == many
