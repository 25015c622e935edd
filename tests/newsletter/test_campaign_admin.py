"""Campaigns in the admin: writing, previewing, test copies, sending and scheduling with the right
permission only, the progress and the report, and a sent campaign kept as a record."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains

from newsletter import campaigns
from newsletter.models import Campaign, Delivery, Subscriber
from tests.factories import make_article, make_user
from tests.html import parse_html
from tests.test_worker import DATABASE_BACKEND

pytestmark = pytest.mark.django_db

ADD = reverse("admin:newsletter_campaign_add")
CHANGELIST = reverse("admin:newsletter_campaign_changelist")


@pytest.fixture(autouse=True)
def _sending(settings):
    settings.NEWSLETTER_SEND_RATE = 0
    settings.SITE_URL = "https://healthyback.example"


def url(name: str, campaign: Campaign) -> str:
    return reverse(f"admin:newsletter_campaign_{name}", args=[campaign.pk])


def confirmed(count: int) -> None:
    for number in range(count):
        Subscriber.objects.create(email=f"reader{number}@example.com", status=Subscriber.Status.CONFIRMED)


def make_campaign(**fields) -> Campaign:
    fields.setdefault("subject", "Better sleep with back pain")
    fields.setdefault("body", "<p>Pillows matter.</p>")
    return Campaign.objects.create(**fields)


def form_data(**fields) -> dict:
    return {
        "subject": "Better sleep with back pain",
        "preheader": "Three positions that help.",
        "body": "<p>Pillows matter.</p>",
        "audience": "confirmed",
        "send_at_0": "",
        "send_at_1": "",
        **fields,
    }


def editor(*, may_send: bool):
    """A staff member who writes campaigns, and sends them only with the extra permission."""
    codenames = ["add_campaign", "change_campaign", "view_campaign", "delete_campaign"]
    if may_send:
        codenames.append("send_campaign")
    user = make_user(staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletter", codename__in=codenames)
    )
    return user


def test_a_campaign_is_written_and_a_test_copy_goes_to_the_writer(client, django_capture_on_commit_callbacks):
    user = editor(may_send=False)
    client.force_login(user)
    confirmed(2)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, form_data(_test="1"), follow=True)

    campaign = Campaign.objects.get()
    assert campaign.created_by == user
    assert campaign.status == Campaign.Status.DRAFT
    assertContains(response, f"A test copy is on its way to {user.email}.")
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "[Test] Better sleep with back pain"
    assert not Delivery.objects.exists()


def test_a_writer_without_the_send_permission_cannot_send(client):
    client.force_login(editor(may_send=False))
    confirmed(2)
    campaign = make_campaign()

    page = client.get(url("change", campaign))
    assertContains(page, 'name="_preview"')
    assertNotContains(page, 'name="_send"')
    assertNotContains(page, 'name="_schedule"')

    assert client.post(url("send", campaign)).status_code == 403
    assert client.post(url("change", campaign), form_data(_send="1")).status_code == 302  # saved only
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT
    assert mail.outbox == []


def test_sending_asks_first_then_goes_out_and_leaves_a_read_only_record(
    client, django_capture_on_commit_callbacks
):
    user = editor(may_send=True)
    client.force_login(user)
    confirmed(3)
    Subscriber.objects.create(email="pending@example.com")
    campaign = make_campaign()

    response = client.post(url("change", campaign), form_data(subject="Sleep, revised", _send="1"))
    assert response["Location"] == url("send", campaign)
    confirm = client.get(response["Location"])
    assertContains(confirm, "to <strong>3</strong> confirmed subscribers now?", html=False)
    campaign.refresh_from_db()
    assert campaign.subject == "Sleep, revised"  # saved before asking
    assert campaign.status == Campaign.Status.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("send", campaign))

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert campaign.started_by == user
    assert len(mail.outbox) == 3
    page = client.get(url("change", campaign))
    assertContains(page, "3 of 3 sent, 0 failed, 0 not sent.")
    assertContains(page, '<progress id="campaign-progress" max="100" value="100">', html=False)
    assertNotContains(page, 'name="_save"')
    assertContains(page, "<p>Pillows matter.</p>", html=False)  # the body as readers saw it, not its source
    # A record now: no edits, no second send, no deletion, even by a crafted POST.
    assert client.post(url("change", campaign), form_data(subject="Changed")).status_code == 403
    assert client.post(url("delete", campaign), {"post": "yes"}).status_code == 403
    client.post(url("send", campaign))
    assert len(mail.outbox) == 3
    campaign.refresh_from_db()
    assert campaign.subject == "Sleep, revised"


def test_scheduling_needs_a_future_time_and_keeps_what_was_typed(client):
    client.force_login(editor(may_send=True))

    response = client.post(ADD, form_data(subject="Typed with care", _schedule="1"))
    assert response.status_code == 200
    assertContains(response, "Choose when to send it.")
    assertContains(response, 'value="Typed with care"', html=False)

    yesterday = timezone.localtime() - timedelta(days=1)
    past = form_data(_schedule="1", send_at_0=f"{yesterday:%Y-%m-%d}", send_at_1=f"{yesterday:%H:%M:%S}")
    assertContains(client.post(ADD, past), "Choose a time in the future.")
    assert not Campaign.objects.exists()


def test_scheduling_queues_the_send_for_that_time(client, settings, django_capture_on_commit_callbacks):
    settings.TASKS = DATABASE_BACKEND
    client.force_login(editor(may_send=True))
    tomorrow = (timezone.localtime() + timedelta(days=1)).replace(second=0, microsecond=0)
    data = form_data(_schedule="1", send_at_0=f"{tomorrow:%Y-%m-%d}", send_at_1=f"{tomorrow:%H:%M:%S}")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, data, follow=True)

    campaign = Campaign.objects.get()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert campaign.send_at == tomorrow
    assertContains(response, "Scheduled: it goes out on")
    [task] = DBTaskResult.objects.all()
    assert task.run_after == tomorrow
    assert task.args_kwargs["args"] == [campaign.pk, campaign.run]

    # Unscheduling makes it a draft again; the waiting task will find an old run and stop.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("unschedule", campaign))
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT
    assert campaigns.send_batch(campaign.pk, task.args_kwargs["args"][1]) == "stopped: superseded"


def test_cancel_asks_first_then_stops_a_scheduled_campaign(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_BACKEND
    client.force_login(editor(may_send=True))
    campaign = make_campaign()
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.campaign_schedule(campaign=campaign, at=timezone.now() + timedelta(hours=1))

    assertContains(client.get(url("cancel", campaign)), "A cancelled campaign cannot be restarted.")
    client.post(url("cancel", campaign))

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CANCELLED


def test_the_progress_endpoint_reports_counts_while_sending(client):
    client.force_login(editor(may_send=False))
    confirmed(4)
    campaign = make_campaign()
    campaigns.campaign_send_now(campaign=campaign)  # the batch task waits for a commit that never comes
    campaigns.send_batch(campaign.pk, Campaign.objects.get().run)  # one batch, by hand

    data = client.get(url("progress", campaign)).json()

    assert data == {
        "status": "sending", "status_label": "Sending", "pause_reason": "", "finished": False,
        "recipients": 4, "sent": 4, "failed": 0, "skipped": 0, "remaining": 0, "percent": 100,
    }  # fmt: skip


def test_a_stalled_campaign_offers_resume(client, django_capture_on_commit_callbacks):
    client.force_login(editor(may_send=True))
    confirmed(2)
    campaign = make_campaign()
    campaigns.campaign_send_now(campaign=campaign)  # its task is lost: the commit never comes

    assertNotContains(client.get(url("change", campaign)), "Resume sending")
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        page = client.get(url("change", campaign))
        assertContains(page, "Sending has stopped making progress")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url("resume", campaign))

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert len(mail.outbox) == 2


def test_the_preview_shows_html_and_text_in_frames_that_run_nothing(admin_client):
    campaign = make_campaign(body='<p>Pillows <a href="/articles/pillows/">matter</a>.</p>')

    page = admin_client.get(url("preview", campaign))
    frames = parse_html(page).find_all("iframe")
    assert [frame.attrs["src"] for frame in frames] == [url("preview_email", campaign)] * 2
    assert all(frame.attrs["sandbox"] == "" for frame in frames)
    [frame_src] = [part for part in page["Content-Security-Policy"].split(";") if "frame-src" in part]
    assert "'self'" in frame_src.split()
    assertContains(page, "[matter](https://healthyback.example/articles/pillows/)")
    assertContains(
        page, "Unsubscribe in one click: https://healthyback.example/newsletter/unsubscribe/test-copy/"
    )
    assertNotContains(page, "unsubscribe.invalid")

    email = admin_client.get(url("preview_email", campaign))
    assert email["X-Frame-Options"] == "SAMEORIGIN"
    policy = email["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "script-src" not in policy
    assertContains(email, 'href="https://healthyback.example/articles/pillows/"')


def test_the_article_picker_offers_published_articles_only_and_escapes_them(admin_client):
    make_article("Stretches <b>for</b> mornings", summary="Gentle & short.")
    make_article("A draft", status="draft")

    page = admin_client.get(reverse("admin:newsletter_campaign_articles"))

    assertContains(page, "Stretches &lt;b&gt;for&lt;/b&gt; mornings")
    assertNotContains(page, "A draft")
    assertNotContains(page, "<b>for</b>", html=False)
    searched = admin_client.get(reverse("admin:newsletter_campaign_articles"), {"q": "mornings"})
    assert len(parse_html(searched).find_all("button", class_="article-picker-choice")) == 1


def test_campaign_pages_are_for_staff_with_the_right_permissions(client, outsider):
    campaign = make_campaign()
    for name in ("change", "preview", "preview_email", "progress", "send"):
        response = client.get(url(name, campaign))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(make_user(staff=True))  # staff, but no newsletter permission
    for name in ("preview", "preview_email", "progress", "send", "cancel", "resume"):
        assert client.get(url(name, campaign)).status_code == 403


def test_the_list_runs_a_fixed_number_of_queries(admin_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(CHANGELIST).status_code == 200
        return len(captured)

    confirmed(3)
    first = make_campaign()
    campaigns.campaign_send_now(campaign=first)
    campaigns.send_batch(first.pk, Campaign.objects.get(pk=first.pk).run)
    few = queries()
    for number in range(5):
        make_campaign(subject=f"Issue {number}")
    assert queries() == few
    assertContains(admin_client.get(CHANGELIST), "3 of 3")


def test_saving_a_scheduled_campaign_with_a_new_time_reschedules_it(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_BACKEND
    client.force_login(editor(may_send=True))
    campaign = make_campaign()
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.campaign_schedule(campaign=campaign, at=timezone.now() + timedelta(hours=1))
    later = (timezone.localtime() + timedelta(hours=5)).replace(second=0, microsecond=0)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("change", campaign), form_data(send_at_0=f"{later:%Y-%m-%d}", send_at_1=f"{later:%H:%M:%S}")
        )

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert campaign.send_at == later
    newest = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert newest.run_after == later
    assert newest.args_kwargs["args"] == [campaign.pk, campaign.run]
