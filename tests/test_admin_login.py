"""The admin sign-in is throttled: guessing passwords stops after a few tries."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from pytest_django.asserts import assertContains


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("editor", password="correct horse battery", is_staff=True)


def sign_in(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password})


def test_the_right_password_signs_in(client, editor):
    response = sign_in(client, "correct horse battery")

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_repeated_wrong_passwords_lock_the_sign_in_with_a_clear_page(client, editor):
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200

    locked = sign_in(client, "wrong")
    assertContains(locked, "<h1>Too many sign-in attempts</h1>", html=True, status_code=429)

    # Even the right password is refused while locked, so guessing cannot continue.
    assert sign_in(client, "correct horse battery").status_code == 429


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/admin/", ""])
def test_a_refused_next_address_lands_on_the_admin(client, editor, next_url):
    response = client.post(
        f"/admin/login/?next={next_url}", {"username": "editor", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_a_staff_session_ends_after_half_a_day_without_use(client, editor, settings):
    sign_in(client, "correct horse battery")
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_SECONDS == 12 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 60 * 60  # readers' held-comment lists keep theirs


def test_behind_a_proxy_a_guesser_locks_only_their_own_address(editor, settings):
    from django.test import Client

    settings.TRUSTED_PROXIES = 1
    # Both come through the same proxy (REMOTE_ADDR), which names each visitor in X-Forwarded-For.
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    admin = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _ in range(5):
        sign_in(guesser, "wrong")
    assert sign_in(guesser, "correct horse battery").status_code == 429

    response = sign_in(admin, "correct horse battery")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def client_at(address: str):
    from django.test import Client

    return Client(REMOTE_ADDR=address)


def test_guessing_one_account_from_many_addresses_is_paused(editor, settings):
    settings.ACCOUNT_GUESS_LIMIT = 20
    # The owner signed in from their office once.
    assert sign_in(client_at("198.51.100.7"), "correct horse battery").status_code == 302

    # Four guesses from each of five addresses stay under axes's per-address lock (5)...
    for host in range(1, 6):
        guesser = client_at(f"203.0.113.{host}")
        for _ in range(4):
            assert sign_in(guesser, "wrong").status_code == 200
    # ... but add up to the account's limit: the next guess from any new address is refused,
    # even with the right password, so guessing cannot go on.
    paused = sign_in(client_at("203.0.113.99"), "correct horse battery")
    assertContains(paused, "many wrong passwords from other places", status_code=429)
    assert sign_in(client_at("203.0.113.1"), "wrong").status_code == 429

    # The owner, from a place they signed in from before, is not locked out.
    response = sign_in(client_at("198.51.100.7"), "correct horse battery")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_the_pause_ends_after_the_cool_off(editor, settings):
    import time_machine
    from django.utils import timezone

    settings.ACCOUNT_GUESS_LIMIT = 4
    for host in range(1, 5):
        sign_in(client_at(f"203.0.113.{host}"), "wrong")
    assert sign_in(client_at("192.0.2.10"), "correct horse battery").status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert sign_in(client_at("192.0.2.10"), "correct horse battery").status_code == 302


def test_other_accounts_are_not_paused_by_guesses_at_one(editor, settings):
    get_user_model().objects.create_user("reviewer", password="another long passphrase", is_staff=True)
    settings.ACCOUNT_GUESS_LIMIT = 4
    for host in range(1, 5):
        sign_in(client_at(f"203.0.113.{host}"), "wrong")
    response = client_at("192.0.2.10").post(
        "/admin/login/?next=/admin/", {"username": "reviewer", "password": "another long passphrase"}
    )
    assert response.status_code == 302
