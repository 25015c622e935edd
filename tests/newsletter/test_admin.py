"""Staff see the list and its consent record in the admin, act only through recorded actions, export
with a permission, keep consent texts as versions, and find erased addresses by typing them."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from newsletter.admin.subscribers import neutralise
from newsletter.models import ConsentText, Subscriber, SubscriptionEvent, SuppressedAddress
from tests.factories import make_user
from tests.html import parse_html

pytestmark = pytest.mark.django_db

Status = Subscriber.Status
Kind = SubscriptionEvent.Kind
CHANGELIST = reverse("admin:newsletter_subscriber_changelist")


def subscribe(email, status=Status.PENDING, **fields) -> Subscriber:
    return Subscriber.objects.create(email=email, status=status, **fields)


def listed_emails(response) -> list[str]:
    table = parse_html(response).find("table", id="result_list")
    return [row.find("th").text for row in table.find("tbody").find_all("tr")]


def staff_with(*codenames):
    user = make_user(staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="newsletter",
                                                         codename__in=codenames))  # fmt: skip
    return user


def act(client, action, *subscribers, follow=True):
    data = {"action": action, "_selected_action": [subscriber.pk for subscriber in subscribers]}
    return client.post(CHANGELIST, data, follow=follow)


# The list


def test_the_list_counts_each_status_and_filters_by_status_and_reason(admin_client):
    subscribe("a@example.com")
    subscribe("b@example.com")
    subscribe("c@example.com", Status.CONFIRMED)
    subscribe("d@example.com", Status.SUPPRESSED, suppression_reason=Subscriber.Reason.BOUNCED)

    response = admin_client.get(CHANGELIST)
    filters = parse_html(response).find("nav", id="changelist-filter").text
    for title in ["Waiting for confirmation (2)", "Confirmed (1)", "Suppressed (1)", "Bounced (1)"]:
        assert title in filters
    assert listed_emails(admin_client.get(CHANGELIST, {"status__exact": "pending"})) == [
        "b@example.com",
        "a@example.com",
    ]
    assert listed_emails(admin_client.get(CHANGELIST, {"suppression_reason__exact": "bounced"})) == [
        "d@example.com"
    ]


def test_the_list_is_newest_first_searchable_and_has_a_date_hierarchy(admin_client):
    subscribe("old@example.com", created_at=timezone.now() - timedelta(days=3))
    subscribe("new@example.com", source_url="/articles/sciatica/")

    response = admin_client.get(CHANGELIST)
    assert listed_emails(response) == ["new@example.com", "old@example.com"]
    assertContains(response, "/articles/sciatica/")
    assert parse_html(response).find("nav", class_="toplinks")
    assert listed_emails(admin_client.get(CHANGELIST, {"q": "old@"})) == ["old@example.com"]


def test_the_list_runs_the_same_queries_for_one_subscriber_or_thirty(admin_client):
    subscribe("first@example.com").record(Kind.SIGNED_UP)
    admin_client.get(CHANGELIST)  # session and content types warmed up
    with CaptureQueriesContext(connection) as one:
        assert admin_client.get(CHANGELIST).status_code == 200

    for number in range(29):
        subscribe(f"reader{number}@example.com", consent=ConsentText.current()).record(Kind.SIGNED_UP)
    with CaptureQueriesContext(connection) as thirty:
        response = admin_client.get(CHANGELIST)

    assert len(listed_emails(response)) == 30
    assert len(thirty) == len(one)


# The change view


def test_the_subscriber_page_is_read_only_and_a_crafted_post_changes_nothing(admin_client):
    subscriber = subscribe("reader@example.com", signup_ip="198.51.100.7")
    url = reverse("admin:newsletter_subscriber_change", args=[subscriber.pk])

    page = parse_html(admin_client.get(url))
    assert page.find("div", class_="field-signup_ip").find("div", class_="readonly").text == "198.51.100.7"
    assert not page.find_all("input", name="_save")
    assert not page.find_all("select", name="status")

    response = admin_client.post(url, {"status": "confirmed", "email": "reader@example.com"})
    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == Status.PENDING
    assert admin_client.get(reverse("admin:newsletter_subscriber_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:newsletter_subscriber_delete", args=[subscriber.pk])).status_code
        == 403
    )


def test_the_history_is_shown_read_only_with_who_did_what(admin_client, admin_user):
    consent = ConsentText.current()
    subscriber = subscribe("reader@example.com", consent=consent)
    subscriber.record(Kind.SIGNED_UP, ip="198.51.100.7")
    subscriber.record(Kind.UNSUBSCRIBED, note="by staff", by=admin_user)

    response = admin_client.get(reverse("admin:newsletter_subscriber_change", args=[subscriber.pk]))
    inline = parse_html(response).find("div", id="events-group")
    columns = ["kind", "ip", "consent", "note", "actor"]
    rows = [
        {column: row.find("td", class_=f"field-{column}").text for column in columns}
        for row in inline.find("tbody").find_all("tr", class_="form-row")
    ]
    assert rows == [
        {"kind": "Signed up", "ip": "198.51.100.7", "consent": f"Version {consent.version}", "note": "-", "actor": "-"},
        {"kind": "Unsubscribed", "ip": "-", "consent": f"Version {consent.version}", "note": "by staff",
         "actor": admin_user.username},
    ]  # fmt: skip
    editable = [field for field in inline.find_all("input") + inline.find_all("select") + inline.find_all("textarea")
                if field.attrs.get("type") != "hidden"]  # fmt: skip
    assert editable == []


def test_the_history_is_shown_to_staff_who_may_only_view_subscribers(client):
    subscriber = subscribe("reader@example.com")
    subscriber.record(Kind.SIGNED_UP, ip="198.51.100.7")
    client.force_login(staff_with("view_subscriber"))

    response = client.get(reverse("admin:newsletter_subscriber_change", args=[subscriber.pk]))
    assert parse_html(response).find("div", id="events-group")
    assertContains(response, "198.51.100.7")


# Actions


def test_resend_sends_once_then_respects_the_per_address_limit(
    admin_client, admin_user, django_capture_on_commit_callbacks
):
    pending = subscribe("pending@example.com")
    confirmed = subscribe("confirmed@example.com", Status.CONFIRMED)

    with django_capture_on_commit_callbacks(execute=True):
        response = act(admin_client, "resend_confirmation", pending, confirmed)
    assertContains(response, "Sent 1 confirmation email. Skipped 1 already confirmed or suppressed.")
    assert [message.to for message in mail.outbox] == [["pending@example.com"]]
    event = pending.events.get(kind=Kind.CONFIRMATION_SENT)
    assert event.actor == admin_user

    with django_capture_on_commit_callbacks(execute=True):
        response = act(admin_client, "resend_confirmation", pending)
    assertContains(response, "Sent 0 confirmation emails. Skipped 1 because of the per-address limit")
    assert len(mail.outbox) == 1
    assert pending.events.filter(kind=Kind.CONFIRMATION_SENT).count() == 1


def test_suppress_records_the_staff_member(admin_client, admin_user):
    subscriber = subscribe("reader@example.com", Status.CONFIRMED)

    assertContains(act(admin_client, "suppress", subscriber), "Suppressed 1 subscriber.")
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.suppression_reason) == (Status.SUPPRESSED, Subscriber.Reason.STAFF)
    assert subscriber.events.get(kind=Kind.SUPPRESSED).actor == admin_user
    assertContains(act(admin_client, "suppress", subscriber), "Skipped 1 already suppressed.")


def test_unsubscribe_records_the_staff_member(admin_client, admin_user):
    subscriber = subscribe("reader@example.com", Status.CONFIRMED)

    assertContains(act(admin_client, "unsubscribe", subscriber), "Unsubscribed 1 subscriber.")
    subscriber.refresh_from_db()
    assert subscriber.status == Status.UNSUBSCRIBED
    event = subscriber.events.get(kind=Kind.UNSUBSCRIBED)
    assert (event.actor, event.note) == (admin_user, "by staff")


def test_staff_cannot_bulk_delete_around_the_consent_record(admin_client):
    subscribe("reader@example.com")
    response = admin_client.get(CHANGELIST)
    actions = [
        option.attrs["value"]
        for option in parse_html(response).find("select", name="action").find_all("option")
    ]
    assert "delete_selected" not in actions
    assert {"resend_confirmation", "suppress", "unsubscribe", "export_csv"} <= set(actions)


def test_staff_who_may_only_view_get_no_actions_that_change_anything(client):
    subscriber = subscribe("reader@example.com", Status.CONFIRMED)
    client.force_login(staff_with("view_subscriber"))

    act(client, "unsubscribe", subscriber)
    subscriber.refresh_from_db()
    assert subscriber.status == Status.CONFIRMED


# Export


def test_export_is_not_offered_or_run_without_the_permission(client):
    subscriber = subscribe("reader@example.com")
    client.force_login(staff_with("view_subscriber", "change_subscriber"))

    page = parse_html(client.get(CHANGELIST))
    actions = [option.attrs["value"] for option in page.find("select", name="action").find_all("option")]
    assert "unsubscribe" in actions
    assert "export_csv" not in actions

    response = act(client, "export_csv", subscriber, follow=False)
    assert "Content-Disposition" not in response.headers
    assert not response.headers.get("Content-Type", "").startswith("text/csv")


def test_export_gives_the_consent_record_as_csv_with_formulas_neutralised(client):
    consent = ConsentText.objects.create(text="We email you weekly.")
    subscriber = subscribe(
        "reader@example.com",
        Status.CONFIRMED,
        signup_ip="198.51.100.7",
        source_url="=cmd|' /C calc'!A0",
        consent=consent,
        confirmed_at=timezone.now(),
    )
    client.force_login(staff_with("view_subscriber", "export_subscribers"))

    response = act(client, "export_csv", subscriber, follow=False)
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="newsletter-subscribers-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        ["email", "status", "suppression reason", "signed up at", "signup IP", "source page",
         "consent text version", "consent text", "confirmed at", "unsubscribed at"],
        ["reader@example.com", "confirmed", "", subscriber.created_at.isoformat(), "198.51.100.7",
         "'=cmd|' /C calc'!A0", str(consent.version), "We email you weekly.",
         subscriber.confirmed_at.isoformat(), ""],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("/articles/sciatica/", "/articles/sciatica/"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_neutralise_defuses_cells_a_spreadsheet_would_run(value, expected):
    assert neutralise(value) == expected


# Consent texts


def test_a_new_consent_text_is_the_next_version_and_old_ones_stay_as_they_were(admin_client, admin_user):
    first = ConsentText.current()
    add = reverse("admin:newsletter_consenttext_add")

    textarea = parse_html(admin_client.get(add)).find("textarea", name="text")
    assert textarea.text == first.text
    assert admin_client.post(add, {"text": "Weekly, and a monthly digest."}).status_code == 302
    latest = ConsentText.current()
    assert (latest.version, latest.created_by) == (first.version + 1, admin_user)

    change = reverse("admin:newsletter_consenttext_change", args=[first.pk])
    assert not parse_html(admin_client.get(change)).find_all("textarea")
    assert admin_client.post(change, {"text": "Rewritten history."}).status_code == 403
    assert (
        admin_client.post(reverse("admin:newsletter_consenttext_delete", args=[first.pk])).status_code == 403
    )
    first.refresh_from_db()
    assert first.text != "Rewritten history."
    listed = parse_html(admin_client.get(reverse("admin:newsletter_consenttext_changelist")))
    assert [
        row.find("th").text for row in listed.find("table", id="result_list").find("tbody").find_all("tr")
    ] == [
        str(latest.version),
        str(first.version),
    ]


# Erased addresses


def test_an_erased_address_is_found_by_typing_it(admin_client):
    erased = SuppressedAddress.objects.create(digest=SuppressedAddress.digest_of("gone@example.com"))
    other = SuppressedAddress.objects.create(digest=SuppressedAddress.digest_of("other@example.com"))
    url = reverse("admin:newsletter_suppressedaddress_changelist")

    response = admin_client.get(url, {"q": " Gone@Example.com "})
    assertContains(response, erased.digest[:12])
    assertNotContains(response, other.digest[:12])
    assertContains(admin_client.get(url, {"q": other.digest[:8]}), other.digest[:12])
    assert admin_client.get(reverse("admin:newsletter_suppressedaddress_add")).status_code == 403


def test_deleting_an_erased_address_lifts_the_block(admin_client):
    erased = SuppressedAddress.objects.create(digest=SuppressedAddress.digest_of("gone@example.com"))

    url = reverse("admin:newsletter_suppressedaddress_delete", args=[erased.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not SuppressedAddress.holds("gone@example.com")


# The admin index


def event(kind, days_ago, subscriber=None):
    return SubscriptionEvent.objects.create(
        subscriber=subscriber, kind=kind, created_at=timezone.now() - timedelta(days=days_ago)
    )


def test_the_index_shows_the_last_30_days_of_the_newsletter(admin_client):
    reader = subscribe("reader@example.com", Status.CONFIRMED)
    event(Kind.SIGNED_UP, 10, reader)
    event(Kind.CONFIRMED, 9, reader)
    event(Kind.SIGNED_UP, 2)  # a subscriber purged since: the event still counts
    event(Kind.UNSUBSCRIBED, 1)
    event(Kind.CONFIRMATION_SENT, 1)
    event(Kind.SIGNED_UP, 31)  # too old

    page = parse_html(admin_client.get(reverse("admin:index")))
    assert page.find("p", class_="newsletter-dashboard").text == (
        "Newsletter, last 30 days: 2 sign-ups · 1 confirmation · 1 unsubscribe. 1 confirmed subscriber now."
    )
    # The rest of the index is still Django's.
    assert page.find("div", id="content-main").find_all("div", class_="app-newsletter")
    assert page.find("div", id="recent-actions-module")


def test_the_index_line_is_only_for_staff_who_may_see_subscribers(client):
    client.force_login(staff_with())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert not parse_html(response).find_all("p", class_="newsletter-dashboard")
