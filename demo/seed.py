"""Demo content for `manage.py seed_demo`: the original writing in demo/content/, with images drawn
by Pillow, inserted in bulk. Safe to run again: what exists (by slug) is left alone."""

import io
import math
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from articles.models import Article, Author, Category, Reference
from core.images import make_renditions_for, random_name
from core.richtext import sanitize_html
from demo import content
from healthyback.models import Page


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, count: int) -> None:
        self.created[what] = self.created.get(what, 0) + count

    def __str__(self):
        parts = [f"{count} {what}" for what, count in self.created.items() if count]
        return "Created " + ", ".join(parts) + "." if parts else "Demo content is already in place."


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def save_jpeg(image: Image.Image, folder: str) -> str:
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85, optimize=True, progressive=True)
    return default_storage.save(random_name(folder, ".jpg"), ContentFile(output.getvalue()))


def draw_avatar(name: str, color: str, size: int = 480) -> Image.Image:
    image = Image.new("RGB", (size, size), hex_to_rgb(color))
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in name.replace("Dr. ", "").split()[:2]).upper()
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    return image


def draw_illustration(seed: str, palette: tuple[str, str], size=(1600, 900)) -> Image.Image:
    """An abstract, calm illustration: a two-colour gradient with soft curves (a spine-like wave)."""
    rng = random.Random(seed)  # noqa: S311 - the same picture for the same article, not a secret
    start, end = hex_to_rgb(palette[0]), hex_to_rgb(palette[1])
    width, height = size
    gradient = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270])).resize(size)
    image = Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), gradient)
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(6):
        radius = rng.randint(height // 6, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, rng.randint(18, 40))
        )
    amplitude, phase = rng.randint(40, 90), rng.random() * math.pi
    points = [(x, height / 2 + amplitude * math.sin(phase + x / 140)) for x in range(0, width + 20, 20)]
    draw.line(points, fill=(255, 255, 255, 150), width=14, joint="curve")
    for x, y in points[4::9]:
        draw.ellipse((x - 16, y - 16, x + 16, y + 16), fill=(255, 255, 255, 200))
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def seed_categories(report: SeedReport) -> dict[str, Category]:
    existing = {c.slug: c for c in Category.objects.all()}
    for spec in sorted(content.CATEGORIES, key=lambda c: c["parent"] is not None):
        if spec["slug"] in existing:
            continue
        category = Category.objects.create(
            name=spec["name"],
            slug=spec["slug"],
            description=spec["description"],
            position=spec["position"],
            parent=existing[spec["parent"]] if spec["parent"] else None,
        )
        existing[category.slug] = category
        report.add("categories", 1)
    return existing


def seed_authors(report: SeedReport) -> dict[str, Author]:
    existing = {a.slug: a for a in Author.objects.all()}
    new = []
    for spec in content.AUTHORS:
        if spec["slug"] in existing:
            continue
        avatar = save_jpeg(draw_avatar(spec["name"], spec["avatar_color"]), "avatars")
        new.append(
            Author(
                name=spec["name"],
                slug=spec["slug"],
                credentials=spec["credentials"],
                bio=spec["bio"],
                is_medical_reviewer=spec["is_medical_reviewer"],
                avatar=avatar,
                avatar_width=480,
                avatar_height=480,
                avatar_renditions=make_renditions_for(avatar),
            )
        )
    Author.objects.bulk_create(new)
    report.add("authors", len(new))
    return {a.slug: a for a in Author.objects.all()}


def article_from_spec(spec, categories, authors, now, image, renditions) -> Article:
    published_at = now - timedelta(days=spec["published_days_ago"])
    updated_at = (
        now - timedelta(days=spec["updated_days_ago"]) if spec["updated_days_ago"] is not None else None
    )
    reviewer = authors[spec["reviewer"]] if spec["reviewer"] else None
    return Article(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        body=sanitize_html(spec["body"]),
        category=categories[spec["category"]],
        author=authors[spec["author"]],
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        substantively_updated_at=updated_at,
        reviewed_by=reviewer,
        reviewed_at=(updated_at or published_at) - timedelta(days=1) if reviewer else None,
        is_featured=spec["is_featured"],
        featured_image=image,
        featured_image_alt=spec["image_alt"],
        featured_image_width=1600,
        featured_image_height=900,
        featured_image_renditions=renditions,
    )


def seed_articles(report: SeedReport, categories, authors, now) -> None:
    existing = set(Article.objects.values_list("slug", flat=True))
    new, references = [], []
    for spec in content.ARTICLES:
        if spec["slug"] in existing:
            continue
        image = save_jpeg(draw_illustration(spec["slug"], spec["palette"]), "articles")
        article = article_from_spec(spec, categories, authors, now, image, make_renditions_for(image))
        new.append(article)
        references += [
            (article, position, citation, url) for position, (citation, url) in enumerate(spec["references"])
        ]
    Article.objects.bulk_create(new)
    Reference.objects.bulk_create(
        Reference(article=article, position=position, citation=citation, url=url)
        for article, position, citation, url in references
    )
    report.add("articles", len(new))


EXTRA_SLUG = "reader-question-{number}-{slug}"


def seed_extra_articles(report: SeedReport, count: int, now) -> None:
    """Many more articles for load tests: variations on the base ones, reusing their images."""
    bases = list(
        Article.objects.filter(slug__in=[a["slug"] for a in content.ARTICLES]).prefetch_related("references")
    )
    if not bases:
        return
    wanted = {
        EXTRA_SLUG.format(number=number, slug=bases[number % len(bases)].slug)[:200]: number
        for number in range(1, count + 1)
    }
    missing = wanted.keys() - set(Article.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    for batch_start in range(0, len(missing), 1000):
        batch = sorted(missing, key=wanted.get)[batch_start : batch_start + 1000]
        articles = []
        for slug in batch:
            number = wanted[slug]
            base = bases[number % len(bases)]
            articles.append(
                Article(
                    title=f"Reader question #{number}: {base.title}",
                    slug=slug,
                    summary=base.summary,
                    body=base.body,
                    category_id=base.category_id,
                    author_id=base.author_id,
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(hours=number * 3),
                    featured_image=base.featured_image.name,
                    featured_image_alt=base.featured_image_alt,
                    featured_image_width=base.featured_image_width,
                    featured_image_height=base.featured_image_height,
                    featured_image_renditions=base.featured_image_renditions,
                )
            )
        Article.objects.bulk_create(articles, batch_size=500)
        by_slug = {a.slug: a for a in articles}
        Reference.objects.bulk_create(
            (
                Reference(article=by_slug[slug], position=ref.position, citation=ref.citation, url=ref.url)
                for slug in batch
                for ref in bases[wanted[slug] % len(bases)].references.all()
            ),
            batch_size=1000,
        )
        report.add("extra articles", len(articles))


def seed_pages(report: SeedReport) -> None:
    existing = set(Page.objects.values_list("slug", flat=True))
    new = [
        Page(slug=spec["slug"], title=spec["title"], summary=spec["summary"], body=sanitize_html(spec["body"]),
             position=spec["position"])
        for spec in content.PAGES
        if spec["slug"] not in existing
    ]  # fmt: skip
    Page.objects.bulk_create(new)
    report.add("site pages", len(new))


def seed_demo(*, extra_articles: int = 0) -> SeedReport:
    report = SeedReport()
    now = timezone.now().replace(second=0, microsecond=0)
    with transaction.atomic():
        seed_pages(report)
        categories = seed_categories(report)
        authors = seed_authors(report)
        seed_articles(report, categories, authors, now)
        if extra_articles:
            seed_extra_articles(report, extra_articles, now)
    return report
