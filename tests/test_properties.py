"""No input is a server error: property-based tests (hypothesis) over every public URL, its path
and query parameters, every public form and every emailed token link.

Bounded for CI by the "ci" profile (a fixed number of examples, derandomised, no example database);
`HYPOTHESIS_PROFILE=long` searches deeper and remembers failing examples in var/hypothesis. Every
request goes through Django's test client with `raise_request_exception=False`, so a server error is
a 500 to assert on, as a visitor would see it. Refusals (400, 403, 404, 405, 410, 429) are answers;
only a 5xx is a failure. Forms are sent as a browser sends them after static/js/forms.js fetched a
token from /form-token/, so fuzzed fields reach the forms' validation, not just the CSRF check.
"""

import os
import re
from contextlib import contextmanager
from itertools import count
from unittest import mock
from urllib.error import URLError
from urllib.parse import quote, quote_from_bytes

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlencode
from django_recaptcha.client import RecaptchaResponse
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from articles.models import Redirect
from comments import links as comment_links
from comments.models import Comment, ReplySubscriber
from healthyback.models import Page
from newsletter import tokens as newsletter_tokens
from newsletter.models import Subscriber
from tests.comments.conftest import comment_data
from tests.factories import make_article, make_author, make_category, make_user

# The fixtures (the World below, settings) are made once per test and shared by its examples, on
# purpose: what one example stores (a comment, a sign-up) is part of the next one's world.
_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
hypothesis_settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=_CHECKS
)
hypothesis_settings.register_profile(
    "long",
    max_examples=500,
    deadline=None,
    database=DirectoryBasedExampleDatabase("var/hypothesis"),
    suppress_health_check=_CHECKS,
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(factor: float):
    """The profile's number of examples times `factor`: fewer for a test run once per URL, more for
    a cheap one."""
    return hypothesis_settings(max_examples=max(10, int(hypothesis_settings.default.max_examples * factor)))


pytestmark = pytest.mark.django_db

# Inputs ------------------------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "0",
    "-1",
    "1.5",
    "1e309",
    "9" * 30,
    str(2**63),
    "NaN",
    "null",
    "[]",
    '{"a": 1}',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../../etc/passwd",
    "x\r\nBcc: victim@example.com",
    "\u202eevil",
    "\ufeff",
    "ﬁ",
    "\U0010ffff",
    "𝔥𝔢𝔩𝔩𝔬",
    "a@localhost",
    "a@[127.0.0.1]",
    "a" * 64 + "@" + "b" * 250 + ".com",
    "reader@example.com",
    "REÄDER@exämple.com",
    "javascript:alert(1)",
    "https://" + "a" * 300 + ".example/",
    "http://[::1",
    "http://example.com/" + "\x00",
    "http://xn--/",
    ":memory:",
]
# Any unicode text but lone surrogates (which no browser can send), NUL and controls included.
any_text = st.text(max_size=60)
huge_text = st.builds(
    lambda piece, times: piece * times, st.text(min_size=1, max_size=3), st.integers(1_000, 200_000)
)
numbers = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True)).map(str)
one_value = st.one_of(st.sampled_from(NASTY), any_text, numbers, huge_text)
# A list sends the field several times, as a crafted form (or a name repeated in a query) would.
field_value = st.one_of(one_value, st.lists(one_value, min_size=2, max_size=4))
# Not text at all: a file where a form has none (multipart only; urlencoded, its bytes as text).
uploads = st.binary(max_size=200).map(lambda data: SimpleUploadedFile("a.txt", data, "text/plain"))
form_value = st.one_of(field_value, uploads)
unexpected_names = st.one_of(st.sampled_from(["", "\x00", "a[]", "__proto__"]), st.text(max_size=12))
ips = st.one_of(st.sampled_from(["127.0.0.1", "198.51.100.7", "::1"]), st.ip_addresses().map(str))
# Mostly (None) a new address each time, so the limit of one comment per address in 15 s lets it
# through; sometimes one already seen.
_addresses = count(1)
senders = st.sampled_from(range(4)).flatmap(lambda n: ips if n == 3 else st.none())


def address(ip: str | None) -> str:
    return ip or f"2001:db8::{next(_addresses):x}"


def form_fields(names, defaults):
    """A form's data: its valid values with a few replaced, removed, repeated, or joined by fields
    it does not expect (a few: so that the others stay valid and the bad ones reach validation)."""
    return st.tuples(
        st.dictionaries(st.sampled_from(names), form_value, max_size=3),
        st.sets(st.sampled_from(names), max_size=2),
        st.dictionaries(unexpected_names, form_value, max_size=2),
    ).map(
        lambda parts: (
            {k: v for k, v in defaults.items() if k not in parts[1] and v is not None} | parts[0] | parts[2]
        )
    )


def post_form(visitor: Client, url: str, fields: dict, *, urlencoded: bool, **headers):
    """POST `fields` as a browser's form does by default (urlencoded) or as multipart/form-data."""
    if not urlencoded:
        return visitor.post(url, fields, **headers)

    def text(value):
        if isinstance(value, list):
            return [text(item) for item in value]
        return value.read().decode("latin-1") if isinstance(value, SimpleUploadedFile) else value

    body = urlencode({name: text(value) for name, value in fields.items()}, doseq=True)
    return visitor.post(url, body, content_type="application/x-www-form-urlencoded", **headers)


def path_value(value: str) -> str:
    """A path parameter as a browser sends it: every byte of its UTF-8 percent-encoded."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


# Google, at the one function our code calls: every answer it can give, and none.
GOOGLE_ANSWERS = {
    "yes": {"return_value": RecaptchaResponse(is_valid=True, extra_data={"score": 0.9})},
    "low-score": {"return_value": RecaptchaResponse(is_valid=True, extra_data={"score": 0.1})},
    "no": {"return_value": RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"])},
    "expired": {"return_value": RecaptchaResponse(is_valid=False, error_codes=["timeout-or-duplicate"])},
    "our-keys": {"return_value": RecaptchaResponse(is_valid=False, error_codes=["invalid-input-secret"])},
    "unreachable": {"side_effect": URLError(OSError(-2, "Name or service not known"))},
    "timeout": {"side_effect": TimeoutError("timed out")},
}
google_answers = st.sampled_from(list(GOOGLE_ANSWERS))  # "yes" first: examples shrink towards it


@contextmanager
def google_says(answer: str):
    with mock.patch("django_recaptcha.client.submit", **GOOGLE_ANSWERS[answer]):
        yield


def browser() -> Client:
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


def with_form_token(visitor: Client) -> str:
    """What static/js/forms.js does when a visitor starts on a form: fetch a CSRF token."""
    return visitor.get(reverse("form_token")).json()["csrfToken"]


def assert_no_server_error(response, what=""):
    event(f"answered {response.status_code}")  # see how deep examples got: --hypothesis-show-statistics
    assert response.status_code < 500, f"{response.status_code} for {what or response.wsgi_request}"


# Fields that the page itself writes, hidden: only a crafted request gets them wrong, and it is
# told no more than that the form came back (400).
WRITTEN_BY_THE_PAGE = {"consent", "source", "started"}


def shows_an_error(response) -> bool:
    """The form came back with something said about it: a field's error, or one above the form."""
    text = response.content.decode()
    if any(mark in text for mark in ('class="invalid-feedback', 'class="form-errors"', "alert-danger")):
        return True
    form = response.context["form"] if "form" in response.context else response.context["comment_form"]
    return set(form.errors) <= WRITTEN_BY_THE_PAGE


# The world the requests meet ---------------------------------------------------------------------


class World:
    """Real rows, and the real links and slugs that name them, for examples to mix with junk."""

    def __init__(self):
        category = make_category("Sciatica", slug="sciatica")
        make_category("Nerve pain", slug="nerve-pain", parent=category)
        author = make_author("Dana Reyes", slug="dana-reyes")
        self.article = make_article("Living with sciatica", slug="living-with-sciatica", category=category,
                                    author=author)  # fmt: skip
        make_article("A draft", slug="a-draft", status="draft", category=category, author=author)
        Page.objects.create(slug="about", title="About us", summary="Who we are.", body="<p>We.</p>")
        Redirect.objects.create(old_path="/old-sciatica/", article=self.article)
        Redirect.objects.create(old_path="/?p=12", article=self.article)
        self.comment = Comment.objects.create(
            article=self.article, name="Sam", email="sam@example.com", body="Walking helps.",
            status=Comment.Status.APPROVED,
        )  # fmt: skip
        held = Comment.objects.create(article=self.article, name="Ann", email="ann@example.com",
                                      body="Does heat help?")  # fmt: skip
        moderator = make_user("mod", staff=True)
        moderator.groups.add(Group.objects.get(name="Moderators"))
        replies = ReplySubscriber.objects.create(email="sam@example.com")
        pending = Subscriber.objects.create(email="pending@example.com", token="pending-token")
        confirmed = Subscriber.objects.create(
            email="confirmed@example.com", token="confirmed-token", status=Subscriber.Status.CONFIRMED
        )
        self.slugs = ["sciatica", "nerve-pain", "dana-reyes", "living-with-sciatica", "a-draft", "about"]
        self.tokens = {
            "comments:moderate": [
                comment_links.make_token(comment_id=held.pk, user_id=moderator.pk, action=action)
                for action in comment_links.ACTIONS
            ],
            "comments:reply_confirm": [comment_links.reply_confirm_token(replies.token)],
            "comments:reply_unsubscribe": [comment_links.reply_unsubscribe_token(replies.token)],
            "newsletter:confirm": [newsletter_tokens.confirm_token(s) for s in (pending, confirmed)],
            "newsletter:unsubscribe": [newsletter_tokens.unsubscribe_token(s) for s in (pending, confirmed)],
        }

    def values(self, converter: str) -> list[str]:
        return (
            self.slugs
            if converter == "slug"
            else [token for tokens in self.tokens.values() for token in tokens]
        )


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what a request queued for after its transaction (moderator emails, confirmations), as
    the worker would: inputs must survive the emails made from them too."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# Every public URL ------------------------------------------------------------------------------

# Each public URL, and what fuzzes it beyond the test that walks them all (path parameters, query
# strings and methods). A URL added to the URLconf fails test_every_public_url_is_listed until it
# is listed here, with its own property test if it takes a form or a token.
PUBLIC_URLS = {
    "": "test_query_parameters_never_break_a_page (?page=, WordPress's ?p=)",
    "healthz": "",
    "robots.txt": "",
    "form-token/": "each form test fetches its token here",
    "sitemap.xml": "",
    "feed/": "",
    "feed/atom/": "",
    "category/<slug:slug>/feed/": "",
    "category/<slug:slug>/feed/atom/": "",
    "author/<slug:slug>/feed/": "",
    "author/<slug:slug>/feed/atom/": "",
    "favicon.ico": "",
    "pages/<slug:slug>/": "",
    "articles/<slug:slug>/": "test_query_parameters_never_break_a_page (?comment=)",
    "category/<slug:slug>/": "test_query_parameters_never_break_a_page (?page=)",
    "author/<slug:slug>/": "test_query_parameters_never_break_a_page (?page=)",
    "search/": "test_query_parameters_never_break_a_page (?q=, ?page=)",
    "articles/<slug:slug>/comments/": "test_the_comment_form_answers_any_input",
    "comments/moderate/<str:token>/": "test_token_links_answer_any_token",
    "comments/replies/confirm/<str:token>/": "test_token_links_answer_any_token",
    "comments/replies/unsubscribe/<str:token>/": "test_token_links_answer_any_token",
    "newsletter/subscribe/": "test_the_sign_up_form_answers_any_input (and ?from=)",
    "newsletter/check-your-inbox/": "",
    "newsletter/confirm/<str:token>/": "test_token_links_answer_any_token",
    "newsletter/unsubscribe/<str:token>/": "test_token_links_answer_any_token",
}


def public_routes(patterns=None, prefix=""):
    """(route, pattern) for every URL of the URLconf outside the admin."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":
                yield from public_routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


ROUTES = dict(public_routes())
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def test_every_public_url_is_listed():
    assert set(ROUTES) == set(PUBLIC_URLS)


def route_paths(route: str, world: World):
    """Addresses for `route`: each parameter a real value, or any that its converter accepts."""
    converters = ROUTES[route].pattern.converters
    pieces = re.split(PARAMETER, route)
    strategies = []
    for index, piece in enumerate(pieces):
        if index % 3 == 0:
            strategies.append(st.just(quote(piece)))
        elif index % 3 == 2:  # a parameter's name; its converter came just before
            converter = converters[piece]
            kind = pieces[index - 1] or "str"
            any_accepted = st.from_regex(converter.regex, fullmatch=True).filter(
                lambda v: v not in ".." and v
            )
            strategies.append(st.one_of(st.sampled_from(world.values(kind)), any_accepted).map(path_value))
    return st.tuples(*strategies).map(lambda parts: "/" + "".join(parts))


query_names = st.one_of(
    st.sampled_from(["q", "page", "p", "from", "comment", "utm_source"]), unexpected_names
)
queries = st.dictionaries(query_names, field_value, max_size=4)
methods = st.sampled_from(["GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"])


@pytest.mark.parametrize("route", sorted(ROUTES))
@examples(0.5)
@given(data=st.data())
def test_any_address_of_a_public_url_is_answered(world, route, data):
    path = data.draw(route_paths(route, world), label="path")
    method = data.draw(methods, label="method")
    query = data.draw(queries, label="query")
    visitor = browser()
    token = with_form_token(visitor) if method == "POST" else None
    body = data.draw(st.dictionaries(unexpected_names, field_value, max_size=3), label="body")
    if method == "POST":
        response = visitor.post(
            f"{path}?{urlencode(query, doseq=True)}", {"csrfmiddlewaretoken": token, **body}
        )
    else:
        response = visitor.generic(method, path, QUERY_STRING=urlencode(query, doseq=True))
    assert_no_server_error(response, f"{method} {path}")


# Query parameters --------------------------------------------------------------------------------

PAGES_WITH_PARAMETERS = [
    "/",
    "/search/",
    "/category/sciatica/",
    "/author/dana-reyes/",
    "/articles/living-with-sciatica/",
    "/newsletter/subscribe/",
]


@pytest.mark.parametrize("path", PAGES_WITH_PARAMETERS)
@given(
    q=field_value,
    page=field_value,
    other=st.dictionaries(st.sampled_from(["p", "comment", "from"]), field_value, max_size=3),
)
def test_query_parameters_never_break_a_page(world, path, q, page, other):
    # Through the page cache too: a stored page is answered before any view runs.
    response = browser().get(path, {"q": q, "page": page, **other})
    assert_no_server_error(response, path)


@given(q=field_value, page=field_value, words=st.lists(st.sampled_from(["sciatica", "living", "with", "OR",
                                                                         '"', "-", "or"]), max_size=6))  # fmt: skip
def test_search_for_anything_finds_or_says_nothing(world, q, page, words):
    query = " ".join(words) + (q if isinstance(q, str) else " ".join(q))
    response = browser().get("/search/", {"q": query, "page": page})
    assert response.status_code == 200


# Raw requests: any bytes in the path, the query string and the body -------------------------------

raw_bytes = st.one_of(
    st.binary(max_size=80),
    st.text(max_size=40).map(lambda text: text.encode("utf-8")),
    st.sampled_from(
        [b"\x00", b"%00", b"%", b"%zz", b"%c0%ae%c0%ae/", b"\xc0\xae", b"\xff\xfe", b"..", b"//"]
    ),
)
prefixes = st.sampled_from(["/", "/articles/", "/search/", "/newsletter/confirm/", "/comments/moderate/",
                            "/category/", "/static/", "/media/", "/admin/", "/feed/", "//"])  # fmt: skip


@examples(3)
@given(
    prefix=prefixes,
    path=raw_bytes,
    long=st.integers(0, 3),
    query=raw_bytes,
    method=st.sampled_from(["GET", "HEAD", "POST", "PUT", "TRACE"]),
)
def test_any_path_and_query_string_is_answered(world, prefix, path, long, query, method):
    # As a server hands them over (PEP 3333): the bytes that arrived, as latin-1 text, %XX kept.
    raw_path = prefix.encode() + path + b"x" * (0, 300, 5_000, 70_000)[long]
    response = browser().generic(
        method,
        "/",
        PATH_INFO=raw_path.decode("latin-1"),
        QUERY_STRING=quote_from_bytes(query, safe="=&%+;?/").encode().decode("latin-1"),
    )
    assert_no_server_error(response, f"{method} {raw_path!r}?{query!r}")


FORM_URLS = [
    "/newsletter/subscribe/",
    "/articles/living-with-sciatica/comments/",
    "/comments/replies/unsubscribe/x/",
    "/newsletter/unsubscribe/x/",
    "/admin/login/",
    "/nowhere/",
]
content_types = st.one_of(
    st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "multipart/form-data; boundary=BoUnDaRy",
            "multipart/form-data; boundary=",
            "application/json",
            "text/plain",
            "",
        ]
    ).flatmap(
        lambda kind: st.one_of(
            st.just(kind),
            st.sampled_from(["utf-8", "latin-1", "utf-16", "utf-32", "ascii", "cp1252", "nope", '"', ""]).map(
                lambda charset: f"{kind}; charset={charset}"
            ),
        )
    ),
    st.text(max_size=60).map(lambda text: text.encode("utf-8").decode("latin-1")),
)
bodies = st.one_of(
    raw_bytes,
    st.just(b"--BoUnDaRy\r\nContent-Disposition: form-data; name=email\r\n\r\nx\r\n--BoUnDaRy--\r\n"),
    st.just(b'--BoUnDaRy\r\nContent-Disposition: form-data; name="f"; filename="a\x00.txt"\r\n\r\n'),
    st.just(b"&".join(b"a%d=1" % n for n in range(1_200))),  # past DATA_UPLOAD_MAX_NUMBER_FIELDS
    st.just(b"body=" + b"x" * 3_000_000),  # past DATA_UPLOAD_MAX_MEMORY_SIZE
    st.just(b"email=caf%E9%40example.org&body=%FF%FE"),
)


@pytest.mark.parametrize("url", FORM_URLS)
@given(content_type=content_types, body=bodies, cookie=st.booleans())
def test_any_content_type_and_body_on_a_form_is_answered(world, url, content_type, body, cookie):
    visitor = browser()
    token = with_form_token(visitor) if cookie else "a" * 32
    response = visitor.generic(
        "POST", url, body + b"&csrfmiddlewaretoken=" + token.encode(), content_type=content_type
    )
    assert_no_server_error(response, f"{content_type!r} {body[:80]!r}")


# Cookies are input too: the page cache, the session and the flash messages read them. A header
# value as gunicorn hands it on: it refuses control characters (NUL among them) with its own 400, so
# only tab, visible ASCII and bytes above 0x7F (as latin-1) reach us.
header_text = st.text(
    alphabet=st.one_of(
        st.just("\t"), st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f")
    ),
    max_size=80,
)
cookie_names = st.one_of(st.sampled_from(["sessionid", "csrftoken", "messages"]), header_text)
cookie_headers = st.one_of(
    st.lists(st.tuples(cookie_names, header_text), max_size=4).map(
        lambda pairs: "; ".join(f"{name}={value}" for name, value in pairs)
    ),
    header_text,
)


@examples(2)
@given(
    cookies=cookie_headers,
    path=st.sampled_from(["/", "/articles/living-with-sciatica/", "/form-token/", "/newsletter/subscribe/"]),
    method=st.sampled_from(["GET", "POST"]),
)
def test_any_cookie_is_answered(world, cookies, path, method):
    response = browser().generic(method, path, HTTP_COOKIE=cookies)
    assert_no_server_error(response, f"{method} {path} with {cookies!r}")


# The comment form ----------------------------------------------------------------------------------

COMMENT_FIELDS = [
    "body",
    "name",
    "email",
    "website",
    "parent",
    "phone",
    "started",
    "notify_replies",
    "save_details",
    "g-recaptcha-response",
    "captcha_unavailable",
]
COMMENT = comment_data(notify_replies="on", parent=None)
_comments = count(1)
# Mostly the genuine token, so that the other fields reach the form; sometimes anything.
csrf_tokens = st.sampled_from(range(5)).flatmap(lambda n: field_value if n == 4 else st.none())


@pytest.mark.parametrize("recaptcha", ["v2", "v3"])
@given(
    fields=form_fields(COMMENT_FIELDS, COMMENT),
    google=google_answers,
    ip=senders,
    user_agent=one_value,
    reply=st.booleans(),
    csrf=csrf_tokens,
    urlencoded=st.booleans(),
)
def test_the_comment_form_answers_any_input(world, settings, on_commit, recaptcha, fields, google, ip,
                                            user_agent, reply, csrf, urlencoded):  # fmt: skip
    settings.RECAPTCHA_VERSION = recaptcha
    visitor = browser()
    parent = {"parent": world.comment.pk} if reply else {}
    csrf = with_form_token(visitor) if csrf is None else csrf
    fields = {"csrfmiddlewaretoken": csrf, **parent} | fields
    if fields.get("body") == COMMENT["body"]:  # not refused as the same comment again
        fields["body"] += f" ({next(_comments)})"
    url = reverse("comments:post", args=[world.article.slug])
    before = set(Comment.objects.values_list("pk", flat=True))
    with google_says(google), on_commit():
        response = post_form(
            visitor, url, fields, urlencoded=urlencoded, REMOTE_ADDR=address(ip), HTTP_USER_AGENT=user_agent
        )

    assert_no_server_error(response)
    assert response.status_code in {302, 400, 403, 429}
    if response.status_code == 302:
        assert response["Location"].startswith("/articles/living-with-sciatica/?comment=")
        # What was stored shows on the article once published, to everyone, and in the admin list.
        [posted] = Comment.objects.exclude(pk__in=before)
        posted.approve()
        for reader in (visitor, browser()):
            assert reader.get(response["Location"]).status_code == 200
    else:
        assert shows_an_error(response) or "once more" in response.content.decode()


# The newsletter sign-up form ----------------------------------------------------------------------

SIGN_UP_FIELDS = ["email", "nickname", "consent", "source", "g-recaptcha-response", "captcha_unavailable"]


@pytest.mark.parametrize("recaptcha", [False, True])
@given(
    fields=form_fields(
        SIGN_UP_FIELDS, {"email": "reader@example.com", "source": "/articles/x/", "g-recaptcha-response": "t"}
    ),
    google=google_answers,
    ip=senders,
    csrf=csrf_tokens,
    urlencoded=st.booleans(),
)
def test_the_sign_up_form_answers_any_input(
    world, settings, on_commit, recaptcha, fields, google, ip, csrf, urlencoded
):
    settings.NEWSLETTER_RECAPTCHA = recaptcha
    visitor = browser()
    csrf = with_form_token(visitor) if csrf is None else csrf
    fields = {"csrfmiddlewaretoken": csrf} | fields
    with google_says(google), on_commit():
        response = post_form(
            visitor, reverse("newsletter:subscribe"), fields, urlencoded=urlencoded, REMOTE_ADDR=address(ip)
        )

    assert_no_server_error(response)
    assert response.status_code in {303, 400, 403}
    if response.status_code == 303:
        assert response["Location"] == reverse("newsletter:check_inbox")
    else:
        assert shows_an_error(response) or "once more" in response.content.decode()


# Emailed links ----------------------------------------------------------------------------------

TOKEN_ROUTES = [
    "comments:moderate",
    "comments:reply_confirm",
    "comments:reply_unsubscribe",
    "newsletter:confirm",
    "newsletter:unsubscribe",
]
SALTS = [
    comment_links.SALT,
    comment_links.CONFIRM_SALT,
    comment_links.UNSUBSCRIBE_SALT,
    newsletter_tokens.CONFIRM_SALT,
    newsletter_tokens.UNSUBSCRIBE_SALT,
]
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.sampled_from(["c", "u", "a", "x"]), children)
    ),
    max_leaves=6,
)


def mutated(token: str):
    """A genuine token cut short, lengthened or with one character changed, as email programs do."""
    return st.one_of(
        st.integers(0, len(token)).map(lambda n: token[:n]),
        any_text.map(lambda extra: token + extra),
        st.tuples(st.integers(0, len(token) - 1), st.characters()).map(
            lambda change: token[: change[0]] + change[1] + token[change[0] + 1 :]
        ),
    )


def tokens(genuine: list[str]):
    return st.one_of(
        st.sampled_from(genuine),
        st.sampled_from(genuine).flatmap(mutated),
        st.sampled_from(NASTY),
        any_text,
        huge_text,
    )


@pytest.mark.parametrize("name", TOKEN_ROUTES)
@given(
    data=st.data(), method=st.sampled_from(["GET", "HEAD", "POST"]), query=queries, signed_in=st.booleans()
)
def test_token_links_answer_any_token(world, name, data, method, query, signed_in):
    token = data.draw(tokens(world.tokens[name]), label="token")
    path = reverse(name, args=["TOKEN"]).replace("TOKEN", path_value(token))
    visitor = browser()
    if signed_in:
        visitor.force_login(make_user())
    if method == "POST":
        response = visitor.post(
            f"{path}?{urlencode(query, doseq=True)}", {"csrfmiddlewaretoken": with_form_token(visitor)}
        )
    else:
        response = visitor.generic(method, path, QUERY_STRING=urlencode(query, doseq=True))
    assert_no_server_error(response, f"{method} {token!r}")
    if token not in world.values("str"):  # HEAD: the confirm and unsubscribe links take only GET and POST
        assert response.status_code in {301, 400, 404, 405, 410}


@pytest.mark.parametrize("name", TOKEN_ROUTES)
@given(salt=st.sampled_from(SALTS), payload=json_values, timestamped=st.booleans())
def test_token_links_answer_any_payload_signed_with_our_key(world, name, salt, payload, timestamped):
    # Signed by us, so only a leaked key or an older release's links could carry such a payload;
    # still they get a page that says the link is not valid, not an error.
    if timestamped:
        token = signing.dumps(payload, salt=salt, compress=True)
    else:
        token = signing.Signer(salt=salt).sign(str(payload))
    visitor = browser()
    path = reverse(name, args=[path_value(token)])
    for response in (
        visitor.get(path),
        visitor.post(path, {"csrfmiddlewaretoken": with_form_token(visitor)}),
    ):
        assert_no_server_error(response, f"{response.request['REQUEST_METHOD']} {payload!r}")
