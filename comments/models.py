import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import urlize

DEFAULT_HEALTH_PHRASES = """chest pain
numbness in both legs
numb in both legs
loss of bladder control
lost control of my bladder
loss of bowel control
can't feel my legs
cannot feel my legs
numbness in my groin
saddle numbness
suicidal
want to die
how many mg
how much ibuprofen
how many pills
overdose"""


LINK_REL = "nofollow ugc noopener"


def render_body(body: str) -> str:
    """Plain text to safe HTML: escaped, links unranked and safe, paragraphs from blank lines."""
    paragraphs = [p for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip()) if p.strip()]
    html = []
    for paragraph in paragraphs:
        linked = urlize(paragraph, trim_url_limit=60, nofollow=True, autoescape=True)  # escapes the rest
        html.append(
            "<p>" + linked.replace('rel="nofollow"', f'rel="{LINK_REL}"').replace("\n", "<br>") + "</p>"
        )
    return "".join(html)


class DiscussionSettings(models.Model):
    """Site-wide comment rules, edited by staff in the admin (one row)."""

    comments_enabled = models.BooleanField(
        "allow comments", default=True, help_text="Untick to close comments on every article."
    )
    close_after_days = models.PositiveSmallIntegerField(
        default=0, help_text="Close comments on articles published more than this many days ago (0: never)."
    )
    thread_depth = models.PositiveSmallIntegerField(
        default=3, help_text="How deep replies may nest (1: no replies)."
    )
    max_links = models.PositiveSmallIntegerField(
        default=2, help_text="Hold a comment for moderation when it has more links than this."
    )
    auto_approve_known = models.BooleanField(
        "approve known commenters",
        default=False,
        help_text="Publish at once when the same name and email already have an approved comment.",
    )
    hold_words = models.TextField(
        blank=True, help_text="One word or phrase per line: a comment containing one waits for moderation."
    )
    block_words = models.TextField(
        blank=True, help_text="One word or phrase per line: a comment containing one goes straight to spam."
    )
    health_phrases = models.TextField(
        default=DEFAULT_HEALTH_PHRASES,
        help_text="One phrase per line: a comment containing one is held, and the reader is shown a note to "
        "seek urgent care in an emergency.",
    )
    flood_seconds = models.PositiveSmallIntegerField(
        default=15, help_text="Minimum time between two comments from the same address."
    )
    min_fill_seconds = models.PositiveSmallIntegerField(
        default=3, help_text="Forms sent faster than this after the page loaded are treated as bots."
    )

    class Meta:
        verbose_name = "discussion settings"
        verbose_name_plural = "discussion settings"

    def __str__(self):
        return "Discussion settings"

    def save(self, *args, **kwargs):
        self.pk = 1  # a single row
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "DiscussionSettings":
        settings_row, _ = cls.objects.get_or_create(pk=1)
        return settings_row

    def comments_open_for(self, article) -> bool:
        if not (self.comments_enabled and article.allow_comments):
            return False
        if self.close_after_days and article.published_at:
            return timezone.now() - article.published_at <= timedelta(days=self.close_after_days)
        return True

    def next_closing(self):
        """When comments next close on a live article by the close_after_days rule, or None."""
        if not (self.comments_enabled and self.close_after_days):
            return None
        from articles.models import Article

        period = timedelta(days=self.close_after_days)
        first_open = (
            Article.objects.published()
            .filter(allow_comments=True, published_at__gte=timezone.now() - period)
            .aggregate(first=models.Min("published_at"))["first"]
        )
        return first_open + period if first_open else None


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    name = models.CharField(max_length=80)
    email = models.EmailField(help_text="Never shown to readers.")
    website = models.URLField(max_length=200, blank=True)
    body = models.TextField(max_length=5000)
    body_html = models.TextField(editable=False, blank=True, help_text="The body as shown: derived on save.")
    notify_replies = models.BooleanField(
        "email me replies",
        default=False,
        help_text="The writer asked to hear about replies (once confirmed).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    held_reason = models.CharField(
        "why", max_length=200, blank=True, help_text="The moderation rule that decided the status."
    )
    staff_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Set for replies written by staff in the admin; shown with a staff badge.",
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # How moderators who want an email for each comment heard of this one, if it was held: each gets
    # its own email up to MODERATION_EMAILS_PER_HOUR an hour, the rest go into an hourly summary.
    moderators_told = models.CharField(
        max_length=10,
        choices=[("", "Not yet"), ("email", "Its own email"), ("summary", "In an hourly summary")],
        blank=True,
        editable=False,
    )
    moderators_told_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="comment_not_its_own_parent"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "spam", "removed"]),
                name="comment_status_valid",
            ),
        ]
        indexes = [
            # The article page: approved comments of one article in order.
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status_idx"),
        ]

    def __str__(self):
        return f"{self.name} on {self.article_id}: {self.body[:40]}"

    def save(self, *args, **kwargs):
        self.depth = self.parent.depth + 1 if self.parent_id else 1
        self.body_html = render_body(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    def moderate(self, status: str, *, by=None) -> None:
        self.status = status
        self.moderated_by = by
        self.moderated_at = timezone.now()
        self.save(update_fields=["status", "moderated_by", "moderated_at"])

    def approve(self, *, by=None) -> None:
        self.moderate(self.Status.APPROVED, by=by)

    def mark_spam(self, *, by=None) -> None:
        self.moderate(self.Status.SPAM, by=by)

    def remove(self, *, by=None) -> None:
        self.moderate(self.Status.REMOVED, by=by)


class ModeratorPreference(models.Model):
    """How a moderator wants to hear about comments waiting for them."""

    class Frequency(models.TextChoices):
        EACH = "each", "An email for each comment"
        DAILY = "daily", "One daily digest"
        OFF = "off", "No emails"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_preference"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.EACH)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "moderator email preference"

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"


class ReplySubscriber(models.Model):
    """An address that asked to hear about replies to its comments; it must confirm first, because
    anyone can type anyone's address into a comment form."""

    email = models.EmailField(unique=True)
    token = models.CharField(max_length=40, unique=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Per-address daily limit on reply emails; stored so it holds across workers and restarts.
    sent_on = models.DateField(null=True, blank=True, editable=False)
    sent_that_day = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "reply notification address"

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        if not self.token:
            self.token = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def confirm(self) -> None:
        """The owner pressed the button in the confirmation email (again, after leaving: back on)."""
        self.confirmed_at = timezone.now()
        self.unsubscribed_at = None
        self.save(update_fields=["confirmed_at", "unsubscribed_at"])

    def unsubscribe(self) -> None:
        if self.unsubscribed_at is None:
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["unsubscribed_at"])
