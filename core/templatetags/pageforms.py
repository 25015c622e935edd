from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def csrf_field(context):
    """The CSRF token of a form. On a page shared by every visitor (core.pagecache) it is
    empty, and static/js/forms.js fills it in from this browser's cookie or /form-token/; a form
    sent without it comes back with what was typed and a token (the views' on_csrf_failure)."""
    request = context.get("request")
    shared = request is None or getattr(request, "shared_page", False)
    token = "" if shared else get_token(request)
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
