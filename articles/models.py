import calendar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.images import CleanImageField, ImageRenditionsMixin
from core.richtext import sanitize_html


class Category(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The last part of the category's address, e.g. lower-back-pain.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="Leave empty for a top-level category.",
    )
    description = models.TextField(blank=True, help_text="One or two sentences shown on the category page.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        verbose_name_plural = "categories"
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="category_not_its_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    def clean(self):
        # Two levels keep the navigation readable: sections and their topics.
        if self.parent is None:
            return
        if self.parent.parent_id is not None or (self.pk and self.parent.pk == self.pk):
            raise ValidationError(
                {
                    "parent": ValidationError(
                        "Choose a top-level category: categories go two levels deep.", code="too_deep"
                    )
                }
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {
                    "parent": ValidationError(
                        "This category has subcategories, so it must stay at the top level.",
                        code="has_children",
                    )
                }
            )


class Author(ImageRenditionsMixin, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The last part of the author's address, e.g. dana-reyes."
    )
    credentials = models.CharField(
        max_length=120, blank=True, help_text='Shown after the name, e.g. "CFT, CPRS, MFT" or "MD, FAAPMR".'
    )
    bio = models.TextField(blank=True, help_text="A short biography for the author box (plain text).")
    avatar = CleanImageField(
        folder="avatars",
        blank=True,
        width_field="avatar_width",
        height_field="avatar_height",
        help_text="A square photo works best. JPEG, PNG or WebP, up to 10 MB.",
    )
    avatar_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    avatar_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    avatar_renditions = models.JSONField(default=list, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The staff account of this author, if they sign in to write.",
    )
    is_medical_reviewer = models.BooleanField(
        "medical reviewer",
        default=False,
        help_text="Qualified to medically review articles. Only medical reviewers can be assigned reviews.",
    )

    image_renditions = {"avatar": "avatar_renditions"}

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @property
    def name_with_credentials(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


def months_before(moment, months: int):
    """The same day and time `months` calendar months earlier (the month's last day if shorter)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def visible_to_the_public() -> Q:
    """The one definition of what the public may see: published, and its date has come."""
    return Q(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


def next_scheduled_publication():
    """When the next scheduled article goes live (pages change then without a save), or None."""
    return Article.objects.scheduled().aggregate(next=models.Min("published_at"))["next"]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(visible_to_the_public())

    def with_visibility(self):
        """Annotate `is_live` (the same rule as published()) for pages that also preview drafts."""
        return self.annotate(
            is_live=ExpressionWrapper(visible_to_the_public(), output_field=models.BooleanField())
        )

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def for_listing(self):
        return self.select_related("category", "category__parent", "author")

    def due_for_review(self):
        """Published articles never medically reviewed, or last reviewed longer ago than the review
        policy allows (MEDICAL_REVIEW_MONTHS)."""
        cutoff = months_before(timezone.now(), settings.MEDICAL_REVIEW_MONTHS)
        return self.filter(status=Article.Status.PUBLISHED).filter(
            Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=cutoff)
        )

    def review_queue(self, user):
        """What a medical reviewer has been asked to review and has not yet."""
        return self.filter(assigned_reviewer__user=user)


class Article(ImageRenditionsMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the article's address. Once published, renaming it keeps the old "
        "address redirecting here.",
    )
    summary = models.TextField(
        max_length=300, help_text="One or two sentences for listings, search results and link previews."
    )
    body = models.TextField(blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="articles")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publication date",
        null=True,
        blank=True,
        help_text="When the article first went (or goes) live. A future date schedules it.",
    )
    substantively_updated_at = models.DateTimeField(
        "last substantive update",
        null=True,
        blank=True,
        help_text='Shown to readers as "Updated". Moved only by ticking "Mark as updated" when saving.',
    )
    assigned_reviewer = models.ForeignKey(
        Author,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews_assigned",
        limit_choices_to={"is_medical_reviewer": True},
        help_text="The medical reviewer asked to review this article.",
    )
    review_notes = models.TextField(blank=True, help_text="The reviewer's notes for the author and editors.")
    reviewed_by = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews_completed",
        limit_choices_to={"is_medical_reviewer": True},
        help_text='Set with the review date when a medical review is complete: readers see "Medically '
        'reviewed by".',
    )
    reviewed_at = models.DateTimeField("review completed", null=True, blank=True)
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Shown prominently on the home page."
    )
    allow_comments = models.BooleanField(
        default=True, help_text="Readers may comment (unless comments are closed site-wide or by age)."
    )
    featured_image = CleanImageField(
        folder="articles",
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
        help_text="Landscape, at least 1600 pixels wide. JPEG, PNG or WebP, up to 10 MB.",
    )
    featured_image_alt = models.CharField(
        "featured image description",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it. Required with an image.",
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_renditions = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    image_renditions = {"featured_image": "featured_image_renditions"}

    class Meta:
        # Newest first; undated drafts at the top on every database.
        ordering = [F("published_at").desc(nulls_first=True), "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True, reviewed_at__isnull=True)
                | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="article_review_has_reviewer_and_date",
            ),
            models.CheckConstraint(
                condition=Q(featured_image="") | ~Q(featured_image_alt=""),
                name="article_featured_image_has_alt",
            ),
            models.CheckConstraint(
                condition=Q(substantively_updated_at__isnull=True)
                | Q(published_at__isnull=False, substantively_updated_at__gte=F("published_at")),
                name="article_updated_after_published",
            ),
            # Reviewers must be medical reviewers and reviews cannot be dated in the future: both
            # need another table or the clock, so triggers enforce them (migration 0002).
        ]
        indexes = [
            # Article.objects.published(): listings ordered by date, filtered by status.
            models.Index(fields=["status", "-published_at"], name="article_status_published_idx"),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("assign_reviewer", "Can assign medical reviewers"),
            ("review_article", "Can record a completed medical review"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = slugify(self.title)[:200]
        old_slug = Redirect.objects.stored_public_slug(self)
        super().save(*args, **kwargs)
        Redirect.objects.record_slug_change(self, old_slug)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_by_id is not None

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.featured_image and not self.featured_image_alt.strip():
            errors["featured_image_alt"] = ValidationError(
                "Describe the image for readers who cannot see it.", code="alt_required"
            )
        if bool(self.reviewed_by_id) != bool(self.reviewed_at):
            errors["reviewed_at"] = ValidationError(
                "A completed review needs both the reviewer and the date.", code="review_incomplete"
            )
        if self.reviewed_at and self.reviewed_at > timezone.now():
            errors["reviewed_at"] = ValidationError(
                "A review cannot be dated in the future.", code="future_review"
            )
        if (
            self.substantively_updated_at
            and self.published_at
            and self.substantively_updated_at < self.published_at
        ):
            errors["substantively_updated_at"] = ValidationError(
                "An update cannot come before the first publication.", code="update_before_publication"
            )
        if errors:
            raise ValidationError(errors)

    def publish(self, *, at=None) -> None:
        self.status = self.Status.PUBLISHED
        if self.published_at is None or at is not None:
            self.published_at = at or timezone.now()

    def unpublish(self) -> None:
        # Back to draft, keeping published_at: the first publication date stays honest if it returns.
        self.status = self.Status.DRAFT

    def mark_updated(self) -> None:
        self.substantively_updated_at = timezone.now()

    def submit_for_review(self) -> None:
        if self.status != self.Status.DRAFT:
            raise ValidationError("Only a draft can be submitted for review.", code="not_draft")
        self.status = self.Status.IN_REVIEW

    def send_back(self) -> None:
        if self.status != self.Status.IN_REVIEW:
            raise ValidationError("Only an article in review can be sent back.", code="not_in_review")
        self.status = self.Status.DRAFT

    def complete_review(self, reviewer: Author, *, notes: str = "") -> None:
        """Record a finished medical review; the assignment it answered is done."""
        if not reviewer.is_medical_reviewer:
            raise ValidationError("Only a medical reviewer can complete a review.", code="not_reviewer")
        self.reviewed_by, self.reviewed_at = reviewer, timezone.now()
        self.assigned_reviewer = None
        if notes:
            self.review_notes = notes


class ArticleEvent(models.Model):
    """The editorial history of an article: who moved it along, when, and why. The author reads the
    editor's note here when an article is sent back."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        SENT_BACK = "sent_back", "Sent back to the author"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"
        REVIEWER_ASSIGNED = "reviewer_assigned", "Medical reviewer assigned"
        REVIEW_COMPLETED = "review_completed", "Medical review completed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="by"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "editorial event"
        indexes = [
            # The latest event of a kind for one article (the editor's note shown to its author).
            models.Index(fields=["article", "kind", "-created_at"], name="article_event_latest"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.created_at:%Y-%m-%d %H:%M}"


class Reference(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=0)
    citation = models.TextField(help_text="Authors. Title. Journal or publisher, year.")
    url = models.URLField("link", max_length=500, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.citation[:80]


class LibraryImage(ImageRenditionsMixin, models.Model):
    """An image in the media library, for use inside article bodies."""

    title = models.CharField(max_length=200, help_text="For finding the image again; not shown to readers.")
    file = CleanImageField(
        "image", folder="library", width_field="width", height_field="height",
        help_text="JPEG, PNG or WebP, up to 10 MB.",
    )  # fmt: skip
    alt_text = models.CharField(
        "description", max_length=250, help_text="Describes the image for readers who cannot see it."
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    renditions = models.JSONField(default=list, blank=True, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    image_renditions = {"file": "renditions"}

    class Meta:
        verbose_name = "library image"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class RedirectManager(models.Manager):
    def stored_public_slug(self, article: Article) -> str | None:
        """The slug an article is saved under, if that address has been public; call before saving.

        Drafts, articles in review and scheduled ones never had a public address, so renaming them
        leaves nothing behind. An article taken back to draft keeps its past publication date and
        counts: links to it are out there, and work again if it returns.
        """
        if article._state.adding:
            return None
        stored = Article.objects.filter(pk=article.pk).values_list("slug", "published_at").first()
        if stored is None or stored[1] is None or stored[1] > timezone.now():
            return None
        return stored[0]

    def record_slug_change(self, article: Article, old_slug: str | None) -> None:
        """After saving: keep the old address of a renamed article answering with a redirect."""
        if old_slug is None or old_slug == article.slug:
            return
        self.update_or_create(
            old_path=reverse("articles:detail", kwargs={"slug": old_slug}), defaults={"article": article}
        )
        # Taking back an address it had before: the article lives there again, and a redirect from
        # its own address would be a loop.
        self.filter(article=article, old_path=article.get_absolute_url()).delete()


class Redirect(models.Model):
    """An old address that answers 301 with the current address of its article.

    Pointing at the article rather than at an address collapses chains by construction: after
    a → b → c both old addresses lead straight to c. Imported WordPress permalinks can live here too.
    """

    old_path = models.CharField(
        "old address",
        max_length=500,
        unique=True,
        help_text="The address without the domain, e.g. /articles/old-title/.",
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="redirects",
        help_text="Visitors to the old address are sent to this article, wherever it lives now.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RedirectManager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(old_path__startswith="/"), name="redirect_old_path_is_a_path"),
        ]

    def __str__(self):
        return self.old_path
