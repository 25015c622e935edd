from django import template

from core.richtext import render_html

register = template.Library()


@register.filter
def richtext(html):
    """Stored rich text, cleaned against the allowlist again on the way out."""
    return render_html(html)
