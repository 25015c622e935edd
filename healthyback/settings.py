"""Settings for healthyback, read from the environment (see README "Environment").

Development defaults are safe; production (DJANGO_DEBUG off) refuses to start without the secrets
it needs. The parsing helpers live in healthyback/env.py.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF

from healthyback.env import (
    env_bool,
    env_cache,
    env_choice,
    env_database,
    env_email,
    env_float,
    env_int,
    env_list,
    env_page_cache,
    env_recaptcha_keys,
    env_secret_key,
    env_site_url,
    env_str,
    env_time_zone,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_secret_key(DEBUG)
# Keep the previous key here after a rotation so links already emailed keep working.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", default="")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default="127.0.0.1,localhost")
SITE_URL = env_site_url("SITE_URL", default="http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = [SITE_URL]
# How many proxies in front of the app append to X-Forwarded-For (see core.http.client_ip).
TRUSTED_PROXIES = int(env_choice("DJANGO_TRUSTED_PROXIES", default="0", choices=["0", "1", "2", "3"]))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "django_prose_editor",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_recaptcha",
    # Before django_tasks_db: its `db_worker` command is core's (core.worker).
    "core",
    "healthyback",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "reversion",
    "articles",
    "comments",
    "wordpress_import",
    "newsletter",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so a stored page skips everything below; it stores what the rest of the stack made.
    "core.pagecache.PageCacheMiddleware",
    # Inside the page cache, so stored pages are already compressed for each encoding.
    "core.compression.CompressionMiddleware",
    "core.http.FormEncodingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A 404 at an old address (a renamed article, an imported WordPress permalink) becomes a 301.
    "articles.redirects.OldAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns locked-out admin logins into 429 responses.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "healthyback.urls"
CSRF_FAILURE_VIEW = "healthyback.views.csrf_failure"
# Widgets render with the project's templates too (the comment form's reCAPTCHA placeholder).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "healthyback.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "healthyback.context_processors.site",
                "newsletter.context_processors.newsletter",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", default_sqlite_path=VAR_DIR / "db.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # A file, not Django's default in-memory test database, so the real worker process started
    # by the worker test can see the tasks the test enqueues.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env_cache("REDIS_URL"),
    "pages": env_page_cache("REDIS_URL", folder=VAR_DIR / "page-cache"),
}
# The anonymous page cache (core.pagecache): how long a stored page may be served. Every
# change a reader can see invalidates pages at once; this bounds the rest (comments closing by date,
# a Redis that missed an invalidation). 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", default=300, minimum=0, maximum=24 * 60 * 60)

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

globals().update(env_email("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="Healthy Back <newsletter@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# First wait before the worker tries again when the mail server is down (doubling, up to an hour).
EMAIL_RETRY_SECONDS = env_float("EMAIL_RETRY_SECONDS", default=60, minimum=0.1, maximum=3600)
# A worker writes a heartbeat this often; one silent for WORKER_STALE_SECONDS is taken for dead and
# the task it was running is run again by another (core.worker).
WORKER_HEARTBEAT_SECONDS = env_float("WORKER_HEARTBEAT_SECONDS", default=10, minimum=0.1, maximum=300)
WORKER_STALE_SECONDS = env_float("WORKER_STALE_SECONDS", default=60, minimum=0.5, maximum=3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "core.auth.AccountGuessingBrake",
    "django.contrib.auth.backends.ModelBackend",
]
# Only staff sign in, at the admin; a refused `next` lands there too, not on /accounts/profile/.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# A staff session ends after this long without use (readers' sessions, which only list their own
# comments awaiting moderation, keep Django's two weeks).
STAFF_SESSION_SECONDS = 12 * 60 * 60
# Admin login throttling: 5 failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Guessing one account from many addresses: past this many failures in the cool-off from addresses
# the account never signed in from, sign-in for it from such addresses pauses (core.auth).
ACCOUNT_GUESS_LIMIT = 20
# The visitor's own address, also behind DJANGO_TRUSTED_PROXIES proxies: keyed on REMOTE_ADDR, five
# wrong passwords from anywhere would lock every real user behind the same proxy out.
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_time_zone("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# WordPress exports uploaded in the admin wait here for the worker (private: never served).
WORDPRESS_IMPORT_ROOT = Path(env_str("WORDPRESS_IMPORT_ROOT", default=str(VAR_DIR / "imports")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Privacy: how long commenters' IP address and browser are kept, and spam and removed comments.
COMMENT_DETAILS_DAYS = 60
# Held comments emailed one by one to moderators in an hour; beyond it (a flood of bots, or Google
# unreachable) they go into the hourly summary, so moderators' inboxes stay usable.
MODERATION_EMAILS_PER_HOUR = env_int("MODERATION_EMAILS_PER_HOUR", default=10, minimum=0, maximum=10_000)
COMMENT_SPAM_DAYS = 30

# Medical review policy: a published article is due for review when its last completed review is
# older than this (or it was never reviewed).
MEDICAL_REVIEW_MONTHS = env_int("MEDICAL_REVIEW_MONTHS", default=12, minimum=1, maximum=120)

# Newsletter. The postal address in every email's footer is required by anti-spam laws (CAN-SPAM).
# (newsletter.W001 warns while it is the placeholder and debug is off.)
NEWSLETTER_POSTAL_ADDRESS = env_str(
    "NEWSLETTER_POSTAL_ADDRESS", default="Healthy Back, 100 Example Street, Springfield, ST 00000, USA"
)
# Sign-up requests one IP address may make per window (the per-address limit is separate).
NEWSLETTER_SIGNUPS_PER_IP = 10
NEWSLETTER_IP_WINDOW_SECONDS = 60 * 60
# Every sign-up answer, whatever the address's state, waits at least this long after its work began, so
# that timing cannot tell an erased or suppressed address from a new one (a new one's full work takes
# 15-25 ms here; bench/signup_timing.py measures each branch).
NEWSLETTER_SIGNUP_ANSWER_SECONDS = env_float(
    "NEWSLETTER_SIGNUP_ANSWER_SECONDS", default=0.1, minimum=0, maximum=5
)
# Optional invisible reCAPTCHA (v3) on the sign-up box; Google's script loads only when it is used.
NEWSLETTER_RECAPTCHA = env_bool("NEWSLETTER_RECAPTCHA", default=False)
# Campaigns go out in batches of this many messages (one worker task each, so other email is not
# held up behind a big send), at most NEWSLETTER_SEND_RATE messages a second (0: no limit). Match
# them to the mail provider's limits: Amazon SES, for one, starts accounts at 14 a second.
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", default=100, minimum=1, maximum=10_000)
NEWSLETTER_SEND_RATE = env_float("NEWSLETTER_SEND_RATE", default=10, minimum=0, maximum=10_000)
# A sending campaign with no sign of life for this long is resumed by the worker's schedule (a
# worker's own death is noticed sooner: its task runs again, see WORKER_STALE_SECONDS), by
# `manage.py send_campaigns` or by the admin's "Resume sending" button.
NEWSLETTER_STALLED_AFTER = timedelta(minutes=10)

# Periodic jobs, enqueued by the background workers themselves (core.schedule), each once per
# period however many workers run: "every" N seconds, or "daily_at" HH:MM in TIME_ZONE. The admin
# lists them under "Periodic jobs", with when each last ran and runs next.
PERIODIC_JOBS = {
    "resume stalled campaigns": {"task": "newsletter.tasks.resume_stalled_campaigns", "every": 60},
    "summary of held comments": {"task": "comments.tasks.send_held_comments_summary", "every": 3600},
    "purge comment data": {"task": "comments.tasks.purge_comment_data", "daily_at": "03:15"},
    "purge newsletter data": {"task": "newsletter.tasks.purge_newsletter_data", "daily_at": "03:30"},
    "moderation digests": {"task": "comments.tasks.send_daily_moderation_digests", "daily_at": "08:00"},
}

# The rich-text editor's "Insert image" opens this admin view (the articles app's image library).
RICH_TEXT_IMAGE_PICKER = "admin:articles_libraryimage_picker"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

RECAPTCHA_PUBLIC_KEY, RECAPTCHA_PRIVATE_KEY = env_recaptcha_keys(DEBUG)
# Google's answer is awaited inside a visitor's request: fail fast and let the form handle it.
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 3
# "v2": the "I'm not a robot" checkbox; "v3": invisible, with a score threshold (0.0-1.0).
RECAPTCHA_VERSION = env_choice("RECAPTCHA_VERSION", default="v2", choices=["v2", "v3"])
RECAPTCHA_SCORE_THRESHOLD = env_float("RECAPTCHA_SCORE_THRESHOLD", default=0.5, minimum=0.0, maximum=1.0)
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"] if DEBUG else []

# Security headers. Behind TLS (DJANGO_HTTPS=1) also redirect, send HSTS and mark cookies secure;
# off by default so plain-http runs on 127.0.0.1 work.
HTTPS = env_bool("DJANGO_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
# A load balancer's health probe speaks plain http to the server itself: it must see 200 or 503.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# HSTS preload is opt-in (DJANGO_HSTS_PRELOAD=1). Once the domain is on the browsers' list, every
# subdomain must serve https for as long as the browsers ship that list: leaving it takes months
# and the operator cannot make a subdomain plain http again in the meantime. Only the operator
# knows all their subdomains, so the site does not decide it for them; declining is itself the
# decision, which is why `check --deploy` is told not to ask for it (security.W021, README).
SECURE_HSTS_PRELOAD = HTTPS and env_bool("DJANGO_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page here uses, refused to every page and to any frame in one (reCAPTCHA's
# included), so that injected or third-party code cannot ask for them either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "browsing-topics", "camera",
        "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "magnetometer",
        "microphone", "midi", "payment", "serial", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Google's reCAPTCHA, loaded by the comment form only once a visitor starts using it.
        "script-src": [SELF, "https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"],
        "frame-src": ["https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF, "https://www.google.com/recaptcha/"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "filters": {"redact_tokens": {"()": "core.log.RedactTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_tokens"]},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    # Django's own default handlers are dropped so that every record is printed once, by root.
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": [], "level": "INFO"},
        # django-axes reports every sign-in at INFO; lock-outs (WARNING) are what matter.
        "axes": {"level": "WARNING"},
        # Scanners send any Host header; each one is answered 400, and an ERROR apiece would bury
        # the errors that need someone.
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}
