"""A reader signs up in an article's sign-up box, confirms from the email, and later leaves.

The live server runs in this process with the immediate task backend, so each email lands in
Django's test outbox as soon as the request that sent it has committed.
"""

import re

import pytest
from playwright.sync_api import expect

from newsletter.models import Subscriber
from tests.factories import make_article, make_author, make_category

ADDRESS = "maria@example.com"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def article(db, settings, live_server):
    # Emailed links point at SITE_URL: here, the live server.
    settings.SITE_URL = live_server.url
    return make_article(
        "Sleeping better with back pain",
        slug="sleep",
        category=make_category("Sleep"),
        author=make_author("Maren C."),
    )


def link_in(text: str, path: str) -> str:
    [url] = re.findall(rf"https?://[^\s\"<>]+{path}[^\s\"<>]+/", text)
    return url


def test_sign_up_confirm_and_unsubscribe(
    page, live_server, article, mailoutbox, assert_accessible, console_errors
):
    page.goto(live_server.url + article.get_absolute_url())
    box = page.locator(".newsletter-article")
    expect(page.locator(".newsletter-form")).to_have_count(2)  # the article's box and the footer's
    assert_accessible(page)
    page.locator("#newsletter-article-email").fill(ADDRESS)
    box.get_by_role("button", name="Sign Me Up!").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox to confirm")
    [confirmation] = mailoutbox
    assert confirmation.to == [ADDRESS]
    subscriber = Subscriber.objects.get()
    assert subscriber.source_url == article.get_absolute_url()

    page.goto(link_in(confirmation.body, "/newsletter/confirm/"))
    expect(page.get_by_text(ADDRESS)).to_be_visible()
    confirm = page.get_by_role("button", name="Confirm my subscription")
    expect(confirm).to_be_visible()
    assert_accessible(page)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING  # opening the link alone confirms nothing
    confirm.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome! You're subscribed")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    [_, welcome] = mailoutbox
    assert welcome.to == [ADDRESS]
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [unsubscribe_url] = re.fullmatch(r"<(\S+)>", welcome.extra_headers["List-Unsubscribe"]).groups()
    assert unsubscribe_url == link_in(welcome.body, "/newsletter/unsubscribe/")

    page.goto(unsubscribe_url)
    expect(page.get_by_text(ADDRESS)).to_be_visible()
    assert_accessible(page)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    page.get_by_role("button", name="Unsubscribe").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You're unsubscribed")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert len(mailoutbox) == 2
    assert console_errors == []


def test_the_sign_up_boxes_fit_a_phone(page, live_server, article, console_errors):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + article.get_absolute_url())

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for place in ("article", "footer"):
        box = page.locator(f".newsletter-{place}")
        for control in (
            page.locator(f"#newsletter-{place}-email"),
            box.get_by_role("button", name="Sign Me Up!"),
        ):
            control.scroll_into_view_if_needed()
            expect(control).to_be_visible()
            bounds = control.bounding_box()
            assert bounds["x"] >= 0, place
            assert bounds["x"] + bounds["width"] <= PHONE["width"], place
            assert bounds["width"] >= 44, place  # big enough to tap
    assert console_errors == []
