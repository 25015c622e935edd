"""Unconfirmed sign-ups go after 7 days, people who left go after the 3 years the privacy policy
promises; the consent events stay, anonymous, so the counts remain. And readers' data requests."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Campaign, Delivery, Subscriber, SubscriptionEvent
from tests.newsletter.conftest import make_subscriber

pytestmark = pytest.mark.django_db
Status = Subscriber.Status
Kind = SubscriptionEvent.Kind


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def days_ago(days, **extra):
    return timezone.now() - timedelta(days=days, **extra)


def test_the_purge_deletes_old_unconfirmed_sign_ups_and_keeps_anonymous_counts():
    stale = make_subscriber("stale@example.com", created_at=days_ago(7, minutes=1), signup_ip="198.51.100.1")
    stale.record(Kind.SIGNED_UP, ip="198.51.100.1")
    make_subscriber("fresh@example.com", created_at=days_ago(6, hours=23))
    make_subscriber("old-confirmed@example.com", Status.CONFIRMED, created_at=days_ago(400))
    make_subscriber("left-recently@example.com", Status.UNSUBSCRIBED, created_at=days_ago(900),
                    unsubscribed_at=days_ago(30))  # fmt: skip
    long_gone = make_subscriber(
        "long-gone@example.com", Status.UNSUBSCRIBED, unsubscribed_at=days_ago(3 * 365 + 1)
    )
    long_gone.record(Kind.UNSUBSCRIBED, ip="198.51.100.2")
    make_subscriber("bounced@example.com", Status.SUPPRESSED, created_at=days_ago(4000))

    output = run("purge_newsletter_data")

    assert output == "Deleted 1 unconfirmed sign-up(s) and 1 subscriber(s) who left over 3 years ago."
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "bounced@example.com", "fresh@example.com", "left-recently@example.com", "old-confirmed@example.com"
    ]  # fmt: skip
    kept = list(SubscriptionEvent.objects.order_by("pk").values_list("subscriber", "kind", "ip", "note"))
    assert kept == [
        (None, Kind.SIGNED_UP, None, ""),
        (None, Kind.UNSUBSCRIBED, None, ""),
        (None, Kind.PURGED, None, ""),
        (None, Kind.PURGED, None, "left over 3 years ago"),
    ]
    assert (
        run("purge_newsletter_data")
        == "Deleted 0 unconfirmed sign-up(s) and 0 subscriber(s) who left over 3 years ago."
    )


def test_a_readers_export_includes_their_newsletter_consent_record():
    subscriber = make_subscriber("reader@example.com", Status.CONFIRMED, signup_ip="198.51.100.7",
                                 source_url="/articles/sciatica/")  # fmt: skip
    subscriber.record(Kind.SIGNED_UP, ip="198.51.100.7")
    subscriber.record(Kind.CONFIRMED, ip="198.51.100.8")

    data = json.loads(run("export_personal_data", "Reader@Example.com"))

    newsletter = data["newsletter"]
    assert newsletter["status"] == "confirmed"
    assert newsletter["signed_up_on"] == "/articles/sciatica/"
    assert [(e["kind"], e["ip"]) for e in newsletter["events"]] == [
        ("signed_up", "198.51.100.7"),
        ("confirmed", "198.51.100.8"),
    ]
    assert json.loads(run("export_personal_data", "nobody@example.com"))["newsletter"] is None


def test_a_readers_export_lists_the_issues_sent_to_them_and_erasure_keeps_the_counts_only():
    subscriber = make_subscriber("reader@example.com", Status.CONFIRMED)
    campaign = Campaign.objects.create(
        subject="Sleep and back pain", status=Campaign.Status.SENT, recipient_count=1
    )
    Delivery.objects.create(campaign=campaign, subscriber=subscriber, status=Delivery.Status.SENT)

    issues = json.loads(run("export_personal_data", "reader@example.com"))["newsletter"]["issues_sent"]
    assert [(issue["subject"], issue["status"]) for issue in issues] == [("Sleep and back pain", "sent")]

    run("erase_personal_data", "reader@example.com")
    delivery = Delivery.objects.get()
    assert delivery.subscriber is None
    assert campaign.progress().sent == 1


def test_erasure_removes_the_subscriber_and_says_so():
    make_subscriber("reader@example.com", Status.CONFIRMED)
    assert run("erase_personal_data", "reader@example.com").splitlines() == [
        "Anonymised 0 comments by reader@example.com.",
        "Erased the newsletter subscription of reader@example.com; the address stays blocked.",
    ]
    assert not Subscriber.objects.exists()


def test_production_warns_while_emails_carry_the_placeholder_postal_address(settings):
    from newsletter.checks import PLACEHOLDER_ADDRESS, postal_address_is_real

    settings.DEBUG = False
    settings.NEWSLETTER_POSTAL_ADDRESS = PLACEHOLDER_ADDRESS
    assert [warning.id for warning in postal_address_is_real(None)] == ["newsletter.W001"]
    settings.NEWSLETTER_POSTAL_ADDRESS = "Healthy Back Inc., 12 Spine Road, Boston, MA 02101, USA"
    assert postal_address_is_real(None) == []


def test_a_providers_bounce_list_suppresses_known_and_unknown_addresses(tmp_path, sign_up):
    from django.core import mail

    make_subscriber("known@example.com", Status.CONFIRMED)
    make_subscriber("already@example.com", Status.SUPPRESSED, suppression_reason="staff")
    bounces = tmp_path / "bounces.txt"
    bounces.write_text(
        "# from the provider\nKnown@Example.com\nstranger@example.com\nalready@example.com\nnot an address\n"
    )

    output = run("suppress_newsletter_addresses", str(bounces), "--reason", "bounced")

    assert output == "Suppressed 2 address(es); 1 already suppressed; 1 line(s) skipped as not an address."
    statuses = dict(Subscriber.objects.values_list("email", "suppression_reason"))
    assert statuses == {
        "known@example.com": "bounced",
        "stranger@example.com": "bounced",
        "already@example.com": "staff",
    }
    sign_up("stranger@example.com")
    assert mail.outbox == []
