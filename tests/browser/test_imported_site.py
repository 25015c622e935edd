"""A reader follows an old WordPress link to an imported article, in a real browser."""

from pathlib import Path

from wordpress_import.importer import import_wxr

EXPORT = Path(__file__).resolve().parent.parent / "wordpress_import" / "fixtures" / "wordpress-export.xml"
PHONE = {"width": 390, "height": 844}


def test_an_old_wordpress_link_leads_to_the_imported_article(
    page, live_server, console_errors, assert_accessible
):
    import_wxr(EXPORT)

    # The post's address before WordPress renamed it, as old links and search results still have it.
    page.goto(live_server.url + "/desk-stretches/")

    assert page.url == live_server.url + "/articles/desk-stretches-for-office-workers/"
    assert page.locator("h1").inner_text() == "Desk Stretches for Office Workers"
    assert "Priya Raman" in page.locator(".byline").inner_text()
    assert page.locator(".comment-list > li").count() >= 1
    assert_accessible(page)

    # A table from WordPress reads on a phone: it scrolls inside itself, the page does not.
    page.goto(live_server.url + "/?p=31")
    assert page.url == live_server.url + "/articles/heat-or-ice/"
    page.set_viewport_size(PHONE)
    assert page.locator(".article-body table th").first.inner_text() == "Situation"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    assert console_errors == []
