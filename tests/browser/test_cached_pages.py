"""Readers on a page served from the page cache: they comment and subscribe as on any page, and
nothing of one reader ever reaches another's browser.

The page is stored by a first visit before each reader arrives, so the HTML they get holds no CSRF
token and no start time; forms.js fetches both from /form-token/. Google is stubbed as in
test_comments.
"""

from playwright.sync_api import expect

from comments.models import Comment
from newsletter.models import ConsentText, Subscriber
from tests.browser import test_comments
from tests.browser.test_comments import stub_google

discussion = test_comments.discussion  # the same article, moderator and discussion settings


def test_a_reader_comments_and_subscribes_on_a_cached_page(
    browser,
    live_server,
    discussion,
    google,
    mailoutbox,
):
    url = live_server.url + discussion.get_absolute_url()
    ConsentText.current()  # made by the first page view otherwise, which would make that page stale
    first_visit = browser.new_context().new_page()
    assert first_visit.goto(url).headers.get("x-page-cache") == "miss"

    reader = browser.new_context()
    stub_google(reader)
    page = reader.new_page()
    console = []
    page.on("console", lambda message: message.type == "error" and console.append(message.text))
    page.on("pageerror", lambda error: console.append(str(error)))
    response = page.goto(url)
    assert response.headers.get("x-page-cache") == "hit"
    assert 'name="csrfmiddlewaretoken" value=""' in response.text()

    page.get_by_role("textbox", name="Comment").fill("Rolling onto my side first makes mornings easier.")
    page.get_by_role("textbox", name="Name").fill("Jo Private-Reader")
    page.locator(".comment-form").get_by_role("textbox", name="Email").fill("jo.private@example.com")
    expect(page.locator(".recaptcha-slot")).to_contain_text("ticked")
    page.get_by_role("button", name="Post Comment").click()

    expect(page.locator(".messages")).to_contain_text("Your comment is awaiting moderation.")
    expect(page.locator(".comment-pending")).to_contain_text("Rolling onto my side first")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.name == "Jo Private-Reader"

    page.goto(url)  # a page rendered for this reader now: they have a session
    page.locator("#newsletter-article-email").fill("jo.private@example.com")
    page.locator(".newsletter-article").get_by_role("button", name="Sign Me Up!").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox to confirm")
    assert Subscriber.objects.get().email == "jo.private@example.com"
    assert [message.to for message in mailoutbox] == [["jo.private@example.com"]]
    assert console == []

    stranger = browser.new_context().new_page()
    seen = stranger.goto(url)
    assert seen.headers.get("x-page-cache") == "hit"
    html = seen.text()
    for private in (
        "Rolling onto my side",
        "Jo Private-Reader",
        "jo.private@example.com",
        "awaiting moderation",
    ):
        assert private not in html
    for cookie in reader.cookies():
        assert cookie["value"] not in html, cookie["name"]
    expect(stranger.get_by_role("textbox", name="Name")).to_have_value("")


def test_a_reader_subscribes_from_a_cached_page_on_the_first_try(browser, live_server, discussion):
    url = live_server.url + discussion.get_absolute_url()
    ConsentText.current()  # made by the first page view otherwise, which would make that page stale
    browser.new_context().new_page().goto(url)  # stored

    page = browser.new_context().new_page()
    console = []
    page.on("console", lambda message: message.type == "error" and console.append(message.text))
    assert page.goto(url).headers.get("x-page-cache") == "hit"
    page.locator("#newsletter-footer-email").fill("sam@example.com")
    page.locator(".newsletter-footer").get_by_role("button", name="Sign Me Up!").click()  # no focus first
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox to confirm")
    assert Subscriber.objects.filter(email="sam@example.com").exists()
    assert console == []
