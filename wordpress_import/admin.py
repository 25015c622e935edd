"""WordPress imports in the admin: upload an export, the background worker imports it, the page
follows its progress and then shows the report. Only people allowed to import see any of it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html

from wordpress_import import jobs
from wordpress_import.importer import KINDS, OUTCOMES
from wordpress_import.models import WordPressImport

Status = WordPressImport.Status
IMPORT_PERMISSION = "wordpress_import.import_wordpress"
MAX_EXPORT_SIZE = 200 * 1024 * 1024  # a large site's export is tens of MB; the command has no limit


class WordPressImportForm(forms.ModelForm):
    export_file = forms.FileField(
        label="WordPress export",
        help_text="The .xml file from WordPress's Tools → Export → All content.",
        widget=forms.FileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )

    class Meta:
        model = WordPressImport
        fields = ["export_file", "dry_run"]

    def clean_export_file(self):
        export = self.cleaned_data["export_file"]
        if not export.name.lower().endswith(".xml"):
            raise ValidationError(
                "Choose the .xml file that WordPress's Tools → Export downloads; this file is not one.",
                code="not_xml",
            )
        if export.size > MAX_EXPORT_SIZE:
            raise ValidationError(
                f"This file is {filesizeformat(export.size)}; this page takes exports up to "
                f"{filesizeformat(MAX_EXPORT_SIZE)}. Import a larger one with the import_wordpress command.",
                code="too_large",
            )
        export.seek(0)
        start = export.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
        export.seek(0)
        if not start.startswith(b"<"):
            raise ValidationError(
                "This file is not XML, whatever its name says. Export the site again from WordPress.",
                code="not_xml",
            )
        return export


@admin.register(WordPressImport)
class WordPressImportAdmin(admin.ModelAdmin):
    form = WordPressImportForm
    list_display = ["original_name", "state", "dry_run", "created_by", "created_at", "summary"]
    list_filter = ["status", "dry_run"]
    list_select_related = ["created_by"]
    add_fieldsets = [(None, {"fields": ["export_file", "dry_run"]})]
    # The record of an import: what was uploaded, by whom, when. The status and report are shown
    # above it (the template's panel); the export itself is deleted once imported.
    fieldsets = [
        (
            None,
            {"fields": ["original_name", "dry_run", "created_by", "created_at", "started_at", "finished_at"]},
        ),
    ]

    class Media:
        js = ["js/admin-progress.js"]

    def _may_import(self, request) -> bool:
        return request.user.is_active and request.user.has_perm(IMPORT_PERMISSION)

    def has_module_permission(self, request):
        return self._may_import(request)

    def has_view_permission(self, request, obj=None):
        return self._may_import(request)

    def has_add_permission(self, request):
        return self._may_import(request)

    # An import is a record of what happened: never edited, never re-run.
    def has_change_permission(self, request, obj=None):
        return False

    # Not while it runs, since the worker still needs the row and the uploaded file; unless its
    # worker is gone (stalled), when deleting is how to start again.
    def has_delete_permission(self, request, obj=None):
        return self._may_import(request) and (
            obj is None or obj.status != Status.RUNNING or jobs.is_stalled(obj)
        )

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else self.fieldsets

    def save_model(self, request, obj, form, change):
        obj.original_name = form.cleaned_data["export_file"].name[:255]
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        jobs.enqueue_import(obj)

    def response_add(self, request, obj, post_url_continue=None):
        what = "The trial run" if obj.dry_run else "The import"
        self.message_user(
            request, f"{what} of “{obj.original_name}” is queued: this page follows it.", messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:wordpress_import_wordpressimport_change", args=[obj.pk]))

    # A queued import deleted before the worker starts it leaves no personal data behind.
    def delete_model(self, request, obj):
        obj.export_file.delete(save=False)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for wp_import in queryset.exclude(export_file=""):
            wp_import.export_file.delete(save=False)
        super().delete_queryset(request, queryset)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context |= {"show_save_and_add_another": False, "show_save_and_continue": False}
        if obj is not None:
            report = obj.report if isinstance(obj.report, dict) else {}
            context |= {
                "wp_import": obj,
                "progress": jobs.progress_of(obj.pk),
                "counts": _counts_rows(report),
                "notes": report.get("notes") or [],
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/progress/",
                view(self.progress_view),
                name="wordpress_import_wordpressimport_progress",
            ),
            *super().get_urls(),
        ]

    def progress_view(self, request, pk):
        if not self._may_import(request):
            raise PermissionDenied
        progress = jobs.progress_of(pk)
        if progress is None:
            raise Http404
        return JsonResponse(progress.as_dict(), headers={"Cache-Control": "no-store"})

    @admin.display(description="status", ordering="status")
    def state(self, wp_import):
        return format_html(
            '<span class="status status-{}">{}</span>', wp_import.status, wp_import.get_status_display()
        )

    @admin.display(description="posts and comments imported")
    def summary(self, wp_import):
        if wp_import.status != Status.DONE:
            return "—"
        counts = (wp_import.report or {}).get("counts") or {}
        parts = []
        for kind in ("posts", "comments"):
            changed = sum(_number(counts.get(kind, {}).get(key)) for key in ("created", "updated"))
            parts.append(f"{changed:,} {kind if changed != 1 else kind[:-1]}")
        return ", ".join(parts)


def _number(value) -> int:
    return value if isinstance(value, int) else 0


def _counts_rows(report: dict) -> list[dict]:
    """The report's counts as table rows, in the importer's order (PostgreSQL's jsonb keeps no key
    order), with why things were skipped."""
    counts, reasons = report.get("counts") or {}, report.get("reasons") or {}
    kinds = [kind for kind in KINDS if kind in counts] + sorted(set(counts) - set(KINDS))
    rows = []
    for kind in kinds:
        why = sorted((reasons.get(kind) or {}).items(), key=lambda pair: -_number(pair[1]))
        rows.append({
            "kind": kind,
            **{outcome: _number((counts[kind] or {}).get(outcome)) for outcome in OUTCOMES},
            "reasons": "; ".join(f"{_number(n):,} {reason}" for reason, n in why),
        })  # fmt: skip
    return rows
