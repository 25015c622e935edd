from django import template

from articles import structured_data
from core.templatetags.jsonld import json_ld

register = template.Library()


@register.simple_tag
def article_json_ld(article):
    return json_ld(structured_data.article_data(article))


@register.simple_tag
def author_json_ld(author):
    return json_ld(structured_data.author_data(author))
