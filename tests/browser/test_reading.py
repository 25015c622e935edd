"""A reader's journey on a phone and on a desktop: home → article → category → author → site page.

Every page must pass axe-core without serious issues and scroll no wider than the screen; a
screenshot of each is kept in test-results/pages/ for people to look at.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}
SCREENSHOTS = Path("test-results/pages")


@pytest.fixture
def demo_site(settings):
    settings.ROOT_URLCONF = "tests.urls_with_media"
    call_command("seed_demo", stdout=io.StringIO())


def keep_screenshot(page, name):
    # Bring lazy images into view first, so the picture shows what a reader scrolling would see.
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_reader_moves_through_the_site(
    page, live_server, demo_site, assert_accessible, console_errors, viewport
):
    name = "phone" if viewport["width"] < 600 else "desktop"
    page.set_viewport_size(viewport)

    def check(step):
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], step
        assert page.locator("h1").count() == 1, step
        assert_accessible(page)
        keep_screenshot(page, f"{step}-{name}")

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Less pain, more life")
    check("home")

    page.locator(".featured").get_by_role("link", name="Lower Back Pain: What Is Usually Going On").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lower Back Pain: What Is Usually Going On")
    expect(page.locator(".byline")).to_contain_text("Written By Maren Castellane")
    expect(page.locator(".reviewed")).to_contain_text("Medically reviewed by Nadia Ferreira-Holt, MD, FAAPMR")
    expect(page.get_by_role("heading", name="References")).to_be_visible()
    image = page.locator(".featured-image img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    check("article")

    page.locator(".filed-under").get_by_role("link", name="Lower Back Pain").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lower Back Pain")
    check("category")

    page.get_by_role("link", name="Do You Need a Scan for Back Pain?").first.click()
    page.locator(".byline").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Ferreira-Holt")
    expect(page.locator(".credentials")).to_have_text("MD, FAAPMR")
    check("author")

    page.get_by_role("contentinfo").get_by_role("link", name="Privacy policy", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy Policy")
    expect(page.locator(".article-body")).to_contain_text("reCAPTCHA")
    check("privacy")

    assert console_errors == []
