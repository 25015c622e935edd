"""Uploaded images: only real JPEG/PNG/WebP within limits, re-encoded without metadata, random
names, and WebP renditions made by the worker."""

import io
import struct
import zlib

import pytest
from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image
from pytest_django.asserts import assertHTMLEqual

from articles.models import Article, LibraryImage
from core.images import MAX_EDGE, CleanImageFormField, queue_renditions
from tests.factories import image_bytes, make_article, uploaded_image


def clean(upload):
    return CleanImageFormField().clean(upload)


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions: a decompression bomb's calling card."""
    data = bytearray(image_bytes(size=(1, 1), image_format="PNG"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def error_code(upload) -> str:
    with pytest.raises(forms.ValidationError) as error:
        clean(upload)
    return error.value.error_list[0].code


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted(image_format):
    cleaned = clean(uploaded_image("a.img", image_format=image_format, size=(640, 480)))
    assert Image.open(cleaned).format == image_format
    assert cleaned.image.size == (640, 480)


def test_svg_is_refused():
    svg = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"
    )
    assert error_code(svg) == "invalid_image"


def test_gif_is_refused_with_a_clear_message():
    with pytest.raises(forms.ValidationError, match="Upload a JPEG, PNG or WebP"):
        clean(uploaded_image("anim.gif", image_format="GIF"))


def test_a_fake_extension_does_not_fool_it():
    text = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\nrm -rf /\n" * 50, "image/jpeg")
    assert error_code(text) == "invalid_image"
    # A real PNG named .jpg is stored as what it really is.
    cleaned = clean(uploaded_image("photo.jpg", image_format="PNG"))
    assert cleaned.name.endswith(".png")


def test_a_decompression_bomb_is_refused_without_decoding_it():
    bomb = SimpleUploadedFile("bomb.png", png_claiming_size(60_000, 60_000), "image/png")
    assert error_code(bomb) == "too_many_pixels"


@pytest.mark.parametrize(
    "size",
    [
        (7000, 7000),  # 49 megapixels, under the camera limit, but 196 MB once decoded
        (49_000_000, 1),  # a strip, not a picture
        (1, 40_000),
    ],
)
def test_an_image_too_costly_to_decode_is_refused_without_decoding_it(size):
    png = SimpleUploadedFile("big.png", png_claiming_size(*size), "image/png")
    assert error_code(png) == "too_many_pixels"


def test_a_transparent_png_has_half_the_room_of_an_opaque_one():
    # Scaling an image with an alpha channel makes a premultiplied copy of all of it.
    assert clean(uploaded_image("opaque.png", image_format="PNG", size=(3000, 3000)))
    transparent = uploaded_image("alpha.png", image_format="PNG", size=(3000, 3000), mode="RGBA")
    assert error_code(transparent) == "too_many_pixels"


def test_a_large_jpeg_is_decoded_at_a_smaller_scale_and_accepted():
    # Decoded whole, 5200 x 2600 would take 54 MB; JPEG decodes it at half size, still wider than
    # the largest stored width.
    cleaned = clean(uploaded_image("wide.jpg", size=(5200, 2600)))
    assert cleaned.image.size == (MAX_EDGE, MAX_EDGE // 2)


def test_a_huge_file_is_refused_before_being_read():
    huge = SimpleUploadedFile("huge.jpg", b"\xff" * (20 * 1024 * 1024), "image/jpeg")
    with pytest.raises(forms.ValidationError, match="the limit is 10") as error:
        clean(huge)
    assert error.value.error_list[0].code == "file_too_large"


def test_exif_metadata_is_stripped_and_orientation_applied():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90°
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0)}  # GPS position
    upload = uploaded_image("gps.jpg", size=(300, 200), exif=exif.tobytes())
    assert Image.open(io.BytesIO(upload.read())).getexif()  # the input really has EXIF
    upload.seek(0)

    cleaned = clean(upload)

    stored = Image.open(cleaned)
    assert dict(stored.getexif()) == {}
    assert b"SpyCam" not in cleaned.read()
    assert stored.size == (200, 300)


def test_oversized_originals_are_scaled_down():
    cleaned = clean(uploaded_image("big.jpg", size=(4000, 1000)))
    assert cleaned.image.size == (MAX_EDGE, MAX_EDGE // 4)


@pytest.mark.django_db
def test_uploads_get_random_names(django_capture_on_commit_callbacks):
    names = set()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=False):
            image = LibraryImage(title="Walk", alt_text="A walk")
            image.file = clean(uploaded_image("my-x-ray-john-smith.jpg"))
            image.save()
        names.add(image.file.name)
        assert "john" not in image.file.name
        assert image.file.name.startswith("library/")
    assert len(names) == 2


def rendition_tasks(callbacks):
    """The on-commit callbacks that queue renditions (saves also refresh the page cache)."""
    return [callback for callback in callbacks if getattr(callback, "func", None) is queue_renditions]


@pytest.mark.django_db
def test_the_worker_makes_webp_renditions_after_upload(django_capture_on_commit_callbacks):
    article = make_article(featured_image_alt="A calm illustration")
    article.featured_image = clean(uploaded_image("hero.jpg", size=(1200, 675)))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.save()
        assert article.featured_image_renditions == []  # until the worker has run

    assert len(rendition_tasks(callbacks)) == 1
    article.refresh_from_db()
    renditions = article.featured_image_renditions
    assert [(r["width"], r["height"]) for r in renditions] == [(400, 225), (800, 450), (1200, 675)]
    for rendition in renditions:
        with default_storage.open(rendition["name"]) as file:
            image = Image.open(file)
            assert (image.format, image.size) == ("WEBP", (rendition["width"], rendition["height"]))


@pytest.mark.django_db
def test_saving_without_changing_the_image_queues_nothing(django_capture_on_commit_callbacks):
    article = make_article(featured_image_alt="An illustration")
    article.featured_image = clean(uploaded_image())
    with django_capture_on_commit_callbacks(execute=True):
        article.save()

    article = Article.objects.get(pk=article.pk)
    article.title = "New title"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.save()
    assert rendition_tasks(callbacks) == []
    assert article.featured_image_renditions


@pytest.mark.django_db
def test_renditions_of_a_replaced_image_are_not_recorded(django_capture_on_commit_callbacks):
    from core.images import store_renditions

    article = make_article(featured_image_alt="An illustration")
    article.featured_image = clean(uploaded_image())
    with django_capture_on_commit_callbacks(execute=False):
        article.save()
    old_name = article.featured_image.name
    article.featured_image = clean(uploaded_image(color=(200, 10, 10)))
    with django_capture_on_commit_callbacks(execute=False):
        article.save()

    # The worker gets to the first image's task late: its result must not overwrite anything.
    store_renditions("articles.Article", article.pk, "featured_image", "featured_image_renditions", old_name)

    article.refresh_from_db()
    assert article.featured_image_renditions == []


@pytest.mark.django_db
def test_pages_use_srcset_once_renditions_exist_and_the_original_until_then():
    template = Template(
        "{% load images %}{% responsive_image a.featured_image a.featured_image_renditions a.featured_image_alt "
        'a.featured_image_width a.featured_image_height sizes="50vw" %}'
    )
    stored = default_storage.save("articles/abc.jpg", io.BytesIO(image_bytes(size=(1600, 900))))
    article = make_article(featured_image=stored, featured_image_alt='Spine "model"')

    before = template.render(Context({"a": article}))
    assertHTMLEqual(
        before,
        '<img alt="Spine &quot;model&quot;" decoding="async" src="/media/articles/abc.jpg" width="1600" '
        'height="900" loading="lazy">',
    )

    article.featured_image_renditions = [
        {"name": "renditions/abc-400.webp", "width": 400, "height": 225},
        {"name": "renditions/abc-800.webp", "width": 800, "height": 450},
    ]
    after = template.render(Context({"a": article}))
    assertHTMLEqual(
        after,
        '<img alt="Spine &quot;model&quot;" decoding="async" loading="lazy" src="/media/renditions/abc-800.webp" '
        'srcset="/media/renditions/abc-400.webp 400w, /media/renditions/abc-800.webp 800w" sizes="50vw" '
        'width="800" height="450">',
    )
