"""Turning WordPress post and comment markup into what our pages store.

Pure functions on strings. WordPress keeps a classic-editor post as typed, line breaks and
shortcodes included, and makes paragraphs only when it shows the post (`wpautop`); block-editor posts
are stored as HTML with `<!-- wp:… -->` comments around each block. We store finished HTML, sanitised
again by the one allowlist when the article is saved.
"""

import html
import re

import nh3
from django.utils.text import Truncator

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)

# WordPress's list of block-level tags in wpautop (wp-includes/formatting.php).
ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area"
    r"|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header"
    r"|footer|nav|figure|figcaption|details|menu|summary)"
)
HTML_SPLIT = re.compile(r"(<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>)", re.S)


def has_blocks(content: str) -> bool:
    return "<!-- wp:" in content


def strip_block_comments(content: str) -> str:
    return BLOCK_COMMENT.sub("", content)


def wpautop(text: str, br: bool = True) -> str:
    """WordPress's wpautop(): double line breaks become paragraphs, single ones <br />.

    A port of the PHP function, step by step, so classic posts read here as they did there.
    """
    if not text.strip():
        return ""
    text += "\n"
    pre_tags = {}
    if "<pre" in text:

        def keep_pre(match):
            key = f"<pre wp-pre-tag-{len(pre_tags)}></pre>"
            pre_tags[key] = match.group(0)
            return key

        text = re.sub(r"<pre[\s>].*?</pre>", keep_pre, text, flags=re.S | re.I)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"(<" + ALL_BLOCKS + r"[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</" + ALL_BLOCKS + r">)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Line breaks inside tags are not paragraphs: hide them until the end.
    text = "".join(
        part.replace("\n", " <!-- wpnl --> ") if index % 2 else part
        for index, part in enumerate(HTML_SPLIT.split(text))
    )
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join("<p>" + paragraph.strip("\n") + "</p>\n" for paragraph in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + ALL_BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + ALL_BLOCKS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + ALL_BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    if br:
        text = re.sub(
            r"<(script|style|svg|math).*?</\1>",
            lambda match: match.group(0).replace("\n", "<WPPreserveNewline />"),
            text,
            flags=re.S,
        )
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(r"(</?" + ALL_BLOCKS + r"[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for key, original in pre_tags.items():
        text = text.replace(key, original)
    return text.replace(" <!-- wpnl --> ", "\n").replace("<!-- wpnl -->", "\n")


CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
LEADING_MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)


def attributes_of(tag_text: str) -> dict[str, str]:
    return {
        match.group(1).lower(): html.unescape(match.group(2) or match.group(3) or match.group(4) or "")
        for match in ATTRIBUTE.finditer(tag_text)
    }


def captions_to_figures(content: str) -> str:
    """[caption …]<img …/> Text[/caption] → <figure><img …><figcaption>Text</figcaption></figure>."""

    def figure(match):
        caption_attribute = attributes_of(match.group(1)).get("caption", "")
        media = LEADING_MEDIA.match(match.group(2))
        if media is None:
            return match.group(2)
        caption = (media.group(2).strip() or caption_attribute).strip()
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f"<figure>{media.group(1).strip()}{figcaption}</figure>"

    return CAPTION.sub(figure, content)


SHORTCODE = re.compile(r"\[(\[?)(/?)([a-zA-Z][\w-]*)((?:\s[^\]]*)?)(/?)\](\]?)")
# WordPress's own shortcodes; a plugin's look the same but cannot be listed.
WORDPRESS_SHORTCODES = {"audio", "embed", "gallery", "playlist", "video", "wp_caption", "caption"}


def unknown_shortcodes(content: str) -> list[str]:
    """The names of shortcodes left in `content`: WordPress's own, and any `[name attr=…]`,
    `[name/]` or `[name]…[/name]`. A bare `[sic]` or `[1]` is ordinary text."""
    names = []
    closing = {m.group(3).lower() for m in SHORTCODE.finditer(content) if m.group(2)}
    for match in SHORTCODE.finditer(content):
        escaped, is_closing, name, attributes, self_closing = (
            match.group(1) and match.group(6), match.group(2), match.group(3).lower(), match.group(4),
            match.group(5),
        )  # fmt: skip
        if escaped or is_closing:
            continue
        looks_like_one = name in WORDPRESS_SHORTCODES or "=" in attributes or self_closing or name in closing
        if looks_like_one and name not in names:
            names.append(name)
    return names


UNSAFE_TAGS = re.compile(r"<\s*(script|style|iframe|object|embed|form|input|button|link|meta)\b", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*?\s(on[a-z]+)\s*=", re.I)
SCRIPT_URL = re.compile(r"""(?:href|src)\s*=\s*["']?\s*(javascript|vbscript|data):""", re.I)


def unsafe_markup(content: str) -> list[str]:
    """What the allowlist will take out that a person should hear about: scripts, embeds, event
    handlers and script URLs (harmless wrappers such as <div> or class names go unmentioned)."""
    found = []
    for pattern, label in ((UNSAFE_TAGS, "<{}>"), (EVENT_HANDLER, "{} attribute"), (SCRIPT_URL, "{}: link")):
        for match in pattern.finditer(content):
            item = label.format(match.group(1).lower())
            if item not in found:
                found.append(item)
    return found


IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
LINK_HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2""", re.I | re.S)


def replace_images(content: str, replace) -> str:
    """Call replace(attributes) for every <img>: it returns the new tag, or "" to drop it."""
    return IMG_TAG.sub(lambda match: replace(attributes_of(match.group(0)[4:-1])), content)


def replace_links(content: str, replace) -> str:
    """Call replace(href) for every link target: it returns the new target."""

    def link(match):
        new = replace(html.unescape(match.group(3)))
        return f"{match.group(1)}{match.group(2)}{html.escape(new, quote=True)}{match.group(2)}"

    return LINK_HREF.sub(link, content)


ANCHOR = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(["'])(.*?)\1[^>]*>(.*?)</a>""", re.I | re.S)


def html_to_text(content: str) -> str:
    """A comment's HTML as the plain text our comments are: links written out, tags gone."""

    def anchor(match):
        url, text = html.unescape(match.group(2)).strip(), match.group(3)
        label = plain_text(text)
        if not url.startswith(("http://", "https://")) or label == url:
            return label or url
        return f"{label} ({url})" if label else url

    content = ANCHOR.sub(anchor, content.replace("\r\n", "\n"))
    content = re.sub(r"<br\s*/?>", "\n", content, flags=re.I)
    content = re.sub(r"</?p\b[^>]*>", "\n\n", content, flags=re.I)
    text = html.unescape(nh3.clean(content, tags=set()))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_text(content: str) -> str:
    """Text without tags, entities decoded, whitespace collapsed (titles, excerpts, summaries)."""
    return " ".join(html.unescape(nh3.clean(content or "", tags=set())).split())


def summary_from(excerpt: str, body_html: str, limit: int = 300) -> str:
    """The excerpt, or the opening paragraph of the body, within `limit` characters."""
    text = plain_text(excerpt)
    if not text:
        for paragraph in re.split(r"</(?:p|h[1-6]|li|blockquote|figcaption)>", body_html):
            text = plain_text(paragraph)
            if text:
                break
    return Truncator(text).chars(limit)


EMPTY_LINK = re.compile(r"<a\b[^>]*>\s*</a>", re.I)
IMAGELESS_FIGURE = re.compile(
    r"<figure>\s*(?:<figcaption>(?:(?!<img).)*?</figcaption>)?\s*</figure>", re.I | re.S
)
EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>", re.I)


def drop_empty_elements(content: str) -> str:
    """Take out what a removed script or missing image leaves behind: empty paragraphs and links,
    and figures with a caption but no image. Run on sanitised HTML (no attributes on <p>)."""
    for pattern in (EMPTY_LINK, IMAGELESS_FIGURE, EMPTY_PARAGRAPH):
        content = pattern.sub("", content)
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", content).strip()
