from django import forms
from django.contrib import admin

from core.admin import RevisionAdmin, RichTextAdminMixin, rich_text_field
from healthyback.models import Page


class PageAdminForm(forms.ModelForm):
    body = rich_text_field()

    class Meta:
        model = Page
        fields = ["title", "slug", "summary", "body", "position"]


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, RevisionAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "position", "updated_at"]
    list_editable = ["position"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
