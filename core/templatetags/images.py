from django import template
from django.core.files.storage import default_storage
from django.forms.utils import flatatt
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def responsive_image(image, renditions, alt, width=None, height=None, sizes="100vw", css_class="", lazy=True):
    """An <img> with a WebP srcset once the worker has made renditions, the original until then.

    Width and height are always given (from the renditions or the original) so the page does not
    jump while images load.
    """
    if not image:
        return ""
    attrs = {"alt": alt, "decoding": "async"}
    if renditions:
        widest = renditions[-1]
        attrs["src"] = default_storage.url(widest["name"])
        attrs["srcset"] = ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in renditions)
        attrs["sizes"] = sizes
        attrs["width"], attrs["height"] = widest["width"], widest["height"]
    else:
        attrs["src"] = image.url
        if width and height:  # the model's stored dimensions: reading the file here would be slow
            attrs["width"], attrs["height"] = width, height
    if css_class:
        attrs["class"] = css_class
    if lazy:
        attrs["loading"] = "lazy"
    return format_html("<img{}>", flatatt(attrs))


@register.simple_tag
def rendition_url(image, renditions, width):
    """The URL of the smallest rendition at least `width` wide (else the widest, else the original)."""
    if not image:
        return ""
    wide_enough = [r for r in renditions if r["width"] >= width]
    if wide_enough or renditions:
        return default_storage.url((wide_enough or renditions)[0 if wide_enough else -1]["name"])
    return image.url
