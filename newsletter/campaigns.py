"""Sending campaigns: start, schedule, cancel, resume, and the batches the worker sends.

The guarantees, and how they are kept:
- Nobody gets an issue twice. Each recipient has one Delivery row (unique per campaign and
  subscriber). A row is claimed (queued → sending) by one UPDATE before its message goes to the mail
  server, and marked sent after. A worker killed in between leaves at most one row "sending": resuming
  marks it failed ("interrupted") instead of sending it again, because it may have gone out.
- Nobody who left gets it. The claim requires the subscriber to be confirmed at that moment, so an
  unsubscribe, a suppression or an erasure during sending takes effect from the next message.
- Memory does not grow with the list. Rows are created from a streamed query in chunks, and each batch
  loads only its own rows; the issue is rendered once per batch.
- A dead worker costs about a minute. Its batch task is given back by the other workers' heartbeat
  (core.worker) and runs again, so sending carries on by itself; `resume_stalled`, run every
  minute by the worker's schedule, is the safety net for a chain of batches lost altogether.
- One chain of batches per campaign. Each batch task carries the campaign's `run`; starting,
  scheduling, cancelling and resuming begin a new run, and a task of an older run stops at once.
"""

import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import queue_message, retry_delay, send_message
from newsletter.emails import CampaignEmail
from newsletter.models import Campaign, Delivery, Subscriber

logger = logging.getLogger(__name__)

Status = Campaign.Status
INTERRUPTED = "Interrupted while being handed to the mail server; not sent again, so nobody gets it twice."
CHUNK = 1000


class CampaignStateError(Exception):
    """The campaign is not in a state that allows this (say, sending a campaign already sent)."""


def enqueue_batch(campaign: Campaign, *, run_after=None) -> None:
    from newsletter.tasks import send_campaign_batch

    task = send_campaign_batch.using(run_after=run_after) if run_after else send_campaign_batch
    run = campaign.run
    transaction.on_commit(lambda: task.enqueue(campaign.pk, run))


def _locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def _next_run(campaign: Campaign, **fields) -> None:
    campaign.run += 1
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.save(update_fields=["run", *fields])


# What staff do in the admin.


def campaign_send_now(*, campaign: Campaign, by=None) -> Campaign:
    with transaction.atomic():
        campaign = _locked(campaign)
        if not campaign.is_editable:
            raise CampaignStateError(f"This campaign is {campaign.get_status_display().lower()}.")
        now = timezone.now()
        _next_run(
            campaign, status=Status.SENDING, started_at=now, started_by=by, heartbeat_at=now, send_at=None
        )
        enqueue_batch(campaign)
    return campaign


def campaign_schedule(*, campaign: Campaign, at, by=None) -> Campaign:
    with transaction.atomic():
        campaign = _locked(campaign)
        if not campaign.is_editable:
            raise CampaignStateError(f"This campaign is {campaign.get_status_display().lower()}.")
        if at is None or at <= timezone.now():
            raise CampaignStateError("Choose a time in the future to schedule it.")
        _next_run(campaign, status=Status.SCHEDULED, send_at=at, started_by=by)
        enqueue_batch(campaign, run_after=at)
    return campaign


def campaign_unschedule(*, campaign: Campaign) -> Campaign:
    """Back to draft; the task waiting for the scheduled time will find an old run and stop."""
    with transaction.atomic():
        campaign = _locked(campaign)
        if campaign.status != Status.SCHEDULED:
            raise CampaignStateError("Only a scheduled campaign can be unscheduled.")
        _next_run(campaign, status=Status.DRAFT)
    return campaign


def campaign_cancel(*, campaign: Campaign, by=None) -> int:
    """Stop sending: no message is handed over after this commits. Returns how many were left."""
    with transaction.atomic():
        campaign = _locked(campaign)
        if campaign.status not in (Status.SCHEDULED, Status.SENDING):
            raise CampaignStateError("Only a scheduled or sending campaign can be cancelled.")
        _next_run(
            campaign, status=Status.CANCELLED, cancelled_by=by, finished_at=timezone.now(), pause_reason=""
        )
        return campaign.deliveries.filter(status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.SKIPPED, reason="Cancelled before it was sent."
        )


def campaign_resume(*, campaign: Campaign) -> bool:
    """Restart a stalled campaign where it stopped (or a scheduled one whose start was lost)."""
    with transaction.atomic():
        campaign = _locked(campaign)
        if campaign.status == Status.SCHEDULED:
            _next_run(campaign, status=Status.SENDING, started_at=timezone.now(), heartbeat_at=timezone.now())
        elif campaign.status == Status.SENDING:
            _next_run(campaign, heartbeat_at=timezone.now(), pause_reason="")
            campaign.deliveries.filter(status=Delivery.Status.SENDING).update(
                status=Delivery.Status.FAILED, reason=INTERRUPTED
            )
        else:
            return False
        enqueue_batch(campaign)
    return True


def resume_stalled(now=None, quiet_for: timedelta | None = None) -> list[Campaign]:
    """What `manage.py send_campaigns` does every minute: a safety net for dead workers."""
    now = now or timezone.now()
    quiet_for = settings.NEWSLETTER_STALLED_AFTER if quiet_for is None else quiet_for
    stalled = list(Campaign.objects.stalled(now, quiet_for))
    return [campaign for campaign in stalled if campaign_resume(campaign=campaign)]


def sample_unsubscribe_url() -> str:
    """The unsubscribe link in previews and test copies, which belong to no subscriber: it leads to
    "This link is not valid"."""
    return settings.SITE_URL + reverse("newsletter:unsubscribe", args=["test-copy"])


def preview(campaign: Campaign) -> dict:
    """The email as a subscriber gets it (see CampaignEmail.message), with the sample link."""
    return CampaignEmail(campaign).message("subscriber@example.com", sample_unsubscribe_url())


def send_test(campaign: Campaign, address: str) -> None:
    """A copy marked as a test, to a staff member, through the worker like every email (so it is
    retried while the mail server is down)."""
    queue_message(CampaignEmail(campaign, test=True).message(address, sample_unsubscribe_url()))


# What the worker does.


def send_batch(campaign_id: int, run: int) -> str:
    """Send the next batch of one campaign, then hand over to the next batch's task."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
        if campaign is None or campaign.run != run:
            return "stopped: superseded"
        if campaign.status == Status.SCHEDULED:
            if campaign.send_at > timezone.now():
                return "not due yet"
            campaign.status, campaign.started_at = Status.SENDING, timezone.now()
            campaign.save(update_fields=["status", "started_at"])
        if campaign.status != Status.SENDING:
            return f"stopped: {campaign.status}"
        if not campaign.recipient_count and not campaign.deliveries.exists():
            _list_recipients(campaign)
        # Each batch marks every row it claimed before handing over to the next, so a row found
        # "sending" here was claimed by a batch whose worker died (the worker's heartbeat gave its
        # task back to run again): it may have gone out, so it is not sent again.
        campaign.deliveries.filter(status=Delivery.Status.SENDING).update(
            status=Delivery.Status.FAILED, reason=INTERRUPTED
        )
        # Alive until this batch could take at its pace; quiet for long after that means stalled.
        campaign.heartbeat_at = timezone.now() + _batch_duration()
        campaign.pause_reason = ""
        campaign.save(update_fields=["heartbeat_at", "pause_reason"])

    rows = list(
        campaign.deliveries.filter(status=Delivery.Status.QUEUED)
        .order_by("pk")
        .values_list("pk", "subscriber__email", "subscriber__token")[: settings.NEWSLETTER_BATCH_SIZE]
    )
    if not rows:
        return _finish(campaign)
    outcome = _send_rows(campaign, rows)
    if outcome == "paused":
        return outcome
    if outcome == "continue":
        enqueue_batch(campaign)  # outside a transaction: enqueued at once
    return f"{outcome}: batch of {len(rows)}"


def _list_recipients(campaign: Campaign) -> None:
    """Snapshot the audience as one queued row each, streamed in chunks (never all in memory)."""
    ids = campaign.recipients().order_by("pk").values_list("pk", flat=True).iterator(chunk_size=CHUNK)
    total, chunk = 0, []
    for subscriber_id in ids:
        chunk.append(Delivery(campaign=campaign, subscriber_id=subscriber_id))
        if len(chunk) == CHUNK:
            total += len(Delivery.objects.bulk_create(chunk))
            chunk = []
    total += len(Delivery.objects.bulk_create(chunk))
    campaign.recipient_count = total
    campaign.save(update_fields=["recipient_count"])


def _batch_duration() -> timedelta:
    rate = settings.NEWSLETTER_SEND_RATE
    return timedelta(seconds=settings.NEWSLETTER_BATCH_SIZE / rate if rate else 0)


def _claim(delivery_id: int, campaign: Campaign) -> bool:
    """Take one row for sending, if the campaign is still sending in this run and its subscriber
    still wants it. One UPDATE, so every condition holds at the same instant."""
    return bool(
        Delivery.objects.filter(
            pk=delivery_id,
            status=Delivery.Status.QUEUED,
            campaign__status=Status.SENDING,
            campaign__run=campaign.run,
            subscriber__status=Subscriber.Status.CONFIRMED,
        ).update(status=Delivery.Status.SENDING, attempted_at=timezone.now())
    )


def _why_not_claimed(delivery_id: int, campaign: Campaign) -> str | None:
    """After a failed claim: None when the campaign stopped, else the reason to skip this row."""
    row = Delivery.objects.filter(pk=delivery_id).values(
        "status", "campaign__status", "campaign__run", "subscriber__status"
    )[0]
    if row["campaign__status"] != Status.SENDING or row["campaign__run"] != campaign.run:
        return None
    if row["status"] != Delivery.Status.QUEUED:
        return ""  # handled elsewhere meanwhile
    return {
        None: "The subscriber's data was erased.",
        Subscriber.Status.UNSUBSCRIBED: "Unsubscribed before it was sent.",
        Subscriber.Status.SUPPRESSED: "The address is suppressed (bounced, complained or blocked by staff).",
    }.get(row["subscriber__status"], "The subscriber is not confirmed.")


def _mark(delivery_id: int, status: str, reason: str = "") -> None:
    Delivery.objects.filter(pk=delivery_id).update(status=status, reason=reason[:300])


def _send_rows(campaign: Campaign, rows: list) -> str:
    email = CampaignEmail(campaign)
    interval = 1 / settings.NEWSLETTER_SEND_RATE if settings.NEWSLETTER_SEND_RATE else 0
    next_at = time.monotonic()
    connection = get_connection()
    try:
        for delivery_id, address, token in rows:
            if not _claim(delivery_id, campaign):
                reason = _why_not_claimed(delivery_id, campaign)
                if reason is None:
                    return "stopped"
                if reason:
                    _mark(delivery_id, Delivery.Status.SKIPPED, reason)
                continue
            if interval:
                _wait_until(next_at)
                next_at = max(next_at, time.monotonic()) + interval
            try:
                connection.open()  # once per batch: the first message opens it, the rest reuse it
                send_message(email.for_subscriber(address, token), connection)
            except smtplib.SMTPRecipientsRefused as refused:
                _mark(
                    delivery_id,
                    Delivery.Status.FAILED,
                    f"Refused by the mail server: {_smtp_reason(refused)}",
                )
            except smtplib.SMTPDataError as error:
                _mark(delivery_id, Delivery.Status.FAILED, f"Refused by the mail server: {error.smtp_code} "
                      f"{_text(error.smtp_error)}")  # fmt: skip
            except (OSError, smtplib.SMTPException) as error:
                # The server itself is unavailable: this row goes back in the queue, untouched.
                _mark(delivery_id, Delivery.Status.QUEUED)
                _pause(campaign, error)
                return "paused"
            except Exception as error:  # one odd address must not stop the other thousands
                logger.exception("Campaign %s: delivery %s failed", campaign.pk, delivery_id)
                _mark(delivery_id, Delivery.Status.FAILED, f"Could not be sent: {_text(error)}")
            else:
                _mark(delivery_id, Delivery.Status.SENT)
    finally:
        connection.close()
    Campaign.objects.filter(pk=campaign.pk, server_failures__gt=0).update(server_failures=0)
    # Keep the pace across batches: the next one may start only when the next message may go.
    _wait_until(next_at)
    return "continue"


def _wait_until(moment: float) -> None:
    delay = moment - time.monotonic()
    if delay > 0:
        time.sleep(delay)


def _pause(campaign: Campaign, error: Exception) -> None:
    """Wait for the mail server, longer each time (as for every email), then carry on."""
    Campaign.objects.filter(pk=campaign.pk).update(server_failures=models.F("server_failures") + 1)
    campaign.refresh_from_db(fields=["server_failures"])
    retry_at = timezone.now() + retry_delay(campaign.server_failures)
    reason = f"The mail server is unavailable ({_text(error)}); trying again at {timezone.localtime(retry_at):%H:%M}."
    logger.warning("Campaign %s paused: %s", campaign.pk, error)
    Campaign.objects.filter(pk=campaign.pk, run=campaign.run).update(
        pause_reason=reason[:300], heartbeat_at=retry_at
    )
    enqueue_batch(campaign, run_after=retry_at)


def _finish(campaign: Campaign) -> str:
    """Mark the campaign sent once no row is queued (rows left "sending" by a dead worker were
    marked interrupted when this batch began)."""
    updated = Campaign.objects.filter(pk=campaign.pk, run=campaign.run, status=Status.SENDING).update(
        status=Status.SENT, finished_at=timezone.now(), pause_reason=""
    )
    return "finished" if updated else "stopped"


def _smtp_reason(refused: smtplib.SMTPRecipientsRefused) -> str:
    return "; ".join(f"{code} {_text(message)}" for code, message in refused.recipients.values())


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)
