"""A staff member writes and publishes an article in the admin with the rich-text editor."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from articles.models import Article, LibraryImage
from tests.factories import image_bytes, make_author, make_category, make_user

PASSWORD = "a long test password"


@pytest.fixture
def newsroom(settings):
    settings.ROOT_URLCONF = "tests.urls_with_media"
    make_user("editor", superuser=True, password=PASSWORD)
    category = make_category("Exercise & Stretching", slug="exercise")
    author = make_author("Owen Halvorsen", credentials="MS, CSCS")
    image = LibraryImage(title="Morning walk", alt_text="A person walking in a park at sunrise")
    image.file.save("walk.jpg", ContentFile(image_bytes(size=(800, 500))), save=False)
    image.save()
    return {"category": category, "author": author, "image": image}


def test_staff_write_and_publish_an_article_with_heading_list_and_image(
    page, live_server, newsroom, console_errors
):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server.url + "/admin/articles/article/add/")
    page.get_by_label("Title").press_sequentially("Walking for back pain")
    expect(page.get_by_label("Slug")).to_have_value("walking-for-back-pain")
    page.get_by_label("Summary").fill("How to build up a daily walk, gently.")

    editor = page.locator(".tiptap.ProseMirror")
    editor.click()
    # Markdown-style shortcuts are how many editors write: "## " starts a heading, "- " a list.
    page.keyboard.type("## Start gently")
    page.keyboard.press("Enter")
    page.keyboard.type("Walk a little every day.")
    page.keyboard.press("Enter")
    page.keyboard.type("- Ten minutes after breakfast")
    page.keyboard.press("Enter")
    page.keyboard.type("A short loop after dinner")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")

    # The image comes from the media library through the editor's "Browse..." window.
    page.get_by_role("button", name="figure").click()
    with page.expect_popup() as popup_info:
        page.get_by_role("button", name="Browse...").click()
    picker = popup_info.value
    choice = picker.get_by_role("button", name="Morning walk")
    expect(choice).to_be_visible()
    # Choosing closes the window from its click handler; a synthetic click does not race Playwright's
    # own follow-up on a page that is already gone.
    with picker.expect_event("close"):
        choice.dispatch_event("click")
    dialog = page.locator("dialog[open]")
    expect(dialog.locator("input[name=imageUrl]")).to_have_value(newsroom["image"].file.url)
    expect(dialog.locator("input[name=altText]")).to_have_value("A person walking in a park at sunrise")
    dialog.get_by_role("button", name="Insert").click()
    expect(editor.locator("img")).to_have_count(1)

    page.get_by_label("Category").select_option(label="Exercise & Stretching")
    page.get_by_label("Author").select_option(label="Owen Halvorsen")
    page.get_by_label("Status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(slug="walking-for-back-pain")
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert "<h2>Start gently</h2>" in article.body
    assert "<li><p>Ten minutes after breakfast</p></li>" in article.body
    assert f'src="{newsroom["image"].file.url}"' in article.body

    page.goto(live_server.url + article.get_absolute_url())
    body = page.locator(".article-body")
    expect(body.get_by_role("heading", level=2)).to_have_text("Start gently")
    expect(body.get_by_role("listitem")).to_have_count(2)
    image = body.get_by_role("img", name="A person walking in a park at sunrise")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") == 800
    # The editor ran under our Content-Security-Policy without being blocked.
    assert [e for e in console_errors if "Content Security Policy" in e] == []
