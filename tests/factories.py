"""Plain factories for the tests: each makes one saved object with sensible defaults."""

import io
from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Category, Reference

_numbers = count(1)


def image_bytes(size=(1200, 800), image_format="JPEG", color=(40, 120, 130), exif=None, mode="RGB") -> bytes:
    output = io.BytesIO()
    image = Image.new(mode, size, color)
    options = {"exif": exif} if exif is not None else {}
    image.save(output, format=image_format, **options)
    return output.getvalue()


def uploaded_image(name="photo.jpg", **kwargs) -> SimpleUploadedFile:
    image_format = kwargs.setdefault("image_format", "JPEG")
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}.get(
        image_format, "image/gif"
    )
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type)


def make_user(username=None, *, staff=False, superuser=False, password="a long test password"):
    username = username or f"user{next(_numbers)}"
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.com", password)
    return User.objects.create_user(username, f"{username}@example.com", password, is_staff=staff)


def make_category(name=None, *, parent=None, **fields) -> Category:
    name = name or f"Category {next(_numbers)}"
    fields.setdefault("slug", f"category-{next(_numbers)}")
    return Category.objects.create(name=name, parent=parent, **fields)


def make_author(name=None, *, reviewer=False, **fields) -> Author:
    name = name or f"Author {next(_numbers)}"
    fields.setdefault("slug", f"author-{next(_numbers)}")
    fields.setdefault("credentials", "DPT, OCS")
    return Author.objects.create(name=name, is_medical_reviewer=reviewer, **fields)


# An article readers cannot see yet, in each way it can be: for parametrised tests.
NOT_YET_PUBLIC = [
    {"status": Article.Status.DRAFT},
    {"status": Article.Status.IN_REVIEW},
    {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
]
NOT_YET_PUBLIC_IDS = ["draft", "in-review", "scheduled"]


def make_article(title=None, *, status=Article.Status.PUBLISHED, published_at="past", **fields) -> Article:
    number = next(_numbers)
    if published_at == "past":
        published_at = timezone.now() - timedelta(days=1) if status == Article.Status.PUBLISHED else None
    fields.setdefault("category", make_category() if "category" not in fields else fields["category"])
    fields.setdefault("author", make_author())
    fields.setdefault("summary", "A short summary.")
    fields.setdefault("body", "<p>Body text.</p>")
    return Article.objects.create(
        title=title or f"Article {number}",
        slug=fields.pop("slug", f"article-{number}"),
        status=status,
        published_at=published_at,
        **fields,
    )


def make_reference(
    article, position=0, citation="NICE. Low back pain and sciatica in over 16s. 2016.", url=""
):
    return Reference.objects.create(article=article, position=position, citation=citation, url=url)
