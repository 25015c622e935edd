"""Optional invisible reCAPTCHA (v3) on the sign-up box: off by default, loaded only on use, and
never a reason to lose a sign-up when Google cannot be reached."""

import urllib.error
from unittest import mock

import pytest
from django.core import mail
from django_recaptcha.client import RecaptchaResponse

from newsletter.models import Subscriber
from tests.html import parse_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def recaptcha_on(settings):
    settings.NEWSLETTER_RECAPTCHA = True
    settings.RECAPTCHA_SCORE_THRESHOLD = 0.5


def google_says(**answer):
    return mock.patch("django_recaptcha.client.submit", return_value=RecaptchaResponse(**answer))


def test_it_is_off_by_default(client, sign_up):
    page = parse_html(client.get("/"))
    assert not page.find_all("div", class_="recaptcha-slot")
    sign_up("reader@example.com")
    assert len(mail.outbox) == 1


def test_when_on_the_box_has_a_placeholder_and_no_google_script(client, recaptcha_on):
    response = client.get("/")
    slot = parse_html(response).find("aside", class_="newsletter-footer").find("div", class_="recaptcha-slot")
    assert slot.attrs["data-sitekey"] == "test-recaptcha-public-key"
    assert "google.com/recaptcha/api.js" not in response.content.decode()  # newsletter.js loads it on use


def test_a_good_score_signs_up(sign_up, recaptcha_on):
    with google_says(is_valid=True, extra_data={"score": 0.9}) as google:
        response = sign_up("reader@example.com", **{"g-recaptcha-response": "token"})
    assert response.status_code == 303
    assert google.call_args.kwargs["recaptcha_response"] == "token"
    assert Subscriber.objects.filter(email="reader@example.com").exists()


def test_a_low_score_is_refused_with_the_address_kept(sign_up, recaptcha_on):
    with google_says(is_valid=True, extra_data={"score": 0.1}):
        response = sign_up("reader@example.com", **{"g-recaptcha-response": "token"})
    assert response.status_code == 400
    assert parse_html(response).find("input", name="email").attrs["value"] == "reader@example.com"
    assert "The “I'm not a robot” check failed" in parse_html(response).find(class_="form-errors").text
    assert not Subscriber.objects.exists()


def test_without_javascript_the_visitor_is_told_why(sign_up, recaptcha_on):
    response = sign_up("reader@example.com")
    assert response.status_code == 400
    assert "Signing up needs JavaScript" in response.content.decode()


@pytest.mark.parametrize("failure", [urllib.error.URLError("down"), TimeoutError("slow")])
def test_google_unreachable_does_not_lose_the_sign_up(sign_up, recaptcha_on, failure):
    with mock.patch("django_recaptcha.client.submit", side_effect=failure):
        response = sign_up("reader@example.com", **{"g-recaptcha-response": "token"})
    assert response.status_code == 303
    assert len(mail.outbox) == 1


def test_google_script_blocked_in_the_browser_and_google_down_for_us_does_not_lose_the_sign_up(
    sign_up, recaptcha_on
):
    with mock.patch("django_recaptcha.client.submit", side_effect=urllib.error.URLError("down")):
        response = sign_up("reader@example.com", captcha_unavailable="1")
    assert response.status_code == 303
    assert len(mail.outbox) == 1


def test_claiming_the_script_was_blocked_while_google_answers_us_is_no_bypass(sign_up, recaptcha_on):
    with google_says(is_valid=False, error_codes=["missing-input-response"]):
        response = sign_up("reader@example.com", captcha_unavailable="1")
    assert response.status_code == 400
    assert "did not load in your browser" in response.content.decode()
    assert 'value="reader@example.com"' in response.content.decode()
    assert len(mail.outbox) == 0
