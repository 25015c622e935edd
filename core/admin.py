from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from django_tasks_db.models import DBTaskResult
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from core import schedule
from core.models import ScheduledJob
from core.revisions import changes_between
from core.richtext import (
    EDITOR_STYLE_CSP_SOURCE,
    editor_extensions,
    importmap_csp_sources,
    sanitize_html,
)


def admin_page(model_admin, request, template: str, *, title: str, **context) -> TemplateResponse:
    """A page of our own inside a model's admin (a confirmation, a picker, a comparison): the
    admin's common context, the model's options and a title, with the page's own context."""
    request.current_app = model_admin.admin_site.name
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        **context,
    }
    return TemplateResponse(request, template, context)


class ReadOnlyAdminMixin:
    """Rows the site writes itself (deliveries, events, periodic jobs): staff look, and never add,
    change or delete them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RichTextWidget(AdminProseEditorWidget):
    class Media:
        js = ["js/rich-text-admin.js"]  # names the editing area after the field's label


def rich_text_field(**kwargs) -> ProseEditorFormField:
    """The admin's rich-text editor, cleaned by our allowlist, images from the media library (the
    picker named by settings.RICH_TEXT_IMAGE_PICKER: the project decides which app provides it)."""
    return ProseEditorFormField(
        config={"extensions": editor_extensions(reverse_lazy(settings.RICH_TEXT_IMAGE_PICKER))},
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


class RevisionAdmin(VersionAdmin):
    """Revisions (django-reversion): who saved what, when; compare two revisions; restore one.

    Every save through this admin (add, change, list edits, restoring a revision) records a revision
    with the user, the time and the admin's change message. Saves made elsewhere (a WordPress
    import, seed_demo, bulk actions that use QuerySet.update(), the shell) record nothing unless
    they run inside `reversion.create_revision()`; `manage.py createinitialrevisions` gives existing
    rows a first revision. The model is registered with reversion here, following its inlines, so
    restoring an article brings back its references too.

    Restoring reuses reversion's views, which write the old revision back to the database (raw, as
    loaddata does: model save() methods do not run) and then run the change form over it in one
    transaction. That form's save sanitises rich text again, as any save does.
    """

    history_latest_first = True
    # Named templates, so admin/<app>/<model>/object_history.html is not looked up; the same goes for
    # reversion's change list (with its "Recover deleted …" link): a model's own change list
    # template must extend "reversion/change_list.html" and be set as change_list_template.
    object_history_template = "admin/revisions/object_history.html"
    compare_template = "admin/revisions/compare.html"

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_compare"
        return [path("<path:object_id>/history/compare/", compare, name=name), *super().get_urls()]

    def revision_html_fields(self) -> set[str]:
        """Rich-text fields, compared as text rather than as markup."""
        fields = self.form.base_fields.items()
        return {name for name, field in fields if isinstance(field, ProseEditorFormField)}

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        versions = Version.objects.get_for_object(obj).select_related("revision__user") if obj else []
        context = {
            "revisions": [self._revision_summary(version) for version in versions],
            "compare_url": obj and self._admin_url("compare", quote(obj.pk)),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        history_url = self._admin_url("history", quote(obj.pk))
        try:
            ids = {int(request.GET["from"]), int(request.GET["to"])}
        except (KeyError, ValueError):
            raise Http404("Choose two revisions to compare.") from None
        if len(ids) == 1:
            messages.info(request, "Choose two different revisions to compare.")
            return HttpResponseRedirect(history_url)
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        chosen = list(versions.filter(pk__in=ids).order_by("pk"))
        if len(chosen) != 2:
            raise Http404("No such revisions of this object.")
        old, new = chosen
        try:
            changes = changes_between(old, new, html_fields=self.revision_html_fields())
        except RevertError:
            # A revision saved before a migration changed a field in a way it cannot be read back.
            messages.error(request, "One of these revisions can no longer be read, so it cannot be compared.")
            return HttpResponseRedirect(history_url)
        return admin_page(
            self,
            request,
            self.compare_template,
            title=f"Compare revisions of “{obj}”",
            object=obj,
            history_url=history_url,
            sides=[
                {"label": "Older", **self._revision_summary(old)},
                {"label": "Newer", **self._revision_summary(new)},
            ],
            changes=changes,
        )

    # reversion writes the old revision back, then runs the change form, and keeps what it wrote
    # whenever that form redirects: after a real save, but also after "Save as new" and after the
    # "does not exist" redirect for an object outside this user's get_queryset(). It also takes any
    # version id, of any model. So: the version must be one of this model's, and both the object as
    # it is and the object as restored must be one this user may change.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        ours = Version.objects.get_for_model(self.model).filter(pk=version_id, object_id=unquote(object_id))
        if not ours.exists():
            raise Http404
        self._check_may_restore(request, self.get_object(request, unquote(object_id)))
        request.restoring_revision = True
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not Version.objects.get_for_model(self.model).filter(pk=version_id).exists():
            raise Http404
        request.restoring_revision = True
        return super().recover_view(request, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if getattr(request, "restoring_revision", False):
            # Inside reversion's transaction: refusing here rolls the restored rows back.
            self._check_may_restore(request, self.get_object(request, unquote(object_id)))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _check_may_restore(self, request, obj):
        if obj is None:
            raise PermissionDenied
        if request.method == "POST":
            if "_saveasnew" in request.POST or not self.has_change_permission(request, obj):
                raise PermissionDenied
        elif not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied

    def _revision_summary(self, version: Version) -> dict:
        revision = version.revision
        return {
            "version": version,
            "date": revision.date_created,
            "user": revision.user,
            "comment": revision.get_comment(),
            "url": self._admin_url("revision", quote(version.object_id), version.pk),
        }

    def _admin_url(self, view: str, *args) -> str:
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}"
        return reverse(name, args=args)


@admin.register(ScheduledJob)
class ScheduledJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The periodic jobs the worker runs by itself (settings.PERIODIC_JOBS): read only, but any can
    be made to run at the worker's next beat."""

    list_display = ["name", "schedule", "last_run_at", "last_result", "next_run_at"]
    actions = ["run_now"]

    def has_run_permission(self, request):
        return request.user.is_superuser  # the jobs purge data and email moderators

    @admin.display(description="last run")
    def last_result(self, job):
        try:
            result = DBTaskResult.objects.only("status").filter(pk=job.last_task_id).first()
        except ValidationError:  # not an id of the database backend's (another backend, or none)
            result = None
        if result is None:
            return "–"
        url = reverse("admin:django_tasks_database_dbtaskresult_change", args=[quote(result.pk)])
        return format_html('<a href="{}">{}</a>', url, result.get_status_display())

    @admin.action(description="Run the selected jobs at the worker's next beat", permissions=["run"])
    def run_now(self, request, queryset):
        count = schedule.run_now(list(queryset.values_list("name", flat=True)))
        self.message_user(
            request, f"{count} job(s) will be enqueued within {settings.WORKER_HEARTBEAT_SECONDS:g} s."
        )
