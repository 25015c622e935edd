"""Small readers for the environment contract (DESIGN §5).

Each helper takes the environment as an argument so tests can pass a plain dict, and raises
ImproperlyConfigured with a sentence an operator can act on when a value makes no sense: a typo
in production must stop the start-up, not quietly change behaviour.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

Environ = Mapping[str, str]

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool, environ: Environ = os.environ) -> bool:
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={environ[name]!r} is not a yes/no value: use one of 1, true, yes, on, 0, false, no, off."
    )


def env_str(name: str, default: str, environ: Environ = os.environ) -> str:
    return environ.get(name, "").strip() or default


def env_choice(name: str, default: str, choices: list[str], environ: Environ = os.environ) -> str:
    value = environ.get(name, "").strip() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


def env_float(
    name: str, default: float, minimum: float, maximum: float, environ: Environ = os.environ
) -> float:
    raw = environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number.") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be between {minimum} and {maximum}.")
    return value


def env_int(name: str, default: int, minimum: int, maximum: int, environ: Environ = os.environ) -> int:
    raw = environ.get(name, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be between {minimum} and {maximum}.")
    return value


def env_list(name: str, default: str, environ: Environ = os.environ) -> list[str]:
    items = [item.strip() for item in environ.get(name, default).split(",")]
    return [item for item in items if item]


def env_site_url(name: str, default: str, environ: Environ = os.environ) -> str:
    value = environ.get(name, default).strip()
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name}={value!r} must be an absolute http(s) URL such as https://example.com."
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name}={value!r} must be the site's root URL, without a path, query or fragment."
        )
    return f"{parts.scheme}://{parts.netloc}"


def env_time_zone(name: str, default: str, environ: Environ = os.environ) -> str:
    value = environ.get(name, default).strip()
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a known time zone; use a name such as America/New_York."
        ) from None
    return value


def env_secret_key(debug: bool, environ: Environ = os.environ) -> str:
    key = environ.get("DJANGO_SECRET_KEY", "").strip()
    if key:
        if not debug and len(key) < 32:
            raise ImproperlyConfigured(
                "DJANGO_SECRET_KEY is too short to be safe: use at least 32 random characters."
            )
        return key
    if debug:
        return "django-insecure-development-only-never-use-in-production"
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off; generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )


def sqlite_options() -> dict:
    # WAL lets readers (the web server) work while the worker writes; IMMEDIATE takes the write
    # lock when a transaction starts, so two writers queue on the busy timeout instead of one
    # failing mid-transaction with "database is locked" (SQLite cannot retry a deferred upgrade).
    return {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


def env_database(name: str, default_sqlite_path: Path, environ: Environ = os.environ) -> dict:
    url = environ.get(name, "").strip() or f"sqlite:///{default_sqlite_path}"
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} is not a database URL we understand ({error}); use sqlite:///path or "
            "postgres://user@host:5432/name."
        ) from None
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        if not config["NAME"] or config["NAME"] == ":memory:":
            raise ImproperlyConfigured(f"{name} must name an SQLite file, e.g. sqlite:///var/db.sqlite3.")
        # Kept open between requests like PostgreSQL's (conn_max_age above): opening the file and
        # running the PRAGMAs again cost about 2.4 ms a request under gunicorn. An idle connection
        # holds no snapshot, so it keeps no WAL checkpoint from completing.
        config["OPTIONS"] = {**sqlite_options(), **config.get("OPTIONS", {})}
    elif engine != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"{name} must point at SQLite or PostgreSQL, not {engine}.")
    return config


def _redis_url(name: str, environ: Environ) -> str:
    url = environ.get(name, "").strip()
    if url and urlsplit(url).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(f"{name}={url!r} must be a redis:// or rediss:// URL.")
    return url


def env_cache(name: str, environ: Environ = os.environ) -> dict:
    url = _redis_url(name, environ)
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "healthyback",
        "OPTIONS": {
            # The cache only speeds things up and counts rate limits: when Redis is down the site
            # keeps serving (misses, no throttling) rather than failing every request.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


def env_page_cache(name: str, folder: Path, environ: Environ = os.environ) -> dict:
    """The page cache's store: the same Redis as the default cache, so that every process and
    machine sees one content generation. Without Redis, files in `folder`: shared by the processes
    of one machine (gunicorn's workers, the background worker that imports articles and makes
    image renditions), which a cache in each process's memory would not be. Errors are not ignored
    here: core.pagecache catches them itself, to stop asking a Redis that is down."""
    url = _redis_url(name, environ)
    if not url:
        return {
            "BACKEND": "core.filecache.PageFileCache",
            "LOCATION": str(folder),
            # Every write says how long it keeps; this one is for incr(), which here rewrites the
            # generation with the default timeout (Redis and local memory keep the key's own).
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "healthyback-pages",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }


def env_email(name: str, environ: Environ = os.environ) -> dict:
    """Email settings from `console:`, `smtp://host:port` or `smtp+tls://user:pass@host:587`."""
    url = environ.get(name, "").strip() or "console:"
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in {"smtp", "smtp+tls", "smtp+ssl"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name} must look like console:, smtp://host:25, smtp+tls://user:password@host:587 "
            "or smtp+ssl://user:password@host:465."
        )
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number.") from None
    default_port = {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}[parts.scheme]
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or default_port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtp+ssl",
        # A stuck mail server must not hold a worker forever.
        "EMAIL_TIMEOUT": 15,
    }


def env_recaptcha_keys(debug: bool, environ: Environ = os.environ) -> tuple[str, str]:
    public = environ.get("RECAPTCHA_PUBLIC_KEY", "").strip()
    private = environ.get("RECAPTCHA_PRIVATE_KEY", "").strip()
    if public and private:
        return public, private
    if public or private:
        raise ImproperlyConfigured("Set both RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY, or neither.")
    if debug:
        # Google's published test keys: every check passes. Never acceptable in production.
        return (
            "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI",
            "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
        )
    raise ImproperlyConfigured(
        "RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY must be set when DJANGO_DEBUG is off; "
        "create keys at https://www.google.com/recaptcha/admin."
    )
