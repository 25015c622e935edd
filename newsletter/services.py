"""Newsletter flows: sign-up with double opt-in, confirmation, leaving, suppression, purge, erasure.

The visitor sees the same answer whatever happens here, so every function returns what it did only
for the caller's logs and tests.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from newsletter import emails
from newsletter.models import ConsentText, Subscriber, SubscriptionEvent, SuppressedAddress, normalise_email

logger = logging.getLogger(__name__)

Status = Subscriber.Status
Kind = SubscriptionEvent.Kind

UNCONFIRMED_DAYS = 7
# The privacy policy promises to keep the consent record for 3 years after someone leaves.
CONSENT_RECORD_DAYS = 3 * 365


def ip_over_limit(ip: str) -> bool:
    """Per-IP limit on sign-up requests, in the cache. It fails open when the cache is down: the
    per-address limit in the database still protects the owners of the addresses."""
    if not ip:
        return False
    key = f"newsletter-signups:{ip}"
    cache.add(key, 0, timeout=settings.NEWSLETTER_IP_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        return False
    return count is not None and count > settings.NEWSLETTER_SIGNUPS_PER_IP


def subscription_request(*, email: str, ip: str = "", source_url: str = "", consent_version=None) -> str:
    """Someone typed an address into the sign-up box. Returns what was done (never shown)."""
    email = normalise_email(email)
    if ip_over_limit(ip):
        logger.info("Newsletter sign-up refused: too many from one IP address")
        return "ip-limited"
    if SuppressedAddress.holds(email):
        return "erased"
    consent = ConsentText.objects.filter(version=consent_version).first() or ConsentText.current()
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email,
            defaults={
                "signup_ip": ip or None,
                "source_url": source_url,
                "consent": consent,
                "created_at": now,
            },
        )
        if subscriber.status == Status.SUPPRESSED:
            return "suppressed"
        if created:
            subscriber.record(Kind.SIGNED_UP, ip=ip)
        elif subscriber.status in (Status.PENDING, Status.UNSUBSCRIBED):
            # The latest sign-up is the one its confirmation will stand for.
            subscriber.signup_ip, subscriber.source_url, subscriber.consent = ip or None, source_url, consent
            subscriber.save(update_fields=["signup_ip", "source_url", "consent"])
        if not subscriber.may_send_confirmation(now):
            return "address-limited"
        return send_confirmation(subscriber, ip=ip, now=now)


def send_confirmation(subscriber: Subscriber, *, ip: str = "", now=None, by=None) -> str:
    """The confirmation email, or to a confirmed subscriber a short "already subscribed" note.
    The caller holds the row and has checked the limit."""
    subscriber.count_confirmation_sent(now)
    if subscriber.status == Status.CONFIRMED:
        subscriber.record(Kind.CONFIRMATION_SENT, ip=ip, note="already subscribed", by=by)
        emails.already_subscribed(subscriber)
        return "already-subscribed"
    subscriber.record(Kind.CONFIRMATION_SENT, ip=ip, by=by)
    emails.confirmation(subscriber)
    return "confirmation-sent"


def confirmation_resend(*, subscriber: Subscriber, ip: str = "", by=None) -> bool:
    """A fresh confirmation link (expired link, or staff's "resend"), within the same limits."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if (
            subscriber.status not in (Status.PENDING, Status.UNSUBSCRIBED)
            or not subscriber.may_send_confirmation()
        ):
            return False
        send_confirmation(subscriber, ip=ip, by=by)
        return True


def subscription_confirm(*, subscriber: Subscriber, ip: str = "") -> bool:
    """The owner pressed "Confirm": subscribe them and send the welcome. False when it was already done."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status not in (Status.PENDING, Status.UNSUBSCRIBED):
            return False
        subscriber.confirm(ip=ip)
        emails.welcome(subscriber)
    return True


def subscription_cancel(*, subscriber: Subscriber, ip: str = "", note: str = "", by=None) -> bool:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        return subscriber.unsubscribe(ip=ip, note=note, by=by)


def subscriber_suppress(*, subscriber: Subscriber, reason: str, note: str = "", by=None) -> bool:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        return subscriber.suppress(reason, note=note, by=by)


def suppress_addresses(*, emails_to_suppress, reason: str, note: str = "") -> dict[str, int]:
    """Suppress addresses reported by the mail provider (bounces, complaints), known or not: an
    unknown one is stored as suppressed so that a visitor cannot sign it up later."""
    counts = {"suppressed": 0, "already": 0}
    for email in emails_to_suppress:
        subscriber, _ = Subscriber.objects.get_or_create(email=normalise_email(email))
        done = subscriber_suppress(subscriber=subscriber, reason=reason, note=note)
        counts["suppressed" if done else "already"] += 1
    return counts


def purge_old_records(*, now=None) -> dict[str, int]:
    """Delete sign-ups never confirmed within UNCONFIRMED_DAYS, and subscribers who left more than
    CONSENT_RECORD_DAYS ago. Their events stay, without address or IP, so the counts remain."""
    now = now or timezone.now()
    unconfirmed = Subscriber.objects.unconfirmed_since(now - timedelta(days=UNCONFIRMED_DAYS))
    long_gone = Subscriber.objects.filter(
        status=Status.UNSUBSCRIBED, unsubscribed_at__lt=now - timedelta(days=CONSENT_RECORD_DAYS)
    )
    return {
        "unconfirmed_deleted": forget(unconfirmed, Kind.PURGED, now=now),
        "departed_deleted": forget(long_gone, Kind.PURGED, now=now, note="left over 3 years ago"),
    }


def forget(subscribers, kind, *, now, note: str = "") -> int:
    """Delete subscriber rows, keeping their events (anonymised) and one event saying why."""
    with transaction.atomic():
        ids = list(subscribers.values_list("pk", flat=True))
        if not ids:
            return 0
        SubscriptionEvent.objects.filter(subscriber__in=ids).update(ip=None)
        SubscriptionEvent.objects.bulk_create(
            SubscriptionEvent(subscriber_id=pk, kind=kind, created_at=now, note=note) for pk in ids
        )
        return Subscriber.objects.filter(pk__in=ids).delete()[1].get("newsletter.Subscriber", 0)


def personal_data_export(*, email: str) -> dict | None:
    subscriber = Subscriber.objects.filter(email=normalise_email(email)).select_related("consent").first()
    if subscriber is None:
        return None
    events = subscriber.events.select_related("consent")
    return {
        "status": subscriber.status,
        "signed_up_at": subscriber.created_at.isoformat(),
        "signed_up_on": subscriber.source_url,
        "signup_ip": subscriber.signup_ip,
        "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
        "unsubscribed_at": subscriber.unsubscribed_at and subscriber.unsubscribed_at.isoformat(),
        "consent_text": subscriber.consent and subscriber.consent.text,
        "events": [
            {
                "kind": event.kind,
                "at": event.created_at.isoformat(),
                "ip": event.ip,
                "consent_version": event.consent and event.consent.version,
            }
            for event in events
        ],
        "issues_sent": [
            {"subject": subject, "status": status, "at": at and at.isoformat()}
            for subject, status, at in subscriber.deliveries.order_by("pk").values_list(
                "campaign__subject", "status", "attempted_at"
            )
        ],
    }


def personal_data_erase(*, email: str) -> bool:
    """Forget a subscriber entirely. A keyed hash of the address is kept so that nobody can sign it
    up or email it again; the anonymous events keep the counts. Returns whether it was subscribed."""
    email = normalise_email(email)
    with transaction.atomic():
        if not Subscriber.objects.filter(email=email).exists():
            return False
        SuppressedAddress.objects.get_or_create(
            digest=SuppressedAddress.digest_of(email), defaults={"reason": "erased on request"}
        )
        return forget(Subscriber.objects.filter(email=email), Kind.ERASED, now=timezone.now()) > 0
