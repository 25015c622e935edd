"""An editor compares two revisions of an article and restores the older one, under our CSP."""

import pytest
import reversion
from playwright.sync_api import expect

from tests.factories import make_article, make_reference, make_user

PASSWORD = "a long test password"


@pytest.fixture
def article():
    editor = make_user("editor", superuser=True, password=PASSWORD)
    with reversion.create_revision():
        article = make_article(
            "Walking <em>tips</em>",
            summary="Why walking helps.",
            body="<h2>Start small</h2><p>Walk daily for ten minutes.</p>",
        )
        make_reference(article, citation="NICE. Low back pain. 2016.")
        reversion.set_user(editor)
        reversion.set_comment("First draft.")
    with reversion.create_revision():
        article.title = "Walking tips"
        article.body = "<h2>Start small</h2><p>Walk daily for twenty minutes.</p>"
        article.save()
        reversion.set_user(editor)
        reversion.set_comment("Longer walks.")
    return article


def test_an_editor_compares_two_revisions_and_restores_the_older_one(
    page, live_server, article, console_errors, assert_accessible
):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    expect(page.locator("#change-history tbody tr")).to_have_count(2)
    assert_accessible(page)
    page.get_by_role("button", name="Compare selected revisions").click()

    body = page.locator("section.revision-change", has=page.get_by_role("heading", name="Body"))
    expect(body.locator("del")).to_have_text("ten")
    expect(body.locator("ins")).to_have_text("twenty")
    title = page.locator("section.revision-change", has=page.get_by_role("heading", name="Title"))
    expect(title.locator("del")).to_have_text(["<em>", "</em>"])  # shown as text, not applied
    assert_accessible(page)

    page.locator(".revision-pair a").first.click()  # the older revision
    expect(page.locator(".tiptap.ProseMirror")).to_contain_text("Walk daily for ten minutes.")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.title == "Walking <em>tips</em>"
    assert "ten minutes" in article.body
    assert [r.citation for r in article.references.all()] == ["NICE. Low back pain. 2016."]
    assert console_errors == []
