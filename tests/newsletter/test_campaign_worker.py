"""Campaigns through the real task queue: scheduled sends with a moved clock, a mail server that
is down, an address the server refuses, and a worker process killed mid-send with a real SMTP server
counting what each address received."""

import signal
import subprocess
import time
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsletter import campaigns
from newsletter.campaigns import INTERRUPTED
from newsletter.models import Campaign, Delivery, Subscriber
from tests.conftest import MailBox, free_port, send_mail_to, smtp_server_on
from tests.test_worker import DATABASE_BACKEND, start_worker

BATCH_TASK = "newsletter.tasks.send_campaign_batch"


@pytest.fixture(autouse=True)
def _queue(settings):
    settings.TASKS = DATABASE_BACKEND
    settings.SITE_URL = "https://healthyback.example"
    settings.NEWSLETTER_SEND_RATE = 0
    settings.NEWSLETTER_BATCH_SIZE = 4
    settings.EMAIL_RETRY_SECONDS = 0.5


def confirmed(count: int) -> list[Subscriber]:
    return [
        Subscriber.objects.create(email=f"reader{number:02}@example.com", status=Subscriber.Status.CONFIRMED)
        for number in range(count)
    ]


def make_campaign() -> Campaign:
    return Campaign.objects.create(subject="Sleep and back pain", body="<p>Which positions help.</p>")


def run_worker_here():
    """The worker's loop in this process (the clock that time_machine moves is this process's)."""
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)


class SinkWithRefusals(MailBox):
    """A real SMTP server that refuses one mailbox, as a provider does for an address that is gone."""

    refuse = "gone@example.com"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def smtp(settings):
    port = free_port()
    send_mail_to(settings, port)
    with smtp_server_on(port, SinkWithRefusals()) as mailbox:
        yield mailbox


def received(mailbox) -> Counter:
    return Counter(message["To"] for message in mailbox.messages)


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_campaign_goes_out_when_its_time_comes_and_not_before(smtp):
    readers = confirmed(5)
    campaign = make_campaign()
    start = timezone.now()

    campaigns.campaign_schedule(campaign=campaign, at=start + timedelta(hours=2))
    run_worker_here()

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert smtp.messages == []
    [waiting] = DBTaskResult.objects.filter(task_path=BATCH_TASK, status=TaskResultStatus.READY)
    assert waiting.run_after == start + timedelta(hours=2)

    with time_machine.travel(start + timedelta(hours=2, minutes=1)):
        run_worker_here()

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert received(smtp) == Counter({reader.email: 1 for reader in readers})
    assert campaign.started_at >= start + timedelta(hours=2)


@pytest.mark.django_db(transaction=True)
def test_a_subscriber_confirmed_before_the_scheduled_time_is_included(smtp):
    confirmed(2)
    campaign = make_campaign()
    start = timezone.now()
    campaigns.campaign_schedule(campaign=campaign, at=start + timedelta(hours=1))

    with time_machine.travel(start + timedelta(minutes=30)):
        Subscriber.objects.create(email="late@example.com", status=Subscriber.Status.CONFIRMED)
    with time_machine.travel(start + timedelta(hours=1, minutes=1)):
        run_worker_here()

    assert "late@example.com" in received(smtp)
    assert sum(received(smtp).values()) == 3


@pytest.mark.django_db(transaction=True)
def test_unscheduling_or_moving_the_time_stops_the_waiting_task(smtp):
    confirmed(2)
    campaign = make_campaign()
    start = timezone.now()
    campaigns.campaign_schedule(campaign=campaign, at=start + timedelta(hours=1))
    campaigns.campaign_schedule(campaign=campaign, at=start + timedelta(hours=3))  # moved later

    with time_machine.travel(start + timedelta(hours=1, minutes=1)):
        run_worker_here()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert smtp.messages == []

    campaigns.campaign_unschedule(campaign=campaign)
    with time_machine.travel(start + timedelta(hours=3, minutes=1)):
        run_worker_here()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT
    assert smtp.messages == []
    results = DBTaskResult.objects.filter(task_path=BATCH_TASK).values_list("return_value", flat=True)
    assert list(results) == ["stopped: superseded", "stopped: superseded"]


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_start_that_was_lost_is_made_up_by_send_campaigns(smtp):
    confirmed(3)
    campaign = make_campaign()
    start = timezone.now()
    campaigns.campaign_schedule(campaign=campaign, at=start + timedelta(hours=1))
    DBTaskResult.objects.all().delete()  # say, the queue was restored from an old backup

    with time_machine.travel(start + timedelta(hours=1, minutes=5)):
        call_command("send_campaigns", verbosity=0)  # within the grace period: leaves it alone
        assert Campaign.objects.get().status == Campaign.Status.SCHEDULED
    with time_machine.travel(start + timedelta(hours=1, minutes=15)):
        call_command("send_campaigns", verbosity=0)
        run_worker_here()

    assert Campaign.objects.get().status == Campaign.Status.SENT
    assert sum(received(smtp).values()) == 3


@pytest.mark.django_db(transaction=True)
def test_an_address_the_server_refuses_fails_with_the_reason_and_the_rest_go_out(smtp):
    confirmed(3)
    Subscriber.objects.create(email="gone@example.com", status=Subscriber.Status.CONFIRMED)
    campaign = make_campaign()

    campaigns.campaign_send_now(campaign=campaign)
    run_worker_here()

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    failed = campaign.deliveries.get(status=Delivery.Status.FAILED)
    assert failed.subscriber.email == "gone@example.com"
    assert failed.reason == "Refused by the mail server: 550 5.1.1 No such user"
    assert sum(received(smtp).values()) == 3


@pytest.mark.django_db(transaction=True)
def test_while_the_mail_server_is_down_sending_pauses_and_carries_on_when_it_is_back(settings):
    readers = confirmed(6)
    port = free_port()  # nothing listens there yet
    send_mail_to(settings, port)
    campaign = make_campaign()

    campaigns.campaign_send_now(campaign=campaign)
    run_worker_here()

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENDING
    assert campaign.pause_reason.startswith("The mail server is unavailable")
    assert set(campaign.deliveries.values_list("status", flat=True)) == {Delivery.Status.QUEUED}  # none lost
    assert DBTaskResult.objects.filter(task_path=BATCH_TASK, status=TaskResultStatus.READY).count() == 1

    with smtp_server_on(port) as mailbox:
        time.sleep(1)  # past the retry's run_after (EMAIL_RETRY_SECONDS=0.5)
        run_worker_here()

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert campaign.pause_reason == ""
    assert received(mailbox) == Counter({reader.email: 1 for reader in readers})


def worker_process(smtp_port: int, rate: float, log, **environment) -> subprocess.Popen:
    return start_worker(
        interval=0.1,
        output=log,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        NEWSLETTER_SEND_RATE=str(rate),
        NEWSLETTER_BATCH_SIZE="5",
        **environment,
    )


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_resumes_where_it_stopped_and_nobody_gets_it_twice(smtp, tmp_path):
    readers = confirmed(40)
    campaign = make_campaign()
    campaigns.campaign_send_now(campaign=campaign)
    log = (tmp_path / "worker.log").open("w")

    worker = worker_process(smtp.port, rate=40, log=log)
    try:
        wait_for(lambda: len(smtp.messages) >= 12)  # well into the third batch
        worker.send_signal(signal.SIGKILL)  # no chance to tidy up
    finally:
        worker.kill()
        worker.wait(timeout=30)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENDING
    before = len(smtp.messages)
    assert before < 40

    # Once the batch the worker was in should have been over, cron's `send_campaigns` resumes it.
    wait_for(lambda: Campaign.objects.stalled(timezone.now(), timedelta(0)).exists())
    call_command("send_campaigns", "--quiet-for", "0", verbosity=0)
    worker = worker_process(smtp.port, rate=0, log=log)
    try:
        wait_for(lambda: Campaign.objects.get().status == Campaign.Status.SENT)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()

    counts = received(smtp)
    assert max(counts.values()) == 1  # nobody twice
    statuses = Counter(campaign.deliveries.values_list("status", flat=True))
    assert statuses[Delivery.Status.SENT] + statuses[Delivery.Status.FAILED] == 40
    # At most the one message in flight at the kill is reported as interrupted and not resent.
    interrupted = campaign.deliveries.filter(status=Delivery.Status.FAILED)
    assert interrupted.count() <= 1
    assert all(delivery.reason == INTERRUPTED for delivery in interrupted)
    everyone = {reader.email for reader in readers}
    assert set(counts) | {delivery.subscriber.email for delivery in interrupted} == everyone


@pytest.mark.django_db(transaction=True)
def test_a_campaign_whose_worker_was_killed_carries_on_by_itself_with_the_next_worker(smtp, tmp_path):
    readers = confirmed(30)
    campaign = make_campaign()
    campaigns.campaign_send_now(campaign=campaign)
    log = (tmp_path / "worker.log").open("w")
    beating_fast = {"WORKER_HEARTBEAT_SECONDS": "0.3", "WORKER_STALE_SECONDS": "2"}

    worker = worker_process(smtp.port, rate=40, log=log, **beating_fast)
    try:
        wait_for(lambda: len(smtp.messages) >= 7)  # in the second batch
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait(timeout=30)
    assert DBTaskResult.objects.running().filter(task_path=BATCH_TASK).count() == 1  # abandoned
    killed_at = time.monotonic()

    # No command, no button: the next worker gives the batch back and the campaign goes on.
    worker = worker_process(smtp.port, rate=0, log=log, **beating_fast)
    try:
        wait_for(lambda: Campaign.objects.get().status == Campaign.Status.SENT, timeout=60)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    assert time.monotonic() - killed_at < 30

    counts = received(smtp)
    assert max(counts.values()) == 1  # nobody twice
    interrupted = campaign.deliveries.filter(status=Delivery.Status.FAILED)
    assert interrupted.count() <= 1
    assert all(delivery.reason == INTERRUPTED for delivery in interrupted)
    assert not campaign.deliveries.exclude(status__in=[Delivery.Status.SENT, Delivery.Status.FAILED]).exists()
    everyone = {reader.email for reader in readers}
    assert set(counts) | {delivery.subscriber.email for delivery in interrupted} == everyone
