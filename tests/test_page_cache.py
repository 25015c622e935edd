"""The anonymous page cache and HTTP caching: what is stored, for whom, and when it goes stale.

Every test runs the real middleware stack with the page cache on (tests.settings keeps the
production default), through Django's test client; the cache is the configured one, Redis in CI's
second run.
"""

import gzip
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import brotli
import pytest
import time_machine
from django.core.cache import caches
from django.db import connection, connections
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services as article_services
from articles.models import Article
from comments.models import Comment, DiscussionSettings
from comments.services import comment_moderate
from core import pagecache
from healthyback.models import Page
from newsletter.models import ConsentText
from tests.comments.conftest import comment_data
from tests.factories import make_article, make_author, make_category, make_user
from tests.html import parse_html

HOME = "/"


@pytest.fixture
def article(db):
    return make_article(
        "Walking for sciatica",
        slug="walking",
        category=make_category("Sciatica", slug="sciatica"),
        author=make_author("Dana Reyes", slug="dana-reyes", bio="Dana coaches movement."),
    )


@pytest.fixture
def editor(db):
    return make_user("editor", superuser=True)


def cache_state(response) -> str:
    return response.headers.get("X-Page-Cache", "")


def fetch(url, **headers):
    """A new visitor: no cookies at all."""
    return Client(**headers).get(url)


def csrf_values(response) -> list[str]:
    return [
        field.attrs["value"] for field in parse_html(response).find_all("input", name="csrfmiddlewaretoken")
    ]


# What is stored, and for whom ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        HOME,
        "/articles/walking/",
        "/category/sciatica/",
        "/author/dana-reyes/",
        "/search/?q=walking",
        "/pages/about/",
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
    ],
)
def test_public_pages_are_stored_once_and_then_served_without_a_query(url, article):
    Page.objects.create(title="About us", slug="about", summary="Who we are.", body="<p>Us.</p>")
    first = fetch(url)
    assert first.status_code == 200
    assert cache_state(first) == "miss"
    assert not first.cookies  # no csrftoken, no session: nothing that makes it one visitor's
    assert "cookie" not in first.get("Vary", "").lower()

    with CaptureQueriesContext(connection) as queries:
        second = fetch(url)
    assert cache_state(second) == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_html_pages_carry_public_cache_headers_a_cdn_can_use(article, settings):
    settings.PAGE_CACHE_SECONDS = 300
    for response in (fetch("/articles/walking/"), fetch("/articles/walking/")):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=60", "s-maxage=300", "stale-while-revalidate=60"}
        assert response["Vary"] == "Accept-Encoding"
        assert response["ETag"]


def test_feeds_and_the_sitemap_keep_their_own_headers(article):
    for url in ("/feed/", "/sitemap.xml"):
        fetch(url)
        assert fetch(url)["Cache-Control"] == "public, max-age=900"


def test_staff_get_a_page_rendered_for_them_that_no_cache_keeps(client, article, editor):
    fetch("/articles/walking/")  # stored for visitors
    client.force_login(editor)
    response = client.get("/articles/walking/")
    assert cache_state(response) == ""
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert all(csrf_values(response))  # forms on a page made for one visitor carry its token


def test_a_flash_message_is_shown_to_its_visitor_and_never_stored(article, google):
    fetch("/articles/walking/")
    writer = Client()
    writer.post(reverse("comments:post", args=["walking"]), comment_data())
    page = writer.get("/articles/walking/")
    assert "Your comment is awaiting moderation." in page.content.decode()
    assert cache_state(page) == ""
    assert "awaiting moderation" not in fetch("/articles/walking/").content.decode()


def test_a_second_visitor_never_receives_the_first_visitors_data(article, google):
    first = Client(enforce_csrf_checks=True)
    first.get("/articles/walking/")  # the page is now stored
    token = first.get(reverse("form_token")).json()["csrfToken"]
    data = comment_data(
        name="Priya Unique-Name",
        email="priya.private@example.com",
        body="My own story about a herniated disc at L4.",
        csrfmiddlewaretoken=token,
    )
    posted = first.post(reverse("comments:post", args=["walking"]), data)
    assert posted.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING  # held: shown to its writer only
    assert "herniated disc" in first.get(posted["Location"]).content.decode()

    second = fetch("/articles/walking/")
    html = second.content.decode()
    for secret in ("Priya Unique-Name", "priya.private@example.com", "herniated disc", token):
        assert secret not in html
    assert first.cookies["csrftoken"].value not in html
    assert csrf_values(second) == ["", "", ""]  # the comment form and both sign-up boxes
    started = parse_html(second).find("input", name="started").attrs.get("value", "")
    assert started == ""  # the form's start time comes from /form-token/, per visitor


def test_the_form_token_endpoint_is_personal_and_never_cached(db):
    visitor = Client()
    response = visitor.get(reverse("form_token"))
    body = response.json()
    assert set(body) == {"csrfToken", "started"}
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert visitor.cookies["csrftoken"].value
    assert visitor.get(reverse("form_token")).json()["started"]  # a new one every time


# Forms without JavaScript ------------------------------------------------------------------------


def test_a_comment_sent_without_a_token_comes_back_with_everything_typed(article, google):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/articles/walking/")
    data = comment_data(body="Heat first, then a short walk.", name="Ana", email="ana@example.com")
    refused = visitor.post(reverse("comments:post", args=["walking"]), data)

    assert refused.status_code == 403
    assert "no-store" in refused["Cache-Control"]
    assert not Comment.objects.exists()
    form = parse_html(refused).find("form", class_="comment-form")
    assert form.find("textarea", name="body").text == "Heat first, then a short walk."
    assert form.find("input", name="name").attrs["value"] == "Ana"
    assert form.find("input", name="email").attrs["value"] == "ana@example.com"
    assert "press “Post Comment” once more" in form.text
    token = form.find("input", name="csrfmiddlewaretoken").attrs["value"]
    assert token

    again = {
        **data,
        "csrfmiddlewaretoken": token,
        "started": form.find("input", name="started").attrs["value"],
    }
    sent = visitor.post(reverse("comments:post", args=["walking"]), again)
    assert sent.status_code == 302
    assert Comment.objects.get().body == "Heat first, then a short walk."


def test_a_sign_up_from_a_cached_page_without_a_token_keeps_the_address(article):
    visitor = Client(enforce_csrf_checks=True)
    box = parse_html(visitor.get(HOME)).find("aside", class_="newsletter-footer")
    assert box.find("input", name="csrfmiddlewaretoken").attrs["value"] == ""
    refused = visitor.post(reverse("newsletter:subscribe"), {"email": "reader@example.com", "source": "/"})
    assert refused.status_code == 403
    form = parse_html(refused).find("form", class_="newsletter-form-page")
    assert form.find("input", name="email").attrs["value"] == "reader@example.com"


# Invalidation ----------------------------------------------------------------------------------


def title_on(url) -> str:
    return fetch(url).content.decode()


def stored(*urls):
    for url in urls:
        fetch(url)
        assert cache_state(fetch(url)) == "hit", url


def test_editing_an_article_refreshes_its_page_and_the_listings(article):
    stored("/articles/walking/", HOME, "/category/sciatica/", "/feed/")
    article.title = "Walking for sciatica, updated"
    article.save()
    for url in ("/articles/walking/", HOME, "/category/sciatica/", "/feed/"):
        assert "Walking for sciatica, updated" in title_on(url), url


def test_publishing_unpublishing_and_deleting_show_at_once(article, editor):
    draft = make_article(
        "A new draft", slug="new-draft", status=Article.Status.DRAFT, category=article.category
    )
    stored(HOME, "/articles/walking/")
    assert fetch("/articles/new-draft/").status_code == 404

    article_services.articles_publish(articles=[draft], by=editor)
    assert fetch("/articles/new-draft/").status_code == 200
    assert "A new draft" in title_on(HOME)

    article_services.articles_unpublish(articles=[draft], by=editor)
    assert fetch("/articles/new-draft/").status_code == 404
    assert "A new draft" not in title_on(HOME)

    article.delete()
    assert fetch("/articles/walking/").status_code == 404
    assert "Walking for sciatica" not in title_on(HOME)


def test_a_scheduled_article_appears_when_its_time_comes(article, editor):
    later = make_article(
        "Next weeks plan", slug="tomorrow", status=Article.Status.DRAFT, category=article.category
    )
    go_live = timezone.now() + timedelta(hours=2)
    article_services.articles_publish(articles=[later], by=editor, at=go_live)
    stored(HOME, "/category/sciatica/")
    assert "Next weeks plan" not in title_on(HOME)

    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        assert "Next weeks plan" in title_on(HOME)  # nothing was saved: the clock moved
        assert "Next weeks plan" in title_on("/category/sciatica/")
        assert fetch("/articles/tomorrow/").status_code == 200


def test_comments_close_when_their_days_are_over(article):
    DiscussionSettings.objects.filter(pk=1).delete()
    DiscussionSettings.objects.create(pk=1, close_after_days=30)
    article.published_at = timezone.now() - timedelta(days=29)
    article.save()
    assert "Leave a Reply" in title_on("/articles/walking/")
    assert cache_state(fetch("/articles/walking/")) == "hit"
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1), tick=False):
        assert "Comments are closed on this article." in title_on("/articles/walking/")


def test_renaming_an_article_turns_its_old_address_into_a_redirect(article):
    stored("/articles/walking/")
    article.slug = "walking-with-sciatica"
    article.save()
    moved = fetch("/articles/walking/")
    assert moved.status_code == 301
    assert moved["Location"].endswith("/articles/walking-with-sciatica/")


def test_approving_removing_and_editing_a_comment_show_at_once(article, editor):
    comment = Comment.objects.create(article=article, name="Sam", email="s@x.org", body="Helpful, thanks.")
    stored("/articles/walking/")
    comment_moderate(comment=comment, status=Comment.Status.APPROVED, by=editor)
    assert "Helpful, thanks." in title_on("/articles/walking/")
    comment.body = "Helpful, thank you."
    comment.save()
    assert "Helpful, thank you." in title_on("/articles/walking/")
    comment_moderate(comment=comment, status=Comment.Status.REMOVED, by=editor)
    assert "Helpful, thank you." not in title_on("/articles/walking/")


def test_a_held_comment_leaves_stored_pages_as_they_are(article, google):
    stored("/articles/walking/")
    Client().post(reverse("comments:post", args=["walking"]), comment_data())
    assert Comment.objects.get().status == Comment.Status.PENDING
    # A bot posting comments all day cannot keep every page from the cache.
    assert cache_state(fetch("/articles/walking/")) == "hit"


@pytest.mark.parametrize(
    ("change", "url", "expected"),
    [
        ("author", "/articles/walking/", "Dana now also teaches yoga."),
        ("category", "/articles/walking/", "Sciatica and leg pain"),
        ("page", "/pages/about/", "We are a small team."),
        ("discussion", "/articles/walking/", "Comments are closed on this article."),
        ("consent", HOME, "You will get one email a week; leave with one click."),
    ],
)
def test_edits_to_what_pages_show_refresh_them(article, change, url, expected):
    about = Page.objects.create(title="About us", slug="about", summary="Who.", body="<p>Us.</p>")
    stored(url)
    if change == "author":
        article.author.bio = expected
        article.author.save()
    elif change == "category":
        article.category.name = expected
        article.category.save()
    elif change == "page":
        about.body = f"<p>{expected}</p>"
        about.save()
    elif change == "discussion":
        discussion = DiscussionSettings.current()
        discussion.comments_enabled = False
        discussion.save()
    else:
        ConsentText.objects.create(text=expected)
    assert expected in title_on(url)


# HTTP --------------------------------------------------------------------------------------------


def test_a_conditional_request_gets_304_from_the_cache_and_after_a_render(article):
    first = fetch("/articles/walking/")
    etag = first["ETag"]
    hit = fetch("/articles/walking/", HTTP_IF_NONE_MATCH=etag)
    assert hit.status_code == 304
    assert hit.content == b""
    assert cache_state(hit) == "hit"

    pagecache.invalidate()  # stale now: rendered again, unchanged, so the same validator
    rendered = fetch("/articles/walking/", HTTP_IF_NONE_MATCH=etag)
    assert rendered.status_code == 304
    assert cache_state(rendered) == "miss"

    article.title = "Walking, revised"
    article.save()
    changed = fetch("/articles/walking/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.parametrize(
    ("accept", "encoding", "decompress"),
    [("gzip, deflate, br, zstd", "br", brotli.decompress), ("gzip, deflate", "gzip", gzip.decompress)],
)
def test_pages_are_compressed_for_browsers_that_accept_it(article, accept, encoding, decompress):
    plain = fetch("/articles/walking/").content
    for _ in range(2):  # rendered, then from the cache
        response = fetch("/articles/walking/", HTTP_ACCEPT_ENCODING=accept)
        assert response["Content-Encoding"] == encoding
        assert decompress(response.content) == plain
        assert int(response["Content-Length"]) == len(response.content) < len(plain) / 3
    assert cache_state(response) == "hit"


# When the cache itself fails ------------------------------------------------------------------


DEAD_REDIS = {
    "BACKEND": "django_redis.cache.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1: a real refused connection
    "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
}


@pytest.fixture
def dead_redis(settings):
    settings.CACHES = {**settings.CACHES, "pages": DEAD_REDIS}
    pagecache._paused_until = 0.0
    yield
    pagecache._paused_until = 0.0
    pagecache._owed_invalidation = False


def test_pages_are_served_uncached_when_redis_refuses_connections(article, dead_redis, caplog):
    started = time.monotonic()
    responses = [fetch("/articles/walking/") for _ in range(5)]
    assert [response.status_code for response in responses] == [200] * 5
    assert all(cache_state(response) == "" for response in responses)
    assert "Walking for sciatica" in responses[-1].content.decode()
    assert time.monotonic() - started < 5
    # One warning, then the store is left alone for a while instead of being asked every time.
    assert len([r for r in caplog.records if "Page cache unavailable" in r.getMessage()]) == 1
    article.title = "Saved while Redis is down"
    article.save()  # invalidating without Redis is no error either
    assert "Saved while Redis is down" in fetch("/articles/walking/").content.decode()


def test_a_change_made_while_redis_was_unreachable_shows_once_it_answers(article, settings):
    stored("/articles/walking/")
    working = settings.CACHES
    settings.CACHES = {**working, "pages": DEAD_REDIS}
    pagecache._paused_until = 0.0
    try:
        article.title = "Changed during the outage"
        article.save()  # the stored page could not be marked stale
        assert pagecache._owed_invalidation
    finally:
        settings.CACHES = working  # Redis is back, with the page stored before the outage
        pagecache._paused_until = 0.0
    assert "Changed during the outage" in title_on("/articles/walking/")
    assert not pagecache._owed_invalidation


# No stampede -------------------------------------------------------------------------------------


def test_a_stale_page_is_served_while_another_request_renders_it(article):
    stored("/articles/walking/")
    pagecache.invalidate()
    # Another request is rendering the page: it holds the page's lock.
    lock = pagecache._page_key(RequestFactory().get("/articles/walking/")) + ":rendering"
    caches["pages"].add(lock, 1, timeout=30)
    assert cache_state(fetch("/articles/walking/")) == "stale"
    caches["pages"].delete(lock)
    assert cache_state(fetch("/articles/walking/")) == "miss"
    assert cache_state(fetch("/articles/walking/")) == "hit"


@pytest.mark.django_db(transaction=True)
def test_a_popular_page_going_stale_under_load_is_rendered_once(monkeypatch):
    make_article(slug="popular")
    renders = []
    original = article_services.article_page_context

    def slow_context(article):
        renders.append(1)
        time.sleep(0.3)  # long enough for every other request to arrive meanwhile
        return original(article)

    monkeypatch.setattr("articles.views.article_page_context", slow_context)
    fetch("/articles/popular/")
    pagecache.invalidate()
    renders.clear()

    answers = []

    def reader():
        answers.append(cache_state(fetch("/articles/popular/")))
        connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(renders) == 1
    assert sorted(answers) == ["miss"] + ["stale"] * 7


def test_a_page_whose_render_fails_is_served_stale_instead_of_an_error(article, monkeypatch):
    stored("/articles/walking/")
    pagecache.invalidate()

    def broken(article):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("articles.views.article_page_context", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/articles/walking/")
    assert response.status_code == 200
    assert cache_state(response) == "stale"
    assert re.search(r"<h1>Walking for sciatica</h1>", response.content.decode())


# Several server processes ----------------------------------------------------------------------


@contextmanager
def gunicorn_servers(count: int, log_folder: Path):
    """`count` gunicorn servers, each its own process with one worker, on the test database and
    the page cache's store (Redis with REDIS_URL): what machines behind a load balancer share."""
    from tests.conftest import free_port
    from tests.test_worker import database_url_of_the_test_database

    servers = []
    try:
        for number in range(count):
            port = free_port()
            log = (log_folder / f"gunicorn-{number}.log").open("w")
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "healthyback.wsgi:application", "--bind", f"127.0.0.1:{port}",
                 "--workers", "1", "--no-control-socket"],
                cwd=Path(__file__).resolve().parents[1],
                env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
                     "DATABASE_URL": database_url_of_the_test_database()},
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            servers.append((process, f"http://127.0.0.1:{port}", log))
        for process, base, _ in servers:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2)
                    break
                except OSError:
                    assert process.poll() is None, "gunicorn exited before answering"
                    assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
                    time.sleep(0.2)
        yield [base for _, base, _ in servers]
    finally:
        for process, _, log in servers:
            process.terminate()
            process.wait(timeout=30)
            log.close()


def over_http(url) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode(), response.headers.get("X-Page-Cache", "")


@pytest.mark.django_db(transaction=True)
def test_two_server_processes_sharing_the_store_both_show_an_edit_at_once(tmp_path):
    # The store is Redis with REDIS_URL (several machines), files on this machine without it.
    article = make_article("Before the edit", slug="shared")
    # Rows a first page view would otherwise create (a change, which would make its page stale).
    DiscussionSettings.current()
    ConsentText.current()
    with gunicorn_servers(2, tmp_path) as (first, second):
        html, how = over_http(f"{first}/articles/shared/")
        assert "Before the edit" in html
        assert how == "miss"
        assert over_http(f"{second}/articles/shared/")[1] == "hit"  # stored by the other process

        article.title = "After the edit"
        article.save()  # in this process: neither server hears of it but through Redis

        for base in (second, first):
            html, how = over_http(f"{base}/articles/shared/")
            assert "After the edit" in html, base
            assert "Before the edit" not in html


# What renders share (pagecache.memo) ----------------------------------------------------------


def comment_queries(queries) -> int:
    return sum('"comments_comment"' in query["sql"] for query in queries)


@pytest.mark.usefixtures("uncached_pages")
def test_renders_share_the_thread_until_a_comment_changes(article, editor):
    Comment.objects.create(article=article, name="Sam", email="s@x.org", body="First!", status="approved")
    staff = Client()
    staff.force_login(editor)  # a page rendered for one reader: never from the page cache
    with CaptureQueriesContext(connection) as first:
        staff.get("/articles/walking/")
    with CaptureQueriesContext(connection) as second:
        page = staff.get("/articles/walking/")
    assert comment_queries(first) == 1
    assert comment_queries(second) == 0
    assert len(second) < len(first)
    assert "First!" in page.content.decode()

    held = Comment.objects.create(article=article, name="Ana", email="a@x.org", body="Second.")
    comment_moderate(comment=held, status=Comment.Status.APPROVED, by=editor)
    assert "Second." in staff.get("/articles/walking/").content.decode()


@pytest.mark.usefixtures("uncached_pages")
def test_related_articles_follow_the_clock_too(article, editor):
    soon = make_article("Coming up", slug="coming-up", status=Article.Status.DRAFT, category=article.category)
    go_live = timezone.now() + timedelta(hours=2)
    article_services.articles_publish(articles=[soon], by=editor, at=go_live)
    related = parse_html(fetch("/articles/walking/")).find_all("section", class_="related")
    assert not related or "Coming up" not in related[0].text
    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        related = parse_html(fetch("/articles/walking/")).find("section", class_="related")
        assert "Coming up" in related.text


def test_in_debug_mode_an_edited_template_is_a_new_release(settings, tmp_path):
    template = tmp_path / "page.html"
    template.write_text("<p>one</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    settings.DEBUG = False
    assert pagecache.release() == pagecache.release()
    settings.DEBUG = True
    before = pagecache.release()
    template.write_text("<p>two</p>")
    os.utime(template, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    assert pagecache.release() != before


def test_an_address_never_stored_is_rendered_without_waiting_for_another_request(article):
    # Another request is rendering it (or a page that is not public, which is never stored).
    lock = pagecache._page_key(RequestFactory().get("/articles/walking/")) + ":rendering"
    caches["pages"].add(lock, 1, timeout=30)
    started = time.monotonic()
    response = fetch("/articles/walking/")
    assert time.monotonic() - started < 1
    assert (response.status_code, cache_state(response)) == (200, "miss")


@pytest.mark.usefixtures("uncached_pages")
@pytest.mark.parametrize(
    "url", [HOME, "/category/sciatica/", "/author/dana-reyes/", "/search/?q=walking"], ids=str.strip
)
def test_listings_are_rendered_once_per_change_and_show_an_edit_at_once(url, article, editor):
    with CaptureQueriesContext(connection) as first:
        assert "Walking for sciatica" in fetch(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        fetch(url)
    with CaptureQueriesContext(connection) as third:
        fetch(url)
    # The page of cards (or results) is remembered; what is left does not depend on the list.
    assert len(second) < len(first)
    assert len(third) == len(second)

    newer = make_article(
        "Walking uphill", slug="uphill", category=article.category, author=article.author, status="draft"
    )
    article_services.articles_publish(articles=[newer], by=editor)
    assert "Walking uphill" in fetch(url).content.decode()
    article_services.articles_unpublish(articles=[newer], by=editor)
    assert "Walking uphill" not in fetch(url).content.decode()


@pytest.mark.usefixtures("uncached_pages")
def test_a_remembered_listing_varies_with_its_page_and_its_list(article):
    for number in range(11):
        make_article(f"Posture {number}", slug=f"posture-{number}", category=make_category(f"C{number}"))
    assert fetch("/?page=2").content != fetch("/").content
    assert "Walking for sciatica" in fetch("/category/sciatica/").content.decode()
    assert "Posture 3" not in fetch("/category/sciatica/").content.decode()
    assert "Posture 3" in fetch("/search/?q=posture").content.decode()
    assert "Posture 3" not in fetch("/search/?q=walking").content.decode()


@pytest.mark.usefixtures("uncached_pages", "dead_redis")
@pytest.mark.parametrize("url", [HOME, "/search/?q=walking"], ids=str.strip)
def test_listings_are_rendered_while_the_store_is_down(url, article):
    for _ in range(2):
        response = fetch(url)
        assert response.status_code == 200
        assert "Walking for sciatica" in response.content.decode()


@pytest.mark.usefixtures("uncached_pages")
@pytest.mark.parametrize("url", ["/articles/walking/", HOME, "/category/sciatica/"], ids=str.strip)
def test_remembered_parts_hold_nothing_of_the_reader_they_were_rendered_for(url, article, google):
    # A reader with a session renders the page first: its forms carry that reader's token, and
    # their held comment is shown to them. The parts remembered from that render are shared.
    reader = Client()
    token = reader.get(reverse("form_token")).json()["csrfToken"]
    reader.post(
        reverse("comments:post", args=["walking"]),
        comment_data(body="A held comment about my L4 disc.", csrfmiddlewaretoken=token),
    )
    assert Comment.objects.get().status == Comment.Status.PENDING
    mine = reader.get(url)
    assert all(csrf_values(mine))
    if url == "/articles/walking/":
        assert "L4 disc" in mine.content.decode()

    theirs = fetch(url)
    assert reader.cookies["csrftoken"].value not in theirs.content.decode()
    assert "L4 disc" not in theirs.content.decode()
    assert not any(csrf_values(theirs))


@pytest.mark.usefixtures("uncached_pages")
def test_a_signed_in_reader_sees_an_edit_of_the_article_at_once(client, article, editor):
    client.force_login(editor)
    assert "Walking for sciatica" in client.get("/articles/walking/").content.decode()
    article.title = "Walking when sciatica flares"
    article.body = "<p>New advice.</p>"
    article.save()
    page = client.get("/articles/walking/").content.decode()
    assert "Walking when sciatica flares" in page
    assert "New advice." in page
