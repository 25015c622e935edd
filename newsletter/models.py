import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.richtext import sanitize_html

# Confirmation emails one address may receive: at most this many in a day, each later one only after
# a growing gap, so that nobody can flood someone else's inbox by typing their address.
CONFIRMATION_GAPS = (timedelta(0), timedelta(minutes=10), timedelta(hours=1))
CONFIRMATION_WINDOW = timedelta(hours=24)


DEFAULT_CONSENT_TEXT = (
    "We will email you our newsletter about once a week, and nothing else. You can unsubscribe in "
    "one click at any time."
)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def address_digests(email: str) -> list[str]:
    """Keyed hashes of an address, under the current secret key and the ones kept after a rotation,
    so an erased address can be recognised without being stored."""
    value = normalise_email(email)
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [salted_hmac("newsletter.suppressed-address", value, secret=key, algorithm="sha256").hexdigest()
            for key in keys]  # fmt: skip


class ConsentText(models.Model):
    """The words shown beside the sign-up button. Never edited in place: each change is a new
    version, and every sign-up records the version its subscriber saw."""

    version = models.PositiveIntegerField(unique=True, editable=False)
    text = models.TextField(
        help_text="Shown under the sign-up button. Say what people get, how often, and that they can "
        "leave at any time."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = "consent text"

    def __str__(self):
        return f"Version {self.version}"

    def save(self, *args, **kwargs):
        if self.version is None:
            latest = ConsentText.objects.aggregate(models.Max("version"))["version__max"] or 0
            self.version = latest + 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "ConsentText":
        return cls.objects.order_by("-version").first() or cls.objects.create(text=DEFAULT_CONSENT_TEXT)


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Addresses that may be sent the newsletter."""
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def unconfirmed_since(self, moment):
        return self.filter(status=Subscriber.Status.PENDING, created_at__lt=moment)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        SUPPRESSED = "suppressed", "Suppressed"

    class Reason(models.TextChoices):
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Marked as spam"
        STAFF = "staff", "Suppressed by staff"

    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    suppression_reason = models.CharField(max_length=20, choices=Reason, blank=True)
    # The opaque id that emailed links carry instead of the address; it never changes, so an
    # unsubscribe link keeps working for as long as the subscriber exists.
    token = models.CharField(max_length=64, unique=True, editable=False)
    source_url = models.CharField("signed up on", max_length=300, blank=True)
    signup_ip = models.GenericIPAddressField("sign-up IP", null=True, blank=True)
    consent = models.ForeignKey(
        ConsentText, null=True, blank=True, on_delete=models.PROTECT, verbose_name="consent text seen"
    )
    created_at = models.DateTimeField("signed up", default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    suppressed_at = models.DateTimeField(null=True, blank=True)
    # Per-address limit on confirmation emails. In the database, not the cache: it protects the
    # owner of the address, so it must survive restarts and hold across every server process.
    confirmations_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    confirmation_window_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The admin's status filter with its newest-first list, and the purge of old pending rows.
            models.Index(fields=["status", "created_at"], name="subscriber_status_created"),
        ]
        permissions = [("export_subscribers", "Can export subscribers with their consent records")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    # State changes. Each records its event; callers hold the row (select_for_update) when racing.

    def confirm(self, *, ip):
        # An unsubscribed address that signs up again confirms the same way; suppression is final.
        if self.status not in (self.Status.PENDING, self.Status.UNSUBSCRIBED):
            raise ValueError(f"A {self.status} subscriber cannot confirm.")
        self.status = self.Status.CONFIRMED
        self.confirmed_at = timezone.now()
        self.unsubscribed_at = None
        self.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
        self.record(SubscriptionEvent.Kind.CONFIRMED, ip=ip)

    def unsubscribe(self, *, ip=None, note="", by=None) -> bool:
        """Leave the list. Suppressed addresses stay suppressed. Returns whether anything changed."""
        if self.status in (self.Status.UNSUBSCRIBED, self.Status.SUPPRESSED):
            return False
        self.status = self.Status.UNSUBSCRIBED
        self.unsubscribed_at = timezone.now()
        self.save(update_fields=["status", "unsubscribed_at"])
        self.record(SubscriptionEvent.Kind.UNSUBSCRIBED, ip=ip, note=note, by=by)
        return True

    def suppress(self, reason: str, *, note="", by=None) -> bool:
        if self.status == self.Status.SUPPRESSED:
            return False
        self.status = self.Status.SUPPRESSED
        self.suppression_reason = reason
        self.suppressed_at = timezone.now()
        self.save(update_fields=["status", "suppression_reason", "suppressed_at"])
        self.record(
            SubscriptionEvent.Kind.SUPPRESSED, note=note or self.get_suppression_reason_display(), by=by
        )
        return True

    def may_send_confirmation(self, now=None) -> bool:
        now = now or timezone.now()
        sent = self.confirmations_in_window(now)
        if sent >= len(CONFIRMATION_GAPS):
            return False
        return sent == 0 or now - self.last_confirmation_sent_at >= CONFIRMATION_GAPS[sent]

    def confirmations_in_window(self, now) -> int:
        started = self.confirmation_window_started_at
        if started is None or now - started >= CONFIRMATION_WINDOW:
            return 0
        return self.confirmations_sent

    def count_confirmation_sent(self, now=None):
        now = now or timezone.now()
        if self.confirmations_in_window(now) == 0:
            self.confirmations_sent, self.confirmation_window_started_at = 0, now
        self.confirmations_sent += 1
        self.last_confirmation_sent_at = now
        self.save(
            update_fields=[
                "confirmations_sent",
                "confirmation_window_started_at",
                "last_confirmation_sent_at",
            ]
        )

    def record(self, kind, *, ip=None, note="", by=None) -> "SubscriptionEvent":
        return SubscriptionEvent.objects.create(
            subscriber=self, kind=kind, ip=ip or None, consent=self.consent, note=note, actor=by
        )


class SubscriptionEvent(models.Model):
    """The consent record: every change to a subscription, with when, from where and under which
    consent text. Kept (without the address) when a subscriber row is purged or erased."""

    class Kind(models.TextChoices):
        SIGNED_UP = "signed_up", "Signed up"
        CONFIRMATION_SENT = "confirmation_sent", "Confirmation email sent"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        SUPPRESSED = "suppressed", "Suppressed"
        PURGED = "purged", "Purged (never confirmed)"
        ERASED = "erased", "Erased on request"

    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    kind = models.CharField(max_length=30, choices=Kind)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    consent = models.ForeignKey(
        ConsentText, null=True, blank=True, on_delete=models.PROTECT, verbose_name="consent text version"
    )
    note = models.CharField(max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="staff member",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "subscription event"

    def __str__(self):
        return f"{self.get_kind_display()} at {self.created_at:%Y-%m-%d %H:%M}"


class SuppressedAddress(models.Model):
    """An erased address that must never be emailed or signed up again, kept only as a keyed hash."""

    digest = models.CharField(max_length=64, unique=True, editable=False)
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "erased address"
        verbose_name_plural = "erased addresses"

    def __str__(self):
        return f"{self.digest[:12]}…"

    @classmethod
    def digest_of(cls, email: str) -> str:
        return address_digests(email)[0]

    @classmethod
    def holds(cls, email: str) -> bool:
        return cls.objects.filter(digest__in=address_digests(email)).exists()


def deliveries_in(status) -> models.Count:
    return models.Count("deliveries", filter=models.Q(deliveries__status=status))


class CampaignQuerySet(models.QuerySet):
    def stalled(self, now, quiet_for: timedelta):
        """Campaigns that should be sending but have shown no sign of life for `quiet_for`: the
        worker died mid-batch, or a scheduled start was lost. Sending resumes them."""
        return self.filter(
            models.Q(status=Campaign.Status.SENDING, heartbeat_at__lt=now - quiet_for)
            | models.Q(status=Campaign.Status.SCHEDULED, send_at__lt=now - quiet_for)
        )

    def with_progress(self):
        """Annotate the delivery counts the admin shows, in the same query."""
        return self.annotate(
            sent_total=deliveries_in(Delivery.Status.SENT),
            failed_total=deliveries_in(Delivery.Status.FAILED),
            skipped_total=deliveries_in(Delivery.Status.SKIPPED),
        )


class Campaign(models.Model):
    """One issue of the newsletter, written in the admin and sent by the worker in batches."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", "All confirmed subscribers"

    subject = models.CharField(max_length=150)
    preheader = models.CharField(
        max_length=150,
        blank=True,
        help_text="The line most inboxes show after the subject. One sentence that makes people open it.",
    )
    body = models.TextField(blank=True)
    audience = models.CharField(max_length=20, choices=Audience, default=Audience.CONFIRMED)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT, editable=False)
    send_at = models.DateTimeField(
        "send at",
        null=True,
        blank=True,
        help_text="For a scheduled campaign: when it goes out. Leave empty to send it by hand.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    recipient_count = models.PositiveIntegerField(default=0, editable=False)
    # Each start, schedule or resume begins a new run; a batch task of an older run stops at once,
    # so two chains of batches never send one campaign side by side.
    run = models.PositiveIntegerField(default=0, editable=False)
    # The latest moment the sender said it was alive, or will be again (after a pause); a campaign
    # quiet for long after it is stalled (see CampaignQuerySet.stalled).
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Why sending is paused (the mail server is unavailable), shown in the admin; empty when not.
    pause_reason = models.CharField(max_length=300, blank=True, editable=False)
    # Consecutive times the mail server was unavailable: the wait before the next try doubles.
    server_failures = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "campaign"
        permissions = [("send_campaign", "Can send, schedule and cancel campaigns")]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    def recipients(self):
        """The audience as it stands now; sending takes a snapshot of it when it starts."""
        return Subscriber.objects.receiving()

    def progress(self) -> "Progress":
        counts = dict(self.deliveries.values_list("status").annotate(models.Count("pk")).order_by())
        return Progress(self.recipient_count, counts)


class Progress:
    """Delivery counts of one campaign, as the admin shows them."""

    def __init__(self, recipients: int, counts: dict):
        self.recipients = recipients
        self.sent = counts.get(Delivery.Status.SENT, 0)
        self.failed = counts.get(Delivery.Status.FAILED, 0)
        self.skipped = counts.get(Delivery.Status.SKIPPED, 0)
        self.done = self.sent + self.failed + self.skipped
        self.remaining = max(recipients - self.done, 0)
        self.percent = 100 if recipients == 0 else min(100, self.done * 100 // recipients)

    def as_dict(self) -> dict:
        return {
            key: getattr(self, key)
            for key in ("recipients", "sent", "failed", "skipped", "remaining", "percent")
        }


class Delivery(models.Model):
    """One recipient of one campaign: created when sending starts, updated as it goes."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        # Claimed by the sender and handed to the mail server; a worker that dies here leaves the
        # row in this state, and resuming marks it failed rather than risk sending it twice.
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not sent"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    # Erasing a subscriber keeps the row (the campaign's counts stay true) without the person.
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.QUEUED)
    reason = models.CharField(max_length=300, blank=True)
    attempted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subscriber"], name="delivery_once_per_subscriber"),
        ]
        indexes = [
            # The sender's "next queued rows in order" and the progress counts per status.
            models.Index(fields=["campaign", "status", "id"], name="delivery_campaign_status"),
        ]

    def __str__(self):
        return f"{self.campaign} → {self.subscriber or 'erased subscriber'}"
