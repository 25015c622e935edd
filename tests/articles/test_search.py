"""/search/?q=: published articles only, best first, highlighted, and a normal page for any input.

The same tests run on SQLite (the LIKE fallback) and PostgreSQL (full-text search); CI runs both."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from articles.search import MAX_QUERY_LENGTH, clean_query
from tests.factories import (
    NOT_YET_PUBLIC,
    NOT_YET_PUBLIC_IDS,
    make_article,
    make_author,
    make_category,
)
from tests.html import parse_html

pytestmark = pytest.mark.django_db

SEARCH = reverse("articles:search")


def result_titles(response) -> list[str]:
    return [h2.text for h2 in parse_html(response).find_all("h2", class_="search-result-title")]


def snippets(response) -> list[str]:
    return [p for p in parse_html(response).find_all("p", class_="search-result-snippet")]


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def test_title_matches_come_before_summary_matches_before_body_matches(client):
    make_article(
        "Walking after surgery", body="<p>Sciatica often settles on its own.</p>", published_at=days_ago(1)
    )
    make_article(
        "Sleep positions", summary="How sciatica changes the way you sleep.", published_at=days_ago(2)
    )
    make_article("Sciatica explained", published_at=days_ago(30))
    make_article("Desk set-up", body="<p>Nothing about the leg.</p>")

    response = client.get(SEARCH, {"q": "sciatica"})

    assert result_titles(response) == ["Sciatica explained", "Sleep positions", "Walking after surgery"]


def test_every_word_must_match(client):
    make_article("Sciatica and sleep")
    make_article("Sciatica at work")

    assert result_titles(client.get(SEARCH, {"q": "sciatica sleep"})) == ["Sciatica and sleep"]


def test_snippets_highlight_the_words_found(client):
    make_article(
        "Leg pain", body="<p>Gentle walking helps <strong>sciatica</strong> settle within weeks.</p>"
    )

    response = client.get(SEARCH, {"q": "sciatica"})

    [snippet] = snippets(response)
    assert [mark.text for mark in snippet.find_all("mark")] == ["sciatica"]
    assert "Gentle walking helps sciatica settle" in snippet.text
    assert not snippet.find_all("strong")


def test_a_word_deep_in_a_long_body_is_found_and_shown_with_a_snippet(client):
    opening = "<p>How the spine carries weight through the day.</p>"
    make_article(
        "Long read", summary="", body=opening + "<p>Filler words here.</p>" * 400 + "<p>Sciatica.</p>"
    )

    response = client.get(SEARCH, {"q": "sciatica"})

    assert result_titles(response) == ["Long read"]
    [snippet] = snippets(response)
    # PostgreSQL cuts it from the opening (no highlight); the SQLite fallback finds the word.
    assert "How the spine carries weight" in snippet.text or snippet.find("mark").text == "Sciatica"


def test_snippets_escape_the_article_text(client):
    make_article("Dosage", body="<p>Keep it &lt;b&gt;under&lt;/b&gt; 5 &lt; 10 &amp; sciatica eases.</p>")

    response = client.get(SEARCH, {"q": "sciatica"})

    [snippet] = snippets(response)
    assert [element.tag for element in snippet.iter()] == ["mark"]
    assert "<b>under</b> 5 < 10 & sciatica eases" in snippet.text
    assertContains(response, "&lt;b&gt;under&lt;/b&gt; 5 &lt; 10 &amp; <mark>sciatica</mark> eases")


def test_a_snippet_never_joins_the_words_of_two_paragraphs(client):
    make_article("Desk set-up", body="<p>Sit near the window</p><p>Sciatica eases with breaks</p>")

    [snippet] = snippets(client.get(SEARCH, {"q": "sciatica"}))

    assert "window Sciatica" in snippet.text
    assert snippet.find("mark").text == "Sciatica"


def test_the_query_is_kept_in_the_box_and_escaped(client):
    make_article("Script kiddies")

    response = client.get(SEARCH, {"q": '<script>alert("x")</script>'})

    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    page = parse_html(response)
    assert page.find("input", id="search-q").attrs["value"] == '<script>alert("x")</script>'
    assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")


@pytest.mark.parametrize(
    "query",
    [
        "sciatica " * 500,
        "sciatica\x00",
        "\x00\x01\x1f\x7f",
        "ﬁ 𝔰𝔢𝔞𝔯𝔠𝔥 😀",
        "' OR 1=1 --",
        "\"; DROP TABLE articles_article; --",
        "&|!():*",
        "sciatica & !pain | (back:*)",
        '"unclosed phrase',
        "-",
        "the",
        "%_%",
        "\\",
        "\ue000sciatica\ue001",
        "é" * 1000,
    ],
    ids=[
        "very-long", "nul-byte", "only-controls", "odd-unicode", "sql-or", "sql-drop", "operators",
        "tsquery-syntax", "unclosed-quote", "dash", "stop-word", "like-wildcards", "backslash",
        "private-use", "long-accented",
    ],
)  # fmt: skip
def test_any_input_gets_a_normal_page(client, query):
    make_article("Sciatica explained")

    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assertContains(response, "<h1>Search</h1>", html=True)
    assert Article.objects.count() == 1


def test_like_wildcards_are_literal(client):
    make_article("Sciatica explained")

    assert result_titles(client.get(SEARCH, {"q": "%_%"})) == []


def test_queries_are_cleaned_and_cut_to_a_sane_length():
    assert clean_query("  back\x00 pain\t\n ") == "back pain"
    assert clean_query("ﬁt") == "fit"
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH


def test_a_long_query_is_kept_truncated_in_the_box(client):
    response = client.get(SEARCH, {"q": "sciatica " * 100})

    assert len(parse_html(response).find("input", id="search-q").attrs["value"]) <= MAX_QUERY_LENGTH


@pytest.mark.parametrize("state", NOT_YET_PUBLIC, ids=NOT_YET_PUBLIC_IDS)
def test_unpublished_articles_are_never_found(client, state):
    make_article("Sciatica secrets", **state)
    make_article("Sciatica explained")

    assert result_titles(client.get(SEARCH, {"q": "sciatica"})) == ["Sciatica explained"]


def test_results_are_paginated_and_keep_the_query(client):
    for day in range(12):
        make_article(f"Posture tip {day}", published_at=days_ago(day + 1))

    first = client.get(SEARCH, {"q": "posture"})
    second = client.get(SEARCH, {"q": "posture", "page": 2})

    assert len(result_titles(first)) == 10
    assert result_titles(second) == ["Posture tip 10", "Posture tip 11"]
    assertContains(first, "12 articles found")
    next_link = parse_html(first).find("a", rel="next")
    assert next_link.attrs["href"] == "?q=posture&page=2"
    # As everywhere on the site: not a number, the first page; past the end, the last.
    assert len(result_titles(client.get(SEARCH, {"q": "posture", "page": "nonsense"}))) == 10
    assert result_titles(client.get(SEARCH, {"q": "posture", "page": 99})) == result_titles(second)
    assertContains(client.get(SEARCH, {"q": "posture", "page": 99}), "page 2 of 2")


@pytest.mark.usefixtures("uncached_pages")
def test_the_number_of_queries_does_not_grow_with_the_results(client):
    def queries_for(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SEARCH, {"q": query}).status_code == 200
        return len(captured)

    for number in range(2):
        make_article(f"Stretch {number}")
    for number in range(25):
        make_article(f"Posture {number}", body="<p>Posture matters.</p>")

    queries_for("warm-up")  # the navigation and settings rows the page shows are then remembered
    assert queries_for("stretch") == queries_for("posture") <= 5


def test_no_results_suggests_the_topics(client):
    make_category("Sciatica", slug="sciatica-topic")
    make_category("Neck", slug="neck", parent=make_category("Upper body", slug="upper-body"))

    response = client.get(SEARCH, {"q": "xylophone"})

    assertContains(response, "No articles found for “xylophone”")
    topics = parse_html(response).find("nav", aria_label="Topics")
    assert [a.attrs["href"] for a in topics.find_all("a")] == [
        "/category/sciatica-topic/",
        "/category/upper-body/",
    ]


def test_an_empty_query_shows_the_box_and_the_topics(client):
    make_category("Sciatica", slug="sciatica-topic")

    for params in ({}, {"q": ""}, {"q": "   "}, {"q": "\x00"}):
        response = client.get(SEARCH, params)
        assertContains(response, "Type a word or two above")
        assertContains(response, '<a href="/category/sciatica-topic/">Sciatica</a>', html=True)
        assertNotContains(response, "found for")


def test_result_pages_are_not_indexed(client):
    response = client.get(SEARCH, {"q": "sciatica"})

    assert response.headers["X-Robots-Tag"] == "noindex, follow"
    assertContains(response, '<meta name="robots" content="noindex, follow">', html=True)


def test_search_answers_only_safe_methods(client):
    assert client.post(SEARCH, {"q": "sciatica"}).status_code == 405
    assert client.head(SEARCH, {"q": "sciatica"}).status_code == 200


def test_every_page_has_a_labelled_search_box(client):
    page = parse_html(client.get("/"))

    form = page.find("form", role="search")
    assert form.attrs["action"] == SEARCH
    field = form.find("input", name="q")
    assert form.find("label").attrs["for"] == field.attrs["id"]
    assert form.find("button").text == "Search"


def test_the_admin_search_finds_words_of_the_body_in_any_status_through_the_same_index(admin_client):
    make_article("Morning routine", slug="morning-routine", body="<p>Gentle hamstring stretches.</p>")
    make_article("Evening draft", status=Article.Status.DRAFT, body="<p>More hamstring work.</p>")
    make_article("Unrelated", body="<p>Nothing here.</p>")
    changelist = reverse("admin:articles_article_changelist")

    found = admin_client.get(changelist, {"q": "hamstring"})

    assertContains(found, "Morning routine")
    assertContains(found, "Evening draft")
    assertNotContains(found, "Unrelated")
    assertContains(admin_client.get(changelist, {"q": "morning-routine"}), "Morning routine")
    assert admin_client.get(changelist, {"q": "' OR 1=1 --\x00"}).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan of PostgreSQL's full-text search")
def test_a_word_in_every_article_is_matched_through_the_full_text_index(client):
    # Enough rows for the planner to weigh its paths as on the site; bulk-created, only the plan
    # matters. No planner setting: the search's queries must choose the GIN index by themselves.
    category, author = make_category(), make_author()
    Article.objects.bulk_create(
        Article(
            title=f"Back pain {number}",
            slug=f"back-pain-{number}",
            summary="Why the back hurts.",
            body="<p>Pain in the lower back.</p>",
            category=category,
            author=author,
            status=Article.Status.PUBLISHED,
            published_at=days_ago(number + 1),
        )
        for number in range(1000)
    )
    with connection.cursor() as cursor:
        # Statistics as autovacuum gives them: every article is published and holds the word.
        cursor.execute("ANALYZE articles_article")

    with CaptureQueriesContext(connection) as captured:
        assertContains(client.get(SEARCH, {"q": "pain"}), "1000 articles found")

    matches = [query["sql"] for query in captured if "search_vector" in query["sql"]]
    assert len(matches) == 2  # the count and the page
    with connection.cursor() as cursor:
        for sql in matches:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row for [row] in cursor.fetchall())
            assert "Bitmap Index Scan on article_search_vector_idx" in plan, plan
            assert "article_status_published_idx" not in plan, plan
            assert "Seq Scan on articles_article" not in plan, plan
