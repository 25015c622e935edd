from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, path, resolve, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from articles import services
from articles.models import Article, Author, Category, LibraryImage, Redirect, Reference
from articles.search import clean_query, matching
from core.admin import RevisionAdmin, RichTextAdminMixin, admin_page, rich_text_field
from core.richtext import render_html


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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A table's cells have only column headings: name each input for screen readers.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.widget.attrs["aria-label"] = capfirst(db_field.verbose_name)
        return field


class ArticleAdminForm(forms.ModelForm):
    body = rich_text_field(required=False)
    mark_updated = forms.BooleanField(
        label="Mark as updated",
        required=False,
        help_text='Tick for a substantive change (new advice, new evidence): readers then see "Updated" '
        "with today's date. Leave it for typo fixes.",
    )

    note_for_author = forms.CharField(
        label="Note for the author",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        help_text='Needed for "Send back to the author": say what to change. The author sees it on the draft.',
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def clean(self):
        cleaned = super().clean()
        if "_send_back" in self.data and not cleaned.get("note_for_author", "").strip():
            self.add_error("note_for_author", "Tell the author what to change.")
        return cleaned


class ReviewStateFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def __init__(self, request, params, model, model_admin):
        self.user = request.user
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        choices = [
            ("due", "Due for review"),
            ("reviewed", "Reviewed"),
            ("assigned", "Review in progress"),
            ("none", "Not reviewed"),
        ]
        if request.user.has_perm("articles.review_article"):
            choices.insert(0, ("mine", "My review queue"))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.review_queue(self.user)
        if self.value() == "due":
            return queryset.due_for_review()
        if self.value() == "reviewed":
            return queryset.filter(reviewed_by__isnull=False)
        if self.value() == "assigned":
            return queryset.filter(reviewed_by__isnull=True, assigned_reviewer__isnull=False)
        if self.value() == "none":
            return queryset.filter(reviewed_by__isnull=True, assigned_reviewer__isnull=True)
        return queryset


def is_editor(user) -> bool:
    return user.has_perm("articles.publish_article")


@admin.register(Article)
class ArticleAdmin(RichTextAdminMixin, RevisionAdmin):
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
    actions = ["publish_selected", "unpublish_selected", "assign_reviewer"]
    readonly_fields = [
        "substantively_updated_at", "featured_image_preview", "created_at", "modified_at", "editorial_history",
    ]  # fmt: skip
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
        ("History", {"fields": ["editorial_history", "created_at", "modified_at"], "classes": ["collapse"]}),
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

    def get_search_results(self, request, queryset, search_term):
        # Searching every body with LIKE reads the whole table; the full-text index of /search/
        # answers at once (stemmed: "stretching" finds "stretch"). A slug still finds its article.
        query = clean_query(search_term)
        if not query:
            return queryset, False
        found = matching(queryset, query) | queryset.filter(slug=query)
        return found, False

    @admin.display(description="editorial history")
    def editorial_history(self, article):
        events = article.events.select_related("actor")[:30] if article.pk else []
        if not events:
            return "—"
        rows = format_html_join(
            "",
            "<li><time>{}</time> {}{}{}</li>",
            (
                (
                    timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M"),
                    event.get_kind_display(),
                    f" by {event.actor}" if event.actor else "",
                    f": {event.note}" if event.note else "",
                )
                for event in events
            ),
        )
        return format_html('<ul class="editorial-history">{}</ul>', rows)

    @admin.display(description="current image")
    def featured_image_preview(self, article):
        return thumbnail(
            article.featured_image, article.featured_image_renditions, article.featured_image_alt, 160
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            kwargs["queryset"] = Category.objects.select_related("parent")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Roles (groups made by a migration): Authors write and submit their own drafts; Editors edit,
    # schedule, publish and unpublish any article and assign reviewers; Medical reviewers read
    # everything and record completed reviews. The rules live in articles/services.py.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        user = request.user
        if (
            is_editor(user)
            or user.has_perm("articles.review_article")
            or user.has_perm("articles.assign_reviewer")
        ):
            return queryset
        return queryset.filter(author__user=user)

    def has_add_permission(self, request):
        user = request.user
        return super().has_add_permission(request) and (is_editor(user) or hasattr(user, "author"))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or is_editor(request.user) or services.may_edit(request.user, obj))

    def has_publish_permission(self, request):
        return is_editor(request.user)

    def has_assign_permission(self, request):
        return request.user.has_perm("articles.assign_reviewer")

    def get_readonly_fields(self, request, obj=None):
        # A completed review is recorded only through "Complete medical review", by the reviewer.
        fields = [*self.readonly_fields, "reviewed_by", "reviewed_at", "review_notes"]
        if not request.user.has_perm("articles.assign_reviewer"):
            fields.append("assigned_reviewer")
        if not is_editor(request.user):
            fields += ["status", "published_at", "is_featured", "author"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in self.fieldsets:
            fields = list(options["fields"])
            if name == "Publishing" and not is_editor(request.user):
                fields.remove("mark_updated")  # "Updated" moves only when an editor says so
            if (
                name == "Publishing"
                and is_editor(request.user)
                and obj
                and obj.status == Article.Status.IN_REVIEW
            ):
                fields.append("note_for_author")
            if obj is not None and not self.has_change_permission(request, obj):
                # Read-only (a reviewer, an author once submitted): the body as readers see it.
                fields = ["body_as_read" if field == "body" else field for field in fields]
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    @admin.display(description="body")
    def body_as_read(self, article):
        return render_html(article.body)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context |= {
            "editor_note": obj and services.editor_note(obj),
            "may_submit": obj is None
            or (obj.status == Article.Status.DRAFT and services.may_edit(user, obj)),
            "may_send_back": bool(obj and obj.status == Article.Status.IN_REVIEW and is_editor(user)),
            "may_review": bool(
                obj
                and user.has_perm("articles.review_article")
                and Author.objects.filter(user=user, is_medical_reviewer=True).exists()
            ),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        user = request.user
        if not change and not is_editor(user):
            obj.author = user.author  # has_add_permission made sure there is one
        if form.cleaned_data.get("mark_updated") and is_editor(user):
            obj.mark_updated()
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data:
            services.article_status_changed(article=obj, previous=form.initial.get("status"), by=user)

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit" in request.POST:
            return self.response_change(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        try:
            if "_submit" in request.POST:
                services.article_submit(article=obj, by=request.user)
                self.message_user(request, "Submitted for review: an editor will read it.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
            if "_send_back" in request.POST:
                note = request.POST.get("note_for_author", "")
                services.article_send_back(article=obj, note=note, by=request.user)
                self.message_user(request, "Sent back to the author with your note.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = services.articles_publish(articles=queryset, by=request.user)
        self.message_user(request, f"Published {count} article{'s' * (count != 1)}.", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = services.articles_unpublish(articles=queryset, by=request.user)
        self.message_user(request, f"Unpublished {count} article{'s' * (count != 1)}.", messages.SUCCESS)

    @admin.action(description="Assign a medical reviewer…", permissions=["assign"])
    def assign_reviewer(self, request, queryset):
        reviewers = Author.objects.filter(is_medical_reviewer=True).order_by("name")
        chosen = (
            reviewers.filter(pk=request.POST.get("reviewer") or None).first()
            if "apply" in request.POST
            else None
        )
        if chosen is not None:
            count = services.reviewer_assign(articles=queryset, reviewer=chosen, by=request.user)
            self.message_user(
                request,
                f"Asked {chosen.name} to review {count} article{'s' * (count != 1)}.",
                messages.SUCCESS,
            )
            return None
        return admin_page(
            self,
            request,
            "admin/articles/article/assign_reviewer.html",
            title="Assign a medical reviewer",
            articles=queryset,
            reviewers=reviewers,
            action_checkbox_name=admin.helpers.ACTION_CHECKBOX_NAME,
            missing_choice="apply" in request.POST,
        )

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [path("<int:pk>/review/", review, name="articles_article_review"), *super().get_urls()]

    def review_view(self, request, pk):
        """A medical reviewer records a completed review, in their own name, with notes."""
        article = get_object_or_404(Article.objects.select_related("author", "assigned_reviewer"), pk=pk)
        reviewer = Author.objects.filter(user=request.user, is_medical_reviewer=True).first()
        if not request.user.has_perm("articles.review_article") or reviewer is None:
            raise PermissionDenied
        if request.method == "POST":
            notes = request.POST.get("review_notes", "")[:5000]
            services.review_complete(article=article, notes=notes, by=request.user)
            self.message_user(
                request, f"Review recorded: “{article.title}”, reviewed by {reviewer.name} today."
            )
            return HttpResponseRedirect(reverse("admin:articles_article_changelist") + "?review=mine")
        return admin_page(
            self,
            request,
            "admin/articles/article/review.html",
            title="Complete medical review",
            article=article,
            reviewer=reviewer,
        )


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
        return admin_page(
            self,
            request,
            "admin/articles/libraryimage/picker.html",
            title="Choose an image",
            images=images[:60],
            query=query,
            callback=request.GET.get("CKEditorFuncNum", ""),
            is_popup=True,
        )


class RedirectAdminForm(forms.ModelForm):
    class Meta:
        model = Redirect
        fields = ["old_path", "article"]

    def clean_old_path(self):
        old_path = self.cleaned_data["old_path"].strip()
        if not old_path.startswith("/"):
            raise ValidationError(
                'Enter the address without the domain, starting with "/", e.g. /articles/old-title/.',
                code="not_a_path",
            )
        # Only the article pages look for redirects so far (imported WordPress permalinks will need
        # a fallback for every address); a redirect anywhere else would silently do nothing.
        try:
            match = resolve(old_path)
        except Resolver404:
            match = None
        if match is None or match.view_name != "articles:detail":
            raise ValidationError(
                "Only article addresses (/articles/…/) can redirect so far.", code="not_an_article_address"
            )
        live = Article.objects.published().filter(slug=match.kwargs["slug"]).first()
        if live is not None:
            raise ValidationError(
                "This is the address of the published article “%(title)s”: readers get the article "
                "there, never a redirect.",
                code="live_address",
                params={"title": live.title},
            )
        return old_path

    def clean(self):
        cleaned_data = super().clean()
        article, old_path = cleaned_data.get("article"), cleaned_data.get("old_path")
        if article is not None and old_path == article.get_absolute_url():
            self.add_error(
                "old_path", ValidationError("This is the article's own address.", code="own_address")
            )
        return cleaned_data


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    form = RedirectAdminForm
    list_display = ["old_path", "article", "current_address", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_path", "article__title", "article__slug"]
    autocomplete_fields = ["article"]
    fields = ["old_path", "article", "created_at"]
    readonly_fields = ["created_at"]

    @admin.display(description="redirects to")
    def current_address(self, redirect):
        url = redirect.article.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)
