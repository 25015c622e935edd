from django import forms
from django.contrib import admin
from django.urls import reverse_lazy
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from healthyback.models import Page
from healthyback.richtext import (
    EDITOR_STYLE_CSP_SOURCE,
    editor_extensions,
    importmap_csp_sources,
    sanitize_html,
)


class RichTextWidget(AdminProseEditorWidget):
    class Media:
        js = ["js/rich-text-admin.js"]  # names the editing area after the field's label


def rich_text_field(**kwargs) -> ProseEditorFormField:
    """The admin's rich-text editor, cleaned by our allowlist, images from the media library."""
    return ProseEditorFormField(
        config={"extensions": editor_extensions(reverse_lazy("admin:articles_libraryimage_picker"))},
        sanitize=sanitize_html,
        widget=RichTextWidget,
        **kwargs,
    )


class RichTextAdminMixin:
    """Admin pages with the rich-text editor: allow its inline import map and style by hash."""

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)

        def allow_editor(rendered):
            rendered._csp_update = {
                "script-src": importmap_csp_sources(rendered.rendered_content),
                "style-src": [EDITOR_STYLE_CSP_SOURCE],
            }

        response.add_post_render_callback(allow_editor)
        return response


class PageAdminForm(forms.ModelForm):
    body = rich_text_field()

    class Meta:
        model = Page
        fields = ["title", "slug", "summary", "body", "position"]


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, admin.ModelAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "position", "updated_at"]
    list_editable = ["position"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
