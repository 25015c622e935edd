import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_home_page_renders_accessibly(page, live_server, assert_accessible, console_errors, viewport):
    page.set_viewport_size(viewport)
    response = page.goto(live_server.url + "/")

    assert response.status == 200
    expect(page).to_have_title("Healthy Back: less pain, more life")
    expect(page.get_by_role("heading", level=1)).to_have_text("Less pain, more life")
    expect(page.get_by_role("banner")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    # Our stylesheet loaded (served by the app, not a CDN): the footer has the brand colour.
    expect(page.get_by_role("contentinfo")).to_have_css("background-color", "rgb(7, 63, 68)")
    # Nothing scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert_accessible(page)
    # A CSP violation or a broken script shows up here.
    assert console_errors == []


def test_skip_link_moves_keyboard_focus_to_the_content(page, live_server):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()


def test_missing_page_is_friendly_and_accessible(page, live_server, assert_accessible):
    response = page.goto(live_server.url + "/no-such-page/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    expect(page.get_by_role("link", name="Go to the home page")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "viewport",
    [
        {"width": 320, "height": 640},
        {"width": 640, "height": 450},
    ],  # the narrowest phones; 1280 px at 200% zoom
    ids=["320px", "zoom-200"],
)
def test_pages_fit_narrow_screens_and_zoom(page, live_server, viewport):
    call_command("seed_demo", stdout=io.StringIO())
    page.set_viewport_size(viewport)
    for url in ["/", "/articles/sciatica-explained-when-pain-travels-down-the-leg/", "/category/sciatica/"]:
        assert page.goto(live_server.url + url).status == 200
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], url
