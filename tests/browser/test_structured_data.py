"""JSON-LD in a real browser: the strict CSP leaves the data block alone, and it parses intact."""

import json

from tests.factories import make_article, make_author, make_category, make_reference


def test_the_json_ld_block_passes_the_csp_and_parses(page, live_server, console_errors):
    title = "Ouch</script><script>alert(1)</script> & more"
    article = make_article(title, slug="hostile", category=make_category(), author=make_author())
    make_reference(article, 1, "NICE. Low back pain. 2016.", "https://www.nice.org.uk/guidance/ng59")

    response = page.goto(live_server.url + article.get_absolute_url())

    assert "script-src" in response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    text = page.locator('script[type="application/ld+json"]').text_content()
    data = json.loads(page.evaluate("text => JSON.stringify(JSON.parse(text))", text))
    assert data["@graph"][0]["headline"] == title
    assert page.locator("script:not([src]):not([type='application/ld+json'])").count() == 0
    # A CSP violation (or the title's alert breaking out and failing) would be logged here.
    assert console_errors == []
