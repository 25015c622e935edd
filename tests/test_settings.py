"""The environment contract (DESIGN §5): good values are read, nonsense stops the start-up."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from healthyback import env

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("on", True),
        ("TRUE", True),
        (" yes ", True),
        ("0", False),
        ("off", False),
        ("False", False),
        ("", False),
    ],
)
def test_env_bool_reads_yes_and_no_words(raw, expected):
    assert env.env_bool("DJANGO_DEBUG", default=not expected, environ={"DJANGO_DEBUG": raw}) is expected


def test_env_bool_uses_the_default_when_unset():
    assert env.env_bool("DJANGO_DEBUG", default=True, environ={}) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "yep", "debug"])
def test_env_bool_rejects_nonsense(raw):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env.env_bool("DJANGO_DEBUG", default=False, environ={"DJANGO_DEBUG": raw})


def test_env_list_splits_and_trims():
    environ = {"DJANGO_ALLOWED_HOSTS": " example.com, www.example.com ,,"}
    assert env.env_list("DJANGO_ALLOWED_HOSTS", "", environ) == ["example.com", "www.example.com"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("https://example.com/", "https://example.com"), ("http://127.0.0.1:8000", "http://127.0.0.1:8000")],
)
def test_site_url_is_normalised(raw, expected):
    assert env.env_site_url("SITE_URL", "", {"SITE_URL": raw}) == expected


@pytest.mark.parametrize("raw", ["example.com", "ftp://example.com", "https://example.com/blog", "https://"])
def test_site_url_rejects_anything_but_a_root_url(raw):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        env.env_site_url("SITE_URL", "", {"SITE_URL": raw})


def test_time_zone_must_exist():
    assert env.env_time_zone("TIME_ZONE", "UTC", {"TIME_ZONE": "Europe/Paris"}) == "Europe/Paris"
    with pytest.raises(ImproperlyConfigured, match="TIME_ZONE"):
        env.env_time_zone("TIME_ZONE", "UTC", {"TIME_ZONE": "Mars/Olympus_Mons"})


def test_secret_key_is_required_and_long_in_production():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY must be set"):
        env.env_secret_key(debug=False, environ={})
    with pytest.raises(ImproperlyConfigured, match="too short"):
        env.env_secret_key(debug=False, environ={"DJANGO_SECRET_KEY": "short"})
    assert env.env_secret_key(debug=False, environ={"DJANGO_SECRET_KEY": "k" * 50}) == "k" * 50
    assert env.env_secret_key(debug=True, environ={}).startswith("django-insecure")


def test_database_defaults_to_sqlite_in_wal_mode_with_immediate_transactions(tmp_path):
    config = env.env_database("DATABASE_URL", tmp_path / "db.sqlite3", environ={})
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5
    assert config["CONN_MAX_AGE"] == 60  # opened once per thread, not once per request


def test_database_reads_a_postgres_url(tmp_path):
    environ = {"DATABASE_URL": "postgres://app:s3cret@db.internal:5433/healthyback"}
    config = env.env_database("DATABASE_URL", tmp_path / "db.sqlite3", environ)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "healthyback")
    assert (config["USER"], config["PASSWORD"]) == ("app", "s3cret")


@pytest.mark.parametrize("raw", ["mysql://root@localhost/app", "nonsense://x", "sqlite://:memory:"])
def test_database_rejects_other_engines_and_garbage(raw, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.env_database("DATABASE_URL", tmp_path / "db.sqlite3", {"DATABASE_URL": raw})


def test_cache_is_local_memory_unless_redis_is_given():
    assert env.env_cache("REDIS_URL", {})["BACKEND"].endswith("LocMemCache")
    config = env.env_cache("REDIS_URL", {"REDIS_URL": "redis://127.0.0.1:6379/1"})
    assert config["BACKEND"] == "django_redis.cache.RedisCache"
    assert config["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        env.env_cache("REDIS_URL", {"REDIS_URL": "http://127.0.0.1:6379"})


def test_email_url_forms():
    assert env.env_email("EMAIL_URL", {})["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = env.env_email("EMAIL_URL", {"EMAIL_URL": "smtp://mail.internal:2525"})
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == ("mail.internal", 2525, False)
    tls = env.env_email("EMAIL_URL", {"EMAIL_URL": "smtp+tls://me%40x.org:p%2Fss@smtp.x.org:587"})
    assert tls["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert (tls["EMAIL_HOST_USER"], tls["EMAIL_HOST_PASSWORD"]) == ("me@x.org", "p/ss")
    assert tls["EMAIL_USE_TLS"] is True
    assert env.env_email("EMAIL_URL", {"EMAIL_URL": "smtp+ssl://smtp.x.org"})["EMAIL_PORT"] == 465


@pytest.mark.parametrize("raw", ["sendmail://x", "smtp://", "smtp://host:port"])
def test_email_url_rejects_garbage(raw):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        env.env_email("EMAIL_URL", {"EMAIL_URL": raw})


def test_recaptcha_uses_test_keys_only_in_debug():
    public, _ = env.env_recaptcha_keys(debug=True, environ={})
    assert public == "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"
    with pytest.raises(ImproperlyConfigured, match="RECAPTCHA_PUBLIC_KEY"):
        env.env_recaptcha_keys(debug=False, environ={})
    with pytest.raises(ImproperlyConfigured, match="both"):
        env.env_recaptcha_keys(debug=False, environ={"RECAPTCHA_PUBLIC_KEY": "only-one"})


def start_django(environ: dict[str, str]) -> subprocess.CompletedProcess:
    """Load the real settings in a fresh interpreter, as `manage.py` or gunicorn would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "RECAPTCHA_"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=PROJECT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "healthyback.settings", **environ},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_a_secret_key_fails_with_one_clear_sentence():
    result = start_django({"DJANGO_DEBUG": "0"})
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set")


def test_debug_maybe_stops_the_start_up():
    result = start_django({"DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG='maybe' is not a yes/no value" in result.stderr


def test_production_starts_with_its_secrets_given():
    result = start_django(
        {
            "DJANGO_DEBUG": "off",
            "DJANGO_SECRET_KEY": "x" * 50,
            "RECAPTCHA_PUBLIC_KEY": "public",
            "RECAPTCHA_PRIVATE_KEY": "private",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_development_starts_with_nothing_set():
    result = start_django({"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_the_page_cache_is_redis_or_files_every_process_shares(tmp_path):
    assert env.env_page_cache("REDIS_URL", tmp_path, {})["LOCATION"] == str(tmp_path)
    config = env.env_page_cache("REDIS_URL", tmp_path, {"REDIS_URL": "redis://127.0.0.1:6379/1"})
    assert config["BACKEND"] == "django_redis.cache.RedisCache"
    assert "IGNORE_EXCEPTIONS" not in config["OPTIONS"]  # core.pagecache handles them


@pytest.mark.django_db
def test_the_content_generation_outlives_the_default_timeout():
    from django.core.cache import caches

    from core import pagecache

    pagecache.invalidate()
    pagecache.invalidate()
    store = caches["pages"]
    generation = store.get(pagecache.GENERATION)
    with time_machine.travel(timezone.now() + timedelta(days=2), tick=False):
        assert store.get(pagecache.GENERATION) == generation
