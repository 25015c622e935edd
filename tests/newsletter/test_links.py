"""The links in newsletter emails: confirm asks on GET and acts on POST, expires after 48 hours and
can be renewed; unsubscribe works in one click, without cookies, forever, across key rotations."""

import io
import logging
from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber, SubscriptionEvent
from tests.html import parse_html
from tests.newsletter.conftest import link_in, make_subscriber

pytestmark = pytest.mark.django_db
Status = Subscriber.Status
Kind = SubscriptionEvent.Kind


@pytest.fixture
def pending(sign_up):
    """A visitor who signed up; returns the confirm path from their email."""
    sign_up("reader@example.com", ip="198.51.100.7")
    [message] = mail.outbox
    return link_in(message, "confirm")


def heading(response) -> str:
    return parse_html(response).find("h1").text


def assert_private(response):
    assert response["Referrer-Policy"] == "same-origin"  # the token never leaves for another site
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


class TestConfirm:
    def test_opening_the_link_confirms_nothing_it_shows_a_button(self, client, pending):
        response = client.get(pending)
        assert response.status_code == 200
        assert_private(response)
        page = parse_html(response)
        assert page.find("main").find("form").attrs["method"] == "post"
        assert page.find("main").find("button").text == "Confirm my subscription"
        assert Subscriber.objects.get().status == Status.PENDING

    def test_a_mail_scanners_head_request_is_answered_and_confirms_nothing(self, client, pending):
        response = client.head(pending)
        assert response.status_code == 200
        assert response.content == b""
        assert Subscriber.objects.get().status == Status.PENDING

    def test_pressing_the_button_confirms_records_and_sends_the_welcome(self, client, pending, run_commits):
        mail.outbox.clear()
        with run_commits():
            response = client.post(pending, REMOTE_ADDR="198.51.100.8")
        assert response.status_code == 200
        assert heading(response) == "Welcome! You're subscribed"
        subscriber = Subscriber.objects.get()
        assert subscriber.status == Status.CONFIRMED
        assert subscriber.confirmed_at is not None
        confirmed = subscriber.events.get(kind=Kind.CONFIRMED)
        assert (confirmed.ip, confirmed.consent) == ("198.51.100.8", subscriber.consent)

        [welcome] = mail.outbox
        assert welcome.subject == "Welcome to the Healthy Back newsletter"
        unsubscribe = link_in(welcome, "unsubscribe")
        assert welcome.extra_headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000{unsubscribe}>"
        assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "100 Example Street" in welcome.body
        assert "100 Example Street" in welcome.alternatives[0][0]

    def test_a_reused_link_says_already_subscribed_and_sends_nothing_more(self, client, pending, run_commits):
        with run_commits():
            client.post(pending)
        mail.outbox.clear()
        with run_commits():
            again = client.post(pending)
        assert (again.status_code, heading(again)) == (200, "You're already subscribed")
        assert client.get(pending).status_code == 200
        assert mail.outbox == []
        assert Subscriber.objects.get().events.filter(kind=Kind.CONFIRMED).count() == 1

    @pytest.mark.parametrize(
        "mangle", [lambda t: t[:-2], lambda t: t + "x", lambda t: "x" + t, lambda t: "abc"]
    )
    def test_a_tampered_link_is_not_valid(self, client, pending, mangle):
        token = pending.split("/")[-2]
        for method in (client.get, client.post):
            response = method(f"/newsletter/confirm/{mangle(token)}/")
            assert response.status_code == 400
            assert heading(response) == "This link is not valid"
        assert Subscriber.objects.get().status == Status.PENDING

    def test_a_link_signed_for_something_else_is_not_valid(self, client, pending):
        subscriber = Subscriber.objects.get()
        unsubscribe = tokens.unsubscribe_token(subscriber)
        assert client.post(f"/newsletter/confirm/{unsubscribe}/").status_code == 400
        other_salt = signing.dumps(subscriber.token, salt="comments.reply-confirm")
        assert client.post(f"/newsletter/confirm/{other_salt}/").status_code == 400
        assert Subscriber.objects.get().status == Status.PENDING

    def test_an_expired_link_offers_a_fresh_one_within_the_limits(self, client, pending, run_commits):
        mail.outbox.clear()
        with time_machine.travel(timezone.now() + timedelta(hours=49)):
            shown = client.get(pending)
            assert (shown.status_code, heading(shown)) == (410, "This link has expired")
            assert parse_html(shown).find("main").find("button").text == "Send me a new link"
            with run_commits():
                renewed = client.post(pending)
            assert (renewed.status_code, renewed["Location"]) == (303, "/newsletter/check-your-inbox/")
            [fresh] = mail.outbox
            assert Subscriber.objects.get().status == Status.PENDING  # the old link confirmed nothing
            with run_commits():
                client.post(pending)  # again at once: inside the gap, nothing sent
            assert len(mail.outbox) == 1
            confirmed = client.post(link_in(fresh, "confirm"))
        assert heading(confirmed) == "Welcome! You're subscribed"

    def test_a_link_for_a_forgotten_or_suppressed_sign_up_is_gone(self, client, pending):
        subscriber = Subscriber.objects.get()
        subscriber.suppress(Subscriber.Reason.COMPLAINED)
        response = client.post(pending)
        assert (response.status_code, heading(response)) == (404, "This link can no longer be used")
        assert Subscriber.objects.get().status == Status.SUPPRESSED
        subscriber.delete()
        assert client.get(pending).status_code == 404

    def test_someone_who_left_can_come_back_through_a_new_confirmation(self, client, sign_up, run_commits):
        make_subscriber("left@example.com", Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        sign_up("left@example.com")
        with run_commits():
            response = client.post(link_in(mail.outbox[0], "confirm"))
        assert heading(response) == "Welcome! You're subscribed"
        assert Subscriber.objects.get().status == Status.CONFIRMED

    @pytest.mark.parametrize("method", ["put", "delete", "patch"])
    def test_other_methods_are_refused(self, client, pending, method):
        assert getattr(client, method)(pending).status_code == 405


@pytest.fixture
def subscriber(db):
    return make_subscriber("reader@example.com", Status.CONFIRMED, confirmed_at=timezone.now())


def unsubscribe_path(subscriber) -> str:
    return f"/newsletter/unsubscribe/{tokens.unsubscribe_token(subscriber)}/"


class TestUnsubscribe:
    def test_opening_the_link_shows_a_button_and_changes_nothing(self, client, subscriber):
        response = client.get(unsubscribe_path(subscriber))
        assert response.status_code == 200
        assert_private(response)
        assert parse_html(response).find("main").find("button").text == "Unsubscribe"
        assert Subscriber.objects.get().status == Status.CONFIRMED

    def test_a_mail_scanners_head_request_is_answered_and_changes_nothing(self, client, subscriber):
        assert client.head(unsubscribe_path(subscriber)).status_code == 200
        assert Subscriber.objects.get().status == Status.CONFIRMED

    def test_one_click_post_works_without_csrf_token_cookie_or_session(self, subscriber):
        mail_provider = Client(enforce_csrf_checks=True)  # no cookies at all
        response = mail_provider.post(
            unsubscribe_path(subscriber),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
            REMOTE_ADDR="192.0.2.1",
        )
        assert response.status_code == 200
        assert heading(response) == "You're unsubscribed"
        assert "Set-Cookie" not in response.headers
        assert not response.cookies
        subscriber.refresh_from_db()
        assert subscriber.status == Status.UNSUBSCRIBED
        event = subscriber.events.get()
        assert (event.kind, event.ip) == (Kind.UNSUBSCRIBED, "192.0.2.1")

    def test_pressing_it_twice_is_harmless(self, client, subscriber):
        client.post(unsubscribe_path(subscriber))
        again = client.post(unsubscribe_path(subscriber))
        assert heading(again) == "You're unsubscribed"
        assert subscriber.events.filter(kind=Kind.UNSUBSCRIBED).count() == 1

    def test_the_link_never_expires_and_survives_a_secret_key_rotation(self, client, subscriber, settings):
        path = unsubscribe_path(subscriber)
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "the-next-secret-key-after-rotation-0123456789-abcdef"
        with time_machine.travel(timezone.now() + timedelta(days=3650)):
            response = client.post(path)
        assert heading(response) == "You're unsubscribed"
        assert Subscriber.objects.get().status == Status.UNSUBSCRIBED

    def test_a_suppressed_address_stays_suppressed(self, client, subscriber):
        subscriber.suppress(Subscriber.Reason.BOUNCED)
        client.post(unsubscribe_path(subscriber))
        assert Subscriber.objects.get().status == Status.SUPPRESSED

    def test_a_pending_sign_up_can_be_stopped_from_its_confirmation_email(self, client, sign_up):
        sign_up("victim@example.com")
        client.post(link_in(mail.outbox[0], "unsubscribe"))
        assert Subscriber.objects.get().status == Status.UNSUBSCRIBED

    def test_a_tampered_link_is_not_valid_and_a_forgotten_one_is_gone(self, client, subscriber):
        path = unsubscribe_path(subscriber)
        assert client.post(path.replace(subscriber.token, subscriber.token[::-1])).status_code == 400
        assert client.post("/newsletter/unsubscribe/nonsense/").status_code == 400
        assert Subscriber.objects.get().status == Status.CONFIRMED
        subscriber.delete()
        assert client.post(path).status_code == 404

    def test_other_methods_are_refused(self, client, subscriber):
        assert client.put(unsubscribe_path(subscriber)).status_code == 405


class TestSendingAfterAChangeOfMind:
    def test_a_queued_email_is_dropped_once_the_address_is_suppressed_or_erased(self, sign_up, settings):
        from django_tasks_db.models import DBTaskResult

        from core.mail import deliver
        from tests.test_worker import DATABASE_BACKEND

        settings.TASKS = DATABASE_BACKEND  # queued in the database; no worker runs here
        sign_up("reader@example.com")
        [queued] = DBTaskResult.objects.all()
        [message] = queued.args_kwargs["args"]
        subscriber = Subscriber.objects.get()

        subscriber.suppress(Subscriber.Reason.BOUNCED)
        assert deliver(message, first_tried_at=None, attempt=1) == "not sent: no longer wanted"
        subscriber.delete()
        assert deliver(message, first_tried_at=None, attempt=1) == "not sent: no longer wanted"
        assert mail.outbox == []


def test_the_log_never_holds_a_links_token(client, pending):
    # An expired link is answered 410, which Django's request logger reports with the address.
    console = next(handler for handler in logging.getLogger().handlers if handler.name == "console")
    written = io.StringIO()
    stream = console.setStream(written)
    try:
        with time_machine.travel(timezone.now() + timedelta(hours=49)):
            assert client.get(pending).status_code == 410
        logging.getLogger("django.server").info('"GET %s HTTP/1.1" 200 512', pending)
    finally:
        console.setStream(stream)
    token = pending.rstrip("/").rsplit("/", 1)[1]
    assert "/newsletter/confirm/[token]/" in written.getvalue()
    assert token not in written.getvalue()
