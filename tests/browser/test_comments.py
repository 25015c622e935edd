"""A reader comments, a moderator approves it in the admin, another reader sees it.

There is no internet here: the page's request for Google's reCAPTCHA script is answered with a
local stub that renders a ticked box, and the server's check with Google is patched at the one
function that calls it.
"""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.conftest import set_discussion
from tests.factories import make_article, make_author, make_category, make_user

PASSWORD = "a long test password"
RECAPTCHA_STUB = """
window.grecaptcha = {
  render: function (slot, options) {
    var box = document.createElement("textarea");
    box.name = "g-recaptcha-response"; box.value = "stub-token"; box.style.display = "none";  // as Google does
    slot.appendChild(box);
    var label = document.createElement("p"); label.textContent = "reCAPTCHA stub: ticked"; slot.appendChild(label);
    return 0;
  },
  reset: function () {}, ready: function (f) { f(); },
  execute: function () { return Promise.resolve("stub-token"); }
};
var callbackName = new URL(document.currentScript.src).searchParams.get("onload");
if (callbackName) window[callbackName]();
"""


@pytest.fixture
def discussion(db):
    article = make_article(
        "Sleeping better with back pain",
        slug="sleep",
        category=make_category("Sleep"),
        author=make_author("Maren C."),
    )
    make_user("moderator", superuser=True, password=PASSWORD)
    # People type slower than Playwright: without this the bot timer would file the comment as spam.
    set_discussion(min_fill_seconds=0)
    return article


def stub_google(context):
    requests = []

    def answer(route):
        requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/javascript", body=RECAPTCHA_STUB)

    context.route("https://www.google.com/recaptcha/api.js*", answer)
    return requests


def test_comment_moderation_round_trip(browser, live_server, discussion, google, assert_accessible):
    url = live_server.url + discussion.get_absolute_url()

    reader = browser.new_context()
    google_requests = stub_google(reader)
    page = reader.new_page()
    csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp_errors.append(m.text))
    page.goto(url)
    assert google_requests == []  # reading alone loads nothing from Google
    page.get_by_role("textbox", name="Comment").fill("A pillow between my knees made a real difference.")
    page.get_by_role("textbox", name="Name").fill("Maria T.")
    page.locator(".comment-form").get_by_role("textbox", name="Email").fill("maria@example.com")
    expect(page.locator(".recaptcha-slot")).to_contain_text("reCAPTCHA stub: ticked")
    assert len(google_requests) == 1
    assert_accessible(page)
    page.get_by_role("button", name="Post Comment").click()

    expect(page.locator(".messages")).to_contain_text("Your comment is awaiting moderation.")
    mine = page.locator(".comment-pending")
    expect(mine).to_contain_text("A pillow between my knees")
    expect(mine).to_contain_text("Awaiting moderation")
    assert google.call_args.kwargs["recaptcha_response"] == "stub-token"
    assert csp_errors == []

    passer_by = browser.new_context().new_page()
    passer_by.goto(url)
    expect(passer_by.locator("#comments")).not_to_contain_text("A pillow between my knees")

    moderator = browser.new_context().new_page()
    moderator.goto(live_server.url + "/admin/login/")
    moderator.get_by_label("Username").fill("moderator")
    moderator.get_by_label("Password").fill(PASSWORD)
    moderator.get_by_role("button", name="Log in").click()
    moderator.goto(live_server.url + "/admin/comments/comment/?status__exact=pending")
    comment = Comment.objects.get()
    moderator.locator(f"input[name=_selected_action][value='{comment.pk}']").check()
    moderator.get_by_label("Action:").select_option("approve")
    moderator.get_by_role("button", name="Go").click()
    expect(moderator.locator(".messagelist")).to_contain_text("Approved 1 comment.")

    passer_by.reload()
    published = passer_by.locator(f"#comment-{comment.pk}")
    expect(published).to_contain_text("A pillow between my knees made a real difference.")
    expect(published).not_to_contain_text("Awaiting moderation")
    expect(passer_by.locator("#comments-heading")).to_have_text("1 comment")


def test_saved_details_are_filled_in_by_the_browser_not_the_server(browser, live_server, discussion, google):
    context = browser.new_context()
    stub_google(context)
    page = context.new_page()
    page.goto(live_server.url + discussion.get_absolute_url())
    page.get_by_role("textbox", name="Comment").fill("Thanks for the clear advice.")
    page.get_by_role("textbox", name="Name").fill("Maria T.")
    page.locator(".comment-form").get_by_role("textbox", name="Email").fill("maria@example.com")
    page.get_by_label("Save my name and email").check()
    expect(page.locator(".recaptcha-slot")).to_contain_text("ticked")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator(".messages")).to_be_visible()

    response = page.request.get(live_server.url + discussion.get_absolute_url())
    assert "maria@example.com" not in response.text()  # the server's HTML never holds it
    page.goto(live_server.url + discussion.get_absolute_url())
    expect(page.get_by_role("textbox", name="Name")).to_have_value("Maria T.")
    expect(page.locator(".comment-form").get_by_role("textbox", name="Email")).to_have_value(
        "maria@example.com"
    )


def test_reply_opens_the_form_under_the_comment(browser, live_server, discussion, google):
    first = Comment.objects.create(
        article=discussion,
        name="Maria T.",
        email="m@example.com",
        body="Does this help sciatica too?",
        status="approved",
    )
    context = browser.new_context()
    stub_google(context)
    page = context.new_page()
    page.goto(live_server.url + discussion.get_absolute_url())

    page.get_by_role("link", name="Reply to Maria T.").click()

    thread = page.locator(f"#comment-{first.pk}")
    expect(thread.locator(".comment-form")).to_be_visible()
    expect(page.locator(".replying-to")).to_contain_text("Replying to Maria T.")
    expect(page.get_by_role("textbox", name="Comment")).to_be_focused()
    page.keyboard.type("It helped mine, slowly.")
    page.get_by_role("textbox", name="Name").fill("Sam")
    page.locator(".comment-form").get_by_role("textbox", name="Email").fill("sam@example.com")
    expect(page.locator(".recaptcha-slot")).to_contain_text("ticked")
    page.get_by_role("button", name="Post Comment").click()

    expect(page.locator(".messages")).to_contain_text("awaiting moderation")
    reply = Comment.objects.get(name="Sam")
    assert reply.parent == first
    expect(page.locator(f"#comment-{first.pk} #comment-{reply.pk}")).to_contain_text(
        "It helped mine, slowly."
    )

    page.get_by_role("link", name="Reply to Maria T.").click()
    page.get_by_role("button", name="Cancel reply").click()
    expect(page.locator(".replying-to")).to_be_hidden()
    expect(thread.locator(".comment-form")).to_have_count(0)
