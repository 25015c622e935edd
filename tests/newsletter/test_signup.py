"""Signing up from the box: one neutral answer for every address, limits that protect inboxes, and
bad input answered clearly with what was typed kept."""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from newsletter.models import ConsentText, Subscriber, SubscriptionEvent, SuppressedAddress
from newsletter.services import personal_data_erase, suppress_addresses
from tests.factories import make_article, make_author, make_category
from tests.html import parse_html
from tests.newsletter.conftest import link_in, make_subscriber, sent_to

pytestmark = pytest.mark.django_db
Status = Subscriber.Status
Kind = SubscriptionEvent.Kind


@pytest.fixture
def article(db):
    return make_article(
        "Living with sciatica",
        slug="sciatica",
        category=make_category("Sciatica"),
        author=make_author("Dana Reyes"),
    )


class TestTheBox:
    def test_every_article_page_has_a_box_in_the_article_and_in_the_footer(self, client, article):
        page = parse_html(client.get(article.get_absolute_url()))
        boxes = page.find_all("aside", class_="newsletter-box")
        assert [box.attrs["aria-labelledby"] for box in boxes] == [
            "newsletter-article-heading",
            "newsletter-footer-heading",
        ]
        for box, place in zip(boxes, ["article", "footer"], strict=True):
            form = box.find("form")
            assert form.attrs["action"] == "/newsletter/subscribe/"
            assert form.attrs["method"] == "post"
            assert form.find("input", name="csrfmiddlewaretoken")
            field = form.find("input", name="email")
            assert field.attrs["id"] == f"newsletter-{place}-email"
            assert form.find("label", for_=f"newsletter-{place}-email").text.startswith("Your email address")
            assert form.find("button").text == "Sign Me Up!"
            assert form.find("input", name="source").attrs["value"] == "/articles/sciatica/"
            assert form.find("input", name="consent").attrs["value"] == str(ConsentText.current().version)
            promise = box.find("p", class_="newsletter-promise")
            assert "We are 100% anti-spam compliant" in promise.text
            assert promise.find("a").attrs["href"] == "/pages/privacy/"
            assert box.find("p", class_="newsletter-consent").text == ConsentText.current().text

    @pytest.mark.parametrize("url", ["/", "/category/sciatica/", "/author/dana-reyes/"])
    def test_every_page_has_the_footer_box(self, client, article, url):
        page = parse_html(client.get(url))
        assert page.find("aside", class_="newsletter-footer").find("input", name="email")

    def test_the_box_holds_nothing_about_the_visitor(self, client, article, sign_up):
        sign_up("reader@example.com")
        page = client.get(article.get_absolute_url()).content.decode()
        assert "reader@example.com" not in page

    def test_the_consent_text_shown_is_the_latest_version(self, client, article):
        ConsentText.objects.create(text="Version two: weekly tips, unsubscribe any time.")
        box = parse_html(client.get(article.get_absolute_url())).find("aside", class_="newsletter-article")
        assert (
            box.find("p", class_="newsletter-consent").text
            == "Version two: weekly tips, unsubscribe any time."
        )


class TestANewAddress:
    def test_it_is_recorded_as_pending_with_its_consent_and_gets_one_confirmation(self, sign_up):
        response = sign_up("  Reader@Example.COM ", ip="198.51.100.7")

        assert response.status_code == 303
        assert response["Location"] == "/newsletter/check-your-inbox/"
        subscriber = Subscriber.objects.get()
        assert (subscriber.email, subscriber.status) == ("reader@example.com", Status.PENDING)
        assert subscriber.signup_ip == "198.51.100.7"
        assert subscriber.source_url == "/articles/sciatica/"
        assert subscriber.consent == ConsentText.current()
        events = list(subscriber.events.values_list("kind", "ip", "consent__version"))
        version = ConsentText.current().version
        assert events == [
            (Kind.SIGNED_UP, "198.51.100.7", version),
            (Kind.CONFIRMATION_SENT, "198.51.100.7", version),
        ]
        [message] = mail.outbox
        assert message.to == ["reader@example.com"]
        assert message.subject == "Please confirm your Healthy Back newsletter sign-up"

    def test_the_confirmation_email_has_text_and_html_with_an_absolute_opaque_link(self, sign_up, settings):
        settings.SITE_URL = "https://healthyback.example"
        sign_up("reader@example.com")
        [message] = mail.outbox
        confirm = link_in(message, "confirm")
        assert f"https://healthyback.example{confirm}" in message.body
        [(html, mimetype)] = message.alternatives
        assert mimetype == "text/html"
        assert f'href="https://healthyback.example{confirm}"' in html
        assert "reader" not in confirm
        assert "example.com" not in confirm
        assert "48 hours" in message.body
        assert "100 Example Street" in message.body  # the publisher's postal address
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    def test_the_email_repeats_nothing_the_visitor_typed_but_their_address(self, sign_up):
        sign_up("reader@example.com", source="/articles/<b>Win a prize</b>/", nickname="")
        [message] = mail.outbox
        for part in (message.subject, message.body, message.alternatives[0][0]):
            assert "Win a prize" not in part
        assert Subscriber.objects.get().source_url == "/articles/<b>Win a prize</b>/"  # kept, not mailed

    def test_the_recorded_consent_is_the_version_the_visitor_saw(self, sign_up):
        seen = ConsentText.current()
        ConsentText.objects.create(text="A newer text, published while the page was open.")
        sign_up("reader@example.com", consent=str(seen.version))
        assert Subscriber.objects.get().consent == seen

    def test_an_unknown_consent_version_or_odd_source_records_the_current_one_and_no_page(self, sign_up):
        sign_up("reader@example.com", consent="999", source="https://evil.example/")
        subscriber = Subscriber.objects.get()
        assert subscriber.consent == ConsentText.current()
        assert subscriber.source_url == ""

    def test_the_request_does_not_wait_for_the_mail_server(self, client, settings):
        # The email is handed to the worker only after the transaction commits: with no commit
        # hooks run here, the visitor's answer comes back and nothing has been sent yet.
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
        response = client.post("/newsletter/subscribe/", {"email": "reader@example.com"})
        assert response.status_code == 303
        assert Subscriber.objects.get().status == Status.PENDING


def neutral(response, client) -> tuple:
    """The redirect and the page it leads to, without the per-request CSRF token."""
    page = client.get(response["Location"])
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", page.content)
    return response.status_code, response["Location"], response.content, page.status_code, body


class TestNothingRevealsWhetherAnAddressIsKnown:
    def test_every_state_gets_a_byte_identical_answer(self, client, sign_up):
        make_subscriber("pending@example.com", Status.PENDING)
        make_subscriber("confirmed@example.com", Status.CONFIRMED, confirmed_at=timezone.now())
        make_subscriber("left@example.com", Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        make_subscriber("bounced@example.com", Status.SUPPRESSED, suppression_reason="bounced")
        make_subscriber("erased@example.com", Status.CONFIRMED)
        personal_data_erase(email="erased@example.com")

        answers = {
            email: neutral(sign_up(email, ip=f"198.51.100.{n}"), client)
            for n, email in enumerate(
                [
                    "new@example.com",
                    "pending@example.com",
                    "confirmed@example.com",
                    "left@example.com",
                    "bounced@example.com",
                    "erased@example.com",
                ]
            )
        }
        answers["honeypot"] = neutral(sign_up("bot@example.com", nickname="Buy pills"), client)
        assert len(set(answers.values())) == 1, answers.keys()
        status, location, _, page_status, body = answers["new@example.com"]
        assert (status, location, page_status) == (303, "/newsletter/check-your-inbox/", 200)
        assert b"Check your inbox to confirm" in body

    def test_limited_requests_get_the_same_answer_too(self, client, sign_up):
        first = neutral(sign_up("victim@example.com"), client)
        assert neutral(sign_up("victim@example.com"), client) == first  # inside the address's gap
        for n in range(12):
            last = sign_up(f"many{n}@example.com", ip="203.0.113.9")
        assert neutral(last, client) == first  # over the IP limit

    def test_no_answer_comes_back_sooner_than_the_full_work_would(self, sign_up, settings):
        # An erased, suppressed or limited address, or a bot, does less work than a new address
        # (no row, no email): every answer is held to the same floor so timing tells nothing.
        # (bench/signup_timing.py measures the medians of each branch.)
        settings.NEWSLETTER_SIGNUP_ANSWER_SECONDS = 0.25
        make_subscriber("bounced@example.com", Status.SUPPRESSED, suppression_reason="bounced")
        make_subscriber("erased@example.com", Status.CONFIRMED)
        personal_data_erase(email="erased@example.com")
        for email, fields in [
            ("erased@example.com", {}),
            ("bounced@example.com", {}),
            ("bot@example.com", {"nickname": "Buy pills"}),
            ("new@example.com", {}),
        ]:
            started = time.monotonic()
            assert sign_up(email, **fields).status_code == 303
            assert time.monotonic() - started >= 0.25, email

    def test_a_confirmed_subscriber_gets_only_a_short_already_subscribed_note(self, sign_up):
        make_subscriber("confirmed@example.com", Status.CONFIRMED, confirmed_at=timezone.now())
        sign_up("confirmed@example.com")
        [message] = mail.outbox
        assert message.subject == "You're already subscribed to the Healthy Back newsletter"
        assert "/newsletter/confirm/" not in message.body
        assert Subscriber.objects.get().status == Status.CONFIRMED
        sign_up("confirmed@example.com")  # within the same limits as confirmations
        assert len(mail.outbox) == 1

    def test_suppressed_and_erased_addresses_get_nothing_and_are_not_signed_up(self, sign_up):
        suppress_addresses(emails_to_suppress=["Bounced@Example.com"], reason=Subscriber.Reason.BOUNCED)
        make_subscriber("erased@example.com", Status.CONFIRMED)
        personal_data_erase(email="erased@example.com")

        sign_up("bounced@example.com")
        sign_up("ERASED@example.com")

        assert mail.outbox == []
        assert Subscriber.objects.get().status == Status.SUPPRESSED
        assert not Subscriber.objects.filter(email="erased@example.com").exists()

    def test_an_unsubscribed_address_gets_a_confirmation_but_stays_unsubscribed_until_it_confirms(
        self, sign_up
    ):
        make_subscriber("left@example.com", Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        sign_up("left@example.com")
        [message] = mail.outbox
        assert link_in(message, "confirm")
        assert Subscriber.objects.get().status == Status.UNSUBSCRIBED


class TestLimits:
    def test_an_address_gets_at_most_three_confirmations_a_day_with_growing_gaps(self, sign_up):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            sign_up("victim@example.com")
            sign_up("victim@example.com")
            assert len(mail.outbox) == 1
            clock.shift(timedelta(minutes=10))
            sign_up("victim@example.com")
            assert len(mail.outbox) == 2
            clock.shift(timedelta(minutes=30))
            sign_up("victim@example.com")
            assert len(mail.outbox) == 2  # the third waits an hour
            clock.shift(timedelta(minutes=30))
            sign_up("victim@example.com")
            assert len(mail.outbox) == 3
            clock.shift(timedelta(hours=10))
            sign_up("victim@example.com")
            assert len(mail.outbox) == 3  # three in a day at most
            clock.shift(timedelta(hours=13))
            sign_up("victim@example.com")
            assert len(mail.outbox) == 4  # a new day
        sent = SubscriptionEvent.objects.filter(kind=Kind.CONFIRMATION_SENT).count()
        assert sent == 4

    def test_the_address_limit_is_kept_in_the_database_not_the_cache(self, sign_up):
        from django.core.cache import cache

        sign_up("victim@example.com", ip="198.51.100.1")
        cache.clear()  # a restart, or another server with its own memory
        sign_up("victim@example.com", ip="198.51.100.2")
        assert len(sent_to("victim@example.com")) == 1

    def test_one_ip_address_may_ask_ten_times_a_window(self, sign_up, settings):
        # A short window, waited out for real: Redis keeps its own clock, which tests cannot move.
        settings.NEWSLETTER_IP_WINDOW_SECONDS = 3
        for n in range(12):
            sign_up(f"person{n}@example.com", ip="203.0.113.9")
        assert Subscriber.objects.count() == 10
        assert len(mail.outbox) == 10
        sign_up("other@example.com", ip="203.0.113.10")
        assert len(mail.outbox) == 11
        time.sleep(3.2)
        sign_up("later@example.com", ip="203.0.113.9")
        assert len(sent_to("later@example.com")) == 1

    def test_the_honeypot_stores_and_sends_nothing(self, sign_up):
        response = sign_up("bot@example.com", nickname="http://spam.example")
        assert response.status_code == 303
        assert not Subscriber.objects.exists()
        assert mail.outbox == []


class TestBadInput:
    @pytest.mark.parametrize(
        ("email", "message"),
        [
            ("", "Please enter your email address."),
            ("not-an-address", "Please enter an email address like name@example.com."),
            (
                "reader@example.com\r\nBcc: victim@example.org",
                "Please enter an email address like name@example.com.",
            ),
            ("reader@example.com\nSubject: hi", "Please enter an email address like name@example.com."),
            ("a" * 250 + "@example.com", "That address is too long to be real. Please check it."),
            ('"><script>alert(1)</script>@x.com', "Please enter an email address like name@example.com."),
            # Mail to these would go to this server or a private network, never to a person.
            ("reader@localhost", "Please enter an email address like name@example.com."),
            ("reader@[127.0.0.1]", "Please enter an email address like name@example.com."),
            ("reader@mail.internal", "Please enter an email address like name@example.com."),
        ],
    )
    def test_it_answers_400_with_the_problem_by_the_field_and_the_text_kept(self, client, email, message):
        response = client.post("/newsletter/subscribe/", {"email": email, "source": "/"})
        assert response.status_code == 400
        page = parse_html(response)
        form = page.find("form", class_="newsletter-form-page")
        assert form.find("div", class_="invalid-feedback").text == message
        field = form.find("input", name="email")
        assert "is-invalid" in field.attrs["class"]
        if email.strip():
            assert field.attrs["value"].strip() == email.strip()
        assert "<script>alert(1)</script>" not in response.content.decode()
        assert not Subscriber.objects.exists()
        assert mail.outbox == []

    @pytest.mark.parametrize("method", ["put", "delete", "patch"])
    def test_other_methods_are_refused(self, client, method):
        assert getattr(client, method)("/newsletter/subscribe/").status_code == 405

    def test_the_check_inbox_page_only_answers_get(self, client):
        assert client.get("/newsletter/check-your-inbox/").status_code == 200
        assert client.post("/newsletter/check-your-inbox/").status_code == 405

    def test_the_sign_up_page_works_on_its_own(self, client):
        page = parse_html(client.get("/newsletter/subscribe/?from=/articles/sciatica/"))
        form = page.find("form", class_="newsletter-form-page")
        assert form.find("input", name="source").attrs["value"] == "/articles/sciatica/"
        assert not page.find_all("aside", class_="newsletter-footer")  # one box on this page is enough


class TestCsrf:
    def test_a_missing_token_shows_the_form_again_with_the_address_and_a_working_token(
        self, django_capture_on_commit_callbacks
    ):
        visitor = Client(enforce_csrf_checks=True)
        # A page from a cache, or a browser that dropped its cookie: no valid token.
        refused = visitor.post("/newsletter/subscribe/", {"email": "reader@example.com", "source": "/x/"})
        assert refused.status_code == 403
        form = parse_html(refused).find("form", class_="newsletter-form-page")
        assert form.find("input", name="email").attrs["value"] == "reader@example.com"
        assert form.find("input", name="source").attrs["value"] == "/x/"
        assert "press “Sign Me Up!” once more" in refused.content.decode()
        assert not Subscriber.objects.exists()

        token = form.find("input", name="csrfmiddlewaretoken").attrs["value"]
        with django_capture_on_commit_callbacks(execute=True):
            again = visitor.post(
                "/newsletter/subscribe/", {"email": "reader@example.com", "csrfmiddlewaretoken": token}
            )
        assert again.status_code == 303
        assert len(sent_to("reader@example.com")) == 1

    def test_other_forms_keep_the_plain_csrf_page(self):
        # The confirmation button's form is on a page made for one visitor, with its own token.
        response = Client(enforce_csrf_checks=True).post("/newsletter/confirm/anything/")
        assert response.status_code == 403
        assert "Your form expired" in response.content.decode()


class TestErasure:
    def test_an_erased_address_is_forgotten_but_stays_blocked_even_after_a_key_rotation(
        self, sign_up, settings
    ):
        subscriber = make_subscriber("reader@example.com", Status.CONFIRMED, signup_ip="198.51.100.7")
        subscriber.record(Kind.CONFIRMED, ip="198.51.100.7")

        assert personal_data_erase(email="Reader@Example.com") is True

        assert not Subscriber.objects.exists()
        events = list(SubscriptionEvent.objects.values_list("subscriber", "kind", "ip"))
        assert events == [(None, Kind.CONFIRMED, None), (None, Kind.ERASED, None)]
        assert "reader" not in str(list(SuppressedAddress.objects.values_list("digest", "reason")))
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789-abcdefghij"
        sign_up("reader@example.com")
        assert mail.outbox == []
        assert not Subscriber.objects.exists()

    def test_erasing_an_address_never_subscribed_blocks_nothing(self, sign_up):
        assert personal_data_erase(email="stranger@example.com") is False
        sign_up("stranger@example.com")
        assert len(mail.outbox) == 1
