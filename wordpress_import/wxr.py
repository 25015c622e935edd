"""Reading a WordPress export (WXR) as a stream: one `<item>` in memory at a time.

WordPress writes the site's authors, categories and tags at the top of the channel, then one
`<item>` per post, page or attachment with its comments inside. `read_export` yields those as plain
dataclasses and forgets each element once it is read, so a large export never sits in memory whole.
Parsing goes through defusedxml: an export never declares entities or fetches a DTD, so a file that
tries is refused rather than expanded.
"""

import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import errors as expat_errors

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse


class WXRError(Exception):
    """The file cannot be imported; the message says why, in words for the person importing."""


# WXR 1.0, 1.1 and 1.2 differ in the version in this namespace only.
WORDPRESS_NAMESPACE = "http://wordpress.org/export/"
PREFIXES = {
    "http://wordpress.org/export/1.0/excerpt/": "excerpt:",
    "http://wordpress.org/export/1.1/excerpt/": "excerpt:",
    "http://wordpress.org/export/1.2/excerpt/": "excerpt:",
    "http://purl.org/rss/1.0/modules/content/": "content:",
    "http://purl.org/dc/elements/1.1/": "dc:",
}
# Where expat stops when the input ends early: what a cut-short download looks like.
TRUNCATION_ERRORS = {
    expat_errors.codes[message]
    for message in (
        expat_errors.XML_ERROR_NO_ELEMENTS,
        expat_errors.XML_ERROR_UNCLOSED_TOKEN,
        expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        expat_errors.XML_ERROR_PARTIAL_CHAR,
    )
}


@dataclass
class Site:
    url: str = ""
    title: str = ""
    wxr_version: str = ""


@dataclass
class WPAuthor:
    id: int
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class WPCategory:
    id: int
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class WPTag:
    id: int
    slug: str
    name: str


@dataclass
class WPComment:
    id: int
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: dt.datetime | None = None
    date_gmt: dt.datetime | None = None
    content: str = ""
    approved: str = ""
    type: str = ""
    parent_id: int = 0
    user_id: int = 0


@dataclass
class WPItem:
    id: int
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    date: dt.datetime | None = None
    date_gmt: dt.datetime | None = None
    modified_gmt: dt.datetime | None = None
    comment_status: str = "open"
    password: str = ""
    is_sticky: bool = False
    parent_id: int = 0
    attachment_url: str = ""
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, slug, name)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: list[WPComment] = field(default_factory=list)

    def meta_value(self, key: str) -> str:
        values = self.meta.get(key)
        return values[0] if values else ""


def _short_name(tag: str) -> str:
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id'; unqualified tags unchanged."""
    if not tag.startswith("{"):
        return tag
    namespace, _, local = tag[1:].partition("}")
    if namespace in PREFIXES:
        return PREFIXES[namespace] + local
    if namespace.startswith(WORDPRESS_NAMESPACE):
        return "wp:" + local
    return local


def _children(element) -> dict[str, str]:
    return {_short_name(child.tag): (child.text or "").strip() for child in element}


def _int(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _date(value: str) -> dt.datetime | None:
    """WordPress's 'YYYY-MM-DD HH:MM:SS', naive; its 'no date yet' (0000-00-00 …) is None."""
    if not value or value.startswith("0000"):
        return None
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _comment(element) -> WPComment:
    values = _children(element)
    content = element.find("{*}comment_content")
    return WPComment(
        id=_int(values.get("wp:comment_id")),
        author=values.get("wp:comment_author", ""),
        email=values.get("wp:comment_author_email", ""),
        url=values.get("wp:comment_author_url", ""),
        ip=values.get("wp:comment_author_IP", ""),
        date=_date(values.get("wp:comment_date", "")),
        date_gmt=_date(values.get("wp:comment_date_gmt", "")),
        content=(content.text or "") if content is not None else "",  # line breaks are paragraphs
        approved=values.get("wp:comment_approved", ""),
        type=values.get("wp:comment_type", "") or "comment",
        parent_id=_int(values.get("wp:comment_parent")),
        user_id=_int(values.get("wp:comment_user_id")),
    )


def _item(element) -> WPItem:
    values = {}
    item = WPItem(id=0, post_type="", status="")
    for child in element:
        name = _short_name(child.tag)
        if name == "category":
            item.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip())
            )
        elif name == "wp:postmeta":
            meta = _children(child)
            item.meta.setdefault(meta.get("wp:meta_key", ""), []).append(meta.get("wp:meta_value", ""))
        elif name == "wp:comment":
            item.comments.append(_comment(child))
        elif name in {"content:encoded", "excerpt:encoded"}:
            values[name] = child.text or ""  # bodies keep their whitespace: line breaks are paragraphs
        else:
            values[name] = (child.text or "").strip()
    item.id = _int(values.get("wp:post_id"))
    item.post_type = values.get("wp:post_type", "")
    item.status = values.get("wp:status", "")
    item.title = values.get("title", "")
    item.link = values.get("link", "")
    item.creator = values.get("dc:creator", "")
    item.content = values.get("content:encoded", "")
    item.excerpt = values.get("excerpt:encoded", "")
    item.slug = values.get("wp:post_name", "")
    item.date = _date(values.get("wp:post_date", ""))
    item.date_gmt = _date(values.get("wp:post_date_gmt", ""))
    item.modified_gmt = _date(values.get("wp:post_modified_gmt", ""))
    item.comment_status = values.get("wp:comment_status", "open")
    item.password = values.get("wp:post_password", "")
    item.is_sticky = values.get("wp:is_sticky", "0") == "1"
    item.parent_id = _int(values.get("wp:post_parent"))
    item.attachment_url = values.get("wp:attachment_url", "")
    return item


class _CountingReader(io.RawIOBase):
    """Passes reads through, reporting how far into the file the parser is."""

    def __init__(self, file, on_read: Callable[[int], None]):
        self.file, self.on_read, self.position = file, on_read, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.file.read(len(buffer))
        buffer[: len(data)] = data
        self.position += len(data)
        self.on_read(self.position)
        return len(data)


Record = Site | WPAuthor | WPCategory | WPTag | WPItem


def read_export(file, *, on_read: Callable[[int], None] | None = None) -> Iterator[Record]:
    """Yield the export's site header, authors, categories, tags and items, in file order.

    `file` is a binary file object. Raises WXRError for a file that is not a whole, well-formed
    WordPress export; records yielded before the error were real, so callers that write must undo.
    """
    source = io.BufferedReader(_CountingReader(file, on_read)) if on_read else file
    site = Site()
    site_sent = False
    channel = None
    depth = 0
    try:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise WXRError(_not_an_export(f"its first element is <{_short_name(element.tag)}>"))
                if depth == 2 and element.tag == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            name = _short_name(element.tag)
            if name in {"title", "link", "wp:base_site_url", "wp:base_blog_url", "wp:wxr_version"}:
                text = (element.text or "").strip()
                if name == "title":
                    site.title = text
                elif name == "wp:wxr_version":
                    site.wxr_version = text
                elif name == "wp:base_site_url" or (name in {"wp:base_blog_url", "link"} and not site.url):
                    site.url = text.rstrip("/")
                continue
            if name not in {"wp:author", "wp:category", "wp:tag", "item"}:
                continue
            if not site_sent:
                if not site.wxr_version:
                    raise WXRError(_not_an_export("it has no <wp:wxr_version>"))
                site_sent = True
                yield site
            values = _children(element) if name != "item" else None
            if name == "wp:author":
                yield WPAuthor(
                    id=_int(values.get("wp:author_id")),
                    login=values.get("wp:author_login", ""),
                    email=values.get("wp:author_email", ""),
                    display_name=values.get("wp:author_display_name", ""),
                    first_name=values.get("wp:author_first_name", ""),
                    last_name=values.get("wp:author_last_name", ""),
                )
            elif name == "wp:category":
                yield WPCategory(
                    id=_int(values.get("wp:term_id")),
                    slug=values.get("wp:category_nicename", ""),
                    name=values.get("wp:cat_name", ""),
                    parent_slug=values.get("wp:category_parent", ""),
                    description=values.get("wp:category_description", ""),
                )
            elif name == "wp:tag":
                yield WPTag(
                    id=_int(values.get("wp:term_id")),
                    slug=values.get("wp:tag_slug", ""),
                    name=values.get("wp:tag_name", ""),
                )
            else:
                yield _item(element)
            channel.remove(element)  # what is read is forgotten: memory stays flat
    except ParseError as error:
        line, column = error.position
        if error.code in TRUNCATION_ERRORS:
            if line == 1 and column == 0:
                raise WXRError(
                    "The file is empty. Export the site again from WordPress. Nothing was imported."
                ) from None
            raise WXRError(
                f"The file ends before the export does (line {line}): it looks cut short, as by an "
                "interrupted download. Export the site again from WordPress. Nothing was imported."
            ) from None
        raise WXRError(
            f"The file is not well-formed XML (line {line}, column {column + 1}: {_expat_message(error)}). "
            "Nothing was imported."
        ) from None
    except DefusedXmlException:
        raise WXRError(
            "The file declares XML entities or a document type, which WordPress exports never do, so it "
            "was not read. Nothing was imported."
        ) from None
    if not site_sent:
        if not site.wxr_version:
            raise WXRError(_not_an_export("it has no <wp:wxr_version>"))
        yield site


def _expat_message(error: ParseError) -> str:
    return str(error).split(":")[0]


def _not_an_export(why: str) -> str:
    return (
        f"This is not a WordPress export: {why}. In WordPress, use Tools → Export → All content and "
        "import the .xml file it downloads. Nothing was imported."
    )


def open_export(source) -> tuple[object, bool]:
    """A binary file for `source` (a path or an open file) and whether we opened it ourselves."""
    if isinstance(source, str | Path):
        try:
            return open(source, "rb"), True
        except OSError as error:
            raise WXRError(f"Cannot read {source}: {error.strerror}.") from None
    return source, False
