"""Sending a campaign: rendering, batches, the audience, and what happens when things go wrong
mid-send (a dead worker, a cancel, a reader leaving). Tasks run inline here; the real worker and a
real SMTP server are in test_campaign_worker.py."""

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.core import mail

from newsletter import campaigns
from newsletter.campaigns import INTERRUPTED
from newsletter.models import Campaign, Delivery, Subscriber
from newsletter.services import personal_data_erase, subscriber_suppress
from newsletter.tasks import send_campaign_batch
from tests.factories import make_article, uploaded_image
from tests.mail_backends import HookedBackend, WorkerKilled
from tests.newsletter.conftest import make_subscriber

SITE_URL = "https://healthyback.example"
BODY = (
    '<h2>Five stretches</h2><p>Read <a href="/articles/sciatica/">our sciatica guide</a> or '
    '<a href="https://www.nhs.uk/conditions/back-pain/">the NHS page</a>.</p>'
    '<figure><img src="/media/library/stretch.jpg" alt="A woman stretching"><figcaption>Cat-cow</figcaption>'
    "</figure><ul><li>Walk daily</li></ul>"
)


@pytest.fixture(autouse=True)
def _sending(settings):
    settings.SITE_URL = SITE_URL
    settings.NEWSLETTER_SEND_RATE = 0  # no pacing in tests: the rate is the benchmark's business
    settings.NEWSLETTER_BATCH_SIZE = 3
    settings.EMAIL_BACKEND = "tests.mail_backends.HookedBackend"
    yield
    HookedBackend.before_each = None


def confirmed(count: int) -> list[Subscriber]:
    return [
        make_subscriber(f"reader{number:02}@example.com", status=Subscriber.Status.CONFIRMED)
        for number in range(count)
    ]


def make_campaign(**fields) -> Campaign:
    fields.setdefault("subject", "Five stretches for a stiff back")
    fields.setdefault("preheader", "Ten minutes, no equipment.")
    fields.setdefault("body", BODY)
    return Campaign.objects.create(**fields)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Send a campaign now, running the chain of batch tasks it starts (inline)."""

    def run(campaign):
        with django_capture_on_commit_callbacks(execute=True):
            campaigns.campaign_send_now(campaign=campaign)
        campaign.refresh_from_db()
        return campaign

    return run


def received() -> Counter:
    return Counter(address for message in mail.outbox for address in message.to)


def statuses(campaign) -> Counter:
    return Counter(campaign.deliveries.values_list("status", flat=True))


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


# Rendering.


@pytest.mark.django_db
def test_each_recipient_gets_their_own_one_click_unsubscribe_link(send):
    readers = confirmed(2)

    send(make_campaign())

    links = {}
    for message in mail.outbox:
        [link] = re.fullmatch(r"<(\S+)>", message.extra_headers["List-Unsubscribe"]).groups()
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link.startswith(f"{SITE_URL}/newsletter/unsubscribe/")
        assert link in message.body
        assert f'href="{link}"' in html_of(message)
        links[message.to[0]] = link
    assert set(links) == {reader.email for reader in readers}
    assert len(set(links.values())) == 2
    # The link carries the opaque token, never the address.
    assert all(address not in link for address, link in links.items())


@pytest.mark.django_db
def test_the_email_has_absolute_links_inlined_styles_and_no_tracking(send):
    confirmed(1)

    send(make_campaign())

    [message] = mail.outbox
    html = html_of(message)
    assert message.subject == "Five stretches for a stiff back"
    assert f'href="{SITE_URL}/articles/sciatica/"' in html
    assert f'src="{SITE_URL}/media/library/stretch.jpg"' in html
    assert 'href="https://www.nhs.uk/conditions/back-pain/"' in html  # not rewritten through us
    assert not re.search(r'(href|src)="/', html)  # nothing relative is left
    # Inlined: the body's own elements carry the styles, for clients that drop <style>.
    assert re.search(r'<h2 style="[^"]*font-size: 22px', html)
    assert re.search(r'<td class="content" style="[^"]*padding: 24px', html)
    assert "@media (max-width: 620px)" in html  # the phone rule stays for clients that read it
    # Privacy: the only image is the one we wrote, and no link goes through a redirector.
    assert re.findall(r"<img [^>]*src=\"([^\"]+)\"", html) == [f"{SITE_URL}/media/library/stretch.jpg"]
    assert {urlsplit(url).netloc for url in re.findall(r'href="([^"]+)"', html)} == {
        "healthyback.example",
        "www.nhs.uk",
    }
    assert "Ten minutes, no equipment." in html  # the preheader
    assert "100 Example Street" in html
    assert "100 Example Street" in message.body
    assert message.extra_headers["List-Id"] == "Healthy Back newsletter <newsletter.healthyback.example>"


@pytest.mark.django_db
def test_the_plain_text_part_reads_well_with_every_link_written_out(send):
    confirmed(1)

    send(make_campaign())

    text = mail.outbox[0].body
    assert "Five stretches" in text
    assert f"[our sciatica guide]({SITE_URL}/articles/sciatica/)" in text
    assert "* Walk daily" in text
    assert "Cat-cow" in text
    assert "<" not in text.replace("<https", "")  # no markup
    assert "Unsubscribe in one click: https://healthyback.example/newsletter/unsubscribe/" in text


@pytest.mark.django_db
def test_what_staff_type_cannot_inject_headers_or_scripts(send):
    confirmed(1)
    campaign = make_campaign(
        subject="Hello\r\nBcc: victim@example.com",
        preheader='<script>alert("x")</script>',
        body='<p onclick="steal()">Hi</p><script>alert(1)</script><img src="https://tracker.example/p.gif">',
    )

    send(campaign)

    [message] = mail.outbox
    assert message.subject == "Hello Bcc: victim@example.com"
    assert message.recipients() == ["reader00@example.com"]
    html = html_of(message)
    assert "<script" not in html
    assert "onclick" not in html
    assert "tracker.example" not in html
    assert "&lt;script&gt;" in html


# The audience.


@pytest.mark.django_db
def test_only_confirmed_subscribers_receive_it(send):
    readers = confirmed(2)
    make_subscriber("pending@example.com")
    make_subscriber("left@example.com", status=Subscriber.Status.UNSUBSCRIBED)
    make_subscriber("bounced@example.com", status=Subscriber.Status.SUPPRESSED)

    campaign = send(make_campaign())

    assert received() == Counter({reader.email: 1 for reader in readers})
    assert campaign.status == Campaign.Status.SENT
    assert campaign.recipient_count == 2
    assert statuses(campaign) == {Delivery.Status.SENT: 2}
    assert campaign.finished_at is not None


@pytest.mark.django_db
def test_it_goes_out_in_batches_of_the_configured_size(send, settings):
    settings.NEWSLETTER_BATCH_SIZE = 3
    confirmed(8)
    connections = []  # each batch opens one connection to the mail server for its messages
    HookedBackend.before_each = lambda sent, message: connections.append(message.connection.number)

    campaign = send(make_campaign())

    assert list(Counter(connections).values()) == [3, 3, 2]
    assert sum(received().values()) == 8
    assert campaign.status == Campaign.Status.SENT
    assert send_campaign_batch.priority < 0  # transactional email goes first


@pytest.mark.django_db
def test_a_reader_who_unsubscribes_while_it_is_sending_does_not_get_it(send, client):
    readers = confirmed(6)
    last = readers[-1]

    def reader_leaves(sent, message):
        if sent == 2:  # two copies are out; the last reader clicks "Unsubscribe" in an older email
            from newsletter.emails import unsubscribe_url

            client.post(urlsplit(unsubscribe_url(last)).path)

    HookedBackend.before_each = reader_leaves
    campaign = send(make_campaign())

    assert last.email not in received()
    assert sum(received().values()) == 5
    skipped = campaign.deliveries.get(subscriber=last)
    assert skipped.status == Delivery.Status.SKIPPED
    assert skipped.reason == "Unsubscribed before it was sent."
    assert campaign.status == Campaign.Status.SENT


@pytest.mark.django_db
def test_addresses_suppressed_or_erased_while_it_is_sending_get_nothing(send):
    readers = confirmed(6)

    def staff_act(sent, message):
        if sent == 1:
            subscriber_suppress(subscriber=readers[4], reason=Subscriber.Reason.BOUNCED)
            personal_data_erase(email=readers[5].email)

    HookedBackend.before_each = staff_act
    campaign = send(make_campaign())

    assert set(received()) == {reader.email for reader in readers[:4]}
    reasons = dict(campaign.deliveries.filter(status=Delivery.Status.SKIPPED).values_list("pk", "reason"))
    assert sorted(reasons.values()) == [
        "The address is suppressed (bounced, complained or blocked by staff).",
        "The subscriber's data was erased.",
    ]
    assert campaign.progress().as_dict() == {
        "recipients": 6, "sent": 4, "failed": 0, "skipped": 2, "remaining": 0, "percent": 100,
    }  # fmt: skip


# Stopping and resuming.


@pytest.mark.django_db
def test_cancel_stops_the_remaining_batches(send):
    confirmed(8)

    def staff_cancel(sent, message):
        if sent == 4:
            campaigns.campaign_cancel(campaign=Campaign.objects.get())

    HookedBackend.before_each = staff_cancel
    campaign = send(make_campaign())

    # The message being handed over when staff pressed "Cancel" still goes; nothing after it.
    assert sum(received().values()) == 5
    assert campaign.status == Campaign.Status.CANCELLED
    assert statuses(campaign) == {Delivery.Status.SENT: 5, Delivery.Status.SKIPPED: 3}
    assert set(
        campaign.deliveries.filter(status=Delivery.Status.SKIPPED).values_list("reason", flat=True)
    ) == {"Cancelled before it was sent."}


@pytest.mark.django_db
def test_after_a_crash_mid_send_resuming_sends_the_rest_and_nobody_gets_it_twice(
    send, django_capture_on_commit_callbacks
):
    readers = confirmed(8)

    def worker_dies(sent, message):
        if sent == 4:
            HookedBackend.before_each = None
            raise WorkerKilled

    HookedBackend.before_each = worker_dies
    campaign = send(make_campaign())
    assert campaign.status == Campaign.Status.SENDING
    assert statuses(campaign) == {
        Delivery.Status.SENT: 4,
        Delivery.Status.SENDING: 1,
        Delivery.Status.QUEUED: 3,
    }

    with django_capture_on_commit_callbacks(execute=True):
        assert campaigns.campaign_resume(campaign=campaign)
    campaign.refresh_from_db()

    assert campaign.status == Campaign.Status.SENT
    counts = received()
    assert max(counts.values()) == 1  # nobody twice
    interrupted = campaign.deliveries.get(status=Delivery.Status.FAILED)
    assert interrupted.reason == INTERRUPTED
    assert set(counts) == {reader.email for reader in readers} - {interrupted.subscriber.email}
    assert statuses(campaign) == {Delivery.Status.SENT: 7, Delivery.Status.FAILED: 1}


@pytest.mark.django_db
def test_a_batch_task_of_an_older_run_stops_at_once(send):
    confirmed(3)
    campaign = make_campaign()
    campaigns.campaign_send_now(
        campaign=campaign
    )  # run 1, its batch task not run yet (the commit never happens)
    campaign.refresh_from_db()
    campaigns.campaign_resume(
        campaign=campaign
    )  # run 2: say, staff resumed while the first task still waited

    assert campaigns.send_batch(campaign.pk, 1) == "stopped: superseded"
    assert mail.outbox == []
    assert campaigns.send_batch(campaign.pk, 2).startswith("continue")


@pytest.mark.django_db
def test_a_campaign_cannot_be_sent_twice(send):
    confirmed(2)
    campaign = send(make_campaign())

    with pytest.raises(campaigns.CampaignStateError):
        campaigns.campaign_send_now(campaign=campaign)
    assert sum(received().values()) == 2


@pytest.mark.django_db
def test_an_empty_list_finishes_at_once(send):
    campaign = send(make_campaign())

    assert campaign.status == Campaign.Status.SENT
    assert campaign.recipient_count == 0
    assert campaign.progress().percent == 100
    assert mail.outbox == []


# Test copies.


@pytest.mark.django_db
def test_a_test_copy_goes_to_the_staff_member_only(django_capture_on_commit_callbacks):
    confirmed(2)
    campaign = make_campaign()

    with django_capture_on_commit_callbacks(execute=True):
        campaigns.send_test(campaign, "editor@example.com")

    [message] = mail.outbox
    assert message.to == ["editor@example.com"]
    assert message.subject == "[Test] Five stretches for a stiff back"
    assert "This is a test of the issue" in html_of(message)
    assert not Delivery.objects.exists()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT


@pytest.mark.django_db
def test_an_inserted_article_card_is_kept_by_the_allowlist(send):
    article = make_article(
        "Sciatica: what helps",
        slug="sciatica",
        summary="What the evidence says.",
        featured_image=uploaded_image("sciatica.jpg", size=(1200, 800)),
        featured_image_alt="A man holding his lower back",
    )
    from django.template.loader import render_to_string

    card = render_to_string("admin/newsletter/campaign/_article_snippet.html", {"article": article})
    confirmed(1)

    send(make_campaign(body=card))

    html = html_of(mail.outbox[0])
    assert f'<a href="{SITE_URL}/articles/sciatica/"' in html
    assert re.search(rf'<img src="{SITE_URL}/media/[^"]+" alt="A man holding his lower back"', html)
    assert "What the evidence says." in html


@pytest.mark.django_db
def test_an_address_that_cannot_be_sent_to_fails_alone(send):
    readers = confirmed(3)
    Subscriber.objects.filter(pk=readers[1].pk).update(email="broken\n@example.com")  # say, a bad import

    campaign = send(make_campaign())

    assert set(received()) == {readers[0].email, readers[2].email}
    failed = campaign.deliveries.get(status=Delivery.Status.FAILED)
    assert failed.subscriber_id == readers[1].pk
    assert failed.reason.startswith("Could not be sent: ")
    assert campaign.status == Campaign.Status.SENT
