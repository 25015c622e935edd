from django import forms
from django.contrib import admin, messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.text import Truncator

from comments.models import Comment, DiscussionSettings, ModeratorPreference
from comments.services import (
    build_threads,
    comment_moderate,
    comment_staff_reply,
    personal_data_erase,
    personal_data_export,
)
from core.admin import admin_page


class CommentAdminForm(forms.ModelForm):
    website = forms.URLField(required=False, max_length=200, assume_scheme="https")
    staff_reply = forms.CharField(
        label="Reply as staff",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Published at once under this comment, with a “Healthy Back team” badge.",
    )

    class Meta:
        model = Comment
        fields = ["status", "name", "email", "website", "body"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    list_display = [
        "excerpt",
        "name",
        "email",
        "article_link",
        "status",
        "held_reason",
        "ip_address",
        "created_at",
    ]
    list_filter = ["status", "created_at"]
    show_facets = admin.ShowFacets.ALWAYS  # counts beside each status
    search_fields = ["name", "email", "body", "ip_address", "article__title"]
    list_select_related = ["article"]
    date_hierarchy = "created_at"
    actions = ["approve", "mark_spam", "remove", "restore", "export_personal_data", "erase_personal_data"]
    readonly_fields = ["article_link", "thread", "held_reason", "ip_address", "user_agent", "created_at",
                       "moderated_by", "moderated_at"]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["article_link", "status", "held_reason", "thread"]}),
        ("Reply", {"fields": ["staff_reply"]}),
        ("Comment", {"fields": ["name", "email", "website", "body"]}),
        ("Details", {"fields": ["ip_address", "user_agent", "created_at", "moderated_by", "moderated_at"],
                     "classes": ["collapse"]}),
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # comments come from readers; staff reply from a comment's page

    @admin.display(description="comment")
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80)

    @admin.display(description="article", ordering="article__title")
    def article_link(self, comment):
        return format_html('<a href="{}">{}</a>', comment.article.get_absolute_url(), comment.article.title)

    @admin.display(description="thread")
    def thread(self, comment):
        comments = list(
            comment.article.comments.exclude(status=Comment.Status.SPAM).select_related("article")
        )
        return render_to_string(
            "admin/comments/thread.html", {"threads": build_threads(comments), "current": comment.pk}
        )

    def save_model(self, request, obj, form, change):
        # A change of status is moderation: it goes through comment_moderate like every other way to
        # moderate (actions, emailed links), which records who and when and tells a reply's parent.
        new_status = obj.status if "status" in form.changed_data else None
        if new_status is not None:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if new_status is not None:
            comment_moderate(comment=obj, status=new_status, by=request.user)
        reply = form.cleaned_data.get("staff_reply", "").strip()
        if reply:
            comment_staff_reply(parent=obj, body=reply, by=request.user)
            if obj.status != Comment.Status.APPROVED:
                self.message_user(request, "Your reply is published; the comment you answered is not approved yet.",
                                  messages.WARNING)  # fmt: skip

    def _moderate(self, request, queryset, status, verb):
        count = 0
        for comment in queryset.exclude(status=status).select_related("parent"):
            comment_moderate(comment=comment, status=status, by=request.user)
            count += 1
        self.message_user(request, f"{verb} {count} comment{'s' * (count != 1)}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, "Approved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, "Marked as spam:")

    @admin.action(description="Remove selected comments", permissions=["change"])
    def remove(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REMOVED, "Removed")

    @admin.action(description="Restore selected comments (back to pending)", permissions=["change"])
    def restore(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.PENDING, "Restored")

    @admin.action(description="Export the commenters' personal data (JSON)", permissions=["view"])
    def export_personal_data(self, request, queryset):
        emails = sorted({email.lower() for email in queryset.values_list("email", flat=True)})
        data = [personal_data_export(email=email) for email in emails]
        response = JsonResponse(data, safe=False, json_dumps_params={"indent": 2, "ensure_ascii": False})
        response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        return response

    @admin.action(description="Erase the commenters' personal data…", permissions=["delete"])
    def erase_personal_data(self, request, queryset):
        emails = sorted({email.lower() for email in queryset.values_list("email", flat=True)})
        mode = request.POST.get("erase")
        if mode not in {"anonymise", "delete"}:
            # A destructive step across all of a person's comments: confirm first.
            return admin_page(
                self,
                request,
                "admin/comments/erase_confirmation.html",
                title="Erase personal data",
                emails=emails,
                comment_count=Comment.objects.filter(email__in=emails).count(),
                queryset=queryset,
                action_checkbox_name=admin.helpers.ACTION_CHECKBOX_NAME,
            )
        count = sum(personal_data_erase(email=email, delete=mode == "delete") for email in emails)
        verb = "Deleted" if mode == "delete" else "Anonymised"
        self.message_user(request, f"{verb} {count} comment{'s' * (count != 1)} by {len(emails)} "
                                   f"address{'es' * (len(emails) != 1)}.", messages.SUCCESS)  # fmt: skip
        return None

    def view_on_site(self, comment):
        return comment.get_absolute_url()


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not DiscussionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row: go straight to it.
        return redirect("admin:comments_discussionsettings_change", DiscussionSettings.current().pk)


@admin.register(ModeratorPreference)
class ModeratorPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "last_digest_at"]
    list_editable = ["frequency"]
    autocomplete_fields = ["user"]
