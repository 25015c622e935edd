"""Rich text: the editor's configuration and the one HTML allowlist shared by every app.

Staff write bodies in django-prose-editor; what reaches the database and every page is cleaned by
nh3 (a Rust HTML sanitiser) against the allowlist below, so no script, event handler, `style`,
iframe or `javascript:` URL survives, whatever was pasted or posted.
"""

import base64
import hashlib
import re
from functools import cache
from urllib.parse import urljoin

import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "s", "sub", "sup", "a", "ul", "ol", "li",
    "blockquote", "hr", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _keep_safe_urls(tag: str, attribute: str, value: str) -> str | None:
    # Images come from our own media library only: a third-party image would leak every reader's
    # visit to that host (and our Content-Security-Policy would block it anyway).
    if tag == "img" and attribute == "src" and not value.startswith(settings.MEDIA_URL):
        return None
    if attribute in {"width", "height", "colspan", "rowspan"} and not value.isdigit():
        return None
    return value


def sanitize_html(html: str) -> str:
    return _clean(html, _keep_safe_urls)


def with_absolute_urls(html: str, base_url: str) -> str:
    """Cleaned HTML whose links and images point at `base_url`, for email: a mail client has no
    page address to resolve `/articles/...` against."""

    def keep_safe_and_absolute(tag: str, attribute: str, value: str) -> str | None:
        value = _keep_safe_urls(tag, attribute, value)
        if value is not None and attribute in {"href", "src"}:
            value = urljoin(base_url + "/", value)
        return value

    return _clean(html, keep_safe_and_absolute)


def _clean(html: str, attribute_filter) -> str:
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=attribute_filter,
        # Every link opens without handing the new page a reference to ours.
        link_rel="noopener",
        strip_comments=True,
    )
    # The editor saves an empty document as a single empty paragraph.
    return "" if re.fullmatch(r"\s*(<p>\s*</p>)?\s*", cleaned) else cleaned


def render_html(html: str) -> SafeString:
    """Clean again on the way out, so a row written by any path (import, shell) is still safe."""
    return mark_safe(sanitize_html(html))  # noqa: S308 - the output of the allowlist cleaner


# What the editor offers, kept within ALLOWED_TAGS (a test checks the two agree).
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
    "Image": True,
    "Caption": True,
    # Health content compares options and doses; tables from WordPress imports stay editable.
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}


def editor_extensions(image_picker_url: str) -> dict:
    # Images are inserted as figures (image + optional caption), chosen from the media library.
    return {**EDITOR_EXTENSIONS, "Figure": {"pickerUrl": image_picker_url}}


@cache
def _sha256_source(content: str) -> str:
    digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
    return f"'sha256-{digest}'"


# The editor (Tiptap) injects one small <style> element for its base layout; its hash, as Chromium
# reports it. The browser test of the editor fails on any CSP violation, so an upgrade that changes
# it is caught.
EDITOR_STYLE_CSP_SOURCE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


def importmap_csp_sources(html: str) -> list[str]:
    """CSP hash sources for a page's <script type="importmap">, the editor's one inline script.

    Computed from the page itself: the map holds static URLs, which differ between development
    and hashed production names and with every upgrade of the editor.
    """
    return [
        _sha256_source(body) for body in re.findall(r'<script type="importmap">(.+?)</script>', html, re.S)
    ]


def html_as_text(html: str) -> str:
    """`html` as plain text, links and images kept as text: an email's text part, a revision's
    diff."""
    # Imported when first needed: inscriptis brings lxml, 6 MB that a web worker serving pages
    # never needs (emails are rendered by the task worker, revisions only in the admin).
    from inscriptis import get_text
    from inscriptis.model.config import ParserConfig

    text = get_text(html or "", ParserConfig(display_links=True, display_images=True))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
