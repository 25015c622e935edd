from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article, Author, Category, LibraryImage, Reference
from healthyback.admin import RichTextAdminMixin, rich_text_field


def thumbnail(image, renditions, alt="", size=48):
    if not image:
        return "—"
    src = renditions[0]["name"] if renditions else image.name
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-thumb">',
        image.storage.url(src),
        alt,
        size,
        size,
    )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "slug", "position", "article_count"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent"]
    fields = ["name", "slug", "parent", "description", "position"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    def get_ordering(self, request):
        # Tree order: each top-level category followed by its subcategories.
        return [
            Coalesce("parent__position", "position").asc(),
            Coalesce("parent__name", "name").asc(),
            F("parent").asc(nulls_first=True),
            "position",
            "name",
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Category.objects.filter(parent=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="name", ordering="name")
    def indented_name(self, category):
        if category.parent_id:
            return format_html('<span class="tree-child">↳ {}</span>', category.name)
        return format_html("<strong>{}</strong>", category.name)

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, category):
        return category.article_total


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["avatar_thumbnail", "name", "credentials", "is_medical_reviewer", "user", "article_count"]
    list_display_links = ["avatar_thumbnail", "name"]
    list_filter = ["is_medical_reviewer"]
    search_fields = ["name", "credentials", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    fields = ["name", "slug", "credentials", "bio", "avatar", "avatar_preview", "is_medical_reviewer", "user"]
    readonly_fields = ["avatar_preview"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description="photo")
    def avatar_thumbnail(self, author):
        return thumbnail(author.avatar, author.avatar_renditions, alt="")

    @admin.display(description="current photo")
    def avatar_preview(self, author):
        return thumbnail(author.avatar, author.avatar_renditions, alt=author.name, size=120)

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, author):
        return author.article_total


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 1
    fields = ["position", "citation", "url"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 70})},
        models.URLField: {"assume_scheme": "https"},
    }


class ArticleAdminForm(forms.ModelForm):
    body = rich_text_field(required=False)
    mark_updated = forms.BooleanField(
        label="Mark as updated",
        required=False,
        help_text='Tick for a substantive change (new advice, new evidence): readers then see "Updated" '
        "with today's date. Leave it for typo fixes.",
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown


class ReviewStateFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("reviewed", "Reviewed"), ("assigned", "Review in progress"), ("none", "Not reviewed")]

    def queryset(self, request, queryset):
        if self.value() == "reviewed":
            return queryset.filter(reviewed_by__isnull=False)
        if self.value() == "assigned":
            return queryset.filter(reviewed_by__isnull=True, assigned_reviewer__isnull=False)
        if self.value() == "none":
            return queryset.filter(reviewed_by__isnull=True, assigned_reviewer__isnull=True)
        return queryset


@admin.register(Article)
class ArticleAdmin(RichTextAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "state",
        "category",
        "author",
        "published_at",
        "substantively_updated_at",
        "review_state",
        "is_featured",
    ]
    list_filter = ["status", ReviewStateFilter, "is_featured", "category", "author"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["category", "author", "reviewed_by", "assigned_reviewer"]
    inlines = [ReferenceInline]
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ["substantively_updated_at", "featured_image_preview", "created_at", "modified_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Featured image", {"fields": ["featured_image", "featured_image_preview", "featured_image_alt"]}),
        ("Filing", {"fields": ["category", "author", "is_featured", "allow_comments"]}),
        (
            "Publishing",
            {
                "fields": ["status", "published_at", "mark_updated", "substantively_updated_at"],
                "description": "A published article with a future publication date is scheduled: it "
                "appears on its own at that time.",
            },
        ),
        ("Medical review", {"fields": ["assigned_reviewer", "review_notes", "reviewed_by", "reviewed_at"]}),
        ("History", {"fields": ["created_at", "modified_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description="status", ordering="status")
    def state(self, article):
        if article.is_scheduled:
            return format_html(
                '<span class="status status-scheduled">Scheduled for {}</span>',
                timezone.localtime(article.published_at).strftime("%b %-d, %Y %H:%M"),
            )
        return format_html(
            '<span class="status status-{}">{}</span>', article.status, article.get_status_display()
        )

    @admin.display(description="medical review")
    def review_state(self, article):
        if article.reviewed_by:
            return f"Reviewed by {article.reviewed_by.name} on {timezone.localtime(article.reviewed_at):%b %-d, %Y}"
        if article.assigned_reviewer:
            return f"With {article.assigned_reviewer.name}"
        return "—"

    @admin.display(description="current image")
    def featured_image_preview(self, article):
        return thumbnail(
            article.featured_image, article.featured_image_renditions, article.featured_image_alt, 160
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            kwargs["queryset"] = Category.objects.select_related("parent")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("mark_updated"):
            obj.mark_updated()
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected articles now", permissions=["change"])
    def publish_selected(self, request, queryset):
        now = timezone.now()
        to_publish = queryset.exclude(status=Article.Status.PUBLISHED)
        count = to_publish.update(
            status=Article.Status.PUBLISHED,
            published_at=Coalesce(F("published_at"), now),
        )
        self.message_user(request, f"Published {count} article{'s' * (count != 1)}.", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = queryset.filter(status=Article.Status.PUBLISHED).update(status=Article.Status.DRAFT)
        self.message_user(request, f"Unpublished {count} article{'s' * (count != 1)}.", messages.SUCCESS)


@admin.register(LibraryImage)
class LibraryImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "title", "alt_text", "dimensions", "uploaded_at"]
    list_display_links = ["preview", "title"]
    search_fields = ["title", "alt_text"]
    fields = ["title", "file", "alt_text"]

    @admin.display(description="image")
    def preview(self, image):
        return thumbnail(image.file, image.renditions, image.alt_text, 64)

    @admin.display(description="size")
    def dimensions(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [path("picker/", picker, name="articles_libraryimage_picker"), *super().get_urls()]

    def picker_view(self, request):
        """The editor's "Browse…" window: pick a library image to insert into a body."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()
        images = LibraryImage.objects.all()
        if query:
            images = images.filter(Q(title__icontains=query) | Q(alt_text__icontains=query))
        context = {
            **self.admin_site.each_context(request),
            "title": "Choose an image",
            "images": images[:60],
            "query": query,
            "callback": request.GET.get("CKEditorFuncNum", ""),
            "is_popup": True,
            "opts": self.opts,
        }
        return render(request, "admin/articles/libraryimage/picker.html", context)
