"""Importing a WordPress export: WordPress's posts, terms, users and comments mapped onto ours.

Two passes over the file. The first checks the whole file is a well-formed export (a cut-short
download fails here, before anything is written), counts its items for progress and notes its
attachments and post addresses, which the posts refer to before they appear. The second imports in
one transaction: any error undoes everything, image files included.

Every object keeps its WordPress id in `WordPressOrigin`, so importing the same export again
creates nothing twice. An object changed in WordPress since is updated, unless someone edited it
here since the last import: work done here is never overwritten.
"""

import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from ipaddress import ip_address
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import reversion
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.forms import ValidationError as FormValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from articles.models import Article, Author, Category, LibraryImage, Redirect
from comments.models import Comment, DiscussionSettings
from core import pagecache
from core.images import clean_image_bytes
from core.richtext import sanitize_html
from wordpress_import import content as markup
from wordpress_import.models import WordPressOrigin
from wordpress_import.wxr import (
    Site,
    WPAuthor,
    WPCategory,
    WPItem,
    WPTag,
    WXRError,
    open_export,
    read_export,
)

Kind = WordPressOrigin.Kind
OUTCOMES = ("created", "updated", "unchanged", "skipped")
# The order the report lists them in.
KINDS = ("categories", "authors", "posts", "images", "comments", "redirects", "tags", "other items")
# Keep at most this many notes about single objects of one kind; the counts carry the rest.
NOTES_PER_KIND = 200


@dataclass
class ImportReport:
    """What an import did (or, on a trial run, would do), per kind of object, and why."""

    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    reasons: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    notes: list[dict] = field(default_factory=list)

    def count(self, kind: str, outcome: str, *, reason: str = "") -> None:
        self.counts[kind][outcome] += 1
        if reason:
            self.reasons[kind][reason] += 1

    def note(self, kind: str, title: str, message: str) -> None:
        if sum(1 for note in self.notes if note["kind"] == kind) < NOTES_PER_KIND:
            self.notes.append({"kind": kind, "title": title, "message": message})

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "counts": {kind: {o: self.counts[kind][o] for o in OUTCOMES} for kind in self._kinds()},
            "reasons": {kind: dict(self.reasons[kind]) for kind in self._kinds() if self.reasons[kind]},
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        report = cls(dry_run=data.get("dry_run", False), notes=list(data.get("notes", [])))
        for kind, counts in data.get("counts", {}).items():
            report.counts[kind].update(counts)
        for kind, reasons in data.get("reasons", {}).items():
            report.reasons[kind].update(reasons)
        return report

    def summary_lines(self) -> list[str]:
        lines = []
        for kind in self._kinds():
            counts = self.counts[kind]
            line = f"{kind}: " + ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
            if self.reasons[kind]:
                line += " (" + "; ".join(f"{n} {why}" for why, n in self.reasons[kind].most_common()) + ")"
            lines.append(line)
        return lines

    def _kinds(self) -> list[str]:
        return [kind for kind in KINDS if kind in self.counts] + sorted(set(self.counts) - set(KINDS))


def fingerprint(values) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def aware(moment_gmt: datetime | None, moment_local: datetime | None) -> datetime | None:
    """WordPress's GMT time when it has one; otherwise its local time, read in the site's zone."""
    if moment_gmt is not None:
        return moment_gmt.replace(tzinfo=UTC)
    if moment_local is not None:
        return timezone.make_aware(moment_local)
    return None


@dataclass
class Attachment:
    id: int
    file: str  # relative to wp-content/uploads
    title: str
    alt: str


@dataclass
class PostAddress:
    """What the first pass keeps of a post: enough to plan its new address and its old ones."""

    id: int
    slug: str
    title: str
    old_paths: list[str]


@dataclass
class ExportIndex:
    site: Site = field(default_factory=Site)
    items: int = 0
    attachments: dict[int, Attachment] = field(default_factory=dict)
    attachment_by_file: dict[str, int] = field(default_factory=dict)
    posts: dict[int, PostAddress] = field(default_factory=dict)
    uploads_path: str = "/wp-content/uploads/"


IMPORTED_STATUSES = {"publish", "future", "draft", "pending"}
SIZED_VARIANT = re.compile(r"-\d+x\d+(?=\.\w+$)")


def old_paths_of(item: WPItem) -> list[str]:
    """The addresses a post answered at in WordPress: its permalink, /<slug>/, /?p=<id>, and the
    slugs it had before (WordPress's own `_wp_old_slug` redirects)."""
    paths = []
    link = urlsplit(item.link)
    if link.path and not link.query:
        paths.append(unquote(link.path))
    slug = unquote(item.slug)
    if slug and item.status not in {"draft", "pending"}:
        paths.append(f"/{slug}/")
    for old_slug in item.meta.get("_wp_old_slug", []):
        old_slug = unquote(old_slug)
        if old_slug:
            paths.append(f"/{old_slug}/")
            if slug and link.path.rstrip("/").endswith("/" + slug):
                paths.append(unquote(link.path).rstrip("/")[: -len(slug)] + old_slug + "/")
    paths.append(f"/?p={item.id}")
    return list(dict.fromkeys(paths))


def scan(file, progress: Callable[[str, int, int], None] | None) -> ExportIndex:
    """The first pass: check the whole file and note what the second pass needs to know first."""
    size = os.fstat(file.fileno()).st_size if hasattr(file, "fileno") else 0
    index = ExportIndex()
    on_read = (lambda position: progress("checking", position, size)) if progress else None
    for record in read_export(file, on_read=on_read):
        if isinstance(record, Site):
            index.site = record
        if not isinstance(record, WPItem):
            continue
        index.items += 1
        if record.post_type == "attachment":
            relative = record.meta_value("_wp_attached_file")
            if relative:
                index.attachments[record.id] = Attachment(
                    record.id, relative, record.title, record.meta_value("_wp_attachment_image_alt")
                )
                index.attachment_by_file[relative] = record.id
                if record.attachment_url.endswith(relative):
                    index.uploads_path = urlsplit(record.attachment_url[: -len(relative)]).path
        elif record.post_type == "post" and record.status in IMPORTED_STATUSES:
            index.posts[record.id] = PostAddress(record.id, record.slug, record.title, old_paths_of(record))
    return index


class Importer:
    def __init__(self, index: ExportIndex, report: ImportReport, media_dir: Path | None):
        self.index = index
        self.report = report
        self.media_dir = media_dir
        split = urlsplit(index.site.url)
        self.site = (split.netloc + split.path).lower() or "wordpress"
        self.site_hosts = {split.netloc.lower()} if split.netloc else set()
        self.written_files: list[str] = []
        self.wp_authors: dict[str, WPAuthor] = {}
        self.wp_categories: dict[str, WPCategory] = {}
        self.tags: list[str] = []
        self.authors: dict[str, Author] = {}
        self.categories: dict[str, Category] = {}
        self.images: dict[int, LibraryImage | None] = {}
        self.unusable: set[int] = set()  # attachments reported missing or unreadable, once each
        self.planned_slugs: dict[int, str] = {}
        self.old_paths: dict[str, str] = {}
        self.thread_depth = max(1, DiscussionSettings.current().thread_depth)
        self.other_items: Counter = Counter()

    # Records, in file order ------------------------------------------------------------------

    def handle(self, record) -> None:
        if isinstance(record, WPAuthor):
            self.wp_authors[record.login] = record
        elif isinstance(record, WPCategory):
            self.wp_categories[record.slug] = record
        elif isinstance(record, WPTag):
            self.tags.append(record.name)
        elif isinstance(record, WPItem):
            if not self.planned_slugs and self.index.posts:
                self.plan_addresses()
            self.item(record)

    def item(self, item: WPItem) -> None:
        if item.post_type == "post":
            self.post(item)
        elif item.post_type == "attachment":
            pass  # imported where a post uses it, counted under images
        else:
            self.other_items[item.post_type] += 1
            why = "pages are not imported: copy the text into the site's pages" if item.post_type == "page" else (
                f"WordPress “{item.post_type}” items are not imported"
            )  # fmt: skip
            self.report.count("other items", "skipped", reason=why)
            if item.post_type == "page":
                self.report.note("other items", markup.plain_text(item.title), why)
            self.skip_comments(item, "on an item that was not imported")

    # Addresses --------------------------------------------------------------------------------

    def plan_addresses(self) -> None:
        """Give every post its address here before any is written, so links between posts can
        point straight at their new addresses whatever order they come in."""
        origins = dict(
            WordPressOrigin.objects.filter(site=self.site, kind=Kind.POST).values_list(
                "wordpress_id", "object_id"
            )
        )
        current = dict(Article.objects.filter(pk__in=origins.values()).values_list("pk", "slug"))
        taken = set()
        for post in self.index.posts.values():
            slug = current.get(origins.get(post.id))
            if slug is None:
                base = (
                    slugify(unquote(post.slug)) or slugify(markup.plain_text(post.title)) or f"post-{post.id}"
                )[:190]
                slug, number = base, 1
                while slug in taken or Article.objects.filter(slug=slug).exists():
                    number += 1
                    slug = f"{base}-{number}"
            taken.add(slug)
            self.planned_slugs[post.id] = slug
            for path in post.old_paths:
                self.old_paths[path] = reverse("articles:detail", kwargs={"slug": slug})

    def local_path(self, url: str) -> str | None:
        """The path of a link to the old site (any scheme), or None for other sites' links."""
        split = urlsplit(url)
        if split.scheme not in {"", "http", "https"} or (
            split.netloc and split.netloc.lower() not in self.site_hosts
        ):
            return None
        if not split.netloc and not url.startswith("/"):
            return None
        path = unquote(split.path) or "/"
        return f"{path}?{split.query}" if split.query else path

    def rewrite_link(self, href: str) -> str:
        path = self.local_path(href)
        if path is None:
            return href
        fragment = urlsplit(href).fragment
        target = self.old_paths.get(path) or self.old_paths.get(path.rstrip("/") + "/")
        if target is None and path.startswith(self.index.uploads_path):
            image = self.library_image_for_file(path[len(self.index.uploads_path) :])
            target = image.file.url if image else None
        new = target or path
        return f"{new}#{fragment}" if fragment else new

    # Categories and authors (made when a post first needs them) -------------------------------

    def category(self, slug: str, depth: int = 0) -> Category | None:
        if slug in self.categories:
            return self.categories[slug]
        wp = self.wp_categories.get(slug)
        if wp is None or depth > 20:
            return None
        parent = self.category(wp.parent_slug, depth + 1) if wp.parent_slug else None
        if parent is not None and parent.parent_id is not None:
            # Categories go two levels deep here: a deeper one goes under its top-level ancestor.
            while parent.parent_id is not None:
                parent = parent.parent
            self.report.note(
                "categories", wp.name, f"placed under {parent.name}: categories go two levels deep here"
            )
        values = {
            "name": markup.plain_text(wp.name)[:100] or wp.slug,
            "description": markup.plain_text(wp.description),
            "parent": parent,
        }
        local = lambda c: [c.name, c.slug, c.description, c.parent_id]  # noqa: E731
        category = self.upsert(
            Category, "categories", Kind.CATEGORY, wp.id, [wp.name, wp.slug, wp.description, wp.parent_slug], local,
            find=lambda: Category.objects.filter(slug=slugify(unquote(wp.slug))[:100]).first(),
            make=lambda: Category(slug=slugify(unquote(wp.slug))[:100] or f"category-{wp.id}"),
            values=values, title=wp.name,
        )  # fmt: skip
        self.categories[slug] = category
        return category

    def author(self, login: str) -> Author:
        if login in self.authors:
            return self.authors[login]
        wp = self.wp_authors.get(login) or WPAuthor(id=0, login=login or "wordpress")
        name = (
            markup.plain_text(wp.display_name)
            or " ".join(part for part in (wp.first_name, wp.last_name) if part)
            or wp.login
        )[:120]
        slug = slugify(name)[:120] or slugify(wp.login) or f"author-{wp.id}"
        if wp.id == 0:  # not in the export's list of authors: matched by name only
            author = Author.objects.filter(slug=slug).first() or Author.objects.create(name=name, slug=slug)
        else:
            author = self.upsert(
                Author, "authors", Kind.AUTHOR, wp.id, [name], lambda a: [a.name],
                find=lambda: Author.objects.filter(slug=slug).first(),
                make=lambda: Author(slug=self.free_slug(Author, slug)),
                values={"name": name}, title=name,
            )  # fmt: skip
        self.authors[login] = author
        return author

    @staticmethod
    def free_slug(model, base: str) -> str:
        slug, number = base, 1
        while model.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def upsert(self, model, kind, origin_kind, wordpress_id, source, local, *, find, make, values, title):
        """Create, update or keep one category or author; existing ones with the same address are
        adopted rather than doubled."""
        source_hash = fingerprint(source)
        origin = WordPressOrigin.objects.filter(
            site=self.site, kind=origin_kind, wordpress_id=wordpress_id
        ).first()
        obj = model.objects.filter(pk=origin.object_id).first() if origin else None
        if origin is None or obj is None:
            obj = find()
            if obj is not None:
                self.report.count(kind, "unchanged")
                self.report.note(
                    kind, title, f"matched the existing {obj._meta.verbose_name} “{obj}”; kept as it is"
                )
            else:
                obj = make()
                for name, value in values.items():
                    setattr(obj, name, value)
                obj.save()
                self.report.count(kind, "created")
            self.remember(origin, origin_kind, wordpress_id, obj, source_hash, fingerprint(local(obj)))
        elif origin.source_hash == source_hash:
            self.report.count(kind, "unchanged")
        elif fingerprint(local(obj)) != origin.imported_hash:
            self.report.count(kind, "skipped", reason="edited here since the last import")
        else:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            self.report.count(kind, "updated")
            self.remember(origin, origin_kind, wordpress_id, obj, source_hash, fingerprint(local(obj)))
        return obj

    def remember(self, origin, kind, wordpress_id, obj, source_hash, imported_hash) -> None:
        """Record where `obj` came from; `origin` is the row already looked up, if there was one
        (a plain INSERT or UPDATE: an import writes thousands of these)."""
        origin = origin or WordPressOrigin(site=self.site, kind=kind, wordpress_id=wordpress_id)
        origin.object_id, origin.source_hash, origin.imported_hash = obj.pk, source_hash, imported_hash
        origin.imported_at = timezone.now()
        origin.save()

    # Images -----------------------------------------------------------------------------------

    def media_file(self, relative: str) -> Path | None:
        if self.media_dir is None:
            return None
        root = self.media_dir.resolve()
        for candidate in dict.fromkeys([relative, SIZED_VARIANT.sub("", relative)]):
            path = (root / candidate).resolve()
            if path.is_relative_to(root) and path.is_file():  # never outside the given folder
                return path
        return None

    def image_bytes(self, attachment: Attachment, post_title: str) -> tuple[bytes, str] | None:
        if attachment.id in self.unusable:
            return None
        path = self.media_file(attachment.file)
        if path is None:
            self.unusable.add(attachment.id)
            where = "not in --media-dir" if self.media_dir else "no --media-dir given"
            self.report.count("images", "skipped", reason="missing")
            self.report.note("images", post_title, f"image {attachment.file} missing ({where})")
            return None
        try:
            return clean_image_bytes(path.read_bytes())
        except FormValidationError as error:
            self.unusable.add(attachment.id)
            self.report.count("images", "skipped", reason="not a usable image")
            self.report.note(
                "images", post_title, f"image {attachment.file} not imported: {' '.join(error.messages)}"
            )
            return None

    def library_image(self, attachment_id: int, post_title: str) -> LibraryImage | None:
        if attachment_id in self.images:
            return self.images[attachment_id]
        attachment = self.index.attachments.get(attachment_id)
        image = None
        if attachment is not None:
            origin = WordPressOrigin.objects.filter(
                site=self.site, kind=Kind.ATTACHMENT, wordpress_id=attachment_id
            ).first()
            image = LibraryImage.objects.filter(pk=origin.object_id).first() if origin else None
            if image is not None:
                self.report.count("images", "unchanged")
            elif (cleaned := self.image_bytes(attachment, post_title)) is not None:
                data, extension = cleaned
                image = LibraryImage(
                    title=markup.plain_text(attachment.title)[:200] or PurePosixPath(attachment.file).name,
                    alt_text=markup.plain_text(attachment.alt)[:250],
                )
                image.file.save(f"import{extension}", ContentFile(data), save=False)
                self.written_files.append(image.file.name)
                image.file.field.update_dimension_fields(image, force=True)
                image.save()
                self.report.count("images", "created")
                self.remember(origin, Kind.ATTACHMENT, attachment_id, image, attachment.file, image.file.name)
        self.images[attachment_id] = image
        return image

    def library_image_for_file(self, relative: str, post_title: str = "") -> LibraryImage | None:
        attachment_id = self.index.attachment_by_file.get(relative) or self.index.attachment_by_file.get(
            SIZED_VARIANT.sub("", relative)
        )
        return self.library_image(attachment_id, post_title) if attachment_id else None

    def body_image(self, attributes: dict, post_title: str) -> str:
        found = re.search(r"\bwp-image-(\d+)\b", attributes.get("class", ""))
        image = None
        if found and int(found.group(1)) in self.index.attachments:
            image = self.library_image(int(found.group(1)), post_title)
        else:
            path = self.local_path(attributes.get("src", ""))
            if path and path.startswith(self.index.uploads_path):
                relative = path[len(self.index.uploads_path) :]
                image = self.library_image_for_file(relative, post_title)
                if image is None and relative not in self.index.attachment_by_file:
                    self.report.count("images", "skipped", reason="missing")
                    self.report.note("images", post_title, f"image {relative} is not in the export's media")
            else:
                self.report.count("images", "skipped", reason="on another site")
                self.report.note(
                    "images", post_title, f"image from another site left out: {attributes.get('src', '')}"
                )
        if image is None:
            return ""
        alt = attributes.get("alt") or image.alt_text
        return (
            f'<img src="{escape(image.file.url)}" alt="{escape(alt)}" '
            f'width="{image.width or ""}" height="{image.height or ""}">'
        )

    # Posts ------------------------------------------------------------------------------------

    def body_of(self, item: WPItem, title: str) -> str:
        body = markup.captions_to_figures(item.content)
        # Block-editor posts are stored as finished HTML; classic ones get paragraphs when shown.
        body = markup.strip_block_comments(body) if markup.has_blocks(body) else markup.wpautop(body)
        shortcodes = markup.unknown_shortcodes(body)
        if shortcodes:
            self.report.note(
                "posts", title,
                "shortcodes left as text for an editor to replace: " + ", ".join(f"[{n}]" for n in shortcodes),
            )  # fmt: skip
        unsafe = markup.unsafe_markup(body)
        if unsafe:
            self.report.note("posts", title, "removed unsafe markup: " + ", ".join(unsafe))
        body = markup.replace_images(body, lambda attributes: self.body_image(attributes, title))
        body = markup.replace_links(body, self.rewrite_link)
        return markup.drop_empty_elements(sanitize_html(body))

    def status_of(self, item: WPItem, title: str) -> tuple[str, datetime | None]:
        published_at = aware(item.date_gmt, item.date)
        if item.status in {"draft", "pending"}:
            return Article.Status.DRAFT, None
        if item.password:
            self.report.note(
                "posts",
                title,
                "password-protected in WordPress: imported as a draft so it is not made public",
            )
            return Article.Status.DRAFT, None
        return Article.Status.PUBLISHED, published_at or timezone.now()

    def primary_category(self, item: WPItem) -> tuple[str | None, list[str]]:
        """The WordPress category an article keeps (it has one here), and the names of the others."""
        slugs = [slug for domain, slug, _ in item.categories if domain == "category"]
        primary_id = item.meta_value("_yoast_wpseo_primary_category")
        by_id = {str(c.id): c.slug for c in self.wp_categories.values()}
        if primary_id in by_id and by_id[primary_id] in slugs:
            chosen = by_id[primary_id]
        else:
            # The most specific category, the first listed among equals.
            def depth(slug):
                return 1 if (wp := self.wp_categories.get(slug)) and wp.parent_slug else 0

            chosen = max(slugs, key=depth, default=None)
        others = [self.wp_categories[s].name for s in slugs if s != chosen and s in self.wp_categories]
        return chosen, others

    def category_of(self, item: WPItem) -> Category:
        chosen, _ = self.primary_category(item)
        category = self.category(chosen) if chosen else None
        if category is None:  # in no category WordPress listed: where WordPress puts those
            category, _ = Category.objects.get_or_create(
                slug="uncategorized", defaults={"name": "Uncategorized"}
            )
        return category

    def post(self, item: WPItem) -> None:
        title = markup.plain_text(item.title) or f"Untitled post {item.id}"
        if item.status not in IMPORTED_STATUSES:
            why = {"private": "private in WordPress", "trash": "in the WordPress trash"}.get(
                item.status, f"WordPress status “{item.status}”"
            )
            self.report.count("posts", "skipped", reason=why)
            self.report.note("posts", title, f"skipped: {why}")
            self.skip_comments(item, "on a post that was not imported")
            return
        custom = {key: values for key, values in item.meta.items() if not key.startswith("_")}
        source = [
            item.title, item.content, item.excerpt, item.status, item.slug, item.date_gmt, item.date,
            item.modified_gmt, item.password, item.is_sticky, item.comment_status, item.categories,
            item.creator, item.meta_value("_thumbnail_id"), item.meta.get("_wp_old_slug", []),
            self.media_dir is not None,
        ]  # fmt: skip
        source_hash = fingerprint(source)
        origin = WordPressOrigin.objects.filter(site=self.site, kind=Kind.POST, wordpress_id=item.id).first()
        article = Article.objects.filter(pk=origin.object_id).first() if origin else None
        if origin is not None and article is None:
            self.report.count("posts", "skipped", reason="deleted here since the last import")
            self.report.note("posts", title, "skipped: deleted here since the last import")
            self.skip_comments(item, "on a post that was not imported")
            return
        if origin is not None and origin.source_hash == source_hash:
            self.report.count("posts", "unchanged")
        elif origin is not None and self.article_fingerprint(article) != origin.imported_hash:
            self.report.count("posts", "skipped", reason="edited here since the last import")
            self.report.note("posts", title, "kept as it is here: edited here since the last import")
        else:
            if custom:
                self.report.note(
                    "posts", title, "custom fields not imported: "
                    + "; ".join(f"{key} = {', '.join(values)}" for key, values in sorted(custom.items())),
                )  # fmt: skip
            created = article is None
            article = article or Article(slug=self.planned_slugs[item.id])
            self.fill_article(article, item, title)
            with reversion.create_revision():
                reversion.set_comment(f"Imported from WordPress (post {item.id})")
                article.save()
            self.report.count("posts", "created" if created else "updated")
            self.remember(origin, Kind.POST, item.id, article, source_hash, self.article_fingerprint(article))
        # The post's author and category are in the report however the post itself went (both are
        # remembered per run, so this costs no query after the first post that needs them).
        self.author(item.creator)
        self.category_of(item)
        self.redirects(item, article, title)
        self.comments(item, article)

    def fill_article(self, article: Article, item: WPItem, title: str) -> None:
        status, published_at = self.status_of(item, title)
        body = self.body_of(item, title)
        article.title = title[:200]
        article.body = body
        article.summary = markup.summary_from(item.excerpt, body) or title[:300]
        if len(markup.plain_text(item.excerpt)) > 300:
            self.report.note("posts", title, "excerpt shortened to the summary's 300 characters")
        article.status = status
        article.published_at = published_at
        modified = aware(item.modified_gmt, None)
        article.substantively_updated_at = (
            modified if published_at and modified and published_at < modified <= timezone.now() else None
        )
        article.is_featured = item.is_sticky
        article.allow_comments = item.comment_status == "open"
        article.author = self.author(item.creator)
        article.category = self.category_of(item)
        _, others = self.primary_category(item)
        if others:
            self.report.note(
                "posts",
                title,
                f"also filed under {', '.join(others)} in WordPress; an article has one category here",
            )
        thumbnail = self.index.attachments.get(int(item.meta_value("_thumbnail_id") or 0))
        if article.featured_image:
            return  # copied by an earlier import: not copied again
        if thumbnail is not None and (cleaned := self.image_bytes(thumbnail, title)) is not None:
            data, extension = cleaned
            article.featured_image.save(f"import{extension}", ContentFile(data), save=False)
            self.written_files.append(article.featured_image.name)
            article.featured_image_alt = (
                markup.plain_text(thumbnail.alt) or markup.plain_text(thumbnail.title) or title
            )[:250]
            self.report.count("images", "created")

    @staticmethod
    def article_fingerprint(article: Article) -> str:
        return fingerprint([
            article.title, article.slug, article.summary, article.body, article.status, article.published_at,
            article.substantively_updated_at, article.is_featured, article.allow_comments,
            article.category_id, article.author_id, article.featured_image.name or "",
        ])  # fmt: skip

    def redirects(self, item: WPItem, article: Article, title: str) -> None:
        own = article.get_absolute_url()
        for path in old_paths_of(item):
            existing = Redirect.objects.filter(old_path=path).first()
            if path == own or (existing and existing.article_id == article.pk):
                self.report.count("redirects", "unchanged")
            elif existing is not None:
                self.report.count("redirects", "skipped", reason="address already redirects elsewhere")
                self.report.note(
                    "redirects", title, f"{path} already leads to “{existing.article}”; left as it is"
                )
            else:
                Redirect.objects.create(old_path=path[:500], article=article)
                self.report.count("redirects", "created")

    # Comments ---------------------------------------------------------------------------------

    def skip_comments(self, item: WPItem, why: str) -> None:
        for _ in item.comments:
            self.report.count("comments", "skipped", reason=why)

    COMMENT_STATUS = {"1": Comment.Status.APPROVED, "0": Comment.Status.PENDING, "spam": Comment.Status.SPAM}

    def comments(self, item: WPItem, article: Article) -> None:
        by_id = {comment.id: comment for comment in item.comments}
        imported: dict[int, Comment] = {}
        # Parents before replies, whatever order the file has them in.
        for wp in sorted(
            item.comments,
            key=lambda c: (self.generation(c, by_id), c.date_gmt or c.date or datetime.min, c.id),
        ):
            if wp.type in {"pingback", "trackback"}:
                self.report.count("comments", "skipped", reason="pingbacks and trackbacks")
                continue
            status = self.COMMENT_STATUS.get(wp.approved)
            if status is None:
                why = (
                    "in the WordPress trash"
                    if "trash" in wp.approved
                    else f"WordPress status “{wp.approved}”"
                )
                self.report.count("comments", "skipped", reason=why)
                continue
            parent = self.comment_parent(wp, by_id, imported)
            comment = self.comment(wp, article, parent, status)
            if comment is not None:
                imported[wp.id] = comment

    @staticmethod
    def generation(comment, by_id) -> int:
        depth, seen = 0, set()
        while comment.parent_id in by_id and comment.parent_id not in seen:
            seen.add(comment.parent_id)
            comment = by_id[comment.parent_id]
            depth += 1
        return depth

    def comment_parent(self, wp, by_id, imported) -> Comment | None:
        """The reply's parent here: the nearest imported ancestor, within the allowed depth."""
        parent_id, seen = wp.parent_id, set()
        while parent_id and parent_id not in imported and parent_id in by_id and parent_id not in seen:
            seen.add(parent_id)
            parent_id = by_id[parent_id].parent_id
        parent = imported.get(parent_id)
        while parent is not None and parent.depth >= self.thread_depth:
            parent = parent.parent
        return parent

    def comment(self, wp, article, parent, status) -> Comment | None:
        values = {
            "article": article,
            "parent": parent,
            "name": (markup.plain_text(wp.author) or "Anonymous")[:80],
            "email": wp.email.strip()[:254],
            "website": wp.url.strip()[:200] if urlsplit(wp.url.strip()).scheme in {"http", "https"} else "",
            "body": markup.html_to_text(wp.content),
            "status": status,
            "ip_address": self.valid_ip(wp.ip),
            "created_at": aware(wp.date_gmt, wp.date) or timezone.now(),
        }
        source_hash = fingerprint([wp.author, wp.email, wp.url, wp.ip, wp.content, wp.approved, wp.date_gmt, wp.date,
                                   parent.pk if parent else None])  # fmt: skip
        origin = WordPressOrigin.objects.filter(site=self.site, kind=Kind.COMMENT, wordpress_id=wp.id).first()
        comment = Comment.objects.filter(pk=origin.object_id).first() if origin else None
        if origin is not None and comment is None:
            self.report.count("comments", "skipped", reason="deleted here since the last import")
            return None
        if origin is not None and origin.source_hash == source_hash:
            self.report.count("comments", "unchanged")
            return comment
        if origin is not None and self.comment_fingerprint(comment) != origin.imported_hash:
            self.report.count("comments", "skipped", reason="moderated or edited here since the last import")
            return comment
        created = comment is None
        comment = comment or Comment()
        for name, value in values.items():
            setattr(comment, name, value)
        comment.save()
        self.report.count("comments", "created" if created else "updated")
        self.remember(origin, Kind.COMMENT, wp.id, comment, source_hash, self.comment_fingerprint(comment))
        return comment

    @staticmethod
    def valid_ip(value: str) -> str | None:
        try:
            return str(ip_address(value.strip()))
        except ValueError:
            return None

    @staticmethod
    def comment_fingerprint(comment: Comment) -> str:
        return fingerprint([
            comment.name, comment.email, comment.website, comment.body, comment.status, comment.parent_id,
            comment.created_at,
        ])  # fmt: skip

    # The end ----------------------------------------------------------------------------------

    def finish(self) -> None:
        for wp in self.wp_categories.values():
            if wp.slug not in self.categories:
                self.report.count("categories", "skipped", reason="no imported post in it")
                self.report.note("categories", wp.name, "skipped: no imported post in it")
        for wp in self.wp_authors.values():
            if wp.login not in self.authors:
                self.report.count("authors", "skipped", reason="no imported post by them")
                self.report.note("authors", wp.display_name or wp.login, "skipped: no imported post by them")
        if self.authors:
            self.report.note(
                "authors", "All authors",
                "WordPress exports carry no biographies, photos or credentials: add them under Authors",
            )  # fmt: skip
        if self.tags:
            for _ in self.tags:
                self.report.count("tags", "skipped", reason="this site has no tags")
            self.report.note(
                "tags",
                f"{len(self.tags)} tags",
                "not imported (this site has no tags): " + ", ".join(self.tags),
            )

    def delete_written_files(self) -> None:
        for name in self.written_files:
            default_storage.delete(name)


def import_wxr(
    source,
    *,
    media_dir: Path | str | None = None,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportReport:
    """Import a WordPress export (a path or a seekable binary file). See the module's docstring.

    Raises WXRError, with a message for people, for a file that is not a whole WordPress export;
    nothing is imported then. A trial run (`dry_run`) reports what would change and keeps nothing.
    """
    media_dir = Path(media_dir) if media_dir else None
    if media_dir is not None and not media_dir.is_dir():
        raise WXRError(f"The media folder {media_dir} does not exist. Give a copy of wp-content/uploads.")
    file, opened = open_export(source)
    try:
        index = scan(file, progress)
        file.seek(0)
        report = ImportReport(dry_run=dry_run)
        importer = Importer(index, report, media_dir)
        done = 0
        try:
            with pagecache.one_invalidation(), transaction.atomic():
                for record in read_export(file):
                    importer.handle(record)
                    if isinstance(record, WPItem):
                        done += 1
                        if progress:
                            progress("importing", done, index.items)
                importer.finish()
                if dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            importer.delete_written_files()
            raise
        if dry_run:
            importer.delete_written_files()
        return report
    finally:
        if opened:
            file.close()


__all__ = ["ImportReport", "WXRError", "import_wxr"]
