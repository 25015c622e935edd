"""Site-wide pages: home, /healthz, robots.txt, error pages and the security headers."""

import json
import logging
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

PROJECT = Path(__file__).resolve().parent.parent
# The pages' navigation lists the categories from the database.
pytestmark = pytest.mark.django_db


class Landmarks(HTMLParser):
    """Collects the tags and ids a page's skeleton must have."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.html_lang = attrs.get("lang")


def parse(response) -> Landmarks:
    parser = Landmarks()
    parser.feed(response.content.decode())
    return parser


def test_home_page_has_the_site_skeleton(client):
    response = client.get("/")

    assert response.status_code == 200
    page = parse(response)
    assert page.html_lang == "en"
    for tag in ("header", "main", "footer"):
        assert page.tags.count(tag) == 1, tag
    assert 'aria-label="Main"' in response.content.decode()
    assert page.tags.count("h1") == 1
    assert "main" in page.ids
    assert response.content.decode().count('href="#main"') == 1
    assert 'href="/static/css/site.css"' in response.content.decode()


def test_home_page_sends_security_headers(client):
    response = client.get("/")

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_every_page_refuses_browser_features_it_does_not_use(client):
    client.get("/")  # stored in the page cache: the header must come with stored pages too
    for url in ("/", "/healthz", "/admin/login/"):
        policy = {
            part.strip().split("=")[0]: part.strip().split("=")[1]
            for part in client.get(url).headers["Permissions-Policy"].split(",")
        }
        assert policy["camera"] == policy["microphone"] == policy["geolocation"] == "()", url
        assert policy["payment"] == policy["browsing-topics"] == "()", url


def test_home_page_refuses_posts(client):
    assert client.post("/").status_code == 405


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "worker": "none",  # no worker has ever run against this database
        "worker_heartbeat_age_seconds": None,
        "oldest_waiting_task_seconds": None,
    }
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_answers_plain_http_probes_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301  # everything else still moves to https


def test_a_bad_host_header_is_answered_400_without_an_error_in_the_log(client):
    # What the site's own logging prints: the root logger's handlers (pytest adds its own
    # capturing handlers to every logger, so caplog would see the record anyway).
    printed = []
    handler = logging.Handler()
    handler.emit = printed.append
    logging.getLogger().addHandler(handler)
    try:
        response = client.get("/", HTTP_HOST="scanner.example")
    finally:
        logging.getLogger().removeHandler(handler)
    assert response.status_code == 400
    assert not [record for record in printed if record.levelno >= logging.ERROR]


def test_healthz_stays_up_when_the_cache_is_down(client, settings):
    # Nothing listens on port 1: a real connection failure, not a mock.
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_healthz_answers_503_when_the_database_is_unreachable():
    # A real outage: a fresh process whose database URL points where no PostgreSQL listens.
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz', headers={'host': 'localhost'}); "
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "healthyback.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere",
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, env=environ, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"status": 503, "body": {"status": "error", "database": "unavailable", "cache": "ok"}}


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines


def test_unknown_page_answers_a_friendly_404(client):
    response = client.get("/no-such-page/")

    assertContains(response, "<h1>We can't find that page</h1>", html=True, status_code=404)
    assert parse(response).tags.count("main") == 1


@pytest.mark.urls("tests.urls_failing")
def test_server_error_shows_our_page_without_a_traceback(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assertContains(response, "<h1>Something went wrong on our side</h1>", html=True, status_code=500)
    body = response.content.decode()
    for leak in ("Traceback", "ZeroDivisionError", settings.SECRET_KEY, "DATABASES", "healthyback/"):
        assert leak not in body


def test_csrf_failure_explains_itself_in_the_site_look():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/admin/login/", {"username": "someone", "password": "x"})

    assertContains(response, "<h1>Your form expired</h1>", html=True, status_code=403)
    assert parse(response).tags.count("footer") == 1


def test_favicon_ico_points_at_our_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.headers["Location"] == "/static/img/favicon.svg"


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "utf8"])
@pytest.mark.parametrize(
    "url", ["/newsletter/subscribe/", "/articles/walking/comments/", "/admin/login/", "/nowhere/"]
)
def test_a_form_post_in_another_charset_gets_the_400_page(url, charset):
    # Checked as in production: Django's own error views read the body again for their CSRF check.
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.cookies["csrftoken"] = "a" * 32
    response = browser.generic(
        "POST",
        url,
        "email=café@example.org&csrfmiddlewaretoken=" + "a" * 32,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    assertContains(response, "We couldn't understand that request", status_code=400)
    assertContains(response, 'class="site-header"', status_code=400)


@pytest.mark.django_db
@pytest.mark.parametrize("boundary", ["", "; boundary=", "; boundary=\x00"])
@pytest.mark.parametrize(
    "url", ["/newsletter/subscribe/", "/articles/walking/comments/", "/admin/login/", "/nowhere/"]
)
def test_a_multipart_post_that_cannot_be_parsed_gets_the_400_page(url, boundary):
    # Found by tests/test_properties.py: at an unknown address the 404 page's CSRF check read the
    # body, and Django's parser error escaped it as a 500.
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.cookies["csrftoken"] = "a" * 32
    response = browser.generic(
        "POST",
        url,
        b"--x\r\nContent-Disposition: form-data; name=email\r\n\r\nx\r\n--x--\r\n",
        content_type=f"multipart/form-data{boundary}",
    )
    assert response.status_code == 400
    assertContains(response, "We couldn't understand that request", status_code=400)
    assertContains(response, 'class="site-header"', status_code=400)
