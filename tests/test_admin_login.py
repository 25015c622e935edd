"""The admin sign-in is throttled: guessing passwords stops after a few tries."""

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
