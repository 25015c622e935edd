"""A staff member writes a campaign, previews it, sends a test, sends it, watches the progress reach 100%.

Everything between the browser and the inbox is real: the live server enqueues into the database,
a `manage.py db_worker` process runs the tasks in the background (sending test copies and the
campaign's batches), and an SMTP server on 127.0.0.1 (aiosmtpd) receives every message. The worker
sends 15 messages a second in batches of 5, so the 30 copies take about two seconds and the progress
bar moves while the page polls.
"""

from collections import Counter

import pytest
from playwright.sync_api import expect

from newsletter.models import Campaign, Delivery, Subscriber
from tests.browser.conftest import running_worker
from tests.factories import make_article, make_author, make_category, make_user, uploaded_image
from tests.test_worker import DATABASE_BACKEND

PASSWORD = "a long test password"
SUBSCRIBERS = 30
PHONE = {"width": 390, "height": 844}
WAIT = 30_000  # ms: generous, for a busy machine; nothing here asserts how long anything takes

SUBJECT = "Five minutes for your back"
PREHEADER = "A gentle routine for the mornings, and what we read this week."
BODY = "Start the day with a slow walk around the block."


@pytest.fixture
def newsroom(settings, live_server, smtp_server):
    """An editor with an email address, confirmed subscribers and one published, pictured article."""
    settings.SITE_URL = live_server.url  # emailed links and images point at the live server
    settings.ROOT_URLCONF = "tests.urls_with_media"  # which serves the article's picture
    editor = make_user("editor", superuser=True, password=PASSWORD)
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.com", status="confirmed", token=f"token-{n}")
        for n in range(SUBSCRIBERS)
    )
    article = make_article(
        "Sleeping better with back pain",
        slug="sleep",
        summary="Positions and pillows that help.",
        featured_image=uploaded_image("pillow.jpg", size=(1200, 800)),
        featured_image_alt="A pillow between the knees",
        category=make_category("Sleep"),
        author=make_author("Maren C."),
    )
    return {"editor": editor, "article": article}


@pytest.fixture
def worker(settings, live_server, smtp_server, tmp_path):
    """A real `db_worker` process, kept running for the whole test, sending through `smtp_server`."""
    settings.TASKS = DATABASE_BACKEND  # the live server (this process) enqueues into the database
    with running_worker(
        tmp_path / "worker.log",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}",
        SITE_URL=live_server.url,
        NEWSLETTER_SEND_RATE="15",
        NEWSLETTER_BATCH_SIZE="5",
    ) as process:
        yield process


def log_in(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(base_url + "/admin/")


def watch_console(page, errors: list):
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))


def insert_article(page, title: str, popup_errors: list):
    """ "Insert article…" under the editor opens the picker; choosing one closes it."""
    page.on("popup", lambda popup: watch_console(popup, popup_errors))
    with page.expect_popup() as popup_info:
        page.get_by_role("button", name="Insert article…").click()
    picker = popup_info.value
    # The choices show while the page still loads; the script that handles them runs at the end.
    picker.wait_for_load_state()
    choice = picker.get_by_role("button", name=title)
    expect(choice).to_be_visible()
    # As in the editor test: a synthetic click, since the handler closes the window at once.
    with picker.expect_event("close"):
        choice.dispatch_event("click")


def check_accessible(page, assert_accessible, console_errors: list):
    """The axe check, without the errors of axe's own making: to read the page's CSS it copies
    @imported sheets (the admin's forms.css imports widgets.css) into <style> elements of a scratch
    document, and our Content-Security-Policy blocks those. The page itself applied no inline style."""
    before = len(console_errors)
    assert_accessible(page)
    console_errors[before:] = [
        error for error in console_errors[before:] if not error.startswith("Applying inline style violates")
    ]


def wait_for_mail(mailbox, count: int, page):
    """Messages arrive from the worker in the background: poll the mailbox from the page's clock."""
    for _ in range(WAIT // 100):
        if len(mailbox.messages) >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{len(mailbox.messages)} message(s) received, expected {count}")


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.mark.django_db(transaction=True)
def test_write_preview_test_and_send_a_campaign(
    page, live_server, newsroom, worker, smtp_server, assert_accessible, console_errors
):
    article, editor_email = newsroom["article"], newsroom["editor"].email
    log_in(page, live_server.url)

    # Write it.
    page.goto(live_server.url + "/admin/newsletter/campaign/add/")
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Preheader").fill(PREHEADER)
    body = page.locator(".tiptap.ProseMirror")
    body.click()
    page.keyboard.type(BODY)
    page.keyboard.press("Enter")
    picker_errors = []
    insert_article(page, article.title, picker_errors)
    expect(body.get_by_role("link", name=article.title)).to_have_attribute("href", article.get_absolute_url())
    expect(body.get_by_role("img", name="A pillow between the knees")).to_be_visible()
    expect(body).to_contain_text(BODY)
    page.get_by_role("button", name="Save and preview").click()

    # Preview it: the email as a desktop and a phone mail client show it, and its plain text.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Preview: {SUBJECT}")
    campaign = Campaign.objects.get()
    assert article.get_absolute_url() in campaign.body
    for frame in ("desktop", "phone"):
        email = page.frame_locator(f".campaign-frame-{frame}")
        expect(email.get_by_text(BODY)).to_be_visible()
        expect(email.get_by_role("link", name=article.title)).to_be_visible()
        picture = email.get_by_role("img", name="A pillow between the knees")
        expect(picture).to_be_visible()
        assert picture.evaluate("img => img.naturalWidth") > 0  # loaded under the preview's policy
    expect(page.get_by_label("The plain-text version")).to_contain_text(BODY)
    expect(page.get_by_label("The plain-text version")).to_contain_text(article.title)
    check_accessible(page, assert_accessible, console_errors)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 1280, "height": 900})

    # Send a test to the editor; the worker delivers it.
    page.get_by_role("button", name=f"Send a test to {editor_email}").click()
    expect(page.locator(".messagelist")).to_contain_text(f"A test copy is on its way to {editor_email}.")
    wait_for_mail(smtp_server, 1, page)
    [test_copy] = smtp_server.messages
    assert test_copy["To"] == editor_email
    assert test_copy["Subject"] == f"[Test] {SUBJECT}"
    assert BODY in text_of(test_copy)

    # Send it, and follow its progress on the campaign's page.
    page.get_by_role("link", name="Back to editing").click()
    page.get_by_role("button", name="Save and send now…").click()
    expect(page.get_by_text(f"to {SUBSCRIBERS} confirmed subscribers now?")).to_be_visible()
    polls = []
    page.on("response", lambda response: "/progress/" in response.url and polls.append(response.status))
    page.get_by_role("button", name="Yes, send it now").click()

    expect(page.locator(".messagelist")).to_contain_text("Sending has started.")
    panel = page.locator(".campaign-panel")
    bar = panel.get_by_role("progressbar", name="Delivered")
    expect(bar).to_be_visible()
    check_accessible(page, assert_accessible, console_errors)
    # The page polls while the worker sends, and reloads itself to show the report when it is done.
    expect(bar).to_have_attribute("value", "100", timeout=WAIT)
    expect(panel.get_by_role("heading", level=2)).to_have_text("Status: Sent", timeout=WAIT)
    expect(panel.locator(".campaign-report")).to_contain_text(
        f"{SUBSCRIBERS} of {SUBSCRIBERS} sent, 0 failed", timeout=WAIT
    )
    assert polls
    assert set(polls) == {200}

    # Everyone got exactly one copy, and the editor only the test.
    wait_for_mail(smtp_server, SUBSCRIBERS + 1, page)
    copies = Counter(message["To"] for message in smtp_server.messages[1:])
    assert copies == {f"reader{n}@example.com": 1 for n in range(SUBSCRIBERS)}
    assert all(message["Subject"] == SUBJECT for message in smtp_server.messages[1:])
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == SUBSCRIBERS
    assert worker.poll() is None, worker.log.read_text()
    assert console_errors == []
    assert picker_errors == []
