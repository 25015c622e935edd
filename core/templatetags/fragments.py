from django import template
from django.utils.safestring import mark_safe

from core import pagecache

register = template.Library()


@register.tag
def memo(parser, token):
    """{% memo "name" value ... %} … {% endmemo %}: a part of a page that is the same for every
    visitor (a page of article cards, the topic list), rendered once per content generation and
    then shared by every render, the way pagecache.memo shares values. The name and values must
    say everything the part depends on besides the content (the page number, the category); the
    queries it runs are skipped when it is remembered, so leave query sets lazy for it."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% memo %} needs a name, and the values the part varies on")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class MemoNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        name = "fragment:" + ":".join(str(part.resolve(context)) for part in self.parts)
        # The markup was escaped when it was rendered; it comes back from the store as plain text.
        return mark_safe(pagecache.memo(name, lambda: str(self.nodelist.render(context))))  # noqa: S308
