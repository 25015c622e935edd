"""Readable differences between two saved revisions (django-reversion versions) of an object.

Staff compare revisions as text, not markup: rich-text bodies are turned into plain text first (a
line per paragraph, heading or list item; links as `[text](url)`), then compared paragraph by
paragraph and, inside a changed paragraph, word by word. Everything is escaped; only the <ins> and
<del> around changes are markup.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from difflib import SequenceMatcher

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reversion import is_registered
from reversion.models import Version

from core.richtext import html_as_text

# Unchanged lines (two paragraphs and the blank lines after them) shown around each change; longer
# unchanged stretches are folded.
CONTEXT_LINES = 4
_WORDS = re.compile(r"\w+|\s+|[^\w\s]+")


@dataclass(frozen=True)
class Change:
    label: str
    diff: SafeString


def diff_text(old: str, new: str) -> SafeString:
    """`new` against `old`, escaped, with <del>removed</del> and <ins>added</ins> words."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    groups = list(matcher.get_grouped_opcodes(CONTEXT_LINES))
    out = []
    for number, group in enumerate(groups):
        first, last = group[0], group[-1]
        if number or first[1] > 0:
            out.append('<span class="diff-skip">⋯</span>')
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(escape(line) for line in old_lines[i1:i2])
            elif tag == "delete":
                out.extend(_marked("del", line) for line in old_lines[i1:i2])
            elif tag == "insert":
                out.extend(_marked("ins", line) for line in new_lines[j1:j2])
            else:
                out.append(_diff_words("\n".join(old_lines[i1:i2]), "\n".join(new_lines[j1:j2])))
        if number == len(groups) - 1 and last[2] < len(old_lines):
            out.append('<span class="diff-skip">⋯</span>')
    return mark_safe("\n".join(out))  # noqa: S308 - every piece of text above went through escape()


def _marked(tag: str, text: str) -> str:
    return f"<{tag}>{escape(text)}</{tag}>" if text else ""


def _diff_words(old: str, new: str) -> str:
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(escape("".join(old_words[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(_marked("del", "".join(old_words[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(_marked("ins", "".join(new_words[j1:j2])))
    return "".join(out)


def changes_between(old: Version, new: Version, *, html_fields=()) -> list[Change]:
    """What changed from `old` to `new` (two versions of one object): each editable field, then
    each set of related objects saved in the same revisions (an article's references)."""
    model = new.content_type.model_class()
    old_values, new_values = old.field_dict, new.field_dict
    changes = []
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable or field.attname not in new_values:
            continue
        before, after = (
            html_as_text(values.get(field.attname))
            if field.name in html_fields
            else _display(field, values.get(field.attname))
            for values in (old_values, new_values)
        )
        if before != after:
            changes.append(Change(str(field.verbose_name), diff_text(before, after)))
    old_related, new_related = _related_in_revision(old), _related_in_revision(new)
    for related_model in dict.fromkeys([*old_related, *new_related]):
        before = "\n".join(old_related.get(related_model, []))
        after = "\n".join(new_related.get(related_model, []))
        if before != after:
            changes.append(Change(str(related_model._meta.verbose_name_plural), diff_text(before, after)))
    return changes


def _related_in_revision(version: Version) -> dict[type[models.Model], list[str]]:
    """The objects pointing at `version`'s object that were saved in the same revision, one line of
    text each, in their model's order."""
    model, object_id = version.content_type.model_class(), version.object_id
    found = {}
    for other in version.revision.version_set.exclude(pk=version.pk).select_related("content_type"):
        related_model = other.content_type.model_class()
        if related_model is None or not is_registered(related_model):
            continue  # a model since removed, or no longer under revision control
        links = [
            field
            for field in related_model._meta.concrete_fields
            if field.is_relation and field.many_to_one and issubclass(model, field.related_model)
        ]
        values = other.field_dict
        link = next((f for f in links if str(values.get(f.attname)) == object_id), None)
        if link is not None:
            found.setdefault(related_model, []).append((link, values))
    return {related_model: _lines(related_model, rows) for related_model, rows in found.items()}


def _lines(model, rows) -> list[str]:
    rows = list(rows)
    for name in reversed([name for name in model._meta.ordering if isinstance(name, str) and name != "?"]):
        # Stable sorts, last key first.
        field = model._meta.pk if name.lstrip("-") == "pk" else model._meta.get_field(name.lstrip("-"))
        rows.sort(key=lambda row, a=field.attname: _sort_key(row[1].get(a)), reverse=name.startswith("-"))
    lines = []
    for link, values in rows:
        fields = [
            field
            for field in model._meta.concrete_fields
            if field.editable and not field.primary_key and field != link
        ]
        shown = [_display(field, values.get(field.attname)) for field in fields]
        lines.append(" · ".join(value for value in shown if value))
    return lines


def _sort_key(value):
    return (value is None, value if value is not None else 0)


def _display(field: models.Field, value) -> str:
    """A field's value as an editor reads it in the admin."""
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.many_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is None:
            return f"{field.related_model._meta.verbose_name} {value} (deleted)"
        return str(related)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, FieldFile):
        return value.name or ""
    return str(value)
