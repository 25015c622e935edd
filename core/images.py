"""Uploaded images: validation, clean re-encoding, and responsive WebP renditions.

Every upload (avatars, featured images, the image library) goes through `CleanImageField`: Pillow
must recognise a JPEG, PNG or WebP within the size and pixel limits; the image is then re-encoded,
which drops EXIF (GPS positions, camera serials) and anything smuggled after the pixels, and stored
under a random name. Renditions are made later by the background worker (`make_renditions`).
"""

import io
import uuid
import warnings
from functools import partial
from pathlib import PurePosixPath

from django import forms
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

from core import pagecache

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Enough for any camera; beyond it an image is a decompression bomb or a mistake.
MAX_PIXELS = 50_000_000
# What the decoded pixels may take, so that cleaning an upload costs a worker about 100 MB at most
# (measured: 95 MB for a 12-megapixel PNG, 94 for a 50-megapixel JPEG): Pillow keeps 4 bytes a
# pixel whatever the file's depth, and scaling an image with transparency makes a premultiplied
# copy of it. A JPEG is decoded at 1/2, 1/4 or 1/8 of its size when that still covers MAX_EDGE, so
# a 50-megapixel photo fits; a PNG or WebP is decoded whole.
MAX_DECODED_BYTES = 48 * 1024 * 1024
# A 49,000,000 x 1 strip is no picture.
MAX_ASPECT_RATIO = 20
# Like WordPress's "big image threshold": larger originals are scaled down on upload.
MAX_EDGE = 2560
RENDITION_WIDTHS = (400, 800, 1200, 1600)
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 86, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 84, "method": 4},
}


def open_limited(data: bytes) -> Image.Image:
    """Open image bytes, refusing decompression bombs and absurd shapes before any pixel is
    decoded; a JPEG is set to decode at the smallest scale that still covers MAX_EDGE."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise Image.DecompressionBombError(f"{width}x{height}")
        if max(width, height) > MAX_ASPECT_RATIO * max(1, min(width, height)):
            raise Image.DecompressionBombError(f"{width}x{height}: not a picture's shape")
        scale = min(1.0, MAX_EDGE / max(width, height))
        image.draft(None, (max(1, round(width * scale)), max(1, round(height * scale))))
        bytes_per_pixel = 8 if "A" in image.getbands() else 4
        if image.width * image.height * bytes_per_pixel > MAX_DECODED_BYTES:
            raise Image.DecompressionBombError(f"{image.width}x{image.height} decoded")
        return image


def check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            "This image is %(size)s; the limit is %(limit)s. Export a smaller version and try again.",
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )


def clean_image_bytes(data: bytes) -> tuple[bytes, str]:
    """Validate and re-encode an image; return the new bytes and the real format's extension.

    Raises forms.ValidationError with a message for editors.
    """
    check_size(len(data))
    try:
        image = open_limited(data)
        image_format = image.format
        if image_format not in FORMATS:
            raise forms.ValidationError(
                "Upload a JPEG, PNG or WebP image; %(format)s images are not accepted.",
                code="unsupported_format",
                params={"format": image_format},
            )
        # Scaled down first, then turned: every copy made after the decoding is the small one.
        image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
        ImageOps.exif_transpose(image, in_place=True)  # keep the orientation the camera meant
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise forms.ValidationError(
            "This image is too large to process: at most %(limit)d megapixels for a JPEG, "
            "%(decoded)d for a PNG or WebP (%(transparent)d with transparency), and no longer "
            "than %(ratio)d times its width. Export a smaller version and try again.",
            code="too_many_pixels",
            params={
                "limit": MAX_PIXELS // 1_000_000,
                "decoded": MAX_DECODED_BYTES // 4 // 1_000_000,
                "transparent": MAX_DECODED_BYTES // 8 // 1_000_000,
                "ratio": MAX_ASPECT_RATIO,
            },
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise forms.ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG or WebP image.",
            code="invalid_image",
        ) from None
    if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    output = io.BytesIO()
    # No `exif=` and no `info` passed on: the new file carries pixels and nothing else.
    image.save(output, format=image_format, **SAVE_OPTIONS[image_format])
    return output.getvalue(), FORMATS[image_format]


def random_name(folder: str, extension: str) -> str:
    return f"{folder}/{uuid.uuid4().hex}{extension}"


class CleanImageFormField(forms.ImageField):
    default_error_messages = {
        "invalid_image": "This file is not an image we can read. Upload a JPEG, PNG or WebP image.",
    }

    def to_python(self, data):
        if data in self.empty_values:
            return None
        check_size(data.size)  # before reading it into memory
        data.seek(0)
        cleaned, extension = clean_image_bytes(data.read())
        content_type = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}[extension]
        # The name the browser sent is dropped: the storage path gets a random one (upload_to).
        upload = SimpleUploadedFile(f"upload{extension}", cleaned, content_type)
        return super().to_python(upload)


class CleanImageField(models.ImageField):
    """An ImageField whose uploads are validated, re-encoded and stored under random names."""

    def __init__(self, *args, folder: str = "images", **kwargs):
        self.folder = folder
        kwargs.setdefault("upload_to", self.upload_path)
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def upload_path(self, instance, filename: str) -> str:
        return random_name(self.folder, PurePosixPath(filename).suffix.lower())

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("upload_to", None)
        if self.folder != "images":
            kwargs["folder"] = self.folder
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CleanImageFormField, **kwargs})


def rendition_name(source_name: str, width: int) -> str:
    source = PurePosixPath(source_name)
    return f"renditions/{source.stem}-{width}.webp"


def make_renditions_for(source_name: str, storage=default_storage) -> list[dict]:
    """Write WebP renditions of a stored image; return [{"name", "width", "height"}], widest last."""
    with storage.open(source_name, "rb") as source:
        image = open_limited(source.read())
        image.load()
    if image.mode not in {"RGB", "RGBA"}:
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    renditions = []
    widths = [w for w in RENDITION_WIDTHS if w < image.width] + [min(image.width, RENDITION_WIDTHS[-1])]
    for width in sorted(set(widths)):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        output = io.BytesIO()
        resized.save(output, format="WEBP", **SAVE_OPTIONS["WEBP"])
        name = rendition_name(source_name, width)
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(output.getvalue()))
        renditions.append({"name": name, "width": width, "height": height})
    return renditions


class ImageRenditionsMixin(models.Model):
    """For models with CleanImageFields: a changed image gets fresh renditions from the worker.

    `image_renditions` maps each image field to the JSONField that lists its renditions.
    """

    image_renditions: dict[str, str] = {}

    class Meta:
        abstract = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored_images: dict[str, str] = {}

    def save(self, *args, **kwargs):
        changed = []
        for field, renditions_field in self.image_renditions.items():
            file = getattr(self, field)
            # A new upload only gets its final (random) name while saving, hence the two steps.
            if not file._committed or (file.name or "") != self._stored_images.get(field):
                setattr(self, renditions_field, [])
                changed.append((field, renditions_field))
        super().save(*args, **kwargs)
        for field, renditions_field in changed:
            name = getattr(self, field).name or ""
            self._stored_images[field] = name
            if name:
                transaction.on_commit(
                    partial(queue_renditions, self._meta.label, self.pk, field, renditions_field, name)
                )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_images = {
            field: getattr(instance, field).name or ""
            for field in cls.image_renditions
            if field in field_names
        }
        return instance


def queue_renditions(model_label: str, pk: int, field: str, renditions_field: str, name: str) -> None:
    from core.tasks import make_renditions

    make_renditions.enqueue(model_label, pk, field, renditions_field, name)


def store_renditions(model_label: str, pk: int, field: str, renditions_field: str, name: str) -> list[dict]:
    """Make the renditions of one stored image and record them, unless the image changed since."""
    from django.apps import apps

    renditions = make_renditions_for(name)
    model = apps.get_model(model_label)
    if model.objects.filter(pk=pk, **{field: name}).update(**{renditions_field: renditions}):
        pagecache.invalidate()  # pages can now offer the smaller sizes
    return renditions
